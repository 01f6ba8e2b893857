"""Born-digital PDFs: text lines by position, running headers/footers and page numbers removed, ruled tables as tables.

Text comes from PDFium (pypdfium2, Apache-2.0/BSD): characters with their boxes, grouped into
lines by height on the page. A line that repeats at the top or bottom of most pages (the
running header or footer) and a page number (— 3 —, 第3页, 3/12) are dropped. Tables are
found from their ruling (thin path objects and cell rectangles): the grid of the lines, merged
cells repeated in every row and column they cover, written as markdown rows. Each page starts
with a ``# Page N:`` line, the marker the text reader knows from PDF extractions, so wrapped
lines and page breaks are re-joined exactly as for a text copy. A PDF without a text layer
(a scan) is refused: it needs OCR first.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Any

from policykg.loaders.formats import Extracted, Format, LoadError

_PAGE_NUMBER = re.compile(r"^[-—–－\s]*(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d{1,4})[-—–－\s]*$")
MARGIN = 0.12  # share of the page height at top and bottom where running headers and footers sit
TOL = 2.5  # points: ruling lines closer than this are one line


@dataclass
class _Char:
    c: str
    x0: float
    y0: float
    x1: float
    y1: float
    bold: bool


@dataclass
class _Line:
    top: float
    bottom: float
    text: str
    is_table: bool = False


def sniff(head: bytes, path: Path) -> bool:
    return b"%PDF-" in head[:1024]


def extract(path: Path) -> Extracted:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        reason = "encrypted (password protected)" if "password" in str(exc).lower() else str(exc)
        raise LoadError(f"cannot open the PDF: {reason}") from None
    try:
        pages = [_page_lines(pdf[i]) for i in range(len(pdf))]
    finally:
        pdf.close()
    empty = [i + 1 for i, p in enumerate(pages) if not p]
    if len(empty) == len(pages):
        raise LoadError(
            f"a scanned PDF: none of its {len(pages)} pages has a text layer; OCR is needed first "
            "(e.g. `ocrmypdf -l chi_sim in.pdf out.pdf`), then build the OCRed file"
        )
    notes = [f"pages without a text layer (scanned images?): {', '.join(map(str, empty))}"] if empty else []
    furniture = _running_lines(pages)
    lines: list[str] = []
    starts: list[int] = []
    for no, page in enumerate(pages, start=1):
        starts.append(len(lines) + 1)
        lines.append(f"# Page {no}:")
        lines += [ln.text for ln in page if not _is_furniture(ln, furniture)]
    return Extracted("pdf", tuple(lines), "utf-8", pages=tuple(starts), notes=tuple(notes))


def _page_lines(page: Any) -> list[_Line]:
    """The page's lines from top to bottom; tables as markdown rows. Positions are kept to spot headers."""
    import pypdfium2.raw as raw

    height = page.get_size()[1]
    textpage = page.get_textpage()
    chars: list[_Char] = []
    for i in range(textpage.count_chars()):
        code = raw.FPDFText_GetUnicode(textpage.raw, i)
        if code in (0, 0xFFFE, 0xFFFF) or chr(code) in "\r\n":
            continue
        x0, y0, x1, y1 = textpage.get_charbox(i, loose=True)  # the font's box: one height for every glyph of a line
        if x1 <= x0:
            continue
        chars.append(_Char(chr(code), x0, height - y1, x1, height - y0, raw.FPDFText_GetFontWeight(textpage.raw, i) >= 600))
    textpage.close()
    cells = [(x0, height - y1, x1, height - y0) for x0, y0, x1, y1 in _path_bounds(page)]
    tables = _tables(cells)
    lines: list[_Line] = []
    free: list[_Char] = []
    for ch in chars:
        cx, cy = (ch.x0 + ch.x1) / 2, (ch.y0 + ch.y1) / 2
        table = next((t for t in tables if t.contains(cx, cy)), None)
        (table.chars if table is not None else free).append(ch)
    lines += [_Line(top, bottom, _text(group)) for top, bottom, group in _group_lines(free)]
    for t in tables:
        lines += t.rows()
    lines.sort(key=lambda ln: ln.top)
    for ln in lines:
        ln.top, ln.bottom = ln.top / height, ln.bottom / height
    return lines


