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
3. Decision (thresholds chosen on the development key, see THRESHOLDS): a
   link when reuse or cosine is high on its own; the best candidate when it
   clearly beats the runner-up; further candidates close to the best one.
4. Evidence: the aligned span pairs (longest common runs) with character
   offsets and source lines on both sides.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import numpy as np
from rapidfuzz.distance import Indel

from policykg.graph.build.params import DEFAULT, Thresholds
from policykg.graph.build.relation import relation_of, wording_shares
from policykg.graph.build.tfidf import char_tfidf
from policykg.loaders.normalise import char_ngrams, normalise
from policykg.ontology.records import LEVEL_CHAR, LEVEL_RANK, Confidence, Document, EvidenceSpan, Implements, Measure, Provenance, Span

# the thresholds alignment decides by are in graph/build/params.py (chosen on the development keys)
WORKERS = max(1, min(4, os.cpu_count() or 1))  # processes for large corpora: the cores there are, up to four
PARALLEL_FROM = 20000  # measures; below this one process is faster than forking
HIGH, MEDIUM = 0.85, 0.6  # confidence bands on the calibrated score

# a plan's own level in its wording (全区, 本县, 市政府) and the words that carry it
_LOCAL_WORDS = ("全{}", "我{}", "本{}", "{}级", "{}领导", "{}委", "{}政府")
_AREA = re.compile(r"([\u4e00-\u9fff]{2,8}?)(新区|新片区|科学城|商务区|示范区|试验区|保税区|开发区|自贸区)")


@dataclass(frozen=True)
class Unit:
    """A measure or a general-requirements section, ready for alignment."""

    key: str
    document: str
    title: str
    text: str  # display text
    match: str  # normalised (and localised, on the derivative side) text
    span: Span
    number: str
    measure: Measure | None
    jurisdiction: str = ""


def units_of(doc: Document, localise_text: bool, upper: str = "municipal") -> list[Unit]:
    """The units of a document; a derivative's wording is localised to the level of the plan it implements (``upper``)."""
    out = []
    for m in doc.measures:
        if m.kind in ("annex", "paragraph") or not m.norm_text:
            continue
        match = localise(m.norm_text, doc, upper) if localise_text else m.norm_text
        out.append(Unit(m.key, doc.key, m.title, m.text, match, m.provenance.span, m.written_path, m, doc.jurisdiction or ""))
    for s in doc.sections:
        if s.kind == "general" and s.text:
            n = normalise(s.text)
            out.append(Unit(s.key, doc.key, s.title, s.text, localise(n, doc, upper) if localise_text else n, s.provenance.span, s.written_path, None,
                            doc.jurisdiction or ""))
    return out


def localise(text: str, doc: Document, upper: str = "municipal") -> str:
    """A derivative's own-level wording → the wording of the level above (全区 → 全市 for a district implementing its
    city's plan, 全市 → 全省 for a city implementing its province's), so that restated measures compare equal.

    >>> from policykg.ontology.records import Document
    >>> d = Document("k", "t", None, (), None, "district", "嘉定区", ())
    >>> localise("坚持区领导分工牵头,将宣传纳入全区工作重点,嘉定区特色", d)
    '坚持市领导分工牵头,将宣传纳入全市工作重点,特色'
    >>> localise("结合我市实际,市政府统筹", Document("k", "t", None, (), None, "municipal", "杭州市", ()), "provincial")
    '结合我省实际,省政府统筹'
    """
    own, up = LEVEL_CHAR.get(doc.level or ""), LEVEL_CHAR.get(upper, "市")
    if own and own != up:
        for word in _LOCAL_WORDS:
            text = text.replace(word.format(own), word.format(up))
    if own == "区":
        text = text.replace("各街镇", "各区").replace("街镇", "区")
    if doc.jurisdiction and doc.level in ("district", "district_branch"):
        place = doc.jurisdiction
        text = text.replace(place, "").replace(place.rstrip("区").rstrip("新"), "") if len(place) > 2 else text
    return text


def area_of(unit: Unit) -> str:
    """The named area a municipal measure is addressed to ("" when none): its first two characters."""
    m = _AREA.search(normalise(unit.title))
    if not m:
        return ""
    name = re.sub(r"^(?:依托|支持|推动|打造|推进|深化|实施|推广)+", "", m.group(1))
    return name[:2]


@cache
def area_hosts() -> dict[str, frozenset[str]]:
    """An area's first two characters → the districts it lies in (graph/data/areas.json)."""
    data = json.loads(resources.files("policykg.graph.build").joinpath("data/areas.json").read_text("utf-8"))
    hosts: dict[str, set[str]] = {}
    for area in data["areas"]:
        hosts.setdefault(normalise(area["name"])[:2], set()).update(area["districts"])
    return {k: frozenset(v) for k, v in hosts.items()}


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
        elif pairs and method != "reuse" and plan_df and all(_boilerplate(e.text, plan_df, p.boilerplate_df) for e in pairs):
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
    return _limit_fan_out(_own_evidence(sorted(out, key=lambda x: -x.score), plan_df or Counter(), p), p)


