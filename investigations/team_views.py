"""Workbench POST endpoints for the team without logins, department referrals and joint handling."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.access import complaint_visible_or_404
from intake.models import Complaint
from intake.views.workbench import workbench_action_run

from . import forms, services
from .models import DepartmentReferral, ExternalTeamMember
from .services.access import investigation_current


def _complaint(request: HttpRequest, pk: int) -> Complaint:
    complaint = get_object_or_404(Complaint, pk=pk)
    complaint_visible_or_404(request.user, complaint.pk)
    return complaint


def _posted(request: HttpRequest, pk: int, form_class, run, *, success: str) -> HttpResponse:
    """Parse the workbench form, then run ``run(complaint, cleaned_data)`` as a workbench action;
    a wrong field comes back as a message on the workbench."""
    complaint = _complaint(request, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("complaint-workbench", pk=complaint.pk)
    return workbench_action_run(request, complaint, lambda: run(complaint, form.cleaned_data), success=success)


@login_required
@permission_required("investigations.view_investigation", raise_exception=True)
@require_POST
def external_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    def run(complaint, data):
        investigation = investigation_current(complaint=complaint)
        return services.external_member_add(investigation_id=investigation.pk, actor=request.user, **data)

    return _posted(request, pk, forms.ExternalMemberForm, run, success=_("Added to the investigation team."))


@login_required
@permission_required("investigations.view_investigation", raise_exception=True)
@require_POST
def external_member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    def run(complaint, data):
        member = get_object_or_404(ExternalTeamMember, pk=data["member"], investigation__complaint=complaint)
        return services.external_member_remove(member_id=member.pk, actor=request.user)

    return _posted(request, pk, forms.ExternalMemberRemoveForm, run, success=_("Removed from the investigation team."))


@login_required
@permission_required("investigations.add_departmentreferral", raise_exception=True)
@require_POST
def referral_create(request: HttpRequest, pk: int) -> HttpResponse:
    def run(complaint, data):
        return services.department_referral_create(complaint_id=complaint.pk, actor=request.user, **data)

    return _posted(request, pk, forms.ReferralForm, run, success=_("Referred to the department."))


@login_required
@permission_required("intake.view_complaint", raise_exception=True)
@require_POST
def referral_respond(request: HttpRequest, pk: int) -> HttpResponse:
    def run(complaint, data):
        referral = get_object_or_404(DepartmentReferral, pk=data["referral"], complaint=complaint)
        return services.department_referral_respond(
            referral_id=referral.pk, actor=request.user, response=data["response"]
        )

    return _posted(request, pk, forms.ReferralResponseForm, run, success=_("The department's answer is recorded."))


@login_required
@permission_required("investigations.add_jointhandlinggroup", raise_exception=True)
@require_POST
def joint_group_form(request: HttpRequest, pk: int) -> HttpResponse:
    def run(complaint, data):
        return services.joint_group_form(complaint_id=complaint.pk, actor=request.user, **data)

    return _posted(request, pk, forms.JointGroupForm, run, success=_("Joint handling group formed."))
