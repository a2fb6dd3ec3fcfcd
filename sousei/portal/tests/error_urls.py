"""The site's URLs plus one page that fails, to see the 500 page through the whole stack."""

from __future__ import annotations

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import path

from sousei.urls import handler403, handler404, handler500
from sousei.urls import urlpatterns as site_urlpatterns

__all__ = ["handler403", "handler404", "handler500"]


def broken(request: HttpRequest) -> HttpResponse:
    raise OperationalError("the database went away")


urlpatterns = [*site_urlpatterns, path("broken/", broken)]
