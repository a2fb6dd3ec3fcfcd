"""The person an event is about, for endpoints allowed to receive names and e-mail addresses.

An event's payload names its person by id (`person_id`, `participant_id`, a candidacy's, or a
booking holder's user id); this reads the name and e-mail address at the moment of sending,
in the current region scope. Nothing else leaves: no birth date, address or telephone."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User

from sousei.hiring.models import Candidacy
from sousei.people.models import Participant, Person


def _person(person: Person | None) -> dict[str, str] | None:
    if person is None:
        return None
    return {
        "name": person.full_name,
        "name_kana": person.full_name_kana,
        "email": person.email,
    }


def person_record_of(data: Mapping[str, Any]) -> Person | None:
    """The person record the event data names (by person, participant or candidacy id)."""
    if isinstance(data.get("person_id"), int):
        return Person.objects.filter(pk=data["person_id"]).first()
    if isinstance(data.get("participant_id"), int):
        participant = (
            Participant.objects.filter(pk=data["participant_id"]).select_related("person").first()
        )
        return participant.person if participant else None
    if isinstance(data.get("candidacy_id"), int):
        candidacy = (
            Candidacy.objects.filter(pk=data["candidacy_id"]).select_related("person").first()
        )
        return candidacy.person if candidacy else None
    return None


def person_of(data: Mapping[str, Any]) -> dict[str, str] | None:
    """Name, kana and e-mail of the person the event data names; None if it names none."""
    person = person_record_of(data)
    if person is not None:
        return _person(person)
    if isinstance(data.get("holder_user_id"), int):
        user = User.objects.filter(pk=data["holder_user_id"]).first()
        if user is None:
            return None
        name = f"{user.last_name} {user.first_name}".strip() or user.get_username()
        return {"name": name, "email": user.email}
    return None
