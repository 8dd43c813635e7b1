from django.urls import path

from . import review_views, team_views, views

urlpatterns = [
    path("desk/complaints/<int:pk>/investigation/start/", views.investigation_start, name="investigation-start"),
    path("desk/complaints/<int:pk>/evidence/add/", views.evidence_add, name="evidence-add"),
    path("desk/complaints/<int:pk>/evidence/verify/", views.chain_verify, name="evidence-verify"),
    path("desk/complaints/<int:pk>/statements/add/", views.statement_add, name="statement-add"),
    path("desk/complaints/<int:pk>/evidence/request/", views.evidence_request_create, name="evidence-request"),
    path("desk/evidence-requests/<int:request_pk>/received/", views.evidence_request_receive, name="evidence-received"),
    path("desk/complaints/<int:pk>/site-visits/add/", views.site_visit_record, name="site-visit-add"),
    path("desk/complaints/<int:pk>/investigation/report/", views.report_submit, name="investigation-report"),
    path("desk/complaints/<int:pk>/investigation/extension/", views.extension_request, name="extension-request"),
    path("desk/complaints/<int:pk>/finding-review/", review_views.finding_review_view, name="finding-review"),
    path("desk/extensions/leadership/", views.extension_leadership, name="extension-leadership"),
    path("desk/extensions/<int:request_pk>/decide/", views.extension_decide, name="extension-decide"),
    path(
        "desk/complaints/<int:complaint_pk>/attachments/<int:pk>/adopt/",
        views.complainant_file_adopt,
        name="complainant-file-adopt",
    ),
    path(
        "desk/complaints/<int:pk>/investigation/team/add/", team_views.external_member_add, name="external-member-add"
    ),
    path(
        "desk/complaints/<int:pk>/investigation/team/remove/",
        team_views.external_member_remove,
        name="external-member-remove",
    ),
    path("desk/complaints/<int:pk>/referrals/add/", team_views.referral_create, name="referral-add"),
    path("desk/complaints/<int:pk>/referrals/respond/", team_views.referral_respond, name="referral-respond"),
    path("desk/complaints/<int:pk>/joint-group/", team_views.joint_group_form, name="joint-group-form"),
    path("desk/evidence/<int:item_pk>/file/", views.evidence_file, name="evidence-file"),
    path("desk/evidence/<int:item_pk>/supersede/", views.evidence_supersede, name="evidence-supersede"),
]
