"""What raises a complaint's severity whatever the model says (domain.md §2, seed 003).

Harm to a person, fraud, a large sum, the media or a regulator, a lawyer or a court make a complaint
major: the desk must not learn to overlook them from a corpus where they happen to be rare.
"""

import re

from ..choices import Severity

#: kind -> pattern over the normalised text.
MAJOR_CUES: dict[str, str] = {
    "media": r"曝光|媒体|记者|电视台|热搜|发[到上在]?(?:网上|抖音|微博|小红书|朋友圈|头条)|上新闻",
    "regulator": r"12315|12345|消协|消费者协会|市场监[督管]|工商局|监管部门|劳动局|信访|市长热线|投诉到(?:政府|市里)",
    "legal": r"律师|起诉|法院|仲裁|诉讼|律师函|立案|报案",
    "fraud": r"诈骗|骗子|骗了|假证|冒充|卷款|跑路|拉黑",
}
#: A sum from which a loss is no longer small (yuan); a supervisor reads the complaint anyway.
LARGE_AMOUNT = 5000

_MAJOR = {kind: re.compile(pattern) for kind, pattern in MAJOR_CUES.items()}
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(万|千|k)?\s*(?:元|块|rmb|￥)|[¥￥]\s*(\d+(?:\.\d+)?)")
_SCALE = {"万": 10000, "千": 1000, "k": 1000}


def largest_amount(text: str) -> float:
    """The largest sum of money written in digits, in yuan (0 when none)."""
    largest = 0.0
    for digits, scale, prefixed in _AMOUNT.findall(text.replace(",", "")):
        value = float(digits or prefixed) * _SCALE.get(scale, 1)
        largest = max(largest, value)
    return largest


def severity_floor(text: str) -> tuple[str, tuple[str, ...]]:
    """The lowest severity the content allows, and the words that set it."""
    cues = tuple(dict.fromkeys(m.group() for pattern in _MAJOR.values() for m in pattern.finditer(text)))
    if cues:
        return Severity.MAJOR, cues
    if largest_amount(text) >= LARGE_AMOUNT:
        return Severity.IMPORTANT, ()
    return Severity.GENERAL, ()
