"""The build folder's JSON outputs and manifest: written once by a build, read by everything else.

Only a build reads raw documents. Commands, saved queries, views and the
Python API open a build folder instead: the JSON outputs decode back into the
domain records (:func:`read_outputs`), and ``manifest.json`` records which
corpus the build read, so readers can say when it has changed since.
Outputs are written with sorted keys and no timestamps: the same corpus always
gives byte-identical files.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policykg.graph.store.model import PolicyGraph, summary_rows
from policykg.ontology.records import (
    Agency,
    DocLink,
    Document,
    Implements,
    IssuedBy,
    Jurisdiction,
    OwnedBy,
    Problem,
    SharedText,
    SourceFile,
    from_plain,
    to_plain,
)

MANIFEST = "manifest.json"
GENERATOR = "policykg"
# Format history: 2 implements evidence as objects (EvidenceSpan); 3 shared_text, jurisdiction paths;
# 4 source files with format and pages; 5 annex tasks, resolved deadlines, targets.
FORMAT = 5
OUTPUT_FILES = ("documents.json", "agencies.json", "links.json", "report.json")
SHACL_REPORT = "shacl-report.txt"  # written only when the store does not conform


class BuildNotFound(FileNotFoundError):
    """No usable build folder where one was expected."""


def _dump(payload: Any) -> bytes:
    return (json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def write_outputs(corpus: PolicyGraph, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    payloads = {
        "documents.json": [to_plain(d) for d in corpus.all_documents()],
        "agencies.json": [to_plain(a) for a in corpus.agencies],
        "links.json": {
            "owned_by": [to_plain(x) for x in corpus.owned_by],
            "issued_by": [to_plain(x) for x in corpus.issued_by],
            "documents": [to_plain(x) for x in corpus.doc_links],
            "implements": [to_plain(x) for x in corpus.implements],
            "shared_text": [to_plain(x) for x in corpus.shared_text],
            "gaps": corpus.gaps,
            "jurisdictions": [to_plain(x) for x in corpus.jurisdictions],
        },
        "report.json": {
            "files": [to_plain(f) for f in corpus.files],
            "problems": [to_plain(p) for p in corpus.problems],
            "summary": summary_rows(corpus),
            "agencies": len(corpus.agencies),
            "unresolved_agencies": sum(1 for a in corpus.agencies if a.unresolved),
        },
    }
    paths = []
    for name in OUTPUT_FILES:
        p = out / name
        p.write_bytes(_dump(payloads[name]))
        paths.append(p)
    return paths


def read_outputs(folder: Path) -> PolicyGraph:
    """The records of a build folder (the inverse of :func:`write_outputs`)."""
    data = {name: json.loads((folder / name).read_bytes()) for name in OUTPUT_FILES}
    documents = [from_plain(Document, d) for d in data["documents.json"]]
    links, report = data["links.json"], data["report.json"]
    return PolicyGraph(
        documents=tuple(d for d in documents if not d.cited_only),
        cited_only=tuple(d for d in documents if d.cited_only),
        problems=tuple(from_plain(Problem, p) for p in report["problems"]),
        files=tuple(from_plain(SourceFile, f) for f in report["files"]),
        agencies=tuple(from_plain(Agency, a) for a in data["agencies.json"]),
        owned_by=tuple(from_plain(OwnedBy, x) for x in links["owned_by"]),
        issued_by=tuple(from_plain(IssuedBy, x) for x in links["issued_by"]),
        doc_links=tuple(from_plain(DocLink, x) for x in links["documents"]),
        implements=tuple(from_plain(Implements, x) for x in links["implements"]),
        gaps={k: tuple(v) for k, v in links["gaps"].items()},
        shared_text=tuple(from_plain(SharedText, x) for x in links["shared_text"]),
        jurisdictions=tuple(from_plain(Jurisdiction, x) for x in links.get("jurisdictions", ())),
    )


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fingerprint(corpus_dir: Path, files: Sequence[str]) -> dict[str, Any]:
    """What a build read: the corpus folder and each file's size and hash."""
    return {
        "folder": str(corpus_dir.resolve()),
        "files": [{"name": n, "bytes": (corpus_dir / n).stat().st_size, "sha256": _sha256(corpus_dir / n)} for n in files],
    }


