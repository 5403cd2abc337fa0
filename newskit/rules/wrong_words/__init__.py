"""Wrong-word rules (W): 错别字 — forms wrong wherever they appear (W101) and confusions a short context
settles (W102). Their lists live in ``newskit/data``."""
