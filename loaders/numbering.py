"""Numbering tokens at the start of a line: 一、 （一） 1. 1、 （1） ① 第一条 第一章.

Chinese government documents nest these styles in a conventional order, but
the order is not fixed across documents; the section parser decides levels by
the order in which styles first appear, so here a token is only recognised,
never ranked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.loaders.docnumber import chinese_to_int

_CN = "一二三四五六七八九十百零〇两"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chapter", re.compile(rf"^第([{_CN}]{{1,4}})[章节部分]+\s*")),
    ("article", re.compile(rf"^第([{_CN}]{{1,4}})条\s*")),
    ("cn", re.compile(rf"^([{_CN}]{{1,3}})\s*[、.．﹒]\s*")),
    ("pcn", re.compile(rf"^[（(]\s*([{_CN}]{{1,3}})\s*[）)]\s*[、.．﹒]?\s*")),
    ("pnum", re.compile(r"^[（(]\s*(\d{1,5})\s*[）)]\s*[、.．﹒]?\s*")),
    ("num", re.compile(r"^(\d{1,5})\s*\*?\s*[.．﹒](?!\d)\s*")),  # 1* . marks a starred (pilot) item on some sites
    ("numd", re.compile(r"^(\d{1,5})\s*[、﹑]\s*")),
    ("circled", re.compile(rf"^([{_CIRCLED}])\s*")),
)


@dataclass(frozen=True)
class Numbering:
    style: str  # chapter | article | cn | pcn | pnum | num | numd | circled
    value: int
    written: str  # the token as written, e.g. "（一）" or "1."
    rest: str  # the text after the token

    @property
    def display(self) -> str:
        """The token without trailing punctuation, as used in a written path: 二（一）1."""
        return self.written.strip().rstrip("、.．").strip()


def match_numbering(text: str) -> Numbering | None:
    """Recognise a numbering token at the start of ``text``.

    >>> match_numbering("（三）市政公共基础设施报装").written
    '（三）'
    >>> n = match_numbering("12.深化跨境通关物流服务。")
    >>> (n.style, n.value, n.rest[:4])
    ('num', 12, '深化跨境')
    >>> match_numbering("2023 年6 月13 日") is None
    True
    >>> match_numbering("1.5倍") is None
    True
    >>> match_numbering("2*.开展企业住所标准化登记").value
    2
    >>> match_numbering("第二十条【有效期】本规定自2023年5月1日起施行").value
    20
    """
    t = text.lstrip()
    for style, pattern in _PATTERNS:
        m = pattern.match(t)
        if not m:
            continue
        raw = m.group(1)
        if style == "circled":
            value = _CIRCLED.index(raw) + 1
        elif raw.isdigit():
            value = int(raw)
        else:
            try:
                value = chinese_to_int(raw)
            except ValueError:
                continue
        if value < 1:
            continue
        rest = t[m.end():]
        # "一、二季度" and similar are ranges inside text, not numbering.
        if style in ("cn", "numd") and rest[:1] and rest[0] in _CN + "0123456789":
            continue
        return Numbering(style, value, m.group(0).strip(), rest)
    return None
