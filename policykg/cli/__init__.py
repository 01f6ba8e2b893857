"""The `policykg` command line (last in the data flow, so it lives in the last package)."""

from __future__ import annotations

import json
import os
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

import click

from policykg import bundled_corpus

from policykg.graph.build import Corpus, build_corpus, summary_rows, write_outputs
from policykg.ontology.records import Document, Measure, to_plain

DEFAULT_OUT = Path("out")


def _corpus_option(f: Any) -> Any:
    return click.option(
        "--corpus",
        "corpus_dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=lambda: os.environ.get("POLICYKG_CORPUS") or str(bundled_corpus()),
        show_default="the bundled corpus/ folder",
        help="Folder of .txt/.md documents to read.",
    )(f)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _cell(value: Any, limit: int) -> str:
    s = "" if value is None else str(value)
    s = s.replace("\n", " ")
    if _width(s) > limit:
        out = ""
        for c in s:
            if _width(out + c) > limit - 1:
                break
            out += c
        s = out + "…"
    return s


def format_table(rows: list[dict[str, Any]], columns: list[tuple[str, str, int]]) -> str:
    """Columns are (key, header, max width); Chinese characters count double."""
    cells = [[_cell(r.get(k), w) for k, _, w in columns] for r in rows]
    widths = [max([_width(h)] + [_width(c[i]) for c in cells]) for i, (_, h, _) in enumerate(columns)]
    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()
    out = [line([h for _, h, _ in columns]), line(["-" * w for w in widths])]
    out += [line(c) for c in cells]
    return "\n".join(out)


def _load(corpus_dir: Path, verbose: bool = False) -> Corpus:
    def progress(path: Path, result: Any) -> None:
        if verbose:
            n = len(result.documents)
            m = sum(len(d.measures) for d in result.documents)
            click.echo(f"  read {path.name}: {n} document(s), {m} measures", err=True)
    try:
        return build_corpus(corpus_dir, progress)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None


def _report_problems(corpus: Corpus) -> None:
    skipped = [p for p in corpus.problems if p.severity == "skipped"]
    warnings = [p for p in corpus.problems if p.severity != "skipped"]
    for p in warnings:
        click.echo(f"warning: {p.file}: {p.reason}", err=True)
    if skipped:
        click.echo(f"skipped {len(skipped)} file(s)/part(s):", err=True)
        for p in skipped:
            click.echo(f"  {p.file}: {p.reason}", err=True)


@click.group()
@click.version_option(package_name="policykg")
def main() -> None:
    """policykg: a knowledge graph of Chinese government policy documents."""


@main.command()
@_corpus_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_OUT, show_default=True, help="Folder for the build outputs.")
@click.option("--strict", is_flag=True, help="Exit non-zero when any file or document was skipped, or SHACL finds a violation.")
@click.option("--quiet", is_flag=True, help="Print only the totals.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation of the RDF graph.")
def build(corpus_dir: Path, out_dir: Path, strict: bool, quiet: bool, no_validate: bool) -> None:
    """Read the corpus; write JSON outputs and the embedded RDF store (out/store) to --out; validate with SHACL."""
    from policykg.graph.backends.rdf import to_graph, write_store

    t0 = time.perf_counter()
    click.echo(f"building from {corpus_dir}", err=True)
    corpus = _load(corpus_dir, verbose=not quiet)
    paths = write_outputs(corpus, out_dir)
    click.echo("writing the RDF store …", err=True)
    g = to_graph(corpus)
    count = write_store(g, out_dir / "store")
    violations = 0
    if not no_validate:
        from policykg.graph.validate import validate

        click.echo("validating with SHACL …", err=True)
        v = validate(g)
        violations = v.violations
        click.echo(f"SHACL: {'conforms' if v.conforms else 'does NOT conform'} ({v.violations} violations)")
        if not v.conforms:
            (out_dir / "shacl-report.txt").write_text(v.report, encoding="utf-8")
            click.echo(f"  report written to {out_dir / 'shacl-report.txt'}", err=True)
    click.echo(f"RDF: {count} triples in {out_dir / 'store'}")
    from policykg.graph.backends.ladybug_db import write_database
    from policykg.graph.backends.mapping import all_rows

    rows = write_database(out_dir / "graph.lbug", *all_rows(corpus))
    click.echo(f"property graph: {rows} rows in {out_dir / 'graph.lbug'} (embedded Cypher)")
    rows = summary_rows(corpus)
    if not quiet:
        click.echo(format_table(rows, [("key", "document", 22), ("title", "title", 44), ("sections", "sections", 8), ("measures", "measures", 8), ("owner_mentions", "owners", 6), ("citations", "citations", 9)]))
    total = {k: sum(int(r[k]) for r in rows) for k in ("measures", "owner_mentions", "citations")}  # type: ignore[call-overload]
    click.echo(
        f"{len(corpus.files)} files, {len(corpus.documents)} documents, {total['measures']} measures, "
        f"{total['owner_mentions']} owner mentions, {total['citations']} citations, "
        f"{len(corpus.agencies)} agencies ({sum(1 for a in corpus.agencies if a.unresolved)} unresolved) "
        f"in {time.perf_counter() - t0:.2f}s; wrote {', '.join(str(p) for p in paths)}"
    )
    _report_problems(corpus)
    if strict and (any(p.severity == "skipped" for p in corpus.problems) or violations):
        sys.exit(2)


