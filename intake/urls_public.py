from django.urls import path

from .views import public as views

urlpatterns = [
    path("complaints/new/", views.complaint_new, name="complaint-new"),
    path("track/", views.track, name="track"),
]
