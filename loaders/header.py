"""The head of a document: heading, 文号, notice wrapper, signature, plan title.

A published plan usually arrives wrapped in a notice (通知) that issues or
forwards it: letterhead, 文号, ``关于印发《title》的通知``, addressees, a short
body, signature and date, then the plan itself (often after an 附件 line).
The plan is the document; the notice's issuer, date and 文号 are kept on it
and the wrapper is recorded. Without a wrapper, the head is just a title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykg.loaders.chrome import SITE_SOURCE, TITLE_CHROME, clean_issuer, is_site_chrome
from policykg.loaders.docnumber import DATE, is_calendar_date, is_date_line, is_doc_number_line, normalise_digits, parse_date, parse_doc_number
from policykg.loaders.gazetteer import mentioned_spans
from policykg.loaders.issuers import ANNEX_LINE, adoption, looks_like_org, signatories, split_issuers, split_orgs
from policykg.loaders.metadata import LABEL, ROW_LEAD, labelled_date, labelled_fields, metadata_block
from policykg.loaders.news import Lead, news_lead
from policykg.loaders.numbering import match_numbering
from policykg.loaders.segment import _ITEM, _NOTICE, is_salutation
from policykg.loaders.text import Line, is_wrapped, join_texts, tidy
from policykg.loaders.title import (
    DOC_TYPES,
    PREAMBLE_OPENING,
    QUOTES_A_TITLE,
    TITLE_NUMBER,
    UNBRACKETED_NOTICE,
    bracketed_titles,
    is_title_like,
    norm_title,
    similar_titles,
    standalone_title,
    title_from_notice,
    title_piece,
    title_span,
)
from policykg.ontology.records import DocNumber, IssuerRole, WrapperKind

_PAREN_DATE_END = re.compile(r"[（(]\s*" + DATE.pattern + r"\s*[）)]\s*$")
_FORWARDED_BODY = re.compile(r"转发([^关于《》，,、]{2,20}?(?:局|委|办|厅|委员会|办公室|中心))关于")
_DRAFTER = re.compile(r"转发(.{2,30}?)(?:制订|制定|起草|拟订|拟定|编制)的")
# the release note under a notice's date: （此件公开发布）, （此件主动公开）, （此件发至县级）
_RELEASE_NOTE = re.compile(r"^[（(]\s*此\s*件[^（）()]{1,16}[）)]$")
# the contact under a notice's date: （联系人：田博 电话/传真：86789314）
_CONTACT = re.compile(r"^[（(]\s*联\s*系\s*人")


@dataclass
class Header:
    title: str = ""
    title_rule: str = ""
    title_lines: tuple[int, int] | None = None  # line indices (block-relative) of the plan title
    doc_number: DocNumber | None = None
    doc_number_line: int | None = None
    issuers: list[tuple[str, IssuerRole, int]] = field(default_factory=list)  # (name, role, line index)
    date: str | None = None
    date_line: int | None = None
    date_rule: str = ""  # labelled_signing_date / labelled_publication_date when read from website metadata
    heading_date: str | None = None
    wrapper_kind: WrapperKind = "none"
    wrapper_title: str = ""
    wrapper_end: int = 0  # index of the first line after the wrapper
    addressees: str = ""
    site_source: str = ""  # the website's 来源/来自 line (襄阳市政府门户网站): where the page was published
    plan_start: int = 0
    notes: list[str] = field(default_factory=list)



def _labelled_metadata(lines: tuple[Line, ...], h: Header) -> int:
    """Metadata as government websites print it above a document (发文字号：…, 成文日期：…).

    Returns the index of the first line after that block.
    """
    end, fields = metadata_block(lines)
    for j, label, value in fields:
        _read_label(h, j, label, value)
    return end


def _read_label(h: Header, j: int, label: str, value: str) -> None:
    """One metadata field; the signing date (成文日期) wins over the publication date (发布日期)."""
    if label in ("发文字号", "文号") and value:
        dn = is_doc_number_line(value)
        if dn:
            h.doc_number, h.doc_number_line = dn, j
    elif label == "发布时间":  # a page's publication date, as 发布日期
        _read_label(h, j, "发布日期", value)
    elif label.endswith("日期") and value and (label != "发布日期" or not h.date):
        date = labelled_date(value)
        if date and not (label == "发布日期" and h.date_rule == "labelled_signing_date"):
            h.date, h.date_line = date, j
            h.date_rule = "labelled_publication_date" if label == "发布日期" else "labelled_signing_date"
    elif label in ("发布机构", "发文机关", "发文单位") and value:
        h.issuers.append((value, "issuer", j))
    elif label in ("标题", "名称") and value:
        h.title, h.title_rule = value, "labelled_title"


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
    z = _Zones(lines)
    if item is None:
        z.labelled_end = _labelled_metadata(lines, z.labelled)
        # the block's 文号 holds from the start: a 文号 line in the text then opens no notice and no letterhead
        h.doc_number, h.doc_number_line = z.labelled.doc_number, z.labelled.doc_number_line
    if item is not None:
        _item_heading(z, h, heading_end)
    _opening(z, item)
    h.site_source = _site_source(lines)
    _notice_zone(z, h)
    if not z.notice and not z.heading and z.labelled_end:
        _notice_above_metadata(z, h)
    if not z.notice and not z.heading:
        z.heading = _direct_title(lines, z.start)
        z.direct = bool(z.heading)
    _title_from_head(_quoted_notice(z.notice or z.heading), z.direct, h)
    sal, body_start = _addressees(z, h)
    z.body_start = body_start
    _signature_zone(z, h, sal, body_start)
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


@dataclass
class _Zones:
    """Where the zones of a head lie, as the steps of :func:`parse_header` find them."""

    lines: tuple[Line, ...]
    labelled: Header = field(default_factory=Header)  # the website's metadata block, read as a header of its own
    labelled_end: int = 0  # the first line after that block
    start: int = 0  # the first line after the metadata block, an item's heading, site furniture and a news lead
    lead: Lead | None = None
    heading: str = ""  # an item's heading, or a title issued directly (国务院关于…的意见)
    direct: bool = False
    notice: str = ""  # the notice's title (关于印发《X》的通知)
    letterhead: str = ""
    notice_end: int = 0  # the first line after the letterhead, 文号 and notice title
    body_start: int = 0  # the first line of the notice's body, after its addressees
    head_date: int | None = None  # a date printed in the head, above the addressees (（二〇〇八年二月二十六日）/ 宝府办〔2008〕18号)


def _item_heading(z: _Zones, h: Header, heading_end: int) -> None:
    """The heading of a numbered item that is a document of its own, with the date it may close with."""
    lines = z.lines
    first = _ITEM.sub("", lines[0].text, count=1)
    heading = normalise_digits(join_texts([first] + [ln.text for ln in lines[1:heading_end]]))
    m = _PAREN_DATE_END.search(heading)
    if m:
        h.heading_date = parse_date(m.group(0))
        heading = heading[: m.start()].strip()
    z.heading, z.start = heading, heading_end


def _opening(z: _Zones, item: int | None) -> None:
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


def _notice_zone(z: _Zones, h: Header) -> None:
    """The letterhead, the 文号 and the notice's title within the first lines, up to the addressees."""
    lines, n, i = z.lines, len(z.lines), z.start
    for j in range(i, min(n, i + 12)):
        t = lines[j].text
        dn = is_doc_number_line(t)
        if dn and h.doc_number is None:
            h.doc_number, h.doc_number_line = dn, j
            z.notice_end = max(z.notice_end, j + 1)
            continue
        if z.head_date is None and is_date_line(t):
            z.head_date = j
        if is_salutation(t) or (j + 1 < n and is_salutation(t + lines[j + 1].text)):
            break
        if not z.notice and re.search(r"通\s*知$", t) and "。" not in t and not _NOTICE.search(t):
            # a notice title broken over lines with no 《》 to hold it together: 自治区人民政府关于 / 印发新疆维吾尔自治区 /
            # 百万人温饱工程计划的通知; its first lines are joined back to the line that closes it
            k0 = j
            while (k0 > i and j - k0 < 3 and title_piece(lines[k0 - 1].text)
                   and (not re.search(r"关于|印发|转发", join_texts([ln.text for ln in lines[k0 : j + 1]]))
                        or lines[k0 - 1].text.rstrip().endswith(("关于", "印发", "转发")))):
                k0 -= 1
            joined = join_texts([ln.text for ln in lines[k0 : j + 1]])
            if k0 < j and _NOTICE.search(joined):
                z.notice = joined
                z.notice_end = max(z.notice_end, j + 1)
                if z.letterhead and lines[k0].text.startswith(z.letterhead):
                    z.letterhead = ""
                continue
        if not z.notice and _NOTICE.search(t) and "。" not in t:
            k = j
            parts = [t]
            while "《" in "".join(parts) and "》" not in "".join(parts)[("".join(parts)).rfind("《"):] and k + 1 < n and k < j + 4:
                k += 1
                parts.append(lines[k].text)
            if k + 1 < n and lines[k + 1].text.startswith(("的通知", "通知")):
                k += 1
                parts.append(lines[k].text)
            z.notice = join_texts(parts)
            z.notice_end = max(z.notice_end, k + 1)
            continue
        masthead = re.sub(r"\s*文\s*件$", "", t)  # 新疆维吾尔自治区人民政府文件: the issuer's letterhead
        if h.doc_number is None and not z.letterhead and looks_like_org(masthead):
            z.letterhead = masthead
            z.notice_end = max(z.notice_end, j + 1)


