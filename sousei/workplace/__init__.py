"""The virtual organisation: teams and reporting lines, the virtual office (rooms, presence,
statuses), chat and announcements, 1-on-1s and onboarding.
"""
