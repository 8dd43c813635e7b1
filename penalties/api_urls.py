from django.urls import path

from . import api

urlpatterns = [
    path("workers/", api.WorkerListCreate.as_view(), name="api-workers"),
    path("workers/import/", api.WorkerImport.as_view(), name="api-workers-import"),
    path("orders/", api.ServiceOrderListCreate.as_view(), name="api-orders"),
    path("orders/import/", api.ServiceOrderImport.as_view(), name="api-orders-import"),
    path("penalties/", api.PenaltyList.as_view(), name="api-penalties"),
    path("penalties/<int:pk>/approve/", api.penalty_approve.as_view(), name="api-penalty-approve"),
    path("penalties/<int:pk>/reject/", api.penalty_reject.as_view(), name="api-penalty-reject"),
    path("penalties/<int:pk>/appeal/", api.appeal_submit.as_view(), name="api-penalty-appeal"),
    path("penalties/<int:pk>/appeal/decision/", api.appeal_decide.as_view(), name="api-penalty-appeal-decide"),
    path("onboarding-check/", api.OnboardingCheckView.as_view(), name="api-onboarding-check"),
]
