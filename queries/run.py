"""Running saved queries on the embedded stores (SPARQL on Oxigraph, Cypher on LadybugDB) or on Neo4j.

Parameters are bound by the engine: SPARQL variables ``?param_<name>`` are
substituted by Oxigraph (SEP-0007 substitutions) or bound with rdflib
initBindings; Cypher receives ``$<name>`` parameters. Text is never formatted.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from policykg.queries.catalog import Query, get

DEFAULT_STORE = Path("out") / "store"


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
        elif isinstance(p.default, float) and not isinstance(value, float):
            value = float(value)
        elif isinstance(p.default, str):
            value = str(value)
        out[name] = value
    return out


def _py(term: Any) -> Any:
    import pyoxigraph

    if term is None:
        return None
    if isinstance(term, pyoxigraph.Literal):
        dt = term.datatype.value
        if dt.endswith(("#integer", "#long", "#int")):
            return int(term.value)
        if dt.endswith(("#decimal", "#double", "#float")):
            return float(term.value)
        if dt.endswith("#boolean"):
            return term.value == "true"
        return term.value
    return term.value


def run_sparql_store(store: Any, q: Query, params: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    import pyoxigraph

    subs = {pyoxigraph.Variable(f"param_{k}"): pyoxigraph.Literal(v) if not isinstance(v, bool) else pyoxigraph.Literal(str(v).lower(), datatype=pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
            for k, v in params.items()}
    result = store.query(q.text, substitutions=subs)
    # Oxigraph substitutes only projected variables (SEP-0007), so saved SPARQL projects its ?param_* variables;
    # they are dropped here.
    columns = [v.value for v in result.variables if not v.value.startswith("param_")]
    return columns, [[_py(row[c]) for c in columns] for row in result]


def run_sparql_rdflib(graph: Any, q: Query, params: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    from rdflib import Literal, Variable
    from rdflib.plugins.sparql import prepareQuery

    prepared = prepareQuery(q.text)
    result = graph.query(prepared, initBindings={Variable(f"param_{k}"): Literal(v) for k, v in params.items()})
    keep = [i for i, v in enumerate(result.vars) if not str(v).startswith("param_")]
    columns = [str(result.vars[i]) for i in keep]
    rows = []
    for row in result:
        values = [row[i] for i in keep]
        rows.append([None if x is None else (float(x.toPython()) if isinstance(x.toPython(), Decimal) else x.toPython()) for x in values])
    return columns, rows


def run_cypher(backend: Any, q: Query, params: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    return backend.query(q.text, params)


def open_sparql_store(path: Path = DEFAULT_STORE) -> Any:
    import pyoxigraph

    if not path.exists():
        raise FileNotFoundError(f"no RDF store at {path}: run `policykg build` first")
    return pyoxigraph.Store.read_only(str(path))


def run_query(name: str, engine: str = "sparql", store: Any = None, backend: Any = None, **params: Any) -> "Any":
    """Run a saved query and return a pandas DataFrame.

    engine "sparql" runs on the embedded Oxigraph store (``store``: a pyoxigraph Store, default out/store);
    engine "cypher" runs on ``backend`` (a LadybugBackend, or anything with ``query(text, params)``).
    """
    import pandas as pd

    q = get(name, engine)
    bound = bind(q, params)
    if engine == "sparql":
        columns, rows = run_sparql_store(store if store is not None else open_sparql_store(), q, bound)
    elif engine == "cypher":
        if backend is None:
            raise ValueError("engine 'cypher' needs a backend (e.g. graph.backends.ladybug_db.LadybugBackend loaded with the corpus)")
        columns, rows = run_cypher(backend, q, bound)
    else:
        raise ValueError(f"unknown engine {engine!r}: use sparql or cypher")
    return pd.DataFrame(rows, columns=columns)
