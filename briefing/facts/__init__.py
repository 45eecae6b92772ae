"""The facts stage: a facts file read, checked and related into an immutable Brief."""

from .load import load_brief, parse_brief

__all__ = ["load_brief", "parse_brief"]
