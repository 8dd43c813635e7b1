"""The credit platform's file: approved official listings in plain fields, one row each."""

from django.utils import timezone
from django.utils.translation import gettext as _

from reporting.exports import table_csv
from reporting.tables import Table

from .models import OfficialListing


def _day(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d}" if moment else ""


def official_listings_csv(listings: list[OfficialListing]) -> bytes:
    """Only the last four identity characters are kept by the desk, so the platform's identity
    column is filled from the worker's file; formulas are neutralised like every other download."""
    table = Table(
        slug="official-listings",
        title=_("Official listings"),
        headers=[
            _("Listing number"),
            _("Worker"),
            _("Identity number"),
            _("Reason"),
            _("Proposed on"),
            _("Approved by"),
            _("Approved on"),
            _("Consent given on"),
            _("Consent given how"),
            _("Exported on"),
        ],
    )
    for listing in listings:
        consent = listing.consent
        table.rows.append(
            [
                listing.pk,
                listing.worker.name,
                listing.worker.identity_masked,
                listing.reason,
                _day(listing.proposed_at),
                str(listing.reviewed_by or ""),
                _day(listing.reviewed_at),
                _day(consent.given_at) if consent else "",
                consent.get_method_display() if consent else "",
                _day(listing.exported_at),
            ]
        )
    return table_csv(table)
