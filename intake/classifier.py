"""The keyword classifier (domain.md §2): a proposal the agent confirms or corrects.

Deliberately simple and explainable: each active ``KeywordRule`` found in the text adds its weight
to its category, may raise the severity and may mark the complaint urgent. The agent sees the
words that triggered the proposal, and ``Complaint.proposal_accepted`` records whether they
agreed, which is how the rules' accuracy is measured and tuned by supervisors in admin.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .choices import Category, Severity
from .models import KeywordRule

_SEVERITY_RANK = {Severity.GENERAL: 0, Severity.IMPORTANT: 1, Severity.MAJOR: 2}
_CATEGORY_ORDER = {value: index for index, value in enumerate(Category.values)}


@dataclass(frozen=True)
class Proposal:
    category: str
    severity: str
    urgent: bool
    matched_keywords: list[str] = field(default_factory=list)

    def matches(self, *, category: str, severity: str, urgent: bool) -> bool:
        return (self.category, self.severity, self.urgent) == (category, severity, urgent)


def classify(text: str, rules: Iterable[KeywordRule] | None = None) -> Proposal:
    """Propose a category, severity and urgency for a complaint's text.

    The category with the highest total weight wins (ties go to the first in ``Category``'s
    order, so the result never depends on the database's row order); rules of weight 0 only
    raise severity or urgency. Without any match the proposal is *other* / *general*.
    """
    if rules is None:
        rules = KeywordRule.objects.filter(active=True)
    haystack = (text or "").casefold()
    scores: dict[str, int] = defaultdict(int)
    severity = Severity.GENERAL
    urgent = False
    matched: list[str] = []
    for rule in rules:
        keyword = rule.keyword.strip()
        if not keyword or keyword.casefold() not in haystack:
            continue
        if keyword not in matched:
            matched.append(keyword)
        if rule.weight:
            scores[rule.category] += rule.weight
        if rule.severity and _SEVERITY_RANK[rule.severity] > _SEVERITY_RANK[severity]:
            severity = Severity(rule.severity)
        urgent = urgent or rule.urgent
    if scores:
        category = min(scores, key=lambda c: (-scores[c], _CATEGORY_ORDER.get(c, len(_CATEGORY_ORDER))))
    else:
        category = Category.OTHER
    return Proposal(category=str(category), severity=str(severity), urgent=urgent, matched_keywords=matched)
