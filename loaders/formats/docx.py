"""Word files (.docx): body paragraphs with their list numbering and bold runs, tables as tables.

Headers, footers, footnotes and comments are not part of the body and are left out. Automatic
list numbers (一、 （一） 1. that Word draws from numbering.xml, not from the text) are
rendered as Word would show them, so the numbered tree reads the same as from a text copy.
A paragraph's soft line breaks make separate lines; ``paragraphs`` maps lines back to
paragraphs (a table row counts as one). Old binary .doc files are refused with the way to
convert them.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from policykg.loaders.formats import Extracted, Format, LoadError, max_inflated_bytes

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(head: bytes, path: Path) -> bool:
    if head.startswith(_OLE):
        return True  # an old binary Word (or WPS) file: refused with a message in extract
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(path) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def extract(path: Path) -> Extracted:
    with path.open("rb") as fh:
        if fh.read(8) == _OLE:
            if path.suffix.lower() in (".xls", ".et", ".ppt", ".pps"):
                raise LoadError(f"an old binary Office file ({path.suffix}), not a document format policykg reads: "
                                "save it as PDF or .docx")
            raise LoadError(
                "an old binary Word/WPS file (.doc/.wps), which no kept Python library reads: "
                "convert it to .docx first, e.g. `libreoffice --headless --convert-to docx FILE`"
            )
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    inflated = max_inflated_bytes()
    try:
        with zipfile.ZipFile(path) as z:
            size = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise LoadError(f"cannot read the Word file: {exc}") from None
    if size > inflated:
        raise LoadError(f"the Word file inflates to {size / (1 << 20):.0f} MiB, over the limit of {inflated >> 20} MiB "
                        "(a zip bomb, or raise the limit with --max-file-mib)")
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises KeyError, ValueError, PackageNotFoundError … on damaged files
        raise LoadError(f"cannot read the Word file: {exc}") from None
    numbering = _Numbering(document)
    lines: list[str] = []
    paragraphs: list[int] = []
    for block in document.iter_inner_content():
        paragraphs.append(len(lines) + 1)
        if isinstance(block, Paragraph):
            lines += _paragraph_lines(block, numbering)
        elif isinstance(block, Table):
            rows = _table_rows(block)
            if rows:
                for i, row in enumerate(rows):
                    if i:
                        paragraphs.append(len(lines) + 1)
                    lines.append(row)
            else:
                lines += _layout_table_lines(block, numbering)
        if len(lines) < paragraphs[-1]:
            lines.append("")  # an empty paragraph still counts
    if not any(ln.strip() for ln in lines):
        raise LoadError("the Word file has no body text")
    return Extracted("docx", tuple(lines), "utf-8", paragraphs=tuple(paragraphs))


def _paragraph_lines(paragraph: Any, numbering: _Numbering) -> list[str]:
    pieces = []
    for run in paragraph.runs:
        piece = run.text
        if run.bold and piece.strip():
            piece = f"**{piece}**"
        pieces.append(piece)
    text = "".join(pieces)
    text = re.sub(r"\*\*\*\*", "", text)  # adjacent bold runs read as one
    label = numbering.label(paragraph)
    parts = text.replace("\r", "\n").split("\n")
    if label:
        parts[0] = label + parts[0]
    return parts or [""]


def _table_rows(table: Any) -> list[str]:
    """Rows as markdown (merged cells repeated in each row and column they cover); [] for a layout table."""
    try:
        grid = [[" ".join(cell.text.split()).replace("|", "｜") for cell in row.cells] for row in table.rows]
    except (IndexError, ValueError):
        return []
    if len(grid) < 2 or max(len(r) for r in grid) < 2 or any(cell.tables for row in table.rows for cell in row.cells):
        return []
    return ["| " + " | ".join(r) + " |" for r in grid if any(r)]


def _layout_table_lines(table: Any, numbering: _Numbering) -> list[str]:
    """A table used for layout (one column, or tables inside): its paragraphs, in reading order."""
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    seen: set[int] = set()
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            for block in cell.iter_inner_content():
                if isinstance(block, Paragraph):
                    lines += _paragraph_lines(block, numbering)
                else:
                    lines += _table_rows(block) or _layout_table_lines(block, numbering)
    return lines


class _Numbering:
    """Word's automatic list numbers, counted as Word counts them (per list, levels reset below)."""

    def __init__(self, document: Any) -> None:
        self._document = document
        self._styles: dict[str, Any] | None = None
        self._default: Any = None
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, level) → (numFmt, lvlText, start)
        self.abstract_of: dict[str, str] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for a in root.iter(f"{_W}abstractNum"):
            abstract[a.get(f"{_W}abstractNumId")] = {int(lvl.get(f"{_W}ilvl")): _level(lvl) for lvl in a.iter(f"{_W}lvl")}
        for num in root.iter(f"{_W}num"):
            num_id = num.get(f"{_W}numId")
            ref = num.find(f"{_W}abstractNumId")
            if ref is None:
                continue
            aid = ref.get(f"{_W}val")
            self.abstract_of[num_id] = aid
            for ilvl, fmt in abstract.get(aid, {}).items():
                self.formats[(num_id, ilvl)] = fmt
            for override in num.iter(f"{_W}lvlOverride"):
                start = override.find(f"{_W}startOverride")
                ilvl = int(override.get(f"{_W}ilvl"))
                if start is not None and (num_id, ilvl) in self.formats:
                    f, t, _ = self.formats[(num_id, ilvl)]
                    self.formats[(num_id, ilvl)] = (f, t, int(start.get(f"{_W}val")))

    def style_of(self, paragraph: Any) -> Any:
        """The paragraph's style element, looked up in a table made once (python-docx's own lookup scans every
        style for each paragraph: 2 ms a paragraph in a file with many styles)."""
        if self._styles is None:
            self._styles, self._default = {}, None
            root = self._document.styles.element
            for st in root.iter(f"{_W}style"):
                if st.get(f"{_W}type") == "paragraph":
                    self._styles[st.get(f"{_W}styleId")] = st
                    if st.get(f"{_W}default") in ("1", "true", "on"):
                        self._default = st
        sid = paragraph._p.style
        return self._styles.get(sid, self._default) if sid is not None else self._default

    def label(self, paragraph: Any) -> str:
        num_id, ilvl = _num_pr(paragraph, self.style_of(paragraph))
        if num_id is None or num_id == "0" or (num_id, ilvl) not in self.formats:
            return ""
        fmt, text, _ = self.formats[(num_id, ilvl)]
        if fmt in ("bullet", "none"):
            return ""
        key = self.abstract_of.get(num_id, num_id)
        counts = self.counters.setdefault(key, [0] * 9)
        for k in range(9):
            if counts[k] == 0 and k < ilvl:
                counts[k] = self.formats.get((num_id, k), ("", "", 1))[2]
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else self.formats[(num_id, ilvl)][2]
        for k in range(ilvl + 1, 9):
            counts[k] = 0

        def fill(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            kfmt = self.formats.get((num_id, k), (fmt, "", 1))[0]
            return number_text(counts[k] or 1, kfmt)

        return re.sub(r"%([1-9])", fill, text)


def _level(lvl: Any) -> tuple[str, str, int]:
    def val(tag: str, default: str) -> str:
        el = lvl.find(f"{_W}{tag}")
        return el.get(f"{_W}val") if el is not None and el.get(f"{_W}val") is not None else default

    return val("numFmt", "decimal"), val("lvlText", ""), int(val("start", "1"))


def _num_pr(paragraph: Any, style: Any) -> tuple[str | None, int]:
    """The paragraph's list and level, from its own properties or else its style's (``style``: its element)."""
    for holder in (paragraph._p, style):
        if holder is None:
            continue
        ppr = holder.find(f"{_W}pPr")
        num = ppr.find(f"{_W}numPr") if ppr is not None else None
        if num is not None:
            nid, lvl = num.find(f"{_W}numId"), num.find(f"{_W}ilvl")
            return (nid.get(f"{_W}val") if nid is not None else None), int(lvl.get(f"{_W}val")) if lvl is not None else 0
    return None, 0


_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def number_text(n: int, fmt: str) -> str:
    """A list number in one of Word's formats.

    >>> [number_text(n, "chineseCounting") for n in (1, 10, 12, 20, 31)]
    ['一', '十', '十二', '二十', '三十一']
    >>> number_text(3, "decimalEnclosedCircle"), number_text(2, "lowerLetter"), number_text(4, "upperRoman")
    ('③', 'b', 'IV')
    """
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting", "ideographDigital"):
        if n < 10:
            return _DIGITS[n]
        if n < 100:
            tens, ones = divmod(n, 10)
            return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
        return str(n)
    if fmt == "ideographTraditional":
        return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                           (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


FORMAT = Format("docx", 20, sniff, extract)
