"""Stronger Together: a terminal adventure game about teamwork."""

__version__ = "0.1.0"
