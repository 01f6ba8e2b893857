"""Titles: a document's own title as printed, the 《》 titles inside a line, and the tests that tell a title line.

A title ends with its document type (方案, 意见, 措施 …), may carry an edition or its 文号 in brackets, and may be
broken over two or three short lines; a preamble sentence or a numbered heading is never one.
"""

from __future__ import annotations

import re

from policykg.loaders.chrome import is_site_chrome
from policykg.loaders.docnumber import is_date_line, is_doc_number_line, normalise_digits
from policykg.loaders.metadata import labelled_fields
from policykg.loaders.numbering import match_numbering
from policykg.loaders.segment import is_salutation
from policykg.loaders.text import Line, join_texts

DOC_TYPES = (
    "方案", "计划", "措施", "要点", "意见", "规定", "办法", "细则", "清单", "决定", "纲要", "规划",
    "规则", "指引", "条例", "通知", "通告", "公告", "指南", "举措", "任务", "安排", "政策", "制度",
)


def bracketed_titles(text: str) -> list[tuple[int, int, str]]:
    """Every top-level 《…》 with its offsets; inner 《》 or <> are kept inside the title.

    >>> [t for _, _, t in bracketed_titles("根据市局《关于印发<2023 年工作要点>的通知》精神")]
    ['关于印发<2023 年工作要点>的通知']
    >>> [t for _, _, t in bracketed_titles("《关于印发《A方案》的通知》和《B》")]
    ['关于印发《A方案》的通知', 'B']
    """
    out = []
    depth, start = 0, -1
    for i, ch in enumerate(text):
        if ch == "《":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "》" and depth > 0:
            depth -= 1
            if depth == 0:
                title = text[start + 1 : i].strip()
                if title:
                    out.append((start, i + 1, title))
    return out


# How a preamble opens (为贯彻落实《…》…, 根据…): such a line is never a title, even when a PDF wraps it after a 《title》.
PREAMBLE_OPENING = re.compile(r"^(?:为了?(?:深入|全面|认真|进一步|更好|切实|加快|有效|持续)?(?:贯彻|落实|推动|推进|加快|优化|做好|提升|实施)|根据|按照|依据)")


# a page explaining a policy (《…》政策解读, 关于《…》的解读, 一图读懂《…》): it names the document it explains
INTERPRETATION = re.compile(r"《[^》]+》.{0,6}(?:解读|答记者问)$|^(?:一图读懂|一图看懂|图解)\s*《")


def is_title_like(line: Line) -> bool:
    t = line.text
    if not t or "。" in t or len(t) > 70 or match_numbering(t) or is_salutation(t) or PREAMBLE_OPENING.match(t):
        return False
    if line.md_level or INTERPRETATION.search(t):
        return True
    t = TRAILING_NOTE.sub("", t)  # 行动方案（2026版）, 实施意见（试行）, 实施意见（池政〔2017〕101号）
    return t.rstrip("）)》").endswith(DOC_TYPES) or bool(re.search(r"（20\d\d\D{0,3}20\d\d\s*年?）$", t))


# a parenthesis closing a title: its edition, 试行, years, or its own 文号
TRAILING_NOTE = re.compile(r"\s*[（(][^（）()]{1,20}[）)]\s*$")
# a title line that carries its 文号 in brackets before or after it: （通政发〔2020〕1号）北京市… / …实施意见(池政〔2017〕101号)
TITLE_NUMBER = re.compile(r"^\s*[（(]([^（）()]{2,16}[〔\[(（【﹝]\s*(?:19|20)\d\d\s*[〕\])）】﹞]\s*\d{1,4}\s*号)[）)]\s*"
                           r"|\s*[（(]([^（）()]{2,16}[〔\[(（【﹝]\s*(?:19|20)\d\d\s*[〕\])）】﹞]\s*\d{1,4}\s*号)[）)]\s*$")


_BULLET = re.compile(r"^[•·●▪◆■□★☆\s]+")
# a quoted title inside: 〈X〉, or <X> on a web page (Chinese words, never markup such as <script>)
_INNER = re.compile(r"〈([^〈〉《》]+)〉|<([^<>《》=/\"']*[\u4e00-\u9fff]{2}[^<>《》=/\"']*)>")