def _parents(corpus: Corpus, d: Document) -> list[dict[str, Any]]:
    out = []
    for l in corpus.doc_links:
        if l.source == d.key and l.type in ("derived_from", "follows"):
            out.append({"key": l.target, "type": l.type, "rule": l.rule, "cue": l.cue or None, "score": l.score,
                        "citation": l.citation or None, "evidence": l.evidence or None,
                        "source": {"file": l.provenance.span.file, "line_start": l.provenance.span.line_start, "line_end": l.provenance.span.line_end}})
    return out


def _document_row(d: Document, corpus: Corpus | None = None) -> dict[str, Any]:
    return {
        "cited_only": d.cited_only,
        "parents": _parents(corpus, d) if corpus is not None else [],
        "key": d.key,
        "wen_hao": str(d.doc_number) if d.doc_number else None,
        "title": d.title,
        "issuers": [{"name": i.name, "role": i.role} for i in d.issuers],
        "date": d.date,
        "level": d.level,
        "jurisdiction": d.jurisdiction,
        "sources": [
            {"file": s.file, "line_start": s.line_start, "line_end": s.line_end, "compendium_item": s.compendium_item,
             "wrapper": to_plain(s.wrapper) if s.wrapper else None}
            for s in d.sources
        ],
        "measures": len(d.measures),
        "notes": list(d.notes),
    }


def derivation_tree(corpus: Corpus) -> list[str]:
    """Lines of the derivation tree: parents (municipal first) with their derivatives indented."""
    by_key = {d.key: d for d in corpus.all_documents()}
    children: dict[str, list[tuple[str, str]]] = {}
    has_parent: set[str] = set()
    for l in corpus.doc_links:
        if l.type == "derived_from":
            how = f"{l.cue}《》" if l.cue else f"inferred, reuse {l.score:.2f}"
            children.setdefault(l.target, []).append((l.source, how))
            has_parent.add(l.source)
    level_rank = {"national": 0, "municipal": 1, "district_branch": 2, "district": 3, None: 4}

    def label(d: Document) -> str:
        flag = " [cited only]" if d.cited_only else ""
        number = f" {d.doc_number}" if d.doc_number else ""
        where = f" {d.jurisdiction}" if d.jurisdiction else ""
        return f"{d.title}{number}{where}{flag}"

    lines: list[str] = []

    def walk(key: str, depth: int, how: str, seen: frozenset[str]) -> None:
        d = by_key[key]
        prefix = "    " * depth + ("└─ " if depth else "")
        lines.append(f"{prefix}{label(d)}" + (f"  ({how})" if how else ""))
        for child, child_how in sorted(children.get(key, []), key=lambda c: (by_key[c[0]].date or "", c[0])):
            if child not in seen:
                walk(child, depth + 1, child_how, seen | {child})

    roots = [k for k in children if k not in has_parent]
    for key in sorted(roots, key=lambda k: (level_rank.get(by_key[k].level, 4), by_key[k].date or "", k)):
        walk(key, 0, "", frozenset({key}))
    follows = [l for l in corpus.doc_links if l.type == "follows"]
    if follows:
        lines.append("series (each plan follows the one before; share of measures carried over):")
        for l in sorted(follows, key=lambda l: (by_key[l.source].jurisdiction or "", by_key[l.source].date or "")):
            lines.append(f"    {label(by_key[l.target])}  →  {label(by_key[l.source])}  (carried over {l.score:.0%})")
    alone = [d for d in corpus.documents if d.key not in children and d.key not in has_parent]
    if alone:
        lines.append("(no derivation found)")
        lines += [f"    {label(d)}" for d in sorted(alone, key=lambda d: d.key)]
    return lines


