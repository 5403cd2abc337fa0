"""Punctuation rules (P): GB/T 15834 point marks, quotes, ellipses, dashes, brackets."""
