"""Each file's reading, kept in the build folder and used again while the file and the reader are unchanged.

Reading a file is a pure function of its bytes, its name (provenance names the file) and the reader's code and data;
its result (a LoadResult) is stored under a hash of exactly those, in ``cache/read/`` of the build folder. A rebuild
reads only the new and changed files and takes the others from the previous build's cache; an entry is carried into
the new build only when a file of the corpus still uses it, so what a removed or changed file contributed is dropped.
An entry that cannot be read back (corrupt, written by another version, or not ours) is ignored with a warning and
the file is read again: the cache can make a build faster, never different.

The new entries are written to a folder beside the build folder while the corpus is read, and moved into the new
build when it is swapped in; a failed build removes them.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path

from policykg.loaders.reader import LoadResult

CACHE = "cache"  # the folder of the build folder that holds the cache
_READ = "read"
_MAGIC = b"policykg-read-cache 1\n"


@cache
def reader_version() -> str:
    """A hash of everything reading depends on besides the file: the loaders' code and data, the Python version
    (pickles), and the file-size limits in force."""
    h = hashlib.sha256(f"{sys.version_info[:2]}|{os.environ.get('POLICYKG_MAX_FILE_MIB', '')}".encode())
    root = resources.files("policykg.loaders")
    stack = [root]
    found = []
    while stack:
        for entry in stack.pop().iterdir():
            if entry.is_dir():
                if entry.name != "__pycache__":
                    stack.append(entry)
            elif entry.name.endswith((".py", ".json", ".tsv")):
                found.append(entry)
    for entry in sorted(found, key=lambda e: str(e)):
        h.update(str(entry).split("loaders", 1)[-1].encode())
        h.update(entry.read_bytes())
    return h.hexdigest()


class ReadCache:
    """The cache of one build: entries found in the previous build's, and the ones this build writes."""

    def __init__(self, previous: Path | None, beside: Path, warn: Callable[[str], None] = lambda _m: None) -> None:
        self.previous = previous / CACHE / _READ if previous is not None and (previous / CACHE / _READ).is_dir() else None
        for stale in beside.parent.glob(f".{beside.name}.cache-*"):  # a killed build's (the build lock is held here)
            if stale.is_dir() and not stale.is_symlink() and all(p.suffix == ".pickle" for p in stale.iterdir()):
                shutil.rmtree(stale, ignore_errors=True)
        self.folder = Path(tempfile.mkdtemp(prefix=f".{beside.name}.cache-", dir=beside.parent))
        mask = os.umask(0)
        os.umask(mask)
        self.folder.chmod(0o777 & ~mask)  # as readable as the rest of the build folder
        self.warn = warn
        self._keys: dict[Path, str] = {}
        self.hits = 0
        self.misses = 0
        self.hit_paths: set[Path] = set()

    def key(self, path: Path) -> str:
        if path in self._keys:
            return self._keys[path]
        h = hashlib.sha256(reader_version().encode())
        h.update(path.name.encode("utf-8", "surrogateescape"))
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        self._keys[path] = h.hexdigest()
        return self._keys[path]

    def get(self, path: Path) -> LoadResult | None:
        """The previous reading of this file, when its bytes, name and the reader are unchanged."""
        key = self.key(path)
        entry = self.previous / f"{key}.pickle" if self.previous is not None else None
        if entry is None or not entry.is_file():
            self.misses += 1
            return None
        try:
            data = entry.read_bytes()
            head = _MAGIC + key.encode() + b"\n"
            if not data.startswith(head):
                raise ValueError("not an entry for this file")
            result = pickle.loads(data[len(head):])
            if not isinstance(result, LoadResult):
                raise ValueError("not a reading")
        except Exception as exc:  # noqa: BLE001 - any failure to read an entry back means: read the file again
            self.warn(f"{path.name}: cache entry {entry.name} ignored ({exc}); the file is read again")
            self.misses += 1
            return None
        self._keep(entry, key)
        self.hits += 1
        self.hit_paths.add(path)
        return result

    def put(self, path: Path, result: LoadResult) -> None:
        key = self.key(path)
        data = _MAGIC + key.encode() + b"\n" + pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        (self.folder / f"{key}.pickle").write_bytes(data)

    def _keep(self, entry: Path, key: str) -> None:
        target = self.folder / f"{key}.pickle"
        try:
            os.link(entry, target)  # the previous build's entry, shared rather than copied
        except OSError:
            shutil.copyfile(entry, target)

    def move_into(self, staging: Path) -> None:
        """Make the entries part of the new build (``staging`` is the folder that will replace the build)."""
        (staging / CACHE).mkdir(exist_ok=True)
        os.rename(self.folder, staging / CACHE / _READ)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
