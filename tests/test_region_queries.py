"""The single-region query check itself (tests/region_queries.py): it must tell a query confined
to one region from one that would fan out to every shard, so that `make test` can rely on it."""

from __future__ import annotations

from pathlib import Path

from django.db.models import QuerySet

import sousei
from sousei.core.models import Region
from sousei.core.scoping import region_scope, scopes_disabled
from sousei.people.models import Application, Person
from sousei.people.tests.factories import ApplicationFactory, PersonFactory
from tests.region_queries import classify, region_queries_checked, tenant_tables


def kind_of(queryset: QuerySet) -> str:
    sql, params = queryset.query.sql_with_params()
    return classify(sql, list(params), {queryset.model._meta.db_table})


def test_tenant_tables_are_the_region_owned_ones() -> None:
    tables = tenant_tables()
    assert {"people_person", "people_application", "hiring_candidacy"} <= tables
    assert "core_region" not in tables
    assert "auth_user" not in tables


def test_a_scoped_query_is_confined(koga: Region) -> None:
    with region_scope(koga):
        assert kind_of(Person.objects.filter(family_name="古賀")) == "confined"
        assert kind_of(Application.objects.filter(person__family_name="古賀")) == "confined"


def test_a_query_without_a_region_is_unconfined(koga: Region) -> None:
    with scopes_disabled():
        assert kind_of(Person.objects.filter(family_name="古賀")) == "unconfined"
        assert kind_of(Person.objects.all()) == "unconfined"


def test_a_query_naming_two_regions_is_multi_region(koga: Region, fukutsu: Region) -> None:
    with scopes_disabled():
        assert kind_of(Person.objects.filter(region__in=[koga, fukutsu])) == "multi-region"
        assert kind_of(Person.objects.filter(region__in=[koga])) == "confined"


def test_rows_by_key_or_by_a_parent_row_are_by_key(koga: Region) -> None:
    person = PersonFactory.create(region=koga)
    assert kind_of(Person._base_manager.filter(pk=person.pk)) == "by key"
    assert kind_of(Application._base_manager.filter(person_id__in=[person.pk, 1])) == "by key"
    # A foreign key to a table that is not a tenant's (a user) does not name a region's rows.
    assert kind_of(Person._base_manager.filter(user_id=1)) == "unconfined"


def run_as_application_code(source: str, namespace: dict[str, object]) -> None:
    """Run `source` as if it were a line of sousei's own code (the check ignores test code)."""
    filename = str(Path(sousei.__file__).parent / "core" / "selectors.py")
    exec(compile(source, filename, "exec"), namespace)


def test_the_wrapper_records_application_queries_and_ignores_test_code(
    koga: Region, fukutsu: Region
) -> None:
    with scopes_disabled():
        ApplicationFactory.create(region=koga)
        ApplicationFactory.create(region=fukutsu)
    namespace: dict[str, object] = {"Person": Person, "Region": Region}
    with region_queries_checked() as log:
        with scopes_disabled():
            list(Person.objects.all())  # the test's own query: not the application's
        with region_scope(koga):
            run_as_application_code("list(Person.objects.all())", namespace)
        run_as_application_code(
            "list(Person._base_manager.filter(region__in=Region.objects.all()))", namespace
        )
        run_as_application_code("list(Person._base_manager.all())", namespace)
        namespace["two"] = [PersonFactory.build(region=koga), PersonFactory.build(region=fukutsu)]
        run_as_application_code("Person._base_manager.bulk_create(two)", namespace)
        with scopes_disabled():
            run_as_application_code("list(Person.objects.all())", namespace)
    assert log.counts["test code"] == 1
    assert log.counts["confined"] == 1
    assert log.counts["declared"] == 1
    assert [f.kind for f in log.failures()] == ["unconfined", "unconfined", "multi-region"]
    assert all(f.site.startswith("core/selectors.py:") for f in log.failures())


def test_failures_name_the_statement_and_the_site(koga: Region) -> None:
    with region_queries_checked() as log:
        run_as_application_code("list(Person._base_manager.all())", {"Person": Person})
    [finding] = log.failures()
    assert finding.kind == "unconfined"
    assert 'FROM "people_person"' in finding.sql
    assert finding.site == "core/selectors.py:1 (<module>)"
