"""Repetition rules (R): repeated words and characters, repeated sentences and paragraphs."""
