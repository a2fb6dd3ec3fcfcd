"""Test support shared by every app's tests: the cast of users and factories."""
