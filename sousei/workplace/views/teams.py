"""Teams pages: the list of teams, one team with its members and their managers, the org
chart (a tree by manager, plain nested lists: readable on a phone and by a screen reader,
no script) and a member's profile."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sousei.core.access import Reader, signed_in_user
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.core.text import user_name
from sousei.workplace.access import is_workplace_admin, team_visible, workplace_view
from sousei.workplace.forms import office as forms
from sousei.workplace.selectors import office as office_selectors
from sousei.workplace.selectors import teams as team_selectors
from sousei.workplace.services import teams as team_services


@workplace_view()
def team_list(request: HttpRequest, region: Region, reader: Reader) -> HttpResponse:
    """The region's teams; operators add one here."""
    admin = is_workplace_admin(reader)
    form = forms.TeamForm(request.POST or None) if admin else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                team = team_services.team_create(
                    region=region,
                    actor=signed_in_user(request),
                    name=form.cleaned_data["name"],
                    kind=form.cleaned_data["kind"],
                    description=form.cleaned_data["description"],
                )
            except ValidationError as error:
                forms.service_errors(form, error, {})
            except Conflict as conflict:
                form.add_error("name", str(conflict))
            else:
                messages.success(request, _("The team and its room are added."))
                return redirect("workplace-team", slug=region.slug, team_id=team.pk)
    return render(
        request,
        "workplace/teams.html",
        {
            "region": region,
            "teams": team_selectors.team_list(),
            "form": form,
            "admin": admin,
        },
        status=422 if request.method == "POST" else 200,
    )


@workplace_view()
def team_detail(request: HttpRequest, region: Region, reader: Reader, team_id: int) -> HttpResponse:
    """A team: its room, its members with their managers (operators change managers)."""
    team = team_visible(reader, team_id)
    members = team_selectors.team_members(team=team)
    admin = is_workplace_admin(reader)
    choices: list[tuple[int, str]] = []
    if admin:
        people = office_selectors.workplace_people()
        choices = sorted(
            ((uid, user_name(user)) for uid, (user, _team) in people.items()),
            key=lambda c: c[1],
        )
    return render(
        request,
        "workplace/team.html",
        {
            "region": region,
            "team": team,
            "members": members,
            "room": team_selectors.team_room(team=team),
            "admin": admin,
            "rows": [
                (
                    m,
                    forms.ManagerForm(
                        initial={"manager": m.manager_id},
                        choices=[c for c in choices if c[0] != m.user_id],
                        prefix=f"m{m.pk}",
                    )
                    if admin
                    else None,
                )
                for m in members
            ],
        },
    )


@require_POST
@workplace_view(admin=True)
def manager_set(
    request: HttpRequest, region: Region, reader: Reader, team_id: int, member_id: int
) -> HttpResponse:
    """Operators: set or clear a member's manager (never themselves, never a loop)."""
    team = team_visible(reader, team_id)
    people = office_selectors.workplace_people()
    form = forms.ManagerForm(
        request.POST,
        choices=[(uid, user_name(user)) for uid, (user, _t) in people.items()],
        prefix=f"m{member_id}",
    )
    if not form.is_valid():
        messages.error(request, _("Choose a manager from the list."))
    else:
        try:
            team_services.team_member_manager_set(
                region=region,
                actor=signed_in_user(request),
                member_id=member_id,
                manager_id=form.cleaned_data["manager"],
                team_id=team.pk,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        except Conflict as conflict:
            messages.error(request, str(conflict))
        else:
            messages.success(request, _("The manager is set."))
    return redirect("workplace-team", slug=region.slug, team_id=team.pk)


@workplace_view()
def org_chart(request: HttpRequest, region: Region, reader: Reader) -> HttpResponse:
    """Everyone in the workplace as a tree by manager."""
    return render(
        request, "workplace/org.html", {"region": region, "roots": team_selectors.org_chart()}
    )


@workplace_view()
def person(request: HttpRequest, region: Region, reader: Reader, user_id: int) -> HttpResponse:
    """A member's profile: team, manager, home municipality, skills, courses, projects."""
    profile = team_selectors.member_profile(user_id=user_id)
    if profile is None:
        raise Http404("No such person in the workplace.")
    return render(request, "workplace/person.html", {"region": region, "profile": profile})
