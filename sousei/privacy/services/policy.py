"""Publishing a version of a region's privacy policy (APPI arts. 21, 32). A version is never
edited: a change of wording is a new version with its own date, so each consent keeps
pointing at the text the person agreed to."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sousei.core.audit import audit_record
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.privacy.models import PolicyVersion


def policy_publish(
    *,
    region: Region,
    version: str,
    effective_from: dt.date,
    title_ja: str,
    title_en: str,
    body_ja: str,
    body_en: str,
    actor: User | None,
) -> PolicyVersion:
    """Publish a new version of the region's policy, in force from `effective_from`."""
    version = version.strip()
    if not version or len(version) > 20:
        raise ValidationError(
            {"version": _("Name the version in 1 to 20 characters, e.g. the date 2026-11-01.")}
        )
    if not body_ja.strip() or not body_en.strip():
        raise ValidationError({"body_ja": _("Write the policy's text in Japanese and English.")})
    with transaction.atomic():
        if PolicyVersion.objects.filter(version=version).exists():
            raise Conflict(
                _("Version %(version)s is already published. A change is a new version."),
                version=version,
            )
        policy = PolicyVersion.objects.create(
            region=region,
            version=version,
            effective_from=effective_from,
            title_ja=title_ja.strip(),
            title_en=title_en.strip(),
            body_ja=body_ja.strip(),
            body_en=body_en.strip(),
            published_by=actor,
        )
        audit_record(
            region=region,
            actor=actor,
            action="privacy_policy.publish",
            obj=policy,
            changes={"version": version, "effective_from": effective_from.isoformat()},
        )
    return policy
