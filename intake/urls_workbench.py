from django.urls import path

from .views import workbench as views

urlpatterns = [
    path("<int:pk>/", views.complaint_workbench, name="complaint-workbench"),
    path("<int:pk>/unmask/", views.personal_data_unmask, name="complaint-unmask"),
    path("<int:pk>/notes/", views.complaint_note_add, name="complaint-note-add"),
]
