"""Residence-check messages, in the person's inbox (with an account) and by e-mail, through
the outbox, in the language the person chose for messages (Japanese, the program's
language, for someone without an account or a choice)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sousei.core.outbox.kinds import kind_labels_register
from sousei.core.outbox.models import OutboxMessage
from sousei.core.outbox.services import language_of, message_queue
from sousei.core.text import format_date
from sousei.impact import links
from sousei.impact.models import ResidenceCheck

# The answer asked for within this many days of the due date (the link lasts longer).
ANSWER_DAYS = 30


class Kind(models.TextChoices):
    RESIDENCE_CHECK = "residence_check", gettext_lazy("Residence check")


def register() -> None:
    kind_labels_register(Kind)


def residence_check_ask(*, check: ResidenceCheck) -> OutboxMessage | None:
    """Ask the person of `check` whether they still live in the region, with the one-click
    link (and, for an independent, their monthly income)."""
    person = check.person
    region = check.region
    url = links.check_url(slug=region.slug, region_id=region.pk, check_id=check.pk)
    language = language_of(person.user)
    with translation.override(language):
        subject = _("Do you still live in %(region)s? (%(months)s-month check)") % {
            "region": region.local_name,
            "months": check.months,
        }
        lines = [
            _("%(name)s,") % {"name": person.full_name},
            "",
            _(
                "It is %(months)s months since your outcome in the program. To see whether the "
                "program helps people keep living in %(region)s, please tell us whether you still "
                "live there. It takes one click:"
            )
            % {"months": check.months, "region": region.local_name},
            url,
            "",
        ]
        if check.asks_income:
            lines += [
                _("As an independent, please also give your monthly income; it is optional."),
                "",
            ]
        lines.append(
            _("Please answer by %(date)s. The city sees only totals of three people or more.")
            % {"date": format_date(check.due_on + dt.timedelta(days=ANSWER_DAYS))}
        )
    return message_queue(
        region=region,
        kind=Kind.RESIDENCE_CHECK,
        language=language,
        subject=subject,
        body="\n".join(lines) + "\n",
        user=person.user,
        email=person.email,
        in_app=person.user is not None,
        about=check,
    )
