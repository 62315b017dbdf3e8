#!/usr/bin/env python3
"""Paper: how full each printed page is, and the lesson packs that join a session's sheets into one PDF.

A page's fill is how far down its printable area (inside the @page margins, so the running header and
footer do not count) the lowest ink reaches, from 0 (blank) to 1 (to the bottom margin). poppler's
pdftoppm renders each page in grey at a low resolution; the lowest row with a dark pixel is the end.

    python scripts/paper.py site/handouts/*.pdf     (each PDF's pages, and the fill of every page)
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

from pypdf import PdfReader, PdfWriter

TOP_MM, BOTTOM_MM = 16, 18  # the @page margins of getting-closer.css
MIN_FILL = 0.30  # no page before a PDF's last is emptier than this
DPI = 40
_INK = 160  # a grey level darker than this is ink (0 black, 255 white)


def _pgm_rows(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and pixels of a binary PGM (P5) image."""
    fields, position = [], 0
    while len(fields) < 4:
        while data[position : position + 1].isspace():
            position += 1
        if data[position : position + 1] == b"#":
            position = data.index(b"\n", position)
            continue
        end = position
        while not data[end : end + 1].isspace():
            end += 1
        fields.append(data[position:end])
        position = end
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[position + 1 :]


def fill_of(pgm: bytes) -> float:
    """The share of a page's printable height that its content reaches down to."""
    width, height, pixels = _pgm_rows(pgm)
    top, bottom = round(TOP_MM / 25.4 * DPI), height - round(BOTTOM_MM / 25.4 * DPI)
    lowest = None
    for row in range(bottom - 1, top - 1, -1):
        if min(pixels[row * width : (row + 1) * width]) < _INK:
            lowest = row
            break
    return 0.0 if lowest is None else (lowest + 1 - top) / (bottom - top)


def page_fills(pdf: Path | bytes) -> list[float]:
    """The fill of every page of a PDF (a file, or its bytes), in order."""
    with tempfile.TemporaryDirectory() as folder:
        if isinstance(pdf, bytes):
            Path(folder, "in.pdf").write_bytes(pdf)
            pdf = Path(folder, "in.pdf")
        subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), str(pdf), f"{folder}/p"], check=True)
        pages = sorted(Path(folder).glob("p-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        return [fill_of(page.read_bytes()) for page in pages]


def short_pages(fills: list[float]) -> list[int]:
    """Pages (from 1) emptier than MIN_FILL, the last page left aside."""
    return [number for number, fill in enumerate(fills[:-1], start=1) if fill < MIN_FILL]


def join(parts: list[tuple[str, Path]]) -> bytes:
    """One PDF of several, in order, with a bookmark at the start of each part: [(title, path)]."""
    writer = PdfWriter()
    for title, path in parts:
        writer.append(PdfReader(path), outline_item=title)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def main(paths: list[str]) -> int:
    """Print each PDF's page count and the fill of each page; fail if a page before the last is short."""
    bad = 0
    for name in paths:
        fills = page_fills(Path(name))
        short = short_pages(fills)
        bad += len(short)
        shown = " ".join(f"{fill:.0%}" for fill in fills)
        print(f"{Path(name).name:34} {len(fills):3} pages  {shown}{'  <- short: ' + str(short) if short else ''}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
