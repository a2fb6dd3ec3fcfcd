"""One operator company running programs in many regions: its staff see the regions where
they hold a role, switch between them (the region switcher), and see the programs side by
side (/programs/) in a fixed number of queries. Employer staff act for one organisation."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.utils import translation

from conftest import Cast
from sousei.core.access import region_reader
from sousei.core.models import Membership, Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.core.services import membership_grant
from sousei.core.tests.factories import (
    RegionFactory,
    UserFactory,
    employer_company,
    operator_company,
)
from sousei.hiring.tests.factories import apply, media, opening  # noqa: F401 (fixture)
from sousei.people.tests.factories import ApplicationFactory


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def area_operator(koga: Region, fukutsu: Region) -> Any:
    """Staff of the operator company with an operator role in Koga and in Fukutsu."""
    user = UserFactory.create(username="operator-miraiworks")
    for region in (koga, fukutsu):
        with region_scope(region):
            membership_grant(
                region=region,
                user=user,
                role=Role.OPERATOR,
                organization=operator_company(region),
            )
    return user


# --- employer staff ------------------------------------------------------------------------


def test_employer_staff_must_name_their_organisation(koga: Region) -> None:
    user = UserFactory.create(username="employer-without-company")
    with region_scope(koga), pytest.raises(ValidationError) as error:
        membership_grant(region=koga, user=user, role=Role.EMPLOYER)
    assert error.value.error_dict["organization"][0].code == "required"


def test_the_reader_knows_the_companies_employer_staff_act_for(
    koga: Region, fukutsu: Region, cast: Cast
) -> None:
    request = RequestFactory().get("/")
    request.user = cast.user("employer")
    assert region_reader(request, koga).employers == frozenset({employer_company(koga).pk})
    # Their organisation in another region counts nowhere else.
    assert region_reader(request, fukutsu).employers == frozenset()
    request = RequestFactory().get("/")
    request.user = cast.user("operator")
    assert region_reader(request, koga).employers == frozenset()


# --- the region switcher -------------------------------------------------------------------

SWITCH = Template('{% include "core/_region_switch.html" %}')


def _switcher(user: Any, path: str, region: Region | None) -> str:
    from django.urls import resolve

    request = RequestFactory().get(path)
    request.user = user
    request.resolver_match = resolve(path)
    if region is not None:
        request.region = region  # type: ignore[attr-defined]
    # Rendered outside a request: in Japanese whatever an earlier test left active.
    with translation.override("ja"):
        return SWITCH.render(Context({"request": request, "current_region": region}))


def test_the_switcher_lists_the_regions_where_one_holds_a_role(
    koga: Region, fukutsu: Region, area_operator: Any
) -> None:
    RegionFactory.create(code="40220", slug="munakata", name_ja="宗像市", name_en="Munakata")
    html = _switcher(area_operator, "/r/koga/hiring/openings/", koga)
    assert "古賀市" in html
    assert "福津市" in html
    assert "宗像市" not in html  # no role there
    # The same list page in the other region, where the roles are the same.
    assert 'href="/r/fukutsu/hiring/openings/"' in html
    assert 'href="/r/koga/hiring/openings/" aria-current="true"' in html
    assert 'href="/programs/"' in html


def test_the_switcher_goes_to_the_dashboard_from_an_objects_page(
    koga: Region, fukutsu: Region, area_operator: Any
) -> None:
    html = _switcher(area_operator, "/r/koga/hiring/openings/1/", koga)
    assert 'href="/r/fukutsu/dashboard/"' in html


def test_the_switcher_goes_to_the_dashboard_where_the_roles_differ(
    koga: Region, fukutsu: Region, cast: Cast
) -> None:
    trainer = cast.user("operator")
    Membership.objects.create(region=fukutsu, user=trainer, role=Role.TRAINER)
    html = _switcher(trainer, "/r/koga/applications/", koga)
    assert 'href="/r/fukutsu/dashboard/"' in html
    assert 'href="/r/fukutsu/applications/"' not in html


def test_the_switcher_is_absent_for_one_region(koga: Region, cast: Cast) -> None:
    assert _switcher(cast.user("operator"), "/r/koga/hiring/openings/", koga).strip() == ""


def test_one_session_switches_between_the_regions(
    koga: Region, fukutsu: Region, area_operator: Any
) -> None:
    client = signed_in(area_operator)
    assert client.get("/r/koga/dashboard/").status_code == 200
    assert client.get("/r/fukutsu/dashboard/").status_code == 200
    assert client.get("/r/koga/applications/").status_code == 200


# --- the programs side by side -------------------------------------------------------------


@pytest.mark.usefixtures("media")
def test_the_programs_page_shows_each_regions_figures(
    koga: Region, fukutsu: Region, area_operator: Any
) -> None:
    with region_scope(koga):
        ApplicationFactory.create_batch(3, region=koga)
        apply(opening(koga))
    with region_scope(fukutsu):
        ApplicationFactory.create(region=fukutsu)
    page = signed_in(area_operator).get("/programs/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "株式会社ミライワークス" in body
    rows = body.split("<tbody>")[1].split("</tr>")
    koga_row = next(r for r in rows if "古賀市" in r)
    fukutsu_row = next(r for r in rows if "福津市" in r)
    cells = [c.split(">")[1] for c in koga_row.split('<td class="num"')[1:]]
    assert [c.split("<")[0] for c in cells] == ["3", "3", "0", "1", "1", "0"]
    cells = [c.split(">")[1] for c in fukutsu_row.split('<td class="num"')[1:]]
    assert [c.split("<")[0] for c in cells] == ["1", "1", "0", "0", "0", "0"]
    assert 'href="/r/fukutsu/dashboard/"' in body


def test_the_programs_page_leaves_out_regions_without_an_operator_role(
    koga: Region, fukutsu: Region, cast: Cast
) -> None:
    operator = cast.user("operator")
    Membership.objects.create(region=fukutsu, user=operator, role=Role.TRAINER)
    body = signed_in(operator).get("/programs/").content.decode()
    # The table of programs; the header's region switcher lists every region with a role.
    table = body[body.index("<table") : body.index("</table>")]
    assert "古賀市" in table
    assert "福津市" not in table


def test_the_programs_page_is_for_operators(cast: Cast) -> None:
    for role in (Role.EMPLOYER, Role.MUNICIPALITY, Role.CANDIDATE):
        assert signed_in(cast.user(role)).get("/programs/").status_code == 403
    assert signed_in(cast.outsider).get("/programs/").status_code == 403
    assert Client().get("/programs/").status_code == 302


def test_the_programs_page_reads_the_same_queries_for_more_regions(
    koga: Region, fukutsu: Region, area_operator: Any, django_assert_num_queries: Any
) -> None:
    client = signed_in(area_operator)
    client.get("/programs/")
    # The page's 7, and the header's region switcher (the regions, the operator check).
    with django_assert_num_queries(9) as two:
        client.get("/programs/")
    for n, slug in enumerate(("munakata", "koga-2", "koga-3")):
        region = RegionFactory.create(code=f"4022{n}", slug=slug, name_ja=slug, name_en=slug)
        with region_scope(region):
            membership_grant(region=region, user=area_operator, role=Role.OPERATOR)
    with django_assert_num_queries(len(two.captured_queries)):
        body = client.get("/programs/").content.decode()
    assert body.count('href="/r/') >= 5
