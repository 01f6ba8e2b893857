"""文号 (document numbers such as 沪府办规〔2023〕1号) and dates.

The same serial (〔2023〕2号) is used by many issuers, so a 文号 is only
meaningful with its issuer code; it is parsed into issuer code, class, year and
serial, and always formatted back with the canonical 〔〕 brackets.
"""

from __future__ import annotations

import re

from policykg.ontology.records import DocNumber

_FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_OPEN = "〔[(（【［﹝"
_CLOSE = "〕])）】］﹞"
_CLASSES = ("规范", "通字", "规", "发", "字", "函", "令", "通")

# issuer code: CJK (and an occasional Latin letter), the year in any bracket, serial, 号
DOC_NUMBER = re.compile(
    r"(?P<code>[\u4e00-\u9fffA-Za-z]{1,12}?)\s*"
    rf"[{re.escape(_OPEN)}]\s*(?P<year>(?:19|20)\d\d)\s*[{re.escape(_CLOSE)}]\s*"
    r"第?\s*(?P<serial>\d{1,4})\s*号"
)

_BARE_NUMBER_LINE = re.compile(
    r"^(?P<code>[\u4e00-\u9fff]{2,10})\s*"
    rf"[{re.escape(_OPEN)}]\s*(?P<year>(?:19|20)\d\d)\s*[{re.escape(_CLOSE)}]\s*"
    r"第?\s*(?P<serial>\d{1,4})\s*$"
)
# a line that is only a 文号 whose brackets the page dropped (潜政办发20241, 沙政〔2012478): only with a code that ends
# as issuer codes end, so a year and a count in a sentence are never read as one
_BRACKETLESS_LINE = re.compile(
    r"^(?P<code>[\u4e00-\u9fff]{1,9}[发办函字政府规令委])\s*"
    rf"[{re.escape(_OPEN)}]?\s*(?P<year>(?:19|20)\d\d)\s*[{re.escape(_CLOSE)}]?\s*"
    r"第?\s*(?P<serial>\d{1,4})\s*号?$"
)
_CODE_STOP = re.compile(r".*(?:印发|转发|关于|根据|按照|依据|参照|对照|落实|贯彻|执行|、|》|）|\))")
# a one-character joint (文件和沪府办规…) ends running text only after a word: 沈和政办发 (沈阳市和平区) is a code
_CODE_JOINT = re.compile(r".*[\u4e00-\u9fff]{2}(?:见|和|与|及|的)")


def parse_doc_number(text: str) -> DocNumber | None:
    """Parse the first 文号 in ``text``.

    >>> parse_doc_number("沪府办规〔2023〕1 号")
    DocNumber(issuer_code='沪府办规', year=2023, serial=1, prefix='沪府办', klass='规')
    >>> str(parse_doc_number("金营联办[2024] 3号 签发人：陈干新"))
    '金营联办〔2024〕3号'
    >>> parse_doc_number("2023年2月") is None
    True
    >>> str(parse_doc_number("（沈和政办发〔2024〕5号）")), str(parse_doc_number("根据文件和沪府办规〔2023〕1号"))
    ('沈和政办发〔2024〕5号', '沪府办规〔2023〕1号')
    """
    text = normalise_digits(text)
    m = DOC_NUMBER.search(text)
    if not m:
        return None
    return make_doc_number(m.group("code"), int(m.group("year")), int(m.group("serial")))


def find_doc_numbers(text: str) -> list[tuple[int, int, DocNumber]]:
    """All 文号 in ``text`` with their (start, end) offsets."""
    text = normalise_digits(text)
    out = []
    for m in DOC_NUMBER.finditer(text):
        out.append((m.start(), m.end(), make_doc_number(m.group("code"), int(m.group("year")), int(m.group("serial")))))
    return out


def make_doc_number(code: str, year: int, serial: int) -> DocNumber:
    code = code.strip()
    # Trim words that precede the code in running text ("根据沪府办规…" → "沪府办规").
    for stops in (_CODE_STOP, _CODE_JOINT):
        stop = stops.match(code)
        if stop and stop.end() < len(code):
            code = code[stop.end():]
    prefix, klass = code, ""
    for c in _CLASSES:
        if code.endswith(c) and len(code) > len(c) + 1:
            prefix, klass = code[: -len(c)], c
            break
    return DocNumber(issuer_code=code, year=year, serial=serial, prefix=prefix, klass=klass)


def normalise_digits(text: str) -> str:
    return text.translate(_FW_DIGITS)


