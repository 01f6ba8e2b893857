"""Annex task tables that restate the body's measures enrich them instead of doubling them.

Each table row is matched to the body measure that contains its text (or has
its number, for tables that repeat the body's numbering); the row's owners,
supporting units, deadline and star mark join that measure. A row that
matches no body measure becomes an annex measure of its own, so nothing in
the table is lost.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from policykg.loaders.deadlines import milestones
from policykg.loaders.normalise import normalise
from policykg.loaders.owners import parse_deadline, parse_owners
from policykg.loaders.structure import Node
from policykg.loaders.tables import Row, parse_table
from policykg.loaders.targets import find_targets
from policykg.loaders.text import Line, tidy
from policykg.ontology.keys import node_key
from policykg.ontology.records import Measure, Provenance, Task

MATCH_THRESHOLD = 0.5  # share of the row's character bigrams found in the measure
NEIGHBOUR_THRESHOLD = 0.35  # enough for a row whose neighbouring rows restate the same measure


def _best_measure(row: Row, body: list[Measure], grams: list[set[str]], by_number: dict[str, int]) -> tuple[int, float]:
    """The body measure a table row restates best (by its number when that agrees), with the share of its wording."""
    row_norm = normalise(row.text)
    i = by_number.get(row.number)
    if i is not None and _containment(row_norm, body[i].norm_text, grams[i]) >= 0.3:
        return i, 1.0
    best, best_score = -1, 0.0
    for j, m in enumerate(body):
        s = _containment(row_norm, m.norm_text, grams[j])
        if s > best_score:
            best, best_score = j, s
    return best, best_score


def _neighbours(matches: list[tuple[int, float]], k: int) -> set[int]:
    """The measures that the rows just before and just after row k restate."""
    return {matches[j][0] for j in (k - 1, k + 1) if 0 <= j < len(matches) and matches[j][0] >= 0 and matches[j][1] >= MATCH_THRESHOLD}


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _containment(row_norm: str, measure_norm: str, measure_grams: set[str]) -> float:
    if not row_norm:
        return 0.0
    if row_norm[:24] in measure_norm:
        return 1.0
    grams = _bigrams(row_norm)
    return len(grams & measure_grams) / max(1, len(grams))


def enrich_from_tables(
    measures: list[Measure], tables: list[tuple[Node, list[Line]]], key: str, file: str, raw_lines: tuple[str, ...]
) -> tuple[list[Measure], list[Task]]:
    """Measures enriched by the rows that restate them (plus annex measures for rows that restate none), and every row as a task."""
    if not tables:
        return measures, []
    rows: list[Row] = []
    for _, lines in tables:
        rows += parse_table(lines, raw_lines)
    if not rows:
        return measures, []
    tasks: list[Task] = []
    task_keys: set[str] = set()
    body = [m for m in measures if m.kind != "annex"]
    grams = [_bigrams(m.norm_text) for m in body]
    by_number = {m.number.strip("（）().．、"): i for i, m in enumerate(body) if m.number}
    updates: dict[int, dict[str, list[Any]]] = {}
    extra: list[Measure] = []
    matches = [_best_measure(row, body, grams, by_number) for row in rows]
    for k, (best, score) in enumerate(matches):
        if 0 <= best and NEIGHBOUR_THRESHOLD <= score < MATCH_THRESHOLD and best in _neighbours(matches, k):
            # a row between rows that restate a measure, restating that measure in fewer of its words (金府办发〔2022〕7号
            # row 77, between rows 76 and 78 of 2.3.7.b2/b3): it details that measure, it is not a measure of its own
            matches[k] = (best, MATCH_THRESHOLD)
    for row, (best, best_score) in zip(rows, matches, strict=True):
        span = row.span(file)
        owners = parse_owners(row.owners, span, "annex_table_owner_column", "table") if row.owners else []
        if re.search("牵头|主责", row.owner_label):  # a 牵头单位 column: its owners lead
            owners = [replace(o, role="lead", marker=row.owner_label) if o.role == "unspecified" else o for o in owners]
        owners += [
            replace(o, role="supporting", marker="配合单位")
            for o in (parse_owners(row.supporting, span, "annex_table_supporting_column", "table") if row.supporting else [])
        ]
        deadline = parse_deadline(row.deadline, span, "annex_table_deadline_column") if row.deadline else None
        steps = milestones(row.milestone_cell, span, "annex_table_milestone") if row.milestone_cell else []
        number = row.number + ("*" if row.starred else "")
        task_key = node_key(key, ("T", row.number))
        while task_key in task_keys:
            task_key += "~2"
        task_keys.add(task_key)
        row_targets = tuple(find_targets(tidy(row.text), span, "annex_table_target"))
        path = (row.number,) if not body else ("A", row.number)  # a document that is only a task table: its rows are its measures
        detailed = body[best].key if best >= 0 and best_score >= MATCH_THRESHOLD else node_key(key, path)
        tasks.append(Task(task_key, number, tidy(row.text), detailed, tuple(owners),
                          tuple(steps) if steps else ((deadline,) if deadline else ()),
                          row_targets, row.starred,
                          Provenance(span, "annex_table_row")))
        if best >= 0 and best_score >= MATCH_THRESHOLD:
            u = updates.setdefault(best, {"owners": [], "deadlines": [], "rows": [], "starred": []})
            u["owners"] += owners
            u["deadlines"] += [deadline] if deadline else []
            u["rows"].append(row.number + ("*" if row.starred else ""))
            u["starred"].append(row.starred)
            continue
        extra.append(
            Measure(
                key=node_key(key, path),
                number=row.number + ("*" if row.starred else ""),
                path=path,
                written_path=row.number if not body else "附件" + row.number,
                title=tidy(row.groups[-1]) if row.groups else "",
                text=tidy(row.text),
                section_path=path[:-1],
                kind="body" if not body else "annex",
                provenance=Provenance(span, "annex_table_row"),
                owners=tuple(owners),
                deadlines=(deadline,) if deadline else (),
                targets=row_targets,  # a document that is only a task table states its targets in its rows
                annex_rows=(row.number + ("*" if row.starred else ""),),
                starred=row.starred,
                norm_text=normalise(row.text),
            )
        )
    out = []
    index = {id(m): i for i, m in enumerate(body)}
    for m in measures:
        i = index.get(id(m))
        if i is None or i not in updates:
            out.append(m)
            continue
        u = updates[i]
        seen = {(o.text, o.role) for o in m.owners}
        owners = list(m.owners)
        row_leads = {o.text for o in u["owners"] if o.role == "lead"}
        for o in u["owners"]:
            if o.role == "lead" and len(row_leads) > 1:
                # several rows, each with its own lead: the tasks keep them; on the measure they are listed, not leading
                o = replace(o, role="unspecified", marker=f"{o.marker}（任务行）")
            if (o.text, o.role) not in seen:
                seen.add((o.text, o.role))
                owners.append(replace(o, position=len(owners)))
        out.append(
            replace(
                m,
                owners=tuple(owners),
                deadlines=m.deadlines + tuple(u["deadlines"]),
                annex_rows=m.annex_rows + tuple(u["rows"]),
                starred=m.starred or any(u["starred"]),
            )
        )
    return out + extra, tasks


_OWNER_TAIL = re.compile(r"[（(][^（）()]*[）)]\s*[。；;]?\s*$")


def fold_annex_lists(measures: list[Measure], key: str) -> tuple[list[Measure], list[Task]]:
    """Items of an annex list that restate a body measure (中小企业数字化转型专项行动（市经济信息化委）) become tasks of it.

    They are the same commitment listed again: counted once, as the body measure, with the item's
    owners joined to it; the item keeps its own text, owners and span as a task. Items that restate
    no body measure stay annex measures.
    """
    body = [m for m in measures if m.kind != "annex"]
    grams = [_bigrams(m.norm_text) for m in body]
    folded: dict[int, list[Measure]] = {}
    tasks: list[Task] = []
    kept: list[Measure] = []
    for m in measures:
        if m.kind != "annex" or m.provenance.rule == "annex_table_row" or not body:
            kept.append(m)
            continue
        item = normalise(_OWNER_TAIL.sub("", m.text))
        score, best = max((_containment(item, b.norm_text, grams[j]), j) for j, b in enumerate(body))
        if score < MATCH_THRESHOLD or len(item) < 4:
            kept.append(m)
            continue
        folded.setdefault(best, []).append(m)
        tasks.append(Task(node_key(key, ("T", "A" + ".".join(m.path[1:]))), m.written_path, m.text, body[best].key, m.owners, m.deadlines,
                          m.targets, m.starred, Provenance(m.provenance.span, "annex_list_item")))
    out = []
    index = {id(b): i for i, b in enumerate(body)}
    for m in kept:
        j = index.get(id(m))
        if j is None or j not in folded:
            out.append(m)
            continue
        owners = list(m.owners)
        seen = {(o.text, o.role) for o in owners}
        for listed in folded[j]:
            for o in listed.owners:
                if (o.text, o.role) not in seen:
                    seen.add((o.text, o.role))
                    owners.append(replace(o, position=len(owners), source="annex_list"))  # its span is the item's
        out.append(replace(m, owners=tuple(owners)))
    return out, tasks
