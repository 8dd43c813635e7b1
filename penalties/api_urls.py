from django.urls import path

from . import api

urlpatterns = [
    path("workers/", api.WorkerListCreate.as_view(), name="api-workers"),
    path("workers/import/", api.WorkerImport.as_view(), name="api-workers-import"),
    path("orders/", api.ServiceOrderListCreate.as_view(), name="api-orders"),
    path("orders/import/", api.ServiceOrderImport.as_view(), name="api-orders-import"),
    path("onboarding-check/", api.OnboardingCheckView.as_view(), name="api-onboarding-check"),
]
