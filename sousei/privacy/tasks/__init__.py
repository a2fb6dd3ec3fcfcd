"""Privacy's background tasks, one module per subject."""
