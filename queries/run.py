"""Running saved queries on any store through the backend interface (Oxigraph, LadybugDB, Neo4j).

Parameters are typed after their declared defaults and bound by the engine:
SPARQL variables ``?param_<name>`` are substituted by Oxigraph (SEP-0007);
Cypher receives ``$<name>`` parameters. Text is never formatted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from policykg.queries.catalog import Query, get

if TYPE_CHECKING:
    from policykg.graph.backends.base import Backend, Result
    from policykg.graph.outputs import Build


def _is_date(text: str) -> bool:
    import datetime

    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def bind(q: Query, given: dict[str, Any]) -> dict[str, Any]:
    """Parameters typed after their defaults; unknown names are an error."""
    known = {p.name: p for p in q.params}
    unknown = set(given) - set(known)
    if unknown:
        raise ValueError(f"query {q.name!r} has no parameter {', '.join(sorted(unknown))}; it takes {', '.join(known) or 'none'}")
    out = {}
    for name, p in known.items():
        value = given.get(name, p.default)
        if isinstance(p.default, int) and not isinstance(value, int):
            try:
                value = int(value)
            except ValueError:
                raise ValueError(f"parameter {name} must be an integer, not {value!r}") from None
            if not -(2**63) <= value < 2**63:
                raise ValueError(f"parameter {name} is out of range: {value}")
        elif isinstance(p.default, float) and not isinstance(value, float):
            try:
                value = float(value)
            except ValueError:
                raise ValueError(f"parameter {name} must be a number, not {value!r}") from None
        elif isinstance(p.default, str):
            value = str(value)
            if name.endswith(("_after", "_before")) and value and not _is_date(value):
                raise ValueError(f"parameter {name} must be a date, YYYY-MM-DD, not {value!r}")
        out[name] = value
    return out


LANGUAGE = {"sparql": "sparql", "cypher": "cypher", "neo4j": "cypher"}


def run_saved(backend: Backend, name: str, engine: str, params: dict[str, Any]) -> Result:
    """A saved query on any store: its text in the engine's language, its parameters typed and bound by the store."""
    q = get(name, LANGUAGE.get(engine, engine))
    return backend.query(q.text, bind(q, params))


def open_backend(build: Build, engine: str) -> Backend:
    """The build's embedded store for an engine, read-only: "sparql" (Oxigraph) or "cypher" (LadybugDB)."""
    if engine == "sparql":
        from policykg.graph.backends.rdf import OxigraphBackend

        return OxigraphBackend(build.store, read_only=True)
    if engine == "cypher":
        from policykg.graph.backends.ladybug_db import LadybugBackend

        return LadybugBackend(build.cypher_db, read_only=True)
    raise ValueError(f"unknown engine {engine!r}: use sparql or cypher")


def run_on_build(build: Build, name: str, engine: str, params: dict[str, Any]) -> Result:
    """Columns and rows of a saved query on a build folder's embedded stores (no pandas: commands stay fast)."""
    get(name, LANGUAGE.get(engine, engine))  # an unknown query fails before a store is opened
    backend = open_backend(build, engine)
    try:
        return run_saved(backend, name, engine, params)
    finally:
        backend.close()