@main.command()
@_corpus_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--tree", is_flag=True, help="Print the derivation tree (parent plans → derivatives).")
def documents(corpus_dir: Path, as_json: bool, tree: bool) -> None:
    """List the documents read from the corpus, and the parents they only cite."""
    corpus = _load(corpus_dir)
    if tree:
        click.echo("\n".join(derivation_tree(corpus)))
        return
    rows = [_document_row(d, corpus) for d in corpus.all_documents()]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    rows = [r for r in rows if not r["cited_only"]]
    for r in rows:
        r["issuer"] = "、".join(i["name"] for i in r["issuers"] if i["role"] != "drafter")
        r["source"] = "; ".join(f"{s['file'][:3]}:{s['line_start']}-{s['line_end']}" for s in r["sources"])
    click.echo(format_table(rows, [("key", "key", 20), ("wen_hao", "文号", 20), ("title", "title", 40), ("issuer", "issuers", 30), ("date", "date", 10), ("level", "level", 15), ("jurisdiction", "jurisdiction", 8), ("measures", "measures", 8), ("source", "sources", 30)]))
    click.echo(f"{len(rows)} documents; {len(corpus.cited_only)} more are only cited (see --json or --tree)")
    _report_problems(corpus)


def _measure_row(m: Measure, corpus: Corpus | None = None) -> dict[str, Any]:
    resolved: dict[tuple[str, int], Any] = {}
    if corpus is not None:
        for link in corpus.owned_by:
            if link.measure == m.key:
                resolved[(link.text, link.provenance.span.line_start)] = link

    def owner(o: Any) -> dict[str, Any]:
        row = {"text": o.text, "role": o.role, "marker": o.marker, "source": o.source}
        link = resolved.get((o.text, o.provenance.span.line_start))
        if link is not None and corpus is not None:
            a = corpus.agency(link.agency)
            row["role"] = link.role
            row["role_rule"] = link.rule
            row["agency"] = {"key": a.key, "name": a.name, "jurisdiction": a.jurisdiction, "kind": a.kind} if a else None
        return row

    return {
        "key": m.key,
        "number": m.number,
        "path": list(m.path),
        "written_path": m.written_path,
        "title": m.title,
        "text": m.text,
        "kind": m.kind,
        "owners": [owner(o) for o in m.owners],
        "deadline": [d.text for d in m.deadlines],
        "annex_rows": list(m.annex_rows),
        "source": {"file": m.provenance.span.file, "line_start": m.provenance.span.line_start, "line_end": m.provenance.span.line_end, "rule": m.provenance.rule},
    }


@main.command()
@click.argument("doc")
@_corpus_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def measures(doc: str, corpus_dir: Path, as_json: bool) -> None:
    """List the measures of DOC (a document key or its 文号)."""
    corpus = _load(corpus_dir)
    d = corpus.get(doc)
    if d is None:
        known = ", ".join(x.key for x in corpus.documents[:8])
        raise click.ClickException(f"no document with key or 文号 {doc!r} (try `policykg documents`; keys look like {known} …)")
    rows = [_measure_row(m, corpus) for m in d.measures]
    if as_json:
        click.echo(json.dumps({"document": d.key, "title": d.title, "measures": rows}, ensure_ascii=False, indent=2))
        return
    for r in rows:
        r["owners_text"] = "、".join(o["text"] + ("(牵头)" if o["role"] == "lead" else "(配合)" if o["role"] == "supporting" else "") for o in r["owners"])
        r["lines"] = f"{r['source']['line_start']}-{r['source']['line_end']}"
        r["deadline_text"] = "、".join(dict.fromkeys(r["deadline"]))
        r["body"] = r["title"] or r["text"]
    click.echo(f"{d.key}  {d.title}  ({len(rows)} measures)")
    click.echo(format_table(rows, [("written_path", "number", 14), ("kind", "kind", 9), ("body", "title / text", 40), ("owners_text", "owners", 36), ("deadline_text", "deadline", 14), ("lines", "lines", 11)]))


