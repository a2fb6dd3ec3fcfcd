"""`sousei onboard-region` from a clean database: a region where the invited operator signs in
through the invitation link, publishes a copied course and accepts an application; and the
program owner's page that does the same."""

from __future__ import annotations

import re
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation

from sousei.core import clock, postal
from sousei.core.models import AuditEntry, Membership, Organization, Region, RegionOrganization
from sousei.core.outbox.models import OutboxMessage
from sousei.core.scoping import region_scope
from sousei.core.services import operator_invite
from sousei.core.tests.factories import RegionFactory
from sousei.impact.indicators import fiscal_year_of
from sousei.impact.models import KpiTarget
from sousei.impact.services import DEFAULT_TARGETS, kpi_targets_set
from sousei.people.models import Application
from sousei.people.tests.payloads import application_payload
from sousei.training.models import Course
from sousei.training.tests import factories as training_factories

pytestmark = pytest.mark.django_db

ONBOARD = ["40220", "--operator", "株式会社ミライワークス", "--admin-email", "Ops@Example.jp"]


@pytest.fixture
def template_region() -> Region:
    """The region whose catalogue new regions copy (Koga, as the demo seeds it)."""
    koga = RegionFactory.create(code="40223", slug="koga", name_ja="古賀市", name_en="Koga City")
    with region_scope(koga):
        training_factories.course(koga, title="UiPath 入門")
        training_factories.course(koga, title="kintone 入門", module_minutes=(600, 600))
    return koga


def onboard(*extra: str) -> str:
    out = StringIO()
    call_command("onboard_region", *ONBOARD, *extra, stdout=out)
    return out.getvalue()


def editor_post(editor: Any, **changes: str) -> dict[str, str | list[str]]:
    """What the course edit page posts back unchanged, with `changes` on top."""
    data: dict[str, str | list[str]] = {}
    for name, value in editor.form.initial.items():
        if isinstance(value, list):  # a multiple choice (the course's trainers)
            data[name] = [str(item) for item in value]
        elif value is not None:
            data[name] = str(value)
    for formset in (editor.modules, editor.skills):
        # As the page renders it: the course's rows are initial forms (the blank extras
        # are left out here).
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(len(formset.initial or []))
        data[f"{formset.prefix}-INITIAL_FORMS"] = str(len(formset.initial or []))
        for index, initial in enumerate(formset.initial or []):
            for name, value in initial.items():
                if value is not None:
                    data[f"{formset.prefix}-{index}-{name}"] = str(value)
    data.pop("is_published", None)
    return data | changes


def munakata_postal_code() -> str:
    codes = postal.codes_with_prefix("811")
    return next(code for code, owners in sorted(codes.items()) if owners == {"40220"})


def test_onboarding_from_a_clean_database_gives_a_working_region(
    template_region: Region,
) -> None:
    output = onboard("--space-partner", "一般社団法人むなかたコワーク")
    assert "宗像市" in output
    region = Region.objects.get(code="40220")
    assert (region.name_en, region.name_kana, region.slug) == (
        "Munakata City",
        "ムナカタシ",
        "munakata",
    )
    assert region.closed_periods == ["12-29..01-03"]
    assert region.pay_week_start == 6
    with region_scope(region):
        kinds = set(RegionOrganization.objects.values_list("organization__kind", flat=True))
        assert kinds == {"operator", "municipality", "space_partner"}
        assert sorted(Course.objects.values_list("title", "is_published")) == [
            ("UiPath 入門", False),
            ("kintone 入門", False),
        ]
        invitation = OutboxMessage.objects.get(kind="invitation")
        assert AuditEntry.objects.filter(action="region.onboard").count() == 1
    assert invitation.email == "ops@example.jp"
    assert "パスワード" in invitation.body  # written in Japanese

    # The operator opens the link, sets a password and signs in with it.
    link = re.search(r"http://\S+/r/munakata/invitation/\S+/", invitation.body)
    assert link is not None
    browser = Client()
    form_url = "/" + link.group(0).split("://", 1)[1].split("/", 1)[1]
    assert browser.get(form_url).status_code == 200
    password = "kaisei-2026-munakata"
    done = browser.post(form_url, {"new_password1": password, "new_password2": password})
    assert done.status_code == 302, done.content.decode()[:1000]
    assert Client().get(form_url).context["validlink"] is False  # the link works once
    browser = Client()
    signed_in = browser.post("/login/", {"username": "ops@example.jp", "password": password})
    assert signed_in.status_code == 302
    assert browser.get("/home/")["Location"] == "/r/munakata/dashboard/"

    # They publish a copied course.
    with region_scope(region):
        course = Course.objects.get(title="UiPath 入門")
    edit = browser.get(f"/r/munakata/courses/{course.pk}/edit/")
    assert edit.status_code == 200
    published = browser.post(
        f"/r/munakata/courses/{course.pk}/edit/",
        editor_post(edit.context["editor"], is_published="on"),
    )
    assert published.status_code == 302, published.content.decode()[:2000]
    with region_scope(region):
        assert Course.objects.get(pk=course.pk).is_published

    # A resident applies, and the operator accepts the application.
    applied = Client().post(
        "/r/munakata/apply/",
        application_payload(region, form=True, postal_code=munakata_postal_code()),
    )
    assert applied.status_code == 302, applied.content.decode()[:2000]
    with region_scope(region):
        application = Application.objects.get()
    decided = browser.post(
        f"/r/munakata/applications/{application.pk}/",
        {"decision": "accept", "reason": "", "confirm": "on"},
    )
    assert decided.status_code == 302
    with region_scope(region):
        application.refresh_from_db()
        assert application.status == "accepted"


