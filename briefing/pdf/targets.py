"""The contents' page numbers known by the anchor they point to, so that the contents
page is laid out twice, not three times.

``target-counter(attr(href), page)`` (the contents, print.css) goes through two slips
in WeasyPrint 70's ``compute_content_list``: it files the page number it misses under
the anchor name of the unresolved ``attr()`` token, which is ``None``, and its local
list of missing counters is then rebound to that same list. So no anchor ever tells
the contents it has moved, and its entries are instead refreshed as if they read the
contents page's own ``page`` counter: once when the page counters first differ
(pass 0, with the targets still unplaced: every number 0), once more when the
``pages`` counter enters them (pass 1, the right numbers), and the page is laid out a
third time to show them. While ``anchored_targets`` is active, such an entry's missing
page number is filed under the anchor its ``href`` names (what ``lookup_target``
resolves it to) and its own missing counters are the ones it has, none: each anchor,
as it is placed in pass 0, refreshes the entries that point to it, and pass 1 lays
out the contents with its numbers: one layout of each contents page less. Every
page draws the same (tested); the PDFs are the same bytes but where the contents page
holds a ``::first-letter``, which WeasyPrint wraps in one more empty tag each time it
lays the page out.

Only an entry whose content is what the slips produce is refiled: one
``target-counter()`` or ``target-counters()`` with an ``attr()`` anchor and no
``counter()`` of its own; anything else is left as WeasyPrint files it.
"""

from __future__ import annotations

from contextlib import contextmanager

from .engine import replaced

TARGET = ("target-counter()", "target-counters()")
COUNTER = ("counter()", "counters()")


def _anchor(box, token) -> str | None:
    """The anchor name ``TargetCollector.lookup_target`` resolves an ``attr()`` to."""
    from weasyprint.css.targets import anchor_name_from_token
    from weasyprint.urls import get_url_tuple

    attr_name, kind, fallback = token[1]
    value = box.element.get(attr_name, fallback)
    if kind == "string":
        return anchor_name_from_token(("string", value))
    if kind == "url":
        return anchor_name_from_token(("url", get_url_tuple(value, box.style.base_url)))
    return None


def refiled(box, css_token, missing_counters, missing_target_counters):
    """The two lists as they should be, or None to keep WeasyPrint's."""
    if css_token != "content" or set(missing_target_counters) != {None}:
        return None
    content = box.style["content"]
    if not isinstance(content, tuple):
        return None
    kinds = [kind for kind, _ in content]
    targets = [value for kind, value in content if kind in TARGET]
    if len(targets) != 1 or any(kind in COUNTER for kind in kinds):
        return None
    token = targets[0][0]
    if token[0] != "attr()" or box.element is None:
        return None
    anchor = _anchor(box, token)
    if anchor is None:
        return None
    local = [] if missing_counters is missing_target_counters[None] else missing_counters
    return local, {anchor: missing_target_counters[None]}


@contextmanager
def anchored_targets():
    """While active, a ``target-counter(attr(...))`` waits on the anchor it names."""
    from weasyprint.css.targets import TargetCollector

    original = TargetCollector.collect_missing_counters

    def collect_missing_counters(self, parent_box, css_token, parse_again,
                                 missing_counters, missing_target_counters):
        lists = refiled(parent_box, css_token, missing_counters, missing_target_counters)
        if lists is not None:
            missing_counters, missing_target_counters = lists
        return original(self, parent_box, css_token, parse_again, missing_counters,
                        missing_target_counters)

    with replaced(TargetCollector, "collect_missing_counters", collect_missing_counters):
        yield
