"""Privacy pages: the region's (mounted under /r/<slug>/) and the site-wide ones
(`site_urlpatterns`: the person's own privacy page and the program's policy)."""

from __future__ import annotations

from django.urls import URLPattern, path

from sousei.privacy import views
from sousei.privacy.breach import views as breach
from sousei.privacy.erasure import views as erasure_views
from sousei.privacy.provisions import views as provisions

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
    path("privacy/erasures/", erasure_views.erasure_list, name="privacy-erasures"),
    path("privacy/persons/<int:person_id>/", erasure_views.person_privacy, name="privacy-person"),
    # Records of provision to third parties (APPI 第29条)
    path("privacy/provisions/", provisions.provision_list, name="privacy-provision-list"),
    path("privacy/provisions.csv", provisions.provision_csv, name="privacy-provision-csv"),
    # The breach register (APPI 第26条)
    path("privacy/breaches/", breach.breach_list, name="privacy-breach-list"),
    path("privacy/breaches/new/", breach.breach_new, name="privacy-breach-new"),
    path("privacy/breaches/<int:incident_id>/", breach.breach_detail, name="privacy-breach-detail"),
    path(
        "privacy/breaches/<int:incident_id>/edit/", breach.breach_edit, name="privacy-breach-edit"
    ),
]
