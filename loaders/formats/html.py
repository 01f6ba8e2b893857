"""Government web pages (HTML): the article without navigation, footers, share bars and scripts.

Sites differ in markup but share a shape: a metadata table above the article (索引号,
发文字号, 发文机关, 成文日期, 发布日期 …), a heading, the article body in one container, and
attachment links. The body is the container that holds the most Chinese text outside links
(readability-style scoring); the metadata is read from the whole page as label/value pairs and
put above the body as ``label：value`` lines, the shape the header reader takes. Attachments
are listed, never fetched. Line numbers count the lines of the text this reader gives.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from policykg.loaders.formats import Extracted, Format, LoadError

# Metadata labels as sites print them; the first group is what the header reader uses.
HEADER_LABELS = ("索引号", "主题分类", "发文机关", "发布机构", "发文单位", "发文字号", "文号", "成文日期", "印发日期", "发布日期", "有效性")
OTHER_LABELS = ("标题", "名称", "主题词", "体裁分类", "公文种类", "生效日期", "废止日期", "公开方式", "公开范围", "信息来源", "来源")
_LABEL = re.compile(r"^\s*[\[【]?\s*(" + "|".join(HEADER_LABELS + OTHER_LABELS) + r")\s*[\]】]?\s*[：:]?\s*(.*)$")

_DROP = ("script", "style", "noscript", "iframe", "nav", "footer", "aside", "button", "select", "input",
         "object", "svg", "textarea", "template")
# id/class words of page furniture (never the article): menus, breadcrumbs, share bars, footers, toolbars
_FURNITURE = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|menu|footer|foot|breadcrumbs?|crumbs?|location|position|weizhi|dqwz|share|bdshare|"
    r"jiathis|toolbar|tools?|print|close|copyright|banner|sidebar|side|related|xgwz|pager|login|search|qrcode|"
    r"erweima|wza|fontsize|font-size|topbar|top-bar)(?:$|[-_\s\d])",
    re.IGNORECASE,
)
_BLOCK = frozenset(("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table", "tbody", "thead",
                    "section", "article", "main", "blockquote", "dd", "dt", "dl", "center", "pre", "br", "hr", "header",
                    "figure", "figcaption", "caption", "address"))
_CONTAINERS = frozenset(("div", "section", "article", "main", "center", "table", "tbody", "tr", "td", "form", "font"))
_ATTACHMENT = re.compile(r"\.(?:docx?|pdf|xlsx?|wps|et|ofd|zip|rar|7z|txt|rtf)(?:$|[?#])", re.IGNORECASE)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)
_SNIFF = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s[^>]*charset", re.IGNORECASE)


def sniff(head: bytes, path: Path) -> bool:
    if b"\x00" in head[:512]:
        return False
    return bool(_SNIFF.search(head.decode("utf-8", "ignore")))


def decode(data: bytes) -> tuple[str, str]:
    """The page's text, from its BOM, its declared charset, else UTF-8, else GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace"), "utf-8"
    declared = _CHARSET.search(data[:4096])
    candidates = [declared.group(1).decode("ascii").lower()] if declared else []
    candidates += ["utf-8", "gb18030"]
    for enc in candidates:
        enc = "gb18030" if enc in ("gb2312", "gbk", "x-gbk") else enc
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", "replace"), "utf-8"


