from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResolutionsConfig(AppConfig):
    name = "resolutions"
    verbose_name = _("Mediation and ruling")

    def ready(self) -> None:
        from intake import workbench, worklists
        from investigations.sources import record_source_register

        from . import forms
        from .records import resolution_records
        from .selectors import awaiting_vote_of, with_compensation_overdue, with_follow_up_to_read
        from .views.actions import TRANSITIONS
        from .views.panel import resolution_panel_context

        record_source_register(resolution_records)
        workbench.register_panel(
            order=45,
            template_name="resolutions/workbench/panel.html",
            context_fn=resolution_panel_context,
            stages=("mediating", "ruling", "resolved", "notified", "follow_up"),
        )
        for transition, url_name, label, order, form_class, danger, description in (
            (
                "resolve_on_call",
                "resolution-quick-resolve",
                _("Resolve at first contact"),
                28,
                forms.QuickResolutionForm,
                False,
                _(
                    "A simple complaint you solved on the call: record the solution the complainant agreed to. "
                    "No investigation or mediation; the result notice and the follow-up still happen."
                ),
            ),
            (
                "start_mediation",
                "resolution-mediation-start",
                _("Start mediation"),
                40,
                forms.NoteForm,
                False,
                _("The report is in: propose a solution to both sides."),
            ),
            (
                "request_ruling",
                "resolution-ruling-request",
                _("Request a ruling"),
                45,
                forms.NoteForm,
                False,
                _("A side rejected the proposal: the ruling panel decides."),
            ),
            (
                "notify_result",
                "resolution-notice-send",
                _("Send the result notice"),
                60,
                None,
                False,
                _("Send the written result to the complainant by SMS and e-mail."),
            ),
            (
                "start_follow_up",
                "resolution-notice-confirm",
                _("Notice confirmed by phone"),
                62,
                forms.NoteForm,
                False,
                _("You called the complainant and they have the notice: the follow-up starts."),
            ),
            (
                "close",
                "resolution-close",
                _("Close the complaint"),
                70,
                forms.NoteForm,
                False,
                _("The complainant is satisfied, or did not answer in time."),
            ),
            (
                "reopen",
                "resolution-reopen",
                _("Reopen for re-assessment"),
                72,
                forms.ReasonForm,
                True,
                _("The complainant is not satisfied: the complaint goes back to investigation."),
            ),
            (
                "refer",
                "resolution-refer",
                _("Record an external route"),
                80,
                forms.ReferralForm,
                True,
                _("The complainant turned to a consumer association, a regulator, arbitration or a court."),
            ),
            (
                "withdraw",
                "resolution-withdraw",
                _("Record a withdrawal"),
                82,
                forms.ReasonForm,
                True,
                _("The complainant withdrew the complaint: nothing more happens."),
            ),
        ):
            workbench.register_action(
                transition=transition,
                url_name=url_name,
                label=label,
                order=order,
                form_fn=(lambda complaint, form_class=form_class: form_class()) if form_class else None,
                danger=danger,
                form_class=TRANSITIONS[transition][0],
                service=TRANSITIONS[transition][1],
                description=description,
            )
        worklists.register_all(
            ("my_vote", _("Awaiting my vote"), 60, "intake.rule_complaint", awaiting_vote_of),
            (
                "unsatisfied",
                _("Unsatisfied follow-ups"),
                90,
                "intake.follow_up_complaint",
                with_follow_up_to_read,
                True,
                "resolution-unsatisfied",
            ),
            (
                "compensation_overdue",
                _("Compensation unpaid past its due date"),
                38,
                "intake.assign_complaint",
                with_compensation_overdue,
                False,
            ),
        )
