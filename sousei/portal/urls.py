"""Portal pages: the landing page and home (site-wide), and each region's program page,
dashboard and audit log (mounted under /r/<slug>/)."""

from __future__ import annotations

from django.urls import URLPattern, path

from sousei.portal import company, views

site_urlpatterns: list[URLPattern] = [
    path("", views.landing, name="landing"),
    path("home/", views.home, name="home"),
    path("account/tokens/", views.account_tokens, name="account-tokens"),
    path("account/notifications/", views.account_notifications, name="account-notifications"),
    path(
        "account/set-password/<uidb64>/<token>/",
        views.SetPasswordView.as_view(),
        name="set-password",
    ),
    path("owner/regions/new/", views.owner_onboard, name="owner-onboard"),
    path("programs/", company.company_programs, name="company-programs"),
    path("owner/regions/<slug:slug>/", views.owner_region, name="owner-region"),
    path(
        "account/tokens/<int:token_id>/revoke/",
        views.account_token_revoke,
        name="account-token-revoke",
    ),
]

urlpatterns: list[URLPattern] = [
    path("", views.region_home, name="region-home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("audit/", views.audit_log, name="audit-log"),
    path("audit/export.csv", views.audit_export, name="audit-export"),
    path("notifications/", views.notification_list, name="notifications"),
]
