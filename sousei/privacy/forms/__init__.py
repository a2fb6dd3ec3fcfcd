"""Privacy: the page forms, one module per part (requests, erasure, breach)."""

from sousei.privacy.forms.breach import BreachForm
from sousei.privacy.forms.requests import (
    CorrectionForm,
    FileRequestForm,
    FilterForm,
    OwnRequestForm,
    RefuseForm,
    WithdrawForm,
)

__all__ = [
    "BreachForm",
    "CorrectionForm",
    "FileRequestForm",
    "FilterForm",
    "OwnRequestForm",
    "RefuseForm",
    "WithdrawForm",
]
