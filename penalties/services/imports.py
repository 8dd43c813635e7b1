"""CSV import of workers and orders: row by row, so one bad row never stops the good ones.

Each row runs in its own savepoint; a failure is reported with its line number (the header is
line 1) and the reason, in the user's language. Re-importing a file updates what it created.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from intake.choices import ServiceType

from ..identity import identity_hash
from ..models import Worker
from .workers import order_upsert, team_for_name, worker_upsert

WORKER_COLUMNS = ("name", "phone", "identity_number", "team", "service_types")
ORDER_COLUMNS = (
    "order_number",
    "service_type",
    "worker_identity_number",
    "team",
    "customer_phone",
    "service_date",
    "amount",
)
MAX_ROWS = 20000


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "errors": [{"line": line, "reason": reason} for line, reason in self.errors],
        }


def _rows(content: bytes | str, required: tuple[str, ...], report: ImportReport):
    """Yield (line number, row) pairs; a file that cannot be read at all is one error on line 1."""
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            report.errors.append((1, _("The file is not UTF-8 encoded text.")))
            return
    reader = csv.DictReader(io.StringIO(content.lstrip("\ufeff")))
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [name for name in required if name not in header]
    if missing:
        report.errors.append((1, _("Missing columns: %(columns)s") % {"columns": ", ".join(missing)}))
        return
    reader.fieldnames = header
    for count, row in enumerate(reader, start=1):
        if count > MAX_ROWS:
            report.errors.append((reader.line_num, _("Too many rows; split the file.")))
            return
        yield reader.line_num, {key: (value or "").strip() for key, value in row.items() if key}


def _message(error: ValidationError) -> str:
    return "; ".join(str(message) for message in error.messages)


def _import(content, columns, load_row) -> ImportReport:
    report = ImportReport()
    for line, row in _rows(content, columns, report):
        try:
            with transaction.atomic():
                created = load_row(row)
        except ValidationError as error:
            report.errors.append((line, _message(error)))
            continue
        if created:
            report.created += 1
        else:
            report.updated += 1
    return report


def _worker_row(row: dict) -> bool:
    _worker, created = worker_upsert(
        name=row.get("name", ""),
        identity_number=row.get("identity_number", ""),
        phone=row.get("phone", ""),
        team=team_for_name(name=row.get("team", "")),
        service_types=row.get("service_types", "").replace("|", ";").split(";"),
    )
    return created


def _order_row(row: dict) -> bool:
    if row.get("service_type") not in ServiceType.values:
        raise ValidationError(_("Unknown service type: %(value)s") % {"value": row.get("service_type", "")})
    try:
        service_date = date.fromisoformat(row.get("service_date", ""))
    except ValueError:
        raise ValidationError(_("Enter the service date as YYYY-MM-DD."))
    try:
        amount = Decimal(row.get("amount", "")).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ValidationError(_("Enter the amount as a number, e.g. 199.00."))
    worker = None
    if row.get("worker_identity_number"):
        worker = Worker.objects.filter(identity_hash=identity_hash(row["worker_identity_number"])).first()
        if worker is None:
            raise ValidationError(_("No worker with this identity number; import the workers first."))
    _order, created = order_upsert(
        order_number=row.get("order_number", ""),
        service_type=row["service_type"],
        service_date=service_date,
        amount=amount,
        worker=worker,
        team=team_for_name(name=row.get("team", "")),
        customer_phone=row.get("customer_phone", ""),
    )
    return created


def workers_import(*, content: bytes | str) -> ImportReport:
    return _import(content, ("name", "identity_number"), _worker_row)


def orders_import(*, content: bytes | str) -> ImportReport:
    return _import(content, ("order_number", "service_type", "service_date", "amount"), _order_row)
