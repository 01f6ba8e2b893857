"""The built corpus: every record of one build, in memory.

Kept apart from :mod:`policykg.graph.build` so that readers of a build folder
(commands, queries, views) get the type without importing the alignment code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from policykg.ontology.records import Agency, DocLink, Document, Implements, IssuedBy, OwnedBy, Problem


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
