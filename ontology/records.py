"""The domain model, declared once.

Loaders produce these records and the graph layer consumes them; both import
from here (the most upstream package), never from each other backwards.
Every record that was read from a source carries a :class:`Provenance`: the
file, the original line span (1-based, inclusive, line numbers of the source
file) and the name of the rule that produced it.
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from policykg.ontology.plain import from_plain as from_plain
from policykg.ontology.plain import to_plain as to_plain

T = TypeVar("T")

# The closed vocabularies of the model. The SHACL shapes' sh:in lists and the saved
# queries use the same words; tests/ontology/test_vocabulary.py holds them together.
MentionRole = Literal["lead", "supporting", "unspecified"]
OwnerRole = Literal["lead", "supporting"]
IssuerRole = Literal["issuer", "seal", "drafter"]
UnitKind = Literal["body", "general", "safeguard", "annex", "paragraph"]  # paragraph: a page read without its structure
Structure = Literal["recognised", "unrecognised"]
Level = Literal["national", "national_branch", "provincial", "municipal", "district", "county", "district_branch"]
# how far down the hierarchy a level sits: a plan implements plans of a smaller rank (or, derived from it, of its own)
LEVEL_RANK: dict[str, int] = {"national": 0, "national_branch": 0, "provincial": 1, "municipal": 2,
                              "district": 3, "county": 3, "district_branch": 3}
# the character a level's own bodies and wording open with (区发改委, 全区, 市政府, 本县)
LEVEL_CHAR: dict[str, str] = {"district": "区", "district_branch": "区", "county": "县", "municipal": "市", "provincial": "省"}
AgencyKind = Literal["agency", "collective"]
WrapperKind = Literal["issues", "forwards", "none"]
Severity = Literal["skipped", "warning"]
Confidence = Literal["high", "medium", "low"]
Relation = Literal["restates", "localises", "strengthens", "weakens", "extends", "partial"]
LinkType = Literal["derived_from", "cites", "follows", "part_of", "forwards", "issues", "same_document"]


class Tabular:
    """Records shown in Jupyter as a small table (field, value): empty fields left out, long text cut, nested
    records counted, every value escaped."""

    def _repr_html_(self) -> str:
        import html

        rows = []
        for f in dataclasses.fields(typing.cast(Any, self)):
            value = getattr(self, f.name)
            if value is None or value == () or value == "":
                continue
            if isinstance(value, Provenance):
                shown = f"{value.span.file}:{value.span.line_start}-{value.span.line_end} ({value.rule})"
            elif isinstance(value, dict):
                shown = "、".join(map(str, value))  # per-field provenance: the fields it covers
            elif isinstance(value, tuple):
                shown = "、".join(value) if all(isinstance(x, str) for x in value) else f"{len(value)} × {type(value[0]).__name__}"
            else:
                shown = str(value)
            shown = shown if len(shown) <= 120 else shown[:119] + "…"
            rows.append(f'<tr><th style="text-align:left;padding-right:1em">{html.escape(f.name)}</th>'
                        f'<td style="text-align:left">{html.escape(shown)}</td></tr>')
        return f'<table><caption style="text-align:left"><b>{type(self).__name__}</b></caption>{"".join(rows)}</table>'


@dataclass(frozen=True)
class Span:
    file: str
    line_start: int
    line_end: int

    def __post_init__(self) -> None:
        if self.line_start < 1 or self.line_end < self.line_start:
            raise ValueError(f"bad span {self.file}:{self.line_start}-{self.line_end}")

    def __str__(self) -> str:
        return f"{self.file}:{self.line_start}-{self.line_end}"


@dataclass(frozen=True)
class Provenance:
    span: Span
    rule: str


@dataclass(frozen=True)
class DocNumber:
    """A 文号 such as 沪府办规〔2023〕1号: issuer code, class, year, serial."""

    issuer_code: str  # 沪府办规 (everything before the year bracket)
    year: int
    serial: int
    prefix: str = ""  # the issuer part of the code: 沪府办
    klass: str = ""  # the class marker that follows it: 规 / 发 / 字 / 规范 …

    def __str__(self) -> str:
        return f"{self.issuer_code}〔{self.year}〕{self.serial}号"


@dataclass(frozen=True)
class OwnerMention:
    """An owner (责任单位) as written, before any resolution to an agency."""

    text: str
    role: MentionRole
    marker: str  # the cue that gave the role: 牵头, 会同, 配合, 责任单位, column name, position …
    provenance: Provenance
    position: int = 0  # order in the owner list as written (0 = first)
    source: str = "text"  # text | table | annex_list (from an annex item that restates the measure)


DeadlineKind = Literal["date", "month", "quarter", "half-year", "year-end", "year", "ongoing", "relative", ""]


@dataclass(frozen=True)
class DeadlineMention:
    """A deadline as written, and the period it means once read against the document's year and signing date."""

    text: str
    provenance: Provenance
    year: int | None = None
    month: int | None = None
    ongoing: bool = False  # 持续推进, 长期, 全年 …
    kind: DeadlineKind = ""  # "" until resolved (no year known)
    start: str | None = None  # ISO date the period opens (一季度 → 01-01), when it has one
    end: str | None = None  # ISO date it falls due (9月 → 09-30; 印发后30日内 → signing date + 30)
    milestone: str = ""  # what is due then, for a cell of several (一季度：…；二季度：…)


