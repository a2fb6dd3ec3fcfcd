from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "sousei.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        from sousei.core.domain_events import WILDCARD, domain_event_subscribe
        from sousei.webhooks import audit_labels, events, notifications

        audit_labels.register()
        notifications.register()
        domain_event_subscribe(WILDCARD, events.on_domain_event)
