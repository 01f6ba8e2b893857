"""Annex task tables (markdown '|' tables and tab-separated rows) → typed rows.

Extraction shifts columns (an empty cell dropped, or one cell spilt into the
next), repeats the header on every page and spreads one row over several
lines. Cells are therefore typed by content as well as by header: the row
number (序号, possibly starred), the measure text, owners (责任单位 /
配合单位) and the deadline (时间节点). Empty grouping cells inherit the value
above (cells merged across rows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykg.loaders.deadlines import MILESTONE as _MILESTONE
from policykg.loaders.owners import looks_like_owner_list, parse_deadline
from policykg.loaders.text import Line
from policykg.ontology.records import Span

_HEADER_WORDS = re.compile(
    r"^(序号|编号|任务事项|总体目标|主要措施|具体措施|具体举措|改革事项|责任单位|牵头单位|配合单位|时间节点|完成时间|完成时限|三个服务|相关行动|工作任务|任务|措施|备注)"
)
_ROW_NO = re.compile(r"^(\d{1,3})\s*(\*?)$")
_ITEM_NO = re.compile(r"^[（(]\s*(\d{1,3})\s*[）)]\s*")


@dataclass
class Row:
    number: str  # as written (序号 or the (N) of the measure cell)
    starred: bool
    text: str  # the measure text cell
    owners: str  # 责任单位 cell
    supporting: str  # 配合单位 cell
    deadline: str
    groups: list[str] = field(default_factory=list)  # inherited grouping cells (action, reform item)
    milestone_cell: str = ""  # a cell listing several dated milestones (一季度：…；二季度：…)
    line_start: int = 0
    line_end: int = 0
    owner_label: str = ""  # the header of the owners column (牵头单位 makes its owners leads)

    def span(self, file: str) -> Span:
        return Span(file, self.line_start, max(self.line_start, self.line_end))


def split_cells(line: Line, raw: str) -> list[str]:
    if "\t" in raw:
        cells = raw.split("\t")
    else:
        s = raw.strip()
        cells = s.strip("|").split("|")
    cells = [re.sub(r"<br\s*/?>", "\n", c, flags=re.IGNORECASE) for c in cells]
    return [re.sub(r"<[^>]+>", "", c).replace("&nbsp;", " ").replace("\n", "<br>").strip() for c in cells]


def parse_table(lines: list[Line], raw_lines: tuple[str, ...]) -> list[Row]:
    """Rows of one annex table region (possibly several page-split tables)."""
    header: list[str] = []
    rows: list[Row] = []
    groups: dict[int, str] = {}
    for line in lines:
        raw = raw_lines[line.no - 1]
        cells = split_cells(line, raw)
        nonempty = [c for c in cells if c]
        if not nonempty or all(re.fullmatch(r"-+", c) for c in nonempty):
            continue
        if sum(1 for c in nonempty if _HEADER_WORDS.match(c)) >= max(2, len(nonempty) // 2):
            header = cells
            continue
        row = _type_row(cells, header, groups)
        if row is None:
            # a row continued on the next line(s): append its text to the previous row
            if rows:
                prev = rows[-1]
                for cell in nonempty:
                    if looks_like_owner_list(cell):
                        if not prev.owners:
                            prev.owners = cell
                    elif _MILESTONE.search(cell):
                        prev.milestone_cell += cell  # milestones continued over a page break keep their own quarter
                    elif not _HEADER_WORDS.match(cell):
                        prev.text += cell
                prev.line_end = line.no
            continue
        row.line_start = row.line_end = line.no
        rows.append(row)
    return rows


def _type_row(cells: list[str], header: list[str], groups: dict[int, str]) -> Row | None:
    number, starred, text_idx = "", False, -1
    for c in cells[:2]:
        m = _ROW_NO.match(c)
        if m:
            number, starred = m.group(1), bool(m.group(2))
            break
    for i, c in enumerate(cells):
        m = _ITEM_NO.match(c)
        if m:
            number = number or m.group(1)
            text_idx = i
            break
    if not number:
        return None
    deadline_idx = -1
    owner_idx: list[int] = []
    for i in range(len(cells) - 1, -1, -1):
        c = cells[i]
        if not c or i == text_idx:
            continue
        is_deadline = len(c) <= 20 and parse_deadline(c, Span("x", 1, 1), "") is not None
        if deadline_idx < 0 and not _MILESTONE.search(c) and is_deadline and not looks_like_owner_list(c):
            deadline_idx = i
            continue
        if looks_like_owner_list(c) and not _ROW_NO.match(c) and len(c) <= 120:
            owner_idx.insert(0, i)
    owner_idx = [i for i in owner_idx if i != deadline_idx][-2:]
    if text_idx < 0:
        candidates = [
            (len(c), i) for i, c in enumerate(cells)
            if c and i not in owner_idx and i != deadline_idx and not _ROW_NO.match(c) and not _MILESTONE.search(c)
        ]
        if candidates:
            text_idx = max(candidates)[1]
    text = _ITEM_NO.sub("", cells[text_idx]) if text_idx >= 0 else ""
    owners, supporting, owner_label = "", "", ""
    if owner_idx:
        header_names = {i: h for i, h in enumerate(header)}
        if len(owner_idx) == 2 and any("配合" in h for h in header):
            owners, supporting = cells[owner_idx[0]], cells[owner_idx[1]]
            owner_label = header_names.get(owner_idx[0], "")
        else:
            owners = cells[owner_idx[-1]] if "配合" not in header_names.get(owner_idx[-1], "") else ""
            supporting = cells[owner_idx[-1]] if not owners else ""
            owner_label = header_names.get(owner_idx[-1], "") if owners else ""
    deadline = cells[deadline_idx] if deadline_idx >= 0 else ""
    if not deadline:
        marks = [m.group(1) for c in cells for m in _MILESTONE.finditer(c)]
        deadline = marks[-1] if marks else ""
    # grouping cells between the number and the text inherit from the row above when empty
    row_groups = []
    first = 1 if _ROW_NO.match(cells[0] or "") else 0
    for i in range(first, max(first, text_idx)):
        if i in owner_idx or i == deadline_idx:
            continue
        if cells[i]:
            groups[i] = cells[i]
            for k in list(groups):
                if k > i:
                    del groups[k]
        if groups.get(i):
            row_groups.append(groups[i])
    milestone_cell = next((c for i, c in enumerate(cells) if i != text_idx and _MILESTONE.search(c) and not looks_like_owner_list(c)), "")
    return Row(number, starred, text, owners, supporting, deadline, row_groups, milestone_cell, owner_label=owner_label)
