"""The roles a user can hold in a region (DESIGN.md §2)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OPERATOR = "operator", _("Operator")
    MUNICIPALITY = "municipality", _("Municipality")
    SPACE_MANAGER = "space_manager", _("Space manager")
    TRAINER = "trainer", _("Trainer")
    CLIENT = "client", _("Client")
    PARTICIPANT = "participant", _("Participant")
    CANDIDATE = "candidate", _("Candidate")
    # Staff of a hiring company other than the operator: its own openings and candidacies.
    EMPLOYER = "employer", _("Employer staff")


ALL_ROLES: frozenset[str] = frozenset(Role.values)
STAFF_ROLES: frozenset[str] = frozenset({Role.OPERATOR})