def extract(path: Path) -> Extracted:
    import lxml.etree
    import lxml.html

    text, encoding = decode(path.read_bytes())
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)  # lxml takes no encoding declaration in a str
    try:
        root = lxml.html.document_fromstring(text)
    except Exception as exc:  # lxml raises ParserError, ValueError … on pages it cannot read
        raise LoadError(f"cannot parse the HTML: {exc}") from None
    for el in list(root.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
        el.drop_tree()
    page_title = " ".join((root.findtext(".//title") or "").split())
    attachments = _attachments(root)
    fields = _fields(root)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")  # a line break inside a cell separates (names listed one per line)
    for el in list(root.iter(*_DROP)):
        el.drop_tree()
    heading = _heading(root)
    _drop_metadata_blocks(root)
    for el in list(root.iter()):
        if isinstance(el.tag, str) and el.tag not in ("html", "body") and _FURNITURE.search(f"{el.get('id', '')} {el.get('class', '')}"):
            if el.getparent() is not None:
                el.drop_tree()
    body = _article(root)
    if body is None:
        raise LoadError("no article text found on the page (no block with Chinese text outside links)")
    lines = [ln for ln in _render(body) if ln.strip()]
    lines = _without_field_lines(lines, fields)
    title = heading or dict(fields).get("标题", "") or _site_stripped(page_title)
    head: list[str] = [f"{k}：{v}" for k, v in fields if k in HEADER_LABELS]
    if title and not any(_same(title, ln) for ln in lines[:12]):
        head.append(title)
    return Extracted("html", tuple(head + lines), encoding, fields=tuple(fields), attachments=tuple(attachments))


def _text(el: Any) -> str:
    return " ".join(el.text_content().split())


_ANY_LABEL = re.compile(r"[\[【]?\s*(" + "|".join(HEADER_LABELS + OTHER_LABELS) + r")\s*[\]】]?\s*[：:]?")


def _fields(root: Any) -> list[tuple[str, str]]:
    """Label/value pairs of the site's metadata block, in page order (first value of each label).

    A value is in the same cell (索引号：…), in the next cell (a two-column table, dt/dd), or
    shares the cell with further labels (发布机构：X 成文日期：Y).
    """
    cells = [el for el in root.iter("td", "th", "dt", "dd", "li", "span", "p", "div", "label", "b", "strong", "em")
             if len(_text(el)) <= 120 and not any(c.tag in ("table", "div", "ul", "dl", "p") for c in el.iterdescendants())]
    out: dict[str, str] = {}
    for i, el in enumerate(cells):
        text = _text(el)
        if not _LABEL.match(text):
            continue
        found = [m for m in _ANY_LABEL.finditer(text) if m.group(0).rstrip().endswith(("：", ":", "]", "】")) or m.end() == len(text)]
        for k, m in enumerate(found):
            label = m.group(1)
            value = text[m.end() : found[k + 1].start() if k + 1 < len(found) else len(text)].strip()
            if not value and k == len(found) - 1:  # the value is the next cell (a two-column table or dt/dd)
                nxt = next((c for c in cells[i + 1 : i + 4] if _text(c) and el not in c.iterancestors()), None)
                value = _text(nxt) if nxt is not None and not _LABEL.match(_text(nxt)) else ""
            if value and len(value) <= 60 and label not in out:
                out[label] = value
    return list(out.items())


def _attachments(root: Any) -> list[tuple[str, str]]:
    found: dict[str, str] = {}
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        name = _text(a)
        if href and (_ATTACHMENT.search(href) or name.startswith("附件")):
            found.setdefault(href, name or href.rsplit("/", 1)[-1])
    return [(name, href) for href, name in found.items()]


def _heading(root: Any) -> str:
    """The article's own heading: the first h1 (else h2) with Chinese text."""
    for tag in ("h1", "h2"):
        for el in root.iter(tag):
            t = _text(el)
            if len(_CJK.findall(t)) >= 6:
                return t
    return ""


def _site_stripped(title: str) -> str:
    """A <title> without the site name that sites append (…_上海市人民政府, …-金山区人民政府网); "" when only the site is named."""
    parts = [p.strip() for p in re.split(r"\s*[_|｜]\s*|\s+-\s+", title)]
    return parts[0] if parts else ""


def _own_text(el: Any) -> int:
    """Chinese characters in ``el`` outside links."""
    total = len(_CJK.findall(el.text_content()))
    linked = sum(len(_CJK.findall(a.text_content())) for a in el.iter("a"))
    return total - linked


def _article(root: Any) -> Any:
    """The article's container: from the body down, into the child that holds nearly all the text outside links.

    Stops where the text divides (paragraphs, tables, the heading), so a long annex table never
    wins over the paragraphs around it.
    """
    el = root.find("body")
    el = root if el is None else el
    while True:
        total = _own_text(el)
        if total < 20:
            return None
        children = [c for c in el if isinstance(c.tag, str) and c.tag in _CONTAINERS]  # never into one paragraph
        best = max(children, key=_own_text, default=None)
        if best is None or _own_text(best) < 0.9 * total:
            return el
        el = best


def _drop_metadata_blocks(root: Any) -> None:
    """The site's metadata table (read as fields already), so it is not read again as a table of the article.

    Only the innermost block that holds the labels goes: a short article that shares a container
    with the metadata table stays.
    """
    def labels(el: Any) -> int:
        return sum(1 for c in el.iter("td", "th", "dt", "li", "span", "label", "b", "strong") if len(_text(c)) <= 60 and _LABEL.match(_text(c)))

    blocks = [el for el in root.iter("table", "dl", "ul", "div") if len(_CJK.findall(el.text_content())) <= 400 and labels(el) >= 2]
    for el in blocks:
        if not any(inner is not el and inner in blocks for inner in el.iterdescendants("table", "dl", "ul", "div")) and el.getparent() is not None:
            el.drop_tree()


def _render(el: Any) -> list[str]:
    """Text lines of an element: blocks start lines, data tables become markdown rows, bold runs **…**."""
    lines: list[str] = [""]

    def newline() -> None:
        if lines[-1].strip():
            lines.append("")

    def walk(node: Any) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "table" and _is_data_table(node):
            newline()
            lines.extend(_table_rows(node))
            lines.append("")
        else:
            if tag in _BLOCK:
                newline()
            bold = tag in ("b", "strong") and len(lines[-1].strip()) <= 6  # a bold run at the start of a line: a measure title
            if bold:
                lines[-1] += "**"
            if node.text:
                lines[-1] += node.text
            for child in node:
                walk(child)
                if child.tail:
                    lines[-1] += child.tail
            if bold:
                lines[-1] = lines[-1].rstrip() + "**"
            if tag in _BLOCK:
                newline()

    walk(el)
    return [" ".join(ln.replace("\xa0", " ").split()) if not ln.startswith("|") else ln for ln in lines]


def _is_data_table(table: Any) -> bool:
    """A grid of cells (not a layout table): several rows, two columns or more, no table inside."""
    rows = table.findall(".//tr")
    if len(rows) < 2 or any(True for _ in table.iterdescendants("table")):
        return False
    return max(len(r.findall("td") + r.findall("th")) for r in rows) >= 2


def _table_rows(table: Any) -> list[str]:
    """Rows as markdown, with merged cells (rowspan/colspan) repeated in every row and column they cover."""
    carried: dict[int, tuple[str, int]] = {}  # column → (text, rows still covered)
    out = []
    for tr in table.iter("tr"):
        row: list[str] = []
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
        col = 0
        for cell in cells:
            while col in carried:
                text, left = carried[col]
                row.append(text)
                carried[col] = (text, left - 1)
                col += 1
            text = " ".join(cell.text_content().split()).replace("|", "｜")
            span_c = _int(cell.get("colspan"))
            span_r = _int(cell.get("rowspan"))
            for _ in range(span_c):
                row.append(text)
                if span_r > 1:
                    carried[col] = (text, span_r - 1)
                col += 1
        while col in carried:
            text, left = carried[col]
            row.append(text)
            carried[col] = (text, left - 1)
            col += 1
        carried = {c: v for c, v in carried.items() if v[1] > 0}
        if any(row):
            out.append("| " + " | ".join(row) + " |")
    return out


def _int(value: str | None) -> int:
    try:
        return max(1, min(50, int(value or 1)))
    except ValueError:
        return 1


def _same(a: str, b: str) -> bool:
    return bool(a) and re.sub(r"\s+", "", a) in re.sub(r"\s+", "", b)


def _without_field_lines(lines: list[str], fields: list[tuple[str, str]]) -> list[str]:
    """The metadata block when it sits inside the article container (it is put above the body instead)."""
    if not fields:
        return lines
    return [ln for ln in lines[:40] if not (_LABEL.match(ln) and any(ln.strip().startswith(k) for k, _ in fields))] + lines[40:]


FORMAT = Format("html", 30, sniff, extract)
