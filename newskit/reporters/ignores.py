"""``--add-ignore``: config entries that silence every current finding (a baseline), as TOML.

Each entry names the file (relative to the config's directory when it lies inside it), the rule and the
fingerprint of the flagged text; the excerpt goes into ``reason`` so a reader can tell what was accepted.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TextIO

from newskit.reporters.base import LintRun


def write_ignores(run: LintRun, out: TextIO, config_path: Path | None = None) -> None:
    in_pyproject = config_path is not None and config_path.name == "pyproject.toml"
    table = "tool.newskit.ignores" if in_pyproject else "ignores"
    root = (config_path.parent if config_path else Path.cwd()).resolve()
    chunks = []
    for f in run.findings():
        path = f.path
        if path != "-":
            try:
                path = Path(os.path.abspath(path)).relative_to(root).as_posix()
            except ValueError:
                pass  # outside the config's directory: keep the path as given
        chunks.append(
            f"[[{table}]]\npath = {json.dumps(path, ensure_ascii=False)}\ncode = \"{f.code}\"\n"
            f"fingerprint = \"{f.fingerprint}\"\n"
            f"reason = {json.dumps(f'{f.line}:{f.column} {f.excerpt}', ensure_ascii=False)}\n"
        )
    target = config_path.name if config_path else "newskit.toml"
    out.write(f"# {len(chunks)} ignore(s) for the current findings; add them to {target}\n\n" + "\n".join(chunks))
