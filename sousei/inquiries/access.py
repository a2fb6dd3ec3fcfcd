"""Who may read and answer inquiries: the region's operators (the program office). Anyone may
send one. Another region's inquiry, or one that does not exist, answers 404."""

from __future__ import annotations

from django.http import Http404

from sousei.core.access import Reader
from sousei.core.roles import Role
from sousei.inquiries import selectors
from sousei.inquiries.models import Inquiry

#: The roles that work the inbox.
INBOX_ROLES = frozenset({Role.OPERATOR})


def inquiry_visible(reader: Reader, inquiry_id: int) -> Inquiry:
    """The inquiry, for the office; 404 for anyone else and for another region's."""
    if not reader.has_any(INBOX_ROLES):
        raise Http404("No such inquiry.")
    try:
        return selectors.inquiry_get(inquiry_id=inquiry_id)
    except Inquiry.DoesNotExist:
        raise Http404("No such inquiry.") from None
