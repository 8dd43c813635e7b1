"""Every URL of the project, with forged ids, as every role and as an anonymous visitor.

The matrix is walked from the URL resolver, so a route added later is audited without anyone
remembering to list it. Per role: no response is a 5xx, an anonymous visitor reaches only the
public pages, a nested id that belongs to another complaint is never served, and no GET changes
a single row.
"""

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core import roles
from intake.models import Complaint
from reporting.period import Month, Quarter

from .audit_data import World, database_fingerprint, world_build

pytestmark = pytest.mark.django_db

MISSING = 987_654
#: Pages an anonymous visitor may open (by URL name); everything else is staff only.
PUBLIC = {
    "home",
    "complaint-new",
    "complaint-receipt",
    "track",
    # Guarded by a lookup with number and phone in the same browser session (tests/intake/test_track_follow.py).
    "track-add",
    "track-notice",
    "track-notice-pdf",
    # The same guard; the data pages open only after a fulfilled request (tests/intake/test_privacy_requests.py).
    "track-privacy-request",
    "track-personal-data",
    "track-personal-data-download",
    "privacy-notice",
    "survey",
    "public-stats",
    "healthz",
    "login",
    "logout",
    "api-schema",
    "api-docs",
    "api-complaint-create",
    "api-complaint-status",
}
ANONYMOUS_REFUSALS = {403, 404, 405}
#: Complaints posted to with every complaint route; GETs use every complaint of the data set.
POSTED_STATES = {"submitted", "investigating", "mediating", "ruling", "follow_up"}
#: The API names the complaint ``complaint_pk`` where the desk's routes say ``pk``.
_API_NAMES = {"pk": "complaint_pk"}


@dataclass(frozen=True)
class Case:
    name: str
    url: str
    forged: bool = False
    post: bool = True


