"""Privacy pages, mounted under /r/<slug>/."""

from __future__ import annotations

from django.urls import URLPattern, path

from sousei.privacy.breach import views as breach
from sousei.privacy.provisions import views as provisions

urlpatterns: list[URLPattern] = [
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
