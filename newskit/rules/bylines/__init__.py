"""Byline and credit rules (B): broken bylines, bracket width, roles, names."""