def write_manifest(folder: Path, corpus_dir: Path, corpus: PolicyGraph, version: str) -> Path:
    """Written last: a folder is a complete policykg build exactly when it has a manifest."""
    manifest = {
        "generator": GENERATOR,
        "format": FORMAT,
        "version": version,
        "corpus": fingerprint(corpus_dir, [f.name for f in corpus.files]),
        "outputs": {name: _sha256(folder / name) for name in OUTPUT_FILES},
        "counts": {
            "documents": len(corpus.documents),
            "cited_only": len(corpus.cited_only),
            "measures": sum(len(d.measures) for d in corpus.documents),
            "agencies": len(corpus.agencies),
            "implements": len(corpus.implements),
        },
    }
    path = folder / MANIFEST
    path.write_bytes(_dump(manifest))
    return path


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """The manifest of a policykg build folder, or None when ``folder`` is not one."""
    try:
        manifest = json.loads((folder / MANIFEST).read_bytes())
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) and manifest.get("generator") == GENERATOR else None


@dataclass
class Build:
    """An opened build folder. Its records are read on first use; the stores are opened by the callers.

    ``folder`` is the folder as named (for messages); ``root`` is where its files are read. Where the
    system allows it (Linux), ``root`` goes through a descriptor held open on the folder, so every read
    comes from the build that was opened even if a new build replaces the folder meanwhile.
    """

    folder: Path
    root: Path
    manifest: dict[str, Any]
    _corpus: PolicyGraph | None = field(default=None, repr=False)

    def path_of(self, engine: str) -> Path:
        """Where the build keeps an embedded store (graph.store.registry names them)."""
        from policykg.graph.store.registry import store

        return self.root / store(engine).path

    @property
    def store(self) -> Path:
        """The embedded RDF store."""
        return self.path_of("sparql")

    @property
    def corpus_dir(self) -> Path:
        return Path(self.manifest["corpus"]["folder"])

    def corpus(self) -> PolicyGraph:
        if self._corpus is None:
            try:
                corpus = read_outputs(self.root)
            except (KeyError, TypeError, ValueError) as exc:
                raise BuildNotFound(f"{self.folder} could not be read ({exc!r}): run `policykg build` again") from None
            except OSError:  # the build this reader pinned was removed by two later builds (the second deletes the first)
                raise BuildNotFound(f"the build of {self.folder} this reader opened has since been replaced and removed: "
                                    "open the folder again (policykg.open_build) to read the current build") from None
            if self.root == self.folder and read_manifest(self.folder) != self.manifest:  # not pinned, and replaced meanwhile
                raise BuildNotFound(f"{self.folder} was replaced by a new build while it was read: run the command again")
            self._corpus = corpus
        return self._corpus

    def changes(self, corpus_files: Callable[[Path], list[Path]]) -> list[str]:
        """How the corpus folder differs from what the build read (empty when it does not); ``corpus_files`` lists
        the files of a folder a build reads (the reader's :func:`policykg.loaders.corpus_files`)."""
        folder = self.corpus_dir
        if not folder.is_dir():
            return [f"the corpus folder {folder} is gone"]
        built = {f["name"]: f for f in self.manifest["corpus"]["files"]}
        now = {p.name: p for p in corpus_files(folder)}
        out = [f"{n} is new" for n in sorted(set(now) - set(built))]
        out += [f"{n} was removed" for n in sorted(set(built) - set(now))]
        for name in sorted(set(now) & set(built)):
            path, before = now[name], built[name]
            if path.stat().st_size != before["bytes"] or _sha256(path) != before["sha256"]:
                out.append(f"{name} changed")
        return out


_PINNED: dict[tuple[int, int], int] = {}  # (device, inode) of an opened build folder → the descriptor that pins it


def _pin(folder: Path) -> Path:
    """A path to ``folder`` that keeps naming this very folder after a rename (Linux), else ``folder``.

    One descriptor per build folder ever opened by this process (reused when the same build is opened again),
    kept open so that stores opened through it stay readable for the life of the process.
    """
    if not Path("/proc/self/fd").is_dir():
        return folder
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return folder
    st = os.fstat(fd)
    key = (st.st_dev, st.st_ino)
    if key in _PINNED:
        os.close(fd)
        fd = _PINNED[key]
    else:
        _PINNED[key] = fd
    return Path(f"/proc/self/fd/{fd}")


def open_build(folder: Path) -> Build:
    root = _pin(folder)
    manifest = read_manifest(root)
    if manifest is None:
        what = "does not exist" if not folder.exists() else "is not a complete policykg build"
        raise BuildNotFound(f"{folder} {what}: run `policykg build` first (or point --build-dir / POLICYKG_BUILD_DIR at a build)")
    if manifest.get("format") != FORMAT:
        raise BuildNotFound(f"{folder} was written by another version of policykg (format {manifest.get('format')}): run `policykg build` again")
    return Build(folder, root, manifest)
