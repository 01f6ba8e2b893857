"""Owners (责任单位) and deadlines as written in a measure's text.

Owners usually close a measure in parentheses: （责任单位：区政务服务办、区行政
服务中心）, （牵头单位：…；配合单位：…）, or just （市商务委、上海海关）. Names
are kept as written here; resolving them to agencies is the graph's job.
"""

from __future__ import annotations

import re

from policykg.loaders.deadlines import RECURRING
from policykg.ontology.records import DeadlineMention, MentionRole, OwnerMention, Provenance, Span

_LABELS: dict[str, MentionRole] = {
    "牵头单位": "lead", "牵头部门": "lead", "主责单位": "lead", "主责部门": "lead", "责任主体": "unspecified",
    "配合单位": "supporting", "配合部门": "supporting", "协同单位": "supporting", "协办单位": "supporting",
    "参与单位": "supporting", "责任单位": "unspecified", "责任部门": "unspecified", "实施单位": "unspecified",
    "主要责任单位": "lead", "牵头": "lead", "配合": "supporting",
    "牵头责任单位": "lead", "主办单位": "lead", "承办单位": "unspecified", "承办部门": "unspecified", "实施部门": "unspecified",
    "协办部门": "supporting", "协同部门": "supporting", "参与部门": "supporting",
    "协同责任单位": "supporting", "配合责任单位": "supporting", "参与责任单位": "supporting", "牵头责任部门": "lead",
    "协同责任部门": "supporting", "配合责任部门": "supporting",
}
OWNER_LABELS = tuple(sorted(_LABELS, key=len, reverse=True))  # longest first, for alternations
_LABEL_RE = re.compile("(" + "|".join(OWNER_LABELS) + r")\s*[：:]")
_TRAILING_PAREN = re.compile(r"[（(〔【]([^（）()〔〕【】]{1,200}(?:[（(][^（）()]{0,30}[）)][^（）()〔〕【】]{0,100})*)[）)〕】]\s*[。.；;]?\s*$")
_NOTE_PAREN = re.compile(r"[（(][^（）()]*(?:为|下同|以下|均)[^（）()]*[）)]\s*$")  # (第一责任单位为牵头单位，下同)
_ORG_END = re.compile(
    r"(委员会|委|局|办|室|院|会|中心|集团|公司|政府|部|所|队|站|署|行|处|厅|街镇|街道|镇|园区|社|联|分局|海关|法院|"
    r"检察院|管委会|单位|部门|机构|平台|企业|组|区|市)$"
)
_SPLIT = re.compile(r"[、，,；;/]|<br>")
_DEADLINE_TEXT = re.compile(
    # 年内 is a word of its own: in 一年内 or 3年内 it is a duration, no deadline
    r"((?:20\d\d)\s*年\s*(?:底|年底|内|\d{1,2}\s*月\s*(?:底|末)?)\s*前|(?:20\d\d)\s*年底|年底前|20\d\d\s*年内|(?<![\d一二两三四五六七八九十几多半])年内|"
    r"(?:于|在)?\s*(?:20\d\d\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:前|之前|以前)|"  # (于)3月31日前
    r"每年\s*\d{1,2}\s*月(?:底|末|份|中旬|上旬|下旬)?(?:前)?|"  # 每年8月: a recurring duty
    r"(?:到|至)\s*20\d\d\s*年(?:底|末)?(?![\d月])|"  # 到2025年，…达到…: the year a target is due
    r"\d{1,2}\s*月\s*(?:底|末)\s*前|(?:于|在)\s*20\d\d\s*年\s*\d{1,2}\s*月\s*(?:底|末)?\s*前|"
    r"20\d\d\s*年\s*第?\s*[一二三四1-4]\s*季度(?:(?:末|底)?\s*(?:前|内)|末|底|(?=完成|实现|建成|出台|上线))|"
    r"20\d\d\s*年\s*[上下]半年(?:前|内|(?=完成|实现|建成|出台|上线)))"
)
_ONGOING = re.compile(rf"持续推进|长期|持续|常态化|全年|已完成|{RECURRING.pattern}")


