"""Django's ASGI handler, less a thread per request for long-lived streams.

Django runs each request's sync code (middleware, views) on a thread of its own that lives as
long as the request (asgiref's ThreadSensitiveContext). For a stream that stays open for
minutes that is a thread per open connection, idle, with its memory. A request whose path
matches `stream_paths` is handled without that context: its sync part (middleware and a view
that checks access, a few milliseconds) runs on the process's one shared sync thread, one
request after another, and the open stream itself is only a coroutine on the event loop
(docs/adr/0003-live-updates.md). Such a view must give back its database connection before
it returns its StreamingHttpResponse, since the shared thread would otherwise hold it."""

from __future__ import annotations

import re
from typing import Any

from django.core.asgi import get_asgi_application
from django.core.handlers.asgi import ASGIHandler


class StreamingASGIHandler(ASGIHandler):
    def __init__(self, stream_paths: re.Pattern[str]) -> None:
        super().__init__()
        self.stream_paths = stream_paths

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope.get("type") == "http" and self.stream_paths.match(scope.get("path", "")):
            await self.handle(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def asgi_application(stream_paths: re.Pattern[str]) -> StreamingASGIHandler:
    get_asgi_application()  # django.setup(), as Django's own entry point does
    return StreamingASGIHandler(stream_paths)
