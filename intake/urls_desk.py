from django.urls import path

from .views import desk as views

urlpatterns = [
    path("", views.inbox, name="desk"),
    path("register/", views.inbox, name="complaint-register"),
]
