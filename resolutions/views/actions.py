"""The state changes of the resolutions stage, offered as workbench actions (one short POST form each)."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ..forms import NoteForm, NoticeSendForm, QuickResolutionForm, ReasonForm, ReferralForm
from ..services import ends, mediation, outcome, quick
from .common import VIEW, complaint_get, form_error_add, run, run_keeping_input, transition_form_invalid, version
from .documents import notice_page_render


def _notice_send_confirmed(*, confirmed: bool, **data):
    """The notice goes out only with its confirmation ticked (the form requires it), as on the page."""
    return outcome.result_notice_send(**data)


#: transition -> (form, service, success message): the workbench's views and the API run these.
TRANSITIONS = {
    "resolve_on_call": (QuickResolutionForm, quick.quick_resolution_record, _("Resolved at first contact.")),
    "start_mediation": (NoteForm, mediation.mediation_start, _("Mediation started.")),
    "request_ruling": (NoteForm, mediation.ruling_request, _("Ruling requested.")),
    "notify_result": (NoticeSendForm, _notice_send_confirmed, _("Result notice sent.")),
    "start_follow_up": (NoteForm, outcome.result_notice_confirm_phone, _("Confirmed by phone; follow-up started.")),
    "close": (NoteForm, outcome.follow_up_close, _("Complaint closed.")),
    "reopen": (ReasonForm, outcome.follow_up_reopen, _("Complaint reopened for re-assessment.")),
    "withdraw": (ReasonForm, ends.complaint_withdraw, _("Withdrawal recorded.")),
    "refer": (ReferralForm, ends.complaint_refer, _("External route recorded.")),
}


def _transition_view(transition: str):
    form_class, service, success = TRANSITIONS[transition]

    @login_required
    @permission_required(VIEW, raise_exception=True)
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        complaint = complaint_get(pk)
        form = form_class(request.POST)
        if not form.is_valid():
            return transition_form_invalid(request, complaint, transition, form)
        data = {k: v for k, v in form.cleaned_data.items() if k != "seen_version"}
        return run(
            request,
            complaint,
            lambda: service(complaint_id=complaint.pk, actor=request.user, seen_version=version(form), **data),
            success=success,
        )

    view.__name__ = f"{transition}_view"
    return view


quick_resolve = _transition_view("resolve_on_call")
mediation_start = _transition_view("start_mediation")
ruling_request = _transition_view("request_ruling")


@login_required
@permission_required(VIEW, raise_exception=True)
@require_POST
def notice_send(request: HttpRequest, pk: int) -> HttpResponse:
    """The workbench's button leads to the notice as it will be sent; only its confirmation sends."""
    complaint = complaint_get(pk)
    if "confirmed" not in request.POST and "expected_effect" not in request.POST:
        return redirect("resolution-notice", pk=complaint.pk)
    form = NoticeSendForm(request.POST)
    if not form.is_valid():
        return notice_page_render(request, complaint, send_form=form, status=400)

    def refused(error) -> HttpResponse:
        form_error_add(form, error)
        return notice_page_render(request, complaint_get(pk), send_form=form, status=400)

    data = form.cleaned_data
    return run_keeping_input(
        request,
        complaint,
        lambda: outcome.result_notice_send(
            complaint_id=complaint.pk,
            actor=request.user,
            note=data["note"],
            expected_effect=data["expected_effect"],
            seen_version=version(form),
        ),
        success=_("Result notice sent."),
        refused=refused,
    )


notice_confirm = _transition_view("start_follow_up")
close = _transition_view("close")
reopen = _transition_view("reopen")
withdraw = _transition_view("withdraw")
refer = _transition_view("refer")
