"""The JSON API at /api/v1/ (django-ninja), its auth and its error format.

Errors always carry a human message in Japanese and English:
{"detail": "<in the caller's language>", "detail_ja": …, "detail_en": …, "errors": [...]}.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as SchemaValidationError
from ninja.security import HttpBearer, SessionAuth

from sousei.core.access import NotAuthenticated
from sousei.core.errors import Conflict, bilingual, field_errors, in_reader_language
from sousei.core.tokens import api_token_user


class BearerToken(HttpBearer):
    """`Authorization: Bearer sousei_…` from POST /api/v1/auth/token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(raw=token)
        if user is not None:
            request.user = user
        return user


# Pages call the API with the session cookie; ninja enforces CSRF for those calls.
signed_in = [BearerToken(), SessionAuth()]

api = NinjaAPI(
    title="Sousei API",
    version="1",
    description=(
        "創生 Sousei — regional digital-talent and location-free-work programs. "
        "Region URLs answer 404 to callers without a role in the region."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def error_response(
    request: HttpRequest,
    status: int,
    message: Any,
    params: dict[str, Any] | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> HttpResponse:
    both = bilingual(message, params)
    body: dict[str, Any] = {
        "detail": in_reader_language(both),
        "detail_ja": both["ja"],
        "detail_en": both["en"],
    }
    if errors is not None:
        body["errors"] = errors
    return api.create_response(request, body, status=status)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = field_errors(exc)
    if len(errors) == 1:
        only = errors[0]
        body = {
            "detail": only["message"],
            "detail_ja": only["message_ja"],
            "detail_en": only["message_en"],
            "errors": errors,
        }
        return api.create_response(request, body, status=422)
    return error_response(
        request,
        422,
        _("%(count)s fields need correcting; see errors for each one."),
        {"count": len(errors)},
        errors,
    )


INVALID_VALUE = _("This value is not valid: %(problem)s")


@api.exception_handler(SchemaValidationError)
def on_schema_error(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
    errors = []
    for item in exc.errors:
        location = [str(part) for part in item.get("loc", ()) if part not in ("body", "payload")]
        field = ".".join(location) or None
        errors.append(
            {
                "field": field,
                "code": item.get("type", "invalid"),
                "message": item.get("msg", ""),
                "message_ja": bilingual(INVALID_VALUE, {"problem": item.get("msg", "")})["ja"],
                "message_en": item.get("msg", ""),
            }
        )
    fields = ", ".join(e["field"] or "?" for e in errors)
    return error_response(
        request,
        422,
        _("Some fields are missing or malformed (%(fields)s); see errors for each one."),
        {"fields": fields},
        errors,
    )


@api.exception_handler(Conflict)
def on_conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
    return error_response(request, 409, exc.message, exc.params)


@api.exception_handler(NotAuthenticated)
@api.exception_handler(AuthenticationError)
def on_not_authenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(
        request,
        401,
        _("Sign in first: send Authorization: Bearer <token> from /api/v1/auth/token."),
    )


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(
        request, 404, _("Not found. Check the address and your access to this region.")
    )


@api.exception_handler(PermissionDenied)
def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(request, 403, _("Your role in this region does not allow this."))


api.add_router("/", "sousei.core.api.router")
api.add_router("/", "sousei.people.api.router")
api.add_router("/", "sousei.training.api.router")
api.add_router("/", "sousei.projects.api.router")
api.add_router("/", "sousei.work.api.router")
api.add_router("/", "sousei.careers.api.router")
api.add_router("/", "sousei.spaces.api.router")
api.add_router("/", "sousei.events.api.router")
api.add_router("/", "sousei.hiring.api.router")
