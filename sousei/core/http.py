"""The API's authentication and error format, and the site's address for links sent by mail.

Every app's API router takes ``auth=signed_in`` from here, and ``sousei/api.py`` installs the
error handlers with :func:`install_error_handlers` on the one NinjaAPI it creates. Apps import
this module, never the project package, so the dependencies keep running one way.

Errors always carry a human message in Japanese and English:
{"detail": "<in the caller's language>", "detail_ja": …, "detail_en": …, "errors": [...]}.
Responses are rendered by the same JSON renderer the NinjaAPI uses (:data:`renderer`), so an
error answered by an endpoint and one answered by a handler look alike.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as SchemaValidationError
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer, SessionAuth

from sousei.core.access import NotAuthenticated
from sousei.core.errors import Conflict, bilingual, field_errors, in_reader_language
from sousei.core.tokens import api_token_find

#: The API's renderer; sousei/api.py gives it to the NinjaAPI.
renderer = JSONRenderer()


class BearerToken(HttpBearer):
    """`Authorization: Bearer sousei_…` from POST /api/v1/auth/token. The token row is kept
    on the request (`request.api_token`), so DELETE /auth/token knows which to revoke."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = api_token_find(raw=token)
        if found is None:
            return None
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found.user


class SignedInSession(SessionAuth):
    """The session of a signed-in user, as the pages call the API, with CSRF enforced.

    A request without a signed-in session is no session call: there is nothing of the
    caller's for a forged request to use, so it is not refused for lacking a CSRF token and
    falls through to the next method (an anonymous registrant's token in the body)."""

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)


# Pages call the API with the session cookie; CSRF is enforced for those calls.
signed_in = [BearerToken(), SignedInSession()]


def site_url() -> str:
    """The address links in e-mails start with (no request in a background task)."""
    return str(settings.SOUSEI_SITE_URL)


def calendar_file_response(body: str, filename: str) -> HttpResponse:
    """An .ics file to download (an event, an interview)."""
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_response(request: HttpRequest, body: Any, *, status: int) -> HttpResponse:
    """What NinjaAPI.create_response makes, without needing the API object."""
    content = renderer.render(request, body, response_status=status)
    return HttpResponse(
        content, status=status, content_type=f"{renderer.media_type}; charset={renderer.charset}"
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
    return json_response(request, body, status=status)


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
        return json_response(request, body, status=422)
    return error_response(
        request,
        422,
        _("%(count)s fields need correcting; see errors for each one."),
        {"count": len(errors)},
        errors,
    )


INVALID_VALUE = _("This value is not valid: %(problem)s")


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


def on_conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
    return error_response(request, 409, exc.message, exc.params)


def on_not_authenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(
        request,
        401,
        _("Sign in first: send Authorization: Bearer <token> from /api/v1/auth/token."),
    )


def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(
        request, 404, _("Not found. Check the address and your access to this region.")
    )


def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(request, 403, _("Your role in this region does not allow this."))


def install_error_handlers(api: NinjaAPI) -> None:
    """Answer every error the API raises in the bilingual format above."""
    handlers: list[tuple[type[Exception], Callable[..., HttpResponse]]] = [
        (ValidationError, on_validation_error),
        (SchemaValidationError, on_schema_error),
        (Conflict, on_conflict),
        (NotAuthenticated, on_not_authenticated),
        (AuthenticationError, on_not_authenticated),
        (Http404, on_not_found),
        (PermissionDenied, on_forbidden),
    ]
    for exception, handler in handlers:
        api.exception_handler(exception)(handler)
