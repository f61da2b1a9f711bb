"""Gunicorn's settings for `make run` and the benchmarks (bench/serve.py); gunicorn reads this
file from the folder it starts in. Each can be changed from the environment.

gthread workers keep a client's connection open between requests (keep-alive), which sync
workers cannot: a phone on a slow network then skips a new TCP (and TLS) handshake for each
screen. `make bench` measured both; the README gives the figures.
"""

import os

from lumpguide.env import env_bool

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = os.environ.get("LUMPGUIDE_WORKER_CLASS", "gthread")
threads = int(os.environ.get("LUMPGUIDE_THREADS", "4"))
keepalive = int(os.environ.get("LUMPGUIDE_KEEPALIVE", "5"))

# Gunicorn takes https from X-Forwarded-Proto only behind a proxy that sets it (as Django
# does, DJANGO_BEHIND_PROXY), and then only from the proxy's own addresses (FORWARDED_ALLOW_IPS,
# gunicorn's own variable; loopback by default). Its default trusts 127.0.0.1 always.
forwarded_allow_ips = (
    os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
    if env_bool("DJANGO_BEHIND_PROXY")
    else ""
)
