"""The wording of the messages to complainants and workers, which supervisors edit in admin.

Each app registers its kinds of message (the outbox's ``purpose``) with the variables the text may
use and a default wording, translated like every other string: the defaults ship in both
languages, and ``message_templates_install`` (run after every ``migrate``) gives each kind its
editable row. A variable is written ``{name}``; a text naming an unknown one is refused when saved.
"""

import re
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import override

PLACEHOLDER = re.compile(r"\{(\w+)\}")
#: The languages a template is written in: (language code, field of ``MessageTemplate``).
LANGUAGES = (("zh-hans", "text_zh"), ("en", "text_en"))


@dataclass(frozen=True)
class MessageKind:
    purpose: str
    label: Promise
    #: Who receives it, as shown in admin.
    recipient: Promise
    default: Promise
    #: Variable name -> an example value for the preview.
    samples: dict[str, str] = field(default_factory=dict)

    def default_text(self, language: str) -> str:
        """The default wording in ``language``; the catalogs write variables as ``%(name)s``."""
        with override(language):
            return re.sub(r"%\((\w+)\)s", r"{\1}", str(self.default))


KINDS: dict[str, MessageKind] = {}


def message_kinds_register(*kinds: MessageKind) -> None:
    for kind in kinds:
        KINDS[kind.purpose] = kind


def braced(names) -> str:
    """Variables as a supervisor writes them: ``{number}, {date}``."""
    return ", ".join("{" + name + "}" for name in names) or "-"


def unknown_variables(purpose: str, text: str) -> list[str]:
    allowed = KINDS[purpose].samples
    return sorted({name for name in PLACEHOLDER.findall(text) if name not in allowed})


def text_fill(text: str, values: dict) -> str:
    return PLACEHOLDER.sub(lambda match: str(values.get(match[1], match[0])), text)


def message_text(purpose: str, *, language: str = "zh-hans", **values) -> str:
    """The text of ``purpose`` as supervisors last worded it (the default when they never did)."""
    from .models import MessageTemplate

    template = MessageTemplate.objects.filter(purpose=purpose).first()
    text = template.text_for(language) if template is not None else ""
    return text_fill(text or KINDS[purpose].default_text(language), values)


def message_templates_install(sender=None, **kwargs) -> int:
    """Give every registered kind its template with the default wording; edited ones are kept."""
    from .models import MessageTemplate

    existing = set(MessageTemplate.objects.values_list("purpose", flat=True))
    new = [
        MessageTemplate(purpose=kind.purpose, **{name: kind.default_text(code) for code, name in LANGUAGES})
        for kind in KINDS.values()
        if kind.purpose not in existing
    ]
    for template in new:
        template.save()  # one by one: each gets its first history row
    return len(new)
