"""CJK text helpers: character classes, width tables, dates and lazy word segmentation."""
