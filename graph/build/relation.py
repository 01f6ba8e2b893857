"""What a district measure does to the municipal measure it implements, from their wording and their targets.

Matched targets decide first: the same indicator (a shared run of three characters, the same kind of unit)
with a shorter time limit or a higher rate strengthens, the opposite weakens. A target the district adds
extends; one it drops makes the link partial. Without targets to compare, the wording decides: most of it
reused restates; most of the city's kept with as much again added extends; a small part of the city's taken up
with little added is partial; anything else localises (a district that shares little wording adds nothing
by that alone).
"""

from __future__ import annotations

from collections.abc import Sequence

from policykg.graph.build.params import DEFAULT, Thresholds
from policykg.ontology.records import Relation, Target

TIME_UNITS = frozenset(("分钟", "小时", "个小时", "天", "日", "个工作日", "工作日", "个月", "周"))


def _family(unit: str) -> str:
    return "time" if unit in TIME_UNITS else unit


def _same_indicator(a: Target, b: Target) -> bool:
    if _family(a.unit) != _family(b.unit):
        return False
    x, y = a.indicator, b.indicator
    return any(x[i : i + 3] in y for i in range(len(x) - 2)) if len(x) >= 3 and len(y) >= 3 else x == y


def _days(t: Target) -> float:
    factor = {"分钟": 1 / 1440, "小时": 1 / 24, "个小时": 1 / 24, "周": 7, "个月": 30}.get(t.unit, 1)
    return t.value * factor


def _better(district: Target, city: Target) -> int:
    """+1 when the district's value is the stronger commitment, -1 the weaker, 0 the same."""
    if _family(district.unit) == "time" or district.comparator == "<=":
        a, b = (_days(district), _days(city)) if _family(district.unit) == "time" else (district.value, city.value)
        return (a < b) - (a > b)  # a shorter time limit, a lower cap
    return (district.value > city.value) - (district.value < city.value)  # a higher rate or floor


def _show(t: Target) -> str:
    return f"{t.comparator} {t.value:g} {t.unit}".strip()


def wording_shares(district: str, city: str, min_run: int = DEFAULT.min_run) -> tuple[float, float]:
    """(kept share, covered share): of the district's wording, how much is the city's; of the city's, how much the
    district kept — counting runs of at least ``min_run`` shared characters of an LCS alignment.

    >>> wording_shares("推行高效监管。全面实施跨部门联合双随机监管。", "全面实施跨部门联合双随机监管。")
    (0.7, 1.0)
    """
    import re

    from rapidfuzz.distance import Indel

    def chars(text: str) -> int:
        return len(re.sub(r"[\W_]", "", text))

    kept = 0
    for op in Indel.opcodes(district, city):
        if op.tag == "equal" and (n := chars(district[op.src_start : op.src_end])) >= min_run:
            kept += n
    return round(kept / (chars(district) or 1), 3), round(kept / (chars(city) or 1), 3)


def relation_of(district: Sequence[Target], city: Sequence[Target], reuse: float,
                shares: tuple[float, float] | None = None, p: Thresholds = DEFAULT) -> tuple[Relation, str]:
    """The relation type and the compared values (empty when nothing was compared).

    >>> from policykg.ontology.records import Provenance, Span
    >>> p = Provenance(Span("f", 1, 1), "t")
    >>> relation_of([Target("10分钟", "政务服务圈", 10, "分钟", "=", "", p)], [Target("15分钟", "政务服务圈", 15, "分钟", "=", "", p)], 0.8)
    ('strengthens', '政务服务圈: = 10 分钟 (source = 15 分钟)')
    >>> relation_of([], [], 0.3)
    ('localises', '')
    >>> relation_of([], [], 0.06, (0.05, 0.07))  # little shared and nothing of the city's kept: not an extension
    ('localises', '')
    >>> relation_of([], [], 0.3, (0.4, 0.9)), relation_of([], [], 0.3, (0.8, 0.1))
    (('extends', ''), ('partial', ''))
    """
    pairs = [(d, c) for d in district for c in city if _same_indicator(d, c)]
    notes = [f"{d.indicator}: {_show(d)} (source {_show(c)})" for d, c in pairs]
    added = [d for d in district if not any(d is p for p, _ in pairs)]
    dropped = [c for c in city if not any(c is q for _, q in pairs)]
    notes += [f"adds {d.indicator} {_show(d)}" for d in added] + [f"drops {c.indicator} {_show(c)}" for c in dropped]
    verdicts = {_better(d, c) for d, c in pairs}
    comparison = "; ".join(notes)
    if 1 in verdicts and -1 not in verdicts:
        return "strengthens", comparison
    if -1 in verdicts and 1 not in verdicts:
        return "weakens", comparison
    if not pairs and dropped and not added:
        return "partial", comparison
    if not pairs and added and not dropped and reuse < p.restates:
        return "extends", comparison
    if reuse >= p.restates:
        return "restates", comparison
    if shares is not None:  # what the district kept of the city's wording, and what it added of its own
        kept_share, covered = shares
        if covered >= p.covers and kept_share < p.covers:
            return "extends", comparison
        if covered < p.part and kept_share >= 1 - p.covers:
            return "partial", comparison
        return "localises", comparison
    return ("localises" if reuse >= p.reuse else "extends"), comparison
