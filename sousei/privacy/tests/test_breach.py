"""The breach register (APPI 第26条): the deadlines (preliminary 5 days, final 30 or 60 when
malicious), the reportable suggestion of 規則第7条, the pages and the API with their
refusals, the reminders to the operators and the dashboard queue."""

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
from sousei.core.models import AuditEntry, OutboxMessage, Region
from sousei.core.outbox.models import MessageLanguage
from sousei.core.scoping import region_scope, scopes_disabled
from sousei.people.tests.factories import ParticipantFactory
from sousei.privacy.breach import rules, selectors
from sousei.privacy.breach.services import BreachInput, breach_create
from sousei.privacy.models import BreachIncident
from sousei.privacy.tasks.breach import breach_reminders_send

pytestmark = pytest.mark.django_db
D = dt.date
NOW = timezone.make_aware(dt.datetime(2026, 12, 1, 10))


@pytest.fixture(autouse=True)
def now() -> Iterator[dt.datetime]:
    with clock.frozen_at(NOW) as moment:
        yield moment


def signed_in(cast: Cast, role: str, slug: str = "koga") -> Client:
    client = Client()
    client.force_login(cast.user(role, slug))
    return client


def incident(region: Region, cast: Cast, **facts: object) -> BreachIncident:
    values: dict[str, object] = {
        "title": "名簿の誤送信",
        "discovered_at": NOW,
        "cause": "misdelivery",
        "data_categories": ["name", "contact"],
    }
    values.update(facts)
    with region_scope(region):
        return breach_create(
            region=region,
            data=BreachInput(**values),  # type: ignore[arg-type]
            actor=cast.user("operator", region.slug),
        )


# --- the rules (plain data) --------------------------------------------------------------


def test_the_preliminary_report_is_due_five_days_after_discovery() -> None:
    assert rules.preliminary_due(D(2026, 12, 1)) == D(2026, 12, 6)


def test_the_final_report_is_due_after_30_days_or_60_when_malicious() -> None:
    assert rules.final_due(D(2026, 12, 1), malicious=False) == D(2026, 12, 31)
    assert rules.final_due(D(2026, 12, 1), malicious=True) == D(2027, 1, 30)


@pytest.mark.parametrize(
    ("categories", "financial", "malicious", "people", "reasons"),
    [
        (["name", "contact"], False, False, 10, []),
        (["name", "sensitive"], False, False, 1, ["sensitive"]),
        (["bank"], False, False, 1, ["financial"]),
        (["credentials"], False, False, 1, ["financial"]),
        (["name"], True, False, 1, ["financial"]),
        (["name"], False, True, 1, ["malicious"]),
        (["name"], False, False, 1000, []),
        (["name"], False, False, 1001, ["many"]),
        (["sensitive", "bank"], False, True, 5000, ["sensitive", "financial", "malicious", "many"]),
    ],
)
def test_the_reportable_suggestion_follows_rule_7(
    categories: list[str], financial: bool, malicious: bool, people: int, reasons: list[str]
) -> None:
    assert (
        rules.reportable_reasons(
            categories=categories, financial_risk=financial, malicious=malicious, people=people
        )
        == reasons
    )


def test_reminders_start_on_day_three_and_move_to_the_final_report() -> None:
    found = D(2026, 12, 1)
    final = D(2026, 12, 31)

    def remind(today: dt.date, *, preliminary: bool = False, final_filed: bool = False) -> object:
        return rules.report_to_remind(
            today=today,
            discovered_on=found,
            preliminary_filed=preliminary,
            final_due_on=final,
            final_filed=final_filed,
        )

    assert remind(D(2026, 12, 3)) is None
    assert remind(D(2026, 12, 4)) == "preliminary"
    assert remind(D(2026, 12, 10)) == "preliminary"
    assert remind(D(2026, 12, 10), preliminary=True) is None
    assert remind(D(2026, 12, 24), preliminary=True) == "final"
    assert remind(D(2027, 1, 5), preliminary=True, final_filed=True) is None


# --- the service ---------------------------------------------------------------------------


def test_an_incident_stores_its_due_dates_and_is_audited(koga: Region, cast: Cast) -> None:
    made = incident(koga, cast)
    assert made.preliminary_due_on == D(2026, 12, 6)
    assert made.final_due_on == D(2026, 12, 31)
    with region_scope(koga):
        assert AuditEntry.objects.filter(action="breach.create", object_id=str(made.pk)).exists()


def test_the_people_affected_count_toward_the_thousand(koga: Region, cast: Cast) -> None:
    with region_scope(koga):
        person = ParticipantFactory.create(region=koga).person
    made = incident(koga, cast, person_ids=[person.pk], affected_count=1001)
    with region_scope(koga):
        view = selectors.breach_view(selectors.breach_get(incident_id=made.pk))
        assert [p.pk for p in selectors.affected_people(incident=made)] == [person.pk]
    assert view.people == 1001
    assert view.reasons == ["many"]
    assert view.reportable