def _path_bounds(page: Any) -> list[tuple[float, float, float, float]]:
    import pypdfium2.raw as raw

    out = []
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,), max_depth=3):
        try:
            out.append(tuple(obj.get_bounds()))
        except Exception:  # noqa: S112 — a path PDFium cannot measure is no ruling
            continue
    return out


def _group_lines(chars: list[_Char]) -> list[tuple[float, float, list[_Char]]]:
    """Characters into lines: a character joins the line whose vertical middle it shares."""
    lines: list[tuple[float, float, list[_Char]]] = []
    for ch in sorted(chars, key=lambda c: ((c.y0 + c.y1) / 2, c.x0)):
        mid = (ch.y0 + ch.y1) / 2
        if lines:
            top, bottom, group = lines[-1]
            if top <= mid <= bottom or abs(mid - (top + bottom) / 2) < 0.35 * max(1.0, bottom - top):
                group.append(ch)
                lines[-1] = (min(top, ch.y0), max(bottom, ch.y1), group)
                continue
        lines.append((ch.y0, ch.y1, [ch]))
    return lines


def _text(group: list[_Char]) -> str:
    """One line's characters left to right; a wide gap is a space; a leading bold run is marked **…**."""
    group = sorted(group, key=lambda c: c.x0)
    size = median(c.y1 - c.y0 for c in group) or 1.0
    out = ""
    bold_open = False
    bold_done = False
    prev: _Char | None = None
    for ch in group:
        if ch.c == " ":
            if out and not out.endswith(" "):
                out += " "
            continue
        gap = ch.x0 - prev.x1 if prev is not None else 0.0
        if (gap > size or (gap > 0.3 * size and prev is not None and prev.c.isascii() and ch.c.isascii())) and not out.endswith(" "):
            out += " "  # a word gap; between Chinese characters only a gap wider than a character (justification is less)
        if ch.bold and not bold_done and not bold_open and len(out.strip()) <= 6:
            out += "**"
            bold_open = True
        elif not ch.bold and bold_open:
            out = out.rstrip() + "**"
            bold_open, bold_done = False, True
        out += ch.c
        prev = ch
    if bold_open:
        out += "**"
    return out.strip()


@dataclass
class _Table:
    xs: list[float]
    ys: list[float]
    h: list[tuple[float, float, float]]  # y, x0, x1
    v: list[tuple[float, float, float]]  # x, y0, y1
    chars: list[_Char]

    def contains(self, x: float, y: float) -> bool:
        return self.xs[0] - TOL <= x <= self.xs[-1] + TOL and self.ys[0] - TOL <= y <= self.ys[-1] + TOL

    def rows(self) -> list[_Line]:
        """Each band between horizontal rules is a row; cells merged where a rule is missing."""
        nr, nc = len(self.ys) - 1, len(self.xs) - 1
        parent = {(i, j): (i, j) for i in range(nr) for j in range(nc)}

        def find(a: tuple[int, int]) -> tuple[int, int]:
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a

        for i in range(nr):
            ymid = (self.ys[i] + self.ys[i + 1]) / 2
            for j in range(nc - 1):
                if not _covered(self.v, self.xs[j + 1], ymid):
                    parent[find((i, j + 1))] = find((i, j))
        for j in range(nc):
            xmid = (self.xs[j] + self.xs[j + 1]) / 2
            for i in range(nr - 1):
                if not _covered(self.h, self.ys[i + 1], xmid):
                    parent[find((i + 1, j))] = find((i, j))
        texts: dict[tuple[int, int], list[_Char]] = {}
        right: dict[tuple[int, int], float] = {}
        for i in range(nr):
            for j in range(nc):
                root = find((i, j))
                right[root] = max(right.get(root, 0.0), self.xs[j + 1])
        for ch in self.chars:
            cx, cy = (ch.x0 + ch.x1) / 2, (ch.y0 + ch.y1) / 2
            texts.setdefault(find((_band(self.ys, cy), _band(self.xs, cx))), []).append(ch)
        cell_text = {k: _cell_text(v, right[k]).replace("|", "｜") for k, v in texts.items()}
        out = []
        for i in range(nr):
            row = [cell_text.get(find((i, j)), "") for j in range(nc)]
            if any(row):
                out.append(_Line(self.ys[i], self.ys[i + 1], "| " + " | ".join(row) + " |", True))
        return out


