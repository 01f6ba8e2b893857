"""The Python API: build a graph from a corpus, open a built graph, run a saved query.

    >>> import policykg
    >>> result = policykg.build()                      # doctest: +SKIP
    >>> graph = policykg.open_build()                  # doctest: +SKIP
    >>> graph.corpus().get("沪府办规〔2023〕1号").title  # doctest: +SKIP
    >>> policykg.run_query("agency-load", jurisdiction="金山区")  # doctest: +SKIP

Only :func:`build` reads raw documents; everything else opens the build folder
(``./out`` unless ``POLICYKG_BUILD_DIR`` or an argument says otherwise).
Heavy libraries are imported inside the functions that use them.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas

    from policykg.graph.build.readcache import ReadCache
    from policykg.graph.store.model import PolicyGraph
    from policykg.graph.store.outputs import Build
    from policykg.ontology.records import Problem

BUILD_DIR_ENV = "POLICYKG_BUILD_DIR"
CORPUS_ENV = "POLICYKG_CORPUS"


class BuildError(Exception):
    """A build that must not replace the previous one (nothing read, or --strict and something skipped)."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


def bundled_corpus() -> Path:
    """The sample corpus shipped with policykg: inside the wheel, or corpus/ of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "corpus", here.parent / "corpus"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the bundled corpus is missing from this installation; give a corpus folder")


def default_build_dir() -> Path:
    return Path(os.environ.get(BUILD_DIR_ENV) or "out")


def default_corpus() -> Path:
    value = os.environ.get(CORPUS_ENV)
    return Path(value) if value else bundled_corpus()


@dataclass(frozen=True)
class BuildResult:
    folder: Path
    corpus_dir: Path
    corpus: PolicyGraph
    triples: int
    violations: int
    cypher_rows: int


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("policykg")
    except PackageNotFoundError:
        return "unknown"


def build(
    corpus_dir: str | Path | None = None,
    build_dir: str | Path | None = None,
    *,
    validate: bool = True,
    strict: bool = False,
    progress: Callable[[str], None] | None = None,
    full: bool = False,
    scheduler: str | None = None,
) -> BuildResult:
    """Read a corpus folder and replace the build folder with its graph (JSON, RDF store, Cypher store).

    The previous build stays in place when this fails, is interrupted, reads no
    document, or (``strict``) skips a file or finds a SHACL violation. Files unchanged since the previous build are
    taken from its read cache (``full`` reads every file again); the outputs are the same either way. ``scheduler``
    reads the files on a Dask cluster (``tcp://HOST:8786``, or ``local:N`` for a LocalCluster of N workers).
    """
    from policykg.graph.store.buildfolder import BuildFolderError, build_lock, check_target, resolve_target

    source = Path(corpus_dir) if corpus_dir is not None else default_corpus()
    target = resolve_target(Path(build_dir) if build_dir is not None else default_build_dir())
    check_target(target)  # before the slow part: a folder we may not replace fails at once …
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildFolderError(f"cannot create {target.parent}: {exc.strerror}") from None
    try:
        with build_lock(target):  # … and so does a second build, before either reads a file
            return _build(source, target, validate, strict, progress or (lambda _message: None), full, scheduler)
    finally:
        gc.unfreeze()


def _build(source: Path, target: Path, validate: bool, strict: bool, report: Callable[[str], None], full: bool = False,
           scheduler: str | None = None) -> BuildResult:
    from policykg.graph.build.executor import reader_for
    from policykg.graph.build.pipeline import build_corpus
    from policykg.graph.build.readcache import ReadCache
    from policykg.graph.store.buildfolder import is_build

    def say(message: str) -> None:
        # what earlier stages built lives to the end: out of the collector's sight, it is not traversed again by
        # every full collection (GC time at 50×: 10.9 s → 3.5 s); build() unfreezes when it returns
        gc.freeze()
        report(message)

    cache = ReadCache(None if full or not is_build(target) else target, target, lambda message: say(f"warning: {message}"))

    def file_read(path: Path, result: Any) -> None:
        measures = sum(len(d.measures) for d in result.documents)
        f = result.file
        extra = (f", {len(f.pages)} pages" if f.pages else "") + (f", {len(f.attachments)} attachment(s) linked, not fetched" if f.attachments else "")
        unchanged = " (unchanged: from the previous build)" if path in cache.hit_paths else ""
        say(f"read {path.name} ({f.format}{extra}): {len(result.documents)} document(s), {measures} measures{unchanged}")

    try:
        with reader_for(scheduler, say) as reader:
            corpus = build_corpus(source, file_read, say, cache, reader)
        return _build_with(source, target, validate, strict, say, corpus, cache)
    finally:
        cache.discard()  # moved into the new build when it succeeded; removed otherwise


def _build_with(source: Path, target: Path, validate: bool, strict: bool, say: Callable[[str], None], corpus: PolicyGraph,
                cache: ReadCache) -> BuildResult:
    from policykg.graph.store.background import Background
    from policykg.graph.store.buildfolder import staged_build
    from policykg.graph.store.outputs import SHACL_REPORT, write_manifest
    from policykg.graph.store.registry import store as store_named

    if cache.hits:
        say(f"{cache.hits} file(s) unchanged since the previous build, {cache.misses} read")
    skipped = [p for p in corpus.problems if p.severity == "skipped"]
    if not corpus.documents:
        raise BuildError(f"no document could be read from {source} ({len(corpus.files)} file(s), {len(skipped)} skipped); "
                         "the previous build is kept", corpus.problems)
    if strict and skipped:
        raise BuildError(f"--strict: {len(skipped)} file(s) or part(s) skipped; the previous build is kept", corpus.problems)
    with staged_build(target, locked=True) as staging:
        say("writing the JSON outputs and the property graph (in a second process) …")
        side = Background(lambda: _write_json_and_property_graph(corpus, staging))
        try:
            say("writing the RDF store …")
            rdf = store_named("sparql")
            store = rdf.opener(staging / rdf.path, False)
            triples = store.load(corpus)
            violations = 0
            if validate:
                from policykg.graph.store.validate import validate_store

                say("validating with SHACL …")
                v = validate_store(store.store)  # type: ignore[attr-defined]  # the RDF store's pyoxigraph Store
                violations = v.violations
                if not v.conforms:
                    (staging / SHACL_REPORT).write_text(v.report, encoding="utf-8")
                    if strict:
                        store.close()
                        raise BuildError(f"--strict: SHACL found {v.violations} violation(s); the previous build is kept")
            store.close()
            rows = side.result()
        except BaseException:
            side.cancel()
            raise
        write_manifest(staging, source, corpus, _version())
        cache.move_into(staging)
        say(f"replacing {target} …")
    return BuildResult(target, source, corpus, triples, violations, rows)


def _write_json_and_property_graph(corpus: Any, staging: Path) -> int:
    """The JSON outputs and every embedded store but the RDF one (the property graph, and any other a backend
    declares); returns the property graph's row count."""
    from policykg.graph.store.outputs import write_outputs
    from policykg.graph.store.registry import embedded

    write_outputs(corpus, staging)
    rows = 0
    for kind in embedded():
        if kind.name == "sparql":
            continue
        backend = kind.opener(staging / kind.path, False)
        written = backend.load(corpus)
        backend.close()
        rows = written if kind.name == "cypher" else rows
    return rows


def open_build(build_dir: str | Path | None = None) -> Build:
    """A built graph (raises policykg.graph.store.outputs.BuildNotFound when there is none)."""
    from policykg.graph.store.outputs import open_build as _open

    return _open(Path(build_dir) if build_dir is not None else default_build_dir())


def to_networkx(build_dir: str | Path | None = None) -> Any:
    """The built graph as a networkx MultiDiGraph (edge keys are relationship types; provenance on every edge)."""
    from policykg.graph.store.backends.nx import to_networkx as project

    return project(open_build(build_dir).corpus())


def run_query(name: str, engine: str = "sparql", build_dir: str | Path | None = None, **params: Any) -> pandas.DataFrame:
    """Run a saved query on a built graph; engine "sparql" (Oxigraph) or "cypher" (the embedded LadybugDB)."""
    from policykg.queries.run import run_on_build, typed_frame

    columns, rows = run_on_build(open_build(build_dir), name, engine, params)
    return typed_frame(columns, [list(r) for r in rows])
