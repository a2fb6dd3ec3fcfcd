"""Privacy's background tasks, one module per subject."""

from sousei.privacy.tasks.requests import overdue_reminders_send

__all__ = ["overdue_reminders_send"]