Comparator = Literal["<=", ">=", "=", "<", ">"]


@dataclass(frozen=True)
class Target:
    """A quantitative target in a measure or task: 压缩至5个工作日, 无陪同查验率100%, 不低于50%."""

    text: str  # the phrase as written
    indicator: str  # what is measured: 办理时限, 无陪同查验率, 政务服务圈 …
    value: float
    unit: str  # 个工作日, %, 分钟, 家 … ("" when none)
    comparator: Comparator
    verb: str  # the cue that gave the comparator: 压缩至, 不低于, 以上 …
    provenance: Provenance
    kind: str = ""  # time_limit: a processing time cap (7个工作日内办结); "" for any other quantity


@dataclass(frozen=True)
class Citation:
    """A cited 《title》 with its optional 文号 and the cue phrase before it."""

    title: str
    provenance: Provenance
    doc_number: DocNumber | None = None
    cue: str = ""  # 根据 / 落实 / 对照 / 贯彻 / 按照 / 依据 … (empty when none)
    offset: int = 0  # character offset of 《 in the document text
    context: str = ""  # a little text around the citation, for display
    issuer: str = ""  # the body written right before 《 (国务院《…》, 省政府《…》): where the cited document is from


@dataclass(frozen=True)
class Issuer:
    name: str
    role: IssuerRole = "issuer"  # seal: 代章
    provenance: Provenance | None = None


@dataclass(frozen=True)
class Wrapper:
    """The notice (通知) that issues or forwards the plan."""

    kind: WrapperKind
    title: str
    provenance: Provenance
    addressees: str = ""


@dataclass(frozen=True)
class SourceRef:
    """Where a document was read: file, line span, position in a compendium."""

    file: str
    line_start: int
    line_end: int
    compendium_item: int | None = None  # number of the item when the file is a compendium
    wrapper: Wrapper | None = None


@dataclass(frozen=True)
class SourceFile:
    """A file the build read: its format, and how its line numbers map back to the original.

    Line numbers in every span count the lines of text the format's reader gave (for a text
    file, its own lines); ``pages`` and ``paragraphs`` map them back to a PDF's pages and a
    Word file's paragraphs.
    """

    name: str
    format: str = "text"  # text, html, docx, pdf
    pages: tuple[int, ...] = ()  # the first line of each page (PDF)
    paragraphs: tuple[int, ...] = ()  # the first line of each paragraph or table row (Word)
    fields: tuple[tuple[str, str], ...] = ()  # metadata the site or file states (发文字号, 成文日期 …)
    attachments: tuple[tuple[str, str], ...] = ()  # linked files: name, address (listed, not fetched)
    encoding: str = ""

    def locate(self, line_start: int, line_end: int) -> str:
        """Where a span is, as a reader of the original finds it.

        >>> SourceFile("a.pdf", "pdf", pages=(1, 40)).locate(38, 41)
        'a.pdf pp. 1-2, lines 38-41'
        >>> SourceFile("a.docx", "docx", paragraphs=(1, 2, 4, 5)).locate(5, 5)
        'a.docx paragraph 4, line 5'
        """
        import bisect

        lines = f"lines {line_start}-{line_end}" if line_end != line_start else f"line {line_start}"
        where = []
        for one, many, starts in (("p. ", "pp. ", self.pages), ("paragraph ", "paragraphs ", self.paragraphs)):
            if starts:
                a, b = bisect.bisect_right(starts, line_start), bisect.bisect_right(starts, line_end)
                where.append(f"{one}{a}" if a == b else f"{many}{a}-{b}")
        return f"{self.name} {', '.join([*where, lines])}"


