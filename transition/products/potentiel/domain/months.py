"""Month arithmetic: the referential's `dates.add_months` (clamped to the month's end)."""

from .dates import add_months

__all__ = ["add_months"]