def _cell_text(chars: list[_Char], right: float) -> str:
    """A cell's lines as one text: a line that reaches the cell's edge wraps (joined as is); one that
    stops short ended there, as does any line of a cell whose words are spaced (joined with a space,
    which keeps names listed one per line apart; spaces next to Chinese are dropped from text later)."""
    lines = [(group, _text(group).replace("**", "")) for _, _, group in _group_lines(chars)]
    spaced = any(" " in text for _, text in lines)  # words (names) separated by spaces: a wrap falls between two
    out = ""
    for group, text in lines:
        if not text:
            continue
        advance = median(c.x1 - c.x0 for c in group)  # one character: a wrap leaves less room than this
        ended = spaced or right - max(c.x1 for c in group) > advance + TOL
        latin = bool(out) and out[-1].isascii() and out[-1].isalnum() and text[0].isascii() and text[0].isalpha()
        out += text + (" " if ended else "") if not latin else " " + text + (" " if ended else "")
    return " ".join(out.split())


def _band(edges: list[float], v: float) -> int:
    for k in range(len(edges) - 1):
        if v < edges[k + 1]:
            return k
    return len(edges) - 2


def _covered(segments: list[tuple[float, float, float]], at: float, mid: float) -> bool:
    return any(abs(pos - at) <= TOL and a - TOL <= mid <= b + TOL for pos, a, b in segments)


def _tables(boxes: list[tuple[float, float, float, float]]) -> list[_Table]:
    """Ruled tables from path bounds: thin boxes are rules; other boxes give their four edges (cell borders)."""
    h: list[tuple[float, float, float]] = []
    v: list[tuple[float, float, float]] = []
    for x0, y0, x1, y1 in boxes:
        w, ht = x1 - x0, y1 - y0
        if ht <= TOL and w > 2 * TOL:
            h.append(((y0 + y1) / 2, x0, x1))
        elif w <= TOL and ht > 2 * TOL:
            v.append(((x0 + x1) / 2, y0, y1))
        elif w > 2 * TOL and ht > 2 * TOL:
            h += [(y0, x0, x1), (y1, x0, x1)]
            v += [(x0, y0, y1), (x1, y0, y1)]
    if len(h) < 3 or len(v) < 3:
        return []
    # Rules that touch belong to one table (union-find over crossings).
    segs: list[tuple[str, tuple[float, float, float]]] = [("h", s) for s in h] + [("v", s) for s in v]
    parent = list(range(len(segs)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    hs = [k for k, (t, _) in enumerate(segs) if t == "h"]
    vs = [k for k, (t, _) in enumerate(segs) if t == "v"]
    for a in hs:
        y, x0, x1 = segs[a][1]
        for b in vs:
            x, y0, y1 = segs[b][1]
            if x0 - TOL <= x <= x1 + TOL and y0 - TOL <= y <= y1 + TOL:
                parent[find(a)] = find(b)
    groups: dict[int, list[int]] = {}
    for k in range(len(segs)):
        groups.setdefault(find(k), []).append(k)
    tables = []
    for members in groups.values():
        gh = [segs[k][1] for k in members if segs[k][0] == "h"]
        gv = [segs[k][1] for k in members if segs[k][0] == "v"]
        ys = _cluster([s[0] for s in gh])
        xs = _cluster([s[0] for s in gv])
        if len(ys) >= 2 and len(xs) >= 3:  # at least one row of two columns
            tables.append(_Table(xs, ys, gh, gv, []))
    return tables


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= TOL:
            continue
        out.append(v)
    return out


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _running_lines(pages: list[list[_Line]]) -> set[str]:
    """Text (digits folded) that repeats in the top or bottom margin of most pages: running headers and footers."""
    if len(pages) < 3:
        return set()
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_key(ln.text) for ln in page if not ln.is_table and (ln.bottom < MARGIN or ln.top > 1 - MARGIN)})
    return {k for k, n in seen.items() if n >= max(2, len(pages) // 2)}


def _is_furniture(line: _Line, running: set[str]) -> bool:
    if line.is_table or not (line.bottom < MARGIN or line.top > 1 - MARGIN):
        return False
    return _key(line.text) in running or bool(_PAGE_NUMBER.match(line.text))


FORMAT = Format("pdf", 10, sniff, extract)
