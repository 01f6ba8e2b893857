"""The notice that wraps a plan, zone by zone: its 文号, letterhead and title, the addressees, its body, its
signature and date, and the plan's own title after it; or the title of a document issued directly."""

from __future__ import annotations

import re

from policykg.loaders.chrome import is_site_chrome
from policykg.loaders.docnumber import is_date_line, is_doc_number_line
from policykg.loaders.headrecord import Header, Zones
from policykg.loaders.issuers import ANNEX_LINE, looks_like_org, signatories, split_issuers, split_orgs
from policykg.loaders.metadata import ROW_LEAD, labelled_fields
from policykg.loaders.numbering import match_numbering
from policykg.loaders.segment import _NOTICE, is_salutation
from policykg.loaders.text import Line, join_texts
from policykg.loaders.title import (
    QUOTES_A_TITLE,
    UNBRACKETED_NOTICE,
    bracketed_titles,
    is_title_like,
    norm_title,
    similar_titles,
    title_from_notice,
    title_piece,
    title_span,
)

_FORWARDED_BODY = re.compile(r"转发([^关于《》，,、]{2,20}?(?:局|委|办|厅|委员会|办公室|中心))关于")


_DRAFTER = re.compile(r"转发(.{2,30}?)(?:制订|制定|起草|拟订|拟定|编制)的")


# the release note under a notice's date: （此件公开发布）, （此件主动公开）, （此件发至县级）
_RELEASE_NOTE = re.compile(r"^[（(]\s*此\s*件[^（）()]{1,16}[）)]$")


# the contact under a notice's date: （联系人：田博 电话/传真：86789314）
_CONTACT = re.compile(r"^[（(]\s*联\s*系\s*人")


def notice_zone(z: Zones, h: Header) -> None:
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


def notice_above_metadata(z: Zones, h: Header) -> None:
    """The notice title printed above the website's metadata block (河南: chrome, the title, then 发布时间), and its
    文号 with it."""
    lines = z.lines
    z.notice = next((ln.text for ln in lines[: z.labelled_end] if _NOTICE.search(ln.text) and "。" not in ln.text
                     and not labelled_fields(ln.text) and not is_site_chrome(ln.text)), "")
    above = next((j for j in range(z.labelled_end) if is_doc_number_line(lines[j].text)), None) if z.notice else None
    if above is not None and h.doc_number is None:
        h.doc_number, h.doc_number_line = is_doc_number_line(lines[above].text), above


def direct_title(lines: tuple[Line, ...], i: int) -> str:
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


def quoted_notice(text: str) -> str:
    """A page heading that quotes the notice itself (京政办发〔2016〕26号《…关于印发〈X〉的通知》) gives the notice; one
    that quotes a document beside its 文号 and nothing else gives the document's title.

    >>> quoted_notice("东府办〔2017〕136号《东莞市人民政府办公室关于深化泛珠三角区域合作的实施意见》")
    '东莞市人民政府办公室关于深化泛珠三角区域合作的实施意见'
    """
    titles = bracketed_titles(text)
    if titles and (titles[-1][0] <= 1 or titles[-1][1] >= len(text) - 1) and UNBRACKETED_NOTICE.search(titles[-1][2]):
        return titles[-1][2].replace("〈", "《").replace("〉", "》")
    if len(titles) == 1:
        start, end, title = titles[0]
        outside = (text[:start] + " " + text[end:]).strip()
        if outside and is_doc_number_line(outside):
            return title.replace("〈", "《").replace("〉", "》")
    return text


def title_from_head(text: str, direct: bool, h: Header) -> None:
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


def addressees(z: Zones, h: Header) -> tuple[int | None, int]:
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


def signature_zone(z: Zones, h: Header, sal: int | None, body_start: int) -> None:
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
