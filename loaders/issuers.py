"""Issuing bodies: names in a signature, joint issuers written on one line, a regulation's enacting body.

A notice is signed by one or more bodies (上海市商务委员会 / 上海海关), sometimes glued on one line
(中共六盘水市委六盘水市人民政府); a regulation names its enacting body in its adoption statement. These tests
tell a body's name from a sentence and split the names apart.
"""

from __future__ import annotations

import re

from policykg.loaders.docnumber import DATE, parse_date
from policykg.loaders.gazetteer import mentioned_spans
from policykg.loaders.numbering import match_numbering
from policykg.loaders.text import Line
from policykg.ontology.records import IssuerRole

ORG_SUFFIX = (
    "委员会", "办公室", "办公厅", "人民政府", "政府", "领导小组", "联席会议", "管委会", "总部", "海关", "法院",
    "检察院", "分局", "分行", "支行", "商会", "学会", "监管局", "集团", "公司", "银行", "中心", "协会", "联合会", "局", "委", "办", "厅", "署", "部", "院",
)
ORG_START = re.compile(r"^(上海|中国|中共|国家|国务院|市|区)")
SEAL = re.compile(r"[（(]\s*代\s*章?\s*[）)]")  # （代章）, or （代） where a page lost 章
ANNEX_LINE = re.compile(r"^附\s*件\s*\d*\s*[：:]?\s*$")


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
            if not ORG_START.match(right) or right.startswith(("市场", "市政", "区域", "上海市区")):
                continue
            if not left.endswith(ORG_SUFFIX) or len(left) < 3:
                continue
            if left.startswith(("国家", "中国")) and right.startswith("上海"):
                continue
            if right.startswith(("市", "区")) and not re.match(r"^(市|区)\S*?(委|局|办|政府|院)", right):
                continue
            out.append(left)
            start = i
        out.append(chunk[start:])
    return [o for o in out if o]


def looks_like_org(t: str) -> bool:
    t = SEAL.sub("", t).strip()
    return (
        0 < len(t) <= 60
        and not re.search(r"[。；，,：:]", t)
        and t.endswith(ORG_SUFFIX)
        and not match_numbering(t)
    )


# a regulation's adoption statement under its title: （2019年7月31日天津市第十七届人民代表大会常务委员会第十二次会议通过）
# (…通过), (…人民政府令第350号公布，自2023年7月1日起施行): the date of effect is not the adoption's
_ADOPTION = re.compile(r"^[（(](.{0,200}?(?:通过|公布|发布|修正|修订|批准))(?:[，,；;]?自.{0,30}?起?施行)?[）)]$")
_ENACTING = re.compile(r"([\u4e00-\u9fff]{2,12}?)(?:第[一二三四五六七八九十]+届)?(人民代表大会常务委员会|人民代表大会|人民政府)")


def adoption(lines: tuple[Line, ...], start: int) -> tuple[str, int, str] | None:
    """The date (the latest, after amendments), its line and the enacting body ("" when unnamed) of a regulation's
    adoption statement just under its title.

    >>> adoption((Line(1, "（2019年7月31日天津市第十七届人民代表大会常务委员会第十二次会议通过）"),), 0)
    ('2019-07-31', 0, '天津市人民代表大会常务委员会')
    >>> adoption((Line(1, "（2023年5月10日辽宁省人民政府令第350号公布 自2023年7月1日起施行）"),), 0)
    ('2023-05-10', 0, '辽宁省人民政府')
    """
    for j in range(start, min(start + 2, len(lines))):
        m = _ADOPTION.match(lines[j].text.replace(" ", "").replace("\u3000", ""))
        if not m:
            continue
        dates = [d for d in (parse_date(x.group(0)) for x in DATE.finditer(m.group(1))) if d]
        if not dates:
            return None
        body = _ENACTING.search(DATE.sub("|", m.group(1)))
        return max(dates), j, body.group(1) + body.group(2) if body else ""
    return None


def signatories(lines: tuple[Line, ...], lo: int, date_idx: int) -> list[tuple[str, IssuerRole, int]]:
    out: list[tuple[str, IssuerRole, int]] = []
    j = date_idx - 1
    while j >= lo and len(out) < 40:
        t = lines[j].text
        if not looks_like_org(t) or ANNEX_LINE.match(t) or t.startswith("附件"):
            break
        seal = bool(SEAL.search(t))
        names = split_orgs(SEAL.sub("", t))
        for name in reversed(names):
            out.append((name, "seal" if seal else "issuer", j))
        j -= 1
    return list(reversed(out))


def split_issuers(text: str) -> list[str]:
    """Joint issuers written on one line: 中共X区委办公室 X区人民政府办公室, or with nothing between them
    (中共六盘水市委六盘水市人民政府).

    >>> split_issuers("中共六盘水市委六盘水市人民政府"), split_issuers("中共静安区委办公室 静安区人民政府办公室")
    (['中共六盘水市委', '六盘水市人民政府'], ['中共静安区委办公室', '静安区人民政府办公室'])
    >>> split_issuers("中共静安区委办公室静安区人民政府办公室"), split_issuers("中共木兰县委木兰县人民政府优化营商环境领导小组")
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
    return parts if len(parts) > 1 and all(looks_like_org(p) for p in parts) else [text.strip()]


_JOINT_BODY = re.compile(r"(?:人民政府|政府)[\u4e00-\u9fff]{2,20}(?:领导小组|委员会|指挥部)$")
_GLUED_ISSUERS = re.compile(r"(?<=[委厅室会])(?=[\u4e00-\u9fff]{2,12}?(?:人民政府|行政公署|管理委员会))")
