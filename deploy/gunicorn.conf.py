"""Gunicorn settings for the ``web`` container (see docs/operations.md).

Gunicorn listens on the container's loopback (the health check) and on its address in the
compose network (the published port), never on every interface; it trusts ``X-Forwarded-*`` only
from the addresses in ``FORWARDED_ALLOW_IPS``: the host side of the compose network, where the
reverse proxy connects. ``manage.py check --deploy`` warns when either is opened wide.

The access log leaves out query strings and referrers: a tracking lookup or a search may carry a
customer's phone number there, and logs must not hold personal data.
"""

import os
import socket


def _network_address() -> str:
    """The container's address in the compose network: its host name resolves to it."""
    try:
        return socket.gethostbyname(socket.gethostname())
    except OSError:
        return "127.0.0.1"


_port = os.environ.get("GUNICORN_PORT", "8000")
bind = os.environ.get("GUNICORN_BIND", "").split(",") if os.environ.get("GUNICORN_BIND") else []
bind = bind or sorted({f"127.0.0.1:{_port}", f"{_network_address()}:{_port}"})
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# The container's home is read-only and nobody runs gunicornc there.
control_socket_disable = True
# Worker heartbeats in memory, not on the container's overlay file system.
worker_tmp_dir = "/dev/shm"  # noqa: S108 - shared memory, not a temporary file name
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
