"""Records of provision to third parties (APPI 第29条): the city's and the clients' views write
one record each listing exactly the people shown; operators' own reading writes none; the
operators' list, CSV and API filter them; the purge keeps three years."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from conftest import Cast, bearer_client
from sousei.core import clock
from sousei.core.models import AuditEntry, ProvisionRecord, ProvisionRecordPerson, Region
from sousei.core.provision import (
    DataCategory,
    ProvisionChannel,
    RecipientKind,
    provision_record,
    provision_records_of,
    provision_records_purge,
    retention_cutoff,
)
from sousei.core.scoping import region_scope, scopes_disabled
from sousei.core.tests.factories import client_company
from sousei.impact.services import outcome_records_rebuild
from sousei.impact.tests import factories as made
from sousei.people.models import CONSENT_WORDING_VERSION, Consent, ConsentPurpose, Person
from sousei.people.tests.factories import ParticipantFactory
from sousei.projects.tests import factories as projects

pytestmark = pytest.mark.django_db
D = dt.date
NOW = timezone.make_aware(dt.datetime(2026, 12, 1, 9))


@pytest.fixture(autouse=True)
def now() -> Iterator[dt.datetime]:
    with clock.frozen_at(NOW) as moment:
        yield moment


def signed_in(cast: Cast, role: str, slug: str = "koga") -> Client:
    client = Client()
    client.force_login(cast.user(role, slug))
    return client


def shares_with_city(region: Region, person_id: int) -> None:
    Consent.objects.create(
        region=region,
        person_id=person_id,
        purpose=ConsentPurpose.SHARE_WITH_MUNICIPALITY,
        granted=True,
        wording_version=CONSENT_WORDING_VERSION,
    )


@pytest.fixture
def city_people(koga: Region) -> tuple[list[int], int]:
    """Two people who share with the city and one who does not: (sharing ids, silent id)."""
    with region_scope(koga):
        first = made.participant(koga, applied_on=D(2026, 4, 1))
        second = made.participant(koga, applied_on=D(2026, 4, 2))
        silent = made.participant(koga, applied_on=D(2026, 4, 3))
        shares_with_city(koga, first.person_id)
        shares_with_city(koga, second.person_id)
        outcome_records_rebuild(region=koga, actor=None)
    return [first.person_id, second.person_id], silent.person_id


def records(region: Region) -> list[ProvisionRecord]:
    with region_scope(region):
        return list(ProvisionRecord.objects.order_by("pk"))


def people_of(region: Region, record: ProvisionRecord) -> list[int]:
    with region_scope(region):
        return sorted(
            ProvisionRecordPerson.objects.filter(record=record).values_list("person_id", flat=True)
        )


# --- the call sites ----------------------------------------------------------------------


def test_the_city_viewing_the_people_page_records_exactly_the_people_shown(
    koga: Region, cast: Cast, city_people: tuple[list[int], int]
) -> None:
    sharing, silent = city_people
    response = signed_in(cast, "municipality").get(reverse("impact-people", args=["koga"]))
    assert response.status_code == 200
    [record] = records(koga)
    assert record.recipient_kind == RecipientKind.MUNICIPALITY
    assert record.recipient_name == koga.name_ja
    assert record.channel == ProvisionChannel.PAGE
    assert record.basis == "consent"
    assert record.actor == cast.user("municipality")
    assert record.provided_at == NOW
    assert record.source == "impact.people"
    assert record.person_count == 2
    assert people_of(koga, record) == sorted(sharing)
    assert silent not in people_of(koga, record)
    assert DataCategory.INCOME in record.data_categories


def test_the_city_exporting_the_csv_and_reading_the_api_records_each_time(
    koga: Region, cast: Cast, city_people: tuple[list[int], int]
) -> None:
    sharing, _silent = city_people
    signed_in(cast, "municipality").get(reverse("impact-people-csv", args=["koga"]))
    bearer_client(cast.user("municipality")).get("/api/v1/regions/koga/impact/people")
    csv, api = records(koga)
    assert (csv.channel, api.channel) == (ProvisionChannel.CSV, ProvisionChannel.API)
    assert people_of(koga, csv) == people_of(koga, api) == sorted(sharing)


def test_operators_reading_the_people_page_is_no_provision(
    koga: Region, cast: Cast, city_people: tuple[list[int], int]
) -> None:
    signed_in(cast, "operator").get(reverse("impact-people", args=["koga"]))
    signed_in(cast, "operator").get(reverse("impact-people-csv", args=["koga"]))
    assert records(koga) == []


def test_the_city_seeing_nobody_records_nothing(koga: Region, cast: Cast) -> None:
    signed_in(cast, "municipality").get(reverse("impact-people", args=["koga"]))
    assert records(koga) == []


@pytest.fixture
def staffed(koga: Region) -> dict[str, object]:
    """A project of the cast's client company with two people on it, and another company's
    project with one."""
    with region_scope(koga):
        ours = projects.project(koga)
        first = projects.assignment(koga, on=ours)
        second = projects.assignment(koga, on=ours)
        theirs = projects.project(koga, organization=client_company("株式会社ほか"))
        other = projects.assignment(koga, on=theirs)
    return {
        "project": ours,
        "people": sorted([first.participant.person_id, second.participant.person_id]),
        "other_person": other.participant.person_id,
    }


def test_a_client_viewing_its_project_records_the_people_on_it(
    koga: Region, cast: Cast, staffed: dict[str, object]
) -> None:
    project = staffed["project"]
    url = reverse("project-detail", args=["koga", project.pk])  # type: ignore[attr-defined]
    assert signed_in(cast, "client").get(url).status_code == 200
    [record] = records(koga)
    assert record.recipient_kind == RecipientKind.CLIENT
    assert record.recipient_organization == client_company()
    assert record.recipient_name == client_company().name
    assert record.channel == ProvisionChannel.PAGE
    assert people_of(koga, record) == staffed["people"]
    signed_in(cast, "operator").get(url)
    assert len(records(koga)) == 1


def test_a_client_reading_its_assignments_by_api_records_one_record(
    koga: Region, cast: Cast, staffed: dict[str, object]
) -> None:
    response = bearer_client(cast.user("client")).get("/api/v1/regions/koga/assignments")
    assert response.status_code == 200
    assert len(response.json()) == 2
    [record] = records(koga)
    assert record.channel == ProvisionChannel.API
    assert people_of(koga, record) == staffed["people"]
    assert staffed["other_person"] not in people_of(koga, record)


def test_a_participant_reading_their_own_assignments_records_nothing(
    koga: Region, cast: Cast
) -> None:
    with region_scope(koga):
        participant = ParticipantFactory.create(region=koga)
        Person.objects.filter(pk=participant.person_id).update(user=cast.user("participant"))
        projects.assignment(koga, participant=participant)
    bearer_client(cast.user("participant")).get("/api/v1/regions/koga/assignments")
    assert records(koga) == []


# --- the service, the selector and the purge ---------------------------------------------


def test_the_records_about_one_person_are_listed_newest_first(
    koga: Region, fukutsu: Region
) -> None:
    with region_scope(koga):
        person = ParticipantFactory.create(region=koga).person
        older = provision_record(
            region=koga,
            actor=None,
            to=RecipientKind.OTHER,
            person_ids=[person.pk, person.pk + 1000],
            categories=[DataCategory.NAME],
            channel=ProvisionChannel.CSV,
            source="test",
        )
        with clock.frozen_at(NOW + dt.timedelta(days=1)):
            newer = provision_record(
                region=koga,
                actor=None,
                to=RecipientKind.OTHER,
                person_ids=[person.pk],
                categories=[DataCategory.NAME],
                channel=ProvisionChannel.PAGE,
                source="test",
            )
        provision_record(
            region=koga,
            actor=None,
            to=RecipientKind.OTHER,
            person_ids=[person.pk + 1000],
            categories=[DataCategory.NAME],
            channel=ProvisionChannel.PAGE,
            source="test",
        )
        assert provision_records_of(person) == [newer, older]


def test_an_unknown_data_category_is_refused(koga: Region) -> None:
    with region_scope(koga), pytest.raises(ValueError, match="Unknown data categories"):
        provision_record(
            region=koga,
            actor=None,
            to=RecipientKind.OTHER,
            person_ids=[1],
            categories=["shoe_size"],
            channel=ProvisionChannel.PAGE,
            source="test",
        )


def record_at(region: Region, moment: dt.datetime) -> ProvisionRecord:
    with region_scope(region), clock.frozen_at(moment):
        made_record = provision_record(
            region=region,
            actor=None,
            to=RecipientKind.CLIENT,
            person_ids=[1, 2],
            categories=[DataCategory.NAME],
            channel=ProvisionChannel.PAGE,
            source="test",
        )
    assert made_record is not None
    return made_record


def test_the_purge_deletes_records_older_than_three_years_only(
    koga: Region, fukutsu: Region
) -> None:
    cutoff = retention_cutoff(NOW)
    assert cutoff == timezone.make_aware(dt.datetime(2023, 12, 1, 9))
    old = record_at(koga, cutoff - dt.timedelta(seconds=1))
    kept = record_at(koga, cutoff)
    recent = record_at(fukutsu, NOW - dt.timedelta(days=1))
    old_elsewhere = record_at(fukutsu, cutoff - dt.timedelta(days=400))
    assert provision_records_purge(now=NOW) == {"koga": 1, "fukutsu": 1}
    assert records(koga) == [kept]
    assert records(fukutsu) == [recent]
    with scopes_disabled():
        assert not ProvisionRecordPerson.objects.filter(record_id__in=[old.pk, old_elsewhere.pk])
        assert AuditEntry.objects.filter(action="provision_records.purge").count() == 2


def test_the_purge_command_reports_what_it_deleted(
    koga: Region, capsys: pytest.CaptureFixture[str]
) -> None:
    record_at(koga, retention_cutoff(NOW) - dt.timedelta(days=1))
    call_command("provision_records_purge", now=NOW.isoformat())
    assert "records of provision deleted: 1 koga=1" in capsys.readouterr().out
    assert records(koga) == []


def test_the_three_years_step_back_from_a_leap_day() -> None:
    leap = timezone.make_aware(dt.datetime(2028, 2, 29, 12))
    assert retention_cutoff(leap).date() == D(2025, 2, 28)


# --- the operators' list, CSV and API ----------------------------------------------------


@pytest.fixture
def recorded(koga: Region, cast: Cast, city_people: tuple[list[int], int]) -> list[int]:
    for _n in range(3):
        signed_in(cast, "municipality").get(reverse("impact-people", args=["koga"]))
    return city_people[0]


def test_operators_list_the_records_with_the_people_by_name(
    koga: Region, cast: Cast, recorded: list[int], django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    operator = signed_in(cast, "operator")
    url = reverse("privacy-provision-list", args=["koga"])
    operator.get(url)  # session and caches warm
    with django_assert_num_queries(9):
        response = operator.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("impact.people") == 3
    with region_scope(koga):
        name = Person.objects.get(pk=recorded[0]).full_name
    assert name in html


def test_operators_filter_by_person_recipient_and_date(
    koga: Region, cast: Cast, recorded: list[int]
) -> None:
    operator = bearer_client(cast.user("operator"))
    base = "/api/v1/regions/koga/provision-records"
    body = operator.get(f"{base}?person={recorded[0]}").json()
    assert body["count"] == 3
    assert body["results"][0]["person_ids"] == sorted(recorded)
    assert body["results"][0]["recipient_kind"] == "municipality"
    assert operator.get(f"{base}?person=999999").json()["count"] == 0
    assert operator.get(f"{base}?recipient=client").json()["count"] == 0
    assert operator.get(f"{base}?since=2026-12-01&until=2026-12-01").json()["count"] == 3
    assert operator.get(f"{base}?since=2026-12-02").json()["count"] == 0
    assert operator.get(f"{base}?since=2026-13-01").status_code == 422


def test_operators_export_the_records_as_csv_and_the_export_is_audited(
    koga: Region, cast: Cast, recorded: list[int]
) -> None:
    response = signed_in(cast, "operator").get(
        reverse("privacy-provision-csv", args=["koga"]) + f"?person={recorded[0]}"
    )
    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 4
    assert "古賀市" in lines[1]
    with region_scope(koga):
        assert AuditEntry.objects.filter(action="provision_records.export").count() == 1


def test_the_city_may_not_read_the_records_and_another_region_answers_404(
    koga: Region, cast: Cast
) -> None:
    city = bearer_client(cast.user("municipality"))
    assert city.get("/api/v1/regions/koga/provision-records").status_code == 403
    other = bearer_client(cast.user("operator", "fukutsu"))
    assert other.get("/api/v1/regions/koga/provision-records").status_code == 404
    page = signed_in(cast, "municipality").get(reverse("privacy-provision-list", args=["koga"]))
    assert page.status_code == 403


def test_an_employers_staff_opening_a_candidacy_records_it(koga: Region, cast: Cast) -> None:
    from sousei.core.tests.factories import employer_company
    from sousei.hiring.tests.factories import apply, opening

    with region_scope(koga):
        employer = employer_company(koga)
        candidacy = apply(opening(koga, employer_id=employer.pk))
    url = reverse("candidacy-detail", args=["koga", candidacy.pk])
    assert signed_in(cast, "employer").get(url).status_code == 200
    [record] = records(koga)
    assert record.recipient_kind == RecipientKind.EMPLOYER
    assert record.recipient_organization == employer
    assert people_of(koga, record) == [candidacy.person_id]
    signed_in(cast, "operator").get(url)
    assert len(records(koga)) == 1


def test_a_client_opening_the_evaluations_to_write_records_the_people_listed(
    koga: Region, cast: Cast
) -> None:
    from sousei.projects.models import AssignmentStatus

    with region_scope(koga):
        ended = projects.assignment(koga, starts_on=D(2026, 9, 1), ends_on=D(2026, 11, 20))
        ended.status = AssignmentStatus.ENDED
        ended.save(update_fields=["status"])
    response = signed_in(cast, "client").get(reverse("evaluation-list", args=["koga"]))
    assert response.status_code == 200
    [record] = records(koga)
    assert record.source == "careers.evaluations"
    assert people_of(koga, record) == [ended.participant.person_id]
