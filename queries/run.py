"""Running saved queries on the embedded stores (SPARQL on Oxigraph, Cypher on LadybugDB) or on Neo4j.

Parameters are bound by the engine: SPARQL variables ``?param_<name>`` are
substituted by Oxigraph (SEP-0007 substitutions) or bound with rdflib
initBindings; Cypher receives ``$<name>`` parameters. Text is never formatted.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policykg.queries.catalog import Query, get

if TYPE_CHECKING:
    from policykg.graph.outputs import Build

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
            if not -(2**63) <= value < 2**63:
                raise ValueError(f"parameter {name} is out of range: {value}")
        elif isinstance(p.default, float) and not isinstance(value, float):
            try:
                value = float(value)
            except ValueError:
                raise ValueError(f"parameter {name} must be a number, not {value!r}") from None
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


def run_sparql_text(store: Any, text: str) -> tuple[list[str], list[list[Any]]]:
    """Any SELECT or ASK query on a pyoxigraph store: column names and rows of Python values."""
    import pyoxigraph

    result = store.query(text)
    if isinstance(result, pyoxigraph.QueryBoolean):
        return ["ask"], [[bool(result)]]
    if not isinstance(result, pyoxigraph.QuerySolutions):
        raise ValueError("only SELECT and ASK queries are supported here")
    columns = [v.value for v in result.variables]
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
    result: tuple[list[str], list[list[Any]]] = backend.query(q.text, params)
    return result


def open_sparql_store(path: Path = DEFAULT_STORE) -> Any:
    import pyoxigraph

    if not path.exists():
        raise FileNotFoundError(f"no RDF store at {path}: run `policykg build` first")
    return pyoxigraph.Store.read_only(str(path))


def run_query(name: str, engine: str = "sparql", store: Any = None, backend: Any = None, **params: Any) -> Any:
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


def run_on_build(build: Build, name: str, engine: str, params: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    """Columns and rows of a saved query on a build folder's embedded stores (no pandas: commands stay fast)."""
    q = get(name, engine)
    bound = bind(q, params)
    if engine == "sparql":
        return run_sparql_store(open_sparql_store(build.store), q, bound)
    if engine == "cypher":
        from policykg.graph.backends.ladybug_db import LadybugBackend

        if not build.cypher_db.exists():
            raise FileNotFoundError(f"no embedded Cypher database at {build.cypher_db}: run `policykg build` first")
        return run_cypher(LadybugBackend(build.cypher_db, read_only=True), q, bound)
    raise ValueError(f"unknown engine {engine!r}: use sparql or cypher")
