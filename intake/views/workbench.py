"""The complaint workbench: the agent's single place of work on one complaint.

The page gathers the panels and actions that every stage registered in ``intake.workbench``;
views of other apps reuse ``workbench_render`` (to show a bound form again) and
``workbench_action_run`` (to turn a service's refusal into a message instead of an error page).
"""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_fsm import TransitionNotAllowed, has_transition_perm

from core.privacy import can_reveal_phone, can_see_personal_data, personal_data_access_log

from .. import workbench
from ..forms.workbench import NoteForm
from ..locking import ComplaintChanged
from ..models import Complaint, ComplaintEvent, State
from ..models.lifecycle import TRANSITION_LABELS
from ..next_step import next_step
from ..presence import POLL_SECONDS, viewers_mark
from ..replies import canned_replies
from ..selectors import caller_complaints
from ..services.notes import MESSAGE_PERMISSION, note_add


def workbench_complaint_get(pk: int) -> Complaint:
    return get_object_or_404(
        Complaint.objects.select_related(
            "received_by", "received_by_team", "assigned_to", "assigned_team", "repeat_of", "merged_into"
        ),
        pk=pk,
    )


@login_required
@permission_required("intake.view_complaint", raise_exception=True)
def complaint_workbench(request: HttpRequest, pk: int) -> HttpResponse:
    return workbench_render(request, workbench_complaint_get(pk))


