"""The record a document's head is read into, the zones of the head as its steps find them, and the website's
metadata block read into a record of its own (so that the text's statements can win over it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from policykg.loaders.docnumber import is_doc_number_line
from policykg.loaders.metadata import labelled_date, metadata_block
from policykg.loaders.news import Lead
from policykg.loaders.text import Line
from policykg.ontology.records import DocNumber, IssuerRole, WrapperKind


@dataclass
class Header:
    title: str = ""
    title_rule: str = ""
    title_lines: tuple[int, int] | None = None  # line indices (block-relative) of the plan title
    doc_number: DocNumber | None = None
    doc_number_line: int | None = None
    issuers: list[tuple[str, IssuerRole, int]] = field(default_factory=list)  # (name, role, line index)
    date: str | None = None
    date_line: int | None = None
    date_rule: str = ""  # labelled_signing_date / labelled_publication_date when read from website metadata
    heading_date: str | None = None
    wrapper_kind: WrapperKind = "none"
    wrapper_title: str = ""
    wrapper_end: int = 0  # index of the first line after the wrapper
    addressees: str = ""
    site_source: str = ""  # the website's 来源/来自 line (襄阳市政府门户网站): where the page was published
    plan_start: int = 0
    notes: list[str] = field(default_factory=list)


def labelled_metadata(lines: tuple[Line, ...], h: Header) -> int:
    """Metadata as government websites print it above a document (发文字号：…, 成文日期：…).

    Returns the index of the first line after that block.
    """
    end, fields = metadata_block(lines)
    for j, label, value in fields:
        _read_label(h, j, label, value)
    return end


def _read_label(h: Header, j: int, label: str, value: str) -> None:
    """One metadata field; the signing date (成文日期) wins over the publication date (发布日期)."""
    if label in ("发文字号", "文号") and value:
        dn = is_doc_number_line(value)
        if dn:
            h.doc_number, h.doc_number_line = dn, j
    elif label == "发布时间":  # a page's publication date, as 发布日期
        _read_label(h, j, "发布日期", value)
    elif label.endswith("日期") and value and (label != "发布日期" or not h.date):
        date = labelled_date(value)
        if date and not (label == "发布日期" and h.date_rule == "labelled_signing_date"):
            h.date, h.date_line = date, j
            h.date_rule = "labelled_publication_date" if label == "发布日期" else "labelled_signing_date"
    elif label in ("发布机构", "发文机关", "发文单位") and value:
        h.issuers.append((value, "issuer", j))
    elif label in ("标题", "名称") and value:
        h.title, h.title_rule = value, "labelled_title"


@dataclass
class Zones:
    """Where the zones of a head lie, as the steps of :func:`parse_header` find them."""

    lines: tuple[Line, ...]
    labelled: Header = field(default_factory=Header)  # the website's metadata block, read as a header of its own
    labelled_end: int = 0  # the first line after that block
    start: int = 0  # the first line after the metadata block, an item's heading, site furniture and a news lead
    lead: Lead | None = None
    heading: str = ""  # an item's heading, or a title issued directly (国务院关于…的意见)
    direct: bool = False
    notice: str = ""  # the notice's title (关于印发《X》的通知)
    letterhead: str = ""
    notice_end: int = 0  # the first line after the letterhead, 文号 and notice title
    body_start: int = 0  # the first line of the notice's body, after its addressees
    head_date: int | None = None  # a date printed in the head, above the addressees (（二〇〇八年二月二十六日）/ 宝府办〔2008〕18号)
