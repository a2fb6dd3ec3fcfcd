"""The API's authentication, input checks and error format, and the site's address for links
sent by mail.

Every app's API router takes ``auth=signed_in`` from here, and ``sousei/api.py`` creates the one
API as a :class:`CheckedAPI` (no NUL byte or lone surrogate in a path, and through
:class:`StrictParser` none in a body, query or form, and bodies only as JSON) and installs the
error handlers with :func:`install_error_handlers` on it. Apps import
this module, never the project package, so the dependencies keep running one way.

Errors always carry a human message in Japanese and English:
{"detail": "<in the caller's language>", "detail_ja": …, "detail_en": …, "errors": [...]}.
Responses are rendered by the same JSON renderer the NinjaAPI uses (:data:`renderer`), so an
error answered by an endpoint and one answered by a handler look alike.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError
from ninja.parser import Parser
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer, SessionAuth

from sousei.core.access import NotAuthenticated
from sousei.core.bounds import DATE_MAX, DATE_MIN, MONTH_PATTERN, SLUG_PATTERN
from sousei.core.errors import Conflict, bilingual, field_errors, in_reader_language
from sousei.core.tokens import api_token_find

#: The API's renderer; sousei/api.py gives it to the NinjaAPI.
renderer = JSONRenderer()

# A NUL byte cannot be stored in PostgreSQL text, and a lone surrogate (half of a UTF-16 pair,
# which JSON's \\ud800 escape can produce) cannot be encoded as UTF-8.
UNSAFE_CHARACTER = re.compile("[\x00\ud800-\udfff]")
JSON_MEDIA_TYPES = {"application/json"}


class RefusedInput(Exception):
    """A request refused before any schema reads it: its body is not JSON, or a value holds a
    character no text may hold. Answered with `status` and the bilingual `message`."""

    def __init__(self, status: int, message: Any, **params: Any) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.params = params


def _where(path: list[str]) -> str:
    return ".".join(path) or "body"


def refuse_unsafe_text(value: Any, path: list[str]) -> None:
    """Raise RefusedInput if any string in `value` (keys included) holds NUL or a surrogate.
    Walks without recursion: JSON nested a thousand deep must not exhaust the stack."""
    pending: list[tuple[Any, list[str]]] = [(value, path)]
    while pending:
        item, where = pending.pop()
        if isinstance(item, str):
            _refuse_unsafe_string(item, where)
        elif isinstance(item, dict):
            for key, child in item.items():
                _refuse_unsafe_string(str(key), where)
                pending.append((child, [*where, str(key)]))
        elif isinstance(item, list):
            pending.extend((child, [*where, str(index)]) for index, child in enumerate(item))


def _refuse_unsafe_string(value: str, path: list[str]) -> None:
    found = UNSAFE_CHARACTER.search(value)
    if found is None:
        return
    if found.group() == "\x00":
        raise RefusedInput(
            422,
            _("%(field)s contains a NUL character (\\u0000). Remove it and send again."),
            field=_where(path),
        )
    raise RefusedInput(
        422,
        _(
            "%(field)s contains a lone surrogate (a half of a UTF-16 pair, such as "
            "\\ud800). Send the text as valid UTF-8."
        ),
        field=_where(path),
    )


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


class StrictParser(Parser):
    """The API's only way in for bodies, queries and forms: a body must be JSON sent as
    application/json (multipart endpoints read forms, not the body), and no text anywhere may
    hold a NUL byte or a lone surrogate."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        # ninja wraps what this raises in an HttpError; on_http_error answers its cause.
        if request.content_type not in JSON_MEDIA_TYPES:
            raise RefusedInput(
                415,
                _(
                    "Send the body as JSON with the header Content-Type: application/json "
                    "(it was %(content_type)s)."
                ),
                content_type=request.content_type or "missing",
            )
        try:
            data = json.loads(request.body, parse_constant=_no_constant)
        except (ValueError, RecursionError) as error:
            raise RefusedInput(
                400,
                _("The body is not valid JSON (%(problem)s). Check its syntax and encoding."),
                problem=str(error)[:200],
            ) from error
        refuse_unsafe_text(data, [])
        return data

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        for key, values in data.lists():
            refuse_unsafe_text(key, [])
            for value in values:
                text = value.name if isinstance(value, UploadedFile) else value
                refuse_unsafe_text(text, [key])
        return super().parse_querydict(data, list_fields, request)


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


