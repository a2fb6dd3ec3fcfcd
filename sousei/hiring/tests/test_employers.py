"""Employers beyond the operator: an opening names its employer (any company of the
region), the employer has a public profile linked from its postings and offers, and the
employer's staff recruit for their own openings only (another employer's answers 404)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from conftest import Cast
from sousei.core.models import Membership, Organization, Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.core.tests.factories import (
    UserFactory,
    company_in,
    employer_company,
    operator_company,
)
from sousei.hiring.links import offer_token
from sousei.hiring.models import Interview, Offer, OfferStatus
from sousei.hiring.services.candidacies import candidacy_move
from sousei.hiring.services.offers import OfferInput, offer_approve, offer_draft
from sousei.hiring.tests.factories import (
    apply,
    media,  # noqa: F401 (fixture)
    opening,
)

pytestmark = pytest.mark.usefixtures("media")


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _offer_terms() -> OfferInput:
    today = timezone.localdate()
    return OfferInput(
        salary_jpy=4_200_000,
        start_date=today + dt.timedelta(days=30),
        respond_by=today + dt.timedelta(days=7),
    )


# --- the opening's employer ----------------------------------------------------------------


def test_an_opening_without_an_employer_is_the_operators(in_koga: Region) -> None:
    operator = operator_company(in_koga)
    made = opening(in_koga, employer_id=None)
    assert made.employer_id == operator.pk


def test_an_opening_may_belong_to_another_company_of_the_region(in_koga: Region) -> None:
    kaju = employer_company(in_koga)
    made = opening(in_koga, employer_id=kaju.pk)
    assert made.employer == kaju


def test_an_employer_outside_the_region_is_refused(koga: Region, fukutsu: Region) -> None:
    elsewhere = employer_company(fukutsu, name="宮地嶽デザイン株式会社")
    with region_scope(koga), pytest.raises(ValidationError) as error:
        opening(koga, employer_id=elsewhere.pk)
    assert error.value.error_dict["employer"][0].code == "unknown_employer"


def test_a_city_is_no_employer(in_koga: Region) -> None:
    city = company_in(in_koga, kind=Organization.Kind.MUNICIPALITY, name="古賀市")
    with pytest.raises(ValidationError) as error:
        opening(in_koga, employer_id=city.pk)
    assert error.value.error_dict["employer"][0].code == "unknown_employer"


def test_a_region_without_an_operator_asks_for_the_employer(in_koga: Region) -> None:
    from sousei.hiring.services.candidacies import employer_resolve

    with pytest.raises(ValidationError) as error:
        employer_resolve(region=in_koga, employer_id=None)
    assert error.value.error_dict["employer"][0].code == "no_operator"


# --- the employer's name and profile -------------------------------------------------------


def test_postings_name_their_employer_and_link_its_profile(koga: Region) -> None:
    with region_scope(koga):
        kaju = employer_company(koga)
        job = opening(koga, title="EC サイト運用", employer_id=kaju.pk)
    profile = f"/r/koga/employers/{kaju.pk}/"
    for page in (f"/r/koga/jobs/{job.pk}/", "/r/koga/jobs/"):
        body = Client().get(page).content.decode()
        assert "株式会社花鶴テック" in body
        assert f'href="{profile}"' in body


def test_the_offer_names_its_employer(koga: Region, cast: Cast) -> None:
    with region_scope(koga):
        kaju = employer_company(koga)
        candidacy = apply(opening(koga, employer_id=kaju.pk))
        candidacy_move(candidacy_id=candidacy.pk, to_stage="offer", actor=None)
        offer = offer_draft(
            candidacy_id=candidacy.pk, data=_offer_terms(), actor=cast.user("employer")
        )
        offer_approve(offer_id=offer.pk, actor=cast.user("operator"))
    body = Client().get(f"/r/koga/jobs/offer/{offer_token(offer=offer)}/").content.decode()
    assert "株式会社花鶴テック" in body
    assert f"/r/koga/employers/{kaju.pk}/" in body


def test_the_profile_shows_who_what_where_and_the_open_jobs(
    koga: Region, django_assert_max_num_queries: Any
) -> None:
    with region_scope(koga):
        kaju = employer_company(koga)
        for n in range(3):
            opening(koga, title=f"公開求人{n}", employer_id=kaju.pk)
        opening(koga, title="下書きの求人", employer_id=kaju.pk, publish=False)
        opening(koga, title="運営事業者の求人", employer_id=operator_company(koga).pk)
    client = Client()
    client.get(f"/r/koga/employers/{kaju.pk}/")
    with django_assert_max_num_queries(6):
        page = client.get(f"/r/koga/employers/{kaju.pk}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "株式会社花鶴テック" in body
    assert "自治体向けの業務アプリを作っています。" in body
    assert "福岡県古賀市" in body
    assert body.count("公開求人") == 3
    assert "下書きの求人" not in body
    assert "運営事業者の求人" not in body


def test_a_profile_answers_404_outside_its_region_and_for_a_city(
    koga: Region, fukutsu: Region
) -> None:
    kaju = employer_company(koga)
    city = company_in(koga, kind=Organization.Kind.MUNICIPALITY, name="古賀市")
    client = Client()
    assert client.get(f"/r/fukutsu/employers/{kaju.pk}/").status_code == 404
    assert client.get(f"/r/koga/employers/{city.pk}/").status_code == 404
    assert client.get("/r/koga/employers/999999/").status_code == 404


# --- employer staff: their own openings only -------------------------------------------------


@pytest.fixture
def two_employers(koga: Region, cast: Cast) -> dict[str, Any]:
    """Koga's operator and the cast's employer (花鶴テック) each with an opening and a
    candidacy in the offer stage."""
    with region_scope(koga):
        kaju = employer_company(koga)
        own = opening(koga, title="花鶴テックの求人", employer_id=kaju.pk)
        rival = opening(koga, title="運営事業者の求人", employer_id=operator_company(koga).pk)
        own_candidacy = apply(own, 1)
        rival_candidacy = apply(rival, 2)
        for candidacy in (own_candidacy, rival_candidacy):
            candidacy_move(candidacy_id=candidacy.pk, to_stage="offer", actor=None)
    return {
        "kaju": kaju,
        "own": own,
        "rival": rival,
        "own_candidacy": own_candidacy,
        "rival_candidacy": rival_candidacy,
    }


def test_employer_staff_list_only_their_companys_openings(
    cast: Cast, two_employers: dict[str, Any]
) -> None:
    body = signed_in(cast.user("employer")).get("/r/koga/hiring/openings/").content.decode()
    assert "花鶴テックの求人" in body
    assert "運営事業者の求人" not in body
    # The operator sees both.
    body = signed_in(cast.user("operator")).get("/r/koga/hiring/openings/").content.decode()
    assert "花鶴テックの求人" in body
    assert "運営事業者の求人" in body


def test_another_employers_opening_and_candidacy_answer_404(
    cast: Cast, two_employers: dict[str, Any]
) -> None:
    client = signed_in(cast.user("employer"))
    own, rival = two_employers["own"], two_employers["rival"]
    assert client.get(f"/r/koga/hiring/openings/{own.pk}/").status_code == 200
    assert client.get(f"/r/koga/hiring/openings/{rival.pk}/").status_code == 404
    assert client.get(f"/r/koga/hiring/openings/{rival.pk}/edit/").status_code == 404
    own_c, rival_c = two_employers["own_candidacy"], two_employers["rival_candidacy"]
    assert client.get(f"/r/koga/hiring/candidacies/{own_c.pk}/").status_code == 200
    for path in ("", "cv.pdf", "interviews/new/", "offer/"):
        url = f"/r/koga/hiring/candidacies/{rival_c.pk}/{path}"
        assert client.get(url).status_code == 404, url
    moved = client.post(
        f"/r/koga/hiring/candidacies/{rival_c.pk}/move/", {"stage": "rejected", "reason": "x"}
    )
    assert moved.status_code == 404
    rival_c.refresh_from_db()
    assert rival_c.stage == "offer"


def test_an_employer_of_another_company_sees_nothing_of_this_one(
    koga: Region, cast: Cast, two_employers: dict[str, Any]
) -> None:
    """Tenancy between two employers of the same region, both with staff."""
    other = employer_company(koga, name="株式会社千鳥ソフト")
    stranger = UserFactory.create(username="employer-chidori")
    Membership.objects.create(region=koga, user=stranger, role=Role.EMPLOYER, organization=other)
    client = signed_in(stranger)
    assert "花鶴テックの求人" not in client.get("/r/koga/hiring/openings/").content.decode()
    own_c = two_employers["own_candidacy"]
    assert client.get(f"/r/koga/hiring/candidacies/{own_c.pk}/").status_code == 404
    assert client.get(f"/r/koga/hiring/openings/{two_employers['own'].pk}/").status_code == 404


def test_employer_staff_schedule_an_interview_with_their_own_panel(
    koga: Region, cast: Cast, two_employers: dict[str, Any]
) -> None:
    employer = cast.user("employer")
    candidacy = two_employers["own_candidacy"]
    client = signed_in(employer)
    form = client.get(f"/r/koga/hiring/candidacies/{candidacy.pk}/interviews/new/")
    assert f'value="{employer.pk}"' in form.content.decode()
    day = timezone.localdate() + dt.timedelta(days=3)
    sent = client.post(
        f"/r/koga/hiring/candidacies/{candidacy.pk}/interviews/new/",
        {
            "date": day.isoformat(),
            "start": "10:00",
            "end": "11:00",
            "place": "快生館 会議室A",
            "interviewers": [str(employer.pk)],
        },
    )
    assert sent.status_code == 302
    with region_scope(koga):
        interview = Interview.objects.get(candidacy=candidacy)
        assert [p.user_id for p in interview.panel.all()] == [employer.pk]


def test_another_companys_staff_cannot_sit_on_the_panel(
    koga: Region, cast: Cast, two_employers: dict[str, Any]
) -> None:
    from sousei.hiring.services.offers import InterviewInput, interview_schedule

    start = timezone.now() + dt.timedelta(days=3)
    with region_scope(koga), pytest.raises(ValidationError) as error:
        interview_schedule(
            candidacy_id=two_employers["rival_candidacy"].pk,
            data=InterviewInput(
                starts_at=start,
                ends_at=start + dt.timedelta(hours=1),
                interviewer_ids=[cast.user("employer").pk],
                place="快生館",
            ),
            actor=cast.user("operator"),
        )
    assert error.value.error_dict["interviewer_ids"][0].code == "not_operator"


def test_employer_staff_propose_an_offer_and_an_operator_approves_it(
    koga: Region, cast: Cast, two_employers: dict[str, Any]
) -> None:
    candidacy = two_employers["own_candidacy"]
    client = signed_in(cast.user("employer"))
    today = timezone.localdate()
    proposed = client.post(
        f"/r/koga/hiring/candidacies/{candidacy.pk}/offer/",
        {
            "salary_jpy": "4200000",
            "start_date": (today + dt.timedelta(days=30)).isoformat(),
            "respond_by": (today + dt.timedelta(days=7)).isoformat(),
        },
    )
    assert proposed.status_code == 302
    with region_scope(koga):
        offer = Offer.objects.get(candidacy=candidacy)
    assert offer.status == OfferStatus.DRAFT
    detail = client.get(f"/r/koga/hiring/candidacies/{candidacy.pk}/").content.decode()
    assert f"/hiring/offers/{offer.pk}/approve/" not in detail
    # The approval stays with the program's operators.
    assert client.post(f"/r/koga/hiring/offers/{offer.pk}/approve/").status_code == 403
    operator = signed_in(cast.user("operator"))
    assert operator.post(f"/r/koga/hiring/offers/{offer.pk}/approve/").status_code == 302
    offer.refresh_from_db()
    assert offer.status == OfferStatus.APPROVED


def test_employer_staff_post_openings_for_their_company_only(
    koga: Region, cast: Cast, two_employers: dict[str, Any]
) -> None:
    kaju = two_employers["kaju"]
    operator_org = operator_company(koga)
    client = signed_in(cast.user("employer"))
    form = client.get("/r/koga/hiring/openings/new/").content.decode()
    assert f'value="{kaju.pk}"' in form
    assert f'value="{operator_org.pk}"' not in form
    body = {
        "title": "EC 運用",
        "description": "商品ページの制作",
        "employment_type": "full_time",
        "work_style": "location_free",
        "salary_min_jpy": "3000000",
        "salary_max_jpy": "3600000",
    }
    refused = client.post("/r/koga/hiring/openings/new/", body | {"employer": operator_org.pk})
    assert refused.status_code == 422
    made = client.post("/r/koga/hiring/openings/new/", body | {"employer": kaju.pk})
    assert made.status_code == 302
    with region_scope(koga):
        from sousei.hiring.models import JobOpening

        assert JobOpening.objects.get(title="EC 運用").employer_id == kaju.pk


def test_employer_staff_list_reads_a_fixed_number_of_queries(
    koga: Region, cast: Cast, django_assert_max_num_queries: Any
) -> None:
    with region_scope(koga):
        kaju = employer_company(koga)
        for n in range(5):
            opening(koga, title=f"求人{n}", employer_id=kaju.pk)
    client = signed_in(cast.user("employer"))
    client.get("/r/koga/hiring/openings/")
    with django_assert_max_num_queries(6):
        assert client.get("/r/koga/hiring/openings/").status_code == 200


# --- keeping the profile -------------------------------------------------------------------


def test_employer_staff_keep_their_profile(koga: Region, cast: Cast) -> None:
    kaju = employer_company(koga)
    client = signed_in(cast.user("employer"))
    profile = client.get(f"/r/koga/employers/{kaju.pk}/").content.decode()
    assert f"/r/koga/employers/{kaju.pk}/edit/" in profile
    saved = client.post(
        f"/r/koga/employers/{kaju.pk}/edit/",
        {
            "about": "地元商店のECサイトを運用しています。",
            "location": "福岡県古賀市天神",
            "website": "",
        },
    )
    assert saved.status_code == 302
    shown = Client().get(f"/r/koga/employers/{kaju.pk}/").content.decode()
    assert "地元商店のECサイトを運用しています。" in shown
    assert "福岡県古賀市天神" in shown
    assert f"/r/koga/employers/{kaju.pk}/edit/" not in shown  # not to the public
    with region_scope(koga):
        from sousei.core.models import AuditEntry

        entry = AuditEntry.objects.get(action="organization.profile")
    assert entry.actor == cast.user("employer")
    assert entry.changes["location"] == ["福岡県古賀市", "福岡県古賀市天神"]


def test_employer_staff_cannot_keep_another_companys_profile(koga: Region, cast: Cast) -> None:
    operator_org = operator_company(koga)
    client = signed_in(cast.user("employer"))
    assert client.get(f"/r/koga/employers/{operator_org.pk}/edit/").status_code == 404
    refused = client.post(f"/r/koga/employers/{operator_org.pk}/edit/", {"about": "乗っ取り"})
    assert refused.status_code == 404
    operator_org.refresh_from_db()
    assert operator_org.about == ""
    # The operators keep any company's profile of their region.
    operator = signed_in(cast.user("operator"))
    assert operator.get(f"/r/koga/employers/{operator_org.pk}/edit/").status_code == 200


def test_a_website_is_a_web_address(koga: Region, cast: Cast) -> None:
    kaju = employer_company(koga)
    client = signed_in(cast.user("employer"))
    refused = client.post(f"/r/koga/employers/{kaju.pk}/edit/", {"website": "not a site"})
    assert refused.status_code == 422
    client.post(f"/r/koga/employers/{kaju.pk}/edit/", {"website": "kaju-tech.example.jp"})
    kaju.refresh_from_db()
    assert kaju.website == "https://kaju-tech.example.jp"


def test_the_profile_service_refuses_a_website_without_its_scheme(koga: Region, cast: Cast) -> None:
    from sousei.core.services import organization_profile_update

    kaju = employer_company(koga)
    with region_scope(koga), pytest.raises(ValidationError) as error:
        organization_profile_update(
            region=koga,
            organization=kaju,
            about="",
            location="",
            website="ftp://kaju",
            actor=cast.user("employer"),
        )
    assert error.value.error_dict["website"][0].code == "scheme"
