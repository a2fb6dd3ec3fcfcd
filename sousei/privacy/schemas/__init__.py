"""Privacy: the API schemas, one module per part (requests, erasure)."""

from sousei.privacy.schemas.requests import OwnRequestIn, RequestIn, RequestOut, RequestPageOut

__all__ = ["OwnRequestIn", "RequestIn", "RequestOut", "RequestPageOut"]
