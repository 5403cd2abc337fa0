"""The lint engine: run selected rules over a dump's split records and apply their fixes.

``lint_document(doc, rules, settings)`` returns sorted findings (``lint_documents``: many dumps, a batch at a
time); ``apply_fixes(doc, findings)`` returns the fixed text. Everything here is pure: no typer, no rich, no
printing.
"""

from newskit.lint.engine import (
    FileResult, Ignore, LintPlan, Rate, RateSummary, RuleError, SelectorError, apply_fixes, error_rates,
    fix_document, lint_articles, lint_document, lint_documents, lint_file, replace_text, resolve_rules,
    select_rules, selects,
)

__all__ = [
    "FileResult", "Ignore", "LintPlan", "Rate", "RateSummary", "RuleError", "SelectorError", "apply_fixes",
    "error_rates", "fix_document", "lint_articles", "lint_document", "lint_documents", "lint_file",
    "replace_text", "resolve_rules", "select_rules", "selects",
]
