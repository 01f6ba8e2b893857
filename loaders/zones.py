"""Development zones (苏州工业园区, 西安高新区, 两江新区): county-level areas governed by a 管理委员会, not divisions.

A zone's own plan is a derivative of its city's, like a district's, so the zone is its document's jurisdiction.
"""

from __future__ import annotations

import re
from functools import cache

ZONE_WORDS = ("经济技术开发区", "高新技术产业开发区", "工业园区", "高新区", "开发区", "经开区", "综合保税区", "新区", "园区")
_ZONE = re.compile(r"^([\u4e00-\u9fff]{2,10}?(?:" + "|".join(ZONE_WORDS) + "))")
_COMMITTEE = ("管理委员会", "管委会")


@cache
def is_zone(name: str) -> bool:
    """A development zone, not an administrative division (浦东新区 and 滨海新区 are districts with governments).

    >>> is_zone("苏州工业园区"), is_zone("浦东新区"), is_zone("苏州工业园区管理委员会")
    (True, False, False)
    """
    from policykg.loaders.gazetteer import locate_all

    m = _ZONE.match(name)
    return m is not None and m.group(1) == name and not locate_all(name)


def zone_word(zone: str) -> str:
    """The zone word a zone's name ends with (工业园区); its documents name the zone itself by it (园区X, 区X)."""
    return next(w for w in ZONE_WORDS if zone.endswith(w))


def issuing_zone(issuers: list[str], title: str, city: str) -> str | None:
    """The zone whose 管理委员会 issues a document placed in ``city`` (苏州工业园区管理委员会), or, without a named
    issuer, whose name opens the title with the city's (《苏州工业园区…行动方案》).

    >>> issuing_zone(["苏州工业园区管理委员会"], "", "苏州市"), issuing_zone([], "苏州工业园区持续优化营商环境行动方案", "苏州市")
    ('苏州工业园区', '苏州工业园区')
    >>> issuing_zone(["苏州市人民政府"], "苏州工业园区开放创新综合试验实施方案", "苏州市") is None  # the city's document
    True
    """
    for name in issuers:
        m = _ZONE.match(name)
        if m and name[m.end():].startswith(_COMMITTEE) and is_zone(m.group(1)):
            return m.group(1)
    if not any(issuers):
        m = _ZONE.match(title)
        if m and is_zone(m.group(1)) and m.group(1).startswith(_city_names(city)):
            return m.group(1)
    return None


def _city_names(city: str) -> tuple[str, ...]:
    return (city, re.sub(r"(市|省)$", "", city))
