"""The inbox: worklists, filters, sortable columns, bulk actions, "assign to me" and saved views.

Every page works without JavaScript; ``intake/inbox.js`` only adds keys and "select all".
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.models import PersonalDataAccess
from core.privacy import can_see_personal_data

from ..forms.desk import InboxFilterForm
from ..forms.inbox import BulkForm, SavedViewForm
from ..locking import ComplaintChanged
from ..models.lifecycle import OPEN_STATES
from ..selectors import inbox_complaints, inbox_time_left, saved_views_for
from ..services.assignment import complaint_take
from ..services.bulk import complaints_bulk_apply
from ..services.saved_views import saved_view_delete, saved_view_save
from ..trail import trail_remember

INBOX_PAGE_SIZE = 50
#: Sortable columns: column -> sort key ascending (the descending key is the same with "-").
SORTABLE = {"received": "received", "category": "category", "state": "state", "assigned": "assigned", "due": "due"}


def _sort_links(query: QueryDict, current: str) -> dict:
    links = {}
    for column, key in SORTABLE.items():
        params = query.copy()
        params["sort"] = f"-{key}" if current == key else key
        direction = {key: "ascending", f"-{key}": "descending"}.get(current, "")
        links[column] = {"url": "?" + params.urlencode(), "direction": direction}
    return links


@login_required
@permission_required("intake.view_complaint", raise_exception=True)
def inbox(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = InboxFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    page = Paginator(inbox_complaints(user, filters), INBOX_PAGE_SIZE).get_page(request.GET.get("page"))
    show_personal_data = can_see_personal_data(user)
    if show_personal_data:  # every sight of unmasked data is logged (domain.md §8), in one query
        PersonalDataAccess.objects.bulk_create(
            PersonalDataAccess(user=user, complaint=complaint, purpose="inbox") for complaint in page
        )
    now = timezone.now()
    for complaint in page:
        complaint.time_left = inbox_time_left(complaint, now=now)
    trail_remember(request.session, complaints=page, query=request.GET.urlencode())
    query = request.GET.copy()
    query.pop("page", None)
    sort_query = query.copy()
    sort_query.pop("sort", None)
    may_take = user.has_perm("intake.accept_complaint")
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "show_personal_data": show_personal_data,
        "sort_links": _sort_links(sort_query, filters.get("sort") or ""),
        "bulk_form": BulkForm(user=user) if may_take else None,
        "may_take": may_take,
        "open_states": [str(state) for state in OPEN_STATES],
        "saved_views": saved_views_for(user),
        "save_form": SavedViewForm(user=user, initial={"query": query.urlencode()}),
    }
    return render(request, "intake/desk/inbox.html", context)


def _back_to_inbox(request: HttpRequest) -> HttpResponse:
    """Back to the inbox page the form was posted from (same filters), never elsewhere."""
    target = request.POST.get("next", "")
    inbox_url = reverse("desk")
    if target.startswith(inbox_url) and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(inbox_url)


@login_required
@permission_required("intake.accept_complaint", raise_exception=True)
@require_POST
def inbox_bulk(request: HttpRequest) -> HttpResponse:
    """Each selected row reports what happened to it; rows that changed meanwhile are left alone."""
    form = BulkForm(request.POST, user=request.user)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return _back_to_inbox(request)
    outcomes = complaints_bulk_apply(
        action=form.cleaned_data["action"], actor=request.user, versions=form.cleaned_data["versions"], **form.params()
    )
    for outcome in outcomes:
        text = f"{outcome.tracking_number}: {outcome.message}"
        (messages.success if outcome.done else messages.error)(request, text)
    return _back_to_inbox(request)


@login_required
@permission_required("intake.accept_complaint", raise_exception=True)
@require_POST
def complaint_take_view(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Assign to me" on one row (the button of the row, or the key "a")."""
    try:
        version = int(request.POST.get(f"version-{pk}") or request.POST.get("seen_version", ""))
    except ValueError:
        messages.error(request, _("The page is out of date: reload it and try again."))
        return _back_to_inbox(request)
    try:
        complaint = complaint_take(complaint_id=pk, actor=request.user, seen_version=version)
    except ComplaintChanged as error:
        messages.error(request, error.message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(number)s is now yours.") % {"number": complaint.tracking_number})
    return _back_to_inbox(request)


def _inbox_query_clean(raw: str) -> str | None:
    """The inbox query string with only the filter form's own, valid, non-empty fields; ``None`` if invalid."""
    data = QueryDict(raw)
    form = InboxFilterForm(data)
    if not form.is_valid():
        return None
    kept = QueryDict(mutable=True)
    for name in form.fields:
        if form.cleaned_data.get(name) not in (None, "", False):
            kept[name] = data[name]
    return kept.urlencode()


@login_required
@permission_required("intake.view_complaint", raise_exception=True)
@require_POST
def saved_view_save_view(request: HttpRequest) -> HttpResponse:
    form = SavedViewForm(request.POST, user=request.user)
    query = _inbox_query_clean(request.POST.get("query", ""))
    if not form.is_valid() or query is None:
        messages.error(request, _("The view was not saved: give it a name and use valid filters."))
        return _back_to_inbox(request)
    try:
        view = saved_view_save(
            owner=request.user, name=form.cleaned_data["name"], query=query, team=form.cleaned_data["team"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back_to_inbox(request)
    messages.success(request, _("View “%(name)s” saved.") % {"name": view.name})
    return redirect(f"{reverse('desk')}?{view.query}")


@login_required
@permission_required("intake.view_complaint", raise_exception=True)
@require_POST
def saved_view_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        saved_view_delete(view_id=pk, actor=request.user)
    except PermissionDenied:
        messages.error(request, _("Only the owner can delete a saved view."))
    else:
        messages.success(request, _("View deleted."))
    return redirect("desk")
