"""What a district measure does to the municipal measure it implements, from their wording and their targets.

Matched targets decide first: the same indicator (a shared run of three characters, the same kind of unit)
with a shorter time limit or a higher rate strengthens, the opposite weakens. A target the district adds
extends; one it drops makes the link partial. Without targets to compare, the share of reused wording
says restates (most of it), localises (some) or extends (little).
"""

from __future__ import annotations

from collections.abc import Sequence

from policykg.ontology.records import Relation, Target

TIME_UNITS = frozenset(("分钟", "小时", "个小时", "天", "日", "个工作日", "工作日", "个月", "周"))
RESTATES = 0.5  # reuse share above which a link restates the municipal measure
LOCALISES = 0.12  # … and above which it localises it (the reuse that makes a link on its own)


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


def relation_of(district: Sequence[Target], city: Sequence[Target], reuse: float) -> tuple[Relation, str]:
    """The relation type and the compared values (empty when nothing was compared).

    >>> from policykg.ontology.records import Provenance, Span
    >>> p = Provenance(Span("f", 1, 1), "t")
    >>> relation_of([Target("10分钟", "政务服务圈", 10, "分钟", "=", "", p)], [Target("15分钟", "政务服务圈", 15, "分钟", "=", "", p)], 0.8)
    ('strengthens', '政务服务圈: = 10 分钟 (source = 15 分钟)')
    >>> relation_of([], [], 0.3)
    ('localises', '')
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
    if not pairs and added and not dropped and reuse < RESTATES:
        return "extends", comparison
    return ("restates" if reuse >= RESTATES else "localises" if reuse >= LOCALISES else "extends"), comparison