def test_onboarding_twice_changes_nothing(template_region: Region) -> None:
    onboard()
    again = onboard()
    assert "not re-sent" in again
    region = Region.objects.get(code="40220")
    with region_scope(region):
        assert OutboxMessage.objects.filter(kind="invitation").count() == 1
        assert Course.objects.count() == 2
        assert Membership.objects.filter(role="operator").count() == 1
    assert Organization.objects.filter(kind="operator").count() == 1
    assert User.objects.filter(email="ops@example.jp").count() == 1


def test_a_designated_city_is_onboarded_without_a_template() -> None:
    out = StringIO()
    call_command(
        "onboard_region", "40130", "--operator", "株式会社A", "--admin-email", "a@example.jp",
        stdout=out,
    )  # fmt: skip
    assert "福岡市" in out.getvalue()
    assert "no template region koga: no courses copied" in out.getvalue()


def test_bad_input_is_refused_and_nothing_is_stored(template_region: Region) -> None:
    with pytest.raises(CommandError, match="MM-DD"):
        onboard("--closed", "12/29-01/03")
    with pytest.raises(CommandError, match="40130"):
        call_command(
            "onboard_region", "40131", "--operator", "A", "--admin-email", "a@example.jp",
            stdout=StringIO(),
        )  # fmt: skip
    with pytest.raises(CommandError, match="nowhere"):
        onboard("--template", "nowhere")
    assert list(Region.objects.values_list("slug", flat=True)) == ["koga"]


def test_the_owner_page_onboards_and_others_are_refused(template_region: Region) -> None:
    owner = User.objects.create_superuser("owner", "owner@example.jp", "x")
    staff = User.objects.create_user("someone", "someone@example.jp", "x")
    page = Client()
    page.force_login(staff)
    assert page.get("/owner/regions/new/").status_code == 403
    page.force_login(owner)
    found = page.get("/owner/regions/new/", {"q": "与那国"})
    assert "47382" in found.content.decode()
    refused = page.post(
        "/owner/regions/new/",
        {
            "code": "40131",
            "operator": "A",
            "admin_email": "a@example.jp",
            "closed_periods": "12-29..01-03",
            "pay_week_start": "6",
            "template": "koga",
        },
    )
    assert refused.status_code == 422
    assert "40130" in refused.content.decode()
    done = page.post(
        "/owner/regions/new/",
        {
            "code": "47382",
            "operator": "株式会社ヨナグニ",
            "admin_email": "ops@yonaguni.example.jp",
            "closed_periods": "12-29..01-03, 08-13..08-15",
            "pay_week_start": "0",
            "template": "koga",
        },
    )
    assert done.status_code == 302
    region = Region.objects.get(code="47382")
    assert region.name_en == "Yonaguni Town"
    assert region.closed_periods == ["12-29..01-03", "08-13..08-15"]
    assert region.pay_week_start == 0
    with region_scope(region):
        assert AuditEntry.objects.get(action="region.onboard").actor == owner
        assert Course.objects.count() == 2


