"""The document reader: one file, in any format :mod:`policykg.loaders.formats` knows → its Document records.

The format's reader gives text lines; from there every format goes through the same
parsers: text repair, document splitting, the head of each document, the numbered
tree, owners, deadlines, citations and annex tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from policykg.loaders.annex import enrich_from_tables, fold_annex_lists
from policykg.loaders.chrome import is_site_chrome
from policykg.loaders.citations import find_citations
from policykg.loaders.deadlines import resolve
from policykg.loaders.docnumber import is_date_line, is_doc_number_line
from policykg.loaders.gazetteer import Division, dominant_place, mentioned, place_of, province_by_abbreviation
from policykg.loaders.header import join_wrapped_head, parse_header
from policykg.loaders.headrecord import Header
from policykg.loaders.jurisdiction import place
from policykg.loaders.metadata import labelled_fields
from policykg.loaders.segment import is_salutation, split_documents
from policykg.loaders.structure import parse_tree
from policykg.loaders.text import Line, LoadError, SourceText, TextMap, load_text, tidy, written_forms
from policykg.loaders.title import INTERPRETATION
from policykg.loaders.units import HEADER_CELL, LABELLED_END, Cells, numbered_rows, paragraphs, walk
from policykg.ontology.keys import content_key, doc_key
from policykg.ontology.records import (
    LEVEL_CHAR,
    Document,
    Issuer,
    Level,
    Measure,
    Problem,
    Provenance,
    Section,
    SourceFile,
    SourceRef,
    Span,
    Structure,
    Wrapper,
)


@dataclass
class LoadResult:
    file: SourceFile
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def load(path: Path) -> LoadResult:
    """Read one file; a file that cannot be used gives a 'skipped' problem, never an exception."""
    result = LoadResult(SourceFile(path.name, "unreadable"))
    try:
        source = load_text(path)
    except LoadError as exc:
        result.problems.append(Problem(path.name, "skipped", str(exc)))
        return result
    except OSError as exc:
        result.problems.append(Problem(path.name, "skipped", f"cannot read: {exc.strerror or exc}"))
        return result
    if source.origin is not None:
        o = source.origin
        result.file = SourceFile(path.name, o.format, o.pages, o.paragraphs, o.fields, o.attachments, o.encoding)
        result.problems += [Problem(path.name, "warning", note) for note in o.notes]
    if source.encoding not in ("utf-8", "") and (source.origin is None or source.origin.format == "text"):
        result.problems.append(Problem(path.name, "warning", f"decoded as {source.encoding} (not UTF-8)"))
    blocks = split_documents(source.lines)
    for block in blocks:
        lines = source.lines[block.start : block.end]
        if block.item is None:  # a compendium item's heading lines are counted by the splitter: left as they are
            lines = join_wrapped_head(lines, source.wrap_width)
        doc = _read_document(source, lines, block.heading_end - block.start, block.item)
        if doc.structure == "unrecognised":  # never lose a page: what was found is kept, and the user is told
            result.problems.append(
                Problem(path.name, "warning",
                        f"lines {lines[0].no}-{lines[-1].no}: structure unrecognised (no 文号, no numbered sections or measures); "
                        f"kept as {len(doc.measures)} paragraphs")
            )
        for note in doc.notes:
            if note.startswith("truncated"):
                result.problems.append(Problem(path.name, "warning", f"{doc.title or doc.key}: {note}"))
        result.documents.append(doc)
    if not blocks:
        result.problems.append(Problem(path.name, "skipped", "no text lines"))
    return result


_PURPOSE = re.compile(r"制定本(?:条例|办法|细则|规定|实施细则|实施办法|方案|意见|措施|规则)")


def _read_document(source: SourceText, lines: tuple[Line, ...], heading_end: int, item: int | None) -> Document:
    file = source.name
    h = parse_header(lines, heading_end, item)
    key = doc_key(h.doc_number, h.title) if h.doc_number is not None or h.title.strip() else content_key("".join(ln.text for ln in lines))
    plan = lines[h.plan_start :]
    # a task table flattened one cell per line announces itself with its header cells on lines of their own
    # (one cell per line); or with its header cells glued on one line, each row's cells glued after its measure
    cells: Cells = ("lines" if any(HEADER_CELL.fullmatch(ln.text.strip()) for ln in plan)
                    else "glued" if any(len(HEADER_CELL.findall(ln.text)) >= 2 and "。" not in ln.text for ln in plan) else "")
    if cells == "lines":
        plan = numbered_rows(plan)
    tree = parse_tree(plan, source.wrap_width)
    sections: list[Section] = []
    measures: list[Measure] = []
    walk(tree.root, (), "", "body", key, file, source.wrap_width, sections, measures, cells)
    measures, tasks = enrich_from_tables(measures, tree.tables, key, file, source.raw_lines)
    measures, list_tasks = fold_annex_lists(measures, key)
    tasks += list_tasks
    notes = list(h.notes)
    if tree.effect:  # 本方案自…起施行，有效期至…: about the document, kept beside it rather than in its last measure
        notes.append(f"in effect (lines {tree.effect[0].no}-{tree.effect[-1].no}): {tidy(''.join(ln.text for ln in tree.effect))}")
    if source.script:
        notes.append(f"read after script normalisation ({source.script}: OpenCC t2s, pinyin glosses removed); "
                     "line numbers are those of the original file")
    preamble_tm = TextMap.from_lines(tree.preamble)
    wrapper_tm = TextMap.from_lines(lines[: h.plan_start])
    citations = find_citations(wrapper_tm, file, "citation_notice") + find_citations(preamble_tm, file, "citation_preamble")
    for s in sections:
        if s.text:  # the section's own lines, so a citation in a wrapped heading or article keeps its line
            own = [ln for ln in lines if s.provenance.span.line_start <= ln.no <= s.provenance.span.line_end]
            # a regulation's purpose article (为了贯彻实施《…》…，制定本办法) says what it derives from, as a preamble does
            rule = "citation_purpose" if _PURPOSE.search(s.text) else "citation_section"
            citations += find_citations(TextMap.from_lines(own), file, rule)
    citations += [c for m in measures for c in m.citations]
    if INTERPRETATION.search(h.title) and h.title_lines:
        # a page explaining a policy: its paragraphs (背景, 主要内容, 亮点) explain the document its title names and are
        # nobody's measures; what it is about is that document, cited from the title
        first, last = h.title_lines
        citations += find_citations(TextMap.from_lines(lines[first : last + 1]), file, "citation_title")
        notes.append(f"a policy interpretation (解读): its {len(sections) + len(measures)} parts explain the document it names, "
                     "and are not read as measures")
        sections, measures, tasks = [], [], []
    structure: Structure = "recognised"
    if not measures and not sections and h.doc_number is None and not INTERPRETATION.search(h.title):
        structure = "unrecognised"
        measures = list(paragraphs(plan if any(ln.text.strip() for ln in plan) else lines, key, file))
    cut = [m for m in measures if m.kind not in ("paragraph", "annex") and m.text and m.text[-1] not in "。）)；;！？”\"】」.:："
           and not LABELLED_END.search(m.text)]
    if cut:
        notes.append(
            f"truncated text: {len(cut)} of {len(measures)} measures end mid-sentence (first at line {cut[0].provenance.span.line_end})"
        )
    where, level_rule = place([n for n, r, _ in h.issuers if r in ("issuer", "seal")], h.doc_number, h.title)
    provincial = [n for n, r, _ in h.issuers if r in ("issuer", "seal") and n.startswith(("自治区", "省"))]
    if where is None and provincial and h.doc_number is not None and (province := province_by_abbreviation(h.doc_number.issuer_code)):
        where, level_rule = place_of(province), "doc_number_province"  # 自治区推进…领导小组办公室, 新核心区发〔2017〕1号
    if where is None and h.wrapper_title:  # 泰州关于印发…的通知: the notice's title names the place the plan's does not
        where, level_rule = place([], None, h.wrapper_title)
        level_rule = "notice_title_gazetteer" if where is not None else level_rule
    if where is None:  # the page itself: the site that published it, then 结合X实际 in its text
        context = [h.site_source] + [m.group(1) for m in _CONTEXT_PLACE.finditer(tidy("".join(ln.text for ln in lines[: h.plan_start + 12])))]
        for text, rule in zip(context, ["site_source"] + ["context_place"] * (len(context) - 1), strict=True):
            if text:
                where, level_rule = place([text], None, "")
                if where is not None:
                    level_rule = rule
                    break
    if where is None and (about := dominant_place(tidy("".join(ln.text for ln in lines)))) is not None:
        where, level_rule = place_of(about), "body_mentions"  # 全市…许昌市…许昌市: the place the text keeps naming
    level, jurisdiction = (where.level, where.jurisdiction) if where else (None, None)
    if level is None and (by_addressees := _level_of_addressees(h.addressees)):
        level, level_rule = by_addressees, "addressees"  # 各乡镇人民政府、县直各单位: a county's notice, place unnamed
        above = _addressed_within(h.addressees, by_addressees)
        if above is not None:  # 各区、市人民政府，青岛西海岸新区管委: a city's notice to the units of 青岛市
            where, level_rule = place_of(above), "addressees_place"
            level, jurisdiction = where.level, where.jurisdiction
    if where is not None:  # 区政府办, 市人民政府 as a site prints them: the issuer's full name, now the place is known
        h.issuers = [(_full_issuer(n, where.level, where.jurisdiction), r, j) for n, r, j in h.issuers]
    if level is None:
        notes.append("level and jurisdiction unknown: no issuer, 文号 prefix or title names one")
    wrapper = None
    if h.wrapper_kind != "none" and h.wrapper_end:
        wrapper = Wrapper(
            h.wrapper_kind,
            tidy(h.wrapper_title),
            Provenance(Span(file, lines[0].no, lines[h.wrapper_end - 1].no), "notice_wrapper"),
            h.addressees,
        )
    footnotes = tuple(f.text for f in source.footnotes if lines[0].no <= f.no <= lines[-1].no)
    prov = _field_provenance(h, lines, file)
    prov["level"] = Provenance(Span(file, lines[0].no, lines[min(len(lines) - 1, h.plan_start)].no), f"level_from_{level_rule}")
    year = int(h.date[:4]) if h.date else (h.doc_number.year if h.doc_number else None)
    measures = [replace(m, deadlines=tuple(resolve(d, year, h.date) for d in m.deadlines)) for m in measures]
    tasks = [replace(t, deadlines=tuple(resolve(d, year, h.date) for d in t.deadlines)) for t in tasks]
    original_title = ""
    if "traditional" in source.script:  # keep the source's own script for display beside the converted text
        written = written_forms(lines)
        measures = [replace(m, original_text=written(m.text)) for m in measures]
        original_title = written(h.title)
    title = h.title
    if not title.strip():  # every document has a title to be shown and queried by: its first words stand in
        opening = next((ln for ln in lines if len(re.findall(r"[\u4e00-\u9fff]", ln.text)) >= 4 and not is_site_chrome(ln.text)
                        and not labelled_fields(ln.text) and not is_date_line(ln.text) and not is_doc_number_line(ln.text)
                        and not is_salutation(ln.text)), lines[0])
        title = re.split(r"[。；;，,：:]", tidy(opening.text))[0][:40] or file
        notes.append(f"untitled: its first words (line {opening.no}) stand in for a title")
        prov.setdefault("title", Provenance(Span(file, opening.no, opening.no), "title_first_words"))
    return Document(
        original_title=original_title,
        structure=structure,
        tasks=tuple(tasks),
        key=key,
        title=title,
        doc_number=h.doc_number,
        issuers=tuple(Issuer(n, r, Provenance(Span(file, lines[j].no, lines[j].no), f"issuer_{r}")) for n, r, j in h.issuers),
        date=h.date,
        level=level,
        jurisdiction=jurisdiction,
        sources=(SourceRef(file, lines[0].no, lines[-1].no, item, wrapper),),
        sections=tuple(sections),
        measures=tuple(measures),
        citations=tuple(sorted(citations, key=lambda c: (c.provenance.span.line_start, c.offset))),
        preamble=tidy(preamble_tm.text),
        footnotes=footnotes,
        notes=tuple(notes),
        provenance=prov,
        jurisdiction_path=where.path if where else (),
        jurisdiction_code=where.code if where else "",
    )


# 结合辽宁实际, 结合襄阳市实际: the place whose circumstances a plan is fitted to (我市/本区 name none)
_CONTEXT_PLACE = re.compile(r"结合(?!我|本|各|实际)([\u4e00-\u9fff]{2,10}?)(?:的)?(?:实际|具体情况|特点)")


# whom a notice is addressed to tells its level even where no place is named
_ADDRESSEE_LEVELS: tuple[tuple[str, Level], ...] = (
    (r"县直|各乡、?镇|各乡镇", "county"),
    (r"区政府各|区直|各街道|各镇人民政府|各街镇", "district"),
    (r"各县[（(]?市|各区县|各区、县|市政府各|市直", "municipal"),
    (r"各市[（(]?州|各地级|省政府各|省直|各设区的市", "provincial"),
)


_SHORT_GOVERNMENT = {"政府办": "人民政府办公室", "政府办公室": "人民政府办公室", "政府": "人民政府", "人民政府": "人民政府",
                     "人民政府办公室": "人民政府办公室", "人民政府办公厅": "人民政府办公厅", "政府办公厅": "人民政府办公厅"}


def _full_issuer(name: str, level: str, jurisdiction: str) -> str:
    """A government issuer written by its level alone (区政府办, 市人民政府) named with its place.

    >>> _full_issuer("区政府办", "district", "大兴区"), _full_issuer("市人民政府", "municipal", "襄阳市")
    ('大兴区人民政府办公室', '襄阳市人民政府')
    >>> _full_issuer("市人民政府", "district", "大兴区"), _full_issuer("区发改委", "district", "大兴区")
    ('市人民政府', '区发改委')
    >>> _full_issuer("许昌市政府", "municipal", "许昌市"), _full_issuer("许昌市政府办", "municipal", "许昌市")
    ('许昌市人民政府', '许昌市人民政府办公室')
    >>> _full_issuer("省人民政府", "provincial", "湖北省"), _full_issuer("自治区人民政府", "provincial", "新疆维吾尔自治区")
    ('湖北省人民政府', '新疆维吾尔自治区人民政府')
    >>> _full_issuer("自治区推进丝绸之路经济带核心区建设工作领导小组办公室", "provincial", "新疆维吾尔自治区")
    '新疆维吾尔自治区推进丝绸之路经济带核心区建设工作领导小组办公室'

    """
    char = "自治区" if jurisdiction.endswith("自治区") else LEVEL_CHAR.get(level)
    if char and name.startswith(char) and name[len(char):] in _SHORT_GOVERNMENT:
        return jurisdiction + _SHORT_GOVERNMENT[name[len(char):]]
    if level == "provincial" and char and name.startswith(char) and not name.startswith(("省委", "省直")):
        return jurisdiction + name[len(char):]  # 自治区推进…领导小组办公室: a province's body named with its province
    named = re.fullmatch(r"(.{1,12}?)(政府办公室|政府办公厅|政府办|政府)", name)
    if named and named.group(1) == jurisdiction:  # 许昌市政府 as a news report writes it: 许昌市人民政府
        return jurisdiction + _SHORT_GOVERNMENT[named.group(2)]
    return name


def _addressed_within(addressees: str, level: Level) -> Division | None:
    """The one place a notice's addressees name, when it is of the notice's own level: the units addressed lie in it
    (各区、市人民政府，青岛西海岸新区管委 → 青岛市, a city's notice).

    >>> _addressed_within("各区、市人民政府,青岛西海岸新区管委,市政府各部门:", "municipal").name
    '青岛市'
    >>> _addressed_within("各区、市人民政府,市政府各部门:", "municipal") is None
    True
    """
    rank = {"provincial": "province", "municipal": "prefecture", "county": "county", "district": "county"}.get(level)
    found = {d.code: d for ds in mentioned(addressees) for d in ds if d.rank == rank}
    return next(iter(found.values())) if len(found) == 1 else None


def _level_of_addressees(addressees: str) -> Level | None:
    """The level of a notice from its addressees (各乡镇人民政府、县直各单位 → county).

    >>> _level_of_addressees("各乡镇人民政府,县直各单位:"), _level_of_addressees("各县(市、区)人民政府,市直各单位:")
    ('county', 'municipal')
    """
    for pattern, level in _ADDRESSEE_LEVELS:
        if re.search(pattern, addressees):
            return level
    return None


def _field_provenance(h: Header, lines: tuple[Line, ...], file: str) -> dict[str, Provenance]:
    out = {}
    if h.doc_number_line is not None:
        no = lines[h.doc_number_line].no
        out["doc_number"] = Provenance(Span(file, no, no), "doc_number_line")
    if h.date_line is not None:
        no = lines[h.date_line].no
        out["date"] = Provenance(Span(file, no, no), h.date_rule or "signature_date")  # or the website's metadata
    elif h.heading_date:
        out["date"] = Provenance(Span(file, lines[0].no, lines[0].no), "heading_date")
    if h.title_lines:
        a, b = h.title_lines
        out["title"] = Provenance(Span(file, lines[a].no, lines[b].no), h.title_rule or "title_line")
    elif h.title:
        out["title"] = Provenance(Span(file, lines[0].no, lines[min(len(lines) - 1, max(0, h.plan_start - 1))].no), h.title_rule)
    return out
