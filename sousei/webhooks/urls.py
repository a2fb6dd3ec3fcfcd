"""Webhooks pages, mounted under /r/<slug>/."""

from __future__ import annotations

from django.urls import URLPattern, path

from sousei.webhooks import views

urlpatterns: list[URLPattern] = [
    path("webhooks/", views.webhook_list, name="webhook-list"),
    path("webhooks/new/", views.webhook_create, name="webhook-create"),
    path("webhooks/<int:endpoint_id>/", views.webhook_deliveries, name="webhook-deliveries"),
    path("webhooks/<int:endpoint_id>/edit/", views.webhook_edit, name="webhook-edit"),
    path("webhooks/<int:endpoint_id>/rotate/", views.webhook_rotate, name="webhook-rotate"),
    *[
        path(
            f"webhooks/<int:endpoint_id>/{action}/",
            views.webhook_action,
            {"action": action},
            name=f"webhook-{action}",
        )
        for action in ("enable", "disable", "test", "delete")
    ],
    path(
        "webhooks/<int:endpoint_id>/deliveries/<int:delivery_id>/replay/",
        views.delivery_replay,
        name="webhook-delivery-replay",
    ),
]
