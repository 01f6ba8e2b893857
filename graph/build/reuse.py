"""Derivations read from reused wording: a document that takes a large share of a plan's measure text (8-gram
fingerprints) derives from it even when it never cites it."""

from __future__ import annotations

from typing import Any

import numpy as np

from policykg.graph.build.params import DEFAULT, Thresholds
from policykg.loaders.normalise import char_ngrams
from policykg.ontology.records import DocLink, Document, Provenance, Span

REUSE_NGRAM = DEFAULT.reuse_ngram


def infer_derivations(documents: list[Document], existing: list[DocLink], params: Thresholds = DEFAULT) -> list[DocLink]:
    """derived_from edges for documents that restate a municipal plan without citing it.

    Coverage = share of the document's measure-text 8-grams that occur in the
    candidate parent. On the bundled corpus every cited derivation scores
    0.089-0.405 and every pair of unrelated documents at most 0.075; the
    threshold 0.15 sits in the gap above all unrelated pairs, so an inferred
    edge needs at least twice the reuse ever seen between unrelated plans.
    Parents are municipal documents signed no later than the document.
    """
    cited = {(dl.source, dl.target) for dl in existing if dl.type == "derived_from"}
    texts = {d.key: "".join(m.norm_text for m in d.measures) for d in documents if not d.cited_only}
    prints = {k: fingerprints(t, REUSE_NGRAM) for k, t in texts.items()}
    prints = {k: v for k, v in prints.items() if len(v)}
    parents = [p for p in documents if p.level == "municipal" and p.key in prints]
    shared = _shared_counts([d.key for d in documents if d.key in prints], [p.key for p in parents], prints, params.reuse_document)
    # only pairs that share n-grams at all, in document order then parent order (not every document × every parent)
    order = {d.key: i for i, d in enumerate(documents)}
    parent_of = {p.key: (i, p) for i, p in enumerate(parents)}
    pairs = sorted((order[dk], parent_of[pk][0], dk, pk) for dk, pk in shared)
    by_key = {d.key: d for d in documents}
    parent_grams: dict[str, set[str]] = {}
    out = []
    for _, _, dk, pk in pairs:
        d, p = by_key[dk], parent_of[pk][1]
        if p.key == d.key or (d.key, p.key) in cited:
            continue
        if p.date and d.date and p.date > d.date:
            continue
        coverage = shared[(d.key, p.key)] / len(prints[d.key])  # at least reuse_document: _shared_counts kept no others
        if p.key not in parent_grams:
            parent_grams[p.key] = char_ngrams(texts[p.key], REUSE_NGRAM)  # once per parent, not once per derivative
        examples = _reused_examples(d, p, parent_grams[p.key])
        first = next((m for m in d.measures if m.provenance), None)
        span = first.provenance.span if first else Span(d.sources[0].file, d.sources[0].line_start, d.sources[0].line_end)
        out.append(
            DocLink(d.key, p.key, "derived_from", f"inferred:text_reuse:{REUSE_NGRAM}gram", round(coverage, 3),
                    Provenance(span, "text_reuse"), evidence=" | ".join(examples))
        )
    return out


def fingerprints(text: str, n: int) -> np.ndarray:
    """The distinct n-grams of a text as 64-bit polynomial hashes of their code points (vectorised, no n-gram strings).

    >>> len(fingerprints("一网通办一网通办", 3)), len(fingerprints("一网", 3))
    (4, 0)
    """
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    width = len(points) - n + 1
    if width <= 0:
        return np.zeros(0, dtype=np.uint64)
    hashes = np.zeros(width, dtype=np.uint64)
    for k in range(n):
        hashes = hashes * np.uint64(1_000_003) + points[k : k + width]  # wraps modulo 2**64
    return np.unique(hashes)


def _shared_counts(rows: list[str], columns: list[str], prints: dict[str, np.ndarray], min_share: float = 0.0) -> dict[tuple[str, str], int]:
    """How many n-grams each (row, column) pair of texts shares: one sparse product, not a set intersection per pair.
    Only pairs sharing at least ``min_share`` of the row's n-grams are kept (boilerplate links every pair a little)."""
    from scipy.sparse import csr_matrix

    if not rows or not columns:
        return {}
    keys = list(dict.fromkeys(rows + columns))
    _, ids = np.unique(np.concatenate([prints[k] for k in keys]), return_inverse=True)
    bounds = np.cumsum([0] + [len(prints[k]) for k in keys])
    where = {k: i for i, k in enumerate(keys)}

    def incidence(selected: list[str]) -> Any:
        parts = [ids[bounds[where[k]] : bounds[where[k] + 1]] for k in selected]
        indptr = np.cumsum([0] + [len(x) for x in parts])
        indices = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        return csr_matrix((np.ones(len(indices), dtype=np.int32), indices, indptr), shape=(len(selected), int(ids.max()) + 1 if len(ids) else 0))

    product = (incidence(rows) @ incidence(columns).T).tocoo()
    sizes = np.array([len(prints[k]) for k in rows])
    keep = product.data / sizes[product.row] >= min_share  # the same division infer_derivations makes
    return {(rows[i], columns[j]): int(v) for i, j, v in zip(product.row[keep], product.col[keep], product.data[keep], strict=True)}


def _reused_examples(d: Document, p: Document, parent_grams: set[str], limit: int = 3) -> list[str]:
    """The longest runs of reused text, with the measures they come from on both sides."""
    runs = []
    for m in d.measures:
        t = m.norm_text
        i = 0
        while i <= len(t) - REUSE_NGRAM:
            if t[i : i + REUSE_NGRAM] in parent_grams:
                j = i + 1
                while j <= len(t) - REUSE_NGRAM and t[j : j + REUSE_NGRAM] in parent_grams:
                    j += 1
                run = t[i : j - 1 + REUSE_NGRAM]
                runs.append((len(run), run, m))
                i = j + REUSE_NGRAM - 1
            else:
                i += 1
    runs.sort(key=lambda r: (-r[0], r[2].key))
    out = []
    for _, run, m in runs[:limit]:
        pm = next((x for x in p.measures if run in x.norm_text), None)
        where = f"{pm.key} ({pm.provenance.span})" if pm else p.key
        out.append(f"{m.key} ({m.provenance.span}) ≈ {where}: {run[:40]}")
    return out
