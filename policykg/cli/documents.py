"""`policykg documents` and `policykg measures`: what a build holds, document by document."""

from __future__ import annotations

from pathlib import Path

import click

from policykg.cli.common import build_dir_option, find_document, format_option, open_corpus
from policykg.cli.present import derivation_tree, document_row, echo_rows, measure_row


@click.command(epilog="""\b
Examples:
  policykg documents
  policykg documents --tree          # parent plans → derivatives, then plan series
  policykg documents --json          # cited-only parents included, with each document's parents
""")
@build_dir_option
@format_option
@click.option("--tree", is_flag=True, help="Print the derivation tree (parent plans → derivatives).")
def documents(build_dir: Path, fmt: str, tree: bool) -> None:
    """List the documents of the build, and the parents they only cite."""
    corpus = open_corpus(build_dir)
    if tree:
        click.echo("\n".join(derivation_tree(corpus)))
        return
    rows = [document_row(d, corpus) for d in corpus.all_documents()]
    skipped = [p for p in corpus.problems if p.severity == "skipped"]
    if fmt == "json":
        # files or parts the build could not read are listed too, with the reason, so nothing disappears silently
        echo_rows(rows + [{"key": None, "skipped": True, "cited_only": False, "file": p.file, "reason": p.reason} for p in skipped], [], fmt)
        return
    rows = [r for r in rows if not r["cited_only"]]
    for r in rows:
        r["issuer"] = "、".join(i["name"] for i in r["issuers"] if i["role"] != "drafter")
        r["source"] = "; ".join(s["where"] for s in r["sources"])
    echo_rows(rows, [("key", "key", 20), ("wen_hao", "文号", 20), ("title", "title", 40), ("issuer", "issuers", 30), ("date", "date", 10),
                     ("level", "level", 15), ("jurisdiction", "jurisdiction", 8), ("measures", "measures", 8), ("source", "sources", 44)], fmt)
    if fmt == "table":
        click.echo(f"{len(rows)} documents; {len(corpus.cited_only)} more are only cited (see --json or --tree)")
        for p in skipped:
            click.echo(f"skipped {p.file}: {p.reason}")


@click.command(epilog="""\b
Examples:
  policykg measures 金发改规〔2023〕2号
  policykg measures 金发改规-2023-2 --json
""")
@click.argument("doc")
@build_dir_option
@format_option
def measures(doc: str, build_dir: Path, fmt: str) -> None:
    """List the measures of DOC (a document key or its 文号): number, title, owners, deadline, lines."""
    corpus = open_corpus(build_dir)
    d = find_document(corpus, doc)
    rows = [measure_row(m, corpus) for m in d.measures]
    if fmt == "json":
        echo_rows(rows, [], fmt, payload={"document": d.key, "title": d.title, "measures": rows})
        return
    for r in rows:
        r["owners_text"] = "、".join(o["text"] + ("(牵头)" if o["role"] == "lead" else "(配合)" if o["role"] == "supporting" else "") for o in r["owners"])
        r["lines"] = r["source"]["where"].removeprefix(r["source"]["file"]).strip()  # "lines 12-15", "p. 3, lines 120-131"
        r["deadline_text"] = "、".join(dict.fromkeys(r["deadline"])) + (f" →{r['due']}" if r["due"] else "")
        r["task_count"] = len(r["tasks"]) or ""
        r["body"] = r["title"] or r["text"]
    if fmt == "table":
        click.echo(f"{d.key}  {d.title}  ({len(rows)} measures)")
    echo_rows(rows, [("written_path", "number", 14), ("kind", "kind", 9), ("body", "title / text", 40), ("owners_text", "owners", 36),
                     ("deadline_text", "deadline", 14), ("task_count", "tasks", 5), ("lines", "where", 22)], fmt)
