"""The pages shown when a request fails: 403 (the caller's role does not open the page), 404
(nothing here, or another region's object) and 500 (a fault of ours). Each speaks the
reader's language, sits in the site's layout and offers a way back.

The 500 page is rendered without the request's context processors and reads no database: the
fault may be the database, and the menu needs it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template import loader


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", {"path": request.path}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        csrf_token = get_token(request)
    except Exception:
        csrf_token = ""
    # A plain context: no context processors, no user (reading it may need the database).
    context = {"request": request, "csrf_token": csrf_token, "bare": True}
    return HttpResponse(loader.get_template("500.html").render(context), status=500)
