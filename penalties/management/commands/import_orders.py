from penalties.services.imports import orders_import

from ._import import ImportCommand


class Command(ImportCommand):
    help = (
        "Import or update service orders from CSV (order_number, service_type, worker_identity_number, team, "
        "customer_phone, service_date, amount)."
    )
    importer = staticmethod(orders_import)
