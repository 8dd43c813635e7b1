from django.urls import path

from .views import desk as views

urlpatterns = [
    path("", views.inbox, name="desk"),
    path("register/", views.register, name="complaint-register"),
    path("complaints/<int:pk>/decide/", views.decide, name="complaint-decide"),
]