@main.command()
@click.option("--jurisdiction", default="", help="Only agencies of this jurisdiction (e.g. 金山区, 上海市).")
@click.option("--role", type=click.Choice(["lead", "supporting"]), help="Count only this role.")
@click.option("--year", type=int, default=0, help="Only documents signed in this year.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--store", "store_dir", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_OUT / "store", show_default=True)
def agencies(jurisdiction: str, role: str | None, year: int, as_json: bool, store_dir: Path) -> None:
    """Agencies ranked by the number of documents, then measures, they own (the saved query agency-load)."""
    df = _saved("agency-load", "sparql", {"jurisdiction": jurisdiction, "role": role or "", "year": year}, store_dir)
    if as_json:
        click.echo(df.to_json(orient="records", force_ascii=False, indent=2))
        return
    rows = df.to_dict(orient="records")
    for r in rows:
        r["flag"] = "unresolved" if r["unresolved"] else ""
    click.echo(format_table(rows, [("name", "agency", 34), ("jurisdiction", "jurisdiction", 8), ("level", "level", 15), ("functional_type", "type", 10), ("measures_led", "led", 4), ("measures_supported", "supported", 9), ("documents", "documents", 9), ("years", "years", 5), ("flag", "", 10)]))
    click.echo(f"{len(rows)} agencies; {sum(1 for r in rows if r['unresolved'])} unresolved")


