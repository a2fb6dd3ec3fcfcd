"""Which participants' career data and which evaluations a caller may see, shared by the
pages and the API.

An evaluation hangs on an assignment and is seen by whoever sees the assignment, so its pages
and endpoints find it through projects' `assignment_visible` (operators, the project's client,
the participant); who may write it is `selectors.evaluator_role`. A participant's journey
and outcomes are person-level data: operators see everyone's, a participant only their own.
Anything else answers 404, as an object of another region would.
"""

from __future__ import annotations

from django.http import Http404

from sousei.careers import selectors
from sousei.core.access import Reader
from sousei.core.roles import Role
from sousei.people.models import Participant


def participant_visible(reader: Reader, participant_id: int) -> Participant:
    """The participant if the caller may see their career data: an operator anyone in the
    region, a participant only themself."""
    participant = selectors.participant_get(participant_id=participant_id)
    if Role.OPERATOR in reader.roles or participant.person.user_id == reader.user_id:
        return participant
    raise Http404("No such participant.")
