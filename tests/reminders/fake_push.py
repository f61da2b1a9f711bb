"""A Web Push service on loopback: checks VAPID, decrypts aes128gcm, answers as told."""

import base64
import json
import os
import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from py_vapid import Vapid02


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@dataclass
class Received:
    path: str
    headers: dict
    vapid_ok: bool
    vapid_key: str
    payload: dict | None
    status: int

    @property
    def topic(self) -> str:
        return self.headers.get("topic", "")


@dataclass
class Subscriber:
    name: str
    private_key: ec.EllipticCurvePrivateKey
    auth: bytes
    endpoint: str

    def info(self) -> dict:
        public = self.private_key.public_key().public_bytes(
            Encoding.X962, PublicFormat.UncompressedPoint
        )
        return {
            "endpoint": self.endpoint,
            "keys": {"p256dh": b64url(public), "auth": b64url(self.auth)},
        }

    def private_number(self) -> int:
        return self.private_key.private_numbers().private_value


@dataclass
class FakePushService:
    """Answers 201 unless `script[path]` lists statuses to use first (429 gets Retry-After)."""

    received: list[Received] = field(default_factory=list)
    script: dict[str, list[int]] = field(default_factory=dict)
    retry_after: str = "0"
    hang_on: int | None = None  # the n-th request (1-based) waits until `release` is set
    release: threading.Event = field(default_factory=threading.Event)
    hung: threading.Event = field(default_factory=threading.Event)
    subscribers: dict[str, Subscriber] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self, address=("127.0.0.1", 0), tls=None) -> "FakePushService":
        """Serve on `address` in a thread; over TLS with `tls` (an ssl.SSLContext, as the
        production test's push host does, deploy/test_deploy.py)."""
        service = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                service.handle(self, body)

        self.server = ThreadingHTTPServer(address, Handler)
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        # shutdown() waits for serve_forever to look at its flag, every poll_interval: 0.5 s by
        # default, half a second at the end of each test that uses the service.
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self.thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def subscriber(self, name: str) -> Subscriber:
        subscriber = Subscriber(
            name=name,
            private_key=ec.generate_private_key(ec.SECP256R1()),
            auth=os.urandom(16),
            endpoint=f"{self.origin}/push/{name}",
        )
        self.subscribers[f"/push/{name}"] = subscriber
        return subscriber

    def handle(self, request: BaseHTTPRequestHandler, body: bytes) -> None:
        headers = {k.lower(): v for k, v in request.headers.items()}
        authorization = headers.get("authorization", "")
        try:
            vapid_ok = bool(Vapid02.verify(authorization))
            vapid_key = authorization.split("k=", 1)[1].split(",")[0]
        except Exception:  # noqa: BLE001
            vapid_ok, vapid_key = False, ""
        payload = None
        subscriber = self.subscribers.get(request.path)
        if subscriber is not None:
            try:
                plain = http_ece.decrypt(
                    body,
                    private_key=subscriber.private_key,
                    auth_secret=subscriber.auth,
                    version="aes128gcm",
                )
                payload = json.loads(plain)
            except Exception:  # noqa: BLE001
                payload = None
        with self.lock:
            queue = self.script.get(request.path, [])
            status = queue.pop(0) if queue else 201
            self.received.append(
                Received(request.path, headers, vapid_ok, vapid_key, payload, status)
            )
            number = len(self.received)
        if self.hang_on == number:
            self.hung.set()
            self.release.wait(30)
        try:
            request.send_response(status)
            if status == 429:
                request.send_header("Retry-After", self.retry_after)
            request.send_header("Content-Length", "0")
            request.end_headers()
        except OSError:
            pass  # the sender is gone (killed while waiting)

    def accepted(self) -> list[Received]:
        with self.lock:
            return [r for r in self.received if r.status in (201, 202)]

    def per_reminder(self) -> Counter:
        return Counter(r.payload["reminder"] for r in self.accepted() if r.payload)

    def shown_on_device(self) -> Counter:
        """What a phone would show: copies with the same Topic collapse into one."""
        return Counter(
            r.payload["reminder"] for r in {r.topic: r for r in self.accepted()}.values()
        )
