#!/usr/bin/env python3
"""Draws the Rubrica mark into extension/icons/icon-{16,32,48,128}.png.

Standard library only: shapes are rasterised with 4x4 supersampling and written as RGBA PNGs
with zlib + struct. The mark is an indigo rounded square with rubric rows: a check on the first
row, plain lines below (the same motif as the inline SVG mark in the popup and dashboard).

Usage: python3 tools/make-icons.py [output-dir]   (default: extension/icons next to this script)
"""

import math
import os
import struct
import sys
import zlib

SIZES = (16, 32, 48, 128)
SUPERSAMPLE = 4
TOP = (0x52, 0x4A, 0xE6)  # gradient from top...
BOTTOM = (0x37, 0x30, 0xA3)  # ...to bottom (the UI accent family)
INK = (0xFF, 0xFF, 0xFF)


def motif(size):
    """Segments of the mark in 24-unit motif space, and the stroke width in pixels."""
    if size <= 16:
        # A bold check over one line: finer rows turn to mush at 16 px.
        check = [((3.5, 9.5), (8.5, 14.5)), ((8.5, 14.5), (19.5, 3.5))]
        lines = [((3.5, 20.5), (20.5, 20.5))]
        width = 2.1
    else:
        check = [((3.6, 7.4), (6.9, 10.7)), ((6.9, 10.7), (12.6, 4.6))]
        lines = [((15.2, 7.8), (20.4, 7.8)), ((3.6, 14.0), (20.4, 14.0)), ((3.6, 19.8), (14.6, 19.8))]
        width = max(2.2, size * 0.066)
    return check + lines, width


def layout(size):
    """(tile inset, corner radius, motif origin, motif scale) in pixels."""
    inset = 0.0 if size <= 32 else size * 0.055
    tile = size - 2 * inset
    radius = tile * 0.24
    pad = tile * (0.15 if size <= 16 else 0.17)
    scale = (tile - 2 * pad) / 24.0
    return inset, radius, inset + pad, scale


def in_rounded_square(x, y, size, inset, radius):
    lo, hi = inset, size - inset
    if x < lo or x > hi or y < lo or y > hi:
        return False
    cx = min(max(x, lo + radius), hi - radius)
    cy = min(max(y, lo + radius), hi - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius * radius


def dist_to_segment(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def render(size):
    """Rows of RGBA bytes for one icon size."""
    inset, radius, origin, scale = layout(size)
    segments, width = motif(size)
    segs = [((origin + a[0] * scale, origin + a[1] * scale), (origin + b[0] * scale, origin + b[1] * scale))
            for a, b in segments]
    half = width / 2.0
    n = SUPERSAMPLE
    rows = []
    for y in range(size):
        row = bytearray()
        t = y / max(1, size - 1)
        bg = tuple(round(TOP[i] + (BOTTOM[i] - TOP[i]) * t) for i in range(3))
        for x in range(size):
            tile_hits = ink_hits = 0
            for sy in range(n):
                for sx in range(n):
                    px = x + (sx + 0.5) / n
                    py = y + (sy + 0.5) / n
                    if not in_rounded_square(px, py, size, inset, radius):
                        continue
                    tile_hits += 1
                    if any(dist_to_segment(px, py, a[0], a[1], b[0], b[1]) <= half for a, b in segs):
                        ink_hits += 1
            alpha = tile_hits / (n * n)
            if tile_hits == 0:
                row += bytes((0, 0, 0, 0))
                continue
            ink = ink_hits / tile_hits
            rgb = [round(bg[i] * (1 - ink) + INK[i] * ink) for i in range(3)]
            row += bytes((*rgb, round(alpha * 255)))
        rows.append(bytes(row))
    return rows


def png(size, rows):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    raw = b"".join(b"\x00" + r for r in rows)  # filter type 0 on every row
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "extension", "icons")
    os.makedirs(out, exist_ok=True)
    for size in SIZES:
        path = os.path.join(out, f"icon-{size}.png")
        with open(path, "wb") as f:
            f.write(png(size, render(size)))
        print(f"wrote {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
