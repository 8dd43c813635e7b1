from django.urls import path

from .views import privacy
from .views import public as views

urlpatterns = [
    path("complaints/new/", views.complaint_new, name="complaint-new"),
    path("complaints/receipt/<str:token>/", views.complaint_receipt, name="complaint-receipt"),
    path("track/", views.track, name="track"),
    path("track/add/", views.track_add, name="track-add"),
    path("track/privacy/", privacy.track_privacy_request, name="track-privacy-request"),
    path("track/my-data/", privacy.track_personal_data, name="track-personal-data"),
    path("track/my-data.json", privacy.track_personal_data_download, name="track-personal-data-download"),
    path("privacy/", privacy.privacy_notice, name="privacy-notice"),
]
