"""The complainant's own files, listed wherever staff work on the complaint (workbench, acceptance,
investigation), so nobody asks the complainant again for what they already sent."""

from django import template

register = template.Library()


@register.inclusion_tag("intake/includes/complainant_files.html")
def complainant_files(complaint) -> dict:
    """Every file of the complaint, whenever it arrived; each opens through the download view,
    which checks the viewer's access and logs it."""
    return {"complaint": complaint, "files": list(complaint.attachments.order_by("uploaded_at", "pk"))}
