"""The workbench's previous / next links follow the last inbox page the user looked at.

The inbox keeps that page's complaints (number and id, in the order shown) in the session, so
the workbench finds its neighbours without a query and with the user's own filters and sort.
"""

SESSION_KEY = "inbox_trail"


def trail_remember(session, *, complaints, query: str) -> None:
    trail = {"rows": [[complaint.pk, complaint.tracking_number] for complaint in complaints], "query": query}
    if session.get(SESSION_KEY) != trail:  # an unchanged page writes nothing
        session[SESSION_KEY] = trail


def trail_neighbours(session, complaint_id: int) -> dict | None:
    """``{"previous": (pk, number) | None, "next": …, "position", "total", "query"}``, or ``None``
    when the complaint was not on the last inbox page."""
    trail = session.get(SESSION_KEY) or {}
    rows = trail.get("rows") or []
    ids = [row[0] for row in rows]
    if complaint_id not in ids:
        return None
    index = ids.index(complaint_id)
    return {
        "previous": rows[index - 1] if index > 0 else None,
        "next": rows[index + 1] if index + 1 < len(rows) else None,
        "position": index + 1,
        "total": len(rows),
        "query": trail.get("query", ""),
    }
