"""A full `policykg build` on N copies of the bundled corpus: wall time, peak memory, triples.

    python benchmarks/build_scale.py --factor 10 [--factor 1 …]
    python benchmarks/build_scale.py --incremental --factor 100

Copy 0 is the corpus itself. Every further copy stands for another set of
districts and years: its years move on by the copy's number (dates, 文号 years,
deadlines, "2023年" in titles; past 60 copies its 文号 serials also move on by
200, so every 文号 is new), and its wording is re-spelled by a seeded substitution of the Chinese characters the
readers never look for: every Chinese run in a string literal of the loaders and
graph code and their data tables (every cue, numeral, unit and agency word) and
every place name the corpus uses stays as written; other wording is re-spelled
character by character with simplified characters outside those words. So a copy
is read exactly as the corpus is (same documents, measures, owners, tasks and
derivations, each linked within its own copy), while its measures share only
the kept vocabulary with other copies, as plans of other districts and years
do; copies of the same document are not verbatim duplicates that every
district measure would match. The build runs as a whole process (interpreter
start, every store, SHACL); the last line printed is
``factor N: build S s, peak RSS M MiB, triples T``.
"""

from __future__ import annotations

import argparse
import ast
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_NUMBER = re.compile(r"(〔\s*\d{4}\s*〕\s*)(\d{1,4})(\s*号)")
YEARS = 60  # copies move on by up to this many years (20xx stays a plausible year); further copies renumber their 文号
_HAN = re.compile(r"[\u4e00-\u9fff]+")


