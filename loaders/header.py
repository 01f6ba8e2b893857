"""The head of a document: heading, 文号, notice wrapper, signature, plan title.

A published plan usually arrives wrapped in a notice (通知) that issues or
forwards it: letterhead, 文号, ``关于印发《title》的通知``, addressees, a short
body, signature and date, then the plan itself (often after an 附件 line).
The plan is the document; the notice's issuer, date and 文号 are kept on it
and the wrapper is recorded. Without a wrapper, the head is just a title.
"""

from __future__ import annotations

import re

from policykg.loaders.chrome import SITE_SOURCE, TITLE_CHROME, clean_issuer, is_site_chrome
from policykg.loaders.docnumber import DATE, is_calendar_date, is_date_line, is_doc_number_line, normalise_digits, parse_date, parse_doc_number
from policykg.loaders.gazetteer import mentioned_spans
from policykg.loaders.headrecord import Header, Zones, labelled_metadata
from policykg.loaders.issuers import adoption, split_issuers
from policykg.loaders.metadata import LABEL, labelled_fields
from policykg.loaders.news import news_lead
from policykg.loaders.notice import (
    addressees,
    direct_title,
    notice_above_metadata,
    notice_zone,
    quoted_notice,
    signature_zone,
    title_from_head,
)
from policykg.loaders.numbering import match_numbering
from policykg.loaders.segment import _ITEM
from policykg.loaders.text import Line, is_wrapped, join_texts, tidy
from policykg.loaders.title import (
    DOC_TYPES,
    PREAMBLE_OPENING,
    TITLE_NUMBER,
    is_title_like,
    standalone_title,
    title_from_notice,
)

_PAREN_DATE_END = re.compile(r"[（(]\s*" + DATE.pattern + r"\s*[）)]\s*$")


_TITLE_TAIL = re.compile(r"^的?(?:通知|意见|决定|批复|方案|办法|规定|细则|函|报告|公告|通告|若干措施|实施意见|实施方案)$")


def join_wrapped_head(lines: tuple[Line, ...], width: int, limit: int = 16) -> tuple[Line, ...]:
    """The head of a document (before its first numbered heading) with wrapped lines joined.

    A PDF or a narrow page wraps the notice title, the addressees and the notice sentence
    (…，现 / 印发给你们); the header reader reads line by line, so each is made one line again:
    a line that ends inside a 《title》, one that wraps at the page width (``width``), and a
    title's last words (…若干措施 / 的通知). Line numbers stay those of the first line.

    >>> [ln.text for ln in join_wrapped_head((Line(1, "厦门市人民政府办公厅关于印发若干措施"), Line(2, "的通知"), Line(3, "各区人民政府：")), 0)]
    ['厦门市人民政府办公厅关于印发若干措施的通知', '各区人民政府：']
    >>> [ln.text for ln in join_wrapped_head((Line(1, "关于印发《南岸区重庆经开"), Line(2, "区工作方案》的通知")), 0)]
    ['关于印发《南岸区重庆经开区工作方案》的通知']
    """
    out: list[Line] = []
    last = ""  # the previous physical line (a joined line is tested by its last part)
    for k, line in enumerate(lines):
        if k >= limit or match_numbering(line.text) or line.is_table or PREAMBLE_OPENING.match(line.text):
            return (*out, *lines[k:])  # the plan's own text (its preamble, its numbered parts) keeps its lines
        prev = out[-1] if out else None
        ends = (last, line.text)  # neither a 文号, a date nor a website's labelled metadata is ever a wrapped part
        if prev is not None and not prev.is_table and not any(is_date_line(t) or is_doc_number_line(t) or LABEL.search(t) for t in ends) and (
            prev.text.count("《") > prev.text.count("》")
            or (width and is_wrapped(last, width) and not last.rstrip("》）)").endswith(DOC_TYPES))
            or (_TITLE_TAIL.match(line.text) and last[-1:] not in "。；;：:，," and ("关于" in prev.text or "印发" in prev.text))
        ):
            out[-1] = Line(prev.no, join_texts([prev.text, line.text]), prev.md_level, prev.bold, prev.bold_title, prev.after_break)
        else:
            out.append(line)
        last = line.text
    return tuple(out)


