"""What every importer shares: the event a CSV row becomes, and the cell readers that build it.

The middle of the import pipeline (read a table -> map each row to an :class:`Event` -> resolve
names to records -> merge -> write). The dataset modules (``ucdp``, ``acled``) turn one row
into an :class:`Event` that names its actors, places and sources but knows no record ids;
``resolve`` gives it ids. A row that cannot become an event raises :class:`RowError` with a
reason the analyst can act on; the rest of the file still imports.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from generator.model import vocabulary as v
from generator.model.dates import DateError, parse_fuzzy_date


class ImportFailed(Exception):
    """The whole file cannot be imported (unreadable, not the expected layout); nothing is written.

    Attributes:
        message: What is wrong, in one line.
        hint: What to do about it.
    """

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class RowError(Exception):
    """One row cannot be imported; it is reported and skipped.

    Attributes:
        message: The reason, naming the column and the value.
        hint: What to do about it, or an empty string.
    """

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class ActorRef:
    """An actor as a row names it.

    Attributes:
        name: The name exactly as the dataset writes it (whitespace tidied).
        kind: The actor kind this row codes for it, or ``None`` when the row gives none (an
            ACLED associate has no actor type). The kind most rows give wins.
        default: The kind of a new record when no row gives one.
    """

    name: str
    kind: str | None
    default: str = "other"


@dataclass(frozen=True)
class PlaceRef:
    """A place as a row names it; its parent is the previous place in the event's chain.

    Attributes:
        name: The name as the dataset writes it.
        kind: The place kind a new record gets.
        coordinates: ``(lat, lon)`` a new record gets, for named points only.
    """

    name: str
    kind: str
    coordinates: tuple[float, float] | None = None


@dataclass(frozen=True)
class SourceRef:
    """A source as a row names it.

    Attributes:
        name: The name as the dataset writes it.
        kind: The source kind a new record gets.
        slug: The id a new record gets when free (otherwise one is made from the name).
        url: The address a new record gets.
        description: The description a new record gets.
    """

    name: str
    kind: str = "other"
    slug: str | None = None
    url: str | None = None
    description: str = ""


@dataclass(frozen=True)
class ParticipantSpec:
    """An actor's part in the event; no actor means the dataset calls it unidentified.

    Attributes:
        side: ``a`` or ``b`` in a two-sided event, ``None`` otherwise.
    """

    actor: ActorRef | None
    role: str
    note: str = ""
    side: str | None = None


@dataclass(frozen=True)
class CitationSpec:
    """What one source said, as the row records it.

    Attributes:
        origin: Who the report relays, when not the source itself (UCDP's source_original).
    """

    source: SourceRef
    title: str = ""
    published: str | None = None
    origin: tuple[SourceRef, ...] = ()


@dataclass
class Event:
    """One row, mapped to this project's fields but with names where records need ids.

    Attributes:
        key: The dataset's own id of the event (``317948``, ``SMP0001``).
        incident_id: The id the incident record gets (``ucdp-317948``).
        places: The event's place and the places containing it, from the country down.
        notes: Warnings about the row that did not stop it from importing.
    """

    key: str
    incident_id: str
    title: str
    date: Any
    event_type: str
    sub_type: str | None
    places: list[PlaceRef]
    coordinates: tuple[float, float] | None
    location_precision: str
    participants: list[ParticipantSpec]
    summary: str
    citations: list[CitationSpec]
    fatalities: dict[str, Any] | None
    external_ids: dict[str, str]
    dataset: dict[str, Any] | None = None
    """The ``dataset`` block: the dataset's own fields, under its key (``{"acled": {...}}``)."""
    notes: list[str] = field(default_factory=list)


# --- text ---------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """Collapse every run of whitespace (double spaces, newlines in quoted cells) to one space."""
    return _SPACES.sub(" ", text).strip()


_HYPHENS = re.compile(r"[-_\u2010-\u2015\u2212]")


def name_key(name: str) -> str:
    """How names are compared: Unicode-normalised, case-folded, hyphens read as spaces, runs of
    spaces collapsed ("Al-Qamishli", "al  qamishli" and "AL QAMISHLI" are one name)."""
    return clean(_HYPHENS.sub(" ", unicodedata.normalize("NFKC", name).casefold()))


def slugify(text: str, *, limit: int = 80) -> str:
    """An id made from text: ASCII letters and digits joined by hyphens; empty if none are left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return slug


def split_list(text: str, separator: str = ";") -> list[str]:
    """Split a joined cell (``"Voice of America; Local media"``), dropping empties and repeats."""
    items: list[str] = []
    for part in text.split(separator):
        item = clean(part)
        if item and item not in items:
            items.append(item)
    return items


def shorten(text: str, limit: int = 100) -> str:
    """Shorten text to at most ``limit`` characters at a word boundary, marking the cut with '…'."""
    text = clean(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–") + "…"


# --- numbers and coordinates ---------------------------------------------------------------


def parse_int(value: str, column: str) -> int | None:
    """Read a whole number of at least 0, or ``None`` from an empty cell.

    Raises:
        RowError: The cell holds something else.
    """
    text = value.strip()
    if not text:
        return None
    try:
        number = float(text) if re.fullmatch(r"\d+\.0*", text) else int(text)
    except ValueError:
        raise RowError(f"'{column}' should be a whole number, not '{shorten(text, 40)}'") from None
    if number < 0 or number != int(number):
        raise RowError(f"'{column}' should be a whole number of at least 0, not '{text}'")
    return int(number)


def parse_code(value: str, column: str, allowed: range) -> int | None:
    """Read a numeric code such as ``date_prec`` (``"2"`` or ``"2.0"``); ``None`` when empty.

    Raises:
        RowError: The cell is not one of the allowed codes.
    """
    number = parse_int(value, column)
    if number is not None and number not in allowed:
        raise RowError(f"'{column}' should be {allowed.start} to {allowed.stop - 1}, not '{value.strip()}'")
    return number


def parse_coordinates(lat: str, lon: str) -> tuple[float, float] | None:
    """Read a latitude and longitude in degrees; ``None`` when both cells are empty.

    Raises:
        RowError: Only one is given, one is not a number, or one is out of range.
    """
    lat, lon = lat.strip(), lon.strip()
    if not lat and not lon:
        return None
    if not lat or not lon:
        raise RowError("latitude and longitude should both be given, or neither")
    try:
        point = float(lat), float(lon)
    except ValueError:
        raise RowError(f"coordinates '{shorten(lat, 30)}', '{shorten(lon, 30)}' are not numbers") from None
    if not all(math.isfinite(x) for x in point) or not -90 <= point[0] <= 90 or not -180 <= point[1] <= 180:
        raise RowError(
            f"coordinates {lat}, {lon} are out of range",
            "latitude runs from -90 to 90 and longitude from -180 to 180; check that they are not swapped",
        )
    return point


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two points in kilometres."""
    lat1, lon1, lat2, lon2 = (math.radians(x) for x in (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


# --- dates ---------------------------------------------------------------------------------

_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})[ -]([A-Za-z]+)\.?[ ,-]*(\d{4})$")


def parse_day(value: str, column: str) -> dt.date:
    """Read a day as datasets write it: ``2019-10-01`` (optionally with a time, as some UCDP
    releases do), ACLED's older ``01-10-2019`` or ``01/10/2019`` (day first), or ``1 October 2019``.

    Raises:
        RowError: The cell is empty or not a real day.
    """
    text = value.strip()
    if not text:
        raise RowError(f"'{column}' is empty", "every event needs a date")
    numbers: tuple[int, int, int] | None = None
    if match := _ISO.match(text):
        numbers = int(match[1]), int(match[2]), int(match[3])
    elif match := _DAY_FIRST.match(text):
        numbers = int(match[3]), int(match[2]), int(match[1])
    elif (match := _WORDS.match(text)) and match[2].lower()[:3] in {m[:3] for m in _MONTH_NAMES}:
        month = next(i for i, m in enumerate(_MONTH_NAMES, 1) if m.startswith(match[2].lower()[:3]))
        numbers = int(match[3]), month, int(match[1])
    if numbers is None:
        raise RowError(f"'{column}' is not a date: '{shorten(text, 40)}'", "write YYYY-MM-DD (or DD-MM-YYYY for ACLED)")
    try:
        return dt.date(*numbers)
    except ValueError:
        raise RowError(f"'{column}' is not a real date: '{text}'") from None


def date_value(start: dt.date, end: dt.date, *, approximate: bool) -> Any:
    """The YAML value of a date field for a span of days, at the coarsest honest precision.

    One day is ``2019-10-01``; a whole calendar month ``2019-10``; a whole year ``2019``; any
    other span ``{start, end}``. ``approximate`` adds ``approximate: true`` (the mapping form).
    """
    if start == end:
        point = start.isoformat()
    elif (
        start.day == 1 and (end + dt.timedelta(days=1)).day == 1 and (start.year, start.month) == (end.year, end.month)
    ):
        point = f"{start.year:04d}-{start.month:02d}"
    elif (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        point = f"{start.year:04d}"
    else:
        value: dict[str, Any] = {"start": start.isoformat(), "end": end.isoformat()}
        if approximate:
            value["approximate"] = True
        return value
    return {"on": point, "approximate": True} if approximate else point


def check_date(value: Any) -> Any:
    """Check a date value with the model's own parser; return it unchanged.

    Raises:
        RowError: The model would refuse it (e.g. a range that ends before it starts).
    """
    try:
        parse_fuzzy_date(value)
    except DateError as exc:
        raise RowError(f"date: {exc}") from None
    return value


# --- vocabulary ----------------------------------------------------------------------------

_OLD_SUB_TYPE_SPELLINGS = {"excessive-force-against-protestors": "excessive-force-against-protesters"}


def event_type_slug(label: str) -> str | None:
    """The event-type slug of an ACLED label (``Explosions/Remote violence``) or of a slug."""
    wanted = slugify(label)
    for slug, text in v.EVENT_TYPES.items():
        if wanted in (slug, slugify(text)):
            return slug
    return None


def sub_type_slug(event_type: str, label: str) -> str | None:
    """The sub-type slug of an ACLED sub-event label within ``event_type``, or ``None``."""
    wanted = slugify(label)
    wanted = _OLD_SUB_TYPE_SPELLINGS.get(wanted, wanted)
    for slug, text in v.SUB_TYPES[event_type].items():
        if wanted in (slug, slugify(text)):
            return slug
    return None
