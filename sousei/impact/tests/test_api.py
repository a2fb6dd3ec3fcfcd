"""The impact API beyond the summary: per-person rows, setting KPI targets and the comparison
across regions — each with the values it must answer and the callers it refuses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.test import Client
from django.utils import timezone

from conftest import Cast, bearer_client
from sousei.core import clock
from sousei.core.models import AuditEntry, Membership, Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope, scopes_disabled
from sousei.core.tests.factories import UserFactory
from sousei.impact import selectors
from sousei.impact.models import KpiTarget
from sousei.impact.services import outcome_records_rebuild
from sousei.impact.tests import factories as made
from sousei.people.models import CONSENT_WORDING_VERSION, Consent, ConsentPurpose

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def today() -> Iterator[dt.date]:
    with clock.frozen_at(timezone.make_aware(dt.datetime(2026, 12, 1, 9))):
        yield D(2026, 12, 1)


def test_people_rows_the_operator_sees_everyone_the_city_only_who_shares(
    koga: Region, cast: Cast
) -> None:
    with region_scope(koga):
        sharing = made.participant(koga, applied_on=D(2026, 4, 1), birth_date=D(1990, 1, 1))
        made.enrolment(koga, sharing, start=D(2026, 5, 1), withdrawn_on=D(2026, 6, 1))
        silent = made.participant(koga, applied_on=D(2026, 4, 3))
        Consent.objects.create(
            region=koga,
            person_id=sharing.person_id,
            purpose=ConsentPurpose.SHARE_WITH_MUNICIPALITY,
            granted=True,
            wording_version=CONSENT_WORDING_VERSION,
        )
        outcome_records_rebuild(region=koga, actor=None)
    operator = bearer_client(cast.user("operator")).get("/api/v1/regions/koga/impact/people")
    assert operator.status_code == 200
    assert [row["participant_id"] for row in operator.json()] == [sharing.pk, silent.pk]
    city = bearer_client(cast.user("municipality")).get("/api/v1/regions/koga/impact/people")
    assert city.json() == [
        {
            "participant_id": sharing.pk,
            "applied_on": "2026-04-01",
            "completed_on": None,
            "left_early_on": "2026-06-01",
            "left_early_for_job": False,
            "employed_on": None,
            "employment_insured": None,
            "age_at_completion": 36,
            "baseline_monthly_income_jpy": 120_000,
            "monthly_earnings_jpy": None,
            "staying_6m": None,
            "staying_12m": None,
        }
    ]
    other = bearer_client(cast.user("municipality")).get("/api/v1/regions/fukutsu/impact/people")
    assert other.status_code == 404
    for role in ("participant", "client", "candidate", "trainer"):
        client = bearer_client(cast.user(role))
        assert client.get("/api/v1/regions/koga/impact/people").status_code == 403


def test_the_city_sets_kpi_targets_through_the_service_and_it_is_audited(
    koga: Region, cast: Cast
) -> None:
    city = bearer_client(cast.user("municipality"))
    url = "/api/v1/regions/koga/kpi-targets/2026"
    body = {"targets": [{"code": "employment_rate_mhlw", "target": 70}]}
    answer = city.put(url, body, content_type="application/json")
    assert answer.status_code == 200, answer.content
    assert answer.json() == {
        "region": "koga",
        "fiscal_year": 2026,
        "targets": [
            {"code": "employment_rate_mhlw", "label": "就職率（厚生労働省の定義、%）", "target": 70}
        ],
    }
    operator = bearer_client(cast.user("operator"))
    body = {
        "targets": [{"code": "completers", "target": 30}, {"code": "retention_12m", "target": 90}]
    }
    answer = operator.put(url, body, content_type="application/json")
    assert [(t["code"], t["target"]) for t in answer.json()["targets"]] == [
        ("completers", 30),
        ("employment_rate_mhlw", 70),
        ("retention_12m", 90),
    ]
    with region_scope(koga):
        assert KpiTarget.objects.get(fiscal_year=2026, code="completers").set_by == cast.user(
            "operator"
        )
        audited = list(
            AuditEntry.objects.filter(action="kpi_targets.set")
            .order_by("id")
            .values_list("actor__username", "changes")
        )
    assert audited == [
        (
            cast.user("municipality").username,
            {"fiscal_year": 2026, "employment_rate_mhlw": [None, 70]},
        ),
        (
            cast.user("operator").username,
            {"fiscal_year": 2026, "completers": [None, 30], "retention_12m": [None, 90]},
        ),
    ]
    # Out of range or unknown: 422, nothing written.
    assert (
        city.put(
            "/api/v1/regions/koga/kpi-targets/1999", body, content_type="application/json"
        ).status_code
        == 422
    )
    unknown = {"targets": [{"code": "happiness", "target": 1}]}
    assert city.put(url, unknown, content_type="application/json").status_code == 422
    negative = {"targets": [{"code": "completers", "target": -1}]}
    assert city.put(url, negative, content_type="application/json").status_code == 422
    with region_scope(koga):
        assert KpiTarget.objects.filter(fiscal_year=1999).count() == 0
        assert KpiTarget.objects.get(fiscal_year=2026, code="completers").target == 30
    assert (
        city.put(
            "/api/v1/regions/fukutsu/kpi-targets/2026", body, content_type="application/json"
        ).status_code
        == 404
    )
    for role in ("participant", "client", "candidate"):
        refused = bearer_client(cast.user(role)).put(url, body, content_type="application/json")
        assert refused.status_code == 403


def enrolled(region: Region, count: int) -> None:
    with region_scope(region):
        for n in range(count):
            who = made.participant(region, applied_on=D(2026, 5, 1 + n))
            made.enrolment(region, who, start=D(2026, 6, 1))
        outcome_records_rebuild(region=region, actor=None)


def test_the_comparison_answers_the_regions_the_caller_may_compare_and_is_audited(
    koga: Region, fukutsu: Region, cast: Cast
) -> None:
    enrolled(koga, 2)
    enrolled(fukutsu, 4)
    both = UserFactory.create()
    for region in (koga, fukutsu):
        with scopes_disabled():
            Membership.objects.create(region=region, user=both, role=Role.OPERATOR)
    answer = bearer_client(both).get("/api/v1/impact/comparison?from=2026-04-01&to=2027-03-31")
    assert answer.status_code == 200
    body = answer.json()
    assert body["fiscal_year"] == 2026
    rows = {row["region"]: row for row in body["regions"]}
    # By municipality code.
    assert [row["code"] for row in body["regions"]] == sorted([koga.code, fukutsu.code])
    # Small groups are hidden even for operators across regions.
    assert rows["koga"]["figures"]["funnel"]["applied"] is None
    assert "funnel.applied" in rows["koga"]["figures"]["suppressed"]
    assert rows["fukutsu"]["figures"]["funnel"]["enrolled"] == 4
    assert rows["fukutsu"]["code"] == fukutsu.code
    # A year without kept figures lists the regions with none.
    empty = bearer_client(both).get("/api/v1/impact/comparison?from=2020-04-01").json()
    assert [row["figures"] for row in empty["regions"]] == [None, None]
    with scopes_disabled():
        audited = sorted(
            AuditEntry.objects.filter(action="impact.compare", actor=both).values_list(
                "region__slug", "changes__fiscal_year"
            )
        )
    assert audited == [("fukutsu", 2020), ("fukutsu", 2026), ("koga", 2020), ("koga", 2026)]
    # The city of Koga compares only itself until both regions opt in.
    city = bearer_client(cast.user("municipality")).get("/api/v1/impact/comparison").json()
    assert [row["region"] for row in city["regions"]] == ["koga"]
    assert city["fiscal_year"] == 2026
    for role in ("participant", "client", "candidate", "trainer"):
        refused = bearer_client(cast.user(role)).get("/api/v1/impact/comparison")
        assert refused.status_code == 403
    across = bearer_client(both).get("/api/v1/impact/comparison?from=2026-04-01&to=2027-04-01")
    assert across.status_code == 422
    assert Client().get("/api/v1/impact/comparison").status_code == 401
    assert selectors.comparable_regions(user=cast.user("participant")) == []
