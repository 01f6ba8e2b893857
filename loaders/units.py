"""A document's plan as units: sections and measures from its numbered tree, with their owners (parentheses,
labelled lines, a flattened task table's cells), deadlines, targets and citations; a page read without structure as
paragraphs."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Literal

from policykg.loaders.citations import find_citations
from policykg.loaders.deadlines import relative_phrases
from policykg.loaders.normalise import normalise
from policykg.loaders.owners import (
    OWNER_LABELS,
    find_deadlines,
    glued_cells,
    owner_clause,
    owner_groups,
    owner_line,
    owner_list_line,
    owner_sentence,
    parse_deadline,
    parse_owners,
)
from policykg.loaders.structure import Node, classify_kind, node_text, node_title
from policykg.loaders.targets import find_targets
from policykg.loaders.text import Line, TextMap, tidy
from policykg.ontology.keys import node_key
from policykg.ontology.records import (
    DeadlineMention,
    Measure,
    OwnerMention,
    Provenance,
    Section,
    Span,
    UnitKind,
)


def paragraphs(lines: tuple[Line, ...], key: str, file: str) -> tuple[Measure, ...]:
    """The body of a page read without its structure: one unit per non-empty line, of kind ``paragraph``.

    Paragraphs are kept so that nothing of the page is lost (its text stays searchable and citable with its line);
    alignment leaves them out, and the document's ``structure`` says its units are paragraphs, not measures.
    """
    out: list[Measure] = []
    for ln in lines:
        text = tidy(ln.text)
        if not text.strip(" \u3000?？"):
            continue
        n = str(len(out) + 1)
        out.append(Measure(
            key=node_key(key, ("P" + n,)), number="", path=("P" + n,), written_path="¶" + n, title="", text=text,
            section_path=(), kind="paragraph", provenance=Provenance(Span(file, ln.no, ln.no), "paragraph_line"),
            norm_text=normalise(text), line_index=((0, ln.no),),
        ))
    return tuple(out)


def walk(
    node: Node,
    path: tuple[str, ...],
    written: str,
    kind: UnitKind,
    key: str,
    file: str,
    width: int,
    sections: list[Section],
    measures: list[Measure],
    cells: Cells = "",
) -> None:
    for child in node.children:
        cpath = path + (child.path_part(),)
        cwritten = written + child.display
        title = node_title(child, width)
        ckind = "annex" if child.annex else classify_kind(title, kind, len(cpath))
        tm = node_text(child)
        if ckind == "general" and not child.children and _assigned(child, tm.text):
            ckind = "body"  # 主要预期目标 whose items each name a 牵头责任单位: targets assigned as work, so measures
        text = tidy(tm.text)
        span = Span(file, child.lines[0].no, _last_line(child))
        heading_only = child.style == "chapter" and text.rstrip("。：:") == title  # 第三章 附则, its articles gone to the effect clause
        if child.children or ckind == "general" or child.style == "annex" or heading_only:
            own = Span(file, child.lines[0].no, child.lines[-1].no)
            sections.append(
                Section(node_key(key, cpath), child.written, cpath, cwritten, title, ckind, len(cpath), Provenance(own, f"section_{child.style}"), text)
            )
            walk(child, cpath, cwritten, ckind, key, file, width, sections, measures, cells)
            continue
        measures.append(_measure(child, tm, text, title, cpath, cwritten, path, ckind, key, file, span, cells))


_ROW_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")


def numbered_rows(plan: tuple[Line, ...]) -> tuple[Line, ...]:
    """A task table flattened one cell per line prints each row's 序号 cell as a bare number on a line of its own; the
    number opens the row's task cell, as a numbered item (1 / 加快建设… / 市市场监管局 → 1.加快建设… / 市市场监管局).

    >>> [ln.text for ln in numbered_rows((Line(1, "序号"), Line(2, "1"), Line(3, "加快建设数字应用。"), Line(4, "市市场监管局")))]
    ['序号', '1.加快建设数字应用。', '市市场监管局']
    """
    out: list[Line] = []
    k = 0
    while k < len(plan):
        m = _ROW_NUMBER.match(plan[k].text)
        if m and k + 1 < len(plan) and not _ROW_NUMBER.match(plan[k + 1].text) and len(plan[k + 1].text) > 4:
            nxt = plan[k + 1]
            out.append(replace(nxt, no=plan[k].no, text=f"{m.group(1)}.{nxt.text}"))
            k += 2
            continue
        out.append(plan[k])
        k += 1
    return tuple(out)


def _assigned(node: Node, text: str) -> bool:
    """A unit that names who must do it (a 责任单位 line or an owner parenthesis)."""
    return bool(owner_groups(text)) or any(owner_line(ln.text) for ln in node.lines[1:])


def _last_line(node: Node) -> int:
    while node.children:
        node = node.children[-1]
    return node.lines[-1].no


Cells = Literal["", "lines", "glued"]  # how a flattened task table prints its cells, if the plan is one


HEADER_CELL = re.compile(r"(?:责任|牵头|配合|主办|协办|主责)(?:单位|部门)")


DEADLINE_LABELS = "完成时限|完成时间|时间节点|时限要求|完成期限|办结时限|时间安排"


DEADLINE_LINE = re.compile(rf"^\s*(?:{DEADLINE_LABELS})\s*[：:]\s*(.{{1,40}}?)\s*[。；;]?\s*$")


# a measure that ends with its labelled owner or deadline line is complete, not cut
LABELLED_END = re.compile(rf"(?:{'|'.join(OWNER_LABELS)}|{DEADLINE_LABELS})\s*[：:][^。]{{1,80}}$")


def _measure(
    node: Node, tm: TextMap, text: str, title: str, path: tuple[str, ...], written: str,
    section_path: tuple[str, ...], kind: UnitKind, key: str, file: str, span: Span, cells: Cells = "",
) -> Measure:
    owners: list[OwnerMention] = []
    body = tm.text
    groups = owner_groups(tm.text)
    if groups:
        for content, start, end in groups:
            a, b = tm.span(start, end)
            owners += parse_owners(content, Span(file, a, b), "owner_parenthesis")
        parts, pos = [], 0
        for _, start, end in groups:  # the measure's wording without its owner parentheses
            parts.append(tm.text[pos:start])
            pos = end
        rest = tm.text[pos:]
        body = "".join(parts) + (rest if rest.strip(" 。.；;") else "")
    else:
        for ln in node.lines[1:]:
            labelled = owner_line(ln.text)
            if labelled:
                owners += parse_owners(labelled, Span(file, ln.no, ln.no), "owner_line")
        if cells == "lines" and not owners and len(node.lines) > 1 and (cell := owner_list_line(node.lines[1].text)):
            # a task table flattened one cell per line: the row's 责任单位 cell on the line after its measure
            owners += parse_owners(cell, Span(file, node.lines[1].no, node.lines[1].no), "owner_cell_line")
        glued = glued_cells(tm.text) if cells == "glued" and not owners else None
        if glued is not None:  # …督办。市行政审批局市司法局…2022年9月底: the row's owner and deadline cells
            names, _deadline_cell, start = glued
            owners += parse_owners(names, Span(file, *tm.span(start, len(tm.text))), "owner_glued_cells")
            body = tm.text[:start]
        clause = None if owners else owner_clause(tm.text)
        if clause is not None:  # …。责任单位：区政务服务中心。 closing the measure, without brackets
            content, start = clause
            owners += parse_owners(content, Span(file, *tm.span(start, len(tm.text))), "owner_clause")
            body = tm.text[:start]
        sentence = None if owners else owner_sentence(tm.text)
        if sentence is not None:  # …。省水利厅牵头，省发改委等单位配合。 closing the measure
            content, start = sentence
            owners += parse_owners(content, Span(file, *tm.span(start, len(tm.text))), "owner_sentence")
            body = tm.text[:start]
    deadlines = []
    deadline_lines: set[int] = set()
    for ln in node.lines[1:]:  # 完成时限：2023年6月底 on a line of its own after the measure
        due = DEADLINE_LINE.match(ln.text)
        if due:
            d = parse_deadline(due.group(1), Span(file, ln.no, ln.no), "deadline_line")
            if d:
                deadlines.append(d)
                deadline_lines.add(ln.no)
    for s, e, phrase in find_deadlines(tm.text):
        a, b = tm.span(s, e)
        if a in deadline_lines:
            continue
        d = parse_deadline(phrase, Span(file, a, b), "deadline_phrase")
        if d:
            deadlines.append(d)
    for s, e, phrase in relative_phrases(tm.text):
        a, b = tm.span(s, e)
        deadlines.append(DeadlineMention(phrase, Provenance(Span(file, a, b), "deadline_relative")))
    citations = find_citations(tm, file, "citation_measure")
    display = TextMap.from_lines([replace(ln, text=tidy(ln.text)) for ln in node.lines], first_text=tidy(node.first_text))
    return Measure(
        key=node_key(key, path),
        number=node.written,
        path=path,
        written_path=written,
        title=title,
        text=display.text,
        section_path=section_path,
        kind=kind,
        provenance=Provenance(span, f"measure_{node.style}"),
        owners=tuple(owners),
        deadlines=tuple(deadlines),
        citations=tuple(citations),
        targets=tuple(find_targets(body, span, "target_phrase", lambda a, b: Span(file, *tm.span(a, b)))),
        norm_text=normalise(body),
        line_index=tuple(zip(display.starts, display.line_nos, strict=True)),
    )
