"""Build the corpus: load every file, merge documents found in several files, write outputs.

Outputs are written with sorted keys and no timestamps, so the same corpus
always gives byte-identical files.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from policykg.graph.agencies import Registry, link_issuers, link_owners
from policykg.graph.align import align, find_gaps
from policykg.graph.links import infer_derivations, link_documents, structural_links
from policykg.graph.series import find_series
from policykg.loaders import load_corpus
from policykg.loaders.plaintext import LoadResult
from policykg.ontology.records import Agency, DocLink, Document, Implements, IssuedBy, OwnedBy, Problem, to_plain

OUTPUT_FILES = ("documents.json", "agencies.json", "links.json", "report.json")


@dataclass
class Corpus:
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    owned_by: list[OwnedBy] = field(default_factory=list)
    issued_by: list[IssuedBy] = field(default_factory=list)
    cited_only: list[Document] = field(default_factory=list)
    doc_links: list[DocLink] = field(default_factory=list)
    implements: list[Implements] = field(default_factory=list)
    gaps: dict[str, list[str]] = field(default_factory=dict)

    def all_documents(self) -> list[Document]:
        return self.documents + self.cited_only

    def agency(self, key: str) -> Agency | None:
        return self._agency_index().get(key)

    def _agency_index(self) -> dict[str, Agency]:
        if not hasattr(self, "_agencies_by_key"):
            self._agencies_by_key = {a.key: a for a in self.agencies}
        return self._agencies_by_key

    def get(self, ref: str) -> Document | None:
        """A document by key or by 文号 (any bracket style)."""
        from policykg.loaders.docnumber import parse_doc_number

        for d in self.all_documents():
            if d.key == ref:
                return d
        number = parse_doc_number(ref)
        if number is not None:
            for d in self.all_documents():
                if d.doc_number is not None and str(d.doc_number) == str(number):
                    return d
        return None


def build_corpus(folder: Path, progress: Callable[[Path, LoadResult], None] | None = None) -> Corpus:
    corpus = Corpus()
    loaded: list[Document] = []
    for path, result in load_corpus(folder, progress):
        corpus.files.append(path.name)
        loaded += result.documents
        corpus.problems += result.problems
    corpus.documents = merge_duplicates(loaded, corpus.problems)
    link_agencies(corpus)
    link_document_layer(corpus)
    parents: dict[str, list[str]] = {}
    for l in corpus.doc_links:
        if l.type == "derived_from":
            parents.setdefault(l.source, []).append(l.target)
    corpus.implements = align(corpus.documents, parents)
    corpus.gaps = find_gaps(corpus.documents, corpus.implements, parents)
    return corpus


def link_document_layer(corpus: Corpus) -> None:
    """Citations resolved, cited-only parents, derived-from (cited and inferred), series, structure."""
    cited_only, links = link_documents(corpus.documents)
    links += infer_derivations(corpus.documents, links)
    links += find_series(corpus.documents)
    links += structural_links(corpus.documents)
    corpus.cited_only = cited_only
    corpus.doc_links = sorted(_dedupe(links), key=lambda l: (l.source, l.type, l.target, l.provenance.span.file, l.provenance.span.line_start))


def _dedupe(links: list[DocLink]) -> list[DocLink]:
    """One derived_from / follows / cites edge per document pair (the earliest mention keeps its provenance)."""
    out: dict[tuple[str, str, str], DocLink] = {}
    rest = []
    for l in sorted(links, key=lambda l: (l.provenance.span.file, l.provenance.span.line_start)):
        if l.type in ("derived_from", "follows", "cites"):
            out.setdefault((l.source, l.target, l.type), l)
        else:
            rest.append(l)
    cited = {(s, t) for s, t, k in out if k == "derived_from"}
    kept = [l for (s, t, k), l in out.items() if not (k == "cites" and (s, t) in cited)]
    return kept + rest


def link_agencies(corpus: Corpus) -> None:
    """Resolve every owner and issuer to a jurisdiction-scoped agency (graph.agencies)."""
    registry = Registry()
    for d in corpus.documents:
        corpus.owned_by += link_owners(d, registry)
        corpus.issued_by += link_issuers(d, registry)
    corpus.agencies = registry.finish()
    for a in corpus.agencies:
        if a.unresolved:
            corpus.problems.append(Problem("", "warning", f"unresolved owner {a.name} ({', '.join(a.aliases)}): {a.reason}"))


def merge_duplicates(documents: list[Document], problems: list[Problem]) -> list[Document]:
    """One Document per key; the copy with most measures is kept, every source is recorded."""
    by_key: dict[str, list[Document]] = {}
    for d in documents:
        by_key.setdefault(d.key, []).append(d)
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


def write_outputs(corpus: Corpus, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    docs = [to_plain(d) for d in corpus.all_documents()]
    report = {
        "files": corpus.files,
        "problems": [to_plain(p) for p in corpus.problems],
        "summary": summary_rows(corpus),
        "agencies": len(corpus.agencies),
        "unresolved_agencies": sum(1 for a in corpus.agencies if a.unresolved),
    }
    links = {
        "owned_by": [to_plain(x) for x in corpus.owned_by],
        "issued_by": [to_plain(x) for x in corpus.issued_by],
        "documents": [to_plain(x) for x in corpus.doc_links],
        "implements": [to_plain(x) for x in corpus.implements],
        "gaps": corpus.gaps,
    }
    agencies = [to_plain(a) for a in corpus.agencies]
    paths = []
    for name, payload in (("documents.json", docs), ("agencies.json", agencies), ("links.json", links), ("report.json", report)):
        p = out / name
        p.write_text(json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=1) + "\n", encoding="utf-8")
        paths.append(p)
    return paths


def summary_rows(corpus: Corpus) -> list[dict[str, object]]:
    return [
        {
            "key": d.key,
            "title": d.title,
            "measures": len(d.measures),
            "sections": len(d.sections),
            "owner_mentions": sum(len(m.owners) for m in d.measures),
            "citations": len(d.citations),
        }
        for d in corpus.documents
    ]
