"""Portal pages: the landing page and home (site-wide), and each region's program page,
dashboard and audit log (mounted under /r/<slug>/)."""

from __future__ import annotations

from django.urls import URLPattern, path

from sousei.portal import accounts, company, members, views

site_urlpatterns: list[URLPattern] = [
    path("", views.landing, name="landing"),
    path("home/", views.home, name="home"),
    path("account/tokens/", views.account_tokens, name="account-tokens"),
    path("account/notifications/", views.account_notifications, name="account-notifications"),
    path("account/", accounts.account, name="account"),
    path("account/password/", accounts.PasswordChange.as_view(), name="password-change"),
    path(
        "account/set-password/<uidb64>/<token>/",
        accounts.SetPasswordView.as_view(),
        name="set-password",
    ),
    path("password-reset/", accounts.PasswordReset.as_view(), name="password-reset"),
    path("password-reset/done/", accounts.password_reset_done, name="password-reset-done"),
    path(
        "password-reset/<uidb64>/<token>/",
        accounts.SetPasswordView.as_view(),
        name="password-reset-confirm",
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
    path(
        "invitation/<str:invitation_token>/",
        accounts.invitation_accept_page,
        name="invitation-accept",
    ),
    path("members/", members.member_list, name="members"),
    path("members/<int:user_id>/roles/", members.member_role_grant, name="member-role-grant"),
    path(
        "members/<int:user_id>/roles/<str:role>/remove/",
        members.member_role_remove,
        name="member-role-remove",
    ),
]
