"""The impact page: the figures the API gives, drawn for the city and the operator — graded
KPIs, the funnel, income before and after, the monthly chart — small groups shown as x to
the city, a bad period explained, a fixed number of queries, and nobody else let in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from conftest import Cast
from sousei.core import clock
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.impact.services import kpi_targets_set
from sousei.impact.tests.factories import completed_cohort

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def today() -> Iterator[dt.date]:
    with clock.frozen_at(timezone.make_aware(dt.datetime(2027, 2, 15, 9))):
        yield D(2027, 2, 15)


def url(region: Region, query: str = "") -> str:
    return reverse("impact-page", kwargs={"slug": region.slug}) + query


def signed_in(cast: Cast, role: str) -> Client:
    client = Client()
    client.force_login(cast.user(role))
    return client


@pytest.fixture
def graded(koga: Region, cast: Cast) -> Region:
    """Five completed in FY2026, two of them placed on paid work; targets for both."""
    with region_scope(koga):
        completed_cohort(koga, completers=5, placed=2)
        kpi_targets_set(
            region=koga,
            fiscal_year=2026,
            targets={"completers": 6, "placed": 3, "employment_rate_mhlw": 70},
            actor=cast.user("operator"),
        )
    return koga


def test_the_city_sees_grades_charts_and_small_groups_hidden(graded: Region, cast: Cast) -> None:
    page = signed_in(cast, "municipality").get(url(graded))
    assert page.status_code == 200
    html = page.content.decode()
    assert "効果検証" in html
    assert "2026年度のKPI" in html
    # 5 of 6 completers: ○; the 2 placed are hidden from the city, and so is their grade.
    assert "○" in html
    assert "◎" in html
    assert html.count('class="hidden-figure"') >= 2
    assert "秘匿" in html
    # The funnel's and income's bars and the month-by-month chart are drawn on the server.
    assert 'aria-labelledby="funnel-completed"' in html
    assert 'id="wages-chart-title"' in html
    assert "<svg" in html
    assert "¥100,000" in html  # the median income before
    assert "¥150,000" in html  # … and after


def test_the_operator_sees_the_exact_figures(graded: Region, cast: Cast) -> None:
    html = signed_in(cast, "operator").get(url(graded)).content.decode()
    assert 'class="hidden-figure"' not in html
    assert "すべての数値が正確に表示されます" in html
    # The two placed on paid work, hidden from the city, are counted for the operator.
    assert 'value="2" aria-labelledby="funnel-placed"' in html


def test_a_period_and_the_cohort_basis_are_read_from_the_query(graded: Region, cast: Cast) -> None:
    client = signed_in(cast, "operator")
    html = client.get(url(graded, "?from=2025-04-01&to=2026-03-31")).content.decode()
    # Nothing happened in FY2025: the funnel is empty and the KPIs are FY2025's (none set).
    assert "2025年4月1日" in html
    assert "2025年度のKPI" in html
    cohort = client.get(url(graded, "?from=2026-04-01&to=2027-03-31&cohort=1")).content.decode()
    assert "期間内に申込した人の到達段階" in cohort
    assert "期間内に進んだ段階" not in cohort


def test_a_backwards_period_is_explained_and_the_default_shown(graded: Region, cast: Cast) -> None:
    page = signed_in(cast, "municipality").get(url(graded, "?from=2027-01-01&to=2026-04-01"))
    assert page.status_code == 422
    html = page.content.decode()
    assert "期間の終わりが始まりより前です" in html
    assert "2026年4月1日" in html  # this fiscal year to date instead


@pytest.mark.parametrize("query", ["?from=9999-01-01", "?to=x%00y", "?cohort=maybe", "?from="])
def test_hostile_periods_never_break_the_page(graded: Region, cast: Cast, query: str) -> None:
    assert signed_in(cast, "municipality").get(url(graded, query)).status_code in (200, 422)


def test_the_page_is_a_fixed_number_of_queries(
    koga: Region, cast: Cast, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    client = signed_in(cast, "municipality")
    with region_scope(koga):
        completed_cohort(koga, completers=3, placed=3)
    client.get(url(koga))
    with django_assert_max_num_queries(16) as few:
        client.get(url(koga))
    with region_scope(koga):
        completed_cohort(koga, completers=40, placed=20, first_id=100)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url(koga)).status_code == 200


def test_only_operators_and_the_city_of_the_region_see_it(
    koga: Region, fukutsu: Region, cast: Cast
) -> None:
    for role in ("participant", "client", "candidate", "trainer"):
        assert signed_in(cast, role).get(url(koga)).status_code == 403
    assert signed_in(cast, "municipality").get(url(fukutsu)).status_code == 404
    anonymous = Client().get(url(koga))
    assert anonymous.status_code == 302
    assert "/login/" in anonymous["Location"]


def test_the_city_sets_this_years_targets_and_sees_them_graded(koga: Region, cast: Cast) -> None:
    client = signed_in(cast, "municipality")
    targets = reverse("impact-targets", kwargs={"slug": "koga", "year": 2026})
    form = client.get(targets)
    assert form.status_code == 200
    assert "研修修了者数" in form.content.decode()
    saved = client.post(
        targets, {"targets": "1", "kpi-completers": "30", "kpi-retention_12m": "90"}
    )
    assert saved.status_code == 302
    with region_scope(koga):
        from sousei.impact import selectors

        assert {t.code: t.target for t in selectors.kpi_targets(fiscal_year=2026)} == {
            "completers": 30,
            "retention_12m": 90,
        }
    # A rate above 100 %, a negative count and text are refused with a reason; nothing is saved.
    refused = client.post(
        targets, {"targets": "1", "kpi-completers": "-1", "kpi-retention_12m": "120"}
    )
    assert refused.status_code == 422
    html = refused.content.decode()
    assert "目標は0以上の整数です" in html
    assert "率は100パーセントまでです" in html
    with region_scope(koga):
        assert selectors.kpi_targets(fiscal_year=2026)[0].target == 30


def test_a_past_years_targets_are_kept_as_they_were_set(koga: Region, cast: Cast) -> None:
    client = signed_in(cast, "operator")
    past = reverse("impact-targets", kwargs={"slug": "koga", "year": 2025})
    assert "kpi-completers" not in client.get(past).content.decode()
    client.post(past, {"targets": "1", "kpi-completers": "5"})
    with region_scope(koga):
        from sousei.impact.models import KpiTarget

        assert not KpiTarget.objects.filter(fiscal_year=2025).exists()
    far = reverse("impact-targets", kwargs={"slug": "koga", "year": 99999})
    assert client.get(far).status_code == 404


def test_the_grading_lines_must_keep_their_order(koga: Region, cast: Cast) -> None:
    client = signed_in(cast, "operator")
    targets = reverse("impact-targets", kwargs={"slug": "koga", "year": 2026})
    wrong = client.post(
        targets, {"rule": "1", "rule-achieved_percent": "80", "rule-good_percent": "90"}
    )
    assert wrong.status_code == 422
    assert "○の基準は◎の基準より低く" in wrong.content.decode()
    assert (
        client.post(
            targets, {"rule": "1", "rule-achieved_percent": "100", "rule-good_percent": "70"}
        ).status_code
        == 302
    )
    with region_scope(koga):
        from sousei.impact import selectors

        assert selectors.grade_thresholds() == (100, 70)


def test_the_office_follows_up_a_residence_check_by_phone(
    koga: Region, fukutsu: Region, cast: Cast
) -> None:
    from sousei.impact.models import CheckAnswerVia, ResidenceCheck, Track
    from sousei.people.tests.factories import PersonFactory

    with region_scope(koga):
        person = PersonFactory.create(region=koga, family_name="安部", given_name="雄一")
        check = ResidenceCheck.objects.create(
            region=koga,
            person=person,
            track=Track.PROGRAM,
            source_id=person.pk,
            months=12,
            due_on=D(2027, 1, 10),
        )
    client = signed_in(cast, "operator")
    listed = client.get(reverse("impact-residence-checks", kwargs={"slug": "koga"}))
    html = listed.content.decode()
    assert "安部 雄一" in html
    assert "2027年1月10日" in html
    record = reverse("impact-residence-record", kwargs={"slug": "koga", "check_id": check.pk})
    assert client.post(record, {"lives_in_region": "maybe"}).status_code == 422
    assert client.post(record, {"lives_in_region": "yes"}).status_code == 302
    check.refresh_from_db()
    assert check.lives_in_region is True
    assert check.answered_via == CheckAnswerVia.OPERATOR
    assert (
        "安部 雄一"
        not in client.get(
            reverse("impact-residence-checks", kwargs={"slug": "koga"})
        ).content.decode()
    )
    # The city reads figures, not people's checks; another region's check is not there.
    assert signed_in(cast, "municipality").get(record).status_code == 403
    other = reverse("impact-residence-record", kwargs={"slug": "fukutsu", "check_id": check.pk})
    fukutsu_office = Client()
    fukutsu_office.force_login(cast.user("operator", "fukutsu"))
    assert fukutsu_office.get(other).status_code == 404


def test_an_operator_of_two_regions_compares_them_and_the_read_is_audited(
    koga: Region, fukutsu: Region, cast: Cast
) -> None:
    from sousei.core.models import AuditEntry, Membership
    from sousei.core.roles import Role
    from sousei.core.scoping import cross_region
    from sousei.impact.services import outcome_records_rebuild, region_figures_refresh

    operator = cast.user("operator")
    Membership.objects.create(user=operator, region=fukutsu, role=Role.OPERATOR)
    with region_scope(koga):
        completed_cohort(koga, completers=5, placed=2)
        outcome_records_rebuild(region=koga, actor=None)
        region_figures_refresh(region=koga)
    client = Client()
    client.force_login(operator)
    page = client.get(reverse("impact-comparison") + "?year=2026")
    assert page.status_code == 200
    html = page.content.decode()
    assert "古賀市" in html
    assert "福津市" in html
    assert "この年度の集計はまだありません" in html  # Fukutsu has no figures yet
    # Small groups are hidden here for operators too: the 2 placed are x.
    assert 'class="hidden-figure"' in html
    with cross_region("the test reads both regions' audit logs"):
        assert AuditEntry.objects.filter(action="impact.compare").count() == 2
    # A participant compares nothing; a hostile year falls back to this year.
    assert signed_in(cast, "participant").get(reverse("impact-comparison")).status_code == 403
    assert client.get(reverse("impact-comparison") + "?year=99999999999").status_code == 200


def test_the_city_opts_in_to_benchmarking_and_it_is_audited(koga: Region, cast: Cast) -> None:
    from sousei.core.models import AuditEntry
    from sousei.impact import selectors

    client = signed_in(cast, "municipality")
    targets = reverse("impact-targets", kwargs={"slug": "koga", "year": 2026})
    assert client.post(targets, {"benchmarking": "1", "bench-opted_in": "on"}).status_code == 302
    with region_scope(koga):
        assert selectors.benchmarking_opted_in()
        assert AuditEntry.objects.filter(action="benchmarking.set").count() == 1
    client.post(targets, {"benchmarking": "1"})
    with region_scope(koga):
        assert not selectors.benchmarking_opted_in()


def test_the_city_lists_only_the_people_who_share_with_it_and_exports_them(
    koga: Region, cast: Cast
) -> None:
    from sousei.core.models import AuditEntry
    from sousei.impact.models import OutcomeRecord
    from sousei.people.models import CONSENT_WORDING_VERSION, Consent, ConsentPurpose

    with region_scope(koga):
        completed_cohort(koga, completers=3, placed=0)
        sharing = OutcomeRecord.objects.order_by("source_id").first()
        assert sharing is not None
        OutcomeRecord.objects.filter(pk=sharing.pk).update(participant_id=sharing.source_id)
        OutcomeRecord.objects.exclude(pk=sharing.pk).update(participant_id=999)
        Consent.objects.create(
            region=koga,
            person_id=sharing.person_id,
            purpose=ConsentPurpose.SHARE_WITH_MUNICIPALITY,
            granted=True,
            wording_version=CONSENT_WORDING_VERSION,
        )
    city = signed_in(cast, "municipality")
    html = city.get(reverse("impact-people", kwargs={"slug": "koga"})).content.decode()
    assert "1名" in html
    csv = city.get(reverse("impact-people-csv", kwargs={"slug": "koga"}))
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("参加者番号,申込日,修了日")
    assert len(lines) == 2
    operator = signed_in(cast, "operator")
    assert "3名" in operator.get(reverse("impact-people", kwargs={"slug": "koga"})).content.decode()
    with region_scope(koga):
        assert AuditEntry.objects.filter(action="impact.people_export").count() == 1
