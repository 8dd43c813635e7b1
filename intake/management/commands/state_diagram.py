"""Write the complaint's state diagram (Mermaid) from the FSM itself, so it never drifts."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import override

from intake.models import Complaint, State
from intake.models.lifecycle import TRANSITION_LABELS

DEFAULT_OUTPUT = "docs/state-diagram.md"
README = "README.md"
README_START = "<!-- state-diagram:start -->"
README_END = "<!-- state-diagram:end -->"
HEADER = """# The complaint's states

Generated from `intake/models/lifecycle.py` by `python manage.py state_diagram`; a test fails when
this file and the code disagree. Labels: 中文 / English.

"""


def _bilingual(label) -> str:
    with override("zh-hans"):
        chinese = str(label)
    with override("en"):
        english = str(label)
    return chinese if chinese == english else f"{chinese} / {english}"


def mermaid_block() -> str:
    """The diagram in a fixed order: states as declared, transitions by source then name."""
    order = {state.value: index for index, state in enumerate(State)}
    lines = ["stateDiagram-v2", "    direction LR"]
    lines += [f'    state "{_bilingual(state.label)}" as {state.value}' for state in State]
    lines.append(f"    [*] --> {State.SUBMITTED.value}")
    transitions = Complaint._meta.get_field("state").get_all_transitions(Complaint)
    edges = sorted(transitions, key=lambda t: (order[t.source], order[t.target], t.name))
    lines += [f"    {t.source} --> {t.target}: {_bilingual(TRANSITION_LABELS[t.name])}" for t in edges]
    lines.append(f"    {State.ARCHIVED.value} --> [*]")
    return "```mermaid\n" + "\n".join(lines) + "\n```\n"


def mermaid() -> str:
    return HEADER + mermaid_block()


def readme_with_diagram(readme: str) -> str:
    """The README with the diagram between its markers replaced by the current one."""
    head, found, rest = readme.partition(README_START)
    _old, found_end, tail = rest.partition(README_END)
    if not (found and found_end):
        raise CommandError(f"{README} lacks the {README_START} … {README_END} markers.")
    return f"{head}{README_START}\n{mermaid_block()}{README_END}{tail}"


class Command(BaseCommand):
    help = "Write the complaint state diagram (Mermaid) generated from the state machine."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", default=DEFAULT_OUTPUT, help="File to write, relative to the project.")
        parser.add_argument("--check", action="store_true", help="Fail if the file differs from the code.")

    def handle(self, *args, output: str, check: bool, **options) -> None:
        base = Path(settings.BASE_DIR)
        readme = base / README
        current = readme.read_text(encoding="utf-8")
        wanted = {base / output: mermaid(), readme: readme_with_diagram(current)}
        for path, text in wanted.items():
            if check:
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    raise CommandError(f"{path.name} is out of date: run `manage.py state_diagram`.")
                continue
            path.write_text(text, encoding="utf-8")
            self.stdout.write(f"Wrote {path.relative_to(base)}.")
