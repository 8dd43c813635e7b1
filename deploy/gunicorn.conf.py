"""Gunicorn settings for the ``web`` container (see docs/operations.md).

The access log leaves out query strings and referrers: a tracking lookup or a search may carry a
customer's phone number there, and logs must not hold personal data.
"""

import os

bind = "0.0.0.0:8000"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Requests reach gunicorn only through the reverse proxy in front of the container network.
forwarded_allow_ips = "*"
# The container's home is read-only and nobody runs gunicornc there.
control_socket_disable = True
# Worker heartbeats in memory, not on the container's overlay file system.
worker_tmp_dir = "/dev/shm"  # noqa: S108 - shared memory, not a temporary file name
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
