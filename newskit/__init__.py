"""newskit: split, lint and dedupe Chinese newspaper text dumps."""

__version__ = "0.1.0"
