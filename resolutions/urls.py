from django.urls import path

from .views import actions, documents, ledger, panel, public, retention, survey

_desk = "desk/complaints/<int:pk>/"

urlpatterns = [
    path("survey/<str:token>/", survey.survey, name="survey"),
    path("track/notice/", public.track_notice, name="track-notice"),
    path("track/notice.pdf", public.track_notice_pdf, name="track-notice-pdf"),
    path("desk/follow-ups/unsatisfied/", documents.unsatisfied_list, name="resolution-unsatisfied"),
    path("desk/open-matters/", ledger.open_matters_list, name="resolution-open-matters"),
    path("desk/fund/", ledger.fund_ledger, name="resolution-fund"),
    path("desk/retention/", retention.disposal_list, name="resolution-retention"),
    path("desk/retention/<slug:action>/", retention.disposal_action, name="resolution-retention-action"),
    path("desk/open-matters/<int:matter_id>/done/", ledger.open_matter_done, name="resolution-open-matter-done"),
    # State changes offered as workbench actions.
    path(_desk + "resolve-on-call/", actions.quick_resolve, name="resolution-quick-resolve"),
    path(_desk + "mediation/start/", actions.mediation_start, name="resolution-mediation-start"),
    path(_desk + "ruling/request/", actions.ruling_request, name="resolution-ruling-request"),
    path(_desk + "notice/send/", actions.notice_send, name="resolution-notice-send"),
    path(_desk + "notice/confirm/", actions.notice_confirm, name="resolution-notice-confirm"),
    path(_desk + "close/", actions.close, name="resolution-close"),
    path(_desk + "reopen/", actions.reopen, name="resolution-reopen"),
    path(_desk + "withdraw/", actions.withdraw, name="resolution-withdraw"),
    path(_desk + "refer/", actions.refer, name="resolution-refer"),
    # The resolutions panel's forms.
    path(_desk + "mediation/proposals/", panel.proposal_add, name="resolution-proposal-add"),
    path(_desk + "mediation/proposals/<int:proposal_id>/answers/", panel.answer_add, name="resolution-answer-add"),
    path(_desk + "compensations/", panel.compensation_add, name="resolution-compensation-add"),
    path(_desk + "compensations/amend/", panel.compensation_amend, name="resolution-compensation-amend"),
    path(_desk + "compensations/reopen/", panel.payment_reopen, name="resolution-payment-reopen"),
    path(
        _desk + "compensations/<int:compensation_id>/pay/", panel.compensation_pay, name="resolution-compensation-pay"
    ),
    path(_desk + "ruling/panel/", panel.panel_form, name="resolution-panel-form"),
    path(_desk + "ruling/votes/", panel.vote_add, name="resolution-vote-add"),
    path(_desk + "ruling/decision/", panel.ruling_decide, name="resolution-ruling-decide"),
    path(_desk + "follow-up/callback/", panel.callback_add, name="resolution-callback-add"),
    path(_desk + "open-matters/", panel.open_matter_add, name="resolution-open-matter-add"),
    # Documents.
    path(_desk + "notice/", documents.notice_page, name="resolution-notice"),
    path(_desk + "notice.pdf", documents.notice_pdf_download, name="resolution-notice-pdf"),
    path(_desk + "case-file.pdf", documents.case_file_download, name="resolution-case-file"),
    path(
        _desk + "compensations/<int:compensation_id>/voucher/",
        documents.voucher_download,
        name="resolution-voucher",
    ),
]
