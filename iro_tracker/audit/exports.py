"""Everything that leaves the service as a spreadsheet goes through here.

``safe_cell``: a cell starting with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return,
which some spreadsheets skip before reading a formula) would be run as a formula when the
CSV is opened (CSV injection), so it gets a leading apostrophe and is shown as text.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_row(values) -> list[str]:
    return [safe_cell(value) for value in values]
