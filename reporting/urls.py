from django.urls import path, re_path

from . import quarter_views, views

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
    path("reports/high-frequency/", quarter_views.high_frequency_index, name="report-high-frequency-index"),
    re_path(
        r"^reports/high-frequency/(?P<quarter>\d{4}-Q[1-4])/$",
        quarter_views.high_frequency,
        name="report-high-frequency",
    ),
    path("reports/bulletin/", quarter_views.warning_bulletin, name="report-bulletin"),
    path("reports/reviews/", quarter_views.review_list, name="report-reviews"),
    path("reports/reviews/<int:pk>/", quarter_views.review_detail, name="report-review"),
    path("reports/reconciliations/", views.reconciliation_list, name="report-reconciliations"),
    path("reports/reconciliations/<int:pk>/", views.reconciliation_detail, name="report-reconciliation"),
    path("public/stats/", views.public_stats, name="public-stats"),
]
