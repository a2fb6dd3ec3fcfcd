from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from sousei.api import api
from sousei.core import views as core_views
from sousei.people import views as people_views
from sousei.training.urls import public_urlpatterns as training_public

urlpatterns = [
    path("", core_views.landing, name="landing"),
    path("home/", core_views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="registration/login.html"),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("verify/", include(training_public)),
    path("admin/", admin.site.urls),
    path("r/<slug:slug>/", people_views.region_home, name="region-home"),
    path("r/<slug:slug>/apply/", people_views.apply, name="apply"),
    path("r/<slug:slug>/apply/done/", people_views.apply_done, name="apply-done"),
    path("r/<slug:slug>/dashboard/", people_views.dashboard, name="dashboard"),
    path("r/<slug:slug>/applications/", people_views.application_list, name="application-list"),
    path(
        "r/<slug:slug>/applications/export.csv",
        people_views.application_export,
        name="application-export",
    ),
    path(
        "r/<slug:slug>/applications/<int:application_id>/",
        people_views.application_detail,
        name="application-detail",
    ),
    path("r/<slug:slug>/audit/", people_views.audit_log, name="audit-log"),
    path("r/<slug:slug>/", include("sousei.training.urls")),
    path("r/<slug:slug>/", include("sousei.staffing.urls")),
    path("r/<slug:slug>/", include("sousei.spaces.urls")),
    path("r/<slug:slug>/", include("sousei.recruiting.urls")),
]