def _notice_above_metadata(z: _Zones, h: Header) -> None:
    """The notice title printed above the website's metadata block (河南: chrome, the title, then 发布时间), and its
    文号 with it."""
    lines = z.lines
    z.notice = next((ln.text for ln in lines[: z.labelled_end] if _NOTICE.search(ln.text) and "。" not in ln.text
                     and not labelled_fields(ln.text) and not is_site_chrome(ln.text)), "")
    above = next((j for j in range(z.labelled_end) if is_doc_number_line(lines[j].text)), None) if z.notice else None
    if above is not None and h.doc_number is None:
        h.doc_number, h.doc_number_line = is_doc_number_line(lines[above].text), above


def _direct_title(lines: tuple[Line, ...], i: int) -> str:
    """The title of a document issued directly (国务院关于…的意见, with a 文号 and no 印发 wrapper)."""
    n = len(lines)
    first = next((ln.text for ln in lines[i : min(n, i + 3)] if "关于" in ln.text and is_title_like(ln)), "")
    if not first:  # 国务院关于推动内蒙古高质量发展 / 奋力书写…的意见: a title broken after its first words
        first = next((a.text + b.text for a, b in zip(lines[i : min(n, i + 3)], lines[i + 1 : min(n, i + 4)], strict=False)
                      if "关于" in a.text and "。" not in a.text and not is_title_like(a) and not is_salutation(a.text)
                      and not re.search(r"印发|转发", a.text + b.text)
                      and is_title_like(Line(b.no, a.text + b.text))), "")
    # the issuer printed on a line of its own above 关于…: one title (沙县人民政府 / 关于加快…的实施意见), which wins
    # over the same words as a page heading above it
    for j in range(max(i, 1), min(n, i + 8)):
        org = ROW_LEAD.sub("", lines[j - 1].text).strip()
        if not lines[j].text.startswith("关于") or not looks_like_org(org) or is_site_chrome(org):
            continue
        if is_title_like(lines[j]):
            return org + lines[j].text
        if j + 1 < n and "。" not in lines[j].text and is_title_like(Line(lines[j].no, lines[j].text + lines[j + 1].text)):
            return org + lines[j].text + lines[j + 1].text  # 青岛市人民政府 / 关于2019年…建设和 / 改善…的通知
    return first


