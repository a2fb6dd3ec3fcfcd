"""Which projects and assignments of the region a caller may see.

Within a region (the scope is already active), an operator sees every project; a client user
sees the projects of the client companies their memberships name and the people on them; a
participant sees their own assignments. `StaffingReader` holds that rule as querysets; the
selectors and `assignment_visible` read through it, so that an object the caller may not see
answers 404 on pages and API alike, like another region's. work and careers use the same
reader for the assignments their objects hang on.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from sousei.core.access import Reader, region_roles
from sousei.core.models import Membership, Region
from sousei.core.roles import Role
from sousei.projects.models import Assignment, ClientProject


@dataclass(frozen=True)
class StaffingReader(Reader):
    """A reader who may also be a client user of some companies (`client_ids`)."""

    client_ids: frozenset[int]

    @property
    def sees_everything(self) -> bool:
        return Role.OPERATOR in self.roles

    def _project_filter(self) -> Q:
        if self.sees_everything:
            return Q()
        visible = Q(pk__in=[])
        if Role.CLIENT in self.roles and self.client_ids:
            visible |= Q(client_id__in=self.client_ids)
        return visible

    def _assignment_filter(self) -> Q:
        if self.sees_everything:
            return Q()
        visible = Q(pk__in=[])
        if Role.CLIENT in self.roles and self.client_ids:
            visible |= Q(project__client_id__in=self.client_ids)
        if Role.PARTICIPANT in self.roles:
            visible |= Q(participant__person__user_id=self.user_id)
        return visible

    def projects(self) -> QuerySet[ClientProject]:
        return ClientProject.objects.filter(self._project_filter())

    def assignments(self) -> QuerySet[Assignment]:
        return Assignment.objects.filter(self._assignment_filter())

    def is_client_of(self, project: ClientProject) -> bool:
        return Role.CLIENT in self.roles and project.client_id in self.client_ids

    def is_participant_of(self, assignment: Assignment) -> bool:
        return Role.PARTICIPANT in self.roles and (
            assignment.participant.person.user_id == self.user_id
        )


def assignment_visible(reader: StaffingReader, assignment_id: int) -> Assignment:
    """The assignment if the caller may see it: operators any, a client user those on their
    companies' projects, a participant their own (404 otherwise)."""
    found = (
        reader.assignments()
        .select_related("project", "participant__person")
        .filter(pk=assignment_id)
        .first()
    )
    if found is None:
        raise Http404("No such assignment.")
    return found


def staffing_reader(request: HttpRequest, region: Region) -> StaffingReader:
    """The reader for the caller in `region` (inside `region_context`/`region_view`)."""
    user: User | AnonymousUser = request.user
    roles = region_roles(request, region)
    client_ids: frozenset[int] = frozenset()
    if Role.CLIENT in roles:
        client_ids = frozenset(
            Membership.objects.filter(
                user_id=user.pk, role=Role.CLIENT, organization__isnull=False
            ).values_list("organization_id", flat=True)
        )
    return StaffingReader(user_id=user.pk or 0, roles=roles, client_ids=client_ids)
