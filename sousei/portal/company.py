"""A company's programs side by side: for staff of an operator company that runs the
program in several regions, the regions where they hold an operator role, each with its
headline figures, in a fixed number of queries whatever the number of regions."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sousei.core.access import signed_in_user
from sousei.core.models import Membership, Organization, Region
from sousei.core.roles import Role
from sousei.core.selectors import role_memberships_of
from sousei.hiring import selectors as hiring_selectors
from sousei.people import selectors as people_selectors


@dataclass(frozen=True)
class ProgramRow:
    """One region's program as its operator's staff see it beside the others."""

    region: Region
    company: Organization | None
    applications: int
    submitted: int
    participants: int
    open_openings: int
    candidacies: int
    hires: int


def program_rows(*, memberships: list[Membership]) -> list[ProgramRow]:
    """The rows of the caller's operator memberships (five queries in all)."""
    region_ids = [m.region_id for m in memberships]
    intake = people_selectors.intake_counts_by_region(region_ids=region_ids)
    hiring = hiring_selectors.hiring_counts_by_region(region_ids=region_ids)
    return [
        ProgramRow(
            region=m.region,
            company=m.organization,
            **intake[m.region_id],
            **hiring[m.region_id],
        )
        for m in memberships
    ]


@login_required
def company_programs(request: HttpRequest) -> HttpResponse:
    """The programs the caller runs as an operator, one row per region, with a link into
    each; 403 to anyone who is no region's operator."""
    memberships = role_memberships_of(user=signed_in_user(request), role=Role.OPERATOR)
    if not memberships:
        raise PermissionDenied
    rows = program_rows(memberships=memberships)
    companies = sorted({row.company.local_name for row in rows if row.company is not None})
    return render(
        request,
        "portal/company_programs.html",
        {"rows": rows, "companies": companies},
    )
