"""Chat and announcement pages, mounted under /r/<slug>/."""

from __future__ import annotations

from django.urls import URLPattern, path

from sousei.workplace.views import chat as views

urlpatterns: list[URLPattern] = [
    path("workplace/chat/", views.chat_home, name="chat-home"),
    path("workplace/rooms/<int:room_id>/chat/", views.room_chat, name="chat-room"),
    path("workplace/direct/<int:user_id>/", views.direct_chat, name="chat-direct"),
    path("workplace/messages/search/", views.message_search, name="chat-search"),
    path(
        "workplace/messages/<int:message_id>/delete/",
        views.message_delete,
        name="chat-message-delete",
    ),
    path("workplace/announcements/", views.announcement_list, name="announcement-list"),
    path(
        "workplace/announcements/<int:announcement_id>/",
        views.announcement_detail,
        name="announcement-detail",
    ),
]
