"""Reading cost per file format: every corpus file (up to --max-kib) as text, Word, PDF and web page, made
from its text the way the tests make them.

    python benchmarks/formats.py [--repeat 5] [--corpus DIR] [--max-kib 100]

Prints, per file: its size, the median time to extract its lines (in process) and to read it to records,
and what it read to (documents, measures, owner mentions); then one whole `policykg build --no-validate`
of a folder that mixes the corpus files with the Word, PDF and web-page copies of the largest file
benchmarked, as a user waits for it.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.loaders.formats.make import docx_file, html_page, pdf_file  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--max-kib", type=int, default=100, help="skip larger files (a PDF of a whole compendium takes minutes to make)")
    args = parser.parse_args()
    from policykg.loaders import corpus_files
    from policykg.loaders.formats import extract
    from policykg.loaders.reader import load

    sources = [p for p in corpus_files(args.corpus) if p.suffix in (".txt", ".md") and p.stat().st_size <= args.max_kib * 1024]
    skipped = [p.name for p in corpus_files(args.corpus) if p not in sources]
    if skipped:
        print(f"not benchmarked (not text, or over {args.max_kib} KiB): {', '.join(skipped)}")
    work = Path(tempfile.mkdtemp(prefix="policykg-formats-"))
    try:
        files: list[Path] = []
        for source in sources:
            label, text = source.stem, source.read_text(encoding="utf-8")
            files.append(shutil.copy(source, work / f"{label}.txt"))
            files.append(docx_file(text, work / f"{label}.docx"))
            files.append(pdf_file(text, work / f"{label}.pdf", running_header="金山区人民政府文件"))
            page = work / f"{label}.html"
            page.write_text(html_page(text, {}, ""), encoding="utf-8")
            files.append(page)
        print(f"{'file':<28}{'KiB':>8}{'extract ms':>12}{'read ms':>10}{'docs':>6}{'measures':>10}{'owners':>8}")
        for path in files:
            ext, rd = [], []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                extract(path)
                ext.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                result = load(path)
                rd.append(time.perf_counter() - t0)
            measures = sum(len(d.measures) for d in result.documents)
            owners = sum(len(m.owners) for d in result.documents for m in d.measures)
            print(f"{path.name:<28}{path.stat().st_size / 1024:>8.0f}{statistics.median(ext) * 1000:>12.0f}"
                  f"{statistics.median(rd) * 1000:>10.0f}{len(result.documents):>6}{measures:>10}{owners:>8}")
        mixed = work / "mixed"
        shutil.copytree(args.corpus, mixed, ignore=shutil.ignore_patterns("README*"))
        largest = max(sources, key=lambda p: p.stat().st_size).stem
        for path in files:
            if path.suffix != ".txt" and path.stem == largest:
                shutil.copy(path, mixed / path.name)
        t0 = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "policykg", "build", "--corpus", str(mixed), "--build-dir", str(work / "out"),
                              "--no-validate", "--quiet"], capture_output=True, text=True, check=True)
        wall = time.perf_counter() - t0
        print(f"policykg build --no-validate, the corpus + docx, pdf and html copies of {largest}: {wall:.2f} s wall")
        print("  " + run.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
