"""The shape every store has: load the policy graph, answer a query, close; and what a store declares of itself.

RDF (Oxigraph), the embedded property graph (LadybugDB) and Neo4j implement
it. Each backend module declares a :class:`Store` named ``STORE``; the registry
(:mod:`policykg.graph.store.registry`) finds them, `policykg build` writes every
embedded one into the build folder and saved queries open them by name, so a
new store is one module with these three methods and its ``STORE``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from policykg.graph.store.model import PolicyGraph

Progress = Callable[[str, int], None]  # (what, rows done in this step)
Result = tuple[list[str], list[list[Any]]]  # column names, rows


class Backend(Protocol):
    def load(self, graph: PolicyGraph, progress: Progress | None = None) -> int:
        """Write the graph (idempotently); returns the number of triples or rows written."""
        ...

    def query(self, text: str, params: Mapping[str, Any] | None = None) -> Result:
        """Run a query in the store's language with parameters bound by the engine."""
        ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Store:
    """A store as the registry knows it."""

    name: str  # the engine users name (--engine sparql): the saved queries' runner and the CLI look it up by it
    language: str  # the language of its saved queries: "sparql" or "cypher"
    path: str  # its file or folder in a build folder, which every build writes; "" for a store on a server
    opener: Callable[[Path, bool], Backend]  # (its path in a build folder, read-only) → an open store
    about: str  # one line for help texts
    beside: tuple[str, ...] = ()  # files it writes next to its path in a build folder (a write-ahead log, a lock)

    @property
    def embedded(self) -> bool:
        return bool(self.path)


def plain(value: Any) -> Any:
    """A query result value as the engines agree on it: dates (Python's or Neo4j's) as ISO text, as SPARQL gives them.

    >>> import datetime
    >>> plain(datetime.date(2023, 12, 31)), plain([1, "a"]), plain(None)
    ('2023-12-31', [1, 'a'], None)
    """
    if hasattr(value, "iso_format"):  # neo4j.time.Date / DateTime
        return value.iso_format()
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()
    return value
