"""Build the corpus: load every file, merge documents found in several files, link and align them.

The only place raw documents are read; everything downstream opens the build
folder that :mod:`policykg.graph.store.outputs` writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from policykg.graph.build.agencies import Registry, link_issuers, link_owners
from policykg.graph.build.align import align, find_gaps
from policykg.graph.build.links import link_documents, structural_links
from policykg.graph.build.params import DEFAULT, Thresholds
from policykg.graph.build.places import jurisdictions, with_jurisdiction_keys
from policykg.graph.build.reuse import infer_derivations
from policykg.graph.build.series import find_series
from policykg.graph.store.model import PolicyGraph
from policykg.loaders import Cache, load_corpus, passed_over
from policykg.loaders.normalise import char_ngrams
from policykg.loaders.reader import LoadResult
from policykg.ontology.keys import node_key
from policykg.ontology.records import Agency, DocLink, Document, Implements, IssuedBy, OwnedBy, Problem, SharedText, SourceFile


def build_corpus(folder: Path, progress: Callable[[Path, LoadResult], None] | None = None,
                 say: Callable[[str], None] = lambda _message: None, cache: Cache | None = None,
                 reader: Callable[[list[Path]], Iterator[LoadResult]] | None = None, params: Thresholds = DEFAULT) -> PolicyGraph:
    """Read every file of a corpus folder (unchanged ones from ``cache``; the others with ``reader`` when given, as on
    a Dask cluster) and link what they hold into one graph, deciding by the thresholds ``params``."""
    files: list[SourceFile] = []
    loaded: list[Document] = []
    problems: list[Problem] = [Problem(name, "skipped", why) for name, why in passed_over(folder)]
    for _path, result in load_corpus(folder, progress, cache=cache, reader=reader):
        files.append(result.file)
        loaded += result.documents
        problems += result.problems
    documents = merge_duplicates(loaded, problems)
    say(f"linking agencies and documents ({len(documents)} documents) …")
    agencies, owned_by, issued_by = link_agencies(documents, problems)
    cited_only, doc_links = link_document_layer(documents, params)
    parents: dict[str, list[str]] = {}
    for dl in doc_links:
        if dl.type == "derived_from":
            parents.setdefault(dl.source, []).append(dl.target)
    say(f"aligning {sum(len(d.measures) for d in documents)} measures with their sources …")
    implements, shared_text = split_by_time(documents, align(documents, parents, params))
    gaps = find_gaps(documents, implements, parents)
    documents, cited_only = with_jurisdiction_keys(documents), with_jurisdiction_keys(cited_only)
    return PolicyGraph(
        documents=tuple(documents), problems=tuple(problems), files=tuple(files), agencies=tuple(agencies),
        owned_by=tuple(owned_by), issued_by=tuple(issued_by), cited_only=tuple(cited_only), doc_links=tuple(doc_links),
        implements=tuple(implements), gaps={k: tuple(v) for k, v in gaps.items()}, shared_text=tuple(shared_text),
        jurisdictions=jurisdictions(documents + cited_only, agencies),
    )


def _when(d: Document) -> tuple[str | None, int | None]:
    """A document's signing date, and its year (from the date, else the 文号)."""
    year = int(d.date[:4]) if d.date else (d.doc_number.year if d.doc_number else None)
    return d.date, year


def split_by_time(documents: list[Document], links: list[Implements]) -> tuple[list[Implements], list[SharedText]]:
    """No measure implements a document signed after its own: such pairs become undirected shared text.

    Dates are compared when both documents have one; otherwise plan years (from the date or the 文号).
    """
    doc_of: dict[str, Document] = {}
    for d in documents:
        doc_of.update({m.key: d for m in d.measures})
        doc_of.update({s.key: d for s in d.sections})
    kept: list[Implements] = []
    shared: list[SharedText] = []
    for link in links:
        a, b = doc_of.get(link.source), doc_of.get(link.target)
        if a is None or b is None:
            kept.append(link)
            continue
        (da, ya), (db, yb) = _when(a), _when(b)
        later = (da < db) if da and db else (ya is not None and yb is not None and ya < yb)
        if not later:
            kept.append(link)
            continue
        reason = f"{b.key} signed {db or yb} after {a.key} ({da or ya})"
        shared.append(SharedText(link.source, link.target, link.score, link.cosine, link.reuse, link.evidence,
                                 link.provenance, link.target_span, reason))
    return kept, shared


