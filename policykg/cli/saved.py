"""`policykg query`, `agencies`, `sparql` and `export`: the saved queries and the RDF store of a build."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from policykg.cli.common import build_dir_option, format_option, open_graph
from policykg.cli.present import echo_rows

if TYPE_CHECKING:
    from policykg.queries.endpoint import Served


def run_saved(name: str, engine: str, params: dict[str, Any], build_dir: Path) -> tuple[list[str], list[dict[str, Any]]]:
    """The one dispatcher for saved queries: columns and rows (as dicts) from the chosen engine."""
    from policykg.graph.store.registry import store
    from policykg.queries.catalog import get
    from policykg.queries.run import language, run_on_build

    try:
        get(name, language(engine))  # an unknown engine or query fails before anything is opened
        columns, rows = run_on_build(open_graph(build_dir) if store(engine).embedded else None, name, engine, params)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None
    except (KeyError, ValueError) as exc:
        raise click.ClickException(str(exc).strip('"')) from None
    return columns, [dict(zip(columns, r, strict=True)) for r in rows]


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    given = {}
    for p in pairs:
        if "=" not in p:
            raise click.UsageError(f"--param takes K=V, not {p!r}")
        k, v = p.split("=", 1)
        given[k.strip()] = v
    return given


@click.command("query", epilog="""\b
Examples:
  policykg query list
  policykg query agency-load --param jurisdiction=金山区
  policykg query cross-document-agencies --param min_documents=3 --engine cypher --format csv
""")
@click.argument("name")
@click.option("--param", "params", multiple=True, metavar="K=V", help="A parameter, repeatable: --param jurisdiction=金山区")
@click.option("--engine", default="sparql", show_default=True, metavar="ENGINE",
              help="A store by name: sparql (the embedded RDF store), cypher (the embedded property graph), neo4j (the "
                   "server at NEO4J_URI), or any other store the installed policykg declares.")
@format_option
@build_dir_option
def query_command(name: str, params: tuple[str, ...], engine: str, fmt: str, build_dir: Path) -> None:
    """Run the saved query NAME (`policykg query list` shows them)."""
    from policykg.queries.catalog import catalog, names

    if name == "list":
        rows = []
        for n in names():
            q = catalog()[(n, "sparql")]
            rows.append({"name": n, "params": ", ".join(f"{p.name}={p.default!r}" for p in q.params), "description": q.description})
        echo_rows(rows, [("name", "query", 24), ("params", "parameters (defaults)", 44), ("description", "description", 70)], fmt)
        return
    columns, rows = run_saved(name, engine, _params(params), build_dir)
    echo_rows(rows, [(c, c, 40) for c in columns], fmt)
    if fmt == "table":
        click.echo(f"{len(rows)} rows")


@click.command(epilog="""\b
Examples:
  policykg agencies --jurisdiction 金山区
  policykg agencies --role lead --year 2023 --json
""")
@click.option("--jurisdiction", default="", help="Only agencies of this jurisdiction (e.g. 金山区, 上海市).")
@click.option("--role", type=click.Choice(["lead", "supporting"]), help="Count only this role.")
@click.option("--year", type=click.IntRange(0, 9999), default=0, help="Only documents signed in this year.")
@format_option
@build_dir_option
def agencies(jurisdiction: str, role: str | None, year: int, fmt: str, build_dir: Path) -> None:
    """Agencies ranked by the number of documents, then measures, they own (the saved query agency-load)."""
    _, rows = run_saved("agency-load", "sparql", {"jurisdiction": jurisdiction, "role": role or "", "year": year}, build_dir)
    if fmt == "json":
        echo_rows(rows, [], fmt)
        return
    for r in rows:
        r["flag"] = "unresolved" if r["unresolved"] else ""
    echo_rows(rows, [("name", "agency", 34), ("jurisdiction", "jurisdiction", 8), ("level", "level", 15), ("functional_type", "type", 10),
                     ("measures_led", "led", 4), ("measures_supported", "supported", 9), ("documents", "documents", 9), ("years", "years", 5),
                     ("flag", "", 10)], fmt)
    if fmt == "table":
        click.echo(f"{len(rows)} agencies; {sum(1 for r in rows if r['unresolved'])} unresolved")


@click.command(epilog="""\b
Examples:
  policykg sparql 'PREFIX pkg: <https://w3id.org/policykg/ontology#> SELECT ?d ?n WHERE { ?d pkg:docNumber ?n }'
  policykg sparql my-query.rq --format csv
