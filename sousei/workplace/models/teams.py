"""Teams (チーム) and reporting lines: who works with whom, and who manages them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core import clock
from sousei.core.scoping import RegionOwned


class TeamKind(models.TextChoices):
    # Location-free hires of the consulting business; participants on a client project; the
    # operator's own staff and trainers.
    CONSULTING = "consulting", pgettext_lazy("team kind", "Consulting")
    PROJECT = "project", pgettext_lazy("team kind", "Client project")
    STAFF = "staff", pgettext_lazy("team kind", "Program staff")


class Team(RegionOwned):
    """A team of the region's virtual organisation, with its own room in the office.

    A project team follows one client project (`project`), so its participants find their
    colleagues; other teams are made by operators."""

    name = models.CharField(_("name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=TeamKind.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    project = models.ForeignKey(
        "projects.ClientProject",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("client project"),
    )
    created_at = clock.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="workplace_team_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class TeamMember(RegionOwned):
    """A user's place in a team: since when, as lead or member, and who their manager is.

    A member left the team when `left_on` is set; the row stays, so reporting lines of the
    past can be read. A person belongs to one team at a time in a region (constraint)."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The member's person record in this region, for their profile."),
    )
    is_lead = models.BooleanField(_("team lead"), default=False)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("manager"),
    )
    title = models.CharField(_("job title"), max_length=80, blank=True)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        ordering = ["team", "-is_lead", "id"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "user"],
                condition=Q(left_on__isnull=True),
                name="workplace_member_one_team_at_a_time",
            ),
            models.CheckConstraint(
                condition=~Q(manager=models.F("user")),
                name="workplace_member_not_own_manager",
            ),
        ]
        indexes = [models.Index(fields=["region", "manager"])]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.team_id}"
