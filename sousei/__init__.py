"""Sousei (創生): the platform for regional digital-talent and location-free-work programs."""
