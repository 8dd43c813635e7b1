"""The proposal an agent sees: the learned guesses, raised by the content rules and the urgent detector."""

from dataclasses import dataclass, field, replace

from ..choices import Category, ServiceType, Severity
from .learn import TriageModel
from .severity import severity_floor
from .store import active_model
from .text import has_chinese, normalise
from .urgent import detect_urgent

_RANK = {Severity.GENERAL: 0, Severity.IMPORTANT: 1, Severity.MAJOR: 2}


@dataclass(frozen=True)
class Proposal:
    category: str
    severity: str
    urgent: bool
    service_type: str
    confidence: float
    severity_confidence: float = 0.0
    service_type_confidence: float = 0.0
    #: The words that drove the proposal: urgent cues first, then severity cues, then the category's.
    cues: list[str] = field(default_factory=list)
    urgent_cues: list[str] = field(default_factory=list)
    version: int | None = None

    def matches(self, *, category: str, severity: str, urgent: bool) -> bool:
        return (self.category, self.severity, self.urgent) == (category, severity, urgent)

    def get_category_display(self) -> str:
        return Category(self.category).label

    def get_severity_display(self) -> str:
        return Severity(self.severity).label

    def get_service_type_display(self) -> str:
        return ServiceType(self.service_type).label

    @property
    def confidence_percent(self) -> int:
        return round(self.confidence * 100)

    def raised_by_transfer(self, body: str) -> "Proposal":
        """The same proposal, major, with the transferring body among its reasons."""
        return replace(self, severity=Severity.MAJOR, cues=list(dict.fromkeys([str(body), *self.cues])))

    @classmethod
    def of(cls, complaint) -> "Proposal | None":
        """The proposal stored on a complaint at registration (None for a complaint registered before triage)."""
        if not complaint.proposed_category:
            return None
        return cls(
            category=complaint.proposed_category,
            severity=complaint.proposed_severity or Severity.GENERAL,
            urgent=complaint.proposed_urgent,
            service_type=complaint.proposed_service_type or ServiceType.OTHER,
            confidence=complaint.proposal_confidence or 0.0,
            cues=complaint.proposal_keywords,
            version=complaint.proposal_version_id,
        )


def _unknown() -> Proposal:
    return Proposal(
        category=Category.OTHER, severity=Severity.GENERAL, urgent=False, service_type=ServiceType.OTHER, confidence=0.0
    )


def propose(text: str, model: TriageModel | None = None) -> Proposal:
    """Propose category, severity, urgency and service type for a complaint's text; never raises on bad text.

    Text with no Chinese in it (empty, emoji, digits, English) gets *other / general* with no confidence.
    """
    normal = normalise(text)
    if not has_chinese(normal):
        return _unknown()
    version = None
    if model is None:
        model, version = active_model()
    guesses = model.guess(normal)
    finding = detect_urgent(normal)
    floor, severity_cues = severity_floor(normal)
    severity = max(guesses["severity"].label, floor, key=lambda s: _RANK[s])
    if finding.urgent:
        severity = Severity.MAJOR
    urgent_cues = list(finding.cues) if finding.urgent else []
    reasons = [*urgent_cues, *severity_cues]
    category_cues = [cue for cue in guesses["category"].cues if not any(cue in reason for reason in reasons)]
    cues = list(dict.fromkeys([*reasons, *category_cues]))
    return Proposal(
        category=guesses["category"].label,
        severity=str(severity),
        urgent=finding.urgent,
        service_type=guesses["service_type"].label,
        confidence=round(guesses["category"].confidence, 3),
        severity_confidence=round(guesses["severity"].confidence, 3),
        service_type_confidence=round(guesses["service_type"].confidence, 3),
        cues=cues,
        urgent_cues=urgent_cues,
        version=version,
    )
