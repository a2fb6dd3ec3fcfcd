"""Onboarding (オンボーディング): the steps a new hire or a new project member goes through.

A template lists the steps with their owner (the newcomer, their manager or the program
office) and a due day counted from the start; a checklist is the template applied to one
person from their start date, as dated items that are ticked off. A checklist is applied by
itself when a hire's employee record is created or a participant joins a project (domain
events), so nobody has to remember to start it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core import clock
from sousei.core.scoping import RegionOwned


class OnboardingFor(models.TextChoices):
    HIRE = "hire", _("A new hire")
    PROJECT_MEMBER = "project_member", _("A participant joining a project")


class ItemOwner(models.TextChoices):
    MEMBER = "member", pgettext_lazy("onboarding owner", "The newcomer")
    MANAGER = "manager", pgettext_lazy("onboarding owner", "Their manager")
    OFFICE = "office", pgettext_lazy("onboarding owner", "The program office")


class OnboardingTemplate(RegionOwned):
    """The steps for one kind of newcomer; the active template of a kind is applied."""

    name = models.CharField(_("name"), max_length=80)
    applies_to = models.CharField(_("for"), max_length=20, choices=OnboardingFor.choices)
    active = models.BooleanField(_("active"), default=True)
    created_at = clock.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["applies_to", "name", "id"]
        verbose_name = _("onboarding template")
        verbose_name_plural = _("onboarding templates")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "applies_to"],
                condition=Q(active=True),
                name="onboarding_one_active_template_per_kind",
            )
        ]

    def __str__(self) -> str:
        return self.name


class OnboardingTemplateItem(RegionOwned):
    """One step of a template: what, who, and on which day from the start it is due."""

    template = models.ForeignKey(OnboardingTemplate, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("step"), max_length=120)
    description = models.CharField(_("what to do"), max_length=500, blank=True)
    owner = models.CharField(_("owner"), max_length=10, choices=ItemOwner.choices)
    due_days = models.SmallIntegerField(
        _("due (days from the start)"),
        help_text=_("0 is the first day; -3 three days before it; 14 two weeks after."),
    )

    class Meta:
        ordering = ["template", "position", "id"]
        verbose_name = _("onboarding step")
        verbose_name_plural = _("onboarding steps")


class OnboardingChecklist(RegionOwned):
    """A template applied to one newcomer from `start_date`; what brought it (`source`)."""

    template = models.ForeignKey(
        OnboardingTemplate, on_delete=models.PROTECT, related_name="checklists"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    start_date = models.DateField(_("start date"))
    source = models.CharField(_("started by"), max_length=20, choices=OnboardingFor.choices)
    source_id = models.PositiveIntegerField(
        _("record"), help_text=_("The employee record or the assignment it started from.")
    )
    created_at = clock.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("onboarding checklist")
        verbose_name_plural = _("onboarding checklists")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "source", "source_id"], name="onboarding_once_per_start"
            )
        ]
        indexes = [models.Index(fields=["region", "completed_at", "start_date"])]


class OnboardingItem(RegionOwned):
    """One dated step of a checklist, ticked off by whoever did it."""

    checklist = models.ForeignKey(
        OnboardingChecklist, on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("step"), max_length=120)
    description = models.CharField(_("what to do"), max_length=500, blank=True)
    owner = models.CharField(_("owner"), max_length=10, choices=ItemOwner.choices)
    due_on = models.DateField(_("due on"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The day the owner was last reminded that the step is overdue: once a day at most.
    reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["checklist", "position", "id"]
        verbose_name = _("onboarding item")
        verbose_name_plural = _("onboarding items")
        indexes = [models.Index(fields=["region", "done_at", "due_on"])]
