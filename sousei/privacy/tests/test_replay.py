"""A restore of a backup taken before an erasure erases the person again, from the journal
kept outside the database; a person who later got an erased person's id is left alone."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from conftest import Cast
from sousei.core.backup.dump import backup_write
from sousei.core.models import Region
from sousei.core.scoping import cross_region, region_scope
from sousei.people.models import Person
from sousei.people.tests.factories import PersonFactory
from sousei.privacy.erasure.replay import journal_replay
from sousei.privacy.erasure.services import person_erase
from sousei.privacy.models import ErasureRecord
from sousei.privacy.tests.people import database_mentions, media_mentions, subject
from sousei.privacy.tests.test_erasure import signs_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_restoring_an_older_backup_replays_the_erasure(
    cast: Cast, media: Path, tmp_path: Path
) -> None:
    koga = Region.objects.get(slug="koga")
    who = subject(koga, cast)
    backup = tmp_path / "before.zip"
    backup_write(backup)
    with region_scope(koga):
        person_erase(person=who.person, actor=cast.user("operator"), reason="request 9")
    assert database_mentions() == []

    out = StringIO()
    call_command("restore", str(backup), "--replace", stdout=out)

    assert "1 persons erased again" in out.getvalue()
    assert database_mentions() == []
    assert media_mentions(media) == []
    assert not signs_in(who.username, "old-password-1")
    with cross_region("test"):
        (record,) = ErasureRecord.objects.filter(action="erase")
        assert record.replayed
        assert record.person_id == who.person.pk


def test_a_replay_leaves_alone_a_person_who_got_an_erased_persons_id(
    cast: Cast, media: Path, tmp_path: Path
) -> None:
    koga = Region.objects.get(slug="koga")
    backup = tmp_path / "before.zip"
    backup_write(backup)
    with region_scope(koga):
        late = PersonFactory.create(region=koga)
        person_erase(person=late, actor=cast.user("operator"))
    call_command("restore", str(backup), "--replace", stdout=StringIO())
    with region_scope(koga):
        assert not Person.objects.filter(pk=late.pk).exists()
        newcomer = PersonFactory.create(region=koga, pk=late.pk, family_name="新井")

    journal_replay()

    newcomer.refresh_from_db()
    assert newcomer.family_name == "新井"
