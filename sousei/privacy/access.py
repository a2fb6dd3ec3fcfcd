"""Who may see which privacy request, shared by the pages and the API.

A request holds what a person asked about their own data: the region's operators, who
answer requests, see every request of the region; a person sees their own through their
account (`selectors.persons_of_user`), never by a region URL. Anyone else gets 404, as for
another region's request.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest

from sousei.core.access import region_roles
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.people.models import Person
from sousei.privacy import selectors
from sousei.privacy.models import PrivacyRequest

REQUEST_HANDLERS = frozenset({Role.OPERATOR})


def request_visible(request: HttpRequest, region: Region, request_id: int) -> PrivacyRequest:
    """The region's request, for its operators."""
    if not region_roles(request, region) & REQUEST_HANDLERS:
        raise Http404("No such request.")
    try:
        return selectors.request_get(request_id=request_id)
    except PrivacyRequest.DoesNotExist:
        raise Http404("No such request.") from None


def person_visible(request: HttpRequest, region: Region, person_id: int) -> Person:
    """The region's person, for its operators (their export, a request filed for them)."""
    if not region_roles(request, region) & REQUEST_HANDLERS:
        raise Http404("No such person.")
    try:
        return selectors.person_get(person_id=person_id)
    except Person.DoesNotExist:
        raise Http404("No such person.") from None


# The records of provision and the breach register are the operator's compliance records:
# operators only; anyone else in the region gets 403, a caller of another region 404.
PRIVACY_OFFICERS = frozenset({Role.OPERATOR})
