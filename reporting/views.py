"""The report pages: monthly report, exports and PDF, quarters, handler KPIs, supervision sample, public figures."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from intake.models import Complaint

from . import selectors, services
from .charts import bar_chart
from .exports import table_csv, table_xlsx
from .forms import CallbackForm, ReconciliationForm, ScopeForm
from .models import Reconciliation
from .page import report_context, scope_query
from .pdf import report_pdf
from .period import Month
from .reconciliation import MAX_FILE_BYTES, FinanceFileError, Mismatch, NothingToReconcile
from .tables import agents_table, quarterly_table, report_tables

view_report = permission_required("reporting.view_report", raise_exception=True)


class ReportBeingPrepared(Exception):
    """A download asked for a report the worker has not prepared yet; carries the month page's address."""


def _when_prepared(view):
    """A download of a report still being prepared sends the user to the month's page, which says so."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ReportBeingPrepared as pending:
            messages.info(request, _("This report is being prepared: download it again in a minute."))
            return redirect(pending.args[0])

    return wrapper


SAMPLE_PAGE_SIZE = 50
#: Praise and accountability records listed under the handler report (the table counts them all).
HANDLER_RECORDS_LISTED = 50


def month_from_url(text: str) -> Month:
    """A month in the URL: malformed or not yet begun → 404."""
    try:
        month = Month.parse(text)
    except ValueError:
        raise Http404
    if not Month(2000, 1) <= month <= Month.current():
        raise Http404
    return month


@login_required
@view_report
@require_GET
def report_index(request):
    return redirect("report-month", month=str(Month.current()))


@login_required
@view_report
@require_GET
def report_month(request, month: str):
    month = month_from_url(month)
    form = ScopeForm(request.GET or None)
    report, snapshot = selectors.report_get(month=month, scope=form.scope())
    context = {"month": month, "snapshot": snapshot, "form": form, "query": scope_query(form.scope())}
    if report is not None:
        context.update(report_context(report))
    return render(request, "reporting/month.html", context)


@login_required
@permission_required("reporting.recompute_snapshot", raise_exception=True)
@require_POST
def report_recompute(request, month: str):
    month = month_from_url(month)
    form = ScopeForm(request.POST)
    if services.snapshot_request(month=month, scope=form.scope(), by=request.user):
        messages.success(request, _("The report of %(month)s is being recomputed.") % {"month": month})
    else:
        messages.info(request, _("The report of %(month)s is already being prepared.") % {"month": month})
    return redirect(reverse("report-month", args=[str(month)]) + scope_query(form.scope()))


def _prepared_report(request, month: Month) -> dict:
    """The report a download is made from; while it is being prepared the page says so instead."""
    scope = ScopeForm(request.GET or None).scope()
    report, _snapshot = selectors.report_get(month=month, scope=scope)
    if report is None:
        raise ReportBeingPrepared(reverse("report-month", args=[str(month)]) + scope_query(scope))
    return report


def _table(request, month: Month, slug: str):
    scope = ScopeForm(request.GET or None).scope()
    if slug == "quarterly":
        return quarterly_table(selectors.quarterly_categories(year=month.year, scope=scope), month.year)
    if slug == "agents":
        return agents_table(selectors.agent_kpis(month=month, scope=scope))
    tables = report_tables(_prepared_report(request, month))
    if slug not in tables:
        raise Http404
    return tables[slug]


@login_required
@view_report
@require_GET
@_when_prepared
def report_export(request, month: str, slug: str, fmt: str):
    month = month_from_url(month)
    table = _table(request, month, slug)
    if fmt == "csv":
        response = HttpResponse(table_csv(table), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            table_xlsx(table), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="report-{month}-{slug}.{fmt}"'
    return response


@login_required
@view_report
@require_GET
@_when_prepared
def report_print(request, month: str):
    month = month_from_url(month)
    response = HttpResponse(report_pdf(_prepared_report(request, month), month=month), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="report-{month}.pdf"'
    return response


@login_required
@view_report
@require_GET
def report_quarters(request, year: int):
    if not 2000 <= year <= Month.current().year:
        raise Http404
    form = ScopeForm(request.GET or None)
    table = quarterly_table(selectors.quarterly_categories(year=year, scope=form.scope()), year)
    chart = bar_chart(table.title, [(row[0], row[1:]) for row in table.rows], table.headers[1:])
    context = {"table": table, "chart": chart, "year": year, "form": form, "query": scope_query(form.scope())}
    # Exports of the quarterly table are addressed through the year's last month (or the current one).
    context["month"] = min(Month(year, 12), Month.current())
    return render(request, "reporting/quarters.html", context)


@login_required
@view_report
@require_GET
def report_agents(request, month: str):
    month = month_from_url(month)
    form = ScopeForm(request.GET or None)
    table = agents_table(selectors.agent_kpis(month=month, scope=form.scope()))
    context = {"table": table, "month": month, "form": form, "query": scope_query(form.scope())}
    context["records"] = selectors.handler_records(month=month)[:HANDLER_RECORDS_LISTED]
    return render(request, "reporting/agents.html", context)


@login_required
@permission_required("reporting.record_callback", raise_exception=True)
def supervision_sample(request, month: str):
    month = month_from_url(month)
    form = CallbackForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            complaint = get_object_or_404(Complaint, pk=form.cleaned_data.pop("complaint"))
            try:
                services.supervision_callback_record(
                    complaint=complaint, month=month, by=request.user, **form.cleaned_data
                )
            except services.NotInSample:
                raise Http404
            messages.success(request, _("Callback recorded for %(number)s.") % {"number": complaint.tracking_number})
            page = request.GET.get("page", "")
            return redirect(reverse("report-sample", args=[str(month)]) + (f"?page={page}" if page.isdigit() else ""))
        messages.error(request, _("Choose the result of the callback."))
    page = Paginator(selectors.supervision_sample(month=month), SAMPLE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reporting/sample.html", {"month": month, "page": page, "form": CallbackForm()})


@require_GET
def public_stats(request):
    months = selectors.public_stats()
    cases = selectors.published_cases(since=selectors.public_months()[-1])
    return render(request, "reporting/public_stats.html", {"months": months, "cases": cases})


reconcile_payments = permission_required("reporting.reconcile_payments", raise_exception=True)


@login_required
@reconcile_payments
def reconciliation_list(request):
    """Run a half-year's reconciliation with finance's export, and the runs kept so far."""
    form = ReconciliationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["finance_file"]
        try:
            record = services.reconciliation_run(
                half=form.cleaned_data["half_year"],
                file_name=upload.name,
                data=upload.read(MAX_FILE_BYTES + 1),  # one byte more tells a file too large
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except FinanceFileError as error:
            for message in error.messages:
                form.add_error("finance_file", message)
        except NothingToReconcile as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Reconciliation of %(half)s done.") % {"half": record.half_year})
            return redirect("report-reconciliation", pk=record.pk)
    runs = Reconciliation.objects.select_related("run_by")[:20]
    context = {"form": form, "runs": runs, "month": Month.current()}
    return render(request, "reporting/reconciliations.html", context, status=400 if form.is_bound else 200)


@login_required
@reconcile_payments
@require_GET
def reconciliation_detail(request, pk: int):
    record = get_object_or_404(Reconciliation.objects.select_related("run_by"), pk=pk)
    mismatches = record.result["mismatches"]
    groups = [(label, [m for m in mismatches if m["kind"] == kind]) for kind, label in Mismatch.LABELS.items()]
    context = {"record": record, "groups": [g for g in groups if g[1]], "month": Month.current()}
    return render(request, "reporting/reconciliation.html", context)
