"""What the complaint workbench shows and offers, contributed by every stage of the process.

The workbench page (``intake.views.workbench``) knows nothing about investigations, mediation or
deadlines: each app registers its own pieces from its ``AppConfig.ready()``, so a stage is added
without touching intake.

Panels -- a block of the page::

    from intake import workbench

    workbench.register_panel(order=30, template_name="investigations/workbench/panel.html",
                             context_fn=investigation_panel_context, stages=("investigating",))

``stages`` names the complaint states whose work the panel holds: in those states it comes first,
right under the actions (the investigation while investigating, mediation while mediating).
``context_fn(request, complaint)`` returns the panel's template context (a dict), or ``None`` to
leave the panel out (for a role that may not see it, or a stage not reached yet). The template
gets that dict plus ``complaint``, ``seen_version`` and ``bound_forms`` (the forms a failed POST
shows again, by name: ``{% with form=bound_forms.my_form|default:my_form %}``). A context function
must run a fixed number of queries whatever the complaint holds: the workbench's query-count test
covers every panel.

Actions -- a button for one state transition::

    workbench.register_action(transition="start_investigation", url_name="investigation-start",
                              label=_("Start investigation"), order=30, form_fn=start_form,
                              description=_("Form the team that collects the evidence."))

An action appears only when ``django_fsm.has_transition_perm(complaint.<transition>, user)``
holds: the state allows it, its conditions are met and the user holds its permission. It is a
card headed by ``label`` and saying what it does (``description``), with a short POST form to
``url_name`` (with the complaint's pk) carrying the CSRF token and a hidden
``seen_version``; the view behind it calls the owning app's service with that version, so a
stale page gets "this complaint changed, reload" instead of acting on what it no longer shows.
``form_fn(complaint)`` optionally returns an unbound form for extra inputs (a reason, a lead);
a view that finds the posted form invalid re-renders the workbench with the bound form through
``intake.views.workbench.workbench_render(..., forms={transition: form})`` so nothing typed is lost.
``form_class`` and ``service`` name the form that validates the action's input and the service
the view calls with ``complaint_id``, ``actor`` and the form's cleaned data: the API runs the
action through the same two (``intake.api_desk``).

Orders in use: summary 10, emergency 12, report to management 14, management's decision 15,
contact attempts 16, deadlines 20, investigation 30, review of the finding 35, mediation and
ruling 40-60, changes after acceptance 80, requests about personal data 85. Registering the same template or
transition again replaces the earlier entry.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class Panel:
    order: int
    template_name: str
    context_fn: Callable[[HttpRequest, Any], dict | None]
    #: The complaint states whose work this panel holds: in them it comes first, under the actions.
    stages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Action:
    transition: str
    url_name: str
    label: str
    order: int = 50
    form_fn: Callable[[Any], Any] | None = None
    danger: bool = False
    description: str = ""
    form_class: type | None = None
    service: Callable[..., Any] | None = None


_panels: dict[str, Panel] = {}
_actions: dict[str, Action] = {}


def register_panel(
    order: int,
    template_name: str,
    context_fn: Callable[[HttpRequest, Any], dict | None],
    stages: tuple[str, ...] = (),
) -> None:
    _panels[template_name] = Panel(order=order, template_name=template_name, context_fn=context_fn, stages=stages)


def register_action(
    *,
    transition: str,
    url_name: str,
    label: str,
    order: int = 50,
    form_fn: Callable[[Any], Any] | None = None,
    danger: bool = False,
    form_class: type | None = None,
    service: Callable[..., Any] | None = None,
    description: str = "",
) -> None:
    _actions[transition] = Action(
        transition=transition,
        url_name=url_name,
        label=label,
        order=order,
        form_fn=form_fn,
        danger=danger,
        form_class=form_class,
        service=service,
        description=description,
    )


def action_get(transition: str) -> Action | None:
    return _actions.get(transition)


def panels(state: str = "") -> list[Panel]:
    """Every panel in order, those of the complaint's current ``state`` first."""
    return sorted(_panels.values(), key=lambda panel: (state not in panel.stages, panel.order, panel.template_name))


def actions() -> list[Action]:
    return sorted(_actions.values(), key=lambda action: (action.order, action.transition))
