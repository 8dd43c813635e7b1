from django.urls import path

from .views import public as views

urlpatterns = [
    path("complaints/new/", views.complaint_new, name="complaint-new"),
    path("complaints/receipt/<str:token>/", views.complaint_receipt, name="complaint-receipt"),
    path("track/", views.track, name="track"),
    path("track/add/", views.track_add, name="track-add"),
]
