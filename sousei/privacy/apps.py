from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "sousei.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from sousei.privacy import audit_labels, notifications, panels
        from sousei.privacy.breach import notifications as breach_notifications
        from sousei.privacy.breach import panels as breach_panels
        from sousei.privacy.erasure import hooks
        from sousei.privacy.erasure.services import person_erase, person_suspend
        from sousei.privacy.models import RequestKind
        from sousei.privacy.services.requests import CARRY_OUT

        audit_labels.register()
        notifications.register()
        panels.register()
        breach_notifications.register()
        breach_panels.register()
        hooks.register()
        CARRY_OUT.update(
            {RequestKind.SUSPENSION: person_suspend, RequestKind.ERASURE: person_erase}
        )
