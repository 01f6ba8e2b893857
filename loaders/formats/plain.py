"""Plain text (.txt, .md and anything else that decodes as text): UTF-8, UTF-16 with a BOM, or GBK/GB18030."""

from __future__ import annotations

import html
import re
from pathlib import Path

from policykg.loaders.formats import Extracted, Format, LoadError


def read_source(path: Path) -> tuple[str, str]:
    """Decode a file as UTF-8, or as GB18030 (a superset of GBK) when it is not.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_bytes("金山区营商环境".encode("gbk"))
    >>> read_source(p)
    ('金山区营商环境', 'gb18030')
    """
    data = path.read_bytes()
    if not data.strip():
        raise LoadError("empty file")
    if b"\x00" in data[:4096]:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            try:
                return data.decode("utf-16"), "utf-16"
            except UnicodeDecodeError:
                pass
        if data[:4] == b"PK\x03\x04":
            raise LoadError("a ZIP archive that is not a Word .docx (unzip it and build the folder it holds)")
        raise LoadError("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise LoadError(f"not UTF-8 and not GBK/GB18030 text ({exc.reason} at byte {exc.start})") from None
    if cjk_share(text) < 0.2:
        raise LoadError("undecodable: neither UTF-8 nor GBK text with Chinese content")
    return text, "gb18030"


def cjk_share(text: str) -> float:
    visible = [c for c in text if not c.isspace()]
    if not visible:
        return 0.0
    return sum(1 for c in visible if "\u4e00" <= c <= "\u9fff") / len(visible)


# HTML left in a text extract (<p>各市、县人民政府:</p><p>现将…): its paragraph tags end lines, other tags go. A table row
# (cells split by tabs or bars) keeps its markup, as the table reader reads <p> and <br> inside cells
_BLOCK_TAG = re.compile(r"</?(?:p|div|h[1-6]|li|section|article)(?:\s[^<>]{0,300})?/?>", re.IGNORECASE)
_INLINE_TAG = re.compile(r"</?(?:span|font|strong|b|i|em|u|a|img|o:p|st1:[a-z]+)(?:\s[^<>]{0,300})?/?>", re.IGNORECASE)


def strip_markup(lines: list[str]) -> list[str]:
    r"""Lines with the HTML a copy left in them turned back into lines of text.

    >>> strip_markup(["<p>各市人民政府:</p><p> 现将《方案》印发给你们。</p>"])
    ['各市人民政府:', ' 现将《方案》印发给你们。']
    >>> strip_markup(["区财政局<br>(金融办)", "1\t<p>(7) 深化改革</p>"])  # no paragraph tags; a table row
    ['区财政局<br>(金融办)', '1\t<p>(7) 深化改革</p>']
    """
    out: list[str] = []
    for line in lines:
        if "\t" in line or "|" in line or not _BLOCK_TAG.search(line):
            out.append(line)
            continue
        text = html.unescape(_INLINE_TAG.sub("", _BLOCK_TAG.sub("\n", line)))
        out += [part for part in text.split("\n") if part.strip()]
    return out


def extract(path: Path) -> Extracted:
    text, encoding = read_source(path)
    return Extracted("text", tuple(strip_markup(text.splitlines())), encoding)


FORMAT = Format("text", 100, lambda head, path: True, extract)  # the fallback: whatever decodes as text
