"""Schemas of the workplace endpoints: the office and teams (office); onboarding and
1-on-1s (people)."""
