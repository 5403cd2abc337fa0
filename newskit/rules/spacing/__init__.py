"""Spacing and character rules (S): spaces between Chinese and digits/Latin, stray spaces, invisible characters."""
