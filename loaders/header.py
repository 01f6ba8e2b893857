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
from policykg.loaders.metadata import LABEL, ROW_LEAD, labelled_date, labelled_fields, metadata_block
from policykg.loaders.news import news_lead
from policykg.loaders.numbering import match_numbering
from policykg.loaders.segment import _ITEM, _NOTICE, is_salutation
from policykg.loaders.text import Line, is_wrapped, join_texts, tidy
from policykg.ontology.records import DocNumber, IssuerRole, WrapperKind

DOC_TYPES = (
    "方案", "计划", "措施", "要点", "意见", "规定", "办法", "细则", "清单", "决定", "纲要", "规划",
    "规则", "指引", "条例", "通知", "通告", "公告", "指南", "举措", "任务", "安排", "政策", "制度",
)
_ORG_SUFFIX = (
    "委员会", "办公室", "办公厅", "人民政府", "政府", "领导小组", "联席会议", "管委会", "总部", "海关", "法院",
    "检察院", "分局", "分行", "支行", "商会", "学会", "监管局", "集团", "公司", "银行", "中心", "协会", "联合会", "局", "委", "办", "厅", "署", "部", "院",
)
_ORG_START = re.compile(r"^(上海|中国|中共|国家|国务院|市|区)")
_PAREN_DATE_END = re.compile(r"[（(]\s*" + DATE.pattern + r"\s*[）)]\s*$")
_FORWARDED_BODY = re.compile(r"转发([^关于《》，,、]{2,20}?(?:局|委|办|厅|委员会|办公室|中心))关于")
_DRAFTER = re.compile(r"转发(.{2,30}?)(?:制订|制定|起草|拟订|拟定|编制)的")
_SEAL = re.compile(r"[（(]\s*代\s*章\s*[）)]")
_ANNEX_LINE = re.compile(r"^附\s*件\s*\d*\s*[：:]?\s*$")
# the release note under a notice's date: （此件公开发布）, （此件主动公开）, （此件发至县级）
_RELEASE_NOTE = re.compile(r"^[（(]\s*此\s*件[^（）()]{1,16}[）)]$")
# the contact under a notice's date: （联系人：田博 电话/传真：86789314）
_CONTACT = re.compile(r"^[（(]\s*联\s*系\s*人")
_TAIL = re.compile(r"^(抄送|抄报|印发|主送|（此件|\(此件)|印发\s*$"
                   # a web page's furniture after the text
                   r"|^(相关附件|附件下载|分享到|打印本页|关闭窗口|【打印】|【关闭】|扫一扫在手机|上一篇|下一篇)")


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


def split_orgs(text: str) -> list[str]:
    """Split a signature line that holds several organisation names.

    >>> split_orgs("上海市商务委员会上海海关")
    ['上海市商务委员会', '上海海关']
    >>> split_orgs("上海市发展和改革委员会国家税务总局上海市税务局")
    ['上海市发展和改革委员会', '国家税务总局上海市税务局']
    >>> split_orgs("中国人民银行上海总部")
    ['中国人民银行上海总部']
    >>> split_orgs("中共金山区委办公室  金山区人民政府办公室")
    ['中共金山区委办公室', '金山区人民政府办公室']
    """
    out: list[str] = []
    for chunk in re.split(r"\s+", text.strip()):
        if not chunk:
            continue
        start = 0
        for i in range(2, len(chunk) - 1):
            left, right = chunk[start:i], chunk[i:]
            if not _ORG_START.match(right) or right.startswith(("市场", "市政", "区域", "上海市区")):
                continue
            if not left.endswith(_ORG_SUFFIX) or len(left) < 3:
                continue
            if left.startswith(("国家", "中国")) and right.startswith("上海"):
                continue
            if right.startswith(("市", "区")) and not re.match(r"^(市|区)\S*?(委|局|办|政府|院)", right):
                continue
            out.append(left)
            start = i
        out.append(chunk[start:])
    return [o for o in out if o]


