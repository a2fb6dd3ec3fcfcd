"""Location-free hiring: selectors, the funnel, forms, schemas, mail and tasks (the writes
are in sousei/recruiting/services/hiring*.py)."""
