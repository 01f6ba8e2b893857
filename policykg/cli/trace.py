"""`policykg trace` and `policykg eval`: district measures and their municipal sources."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from policykg.cli.common import build_dir_option, find_document, format_option, open_corpus
from policykg.cli.present import echo_rows, format_table, to_json
from policykg.ontology.records import to_plain


@click.command("trace", epilog="""\b
Examples:
  policykg trace 金发改规〔2023〕2号 二（一）2      # a document and a number path
  policykg trace 金发改规-2023-2/2.1.2             # a measure key
  policykg trace 一网通办                          # a text snippet
  policykg trace --document 嘉发改规〔2023〕2号 --format csv
""")
@click.argument("measure", nargs=-1)
@build_dir_option
@click.option("--document", "document_ref", help="Trace every measure of this document (key or 文号).")
@click.option("--all", "show_low", is_flag=True, help="Also show low-confidence (possible) sources.")
@format_option
def trace_command(measure: tuple[str, ...], build_dir: Path, document_ref: str | None, show_low: bool, fmt: str) -> None:
    """Trace MEASURE to its municipal source(s): a measure key, a document and number path, or a text snippet."""
    from policykg.queries.trace import find_measures, highlight, trace, trace_document

    corpus = open_corpus(build_dir)
    bands = ("high", "medium", "low") if show_low else ("high", "medium")
    if document_ref:
        d = find_document(corpus, document_ref)
        rows = trace_document(corpus, d, bands)
        table = []
        for r in rows:
            src = r["sources"][0] if r["sources"] else None
            table.append({"number": r["number"], "title": r["title"], "lines": r["source"]["where"].removeprefix(r["source"]["file"]).strip(),
                          "source": f"{src['document']} {src['number']}" if src else "— local",
                          "score": f"{src['score']:.2f} {src['confidence']}" if src else "",
                          "more": f"+{len(r['sources']) - 1}" if len(r["sources"]) > 1 else ""})
        if fmt == "table":
            click.echo(f"{d.key}  {d.title}")
        echo_rows(table, [("number", "number", 14), ("title", "title", 30), ("lines", "where", 22), ("source", "municipal source", 30),
                          ("score", "score", 12), ("more", "", 4)], fmt, payload={"document": d.key, "title": d.title, "measures": rows})
        return
    if not measure:
        raise click.UsageError("give a MEASURE (key, DOC and number path, or text) or --document DOC")
    found = find_measures(corpus, list(measure))
    if not found:
        raise click.ClickException(f"no measure matches {' '.join(measure)!r}")
    if len(found) > 1 and fmt == "table":
        click.echo(f"{len(found)} measures match; tracing the first. Others:", err=True)
        for u in found[1:10]:
            click.echo(f"  {u.key}  {u.number}  {u.title}", err=True)
    result = trace(corpus, found[0], bands)
    if fmt != "table":
        click.echo(to_json(result))
        return
    color = sys.stdout.isatty()
    mark = (lambda t: click.style(t, fg="green", bold=True)) if color else (lambda t: f"【{t}】")

    def excerpt(text: str, start: int, end: int) -> str:
        lead = min(12, start)
        return highlight(text[start - lead: end + 12], [(lead, lead + end - start)], mark)

    def show(node: dict[str, Any], text: str, depth: int) -> None:
        pad = "  " * depth
        for src in node["sources"]:
            click.echo(f"{pad}└─ implements {src['document_title']} {src['wen_hao'] or ''} {src['number']} {src['title']}")
            click.echo(f"{pad}   {src['key']}  {src['source']['where']}")
            click.echo(f"{pad}   score {src['score']:.2f} ({src['confidence']}), {src['method']}, {src['relation']}"
                       + (f": {src['comparison']}" if src.get("comparison") else ""))
            if src.get("diff"):
                d = src["diff"]
                click.echo(f"{pad}   kept {d['kept_share']:.0%} of its wording from the source ({d['covered_share']:.0%} of the source's)"
                           + "".join(f"; added «{a['text'][:24]}» l.{a['district_line']}" for a in d["added"][:2])
                           + "".join(f"; dropped «{x['text'][:24]}» l.{x['municipal_line']}" for x in d["dropped"][:2]))
            for ev in src["evidence"]:
                s, t = ev["source"], ev["target"]
                # the measure over its source: a district's over the city's, a city's over its province's
                click.echo(f"{pad}   ┌ measure l.{s['line']}: " + excerpt(text, s["start"], s["end"]))
                click.echo(f"{pad}   └ source  l.{t['line']}: " + excerpt(src["text"], t["start"], t["end"]))
            show(src, src["text"], depth + 1)

    click.echo(f"{result['document_title']} {result['wen_hao'] or ''} {result['number']} {result['title']}")
    click.echo(f"{result['key']}  {result['source']['where']}")
    if not result["sources"]:
        click.echo("no source found in a higher-level plan: a local measure" + ("" if show_low else " (try --all for low-confidence leads)"))
    show(result, result["text"], 0)
    for other in result["shares_text"]:
        click.echo(f"~  shares wording with {other['document_title']} {other['wen_hao'] or ''} {other['number']} {other['title']}"
                   f" (not a source: {other['reason']})")


@click.command("eval", epilog="""\b
Examples:
  policykg eval --gold tests/fixtures/eval/implements-dev.tsv --errors
  policykg eval --gold tests/fixtures/eval/implements-dev.tsv --sweep cosine=0.10,0.12,0.14