def _code_words() -> set[str]:
    """Chinese runs in the string literals of the loaders and graph code (docstrings excluded) and their data
    tables: every cue, numeral, unit, place and agency word the readers match."""
    words: set[str] = set()
    for path in [*(ROOT / "loaders").rglob("*.py"), *(ROOT / "graph").rglob("*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                      and node.body and isinstance(node.body[0], ast.Expr)}
        words.update(w for node in ast.walk(tree)
                     if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                     for w in _HAN.findall(node.value))
    for path in [*(ROOT / "graph" / "build" / "data").glob("*.json"), *(ROOT / "loaders" / "data").glob("*.json")]:
        words.update(_HAN.findall(path.read_text(encoding="utf-8")))
    return words


def respeller(texts: list[str]) -> tuple[re.Pattern[str], set[str], list[str]]:
    """What stays as written (the code's words, place names the texts use, single-character cues) and the
    characters other wording is re-spelled with (simplified, outside every kept word)."""
    from policykg.loaders.normalise import to_simplified

    words = _code_words()
    joined = "".join(texts)
    with (ROOT / "loaders" / "data" / "divisions.tsv").open(encoding="utf-8") as f:
        words.update(w for line in f for w in line.rstrip("\n").split("\t") if len(w) >= 2 and _HAN.fullmatch(w) and w in joined)
    long = sorted((w for w in words if len(w) >= 2), key=lambda w: (-len(w), w))
    singles = {w for w in words if len(w) == 1}
    kept_chars = {ch for w in words for ch in w}
    candidates = "".join(chr(c) for c in range(0x4E00, 0x9FA6))
    simplified = to_simplified(candidates)
    pool = [ch for ch, s in zip(candidates, simplified, strict=True) if ch == s and ch not in kept_chars]
    return re.compile("|".join(map(re.escape, long))), singles, pool


def respell(text: str, kept: re.Pattern[str], singles: set[str], table: dict[str, str]) -> str:
    out, last = [], 0
    for m in kept.finditer(text):
        out.append("".join(ch if ch in singles else table.get(ch, ch) for ch in text[last : m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append("".join(ch if ch in singles else table.get(ch, ch) for ch in text[last:]))
    return "".join(out)


def synthesize(factor: int, folder: Path, seed: int = 7) -> None:
    texts = {path.stem: path.read_text(encoding="utf-8") for path in sorted((ROOT / "corpus").glob("*.txt"))}
    kept, singles, pool = respeller(list(texts.values()))
    chars = sorted({ch for text in texts.values() for run in _HAN.findall(text) for ch in run} - singles)
    rng = random.Random(seed)
    for copy in range(factor):
        table = dict(zip(chars, rng.sample(pool, len(chars)), strict=True))
        for stem, text in texts.items():
            if copy:
                if copy >= YEARS:
                    text = _NUMBER.sub(lambda m, c=copy: f"{m.group(1)}{int(m.group(2)) + 200 * (c // YEARS)}{m.group(3)}", text)
                text = respell(_YEAR.sub(lambda m, c=copy: str(int(m.group(1)) + c % YEARS), text), kept, singles, table)
            (folder / f"{stem}~{copy}.txt").write_text(text, encoding="utf-8")


def run(factor: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        synthesize(factor, corpus)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "policykg", "build", "--quiet", "--corpus", str(corpus), "--build-dir", str(Path(tmp) / "out")],
                       check=True, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - t
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux; the largest child so far
        manifest = json.loads((Path(tmp) / "out" / "manifest.json").read_text(encoding="utf-8"))
        counts = manifest["counts"]
        from policykg.graph.store.backends.rdf import OxigraphBackend

        store = OxigraphBackend(Path(tmp) / "out" / "store", read_only=True)
        triples = len(store)
        store.close()
    note = "" if peak > before else " (peak not above an earlier run's)"
    return (f"factor {factor}: build {wall:.1f} s, peak RSS {peak / 1024:.0f} MiB{note}, triples {triples}"
            f" ({counts['documents']} documents, {counts['measures']} measures, {counts['implements']} implements)")


def _timed_build(corpus: Path, out: Path, *extra: str) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "policykg", "build", "--quiet", "--corpus", str(corpus), "--build-dir", str(out), *extra],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def _outputs(out: Path) -> dict[str, str]:
    return dict(json.loads((out / "manifest.json").read_text(encoding="utf-8"))["outputs"])


def incremental(factor: int) -> str:
    """A full build, then the rebuild after adding one document, changing one and removing one (each a whole
    process), each compared with a full build of the same corpus by the manifest's output hashes."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out, spare = Path(tmp) / "corpus", Path(tmp) / "out", Path(tmp) / "spare"
        corpus.mkdir()
        spare.mkdir()
        synthesize(factor + 1, spare)
        names = sorted(p.name for p in spare.iterdir())
        extra = [n for n in names if n.endswith(f"~{factor}.txt")][:1]  # one document of a copy not in the corpus
        for name in names:
            if name not in extra:
                (spare / name).rename(corpus / name)
        full = _timed_build(corpus, out)
        first = sorted(corpus.iterdir())[0]
        steps = {"add": lambda: (spare / extra[0]).rename(corpus / extra[0]),
                 "change": lambda: first.write_text(first.read_text(encoding="utf-8").replace("。", "；", 1), encoding="utf-8"),
                 "remove": lambda: (corpus / extra[0]).unlink()}
        times, identical = {}, True
        for step, change in steps.items():
            change()
            times[step] = _timed_build(corpus, out)
            _timed_build(corpus, Path(tmp) / f"full-{step}", "--full")
            identical = identical and _outputs(out) == _outputs(Path(tmp) / f"full-{step}")
    return (f"factor {factor} incremental: full {full:.1f} s, add {times['add']:.1f} s, change {times['change']:.1f} s, "
            f"remove {times['remove']:.1f} s, identical {'yes' if identical else 'no'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, action="append", help="copies of the corpus (repeatable; default 1 and 10)")
    parser.add_argument("--incremental", action="store_true", help="time rebuilds after one added, changed and removed document")
    args = parser.parse_args()
    for factor in sorted(args.factor or [1, 10]):  # ascending, so each peak RSS is its own
        print(incremental(factor) if args.incremental else run(factor), flush=True)


if __name__ == "__main__":
    main()
