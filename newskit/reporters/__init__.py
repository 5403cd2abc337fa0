"""Reporters: findings, records and duplicates rendered for people (rich) and machines (json, sarif, …).

Reporters never import typer and never decide exit codes; the CLI picks one and passes it data.
"""
