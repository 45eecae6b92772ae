"""The render stage: a translated brief as a view, its charts, one HTML document."""