def _saved(name: str, engine: str, params: dict[str, Any], store_dir: Path) -> Any:
    from policykg.queries.run import run_query

    try:
        if engine == "sparql":
            from policykg.queries.run import open_sparql_store

            return run_query(name, "sparql", store=open_sparql_store(store_dir), **params)
        if engine == "cypher":
            from policykg.graph.backends.ladybug_db import LadybugBackend

            db = store_dir.parent / "graph.lbug"
            if not db.exists():
                raise FileNotFoundError(f"no embedded Cypher database at {db}: run `policykg build` first")
            return run_query(name, "cypher", backend=LadybugBackend(db, read_only=True), **params)
        if engine == "neo4j":
            from policykg.graph.backends.neo4j_db import Neo4jError, connect
            from policykg.queries.catalog import get
            from policykg.queries.run import bind

            uri = os.environ.get("NEO4J_URI")
            if not uri:
                raise click.ClickException("engine neo4j needs NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD)")
            try:
                driver = connect(uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
            except Neo4jError as exc:
                raise click.ClickException(str(exc)) from None
            import pandas as pd

            from policykg.graph.backends.neo4j_db import query as neo4j_query

            q = get(name, "cypher")
            columns, rows = neo4j_query(driver, q.text, bind(q, params), os.environ.get("NEO4J_DATABASE"))
            driver.close()
            return pd.DataFrame(rows, columns=columns)
        raise click.ClickException(f"unknown engine {engine!r}")
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None
    except (KeyError, ValueError) as exc:
        raise click.ClickException(str(exc).strip('"')) from None


@main.command("query")
@click.argument("name")
@click.option("--param", "params", multiple=True, metavar="K=V", help="A parameter, repeatable: --param jurisdiction=金山区")
@click.option("--engine", type=click.Choice(["sparql", "cypher", "neo4j"]), default="sparql", show_default=True,
              help="sparql: the embedded RDF store; cypher: the embedded property graph; neo4j: the server at NEO4J_URI.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--store", "store_dir", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_OUT / "store", show_default=True)
def query_command(name: str, params: tuple[str, ...], engine: str, fmt: str, store_dir: Path) -> None:
    """Run the saved query NAME (`policykg query list` shows them)."""
    from policykg.queries.catalog import catalog, names

    if name == "list":
        rows = []
        for n in names():
            q = catalog()[(n, "sparql")]
            rows.append({"name": n, "params": ", ".join(f"{p.name}={p.default!r}" for p in q.params), "description": q.description})
        click.echo(format_table(rows, [("name", "query", 24), ("params", "parameters (defaults)", 44), ("description", "description", 70)]))
        return
    given = {}
    for p in params:
        if "=" not in p:
            raise click.UsageError(f"--param takes K=V, not {p!r}")
        k, v = p.split("=", 1)
        given[k.strip()] = v
    df = _saved(name, engine, given, store_dir)
    if fmt == "json":
        click.echo(df.to_json(orient="records", force_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(df.to_csv(index=False), nl=False)
    else:
        click.echo(format_table(df.astype(object).where(df.notna(), None).to_dict(orient="records"), [(c, c, 40) for c in df.columns]))
        click.echo(f"{len(df)} rows")


@main.command("trace")
@click.argument("measure", nargs=-1)
@_corpus_option
@click.option("--document", "document_ref", help="Trace every measure of this document (key or 文号).")
@click.option("--all", "show_low", is_flag=True, help="Also show low-confidence (possible) sources.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def trace_command(measure: tuple[str, ...], corpus_dir: Path, document_ref: str | None, show_low: bool, as_json: bool) -> None:
    """Trace MEASURE to its municipal source(s): a measure key, a document and number path, or a text snippet."""
    from policykg.queries.trace import find_measures, highlight, trace, trace_document

    corpus = _load(corpus_dir)
    bands = ("high", "medium", "low") if show_low else ("high", "medium")
    if document_ref:
        d = corpus.get(document_ref)
        if d is None:
            raise click.ClickException(f"no document with key or 文号 {document_ref!r}")
        rows = trace_document(corpus, d)
        if as_json:
            click.echo(json.dumps({"document": d.key, "title": d.title, "measures": rows}, ensure_ascii=False, indent=2))
            return
        table = []
        for r in rows:
            src = r["sources"][0] if r["sources"] else None
            table.append({"number": r["number"], "title": r["title"], "lines": f"{r['source']['line_start']}-{r['source']['line_end']}",
                          "source": f"{src['document']} {src['number']}" if src else "— local", "score": f"{src['score']:.2f} {src['confidence']}" if src else "",
                          "more": f"+{len(r['sources']) - 1}" if len(r["sources"]) > 1 else ""})
        click.echo(f"{d.key}  {d.title}")
        click.echo(format_table(table, [("number", "number", 14), ("title", "title", 30), ("lines", "lines", 11), ("source", "municipal source", 30), ("score", "score", 12), ("more", "", 4)]))
        return
    if not measure:
        raise click.UsageError("give a MEASURE (key, DOC and number path, or text) or --document DOC")
    found = find_measures(corpus, list(measure))
    if not found:
        raise click.ClickException(f"no measure matches {' '.join(measure)!r}")
    if len(found) > 1 and not as_json:
        click.echo(f"{len(found)} measures match; tracing the first. Others:", err=True)
        for u in found[1:10]:
            click.echo(f"  {u.key}  {u.number}  {u.title}", err=True)
    result = trace(corpus, found[0], bands)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    color = sys.stdout.isatty()
    mark = (lambda t: click.style(t, fg="green", bold=True)) if color else (lambda t: f"【{t}】")

    def show(node: dict[str, Any], text: str, depth: int) -> None:
        pad = "  " * depth
        for src in node["sources"]:
            click.echo(f"{pad}└─ implements {src['document_title']} {src['wen_hao'] or ''} {src['number']} {src['title']}")
            click.echo(f"{pad}   {src['key']}  lines {src['source']['line_start']}-{src['source']['line_end']} of {src['source']['file']}")
            click.echo(f"{pad}   score {src['score']:.2f} ({src['confidence']}), {src['method']}, {src['relation']}")
            target_text = src["text"]
            for ev in src["evidence"]:
                s, t = ev["source"], ev["target"]
                click.echo(f"{pad}   ┌ district  l.{s['line']}: " + highlight(text[max(0, s['start'] - 12): s['end'] + 12], [(min(12, s['start']), min(12, s['start']) + s['end'] - s['start'])], mark))
                click.echo(f"{pad}   └ municipal l.{t['line']}: " + highlight(target_text[max(0, t['start'] - 12): t['end'] + 12], [(min(12, t['start']), min(12, t['start']) + t['end'] - t['start'])], mark))
            show(src, target_text, depth + 1)

    click.echo(f"{result['document_title']} {result['wen_hao'] or ''} {result['number']} {result['title']}")
    click.echo(f"{result['key']}  lines {result['source']['line_start']}-{result['source']['line_end']} of {result['source']['file']}")
    if not result["sources"]:
        click.echo("no municipal source found: a local measure" + ("" if show_low else " (try --all for low-confidence leads)"))
    show(result, result["text"], 0)



def _store_option(f: Any) -> Any:
    return click.option("--store", "store_dir", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_OUT / "store",
                        show_default=True, help="The embedded RDF store written by `policykg build`.")(f)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "jsonld"]), default="ttl", show_default=True)
@click.option("--out", "out_file", type=click.Path(path_type=Path, dir_okay=False), help="Write to this file instead of standard output.")
@_store_option
def export(fmt: str, out_file: Path | None, store_dir: Path) -> None:
    """Export the RDF graph (Turtle, N-Triples or JSON-LD) from the embedded store."""
    from policykg.graph.backends.rdf import export as serialise, open_store

    try:
        g = open_store(store_dir)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None
    data = serialise(g, fmt)
    if out_file:
        out_file.write_bytes(data)
        click.echo(f"wrote {len(data)} bytes to {out_file}", err=True)
    else:
        sys.stdout.buffer.write(data)


@main.command()
@click.argument("query_text")
@_store_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def sparql(query_text: str, store_dir: Path, fmt: str) -> None:
    """Run a SPARQL query (text, or a .rq file) against the embedded store."""
    import csv as csv_module
    import io

    from policykg.graph.backends.rdf import open_store, query

    text = Path(query_text).read_text(encoding="utf-8") if query_text.endswith(".rq") and Path(query_text).exists() else query_text
    try:
        g = open_store(store_dir)
        columns, rows = query(g, text)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None
    except Exception as exc:  # a syntax error in the user's query
        raise click.ClickException(f"SPARQL error: {exc}") from None
    if fmt == "json":
        click.echo(json.dumps([dict(zip(columns, [str(v) if v is not None and not isinstance(v, (int, float, bool, str)) else v for v in r])) for r in rows], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv_module.writer(buf)
        w.writerow(columns)
        w.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
    else:
        click.echo(format_table([dict(zip(columns, r)) for r in rows], [(c, c, 60) for c in columns]))
        click.echo(f"{len(rows)} rows")


@main.group()
def neo4j() -> None:
    """Load the graph into Neo4j, or write files for neo4j-admin import."""


@neo4j.command("load")
@click.option("--uri", required=True, envvar="NEO4J_URI", help="e.g. neo4j://localhost:7687 or neo4j+s://xxxx.databases.neo4j.io")
@click.option("--user", required=True, envvar="NEO4J_USER", default="neo4j", show_default=True)
@click.option("--database", envvar="NEO4J_DATABASE", help="Target database (default: the server's default).")
@click.option("--wipe", is_flag=True, help="Delete every node and relationship of the database first.")
@click.option("--batch", type=int, default=1000, show_default=True, help="Rows per UNWIND transaction.")
@_corpus_option
def neo4j_load(uri: str, user: str, database: str | None, wipe: bool, batch: int, corpus_dir: Path) -> None:
    """Load (idempotently: MERGE on keys) the corpus graph into Neo4j. Password: NEO4J_PASSWORD or a prompt."""
    from policykg.graph.backends.mapping import all_rows
    from policykg.graph.backends.neo4j_db import Neo4jError, connect, counts, load

    password = os.environ.get("NEO4J_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise click.ClickException("set NEO4J_PASSWORD (no terminal to prompt for the password)")
        password = click.prompt("Neo4j password", hide_input=True)
    try:
        driver = connect(uri, user, password, database)
    except Neo4jError as exc:
        raise click.ClickException(str(exc)) from None
    corpus = _load(corpus_dir)
    nodes, rels = all_rows(corpus)
    total = sum(map(len, nodes.values())) + sum(map(len, rels.values()))
    with click.progressbar(length=total, label="loading", file=sys.stderr) as bar:
        done = load(driver, nodes, rels, database=database, wipe=wipe, progress=lambda _what, n: bar.update(n), batch=batch)
    c = counts(driver, database)
    driver.close()
    click.echo(f"loaded {done} rows into {uri}" + (f" ({database})" if database else ""))
    click.echo(", ".join(f"{k} {v}" for k, v in c.items()))


@neo4j.command("export-csv")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@_corpus_option
def neo4j_export_csv(folder: Path, corpus_dir: Path) -> None:
    """Write node and relationship CSVs for `neo4j-admin database import` into FOLDER."""
    from policykg.graph.backends.mapping import all_rows
    from policykg.graph.backends.neo4j_csv import export_csv, import_command

    corpus = _load(corpus_dir)
    nodes, rels = all_rows(corpus)
    files = export_csv(nodes, rels, folder)
    click.echo(f"wrote {len(files)} files to {folder}; import into an empty database with:")
    click.echo(import_command(files))


@main.command("view")
@click.argument("kind", type=click.Choice(["trace", "agencies", "lineage", "overview"]))
@click.argument("args", nargs=-1)
@click.option("--out", "out_file", type=click.Path(path_type=Path, dir_okay=False), required=True, help="The HTML file to write.")
@click.option("--jurisdiction", help="agencies: only this jurisdiction.")
@_corpus_option
def view_command(kind: str, args: tuple[str, ...], out_file: Path, jurisdiction: str | None, corpus_dir: Path) -> None:
    """Write an interactive view (one self-contained HTML file that works offline).

    trace MEASURE (key, DOC + number path, or text); agencies [--jurisdiction J]; lineage [DOC … to expand]; overview.
    """
    from policykg.queries.viz import agencies_view, lineage_view, overview_view, trace_view, write_view

    corpus = _load(corpus_dir)
    if kind == "trace":
        from policykg.queries.trace import find_measures

        found = find_measures(corpus, list(args)) if args else []
        if not found:
            raise click.ClickException(f"no measure matches {' '.join(args)!r} (give a key, DOC and number path, or text)")
        net, heading = trace_view(corpus, found[0].key), f"trace · {found[0].document.title} {found[0].number} {found[0].title}"
    elif kind == "agencies":
        net, heading = agencies_view(corpus, jurisdiction), f"agencies · {jurisdiction or 'all jurisdictions'}"
    elif kind == "lineage":
        keys = []
        for ref in args:
            d = corpus.get(ref)
            if d is None:
                raise click.ClickException(f"no document with key or 文号 {ref!r}")
            keys.append(d.key)
        net, heading = lineage_view(corpus, keys), "lineage · 文件衍生树"
    else:
        net, heading = overview_view(corpus), "overview · 全图"
    write_view(net, kind, out_file, heading)
    click.echo(f"wrote {out_file} ({len(net.get_nodes())} nodes, {out_file.stat().st_size // 1024} KiB, works offline)")


@main.command("eval")
@click.option("--gold", type=click.Path(path_type=Path, exists=True, dir_okay=False), required=True, help="Gold links (the format of implements-dev.tsv).")
@click.option("--measures", "measures_file", type=click.Path(path_type=Path, exists=True, dir_okay=False), help="Municipal measure ids and line ranges (default: municipal-measures.tsv beside --gold).")
@_corpus_option
@click.option("--json", "as_json", is_flag=True)
@click.option("--errors", is_flag=True, help="List false positives and false negatives.")
def eval_command(gold: Path, measures_file: Path | None, corpus_dir: Path, as_json: bool, errors: bool) -> None:
    """Precision, recall and F1 of implements links (high+medium) against a gold key, and the curve over the score."""
    from policykg.queries.evaluate import evaluate

    measures_file = measures_file or gold.with_name("municipal-measures.tsv")
    if not measures_file.exists():
        raise click.ClickException(f"municipal measure ids not found: {measures_file} (give --measures)")
    corpus = _load(corpus_dir)
    try:
        result = evaluate(corpus, gold, measures_file)
    except (ValueError, KeyError) as exc:
        raise click.ClickException(f"cannot evaluate: {exc}") from None
    hm = result["high_medium"]
    if as_json:
        click.echo(json.dumps({**result, "high_medium": hm.__dict__, "curve": [{"threshold": t, **s.__dict__} for t, s in result["curve"]]}, ensure_ascii=False, indent=2))
        return
    click.echo(f"documents: {', '.join(f'{k} = {v}' for k, v in result['documents'].items())}; parent {result['parent']}")
    click.echo(f"{result['judged_items']} items judged, {result['gold_pairs']} gold links (high+medium rows)")
    click.echo(f"high+medium links: precision {hm.precision:.3f}  recall {hm.recall:.3f}  F1 {hm.f1:.3f}  (tp {hm.tp}, fp {hm.fp}, fn {hm.fn})")
    click.echo("precision-recall over the score threshold:")
    click.echo(format_table([{"t": f"{t:.2f}", "p": f"{s.precision:.3f}", "r": f"{s.recall:.3f}", "f": f"{s.f1:.3f}"} for t, s in result["curve"]],
                            [("t", "score ≥", 7), ("p", "precision", 9), ("r", "recall", 7), ("f", "F1", 6)]))
    if result["unmapped"]:
        click.echo(f"unmapped gold items: {', '.join(result['unmapped'])}", err=True)
    if errors:
        for kind, s, t in result["errors"]:
            click.echo(f"{kind}  {s}  →  {t}")


if __name__ == "__main__":
    main()