def parse_header(lines: tuple[Line, ...], heading_end: int, item: int | None) -> Header:
    """Read the head of one document block (``lines`` are the block's lines).

    The head is read in zones, each a step of its own: the website's metadata block, an item's heading, site
    furniture and a news lead, the notice (文号, letterhead, notice title), a title issued directly, the addressees,
    the signature and date, the plan's own title. Each field is then fused from every zone that carries it, the
    text's own statement first and the website's metadata only where the text is silent; the rule that gave each
    value is kept (``title_rule``, ``date_rule``, the issuer's line).
    """
    h = Header()
    z = Zones(lines)
    if item is None:
        z.labelled_end = labelled_metadata(lines, z.labelled)
        # the block's 文号 holds from the start: a 文号 line in the text then opens no notice and no letterhead
        h.doc_number, h.doc_number_line = z.labelled.doc_number, z.labelled.doc_number_line
    if item is not None:
        _item_heading(z, h, heading_end)
    _opening(z, item)
    h.site_source = _site_source(lines)
    notice_zone(z, h)
    if not z.notice and not z.heading and z.labelled_end:
        notice_above_metadata(z, h)
    if not z.notice and not z.heading:
        z.heading = direct_title(lines, z.start)
        z.direct = bool(z.heading)
    title_from_head(quoted_notice(z.notice or z.heading), z.direct, h)
    sal, body_start = addressees(z, h)
    z.body_start = body_start
    signature_zone(z, h, sal, body_start)
    if not h.date and z.head_date is not None:
        h.date, h.date_line, h.date_rule = is_date_line(lines[z.head_date].text), z.head_date, "head_date"
    if not h.date and h.title_lines is not None:
        statement = adoption(lines, h.title_lines[1] + 1)
        if statement:
            h.date, h.date_line, h.date_rule = statement[0], statement[1], "adoption_date"
            if statement[2] and not any(r == "issuer" for _, r, _ in h.issuers):
                h.issuers.append((statement[2], "issuer", statement[1]))
    _fuse_metadata(z, h)
    if not h.title and h.addressees:  # 现将《2008年政府工作目标任务分解》印发给你们: the notice body names the plan
        h.title, h.title_rule = title_from_notice(lines[z.body_start : z.body_start + 4])
    _tidy_fields(h)
    _fallbacks(z, h)
    return h


def _item_heading(z: Zones, h: Header, heading_end: int) -> None:
    """The heading of a numbered item that is a document of its own, with the date it may close with."""
    lines = z.lines
    first = _ITEM.sub("", lines[0].text, count=1)
    heading = normalise_digits(join_texts([first] + [ln.text for ln in lines[1:heading_end]]))
    m = _PAREN_DATE_END.search(heading)
    if m:
        h.heading_date = parse_date(m.group(0))
        heading = heading[: m.start()].strip()
    z.heading, z.start = heading, heading_end


def _opening(z: Zones, item: int | None) -> None:
    """Past the website's metadata block and furniture; a news report's lead, which names the issuer."""
    lines, n = z.lines, len(z.lines)
    i = max(z.start, z.labelled_end)
    while i < min(n, 12) and is_site_chrome(lines[i].text):
        i += 1
    z.lead = news_lead(lines[i : i + 6]) if item is None else None
    if z.lead is not None:  # a news report reposting the document: its lead names the issuer; the document follows
        i += z.lead.line + 1
    z.start = z.notice_end = i


def _site_source(lines: tuple[Line, ...]) -> str:
    """来自:襄阳市政府门户网站 时间:…: the site that published the page."""
    for line in lines[: min(len(lines), 15)]:
        source = SITE_SOURCE.search(line.text)
        if source:
            return source.group(1)
    return ""


