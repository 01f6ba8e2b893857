"""Citations: every 《title》, with the 文号 that may follow it and the cue before it.

Titles wrap over lines in extracted text, so citations are found on text
joined across lines and mapped back to source lines through a TextMap.
"""

from __future__ import annotations

import re

from policykg.loaders.docnumber import DOC_NUMBER, make_doc_number, normalise_digits
from policykg.loaders.text import TextMap, tidy
from policykg.loaders.title import bracketed_titles
from policykg.ontology.records import Citation, Provenance, Span

CUES = ("贯彻落实", "根据", "落实", "对照", "贯彻", "按照", "依据", "依照", "参照", "遵照", "执行", "结合", "对标")
WEAK_CUES = ("实施", "围绕")
_CUE_WINDOW = 14
_NUMBER_AFTER = re.compile(r"^\s*[（(]\s*(" + DOC_NUMBER.pattern + r")\s*[）)]")
# a title listed without 《》 after a cue: a run ending in a document type, between list separators
_KINDS = "实施意见|实施方案|工作方案|行动方案|方案|意见|通知|决定|办法|规定|条例|规划|纲要|措施|细则|要点|计划"
_BARE_TITLE = re.compile(rf"(?<=[、和及与])([^、，,。；;：:《》()（）§\s]{{8,60}}?(?:{_KINDS}))(?=[、和及与，,。；;]|以及|精神|要求|等|$)")
_TITLE_OPENING = re.compile(r"^(关于|国务院|国家|中共|党中央|全国|[^、，,。]{1,6}?(省|自治区|市|区|县|州|盟|旗)(人民政府|委员会|办公厅|办公室)?)")


# bodies written before a 《title》 they issued: national ones (国务院《优化营商环境条例》, 中共中央、国务院《…》) and the
# citing place's own (省政府《…》, 市委、市政府《…》, 区政府办公室《…》)
_ISSUER_BEFORE = re.compile(r"(?:中共中央办公厅、国务院办公厅|中共中央、国务院|国务院办公厅|国务院|中共中央|全国人大常委会|全国人民代表大会(?:常务委员会)?"
                              r"|[省市区县](?:委、[省市区县])?(?:人民)?政府(?:办公厅|办公室)?)$")


def find_citations(tm: TextMap, file: str, rule: str = "citation_brackets") -> list[Citation]:
    """Citations in a joined text.

    >>> tm = TextMap("根据《上海市加强集成创新持续优化营商环境行动方案》（沪府办规〔2023〕1 号），结合", (0,), (7,))
    >>> c = find_citations(tm, "f.txt")[0]
    >>> (c.title, str(c.doc_number), c.cue, c.provenance.span.line_start)
    ('上海市加强集成创新持续优化营商环境行动方案', '沪府办规〔2023〕1号', '根据', 7)
    >>> find_citations(TextMap("根据国务院《优化营商环境条例》，制定本条例。", (0,), (1,)), "f.txt")[0].issuer
    '国务院'
    """
    out: list[Citation] = []
    text = tm.text
    prev_stop, prev_cue = -1, ""
    for start, end, title in bracketed_titles(text):
        number = None
        after = normalise_digits(text[end : end + 40])
        m = _NUMBER_AFTER.match(after)
        stop = end
        if m:
            g = DOC_NUMBER.match(m.group(1))
            if g:
                number = make_doc_number(g.group("code"), int(g.group("year")), int(g.group("serial")))
                stop = end + m.end()
        cue = _cue_before(text, start)
        if not cue and prev_cue and prev_stop >= 0 and re.fullmatch(r"\s*(和|及|以及|、|与|，)?\s*", text[prev_stop:start]):
            cue = prev_cue  # 落实《A》和《B》: the cue governs both
        prev_stop, prev_cue = stop, cue
        a, b = tm.span(start, stop)
        out.append(
            Citation(
                title=tidy(title),
                provenance=Provenance(Span(file, a, b), rule),
                doc_number=number,
                cue=cue,
                offset=start,
                context=tidy(text[max(0, start - 20) : min(len(text), stop + 10)]),
                issuer=m.group(0) if (m := _ISSUER_BEFORE.search(text[max(0, start - 20) : start])) else "",
            )
        )
    if rule != "citation_measure":
        out += _bare_titles(tm, file, [(c.offset, c.offset + len(c.title) + 2) for c in out])
        out.sort(key=lambda c: c.offset)
    return out


