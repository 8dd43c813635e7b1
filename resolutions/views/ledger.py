"""The desk's ledgers: open matters (未了事宜台帐, seed 004) with their "done" form, and the
advance-payment fund (专项基金, seed 002) with its entry form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from intake.access import complaints_visible_to

from ..forms import FundEntryForm, OpenMatterDoneForm
from ..models import OpenMatter
from ..selectors import fund_movements, open_matters_ledger
from ..services.fund import fund_entry_record, fund_position
from ..services.open_matters import open_matter_complete

PAGE_SIZE = 50


def _ledger_render(request: HttpRequest, *, failed: tuple[int, OpenMatterDoneForm] | None = None, status=200):
    mine = request.GET.get("mine") == "1"
    done = request.GET.get("done") == "1"
    page = Paginator(open_matters_ledger(request.user, mine=mine, done=done), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    may_complete = not done and request.user.has_perm("resolutions.change_openmatter")
    rows = [
        (
            matter,
            failed[1] if failed and failed[0] == matter.pk else OpenMatterDoneForm(auto_id=f"id_done{matter.pk}_%s"),
        )
        for matter in page
    ]
    context = {"page": page, "rows": rows, "mine": mine, "done": done, "may_complete": may_complete}
    return render(request, "resolutions/open_matters.html", context, status=status)


@login_required
@permission_required("resolutions.view_openmatter", raise_exception=True)
def open_matters_list(request: HttpRequest) -> HttpResponse:
    return _ledger_render(request)


@login_required
@permission_required("resolutions.change_openmatter", raise_exception=True)
@require_POST
def open_matter_done(request: HttpRequest, matter_id: int) -> HttpResponse:
    matter = get_object_or_404(
        OpenMatter.objects.filter(complaint__in=complaints_visible_to(request.user)), pk=matter_id
    )
    form = OpenMatterDoneForm(request.POST, auto_id=f"id_done{matter.pk}_%s")
    if form.is_valid():
        try:
            open_matter_complete(matter_id=matter.pk, actor=request.user, outcome=form.cleaned_data["outcome"])
        except ValidationError as error:
            if not hasattr(error, "error_dict"):  # already done by someone else: nothing to keep
                messages.info(request, " ".join(error.messages))
                return redirect("resolution-open-matters")
            form.add_error("outcome", error.error_dict.get("outcome"))
        else:
            messages.success(request, _("Open matter recorded as done."))
            return redirect("resolution-open-matters")
    return _ledger_render(request, failed=(matter.pk, form), status=400)


@login_required
@permission_required("resolutions.view_fundentry", raise_exception=True)
@require_http_methods(["GET", "POST"])
def fund_ledger(request: HttpRequest) -> HttpResponse:
    may_record = request.user.has_perm("resolutions.add_fundentry")
    form = FundEntryForm(request.POST or None, initial={"entered_on": timezone.localdate()})
    if request.method == "POST":
        if not may_record:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                fund_entry_record(
                    actor=request.user,
                    kind=data["kind"],
                    amount=data["amount"],
                    entered_on=data["entered_on"],
                    note=data["note"],
                    complaint=data["tracking_number"],
                )
            except ValidationError as error:
                for field, errors in error.error_dict.items():
                    form.add_error("tracking_number" if field == "complaint" else field, errors)
            else:
                messages.success(request, _("Entry recorded in the fund's ledger."))
                return redirect("resolution-fund")
    context = {
        "position": fund_position(),
        "movements": fund_movements(),
        "form": form if may_record else None,
    }
    return render(request, "resolutions/fund.html", context, status=400 if form.errors else 200)
