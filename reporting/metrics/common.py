"""Small helpers shared by the figure modules."""

from decimal import Decimal

from django.db.models import Q

from ..period import Month


def rate(numerator, denominator) -> float | None:
    """A percentage with one decimal, or ``None`` ("—", no data) when there is nothing to divide by."""
    if not denominator:
        return None
    return round(float(numerator) * 100 / float(denominator), 1)


def per_thousand(numerator, denominator) -> float | None:
    """Per 1,000 with one decimal (‰), or ``None`` when there is nothing to divide by."""
    if not denominator:
        return None
    return round(float(numerator) * 1000 / float(denominator), 1)


def rounded(value, places: int = 1) -> float | None:
    return None if value is None else round(float(value), places)


def money(value) -> str:
    """Amounts stay exact in JSON: a string with two decimals, never a float."""
    return str((value or Decimal(0)).quantize(Decimal("0.01")))


def within(field: str, month: Month) -> Q:
    return Q(**{f"{field}__gte": month.start, f"{field}__lt": month.end})


def periods(month: Month) -> dict[str, Month]:
    """The month and the two it is compared with."""
    return {"current": month, "previous": month.previous, "year_ago": month.year_ago}
