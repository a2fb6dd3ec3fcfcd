"""Which courses, enrolments and certificates of the region a caller may see, shared by the
pages and the API.

The office (operators) sees every enrolment and certificate and edits every course; a trainer
sees those of the courses they teach and edits those courses (DESIGN.md §roles: "their
courses, enrolments, progress, assessments"). Both see the unpublished courses. A participant
sees their own enrolments and certificates; every member sees the published courses. Anything
else answers 404, as an object of another region would; a course seen but not editable, 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from sousei.core.access import Reader
from sousei.core.roles import Role
from sousei.training import selectors
from sousei.training.models import Certificate, Course, Enrolment

TRAINING_STAFF = frozenset({Role.OPERATOR, Role.TRAINER})


def course_visible(reader: Reader, course_id: int) -> Course:
    """A published course for every member; an unpublished one for staff only."""
    try:
        course = selectors.course_get(course_id=course_id)
    except Course.DoesNotExist:
        raise Http404("No such course.") from None
    if not course.is_published and not reader.has_any(TRAINING_STAFF):
        raise Http404("No such course.")
    return course


def trainer_scope(reader: Reader) -> int | None:
    """Whose courses bound the enrolments a staff reader sees: None for the office (every
    course), else the trainer's own id (selectors.taught_by)."""
    return None if Role.OPERATOR in reader.roles else reader.user_id


def course_editable(reader: Reader, course_id: int) -> Course:
    """A course the caller may edit: the office any, a trainer those they teach. A course the
    caller may see but not edit answers 403."""
    course = course_visible(reader, course_id)
    if not course_taught(reader, course_id):
        raise PermissionDenied
    return course


def course_taught(reader: Reader, course_id: int) -> bool:
    """The office, or a trainer of the course: who may open its learners and edit it."""
    if Role.OPERATOR in reader.roles:
        return True
    return Role.TRAINER in reader.roles and selectors.teaches(
        trainer_id=reader.user_id, course_id=course_id
    )


def enrolment_visible(reader: Reader, enrolment_id: int, *, own: bool = False) -> Enrolment:
    """The enrolment if the caller may see it: the office any, a trainer those of their
    courses, a participant their own.

    `own=True` is for the participant's own pages, which show only the caller's enrolments
    even to a participant who is also staff."""
    try:
        enrolment = selectors.enrolment_get(enrolment_id=enrolment_id)
    except Enrolment.DoesNotExist:
        raise Http404("No such enrolment.") from None
    if not own and course_taught(reader, enrolment.course_id):
        return enrolment
    if enrolment.participant.person.user_id == reader.user_id:
        return enrolment
    raise Http404("No such enrolment.")


def certificate_visible(reader: Reader, code: str) -> Certificate:
    """A certificate of the region with what its PDF prints: the office any, a trainer those
    of their courses, a holder their own. (Anyone may check a certificate by its code; that
    public page shows less.)"""
    certificate = selectors.certificate_in_region(code=code)
    if certificate is None:
        raise Http404("No such certificate.")
    if course_taught(reader, certificate.enrolment.course_id):
        return certificate
    if certificate.enrolment.participant.person.user_id == reader.user_id:
        return certificate
    raise Http404("No such certificate.")