def _bare_titles(tm: TextMap, file: str, bracketed: list[tuple[int, int]]) -> list[Citation]:
    """Titles a cue lists without 《》 (贯彻落实《A》、福建省…工作推进方案和关于…的实施意见，…): each in the list after the cue.

    >>> tm = TextMap("为贯彻落实《关于A的通知》、福建省提升营商环境工作推进方案和关于进一步推动政策落实的实施意见，结合本市实际", (0,), (3,))
    >>> [(c.title, c.cue, c.provenance.rule) for c in _bare_titles(tm, "f.txt", [(5, 13)])]
    [('福建省提升营商环境工作推进方案', '贯彻落实', 'citation_unbracketed'), ('关于进一步推动政策落实的实施意见', '贯彻落实', 'citation_unbracketed')]
    >>> _bare_titles(TextMap("根据市政府工作计划和本区工作要点，制定本方案", (0,), (1,)), "f.txt", [])
    []
    """
    text = tm.text
    masked = list(text)
    for start, end in bracketed:  # a 《title》 and the 文号 after it stand as one list item
        after = _NUMBER_AFTER.match(normalise_digits(text[end : end + 40]))
        stop = end + (after.end() if after else 0)
        masked[start:stop] = "§" * (stop - start)
    plain = "".join(masked)
    out: list[Citation] = []
    for cue_match in re.finditer("|".join(sorted(CUES, key=len, reverse=True)), plain):
        if out and cue_match.start() < out[-1].offset + len(out[-1].title):
            continue  # a cue word inside a title just found (关于贯彻落实…的实施意见)
        clause_end = re.search(r"[，,。；;：:]", plain[cue_match.end() :])
        clause = "、" + plain[cue_match.end() : cue_match.end() + (clause_end.start() if clause_end else len(plain))]
        for m in _BARE_TITLE.finditer(clause):
            title = m.group(1)
            if not _TITLE_OPENING.match(title) or title.startswith(("本", "各")):
                continue
            start = cue_match.end() + m.start(1) - 1
            a, b = tm.span(start, start + len(title))
            out.append(Citation(title=tidy(title), provenance=Provenance(Span(file, a, b), "citation_unbracketed"), cue=cue_match.group(0),
                                offset=start, context=tidy(text[max(0, start - 20) : start + len(title) + 10])))
    return out


def _cue_before(text: str, start: int) -> str:
    """The nearest cue phrase shortly before a citation, not across a sentence end."""
    window = text[max(0, start - _CUE_WINDOW) : start]
    cut = max(window.rfind("。"), window.rfind("；"), window.rfind("》"))
    if cut >= 0:
        window = window[cut + 1 :]
    best, best_end = "", -1
    for cue in CUES:
        pos = window.rfind(cue)
        if pos < 0:
            continue
        end = pos + len(cue)
        if end > best_end or (end == best_end and len(cue) > len(best)):
            best, best_end = cue, end
    if not best:
        # a cue further back, when nothing but an attributive phrase stands between: 落实…审议通过的《X》
        wide = text[max(0, start - 2 * _CUE_WINDOW) : start]
        for cue in CUES:
            pos = wide.rfind(cue)
            if pos >= 0 and not re.search(r"[，,。；;：:、！？《》()（）]", wide[pos + len(cue) :]) and wide.endswith("的"):
                return cue
    if not best:
        # 实施 / 围绕 cite a parent only in a sentence that is about carrying it out (深入贯彻落实…，深入实施《X》)
        sentence = text[max(0, start - 200) : start]
        sentence = sentence[max(sentence.rfind("。"), sentence.rfind("；")) + 1 :]
        for cue in WEAK_CUES:
            if cue in window and re.search("贯彻|落实", sentence):
                return cue
    return best
