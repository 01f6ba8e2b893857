"""How well each real-world page is read, field by field, against a hand-written key.

    python benchmarks/realworld.py [--key tests/fixtures/realworld/key.tsv] [--show]
    python benchmarks/realworld.py --wide [--part tuning|held-back] [--show]

Each file is read alone (as a one-file corpus); texts are compared after NFKC,
traditional → simplified, pinyin glosses and spaces removed, as the key's
README says. Prints, per field, how many documents are right among those whose
key is non-empty, then one line per miss with --show.

``--wide`` scores the wide set (tests/fixtures/realworld/wide: key-*.tsv, split
by province in split.tsv) and prints the tuning and the held-back part side by
side. The held-back part is scored when a piece of work is finished, never
tuned on: ``--show`` prints the misses of the tuning part only unless
``--part held-back`` asks for them.
"""

from __future__ import annotations

import argparse
import csv
import re
import shutil
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ("read", "title", "wen_hao", "date", "issuer", "jurisdiction", "level", "parents", "first_measures", "owners", "owners_scoped")
WIDE = ROOT / "tests" / "fixtures" / "realworld" / "wide"


def fold(text: str) -> str:
    from policykg.loaders.normalise import normalise

    text = re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ ]+\)", "", unicodedata.normalize("NFKC", text))
    return normalise(text).replace("〈", "《").replace("〉", "》").strip("《》")


def number(text: str) -> str:
    """A 文号 compared by what identifies it: its brackets and 号 are dropped (a key keeps 沙政〔2012478 as printed)."""
    return re.sub(r"[\[\](){}【】［］〔〕号]", "", fold(text))


def read(path: Path) -> tuple[object, object]:
    from policykg.graph.build.pipeline import build_corpus

    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(path, tmp)
        graph = build_corpus(Path(tmp))
    docs = graph.documents
    return (docs[0] if docs else None), graph


def judge(row: dict[str, str], doc: object, graph: object) -> dict[str, tuple[bool, str]]:
    out: dict[str, tuple[bool, str]] = {}
    if doc is None:
        return {f: (False, "no document read") for f in FIELDS if f == "read" or row.get(f)}
    out["read"] = (True, "")
    d = doc  # a policykg Document
    if row["title"]:
        out["title"] = (fold(d.title) == fold(row["title"]), d.title)
    if row["wen_hao"]:
        got = str(d.doc_number) if d.doc_number else ""
        out["wen_hao"] = (number(got) == number(row["wen_hao"]), got)
    if row["date"]:
        out["date"] = (d.date == row["date"], str(d.date))
    if row["issuer"]:
        got = {fold(i.name) for i in d.issuers if i.role in ("issuer", "seal")}
        out["issuer"] = (got == {fold(x) for x in row["issuer"].split(";")}, "; ".join(sorted(got)))
    if row["jurisdiction"]:
        want = fold(row["jurisdiction"])
        got = fold("".join(d.jurisdiction_path) or d.jurisdiction or "")
        ok = (want == "全国" and d.level == "national") or (bool(d.jurisdiction) and got.endswith(want) and want.endswith(fold(d.jurisdiction)))
        out["jurisdiction"] = (ok, got)
    if row["level"]:
        out["level"] = (d.level == row["level"], str(d.level))
    if row["parents"]:
        cited = {fold(c.title) for c in d.citations if c.cue}
        want_parents = {fold(p) for p in row["parents"].split(";")}
        out["parents"] = (want_parents <= cited, "; ".join(sorted(cited)))
    measures = [m for m in d.measures if m.kind == "body"]
    if row["first_measures"]:
        want_m = [fold(x) for x in row["first_measures"].split(";")]
        got_m = [fold(m.title or m.text) for m in measures[: len(want_m)]]
        ok = len(got_m) == len(want_m) and all(g.startswith(w) or w.startswith(g) and g for g, w in zip(got_m, want_m, strict=True))
        out["first_measures"] = (ok, " ; ".join(got_m)[:120])
    if row["owners"]:
        want_o = [[fold(x) for x in re.split(r"[、,，;；]", group) if x.strip()] for group in row["owners"].split("|")]
        got_o = [[fold(o.text) for o in m.owners] for m in measures[: len(want_o)]]
        out["owners"] = (got_o == want_o, " | ".join("、".join(g) for g in got_o)[:120])
        out["owners_scoped"] = _scoped(row, measures[: len(want_o)], graph)
    return out