# How a preamble opens (为贯彻落实《…》…, 根据…): such a line is never a title, even when a PDF wraps it after a 《title》.
_PREAMBLE_OPENING = re.compile(r"^(?:为了?(?:深入|全面|认真|进一步|更好|切实|加快|有效|持续)?(?:贯彻|落实|推动|推进|加快|优化|做好|提升|实施)|根据|按照|依据)")


# a page explaining a policy (《…》政策解读, 关于《…》的解读, 一图读懂《…》): it names the document it explains
INTERPRETATION = re.compile(r"《[^》]+》.{0,6}(?:解读|答记者问)$|^(?:一图读懂|一图看懂|图解)\s*《")


def is_title_like(line: Line) -> bool:
    t = line.text
    if not t or "。" in t or len(t) > 70 or match_numbering(t) or is_salutation(t) or _PREAMBLE_OPENING.match(t):
        return False
    if line.md_level or INTERPRETATION.search(t):
        return True
    t = _TRAILING_NOTE.sub("", t)  # 行动方案（2026版）, 实施意见（试行）, 实施意见（池政〔2017〕101号）
    return t.rstrip("）)》").endswith(DOC_TYPES) or bool(re.search(r"（20\d\d\D{0,3}20\d\d\s*年?）$", t))


# a parenthesis closing a title: its edition, 试行, years, or its own 文号
_TRAILING_NOTE = re.compile(r"\s*[（(][^（）()]{1,20}[）)]\s*$")
# a title line that carries its 文号 in brackets before or after it: （通政发〔2020〕1号）北京市… / …实施意见(池政〔2017〕101号)
_TITLE_NUMBER = re.compile(r"^\s*[（(]([^（）()]{2,16}[〔\[(（【﹝]\s*(?:19|20)\d\d\s*[〕\])）】﹞]\s*\d{1,4}\s*号)[）)]\s*"
                           r"|\s*[（(]([^（）()]{2,16}[〔\[(（【﹝]\s*(?:19|20)\d\d\s*[〕\])）】﹞]\s*\d{1,4}\s*号)[）)]\s*$")


# what a website prints around a document: share and print buttons, breadcrumbs, counters, close marks
def _norm(t: str) -> str:
    return re.sub(r"[\s“”\"'‘’]", "", normalise_digits(t))


