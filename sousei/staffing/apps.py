from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffingConfig(AppConfig):
    name = "sousei.staffing"
    label = "staffing"
    verbose_name = _("Projects and pay")

    def ready(self) -> None:
        # Each area registers its audit labels and dashboard panels here, one line each.
        from sousei.staffing import audit_labels, dashboard_projects

        audit_labels.register()
        dashboard_projects.register()

        from sousei.staffing.views import careers

        careers.register()

        from sousei.staffing import payroll_setup

        payroll_setup.register()