def _quoted_notice(text: str) -> str:
    """A page heading that quotes the notice itself (京政办发〔2016〕26号《…关于印发〈X〉的通知》) gives the notice."""
    titles = bracketed_titles(text)
    if titles and (titles[-1][0] <= 1 or titles[-1][1] >= len(text) - 1) and UNBRACKETED_NOTICE.search(titles[-1][2]):
        return titles[-1][2].replace("〈", "《").replace("〉", "》")
    return text


def _title_from_head(text: str, direct: bool, h: Header) -> None:
    """The plan's title, the wrapper and the issuer from the notice's title or the heading."""
    if direct:
        h.title, h.title_rule = text, "direct_title"
        issuer = text.split("关于", 1)[0]
        if issuer and looks_like_org(issuer):
            h.issuers.append((issuer, "issuer", 0))
        return
    if not text:
        return
    titles = bracketed_titles(text)
    plain = UNBRACKETED_NOTICE.search(text)
    if plain and QUOTES_A_TITLE.search(plain.group(3)):
        titles = []  # 印发X贯彻落实《Y》实施方案的通知: the plan is the whole X…《Y》…方案, Y is what it implements
    if titles and _NOTICE.search(text):
        h.title, h.title_rule = titles[-1][2], "notice_title_brackets"
        h.wrapper_kind = "forwards" if "转发" in text[: titles[-1][0]] else "issues"
        h.wrapper_title = text
        pre = text[: titles[-1][0]]
        issuer = re.split(r"关于|印发|转发", pre)[0].strip()
        if issuer:
            h.issuers += [(name, "issuer", 0) for name in split_issuers(issuer)]
        d = _DRAFTER.search(pre)
        if d:
            h.issuers.append((d.group(1).strip(), "drafter", 0))
    elif plain and len(plain.group(3)) >= 4:
        # 关于印发X的通知 without 《》: the plan's title is X
        h.title, h.title_rule = plain.group(3).strip(), "notice_title_unbracketed"
        h.wrapper_kind = "forwards" if plain.group(2) == "转发" else "issues"
        h.wrapper_title = text
        issuer = text[: plain.start()].strip()
        if issuer and looks_like_org(issuer):
            h.issuers += [(name, "issuer", 0) for name in split_issuers(issuer)]
        drafter = _FORWARDED_BODY.search(text)
        if plain.group(2) == "转发" and drafter:  # X转发区发改局关于…的通知: the body that drafted it
            h.issuers.append((drafter.group(1), "drafter", 0))
    else:
        h.title, h.title_rule = text, "heading"
        parts = text.split("关于", 1)
        if len(parts) > 1 and looks_like_org(parts[0]):
            # 沙县人民政府关于加快第三产业发展的实施意见: a document issued as it is keeps its issuer in its title, as
            # the direct title does (国务院关于…的意见); the issuer is read from it
            h.issuers.append((parts[0], "issuer", 0))


