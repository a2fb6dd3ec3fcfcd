"""Backup and restore of the database and the media files (`sousei backup`, `sousei restore`):
plan.py chooses the tables and rows, archive.py is the file's format, dump.py writes it and
load.py restores it."""
