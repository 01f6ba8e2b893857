"""Measure alignment: which measures of a higher-level plan a derivative measure implements.

District plans restate, localise (全市 → 全区, 市X局 → 区X局), merge, split
and add measures; so do a city's plans of its province's, and a county's of
its city's. For every measure (and general-requirements section) of a
derivative document (district or county level, or derived from a plan of a
higher level in the corpus):

1. Candidates: the measures of municipal documents and of every plan a corpus
   document derives from, ranked by the cosine of
   character 2-3-gram TF-IDF vectors (a sparse matrix product, top-n per
   row, so cost grows with the number of candidates kept, not with all pairs),
   always including those of the document's derived-from parents.
2. Signals per candidate, after localisation is normalised on the district
   side: cosine; verbatim reuse (share of the measure's 4-grams found in the
   candidate); the candidate's heading named in the measure (an indicator
   list such as 市场准入退出、获取经营场所、…); and an area gate: a municipal
   measure addressed to a named area (…新区, …科学城, …商务区, …示范区) only
   applies when the measure names that area.
3. Decision (thresholds chosen on the development keys, graph/build/params.py): a
   link when reuse or cosine is high on its own; the best candidate when it
   clearly beats the runner-up; further candidates close to the best one.
4. Evidence: the aligned span pairs (longest common runs) with character
   offsets and source lines on both sides (graph/build/evidence.py, which also
   scores and demotes links); the units compared are in graph/build/units.py.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from policykg.graph.build.evidence import band, boilerplate, calibrated, evidence, limit_fan_out, longest_common_run, own_evidence
from policykg.graph.build.params import DEFAULT, Thresholds
from policykg.graph.build.relation import relation_of, wording_shares
from policykg.graph.build.tfidf import char_tfidf
from policykg.graph.build.units import Unit, area_hosts, area_of, units_of
from policykg.loaders.normalise import char_ngrams, normalise
from policykg.ontology.records import LEVEL_RANK, Document, Implements, Provenance, Span

# the thresholds alignment decides by are in graph/build/params.py (chosen on the development keys)
WORKERS = max(1, min(4, os.cpu_count() or 1))  # processes for large corpora: the cores there are, up to four
PARALLEL_FROM = 20000  # measures; below this one process is faster than forking


def _derivatives(documents: list[Document], parents: dict[str, list[str]]) -> list[Document]:
    """Documents whose measures are aligned: district- and county-level ones, and those derived from a plan in the
    corpus (a city's from its province's, a bureau's from its government's). One structural rule, so the saved
    `gaps` queries say it in SPARQL and Cypher as it is said here."""
    with_measures = {d.key for d in documents if d.measures and not d.cited_only}
    return [d for d in documents if d.key in with_measures
            and (LEVEL_RANK.get(d.level or "") == 3 or any(p in with_measures for p in parents.get(d.key, [])))]


def _target_documents(documents: list[Document], parents: dict[str, list[str]]) -> list[Document]:
    """Documents whose measures are implemented: municipal plans, and any plan a corpus document derives from."""
    derived = {p for ps in parents.values() for p in ps}
    return [d for d in documents if not d.cited_only and d.measures and (d.level == "municipal" or d.key in derived)]


def align(documents: list[Document], parents: dict[str, list[str]], params: Thresholds = DEFAULT) -> list[Implements]:
    """implements edges for every derivative measure of the corpus (``params``: the thresholds it decides by)."""
    targets = [u for d in _target_documents(documents, parents) for u in units_of(d, localise_text=False)]
    if not targets:
        return []
    derivatives = _derivatives(documents, parents)
    levels = {d.key: d.level or "" for d in documents}
    # localised to the level of the plan each derivative implements: its nearest parent in the corpus, else a city's
    upper = {d.key: max((levels[p] for p in parents.get(d.key, []) if levels.get(p) in LEVEL_RANK),
                        key=lambda lv: LEVEL_RANK[lv], default="municipal") for d in derivatives}
    sources = {d.key: units_of(d, localise_text=True, upper=upper[d.key]) for d in derivatives}
    all_sources = [u for us in sources.values() for u in us]
    if not all_sources:
        return []
    # character 2-3-grams, tf-idf weighted and L2-normalised
    X = char_tfidf([u.match for u in targets] + [u.match for u in all_sources])
    T, S = X[: len(targets)], X[len(targets) :]
    # Candidate generation ignores n-grams found in more than posting_cap targets, so each source row
    # meets at most (its n-grams × posting_cap) targets: the cost grows linearly with the corpus.
    df = np.asarray((T > 0).sum(axis=0)).ravel()
    keep = np.flatnonzero(df <= params.posting_cap)
    Tc, Sc = T[:, keep].tocsr(), S[:, keep].tocsr()
    TcT = Tc.T.tocsr()
    by_doc: dict[str, list[int]] = {}
    for i, u in enumerate(targets):
        by_doc.setdefault(u.document, []).append(i)
    areas = [area_of(u) for u in targets]
    target_grams = [char_ngrams(u.match, 4) for u in targets]
    titles = [normalise(u.title) for u in targets]
    jobs = []
    row = 0
    for d in derivatives:
        n = len(sources[d.key])
        if n:
            jobs.append((d.key, row, n))
        row += n
    global _STATE
    _STATE = _State(Sc, TcT, S, T, targets, sources, by_doc, parents, areas, target_grams, titles, params)
    workers = min(WORKERS, len(jobs)) if len(all_sources) >= PARALLEL_FROM else 1
    try:
        if workers > 1:
            import multiprocessing as mp

            chunks = [jobs[k::workers] for k in range(workers)]
            with mp.get_context("fork").Pool(workers) as pool:
                parts = pool.map(_align_jobs, chunks)
            by_key = {k: links for part in parts for k, links in part}
            return [x for key, _, _ in jobs for x in by_key[key]]
        return [x for _, links in _align_jobs(jobs) for x in links]
    finally:
        _STATE = None


@dataclass
class _State:
    Sc: Any
    TcT: Any
    S: Any
    T: Any
    targets: list[Unit]
    sources: dict[str, list[Unit]]
    by_doc: dict[str, list[int]]
    parents: dict[str, list[str]]
    areas: list[str]
    target_grams: list[set[str]]
    titles: list[str]
    params: Thresholds


_STATE: _State | None = None


def _align_jobs(jobs: list[tuple[str, int, int]]) -> list[tuple[str, list[Implements]]]:
    """Align the measures of some documents (run in a worker process when the corpus is large)."""
    st = _STATE
    assert st is not None
    out = []
    for key, row, n in jobs:
        own_parents = [p for p in st.parents.get(key, []) if p in st.by_doc and p != key]
        parent_rows = [i for p in own_parents for i in st.by_doc[p]]
        block = (st.Sc[row : row + n] @ st.TcT).tocsr()  # capped product: candidates only
        cand_lists = [_top_candidates(block.indices[block.indptr[k] : block.indptr[k + 1]],
                                      block.data[block.indptr[k] : block.indptr[k + 1]], st.params.top_n) for k in range(n)]
        union = sorted(set().union(*cand_lists) | set(parent_rows))
        col = {t: j for j, t in enumerate(union)}
        full = _dot_rows(st.S[row : row + n], st.T[union])  # full cosine of every candidate, one product
        parent_set = set(parent_rows)
        plan_df = Counter(g for i in parent_rows for g in st.target_grams[i])  # in how many of the plan's units a 4-gram is
        links: list[Implements] = []
        for k, u in enumerate(st.sources[key]):
            sims = {i: float(full[k, col[i]]) for i in cand_lists[k] | parent_set}
            links += _decide(u, sims, st.targets, st.areas, st.target_grams, st.titles, own_parents, parent_set, plan_df, st.params)
        out.append((key, links))
    return out


def _dot_rows(a: Any, b: Any) -> np.ndarray:
    """a @ b.T (dense) for two CSR matrices, over the columns a uses only: multiplying by b.T as it is would convert
    a matrix as wide as the whole vocabulary once per document, a cost that grows with the corpus squared."""
    from scipy.sparse import csr_matrix

    cols = np.unique(a.indices)
    if not len(cols):
        return np.zeros((a.shape[0], b.shape[0]))

    def narrow(m: Any) -> Any:
        pos = np.minimum(np.searchsorted(cols, m.indices), len(cols) - 1)
        keep = cols[pos] == m.indices
        rows = np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))
        return csr_matrix((m.data[keep], (rows[keep], pos[keep])), shape=(m.shape[0], len(cols)))

    return np.asarray((narrow(a) @ narrow(b).T).toarray())


def _top_candidates(cols: np.ndarray, vals: np.ndarray, n: int) -> set[int]:
    """The n targets most similar to one measure in the capped product."""
    if len(vals) > n:
        top = np.argpartition(-vals, n - 1)[:n]
        return set(cols[top].tolist())
    return set(cols.tolist())


def _decide(
    u: Unit, sims: dict[int, float], targets: list[Unit], areas: list[str], target_grams: list[set[str]],
    titles: list[str], parents: list[str], parent_rows: set[int], plan_df: Counter[str] | None = None,
    p: Thresholds = DEFAULT,
) -> list[Implements]:
    grams = char_ngrams(u.match, 4)
    scored = []
    head = normalise(u.title) if u.title else u.match[:30]
    area_named: set[int] = set()
    for i, cos in sims.items():
        if targets[i].document == u.document:
            continue
        if areas[i] and areas[i] not in u.match and u.jurisdiction not in area_hosts().get(areas[i], ()):
            continue  # addressed to a named area the measure does not name, outside the districts the area lies in
        if areas[i] and areas[i] in head:
            area_named.add(i)  # the measure's heading names the area the municipal measure is addressed to
        reuse = len(grams & target_grams[i]) / len(grams) if grams else 0.0
        mentioned = len(titles[i]) >= 2 and titles[i] in u.match
        scored.append((i, cos, reuse, mentioned))
    if not scored:
        return []
    # an indicator list (市场准入退出、获取经营场所、…) names several municipal headings in a row
    listed = _enumerated_headings([s[0] for s in scored if s[3]], titles, u.match)
    scored.sort(key=lambda s: -s[1])
    chosen: dict[int, str] = {}
    general = u.measure is None
    for i, cos, reuse, _ in scored:
        if i not in parent_rows:
            # outside the plan the document derives from, only heavy verbatim reuse counts, and never boilerplate
            if not general and targets[i].measure is not None and (reuse >= p.reuse_other or cos >= p.cosine_other):
                chosen.setdefault(i, "reuse" if reuse >= p.reuse_other else "cosine")
            continue
        if reuse >= p.reuse:
            chosen.setdefault(i, "reuse")
        elif cos >= p.cosine:
            chosen.setdefault(i, "cosine")
        elif i in listed:
            chosen.setdefault(i, "heading_named")
        elif i in area_named and cos >= p.floor:
            chosen.setdefault(i, "area_named")
        elif _shared_run(grams, i, u.match, target_grams, targets, parent_rows, p.shared_run) >= p.shared_run:
            chosen.setdefault(i, "shared_run")
    # weaker evidence is only weighed among the measures of the plan the document derives from
    pool = [s for s in scored if s[0] in parent_rows]
    if not pool:
        return _edges(u, chosen, scored, targets, parents, plan_df, p)
    best = pool[0][1]
    runner = pool[1][1] if len(pool) > 1 else 0.0
    if best >= p.floor:
        top = pool[0][0]
        if best >= p.margin * max(runner, 1e-9):
            chosen.setdefault(top, "best_by_margin")
        elif best >= p.group:
            chosen.setdefault(top, "best_of_group")  # one measure merging several close municipal ones
        for i, cos, _, _ in pool[1:]:
            if top in chosen and cos >= p.close * best and cos >= p.floor:
                chosen.setdefault(i, "close_to_best")
    if pool and pool[0][0] not in chosen and best >= p.possible and not chosen:
        chosen[pool[0][0]] = "possible"  # shown with low confidence: a lead for the analyst, not a link
    return _edges(u, chosen, scored, targets, parents, plan_df, p)


def _shared_run(grams: set[str], i: int, text: str, target_grams: list[set[str]], targets: list[Unit], parent_rows: set[int],
                needed: int = DEFAULT.shared_run) -> int:
    """Chinese characters in the longest run of wording a measure shares with target i and with no other measure of
    the plan (a list such as 安全、交通运输、生态环境等领域 that two municipal measures both carry says nothing)."""
    if len(grams & target_grams[i]) < needed - 3:
        return 0
    start, _, size = longest_common_run(text, targets[i].match)
    run = text[start : start + size]
    if any(j != i and run in targets[j].match for j in parent_rows):
        return 0
    return len(re.findall(r"[\u4e00-\u9fff]", run))


def _edges(u: Unit, chosen: dict[int, str], scored: list[tuple[int, float, float, bool]], targets: list[Unit], parents: list[str],
           plan_df: Counter[str] | None = None, p: Thresholds = DEFAULT) -> list[Implements]:
    out = []
    for i, method in chosen.items():
        cos = next(s[1] for s in scored if s[0] == i)
        reuse = next(s[2] for s in scored if s[0] == i)
        t = targets[i]
        pairs = evidence(u, t)
        if method == "close_to_best" and not pairs:
            # a further source of a one-to-many item stands on wording of its own, not on the clause that justified
            # the best one (on the six keyed districts: 0 of 2 such links without a shared run were right, 3 of 3 with)
            method = "close_to_best+no_own_evidence"
        elif pairs and method != "reuse" and plan_df and all(boilerplate(e.text, plan_df, p.boilerplate_df) for e in pairs):
            # the only wording shared is what many measures of the plan say (优化营商环境, ，进一步提升): boilerplate,
            # no evidence of this measure in particular
            method = method + "+boilerplate_only"
        score = calibrated(cos, reuse, method)
        src, dst = u.span, t.span
        relation, comparison = relation_of(u.measure.targets if u.measure else (), t.measure.targets if t.measure else (), reuse,
                                           wording_shares(u.match, t.match, p.min_run), p)
        out.append(
            Implements(
                source=u.key, target=t.key, score=round(score, 3), confidence=band(score),
                method=f"tfidf_char23+{method}" + ("+parent" if t.document in parents else ""),
                relation=relation, cosine=round(cos, 3), reuse=round(reuse, 3), evidence=tuple(pairs),
                provenance=Provenance(Span(src.file, src.line_start, src.line_end), "alignment"),
                target_span=dst, comparison=comparison,
            )
        )
    return limit_fan_out(own_evidence(sorted(out, key=lambda x: -x.score), plan_df or Counter(), p), p)


def _enumerated_headings(candidates: list[int], titles: list[str], text: str) -> set[int]:
    """Headings named one after another, separated only by 、，和 (a list), when three or more are."""
    found = sorted((text.find(titles[i]), text.find(titles[i]) + len(titles[i]), i) for i in candidates if titles[i] in text)
    best: list[int] = []
    run: list[int] = []
    last_end = -10
    for start, end, i in found:
        if run and start - last_end <= 1 and re.fullmatch(r"[、，,和及与]?", text[last_end:start]):
            run.append(i)
        else:
            run = [i]
        last_end = end
        if len(run) > len(best):
            best = list(run)
    return set(best) if len(best) >= 3 else set()


def find_gaps(documents: list[Document], links: list[Implements], parents: dict[str, list[str]]) -> dict[str, list[str]]:
    """Municipal measures no derivative implements, and derivative measures with no municipal source.

    Only high and medium links count; municipal measures are listed for documents that
    some corpus document derives from (a gap is only meaningful where derivatives exist).
    """
    strong = [i for i in links if i.confidence in ("high", "medium")]
    implemented = {i.target for i in strong}
    sourced = {i.source for i in strong}
    derived_targets = {p for ps in parents.values() for p in ps}
    unimplemented = [
        m.key for d in _target_documents(documents, parents) if d.key in derived_targets
        for m in d.measures if m.kind not in ("annex", "paragraph") and m.key not in implemented
    ]
    local = [m.key for d in _derivatives(documents, parents) for m in d.measures if m.kind not in ("annex", "paragraph") and m.key not in sourced]
    return {"unimplemented_municipal": sorted(unimplemented), "local_measures": sorted(local)}
