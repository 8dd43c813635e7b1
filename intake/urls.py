"""Intake's pages: the public side (form, receipt, tracking), the desk side (inbox, registration,
decision) and the complaint workbench."""

from django.urls import include, path

urlpatterns = [
    path("", include("intake.urls_public")),
    path("desk/", include("intake.urls_desk")),
    path("desk/complaints/", include("intake.urls_workbench")),
    path("desk/complaints/", include("intake.urls_files")),
]
