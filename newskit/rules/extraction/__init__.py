"""Extraction rules (X): markup residue, stray Latin words, captions inside paragraphs, truncated articles, fragments."""