def _looks_like_org(t: str) -> bool:
    t = _SEAL.sub("", t).strip()
    return (
        0 < len(t) <= 60
        and not re.search(r"[。；，,：:]", t)
        and t.endswith(_ORG_SUFFIX)
        and not match_numbering(t)
    )


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
        if k >= limit or match_numbering(line.text) or line.is_table or _PREAMBLE_OPENING.match(line.text):
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
    """Read the head of one document block (``lines`` are the block's lines)."""
    h = Header()
    n = len(lines)
    labelled_end = _labelled_metadata(lines, h) if item is None else 0
    labelled = (h.doc_number, h.date, list(h.issuers), h.title)
    h.issuers = []  # a website's 发布机构 only stands in when the text names no issuer
    labelled_date = (h.date_line, h.date_rule)
    h.date, h.date_line, h.date_rule = None, None, ""  # nor its 成文日期 when the document dates itself
    heading = ""
    i = 0
    if item is not None:
        first = _ITEM.sub("", lines[0].text, count=1)
        heading = normalise_digits(join_texts([first] + [ln.text for ln in lines[1:heading_end]]))
        m = _PAREN_DATE_END.search(heading)
        if m:
            h.heading_date = parse_date(m.group(0))
            heading = heading[: m.start()].strip()
        i = heading_end
    # letterhead, 文号 and notice title within the first lines
    letterhead = ""
    notice = ""
    i = max(i, labelled_end)
    while i < min(n, 12) and is_site_chrome(lines[i].text):
        i += 1
    lead = news_lead(lines[i : i + 6]) if item is None else None
    if lead is not None:  # a news report reposting the document: its lead names the issuer; the document follows
        i += lead.line + 1
    for line in lines[: min(n, 15)]:  # 来自:襄阳市政府门户网站 时间:…: the site that published the page
        source = SITE_SOURCE.search(line.text)
        if source and not h.site_source:
            h.site_source = source.group(1)
    notice_end = i
    h.title = ""
    for j in range(i, min(n, i + 12)):
        t = lines[j].text
        dn = is_doc_number_line(t)
        if dn and h.doc_number is None:
            h.doc_number, h.doc_number_line = dn, j
            notice_end = max(notice_end, j + 1)
            continue
        if is_salutation(t) or (j + 1 < n and is_salutation(t + lines[j + 1].text)):
            break
        if not notice and re.search(r"通\s*知$", t) and "。" not in t and not _NOTICE.search(t):
            # a notice title broken over lines with no 《》 to hold it together: 自治区人民政府关于 / 印发新疆维吾尔自治区 /
            # 百万人温饱工程计划的通知; its first lines are joined back to the line that closes it
            k0 = j
            while (k0 > i and j - k0 < 3 and _title_piece(lines[k0 - 1].text)
                   and (not re.search(r"关于|印发|转发", join_texts([ln.text for ln in lines[k0 : j + 1]]))
                        or lines[k0 - 1].text.rstrip().endswith("关于"))):
                k0 -= 1
            joined = join_texts([ln.text for ln in lines[k0 : j + 1]])
            if k0 < j and _NOTICE.search(joined):
                notice = joined
                notice_end = max(notice_end, j + 1)
                if letterhead and lines[k0].text.startswith(letterhead):
                    letterhead = ""
                continue
        if not notice and _NOTICE.search(t) and "。" not in t:
            k = j
            parts = [t]
            while "《" in "".join(parts) and "》" not in "".join(parts)[("".join(parts)).rfind("《"):] and k + 1 < n and k < j + 4:
                k += 1
                parts.append(lines[k].text)
            if k + 1 < n and lines[k + 1].text.startswith(("的通知", "通知")):
                k += 1
                parts.append(lines[k].text)
            notice = join_texts(parts)
            notice_end = max(notice_end, k + 1)
            continue
        masthead = re.sub(r"\s*文\s*件$", "", t)  # 新疆维吾尔自治区人民政府文件: the issuer's letterhead
        if h.doc_number is None and not letterhead and _looks_like_org(masthead):
            letterhead = masthead
            notice_end = max(notice_end, j + 1)
    if not notice and not heading and labelled_end:
        # the notice title printed above the website's metadata block (河南: chrome, the title, then 发布时间), and
        # its 文号 with it
        notice = next((ln.text for ln in lines[:labelled_end] if _NOTICE.search(ln.text) and "。" not in ln.text
                       and not labelled_fields(ln.text) and not is_site_chrome(ln.text)), "")
        above = next((j for j in range(labelled_end) if is_doc_number_line(lines[j].text)), None) if notice else None
        if above is not None and h.doc_number is None:
            h.doc_number, h.doc_number_line = is_doc_number_line(lines[above].text), above
    direct = False
    if not notice and not heading:
        # a document issued directly (国务院关于…的意见, with a 文号 and no 印发 wrapper): its first title line
        first = next((ln.text for ln in lines[i : min(n, i + 3)] if "关于" in ln.text and is_title_like(ln)), "")
        if not first:  # 国务院关于推动内蒙古高质量发展 / 奋力书写…的意见: a title broken after its first words
            first = next((a.text + b.text for a, b in zip(lines[i : min(n, i + 3)], lines[i + 1 : min(n, i + 4)], strict=False)
                          if "关于" in a.text and "。" not in a.text and not is_title_like(a) and not is_salutation(a.text)
                          and not re.search(r"印发|转发", a.text + b.text)
                          and is_title_like(Line(b.no, a.text + b.text))), "")
        # the issuer printed on a line of its own above 关于…: one title (沙县人民政府 / 关于加快…的实施意见), which wins
        # over the same words as a page heading above it
        signed = ""
        for j in range(max(i, 1), min(n, i + 8)):
            org = ROW_LEAD.sub("", lines[j - 1].text).strip()
            if not lines[j].text.startswith("关于") or not _looks_like_org(org) or is_site_chrome(org):
                continue
            if is_title_like(lines[j]):
                signed = org + lines[j].text
            elif j + 1 < n and "。" not in lines[j].text and is_title_like(Line(lines[j].no, lines[j].text + lines[j + 1].text)):
                signed = org + lines[j].text + lines[j + 1].text  # 青岛市人民政府 / 关于2019年…建设和 / 改善…的通知
            if signed:
                break
        heading = signed or first
        direct = bool(heading)
    heading_or_notice = notice or heading
    titles = bracketed_titles(heading_or_notice)
    if titles and titles[-1][0] <= 1 and _UNBRACKETED_NOTICE.search(titles[-1][2]):
        # a page heading that quotes the notice itself: 京政办发〔2016〕26号《…关于印发〈X〉的通知》
        heading_or_notice = titles[-1][2].replace("〈", "《").replace("〉", "》")
    elif titles and titles[-1][1] >= len(heading_or_notice) - 1 and _UNBRACKETED_NOTICE.search(titles[-1][2]):
        heading_or_notice = titles[-1][2].replace("〈", "《").replace("〉", "》")
    if direct:
        h.title, h.title_rule = heading_or_notice, "direct_title"
        issuer = heading_or_notice.split("关于", 1)[0]
        if issuer and _looks_like_org(issuer):
            h.issuers.append((issuer, "issuer", 0))
    elif heading_or_notice:
        titles = bracketed_titles(heading_or_notice)
        plain = _UNBRACKETED_NOTICE.search(heading_or_notice)
        if plain and _QUOTES_A_TITLE.search(plain.group(3)):
            titles = []  # 印发X贯彻落实《Y》实施方案的通知: the plan is the whole X…《Y》…方案, Y is what it implements
        if titles and _NOTICE.search(heading_or_notice):
            h.title, h.title_rule = titles[-1][2], "notice_title_brackets"
            h.wrapper_kind = "forwards" if "转发" in heading_or_notice[: titles[-1][0]] else "issues"
            h.wrapper_title = heading_or_notice
            pre = heading_or_notice[: titles[-1][0]]
            issuer = re.split(r"关于|印发|转发", pre)[0].strip()
            if issuer:
                h.issuers += [(name, "issuer", 0) for name in _split_issuers(issuer)]
            d = _DRAFTER.search(pre)
            if d:
                h.issuers.append((d.group(1).strip(), "drafter", 0))
        elif plain and len(plain.group(3)) >= 4:
            # 关于印发X的通知 without 《》: the plan's title is X
            h.title, h.title_rule = plain.group(3).strip(), "notice_title_unbracketed"
            h.wrapper_kind = "forwards" if plain.group(2) == "转发" else "issues"
            h.wrapper_title = heading_or_notice
            issuer = heading_or_notice[: plain.start()].strip()
            if issuer and _looks_like_org(issuer):
                h.issuers += [(name, "issuer", 0) for name in _split_issuers(issuer)]
            drafter = _FORWARDED_BODY.search(heading_or_notice)
            if plain.group(2) == "转发" and drafter:  # X转发区发改局关于…的通知: the body that drafted it
                h.issuers.append((drafter.group(1), "drafter", 0))
        else:
            h.title, h.title_rule = heading_or_notice, "heading"
            parts = heading_or_notice.split("关于", 1)
            if len(parts) > 1 and _looks_like_org(parts[0]):
                # 沙县人民政府关于加快第三产业发展的实施意见: a document issued as it is keeps its issuer in its title, as
                # the direct title does (国务院关于…的意见); the issuer is read from it
                h.issuers.append((parts[0], "issuer", 0))
    # addressees, notice body, signature and date
    sal, body_start = None, notice_end
    for j in range(notice_end, min(n, notice_end + 6)):
        for width in (1, 2):
            if j + width <= n and is_salutation(join_texts([ln.text for ln in lines[j : j + width]])):
                sal, body_start = j, j + width
                h.addressees = join_texts([ln.text for ln in lines[j : j + width]])
                break
        if sal is not None:
            break
    if h.title_rule == "notice_title_unbracketed" and sal is not None:
        # the notice body usually names the plan in full: 《厦门市…的若干措施》已经市政府同意，现印发给你们
        body_title, _ = _title_from_notice(lines[body_start : min(n, body_start + 3)])
        if body_title and body_title != h.title and _similar(_norm(body_title), _norm(h.title)):
            h.title, h.title_rule = body_title, "notice_body_title"
    date_idx = None
    for j in range(body_start, min(n, body_start + 40)):
        t = lines[j].text
        if match_numbering(t) and match_numbering(t).style in ("cn", "num", "pcn", "article", "chapter"):  # type: ignore[union-attr]
            break
        if is_date_line(t):
            date_idx = j
            break
    is_notice = bool(notice) or h.wrapper_kind != "none" or (sal is not None and date_idx is not None)
    if date_idx is not None and is_notice:
        h.date, h.date_line = is_date_line(lines[date_idx].text), date_idx
        sig = _signature(lines, body_start, date_idx)
        if sig:
            h.issuers = [x for x in h.issuers if x[1] == "drafter"] + sig
        if not h.title:
            h.title, h.title_rule = _title_from_notice(lines[body_start:date_idx])
        if h.wrapper_kind == "none":
            h.wrapper_kind = "issues"
        h.wrapper_end = date_idx + 1
        k = date_idx + 1
        while k < n and (_ANNEX_LINE.match(lines[k].text) or is_date_line(lines[k].text) or _RELEASE_NOTE.match(lines[k].text)
                         or _CONTACT.match(lines[k].text)):
            k += 1
        k = _consume_title(lines, k, h)
        h.plan_start = k
    else:
        k = max(notice_end, body_start if sal is not None else notice_end)
        if sal is not None:
            h.wrapper_end = 0
        k = _consume_title(lines, k, h)
        h.plan_start = k
        if not h.date:
            tail = next((j for j in range(n - 1, max(-1, n - 15), -1) if is_date_line(lines[j].text)), None)
            if tail is not None:
                h.date, h.date_line = is_date_line(lines[tail].text), tail
                sig = _signature(lines, max(0, tail - 6), tail)
                if sig and not any(r == "issuer" for _, r, _ in h.issuers):
                    h.issuers += sig
    if not h.date and h.title_lines is not None:
        _adoption(lines, h.title_lines[1] + 1, h)
    # website metadata fills what the text itself does not give
    if h.doc_number is None and labelled[0] is not None:
        h.doc_number = labelled[0]
    if not h.date and labelled[1]:
        h.date, (h.date_line, h.date_rule) = labelled[1], labelled_date
    if not any(r == "issuer" for _, r, _ in h.issuers):
        h.issuers += [x for x in labelled[2] if x not in h.issuers]
    if not h.title and labelled[3]:
        h.title, h.title_rule = labelled[3], "labelled_title"
    if not h.title:  # a heading printed above the page's metadata block (标题 / 发布时间 / 来源 …) or above the 文号
        top = max(labelled_end, h.doc_number_line or 0)
        above = next((j for j in range(top) if not labelled_fields(lines[j].text) and is_title_like(lines[j])), None)
        if above is not None:
            h.title, h.title_rule, h.title_lines = lines[above].text, "page_heading", (above, above)
    number = _TITLE_NUMBER.search(h.title)
    if number:  # the title's own 文号 leaves the title, and stands in when the page prints none apart
        h.title = (h.title[: number.start()] + h.title[number.end():]).strip()
        if h.doc_number is None:
            h.doc_number = parse_doc_number(number.group(1) or number.group(2))
    h.title = TITLE_CHROME.sub("", tidy(h.title))
    h.issuers = [(name, r, j) for a, r, j in h.issuers for name in _split_issuers(clean_issuer(tidy(a))) if name]
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
    if not h.issuers and letterhead:
        h.issuers.append((letterhead, "issuer", 0))
    if lead is not None:
        lead_at = i - 1
        if not any(r in ("issuer", "seal") for _, r, _ in h.issuers):
            h.issuers += [(name, "issuer", lead_at) for name in lead.issuers]
        if not h.title and lead.title:
            h.title, h.title_rule, h.title_lines = lead.title, "news_lead", (lead_at, lead_at)
        h.notes.append(f"a news report wrapping the document: its lead (line {lines[lead_at].no}) names "
                       f"{'、'.join(lead.issuers)} as issuer")
    if not h.title:
        h.notes.append("no title found")
    if not any(r in ("issuer", "seal") for _, r, _ in h.issuers):
        h.notes.append("no issuer named in the text")
    if h.doc_number is None:
        h.notes.append("no 文号 in the text")
    if not h.date:
        h.notes.append("no signing date in the text")
    return h


