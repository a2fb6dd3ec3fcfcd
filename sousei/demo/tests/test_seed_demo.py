"""The demo scenario: both regions, one user per role, applicants in mixed states, training in
every state, idempotent."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import F
from django.test import RequestFactory
from django.utils import timezone

from sousei.core.models import (
    AuditEntry,
    Invitation,
    Membership,
    Organization,
    OutboxMessage,
    Region,
)
from sousei.core.roles import Role
from sousei.core.scoping import region_scope, scopes_disabled
from sousei.hiring.models import Candidacy, Employee, JobOpening
from sousei.impact.models import KpiTarget, OutcomeRecord, ResidenceCheck
from sousei.people.models import Application, Consent, Participant, Person
from sousei.training.models import (
    AssessmentAttempt,
    Certificate,
    Course,
    CourseModule,
    CourseSkill,
    Enrolment,
    EnrolmentStatus,
    Licence,
    LicencePool,
    ParticipantSkill,
    PlanRevision,
    ProgressEntry,
    Skill,
    ToolProduct,
)
from sousei.workplace.models import OnboardingChecklist
from sousei.workplace.selectors.onboarding import overdue_step_count

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    with scopes_disabled():
        return {
            "regions": Region.objects.count(),
            "organizations": Organization.objects.count(),
            "users": User.objects.count(),
            "memberships": Membership.objects.count(),
            "persons": Person.objects.count(),
            "applications": Application.objects.count(),
            "consents": Consent.objects.count(),
            "participants": Participant.objects.count(),
            "audit": AuditEntry.objects.count(),
            "outcome records": OutcomeRecord.objects.count(),
            "residence checks answered": ResidenceCheck.objects.exclude(answered_at=None).count(),
            "KPI targets": KpiTarget.objects.count(),
            **{model._meta.model_name or "": model.objects.count() for model in TRAINING_MODELS},
        }


TRAINING_MODELS = (
    ToolProduct,
    Skill,
    Course,
    CourseModule,
    CourseSkill,
    LicencePool,
    Licence,
    Enrolment,
    PlanRevision,
    ProgressEntry,
    AssessmentAttempt,
    Certificate,
    ParticipantSkill,
    OutboxMessage,
)


def enrolment_states() -> list[tuple[int, str, bool, int]]:
    with scopes_disabled():
        return list(
            Enrolment.objects.order_by("pk").values_list("pk", "status", "at_risk", "minutes_done")
        )


def test_the_demo_seed_is_complete_and_idempotent(settings: object) -> None:
    call_command("seed_demo", stdout=StringIO())
    first = counts()
    states = enrolment_states()
    output = StringIO()
    call_command("seed_demo", stdout=output)
    assert counts() == first
    assert enrolment_states() == states
    assert "koga training: 6 courses" in output.getvalue()

    koga = Region.objects.get(code="40223", slug="koga")
    fukutsu = Region.objects.get(code="40224", slug="fukutsu")
    for region in (koga, fukutsu):
        for role in Role.values:
            user = User.objects.get(username=f"{role}-{region.slug}")
            with scopes_disabled():
                assert Membership.objects.filter(user=user, region=region, role=role).exists()
            # Every demo user finds notifications waiting in their inbox, from the services.
            with region_scope(region):
                assert OutboxMessage.objects.filter(user=user, in_app=True).exists(), user
            # Pages that name who acted show a person's name, not the username.
            assert user.last_name, user
            assert user.first_name, user
    request = RequestFactory().post("/login/")
    assert authenticate(request, username="operator-koga", password="sousei-demo-2026")

    with region_scope(koga):
        assert Application.objects.count() >= 35
        statuses = set(Application.objects.values_list("status", flat=True))
        assert statuses == {"submitted", "waitlisted", "accepted", "rejected"}
        # Applicants are residents; registrants and candidates are persons of the region too,
        # living anywhere (or not asked where).
        applicants = Person.objects.filter(applications__isnull=False)
        assert not applicants.exclude(municipality_code="40223").exists()
        assert Participant.objects.filter(person__user__username="participant-koga").exists()
        # One person: whoever came through an event and applied is that registration's
        # person, and each hire is their candidacy's.
        through_events = Candidacy.objects.filter(source_registration__isnull=False)
        assert through_events.exists()
        assert not through_events.exclude(person=F("source_registration__person")).exists()
        assert Employee.objects.exists()
        assert not Employee.objects.exclude(person=F("candidacy__person")).exists()
        # The demo candidate has an offer that waits for their answer.
        candidate = User.objects.get(username="candidate-koga")
        assert Candidacy.objects.filter(user=candidate, offers__status="approved").exists()
    with region_scope(fukutsu):
        assert Application.objects.exists()
        applicants = Person.objects.filter(applications__isnull=False)
        assert not applicants.exclude(municipality_code="40224").exists()
    # An employer other than the operator in Koga, with one opening, candidates and one user.
    with region_scope(koga):
        employer = Membership.objects.get(user__username="employer-koga", role=Role.EMPLOYER)
        assert employer.organization is not None
        assert employer.organization.kind == Organization.Kind.EMPLOYER
        theirs = JobOpening.objects.filter(employer=employer.organization)
        assert theirs.count() == 1
        assert Candidacy.objects.filter(opening__in=theirs).exists()
        operator_org = Membership.objects.get(user__username="operator-koga").organization
        assert (
            JobOpening.objects.exclude(employer=employer.organization)
            .exclude(employer=operator_org)
            .count()
            == 0
        )
    # The operator company's staff with an operator role in both regions.
    with scopes_disabled():
        both = set(
            Membership.objects.filter(
                user__username="operator-miraiworks", role=Role.OPERATOR
            ).values_list("region__slug", flat=True)
        )
    assert both == {"koga", "fukutsu"}
    # Accepted applicants were invited: the demo participant's invitation is accepted, the
    # others' are pending, and the members page has them.
    with scopes_disabled():
        koga_invitations = Invitation.objects.filter(region__slug="koga")
        assert koga_invitations.filter(
            user__username="participant-koga", accepted_at__isnull=False
        ).exists()
        assert koga_invitations.filter(accepted_at__isnull=True).exists()
        assert User.objects.filter(username="participant-koga").count() == 1
    # Onboardings have the history they would have had: whoever started weeks ago went
    # through theirs; a few recent ones are open, and the office has one or two steps to chase.
    for region in (koga, fukutsu):
        with region_scope(region):
            today = timezone.localdate()
            assert 1 <= overdue_step_count(today=today) <= 2, region
            open_checklists = OnboardingChecklist.objects.filter(completed_at__isnull=True)
            old = open_checklists.filter(start_date__lt=today - dt.timedelta(weeks=3))
            assert old.count() <= 1, region
    with region_scope(koga):
        assert 2 <= OnboardingChecklist.objects.filter(completed_at__isnull=True).count() <= 6
        assert OnboardingChecklist.objects.filter(completed_at__isnull=False).exists()


def test_the_demo_history_is_dated_when_it_happened() -> None:
    """The services ran with the clock at each step's moment, so the audit trail spreads over
    the past weeks as it was written: nothing is dated later, and nothing was rewritten."""
    started = timezone.now()
    call_command("seed_demo", stdout=StringIO())
    with scopes_disabled():
        entries = AuditEntry.objects.all()
        assert not entries.filter(at__gt=timezone.now()).exists()
        submitted = sorted(entries.filter(action="application.submit").values_list("at", flat=True))
        assert submitted[-1] < started
        assert submitted[-1] - submitted[0] > dt.timedelta(weeks=7)
        days = {timezone.localdate(at) for at in entries.values_list("at", flat=True)}
        assert len(days) > 60
        for application in Application.objects.exclude(decided_at=None):
            decided = entries.filter(
                object_type="people.application",
                object_id=str(application.pk),
                action__in=("application.accept", "application.reject", "application.waitlist"),
            ).latest("at")
            assert decided.at == application.decided_at > application.submitted_at


def test_the_demo_shows_training_in_every_state() -> None:
    call_command("seed_demo", stdout=StringIO())
    koga = Region.objects.get(slug="koga")
    with region_scope(koga):
        assert Course.objects.count() >= 5
        for course in Course.objects.all():
            minutes = sum(m.minutes for m in CourseModule.objects.filter(course=course))
            assert 120 * 60 <= minutes <= 180 * 60, course.title
        assert set(Enrolment.objects.values_list("status", flat=True)) == set(
            EnrolmentStatus.values
        )
        active = Enrolment.objects.filter(status=EnrolmentStatus.ACTIVE)
        assert active.filter(at_risk=True).exists()
        assert active.filter(at_risk=False).exists()
        for enrolment in Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED):
            assert Certificate.objects.filter(enrolment=enrolment).exists()
            assert AssessmentAttempt.objects.filter(enrolment=enrolment, passed=True).exists()
        # Whoever waits, waits because every seat of their product's pool is held.
        for waiting in Enrolment.objects.filter(status=EnrolmentStatus.WAITING_LICENCE):
            pool = LicencePool.objects.get(product=waiting.course.product)
            held = Licence.objects.filter(pool=pool, released_at__isnull=True).count()
            assert held == pool.seats
        mine = Enrolment.objects.filter(participant__person__user__username="participant-koga")
        assert mine.filter(status=EnrolmentStatus.ACTIVE, at_risk=False).exists()
        assert mine.filter(status=EnrolmentStatus.COMPLETED, certificate__isnull=False).exists()
        # The history lies in the past, as the services would have recorded it.
        today = timezone.localdate()
        assert not ProgressEntry.objects.filter(date__gte=today).exists()
        assert not Enrolment.objects.filter(requested_at__date__gte=today).exists()
    fukutsu = Region.objects.get(slug="fukutsu")
    with region_scope(fukutsu):
        statuses = set(Enrolment.objects.values_list("status", flat=True))
        assert {"waiting_licence", "active", "completed"} <= statuses
