"""The policy graph: every record of one build, frozen, with the lookups every reader needs.

Kept apart from :mod:`policykg.graph.build.pipeline` (which makes it) so that backends,
queries and views depend on the model only. The indexes are computed once, on
first use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from policykg.ontology.records import (
    Agency,
    DocLink,
    Document,
    Implements,
    IssuedBy,
    Jurisdiction,
    Measure,
    OwnedBy,
    Problem,
    Section,
    SharedText,
    SourceFile,
    Task,
)

Unit = Measure | Section
G = TypeVar("G")


@dataclass(frozen=True)
class PolicyGraph:
    documents: tuple[Document, ...] = ()
    problems: tuple[Problem, ...] = ()
    files: tuple[SourceFile, ...] = ()
    agencies: tuple[Agency, ...] = ()
    owned_by: tuple[OwnedBy, ...] = ()
    issued_by: tuple[IssuedBy, ...] = ()
    cited_only: tuple[Document, ...] = ()
    doc_links: tuple[DocLink, ...] = ()
    implements: tuple[Implements, ...] = ()
    gaps: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    shared_text: tuple[SharedText, ...] = ()  # aligned pairs that cannot be implements (the parent is later)
    jurisdictions: tuple[Jurisdiction, ...] = ()  # the places of the documents and agencies, and what they lie in

    def all_documents(self) -> tuple[Document, ...]:
        return self.documents + self.cited_only

    @cached_property
    def _files_by_name(self) -> dict[str, SourceFile]:
        return {f.name: f for f in self.files}

    def locate(self, file: str, line_start: int, line_end: int) -> str:
        """A span as a reader of the original file finds it (page of a PDF, paragraph of a Word file)."""
        known = self._files_by_name.get(file)
        return (known or SourceFile(file)).locate(line_start, line_end)

    @cached_property
    def _documents_by_key(self) -> dict[str, Document]:
        return {d.key: d for d in self.all_documents()}

    @cached_property
    def units(self) -> dict[str, tuple[Document, Unit]]:
        """Every section and measure by key, with its document."""
        out: dict[str, tuple[Document, Unit]] = {}
        for d in self.documents:
            units: list[Unit] = [*d.sections, *d.measures]
            for unit in units:
                out[unit.key] = (d, unit)
        return out

    @cached_property
    def _agencies_by_key(self) -> dict[str, Agency]:
        return {a.key: a for a in self.agencies}

    @cached_property
    def _implements_from(self) -> dict[str, tuple[Implements, ...]]:
        return _group(self.implements, lambda i: i.source)

    @cached_property
    def _implements_to(self) -> dict[str, tuple[Implements, ...]]:
        return _group(self.implements, lambda i: i.target)

    def agency(self, key: str) -> Agency | None:
        return self._agencies_by_key.get(key)

    def unit(self, key: str) -> Unit | None:
        """A measure or section by key."""
        found = self.units.get(key)
        return found[1] if found else None

    def document_of(self, unit_key: str) -> Document | None:
        found = self.units.get(unit_key)
        return found[0] if found else None

    def unit_kind(self, key: str) -> str:
        """"measure", "section" or "task" (the IRI segment of a unit)."""
        if key in self.tasks:
            return "task"
        return "section" if isinstance(self.unit(key), Section) else "measure"

    @cached_property
    def tasks(self) -> dict[str, tuple[Document, Task]]:
        """Every annex task by key, with its document."""
        return {t.key: (d, t) for d in self.documents for t in d.tasks}

    @cached_property
    def _tasks_by_measure(self) -> dict[str, tuple[Task, ...]]:
        return _group([t for _, t in self.tasks.values()], lambda t: t.measure)

    @cached_property
    def _owned_by_unit(self) -> dict[str, tuple[OwnedBy, ...]]:
        return _group(self.owned_by, lambda o: o.measure)

    def owners_of(self, unit: str) -> tuple[OwnedBy, ...]:
        """The owned-by edges of a measure or task (resolved agencies with their roles)."""
        return self._owned_by_unit.get(unit, ())

    def tasks_of(self, measure: str) -> tuple[Task, ...]:
        """The annex tasks that detail a measure."""
        return self._tasks_by_measure.get(measure, ())

    def implements_from(self, source: str) -> tuple[Implements, ...]:
        return self._implements_from.get(source, ())

    def implements_to(self, target: str) -> tuple[Implements, ...]:
        return self._implements_to.get(target, ())

    def get(self, ref: str) -> Document | None:
        """A document by key or by 文号 (any bracket style)."""
        found = self._documents_by_key.get(ref)
        if found is not None:
            return found
        wanted = _number_form(ref)
        return next((d for d in self.all_documents() if d.doc_number is not None and _number_form(str(d.doc_number)) == wanted), None)


def _number_form(text: str) -> str:
    """A 文号 compared whatever brackets and spaces it is written with (沪府办规[2023]1号 = 沪府办规〔2023〕1号).

    >>> _number_form("沪府办规 [2023] 1号") == _number_form("沪府办规〔2023〕1号")
    True
    """
    return re.sub(r"\s", "", text).translate(str.maketrans("[(（【﹝]）)】﹞０１２３４５６７８９", "〔〔〔〔〔〕〕〕〕〕0123456789"))


def _group(links: Iterable[G], by: Callable[[G], str]) -> dict[str, tuple[G, ...]]:
    out: dict[str, list[G]] = {}
    for link in links:
        out.setdefault(by(link), []).append(link)
    return {k: tuple(v) for k, v in out.items()}


def summary_rows(graph: PolicyGraph) -> list[dict[str, object]]:
    return [
        {
            "key": d.key,
            "title": d.title,
            "measures": len(d.measures),
            "sections": len(d.sections),
            "owner_mentions": sum(len(m.owners) for m in d.measures),
            "citations": len(d.citations),
        }
        for d in graph.documents
    ]
