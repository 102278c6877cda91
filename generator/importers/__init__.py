"""Importers: UCDP GED and ACLED event data (CSV), and other briefing sites' data.json, into YAML records.

The way data comes *into* ``seeds/`` other than by hand. An import reads a CSV file
(``table``), maps each row to an event (``ucdp``, ``acled``) and links its actors, places and
sources to existing records or proposes new ones (``resolve``); or it reads whole records from
another site's data.json (``native``). Then it merges the result with what the analyst edited
since the last import (``merge``), validates everything with the model and the index, and
writes all files at once (``yamlout``, ``stage``); ``run`` holds these steps together. It never
prints: the command line shows the :class:`ImportReport`.
"""

from __future__ import annotations

from generator.importers.common import ImportFailed
from generator.importers.native import DATASET as NATIVE
from generator.importers.run import IMPORTERS, ImportReport, Progress, import_file

__all__ = ["IMPORTERS", "NATIVE", "ImportFailed", "ImportReport", "Progress", "import_file"]