def owner_parens(text: str) -> tuple[str, int] | None:
    """The trailing owner parenthesis of a measure: (content, start offset).

    >>> owner_parens("推进数据治理。（责任单位：区政务服务办、区行政服务中心）")[0]
    '责任单位：区政务服务办、区行政服务中心'
    >>> owner_parens("加大《入境货物检验检疫证明》应用。（市商务委、上海海关）")[0]
    '市商务委、上海海关'
    >>> owner_parens("审批时限压缩至两个工作日（含）。") is None
    True
    """
    m = _TRAILING_PAREN.search(text)
    if not m:
        return None
    content = m.group(1).strip()
    # （市民政局牵头，各区、市政府负责落实。以下各项工作均需…，不再一一列出。）: the owners, then a note
    if _LABEL_RE.search(content) or looks_like_owner_list(content.split("。")[0]):
        return content, m.start()
    return None


_CLAUSE = re.compile(
    r"(?<=[。；;！？!?])\s*((" + "|".join(OWNER_LABELS) + r")\s*[：:][^。（）()〔〕【】]{1,200}?)\s*[。.；;]?\s*$"
)
_LABELLED_PAREN = re.compile(  # （责任单位：…）, 【…】, 〔…〕, and a web page's [责任单位：…]
    r"[（(〔【\[]\s*((?:" + "|".join(OWNER_LABELS) + r")\s*[：:]"
    r"[^（）()〔〕【】\[\]]{1,200}(?:[（(][^（）()]{0,30}[）)][^（）()〔〕【】\[\]]{0,100})*)[）)〕】\]]"
)


# （牵头单位：省发展改革委；责任单位：省编办、… where the page was cut before the bracket closed
_UNCLOSED_PAREN = re.compile(r"[（(〔【\[]\s*((?:" + "|".join(OWNER_LABELS) + r")\s*[：:][^（）()〔〕【】\[\]。]{1,200})$")


def owner_groups(text: str) -> list[tuple[str, int, int]]:
    """Every owner parenthesis of a measure, in order: (content, start, end).

    A measure may name owners after each of its sentences (…。（责任单位：市政府办公厅）…。（责任单位：各区、各部门））;
    each labelled parenthesis counts, wherever it stands, and so does an unlabelled trailing one.

    >>> [c for c, _, _ in owner_groups("建立制度。（责任单位：市政府办公厅）开展解读。（责任单位：各区、各部门）")]
    ['责任单位：市政府办公厅', '责任单位：各区、各部门']
    >>> [c for c, _, _ in owner_groups("压缩至1个工作日。（省市场监管局牵头）①推行智能审批；②推进一件事。")]
    ['省市场监管局牵头']
    >>> [c for c, _, _ in owner_groups("优化企业开办。[责任单位：区市场监管局]")]  # a web page's square brackets
    ['责任单位：区市场监管局']
    >>> [c for c, _, _ in owner_groups("一律取消。（牵头单位：省发展改革委；责任单位：省编办、省环保厅、")]  # cut short
    ['牵头单位：省发展改革委；责任单位：省编办、省环保厅']
    """
    found = [(m.group(1).strip(), m.start(), m.end()) for m in _LABELLED_PAREN.finditer(text)]
    unclosed = _UNCLOSED_PAREN.search(text)
    if unclosed and not any(start <= unclosed.start() < end for _, start, end in found):
        found.append((unclosed.group(1).strip("、，,；; "), unclosed.start(), len(text)))  # a page cut inside the owners
    trailing = owner_parens(text)
    if trailing and not any(start <= trailing[1] < end for _, start, end in found):
        found.append((trailing[0], trailing[1], len(text)))
    for m in _SENTENCE_PAREN.finditer(text):  # …1个工作日。（省市场监管局牵头）①推行…: owners closing a sentence mid-measure
        content = m.group(1).strip()
        if not any(start <= m.start(1) < end for _, start, end in found) and _ROLE_WORD.search(content) and looks_like_owner_list(content):
            found.append((content, m.start(1) - 1, m.end()))
    return sorted(found, key=lambda g: g[1])


