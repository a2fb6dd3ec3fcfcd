"""Chat and announcements through the API: rooms and direct messages, the edit window,
audited deletion, mentions through the outbox (in the app only on do-not-disturb), search,
read confirmation, and 404 for what a caller may not see or another region holds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from conftest import Cast, bearer_client
from sousei.core import clock
from sousei.core.models import AuditEntry, Region
from sousei.core.outbox.models import OutboxMessage
from sousei.core.scoping import region_scope
from sousei.workplace.models import Message, Presence, Room
from sousei.workplace.tests import chat_made as made

API = "/api/v1/regions/koga"


@dataclass
class Office:
    open_room: Room
    room_a: Room  # team A: participant (lead), trainer staff
    room_b: Room  # team B: candidate
    team_a_id: int
    team_b_id: int


@pytest.fixture
def office(koga: Region, cast: Cast) -> Office:
    with region_scope(koga):
        team_a = made.team(koga, "チームA")
        team_b = made.team(koga, "チームB")
        made.member(koga, team_a, cast.user("participant"), lead=True)
        made.member(koga, team_b, cast.user("candidate"), manager=cast.user("participant"))
        return Office(
            open_room=made.open_room(koga),
            room_a=made.team_room(koga, team_a, "Aのへや"),
            room_b=made.team_room(koga, team_b, "Bのへや"),
            team_a_id=team_a.pk,
            team_b_id=team_b.pk,
        )


def api(cast: Cast, role: str, slug: str = "koga") -> Client:
    return bearer_client(cast.user(role, slug))


def post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, body, content_type="application/json")


def test_a_message_sent_to_a_room_is_read_back_page_by_page(
    cast: Cast, office: Office, django_assert_num_queries: Any
) -> None:
    client = api(cast, "participant")
    url = f"{API}/rooms/{office.open_room.pk}/messages"
    sent = [post(client, url, {"body": f"おはようございます {n}"}).json()["id"] for n in range(3)]
    reader = api(cast, "candidate")
    reader.get(url)  # the token's first use is recorded once
    # Sign-in, memberships, workplace check, room, messages: the same for any page size.
    with django_assert_num_queries(6):
        page = reader.get(url).json()
    assert [item["id"] for item in page["items"]] == sent
    assert reader.get(url, {"after": sent[0]}).json()["items"][0]["id"] == sent[1]
    assert [i["id"] for i in reader.get(url, {"before": sent[2]}).json()["items"]] == sent[:2]


def test_another_teams_room_answers_404_like_one_that_does_not_exist(
    cast: Cast, office: Office
) -> None:
    candidate = api(cast, "candidate")
    url = f"{API}/rooms/{office.room_a.pk}/messages"
    assert candidate.get(url).status_code == 404
    assert post(candidate, url, {"body": "入れますか"}).status_code == 404
    assert api(cast, "operator").get(url).status_code == 200
    assert api(cast, "participant").get(url).status_code == 200


def test_another_regions_rooms_messages_and_stream_answer_404(cast: Cast, office: Office) -> None:
    message = post(
        api(cast, "participant"), f"{API}/rooms/{office.open_room.pk}/messages", {"body": "古賀"}
    ).json()
    outsider = api(cast, "operator", "fukutsu")
    assert outsider.get(f"{API}/rooms/{office.open_room.pk}/messages").status_code == 404
    assert outsider.delete(f"{API}/messages/{message['id']}").status_code == 404
    assert outsider.get(f"{API}/stream").status_code == 404
    own_region = "/api/v1/regions/fukutsu"
    assert outsider.get(f"{own_region}/rooms/{office.open_room.pk}/messages").status_code == 404
    assert outsider.delete(f"{own_region}/messages/{message['id']}").status_code == 404


def test_people_outside_the_workplace_are_refused(cast: Cast, office: Office) -> None:
    assert api(cast, "municipality").get(f"{API}/announcements").status_code == 403
    assert api(cast, "municipality").get(f"{API}/stream").status_code == 403


def test_the_author_edits_within_15_minutes_and_not_after(
    koga: Region, cast: Cast, office: Office
) -> None:
    client = api(cast, "participant")
    url = f"{API}/rooms/{office.open_room.pk}/messages"
    fresh = post(client, url, {"body": "誤字あり"}).json()
    edited = client.patch(f"{API}/messages/{fresh['id']}", {"body": "誤字なし"}, "application/json")
    assert edited.status_code == 200
    assert edited.json()["body"] == "誤字なし"
    assert edited.json()["edited_at"]
    with clock.frozen_at(clock.now() - dt.timedelta(minutes=16)):
        old = post(client, url, {"body": "古いメッセージ"}).json()
    late = client.patch(f"{API}/messages/{old['id']}", {"body": "直したい"}, "application/json")
    assert late.status_code == 409
    assert "15" in late.json()["detail_en"]
    assert "15" in late.json()["detail_ja"]
    other = api(cast, "candidate")
    assert (
        other.patch(f"{API}/messages/{fresh['id']}", {"body": "x"}, "application/json").status_code
        == 403
    )


def test_a_deleted_message_is_blanked_and_the_deletion_audited(
    koga: Region, cast: Cast, office: Office
) -> None:
    url = f"{API}/rooms/{office.open_room.pk}/messages"
    mine = post(api(cast, "participant"), url, {"body": "消します"}).json()
    theirs = post(api(cast, "participant"), url, {"body": "不適切な投稿"}).json()
    assert api(cast, "candidate").delete(f"{API}/messages/{theirs['id']}").status_code == 403
    assert api(cast, "participant").delete(f"{API}/messages/{mine['id']}").status_code == 200
    assert api(cast, "operator").delete(f"{API}/messages/{theirs['id']}").status_code == 200
    with region_scope(koga):
        rows = Message.objects.filter(pk__in=[mine["id"], theirs["id"]])
        assert {(row.body, row.deleted_at is not None) for row in rows} == {("", True)}
        entries = AuditEntry.objects.filter(action="workplace.message.delete").order_by("id")
        assert [e.changes["by_operator"] for e in entries] == [False, True]
    page = api(cast, "candidate").get(url).json()["items"]
    assert [(i["deleted"], i["body"]) for i in page] == [(True, ""), (True, "")]


def test_a_mention_notifies_through_the_outbox_and_only_in_the_app_on_do_not_disturb(
    koga: Region, cast: Cast, office: Office
) -> None:
    candidate = cast.user("candidate")
    trainer = cast.user("trainer")
    with region_scope(koga):
        Presence.objects.create(
            region=koga, user=trainer, do_not_disturb_until=clock.now() + dt.timedelta(hours=1)
        )
    body = f"@[{candidate.pk}] @[{trainer.pk}] @[{cast.user('municipality').pk}] 確認お願いします"
    sent = post(
        api(cast, "participant"), f"{API}/rooms/{office.open_room.pk}/messages", {"body": body}
    )
    assert sorted(int(k) for k in sent.json()["mentions"]) == sorted([candidate.pk, trainer.pk])
    assert sent.json()["text"].startswith("@")
    with region_scope(koga):
        told = {m.user_id: m for m in OutboxMessage.objects.filter(kind="chat_mention")}
    assert set(told) == {candidate.pk, trainer.pk}
    assert told[candidate.pk].email
    assert told[candidate.pk].in_app
    assert told[trainer.pk].email == ""
    assert told[trainer.pk].in_app


def test_direct_messages_go_only_between_two_people_of_the_workplace(
    cast: Cast, office: Office
) -> None:
    candidate = cast.user("candidate")
    client = api(cast, "participant")
    url = f"{API}/direct/{candidate.pk}/messages"
    assert post(client, url, {"body": "少し話せますか"}).status_code == 201
    other_side = api(cast, "candidate").get(f"{API}/direct/{cast.user('participant').pk}/messages")
    assert [i["body"] for i in other_side.json()["items"]] == ["少し話せますか"]
    outside = f"{API}/direct/{cast.user('municipality').pk}/messages"
    assert post(client, outside, {"body": "x"}).status_code == 404
    assert api(cast, "trainer").get(f"{API}/rooms/{office.room_a.pk}/messages").status_code == 404


def test_search_finds_only_what_the_caller_may_read(cast: Cast, office: Office) -> None:
    participant = api(cast, "participant")
    post(participant, f"{API}/rooms/{office.room_a.pk}/messages", {"body": "議事録 チームA"})
    post(participant, f"{API}/rooms/{office.open_room.pk}/messages", {"body": "議事録 全体"})
    found = api(cast, "candidate").get(f"{API}/messages/search", {"q": "議事録"}).json()
    assert [item["body"] for item in found] == ["議事録 全体"]
    both = participant.get(f"{API}/messages/search", {"q": "議事録"}).json()
    assert len(both) == 2
    assert participant.get(f"{API}/messages/search", {"q": "x" * 201}).status_code == 422


def test_bad_message_bodies_are_refused_with_a_clear_error(cast: Cast, office: Office) -> None:
    client = api(cast, "participant")
    url = f"{API}/rooms/{office.open_room.pk}/messages"
    blank = post(client, url, {"body": "   "})
    assert blank.status_code == 422
    assert blank.json()["detail_ja"]
    assert post(client, url, {"body": "a" * 4001}).status_code == 422
    assert post(client, url, {"body": "a\u0000b"}).status_code == 422


def test_announcements_are_read_confirmed_and_show_who_has_not_read_them(
    koga: Region, cast: Cast, office: Office
) -> None:
    operator = api(cast, "operator")
    made_one = post(
        operator, f"{API}/announcements", {"title": "年末のお知らせ", "body": "28日まで"}
    )
    assert made_one.status_code == 201
    number = made_one.json()["id"]
    participant = api(cast, "participant")
    assert [(a["id"], a["is_read"]) for a in participant.get(f"{API}/announcements").json()] == [
        (number, False)
    ]
    assert post(participant, f"{API}/announcements/{number}/read", {}).json() == {
        "first_time": True
    }
    assert post(participant, f"{API}/announcements/{number}/read", {}).json() == {
        "first_time": False
    }
    assert participant.get(f"{API}/announcements").json()[0]["is_read"] is True
    detail = operator.get(f"{API}/announcements/{number}").json()
    assert [p["user_id"] for p in detail["read"]] == [cast.user("participant").pk]
    unread = {p["user_id"] for p in detail["unread"]}
    assert cast.user("candidate").pk in unread
    assert cast.user("trainer").pk in unread
    assert participant.get(f"{API}/announcements/{number}").json()["read"] is None
    with region_scope(koga):
        told = set(
            OutboxMessage.objects.filter(kind="workplace_announcement").values_list(
                "user_id", flat=True
            )
        )
    # Everyone in the workplace but its author: the team members and the trainer.
    assert told == unread | {cast.user("participant").pk}


def test_team_leads_announce_to_their_team_and_only_operators_to_everyone(
    cast: Cast, office: Office
) -> None:
    lead = api(cast, "participant")
    assert post(lead, f"{API}/announcements", {"title": "t", "body": "b"}).status_code == 403
    to_team = {"team_id": office.team_a_id, "title": "チーム会議", "body": "15時から"}
    assert post(lead, f"{API}/announcements", to_team).status_code == 201
    # The participant manages the candidate of team B: a manager announces to that team too.
    to_b = {"team_id": office.team_b_id, "title": "B", "body": "b"}
    assert post(lead, f"{API}/announcements", to_b).status_code == 201
    assert post(api(cast, "candidate"), f"{API}/announcements", to_team).status_code == 403
    # Team A's announcement is not the candidate's to see.
    assert [a["title"] for a in api(cast, "candidate").get(f"{API}/announcements").json()] == ["B"]
