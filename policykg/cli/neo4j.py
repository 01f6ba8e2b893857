"""`policykg neo4j load` and `policykg neo4j export-csv`: the build's property graph for a Neo4j server."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from policykg.cli.common import build_dir_option, open_corpus


@click.group(epilog="""\b
Examples:
  NEO4J_PASSWORD=… policykg neo4j load --uri neo4j://localhost:7687 --user neo4j --wipe
  policykg neo4j export-csv import/
""")
def neo4j() -> None:
    """Load the graph into Neo4j, or write files for neo4j-admin import."""


@neo4j.command("load")
@click.option("--uri", required=True, envvar="NEO4J_URI", show_envvar=True, help="e.g. neo4j://localhost:7687 or neo4j+s://xxxx.databases.neo4j.io")
@click.option("--user", required=True, envvar="NEO4J_USER", default="neo4j", show_default=True, show_envvar=True)
@click.option("--database", envvar="NEO4J_DATABASE", show_envvar=True, help="Target database (default: the server's default).")
@click.option("--wipe", is_flag=True, help="Delete every node and relationship of the database first.")
@click.option("--batch", type=click.IntRange(1, 100_000), default=1000, show_default=True, help="Rows per UNWIND transaction.")
@build_dir_option
def neo4j_load(uri: str, user: str, database: str | None, wipe: bool, batch: int, build_dir: Path) -> None:
    """Load (idempotently: MERGE on keys) the built graph into Neo4j. Password: NEO4J_PASSWORD or a prompt."""
    from policykg.graph.store.backends.mapping import all_rows
    from policykg.graph.store.backends.neo4j_db import Neo4jBackend, Neo4jError, connect

    corpus = open_corpus(build_dir)  # a missing build fails before any password prompt
    password = os.environ.get("NEO4J_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise click.ClickException("set NEO4J_PASSWORD (no terminal to prompt for the password)")
        password = click.prompt("Neo4j password", hide_input=True)
    try:
        driver = connect(uri, user, password, database)
    except Neo4jError as exc:
        raise click.ClickException(str(exc)) from None
    nodes, rels = all_rows(corpus)
    total = sum(map(len, nodes.values())) + sum(map(len, rels.values()))
    backend = Neo4jBackend(driver, database, wipe=wipe, batch=batch)
    try:
        with click.progressbar(length=total, label="loading", file=sys.stderr) as bar:
            done = backend.load_rows(nodes, rels, progress=lambda _what, n: bar.update(n))
        c = backend.counts()
    finally:
        backend.close()
    click.echo(f"loaded {done} rows into {uri}" + (f" ({database})" if database else ""))
    click.echo(", ".join(f"{k} {v}" for k, v in c.items()))


@neo4j.command("export-csv")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@build_dir_option
def neo4j_export_csv(folder: Path, build_dir: Path) -> None:
    """Write node and relationship CSVs for `neo4j-admin database import` into FOLDER."""
    from policykg.graph.store.backends.mapping import all_rows
    from policykg.graph.store.backends.neo4j_csv import export_csv, import_command

    nodes, rels = all_rows(open_corpus(build_dir))
    files = export_csv(nodes, rels, folder)
    click.echo(f"wrote {len(files)} files to {folder}; import into an empty database with:")
    click.echo(import_command(files))
