"""`policykg view`: interactive views of the build as self-contained HTML pages."""

from __future__ import annotations

from pathlib import Path

import click

from policykg.cli.common import build_dir_option, find_document, open_corpus


@click.command("view", epilog="""\b
Examples:
  policykg view trace 金发改规〔2023〕2号 二（一）2 --out trace.html
  policykg view agencies --jurisdiction 金山区 --out agencies.html
  policykg view lineage 金发改规〔2023〕2号 --out lineage.html
  policykg view overview --out overview.html
  policykg view coverage 沪府办规〔2023〕1号 --out coverage.html
""")
@click.argument("kind", metavar="KIND")
@click.argument("args", nargs=-1)
@click.option("--out", "out_file", type=click.Path(path_type=Path, dir_okay=False), required=True, help="The HTML file to write.")
@click.option("--jurisdiction", help="agencies: only this jurisdiction.")
@click.option("--limit", type=click.IntRange(1, 10000), default=40, show_default=True, help="agencies: how many to rank (the page says when there are more).")
@build_dir_option
def view_command(kind: str, args: tuple[str, ...], out_file: Path, jurisdiction: str | None, limit: int, build_dir: Path) -> None:
    """Write an interactive view (one self-contained HTML file that works offline).

    KIND: trace MEASURE (key, DOC + number path, or text); agencies [--jurisdiction J] [--limit N]; lineage [DOC … to expand];
    overview; coverage [MUNICIPAL DOC] (municipal measures × derivative documents; default: the plan with most
    derivatives); or any other view the installed policykg declares (queries/views).
    Every page has a search box (title, 文号, agency, measure text) and filters; click a node or a link for its details.
    """
    from policykg.queries.views.common import write_view
    from policykg.queries.views.registry import all_views

    known = all_views()
    if kind != "coverage" and kind not in known:
        raise click.UsageError(f"unknown view {kind!r}: use {', '.join([*known, 'coverage'])}")
    corpus = open_corpus(build_dir)
    if kind == "coverage":
        from policykg.graph.store.atomic import write_atomically
        from policykg.queries.coverage import coverage_html, parents_with_derivatives

        parents = parents_with_derivatives(corpus)
        parent = find_document(corpus, args[0]) if args else (parents[0] if parents else None)
        if parent is None or parent.key not in {p.key for p in parents}:
            names = ", ".join(str(p.doc_number or p.key) for p in parents[:8])
            raise click.ClickException(f"no document of this build derives from {args[0] if args else 'any plan'}; plans with derivatives: {names}")
        write_atomically(out_file, coverage_html(corpus, parent).encode("utf-8"))
        click.echo(f"wrote {out_file} ({out_file.stat().st_size // 1024} KiB, works offline)")
        return
    try:
        net, heading = known[kind].make(corpus, args, {"jurisdiction": jurisdiction, "limit": limit})
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    write_view(net, kind, out_file, heading)
    click.echo(f"wrote {out_file} ({len(net.get_nodes())} nodes, {out_file.stat().st_size // 1024} KiB, works offline)")


@click.command("site", epilog="""\b
Examples:
  policykg site --out site/          # then open site/index.html in a browser (no server needed)
""")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), required=True, help="The folder to write (replaced whole).")
@build_dir_option
def site_command(out_dir: Path, build_dir: Path) -> None:
    """Write the build as a static site: a page per document, measure, agency and place, with search, CSV and print.

    Every page has a stable address from its record's key (d/文号.html, m/…, a/…, p/…), so links can be shared;
    the folder opens from disk and fetches nothing. A failed run leaves the previous site as it was.
    """
    from policykg.queries.site import write_site

    corpus = open_corpus(build_dir)
    try:
        summary = write_site(corpus, out_dir)
    except FileExistsError as exc:
        raise click.ClickException(str(exc)) from None
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(summary.by_kind.items()))
    click.echo(f"wrote {summary.out} ({summary.pages} pages: {kinds}); open {summary.out / 'index.html'}")
