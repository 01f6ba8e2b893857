"""Hostile input: how long `policykg build` takes, and how much memory, on files made to be costly.

    python benchmarks/hostile.py [--only measures|text|docx] [--limit-s 300]

Each case is a one-file corpus built by a separate `policykg build` process (the command a user runs), timed
as a whole, with its peak memory (the child's maximum resident set). Cases:

- measures: a plan of 20,000 numbered measures, each with two owners (each owner was checked against every
  owner found so far, and numbers of four digits were not read);
- text: a 60 MB text file of wrapped lines (lines were re-joined by concatenating ever-longer text);
- docx: a 3 MB Word file whose document.xml inflates to 1 GB (it was inflated whole).

The targets of the hostile-input issue: each case finishes (read, or skipped with a reason) within 60 s and
2 GiB (measures: within 120 s, with all 20,000 read).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

OWNERS = ("区发改委", "区财政局", "区商务委", "区科委", "区市场监管局", "区人社局", "区建管委", "区规划资源局")


def make_measures(folder: Path, n: int = 20000) -> Path:
    lines = ["金山区测试行动方案", "", "一、主要任务"]
    for i in range(1, n + 1):
        lines.append(f"{i}.推进第{i}项改革。加强管理，优化服务，提升效能。（责任单位：{OWNERS[i % 8]}、{OWNERS[(i * 3) % 8]}）")
    path = folder / "measures.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def make_text(folder: Path, mib: int = 60) -> Path:
    """Wrapped lines with no sentence end: every line continues the one before."""
    line = "推进政务服务标准化规范化便利化建设持续优化营商环境提升企业和群众办事体验" * 2 + "\n"
    path = folder / "wrapped.txt"
    with path.open("w", encoding="utf-8") as f:
        f.write("金山区测试行动方案\n\n一、主要任务\n1.")
        size, target = 0, mib << 20
        while size < target:
            f.write(line * 1000)
            size += len(line.encode("utf-8")) * 1000
    return path


def make_docx(folder: Path, gib: float = 1.0) -> Path:
    """A Word file whose document.xml inflates to about ``gib`` GiB (one paragraph repeated)."""
    path = folder / "bomb.docx"
    para = "<w:p><w:r><w:t>" + "推进改革" * 50 + "</w:t></w:r></w:p>"
    head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    chunk = (para * 2000).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                   'Target="word/document.xml"/></Relationships>')
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(head.encode("utf-8"))
            written, target = 0, int(gib * (1 << 30))
            while written < target:
                f.write(chunk)
                written += len(chunk)
            f.write(b"</w:body></w:document>")
    return path


def run(corpus: Path, out: Path, limit: float) -> dict[str, object]:
    started = time.monotonic()
    try:
        proc = subprocess.run([sys.executable, "-m", "policykg", "build", "--corpus", str(corpus), "--build-dir", str(out), "--quiet"],
                              capture_output=True, text=True, timeout=limit)
        status: object = proc.returncode
        tail = (proc.stdout + proc.stderr).strip().splitlines()[-3:]
    except subprocess.TimeoutExpired:
        status, tail = f"killed after {limit:g} s", []
    seconds = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # MiB, the largest child so far
    report = out / "report.json"
    data = json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
    read = {"documents": len(data.get("summary", [])), "measures": sum(d["measures"] for d in data.get("summary", [])),
            "skipped": [p["reason"][:120] for p in data.get("problems", []) if p.get("severity") == "skipped"]}
    return {"seconds": round(seconds, 1), "peak_mib_so_far": round(peak), "exit": status, "read": read, "tail": tail}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("measures", "text", "docx"))
    parser.add_argument("--limit-s", type=float, default=300.0, help="kill a build after this many seconds")
    args = parser.parse_args()
    makers = {"measures": make_measures, "text": make_text, "docx": make_docx}
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in makers.items():
            if args.only and name != args.only:
                continue
            corpus = Path(tmp) / name
            corpus.mkdir()
            path = make(corpus)
            result = run(corpus, Path(tmp) / f"out-{name}", args.limit_s)
            print(f"{name}: file {os.path.getsize(path) / (1 << 20):.1f} MiB: {json.dumps(result, ensure_ascii=False)}", flush=True)


if __name__ == "__main__":
    main()
