from penalties.services.imports import workers_import

from ._import import ImportCommand


class Command(ImportCommand):
    help = "Import or update service workers from CSV (name, phone, identity_number, team, service_types)."
    importer = staticmethod(workers_import)
