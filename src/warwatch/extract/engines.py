"""trafilatura and htmldate, imported with their logging silenced.

The modules of the HTML read mode take these libraries from here, so the silencing runs
before their first import wherever the read mode is entered from.
"""

from __future__ import annotations

import logging

# trafilatura and htmldate log every discarded page at WARNING: silence them, the
# caller gets an ExtractionError with a reason instead.
for _name in ("trafilatura", "htmldate", "justext", "readability"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

import trafilatura  # noqa: E402
from htmldate import find_date  # noqa: E402
from trafilatura.metadata import (  # noqa: E402
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_title,
)
from trafilatura.utils import load_html  # noqa: E402


__all__ = ["trafilatura", "find_date", "examine_meta", "extract_author", "extract_meta_json",
           "extract_title", "load_html"]