# a regulation's adoption statement under its title: （2019年7月31日天津市第十七届人民代表大会常务委员会第十二次会议通过）
# (…通过), (…人民政府令第350号公布，自2023年7月1日起施行): the date of effect is not the adoption's
_ADOPTION = re.compile(r"^[（(](.{0,200}?(?:通过|公布|发布|修正|修订|批准))(?:[，,；;]?自.{0,30}?起?施行)?[）)]$")
_ENACTING = re.compile(r"([\u4e00-\u9fff]{2,12}?)(?:第[一二三四五六七八九十]+届)?(人民代表大会常务委员会|人民代表大会|人民政府)")


def _adoption(lines: tuple[Line, ...], start: int, h: Header) -> None:
    """The date (the latest, after amendments) and the enacting body of a regulation's adoption statement.

    >>> h = Header()
    >>> _adoption((Line(1, "（2019年7月31日天津市第十七届人民代表大会常务委员会第十二次会议通过）"),), 0, h)
    >>> h.date, h.date_rule, h.issuers
    ('2019-07-31', 'adoption_date', [('天津市人民代表大会常务委员会', 'issuer', 0)])
    >>> h = Header()
    >>> _adoption((Line(1, "（2023年5月10日辽宁省人民政府令第350号公布 自2023年7月1日起施行）"),), 0, h)
    >>> h.date, h.issuers
    ('2023-05-10', [('辽宁省人民政府', 'issuer', 0)])
    """
    for j in range(start, min(start + 2, len(lines))):
        m = _ADOPTION.match(lines[j].text.replace(" ", "").replace("\u3000", ""))
        if not m:
            continue
        dates = [d for d in (parse_date(x.group(0)) for x in DATE.finditer(m.group(1))) if d]
        if not dates:
            return
        h.date, h.date_line, h.date_rule = max(dates), j, "adoption_date"
        body = _ENACTING.search(DATE.sub("|", m.group(1)))
        if body and not any(r == "issuer" for _, r, _ in h.issuers):
            h.issuers.append((body.group(1) + body.group(2), "issuer", j))
        return