def is_doc_number_line(text: str) -> DocNumber | None:
    """A line that holds only a 文号 (optionally followed by 签发人), as in a notice header.

    >>> str(is_doc_number_line("沪商自贸〔2023〕132 号"))
    '沪商自贸〔2023〕132号'
    >>> is_doc_number_line("（沪府办规〔2023〕1 号），更大力度提升") is None
    True
    >>> str(is_doc_number_line("咸安政发〔2019〕1")), str(is_doc_number_line("（通政发（2020）1号）"))
    ('咸安政发〔2019〕1号', '通政发〔2020〕1号')
    >>> str(is_doc_number_line("潜政办发20241")), str(is_doc_number_line("沙政〔2012478")), is_doc_number_line("共计2023")
    ('潜政办发〔2024〕1号', '沙政〔2012〕478号', None)

    """
    t = normalise_digits(text).strip()
    if len(t) > 2 and t[0] in "（(" and t[-1] in "）)":  # printed in brackets under the title: （通政发〔2020〕1号）
        t = t[1:-1].strip()
    m = DOC_NUMBER.match(t)
    if m is None and (bare := _BARE_NUMBER_LINE.match(t) or _BRACKETLESS_LINE.match(t)) is not None:
        # a line that is only a 文号 whose 号 the page dropped: 咸安政发〔2019〕1
        return make_doc_number(bare.group("code"), int(bare.group("year")), int(bare.group("serial")))
    if not m or m.start("code") != 0:
        return None
    rest = t[m.end():].strip()
    if rest and not re.match(r"^(签发人|签发|签批)", rest):
        return None
    return make_doc_number(m.group("code"), int(m.group("year")), int(m.group("serial")))


# a Chinese-numeral year typed with the letter O for 〇 (二OO八年) is still a year
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

DATE = re.compile(
    r"((?:19|20)\d\d|[一二][〇○零OＯ一二三四五六七八九]{3})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)


def _cn_number(s: str) -> int:
    if s.isdigit():
        return int(s)
    if len(s) == 4 and all(c in _CN_DIGITS for c in s):
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    return chinese_to_int(s)


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ISO yyyy-mm-dd.

    >>> parse_date("（2023 年6 月13 日）")
    '2023-06-13'
    >>> parse_date("二〇二三年二月十五日"), parse_date("（二OO八年二月二十六日）")
    ('2023-02-15', '2008-02-26')
    >>> parse_date("2023年13月1日") is None
    True
    """
    m = DATE.search(normalise_digits(text))
    if not m:
        return None
    y, mo, d = _cn_number(m.group(1)), _cn_number(m.group(2)), _cn_number(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def is_calendar_date(iso: str) -> bool:
    """Whether a yyyy-mm-dd string names a real day (written dates can be impossible: 2023年2月30日).

    >>> is_calendar_date("2023-02-28"), is_calendar_date("2023-02-30"), is_calendar_date("2024-02-29")
    (True, False, True)
    """
    import datetime

    try:
        datetime.date.fromisoformat(iso)
    except ValueError:
        return False
    return True


_MARKLESS_DATE = re.compile(r"((?:19|20)\d\d)(\d{2,4})")


def is_date_line(text: str) -> str | None:
    """A line that is only a date (a signature date), possibly in brackets; or its digits alone where the page lost
    年, 月 and 日 (2018525, 20151214), when they can be read as one calendar day only.

    >>> is_date_line("2023年6月30日"), is_date_line("2018525"), is_date_line("20151214"), is_date_line("202235")
    ('2023-06-30', '2018-05-25', '2015-12-14', '2022-03-05')
    >>> is_date_line("2023111"), is_date_line("2000000")  # 1月11日 or 11月1日: not said; no day at all
    (None, None)
    """
    t = normalise_digits(text).strip().strip("（）() ")
    m = DATE.fullmatch(t)
    if m:
        return parse_date(t)
    bare = _MARKLESS_DATE.fullmatch(t)
    if bare is None:
        return None
    year, rest = bare.groups()
    splits = {4: [(2, 2)], 3: [(1, 2), (2, 1)], 2: [(1, 1)]}[len(rest)]
    days = {f"{year}-{int(rest[:a]):02d}-{int(rest[a:]):02d}" for a, _ in splits}
    days = {d for d in days if is_calendar_date(d)}
    return days.pop() if len(days) == 1 else None


_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "〇": 0, "零": 0, "两": 2}


def chinese_to_int(s: str) -> int:
    """Chinese numerals up to the hundreds.

    >>> [chinese_to_int(x) for x in ["三", "十", "十二", "二十", "二十九", "一百零八"]]
    [3, 10, 12, 20, 29, 108]
    """
    if not s:
        raise ValueError("empty numeral")
    total, current = 0, 0
    for ch in s:
        if ch in _CN_NUM:
            current = _CN_NUM[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            raise ValueError(f"not a Chinese numeral: {s}")
    return total + current
