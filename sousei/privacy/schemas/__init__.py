"""Request and response shapes of the privacy API, one module per subject."""
