"""`sousei seed-demo`: the demo scenario — Koga City and Fukutsu City, the organisations of
the program, one user per role per region, fictional applicants in several states, their
training, projects, time and pay, careers, spaces, events and hiring.

Each app seeds its own rows in its `demo.py`, called here in the order the apps depend on
each other. The history is replayed through the services with the clock set to the moment
each step happened (sousei.core.clock), so every row and audit entry carries its own time.

Idempotent: every app's seed finds what exists by its natural keys and keeps it, so a second
run changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from sousei.careers.demo import seed_careers
from sousei.core.demo import demo_user, seed_core
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.scoping import cross_region, region_scope
from sousei.demo.history import seed_history
from sousei.events.demo import seed_events
from sousei.hiring.demo import seed_hiring
from sousei.impact.demo import seed_impact
from sousei.inquiries.demo import seed_inquiries
from sousei.people.demo import seed_people
from sousei.privacy.demo import seed_privacy
from sousei.projects.demo import PAY_MONTH, seed_staffing
from sousei.spaces.demo import seed_spaces
from sousei.training.demo import seed_training
from sousei.webhooks.demo import seed_webhooks
from sousei.work.demo import seed_time_and_pay
from sousei.workplace.demo import seed_onboarding_and_one_on_ones, seed_workplace


class Command(BaseCommand):
    help = "Load the demo scenario (Koga and Fukutsu, users, applicants, training, …). Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        password = settings.SOUSEI_DEMO_PASSWORD
        with transaction.atomic(), cross_region("the demo's core seeds every demo region"):
            core = seed_core(password=password)
        self.stdout.write(core.line())
        for region in core.regions:
            self.region(region)
        self.stdout.write(
            f"demo users: <role>-<region> (e.g. operator-koga) and admin, password {password}"
        )

    def region(self, region: Region) -> None:
        operator = demo_user(region, Role.OPERATOR)
        trainer = demo_user(region, Role.TRAINER)
        with transaction.atomic(), region_scope(region):
            people = seed_people(
                region=region,
                operator=operator,
                participant_user=demo_user(region, Role.PARTICIPANT),
            )
            self.stdout.write(people.line())
            training = seed_training(region=region, operator=operator, trainer=trainer)
        self.stdout.write(training.line())
        with transaction.atomic(), region_scope(region):
            staffing = seed_staffing(region=region, operator=operator, trainer=trainer)
            pay = seed_time_and_pay(
                region=region, operator=operator, assignments=staffing.worked, month=PAY_MONTH
            )
            careers = seed_careers(
                region=region,
                operator=operator,
                ended_assignments=staffing.ended,
                participants=staffing.graduates,
            )
        self.stdout.write("\n".join([staffing.line(), pay.line(), careers.line()]))
        with transaction.atomic(), region_scope(region):
            spaces = seed_spaces(region=region, manager=demo_user(region, Role.SPACE_MANAGER))
        self.stdout.write(spaces.line())
        with transaction.atomic(), region_scope(region):
            events = seed_events(
                region=region, operator=operator, candidate=demo_user(region, Role.CANDIDATE)
            )
        self.stdout.write(events.line())
        with transaction.atomic(), region_scope(region):
            hiring = seed_hiring(region=region, operator=operator)
        self.stdout.write(hiring.line())
        with transaction.atomic(), region_scope(region):
            workplace = seed_workplace(
                region=region,
                operator=operator,
                trainer=trainer,
                participant=demo_user(region, Role.PARTICIPANT),
            )
        self.stdout.write(workplace.line())
        with transaction.atomic(), region_scope(region):
            inquiries = seed_inquiries(region=region, operator=operator)
        self.stdout.write(inquiries.line())
        with transaction.atomic(), region_scope(region):
            history = seed_history(region=region, operator=operator, trainer=trainer)
            impact = seed_impact(region=region, operator=operator, answers=history.answers())
        self.stdout.write("\n".join([history.line(), impact.line()]))
        with transaction.atomic(), region_scope(region):
            onboarding = seed_onboarding_and_one_on_ones(
                region=region, operator=operator, participant=demo_user(region, Role.PARTICIPANT)
            )
        self.stdout.write(onboarding.line())
        with transaction.atomic(), region_scope(region):
            privacy = seed_privacy(region=region, operator=operator)
        self.stdout.write(privacy.line())
        with transaction.atomic(), region_scope(region):
            webhooks = seed_webhooks(region=region, operator=operator)
        self.stdout.write(webhooks.line())
