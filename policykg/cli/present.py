"""Presenters: records and query rows → terminal tables, CSV and JSON. No command logic here."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from typing import Any

import click

from policykg.graph.store.model import PolicyGraph
from policykg.ontology.records import LEVEL_RANK, Document, Measure, to_plain

Row = dict[str, Any]
Column = tuple[str, str, int]  # key, header, maximum width (Chinese characters count double)
FORMATS = ("table", "json", "csv")


def width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _cell(value: Any, limit: int) -> str:
    s = "" if value is None else str(value)
    s = s.replace("\n", " ")
    if width(s) > limit:
        out = ""
        for c in s:
            if width(out + c) > limit - 1:
                break
            out += c
        s = out + "…"
    return s


def format_table(rows: Sequence[Row], columns: Sequence[Column]) -> str:
    """An aligned text table.

    >>> print(format_table([{"k": "金山区", "n": 3}], [("k", "where", 10), ("n", "count", 5)]))
    where   count
    ------  -----
    金山区  3
    """
    cells = [[_cell(r.get(k), w) for k, _, w in columns] for r in rows]
    widths = [max([width(h)] + [width(c[i]) for c in cells]) for i, (_, h, _) in enumerate(columns)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - width(v)) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line([h for _, h, _ in columns]), line(["-" * w for w in widths])]
    out += [line(c) for c in cells]
    return "\n".join(out)


def to_json(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str)


def to_csv(rows: Sequence[Row], columns: Sequence[str]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for r in rows:
        writer.writerow(["" if r.get(c) is None else r.get(c) for c in columns])
    return buf.getvalue()


def echo_rows(rows: Sequence[Row], columns: Sequence[Column], fmt: str, payload: Any = None) -> None:
    """Print rows as a table, CSV (the table's columns) or JSON (``payload`` when given, else the rows)."""
    if fmt == "json":
        click.echo(to_json(rows if payload is None else payload))
    elif fmt == "csv":
        click.echo(to_csv(rows, [k for k, _, _ in columns]), nl=False)
    else:
        click.echo(format_table(rows, columns))


def span_json(corpus: PolicyGraph, file: str, line_start: int, line_end: int, **extra: Any) -> Row:
    """A source span, with where a reader of the original finds it (PDF page, Word paragraph)."""
    return {"file": file, "line_start": line_start, "line_end": line_end, "where": corpus.locate(file, line_start, line_end), **extra}


def parents(corpus: PolicyGraph, d: Document) -> list[Row]:
    out = []
    for link in corpus.doc_links:
        if link.source == d.key and link.type in ("derived_from", "follows"):
            s = link.provenance.span
            out.append({"key": link.target, "type": link.type, "rule": link.rule, "cue": link.cue or None, "score": link.score,
                        "citation": link.citation or None, "evidence": link.evidence or None,
                        "source": span_json(corpus, s.file, s.line_start, s.line_end)})
    return out


def document_row(d: Document, corpus: PolicyGraph) -> Row:
    return {
        "cited_only": d.cited_only,
        "parents": parents(corpus, d),
        "key": d.key,
        "wen_hao": str(d.doc_number) if d.doc_number else None,
        "title": d.title,
        "issuers": [{"name": i.name, "role": i.role} for i in d.issuers],
        "date": d.date,
        "level": d.level,
        "jurisdiction": d.jurisdiction,
        "sources": [
            span_json(corpus, s.file, s.line_start, s.line_end, compendium_item=s.compendium_item,
                      wrapper=to_plain(s.wrapper) if s.wrapper else None)
            for s in d.sources
        ],
        "measures": len(d.measures),
        "notes": list(d.notes),
    }


def measure_row(m: Measure, corpus: PolicyGraph) -> Row:
    resolved = {(link.text, link.provenance.span.line_start): link for link in corpus.owners_of(m.key)}

    def owner(o: Any) -> Row:
        row: Row = {"text": o.text, "role": o.role, "marker": o.marker, "source": o.source}
        link = resolved.get((o.text, o.provenance.span.line_start))
        if link is not None:
            a = corpus.agency(link.agency)
            row["role"] = link.role
            row["role_rule"] = link.rule
            row["agency"] = {"key": a.key, "name": a.name, "jurisdiction": a.jurisdiction, "kind": a.kind} if a else None
        return row

    s = m.provenance.span
    # every field of the record (a field added to Measure shows here), but matching internals
    row = {k: v for k, v in to_plain(m).items() if k not in _MEASURE_INTERNALS}
    def task(t: Any) -> Row:
        ts = t.provenance.span
        return {"key": t.key, "number": t.number, "text": t.text, "starred": t.starred,
                "owners": [{"text": o.text, "agency": o.agency, "role": o.role, "role_rule": o.rule} for o in corpus.owners_of(t.key)],
                "deadlines": [to_plain(d) for d in t.deadlines], "due": t.due(),
                "targets": [to_plain(x) for x in t.targets],
                "source": span_json(corpus, ts.file, ts.line_start, ts.line_end, rule=t.provenance.rule)}

    row.update(
        owners=[owner(o) for o in m.owners],
        deadline=[d.text for d in m.deadlines],
        due=max((d.end for d in m.deadlines if d.end), default=None),
        tasks=[task(t) for t in corpus.tasks_of(m.key)],
        source=span_json(corpus, s.file, s.line_start, s.line_end, rule=m.provenance.rule),
    )
    return row


_MEASURE_INTERNALS = ("provenance", "owners", "deadlines", "norm_text", "line_index")


def derivation_tree(corpus: PolicyGraph) -> list[str]:
    """Lines of the derivation tree: parents (municipal first) with their derivatives indented."""
    by_key = {d.key: d for d in corpus.all_documents()}
    children: dict[str, list[tuple[str, str]]] = {}
    has_parent: set[str] = set()
    for link in corpus.doc_links:
        if link.type == "derived_from":
            how = f"cue “{link.cue}”" if link.cue else f"inferred, reuse {link.score:.2f}"
            children.setdefault(link.target, []).append((link.source, how))
            has_parent.add(link.source)

    def label(d: Document) -> str:
        flag = " [cited only]" if d.cited_only else ""
        number = f" {d.doc_number}" if d.doc_number else ""
        where = f" {d.jurisdiction}" if d.jurisdiction else ""
        return f"{d.title}{number}{where}{flag}"

    lines: list[str] = []

    def walk(key: str, depth: int, how: str, seen: frozenset[str]) -> None:
        d = by_key[key]
        prefix = "    " * depth + ("└─ " if depth else "")
        lines.append(f"{prefix}{label(d)}" + (f"  ({how})" if how else ""))
        for child, child_how in sorted(children.get(key, []), key=lambda c: (by_key[c[0]].date or "", c[0])):
            if child not in seen:
                walk(child, depth + 1, child_how, seen | {child})

    roots = [k for k in children if k not in has_parent]
    for key in sorted(roots, key=lambda k: (LEVEL_RANK.get(by_key[k].level or "", 4), by_key[k].date or "", k)):
        walk(key, 0, "", frozenset({key}))
    follows = [link for link in corpus.doc_links if link.type == "follows"]
    if follows:
        lines.append("series (each plan follows the one before; share of measures carried over):")
        for link in sorted(follows, key=lambda x: (by_key[x.source].jurisdiction or "", by_key[x.source].date or "")):
            lines.append(f"    {label(by_key[link.target])}  →  {label(by_key[link.source])}  (carried over {link.score:.0%})")
    alone = [d for d in corpus.documents if d.key not in children and d.key not in has_parent]
    if alone:
        lines.append("(no derivation found)")
        lines += [f"    {label(d)}" for d in sorted(alone, key=lambda d: d.key)]
    return lines
