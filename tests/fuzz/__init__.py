"""Schemathesis over the whole OpenAPI document, one module per area (how it runs: cases.py)."""
