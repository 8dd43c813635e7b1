"""Loaded as a pytest plugin before Django starts: tests default to the development settings
(embedded database and broker) unless the environment says otherwise."""

import os

os.environ.setdefault("DEBUG", "true")
