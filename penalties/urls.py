from django.urls import path

from . import views

urlpatterns = [
    path("desk/workers/", views.worker_list, name="worker-list"),
    path("desk/workers/<int:pk>/", views.worker_detail, name="worker-detail"),
    path("desk/workers/<int:pk>/propose/", views.penalty_propose, name="penalty-propose"),
    path("desk/penalties/", views.penalty_list, name="penalty-list"),
    path("desk/penalties/<int:pk>/approve/", views.penalty_decide, {"decision": "approve"}, name="penalty-approve"),
    path("desk/penalties/<int:pk>/reject/", views.penalty_decide, {"decision": "reject"}, name="penalty-reject"),
    path("desk/penalties/<int:pk>/appeal/", views.appeal_submit, name="appeal-submit"),
    path("desk/appeals/<int:pk>/decide/", views.appeal_decide, name="appeal-decide"),
    path("desk/onboarding-check/", views.onboarding_check_view, name="onboarding-check"),
    path("desk/rectifications/overdue/", views.rectifications_overdue, name="rectifications-overdue"),
]
