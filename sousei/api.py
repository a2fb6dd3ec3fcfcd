"""The JSON API at /api/v1/ (django-ninja): one NinjaAPI, the error handlers from core.http,
and every app's router. Authentication, the error format and the input checks (no NUL byte or
lone surrogate anywhere, JSON bodies only) live in sousei/core/http.py; the limits every
schema uses in sousei/core/bounds.py."""

from __future__ import annotations

from sousei.core.http import CheckedAPI, install_error_handlers, renderer

api = CheckedAPI(
    title="Sousei API",
    version="1",
    description=(
        "創生 Sousei — regional digital-talent and location-free-work programs. "
        "Region URLs answer 404 to callers without a role in the region."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    renderer=renderer,
)
install_error_handlers(api)

api.add_router("/", "sousei.core.api.router")
api.add_router("/", "sousei.people.api.router")
api.add_router("/", "sousei.training.api.router")
api.add_router("/", "sousei.training.api_live.router")
api.add_router("/", "sousei.projects.api.router")
api.add_router("/", "sousei.work.api.router")
api.add_router("/", "sousei.careers.api.router")
api.add_router("/", "sousei.spaces.api.router")
api.add_router("/", "sousei.events.api.router")
api.add_router("/", "sousei.hiring.api.router")
api.add_router("/", "sousei.impact.api.router")
api.add_router("/", "sousei.inquiries.api.router")
api.add_router("/", "sousei.workplace.api.router")
api.add_router("/", "sousei.workplace.api_people.router")
api.add_router("/", "sousei.workplace.api_chat.router")
api.add_router("/", "sousei.webhooks.api.router")
api.add_router("/", "sousei.privacy.api.router")
api.add_router("/", "sousei.privacy.api_erasure.router")
api.add_router("/", "sousei.privacy.breach.api.router")
api.add_router("/", "sousei.privacy.provisions.api.router")
