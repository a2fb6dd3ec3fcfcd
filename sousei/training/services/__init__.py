"""Writes of training: courses, licence seats, enrolments, progress and completion."""
