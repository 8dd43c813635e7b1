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
    path("desk/workers/<int:pk>/disclose/", views.history_disclose, name="history-disclose"),
    path("desk/workers/<int:pk>/official-listing/", views.official_listing_propose, name="official-listing-propose"),
    path("desk/disclosures/<int:pk>/", views.disclosure_detail, name="disclosure-detail"),
    path("desk/official-listings/", views.official_listing_list, name="official-listing-list"),
    path("desk/official-listings/export/", views.official_listings_export, name="official-listings-export"),
    path(
        "desk/official-listings/<int:pk>/approve/",
        views.official_listing_review,
        {"decision": "approve"},
        name="official-listing-approve",
    ),
    path(
        "desk/official-listings/<int:pk>/reject/",
        views.official_listing_review,
        {"decision": "reject"},
        name="official-listing-reject",
    ),
    path("desk/onboarding-check/", views.onboarding_check_view, name="onboarding-check"),
    path("desk/rectifications/overdue/", views.rectifications_overdue, name="rectifications-overdue"),
]
