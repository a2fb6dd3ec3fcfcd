"""The CV an applicant uploads: a PDF of at most 10 MB, checked by its content.

The file's name and declared type are the sender's claims; the first bytes are not. A PDF
starts with "%PDF-" (ISO 32000-1, 7.5.2). Stored under MEDIA_ROOT with a random name and
served only to staff through a view, never from a public URL."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sousei.core.access import signed_in_user
from sousei.core.audit import audit_read
from sousei.core.models import Region

if TYPE_CHECKING:
    from sousei.hiring.models import Candidacy

MAX_CV_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def cv_check(upload: UploadedFile | None) -> UploadedFile:
    """The upload if it is a PDF within the limit; ValidationError saying what to fix."""
    if upload is None:
        raise ValidationError(_("Attach your CV as a PDF file (up to 10 MB)."), code="required")
    size = upload.size or 0
    if size > MAX_CV_BYTES:
        raise ValidationError(
            _(
                "The CV is %(size)s MB; the limit is 10 MB. Save it as a smaller PDF "
                "(for example with fewer or compressed images) and attach it again."
            ),
            code="too_large",
            params={"size": f"{size / 1024 / 1024:.1f}"},
        )
    if size == 0:
        raise ValidationError(_("The CV file is empty. Attach your CV as a PDF."), code="empty")
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError(
            _(
                "The CV must be a PDF file; this file is not a PDF (whatever its name). "
                "Save or export your CV as PDF and attach that."
            ),
            code="not_pdf",
        )
    return upload


def cv_read_record(request: HttpRequest, region: Region, candidacy: Candidacy) -> None:
    """A CV opened by staff is an audit entry: who read whose CV, and when (the page and
    the API both call this before they send the file)."""
    audit_read(
        region=region,
        actor=signed_in_user(request),
        action="candidacy.cv_read",
        obj=candidacy,
        details={"opening": candidacy.opening_id},
    )
