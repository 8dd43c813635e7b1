from django.urls import path  # noqa: F401

from .views import workbench as views  # noqa: F401

urlpatterns: list = []
