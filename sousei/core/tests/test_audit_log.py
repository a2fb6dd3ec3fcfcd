"""The audit log, on its page, in the API and as CSV: filtered by who, which record, what
and when; bad filters refused cleanly; the export itself audited."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from conftest import Cast, bearer_client
from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.models import AuditEntry, Region
from sousei.core.scoping import region_scope
from sousei.hiring.tests.factories import apply, opening
from sousei.people.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

TOKYO = ZoneInfo("Asia/Tokyo")


def at(day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, tzinfo=TOKYO)


@pytest.fixture
def trail(koga: Region, fukutsu: Region, cast: Cast) -> dict[str, AuditEntry]:
    """Entries by two operators on three days, and one in Fukutsu."""
    operator, space_manager = cast.user("operator"), cast.user("space_manager")
    entries: dict[str, AuditEntry] = {}
    with region_scope(koga):
        for name, actor, action, obj, moment in (
            ("grant", operator, "membership.grant", koga, at(1, 9)),
            ("late_night", space_manager, "region.create", koga, at(1, 23)),
            ("next_day", space_manager, "membership.grant", koga, at(2, 0)),
            ("formula", operator, "organization.join", koga, at(3)),
        ):
            with clock.frozen_at(moment):
                entries[name] = audit_record(
                    region=koga,
                    actor=actor,
                    action=action,
                    obj=obj,
                    changes={"note": '=HYPERLINK("http://x")'} if name == "formula" else {},
                )
    with region_scope(fukutsu), clock.frozen_at(at(1)):
        entries["fukutsu"] = audit_record(
            region=fukutsu,
            actor=cast.user("operator", "fukutsu"),
            action="membership.grant",
            obj=fukutsu,
        )
    return entries


def operator_client(cast: Cast) -> Client:
    client = Client()
    client.force_login(cast.user("operator"))
    return client


def api_ids(cast: Cast, query: str) -> list[int]:
    """The ids the API answers, leaving out the entries of the tokens the test's own calls
    are issued (token issue is audited too, at the real time)."""
    response = bearer_client(cast.user("operator")).get(
        f"/api/v1/regions/koga/audit-entries?{query}"
    )
    assert response.status_code == 200, response.content
    with region_scope(Region.objects.get(slug="koga")):
        tokens = set(
            AuditEntry.objects.filter(action__startswith="api_token.").values_list("pk", flat=True)
        )
    return [row["id"] for row in response.json()["results"] if row["id"] not in tokens]


def test_the_api_filters_by_actor(cast: Cast, trail: dict[str, AuditEntry]) -> None:
    assert api_ids(cast, "actor=space_manager-koga") == [
        trail["next_day"].pk,
        trail["late_night"].pk,
    ]
    assert api_ids(cast, "actor=nobody") == []


def test_the_api_filters_by_action_record_and_days(
    cast: Cast, koga: Region, trail: dict[str, AuditEntry]
) -> None:
    assert api_ids(cast, "action=membership.grant") == [trail["next_day"].pk, trail["grant"].pk]
    assert api_ids(cast, f"object_type=core.region&object_id={koga.pk}") == [
        e.pk for e in (trail["formula"], trail["next_day"], trail["late_night"], trail["grant"])
    ]
    # Days are Japan's: 23:00 on the 1st is the 1st, midnight on the 2nd the 2nd.
    assert api_ids(cast, "date_from=2026-12-01&date_to=2026-12-01") == [
        trail["late_night"].pk,
        trail["grant"].pk,
    ]
    assert api_ids(cast, "date_from=2026-12-02") == [trail["formula"].pk, trail["next_day"].pk]


@pytest.mark.parametrize(
    "query",
    [
        "date_from=9999-99-99",
        "date_from=0001-01-01",
        "date_to=9999-12-31",
        "date_from=2026-12-02&date_to=2026-12-01",
        "actor=a%00b",
        "object_id=%00",
        "action=no.such.action",
        "object_type=%00",
    ],
)
def test_bad_filters_get_a_422_in_the_api_and_on_the_page(
    cast: Cast, trail: dict[str, AuditEntry], query: str
) -> None:
    response = bearer_client(cast.user("operator")).get(
        f"/api/v1/regions/koga/audit-entries?{query}"
    )
    assert response.status_code == 422, response.content
    assert response.json()["detail_ja"]
    client = operator_client(cast)
    for path in ("/r/koga/audit/", "/r/koga/audit/export.csv"):
        page = client.get(f"{path}?{query}")
        assert page.status_code == 422
        assert "field--error" in page.content.decode()


def test_an_out_of_range_day_says_which_days_are_allowed(
    cast: Cast, trail: dict[str, AuditEntry]
) -> None:
    response = bearer_client(cast.user("operator")).get(
        "/api/v1/regions/koga/audit-entries?date_from=0001-01-01",
        headers={"accept-language": "en"},
    )
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "date_from"
    assert "2000-01-01" in error["message_en"]


def test_the_page_filters_and_keeps_its_filter_on_the_next_pages(
    cast: Cast, trail: dict[str, AuditEntry], settings: Any
) -> None:
    settings.SOUSEI_API_PAGE_SIZE = 1
    page = operator_client(cast).get("/r/koga/audit/?actor=space_manager-koga")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'href="?actor=space_manager-koga"' in html
    assert 'href="?actor=operator-koga"' not in html
    assert "?actor=space_manager-koga&amp;page=2" in html
    assert 'href="/r/koga/audit/export.csv?actor=space_manager-koga"' in html


def test_the_page_reads_a_constant_number_of_queries(
    cast: Cast, koga: Region, trail: dict[str, AuditEntry], django_assert_num_queries: Any
) -> None:
    client = operator_client(cast)
    client.get("/r/koga/audit/")  # warm the session and the caches

    def queries_for(count: int) -> None:
        with region_scope(koga):
            for _ in range(count):
                audit_record(
                    region=koga, actor=cast.user("trainer"), action="region.create", obj=koga
                )

    # session, user, region, memberships, count, page ids, page rows
    with django_assert_num_queries(7):
        assert client.get("/r/koga/audit/?action=region.create").status_code == 200
    queries_for(20)
    with django_assert_num_queries(7):
        assert client.get("/r/koga/audit/?action=region.create").status_code == 200


def test_the_api_reads_a_constant_number_of_queries(
    cast: Cast, koga: Region, trail: dict[str, AuditEntry], django_assert_num_queries: Any
) -> None:
    client = bearer_client(cast.user("operator"))
    with region_scope(koga):
        for _ in range(20):
            audit_record(region=koga, actor=cast.user("trainer"), action="region.create", obj=koga)
    # token (and its use), region, memberships, count, page ids, page rows
    with django_assert_num_queries(7):
        response = client.get("/api/v1/regions/koga/audit-entries?actor=trainer-koga")
    assert response.json()["count"] == 20


def test_the_csv_holds_the_filtered_entries_escaped_and_is_audited(
    cast: Cast, koga: Region, trail: dict[str, AuditEntry]
) -> None:
    with clock.frozen_at(at(4)):
        response = operator_client(cast).get("/r/koga/audit/export.csv?actor=operator-koga")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == [
        "at",
        "actor",
        "action",
        "action_label",
        "object_type",
        "object_id",
        "details",
    ]
    # The export's own entry (written before the rows are read), then the two by the operator.
    assert [row[2] for row in rows[1:]] == ["audit.export", "organization.join", "membership.grant"]
    formula = rows[2]
    assert formula[6].startswith("{")  # JSON, not a formula
    assert rows[3][0] == "2026-12-01T09:00:00+09:00"
    with region_scope(koga):
        export = AuditEntry.objects.get(action="audit.export")
    assert export.actor == cast.user("operator")
    assert export.object_type == "core.region"
    assert export.changes == {
        "filters": {"actor": "operator-koga"},
        "rows": 2,
        "format": "csv",
    }


def test_a_username_that_looks_like_a_formula_is_escaped_in_the_csv(
    cast: Cast, koga: Region
) -> None:
    evil = cast.user("trainer")
    evil.username = "=cmd|' /C calc'!A0"
    evil.save()
    with region_scope(koga):
        audit_record(region=koga, actor=evil, action="region.create", obj=koga)
    response = operator_client(cast).get("/r/koga/audit/export.csv?action=region.create")
    body = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[1][1] == "'=cmd|' /C calc'!A0"


def test_other_regions_entries_never_show(cast: Cast, trail: dict[str, AuditEntry]) -> None:
    assert trail["fukutsu"].pk not in api_ids(cast, "action=membership.grant")
    assert api_ids(cast, "actor=operator-fukutsu") == []


def test_the_page_reads_changes_as_words_not_codes(koga: Region, cast: Cast) -> None:
    with region_scope(koga):
        candidacy = apply(opening(koga))
        audit_record(
            region=koga,
            actor=cast.user("operator"),
            action="candidacy.move",
            obj=candidacy,
            changes={"stage": ["interview_1", "offer"], "reason": ""},
        )
        application = ApplicationFactory.create(region=koga)
        audit_record(
            region=koga,
            actor=cast.user("operator"),
            action="application.accept",
            obj=application,
            changes={"from": "submitted", "to": "accepted", "decided_on": "2026-12-03"},
        )
    page = operator_client(cast).get("/r/koga/audit/").content.decode()
    assert "interview_1" not in page
    assert "[&#x27;" not in page
    assert "一次面接 → 内定" in page
    assert "submitted" not in page
    assert "2026年12月3日(木)" in page
