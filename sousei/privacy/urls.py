"""Privacy pages: the region's (mounted under /r/<slug>/) and the site-wide ones
(`site_urlpatterns`: the person's own privacy page and the program's policy)."""

from __future__ import annotations

from django.urls import URLPattern, path

from sousei.privacy import views
from sousei.privacy.erasure import views as erasure_views

site_urlpatterns: list[URLPattern] = [
    path("privacy/", views.program_policy, name="program-privacy"),
    path("account/privacy/", views.account_privacy, name="account-privacy"),
    path(
        "account/privacy/disclose/", views.account_privacy_disclose, name="account-privacy-disclose"
    ),
    path("account/privacy/export.zip", views.account_privacy_export, name="account-privacy-export"),
    path(
        "account/privacy/withdraw/", views.account_privacy_withdraw, name="account-privacy-withdraw"
    ),
    path("privacy/erasures/", erasure_views.erasure_list, name="privacy-erasures"),
    path("privacy/persons/<int:person_id>/", erasure_views.person_privacy, name="privacy-person"),
]

urlpatterns: list[URLPattern] = [
    path("privacy/", views.policy_page, name="privacy-policy"),
    path("privacy/v/<str:version>/", views.policy_version_page, name="privacy-policy-version"),
    path("privacy/requests/", views.request_queue, name="privacy-requests"),
    path(
        "privacy/requests/<int:request_id>/",
        views.request_detail,
        name="privacy-request-detail",
    ),
    path(
        "privacy/requests/<int:request_id>/export.zip",
        views.request_export,
        name="privacy-request-export",
    ),
]
