"""Who may see and act on persons' suspension and erasure: the region's operators only (the
staffing company answers APPI requests as the business operator). Pages and API alike check
the role with `region_view` / `region_context(roles=OPERATORS)`; a person of another region
answers 404 through the region scope."""

from __future__ import annotations

from django.http import Http404

from sousei.core.roles import Role
from sousei.people.models import Person
from sousei.privacy.erasure import selectors

OPERATORS = [Role.OPERATOR]


def person_visible(person_id: int) -> Person:
    try:
        return selectors.person_get(person_id=person_id)
    except Person.DoesNotExist:
        raise Http404("No such person.") from None