def _routes(patterns, prefix: str = ""):
    """(route, pattern) of every named view, skipping admin internals, i18n and static files."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin" or route.startswith(("i18n/", "static/", "media/")):
                continue
            yield from _routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and entry.name:
            yield route, entry


def _params(pattern: URLPattern) -> set[str]:
    return set(pattern.pattern.regex.groupindex) - set(pattern.default_args)


def _kwargs_cases(route: str, params: set[str], world: World) -> list[tuple[dict, bool]]:
    """Real, missing and forged values for a route's parameters: (kwargs, forged); ``_get_only``
    in kwargs keeps a case out of the POST walk."""
    c, ids = world.complaints, world.ids
    month = str(Month.current())
    if not params:
        return [({}, False)]
    if "complaint_pk" in params and "pk" not in params:  # the API's records of a complaint: as the desk's routes
        cases = _kwargs_cases("desk/complaints/", params - {"complaint_pk"} | {"pk"}, world)
        return [({_API_NAMES.get(k, k): v for k, v in kwargs.items()}, forged) for kwargs, forged in cases]
    if params == {"pk"} and route.startswith("desk/complaints/"):
        return [({"pk": MISSING}, False)] + [
            ({"pk": complaint.pk, "_get_only": name not in POSTED_STATES}, False) for name, complaint in c.items()
        ]
    if params == {"complaint_pk", "pk"}:
        return [
            ({"complaint_pk": c["web"].pk, "pk": ids["attachment"]}, False),
            ({"complaint_pk": c["submitted"].pk, "pk": ids["attachment"]}, True),
            ({"complaint_pk": c["web"].pk, "pk": MISSING}, False),
        ]
    if params == {"pk", "transition"}:
        return [
            ({"pk": c["mediating"].pk, "transition": "withdraw", "_get_only": True}, False),
            ({"pk": MISSING, "transition": "withdraw"}, False),
            ({"pk": c["mediating"].pk, "transition": "no_such_change"}, False),
        ]
    if params == {"pk", "proposal_id"}:
        return [
            ({"pk": c["mediating"].pk, "proposal_id": ids["proposal"]}, False),
            ({"pk": c["ruling"].pk, "proposal_id": ids["proposal"]}, True),
            ({"pk": MISSING, "proposal_id": ids["proposal"]}, True),
        ]
    if params == {"pk", "privacy_request_pk"}:
        return [
            ({"pk": c["web"].pk, "privacy_request_pk": ids["privacy_request"]}, False),
            ({"pk": c["submitted"].pk, "privacy_request_pk": ids["privacy_request"]}, True),
            ({"pk": c["web"].pk, "privacy_request_pk": MISSING}, False),
        ]
    if params == {"pk", "compensation_id"}:
        owner = Complaint.objects.get(compensations__pk=ids["compensation"])
        return [
            ({"pk": owner.pk, "compensation_id": ids["compensation"]}, False),
            ({"pk": c["mediating"].pk, "compensation_id": ids["compensation"]}, True),
            ({"pk": owner.pk, "compensation_id": MISSING}, False),
        ]
    single = {
        "request_pk": ids["extension"],
        "item_pk": ids["evidence"],
        "matter_id": ids["open_matter"],
        "token": None,
        "year": Month.current().year,
    }
    if params == {"pk"}:
        existing = {
            "desk/workers/": ids["worker"],
            "desk/penalties/": ids["penalty"],
            "desk/disclosures/": ids["disclosure"],
            "desk/official-listings/": ids["official_listing"],
            "desk/incidents/": ids["incident"],
        }
        real = next((pk for start, pk in existing.items() if route.startswith(start)), None)
        return [({"pk": MISSING}, False)] + ([({"pk": real}, False)] if real else [])
    if params == {"token"}:
        return [({"token": "not-a-real-token-0123456789"}, False)]
    if params == {"year"}:
        return [({"year": single["year"]}, False), ({"year": 1999}, False)]
    if len(params) == 1 and (name := next(iter(params))) in single:
        return [({name: MISSING}, False), ({name: single[name]}, False)]
    if params == {"quarter"}:
        return [({"quarter": str(Quarter.current())}, False), ({"quarter": "1999-Q1"}, False)]
    if params == {"month"}:
        return [({"month": month}, False), ({"month": "2026-13"}, False), ({"month": "2999-01"}, False)]
    if params == {"month", "slug", "fmt"}:
        return [
            ({"month": month, "slug": slug, "fmt": fmt}, False)
            for slug, fmt in [("agents", "csv"), ("quarterly", "xlsx"), ("no_such_table", "csv")]
        ]
    if params == {"action"}:
        return [({"action": "propose"}, False), ({"action": "approve"}, False), ({"action": "no-such-action"}, False)]
    raise AssertionError(f"the audit does not know how to fill {sorted(params)} of {route!r}: teach _kwargs_cases")


def url_cases(world: World) -> list[Case]:
    cases = [Case("admin", "/admin/")]
    for route, pattern in _routes(get_resolver().url_patterns):
        for kwargs, forged in _kwargs_cases(route, _params(pattern), world):
            post = not kwargs.pop("_get_only", False)
            cases.append(Case(pattern.name, reverse(pattern.name, kwargs=kwargs), forged, post))
    return cases


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and "login" in response["Location"]


def _walk(client, world: World, *, role: str | None) -> list[str]:
    problems = []
    cases = url_cases(world)
    for method in ("get", "post"):
        refused = set()  # routes that answered 405: the same answer for every other id
        for case in cases:
            if (method == "post" and not case.post) or (case.name in refused and not case.forged):
                continue
            before = database_fingerprint() if method == "get" else None
            response = getattr(client, method)(case.url)
            if response.status_code == 405:
                refused.add(case.name)
            where = f"{method.upper()} {case.url} ({case.name}) as {role or 'anonymous'}: {response.status_code}"
            if response.status_code >= 500 and case.name != "healthz":
                problems.append(f"{where} server error")
            if before is not None and database_fingerprint() != before:
                problems.append(f"{where} changed the database on GET")
            if case.forged and response.status_code == 200:
                problems.append(f"{where} served an object of another complaint")
            if role is None and case.name not in PUBLIC:
                if not (_is_login_redirect(response) or response.status_code in ANONYMOUS_REFUSALS):
                    problems.append(f"{where} reachable without login")
            if role == roles.MANAGER and case.url.startswith("/desk/") and response.status_code == 200:
                problems.append(f"{where} complaint desk open to a report reader")
    return problems


def test_every_url_knows_its_parameters():
    """A new route whose parameters the audit cannot fill fails here, not silently later."""
    for route, pattern in _routes(get_resolver().url_patterns):
        params = _params(pattern)
        assert params <= {
            "pk",
            "complaint_pk",
            "proposal_id",
            "transition",
            "compensation_id",
            "privacy_request_pk",
            "request_pk",
            "item_pk",
            "matter_id",
            "token",
            "year",
            "month",
            "action",
            "quarter",
            "slug",
            "fmt",
        }, (route, params)


@pytest.mark.parametrize("role", [None, *roles.ROLE_PERMISSIONS])
def test_no_url_fails_leaks_or_writes_on_get(client, role):
    world = world_build()
    if role is not None:
        client.force_login(world.users[role])
    assert _walk(client, world, role=role) == []