def owner_clause(text: str) -> tuple[str, int] | None:
    """A labelled owner sentence closing a measure, without brackets: (content, offset where it starts).

    >>> owner_clause("推进政务服务事项“一网通办”。责任单位：区政务服务中心。")
    ('责任单位：区政务服务中心', 15)
    >>> owner_clause("明确责任单位：各部门要落实。") is None  # not after a sentence end
    True
    """
    m = _CLAUSE.search(text)
    if not m or m.group(2) in ("牵头", "配合"):  # bare 牵头：/配合： in prose are not labels
        return None
    content = _NOTE_PAREN.sub("", m.group(1)).strip()
    return (content, m.start(1)) if looks_like_owner_list(_LABEL_RE.sub("、", content).strip("、")) else None


_ROLE_SENTENCE = re.compile(r"(?<=[。；;])\s*([^。；;（）()]{2,240}?)\s*[。.]?\s*$")


def owner_sentence(text: str) -> tuple[str, int] | None:
    """An unlabelled owner sentence closing a measure (…治理工程建设。省水利厅牵头，省发改委、农垦总局等单位配合。):
    every clause of it is a list of bodies followed by its role word; (content, offset where it starts).

    >>> owner_sentence("加快推进防洪除涝治理工程建设。省水利厅牵头,省发改委、农垦总局、环保厅等单位配合。")
    ('省水利厅牵头,省发改委、农垦总局、环保厅等单位配合', 15)
    >>> owner_sentence("建立联席会议制度。各区负责组织实施。") is None  # a duty in prose, not a list of owners
    True
    """
    m = _ROLE_SENTENCE.search(text)
    if not m:
        return None
    content = m.group(1).strip()
    clauses = [c.strip() for c in re.split(r"[，,]", content) if c.strip()]
    for clause in clauses:
        role = _ROLE_CLAUSE.match(clause) if not _DUTY.search(clause) else None
        names = clause[: _DUTY.search(clause).start()] if _DUTY.search(clause) else (role.group(1) if role else "")  # type: ignore[union-attr]
        if not names or not looks_like_owner_list(re.sub(r"等(?:单位|部门)$", "", names)) or not re.search(r"[局委办厅院会心府部署行]", names):
            return None
    if not re.search("牵头|主办|主责", content):
        return None
    return content, m.start(1)


def owner_line(text: str) -> str | None:
    """A line of its own that names owners under a label (责任单位：…), as some sites print them after a measure.

    >>> owner_line("责任单位:市发改委、市财政局(第一责任单位为牵头单位,下同)")
    '责任单位:市发改委、市财政局'
    >>> owner_line("时限要求:持续推进") is None
    True
    """
    m = _LABEL_RE.match(text.strip())
    if not m or m.group(1) in ("牵头", "配合"):
        return None
    return _NOTE_PAREN.sub("", text.strip()).strip()


# a row of a task table whose cells the page glued onto its measure: …进行督办。市行政审批局市司法局市级相关单位,各区县政府、
# 西咸新区管委会2022年9月底 (the owner cells, then the deadline cell)
_GLUED_DEADLINE = re.compile(r"(?:(?:19|20)\d\d\s*年)?(?:\d{1,2}\s*月(?:底|中旬|上旬|下旬)?|年底|底)?(?:前|起)?(?:持续推进|长期坚持|长期推进)?$")
_GLUED_ORG = re.compile(r"(?<=[局委办室厅院心会府队站])(?=[省市区县各])")


def glued_cells(text: str) -> tuple[str, str, int] | None:
    """The owner cells (names split where one ends and the next begins) and the deadline cell glued after a measure's
    last sentence, with the offset where the cells start; None when what follows the last 。 is not a list of bodies.

    >>> glued_cells("对未按时间节点完成的单位进行督办。市行政审批局市司法局市级相关单位,各区县政府、西咸新区管委会2022年9月底")
    ('市行政审批局、市司法局、市级相关单位,各区县政府、西咸新区管委会', '2022年9月底', 17)
    >>> glued_cells("推进改革。完善制度") is None
    True
    """
    end = text.rstrip().rfind("。")
    if end < 0:
        return None
    tail = text[end + 1 :].strip()
    due = _GLUED_DEADLINE.search(tail)
    deadline = due.group(0) if due and due.group(0) else ""
    names = _GLUED_ORG.sub("、", tail[: len(tail) - len(deadline)].strip())
    if not names or not looks_like_owner_list(names):
        return None
    return names, deadline, end + 1


