from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitingConfig(AppConfig):
    name = "sousei.recruiting"
    label = "recruiting"
    verbose_name = _("Recruiting")

    def ready(self) -> None:
        from sousei.recruiting.services import events_labels
        from sousei.recruiting.views import events_dashboard

        events_labels.register()
        events_dashboard.register()
        from sousei.recruiting.hiring import labels as hiring_labels

        hiring_labels.register()
