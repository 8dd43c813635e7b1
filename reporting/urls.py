from django.urls import path, re_path

from . import views

MONTH = r"(?P<month>\d{4}-\d{2})"

urlpatterns = [
    path("reports/", views.report_index, name="reports"),
    re_path(rf"^reports/{MONTH}/$", views.report_month, name="report-month"),
    re_path(rf"^reports/{MONTH}/recompute/$", views.report_recompute, name="report-recompute"),
    re_path(rf"^reports/{MONTH}/report\.pdf$", views.report_print, name="report-pdf"),
    re_path(
        rf"^reports/{MONTH}/export/(?P<slug>[a-z_]+)\.(?P<fmt>csv|xlsx)$", views.report_export, name="report-export"
    ),
    re_path(rf"^reports/{MONTH}/handlers/$", views.report_agents, name="report-agents"),
    re_path(rf"^reports/{MONTH}/sample/$", views.supervision_sample, name="report-sample"),
    path("reports/quarters/<int:year>/", views.report_quarters, name="report-quarters"),
    path("reports/reconciliations/", views.reconciliation_list, name="report-reconciliations"),
    path("reports/reconciliations/<int:pk>/", views.reconciliation_detail, name="report-reconciliation"),
    path("public/stats/", views.public_stats, name="public-stats"),
]
