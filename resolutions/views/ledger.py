"""The open matters ledger page (未了事宜台帐, seed 004) and its "done" form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.access import complaints_visible_to

from ..forms import OpenMatterDoneForm
from ..models import OpenMatter
from ..selectors import open_matters_ledger
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