# --- the API ---------------------------------------------------------------------------------


def test_operators_record_an_incident_by_api_and_read_its_deadlines(
    koga: Region, cast: Cast
) -> None:
    api = bearer_client(cast.user("operator"))
    response = api.post(
        "/api/v1/regions/koga/breaches",
        {
            "title": "不正アクセス",
            "discovered_at": "2026-12-01T09:00:00+09:00",
            "cause": "unauthorised_access",
            "malicious": True,
            "data_categories": ["name", "bank"],
            "affected_count": 40,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["preliminary_due_on"] == "2026-12-06"
    assert body["final_due_on"] == "2027-01-30"
    assert body["reportable_reasons"] == ["financial", "malicious"]
    assert body["reportable_suggested"] is True
    assert body["reportable"] is None
    listed = api.get("/api/v1/regions/koga/breaches").json()
    assert [row["id"] for row in listed] == [body["id"]]


def test_a_patch_changes_only_what_it_gives_and_moves_the_final_due_date(
    koga: Region, cast: Cast
) -> None:
    made = incident(koga, cast)
    api = bearer_client(cast.user("operator"))
    url = f"/api/v1/regions/koga/breaches/{made.pk}"
    response = api.patch(
        url,
        {"malicious": True, "preliminary_reported_on": "2026-12-03"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["final_due_on"] == "2027-01-30"
    assert body["preliminary_reported_on"] == "2026-12-03"
    assert body["title"] == "名簿の誤送信"
    assert body["data_categories"] == ["contact", "name"]
    with region_scope(koga):
        entry = AuditEntry.objects.get(action="breach.update")
    assert entry.changes["malicious"] == [False, True]
    assert entry.changes["final_due_on"] == ["2026-12-31", "2027-01-30"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"occurred_at": "2026-12-01T11:00:00+09:00"}, "occurred_at"),
        ({"discovered_at": "2026-12-05T09:00:00+09:00"}, "discovered_at"),
        ({"data_categories": ["shoe_size"]}, "data_categories"),
        ({"cause": "aliens"}, "cause"),
        ({"status": "forgotten"}, "status"),
        ({"final_reported_on": "2026-12-20"}, "preliminary_reported_on"),
        ({"people_notified_on": "2026-11-01"}, "people_notified_on"),
        ({"person_ids": [2147483647]}, "person_ids"),
    ],
)
def test_impossible_facts_are_refused_with_the_field_and_nothing_changes(
    koga: Region, cast: Cast, body: dict[str, object], field: str
) -> None:
    made = incident(koga, cast, discovered_at=NOW - dt.timedelta(hours=2))
    api = bearer_client(cast.user("operator"))
    response = api.patch(
        f"/api/v1/regions/koga/breaches/{made.pk}", body, content_type="application/json"
    )
    assert response.status_code == 422, response.content
    errors = response.json()
    assert field in str(errors)
    with region_scope(koga):
        assert not AuditEntry.objects.filter(action="breach.update").exists()


def test_a_person_of_another_region_cannot_be_named_as_affected(
    koga: Region, fukutsu: Region, cast: Cast
) -> None:
    with region_scope(fukutsu):
        elsewhere = ParticipantFactory.create(region=fukutsu).person
    response = bearer_client(cast.user("operator")).post(
        "/api/v1/regions/koga/breaches",
        {
            "title": "x",
            "discovered_at": "2026-12-01T09:00:00+09:00",
            "cause": "loss",
            "person_ids": [elsewhere.pk],
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    with region_scope(koga):
        assert not BreachIncident.objects.exists()


def test_a_moment_without_time_zone_is_read_as_japan_time(koga: Region, cast: Cast) -> None:
    response = bearer_client(cast.user("operator")).post(
        "/api/v1/regions/koga/breaches",
        {"title": "x", "discovered_at": "2026-12-01T08:00:00", "cause": "loss"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["discovered_at"].startswith("2026-11-30T23:00:00")


def test_the_city_gets_403_and_another_region_404(koga: Region, cast: Cast) -> None:
    made = incident(koga, cast)
    assert (
        bearer_client(cast.user("municipality")).get("/api/v1/regions/koga/breaches").status_code
        == 403
    )
    other = bearer_client(cast.user("operator", "fukutsu"))
    assert other.get(f"/api/v1/regions/koga/breaches/{made.pk}").status_code == 404
    assert other.get(f"/api/v1/regions/fukutsu/breaches/{made.pk}").status_code == 404


# --- the pages -------------------------------------------------------------------------------


def test_operators_record_an_incident_on_the_page(koga: Region, cast: Cast) -> None:
    operator = signed_in(cast, "operator")
    response = operator.post(
        reverse("privacy-breach-new", args=["koga"]),
        {
            "title": "USBメモリの紛失",
            "discovered_at": "2026-12-01T09:30",
            "cause": "loss",
            "data_categories": ["name", "sensitive"],
            "affected_count": "12",
            "status": "open",
        },
    )
    assert response.status_code == 302
    with region_scope(koga):
        made = BreachIncident.objects.get()
    assert made.preliminary_due_on == D(2026, 12, 6)
    detail = operator.get(response["Location"]).content.decode()
    assert "USBメモリの紛失" in detail
    assert "要配慮個人情報" in detail


def test_a_refused_form_says_why_and_stores_nothing(koga: Region, cast: Cast) -> None:
    response = signed_in(cast, "operator").post(
        reverse("privacy-breach-new", args=["koga"]),
        {
            "title": "x",
            "discovered_at": "2026-12-01T09:30",
            "occurred_at": "2026-12-01T09:45",
            "cause": "loss",
            "person_ids": "12, abc",
            "status": "open",
        },
    )
    assert response.status_code == 422
    assert "abc" in response.content.decode()
    with region_scope(koga):
        assert not BreachIncident.objects.exists()


def test_the_list_marks_overdue_reports(
    koga: Region, cast: Cast, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    incident(
        koga, cast, title="古い事案", discovered_at=NOW - dt.timedelta(days=10), malicious=True
    )
    incident(koga, cast, title="新しい事案", discovered_at=NOW - dt.timedelta(days=1))
    operator = signed_in(cast, "operator")
    url = reverse("privacy-breach-list", args=["koga"])
    operator.get(url)
    with django_assert_num_queries(5):
        html = operator.get(url).content.decode()
    assert html.count("期限超過") == 1
    assert "古い事案" in html
    assert "新しい事案" in html


def test_the_edit_form_keeps_the_incident_as_it_is(koga: Region, cast: Cast) -> None:
    with region_scope(koga):
        person = ParticipantFactory.create(region=koga).person
    made = incident(koga, cast, person_ids=[person.pk], reportable=True)
    operator = signed_in(cast, "operator")
    page = operator.get(reverse("privacy-breach-edit", args=["koga", made.pk]))
    assert page.status_code == 200
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {key: value for key, value in data.items() if value not in (None, False)}
    response = operator.post(reverse("privacy-breach-edit", args=["koga", made.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    with region_scope(koga):
        assert not AuditEntry.objects.filter(action="breach.update").exists()


# --- reminders and the dashboard -------------------------------------------------------------


def test_reminders_go_to_every_operator_in_their_language_once_a_day(
    koga: Region, cast: Cast
) -> None:
    MessageLanguage.objects.create(user=cast.user("operator"), language="en")
    incident(koga, cast, data_categories=["sensitive"], discovered_at=NOW - dt.timedelta(days=2))
    incident(koga, cast, title="軽微", discovered_at=NOW - dt.timedelta(days=4))
    assert breach_reminders_send.call(now=NOW.isoformat()) == 0
    day3 = (NOW + dt.timedelta(days=1)).isoformat()
    assert breach_reminders_send.call(now=day3) == 1
    assert breach_reminders_send.call(now=day3) == 0
    with scopes_disabled():
        [message] = OutboxMessage.objects.filter(kind="breach_report_due")
    assert message.user == cast.user("operator")
    assert message.language == "en"
    assert "preliminary report" in message.subject
    assert "/r/koga/privacy/breaches/" in message.link


def test_the_reminder_command_runs_for_a_given_moment(
    koga: Region, cast: Cast, capsys: pytest.CaptureFixture[str]
) -> None:
    incident(koga, cast, malicious=True, discovered_at=NOW - dt.timedelta(days=3))
    call_command("breach_reminders", now=NOW.isoformat())
    assert "breach incidents reminded: 1" in capsys.readouterr().out


def test_the_dashboard_queue_counts_incidents_awaiting_a_report_or_decision(
    koga: Region, cast: Cast
) -> None:
    incident(koga, cast)
    incident(koga, cast, reportable=False)
    incident(
        koga,
        cast,
        reportable=True,
        preliminary_reported_on=D(2026, 12, 1),
        final_reported_on=D(2026, 12, 1),
    )
    with region_scope(koga):
        assert selectors.breaches_awaiting_count() == 1
    html = signed_in(cast, "operator").get(reverse("dashboard", args=["koga"])).content.decode()
    assert "/r/koga/privacy/breaches/" in html


def test_the_demo_seeds_a_closed_and_an_open_incident_once(koga: Region, cast: Cast) -> None:
    from sousei.privacy.demo import seed_privacy

    with region_scope(koga):
        assert seed_privacy(region=koga, operator=cast.user("operator")).incidents == 2
        assert seed_privacy(region=koga, operator=cast.user("operator")).incidents == 0
        views = selectors.breach_list()
        assert [v.reportable for v in views] == [True, False]
        assert selectors.breaches_awaiting_count() == 1
