"""The shape every store has: load the policy graph, answer a query, close.

RDF (Oxigraph), the embedded property graph (LadybugDB) and Neo4j implement
it; `policykg build` loads each configured store through it and saved queries
run through it, so a new store is one module with these three methods.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
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