def test_onboarding_sets_the_years_default_targets_and_keeps_changed_ones(
    template_region: Region,
) -> None:
    onboard()
    region = Region.objects.get(code="40220")
    year = fiscal_year_of(clock.today())
    with region_scope(region):
        targets = dict(KpiTarget.objects.filter(fiscal_year=year).values_list("code", "target"))
        assert targets == dict(DEFAULT_TARGETS)
        assert AuditEntry.objects.filter(action="kpi_targets.set").count() == 1
        # The municipality raises one target; onboarding again keeps theirs.
        kpi_targets_set(region=region, fiscal_year=year, targets={"completers": 45}, actor=None)
    again = onboard()
    assert f"KPI targets for fiscal year {year}: 0 defaults set" in again
    with region_scope(region):
        assert KpiTarget.objects.get(fiscal_year=year, code="completers").target == 45
        assert KpiTarget.objects.filter(fiscal_year=year).count() == len(DEFAULT_TARGETS)
        assert AuditEntry.objects.filter(action="kpi_targets.set").count() == 2


def invitations(region: Region) -> list[str]:
    with region_scope(region):
        return list(
            OutboxMessage.objects.filter(kind="invitation")
            .order_by("pk")
            .values_list("body", flat=True)
        )


def test_the_command_sends_a_lost_invitation_again_until_a_password_is_set(
    template_region: Region,
) -> None:
    onboard()
    region = Region.objects.get(code="40220")
    out = StringIO()
    call_command(
        "onboard_region", "40220", "--resend-invitation", "--admin-email", "OPS@example.jp",
        stdout=out,
    )  # fmt: skip
    assert "a new invitation e-mailed" in out.getvalue()
    first, second = invitations(region)
    link = re.compile(r"https?://\S+/r/munakata/invitation/\S+")
    assert link.search(second)
    assert "/r/munakata/invitation/" in first
    with region_scope(region):
        entry = AuditEntry.objects.get(action="operator.invite_resend")
        assert entry.changes == {"email": "ops@example.jp"}
        assert entry.actor is None
    # Once the operator has set a password there is nothing to re-send.
    user = User.objects.get(email="ops@example.jp")
    user.set_password("kaisei-2026-munakata")
    user.save()
    with translation.override("en"), pytest.raises(CommandError, match="already set a password"):
        call_command(
            "onboard_region", "40220", "--resend-invitation", "--admin-email", "ops@example.jp",
            stdout=StringIO(),
        )  # fmt: skip
    with translation.override("en"), pytest.raises(CommandError, match="not an operator"):
        call_command(
            "onboard_region", "40220", "--resend-invitation", "--admin-email", "x@example.jp",
            stdout=StringIO(),
        )  # fmt: skip
    with pytest.raises(CommandError, match="No region has the code 40221"):
        call_command(
            "onboard_region", "40221", "--resend-invitation", "--admin-email", "x@example.jp",
            stdout=StringIO(),
        )  # fmt: skip
    with pytest.raises(CommandError, match="--operator"):
        call_command("onboard_region", "40220", "--admin-email", "x@example.jp", stdout=StringIO())
    assert len(invitations(region)) == 2


def test_the_owner_and_the_regions_operator_resend_from_the_region_page(
    template_region: Region,
) -> None:
    onboard()
    region = Region.objects.get(code="40220")
    owner = User.objects.create_superuser("owner", "owner@example.jp", "x")
    page = Client()
    page.force_login(owner)
    shown = page.get("/owner/regions/munakata/")
    assert shown.status_code == 200
    assert "ops@example.jp" in shown.content.decode()
    sent = page.post("/owner/regions/munakata/", {"email": "ops@example.jp"}, follow=True)
    assert sent.status_code == 200
    assert len(invitations(region)) == 2
    with region_scope(region):
        assert AuditEntry.objects.get(action="operator.invite_resend").actor == owner
    refused = page.post("/owner/regions/munakata/", {"email": "x@example.jp"}, follow=True)
    assert "x@example.jp" in refused.content.decode()  # the message names the address
    assert len(invitations(region)) == 2
    assert page.post("/owner/regions/munakata/", {"email": "not an address"}).status_code == 422
    assert page.get("/owner/regions/nowhere/").status_code == 404

    # The operator, once signed in with a password, may send a colleague's again.
    operator = User.objects.get(email="ops@example.jp")
    operator.set_password("kaisei-2026-munakata")
    operator.save()
    with region_scope(region):
        _colleague, _ = operator_invite(
            region=region,
            organization=Organization.objects.get(kind="operator"),
            email="second@example.jp",
        )
    own = Client()
    own.force_login(operator)
    assert own.get("/owner/regions/munakata/").status_code == 200
    own.post("/owner/regions/munakata/", {"email": "second@example.jp"})
    with region_scope(region):
        assert AuditEntry.objects.filter(action="operator.invite_resend", actor=operator).exists()
    assert own.get("/owner/regions/koga/").status_code == 404  # not their region
