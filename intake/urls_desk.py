from django.urls import path

from .views import desk as views
from .views import inbox, incidents, privacy

urlpatterns = [
    path("", inbox.inbox, name="desk"),
    path("bulk/", inbox.inbox_bulk, name="desk-bulk"),
    path("complaints/<int:pk>/take/", inbox.complaint_take_view, name="complaint-take"),
    path("views/", inbox.saved_view_save_view, name="saved-view-save"),
    path("views/<int:pk>/delete/", inbox.saved_view_delete_view, name="saved-view-delete"),
    path("register/", views.register, name="complaint-register"),
    path("privacy-requests/", privacy.privacy_requests_open, name="privacy-requests"),
    path("complaints/<int:pk>/decide/", views.decide, name="complaint-decide"),
    path("incidents/", incidents.incident_list, name="incident-list"),
    path("incidents/<int:pk>/", incidents.incident_page, name="incident-page"),
    path("incidents/<int:pk>/link/", incidents.incident_link_view, name="incident-link"),
    path("incidents/<int:pk>/plan/", incidents.incident_check_view, name="incident-check"),
    path("incidents/<int:pk>/statement/", incidents.incident_statement_view, name="incident-statement"),
    path("incidents/<int:pk>/conclusion/", incidents.incident_conclusion_view, name="incident-conclusion"),
]
