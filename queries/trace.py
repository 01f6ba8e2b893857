"""Tracing a measure to its municipal source(s), transitively, with the aligned wording.

(Issue 8 turns the chain itself into a saved query; the rendering stays here.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from policykg.graph.store.model import PolicyGraph
from policykg.loaders.normalise import normalise
from policykg.ontology.records import Document, Implements, Measure, Section
from policykg.queries.diff import diff_json

MAX_DEPTH = 4
SHOWN = ("high", "medium")


@dataclass(frozen=True)
class Unit:
    key: str
    document: Document
    number: str
    title: str
    text: str
    file: str
    line_start: int
    line_end: int
    where: str = ""  # as a reader of the original finds it: file, PDF page or Word paragraph, lines
    original_text: str = ""  # the text in the source's own script, when the reader converted it (traditional → simplified)


def _index(corpus: PolicyGraph) -> dict[str, Unit]:
    out = {}
    for d in corpus.documents:
        items: list[Measure | Section] = [*d.measures, *d.sections]
        for x in items:
            s = x.provenance.span
            out[x.key] = Unit(x.key, d, x.written_path, x.title, x.text, s.file, s.line_start, s.line_end,
                              corpus.locate(s.file, s.line_start, s.line_end), getattr(x, "original_text", ""))
    return out


def find_measures(corpus: PolicyGraph, query: list[str]) -> list[Unit]:
    """A measure key; a document (key or 文号) and a number path; or a text snippet."""
    units = _index(corpus)
    text = " ".join(query).strip()
    if text in units:
        return [units[text]]
    if len(query) >= 2:
        doc = corpus.get(query[0])
        if doc is not None:
            want = "".join(query[1:]).replace(" ", "")
            mine = [u for u in units.values() if u.document.key == doc.key]
            matchers: tuple[Callable[[Unit], bool], ...] = (
                lambda u: u.number == want,
                lambda u: u.key.split("/", 1)[1] == want,
                lambda u: u.number.endswith(want) and not u.number[: -len(want)][-1:].isdigit(),
            )
            for match in matchers:
                found = [u for u in mine if match(u)]
                if found:
                    return found
            return []
    snippet = normalise(text)
    return [u for u in units.values() if snippet and snippet in normalise(u.text)]


def sources_of(corpus: PolicyGraph, units: dict[str, Unit], key: str, depth: int = 0, seen: frozenset[str] = frozenset(),
               bands: tuple[str, ...] = SHOWN) -> list[dict[str, Any]]:
    """The implements chain above a measure: each source (with its text) and its own sources, transitively."""
    if depth >= MAX_DEPTH:
        return []
    out = []
    here = units.get(key)
    for link in sorted((i for i in corpus.implements_from(key) if i.confidence in bands), key=lambda i: -i.score):
        if link.target in seen:
            continue
        t = units.get(link.target)
        if t is None:
            continue
        out.append({
            **unit_json(t), "text": t.text,
            "score": link.score, "confidence": link.confidence, "method": link.method, "relation": link.relation,
            "comparison": link.comparison or None,
            "evidence": evidence_json(link),
            "diff": diff_json(here.text, t.text, _line_of(corpus, here), _line_of(corpus, t)) if here is not None else None,
            "sources": sources_of(corpus, units, link.target, depth + 1, seen | {key, link.target}, bands),
        })
    return out


def _line_of(corpus: PolicyGraph, u: Unit) -> Callable[[int], int]:
    """Offset in a unit's text → its source line."""
    found = corpus.unit(u.key)
    return found.line_of if isinstance(found, Measure) else (lambda _offset: u.line_start)


def unit_json(u: Unit) -> dict[str, Any]:
    return {
        "key": u.key, "document": u.document.key, "document_title": u.document.title,
        "wen_hao": str(u.document.doc_number) if u.document.doc_number else None,
        "jurisdiction": u.document.jurisdiction, "number": u.number, "path": u.key.split("/", 1)[1],
        "title": u.title, "source": {"file": u.file, "line_start": u.line_start, "line_end": u.line_end, "where": u.where},
        **({"original_text": u.original_text} if u.original_text else {}),
    }


def evidence_json(link: Implements) -> list[dict[str, Any]]:
    return [
        {"source": {"start": e.source_start, "end": e.source_end, "line": e.source_line},
         "target": {"start": e.target_start, "end": e.target_end, "line": e.target_line}, "text": e.text}
        for e in link.evidence
    ]


def trace(corpus: PolicyGraph, unit: Unit, bands: tuple[str, ...] = SHOWN) -> dict[str, Any]:
    units = _index(corpus)
    shared = []
    for s in corpus.shared_text:  # wording shared with a document signed later: not a source, but worth seeing
        other = s.target if s.source == unit.key else s.source if s.target == unit.key else None
        if other is not None and other in units:
            shared.append({**unit_json(units[other]), "score": s.score, "reason": s.reason,
                           "evidence": [{"text": e.text} for e in s.evidence]})
    return {**unit_json(unit), "text": unit.text, "sources": sources_of(corpus, units, unit.key, bands=bands), "shares_text": shared}


def trace_document(corpus: PolicyGraph, doc: Document, bands: tuple[str, ...] = SHOWN) -> list[dict[str, Any]]:
    units = _index(corpus)
    out = []
    for m in doc.measures:
        u = units[m.key]
        out.append({**unit_json(u), "sources": [
            {k: s[k] for k in ("key", "document", "number", "path", "source", "score", "confidence")} for s in sources_of(corpus, units, m.key, bands=bands)
        ]})
    return out


def highlight(text: str, spans: list[tuple[int, int]], mark: Any, width: int = 0) -> str:
    """``text`` with the aligned spans marked; long unaligned stretches shortened."""
    out, pos = [], 0
    for a, b in sorted(spans):
        gap = text[pos:a]
        if width and len(gap) > width:
            gap = (gap[: width // 2] if pos else "") + "…" + gap[-width // 2 :]
        out.append(gap)
        out.append(mark(text[a:b]))
        pos = b
    tail = text[pos:]
    if width and len(tail) > width:
        tail = tail[: width // 2] + "…"
    out.append(tail)
    return "".join(out)
