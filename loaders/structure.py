"""Sections and measures: the numbered tree of a plan.

Levels are decided by the order in which numbering styles first appear (a
style already open closes everything below it), so any nesting of 一、 （一）
1. （1） ① 第X条 and unnumbered bold titles is read without a fixed order.
A numbering token at the start of a line is only taken when the numbers follow
each other (the next sibling, or the next of a list numbered continuously
across sections), so wrapped text that happens to start with "2." or "（1）"
stays text. Leaves of the tree are measures; nodes with children are sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from policykg.loaders.closing import closing_signature, effect_tail, is_effect_clause, is_tail_line
from policykg.loaders.numbering import Numbering, match_numbering
from policykg.loaders.text import CONTINUE, TERMINAL, Line, TextMap, is_wrapped, tidy
from policykg.ontology.records import UnitKind

GENERAL = re.compile(r"总则$|总体要求|指导思想|基本原则|工作原则|目标$|目标任务|总体思路|适用范围|目的依据")
SAFEGUARD = re.compile(r"保障措施|组织保障|保障机制|实施保障|工作保障|组织实施|组织领导|工作要求|附则|有关要求|实施要求|其他事项")
ANNEX_START = re.compile(r"^(附\s*件|附\s*表)\s*(\d{0,2})\s*$")
ANNEX_REF = re.compile(r"^(附\s*件|附\s*表)\s*\d{0,2}\s*[：:]")


@dataclass
class Node:
    style: str
    value: int
    written: str  # token as written ("" for an unnumbered bold title)
    display: str  # token for the written path ("二", "（一）", "1")
    lines: list[Line] = field(default_factory=list)
    first_text: str = ""  # first line without its numbering token
    bold_title: str = ""
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    annex: bool = False
    title_override: str = ""

    def path_part(self) -> str:
        if self.style == "bold":
            return f"b{self.value}"
        if self.style == "annex":
            return f"A{self.value}"
        return str(self.value)


@dataclass
class Tree:
    root: Node
    preamble: list[Line]
    tables: list[tuple[Node, list[Line]]]  # table lines and the node they sit under
    tail: list[Line]
    effect: list[Line] = field(default_factory=list)  # the document's clauses of effect and interpretation


def parse_tree(lines: tuple[Line, ...] | list[Line], wrap_width: int) -> Tree:
    """Build the numbered tree of a plan body."""
    root = Node("root", 0, "", "")
    stack: list[Node] = []
    node: Node | None
    last_seen: dict[tuple[str, bool], int] = {}
    preamble: list[Line] = []
    tables: list[tuple[Node, list[Line]]] = []
    tail: list[Line] = []
    effect: list[Line] = []
    in_effect = False
    annex_count = 0
    in_annex = False
    in_tail = False
    prev_text = ""
    current_table: list[Line] | None = None

    def current() -> Node:
        return stack[-1] if stack else root

    signature = closing_signature(lines)
    # 附件：清单 followed by the annex itself, not by a later 附件1 heading: the line opens the annex
    annex_after = [False] * (len(lines) + 1)
    for index in range(len(lines) - 1, -1, -1):
        annex_after[index] = annex_after[index + 1] or bool(ANNEX_START.match(lines[index].text))
    for index, line in enumerate(lines):
        t = line.text
        if index in signature:
            tail.append(line)
            continue
        if line.is_table:
            if current_table is None:
                current_table = []
                tables.append((current(), current_table))
            current_table.append(line)
            continue
        current_table = None
        m = ANNEX_START.match(t) or (ANNEX_REF.match(t) if not in_annex and not annex_after[index + 1] and _annex_follows(lines, index) else None)
        if m:
            annex_count += 1
            in_annex, in_tail, in_effect = True, False, False
            node = Node("annex", annex_count, t, t.replace(" ", ""), [line], "", annex=True)
            node.parent = root
            root.children.append(node)
            stack[:] = [node]
            prev_text = ""
            continue
        if is_tail_line(t) or (ANNEX_REF.match(t) and not in_annex):
            in_tail = True
        if in_tail:
            tail.append(line)
            continue
        if is_effect_clause(t):
            in_effect = True  # the clause and the lines that continue it, up to the next numbered heading
            effect.append(line)
            continue
        num = match_numbering(t)
        if in_effect and num is None:
            effect.append(line)
            continue
        in_effect = False
        node = None
        first_node = not root.children and not stack
        if num is not None and (first_node or _accept(num, stack, last_seen, prev_text, in_annex, wrap_width)):
            node = Node(num.style, num.value, num.written, num.display, [line], num.rest, _strip_number(line.bold_title), annex=in_annex)
            # close everything at or below an open node of the same style
            for k, open_node in enumerate(stack):
                if open_node.style == num.style:
                    del stack[k:]
                    break
            last_seen[(num.style, in_annex)] = num.value
        elif line.bold and line.bold_title and num is None and _is_bold_heading(line):
            for k, open_node in enumerate(stack):
                if open_node.style == "bold":
                    del stack[k:]
                    break
            siblings = [c for c in current().children if c.style == "bold"]
            node = Node("bold", len(siblings) + 1, "", f"·{len(siblings) + 1}", [line], t, line.bold_title.rstrip("。.：:"), annex=in_annex)
        elif in_annex and line.md_level and stack and stack[-1].style == "annex" and not stack[-1].children:
            stack[-1].title_override = t
            prev_text = t
            continue
        if node is not None:
            parent = current()
            node.parent = parent
            parent.children.append(node)
            stack.append(node)
        elif stack:
            stack[-1].lines.append(line)
        else:
            preamble.append(line)
        prev_text = t
    _split_titled_paragraphs(root, wrap_width)
    _fold_circled_details(root)
    if not effect:
        effect = _effect_in_last_paragraph(root)
    return Tree(root, preamble, tables, tail, effect)


def _effect_in_last_paragraph(root: Node) -> list[Line]:
    """A clause of effect closing the last measure's paragraph (…。本方案自…起施行，有效期至…。) leaves it: the lines
    it covers, cut where it starts, become the document's clause of effect."""
    node = root
    while node.children and not node.children[-1].annex:
        node = node.children[-1]
    if node is root or node.children or not node.lines:
        return []
    texts = [node.first_text if i == 0 else ln.text for i, ln in enumerate(node.lines)]
    joined = "".join(texts)
    cut = effect_tail(joined)
    if cut is None:
        return []
    k, at = 0, cut
    while at >= len(texts[k]):
        at -= len(texts[k])
        k += 1
    head, clause = texts[k][:at], texts[k][at:]
    lines = node.lines
    first_offset = len(lines[k].text) - len(texts[k])  # the numbering token before first_text on the first line
    moved = [replace(lines[k], text=clause), *lines[k + 1:]]
    if k == 0:
        node.first_text = head
    node.lines = [*lines[:k], replace(lines[k], text=lines[k].text[: first_offset + at])] if head.strip() or k == 0 else list(lines[:k])
    return moved


