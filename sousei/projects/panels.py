"""The projects panel on the dashboard of operators and client users."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from sousei.core.models import Region
from sousei.core.panels import Panel, panel_register
from sousei.core.roles import Role
from sousei.projects.access import staffing_reader
from sousei.projects.models import ProjectStatus
from sousei.projects.selectors.projects import project_list


def projects_context(request: HttpRequest, region: Region) -> dict[str, Any]:
    reader = staffing_reader(request, region)
    projects = list(project_list(reader=reader).exclude(status=ProjectStatus.CLOSED)[:6])
    return {
        "projects": projects,
        "open_places": sum(
            max(p.headcount - p.active_count, 0)  # type: ignore[attr-defined]
            for p in projects
            if p.status == ProjectStatus.OPEN
        ),
        "operator": reader.sees_everything,
    }


def register() -> None:
    panel_register(
        Panel(
            name="projects.projects",
            roles=frozenset({Role.OPERATOR, Role.CLIENT}),
            template="projects/_panel_projects.html",
            context=projects_context,
        )
    )