@dataclass(frozen=True)
class Section(Tabular):
    key: str
    number: str  # as written, e.g. "（一）"
    path: tuple[str, ...]  # normalised number path, e.g. ("2", "1")
    written_path: str  # e.g. "二（一）"
    title: str
    kind: UnitKind
    level: int
    provenance: Provenance
    text: str = ""  # intro text that belongs to the section itself


@dataclass(frozen=True)
class Measure(Tabular):
    key: str
    number: str  # as written, e.g. "1." or "（3）" or "" for an unnumbered bold title
    path: tuple[str, ...]
    written_path: str
    title: str
    text: str
    section_path: tuple[str, ...]
    kind: UnitKind
    provenance: Provenance
    owners: tuple[OwnerMention, ...] = ()
    deadlines: tuple[DeadlineMention, ...] = ()
    citations: tuple[Citation, ...] = ()
    targets: tuple[Target, ...] = ()
    annex_rows: tuple[str, ...] = ()  # numbers of annex table rows that enrich this measure
    starred: bool = False  # marked * in an annex table (e.g. a pilot-reform item)
    norm_text: str = ""  # normalised text for matching (original kept in ``text``)
    line_index: tuple[tuple[int, int], ...] = ()  # (offset in ``text``, source line) where each source line starts
    original_text: str = ""  # ``text`` in the source's own script (traditional), when the reader converted it

    def line_of(self, offset: int) -> int:
        """The source line of a character of ``text``."""
        line = self.provenance.span.line_start
        for start, no in self.line_index:
            if start > offset:
                break
            line = no
        return line


@dataclass(frozen=True)
class Task(Tabular):
    """One row of an annex task table: who does what by when, as the row says it.

    ``measure`` is the unit it details: the body measure the row restates, or the annex
    measure made of the row when it matches none.
    """

    key: str
    number: str  # the row's number as written (a starred row keeps its *)
    text: str  # the row's own task text (改革事项 / 具体举措 …)
    measure: str
    owners: tuple[OwnerMention, ...] = ()
    deadlines: tuple[DeadlineMention, ...] = ()  # every milestone of the row, resolved to dates where known
    targets: tuple[Target, ...] = ()
    starred: bool = False
    provenance: Provenance | None = None

    def due(self) -> str | None:
        """The row's last due date (ISO), if any milestone has one."""
        return max((d.end for d in self.deadlines if d.end), default=None)


@dataclass(frozen=True)
class Document(Tabular):
    key: str
    title: str
    doc_number: DocNumber | None
    issuers: tuple[Issuer, ...]
    date: str | None  # ISO yyyy-mm-dd (signing date)
    level: Level | None
    jurisdiction: str | None  # 上海市, 金山区 …
    sources: tuple[SourceRef, ...]
    sections: tuple[Section, ...] = ()
    measures: tuple[Measure, ...] = ()
    citations: tuple[Citation, ...] = ()
    preamble: str = ""
    footnotes: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # why a field is empty, what was guessed, what looked truncated
    provenance: dict[str, Provenance] = field(default_factory=dict)  # per-field provenance
    cited_only: bool = False  # a parent named by a citation but absent from the corpus
    jurisdiction_path: tuple[str, ...] = ()  # province down to the document's own unit: ("浙江省", "杭州市", "西湖区")
    jurisdiction_code: str = ""  # administrative division code of that unit (330106), when known
    jurisdiction_key: str = ""  # the name its jurisdiction node and its agencies carry (北京市海淀区), set by the build
    tasks: tuple[Task, ...] = ()  # rows of its annex task tables, each with its own owners and deadlines
    original_title: str = ""  # ``title`` in the source's own script (traditional), when the reader converted it
    # unrecognised: no 文号 and no numbered sections or measures were found; the body is kept as paragraphs
    structure: Structure = "recognised"


