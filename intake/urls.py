from django.urls import path

from . import views

urlpatterns = [
    path("desk/", views.desk, name="desk"),
    path("desk/register/", views.desk, name="complaint-register"),
    path("complaints/new/", views.desk, name="complaint-new"),
    path("track/", views.desk, name="track"),
]
