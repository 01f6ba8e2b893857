"""Plain text (.txt, .md and anything else that decodes as text): UTF-8, UTF-16 with a BOM, or GBK/GB18030."""

from __future__ import annotations

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


def extract(path: Path) -> Extracted:
    text, encoding = read_source(path)
    return Extracted("text", tuple(text.splitlines()), encoding)


FORMAT = Format("text", 100, lambda head, path: True, extract)  # the fallback: whatever decodes as text
