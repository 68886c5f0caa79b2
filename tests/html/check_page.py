#!/usr/bin/env python3
"""The HTML report as a browser renders it (CTest `html_report`; Debian's chromium, headless).

    check_page.py MECHCHECK SOURCE WORK

Runs `mechcheck suite` on a few cases with --html, then opens the page in headless Chromium twice:
--dump-dom (the page as the browser parsed it: one verdict row per check, one inline SVG per
figure, the findings table) and --screenshot (the page as drawn: the table's "ok" cells and the
figure's first curve must appear in their colours). A page that does not parse, or draws no table
or no figure, fails the test.
"""
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib

OK_CELL = (0xDD, 0xFF, 0xDD)      # td.ok's background in the page's style
FIRST_CURVE = (0x1F, 0x4E, 0x9C)  # the first series' colour of the plots


def chromium(work, *arguments):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        sys.exit("chromium is not installed (scripts/install-deps.sh installs it)")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--hide-scrollbars", f"--user-data-dir={os.path.join(work, 'profile')}"]
    return subprocess.run([browser, *flags, *arguments], capture_output=True, text=True, timeout=120)


def png_pixels(path):
    """(width, height, rows of (r, g, b)) of an 8-bit RGB or RGBA, non-interlaced PNG."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    at, idat, header = 8, b"", None
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, f"unexpected PNG format {header}"
    step = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * step
    rows, previous, at = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            a = line[i - step] if i >= step else 0
            b = previous[i]
            c = previous[i - step] if i >= step else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[i:i + 3]) for i in range(0, stride, step)])
        previous = line
    return width, height, rows


def main(mechcheck, source, work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    html = os.path.join(work, "html")
    cases = [os.path.join(source, "cases", "vickrey"), os.path.join(source, "cases", "hw", "prop2-cobb-douglas.toml")]
    run = subprocess.run([mechcheck, "suite", *cases, "--quiet", "--threads", "1", "--html", html,
                          "--json", os.path.join(work, "run.json")], capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"mechcheck suite --html exited with {run.returncode}: {run.stderr}")
    with open(os.path.join(work, "run.json")) as f:
        checks = len(json.load(f)["results"])
    page = "file://" + os.path.abspath(os.path.join(html, "index.html"))
    failures = []

    dom = chromium(work, "--dump-dom", page)
    if dom.returncode != 0 or "<html" not in dom.stdout:
        sys.exit(f"chromium could not open the page: {dom.stderr[-2000:]}")
    rows = len(re.findall(r'<tr class="check">', dom.stdout))
    if rows != checks:
        failures.append(f"the verdict table has {rows} rows for {checks} checks")
    figures = len(re.findall(r'<figure class="figure"><svg', dom.stdout))
    if figures < 1:
        failures.append("no figure is inline in the page")
    if 'id="findings-table"' not in dom.stdout:
        failures.append("the findings table is missing")
    if "<script" in dom.stdout:
        failures.append("the page carries a script")

    shot = os.path.join(work, "page.png")
    drawn = chromium(work, f"--screenshot={shot}", "--window-size=1280,6000", page)
    if drawn.returncode != 0 or not os.path.exists(shot):
        sys.exit(f"chromium could not draw the page: {drawn.stderr[-2000:]}")
    width, height, pixels = png_pixels(shot)
    colours = {p for row in pixels for p in row}
    if len(colours) < 50:
        failures.append(f"the drawn page has only {len(colours)} colours: nothing rendered?")
    if OK_CELL not in colours:
        failures.append("no 'ok' cell of the verdict table was drawn")
    if FIRST_CURVE not in colours:
        failures.append("the figure's first curve was not drawn")
    for failure in failures:
        print("html_report:", failure, file=sys.stderr)
    if not failures:
        print(f"html_report: {rows} verdict rows, {figures} figure(s) drawn in a {width}x{height} screenshot")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