def standalone_title(title: str) -> str:
    """A title taken out of its 《》 writes the titles it quotes in 《》 again (within 《》 they were 〈〉, or <> on a
    web page), and loses a list bullet before it.

    >>> standalone_title("•海东市贯彻落实<关于青海省推进城镇化建设的实施方案>任务分工方案")
    '海东市贯彻落实《关于青海省推进城镇化建设的实施方案》任务分工方案'
    >>> standalone_title("关于印发《A〈B〉方案》的通知")  # a notice that is the document keeps its own quoting
    '关于印发《A〈B〉方案》的通知'
    >>> standalone_title("《关于印发〈A方案〉的通知》")
    '关于印发《A方案》的通知'
    >>> standalone_title("杨浦区<script>x=1</script>行动方案")  # markup is text as written, not a quoted title
    '杨浦区<script>x=1</script>行动方案'
    """
    title = _BULLET.sub("", title)
    if bracketed_titles(title) == [(0, len(title), title[1:-1])]:  # 《X》 named alone
        title = title[1:-1].strip()
    if "《" in title:
        return title
    return _INNER.sub(lambda m: f"《{m.group(1) or m.group(2)}》", title)


def norm_title(t: str) -> str:
    return re.sub(r"[\s“”\"'‘’]", "", normalise_digits(t))


def title_from_notice(body: tuple[Line, ...]) -> tuple[str, str]:
    """The plan's title as the notice's body hands it over (现将《X》印发给你们, 《X》已经市政府同意, 附件：X), not a
    title it cites (为落实…印发的《Y》): the cue follows the title.

    >>> title_from_notice((Line(1, "为落实《国务院关于Y的意见》(国发〔2023〕1号)和《关于印发〈Z〉的通知》，现将《X方案》印发给你们。"),))
    ('X方案', 'notice_body_brackets')
    >>> title_from_notice((Line(1, "为进一步落实市政府办公厅印发的《Y方案》，制定本方案。"),))
    ('', '')
    """
    for line in body:
        m = re.match(r"^附\s*件\s*\d*\s*[：:]\s*(.+)$", line.text)
        if m:
            return m.group(1).strip(), "notice_annex_line"
    text = join_texts([ln.text for ln in body])
    # 现将X印发给你们: X is the plan's title, even when it quotes another title in 《》
    m = re.search(r"现将(.{4,80}?)(?:印发|转发)给", text)
    if m:
        inner = m.group(1).strip()
        if bracketed_titles(inner) == [(0, len(inner), inner[1:-1])]:  # 《X》 alone
            return inner[1:-1].strip(), "notice_body_brackets"
        if inner.endswith((*DOC_TYPES, ")", "）")):
            return inner, "notice_body_title"
    for _, e, t in bracketed_titles(text):
        if re.match(r"[^《。；，,]{0,24}?(?:印发|转发|制定|制订|经[^。；，,]{0,16}?(?:同意|通过))|[，,]\s*现(?:予以)?(?:印发|转发)",
                    text[e : e + 30]):
            return t, "notice_body_brackets"
    return "", ""


UNBRACKETED_NOTICE = re.compile(r"(关于)?(印发|转发)(.+?)的?\s*通\s*知$")
# a title that quotes another and goes on to its own document type: 江苏省贯彻落实《国务院关于…的意见》实施方案
QUOTES_A_TITLE = re.compile(rf"[》〉][^《》〈〉]*(?:{'|'.join(DOC_TYPES)})$")


def title_span(lines: tuple[Line, ...], k: int) -> tuple[int, str] | None:
    """A title at ``k``: one title-like line, or up to three short lines that read as one title (last line, text)."""
    if is_title_like(lines[k]):
        return k, lines[k].text
    parts: list[str] = []
    for j in range(k, min(len(lines), k + 3)):
        t = lines[j].text
        if len(t) > 40 or "。" in t or "，" in t or "," in t or match_numbering(t) or (j > k and lines[j].md_level != lines[k].md_level):
            return None
        parts.append(t)
        joined = join_texts(parts)
        if j > k and is_title_like(Line(lines[k].no, joined, lines[k].md_level)):
            return j, joined
    return None


def title_piece(text: str) -> bool:
    """A short line that can be part of a title broken over lines: no sentence, no 文号 or date of its own."""
    t = text.strip()
    return (0 < len(t) <= 40 and not re.search(r"[。，,；;：:]", t) and not is_doc_number_line(t) and not is_date_line(t)
            and not is_site_chrome(t) and not labelled_fields(t))


def similar_titles(a: str, b: str) -> bool:
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    common = sum(1 for c in set(short) if c in long_)
    return common / max(1, len(set(short))) > 0.85 and len(short) / len(long_) > 0.7


