"""Reading source files and repairing text extracted from PDF and Word.

Extraction leaves `# Page N:` markers, hard line wraps (sometimes in the middle
of a word or of an owner parenthesis), page breaks shown only as a leading
space, markdown emphasis and HTML fragments. Here every physical line becomes
a :class:`Line` that keeps its original number, so whatever is built from the
cleaned text can always point back to the source lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from policykg.loaders.formats import Extracted, LoadError, extract
from policykg.loaders.formats.plain import cjk_share, read_source
from policykg.loaders.normalise import is_traditional, strip_pinyin, to_simplified, unify_radicals, unshift_gbk

__all__ = ["LoadError", "read_source"]

PAGE_MARKER = re.compile(r"^\s*#\s*Page\s+\d+\s*:?\s*$", re.IGNORECASE)
RULE = re.compile(r"^\s*(-{3,}|\*{3,}|_{3,}|[━─═]{3,})\s*\|?\s*$")
RUN_ON = 400  # a "line" longer than this that holds several paragraphs is split (pages flattened to one line)
_PARAGRAPH_BREAK = re.compile(
    r"(?:\s+[?？])+\s+"  # lost paragraph marks, printed as ?
    r"|(?<=[。；;：:!！])\s*(?=[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.．、](?!\d))"  # before numbering
    r"|\s+(?=(?:19|20)\d\d年\d{1,2}月\d{1,2}日\s*$)"  # a signature date at the end
    r"|\s+(?=(?:19|20)\d\d年\d{1,2}月\d{1,2}日\s+[?？])"
    # a notice flattened with no spaces: …的通知|粤府办〔2024〕9号|各地级以上市人民政府，…：|《…》已经…。|广东省人民政府办公厅|2024年8月19日|plan
    r"|(?<=通知)\s*(?=[\u4e00-\u9fff]{1,10}[〔\[(（【﹝]\s*(?:19|20)\d\d\s*[〕\])）】﹞]\s*\d{1,4}\s*号)"  # the 文号 after the notice title
    r"|(?<=[〕\])）】﹞]\d号)\s+|(?<=[〕\])）】﹞]\d\d号)\s+|(?<=[〕\])）】﹞]\d{3}号)\s+"  # whatever follows the 文号 after a space
    r"|(?<=[〕\])）】﹞]\d号)(?=各)|(?<=[〕\])）】﹞]\d\d号)(?=各)|(?<=[〕\])）】﹞]\d{3}号)(?=各)"  # the addressees after the 文号
    r"|(?<=单位[:：])|(?<=部门[:：])|(?<=机构[:：])|(?<=政府[:：])"  # the notice sentence after the addressees
    r"|(?<=。)(?=[\u4e00-\u9fff]{4,30}?(?:厅|局|政府|委员会|办公室)\s*(?:19|20)\d\d年\d{1,2}月\d{1,2}日)"  # the signature
    r"|(?<=[厅局府会室])(?=(?:19|20)\d\d年\d{1,2}月\d{1,2}日)"
    r"|(?<=(?:19|20)\d\d年\d月\d日)(?=[\u4e00-\u9fff《])(?![前后起至以之开，])"  # the plan after the signature date
    r"|(?<=(?:19|20)\d\d年\d\d月\d日)(?=[\u4e00-\u9fff《])(?![前后起至以之开，])"
    r"|(?<=(?:19|20)\d\d年\d月\d\d日)(?=[\u4e00-\u9fff《])(?![前后起至以之开，])"
    r"|(?<=(?:19|20)\d\d年\d\d月\d\d日)(?=[\u4e00-\u9fff《])(?![前后起至以之开，])"
    r"|(?<=方案|意见|办法|措施|规划|要点|规定|细则|纲要)(?=为(?:了|深入|全面|进一步|贯彻|落实|加快|推动|切实|认真)|根据|按照|依据)"  # title | preamble
    r"|\s{3,}"  # a run of spaces: what was a line or a table cell before the page was flattened
    r"|\s*[—－]\s*\d{1,3}\s*[—－]\s*"  # a printed page number (—1—)
    r"|(?<=文件)\s+"  # the letterhead (…人民政府 文件)
    r"|(?<=通知)\s+(?=[^。：:，,]{2,80}[，,][^。：:]{0,80}[：:])"  # the addressees after the notice title
    r"|(?<=号)(?=(?:19|20)\d\d年\d{1,2}月\d{1,2}日)|(?<=\d日)(?=各[^。]{2,80}[：:])"  # 文号 | date | addressees, glued
    r"|\s+(?=[(（]此件)|(?<=[)）])\s*(?=附件)|\s+(?=附件\s*\d{0,2}\s*[:：])"  # the release note, the annex lines
    r"|\s+(?=(?:19|20)\d\d年\d{1,2}月\d{1,2}日\s+[(（])"  # a signature date before the release note
    r"|(?<=。)(?=[^。，,；;：:]{6,60}(?:方案|意见|办法|措施|规划|要点|规定|细则|纲要|计划|清单)$)"  # the plan's title closing the text
)
# a notice's head flattened into one short line: its 文号, then (a date and) its addressees (市政办函[2018]54号2018年3月20日各区…：)
_FLAT_NOTICE = re.compile(r"[〕\]）)]\s*\d{1,4}\s*号.{0,30}?各[^。]{2,80}[：:]")
MD_HEADING = re.compile(r"^\s*(#{1,6})\s+")
TAG = re.compile(r"</?(?:b|strong|p|br|span|div|em|i|u)\b[^>]*>", re.IGNORECASE)
SUP = re.compile(r"<sup>\s*\d{1,2}\s*</sup>", re.IGNORECASE)
FOOTNOTE = re.compile(r"^\s*(?:<sup>)?\d{1,2}(?:</sup>)?\s+\S")

# A sentence or clause can end here; anything else at a line end means the line wraps.
TERMINAL = set("。！？；：!?;:")
CONTINUE = set("，、,（(“‘《【[—-")


@dataclass(frozen=True)
class Line:
    no: int  # 1-based line number in the source file
    text: str  # cleaned text: markup removed, whitespace trimmed
    md_level: int = 0  # number of leading '#' in a markdown heading
    bold: bool = False  # the line starts with a bold run (**…**)
    bold_title: str = ""  # text of the leading bold run
    after_break: bool = False  # the line follows a page marker or a page-break space
    is_table: bool = False  # a markdown ('|') or tab-separated table row
    original: str = ""  # the text in the source's own script, character for character (set only when the script was converted)


@dataclass(frozen=True)
class SourceText:
    name: str
    raw_lines: tuple[str, ...]
    lines: tuple[Line, ...]  # non-empty content lines only
    encoding: str
    wrap_width: int  # typical width of a full wrapped line, in characters
    footnotes: tuple[Line, ...] = ()
    script: str = ""  # what was normalised before parsing: "traditional", "pinyin", "traditional+pinyin" or ""
    origin: Extracted | None = None  # format, pages, site metadata and attachments of the file


# marks a mirror site injects between characters to defeat copying (接续@@政策措施@@): never part of a policy text
_INJECTED = re.compile(r"@{2,}|^<正>")  # a mirror site's marks; a journal database's start-of-text mark


def clean_line(raw: str) -> tuple[str, int, str]:
    """Strip markdown and HTML from one physical line.

    Returns the text, the markdown heading level and the leading bold run.

    >>> clean_line("#### **四、围绕安商稳商全方位强化企业服务**")
    ('四、围绕安商稳商全方位强化企业服务', 4, '四、围绕安商稳商全方位强化企业服务')
    >>> clean_line("22. 依托平台，实施获得用气“310”服务<sup>1</sup>，优化体系。")
    ('22. 依托平台，实施获得用气“310”服务，优化体系。', 0, '')
    >>> clean_line("《关于支持县域经济高质量发展的接续@@政策措施@@》已经省委@@、省政府@@同意")[0]
    '《关于支持县域经济高质量发展的接续政策措施》已经省委、省政府同意'
    """
    text = unify_radicals(raw.replace("\u3000", " ").replace("\ufeff", "").replace("\xa0", " "))
    md_level = 0
    m = MD_HEADING.match(text)
    if m:
        md_level = len(m.group(1))
        text = text[m.end():]
    text = SUP.sub("", text)
    text = TAG.sub("", text)
    text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    text = _INJECTED.sub("", text).strip()
    bold = ""
    bm = re.match(r"^(?:(\S{1,6}\s*))?\*\*(.+?)\*\*", text)
    if bm:
        bold = ((bm.group(1) or "") + bm.group(2)).strip()
    text = text.replace("**", "").replace("__", "").strip()
    # lost characters printed as ? at a paragraph's edge (?? 经市政府同意 / ??经市政府同意)
    text = re.sub(r"^(?:[?？]{2,}\s*|[?？]\s+)+|(?:\s+[?？])+$", "", text)
    return text, md_level, bold


def split_run_on(text: str) -> list[str]:
    """The paragraphs of a page flattened to one line (split at lost paragraph marks and before numbering).

    >>> [p[:6] for p in split_run_on("前言。" + "正文" * 200 + "。 一、总体要求 ? (一)指导思想。内容 2012年11月23日")]
    ['前言。正文正', '一、总体要求', '(一)指导思', '2012年1']
    """
    if len(text) <= RUN_ON and not _FLAT_NOTICE.search(text):
        return [text]
    parts = [re.sub(r"^(?:[?？]\s+)+", "", p.strip()) for p in _PARAGRAPH_BREAK.split(text)]
    return [p for p in parts if p and p not in ("?", "？")]


def is_table_row(raw: str) -> bool:
    s = raw.strip()
    return (s.startswith("|") and s.count("|") >= 3) or raw.count("\t") >= 2


def load_text(path: Path) -> SourceText:
    """Read (in whatever format) and clean a file; raise :class:`LoadError` with the reason when it cannot be used."""
    return source_text(path.name, extract(path))


def source_text(name: str, origin: Extracted) -> SourceText:
    text = "\n".join(origin.lines)
    if cjk_share(text) < 0.05:
        raise LoadError(f"no Chinese text found in the {origin.format} (not a policy document?)")
    raw_lines = origin.lines
    # Script first, so every parser sees simplified text without pinyin glosses; line numbers stay those of the file.
    traditional = is_traditional(text)
    pinyin = strip_pinyin(text) != text
    lines: list[Line] = []
    footnotes: list[Line] = []
    after_break = False
    after_rule = False
    for no, raw in enumerate(raw_lines, start=1):
        if PAGE_MARKER.match(raw):
            after_break = True
            continue
        if RULE.match(raw):
            after_rule = True
            continue
        if not raw.strip():
            continue
        page_space = raw.startswith(" ") and not raw.startswith("  ") and no > 1
        cleaned, md_level, bold = clean_line(unshift_gbk(raw))
        if pinyin:
            cleaned, bold = strip_pinyin(cleaned), strip_pinyin(bold)
        written = cleaned
        if traditional:
            cleaned, bold = to_simplified(cleaned), to_simplified(bold)
        if not cleaned or re.fullmatch(r"[-|:\s]+", cleaned):
            continue
        if not is_table_row(raw):
            cleaned = re.sub(r"\s*\|\s*$", "", cleaned)  # a lone cell border left by a page extractor
        if after_rule and FOOTNOTE.match(raw) and not re.match(r"^\s*\d{1,2}\s*[.．、]", raw):
            footnotes.append(Line(no, cleaned))
            continue
        after_rule = False
        table = is_table_row(raw)
        parts = [cleaned] if table else split_run_on(cleaned)
        originals = _in_step(cleaned, written, parts) if traditional else [""] * len(parts)
        for k, part in enumerate(parts):
            lines.append(
                Line(
                    no=no,
                    text=part,
                    original=originals[k],
                    md_level=md_level if k == 0 else 0,
                    bold=bool(bold) and k == 0,
                    bold_title=bold if k == 0 else "",
                    after_break=(after_break or page_space) and k == 0,
                    is_table=table,
                )
            )
        after_break = False
    return SourceText(
        name=name,
        raw_lines=raw_lines,
        lines=tuple(lines),
        encoding=origin.encoding,
        wrap_width=_wrap_width([ln.text for ln in lines if not ln.is_table]),
        footnotes=tuple(footnotes),
        script="+".join(name for name, used in (("traditional", traditional), ("pinyin", pinyin)) if used),
        origin=origin,
    )


def _in_step(converted: str, written: str, parts: list[str]) -> list[str]:
    """The written-script text of each part of a converted line, where conversion kept every character in place."""
    if len(converted) != len(written):
        return [""] * len(parts)
    out, at = [], 0
    for part in parts:
        start = converted.find(part, at)
        if start < 0:
            return [""] * len(parts)
        out.append(written[start : start + len(part)])
        at = start + len(part)
    return out


def original_of(text: str, lines: tuple[Line, ...] | list[Line]) -> str:
    """The written-script form of a text read from ``lines`` (spaces left out), or "" where it cannot be told.

    >>> lines = [Line(1, "闵行区加快打造", original="閔行區加快打造"), Line(2, "营商环境", original="營商環境")]
    >>> original_of("加快打造营商环境", lines), original_of("别的", lines)
    ('加快打造營商環境', '')
    """
    return written_forms(lines)(text)


def written_forms(lines: tuple[Line, ...] | list[Line]) -> Callable[[str], str]:
    """``original_of`` for many texts of the same lines: the lines are indexed once."""
    converted: list[str] = []
    written: list[str] = []
    for ln in lines:
        if not ln.original or len(ln.original) != len(ln.text):
            continue
        for c, w in zip(ln.text, ln.original, strict=True):
            if not c.isspace():
                converted.append(c)
                written.append(w)
    haystack = "".join(converted)

    def lookup(text: str) -> str:
        needle = "".join(c for c in text if not c.isspace())
        start = haystack.find(needle) if needle else -1
        return "".join(written[start : start + len(needle)]) if start >= 0 else ""

    return lookup


def _wrap_width(texts: list[str]) -> int:
    """The width of a full line when the extractor hard-wrapped paragraphs (0 when it did not)."""
    widths = sorted(display_len(t) for t in texts if t)
    if len(widths) < 20:
        return 0
    p80 = widths[int(len(widths) * 0.8)]
    return p80 if p80 <= 90 else 0


def display_len(text: str) -> int:
    """Width in full-width character cells (ASCII counts one half)."""
    return sum(1 if ord(c) > 0x2E80 else 0 for c in text) + sum(1 for c in text if ord(c) <= 0x2E80) // 2


def join_texts(parts: list[str]) -> str:
    """Join wrapped lines: no separator between CJK, a space between two ASCII words.

    >>> join_texts(["推进“一网通办”与", "“一网统管”融合"])
    '推进“一网通办”与“一网统管”融合'
    >>> join_texts(["上海海关 AEO", "action plan"])
    '上海海关 AEO action plan'
    """
    out: list[str] = []
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and out[-1][-1].isascii() and out[-1][-1].isalnum() and part[0].isascii() and part[0].isalpha():
            out.append(" ")
        out.append(part)
    return "".join(out)


def is_wrapped(prev: str, width: int) -> bool:
    """Does ``prev`` continue on the next line (a hard wrap rather than a line end)?"""
    if not prev:
        return False
    last = prev[-1]
    if last in CONTINUE:
        return True
    if last in TERMINAL:
        return False
    if width and display_len(prev) >= width - 2:
        return True
    return False


@dataclass(frozen=True)
class TextMap:
    """Lines joined into one string, with a map from character offsets back to line numbers."""

    text: str
    starts: tuple[int, ...]  # offset where each joined line begins
    line_nos: tuple[int, ...]  # the source line number of each joined line

    @classmethod
    def from_lines(cls, lines: list[Line] | tuple[Line, ...], first_text: str | None = None) -> TextMap:
        """Join ``lines``; ``first_text`` replaces the first line's text (e.g. without its number).

        The pieces are collected and joined once (as :func:`join_texts` joins them): joining the text so far to each
        next line copied it every time, so a long run of wrapped lines took time quadratic in its length.

        >>> tm = TextMap.from_lines([Line(1, "上海海关 AEO"), Line(2, "action 计划"), Line(3, "推进")]); tm.text, tm.starts
        ('上海海关 AEO action 计划推进', (0, 9, 18))
        """
        pieces: list[str] = []
        length = 0
        last = ""  # the last character so far
        starts: list[int] = []
        nos: list[int] = []
        for i, line in enumerate(lines):
            part = (first_text if (i == 0 and first_text is not None) else line.text).strip()
            space = bool(part) and last.isascii() and last.isalnum() and part[0].isascii() and part[0].isalpha()
            starts.append(length + (1 if space else 0))
            nos.append(line.no)
            if part:
                if space:
                    pieces.append(" ")
                    length += 1
                pieces.append(part)
                length += len(part)
                last = part[-1]
        return cls("".join(pieces), tuple(starts), tuple(nos))

    def line_at(self, offset: int) -> int:
        import bisect

        if not self.line_nos:
            return 1
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.line_nos[max(0, min(i, len(self.line_nos) - 1))]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source line span of the characters ``text[start:end]``."""
        a = self.line_at(start)
        b = self.line_at(max(start, end - 1))
        return a, max(a, b)


_CJK_OR_PUNCT = r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef“”‘’《》—…·]"
_SPACE_NEAR_CJK = re.compile(rf"(?<={_CJK_OR_PUNCT})\s+|\s+(?={_CJK_OR_PUNCT})")


def tidy(text: str) -> str:
    """Drop the spaces PDF extraction puts next to Chinese characters; keep those between ASCII words.

    >>> tidy("上海口岸2023 年深化跨境贸易 营商环境，提供 API 接口服务")
    '上海口岸2023年深化跨境贸易营商环境，提供API接口服务'
    >>> tidy("Smith  Waterman")
    'Smith Waterman'
    """
    text = _SPACE_NEAR_CJK.sub("", text)
    return re.sub(r"\s{2,}", " ", text).strip()