""")
@click.argument("query_text")
@build_dir_option
@format_option
@click.option("--allow-service", is_flag=True, help="Allow federated queries (SERVICE), which make requests to other endpoints.")
def sparql(query_text: str, build_dir: Path, fmt: str, allow_service: bool) -> None:
    """Run a SPARQL SELECT or ASK query (text, or a .rq file) against the build's RDF store."""
    from policykg.graph.store.backends.rdf import OxigraphBackend
    from policykg.graph.store.backends.sparql_policy import QueryRefused, check_query

    path = Path(query_text)
    text = path.read_text(encoding="utf-8") if query_text.endswith(".rq") and path.is_file() else query_text
    try:
        check_query(text, allow_service)
    except QueryRefused as exc:
        raise click.ClickException(str(exc)) from None
    build = open_graph(build_dir)
    try:
        columns, values = OxigraphBackend(build.store, read_only=True).query(text)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None
    except (SyntaxError, ValueError, OSError) as exc:  # pyoxigraph reports a bad query as SyntaxError
        raise click.ClickException(f"SPARQL error: {str(exc).splitlines()[0] if str(exc) else exc!r}") from None
    rows = [dict(zip(columns, r, strict=True)) for r in values]
    echo_rows(rows, [(c, c, 60) for c in columns], fmt)
    if fmt == "table":
        click.echo(f"{len(rows)} rows")


@click.command(epilog="""\b
Examples:
  policykg export --format ttl --out graph.ttl
  policykg export --format jsonld > graph.jsonld
  policykg export --format graphml --out graph.graphml      # networkx, Gephi
""")
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "jsonld", "graphml", "gexf"]), default="ttl", show_default=True)
@click.option("--out", "out_file", type=click.Path(path_type=Path, dir_okay=False), help="Write to this file instead of standard output.")
@build_dir_option
def export(fmt: str, out_file: Path | None, build_dir: Path) -> None:
    """Export the graph: RDF (Turtle, N-Triples, JSON-LD) from the build's store, or GraphML / GEXF for networkx and Gephi."""
    from policykg.graph.store.backends.rdf_files import dump_store

    build = open_graph(build_dir)
    try:
        if fmt in ("graphml", "gexf"):
            from policykg.graph.store.backends.nx import serialise

            data = serialise(build.corpus(), fmt)
        else:
            data = dump_store(build.store, fmt)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None
    if out_file is None:
        sys.stdout.buffer.write(data)
        return
    from policykg.graph.store.atomic import write_atomically

    write_atomically(out_file, data)
    click.echo(f"wrote {len(data)} bytes to {out_file}", err=True)



@click.command(epilog="""\b
Examples:
  policykg serve                          # the site at http://127.0.0.1:7878/, SPARQL at /sparql
  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' http://127.0.0.1:7878/sparql
""")
@build_dir_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (only this machine by default).")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@click.option("--timeout", type=click.FloatRange(0.1, 3600), default=30.0, show_default=True, help="Seconds a query may run.")
@click.option("--allow-service", is_flag=True, help="Allow federated queries (SERVICE), which make requests to other endpoints.")
@click.option("--no-site", is_flag=True, help="Serve only the SPARQL endpoint, not the build's pages.")
def serve(build_dir: Path, host: str, port: int, timeout: float, allow_service: bool, no_site: bool) -> None:
    """Serve the build read-only: its pages (the site of `policykg site`: a page per document, measure, agency and
    place, with search) at /, and its RDF store over the SPARQL 1.1 protocol (GET or POST /sparql). A rebuild is
    served from the next request on."""
    from policykg.queries.endpoint import make_server

    build = open_graph(build_dir)
    pages = None if no_site else _site_pages(build_dir)
    if pages is not None:
        click.echo("rendering the build's pages …", err=True)
    server = make_server(build.store, host, port, timeout, allow_service, pages=pages)
    where = f"http://{host}:{server.server_address[1]}"
    click.echo(("" if no_site else f"pages on {where}/ and ") + f"SPARQL endpoint on {where}/sparql (read-only; Ctrl-C stops)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _site_pages(build_dir: Path) -> Callable[[], Served]:
    """The build's site (address → bytes) and its search index, made from the build folder each time they are asked
    for (at start, after a rebuild)."""

    def pages() -> Served:
        from policykg.graph.store.outputs import open_build
        from policykg.queries.endpoint import Served
        from policykg.queries.search import SearchIndex, entries
        from policykg.queries.site import Site

        corpus = open_build(build_dir).corpus()
        site = Site(corpus)
        return Served(dict(site.files()), SearchIndex(entries(corpus, site.addr.page)).search)

    return pages
