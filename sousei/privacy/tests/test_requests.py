"""Privacy requests: filing (due in 14 days, notifications), the workflow and its refusals,
correction with before/after in the audit, consent withdrawal at once (the city's rows honour
it), suspension and erasure through `_carry_out`, the overdue reminder command, the API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone, translation

from conftest import Cast, bearer_client
from sousei.core import clock
from sousei.core.access import Reader
from sousei.core.errors import Conflict
from sousei.core.models import AuditEntry, Region
from sousei.core.outbox.models import OutboxMessage
from sousei.core.roles import Role
from sousei.core.scoping import region_scope, scopes_disabled
from sousei.impact import selectors as impact_selectors
from sousei.impact.services import outcome_records_rebuild
from sousei.impact.tests import factories as impact_factories
from sousei.people.models import CONSENT_WORDING_VERSION, Consent, ConsentPurpose, Person
from sousei.people.tests.factories import PersonFactory
from sousei.privacy.models import DUE_DAYS, PrivacyRequest, RequestKind, RequestStatus
from sousei.privacy.services import requests as services
from sousei.privacy.services.requests import (
    consent_withdraw,
    disclosure_self_serve,
    person_correct,
    privacy_request_complete,
    privacy_request_file,
    privacy_request_refuse,
    privacy_request_start,
)

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(dt.datetime(2026, 12, 1, 10))
CITY = Reader(user_id=2, roles=frozenset({Role.MUNICIPALITY}))


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"), clock.frozen_at(NOW):
        yield


@pytest.fixture
def person(koga: Region, cast: Cast) -> Person:
    with region_scope(koga):
        made: Person = PersonFactory.create(region=koga, user=cast.user("participant"))
        for purpose in ConsentPurpose.values:
            Consent.objects.create(
                region=koga,
                person=made,
                purpose=purpose,
                granted=True,
                wording_version=CONSENT_WORDING_VERSION,
            )
    return made


def _file(person: Person, cast: Cast, kind: str, **fields: Any) -> PrivacyRequest:
    with region_scope(person.region):
        return privacy_request_file(
            person=person, kind=kind, note="", actor=cast.user("operator"), **fields
        )


def test_a_request_is_due_fourteen_days_after_receipt_and_both_sides_are_told(
    person: Person, cast: Cast
) -> None:
    with region_scope(person.region):
        request = privacy_request_file(
            person=person,
            kind=RequestKind.CORRECTION,
            note="住所が違います",
            actor=cast.user("participant"),
        )
        assert request.status == RequestStatus.RECEIVED
        assert request.due_on == dt.date(2026, 12, 1) + dt.timedelta(days=DUE_DAYS)
        assert request.on_behalf is False
        assert request.channel == "web"
        kinds = sorted(OutboxMessage.objects.values_list("kind", "user__username"))
        assert ("privacy_request_received", "participant-koga") in kinds
        assert ("privacy_request_new", "operator-koga") in kinds
        assert AuditEntry.objects.filter(action="privacy_request.file").count() == 1


def test_an_operator_files_on_the_persons_behalf_with_the_channel(
    person: Person, cast: Cast
) -> None:
    request = _file(person, cast, RequestKind.DISCLOSURE, channel="phone")
    assert request.on_behalf is True
    assert request.channel == "phone"
    assert request.filed_by == cast.user("operator")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": "everything"}, "kind"),
        ({"channel": "fax"}, "channel"),
        ({"note": "x" * 2001}, "note"),
        ({"kind": "consent_withdrawal", "purpose": "marketing"}, "purpose"),
    ],
)
def test_a_request_with_bad_input_is_refused_and_nothing_stored(
    person: Person, cast: Cast, fields: dict[str, Any], field: str
) -> None:
    values = {"kind": RequestKind.DISCLOSURE, "note": "", **fields}
    with region_scope(person.region), pytest.raises(ValidationError) as caught:
        privacy_request_file(person=person, actor=cast.user("operator"), **values)
    assert field in caught.value.message_dict
    with region_scope(person.region):
        assert not PrivacyRequest.objects.exists()


def test_a_disclosure_is_started_completed_and_the_person_told(person: Person, cast: Cast) -> None:
    request = _file(person, cast, RequestKind.DISCLOSURE)
    operator = cast.user("operator")
    with region_scope(person.region):
        privacy_request_start(request_id=request.pk, actor=operator)
        done = privacy_request_complete(request_id=request.pk, actor=operator)
        assert done.status == RequestStatus.COMPLETED
        assert done.completed_by == operator
        assert done.completed_at == NOW
        assert OutboxMessage.objects.filter(
            kind="privacy_request_answered", user=person.user
        ).exists()


def test_a_refusal_needs_a_reason_and_the_person_is_told_it(person: Person, cast: Cast) -> None:
    request = _file(person, cast, RequestKind.ERASURE)
    operator = cast.user("operator")
    with region_scope(person.region):
        with pytest.raises(ValidationError) as caught:
            privacy_request_refuse(request_id=request.pk, actor=operator, reason="  ")
        assert "reason" in caught.value.message_dict
        refused = privacy_request_refuse(
            request_id=request.pk, actor=operator, reason="給与記録は法定保存期間中です"
        )
        assert refused.status == RequestStatus.REFUSED
        message = OutboxMessage.objects.get(kind="privacy_request_answered")
        assert "給与記録は法定保存期間中です" in message.body


def test_an_answered_request_is_not_answered_again(person: Person, cast: Cast) -> None:
    request = _file(person, cast, RequestKind.DISCLOSURE)
    operator = cast.user("operator")
    with region_scope(person.region):
        privacy_request_complete(request_id=request.pk, actor=operator)
        with pytest.raises(Conflict):
            privacy_request_refuse(request_id=request.pk, actor=operator, reason="x")
        with pytest.raises(Conflict):
            privacy_request_start(request_id=request.pk, actor=operator)


def test_a_correction_changes_the_fields_and_keeps_before_and_after(
    person: Person, cast: Cast
) -> None:
    request = _file(person, cast, RequestKind.CORRECTION)
    with region_scope(person.region):
        privacy_request_complete(
            request_id=request.pk,
            actor=cast.user("operator"),
            corrections={"given_name": "華子", "phone": "090-9999-0000"},
        )
        person.refresh_from_db()
        assert person.given_name == "華子"
        assert person.phone == "09099990000"
        entry = AuditEntry.objects.get(action="person.correct")
        assert entry.changes["fields"]["given_name"][1] == "華子"
        assert entry.changes["fields"]["phone"] == ["09012345678", "09099990000"]
        assert entry.changes["request"] == request.pk


def test_a_correction_with_a_bad_value_is_refused_and_changes_nothing(
    person: Person, cast: Cast
) -> None:
    request = _file(person, cast, RequestKind.CORRECTION)
    with region_scope(person.region):
        with pytest.raises(ValidationError) as caught:
            privacy_request_complete(
                request_id=request.pk,
                actor=cast.user("operator"),
                corrections={"family_name_kana": "koga", "birth_date": dt.date(2999, 1, 1)},
            )
        assert {"family_name_kana", "birth_date"} <= set(caught.value.message_dict)
        with pytest.raises(ValidationError):
            privacy_request_complete(request_id=request.pk, actor=cast.user("operator"))
        request.refresh_from_db()
        assert request.status == RequestStatus.RECEIVED
        person.refresh_from_db()
        assert person.family_name_kana == "コガ"


def test_a_correction_of_the_address_goes_through_the_postal_code(
    person: Person, cast: Cast
) -> None:
    with region_scope(person.region):
        done = person_correct(
            person=person, changes={"postal_code": "811-3217"}, actor=cast.user("operator")
        )
        assert done["postal_code"] == ("8113101", "8113217")
        assert person.city == "福津市"


def test_a_consent_withdrawal_takes_the_person_out_of_the_citys_rows_at_once(
    koga: Region, cast: Cast
) -> None:
    with region_scope(koga):
        sharing = impact_factories.participant(
            koga, applied_on=dt.date(2026, 4, 1), user=cast.user("participant")
        )
        Consent.objects.create(
            region=koga,
            person=sharing.person,
            purpose=ConsentPurpose.SHARE_WITH_MUNICIPALITY,
            granted=True,
            wording_version=CONSENT_WORDING_VERSION,
        )
        outcome_records_rebuild(region=koga, actor=None)
        assert len(impact_selectors.impact_people(reader=CITY)) == 1
        request = consent_withdraw(
            person=sharing.person,
            purpose=ConsentPurpose.SHARE_WITH_MUNICIPALITY,
            actor=cast.user("participant"),
        )
        assert request.status == RequestStatus.COMPLETED
        assert request.kind == RequestKind.CONSENT_WITHDRAWAL
        assert impact_selectors.impact_people(reader=CITY) == []
    city = bearer_client(cast.user("municipality")).get("/api/v1/regions/koga/impact/people")
    assert city.status_code == 200
    assert city.json() == []


def test_withdrawing_a_consent_twice_is_refused(person: Person, cast: Cast) -> None:
    with region_scope(person.region):
        consent_withdraw(
            person=person, purpose=ConsentPurpose.PROGRAM, actor=cast.user("participant")
        )
        with pytest.raises(Conflict):
            consent_withdraw(
                person=person, purpose=ConsentPurpose.PROGRAM, actor=cast.user("participant")
            )
        assert Consent.objects.get(purpose=ConsentPurpose.PROGRAM).withdrawn_at == NOW
        assert (
            Consent.objects.get(purpose=ConsentPurpose.SHARE_WITH_MUNICIPALITY).withdrawn_at is None
        )


def test_an_operator_completes_a_filed_consent_withdrawal(person: Person, cast: Cast) -> None:
    request = _file(
        person,
        cast,
        RequestKind.CONSENT_WITHDRAWAL,
        purpose=ConsentPurpose.SHARE_WITH_MUNICIPALITY,
        channel="mail",
    )
    with region_scope(person.region):
        privacy_request_complete(request_id=request.pk, actor=cast.user("operator"))
        consent = Consent.objects.get(purpose=ConsentPurpose.SHARE_WITH_MUNICIPALITY)
        assert consent.withdrawn_at == NOW


@pytest.mark.parametrize("kind", [RequestKind.SUSPENSION, RequestKind.ERASURE])
def test_suspension_and_erasure_go_through_the_erasure_procedure(
    person: Person, cast: Cast, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    request = _file(person, cast, kind)
    with region_scope(person.region):
        # Until the erasure module is installed, completing one is refused and nothing changes.
        monkeypatch.setattr(services, "CARRY_OUT", {})
        with pytest.raises(Conflict):
            privacy_request_complete(request_id=request.pk, actor=cast.user("operator"))
        request.refresh_from_db()
        assert request.status == RequestStatus.RECEIVED
        calls: list[dict[str, Any]] = []
        monkeypatch.setattr(services, "CARRY_OUT", {kind: lambda **kw: calls.append(kw)})
        privacy_request_complete(request_id=request.pk, actor=cast.user("operator"))
        assert calls[0]["person"] == person
        assert calls[0]["request"].pk == request.pk
        request.refresh_from_db()
        assert request.status == RequestStatus.COMPLETED


def test_self_service_disclosure_leaves_a_completed_request_in_each_region(
    person: Person, cast: Cast, fukutsu: Region
) -> None:
    with region_scope(fukutsu):
        PersonFactory.create(region=fukutsu, user=person.user)
    assert person.user is not None
    done = disclosure_self_serve(user=person.user)
    assert sorted(r.region.slug for r in done) == ["fukutsu", "koga"]
    assert {r.status for r in done} == {RequestStatus.COMPLETED}


def test_the_reminder_command_reminds_operators_of_overdue_requests_once_a_day(
    person: Person, cast: Cast
) -> None:
    request = _file(person, cast, RequestKind.DISCLOSURE)
    late = (NOW + dt.timedelta(days=DUE_DAYS + 1)).isoformat()
    out = StringIO()
    call_command("privacy_reminders", "--now", NOW.isoformat(), stdout=out)
    assert "reminded: 0" in out.getvalue()
    call_command("privacy_reminders", "--now", late, stdout=out)
    call_command("privacy_reminders", "--now", late, stdout=out)
    assert "reminded: 1" in out.getvalue()
    with scopes_disabled():
        reminders = OutboxMessage.objects.filter(kind="privacy_request_overdue")
        assert [m.user for m in reminders] == [cast.user("operator")]
        request.refresh_from_db()
        assert request.reminded_on == dt.date(2026, 12, 16)


# --- API ----------------------------------------------------------------------------------


def test_an_operator_records_and_lists_requests_by_the_api(
    person: Person, cast: Cast, django_assert_num_queries: Any
) -> None:
    api = bearer_client(cast.user("operator"))
    made = api.post(
        "/api/v1/regions/koga/privacy-requests",
        {"person_id": person.pk, "kind": "correction", "note": "氏名の誤り", "channel": "counter"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    assert made.json()["due_on"] == "2026-12-15"
    for _n in range(3):
        _file(person, cast, RequestKind.DISCLOSURE)
    with django_assert_num_queries(6):
        listed = api.get("/api/v1/regions/koga/privacy-requests")
    assert listed.json()["count"] == 4
    overdue = api.get("/api/v1/regions/koga/privacy-requests?overdue=true")
    assert overdue.json()["count"] == 0


def test_an_operator_of_another_region_cannot_file_for_the_person(
    person: Person, cast: Cast
) -> None:
    api = bearer_client(cast.user("operator", "fukutsu"))
    response = api.post(
        "/api/v1/regions/fukutsu/privacy-requests",
        {"person_id": person.pk, "kind": "disclosure"},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_a_bad_kind_by_the_api_answers_422_in_both_languages(person: Person, cast: Cast) -> None:
    response = bearer_client(cast.user("operator")).post(
        "/api/v1/regions/koga/privacy-requests",
        {"person_id": person.pk, "kind": "everything"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "kind"


def test_a_person_files_and_lists_their_own_requests_by_the_api(person: Person, cast: Cast) -> None:
    api = bearer_client(cast.user("participant"))
    made = api.post(
        "/api/v1/me/privacy-requests",
        {"region": "koga", "kind": "erasure", "note": "退会します"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    withdrawn = api.post(
        "/api/v1/me/privacy-requests",
        {"region": "koga", "kind": "consent_withdrawal", "purpose": "share_with_municipality"},
        content_type="application/json",
    )
    assert withdrawn.json()["status"] == "completed"
    mine = api.get("/api/v1/me/privacy-requests").json()
    assert [row["kind"] for row in mine] == ["consent_withdrawal", "erasure"]
    elsewhere = api.post(
        "/api/v1/me/privacy-requests",
        {"region": "fukutsu", "kind": "erasure"},
        content_type="application/json",
    )
    assert elsewhere.status_code == 404