def owner_list_line(text: str) -> str | None:
    """A line that is only a list of bodies, as a task table flattened one cell per line prints a row's 责任单位 cell
    after its measure (市税务局等,各县、市、区政府,咸宁高新区管委会); None for anything that reads as text.

    >>> owner_list_line("市税务局等,各县、市、区政府,咸宁高新区管委会")
    '市税务局等,各县、市、区政府,咸宁高新区管委会'
    >>> owner_list_line("持续推进"), owner_list_line("完善区级就业创业政策体系，开展评估。"), owner_list_line("2020年12月")
    (None, None, None)
    """
    t = text.strip()
    if not t or len(t) > 120 or re.search(r"[。；;：:（）()\d]", t):
        return None
    parts = [re.sub(r"等$", "", p.strip()) for p in re.split(r"[、，,]", t) if p.strip()]
    named = [p for p in parts if _ORG_END.search(p) and len(p) <= 24]
    return t if parts and len(named) == len([p for p in parts if len(p) > 1]) and named and _ORG_END.search(parts[-1]) else None


_SENTENCE_PAREN = re.compile(r"(?<=[。；;])\s*[（(]([^（）()]{2,120})[）)]")
_ROLES = "共同负责|牵头|主办|负责落实|负责|配合|参与|协助|协办"  # role words written after owner names (X牵头，Y配合)
_DUTY = re.compile(r"(?:(?:按|根据)(?:各自)?职责(?:分工)?(?:负责|落实)?|分工负责|分别负责)$")
# a note that the first body listed leads (市税务局、市财政局，排在首位的为牵头单位，下同)
_FIRST_LEADS = re.compile(r"[，,；;]?\s*(?:排在?首位|排名?第一位?|排第一位?|第一位|首位|第一个)[^，,；;。]{0,8}?为牵头(?:单位|部门)(?:[，,；;]\s*下同)?")
_ROLE_WORD = re.compile(rf"{_ROLES}|按职责")
_ROLE_END = re.compile(rf"(?:{_ROLES}|按职责分工负责)$")
_ROLE_CLAUSE = re.compile(rf"^(.+?)\s*[（(]?({_ROLES})[）)]?$")


def looks_like_owner_list(content: str) -> bool:
    items = [x.strip() for x in _SPLIT.split(content) if x.strip()]
    if not items or len(content) > 160:
        return False
    if re.search(r"[。]|\d{4}\s*年", content):
        return False
    good = sum(1 for x in items if _ORG_END.search(_ROLE_END.sub("", re.sub(r"[（(〈<].*?[）)〉>]|等$", "", x))) or x.startswith("各"))
    return good >= max(1, int(len(items) * 0.6 + 0.5))


def split_outside_brackets(text: str, separator: re.Pattern[str]) -> list[str]:
    """Split at separators that stand outside any bracket: 各乡镇〈街道、园区〉 stays one name.

    >>> split_outside_brackets("区财政局、各乡镇（街道、园区）、区税务局", re.compile("、"))
    ['区财政局', '各乡镇（街道、园区）', '区税务局']
    >>> split_outside_brackets("市发改委、各县〔市、区〕政府〔管委会〕", re.compile("、"))
    ['市发改委', '各县〔市、区〕政府〔管委会〕']
    """
    out, depth, start = [], 0, 0
    for m in re.finditer(r"[（(〈《【〔\[]|[）)〉》】〕\]]|" + separator.pattern, text):
        token = m.group(0)
        if token in "（(〈《【〔[":
            depth += 1
        elif token in "）)〉》】〕]":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(text[start : m.start()])
            start = m.end()
    out.append(text[start:])
    return out


