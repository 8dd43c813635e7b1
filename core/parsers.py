"""Request-body parsing shared by every API view."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class ObjectJSONParser(JSONParser):
    """A JSON body must be an object.

    Every view reads its fields by name: a list, string, number or ``null`` at the top level is a
    client error, refused here with a 400 before any view code (or rate limit) looks at it.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if not isinstance(data, dict):
            raise ParseError(_("The request body must be a JSON object."))
        return data
