from django.urls import path

from .views import changes, contact, emergency, flags, privacy, transfer
from .views import workbench as views

urlpatterns = [
    path("<int:pk>/", views.complaint_workbench, name="complaint-workbench"),
    path("<int:pk>/unmask/", views.personal_data_unmask, name="complaint-unmask"),
    path("<int:pk>/notes/", views.complaint_note_add, name="complaint-note-add"),
    path("<int:pk>/viewers/", views.complaint_viewers, name="complaint-viewers"),
    path("<int:pk>/emergency/acknowledge/", emergency.emergency_acknowledge_view, name="emergency-acknowledge"),
    path("<int:pk>/emergency/record/", emergency.emergency_record_view, name="emergency-record"),
    path("<int:pk>/emergency/follow-up/", emergency.emergency_follow_up_view, name="emergency-follow-up"),
    path("<int:pk>/management-report/", emergency.management_report_view, name="management-report"),
    path("<int:pk>/management-decision/", contact.management_decision_view, name="management-decision"),
    path("<int:pk>/contact-attempts/", contact.contact_attempt_view, name="contact-attempt"),
    path("<int:pk>/transfer/pauses/", transfer.transfer_pause_view, name="transfer-pause"),
    path("<int:pk>/transfer/outcome/", transfer.transfer_outcome_view, name="transfer-outcome"),
    path("<int:pk>/transfer/outcome/print/", transfer.transfer_outcome_page, name="transfer-outcome-print"),
    path("<int:pk>/reclassify/", changes.reclassify_view, name="complaint-reclassify"),
    path("<int:pk>/reassign/", changes.reassign_view, name="complaint-reassign"),
    path("<int:pk>/escalate/", changes.escalate_view, name="complaint-escalate"),
    path("<int:pk>/merge/", changes.merge_view, name="complaint-merge"),
    path("<int:pk>/flag/", flags.complainant_flag_view, name="complainant-flag"),
    path("<int:pk>/flag/review/", flags.complainant_flag_review_view, name="complainant-flag-review"),
    path("<int:pk>/phone/", views.phone_reveal, name="complaint-phone-reveal"),
    path("<int:pk>/personal-data/", privacy.personal_data_download, name="complaint-personal-data"),
    path("<int:pk>/privacy-requests/", privacy.privacy_request_register_view, name="privacy-request-register"),
    path(
        "<int:pk>/privacy-requests/<int:privacy_request_pk>/fulfil/",
        privacy.privacy_request_fulfil_view,
        name="privacy-request-fulfil",
    ),
    path(
        "<int:pk>/privacy-requests/<int:privacy_request_pk>/refuse/",
        privacy.privacy_request_refuse_view,
        name="privacy-request-refuse",
    ),
]