def _annex_follows(lines: tuple[Line, ...] | list[Line], index: int) -> bool:
    """Whether numbered content follows a 附件：… line that names one annex (the annex itself), not a list of annex
    titles (附件：1.方案模板 / 2.申请表) nor only signature or distribution lines."""
    title = ANNEX_REF.sub("", lines[index].text, count=1).strip()
    if match_numbering(title) is not None:
        return False
    rest = [ln for ln in lines[index + 1 : index + 4] if ln.text.strip()]
    return bool(rest) and (rest[0].is_table or match_numbering(rest[0].text) is not None)


def _fold_circled_details(node: Node) -> None:
    """①② items under a measure that states itself (3.压缩企业开办时间。…（省市场监管局牵头） / ①… / ②…) detail it:
    they stay part of its text, so its owners, deadline and targets are not left on a section."""
    for child in node.children:
        _fold_circled_details(child)
    if node.style in ("root", "annex", "circled") or not node.children or not all(c.style == "circled" and not c.children for c in node.children):
        return
    own = " ".join(ln.text for ln in node.lines)
    if not re.search(r"[。；;]", own):  # a bare heading over ①② items: they are the measures
        return
    for child in node.children:
        node.lines += child.lines
    node.children = []


SENTENCE_END = re.compile(r"[。！？；!?;][”’」』]?\s*(?:[（(][^（）()]*[）)])?\s*$")  # …场景。 or …场景。（责任单位：区数据局）
LEAD = re.compile(r"([^。，,；;：:、（()“”\s]{4,24})。(?=\S{10,})")


def _lead_title(text: str) -> str:
    """The short title sentence a paragraph opens with, or "".

    >>> _lead_title("推进关联事项集成办。完善“高效办成一件事”常态化运行和成效评价机制。"), _lead_title("为加快打造一流营商环境，制定本方案。")
    ('推进关联事项集成办', '')
    """
    m = LEAD.match(text)
    return m.group(1) if m else ""


