"""Split one source file into its documents.

A compendium (汇编) holds numbered items, each opening with a heading of the
form ``N. <issuer>关于印发《title》的通知（date）`` over one or several lines,
usually followed by a 文号 line. A numbered line is only taken as such a
heading when the heading pattern holds and the item numbers follow each other,
so numbered lists inside a document (projects in an annex, measures) are never
mistaken for new documents. A file without such headings is one document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.loaders.docnumber import DATE, is_doc_number_line, normalise_digits
from policykg.loaders.text import Line

_NOTICE = re.compile(r"(关于)?(印发|转发|发布|公布|下发)[^。；]*通\s*知")
_PAREN_DATE = re.compile(r"[（(]\s*" + DATE.pattern + r"\s*[）)]")
_ITEM = re.compile(r"^(\d{1,3})\s*[.．]\s*(?!\d)")
HEADING_LOOKAHEAD = 12


@dataclass(frozen=True)
class Block:
    """Lines of one document inside a file (indices into ``SourceText.lines``)."""

    start: int
    end: int  # exclusive
    item: int | None  # compendium item number
    heading_end: int  # index of the first line after the heading (before the 文号 line, if any)


def _heading_at(lines: tuple[Line, ...], i: int) -> tuple[int, int] | None:
    """If a compendium item heading starts at line ``i``: (item number, end index)."""
    m = _ITEM.match(lines[i].text)
    if not m:
        return None
    parts = [lines[i].text[m.end():]]
    for j in range(i + 1, min(i + HEADING_LOOKAHEAD, len(lines)) + 1):
        joined = normalise_digits("".join(parts))
        following = lines[j].text if j < len(lines) else ""
        next_is_number = is_doc_number_line(following) is not None
        has_date = _PAREN_DATE.search(joined[-24:]) is not None
        if has_date and (next_is_number or _NOTICE.search(joined) or "关于" in joined or is_salutation(following)):
            return int(m.group(1)), j
        if next_is_number and _NOTICE.search(joined):
            return int(m.group(1)), j
        if j >= len(lines) or lines[j].is_table or _ITEM.match(following):
            break
        # A heading never contains a full sentence.
        if "。" in lines[j - 1].text:
            break
        parts.append(following)
    return None


def is_salutation(text: str) -> bool:
    """The addressee line of a notice: 各区人民政府，市政府各委、办、局：

    >>> is_salutation("各区人民政府，市政府各委、办、局：")
    True
    >>> is_salutation("具体措施：")
    False
    """
    t = text.strip()
    return (
        len(t) <= 120
        and t[-1:] in ("：", ":")
        and re.search(r"各|单位|部门|政府|委员会|办公室|机关|管委会|分局", t) is not None
        and "。" not in t
        and not re.search(r"《|关于|通知|印发", t)
    )


def split_documents(lines: tuple[Line, ...]) -> list[Block]:
    """Document blocks of a file: compendium items, or the whole file as one document."""
    heads: list[tuple[int, int, int]] = []  # (line index, item number, heading end)
    last_item = 0
    for i in range(len(lines)):
        found = _heading_at(lines, i)
        if found is None:
            continue
        item, end = found
        if heads and item != last_item + 1:
            continue
        heads.append((i, item, end))
        last_item = item
    if len(heads) >= 2 or (len(heads) == 1 and heads[0][0] <= 3):
        blocks = []
        for k, (i, item, end) in enumerate(heads):
            stop = heads[k + 1][0] if k + 1 < len(heads) else len(lines)
            blocks.append(Block(i, stop, item, end))
        return blocks
    return [Block(0, len(lines), None, 0)] if lines else []