def split_owner_list(content: str) -> list[str]:
    """Split an owner list as written (no prefix expansion: that is resolution).

    >>> split_owner_list("区财政局<br>(金融办)")
    ['区财政局(金融办)']
    >>> split_owner_list("公安金山分局、<br>区民政局、相关<br>街镇、园区")
    ['公安金山分局', '区民政局', '相关街镇', '园区']
    >>> split_owner_list("市 财政局、伏羲山管委 会")  # a level or an ending split from its body by a stray space
    ['市财政局', '伏羲山管委会']
    """
    content = re.sub(r"<br>\s*(?=[（(])", "", content)
    content = re.sub(r"(?<![、，,；;])<br>(?![、，,；;])", lambda m: "", content) if "、" in content else content
    out: list[str] = []
    for part in split_outside_brackets(content, _SPLIT):
        # "区发改委 区经委" are two owners; "金山 税务局" is one name broken by extraction
        words = [w for w in part.strip(" 。.").split() if w]
        merged: list[str] = []
        for w in words:
            if merged and (merged[-1] in ("市", "区", "县", "省") or len(w) == 1 or not _ORG_END.search(re.sub(r"[（(].*?[）)]", "", merged[-1]))):
                merged[-1] += w
            else:
                merged.append(w)
        out += merged
    # "上海海关等具有行政强制权和财产登记、保管职能的政府部门和单位" is one description, not two owners
    joined: list[str] = []
    for part in out:
        if joined and re.search(r"等[^等]{4,}$", joined[-1]) and not _ORG_END.search(joined[-1]):
            joined[-1] += "、" + part
        else:
            joined.append(part)
    return [p for p in joined if p]


def parse_owners(content: str, span: Span, rule: str, source: str = "text") -> list[OwnerMention]:
    """Owner mentions from the text of an owner parenthesis or table cell, roles from markers.

    >>> [(o.text, o.role, o.marker) for o in parse_owners("牵头单位：区发改委；配合单位：区经委、区财政局", Span("f", 1, 1), "t")]
    [('区发改委', 'lead', '牵头单位'), ('区经委', 'supporting', '配合单位'), ('区财政局', 'supporting', '配合单位')]
    >>> [(o.text, o.role) for o in parse_owners("市商务委牵头，市发展改革委配合", Span("f", 1, 1), "t")]
    [('市商务委', 'lead'), ('市发展改革委', 'supporting')]
    >>> [(o.text, o.role) for o in parse_owners("省政务办牵头，省各有关部门按职责分工负责", Span("f", 1, 1), "t")]
    [('省政务办', 'lead'), ('省各有关部门', 'supporting')]
    >>> [(o.text, o.role) for o in parse_owners("县住建局、县发改局牵头，各乡镇〈街道、园区〉配合", Span("f", 1, 1), "t")]
    [('县住建局', 'lead'), ('县发改局', 'lead'), ('各乡镇〈街道、园区〉', 'supporting')]
    >>> [(o.text, o.role) for o in parse_owners("市商务局、市农业农村局主办，市税务局协办", Span("f", 1, 1), "t")]
    [('市商务局', 'lead'), ('市农业农村局', 'lead'), ('市税务局', 'supporting')]
    >>> [(o.text, o.role) for o in parse_owners("市民政局牵头,各区、市政府负责落实", Span("f", 1, 1), "t")]
    [('市民政局', 'lead'), ('各区', 'supporting'), ('市政府', 'supporting')]
    >>> [(o.text, o.role) for o in parse_owners("两市市委宣传部牵头,两市市委组织部、文化和旅游局分工负责", Span("f", 1, 1), "t")]
    [('两市市委宣传部', 'lead'), ('两市市委组织部', 'supporting'), ('文化和旅游局', 'supporting')]
    >>> [(o.text, o.role) for o in parse_owners("责任单位:市税务局、市财政局,排在首位的为牵头单位,下同", Span("f", 1, 1), "t")]
    [('市税务局', 'lead'), ('市财政局', 'supporting')]
    >>> [o.text for o in parse_owners("责任单位:市工信局等有关部门,各县区人民政府。以下政策措施均需各县区落实", Span("f", 1, 1), "t")]
    ['市工信局等有关部门', '各县区人民政府']
    """
    out: list[OwnerMention] = []
    pieces: list[tuple[str, MentionRole, str]] = []  # (text, role, marker)
    head, _, tail = content.partition("。")
    if tail and not _LABEL_RE.search(tail):  # …园区管委会。以下政策措施均需…落实，不再单独列出: a note after the owners
        content = head
    first_leads = bool(_FIRST_LEADS.search(content))
    content = _FIRST_LEADS.sub("", content)
    labels = list(_LABEL_RE.finditer(content))
    if labels:
        for k, m in enumerate(labels):
            end = labels[k + 1].start() if k + 1 < len(labels) else len(content)
            label = m.group(1)
            for name in split_owner_list(content[m.end():end].strip("；; ")):
                duty = _DUTY.search(name)  # 责任单位：…、镇街（园区）按职责分工负责
                pieces.append((name[: duty.start()] if duty and duty.start() else name, _LABELS[label], label))
    else:
        has_lead = bool(re.search("牵头|主责", content))
        for clause in split_outside_brackets(content, re.compile(r"[，,；;]")):
            duty = _DUTY.search(clause.strip())
            if duty:  # 各有关部门按职责分工负责: a share of the work, beside a lead when there is one
                pieces += [(name, "supporting" if has_lead else "unspecified", "按职责分工") for name in split_owner_list(clause.strip()[: duty.start()])]
                continue
            marked = _ROLE_CLAUSE.match(clause.strip())
            if marked and "、" in marked.group(1):  # 县住建局、县发改局牵头: both lead
                leads = ("牵头", "主办", "负责", "共同负责") if has_lead else ("牵头", "主办", "负责", "共同负责", "负责落实")
                role: MentionRole = "lead" if marked.group(2) in leads else "supporting"  # X牵头，Y负责落实: Y supports
                pieces += [(name, role, marked.group(2)) for name in split_owner_list(marked.group(1))]
            else:
                pieces += [(name, "unspecified", "") for name in split_owner_list(clause)]
    if first_leads and pieces:
        pieces = [(pieces[0][0], "lead", "排在首位"), *[(name, "supporting", "排在首位") for name, _, _ in pieces[1:]]]
    position = 0
    prov = Provenance(span, rule)
    for name, role, marker in pieces:
        duty_share = marker in ("按职责分工", "排在首位")  # roles already read: no inline marker to read
        # inline markers: X牵头 / X（牵头） / X会同Y / 配合
        lead = None if duty_share else re.match(r"^(.+?)\s*[（(]?(牵头|主办|负责)[）)]?$", name)
        if lead:
            name, role, marker = lead.group(1), "lead", lead.group(2)
        elif name.endswith(("配合", "协办")) and len(name) > 2:
            name, role, marker = name[:-2], "supporting", name[-2:]
        if "会同" in name:
            a, b = name.split("会同", 1)
            out.append(OwnerMention(a.strip(), "lead", "会同", prov, position, source))
            position += 1
            for other in re.split(r"[和及与]", b):
                if other.strip():
                    out.append(OwnerMention(other.strip(), "supporting", "会同", prov, position, source))
                    position += 1
            continue
        name = name.strip()
        if not name:
            continue
        out.append(OwnerMention(name, role, marker or ("column" if source == "table" else ""), prov, position, source))
        position += 1
    return out