def _fuse_metadata(z: Zones, h: Header) -> None:
    """The website's metadata fills what the text itself does not give: its 文号, its 成文日期, its 发布机构 (only when
    the text names no issuer), its 标题; then a heading printed above the block or above the 文号."""
    m = z.labelled
    # the place that opens each of the site's issuers (下陆区 of 下陆区政府办公室)
    places = [name[: spans[0][1]] for name, _, _ in m.issuers if (spans := mentioned_spans(name)) and spans[0][0] == 0]
    for k, (name, role, j) in enumerate(h.issuers):
        # 区人民政府办公室 in the text, 下陆区政府办公室 in the site's 发布机构: the text's body, named with the site's place
        place = next((p for p in places if name[:1] in "区县市" and p[-1] == name[0]), "")
        if place and not mentioned_spans(name):
            h.issuers[k] = (place + name[1:], role, j)
    if h.doc_number is None and m.doc_number is not None:
        h.doc_number = m.doc_number
    if not h.date and m.date:
        h.date, h.date_line, h.date_rule = m.date, m.date_line, m.date_rule
    if not any(r == "issuer" for _, r, _ in h.issuers):
        h.issuers += [x for x in m.issuers if x not in h.issuers]
    if not h.title and m.title:
        h.title, h.title_rule = m.title, "labelled_title"
    if not h.title:  # a heading printed above the page's metadata block (标题 / 发布时间 / 来源 …) or above the 文号
        top = max(z.labelled_end, h.doc_number_line or 0)
        above = next((j for j in range(top) if not labelled_fields(z.lines[j].text) and is_title_like(z.lines[j])), None)
        if above is not None:
            h.title, h.title_rule, h.title_lines = z.lines[above].text, "page_heading", (above, above)


def _tidy_fields(h: Header) -> None:
    """The title without its own 文号 or the site's furniture; issuers cleaned and split; impossible dates dropped."""
    number = TITLE_NUMBER.search(h.title)
    if number:  # the title's own 文号 leaves the title, and stands in when the page prints none apart
        h.title = (h.title[: number.start()] + h.title[number.end():]).strip()
        if h.doc_number is None:
            h.doc_number = parse_doc_number(number.group(1) or number.group(2))
    h.title = standalone_title(TITLE_CHROME.sub("", tidy(h.title)))
    h.issuers = [(name, r, j) for a, r, j in h.issuers for name in split_issuers(clean_issuer(tidy(a))) if name]
    for name in ("date", "heading_date"):
        value = getattr(h, name)
        if value and not is_calendar_date(value):
            h.notes.append(f"impossible date {value} in the text ignored")
            setattr(h, name, None)
            if name == "date":
                h.date_line = None
    if not h.date and h.heading_date:
        h.date = h.heading_date
    if h.heading_date and h.date and h.heading_date != h.date:
        h.notes.append(f"heading date {h.heading_date} differs from signature date {h.date}; signature kept")


def _fallbacks(z: Zones, h: Header) -> None:
    """The letterhead and a news lead stand in for what nothing else gave; what is still missing is noted."""
    if not h.issuers and z.letterhead:
        h.issuers.append((z.letterhead, "issuer", 0))
    if z.lead is not None:
        lead_at = z.start - 1
        if not any(r in ("issuer", "seal") for _, r, _ in h.issuers):
            h.issuers += [(name, "issuer", lead_at) for name in z.lead.issuers]
        if not h.title and z.lead.title:
            h.title, h.title_rule, h.title_lines = z.lead.title, "news_lead", (lead_at, lead_at)
        h.notes.append(f"a news report wrapping the document: its lead (line {z.lines[lead_at].no}) names "
                       f"{'、'.join(z.lead.issuers)} as issuer")
    if not h.title:
        h.notes.append("no title found")
    if not any(r in ("issuer", "seal") for _, r, _ in h.issuers):
        h.notes.append("no issuer named in the text")
    if h.doc_number is None:
        h.notes.append("no 文号 in the text")
    if not h.date:
        h.notes.append("no signing date in the text")
