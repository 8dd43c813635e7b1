from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api, api_desk

router = SimpleRouter()
router.register("desk/complaints", api_desk.ComplaintViewSet, basename="api-desk-complaint")

urlpatterns = [
    path("complaints/", api.ComplaintCreateAPI.as_view(), name="api-complaint-create"),
    path("complaints/status/", api.ComplaintStatusAPI.as_view(), name="api-complaint-status"),
    *router.urls,
    *api_desk.ComplaintContactAPI.urls(),
    *api_desk.ComplaintActionsAPI.urls(),
]
