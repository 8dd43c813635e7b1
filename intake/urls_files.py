from django.urls import path

from .views import files as views

urlpatterns = [
    path("<int:complaint_pk>/files/<int:pk>/", views.attachment_download, name="attachment-download"),
]
