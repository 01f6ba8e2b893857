"""Document links: citations resolved, cited-only parents, derived-from, cites, forwards, part-of.

A citation resolves to a corpus document by 文号 (issuer code included: the
serial 〔2023〕2号 is used by many issuers) or by fuzzy title (上海/上海市,
dropped or reordered words, quotes and spaces tolerated). A citation that
matches nothing becomes one cited-only document, shared by every variant
spelling of the same absent parent. A cue phrase before a citation in the
preamble (根据, 落实, 对照, 贯彻, 按照, 依据 …) makes a derived-from edge;
without one, heavy text reuse of a municipal plan makes an inferred one (graph/build/reuse.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import cache, lru_cache

import numpy as np
from rapidfuzz import fuzz

from policykg.graph.build.params import DEFAULT
from policykg.loaders.jurisdiction import all_districts, place, provinces
from policykg.loaders.normalise import normalise
from policykg.loaders.title import DOC_TYPES
from policykg.ontology.keys import compendium_key, doc_key, notice_key
from policykg.ontology.records import Citation, DocLink, Document, LinkType, Provenance, SourceRef, Span

TITLE_MATCH = DEFAULT.title_match  # rapidfuzz ratio on normalised titles; see resolve_title


DERIVING_CUES = ("根据", "落实", "对照", "贯彻", "按照", "依据", "贯彻落实", "依照", "参照", "遵照")


PREAMBLE_RULES = ("citation_preamble", "citation_notice", "citation_purpose")


_GENERIC = re.compile(r"[“”\"'‘’《》〈〉<>（）()\[\]【】、，,。·\s—-]")


_YEAR_RANGE = re.compile(
    r"[（(]?(?:19|20)\d\d\s*(?:[—\-–~至]+\s*(?:19|20)?\d\d\s*)?年?(?:版|度)?[）)]?$"  # a closing year: (2026年), （2023-2025年）
    r"|（?\(?(?:19|20)\d\d\s*[—\-–~至]+\s*(?:19|20)?\d\d\s*年?\)?）?"
)


def title_key(title: str) -> str:
    """A title normalised for matching: no punctuation, no 上海市/上海 prefix, no 关于印发…的通知 wrapper.

    >>> title_key("上海加强集成创新持续优化营商环境行动方案") == title_key("《上海市加强集成创新持续优化营商环境行动方案》")
    True
    >>> title_key("关于印发<2023 年上海公安政务公开工作要点>的通知")
    '2023年公安政务公开工作要点'
    """
    t = normalise(title)
    inner = re.match(r"^.*?(?:关于)?(?:印发|转发|发布)[<《〈\"“]?(.+?)[>》〉\"”]?的通知$", t)
    if inner:
        t = inner.group(1)
    t = _GENERIC.sub("", t)
    for p in provinces():
        for name in (p.name, *p.short):
            t = t.replace(name, "") if t.startswith(name) or name in t[:8] else t
    return t


@cache
def _distinguishing_words() -> tuple[str, ...]:
    """Words whose presence on one side only means two titles name different documents:
    places (黄浦 vs 金山) and bodies (公安, 药品监督管理局 …)."""
    import json
    from importlib import resources

    words = {d.short for d in all_districts()} | {d.name for d in all_districts()}
    data = json.loads(resources.files("policykg.graph.build").joinpath("data/agencies.json").read_text("utf-8"))
    for a in data["agencies"]:
        for w in [a["canonical"], *a["aliases"]]:
            if len(w) >= 2 and w not in ("政府", "人民政府", "委办公室"):
                words.add(w)
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=65536)
def _places(title: str) -> frozenset[frozenset[str]]:
    """The divisions a title names (上海市 itself left out: title keys drop it)."""
    from policykg.loaders.gazetteer import mentioned

    return frozenset(frozenset(d.code for d in ds) for ds in mentioned(title) if not any(d.code == "310000" for d in ds))


def titles_conflict(a: str, b: str) -> bool:
    """Do two similar title keys differ by a year, a place or a body? Then they are different documents.

    >>> titles_conflict("2023年公安政务公开工作要点", "2023年政务公开工作要点")
    True
    >>> titles_conflict("2023年黄浦区优化营商环境工作方案", "2024年黄浦区优化营商环境工作方案")
    True
    >>> titles_conflict("加强集成创新持续优化营商环境行动方案", "加强集成创新优化营商环境行动方案")
    False
    >>> titles_conflict("南岸区营商环境优化提升工作方案", "重庆市营商环境优化提升工作方案")
    True
    """
    if _places(a) != _places(b):
        return True  # 南岸区…方案 vs 重庆市…方案: different places anywhere in China
    diff = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            diff += [a[i1:i2], b[j1:j2]]
    for seg in diff:
        if re.search(r"\d", seg):
            return True
    joined_a, joined_b = a, b
    for w in _distinguishing_words():
        if (w in joined_a) != (w in joined_b) and any(w in seg or seg in w and len(seg) >= 2 for seg in diff if seg):
            return True
    return False


def is_policy_title(title: str) -> bool:
    """A cited 《title》 that names a policy document (not a form, certificate or report template).

    >>> [is_policy_title(t) for t in ["上海市营商环境行动方案(2026年)", "上海市公共卫生体系建设三年行动计划（2023-2025年）", "入境货物检验检疫证明"]]
    [True, True, False]
    >>> is_policy_title("苏州市优化营商环境创新行动2023")  # a plan named as an action, with its year
    True
    """
    t = re.sub(r"[>》〉）)\s]+$", "", title)
    t = _YEAR_RANGE.sub("", t).strip()
    return len(t) >= 6 and (t.endswith(DOC_TYPES) or t.endswith(("条例", "法", "纲要", "规范", "协定", "目录", "标准", "行动")))


@dataclass
class Resolution:
    target: str | None  # document key, None when unresolved
    rule: str  # doc_number | title_exact | title_fuzzy | none
    score: float


@dataclass
class LinkIndex:
    by_number: dict[str, str] = field(default_factory=dict)
    by_title: dict[str, list[str]] = field(default_factory=dict)  # title key → documents with that title, in input order
    titles: list[tuple[str, str]] = field(default_factory=list)  # (distinct title key, a document key)
    numbers: dict[str, str] = field(default_factory=dict)  # document key → 文号
    dates: dict[str, str] = field(default_factory=dict)  # document key → signing date
    _spaced: list[str] = field(default_factory=list)  # the title keys with spaces between characters (token_sort)
    _fuzzy: dict[str, tuple[str | None, float]] = field(default_factory=dict)  # title key → best fuzzy match, score

    @classmethod
    def of(cls, documents: list[Document]) -> LinkIndex:
        index = cls()
        for d in documents:
            if d.doc_number is not None:
                index.by_number[str(d.doc_number)] = d.key
                index.numbers[d.key] = str(d.doc_number)
            if d.date:
                index.dates[d.key] = d.date
            k = title_key(d.title)
            if k:
                if k not in index.by_title:
                    index.titles.append((k, d.key))
                index.by_title.setdefault(k, []).append(d.key)
        return index

    def resolve(self, citation: Citation, citing: Document | None = None) -> Resolution:
        if citation.doc_number is not None:
            key = self.by_number.get(str(citation.doc_number))
            if key is not None:
                return Resolution(key, "doc_number", 1.0)
        r = self.resolve_title(citation.title, citing)
        if r.target is not None and citation.doc_number is not None and self.numbers.get(r.target, str(citation.doc_number)) != str(citation.doc_number):
            # the title looks alike but the 文号 says it is another document
            return Resolution(None, "none", r.score)
        return r

    def _pick(self, title: str, citing: Document | None) -> str:
        """Of documents sharing a title (a plan re-issued each year), the one a citation means.

        The citing document itself (a notice naming its own plan); else the latest signed
        on or before it, as a plan cites the version in force; else the first read.
        """
        keys = self.by_title[title]
        if citing is None or len(keys) == 1:
            return keys[0]
        if citing.key in keys:
            return citing.key
        before = [k for k in keys if citing.date and self.dates.get(k, "") <= citing.date]
        return max(before, key=lambda k: self.dates.get(k, "")) if before else keys[0]

    def resolve_title(self, title: str, citing: Document | None = None) -> Resolution:
        k = title_key(title)
        if not k:
            return Resolution(None, "none", 0.0)
        if k in self.by_title:
            return Resolution(self._pick(k, citing), "title_exact", 1.0)
        self.match_fuzzy([k])  # cached: an absent parent cited by many documents is matched once
        best, score = self._fuzzy[k]
        return Resolution(None if best is None else self._pick(best, citing), "none" if best is None else "title_fuzzy", score)

    def match_fuzzy(self, wanted: list[str]) -> None:
        """Best fuzzy match of each title key, all at once (one score matrix computed in C++ on every core)."""
        from rapidfuzz import process

        todo = [k for k in dict.fromkeys(wanted) if k and k not in self._fuzzy and k not in self.by_title]
        if not todo:
            return  # all cached: called once per citation, so nothing here may grow with the corpus
        keys = [tk for tk, _ in self.titles]
        if not keys:
            self._fuzzy.update({k: (None, 0.0) for k in todo})
            return
        if len(self._spaced) != len(keys):
            self._spaced = [" ".join(tk) for tk in keys]
        # ratio tolerates dropped words; token_sort over characters tolerates reordering
        scores = np.maximum(process.cdist(todo, keys, scorer=fuzz.ratio, workers=-1),
                            process.cdist([" ".join(k) for k in todo], self._spaced, scorer=fuzz.token_sort_ratio, workers=-1))
        for k, row in zip(todo, scores, strict=True):
            self._fuzzy[k] = None, round(float(row.max()) / 100, 3)
            for i in np.flatnonzero(row >= TITLE_MATCH)[np.argsort(-row[row >= TITLE_MATCH], kind="stable")]:
                if not titles_conflict(k, keys[i]):  # best first; among equals, the first read
                    self._fuzzy[k] = keys[i], round(float(row[i]) / 100, 3)
                    break


def absolute_issuer(written: str, citing: Document) -> str:
    """A body written before 《》 relative to the citing document (省政府 of a 杭州 plan is 浙江省's) made absolute.

    >>> from policykg.ontology.records import Document
    >>> d = Document("k", "t", None, (), None, "municipal", "杭州市", (), jurisdiction_path=("浙江省", "杭州市"))
    >>> absolute_issuer("省政府", d), absolute_issuer("市委、市政府", d), absolute_issuer("国务院", d)
    ('浙江省政府', '杭州市委、市政府', '国务院')
    >>> d = Document("k", "t", None, (), None, "district", "金山区", (), jurisdiction_path=("上海市", "金山区"))
    >>> absolute_issuer("区政府办公室", d), absolute_issuer("市政府", d), absolute_issuer("县政府", d)
    ('金山区政府办公室', '上海市政府', '县政府')
    """
    path = citing.jurisdiction_path
    if not path or written[0] not in "省市区县":
        return written
    province, city = path[0], (path[0] if path[0].endswith("市") else path[1] if len(path) > 1 else "")
    local = path[-1] if len(path) > 1 and path[-1] not in (province, city) else ""
    place = {"省": province, "市": city}.get(written[0], local)
    return place + written[1:] if place and place.endswith(written[0]) else written


def cited_only_document(citations: list[tuple[Document, Citation]]) -> Document:
    """One node for an absent parent, from every citation that names it."""
    numbered = [c for _, c in citations if c.doc_number is not None]
    first = numbered[0] if numbered else citations[0][1]
    title = max((c.title for _, c in citations), key=lambda t: (len(title_key(t)), t))
    inner = re.match(r"^.*?(?:关于)?(?:印发|转发|发布)[<《〈](.+?)[>》〉]的通知$", title)
    plain_title = inner.group(1) if inner else title
    number = first.doc_number
    issuers = sorted({absolute_issuer(c.issuer, d) for d, c in citations if c.issuer})  # 国务院《…》, 省政府《…》
    where, _ = place(issuers, number, plain_title)  # None when neither issuer, 文号 nor title names a place
    key = doc_key(number, title_key(plain_title))
    sources = tuple(
        sorted({SourceRef(c.provenance.span.file, c.provenance.span.line_start, c.provenance.span.line_end) for _, c in citations},
               key=lambda s: (s.file, s.line_start))
    )
    notes = ("cited only: not in the corpus",) + (
        (f"variant titles: {' / '.join(sorted({c.title for _, c in citations}))}",) if len({c.title for _, c in citations}) > 1 else ()
    )
    return Document(
        key=key, title=plain_title, doc_number=number, issuers=(), date=None, level=where.level if where else None,
        jurisdiction=where.jurisdiction if where else None, sources=sources, notes=notes, cited_only=True,
        jurisdiction_path=where.path if where else (), jurisdiction_code=where.code if where else "",
    )


def link_documents(documents: list[Document]) -> tuple[list[Document], list[DocLink]]:
    """Resolve every citation; return cited-only documents and the document links."""
    index = LinkIndex.of(documents)
    index.match_fuzzy([title_key(c.title) for d in documents for c in d.citations
                       if c.doc_number is None or str(c.doc_number) not in index.by_number])
    links: list[DocLink] = []
    absent: dict[str, list[tuple[Document, Citation]]] = {}
    absent_titles = _AbsentTitles()
    resolved: list[tuple[Document, Citation, str, Resolution]] = []
    for d in documents:
        for c in d.citations:
            r = index.resolve(c, d)
            if r.target == d.key:
                continue  # the document naming itself (its notice, its own preamble)
            if r.target is not None:
                resolved.append((d, c, r.target, r))
                continue
            if not is_policy_title(c.title):
                continue
            group = _absent_group(c, absent_titles, absent)
            absent.setdefault(group, []).append((d, c))
    cited_only = {g: cited_only_document(cs) for g, cs in absent.items()}
    merged: dict[str, Document] = {}
    for doc in cited_only.values():
        if doc.key in merged:
            sources = sorted(set(merged[doc.key].sources) | set(doc.sources), key=lambda s: (s.file, s.line_start))
            merged[doc.key] = replace(merged[doc.key], sources=tuple(sources))
        else:
            merged[doc.key] = doc
    for g, cs in absent.items():
        target = cited_only[g].key
        for d, c in cs:
            resolved.append((d, c, target, Resolution(target, "cited_only", 1.0)))
    seen: set[tuple[str, str, str, int]] = set()
    for d, c, target, r in resolved:
        derived = c.cue in DERIVING_CUES and c.provenance.rule in PREAMBLE_RULES
        kind: LinkType = "derived_from" if derived else "cites"
        key = (d.key, target, kind, c.provenance.span.line_start)
        if key in seen:
            continue
        seen.add(key)
        links.append(
            DocLink(
                source=d.key, target=target, type=kind, rule=f"{r.rule}" + (f";cue:{c.cue}" if derived else ""),
                score=r.score, provenance=c.provenance, cue=c.cue if derived else "", citation=c.title,
                evidence=c.context,
            )
        )
    return sorted(merged.values(), key=lambda x: x.key), links


@dataclass
class _AbsentTitles:
    """Title keys of absent parents seen so far, each with its group, in first-seen order."""

    keys: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    seen: set[tuple[str, str]] = field(default_factory=set)

    def add(self, key: str, group: str) -> None:
        if (key, group) not in self.seen:
            self.seen.add((key, group))
            self.keys.append(key)
            self.groups.append(group)

    def relabel(self, old: str, new: str) -> None:
        self.groups = [new if g == old else g for g in self.groups]
        self.seen = set(zip(self.keys, self.groups, strict=True))

    def matching(self, key: str) -> list[int]:
        """Indexes of the keys that match ``key`` (rapidfuzz ratio ≥ TITLE_MATCH), best first."""
        from rapidfuzz import process

        found = process.extract(key, self.keys, scorer=fuzz.ratio, score_cutoff=TITLE_MATCH, limit=None)
        return [i for _, _, i in sorted(found, key=lambda x: (-x[1], x[2]))]


def _absent_group(c: Citation, titles: _AbsentTitles, groups: dict[str, list[tuple[Document, Citation]]]) -> str:
    """Variant spellings of one absent parent share a group: same 文号, or titles that match."""
    k = title_key(c.title)
    if c.doc_number is not None:
        g = "n:" + str(c.doc_number)
        for i in titles.matching(k):
            gid = titles.groups[i]
            if gid.startswith("t:"):
                # an earlier unnumbered mention of the same title joins the numbered group
                groups.setdefault(g, []).extend(groups.pop(gid, []))
                titles.relabel(gid, g)
        titles.add(k, g)
        return g
    best = titles.matching(k)
    if best:
        return titles.groups[best[0]]
    g = "t:" + k
    titles.add(k, g)
    return g


def structural_links(documents: list[Document]) -> list[DocLink]:
    """part_of (a compendium), forwards / issues (notice → plan) and same_document (one document, several files)."""
    links = []
    for d in documents:
        for s in d.sources:
            span = Span(s.file, s.line_start, s.line_end)
            if s.compendium_item is not None:
                links.append(DocLink(d.key, compendium_key(s.file), "part_of", f"compendium_item:{s.compendium_item}", 1.0,
                                     Provenance(span, "compendium_heading")))
            if s.wrapper is not None:
                relation: LinkType = "forwards" if s.wrapper.kind == "forwards" else "issues"
                links.append(DocLink(notice_key(d.key, s.file), d.key, relation, "notice_wrapper", 1.0, s.wrapper.provenance, citation=s.wrapper.title))
        if len(d.sources) > 1 and not d.cited_only:
            first = d.sources[0]
            for other in d.sources[1:]:
                links.append(
                    DocLink(d.key, d.key, "same_document", "same_doc_number", 1.0,
                            Provenance(Span(other.file, other.line_start, other.line_end), "duplicate_merged"),
                            evidence=f"{first.file}:{first.line_start}-{first.line_end} = {other.file}:{other.line_start}-{other.line_end}")
                )
    return links
