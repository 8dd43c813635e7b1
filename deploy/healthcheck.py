"""Container health check for ``web``: GET /healthz as the reverse proxy would send it.

Plain standard library, no Django start-up: it runs every 30 seconds. The request carries the
first configured host name (Django refuses unknown hosts) and ``X-Forwarded-Proto: https`` (so
the HTTPS redirect does not answer in place of the view).
"""

import os
import sys
import urllib.error
import urllib.request


def host_from(allowed_hosts: str) -> str:
    for host in (h.strip() for h in allowed_hosts.split(",")):
        if host and host != "*":
            return host.lstrip(".")
    return "localhost"


def main() -> int:
    request = urllib.request.Request(
        "http://127.0.0.1:8000/healthz",
        headers={"Host": host_from(os.environ.get("ALLOWED_HOSTS", "")), "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - fixed local URL
            print(response.read().decode())
            return 0
    except urllib.error.HTTPError as error:
        print(error.code, error.read().decode())
    except OSError as error:
        print(error)
    return 1


if __name__ == "__main__":
    sys.exit(main())