def _signature(lines: tuple[Line, ...], lo: int, date_idx: int) -> list[tuple[str, IssuerRole, int]]:
    out: list[tuple[str, IssuerRole, int]] = []
    j = date_idx - 1
    while j >= lo and len(out) < 40:
        t = lines[j].text
        if not _looks_like_org(t) or _ANNEX_LINE.match(t) or t.startswith("附件"):
            break
        seal = bool(_SEAL.search(t))
        names = split_orgs(_SEAL.sub("", t))
        for name in reversed(names):
            out.append((name, "seal" if seal else "issuer", j))
        j -= 1
    return list(reversed(out))


def _title_from_notice(body: tuple[Line, ...]) -> tuple[str, str]:
    for line in body:
        m = re.match(r"^附\s*件\s*\d*\s*[：:]\s*(.+)$", line.text)
        if m:
            return m.group(1).strip(), "notice_annex_line"
    text = join_texts([ln.text for ln in body])
    # 现将X印发给你们: X is the plan's title, even when it quotes another title in 《》
    m = re.search(r"现将(.{4,80}?)(?:印发|转发)给", text)
    if m:
        inner = m.group(1).strip()
        whole_quote = bracketed_titles(inner) == [(0, len(inner) - 1, inner[1:-1])]  # 《X》 alone: read by the rule below
        if not whole_quote and inner.endswith((*DOC_TYPES, ")", "）")):
            return inner, "notice_body_title"
    for s, e, t in bracketed_titles(text):
        if re.search(r"印发|转发|制定|制订|已经", text[max(0, s - 20) : e + 30]):
            return t, "notice_body_brackets"
    return "", ""


