"""Who else has a complaint's workbench open, so two agents do not call the same complainant or
write over each other (peers: "someone else is viewing this").

Each page view and each poll of the page (every ``POLL_SECONDS``) marks the viewer in the cache
for ``SEEN_FOR`` seconds. In deployment the cache is Redis and shared by every worker; without it
each process only knows its own viewers. Losing the cache loses nothing but the notice.
"""

import time

from django.core.cache import cache

POLL_SECONDS = 20
#: A viewer who has not polled for this long (two missed polls and some) has left.
SEEN_FOR = 2 * POLL_SECONDS + 10


def _key(complaint_id: int) -> str:
    return f"workbench-viewers:{complaint_id}"


def viewers_mark(complaint_id: int, user) -> list[str]:
    """Record that ``user`` is looking at the complaint now; return the names of the others."""
    now = time.time()
    try:
        seen = cache.get(_key(complaint_id)) or {}
        seen = {uid: entry for uid, entry in seen.items() if now - entry[1] < SEEN_FOR and uid != user.pk}
        others = sorted(name for name, _at in seen.values())
        seen[user.pk] = (user.get_full_name() or user.get_username(), now)
        cache.set(_key(complaint_id), seen, SEEN_FOR)
    except Exception:
        return []
    return others
