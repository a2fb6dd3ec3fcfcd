"""Workplace writes: each service takes actor= and audits in its own transaction."""