def _consume_title(lines: tuple[Line, ...], k: int, h: Header) -> int:
    """Skip the plan's own title line(s) at ``k``; adopt it when no title is known yet."""
    n = len(lines)
    if k >= n:
        return k
    want = _norm(h.title)
    if want:
        acc = ""
        for j in range(k, min(n, k + 4)):
            acc += _norm(lines[j].text)
            if acc == want:
                h.title_lines = (k, j)
                return j + 1
            if not want.startswith(acc):
                break
        # Same title with minor differences (spaces, a place prefix, punctuation): the plan's own wording wins
        # over the notice's (关于印发X的通知 often shortens X).
        span = _title_span(lines, k)
        if span is not None and _similar(_norm(span[1]), want):
            if h.title_rule == "notice_title_unbracketed" and _norm(span[1]) != want:
                h.title, h.title_rule = span[1], "plan_title_line"
            h.title_lines = (k, span[0])
            return span[0] + 1
    span = _title_span(lines, k)
    if span is not None and span[0] > k:  # a plan title printed over two or three lines
        if not h.title:
            h.title, h.title_rule = span[1], "title_lines"
        h.title_lines = (k, span[0])
        return span[0] + 1
    if is_title_like(lines[k]):
        if not h.title:
            h.title, h.title_rule = lines[k].text, "title_line"
        elif not want or not _similar(_norm(lines[k].text), want):
            h.notes.append(f"plan title line differs from notice title: {lines[k].text}")
        h.title_lines = (k, k)
        return k + 1
    return k


