"""Normalisation for matching; the original text is always kept for display.

Full-width → half-width (NFKC), traditional → simplified (OpenCC), no spaces,
unified quotes and brackets.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "〔": "[", "〕": "]", "【": "[", "】": "]"})


@cache
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def normalise(text: str) -> str:
    """
    >>> normalise("全面推行“桩基先行”， 優化營商環境（２０２３年）")
    '全面推行"桩基先行",优化营商环境(2023年)'
    """
    text = unicodedata.normalize("NFKC", text)
    text = _converter().convert(text)
    text = text.translate(_QUOTES)
    return re.sub(r"\s+", "", text)


def char_ngrams(text: str, n: int) -> set[str]:
    """The character n-grams of a text (for reuse shares: how much wording two texts have in common).

    >>> sorted(char_ngrams("一网通办", 3))
    ['一网通', '网通办']
    """
    return {text[i : i + n] for i in range(len(text) - n + 1)}