class CheckedAPI(NinjaAPI):
    """The NinjaAPI whose every operation refuses a path parameter holding NUL or a lone
    surrogate, as StrictParser does for bodies, queries and forms. ninja asks for the
    temporal response of each request once, inside the operation's error handling and before
    any parameter is read: the one place every endpoint passes. Bodies, queries and forms go
    through StrictParser, unless another parser is given."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("parser", StrictParser())
        super().__init__(**kwargs)

    def create_temporal_response(self, request: HttpRequest) -> HttpResponse:
        match = getattr(request, "resolver_match", None)
        if match is not None:
            for name, value in match.kwargs.items():
                refuse_unsafe_text(value, [name])
        return super().create_temporal_response(request)


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


# The bounds of sousei/core/bounds.py, said so that a person knows what to send instead.
BOUND_MESSAGES: dict[str, Any] = {
    "string_too_long": _("Enter at most %(max_length)s characters."),
    "string_too_short": _("Enter at least %(min_length)s characters."),
    "too_long": _("Send at most %(max_length)s items."),
    "less_than_equal": _("Enter a value of at most %(le)s."),
    "greater_than_equal": _("Enter a value of at least %(ge)s."),
    "string_pattern_mismatch": _("Enter it in the form this field expects (%(pattern)s)."),
    "date_out_of_range": _("Enter a date between %(min)s and %(max)s."),
}


PATTERN_MESSAGES: dict[str, Any] = {
    SLUG_PATTERN: _("A region's address has only letters, digits, - and _, e.g. koga."),
    MONTH_PATTERN: _("Enter the month as YYYY-MM between 2000-01 and 2100-12, e.g. 2026-12."),
}
# Where ninja says a value came from; the field is named without it.
LOCATIONS = {"body", "query", "path", "form", "file", "header", "cookie"}


def schema_error_message(item: dict[str, Any]) -> dict[str, str]:
    """{'ja': …, 'en': …} for one pydantic error: the bound it breaks, or pydantic's words."""
    kind = item.get("type", "")
    context = {key: str(value) for key, value in (item.get("ctx") or {}).items()}
    if kind == "value_error" and "date_out_of_range" in item.get("msg", ""):
        kind = "date_out_of_range"
        context = {"min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()}
    message = BOUND_MESSAGES.get(kind)
    if kind == "string_pattern_mismatch":
        message = PATTERN_MESSAGES.get(context.get("pattern", ""), message)
    if message is not None:
        try:
            return bilingual(message, context)
        except (KeyError, TypeError, ValueError):
            pass
    problem = item.get("msg", "")
    return {"ja": bilingual(INVALID_VALUE, {"problem": problem})["ja"], "en": problem}


def on_schema_error(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
    errors = []
    for item in exc.errors:
        location = [str(part) for part in item.get("loc", ())]
        if location and location[0] in LOCATIONS:
            location.pop(0)
        location = [part for part in location if part != "payload"]
        field = ".".join(location) or None
        both = schema_error_message(item)
        errors.append(
            {
                "field": field,
                "code": item.get("type", "invalid"),
                "message": in_reader_language(both),
                "message_ja": both["ja"],
                "message_en": both["en"],
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


def on_refused_input(request: HttpRequest, exc: RefusedInput) -> HttpResponse:
    return error_response(request, exc.status, exc.message, exc.params)


def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """ninja's own errors (a body it cannot parse) in the bilingual format."""
    if isinstance(exc.__cause__, RefusedInput):
        return on_refused_input(request, exc.__cause__)
    return error_response(
        request,
        exc.status_code,
        _("The request could not be read (%(problem)s). Check it against /api/v1/docs."),
        {"problem": str(exc)},
    )


def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return error_response(
        request,
        413,
        _("The request is larger than the server accepts. Send less data, or a smaller file."),
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
        (RefusedInput, on_refused_input),
        (HttpError, on_http_error),
        (RequestDataTooBig, on_too_big),
        (NotAuthenticated, on_not_authenticated),
        (AuthenticationError, on_not_authenticated),
        (Http404, on_not_found),
        (PermissionDenied, on_forbidden),
    ]
    for exception, handler in handlers:
        api.exception_handler(exception)(handler)
