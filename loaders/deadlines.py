"""Deadlines as periods: what 9月, 一季度, 2023年底前, 印发后30日内 or 持续推进 mean for a given document.

A deadline is read against the document's plan year (its signing date, else its 文号) and its
signing date (for 印发后…内). Each gets a kind, and the dates the period opens and falls due.
A cell that lists several milestones (一季度：…；二季度：…) is split so that every milestone
keeps its own date and text.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import replace

from policykg.loaders.docnumber import chinese_to_int
from policykg.ontology.records import DeadlineMention, Provenance, Span

# a recurring duty (每季度, 按年度推进, 定期) has no one due date: it is ongoing
RECURRING = re.compile(r"^(?:每|按)(?:季度|月|年度?|半年)|定期")

_QUARTER_END = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}
MILESTONE = re.compile(
    r"((?:20\d\d\s*年\s*)?(?:[一二三四1-4](?:[、,，至\-—~][一二三四1-4])*\s*季度|上半年|下半年|全年|年底前?|年内|\d{1,2}\s*月(?:底|末)?前?))\s*[：:]"
)
_RELATIVE = re.compile(r"(?:印发|发布|公布|实施|施行)(?:之日)?(?:起|后)\s*([0-9一二三四五六七八九十百]+)\s*(个)?\s*(工作日|日|天|个?月|周)(?:内|以内)?")


def _last_day(year: int, month: int) -> str:
    return datetime.date(year, month, calendar.monthrange(year, month)[1]).isoformat()


def resolve(d: DeadlineMention, year: int | None, signed: str | None) -> DeadlineMention:
    """The kind and dates of a deadline, read against the plan year and the signing date.

    >>> def r(t, year=2022, signed="2022-03-17"):
    ...     d = resolve(DeadlineMention(t, Provenance(Span("f", 1, 1), "t")), year, signed)
    ...     return d.kind, d.start, d.end
    >>> r("9月")
    ('month', '2022-09-01', '2022-09-30')
    >>> r("一季度", 2021)
    ('quarter', '2021-01-01', '2021-03-31')
    >>> r("2023年底前")
    ('year-end', '2023-01-01', '2023-12-31')
    >>> r("印发后30日内")
    ('relative', '2022-03-17', '2022-04-16')
    >>> r("持续推进")
    ('ongoing', None, None)
    >>> r("上半年"), r("一、二季度")
    (('half-year', '2022-01-01', '2022-06-30'), ('quarter', '2022-01-01', '2022-06-30'))
    >>> r("次年3月底前"), r("每季度"), r("按年度推进")
    (('month', '2023-03-01', '2023-03-31'), ('ongoing', None, None), ('ongoing', None, None))
    >>> r("于3月31日前"), r("每年8月"), r("到2025年")
    (('date', '2022-03-31', '2022-03-31'), ('ongoing', None, None), ('year', '2025-01-01', '2025-12-31'))
    """
    t = re.sub(r"\s+", "", d.text)
    rel = _RELATIVE.search(t)
    if rel and signed:
        n = int(rel.group(1)) if rel.group(1).isdigit() else chinese_to_int(rel.group(1))
        start = datetime.date.fromisoformat(signed)
        unit = rel.group(3)
        if "月" in unit:
            months = start.month - 1 + n
            yy, mm = start.year + months // 12, months % 12 + 1
            end = datetime.date(yy, mm, min(start.day, calendar.monthrange(yy, mm)[1]))
        elif unit == "工作日":  # weekdays (public holidays are not known here)
            end, left = start, n
            while left:
                end += datetime.timedelta(days=1)
                left -= end.weekday() < 5
        else:
            end = start + datetime.timedelta(days=n * (7 if unit == "周" else 1))
        return replace(d, kind="relative", start=start.isoformat(), end=end.isoformat())
    explicit = re.search(r"(20\d\d)年", t)
    y: int | None = int(explicit.group(1)) if explicit else (d.year or year)
    if not explicit and y is not None and re.match(r"(?:次年|明年|下一?年度?|第二年)", t):
        y += 1  # 次年3月底前: the year after the plan's
    date = re.search(r"(20\d\d)年(\d{1,2})月(\d{1,2})日", t)
    if date:
        try:
            day = datetime.date(int(date.group(1)), int(date.group(2)), int(date.group(3))).isoformat()
            return replace(d, kind="date", start=day, end=day, year=int(date.group(1)), month=int(date.group(2)))
        except ValueError:
            pass
    if re.search(r"持续|长期|常态化|已完成|巩固", t) and not re.search(r"季度|月|年底|年内|上半年|下半年", t):
        return replace(d, kind="ongoing", ongoing=True)
    if RECURRING.match(t):
        return replace(d, kind="ongoing", ongoing=True)
    if y is None:
        return d
    month_day = re.search(r"(\d{1,2})月(\d{1,2})日", t)
    if month_day:  # 于3月31日前: a day of the plan's year
        try:
            on = datetime.date(y, int(month_day.group(1)), int(month_day.group(2))).isoformat()
            return replace(d, kind="date", start=on, end=on, year=y, month=int(month_day.group(1)))
        except ValueError:
            pass
    quarters = re.search(r"([一二三四1-4])(?:[、,，至\-—~]([一二三四1-4]))*季度", t)
    if quarters:
        marks = re.findall(r"[一二三四1-4]", t[quarters.start() : quarters.end()])
        first, last = _QUARTER_END[marks[0]], _QUARTER_END[marks[-1]]
        return replace(d, kind="quarter", year=y, month=last, start=f"{y}-{first - 2:02d}-01", end=_last_day(y, last))
    if "上半年" in t:
        return replace(d, kind="half-year", year=y, month=6, start=f"{y}-01-01", end=f"{y}-06-30")
    if "下半年" in t:
        return replace(d, kind="half-year", year=y, month=12, start=f"{y}-07-01", end=f"{y}-12-31")
    month = re.search(r"(\d{1,2})月", t)
    if month and 1 <= int(month.group(1)) <= 12:
        mo = int(month.group(1))
        return replace(d, kind="month", year=y, month=mo, start=f"{y}-{mo:02d}-01", end=_last_day(y, mo))
    if re.search(r"年底|年内|年末|全年", t):
        return replace(d, kind="year" if "全年" in t else "year-end", year=y, month=12, start=f"{y}-01-01", end=f"{y}-12-31")
    if explicit:
        return replace(d, kind="year", year=y, month=12, start=f"{y}-01-01", end=f"{y}-12-31")
    return d


def milestones(cell: str, span: Span, rule: str) -> list[DeadlineMention]:
    """Every milestone of a cell that lists several (一季度：…；二季度：…), each with its own text.

    >>> [(m.text, m.milestone[:6]) for m in milestones("一季度：推广公共数据；二季度：加强顶层设计。", Span("f", 1, 1), "t")]
    [('一季度', '推广公共数据'), ('二季度', '加强顶层设计')]
    """
    marks = list(MILESTONE.finditer(cell))
    out = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(cell)
        what = cell[m.end() : end].strip(" ；;。，,")
        out.append(DeadlineMention(m.group(1).strip(), Provenance(span, rule), milestone=what))
    return out


def relative_phrases(text: str) -> list[tuple[int, int, str]]:
    """印发后30日内 and the like inside running text."""
    return [(m.start(), m.end(), m.group(0)) for m in _RELATIVE.finditer(text)]