@login_required
@permission_required("intake.view_complaint", raise_exception=True)
@require_POST
def personal_data_unmask(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the complainant's data in clear, once, and log who saw it (domain.md §8)."""
    complaint = workbench_complaint_get(pk)
    if not can_see_personal_data(request.user):
        raise PermissionDenied
    personal_data_access_log(user=request.user, complaint=complaint, purpose="workbench")
    return workbench_render(request, complaint, unmasked=True)


@login_required
@permission_required("intake.view_complaint", raise_exception=True)
@require_POST
def phone_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """One click shows the complainant's mobile number, with a tel: link, to the assigned agent and to
    supervisors; each reveal is logged like any unmasking."""
    complaint = workbench_complaint_get(pk)
    if not can_reveal_phone(request.user, complaint):
        raise PermissionDenied
    personal_data_access_log(user=request.user, complaint=complaint, purpose="phone")
    return workbench_render(request, complaint, phone_revealed=True)


@login_required
@permission_required("intake.view_complaint", raise_exception=True)
@require_GET
def complaint_viewers(request: HttpRequest, pk: int) -> JsonResponse:
    """The workbench polls this while open: it keeps the user marked as viewing and answers who else is."""
    complaint = workbench_complaint_get(pk)
    return JsonResponse({"others": viewers_mark(complaint.pk, request.user)})


@login_required
@permission_required("intake.view_complaint", raise_exception=True)
@require_POST
def complaint_note_add(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = workbench_complaint_get(pk)
    form = NoteForm(request.POST, allow_public=request.user.has_perm(MESSAGE_PERMISSION))
    if not form.is_valid():
        return workbench_render(request, complaint, note_form=form, status=400)
    return workbench_action_run(
        request,
        complaint,
        lambda: note_add(complaint_id=complaint.pk, actor=request.user, **form.cleaned_data),
        success=_("Message queued for the complainant.") if form.cleaned_data["public"] else _("Note added."),
    )


def workbench_action_run(
    request: HttpRequest, complaint: Complaint, run: Callable[[], object], *, success: str
) -> HttpResponse:
    """Run a service for the workbench and come back to it with a message.

    A stale page, a state that no longer allows the action or a refused input becomes a message on
    the workbench (never a 500); a missing permission stays a 403.
    """
    try:
        run()
    except ComplaintChanged as error:
        messages.error(request, error.message)
    except TransitionNotAllowed:
        messages.error(request, _("This action is not possible in the complaint's current state. Please reload."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(workbench_return_url(request, complaint))


def workbench_return_url(request: HttpRequest, complaint: Complaint) -> str:
    """Where an action goes back to: the workbench, or the admin page it was posted from
    (supervisors act from the complaint's admin page through the same views)."""
    back = request.POST.get("next", "")
    admin_page = reverse("admin:intake_complaint_change", args=[complaint.pk])
    if back == admin_page:
        return back
    return reverse("complaint-workbench", args=[complaint.pk])


def workbench_actions(request: HttpRequest, complaint: Complaint, forms: dict | None = None) -> list[dict]:
    """The state changes open to this user now, each with its (unbound or re-shown) form."""
    forms = forms or {}
    return [
        {"action": action, "form": forms.get(action.transition) or (action.form_fn and action.form_fn(complaint))}
        for action in workbench.actions()
        if has_transition_perm(getattr(complaint, action.transition), request.user)
    ]


def workbench_render(
    request: HttpRequest,
    complaint: Complaint,
    *,
    forms: dict | None = None,
    note_form: NoteForm | None = None,
    unmasked: bool = False,
    phone_revealed: bool = False,
    status: int = 200,
) -> HttpResponse:
    """The whole page; ``forms`` maps a transition name (or a panel's form name) to a bound form to
    show again. Panels find it in ``bound_forms``."""
    forms = forms or {}
    base = {
        "complaint": complaint,
        "seen_version": complaint.version,
        "bound_forms": forms,
        "phone_revealed": unmasked or phone_revealed,
    }
    panels = []
    for panel in workbench.panels(complaint.state):
        context = panel.context_fn(request, complaint)
        if context is not None:
            panels.append(mark_safe(render_to_string(panel.template_name, {**base, **context}, request=request)))  # noqa: S308
    actions = workbench_actions(request, complaint, forms)
    context = {
        **base,
        "state_label": complaint.get_state_display(),
        "show_personal_data": unmasked,
        "may_unmask": can_see_personal_data(request.user),
        "may_reveal_phone": can_reveal_phone(request.user, complaint),
        "next_step": next_step(complaint),
        "events": workbench_events(complaint),
        "event_kinds": ComplaintEvent.Kind,
        "repeats": list(complaint.repeats.only("pk", "tracking_number", "received_at", "state")),
        "caller_complaints": caller_complaints(
            request.user, phone=complaint.phone, order_number=complaint.order_number, exclude_pk=complaint.pk
        ),
        "actions": actions,
        "panels": panels,
        "note_form": note_form or NoteForm(allow_public=request.user.has_perm(MESSAGE_PERMISSION)),
        "canned_replies": canned_replies(request.user),
        "other_viewers": viewers_mark(complaint.pk, request.user),
        "poll_seconds": POLL_SECONDS,
    }
    return render(request, "intake/workbench/page.html", context, status=status)


def workbench_events(complaint: Complaint) -> list[ComplaintEvent]:
    """The complaint's timeline with those of the complaints merged into it, each event marked with
    the number it belongs to (both timelines are kept). One query."""
    events = list(
        ComplaintEvent.objects.filter(Q(complaint=complaint) | Q(complaint__merged_into=complaint))
        .select_related("actor", "complaint")
        .order_by("at", "pk")
    )
    labels = dict(State.choices)
    for event in events:
        event.from_label = labels.get(event.from_state, event.from_state)
        event.to_label = labels.get(event.to_state, event.to_state)
        event.transition_label = TRANSITION_LABELS.get(event.transition, "")
        event.merged_from = event.complaint.tracking_number if event.complaint_id != complaint.pk else ""
    return events


def workbench_form_view(permission: str, form_class, form_name: str, service, success: str):
    """A workbench POST endpoint: the form, then one service called with the complaint, the user and the
    form's cleaned data; an invalid form shows the workbench with it (``form_name`` in ``bound_forms``)."""

    @login_required
    @permission_required(permission, raise_exception=True)
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        complaint = workbench_complaint_get(pk)
        form = form_class(request.POST)
        if not form.is_valid():
            return workbench_render(request, complaint, forms={form_name: form}, status=400)
        return workbench_action_run(
            request,
            complaint,
            lambda: service(complaint_id=complaint.pk, actor=request.user, **form.cleaned_data),
            success=success,
        )

    view.__name__ = f"{form_name}_view"
    return view
