"""Forms of the workplace pages: the office, teams and rooms (office); onboarding and
1-on-1s (people)."""
