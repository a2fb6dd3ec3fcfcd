"""Privacy: the models. One module per workflow; each is re-exported here so the app's
models are found under `sousei.privacy.models`."""

from sousei.privacy.models.breach import (
    BreachAffectedPerson,
    BreachCause,
    BreachIncident,
    BreachStatus,
)
from sousei.privacy.models.erasure import ErasureAction, ErasureRecord, PersonPrivacy
from sousei.privacy.models.policy import PolicyVersion
from sousei.privacy.models.requests import (
    DUE_DAYS,
    Channel,
    PrivacyRequest,
    RequestKind,
    RequestStatus,
)

__all__ = [
    "DUE_DAYS",
    "BreachAffectedPerson",
    "BreachCause",
    "BreachIncident",
    "BreachStatus",
    "Channel",
    "ErasureAction",
    "ErasureRecord",
    "PersonPrivacy",
    "PolicyVersion",
    "PrivacyRequest",
    "RequestKind",
    "RequestStatus",
]
