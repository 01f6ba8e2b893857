"""Options shared by the commands, and opening the build folder they read."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from policykg.api import BUILD_DIR_ENV, CORPUS_ENV

if TYPE_CHECKING:
    from policykg.graph.store.model import PolicyGraph
    from policykg.graph.store.outputs import Build
    from policykg.ontology.records import Document

F = TypeVar("F", bound=Callable[..., Any])


def build_dir_option(f: F) -> F:
    return click.option(
        "--build-dir", "build_dir", type=click.Path(path_type=Path, file_okay=False), envvar=BUILD_DIR_ENV,
        default=Path("out"), show_default=True, show_envvar=True,
        help="The build folder written by `policykg build`.",
    )(f)


def corpus_option(f: F) -> F:
    return click.option(
        "--corpus", "corpus_dir", type=click.Path(path_type=Path, file_okay=False), envvar=CORPUS_ENV,
        default=None, show_envvar=True,
        help="Folder of documents to read (text, .html, .docx, .pdf)  [default: the bundled sample corpus]",
    )(f)


def format_option(f: F) -> F:
    """--format table|json|csv, with --json as its shorthand."""

    @click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
                  help="Output format.")
    @click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
    @functools.wraps(f)
    def wrapper(*args: Any, fmt: str, as_json: bool, **kwargs: Any) -> Any:
        return f(*args, fmt="json" if as_json else fmt, **kwargs)

    return wrapper  # type: ignore[return-value]


def open_graph(build_dir: Path) -> Build:
    """The build folder, with a note on stderr when the corpus it read has changed since."""
    from policykg.graph.store.outputs import BuildNotFound, open_build

    try:
        build = open_build(build_dir)
    except BuildNotFound as exc:
        raise click.ClickException(str(exc)) from None
    from policykg.loaders import corpus_files

    changes = build.changes(corpus_files)
    if changes:
        shown = "; ".join(changes[:3]) + (f"; {len(changes) - 3} more" if len(changes) > 3 else "")
        click.echo(f"note: the corpus changed since the build in {build_dir} ({shown}); run `policykg build` to update", err=True)
    return build


def open_corpus(build_dir: Path) -> PolicyGraph:
    return open_graph(build_dir).corpus()


def find_document(corpus: PolicyGraph, ref: str) -> Document:
    d = corpus.get(ref)
    if d is None:
        known = ", ".join(x.key for x in corpus.documents[:6])
        raise click.ClickException(f"no document with key or 文号 {ref!r} (see `policykg documents`; keys look like {known} …)")
    return d
