"""Signed webhooks (Standard Webhooks): endpoints per region that follow the domain events, with
retries, a delivery log and replay.
"""
