"""Helpers every layer shares: safe file writes, displayed paths, spreadsheet cells, text tables.

Nothing here knows about briefs, RDF or graphs; every other package may
import it, and it imports none of them.
"""

from kg.io.cells import decode_sheet, normalise_header, sniff_delimiter, spreadsheet_cell
from kg.io.files import HEADER_PREFIX, Output, atomic_write, atomic_write_all, display_path

__all__ = [
    "HEADER_PREFIX",
    "Output",
    "atomic_write",
    "atomic_write_all",
    "display_path",
    "decode_sheet",
    "normalise_header",
    "sniff_delimiter",
    "spreadsheet_cell",
]