_UNBRACKETED_NOTICE = re.compile(r"(关于)?(印发|转发)(.+?)的?\s*通\s*知$")
# a title that quotes another and goes on to its own document type: 江苏省贯彻落实《国务院关于…的意见》实施方案
_QUOTES_A_TITLE = re.compile(rf"[》〉][^《》〈〉]*(?:{'|'.join(DOC_TYPES)})$")


def _split_issuers(text: str) -> list[str]:
    """Joint issuers written on one line: 中共X区委办公室 X区人民政府办公室, or with nothing between them
    (中共六盘水市委六盘水市人民政府).

    >>> _split_issuers("中共六盘水市委六盘水市人民政府"), _split_issuers("中共静安区委办公室 静安区人民政府办公室")
    (['中共六盘水市委', '六盘水市人民政府'], ['中共静安区委办公室', '静安区人民政府办公室'])
    >>> _split_issuers("中共静安区委办公室静安区人民政府办公室"), _split_issuers("中共木兰县委木兰县人民政府优化营商环境领导小组")
    (['中共静安区委办公室', '静安区人民政府办公室'], ['中共木兰县委木兰县人民政府优化营商环境领导小组'])
    """
    parts = [p for p in re.split(r"\s+|、", text.strip()) if p]
    if len(parts) == 1:  # a party committee glued to the government of the same place
        whole = parts[0]
        # each body opens with its place (中共X委, X人民政府): a cut before anything else (办公室 after 中共静安区委) is no cut
        cuts = [m.start() for m in _GLUED_ISSUERS.finditer(whole) if (mentioned_spans(whole[m.start():][:12]) or [(1, 1)])[0][0] == 0]
        parts = [whole[a:b] for a, b in zip([0, *cuts], [*cuts, len(whole)], strict=True)]
        if len(parts) == 2 and parts[0].endswith("委") and _JOINT_BODY.search(parts[1]):
            parts = [whole]  # 中共木兰县委木兰县人民政府优化营商环境领导小组: the party's and the government's one group
    return parts if len(parts) > 1 and all(_looks_like_org(p) for p in parts) else [text.strip()]


_JOINT_BODY = re.compile(r"(?:人民政府|政府)[\u4e00-\u9fff]{2,20}(?:领导小组|委员会|指挥部)$")
_GLUED_ISSUERS = re.compile(r"(?<=[委厅室会])(?=[\u4e00-\u9fff]{2,12}?(?:人民政府|行政公署|管理委员会))")
def _title_span(lines: tuple[Line, ...], k: int) -> tuple[int, str] | None:
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


def _title_piece(text: str) -> bool:
    """A short line that can be part of a title broken over lines: no sentence, no 文号 or date of its own."""
    t = text.strip()
    return (0 < len(t) <= 40 and not re.search(r"[。，,；;：:]", t) and not is_doc_number_line(t) and not is_date_line(t)
            and not is_site_chrome(t) and not labelled_fields(t))


