from django.urls import path

from . import api

urlpatterns = [
    path("complaints/", api.ComplaintCreateAPI.as_view(), name="api-complaint-create"),
    path("complaints/status/", api.ComplaintStatusAPI.as_view(), name="api-complaint-status"),
]
