"""Suspension of use (利用停止, APPI art. 35): a suspended person is left out of project
matching and proposals, gets no notifications (but the notice of the suspension itself) and
is not shared with the city, until resumed; a resumption brings them back."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from conftest import Cast, bearer_client
from sousei.core.access import Reader
from sousei.core.models import AuditEntry, Region
from sousei.core.outbox.models import OutboxMessage
from sousei.core.outbox.services import message_queue, notification_send
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.impact import selectors as impact_selectors
from sousei.impact.services import outcome_records_rebuild
from sousei.impact.tests import factories as made
from sousei.people.models import CONSENT_WORDING_VERSION, Consent, ConsentPurpose, Person
from sousei.privacy.erasure.services import person_resume, person_suspend
from sousei.privacy.models import ErasureRecord
from sousei.projects.selectors.matching import matching_pool, project_candidates
from sousei.projects.tests import factories

CITY = Reader(user_id=2, roles=frozenset({Role.MUNICIPALITY}))


def suspend(region: Region, cast: Cast, person: Person) -> None:
    with region_scope(region):
        person_suspend(person=person, actor=cast.user("operator", region.slug), reason="req 3")


def resume(region: Region, cast: Cast, person: Person) -> None:
    with region_scope(region):
        person_resume(person=person, actor=cast.user("operator", region.slug))


def test_a_suspended_person_is_not_ranked_or_proposed_until_resumed(
    koga: Region, cast: Cast
) -> None:
    with region_scope(koga):
        kept = factories.trained_participant(koga, skills={"rpa.uipath": 3})
        paused = factories.trained_participant(koga, skills={"rpa.uipath": 3})
        project = factories.project(koga)
        ranked = {c.participant_id for c in project_candidates(region=koga, project=project)}
        assert ranked == {kept.pk, paused.pk}

    suspend(koga, cast, paused.person)
    with region_scope(koga):
        ranked = {c.participant_id for c in project_candidates(region=koga, project=project)}
        gone_too = matching_pool(region=koga, include_gone=True).pool
        assert ranked == {kept.pk}
        assert len(gone_too.participant_ids) == 1

    resume(koga, cast, paused.person)
    with region_scope(koga):
        ranked = {c.participant_id for c in project_candidates(region=koga, project=project)}
        assert ranked == {kept.pk, paused.pk}


def test_a_suspended_person_gets_no_notifications_but_the_notice_of_it(
    koga: Region, cast: Cast
) -> None:
    user = cast.user("participant")
    with region_scope(koga):
        person = made.participant(koga, applied_on=dt.date(2026, 4, 1), user=user).person

    suspend(koga, cast, person)
    with region_scope(koga):
        kinds = list(OutboxMessage.objects.filter(user=user).values_list("kind", flat=True))
        assert kinds == ["privacy_suspended"]
        told = notification_send(
            region=koga, user=user, kind="week_approved", text=lambda: ("s", "b"), link="/"
        )
        mailed = message_queue(
            region=koga,
            kind="intake_decided",
            language="ja",
            subject="s",
            body="b",
            email=person.email,
        )
        assert told is None
        assert mailed is None

    resume(koga, cast, person)
    with region_scope(koga):
        told = notification_send(
            region=koga, user=user, kind="week_approved", text=lambda: ("s", "b"), link="/"
        )
        assert told is not None


def test_a_suspended_person_is_not_shared_with_the_city(koga: Region, cast: Cast) -> None:
    with region_scope(koga):
        sharing = made.participant(koga, applied_on=dt.date(2026, 4, 1))
        Consent.objects.create(
            region=koga,
            person_id=sharing.person_id,
            purpose=ConsentPurpose.SHARE_WITH_MUNICIPALITY,
            granted=True,
            wording_version=CONSENT_WORDING_VERSION,
        )
        outcome_records_rebuild(region=koga, actor=None)
        assert len(impact_selectors.impact_people(reader=CITY)) == 1

    suspend(koga, cast, sharing.person)
    with region_scope(koga):
        assert impact_selectors.impact_people(reader=CITY) == []


def test_suspending_twice_and_resuming_a_person_in_use_are_refused(
    koga: Region, cast: Cast
) -> None:
    with region_scope(koga):
        person = made.participant(koga, applied_on=dt.date(2026, 4, 1)).person
    api = bearer_client(cast.user("operator"))
    base = f"/api/v1/regions/koga/persons/{person.pk}"

    assert api.post(f"{base}/resumption", {}, content_type="application/json").status_code == 409
    assert api.post(f"{base}/suspension", {}, content_type="application/json").status_code == 201
    again = api.post(f"{base}/suspension", {}, content_type="application/json")
    assert again.status_code == 409
    assert "already suspended" in again.json()["detail_en"]
    assert api.post(f"{base}/resumption", {}, content_type="application/json").status_code == 201


def test_suspensions_are_audited_by_id_and_listed_for_operators(
    koga: Region, cast: Cast, django_assert_num_queries
) -> None:
    with region_scope(koga):
        people = [made.participant(koga, applied_on=dt.date(2026, 4, n)).person for n in (1, 2, 3)]
    for person in people:
        suspend(koga, cast, person)
    with region_scope(koga):
        entries = list(AuditEntry.objects.filter(action="privacy.suspend"))
        assert sorted(e.object_id for e in entries) == sorted(str(p.pk) for p in people)
        assert all(set(e.changes) == {"record", "request"} for e in entries)
        assert ErasureRecord.objects.filter(action="suspend").count() == 3
    api = bearer_client(cast.user("operator"))
    api.get("/api/v1/regions/koga/erasures")  # warm the token and membership caches
    with django_assert_num_queries(6):
        body = api.get("/api/v1/regions/koga/erasures?state=suspended").json()
    assert body["count"] == 3
    assert {row["person_id"] for row in body["results"]} == {p.pk for p in people}
    page = Client()
    page.force_login(cast.user("operator"))
    page.get("/r/koga/privacy/erasures/")  # warm the session and membership caches
    # Session, user, roles, region, three state counts, the page's count, ids and rows.
    with django_assert_num_queries(10):
        html = page.get("/r/koga/privacy/erasures/").content.decode()
    assert all(f"#{p.pk}" in html for p in people)


@pytest.mark.parametrize("action", ["suspend", "resume", "erase"])
def test_the_person_page_refuses_an_unconfirmed_erasure_and_acts_otherwise(
    koga: Region, cast: Cast, action: str
) -> None:
    with region_scope(koga):
        person = made.participant(koga, applied_on=dt.date(2026, 4, 1)).person
    if action == "resume":
        suspend(koga, cast, person)
    page = Client()
    page.force_login(cast.user("operator"))
    url = f"/r/koga/privacy/persons/{person.pk}/"

    if action == "erase":
        refused = page.post(url, {"action": "erase", "reason": ""})
        assert refused.status_code == 422
        assert "取り消せません" in refused.content.decode()  # the Japanese page says why
    done = page.post(url, {"action": action, "reason": "request 7", "confirm": "on"})

    assert done.status_code == 302
    with region_scope(koga):
        assert ErasureRecord.objects.filter(action=action, person=person).exists()