def _similar(a: str, b: str) -> bool:
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    common = sum(1 for c in set(short) if c in long_)
    return common / max(1, len(set(short))) > 0.85 and len(short) / len(long_) > 0.7


_DATE_ONLY = re.compile(r"[（(]?\s*" + DATE.pattern + r"\s*[）)]?")


def closing_signature(lines: tuple[Line, ...] | list[Line]) -> set[int]:
    """Indices of the issuer and date lines that sign a document at its end (or just before its annexes).

    …确保各项措施落地见效。 / 湖南省人民政府 / 2022年5月10日 : the last two lines are a signature, not measure text.
    """
    out: set[int] = set()
    for i, ln in enumerate(lines):
        nxt = lines[i + 1].text if i + 1 < len(lines) else ""
        if not _DATE_ONLY.fullmatch(normalise_digits(ln.text).strip()) or (nxt and not re.match(r"^(附\s*件|附\s*表)", nxt) and not is_tail_line(nxt)):
            continue
        out.add(i)
        for j in range(i - 1, max(-1, i - 4), -1):
            if not _looks_like_org(lines[j].text):
                break
            out.add(j)
    return out


_DOC_SELF = r"(?:本|以上|上述)[\u4e00-\u9fff]{0,12}?(?:方案|意见|措施|办法|规定|细则|计划|条例|要点|清单|政策|通知)"
# 本方案自2024年1月1日起施行，有效期至2025年12月31日 / 第二十条【有效期】本规定自…起施行 / 本措施由市发展改革委负责解释
_EFFECT = re.compile(r"^(?:第[一二三四五六七八九十百零〇\d]+条\s*)?(?:【[^】]{1,8}】)?" + _DOC_SELF
                     + r"(?:[^。]{0,30}?(?:自|从)[^。]{0,24}?(?:施行|实施|执行|生效)|[^。]{0,12}有效期|[^。]{0,40}?负责解释)")


# the same clause closing a paragraph, after a sentence of the measure, with its purpose clause (为…，本方案自…起施行)
_EFFECT_TAIL = re.compile(r"(?:^|(?<=[。；;]))((?:为[^。；;]{0,80}?[，,])?" + _DOC_SELF
                          + r"[^。；;]{0,30}?(?:自|从)[^。；;]{0,24}?(?:施行|实施|执行|生效)[^。；;]*[。；;]?)$")


def effect_tail(text: str) -> int | None:
    """Where a clause of effect closing ``text`` starts, when text of a measure comes before it.

    >>> t = "加大宣传推广。为加快推进本区营商环境建设，本行动方案自2023年1月29日起施行，有效期至2024年1月28日。"
    >>> t[effect_tail(t):]
    '为加快推进本区营商环境建设，本行动方案自2023年1月29日起施行，有效期至2024年1月28日。'
    >>> effect_tail("推动本市政策措施自动推送，自2023年起实施。") is None
    True
    """
    m = _EFFECT_TAIL.search(text)
    return m.start(1) if m and m.start(1) > 0 else None


def is_effect_clause(text: str) -> bool:
    """A document's own clause of effect or interpretation (本方案自…起施行，有效期至…; 本规定由…负责解释): about the
    document, not a measure.

    >>> [is_effect_clause(t) for t in ["本行动方案自2023 年4 月3 日起施行。", "第二十条【有效期】本管理规定自2023年5月1日起施行",
    ...                                "第十九条【解释权】本管理规定由市住房城乡建设管理委负责解释。", "本方案实施过程中，各部门要加强协同。",
    ...                                "推动本市政策措施自动推送。"]]
    [True, True, True, False, False]
    """
    return bool(_EFFECT.match(normalise_digits(text).replace(" ", "")))


def is_tail_line(text: str) -> bool:
    """Distribution lines at the end of an official document (抄送…, …印发)."""
    return bool(_TAIL.match(text)) or bool(re.search(r"\d{1,2}\s*日\s*印发$", normalise_digits(text)))
