"""Everything held about a person, as files (APPI art. 33: disclosure by the method the
person asks for, electronic included).

An export is a ZIP: per region a folder with one JSON and one CSV file per section (the
person record, applications, consents, training, work, pay, careers, events, hiring,
messages, audit entries, privacy requests), the PDFs the person could print from their pages
(pay statements, certificates) and the CV they uploaded, and at the top `manifest.json`
(when, whom, every file with its SHA-256 and size, and the row counts).

Sections are a registry: `section_register(Section(name, rows))` adds one, where
`rows(person) -> rows` reads through the owning app's selectors, inside the person's region
scope. A section whose rows are model rows names its model (`model`), so the audit entries
about those objects are found too. Records of provision (art. 29, 33(5)) are a section the
app that keeps them registers the same way.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils import timezone

from sousei.careers import selectors as careers
from sousei.core import clock
from sousei.core import selectors as core
from sousei.core.http import site_url
from sousei.core.outbox import selectors as outbox
from sousei.core.provision import provision_records_of, record_row
from sousei.core.scoping import region_scope
from sousei.events import selectors as events
from sousei.hiring import selectors as hiring
from sousei.impact import selectors as impact
from sousei.people import selectors as people
from sousei.people.models import Person
from sousei.projects.selectors import projects
from sousei.training import selectors as training
from sousei.training.certificate_pdf import render_certificate_pdf
from sousei.training.certificates import certificate_data
from sousei.work.pay_documents import statement_data
from sousei.work.selectors import payroll, timesheets
from sousei.work.statement_pdf import render_statement_pdf

Row = dict[str, Any]

# Credentials, not data about the person: a registration's management link token and an
# offer's link secret open pages whoever holds them, so they never leave in a file.
SECRET_FIELDS = frozenset({"token", "link_secret"})


@dataclass(frozen=True)
class Section:
    """One kind of record: `rows(person)` reads them (inside the person's region scope).
    `model` ("app.model") when each row is a model row with an "id": the audit entries
    about those objects belong to the export too."""

    name: str
    rows: Callable[[Person], Iterable[Row]]
    model: str = ""


@dataclass(frozen=True)
class Attachment:
    """A file of the person's: `files(person)` yields (name in the folder, content)."""

    folder: str
    files: Callable[[Person], Iterable[tuple[str, bytes]]]


SECTIONS: list[Section] = []
ATTACHMENTS: list[Attachment] = []


def section_register(section: Section) -> None:
    """Add a section to every export (a name is one section)."""
    if any(existing.name == section.name for existing in SECTIONS):
        raise ValueError(f"The export section {section.name!r} is already registered.")
    SECTIONS.append(section)


def attachment_register(attachment: Attachment) -> None:
    ATTACHMENTS.append(attachment)


def model_rows(queryset: models.QuerySet[Any]) -> list[Row]:
    """A queryset's rows as plain values (foreign keys as ids), credentials left out."""
    names = [
        f.attname
        for f in queryset.model._meta.concrete_fields
        if f.attname not in SECRET_FIELDS and f.name not in SECRET_FIELDS
    ]
    return list(queryset.values(*names))


def _rows(read: Callable[..., models.QuerySet[Any]]) -> Callable[[Person], list[Row]]:
    return lambda person: model_rows(read(person_id=person.pk))


def _participant_rows(person: Person) -> list[Row]:
    participant = people.participant_of_person(person_id=person.pk)
    if participant is None:
        return []
    return model_rows(type(participant).objects.filter(pk=participant.pk))


def _person_rows(person: Person) -> list[Row]:
    return model_rows(Person.objects.filter(pk=person.pk))


def _message_rows(person: Person) -> list[Row]:
    if person.user_id is None:
        return []
    return model_rows(outbox.messages_to_user(user_id=person.user_id))


def _candidacy_rows(person: Person) -> list[Row]:
    rows = model_rows(hiring.candidacies_of_person(person_id=person.pk))
    for row in rows:
        # The stored path is a random name on the server; the person's file is in cv/.
        row.pop("cv", None)
    return rows


def _provision_rows(person: Person) -> list[Row]:
    """The records of provision covering the person (APPI art. 33(5)); the other people a
    record covers are not theirs to see, so only their own id is listed."""
    return [record_row(record, [person.pk]) for record in provision_records_of(person)]


def _register_defaults() -> None:
    for section in (
        Section("person", _person_rows, "people.person"),
        Section("applications", _rows(people.applications_of_person), "people.application"),
        Section("consents", _rows(people.consents_of_person), "people.consent"),
        Section("participant", _participant_rows, "people.participant"),
        Section("enrolments", _rows(training.enrolments_of_person), "training.enrolment"),
        Section("study_plans", _rows(training.plan_revisions_of_person), "training.planrevision"),
        Section("progress_entries", _rows(training.progress_of_person), "training.progressentry"),
        Section("assessments", _rows(training.assessments_of_person), "training.assessmentattempt"),
        Section("licences", _rows(training.licences_of_person), "training.licence"),
        Section("certificates", _rows(training.certificates_of_person), "training.certificate"),
        Section("skills", _rows(training.skills_of_person), "training.participantskill"),
        Section("assignments", _rows(projects.assignments_of_person), "projects.assignment"),
        Section("time_records", _rows(timesheets.time_records_of_person), "work.timerecord"),
        Section("pay_statements", _rows(payroll.pay_statements_of_person), "work.paystatement"),
        Section("evaluations", _rows(careers.evaluations_of_person), "careers.evaluation"),
        Section(
            "evaluation_skills",
            _rows(careers.evaluation_skills_of_person),
            "careers.evaluationskill",
        ),
        Section("career_outcomes", _rows(careers.outcomes_of_person), "careers.careeroutcome"),
        Section(
            "residence_checks", _rows(impact.residence_checks_of_person), "impact.residencecheck"
        ),
        Section("outcome_records", _rows(impact.outcome_records_of_person), "impact.outcomerecord"),
        Section(
            "event_registrations", _rows(events.registrations_of_person), "events.registration"
        ),
        Section("event_surveys", _rows(events.survey_responses_of_person), "events.surveyresponse"),
        Section("candidacies", _candidacy_rows, "hiring.candidacy"),
        Section("candidacy_stages", _rows(hiring.stage_moves_of_person), "hiring.stagemove"),
        Section("interviews", _rows(hiring.interviews_of_person), "hiring.interview"),
        Section("offers", _rows(hiring.offers_of_person), "hiring.offer"),
        Section("employee_records", _rows(hiring.employees_of_person), "hiring.employee"),
        Section("messages", _message_rows, "core.outboxmessage"),
        Section("provision_records", _provision_rows),
    ):
        section_register(section)
    attachment_register(Attachment("pay_statements", _statement_pdfs))
    attachment_register(Attachment("certificates", _certificate_pdfs))
    attachment_register(Attachment("cv", _cv_files))


def _statement_pdfs(person: Person) -> Iterator[tuple[str, bytes]]:
    for statement in payroll.pay_statements_of_person(person_id=person.pk):
        if statement.pay_run.status != "completed":
            continue  # a draft run's figures are not final and were never shown
        yield (
            f"{statement.month:%Y-%m}-{statement.pk}.pdf",
            render_statement_pdf(statement_data(statement)),
        )


def _certificate_pdfs(person: Person) -> Iterator[tuple[str, bytes]]:
    for certificate in training.certificates_of_person(person_id=person.pk):
        url = site_url() + reverse("certificate-verify", kwargs={"code": certificate.code})
        data = certificate_data(certificate, url)
        yield f"{certificate.code}.pdf", render_certificate_pdf(data)


def _cv_files(person: Person) -> Iterator[tuple[str, bytes]]:
    for candidacy in hiring.candidacies_of_person(person_id=person.pk):
        if not candidacy.cv:
            continue
        try:
            with candidacy.cv.open("rb") as file:
                content = file.read()
        except FileNotFoundError:
            continue  # deleted after retention (hiring.services.retention)
        yield f"candidacy-{candidacy.pk}.pdf", content


# Values JSON and CSV write as they are; anything else goes through _plain.
_AS_IS = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _plain_rows(rows: list[Row]) -> list[Row]:
    """Dates in Japan time as ISO 8601, decimals as text; other values as they are."""
    return [
        {key: value if type(value) in _AS_IS else _plain(value) for key, value in row.items()}
        for row in rows
    ]


def _json(rows: list[Row]) -> bytes:
    return json.dumps(rows, ensure_ascii=False, indent=1).encode()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    text = str(value)
    # A cell starting with = + - @ is a formula to a spreadsheet: kept as text.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _csv(rows: list[Row]) -> bytes:
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([_cell(row.get(column)) for column in columns] for row in rows)
    # With a BOM, as Excel on a Japanese desk needs to read UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode()


@dataclass
class Export:
    """The ZIP being written and what its manifest will say."""

    buffer: io.BytesIO = field(default_factory=io.BytesIO)
    files: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.zip = zipfile.ZipFile(
            self.buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6
        )

    def add(self, path: str, content: bytes) -> None:
        # PDFs are compressed already; deflating them again costs time and saves nothing.
        stored = path.endswith(".pdf")
        self.zip.writestr(
            path, content, compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        )
        self.files.append(
            {"path": path, "bytes": len(content), "sha256": hashlib.sha256(content).hexdigest()}
        )


def _person_folder(export: Export, person: Person, folder: str) -> None:
    """Write one Person's folder (inside their region's scope)."""
    counts: dict[str, int] = {}
    objects: list[tuple[str, str]] = []
    for section in SECTIONS:
        rows = _plain_rows(list(section.rows(person)))
        counts[section.name] = len(rows)
        if section.model:
            objects.extend((section.model, str(row["id"])) for row in rows if "id" in row)
        export.add(f"{folder}/{section.name}.json", _json(rows))
        export.add(f"{folder}/{section.name}.csv", _csv(rows))
    audit = _plain_rows(
        model_rows(core.audit_entries_about(objects=objects, actor_id=person.user_id))
    )
    theirs = set(objects)
    for row in audit:
        if (row["object_type"], row["object_id"]) not in theirs:
            # Written by the person about someone or something else (an operator who is
            # also on record): what they did is theirs, the details are not.
            row["changes"] = {}
    counts["audit_entries"] = len(audit)
    export.add(f"{folder}/audit_entries.json", _json(audit))
    export.add(f"{folder}/audit_entries.csv", _csv(audit))
    for attachment in ATTACHMENTS:
        n = 0
        for name, content in attachment.files(person):
            export.add(f"{folder}/{attachment.folder}/{name}", content)
            n += 1
        counts[f"{attachment.folder} (files)"] = n
    export.counts[folder] = counts


def export_zip(*, persons: list[Person]) -> tuple[bytes, dict[str, Any]]:
    """The ZIP of everything held about `persons` (one human's Person in each region, or
    one Person), each read in their region's scope; returns (content, manifest)."""
    export = Export()
    slugs = [person.region.slug for person in persons]
    for person in persons:
        # One folder per region; two records in one region (two e-mail addresses) each
        # get their own.
        slug = person.region.slug
        folder = slug if slugs.count(slug) == 1 else f"{slug}-{person.pk}"
        with region_scope(person.region):
            _person_folder(export, person, folder)
    first = persons[0] if persons else None
    manifest = {
        "generated_at": timezone.localtime(clock.now()).isoformat(),
        "law": "個人情報の保護に関する法律 第33条 (保有個人データの開示)",
        "person": {
            "name": first.full_name if first else "",
            "name_kana": first.full_name_kana if first else "",
            "email": first.email if first else "",
            "records": [
                {"region": person.region.slug, "person_id": person.pk} for person in persons
            ],
        },
        "counts": export.counts,
        "files": export.files,
    }
    export.zip.writestr(
        "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2).encode()
    )
    export.zip.close()
    return export.buffer.getvalue(), manifest


def export_filename(day: dt.date) -> str:
    return f"my-data-{day:%Y%m%d}.zip"


_register_defaults()
