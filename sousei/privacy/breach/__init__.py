"""The breach register (APPI 第26条): rules (deadlines and the reportable suggestion, plain
data), services, selectors, forms, pages, API, reminders and the dashboard queue."""
