"""Django's sign-in signals, written to the sign-in record (sousei.core.accounts). Connected
in CoreConfig.ready(); the signals are Django's own way of saying "someone signed in", so the
record does not depend on which page or backend did it (the login page, the admin's, the API's
token endpoint)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest

from sousei.core.accounts import sign_in_record
from sousei.core.models import SignInLog


def _signed_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    sign_in_record(request=request, user=user, outcome=SignInLog.Outcome.SIGNED_IN)


def _signed_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if isinstance(user, User):
        sign_in_record(request=request, user=user, outcome=SignInLog.Outcome.SIGNED_OUT)


def _failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", "") or "")
    sign_in_record(request=request, user=None, outcome=SignInLog.Outcome.FAILED, username=username)


def connect() -> None:
    user_logged_in.connect(_signed_in, dispatch_uid="sousei.sign_in")
    user_logged_out.connect(_signed_out, dispatch_uid="sousei.sign_out")
    user_login_failed.connect(_failed, dispatch_uid="sousei.sign_in_failed")