def _addressees(z: _Zones, h: Header) -> tuple[int | None, int]:
    """The addressees' line (各区人民政府：) after the notice title: its index and the first line of the notice body."""
    lines, n = z.lines, len(z.lines)
    for j in range(z.notice_end, min(n, z.notice_end + 6)):
        for width in (1, 2):
            if j + width <= n and is_salutation(join_texts([ln.text for ln in lines[j : j + width]])):
                h.addressees = join_texts([ln.text for ln in lines[j : j + width]])
                if h.title_rule == "notice_title_unbracketed":
                    body_title, _ = title_from_notice(lines[j + width : min(n, j + width + 3)])
                    _fuller_title(h, body_title)
                return j, j + width
    return None, z.notice_end


def _fuller_title(h: Header, body_title: str) -> None:
    """The notice body usually names the plan in full (《厦门市…的若干措施》已经市政府同意，现印发给你们) where the
    notice's title, without 《》, shortens it; the fuller naming wins. Where the two differ by the names of bodies
    before the title, those bodies issued the plan with its title (《鹤岗市人民政府 鹤岗市中级人民法院关于…的意见》)
    or drafted it (转发市发展改革委市综合行政执法局贵阳市…方案的通知, the body naming 《贵阳市…方案》).

    >>> h = Header(title="市发展改革委市综合行政执法局贵阳市生活垃圾分类制度实施方案", title_rule="notice_title_unbracketed")
    >>> _fuller_title(h, "贵阳市生活垃圾分类制度实施方案"); h.title, h.issuers
    ('贵阳市生活垃圾分类制度实施方案', [('市发展改革委', 'drafter', 0), ('市综合行政执法局', 'drafter', 0)])
    >>> h = Header(title="2023年区《政府工作报告》确定的主要目标任务责任分解方案", title_rule="notice_title_unbracketed")
    >>> _fuller_title(h, "区〈政府工作报告〉确定的主要目标任务责任分解方案"); h.title
    '2023年区《政府工作报告》确定的主要目标任务责任分解方案'
    """
    if not body_title or body_title == h.title:
        return
    body, notice = norm_title(body_title), norm_title(h.title)
    if notice.endswith(body) and len(body) >= 4:
        orgs = _org_run(h.title[: len(h.title) - len(body_title)] if h.title.endswith(body_title) else "")
        if orgs:
            h.title, h.title_rule = body_title, "notice_body_title"
            h.issuers += [(name, "drafter", 0) for name in orgs]
        return
    if body.endswith(notice) and _org_run(body_title[: len(body_title) - len(h.title)] if body_title.endswith(h.title) else ""):
        h.title, h.title_rule = body_title, "notice_body_title"
        return
    if similar_titles(body, notice) and len(body) >= len(notice):
        h.title, h.title_rule = body_title, "notice_body_title"