@dataclass(frozen=True)
class Problem:
    """A file or document the build skipped or warned about."""

    file: str
    severity: Severity
    reason: str


@dataclass(frozen=True)
class Agency(Tabular):
    """A government body (or a collective owner such as 各街镇), scoped by jurisdiction."""

    key: str
    name: str  # full name: 金山区市场监督管理局
    kind: AgencyKind
    jurisdiction: str  # 金山区, 上海市 …
    level: Level
    functional_type: str  # 市场监管, 发展改革 … ("" when unknown)
    aliases: tuple[str, ...] = ()  # every text it was written as
    parent: str | None = None  # key of the government it belongs to
    counterpart: str | None = None  # key of the municipal body of the same function
    unresolved: bool = False
    reason: str = ""  # why it is unresolved


@dataclass(frozen=True)
class Jurisdiction(Tabular):
    """A place documents and agencies belong to, named as their keys name it (北京市海淀区, 金山区), with its level and
    the unit it lies in. Worked out by the build from the gazetteer, so that the stores need no gazetteer."""

    name: str
    level: str
    within: str | None = None  # the province of a district, the city of a county


@dataclass(frozen=True)
class OwnedBy(Tabular):
    """Measure → agency, with the role and the owner text as written."""

    measure: str
    agency: str
    role: OwnerRole
    text: str
    rule: str  # how the role was decided: marker, column, first_listed_leads …
    provenance: Provenance


@dataclass(frozen=True)
class IssuedBy:
    document: str
    agency: str
    role: IssuerRole
    text: str
    provenance: Provenance


@dataclass(frozen=True)
class DocLink(Tabular):
    """A typed edge between documents: derived_from, cites, follows, part_of, forwards, issues, same_document."""

    source: str
    target: str
    type: LinkType
    rule: str
    score: float
    provenance: Provenance
    cue: str = ""  # the cue phrase of a derived_from edge (根据, 落实 …)
    citation: str = ""  # the cited title as written
    evidence: str = ""  # context text, or example reused spans for inferred edges


@dataclass(frozen=True)
class EvidenceSpan:
    """A run of wording two measures share: character offsets and source line on each side, and the text."""

    source_start: int
    source_end: int
    source_line: int
    target_start: int
    target_end: int
    target_line: int
    text: str


@dataclass(frozen=True)
class Implements(Tabular):
    """A derivative measure implements a municipal measure, with the aligned wording as evidence."""

    source: str  # key of the derivative measure (or general section)
    target: str  # key of the municipal measure
    score: float  # calibrated, 0-1
    confidence: Confidence
    method: str
    relation: Relation
    cosine: float
    reuse: float
    evidence: tuple[EvidenceSpan, ...]  # the longest runs of shared wording
    provenance: Provenance  # the source measure's span
    target_span: Span
    comparison: str = ""  # the targets compared to type the relation (政务服务圈: = 10 分钟 (municipal = 15 分钟))


@dataclass(frozen=True)
class SharedText(Tabular):
    """Two measures that share wording where neither can implement the other: the 'parent' was signed later.

    Kept (undirected) rather than dropped: both may follow a common source, or the city took up a district's idea.
    """

    source: str  # the measure of the earlier document
    target: str  # the measure of the later document
    score: float  # what the alignment would have scored as implements
    cosine: float
    reuse: float
    evidence: tuple[EvidenceSpan, ...]
    provenance: Provenance  # the earlier measure's span
    target_span: Span
    reason: str  # why it is not an implements link
