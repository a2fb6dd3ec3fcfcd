from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplaceConfig(AppConfig):
    name = "sousei.workplace"
    label = "workplace"
    verbose_name = _("Workplace")
