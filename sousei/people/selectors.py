"""Reads for people and intake. Every query runs inside the caller's region scope."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from django.contrib.auth.models import User
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from sousei.core.pagination import Page, paginate
from sousei.core.scoping import cross_region
from sousei.people.models import (
    Application,
    ApplicationStatus,
    ApplicationTally,
    Consent,
    Participant,
    Person,
)
from sousei.people.validation import to_katakana


def application_search(*, status: str | None = None, q: str | None = None) -> QuerySet[Application]:
    """The region's applications, newest first, filtered by status and a search.

    The search matches the start of the family or given name (in kanji or kana; hiragana is
    read as katakana), of the email address or of the phone number; "古賀 花" matches family
    name and given name together. Prefix matching is what an intake desk types, and every
    condition is served by an index, so searching 100,000 applications stays fast."""
    qs = Application.objects.select_related("person")
    if status:
        qs = qs.filter(status=status)
    words = (q or "").split()
    if words:
        qs = qs.filter(person__in=Person.objects.filter(person_match(words)).values("pk"))
    return qs.order_by("-submitted_at", "-id")


def person_match(words: list[str]) -> Q:
    """The condition on Person of a search split into words (see application_search): the
    start of a name in kanji or kana, of the email address or of the phone number."""
    if len(words) >= 2:
        family, given = words[0], " ".join(words[1:])
        return Q(family_name__startswith=family, given_name__startswith=given) | Q(
            family_name_kana__startswith=to_katakana(family),
            given_name_kana__startswith=to_katakana(given),
        )
    (word,) = words
    kana = to_katakana(word)
    digits = word.replace("-", "")
    match = (
        Q(family_name__startswith=word)
        | Q(given_name__startswith=word)
        | Q(family_name_kana__startswith=kana)
        | Q(given_name_kana__startswith=kana)
        | Q(email__startswith=word.lower())
    )
    if digits.isdigit():
        match |= Q(phone__startswith=digits)
    return match


LIST_FIELDS = (
    "status",
    "email",
    "weekly_hours_available",
    "submitted_at",
    "decided_at",
    "region_id",
    "person__family_name",
    "person__given_name",
    "person__family_name_kana",
    "person__given_name_kana",
    "person__postal_code",
    "person__city",
    "person__town",
    "person__work_status",
    "person__region_id",
)


def application_page(
    *, status: str | None = None, q: str | None = None, page: int = 1, size: int = 50
) -> Page[Application]:
    """One page of applications: two queries (count and rows) whatever the total."""
    # Only what a list row shows: motivation, address and decision notes stay in the table.
    qs = application_search(status=status, q=q).only(*LIST_FIELDS)
    if q and q.strip():
        return paginate(qs, page=page, size=size)
    tallies = application_status_counts()
    count = tallies.get(status, 0) if status else sum(tallies.values())
    return paginate(qs, page=page, size=size, count=count)


def application_get(*, application_id: int) -> Application:
    """One application with its person; raises Application.DoesNotExist outside the scope."""
    return Application.objects.select_related("person", "decided_by").get(pk=application_id)


def application_status_counts() -> dict[str, int]:
    """How many applications are in each status (zero included), from the running tallies."""
    counts = dict.fromkeys(ApplicationStatus.values, 0)
    for status, n in ApplicationTally.objects.values_list("status", "count"):
        counts[status] = n
    return counts


def participant_for_application(*, application_id: int) -> Participant | None:
    return Participant.objects.filter(application_id=application_id).first()


def participant_count() -> int:
    return Participant.objects.count()


def applications_of_user(*, user: User) -> list[Application]:
    """The signed-in person's own applications in the current region."""
    return list(
        Application.objects.filter(person__user=user)
        .select_related("person")
        .order_by("-submitted_at")
    )


def consents_of(*, person_id: int) -> list[Consent]:
    return list(Consent.objects.filter(person_id=person_id).order_by("purpose"))


def application_export_rows(
    *, status: str | None = None, q: str | None = None
) -> Iterator[list[str]]:
    """The filtered applications as CSV rows (header first), streamed from the database
    in chunks so a city-sized export never sits in memory at once."""
    # Headers, statuses and dates as the reader reads them (Excel on a Japanese desk), not
    # the codes: 受付番号, 状態 審査中, 2026/12/03 10:00.
    yield [
        str(_("Application no.")),
        str(_("Status")),
        str(_("Submitted at")),
        str(_("Decided at")),
        str(_("Family name")),
        str(_("Given name")),
        str(_("Family name (kana)")),
        str(_("Given name (kana)")),
        str(_("Email")),
        str(_("Postal code")),
        str(_("Address")),
        str(_("Work status")),
        str(_("Hours available per week")),
        str(_("Monthly income before the program (yen)")),
    ]
    for application in application_search(status=status, q=q).iterator(chunk_size=2000):
        person = application.person
        yield [
            str(application.pk),
            str(application.get_status_display()),
            f"{timezone.localtime(application.submitted_at):%Y/%m/%d %H:%M}",
            f"{timezone.localtime(application.decided_at):%Y/%m/%d %H:%M}"
            if application.decided_at
            else "",
            person.family_name,
            person.given_name,
            person.family_name_kana,
            person.given_name_kana,
            application.email,
            person.postal_code,
            person.address,
            str(person.get_work_status_display()) if person.work_status else "",
            str(application.weekly_hours_available),
            str(application.baseline_monthly_income_jpy),
        ]


def intake_counts_by_region(*, region_ids: Collection[int]) -> dict[int, dict[str, int]]:
    """Applications (all, and awaiting a decision) and participants of each region, for a
    company's programs side by side: two queries whatever the number of regions. A declared
    cross-region read: the caller holds a role in every region named."""
    counts: dict[int, dict[str, int]] = {
        region_id: {"applications": 0, "submitted": 0, "participants": 0}
        for region_id in region_ids
    }
    with cross_region("a company's programs side by side, in the caller's own regions"):
        for region_id, status, n in ApplicationTally.objects.filter(
            region_id__in=list(region_ids)
        ).values_list("region_id", "status", "count"):
            counts[region_id]["applications"] += n
            if status == ApplicationStatus.SUBMITTED:
                counts[region_id]["submitted"] += n
        for region_id, n in (
            Participant.objects.filter(region_id__in=list(region_ids))
            .values_list("region_id")
            .annotate(n=Count("id"))
            .order_by()
        ):
            counts[region_id]["participants"] = n
    return counts


def person_of_user(*, user_id: int) -> Person | None:
    """The person record of a sign-in account in this region (the first, if several)."""
    return Person.objects.filter(user_id=user_id).order_by("pk").first()


# --- what is held about one person (APPI art. 33 disclosure, read by privacy) ---------------


def applications_of_person(*, person_id: int) -> QuerySet[Application]:
    """The person's applications to the program, oldest first."""
    return Application.objects.filter(person_id=person_id).order_by("submitted_at", "id")


def consents_of_person(*, person_id: int) -> QuerySet[Consent]:
    """Every answer the person gave to a purpose of use, withdrawn ones included."""
    return Consent.objects.filter(person_id=person_id).order_by("recorded_at", "id")


def participant_of_person(*, person_id: int) -> Participant | None:
    return Participant.objects.filter(person_id=person_id).first()
