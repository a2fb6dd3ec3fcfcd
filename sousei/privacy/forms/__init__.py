"""Privacy: the page forms, one module per part (requests, erasure)."""

from sousei.privacy.forms.requests import (
    CorrectionForm,
    FileRequestForm,
    FilterForm,
    OwnRequestForm,
    RefuseForm,
    WithdrawForm,
)

__all__ = [
    "CorrectionForm",
    "FileRequestForm",
    "FilterForm",
    "OwnRequestForm",
    "RefuseForm",
    "WithdrawForm",
]
