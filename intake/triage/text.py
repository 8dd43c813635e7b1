"""One normal form for every text the classifier reads, in training and in use alike."""

import re
import unicodedata

import zhconv

#: The longest text read; a description is at most 5,000 characters, and the first part decides.
MAX_CHARS = 5000

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def normalise(text: str | None) -> str:
    """Full-width to half-width, traditional to simplified characters, Latin in lower case.

    Customers from Hong Kong and Taiwan write 服務態度; the corpus mostly 服务态度: one form for both.
    """
    text = _CONTROL.sub(" ", (text or "")[:MAX_CHARS])
    text = unicodedata.normalize("NFKC", text).casefold()
    return zhconv.convert(text, "zh-hans")


def has_chinese(text: str) -> bool:
    """Whether there is anything for the models to read: they learned Chinese words, not a lone
    character, emoji, digits or English."""
    return len(_CJK.findall(text)) >= 2