def _split_titled_paragraphs(node: Node, wrap_width: int) -> None:
    """Unnumbered measures under a bare heading: two or more paragraphs, each opening with a short title sentence.

    （一）推动政务服务智慧好办 / 推进关联事项集成办。完善… / 推进政务事项智慧办。打造… : the paragraphs become the measures.
    """
    for child in node.children:
        _split_titled_paragraphs(child, wrap_width)
    heading = node.first_text.strip()
    if node.children or node.annex or node.style in ("root", "bold") or not heading or heading[-1] in TERMINAL or len(heading) > 40:
        return
    paragraphs: list[list[Line]] = []
    for line in node.lines[1:]:
        prev = paragraphs[-1][-1].text if paragraphs else ""
        if prev and (not SENTENCE_END.search(prev) or is_wrapped(prev, wrap_width)):  # a paragraph ends a sentence on a short line
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    if len(paragraphs) < 2 or not all(_lead_title(p[0].text) for p in paragraphs):
        return
    node.lines = node.lines[:1]
    for k, lines in enumerate(paragraphs, start=1):
        node.children.append(Node("bold", k, "", f"·{k}", lines, lines[0].text, _lead_title(lines[0].text), parent=node))


def _strip_number(bold: str) -> str:
    n = match_numbering(bold)
    title = n.rest if n else bold
    return title.strip().rstrip("。.：:；;").strip()


def _is_bold_heading(line: Line) -> bool:
    """A paragraph that opens with a bold title ("**进一步放宽市场准入。**推进…") or is one."""
    b = line.bold_title
    return 2 <= len(b) <= 40 and (b.endswith(("。", "：", ":", ".")) or line.text == b or line.md_level > 0)


def _accept(
    num: Numbering,
    stack: list[Node],
    last_seen: dict[tuple[str, bool], int],
    prev_text: str,
    in_annex: bool,
    wrap_width: int,
) -> bool:
    if prev_text and prev_text[-1] in CONTINUE:
        return False
    for open_node in reversed(stack):
        if open_node.style == num.style:
            return num.value in (open_node.value + 1, open_node.value + 2)
    last = last_seen.get((num.style, in_annex), 0)
    if last == 0 and prev_text and prev_text[-1] in TERMINAL:
        # the first list of this style may continue a numbering we did not see (an excerpt)
        return True
    if num.value == 1 or num.value == last + 1:
        # A new list under the current node must not start inside a sentence; right under a heading it starts a list
        # whose numbering runs on across sections (（二）… then 7. after （一）'s 1.-6.)
        under_heading = bool(stack) and len(stack[-1].lines) == 1 and stack[-1].lines[0].text == prev_text
        return under_heading or not (prev_text and is_wrapped(prev_text, wrap_width) and prev_text[-1] not in TERMINAL and num.value != 1)
    return False


def node_text(node: Node) -> TextMap:
    return TextMap.from_lines(node.lines, first_text=node.first_text)


def node_title(node: Node, wrap_width: int) -> str:
    """The heading of a node: its bold run, a heading line, or a short first sentence."""
    if node.title_override:
        return tidy(node.title_override)
    if node.bold_title:
        return tidy(node.bold_title)
    first = node.first_text.strip()
    if not first and len(node.lines) > 1:
        # token alone on its line ("（三）"): the heading starts on the next line
        first = node.lines[1].text.strip()
    if not first:
        return ""
    label = re.match(r"^【([^】]{1,20})】", first)
    if label:  # 第四条【市场准入】…: an article's own label
        return tidy(label.group(1))
    if not _has_sentence(first) and not is_wrapped(first, wrap_width):
        return tidy(first.rstrip("。.：:；;"))
    if not _has_sentence(first) and len(node.lines) > 1 and node.children:
        # a heading wrapped over two lines
        joined = tidy(first + node.lines[1].text)
        if not _has_sentence(joined):
            return joined
    m = re.match(r"^([^。：:；;，,]{2,30})[。：:]", first)
    if m:
        return tidy(m.group(1))
    return ""


def _has_sentence(text: str) -> bool:
    return bool(re.search(r"[。；;]", text)) or (("，" in text or "," in text) and len(text) > 30)


def classify_kind(title: str, parent_kind: UnitKind, depth: int = 1) -> UnitKind:
    """General-requirements and safeguard sections are recognised at the top level and inherited."""
    if parent_kind in ("general", "safeguard", "annex"):
        return parent_kind
    if GENERAL.search(title) and (depth == 1 or len(title) <= 8):
        return "general"
    if SAFEGUARD.search(title) and depth == 1:
        return "safeguard"
    return "body"
