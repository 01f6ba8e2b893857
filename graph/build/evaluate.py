"""Evaluate implements edges against a hand-labelled key (the format of the development key).

Gold rows name a district document by ``<district pinyin>-<year>``, a district
item by its number as written (1, 三（一）, (十六) …) and municipal measures by
ids whose line ranges are given in a second file; ids are mapped to our
measures by line overlap, items to our measures by their written number path.
Rows of low confidence are left out on both sides; predictions to documents
the key does not cover are not judged.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from policykg.graph.store.model import PolicyGraph
from policykg.loaders.jurisdiction import provinces
from policykg.ontology.records import Confidence, Document


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int


@dataclass(frozen=True)
class Evaluation:
    """Implements links against a gold key: high+medium scores, the curve over the score, and the errors."""

    documents: dict[str, str]  # gold document name → document key
    parent: str
    high_medium: Scores
    curve: tuple[tuple[float, Scores], ...]
    unmapped: tuple[str, ...]  # gold items no measure was found for
    errors: tuple[tuple[str, str, str], ...]  # (FP | FN, source unit, gold municipal id)
    gold_pairs: int
    judged_items: int
    # leave one district out: the score threshold fitted on the other districts, the scores on the one left out
    held_out: tuple[tuple[str, float, Scores], ...] = ()
    held_out_total: Scores | None = None


def _score(tp: int, fp: int, fn: int) -> Scores:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return Scores(round(p, 3), round(r, 3), round(f, 3), tp, fp, fn)


def municipal_ids(corpus: PolicyGraph, path: Path) -> tuple[Document, dict[str, str]]:
    """Our unit key → gold id, by the largest overlap of line ranges."""
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    out: dict[str, str] = {}
    doc = None
    for row in rows:
        file, rng = row["seed_line_range"].rsplit(":", 1)
        a, b = (int(x) for x in rng.split("-"))
        best, best_overlap = None, 0
        for d in corpus.documents:
            units = [(m.key, m.provenance.span) for m in d.measures] + [(s.key, s.provenance.span) for s in d.sections if s.kind == "general"]
            for key, span in units:
                if span.file != file:
                    continue
                overlap = min(b, span.line_end) - max(a, span.line_start) + 1
                if overlap > best_overlap:
                    best, best_overlap, doc = key, overlap, d
        if best is not None:
            out[best] = row["id"]
    if doc is None:
        raise ValueError(f"no measure of the corpus overlaps the line ranges in {path}")
    return doc, out


def find_document(corpus: PolicyGraph, name: str, parent: Document) -> Document:
    """``jiading-2023`` → the 嘉定区 document of 2023 with most links to the keyed parent."""
    stem, _, year = name.rpartition("-")
    district = next((d.name for p in provinces() for d in p.districts if getattr(d, "pinyin", "") == stem), None)
    candidates = [d for d in corpus.documents if d.jurisdiction == district and (d.date or "").startswith(year)]
    if not candidates:
        raise ValueError(f"no document of {district or stem} in {year} for {name}")
    targets = {m.key for m in parent.measures} | {s.key for s in parent.sections}
    def links(d: Document) -> int:
        keys = {m.key for m in d.measures} | {s.key for s in d.sections}
        return sum(1 for i in corpus.implements if i.source in keys and i.target in targets)
    return max(candidates, key=lambda d: (links(d), len(d.measures)))


def _unit_of(doc: Document, item: str) -> str | None:
    units = [(m.written_path, m.key) for m in doc.measures] + [(s.written_path, s.key) for s in doc.sections if s.kind == "general"]
    exact = [k for w, k in units if w == item]
    if exact:
        return exact[0]
    # 1 must not match 11; a bracketed item (（12）) is whole by itself, whatever number precedes it
    ends = [k for w, k in units if w.endswith(item) and not (item[:1].isdigit() and w[: -len(item)][-1:].isdigit())]
    return ends[0] if len(ends) == 1 else None


def evaluate(corpus: PolicyGraph, gold: Path, measures: Path, thresholds: list[float] | None = None) -> Evaluation:
    parent, ids = municipal_ids(corpus, measures)
    rows = list(csv.DictReader(gold.open(encoding="utf-8"), delimiter="\t"))
    docs: dict[str, Document] = {}
    gold_pairs: set[tuple[str, str]] = set()
    judged: set[str] = set()
    unmapped = []
    for row in rows:
        name = row["district_doc"]
        if name not in docs:
            docs[name] = find_document(corpus, name, parent)
        unit = _unit_of(docs[name], row["district_item"])
        if unit is None:
            unmapped.append(f"{name} {row['district_item']}")
            continue
        if row["confidence"] not in ("high", "medium"):
            continue
        judged.add(unit)
        if row["municipal_item"] != "NONE":
            gold_pairs |= {(unit, m) for m in row["municipal_item"].split(";")}
    predicted = [(i.source, ids[i.target], i.score, i.confidence) for i in corpus.implements if i.source in judged and i.target in ids]

    def at(threshold: float | None) -> Scores:
        pred = {(s, t) for s, t, score, conf in predicted if (conf in ("high", "medium") if threshold is None else score >= threshold)}
        return _score(len(pred & gold_pairs), len(pred - gold_pairs), len(gold_pairs - pred))

    curve = tuple((t, at(t)) for t in (thresholds or [0.3, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]))
    held_out, total = _leave_one_out(predicted, gold_pairs, judged, {d.key: name for name, d in docs.items()})
    errors = sorted({("FP", s, t) for s, t, _, c in predicted if c in ("high", "medium") and (s, t) not in gold_pairs}
                    | {("FN", s, t) for s, t in gold_pairs if (s, t) not in {(a, b) for a, b, _, c in predicted if c in ("high", "medium")}})
    return Evaluation({k: v.key for k, v in docs.items()}, parent.key, at(None), curve, tuple(unmapped), tuple(errors),
                      len(gold_pairs), len(judged), held_out, total)


def _leave_one_out(
    predicted: list[tuple[str, str, float, Confidence]], gold: set[tuple[str, str]], judged: set[str], district_of_doc: dict[str, str],
) -> tuple[tuple[tuple[str, float, Scores], ...], Scores | None]:
    """Fit the score threshold on all districts but one (best F1, then precision), measure on the one left out.

    Only the final threshold is refitted: the rules' own thresholds were set on the whole key, so these
    figures still lean optimistic; they show how much the cut-off itself is tuned to the key.
    """
    def district(unit: str) -> str:
        return district_of_doc.get(unit.split("/", 1)[0], "")

    names = sorted({district(u) for u in judged})
    if len(names) < 2:
        return (), None
    candidates = sorted({round(score, 3) for _, _, score, _ in predicted} | {0.5, 0.6, 0.7, 0.8, 0.9})

    def counts(names_in: set[str], threshold: float) -> tuple[int, int, int]:
        pred = {(s, t) for s, t, score, _ in predicted if district(s) in names_in and score >= threshold}
        want = {(s, t) for s, t in gold if district(s) in names_in}
        return len(pred & want), len(pred - want), len(want - pred)

    out = []
    tp = fp = fn = 0
    for name in names:
        train = set(names) - {name}
        best = max(candidates, key=lambda th: (_score(*counts(train, th)).f1, _score(*counts(train, th)).precision, -th))
        a, b, c = counts({name}, best)
        tp, fp, fn = tp + a, fp + b, fn + c
        out.append((name, best, _score(a, b, c)))
    return tuple(out), _score(tp, fp, fn)


def sweep(corpus: PolicyGraph, gold: Path, measures: Path, assignment: str) -> list[tuple[str, Scores]]:
    """Precision and recall of the high+medium links as one threshold takes each value of NAME=V1,V2,…: the corpus's
    documents aligned again with that threshold changed (graph/build/params.py), against the gold key."""
    from dataclasses import replace

    from policykg.graph.build.align import align
    from policykg.graph.build.params import DEFAULT, with_value
    from policykg.graph.build.pipeline import split_by_time

    name, _, values = assignment.partition("=")
    documents = list(corpus.documents)
    parents: dict[str, list[str]] = {}
    for dl in corpus.doc_links:
        if dl.type == "derived_from":
            parents.setdefault(dl.source, []).append(dl.target)
    out = []
    for value in [v.strip() for v in values.split(",") if v.strip()]:
        params = with_value(DEFAULT, f"{name}={value}")
        implements, _ = split_by_time(documents, align(documents, parents, params))
        out.append((value, evaluate(replace(corpus, implements=tuple(implements)), gold, measures).high_medium))
    return out
