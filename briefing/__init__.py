"""briefing: compile structured facts into printed policy briefs."""

__version__ = "0.1.0"
