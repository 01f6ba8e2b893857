"""What a district measure kept, added and dropped of the municipal measure it implements.

A character-level alignment of the two texts (rapidfuzz's Indel opcodes, an LCS): equal runs are
kept wording, runs only in the district text were added, runs only in the municipal text were
dropped. Runs shorter than four characters of text (punctuation and particles) are left out of the
lists but counted in the shares. Offsets are into each measure's text; lines are source lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

MIN_RUN = 4


def _chars(text: str) -> int:
    return len(re.sub(r"[\W_]", "", text))


def _runs(district: str, municipal: str) -> Iterator[tuple[str, int, int, int, int]]:
    """("kept" | "change", district start, end, municipal start, end), in text order.

    A shared character or two inside a change is chance, not kept wording: it stays in the change.
    """
    from rapidfuzz.distance import Indel

    change: list[int] = []
    for op in Indel.opcodes(district, municipal):
        if op.tag == "equal" and _chars(district[op.src_start : op.src_end]) >= 2:
            if change:
                yield "change", change[0], change[1], change[2], change[3]
                change = []
            yield ("kept", op.src_start, op.src_end, op.dest_start, op.dest_end)
        elif not change:
            change = [op.src_start, op.src_end, op.dest_start, op.dest_end]
        else:
            change[1], change[3] = op.src_end, op.dest_end
    if change:
        yield "change", change[0], change[1], change[2], change[3]


def diff_json(district: str, municipal: str, district_line: Callable[[int], int], municipal_line: Callable[[int], int]) -> dict[str, Any]:
    """Kept, added and dropped runs with offsets and source lines on both sides, and the share of each.

    >>> d = diff_json("打造10分钟政务服务圈，推进帮办服务。", "打造15分钟政务服务圈。", lambda i: 1, lambda i: 9)
    >>> [r["text"] for r in d["added"]], [r["text"] for r in d["kept"]], d["kept_share"]
    (['，推进帮办服务。'], ['分钟政务服务圈'], 0.588)
    """
    kept, added, dropped = [], [], []
    kept_chars = 0
    for tag, ds, de, ms, me in _runs(district, municipal):
        if tag == "kept":
            kept_chars += _chars(district[ds:de])
            if _chars(district[ds:de]) >= MIN_RUN:
                kept.append({"text": district[ds:de], "district_start": ds, "district_end": de, "district_line": district_line(ds),
                             "municipal_start": ms, "municipal_end": me, "municipal_line": municipal_line(ms)})
            continue
        if _chars(district[ds:de]) >= MIN_RUN:
            added.append({"text": district[ds:de], "district_start": ds, "district_end": de, "district_line": district_line(ds)})
        if _chars(municipal[ms:me]) >= MIN_RUN:
            dropped.append({"text": municipal[ms:me], "municipal_start": ms, "municipal_end": me, "municipal_line": municipal_line(ms)})
    total_d, total_m = _chars(district) or 1, _chars(municipal) or 1
    return {
        "kept": kept, "added": added, "dropped": dropped,
        "kept_share": round(kept_chars / total_d, 3),  # of the district's wording, how much is the city's
        "covered_share": round(kept_chars / total_m, 3),  # of the city's wording, how much the district kept
    }


def side_by_side(district: str, municipal: str) -> list[tuple[str, str, str]]:
    """The two texts as aligned rows (what happened, district piece, municipal piece): a table a reader scans down.

    >>> side_by_side("打造10分钟政务服务圈，推进帮办服务。", "打造15分钟政务服务圈。")
    [('kept', '打造1', '打造1'), ('changed', '0', '5'), ('kept', '分钟政务服务圈', '分钟政务服务圈'), ('changed', '，推进帮办服务。', '。')]
    """
    rows = []
    for tag, ds, de, ms, me in _runs(district, municipal):
        d, m = district[ds:de], municipal[ms:me]
        rows.append(("kept" if tag == "kept" else "changed" if d and m else "added" if d else "dropped", d, m))
    return rows
