"""Running saved queries on any store through the backend interface (Oxigraph, LadybugDB, Neo4j).

Parameters are typed after their declared defaults and bound by the engine:
SPARQL variables ``?param_<name>`` are substituted by Oxigraph (SEP-0007);
Cypher receives ``$<name>`` parameters. Text is never formatted.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from policykg.queries.catalog import Query, get

if TYPE_CHECKING:
    from policykg.graph.store.backends.base import Backend, Result
    from policykg.graph.store.outputs import Build


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


def language(engine: str) -> str:
    """The query language of a store (its saved queries' language), by the store's name."""
    from policykg.graph.store.registry import store

    return store(engine).language


def run_saved(backend: Backend, name: str, engine: str, params: dict[str, Any]) -> Result:
    """A saved query on any store: its text in the engine's language, its parameters typed and bound by the store."""
    q = get(name, language(engine))
    return backend.query(q.text, bind(q, params))


def open_backend(build: Build | None, engine: str) -> Backend:
    """A store by name, read-only: an embedded one from the build folder ("sparql": Oxigraph, "cypher": LadybugDB),
    or one on a server ("neo4j", from the environment)."""
    from policykg.graph.store.registry import store

    s = store(engine)
    if s.embedded and build is None:
        raise ValueError(f"engine {engine} reads a build folder")
    return s.opener(build.root / s.path if s.embedded and build is not None else Path(), True)


def run_on_build(build: Build | None, name: str, engine: str, params: dict[str, Any]) -> Result:
    """Columns and rows of a saved query on a store (a build folder's embedded stores; a server's from the
    environment), without pandas: commands stay fast."""
    q = get(name, language(engine))  # an unknown query fails before a store is opened
    bind(q, params)  # and so does a bad parameter
    backend = open_backend(build, engine)
    try:
        return run_saved(backend, name, engine, params)
    finally:
        backend.close()


# the saved queries' columns by meaning: dates, counts, scores and flags (every other column is text)
DATE_COLUMNS = frozenset({"due", "first_due", "last_due", "parent_date", "child_date"})
COUNT_COLUMNS = frozenset({"measures", "measures_led", "measures_supported", "documents", "parent_plans", "years", "lag_days",
                           "shared_measures", "municipal_measures", "tasks", "led", "supported", "line_start"})
SCORE_COLUMNS = frozenset({"score", "upstream_score"})
FLAG_COLUMNS = frozenset({"unresolved", "parent_cited_only"})


def typed_frame(columns: list[str], rows: list[list[Any]]) -> Any:
    """A saved query's rows as a pandas DataFrame with typed columns — dates as datetime64, counts as (nullable)
    integers, scores as floats, flags as booleans, text as strings — the same types on every engine and for an
    empty result.

    >>> df = typed_frame(["key", "due", "measures", "score", "unresolved"], [["a", "2023-06-30", "3", "0.9", "False"]])
    >>> [str(t) for t in df.dtypes]
    ['string', 'datetime64[ns]', 'Int64', 'Float64', 'boolean']
    >>> [str(t) for t in typed_frame(["key", "due", "measures"], []).dtypes]
    ['string', 'datetime64[ns]', 'Int64']
    """
    import pandas as pd

    df = pd.DataFrame(rows, columns=columns, dtype=object)
    for c in columns:
        values = df[c].map(lambda v: None if v is None or (isinstance(v, float) and v != v) or str(v) in ("", "None", "nan") else v)
        if c in DATE_COLUMNS:
            dates = pd.to_datetime(values.map(lambda v: None if v is None else str(v)[:10]), errors="coerce", format="%Y-%m-%d")
            df[c] = dates.astype("datetime64[ns]")  # one resolution, whatever the pandas version infers
        elif c in COUNT_COLUMNS:
            df[c] = pd.array([None if v is None else int(float(v)) for v in values], dtype="Int64")
        elif c in SCORE_COLUMNS:
            df[c] = pd.array([None if v is None else float(v) for v in values], dtype="Float64")
        elif c in FLAG_COLUMNS:
            df[c] = pd.array([None if v is None else (v if isinstance(v, bool) else str(v).lower() == "true") for v in values], dtype="boolean")
        else:
            df[c] = pd.array([None if v is None else str(v) for v in values], dtype="string")
    return df
