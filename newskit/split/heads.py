"""Headline stacks: what makes a line a kicker (引题) above the main headline. The roles of a stack (kicker,
main, subhead, column label) are assigned by the compiled record builder (rust/newskit-core/src/split/records.rs)
from these patterns."""

from __future__ import annotations

import re

from newskit.text.cjk import HAN

#: A place standing alone above a headline: ``天津市``, ``太原市万柏林区``, ``青海同仁县``.
_LOCATION = re.compile(rf"^[{HAN}]{{1,8}}(?:省|市|县|区|州|盟|旗|镇|乡|村)$")
_KICKER_END = ("——", "：", ":", "—", "强调", "指出", "表示", "提出", "要求")
