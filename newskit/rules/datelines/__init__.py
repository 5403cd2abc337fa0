"""Dateline and date rules (D): invalid dates, weekday mismatches, datelines far from the issue date, vague datelines."""
