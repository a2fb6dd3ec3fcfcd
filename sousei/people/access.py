"""Which applications of the region a caller may see, shared by the pages and the API.

An application holds a resident's personal data and the intake decision: the region's
operators read and decide them; nobody else sees one (the pages and endpoints admit operators
only, and this rule answers 404 to anyone else, as for another region's application).
"""

from __future__ import annotations

from django.http import Http404

from sousei.core.access import Reader
from sousei.core.roles import Role
from sousei.people import selectors
from sousei.people.models import Application

APPLICATION_READERS = frozenset({Role.OPERATOR})


def application_visible(reader: Reader, application_id: int) -> Application:
    """The application with its person, for the region's operators."""
    if not reader.has_any(APPLICATION_READERS):
        raise Http404("No such application.")
    try:
        return selectors.application_get(application_id=application_id)
    except Application.DoesNotExist:
        raise Http404("No such application.") from None
