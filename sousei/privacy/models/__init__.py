"""Privacy: the models, one module per part (erasure and suspension of use here)."""

from sousei.privacy.models.erasure import ErasureAction, ErasureRecord, PersonPrivacy

__all__ = ["ErasureAction", "ErasureRecord", "PersonPrivacy"]
