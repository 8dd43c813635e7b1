"""Reload the default rows the data migrations create.

A transactional test (live server, real Celery processes) flushes every table at its end, the
defaults of the data migrations with them; the next test must find the product as installed.
"""

import importlib

from django.apps import apps

#: (data migration module, function, model whose emptiness means "reload")
DEFAULTS = [
    ("deadlines.migrations.0002_default_policies", "load", "deadlines.SlaPolicy"),
    ("deadlines.migrations.0005_emergency_policies", "load", "deadlines.SlaPolicy"),
    ("deadlines.migrations.0007_seed_policies", "load", "deadlines.SlaPolicy"),
    ("deadlines.migrations.0012_evidence_policy", "load", "deadlines.SlaPolicy"),
    ("deadlines.migrations.0017_transfer_body_policy", "load", "deadlines.SlaPolicy"),
    ("penalties.migrations.0002_default_rules", "create_rules", "penalties.PenaltyRule"),
]


def defaults_reload() -> None:
    # Decided before loading anything: several migrations may fill the same table.
    empty = {model for _module, _function, model in DEFAULTS if not apps.get_model(model).objects.exists()}
    for module, function, model in DEFAULTS:
        if model in empty:
            getattr(importlib.import_module(module), function)(apps, None)
