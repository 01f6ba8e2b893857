"""Quantitative targets in measure text: 压缩至5个工作日, 无陪同查验率100%, 15分钟政务服务圈, 不低于50%.

A target is a number with its unit, the comparison the wording makes (压缩至 and 不超过 cap a value,
提高到 and 不低于 and 以上 set a floor, a bare rate states it) and the indicator it is about: the
noun phrase just before the number (or just after it, for 15分钟政务服务圈). Numbers that are not
targets — years, dates, list numbers, 文号, counts of documents — are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from policykg.loaders.docnumber import chinese_to_int
from policykg.ontology.records import Comparator, Provenance, Span, Target

_NUM = r"(\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)"
# a magnitude stays with its unit: 1.1万亿元 is 1.1 of 万亿元, never 1.1 万
_MAGNITUDE = r"(?:万亿|千亿|百亿|千万|百万|亿|万)"
_UNIT = (rf"(个工作日|工作日|个小时|小时|分钟|个月|天|日|%|％|个百分点|{_MAGNITUDE}(?:美元|元|户|人次|人|家|吨|平方米|千瓦|亩|辆|套|件|个|项)?"
         r"|家|项|件|个|次|户|所|条|批|人次|人|倍|公里|平方米|份|环节|张|台|套|种|类|周)")
_FLOOR_BEFORE = r"(提高到|提高至|提升到|提升至|增加到|增加至|扩大到|扩大至|达到|达|不低于|不少于|超过|至少|最低)"
# a count of new things to make is a target too: 新增7个“免申即享”服务, 再新增10个“一业一证”改革行业
_COUNT_BEFORE = r"((?:再|累计|年内)?(?:新增|新建|新培育|新设|建成|推出|培育|打造|引进|创建))"
_COUNT_UNITS = ("个", "项", "家", "件", "条", "批", "张", "台", "套", "种", "类", "所", "户")
_CAP_BEFORE = r"(压缩至|压缩到|缩短至|缩短到|减少至|减少到|降低至|降低到|降至|减至|控制在|不超过|不高于|不多于|最多|最高|压减至|压减到|精简至|精简到)"
# the cue may stand before a short noun: 不超过合同金额30%, 不低于总投入的10%
_PATTERN = re.compile(
    rf"(?:(?P<before>{_FLOOR_BEFORE}|{_CAP_BEFORE}|{_COUNT_BEFORE})(?:(?<=不超过|不高于|不低于|不少于|不多于)(?P<object>[\u4e00-\u9fff]{{1,8}}?的?))?)?"
    rf"\s*{_NUM}\s*{_UNIT}(?:[（(]含[）)])?(?P<after>以上|及以上|以内|之内|以下|左右|内)?"
)
# a number stated as the starting point is a baseline, not a target: 由目前的1.5%-3%提高到…, 现有20家
_BASELINE_BEFORE = re.compile(r"(?:(?:由|从)(?:目前|现在|现行|原来|原有|现有)?|目前|现有|现行|原来|原有)的?$")
_RANGE_DASH = re.compile(r"^\s*[-—－~～至到]\s*$")
# a number that names a service or a mechanism (24小时用工保障机制, 24小时不打烊服务): its name, not a quantity
_NAME_AFTER = re.compile(r"^[\u4e00-\u9fff“”\"]{0,8}?(?:机制|制度|服务|热线|平台|模式|窗口|专线|值守|通道|管家|专班)(?![\u4e00-\u9fff“”\"])")
_TIME_UNITS = ("个工作日", "工作日", "个小时", "小时", "分钟", "个月", "天", "日", "周")
_STOP = "，。；：、,;:（）()《》“”\"" + " "
_LEADING_VERBS = re.compile(r"^(?:将|把|使|实现|确保|力争|推动|推进|全面|进一步|持续|基本|逐步|累计|全年|每年|年均|平均|均|其中|并|且|的|和|及|"
                            r"打造|建设|构建|形成|建成|推出|新增|培育|引进|完成|设立|开设|开展|提供|组织|举办|覆盖|新建|创建|争取)+")
# a time phrase before the indicator is its deadline, not part of it: 2023年12月底前实现部门联合抽查覆盖率
_LEADING_TIME = re.compile(r"^(?:(?:到|至|截至|于)?(?:\d{4}年(?:\d{1,2}月)?|\d{1,2}月)(?:底|末|中|初)?(?:前|以前|之前)?|年内|今年|当年|本年度?)(?:实现|达到)?")
_TRAILING = re.compile(r"(?:按照|给予|保持|继续|在|为|对|于|约|仅|的|是|率先|之日起)+$")
_NOT_TARGET_UNIT_CONTEXT = re.compile(r"(?:第|前|后|〔|\[|号|年\d)$")


def _number(text: str) -> float | None:
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    try:
        return float(chinese_to_int(text))
    except (ValueError, KeyError):
        return None


def _indicator_before(text: str, start: int) -> str:
    """The noun phrase right before ``start``: back to the last punctuation, without leading verbs and cues."""
    k = start
    while k > 0 and text[k - 1] not in _STOP and start - k < 16:
        k -= 1
    phrase = re.sub(rf"{_FLOOR_BEFORE}|{_CAP_BEFORE}$", "", text[k:start]).strip()
    phrase = _TRAILING.sub("", _LEADING_VERBS.sub("", _LEADING_TIME.sub("", phrase)))
    if phrase in ("比例", "比率", "占比", "时限", "时间", "数量", "规模", "总量") and k > 1 and text[k - 1] in "，,":
        # 推广无陪同查验作业改革，比例达到70%以上: a bare 比例 / 时限 is the previous clause's
        previous = _indicator_before(text, k - 1)
        phrase = (previous[-12:] + phrase) if previous else phrase
    return phrase[-16:]


def find_targets(text: str, span: Span, rule: str = "target_phrase", span_of: Callable[[int, int], Span] | None = None) -> list[Target]:
    """Targets in one text (``span_of`` gives the source lines of a character range, when known).

    >>> [(t.indicator, t.comparator, t.value, t.unit) for t in find_targets("企业开办时间压缩至1个工作日以内。", Span("f", 1, 1))]
    [('企业开办时间', '<=', 1.0, '个工作日')]
    >>> [(t.indicator, t.comparator, t.value, t.unit) for t in find_targets("无陪同查验率达到100%，打造15分钟政务服务圈", Span("f", 1, 1))]
    [('无陪同查验率', '>=', 100.0, '%'), ('政务服务圈', '=', 15.0, '分钟')]
    >>> find_targets("2023年6月底前完成，落实《若干措施》第3条", Span("f", 1, 1))
    []
    >>> [(t.indicator, t.comparator, t.value) for t in find_targets("年内实现20个以上“一件事”集成办理。", Span("f", 1, 1))]
    [('“一件事”集成办理', '>=', 20.0)]
    >>> [(t.value, t.unit) for t in find_targets("全市生产总值突破1.1万亿元。", Span("f", 1, 1))]
    [(1.1, '万亿元')]
    >>> [(t.comparator, t.value, t.unit) for t in find_targets("预付款比例不超过合同金额30%。", Span("f", 1, 1))]
    [('<=', 30.0, '%')]
    >>> [(t.value, t.comparator) for t in find_targets("将担保费率由目前的1.5%-3%降低至1%以下。", Span("f", 1, 1))]
    [(1.0, '<=')]
    >>> [(t.indicator, t.value, t.kind) for t in find_targets("对符合条件的申请，在受理核实后7个工作日内作出决定。", Span("f", 1, 1))]
    [('作出决定', 7.0, 'time_limit')]
    >>> find_targets("落实重点企业就业专员服务及24小时用工保障机制。", Span("f", 1, 1))
    []
    >>> [(t.indicator, t.comparator, t.value) for t in find_targets("新增7个“免申即享”服务，再新增10个“一业一证”改革行业。", Span("f", 1, 1))]
    [('“免申即享”服务', '=', 7.0), ('“一业一证”改革行业', '=', 10.0)]
    >>> [(t.indicator, t.comparator, t.value) for t in find_targets("优化为“意愿确认、部门兑现”最多2个环节。担保费率保持1%（含）以下", Span("f", 1, 1))]
    [('环节', '<=', 2.0), ('担保费率', '<=', 1.0)]
    """
    out: list[Target] = []
    baseline_end = -1  # where the last baseline number ended (its range's second number is a baseline too)
    for m in _PATTERN.finditer(text):
        before = m.group("before") or ""
        after = m.group("after") or ""
        core_start = m.start() + len(before) + len(m.group("object") or "")
        core = re.match(rf"\s*{_NUM}\s*{_UNIT}", text[core_start : m.end()])
        if core is None:
            continue
        num, unit = core.groups()
        value = _number(num)
        if value is None:
            continue
        if not before and (_BASELINE_BEFORE.search(text[max(0, m.start() - 6) : m.start()])
                           or (baseline_end >= 0 and _RANGE_DASH.match(text[baseline_end : m.start()]))):
            baseline_end = m.end()
            continue
        if not before and not after and _NAME_AFTER.match(text[m.end() :]):
            continue  # 24小时用工保障机制: a service's name
        prefix = text[max(0, m.start() - 2) : m.start()]
        time_limit = unit in _TIME_UNITS and after in ("内", "以内", "之内") and prefix.endswith("后") \
            and not re.search(r"(?:印发|发布|公布|实施|施行)(?:之日)?后$", text[max(0, m.start() - 6) : m.start()])
        if time_limit:  # 受理后7个工作日内作出决定: a processing time limit (印发后30日内 is a deadline, read apart)
            tail = re.match(rf"[^{re.escape(_STOP)}]{{2,10}}", text[m.end() :])
            if tail:
                out.append(Target(text[m.start() : m.end()].strip(), tail.group(0), value, unit, "<=", after,
                                  Provenance(span_of(m.start(), m.end()) if span_of else span, rule), "time_limit"))
            continue
        if _NOT_TARGET_UNIT_CONTEXT.search(prefix) or (unit in ("日", "个", "项", "条", "件", "次") and not before and not after):
            continue  # dates (6月30日), list counts (3项措施), 第N条: not targets unless a cue makes them one
        if unit in ("个月", "天", "日", "周") and not before and not after:
            continue  # a period without a cue is a duration (每3个月), not a target
        if not re.fullmatch(r"[\d.]+", num) and not before and not after:
            continue  # 一批, 一张网, 两个: idiom, not a quantity someone is held to
        counted = bool(re.fullmatch(_COUNT_BEFORE, before))
        opening = m.start()
        if counted and (unit not in _COUNT_UNITS or not re.fullmatch(r"[\d.]+", num)):
            # 打造15分钟政务服务圈, 培育一批: a verb there, not a count someone is held to
            if not re.fullmatch(r"[\d.]+", num):
                continue
            counted, before, opening = False, "", core_start
        if re.fullmatch(_CAP_BEFORE, before) or after in ("以内", "之内", "以下", "内"):
            comparator: Comparator = "<="
        elif (before and not counted) or after in ("以上", "及以上"):
            comparator = ">="
        else:
            comparator = "="
        cue = before or after
        indicator = "" if counted else _indicator_before(text, opening)
        if (counted or not indicator) and unit in _COUNT_UNITS + ("环节",) or (not indicator and unit == "个"):
            # what is counted follows the number: 新增7个“免申即享”服务, 优化为…最多2个环节
            tail = re.match(r"((?:[“\"][^”\"]{1,12}[”\"])?[^，。；：、,;:（）()《》“”\"\s]{0,10})", text[m.end() :])
            indicator = (tail.group(1) if tail else "") or indicator
        if m.group("object") and not indicator:
            indicator = m.group("object").rstrip("的")  # 不超过合同金额30%: what the share is of
        if not indicator and not before:
            # 15分钟政务服务圈: the indicator follows the number
            # (or the named reform in quotes that follows it: 20个以上“一件事”集成办理)
            tail = re.match(rf"[“\"]?([^{re.escape(_STOP)}]{{2,10}})", text[m.end() :])
            indicator = tail.group(1) if tail else ""
        if unit in ("%", "％", "个百分点") and not indicator:
            continue
        if not indicator:
            continue
        where = span_of(m.start(), m.end()) if span_of else span
        kind = "time_limit" if unit in _TIME_UNITS and comparator == "<=" else ""
        out.append(Target(text[m.start() : m.end()].strip(), indicator, value, unit.replace("％", "%"), comparator, cue,
                          Provenance(where, rule), kind))
    return out
