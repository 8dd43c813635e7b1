"""Rate limits over Django's cache, shared by every web process.

A fixed window per (scope, client): ``cache.add`` creates the counter atomically with the window's
lifetime, ``cache.incr`` bumps it atomically (Redis INCR in production), so concurrent requests
cannot both read "4" and both pass. If the cache is unreachable we let the request through and
log it: a broken limiter must never turn a complaint into a 500.
"""

import ipaddress
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    limit: int
    period: int  # seconds


def rate_parse(rate: str) -> Rate:
    """ "5/h" -> Rate(5, 3600); "20/10m" is twenty per ten minutes."""
    count, _, per = rate.partition("/")
    per = per.strip() or "h"
    multiplier = int(per[:-1]) if len(per) > 1 else 1
    return Rate(limit=int(count), period=multiplier * _PERIODS[per[-1]])


def client_address(request) -> str:
    """The client's address, trusting exactly ``NUM_PROXIES`` proxies as DRF's throttles do.

    Without a known proxy count a client could rotate ``X-Forwarded-For`` and get a fresh quota
    on every request.
    """
    num_proxies = settings.REST_FRAMEWORK.get("NUM_PROXIES") or 0
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if num_proxies > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(num_proxies, len(hops))]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def client_ip(request) -> str | None:
    """``client_address`` as an IP address, or None: the login lockout stores it in an IP column,
    and a forwarded hop is whatever the client wrote."""
    try:
        return str(ipaddress.ip_address(client_address(request)))
    except ValueError:
        return None


def rate_limit_hit(*, scope: str, key: str, rate: str) -> bool:
    """Count one hit for ``key`` in ``scope``; False when the limit is already used up."""
    parsed = rate_parse(rate)
    window = int(time.time() // parsed.period)
    cache_key = f"ratelimit:{scope}:{key}:{window}"
    try:
        cache.add(cache_key, 0, timeout=parsed.period + 1)
        count = cache.incr(cache_key)
    except ValueError:
        # The counter expired between add and incr: this hit opens a new window.
        try:
            cache.set(cache_key, 1, timeout=parsed.period + 1)
        except Exception:
            logger.warning("Rate-limit cache unavailable for %s; request allowed", scope)
        return True
    except Exception:
        logger.warning("Rate-limit cache unavailable for %s; request allowed", scope)
        return True
    return count <= parsed.limit
