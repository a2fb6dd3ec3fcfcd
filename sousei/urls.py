"""The site's URLs: site-wide pages, the API, and each app's region pages under /r/<slug>/."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from sousei.api import api
from sousei.impact.urls import site_urlpatterns as impact_site
from sousei.inquiries.urls import site_urlpatterns as inquiries_site
from sousei.portal.urls import site_urlpatterns as portal_site
from sousei.privacy.urls import site_urlpatterns as privacy_site
from sousei.training.urls import public_urlpatterns as training_public

urlpatterns = [
    *portal_site,
    *impact_site,
    *inquiries_site,
    *privacy_site,
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
    path("r/<slug:slug>/", include("sousei.portal.urls")),
    path("r/<slug:slug>/", include("sousei.people.urls")),
    path("r/<slug:slug>/", include("sousei.training.urls")),
    path("r/<slug:slug>/", include("sousei.projects.urls")),
    path("r/<slug:slug>/", include("sousei.work.urls")),
    path("r/<slug:slug>/", include("sousei.careers.urls")),
    path("r/<slug:slug>/", include("sousei.spaces.urls")),
    path("r/<slug:slug>/", include("sousei.events.urls")),
    path("r/<slug:slug>/", include("sousei.hiring.urls")),
    path("r/<slug:slug>/", include("sousei.impact.urls")),
    path("r/<slug:slug>/", include("sousei.inquiries.urls")),
    path("r/<slug:slug>/", include("sousei.workplace.urls")),
    path("r/<slug:slug>/", include("sousei.workplace.urls_people")),
    path("r/<slug:slug>/", include("sousei.workplace.urls_chat")),
    path("r/<slug:slug>/", include("sousei.webhooks.urls")),
    path("r/<slug:slug>/", include("sousei.privacy.urls")),
]

handler403 = "sousei.portal.errors.permission_denied"
handler404 = "sousei.portal.errors.page_not_found"
handler500 = "sousei.portal.errors.server_error"
