"""The PDF's page references listed once per page count, not once per tagged element.

pydyf's ``PDF.page_references`` builds the tuple of every page's reference each time
it is read, and WeasyPrint reads it for every element it tags for PDF/UA and every
link it anchors: a cost that grows with pages × elements. On a 167-page brief that
was 30,000 tuples of 167 references, 8% of its layout and writing (cProfile), and the
reason its time grew faster than its page count. While ``listed_page_references`` is
active the tuple is kept on the PDF and made again only when a page has been added
since (pages are only ever appended); the PDFs are the same bytes (tested).
"""

from __future__ import annotations

from contextlib import contextmanager

from .engine import replaced


@contextmanager
def listed_page_references():
    """While active, each PDF lists its page references once per page count."""
    import pydyf

    original = pydyf.PDF.page_references

    def page_references(pdf):
        count = len(pdf.pages["Kids"])
        listed = pdf.__dict__.get("_briefing_page_references")
        if listed is None or listed[0] != count:
            listed = pdf.__dict__["_briefing_page_references"] = (
                count, original.fget(pdf))
        return listed[1]

    with replaced(pydyf.PDF, "page_references", property(page_references)):
        yield