def _org_run(text: str) -> list[str]:
    """The names of bodies that make up ``text`` (市发展改革委、市综合行政执法局), or [] when it holds anything else."""
    names: list[str] = []
    for chunk in re.split(r"[\s、，,和与]+", text.strip()):
        if not chunk:
            continue
        parts = split_orgs(chunk)
        if not all(looks_like_org(p) for p in parts):
            return []
        names += parts
    return names


def _signature_zone(z: _Zones, h: Header, sal: int | None, body_start: int) -> None:
    """The notice's signature and date, the plan title after them; without a notice, a date that closes the text."""
    lines, n = z.lines, len(z.lines)
    date_idx = None
    for j in range(body_start, min(n, body_start + 40)):
        t = lines[j].text
        numbered = match_numbering(t)
        if numbered and numbered.style in ("cn", "num", "pcn", "article", "chapter"):
            if sal is not None:  # a notice's own numbered requirements (一、提升政治站位。…), its signature after them
                date_idx = _signed_before_plan(lines, j, body_start + 40)
            break
        if is_date_line(t):
            date_idx = j
            break
    is_notice = bool(z.notice) or h.wrapper_kind != "none" or (sal is not None and date_idx is not None)
    if date_idx is not None and is_notice:
        h.date, h.date_line = is_date_line(lines[date_idx].text), date_idx
        sig = signatories(lines, body_start, date_idx)
        if sig:
            h.issuers = [x for x in h.issuers if x[1] == "drafter"] + sig
        if not h.title:
            h.title, h.title_rule = title_from_notice(lines[body_start:date_idx])
        if h.wrapper_kind == "none":
            h.wrapper_kind = "issues"
        h.wrapper_end = date_idx + 1
        k = date_idx + 1
        while k < n and (ANNEX_LINE.match(lines[k].text) or is_date_line(lines[k].text) or _RELEASE_NOTE.match(lines[k].text)
                         or _CONTACT.match(lines[k].text)):
            k += 1
        h.plan_start = _consume_title(lines, k, h)
        return
    k = body_start if sal is not None else z.notice_end
    if sal is not None:
        h.wrapper_end = 0
    h.plan_start = _consume_title(lines, k, h)
    if not h.date:
        # a date closing the text (signature), never one above the plan's title on a short page
        tail = next((j for j in range(n - 1, max(h.plan_start - 1, n - 15), -1) if is_date_line(lines[j].text)), None)
        if tail is not None:
            h.date, h.date_line = is_date_line(lines[tail].text), tail
            sig = signatories(lines, max(0, tail - 6), tail)
            if sig and not any(r == "issuer" for _, r, _ in h.issuers):
                h.issuers += sig


