"""The text of a PDF that Chromium (Skia) prints, for the tests: no PDF library is a project dependency.

Skia writes each font as a Type0 font with Identity-H encoding and a ToUnicode CMap, and the page text as
hex glyph strings in `Tj` / `TJ` operators; this reads exactly that (Flate streams, `bfchar` / `bfrange`),
enough to check which words a printed page contains. Text objects (BT … ET) are joined by newlines.
"""

from __future__ import annotations

import re
import zlib

OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.DOTALL)
STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.DOTALL)
REFERENCE = r"/{name} (\d+) 0 R"


def _objects(data: bytes) -> dict[int, bytes]:
    return {int(number): body for number, body in OBJECT.findall(data)}


def _stream(body: bytes) -> bytes:
    match = STREAM.search(body)
    if match is None:
        return b""
    raw = match.group(1)
    return zlib.decompress(raw) if b"/FlateDecode" in body[: match.start()] else raw


def _cmap(text: str) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.DOTALL):
        for source, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(source, 16)] = bytes.fromhex(target).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.DOTALL):
        for low, high, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            first = int(target, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                mapping[code] = chr(first + offset)
    return mapping


def pdf_text(data: bytes) -> str:
    objects = _objects(data)
    fonts: dict[str, dict[int, str]] = {}
    for body in objects.values():
        for name, number in re.findall(rb"/(F\d+) (\d+) 0 R", body):
            font = objects.get(int(number), b"")
            to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", font)
            if to_unicode:
                cmap = _stream(objects[int(to_unicode.group(1))]).decode("latin-1")
                fonts[name.decode()] = _cmap(cmap)
    lines: list[str] = []
    for body in objects.values():
        if not body.startswith(b"<</Type /Page\n"):
            continue
        for number in re.findall(rb"/Contents (\d+) 0 R", body):
            content = _stream(objects[int(number)]).decode("latin-1")
            font: dict[int, str] = {}
            for block in re.findall(r"BT(.*?)ET", content, re.DOTALL):
                text = []
                for token in re.finditer(r"/(F\d+) [\d.]+ Tf|<([0-9A-Fa-f]*)>", block):
                    if token.group(1):
                        font = fonts.get(token.group(1), {})
                    else:
                        glyphs = bytes.fromhex(token.group(2))
                        text.extend(
                            font.get(int.from_bytes(glyphs[i : i + 2], "big"), "")
                            for i in range(0, len(glyphs), 2)
                        )
                lines.append("".join(text))
    return "\n".join(lines)
