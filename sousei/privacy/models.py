"""Privacy: the models (none yet)."""
