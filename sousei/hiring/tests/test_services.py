"""Hiring services: openings and pipelines, applications with the CV checks and the link to
event registrations, stage moves, interviews, scorecard secrecy, offers and the hire."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from conftest import Cast
from sousei.core.errors import Conflict
from sousei.core.models import AuditEntry, Region
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import UserFactory
from sousei.events.tests import factories as events_helpers
from sousei.hiring import selectors
from sousei.hiring.models import (
    Candidacy,
    Employee,
    JobOpening,
    Offer,
    StageMove,
)
from sousei.hiring.services.candidacies import OpeningInput, candidacy_move, opening_update
from sousei.hiring.services.offers import (
    InterviewInput,
    NotOnPanel,
    OfferInput,
    ScorecardInput,
    interview_schedule,
    offer_approve,
    offer_draft,
    offer_respond,
    scorecard_submit,
)
from sousei.hiring.tests.factories import (
    apply,
    media,  # noqa: F401 (fixture)
    opening,
    pdf,
    stored_files,
)
from sousei.people.models import Person

pytestmark = pytest.mark.usefixtures("media")


def mail_kinds(candidacy: Candidacy) -> set[str]:
    """The kinds of the mails the candidacy page lists."""
    return {message.kind for message in selectors.candidacy_mails(candidacy=candidacy)}


def interview_input(*users: int, days: int = 3) -> InterviewInput:
    start = timezone.now() + dt.timedelta(days=days)
    return InterviewInput(
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        interviewer_ids=list(users),
        place="快生館 会議室A",
    )


def card(recommendation: str = "yes") -> ScorecardInput:
    return ScorecardInput(
        scores={"skills": 3, "communication": 4, "motivation": 4, "remote_work": 3},
        recommendation=recommendation,
        notes={"skills": "UiPath の経験あり"},
    )


def terms() -> OfferInput:
    today = timezone.localdate()
    return OfferInput(
        salary_jpy=4_200_000,
        start_date=today + dt.timedelta(days=60),
        respond_by=today + dt.timedelta(days=14),
        conditions="試用期間3か月",
    )


# --- openings ------------------------------------------------------------------------------


def test_an_opening_gets_the_default_pipeline(in_koga: Region) -> None:
    job = opening(in_koga)
    assert job.stages == [
        "applied",
        "screening",
        "interview_1",
        "interview_2",
        "offer",
        "hired",
    ]
    assert AuditEntry.objects.filter(action="opening.create", object_id=str(job.pk)).exists()


def test_a_pipeline_must_start_with_applied_and_end_with_offer_and_hired(in_koga: Region) -> None:
    with pytest.raises(ValidationError) as error:
        opening(in_koga, stages=["applied", "screening", "hired"])
    assert "stages" in error.value.message_dict
    assert not JobOpening.objects.exists()


def test_custom_stages_are_kept_in_order(in_koga: Region) -> None:
    job = opening(in_koga, stages=["applied", "課題提出", "interview_1", "offer", "hired"])
    assert job.stages[1] == "課題提出"


def test_a_salary_range_that_ends_below_its_start_is_refused(in_koga: Region) -> None:
    with pytest.raises(ValidationError) as error:
        opening(in_koga, salary_min_jpy=5_000_000, salary_max_jpy=4_000_000)
    assert "salary_max_jpy" in error.value.message_dict


def test_a_stage_holding_candidates_cannot_be_removed(in_koga: Region) -> None:
    job = opening(in_koga)
    moved = apply(job)
    candidacy_move(candidacy_id=moved.pk, to_stage="interview_2", actor=None)
    data = OpeningInput(
        title=job.title,
        description=job.description,
        employment_type=job.employment_type,
        residence_region=in_koga,
        salary_min_jpy=job.salary_min_jpy,
        salary_max_jpy=job.salary_max_jpy,
        stages=["applied", "screening", "interview_1", "offer", "hired"],
    )
    with pytest.raises(ValidationError) as error:
        opening_update(opening_id=job.pk, data=data, actor=None)
    assert "stages" in error.value.message_dict


# --- applications and the CV ---------------------------------------------------------------


def test_an_application_stores_the_cv_under_a_random_name(in_koga: Region) -> None:
    candidacy = apply(opening(in_koga), cv=pdf("私の履歴書.pdf"))
    assert candidacy.stage == "applied"
    assert candidacy.person.family_name_kana == "コガ"
    assert candidacy.lives_in_region  # 811-3101 is in Koga
    assert candidacy.cv.name is not None
    assert candidacy.cv.name.startswith(f"cv/{in_koga.pk}/")
    assert "履歴書" not in candidacy.cv.name
    assert candidacy.cv_name == "私の履歴書.pdf"
    assert len(stored_files()) == 1
    (move,) = StageMove.objects.filter(candidacy=candidacy)
    assert (move.from_stage, move.to_stage) == ("", "applied")
    assert "application_received" in mail_kinds(candidacy)


def test_a_file_that_is_not_a_pdf_is_refused_whatever_its_name(in_koga: Region) -> None:
    job = opening(in_koga)
    with pytest.raises(ValidationError) as error:
        apply(job, cv=pdf("cv.pdf", b"PK\x03\x04 a zip file renamed"))
    assert error.value.error_dict["cv"][0].code == "not_pdf"
    assert not Candidacy.objects.exists()
    assert stored_files() == []


def test_a_cv_over_10_mb_is_refused(in_koga: Region) -> None:
    big = pdf("cv.pdf", b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        apply(opening(in_koga), cv=big)
    assert error.value.error_dict["cv"][0].code == "too_large"
    assert not Candidacy.objects.exists()
    assert stored_files() == []


def test_all_problems_are_reported_at_once(in_koga: Region) -> None:
    with pytest.raises(ValidationError) as error:
        apply(
            opening(in_koga),
            family_name_kana="Koga",
            phone="12345",
            postal_code="000-0000",
            consent=False,
            cv=None,
        )
    assert set(error.value.message_dict) >= {
        "family_name_kana",
        "phone",
        "postal_code",
        "consent",
        "cv",
    }
    assert stored_files() == []


def test_applying_twice_while_open_is_a_conflict_and_stores_nothing(in_koga: Region) -> None:
    job = opening(in_koga)
    apply(job)
    with pytest.raises(Conflict):
        apply(job)
    assert Candidacy.objects.count() == 1
    assert len(stored_files()) == 1


def test_a_draft_opening_takes_no_applications(in_koga: Region) -> None:
    with pytest.raises(Conflict):
        apply(opening(in_koga, publish=False))


def test_an_application_is_linked_to_the_event_registration_with_the_same_email(
    in_koga: Region,
) -> None:
    event = events_helpers.event(in_koga)
    registration = events_helpers.register(event, 7)
    candidacy = apply(opening(in_koga), 7, email="STUDENT7@example.jp")
    assert candidacy.source_registration_id == registration.pk
    assert candidacy.source_event_id == event.pk


def test_registering_for_an_event_then_applying_with_the_same_email_is_one_person(
    in_koga: Region,
) -> None:
    registration = events_helpers.register(events_helpers.event(in_koga), 7, given_name="学")
    candidacy = apply(opening(in_koga), 7, email="Student7@Example.jp")
    assert candidacy.person == registration.person
    assert Person.objects.count() == 1
    person = Person.objects.get()
    # The application brought the phone and the address the registration did not ask for.
    assert (person.email, person.phone, person.municipality_code) == (
        "student7@example.jp",
        "09012345678",
        "40223",
    )
    actions = list(
        AuditEntry.objects.filter(action__startswith="person.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["person.create", "person.update"]


def test_a_registration_in_another_region_is_not_linked(koga: Region, fukutsu: Region) -> None:
    with region_scope(fukutsu):
        events_helpers.register(events_helpers.event(fukutsu), 8)
    with region_scope(koga):
        candidacy = apply(opening(koga), 8)
    assert candidacy.source_registration_id is None
    assert candidacy.person.region == koga


# --- stage moves ---------------------------------------------------------------------------


def test_a_move_is_recorded_with_who_and_when(in_koga: Region, cast: Cast) -> None:
    candidacy = apply(opening(in_koga))
    operator = cast.user("operator")
    moved = candidacy_move(candidacy_id=candidacy.pk, to_stage="screening", actor=operator)
    assert moved.stage == "screening"
    last = StageMove.objects.filter(candidacy=candidacy).last()
    assert last is not None
    assert (last.from_stage, last.to_stage, last.by) == ("applied", "screening", operator)
    assert AuditEntry.objects.filter(action="candidacy.move", actor=operator).exists()
    assert "stage_changed" in mail_kinds(candidacy)


def test_moving_to_a_stage_the_opening_does_not_have_is_refused(in_koga: Region) -> None:
    candidacy = apply(opening(in_koga))
    with pytest.raises(ValidationError) as error:
        candidacy_move(candidacy_id=candidacy.pk, to_stage="interview_9", actor=None)
    assert "interview_9" in error.value.message_dict["stage"][0]
    candidacy.refresh_from_db()
    assert candidacy.stage == "applied"


def test_rejecting_needs_a_reason(in_koga: Region) -> None:
    candidacy = apply(opening(in_koga))
    with pytest.raises(ValidationError) as error:
        candidacy_move(candidacy_id=candidacy.pk, to_stage="rejected", actor=None)
    assert "reason" in error.value.message_dict
    moved = candidacy_move(
        candidacy_id=candidacy.pk, to_stage="rejected", reason="経験が不足", actor=None
    )
    assert moved.rejection_reason == "経験が不足"


def test_a_closed_candidacy_does_not_move_and_hiring_needs_an_offer(in_koga: Region) -> None:
    candidacy = apply(opening(in_koga))
    with pytest.raises(Conflict):
        candidacy_move(candidacy_id=candidacy.pk, to_stage="hired", actor=None)
    candidacy_move(candidacy_id=candidacy.pk, to_stage="withdrawn", actor=None)
    with pytest.raises(Conflict):
        candidacy_move(candidacy_id=candidacy.pk, to_stage="screening", actor=None)


# --- interviews and scorecards -------------------------------------------------------------


def test_only_operators_of_the_region_sit_on_a_panel(in_koga: Region, cast: Cast) -> None:
    candidacy = apply(opening(in_koga))
    with pytest.raises(ValidationError) as error:
        interview_schedule(
            candidacy_id=candidacy.pk,
            data=interview_input(cast.user("trainer").pk, cast.user("operator", "fukutsu").pk),
            actor=None,
        )
    assert "interviewer_ids" in error.value.message_dict


def test_an_interview_needs_a_place_and_an_end_after_its_start(in_koga: Region, cast: Cast) -> None:
    candidacy = apply(opening(in_koga))
    start = timezone.now() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        interview_schedule(
            candidacy_id=candidacy.pk,
            data=InterviewInput(
                starts_at=start, ends_at=start, interviewer_ids=[cast.user("operator").pk]
            ),
            actor=None,
        )
    assert {"ends_at", "place"} <= set(error.value.message_dict)


def test_an_interviewer_sees_the_others_scorecards_only_after_submitting_their_own(
    in_koga: Region, cast: Cast
) -> None:
    first = cast.user("operator")
    second = UserFactory.create(username="operator2-koga")
    from sousei.core.models import Membership

    Membership.objects.create(region=in_koga, user=second, role="operator")
    candidacy = apply(opening(in_koga))
    interview = interview_schedule(
        candidacy_id=candidacy.pk, data=interview_input(first.pk, second.pk), actor=first
    )
    scorecard_submit(interview_id=interview.pk, data=card("strong_yes"), actor=first)

    assert selectors.scorecards_visible(candidacy=candidacy, user=second) == []
    (view,) = selectors.interviews_visible(candidacy=candidacy, user=second)
    assert view.hidden == 1
    assert view.can_score

    scorecard_submit(interview_id=interview.pk, data=card("no"), actor=second)
    seen = selectors.scorecards_visible(candidacy=candidacy, user=second)
    assert {c.interviewer_id for c in seen} == {first.pk, second.pk}
    # An operator who is not on the panel reads them all.
    assert (
        len(selectors.scorecards_visible(candidacy=candidacy, user=cast.user("operator", "koga")))
        == 2
    )


def test_a_scorecard_is_written_once_and_only_by_the_panel(in_koga: Region, cast: Cast) -> None:
    operator = cast.user("operator")
    candidacy = apply(opening(in_koga))
    interview = interview_schedule(
        candidacy_id=candidacy.pk, data=interview_input(operator.pk), actor=operator
    )
    with pytest.raises(NotOnPanel):
        scorecard_submit(interview_id=interview.pk, data=card(), actor=cast.user("trainer"))
    scorecard_submit(interview_id=interview.pk, data=card(), actor=operator)
    with pytest.raises(Conflict):
        scorecard_submit(interview_id=interview.pk, data=card(), actor=operator)
    bad = ScorecardInput(scores={"skills": 5}, recommendation="maybe")
    with pytest.raises(ValidationError) as error:
        scorecard_submit(interview_id=interview.pk, data=bad, actor=operator)
    assert {"skills_score", "communication_score", "recommendation"} <= set(
        error.value.message_dict
    )


# --- offers and the hire -------------------------------------------------------------------


def offered(region: Region, cast: Cast) -> tuple[Candidacy, Offer]:
    candidacy = apply(opening(region))
    candidacy_move(candidacy_id=candidacy.pk, to_stage="offer", actor=None)
    offer = offer_draft(candidacy_id=candidacy.pk, data=terms(), actor=cast.user("operator"))
    return candidacy, offer


def test_an_offer_needs_the_offer_stage(in_koga: Region, cast: Cast) -> None:
    candidacy = apply(opening(in_koga))
    with pytest.raises(Conflict):
        offer_draft(candidacy_id=candidacy.pk, data=terms(), actor=cast.user("operator"))


def test_the_author_of_an_offer_cannot_approve_it(in_koga: Region, cast: Cast) -> None:
    _candidacy, offer = offered(in_koga, cast)
    with pytest.raises(Conflict):
        offer_approve(offer_id=offer.pk, actor=cast.user("operator"))


def test_an_accepted_offer_hires_with_an_employee_record(in_koga: Region, cast: Cast) -> None:
    candidacy, offer = offered(in_koga, cast)
    approver = UserFactory.create(username="approver")
    offer_approve(offer_id=offer.pk, actor=approver)
    offer_respond(offer_id=offer.pk, accept=True, actor=None)

    candidacy.refresh_from_db()
    assert candidacy.stage == "hired"
    assert candidacy.hired_at is not None
    employee = Employee.objects.get(candidacy=candidacy)
    assert employee.home_municipality_code == "40223"
    assert employee.home_region == in_koga
    assert employee.person == candidacy.person
    assert employee.lives_in_region
    assert employee.salary_jpy == 4_200_000
    assert {"offer", "hired"} <= mail_kinds(candidacy)

    with pytest.raises(Conflict) as error:
        offer_respond(offer_id=offer.pk, accept=True, actor=None)
    with translation.override("en"):
        assert "already accepted" in str(error.value)


def test_a_draft_offer_cannot_be_answered_and_a_declined_one_withdraws(
    in_koga: Region, cast: Cast
) -> None:
    candidacy, offer = offered(in_koga, cast)
    with pytest.raises(Conflict):
        offer_respond(offer_id=offer.pk, accept=True, actor=None)
    offer_approve(offer_id=offer.pk, actor=UserFactory.create(username="approver"))
    offer_respond(offer_id=offer.pk, accept=False, actor=None)
    candidacy.refresh_from_db()
    assert candidacy.stage == "withdrawn"
    assert not Employee.objects.exists()


def test_rejecting_a_candidate_withdraws_their_open_offer(in_koga: Region, cast: Cast) -> None:
    candidacy, offer = offered(in_koga, cast)
    candidacy_move(candidacy_id=candidacy.pk, to_stage="rejected", reason="条件不一致", actor=None)
    offer.refresh_from_db()
    assert offer.status == "withdrawn"
