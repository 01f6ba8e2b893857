"""Citations: every 《title》, with the 文号 that may follow it and the cue before it.

Titles wrap over lines in extracted text, so citations are found on text
joined across lines and mapped back to source lines through a TextMap.
"""

from __future__ import annotations

import re

from policykg.loaders.docnumber import DOC_NUMBER, make_doc_number, normalise_digits
from policykg.loaders.header import bracketed_titles
from policykg.loaders.text import TextMap, tidy
from policykg.ontology.records import Citation, Provenance, Span

CUES = ("贯彻落实", "根据", "落实", "对照", "贯彻", "按照", "依据", "依照", "参照", "遵照", "执行", "结合", "对标")
WEAK_CUES = ("实施", "围绕")
_CUE_WINDOW = 14
_NUMBER_AFTER = re.compile(r"^\s*[（(]\s*(" + DOC_NUMBER.pattern + r")\s*[）)]")


def find_citations(tm: TextMap, file: str, rule: str = "citation_brackets") -> list[Citation]:
    """Citations in a joined text.

    >>> tm = TextMap("根据《上海市加强集成创新持续优化营商环境行动方案》（沪府办规〔2023〕1 号），结合", (0,), (7,))
    >>> c = find_citations(tm, "f.txt")[0]
    >>> (c.title, str(c.doc_number), c.cue, c.provenance.span.line_start)
    ('上海市加强集成创新持续优化营商环境行动方案', '沪府办规〔2023〕1号', '根据', 7)
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
            )
        )
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
