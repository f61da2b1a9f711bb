"""Draw LumpGuide's app icons as PNG files with the standard library only.

The design: a white rounded bump (a lump) on a horizontal line, on NHS blue.
Run: .venv/bin/python scripts/make_icons.py
"""

import struct
import zlib
from pathlib import Path

BLUE = (0, 94, 184)
WHITE = (255, 255, 255)
OUT = Path(__file__).resolve().parent.parent / "static" / "icons"


def png(width: int, pixels: list[list[tuple[int, int, int, int]]]) -> bytes:
    raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in pixels)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, width, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def inside(x: float, y: float, *, safe: float, rounded: bool) -> tuple[bool, bool]:
    """(in the background shape, in the white mark) for a point in 0..1 coordinates."""
    r = 0.18 if rounded else 0.0
    dx = max(r - x, 0, x - (1 - r))
    dy = max(r - y, 0, y - (1 - r))
    background = dx * dx + dy * dy <= r * r if r else True
    # Coordinates inside the safe zone.
    u = (x - 0.5) / safe + 0.5
    v = (y - 0.5) / safe + 0.5
    line = 0.62 <= v <= 0.70 and 0.12 <= u <= 0.88
    bump = (u - 0.5) ** 2 / 0.23**2 + (v - 0.64) ** 2 / 0.30**2 <= 1 and v <= 0.66
    return background, line or bump


def draw(size: int, *, safe: float, rounded: bool) -> bytes:
    samples = 3
    rows = []
    for j in range(size):
        row = []
        for i in range(size):
            bg = mark = 0
            for sj in range(samples):
                for si in range(samples):
                    x = (i + (si + 0.5) / samples) / size
                    y = (j + (sj + 0.5) / samples) / size
                    b, m = inside(x, y, safe=safe, rounded=rounded)
                    bg += b
                    mark += b and m
            n = samples * samples
            t = mark / max(bg, 1)
            colour = tuple(round(BLUE[k] * (1 - t) + WHITE[k] * t) for k in range(3))
            row.append((*colour, round(255 * bg / n)))
        rows.append(row)
    return png(size, rows)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "icon-192.png").write_bytes(draw(192, safe=1.0, rounded=True))
    (OUT / "icon-512.png").write_bytes(draw(512, safe=1.0, rounded=True))
    (OUT / "icon-maskable-512.png").write_bytes(draw(512, safe=0.7, rounded=False))
    (OUT / "apple-touch-icon.png").write_bytes(draw(180, safe=0.85, rounded=False))


if __name__ == "__main__":
    main()
