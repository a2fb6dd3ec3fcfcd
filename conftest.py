"""The fixed cast every test can use: two regions and one user per role in each."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client

from sousei.core.models import Membership, Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.core.services import minimum_wages_load
from sousei.core.tests.factories import (
    RegionFactory,
    UserFactory,
    client_company,
    employer_company,
)
from sousei.core.tokens import api_token_issue


def koga_build() -> Region:
    return RegionFactory.create(code="40223", slug="koga", name_ja="古賀市", name_en="Koga City")


def fukutsu_build() -> Region:
    return RegionFactory.create(
        code="40224", slug="fukutsu", name_ja="福津市", name_en="Fukutsu City"
    )


@pytest.fixture(autouse=True, scope="session")
def erasure_journal_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Erasures append to a journal file outside the database (sousei.privacy.erasure.journal);
    the tests' go to a temporary folder, never to the checkout's var/."""
    from django.conf import settings

    folder = tmp_path_factory.mktemp("privacy")
    settings.SOUSEI_PRIVACY_JOURNAL = str(folder / "erasure-journal.jsonl")


@pytest.fixture
def koga(db: None) -> Region:
    return koga_build()


@pytest.fixture
def fukutsu(db: None) -> Region:
    return fukutsu_build()


@dataclass
class Cast:
    """users[(role, region slug)], e.g. cast.user("operator", "koga")."""

    users: dict[tuple[str, str], User]
    outsider: User

    def user(self, role: str, slug: str = "koga") -> User:
        return self.users[(role, slug)]


def cast_build(koga: Region, fukutsu: Region) -> Cast:
    """The cast's users and memberships; the fixture below, and the permission matrix once per
    area (tests/matrix/cases.py)."""
    users: dict[tuple[str, str], User] = {}
    memberships = []
    # Client users act for the client company that test projects belong to.
    client = client_company()
    for region in (koga, fukutsu):
        # Employer users act for a hiring company of their region (not the operator).
        employer = employer_company(region)
        for role in Role.values:
            user = UserFactory.create(username=f"{role}-{region.slug}")
            users[(role, region.slug)] = user
            organization = {Role.CLIENT: client, Role.EMPLOYER: employer}.get(Role(role))
            memberships.append(
                Membership(region=region, user=user, role=role, organization=organization)
            )
    Membership.objects.bulk_create(memberships)
    return Cast(users=users, outsider=UserFactory.create(username="outsider"))


@pytest.fixture
def cast(koga: Region, fukutsu: Region) -> Cast:
    return cast_build(koga, fukutsu)


def bearer_client(user: User) -> Client:
    raw, _token = api_token_issue(user=user)
    return Client(headers={"authorization": f"Bearer {raw}"})


@pytest.fixture
def operator_api(cast: Cast) -> Client:
    return bearer_client(cast.user("operator"))


@pytest.fixture
def in_koga(koga: Region) -> Iterator[Region]:
    """Run the test body inside Koga's region scope."""
    with region_scope(koga):
        yield koga


Refusal = TypeVar("Refusal", bound=Exception)


def refusals_at_once(calls: list[Callable[[], object]], refused: type[Refusal]) -> list[Refusal]:
    """Run each call in its own thread, released together by a barrier, each on its own
    database connection; returns the `refused` errors, and fails on any other error."""
    barrier = threading.Barrier(len(calls))
    refusals: list[Refusal] = []
    failures: list[BaseException] = []

    def run(call: Callable[[], object]) -> None:
        try:
            barrier.wait()
            call()
        except refused as refusal:
            refusals.append(refusal)
        except BaseException as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    return refusals


@pytest.fixture
def minimum_wages(db: None) -> None:
    """The dated minimum-wage table (Fukuoka ¥941 / ¥992 / ¥1,057 from 2025-11-16)."""
    minimum_wages_load()


REGION_CHECK = os.environ.get("SOUSEI_REGION_CHECK", "")


@pytest.fixture(autouse=REGION_CHECK in {"fail", "report"})
def single_region_queries(request: pytest.FixtureRequest) -> Iterator[None]:
    """The single-region query check (docs/adr/0002-past-one-machine.md): every statement the
    application sends to a tenant table names one region, or is a declared cross-region one.
    `make test` sets SOUSEI_REGION_CHECK=fail."""
    module = getattr(request.node, "module", None)
    if getattr(module, "__name__", "") == "tests.test_region_queries":
        yield  # the checker's own tests run unconfined queries on purpose
        return
    from tests.region_queries import region_queries_checked

    with region_queries_checked() as log:
        yield
    failures = log.failures()
    if REGION_CHECK == "report":
        with open(os.environ.get("SOUSEI_REGION_REPORT", "/tmp/region-report.txt"), "a") as out:
            for f in log.findings:
                out.write(f"{request.node.nodeid}\t{f.kind}\t{f.site}\t{f.sql[:300]}\n")
            out.write(f"#counts\t{request.node.nodeid}\t{dict(log.counts)}\n")
    elif failures:
        lines = [f"{f.kind} at {f.site}: {f.sql[:300]}" for f in failures[:5]]
        pytest.fail("Queries not confined to one region:\n" + "\n".join(lines), pytrace=False)
