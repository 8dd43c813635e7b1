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


def _invalid(request: HttpRequest, complaint: Complaint, form) -> HttpResponse:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("complaint-workbench", pk=complaint.pk)


@login_required
@permission_required("investigations.view_investigation", raise_exception=True)
@require_POST
def external_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint(request, pk)
    form = forms.ExternalMemberForm(request.POST)
    if not form.is_valid():
        return _invalid(request, complaint, form)
    return workbench_action_run(
        request,
        complaint,
        lambda: services.external_member_add(
            investigation_id=investigation_current(complaint=complaint).pk, actor=request.user, **form.cleaned_data
        ),
        success=_("Added to the investigation team."),
    )


@login_required
@permission_required("investigations.view_investigation", raise_exception=True)
@require_POST
def external_member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint(request, pk)
    form = forms.ExternalMemberRemoveForm(request.POST)
    if not form.is_valid():
        return _invalid(request, complaint, form)
    member = get_object_or_404(ExternalTeamMember, pk=form.cleaned_data["member"], investigation__complaint=complaint)
    return workbench_action_run(
        request,
        complaint,
        lambda: services.external_member_remove(member_id=member.pk, actor=request.user),
        success=_("Removed from the investigation team."),
    )


@login_required
@permission_required("investigations.add_departmentreferral", raise_exception=True)
@require_POST
def referral_create(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint(request, pk)
    form = forms.ReferralForm(request.POST)
    if not form.is_valid():
        return _invalid(request, complaint, form)
    return workbench_action_run(
        request,
        complaint,
        lambda: services.department_referral_create(complaint_id=complaint.pk, actor=request.user, **form.cleaned_data),
        success=_("Referred to the department."),
    )


@login_required
@permission_required("intake.view_complaint", raise_exception=True)
@require_POST
def referral_respond(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint(request, pk)
    form = forms.ReferralResponseForm(request.POST)
    if not form.is_valid():
        return _invalid(request, complaint, form)
    referral = get_object_or_404(DepartmentReferral, pk=form.cleaned_data["referral"], complaint=complaint)
    return workbench_action_run(
        request,
        complaint,
        lambda: services.department_referral_respond(
            referral_id=referral.pk, actor=request.user, response=form.cleaned_data["response"]
        ),
        success=_("The department's answer is recorded."),
    )


@login_required
@permission_required("investigations.add_jointhandlinggroup", raise_exception=True)
@require_POST
def joint_group_form(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint(request, pk)
    form = forms.JointGroupForm(request.POST)
    if not form.is_valid():
        return _invalid(request, complaint, form)
    return workbench_action_run(
        request,
        complaint,
        lambda: services.joint_group_form(complaint_id=complaint.pk, actor=request.user, **form.cleaned_data),
        success=_("Joint handling group formed."),
    )