def link_document_layer(documents: list[Document], params: Thresholds = DEFAULT) -> tuple[list[Document], list[DocLink]]:
    """Citations resolved, cited-only parents, derived-from (cited and inferred), series, structure."""
    cited_only, links = link_documents(documents)
    links += infer_derivations(documents, links, params)
    links += find_series(documents)
    links += structural_links(documents)
    return cited_only, sorted(_dedupe(links), key=lambda dl: (dl.source, dl.type, dl.target, dl.provenance.span.file, dl.provenance.span.line_start))


def _dedupe(links: list[DocLink]) -> list[DocLink]:
    """One derived_from / follows / cites edge per document pair (the earliest mention keeps its provenance)."""
    out: dict[tuple[str, str, str], DocLink] = {}
    rest = []
    for dl in sorted(links, key=lambda dl: (dl.provenance.span.file, dl.provenance.span.line_start)):
        if dl.type in ("derived_from", "follows", "cites"):
            out.setdefault((dl.source, dl.target, dl.type), dl)
        else:
            rest.append(dl)
    cited = {(s, t) for s, t, k in out if k == "derived_from"}
    kept = [dl for (s, t, k), dl in out.items() if not (k == "cites" and (s, t) in cited)]
    return kept + rest


def link_agencies(documents: list[Document], problems: list[Problem]) -> tuple[list[Agency], list[OwnedBy], list[IssuedBy]]:
    """Resolve every owner and issuer to a jurisdiction-scoped agency (graph.agencies); unresolved ones are noted."""
    registry = Registry()
    owned_by: list[OwnedBy] = []
    issued_by: list[IssuedBy] = []
    for d in documents:
        owned_by += link_owners(d, registry)
        issued_by += link_issuers(d, registry)
    agencies = registry.finish()
    first_seen: dict[str, str] = {}
    for agency, provenance in [*((o.agency, o.provenance) for o in owned_by), *((i.agency, i.provenance) for i in issued_by)]:
        first_seen.setdefault(agency, f"{provenance.span.file}:{provenance.span.line_start}")
    for a in agencies:
        if a.unresolved:
            problems.append(Problem(first_seen.get(a.key, ""), "warning", f"unresolved owner {a.name} ({', '.join(a.aliases)}): {a.reason}"))
    return agencies, owned_by, issued_by


def _same_text(a: Document, b: Document) -> bool:
    """Whether two copies read as one document: most of the shorter one's measure wording is in the other."""
    ga = char_ngrams("".join(m.norm_text for m in a.measures), 4)
    gb = char_ngrams("".join(m.norm_text for m in b.measures), 4)
    if not ga or not gb:
        return True  # nothing to compare: the key (文号 or title) decides
    return len(ga & gb) / min(len(ga), len(gb)) >= 0.5


def rekey(d: Document, key: str) -> Document:
    """The same document under another key (its sections and measures follow)."""
    return replace(d, key=key, sections=tuple(replace(s, key=node_key(key, s.path)) for s in d.sections),
                   measures=tuple(replace(m, key=node_key(key, m.path)) for m in d.measures))


def merge_duplicates(documents: list[Document], problems: list[Problem]) -> list[Document]:
    """One Document per key; the copy with most measures is kept, every source is recorded.

    Copies merge only when their text agrees; a different document under the same key (two plans with the
    same title) keeps its own sources under the key with a suffix, and a warning says so.
    """
    by_key: dict[str, list[Document]] = {}
    for d in sorted(documents, key=lambda d: (d.sources[0].file, d.sources[0].line_start) if d.sources else ("", 0)):
        group = by_key.setdefault(d.key, [])
        if group and not _same_text(group[0], d):
            n = 2
            while f"{d.key}~{n}" in by_key:
                n += 1
            problems.append(Problem(d.sources[0].file if d.sources else "", "warning",
                                    f"{d.key}: another document under the same 文号 or title (text differs); kept apart as {d.key}~{n}"))
            d = rekey(d, f"{d.key}~{n}")
            group = by_key.setdefault(d.key, [])
        group.append(d)
    out = []
    for key in sorted(by_key):
        copies = by_key[key]
        if len(copies) == 1:
            out.append(copies[0])
            continue
        titles = {c.title for c in copies}
        primary = max(copies, key=lambda c: (len(c.measures), sum(len(m.owners) for m in c.measures), -len(c.notes)))
        sources = tuple(sorted({s for c in copies for s in c.sources}, key=lambda s: (s.file, s.line_start)))
        note = f"same document in {len(copies)} sources; measures read from {primary.sources[0].file}"
        if len(titles) > 1:
            note += f" (titles differ: {' / '.join(sorted(titles))})"
            problems.append(Problem(primary.sources[0].file, "warning", f"{key}: {note}"))
        out.append(replace(primary, sources=sources, notes=primary.notes + (note,)))
    return out


