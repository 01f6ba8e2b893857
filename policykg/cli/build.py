"""`policykg build`: the one command that reads raw documents."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import click

from policykg.cli.common import corpus_option
from policykg.cli.present import format_table
from policykg.ontology.records import Problem


@click.command(epilog="""\b
Examples:
  policykg build                                 # the bundled sample corpus into ./out
  policykg build --corpus my-docs/ --build-dir graphs/mine
  policykg build --strict                        # exit 2, keeping the previous build, if anything was skipped
""")
@corpus_option
@click.option("--build-dir", "--out", "build_dir", type=click.Path(path_type=Path, file_okay=False), envvar="POLICYKG_BUILD_DIR",
              default=Path("out"), show_default=True, show_envvar=True,
              help="The build folder to (re)place; the previous build stays until the new one is complete.")
@click.option("--strict", is_flag=True, help="Exit 2 and keep the previous build when any file or document was skipped, or SHACL finds a violation.")
@click.option("--quiet", is_flag=True, help="Print only the totals.")
@click.option("--scheduler", metavar="ADDRESS",
              help='Read the files on a Dask cluster: tcp://HOST:8786, or local:N for N local workers (pip install "policykg[dask]").')
@click.option("--full", is_flag=True, help="Read every file again (by default files unchanged since the previous build are taken from its cache).")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation of the RDF graph.")
@click.option("--max-file-mib", type=click.IntRange(1), envvar="POLICYKG_MAX_FILE_MIB", show_envvar=True, default=256, show_default=True,
              help="Skip (with a reason) a file larger than this on disk or inflated (a Word file's zip); the text a file "
                   "may give grows with it (12 MiB at the default).")
def build(corpus_dir: Path | None, build_dir: Path, strict: bool, quiet: bool, scheduler: str | None, full: bool, no_validate: bool,
          max_file_mib: int) -> None:
    """Read a corpus and write its graph (JSON outputs, RDF store, Cypher store) to the build folder.

    Any folder of text, web pages (.html), Word (.docx) and PDF files is read (README and hidden files ignored).
    """
    import os

    os.environ["POLICYKG_MAX_FILE_MIB"] = str(max_file_mib)  # read by the file readers, in this process and its workers
    from policykg.api import BuildError, default_corpus
    from policykg.api import build as run_build
    from policykg.graph.build.executor import SchedulerError
    from policykg.graph.store.buildfolder import BuildFolderError
    from policykg.graph.store.model import summary_rows

    t0 = time.perf_counter()
    source = corpus_dir if corpus_dir is not None else default_corpus()
    if not quiet:
        click.echo(f"building from {source}", err=True)

    def progress(message: str) -> None:
        if not quiet:
            click.echo(f"  {time.perf_counter() - t0:6.1f} s  {message}", err=True)

    try:
        result = run_build(source, build_dir, validate=not no_validate, strict=strict, progress=progress, full=full, scheduler=scheduler)
    except BuildError as exc:
        report_problems(exc.problems)
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(2) from None
    except (BuildFolderError, FileNotFoundError, SchedulerError) as exc:
        raise click.ClickException(str(exc)) from None
    corpus = result.corpus
    if not no_validate and (result.violations or not quiet):  # a failed validation is said even when quiet
        click.echo(f"SHACL: {'conforms' if not result.violations else 'does NOT conform'} ({result.violations} violations)")
        if result.violations:
            click.echo(f"  report written to {build_dir / 'shacl-report.txt'}", err=True)
    if not quiet:
        click.echo(f"RDF: {result.triples} triples in {build_dir / 'store'}")
        click.echo(f"property graph: {result.cypher_rows} rows in {build_dir / 'graph.lbug'} (embedded Cypher)")
    rows = summary_rows(corpus)
    if not quiet:
        click.echo(format_table(rows, [("key", "document", 22), ("title", "title", 44), ("sections", "sections", 8), ("measures", "measures", 8),
                                       ("owner_mentions", "owners", 6), ("citations", "citations", 9)]))
    total = {k: sum(int(str(r[k])) for r in rows) for k in ("measures", "owner_mentions", "citations")}
    formats = ", ".join(f"{n} {k}" for k, n in sorted(Counter(f.format for f in corpus.files).items()))
    click.echo(
        f"{len(corpus.files)} files ({formats}), {len(corpus.documents)} documents, {total['measures']} measures, "
        f"{total['owner_mentions']} owner mentions, {total['citations']} citations, "
        f"{len(corpus.agencies)} agencies ({sum(1 for a in corpus.agencies if a.unresolved)} unresolved) "
        f"in {time.perf_counter() - t0:.2f}s; build folder {build_dir}"
    )
    report_problems(corpus.problems, build_dir / "report.json", shown=0 if quiet else WARNINGS_SHOWN)


WARNINGS_SHOWN = 25  # a large corpus can have thousands (one per unresolved owner name): the report keeps them all


def report_problems(problems: Sequence[Problem], report: Path | None = None, shown: int = -1) -> None:
    """Warnings and skipped files on stderr: the first ``shown`` warnings (all the first WARNINGS_SHOWN by default),
    then a count of the rest by kind, pointing to the report that keeps them all."""
    shown = WARNINGS_SHOWN if shown < 0 else shown
    skipped = [p for p in problems if p.severity == "skipped"]
    warnings = [p for p in problems if p.severity != "skipped"]
    for p in warnings[:shown]:
        click.echo(f"warning: {p.file}: {p.reason}", err=True)
    if len(warnings) > shown:
        kinds = Counter("unresolved owner" if "unresolved owner" in p.reason else "truncated text" if "truncated text" in p.reason else "other"
                        for p in warnings[shown:])
        where = f"; all are in {report}" if report else ""
        lead = "… and " if shown else ""
        more = "more " if shown else ""
        click.echo(f"{lead}{len(warnings) - shown} {more}warnings ({', '.join(f'{n} {k}' for k, n in kinds.most_common())}){where}", err=True)
    if skipped:
        click.echo(f"skipped {len(skipped)} file(s)/part(s):", err=True)
        for p in skipped:
            click.echo(f"  {p.file}: {p.reason}", err=True)
