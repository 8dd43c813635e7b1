"""Writes about workers, teams and orders: creation, blacklist refusal, and the complaint link."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from intake.choices import ServiceType

from ..identity import identity_hash, identity_is_valid, identity_last_four
from ..models import BlacklistEntry, ComplaintSubject, OnboardingCheck, ServiceOrder, Team, Worker
from .errors import WorkerBlacklisted


def blacklist_refuse(*, hashed: str) -> None:
    """Raise WorkerBlacklisted when the hash is listed; the caller never learns more than the category."""
    entry = BlacklistEntry.objects.filter(identity_hash=hashed).first()
    if entry is not None:
        raise WorkerBlacklisted(entry.get_reason_category_display())


def _validated_hash(identity_number: str) -> str:
    if not identity_is_valid(identity_number):
        raise ValidationError(_("Enter a valid 18-character identity number."), code="identity")
    return identity_hash(identity_number)


def _clean_service_types(service_types: Iterable[str]) -> list[str]:
    values = [value.strip() for value in service_types if value and value.strip()]
    unknown = [value for value in values if value not in ServiceType.values]
    if unknown:
        raise ValidationError(_("Unknown service type: %(value)s") % {"value": ", ".join(unknown)}, code="service")
    return list(dict.fromkeys(values))


@transaction.atomic
def worker_upsert(
    *,
    name: str,
    identity_number: str,
    phone: str = "",
    team: Team | None = None,
    service_types: Iterable[str] = (),
    allow_update: bool = True,
) -> tuple[Worker, bool]:
    """Create a worker, or update the one with the same identity (a re-import). Returns (worker, created).

    The blacklist is checked first, so a banned person is refused even under a new name.
    """
    hashed = _validated_hash(identity_number)
    blacklist_refuse(hashed=hashed)
    name = name.strip()
    if not name:
        raise ValidationError(_("The name is required."), code="name")
    fields = {
        "name": name,
        "phone": phone.strip(),
        "team": team,
        "service_types": _clean_service_types(service_types),
    }
    worker = Worker.objects.select_for_update().filter(identity_hash=hashed).first()
    if worker is None:
        worker = Worker(identity_hash=hashed, identity_last_four=identity_last_four(identity_number), **fields)
        worker.full_clean()
        worker.save()
        return worker, True
    if not allow_update:
        raise ValidationError(_("A worker with this identity number already exists."), code="duplicate")
    for field, value in fields.items():
        setattr(worker, field, value)
    worker.full_clean()
    worker.save()
    return worker, False


def worker_create(
    *, name: str, identity_number: str, phone: str = "", team: Team | None = None, service_types: Iterable[str] = ()
) -> Worker:
    worker, _created = worker_upsert(
        name=name,
        identity_number=identity_number,
        phone=phone,
        team=team,
        service_types=service_types,
        allow_update=False,
    )
    return worker


def team_for_name(*, name: str) -> Team | None:
    """Imports name teams by text; a new name creates the team."""
    name = name.strip()
    if not name:
        return None
    team, _created = Team.objects.get_or_create(name=name)
    return team


@transaction.atomic
def order_upsert(
    *,
    order_number: str,
    service_type: str,
    service_date: date,
    amount: Decimal,
    worker: Worker | None = None,
    team: Team | None = None,
    customer_phone: str = "",
) -> tuple[ServiceOrder, bool]:
    """Create or update an order by its number, then link the complaints that quoted that number."""
    order_number = order_number.strip()
    if not order_number:
        raise ValidationError(_("The order number is required."), code="order_number")
    if amount < 0:
        raise ValidationError(_("The amount cannot be negative."), code="amount")
    fields = {
        "service_type": service_type,
        "service_date": service_date,
        "amount": amount,
        "worker": worker,
        "team": team or (worker.team if worker else None),
        "customer_phone": customer_phone.strip(),
    }
    order = ServiceOrder.objects.select_for_update().filter(order_number=order_number).first()
    created = order is None
    if created:
        order = ServiceOrder(order_number=order_number)
    for field, value in fields.items():
        setattr(order, field, value)
    order.full_clean()
    order.save()
    _subjects_refresh_for_order(order=order)
    return order, created


def _subjects_refresh_for_order(*, order: ServiceOrder) -> None:
    from intake.models import Complaint

    for complaint in Complaint.objects.filter(order_number=order.order_number):
        complaint_subject_match(complaint=complaint)


@transaction.atomic
def complaint_subject_match(*, complaint) -> ComplaintSubject | None:
    """Find the order, worker and team a complaint is about from the order number it quotes.

    Called after every complaint save and every order import, so whichever arrives first, the
    link appears. A complaint without an order number gets no subject row.
    """
    number = (complaint.order_number or "").strip()
    order = ServiceOrder.objects.filter(order_number=number).select_related("worker").first() if number else None
    existing = ComplaintSubject.objects.filter(complaint=complaint).first()
    if order is None and existing is None:
        return None
    values = {"order": order, "worker": order.worker if order else None, "team": order.team if order else None}
    if existing is not None and all(getattr(existing, k) == v for k, v in values.items()):
        return existing
    subject, _created = ComplaintSubject.objects.update_or_create(complaint=complaint, defaults=values)
    return subject


@transaction.atomic
def onboarding_check(*, identity_number: str, actor) -> bool:
    """Is this identity listed? Logged with who and when, never the number; answers nothing more."""
    hashed = identity_hash(identity_number)
    OnboardingCheck.objects.create(checked_by=actor, identity_hash=hashed)
    return BlacklistEntry.objects.filter(identity_hash=hashed).exists()
