"""The permission matrix, one module per area (tests/matrix/test_<area>.py runs it).

An area lists its endpoints, builds the objects their paths name ({course}, {project}, …) in
the target region, and the request bodies its POSTs send. Callers are the seven roles of
Koga, a signed-in user with no role anywhere, and an anonymous visitor; "own" targets Koga,
"other" Fukutsu. The caller "participant" (and "candidate", "client") of Koga own the objects
built in Koga, so they may use them; in Fukutsu the objects belong to someone else.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from conftest import Cast
from sousei.core.models import Region
from sousei.core.roles import Role

PUBLIC = "public"
SIGNED_IN = "signed_in"
ALL_ROLES = frozenset(Role.values)
OPERATOR = frozenset({Role.OPERATOR})
# Recruiting pages: operators, and employer staff for their own company's openings.
HIRING = frozenset({Role.OPERATOR, Role.EMPLOYER})
STAFF = frozenset({Role.OPERATOR, Role.TRAINER})
# The enrolment in the matrix belongs to the caller "participant", so they may use it.
LEARNERS = STAFF | {Role.PARTICIPANT}


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # with {slug} and object placeholders such as {id}, {course}
    access: str | frozenset[str]  # PUBLIC, SIGNED_IN or the roles allowed
    ok: int = 200
    body: str | None = None  # name of one of the area's request bodies
    ok_without_role: int | None = None  # a signed-in user with no role anywhere, if different
    # What a member outside `access` gets: 403 when their role may not use the endpoint at
    # all; 404 when it may, but the object is someone else's (the app's access.py hides it).
    others_object: int = 403
    # Placeholders filled from another object of the area: {"enrolment": "completed"}.
    alias: Mapping[str, str] = field(default_factory=dict)
    # What a caller of Koga gets on Koga's object when it differs from the rule above, e.g.
    # {"employer": 404} where the object is another employer's.
    by_caller: Mapping[str, int] = field(default_factory=dict)

    @property
    def api(self) -> bool:
        return self.path.startswith("/api/")


ObjectBuilder = Callable[[Region, Cast], dict[str, Any]]
BodyBuilder = Callable[[Region, dict[str, Any]], dict[str, Any]]


def no_objects(region: Region, cast: Cast) -> dict[str, Any]:
    return {}


def no_bodies(region: Region, ids: dict[str, Any]) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Area:
    name: str
    endpoints: Sequence[Endpoint]
    objects: ObjectBuilder = no_objects
    bodies: BodyBuilder = no_bodies
    # Site route converters → the matrix's placeholders, e.g. "<int:course_id>" → "{course}".
    placeholders: Mapping[str, str] = field(default_factory=dict)
    # OpenAPI path parameters → the matrix's placeholders, e.g. "{enrolment_id}" → "{enrolment}".
    api_parameters: Mapping[str, str] = field(default_factory=dict)