def _scoped(row: dict[str, str], measures: list, graph: object) -> tuple[bool, str]:
    """Every owner of the first measures resolved to a body of the document's own place or one above it.

    The keyed place (咸宁市咸安区, 全国) must contain the agency's own place: a 区发改局 of a 咸安区 plan is 咸安区's, its
    市发改委 is 咸宁市's, and neither is Shanghai's. A measure with no owner read counts as wrong.
    """
    want = fold(row["jurisdiction"])
    agencies = {a.key: a for a in graph.agencies}  # type: ignore[attr-defined]
    owned: dict[str, list] = {}
    for o in graph.owned_by:  # type: ignore[attr-defined]
        owned.setdefault(o.measure, []).append(agencies[o.agency])
    keyed = row["owners"].split("|")
    got, ok = [], bool(measures)
    for m, written in zip(measures, keyed, strict=False):
        if not written.strip():
            got.append("")
            continue  # the key gives this measure no owner: nothing to scope
        places = [a.jurisdiction for a in owned.get(m.key, [])]
        got.append("、".join(places))
        good = bool(places) and all(want == "全国" and a.level in ("national", "national_branch") or fold(a.jurisdiction) in want
                                    for a in owned[m.key])
        ok = ok and good
    return ok, " | ".join(got)[:120]


def wide_rows(part: str | None = None) -> list[dict[str, str]]:
    """The wide set's keyed rows, each with its ``part`` from split.tsv (by province: tuning or held-back)."""
    split = {r["province"]: r["part"] for r in csv.DictReader((WIDE / "split.tsv").open(encoding="utf-8"), delimiter="\t")}
    rows = []
    for key in sorted(WIDE.glob("key-*.tsv")):
        for row in csv.DictReader(key.open(encoding="utf-8"), delimiter="\t"):
            row["part"] = split[row["province"]]
            if part is None or row["part"] == part:
                rows.append(row)
    return rows


def score(rows: list[dict[str, str]], folder: Path) -> tuple[dict[str, int], dict[str, int], list[str]]:
    right = dict.fromkeys(FIELDS, 0)
    total = dict.fromkeys(FIELDS, 0)
    misses = []
    for row in rows:
        doc, graph = read(folder / row["file"])
        for field, (ok, got) in judge(row, doc, graph).items():
            total[field] += 1
            right[field] += ok
            if not ok:
                misses.append(f"{row['file'][:40]:40} {field:15} got {got!r}  want {row.get(field, '')!r}")
    return right, total, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--key", type=Path, default=ROOT / "tests" / "fixtures" / "realworld" / "key.tsv")
    parser.add_argument("--wide", action="store_true", help="the wide set, tuning and held-back parts side by side")
    parser.add_argument("--part", choices=("tuning", "held-back"), default="tuning", help="whose misses --show prints (--wide)")
    parser.add_argument("--show", action="store_true", help="print every miss")
    args = parser.parse_args()
    if not args.wide:
        rows = list(csv.DictReader(args.key.open(encoding="utf-8"), delimiter="\t"))
        right, total, misses = score(rows, args.key.parent)
        for f in FIELDS:
            print(f"{f:15} {right[f]:>3} / {total[f]:<3}")
        if args.show:
            print("\n".join(misses), file=sys.stderr)
        return
    parts = {p: score(wide_rows(p), WIDE) for p in ("tuning", "held-back")}
    print(f"{'field':15} {'tuning':>16} {'held-back':>16}")
    for f in FIELDS:
        cells = [f"{r[f]:>3}/{t[f]:<3} {r[f] / t[f] if t[f] else 0:5.0%}" for r, t, _ in parts.values()]
        print(f"{f:15} {cells[0]:>16} {cells[1]:>16}")
    if args.show:
        print("\n".join(parts[args.part][2]), file=sys.stderr)


if __name__ == "__main__":
    main()