def parse_deadline(text: str, span: Span, rule: str) -> DeadlineMention | None:
    """A deadline cell or phrase: 12月, 2023年底前, 持续推进, 一季度.

    >>> d = parse_deadline("2023年底前", Span("f", 1, 1), "t"); (d.year, d.month, d.ongoing)
    (2023, 12, False)
    >>> parse_deadline("持续推进", Span("f", 1, 1), "t").ongoing
    True
    >>> parse_deadline("区财政局", Span("f", 1, 1), "t") is None
    True
    """
    t = text.strip()
    if not t or len(t) > 60:
        return None
    year = re.search(r"(20\d\d)\s*年", t)
    month = re.search(r"(\d{1,2})\s*月", t)
    y = int(year.group(1)) if year else None
    mo = int(month.group(1)) if month else (12 if re.search(r"年底|年内|全年|四季度", t) else None)
    ongoing = bool(_ONGOING.search(t))
    if y is None and mo is None and not ongoing and not re.search(r"季度|上半年|下半年|年底|年内", t):
        return None
    if mo is not None and not 1 <= mo <= 12:
        mo = None
    return DeadlineMention(t, Provenance(span, rule), y, mo, ongoing)


def find_deadlines(text: str) -> list[tuple[int, int, str]]:
    """Deadline phrases inside running text (年底前, 2023年6月底前 …)."""
    return [(m.start(), m.end(), m.group(0)) for m in _DEADLINE_TEXT.finditer(text)]
