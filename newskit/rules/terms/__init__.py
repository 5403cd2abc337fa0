"""Term rules (T): house style — preferred and banned terms from config."""
