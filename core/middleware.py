"""Refuse query strings carrying NUL characters before any view sees them.

PostgreSQL rejects NUL in text, so a search box fed ``%00`` would turn into a database error deep in a
selector. Forms already refuse NUL in what they validate; this covers the filter and search
parameters that list pages read from the query string.
"""

from django.http import HttpRequest

from .views import bad_request


class RefuseNulCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if any("\x00" in text for key, values in request.GET.lists() for text in (key, *values)):
            return bad_request(request)
        return self.get_response(request)