def _own_evidence(links: list[Implements], plan_df: Counter[str], p: Thresholds = DEFAULT) -> list[Implements]:
    """An item that restates one source keeps its further sources only where they stand on their own wording.

    A short item that copies one municipal measure also shares a clause or two with its neighbours
    (、生态环境等领域, 重点领域信用, ，进一步提升): counted as links, those spread one item over three measures.
    A further source stays when its evidence holds wording that no other measure of the plan carries
    (a 4-gram of the plan found in that measure only); otherwise it becomes a low-confidence lead.
    On the seven keyed districts this removed 9 wrong links and no right one (P 0.922 → 0.955, R 0.911).
    """
    best = max((x.reuse for x in links if x.confidence != "low"), default=0.0)
    if best < p.restated:
        return links
    out = []
    for x in links:
        if x.confidence == "low" or x.reuse >= best or max((_distinct(e.text, plan_df) for e in x.evidence), default=0) >= p.own_distinct:
            out.append(x)
        else:
            score = METHOD_PRIOR["possible"]
            out.append(replace(x, score=score, confidence=band(score), method=x.method + "+no_own_evidence"))
    return out


def _boilerplate(text: str, plan_df: Counter[str], common: int = DEFAULT.boilerplate_df) -> bool:
    """Wording every part of which many measures of the plan say (优化营商环境 in a plan about the business environment)."""
    t = normalise(text)
    grams = [t[k : k + 4] for k in range(len(t) - 3)]
    return bool(grams) and all(plan_df.get(g, 0) >= common for g in grams)


def _distinct(text: str, plan_df: Counter[str]) -> int:
    """Chinese characters of ``text`` covered by 4-grams that at most one measure of the plan has."""
    t = normalise(text)
    covered = [False] * len(t)
    for k in range(len(t) - 3):
        if plan_df.get(t[k : k + 4], 0) <= 1:
            covered[k : k + 4] = [True] * 4
    return sum(1 for k, c in enumerate(covered) if c and "\u4e00" <= t[k] <= "\u9fff")


def _limit_fan_out(links: list[Implements], p: Thresholds = DEFAULT) -> list[Implements]:
    """Beyond the best four sources, a link stays only with its own evidence: a run of 12 shared characters, or its
    heading named in a list of headings (对标…指标（市场准入退出、获取经营场所、…）). Others become low-confidence leads."""
    out, kept = [], 0
    for link in links:
        if link.confidence == "low":
            out.append(link)
            continue
        own = "heading_named" in link.method or max((e.source_end - e.source_start for e in link.evidence), default=0) >= p.own_evidence
        if kept < p.max_sources or own:
            kept += 1
            out.append(link)
        else:
            score = round(min(link.score, MEDIUM - 0.01), 3)
            out.append(replace(link, score=score, confidence=band(score), method=link.method + "+beyond_best_four"))
    return out


# Share of correct links per decision rule on the development key, smoothed as (correct + 1) / (all + 2):
# reuse 51/51, heading named in a list 10/10 (after the enumeration rule), best by margin 8/10,
# area named 2/2, cosine 1/1, best of a group 2/2, close to the best 3/3, a shared run 1/1; "possible" links are the
# best parent candidate that no rule accepted, shown for exploration only.
METHOD_PRIOR = {
    "reuse": 0.98, "heading_named": 0.92, "best_by_margin": 0.75, "area_named": 0.75, "cosine": 0.67,
    "best_of_group": 0.75, "close_to_best": 0.8, "possible": 0.3, "shared_run": 0.67, "close_to_best+no_own_evidence": 0.3,
}


def calibrated(cos: float, reuse: float, method: str) -> float:
    """Estimated probability that the link is right: the rule's measured precision, raised by strong reuse."""
    prior = METHOD_PRIOR.get(method, 0.5)
    if method in ("possible", "close_to_best+no_own_evidence") or method.endswith("+boilerplate_only"):
        return prior
    return float(min(0.99, max(prior, 0.6 + reuse)))


def band(score: float) -> Confidence:
    return "high" if score >= HIGH else ("medium" if score >= MEDIUM else "low")


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


@lru_cache(maxsize=4096)
def _matcher(b: str) -> SequenceMatcher[str]:
    return SequenceMatcher(None, "", b, autojunk=False)


def longest_common_run(a: str, b: str) -> tuple[int, int, int]:
    """(start in a, start in b, length) of the longest run both texts share. A municipal measure meets many district
    measures, so its side of the matcher (an index of where each character occurs) is built once and kept."""
    m = _matcher(b)
    m.set_seq1(a)
    found = m.find_longest_match(0, len(a), 0, len(b))
    return found.a, found.b, found.size


def evidence(u: Unit, t: Unit, limit: int = 3, min_len: int = 6) -> list[EvidenceSpan]:
    """The longest runs of wording both texts share, in source order, with their lines on each side."""
    a, b = u.text, t.text
    # equal blocks of an LCS alignment (rapidfuzz, in C++): the wording both sides share, in order
    blocks = [(op.src_start, op.dest_start, op.src_end - op.src_start) for op in Indel.opcodes(a, b) if op.tag == "equal"]
    def informative(x: tuple[int, int, int]) -> bool:
        text = re.sub(r"[\W_]", "", a[x[0] : x[0] + x[2]])
        return len(text) >= min_len - 1 and not re.search(r"(责任|牵头|配合)(单位|部门)", text)

    # the alignment can split the longest run both texts share (to match more characters elsewhere); keep it whole
    run = longest_common_run(a, b)
    if run[2] >= min_len:
        blocks = [run] + [x for x in blocks if x[0] + x[2] <= run[0] or x[0] >= run[0] + run[2]]
    blocks = sorted((x for x in blocks if x[2] >= min_len and informative(x)), key=lambda x: -x[2])[:limit]
    out = []
    for sa, sb, size in sorted(blocks):
        line_a = u.measure.line_of(sa) if u.measure else u.span.line_start
        line_b = t.measure.line_of(sb) if t.measure else t.span.line_start
        out.append(EvidenceSpan(sa, sa + size, line_a, sb, sb + size, line_b, a[sa : sa + size]))
    return out


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
