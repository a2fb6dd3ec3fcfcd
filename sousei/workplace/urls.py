"""Workplace pages, mounted under /r/<slug>/."""

from __future__ import annotations

from django.urls import URLPattern, path

from sousei.workplace.views import office, teams

urlpatterns: list[URLPattern] = [
    path("workplace/", office.office, name="workplace-office"),
    path("workplace/presence/", office.presence_set, name="workplace-presence"),
    path("workplace/presence/clear/", office.status_clear, name="workplace-status-clear"),
    path("workplace/presence/dnd/", office.dnd_set, name="workplace-dnd"),
    path("workplace/presence/hide/", office.hide_set, name="workplace-hide"),
    path("workplace/rooms/", office.room_admin, name="workplace-rooms"),
    path("workplace/rooms/leave/", office.room_leave, name="workplace-room-leave"),
    path("workplace/rooms/<int:room_id>/enter/", office.room_enter, name="workplace-room-enter"),
    path(
        "workplace/rooms/<int:room_id>/archive/",
        office.room_archive,
        name="workplace-room-archive",
    ),
    path("workplace/teams/", teams.team_list, name="workplace-teams"),
    path("workplace/teams/<int:team_id>/", teams.team_detail, name="workplace-team"),
    path(
        "workplace/teams/<int:team_id>/members/<int:member_id>/manager/",
        teams.manager_set,
        name="workplace-manager-set",
    ),
    path("workplace/org/", teams.org_chart, name="workplace-org"),
    path("workplace/people/<int:user_id>/", teams.person, name="workplace-person"),
]