""")
@click.option("--gold", type=click.Path(path_type=Path, exists=True, dir_okay=False), required=True, help="Gold links (the format of implements-dev.tsv).")
@click.option("--measures", "measures_file", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="Municipal measure ids and line ranges (default: municipal-measures.tsv beside --gold).")
@build_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--errors", is_flag=True, help="List false positives and false negatives.")
@click.option("--sweep", metavar="NAME=V1,V2,…",
              help="Align the build's documents again with one threshold of graph/build/params.py at each value, and score each.")
def eval_command(gold: Path, measures_file: Path | None, build_dir: Path, as_json: bool, errors: bool, sweep: str | None) -> None:
    """Precision, recall and F1 of implements links (high+medium) against a gold key, and the curve over the score."""
    from policykg.graph.build.evaluate import evaluate

    measures_file = measures_file or gold.with_name("municipal-measures.tsv")
    if not measures_file.exists():
        raise click.ClickException(f"municipal measure ids not found: {measures_file} (give --measures)")
    corpus = open_corpus(build_dir)
    if sweep:
        from policykg.graph.build.evaluate import sweep as run_sweep

        try:
            rows = run_sweep(corpus, gold, measures_file, sweep)
        except (ValueError, KeyError) as exc:
            raise click.ClickException(f"cannot sweep: {exc}") from None
        name = sweep.partition("=")[0].strip()
        click.echo(format_table([{"v": v, "p": f"{x.precision:.3f}", "r": f"{x.recall:.3f}", "f": f"{x.f1:.3f}", "n": f"{x.tp}/{x.fp}/{x.fn}"}
                                 for v, x in rows],
                                [("v", name, max(8, len(name))), ("p", "precision", 9), ("r", "recall", 7), ("f", "F1", 6), ("n", "tp/fp/fn", 10)]))
        return
    try:
        result = evaluate(corpus, gold, measures_file)
    except (ValueError, KeyError) as exc:
        raise click.ClickException(f"cannot evaluate: {exc}") from None
    hm = result.high_medium
    if as_json:
        plain = to_plain(result)
        plain["curve"] = [{"threshold": t, **to_plain(s)} for t, s in result.curve]
        plain["held_out"] = [{"district": d, "threshold": t, **to_plain(s)} for d, t, s in result.held_out]
        click.echo(to_json(plain))
        return
    click.echo(f"documents: {', '.join(f'{k} = {v}' for k, v in result.documents.items())}; parent {result.parent}")
    click.echo(f"{result.judged_items} items judged, {result.gold_pairs} gold links (high+medium rows)")
    click.echo(f"high+medium links: precision {hm.precision:.3f}  recall {hm.recall:.3f}  F1 {hm.f1:.3f}  (tp {hm.tp}, fp {hm.fp}, fn {hm.fn})")
    click.echo("precision-recall over the score threshold:")
    click.echo(format_table([{"t": f"{t:.2f}", "p": f"{s.precision:.3f}", "r": f"{s.recall:.3f}", "f": f"{s.f1:.3f}"} for t, s in result.curve],
                            [("t", "score ≥", 7), ("p", "precision", 9), ("r", "recall", 7), ("f", "F1", 6)]))
    if result.held_out_total is not None:
        ho = result.held_out_total
        click.echo(f"leave one district out (score threshold fitted on the others): precision {ho.precision:.3f}  recall {ho.recall:.3f}  "
                   f"F1 {ho.f1:.3f}  (tp {ho.tp}, fp {ho.fp}, fn {ho.fn}); the rules' own thresholds were set on the whole key")
        click.echo(format_table([{"d": d, "t": f"{t:.3f}", "p": f"{x.precision:.3f}", "r": f"{x.recall:.3f}", "f": f"{x.f1:.3f}"}
                                 for d, t, x in result.held_out],
                                [("d", "held out", 16), ("t", "score ≥", 7), ("p", "precision", 9), ("r", "recall", 7), ("f", "F1", 6)]))
    if result.unmapped:
        click.echo(f"unmapped gold items: {', '.join(result.unmapped)}", err=True)
    if errors:
        for kind, s, t in result.errors:
            click.echo(f"{kind}  {s}  →  {t}")