def _signed_before_plan(lines: tuple[Line, ...], start: int, limit: int) -> int | None:
    """The date that signs a notice whose body numbers its own requirements: a date line after ``start`` signed by a
    body and followed by the plan's title or its 附件 line (合肥市人民政府 / 2023年8月14日 / 合肥市…行动方案(2023))."""
    n = len(lines)
    for k in range(start + 1, min(n - 1, limit)):
        if not is_date_line(lines[k].text) or not looks_like_org(lines[k - 1].text):
            continue
        after = [ln for ln in lines[k + 1 : k + 4] if not _RELEASE_NOTE.match(ln.text)]
        if after and (ANNEX_LINE.match(after[0].text) or after[0].text.startswith("附件") or title_span(lines, lines.index(after[0])) is not None):
            return k
    return None


def _fuse_metadata(z: _Zones, h: Header) -> None:
    """The website's metadata fills what the text itself does not give: its 文号, its 成文日期, its 发布机构 (only when
    the text names no issuer), its 标题; then a heading printed above the block or above the 文号."""
    m = z.labelled
    placed = [name for name, _, _ in m.issuers if mentioned_spans(name)[:1] and mentioned_spans(name)[0][0] == 0]
    for k, (name, role, j) in enumerate(h.issuers):
        # 区人民政府办公室 in the text, 下陆区政府办公室 in the site's 发布机构: the text's body, named with the site's place
        place = next((p[: mentioned_spans(p)[0][1]] for p in placed if name[:1] in "区县市" and p[mentioned_spans(p)[0][1] - 1] == name[0]), "")
        if place and not mentioned_spans(name)[:1]:
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


def _fallbacks(z: _Zones, h: Header) -> None:
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


def _consume_title(lines: tuple[Line, ...], k: int, h: Header) -> int:
    """Skip the plan's own title line(s) at ``k``; adopt it when no title is known yet."""
    n = len(lines)
    if k >= n:
        return k
    want = norm_title(h.title)
    if want:
        acc = ""
        for j in range(k, min(n, k + 4)):
            acc += norm_title(lines[j].text)
            if acc == want:
                h.title_lines = (k, j)
                return j + 1
            if not want.startswith(acc):
                break
        # Same title with minor differences (spaces, a place prefix, punctuation): the plan's own wording wins
        # over the notice's (关于印发X的通知 often shortens X).
        span = title_span(lines, k)
        if span is not None and similar_titles(norm_title(span[1]), want):
            if h.title_rule == "notice_title_unbracketed" and norm_title(span[1]) != want:
                h.title, h.title_rule = span[1], "plan_title_line"
            h.title_lines = (k, span[0])
            return span[0] + 1
    span = title_span(lines, k)
    if span is not None and span[0] > k:  # a plan title printed over two or three lines
        if not h.title:
            h.title, h.title_rule = span[1], "title_lines"
        h.title_lines = (k, span[0])
        return span[0] + 1
    if is_title_like(lines[k]):
        if not h.title:
            h.title, h.title_rule = lines[k].text, "title_line"
        elif not want or not similar_titles(norm_title(lines[k].text), want):
            h.notes.append(f"plan title line differs from notice title: {lines[k].text}")
        h.title_lines = (k, k)
        return k + 1
    return k


