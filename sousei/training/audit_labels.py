"""What training's audit action codes mean to a reader (registered from TrainingConfig.ready)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sousei.core.audit import action_labels_register

TRAINING_LABELS = {
    "course.create": _("Course created"),
    "course.update": _("Course updated"),
    "course.catalogue_copy": _("Course catalogue copied from another region"),
    "enrolment.create": _("Enrolled"),
    "enrolment.replan": _("Study plan changed"),
    "enrolment.withdraw": _("Enrolment withdrawn"),
    "enrolment.complete": _("Course completed"),
    "progress.log": _("Study logged"),
    "assessment.record": _("Assessment recorded"),
    "licence.grant": _("Licence seat granted"),
    "licence.release": _("Licence seat released"),
    "licence_pool.create": _("Licence pool added"),
    "live_session.schedule": _("Live session scheduled"),
    "live_session.join": _("Joined a live session"),
    "live_session.close": _("Live session attendance closed"),
    "live_session.cancel": _("Live session cancelled"),
    "live_attendance.record": _("Live session attendance recorded"),
}


def register() -> None:
    action_labels_register(TRAINING_LABELS)
