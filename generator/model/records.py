"""The typed records: incidents, actors, places and sources.

The model stage. Each record kind is a pydantic model that rejects unknown fields, checks
vocabularies, dates, coordinates, ids and URLs, and produces JSON Schema for editors. References
to other records are kept as ids here; ``generator.index.graph`` resolves them.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from generator.diagnostics import did_you_mean
from generator.formats.acled import INTER_VARIANTS
from generator.model import vocabulary as v
from generator.model.dates import DateError, FuzzyDate, parse_fuzzy_date

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_RESERVED = {"con", "prn", "aux", "nul", "index", "tags"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(10)}
MAX_ID_LENGTH = 100


def check_slug(value: str) -> str:
    """Accept an id that is safe as a file name on every system; raise a clear error otherwise."""
    if not _SLUG.match(value) or len(value) > MAX_ID_LENGTH:
        raise PydanticCustomError(
            "slug",
            "'{value}' is not a valid id",
            {
                "value": value,
                "hint": "ids are lowercase letters, digits and hyphens, start with a letter or digit "
                f"and have at most {MAX_ID_LENGTH} characters, e.g. 'derik-standoff'",
            },
        )
    if value in _RESERVED:
        raise PydanticCustomError(
            "slug",
            "'{value}' is a reserved name and cannot be an id",
            {"value": value, "hint": "add a word, e.g. '" + value + "-1'"},
        )
    return value


def is_valid_id(value: str) -> bool:
    """Whether ``value`` is accepted as an id (:func:`check_slug`), e.g. before a hint proposes it."""
    try:
        check_slug(value)
    except PydanticCustomError:
        return False
    return True


Slug = Annotated[str, AfterValidator(check_slug), WithJsonSchema({"type": "string", "pattern": _SLUG.pattern})]


def _in(what: str, values: dict[Any, str]) -> AfterValidator:
    """A validator that accepts the keys of a vocabulary and suggests the nearest on a typo."""
    choices = [str(k) for k in values]

    def check(value: str) -> str:
        if value not in values:
            raise PydanticCustomError(
                "vocabulary",
                "'{value}' is not a known {what}",
                {"value": value, "what": what, "hint": did_you_mean(str(value), choices)},
            )
        return value

    return AfterValidator(check)


def _enum(values: dict[Any, str]) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "enum": [str(k) for k in values]})


def _check_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", value):
        raise PydanticCustomError(
            "url",
            "'{value}' is not a web address",
            {"value": value[:80], "hint": "write a full address starting with https:// or http://"},
        )
    return value


def _parse_date(value: Any) -> FuzzyDate:
    try:
        return parse_fuzzy_date(value)
    except DateError as exc:
        raise PydanticCustomError(
            "date",
            "{message}",
            {
                "message": str(exc),
                "hint": exc.hint
                or "write e.g. 2020-06-04, 2020-06, {on: 2020-06, approximate: true} or {start: 2020-06-01, end: 2020-06-07}",
            },
        ) from exc


_POINT_SCHEMA = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
DateField = Annotated[
    FuzzyDate,
    BeforeValidator(_parse_date),
    WithJsonSchema(
        {
            "oneOf": [
                _POINT_SCHEMA,
                {
                    "type": "object",
                    "properties": {
                        "on": _POINT_SCHEMA,
                        "start": _POINT_SCHEMA,
                        "end": _POINT_SCHEMA,
                        "approximate": {"type": "boolean"},
                    },
                    "additionalProperties": False,
                },
            ]
        }
    ),
]
Url = Annotated[str, AfterValidator(_check_url), WithJsonSchema({"type": "string", "format": "uri"})]
Text = Annotated[str, Field(min_length=1)]

EventType = Annotated[str, _in("event type", v.EVENT_TYPES), _enum(v.EVENT_TYPES)]
Role = Annotated[str, _in("role", v.ROLES), _enum(v.ROLES)]
Side = Annotated[str, _in("side", v.SIDES), _enum(v.SIDES)]
ActorKind = Annotated[str, _in("actor kind", v.ACTOR_KINDS), _enum(v.ACTOR_KINDS)]
ActorRelationType = Annotated[str, _in("actor relation", v.ACTOR_RELATIONS), _enum(v.ACTOR_RELATIONS)]
PlaceKind = Annotated[str, _in("place kind", v.PLACE_KINDS), _enum(v.PLACE_KINDS)]
SourceKind = Annotated[str, _in("source kind", v.SOURCE_KINDS), _enum(v.SOURCE_KINDS)]
Reliability = Annotated[str, _in("reliability grade", v.RELIABILITY), _enum(v.RELIABILITY)]
LocationPrecision = Annotated[str, _in("location precision", v.LOCATION_PRECISIONS), _enum(v.LOCATION_PRECISIONS)]
InterVariant = Annotated[str, _in("inter variant", INTER_VARIANTS), _enum(INTER_VARIANTS)]
IncidentRelationType = Annotated[str, _in("incident relation", v.INCIDENT_RELATIONS), _enum(v.INCIDENT_RELATIONS)]
Status = Annotated[str, _in("status", v.STATUSES), _enum(v.STATUSES)]


class _Strict(BaseModel):
    """Base of every model: unknown fields are errors, records are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class Coordinates(_Strict):
    """A point in WGS 84 degrees."""

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Participant(_Strict):
    """An actor's part in an incident. No actor means the actor is unidentified."""

    actor: Slug | None = None
    role: Role
    side: Side | None = None
    """The side the actor was on in a two-sided event, ``a`` or ``b`` (ACLED's actor1 and its
    associates are side a; UCDP's side_a is side a). The same actor may be on both sides (a group
    fighting itself); no side for an event with one side or a part outside both."""
    note: str = ""


def _as_list(value: Any) -> Any:
    """Accept one id where a list of ids is expected: ``origin: sana`` is ``origin: [sana]``."""
    return [value] if isinstance(value, str) else value


IdList = Annotated[
    list[Slug],
    BeforeValidator(_as_list),
    WithJsonSchema(
        {"oneOf": [{"type": "string", "pattern": _SLUG.pattern}, {"type": "array", "items": {"type": "string"}}]}
    ),
]


class DeathsBySide(_Strict):
    """Deaths split as UCDP splits its best estimate: each side, civilians, and unknown."""

    a: int | None = Field(default=None, ge=0)
    b: int | None = Field(default=None, ge=0)
    civilians: int | None = Field(default=None, ge=0)
    unknown: int | None = Field(default=None, ge=0)


class DeathCount(_Strict):
    """A number of deaths: a best estimate with optional low and high bounds."""

    low: int | None = Field(default=None, ge=0)
    best: int = Field(ge=0)
    high: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> DeathCount:
        if (self.low is not None and self.low > self.best) or (self.high is not None and self.high < self.best):
            raise PydanticCustomError(
                "fatalities",
                "fatalities should satisfy low <= best <= high",
                {"hint": "check the three numbers"},
            )
        return self

    @property
    def figures(self) -> tuple[int | None, int, int | None]:
        """``(low, best, high)``: what two counts must share to say the same."""
        return self.low, self.best, self.high


class Fatalities(DeathCount):
    """Reported deaths: a best estimate with optional low and high bounds.

    An incident without ``fatalities`` has none reported (unknown), which is not the same as a
    reported zero (``best: 0``). ``note`` says how the figure was made when that matters to a
    reader, e.g. "ACLED codes 'several' as 10".
    """

    by_side: DeathsBySide | None = None
    note: str = ""


def _best_only(value: Any) -> Any:
    """Accept a bare number where a count is expected: ``fatalities: 12`` is ``{best: 12}``."""
    return {"best": value} if isinstance(value, int) and not isinstance(value, bool) else value


_COUNT = {"type": "integer", "minimum": 0}
ClaimedDeaths = Annotated[
    DeathCount,
    BeforeValidator(_best_only),
    WithJsonSchema(
        {
            "oneOf": [
                _COUNT,
                {
                    "type": "object",
                    "properties": {"low": _COUNT, "best": _COUNT, "high": _COUNT},
                    "required": ["best"],
                    "additionalProperties": False,
                },
            ]
        }
    ),
]


class Citation(_Strict):
    """What one source said about an incident, graded on the Admiralty scale.

    The reporting chain: ``source`` published the report; ``origin`` names who it relays (the
    ministry statement a news agency reports, the monitor a newspaper quotes), when that is not
    the source itself; ``via`` names where the analyst read it, when not in the original (a report
    known only through another outlet's article).

    The claims: what this source says of the incident when sources disagree or the record's own
    values are the analyst's reading of several reports: its ``fatalities`` (a number or
    ``{low, best, high}``), its ``date`` of the event, its ``place`` and its ``perpetrator``.
    """

    source: Slug
    via: Slug | None = None
    origin: IdList = []
    url: Url | None = None
    title: str = ""
    published: DateField | None = None
    credibility: int | None = Field(default=None, ge=1, le=6)
    quote: str = ""
    fatalities: ClaimedDeaths | None = None
    date: DateField | None = None
    place: Slug | None = None
    perpetrator: Slug | None = None

    @property
    def claims(self) -> bool:
        """True when the citation states any value of its own (fatalities, date, place, perpetrator)."""
        return any(value is not None for value in (self.fatalities, self.date, self.place, self.perpetrator))


class Judgement(_Strict):
    """An analyst's key judgement: a statement, how likely it is and how sure the analyst is.

    ``likelihood`` is a word of the ICD 203 ladder (``likely``, ``roughly even chance``, ...) and
    ``confidence`` is ``low``, ``moderate`` or ``high``. Both are checked by the index, which warns
    (rather than refuses the record) about a missing confidence, a word off the ladder or a vague
    hedge in the statement: a judgement badly worded is still worth publishing once fixed.
    ``basis`` names the sources, among those the incident cites, the judgement rests on.
    """

    statement: Text
    likelihood: str | None = None
    confidence: str | None = None
    basis: IdList = []


_DAY = r"^\d{4}-\d{2}-\d{2}$"


class UcdpFields(_Strict):
    """UCDP GED's own columns that have no field of their own, under the codebook's names.

    Kept as the dataset wrote them (ids as text), so that the data says everything GED said
    about the event and a round trip gives the same values back. ``low`` and ``high`` are here
    only when GED published bounds on the wrong side of ``best``, which ``fatalities`` cannot hold.
    """

    type_of_violence: int | None = Field(default=None, ge=1, le=3)
    conflict_name: str = ""
    conflict_new_id: str = ""
    conflict_dset_id: str = ""
    dyad_name: str = ""
    dyad_new_id: str = ""
    dyad_dset_id: str = ""
    side_a_new_id: str = ""
    side_a_dset_id: str = ""
    side_b_new_id: str = ""
    side_b_dset_id: str = ""
    gwnoa: str = ""
    gwnob: str = ""
    number_of_sources: int | None = Field(default=None, ge=0)
    source_original: str = ""
    where_prec: int | None = Field(default=None, ge=1, le=7)
    where_description: str = ""
    date_prec: int | None = Field(default=None, ge=1, le=5)
    event_clarity: int | None = Field(default=None, ge=1, le=2)
    code_status: str = ""
    active_year: str = ""
    priogrid_gid: str = ""
    country_id: str = ""
    region: str = ""
    low: int | None = Field(default=None, ge=0)
    high: int | None = Field(default=None, ge=0)


class AcledFields(_Strict):
    """ACLED's own columns that have no field of their own, under the codebook's names.

    ``inter1``/``inter2`` are the actor types of the row's two main actors and ``inter`` says
    whether the file wrote them as numbers or labels; ``event_date`` is the day ACLED coded when
    only the week or month is known (``date`` then holds the span); ``location`` is the named
    location whose coordinates ACLED used when only a larger region is known (geo_precision 3).
    """

    disorder_type: str = ""
    civilian_targeting: bool = False
    tags: list[Text] = []
    source_scale: str = ""
    region: str = ""
    iso: str = ""
    timestamp: int | None = Field(default=None, ge=0)
    inter: InterVariant | None = None
    inter1: int | None = Field(default=None, ge=1, le=8)
    inter2: int | None = Field(default=None, ge=1, le=8)
    event_date: Annotated[str, Field(pattern=_DAY)] | None = None
    location: str = ""


class DatasetFields(_Strict):
    """What the datasets an incident came from say about it beyond the model's own fields."""

    ucdp: UcdpFields | None = None
    acled: AcledFields | None = None


class RelatedIncident(_Strict):
    """A typed link from one incident to another."""

    incident: Slug
    relation: IncidentRelationType


class ActorRelation(_Strict):
    """A typed link from one actor to another: "this actor <type> <actor>", according to a source.

    ``citation`` says who reports the relation (graded like an incident's citations); ``from`` and
    ``until`` say when it held, as far as known (``from_`` in Python, since ``from`` is a keyword).
    """

    actor: Slug
    type: ActorRelationType
    note: str = ""
    citation: Citation | None = None
    from_: DateField | None = Field(default=None, alias="from")
    until: DateField | None = None

    @model_validator(mode="after")
    def _in_order(self) -> ActorRelation:
        if self.from_ is not None and self.until is not None and self.until.end < self.from_.start:
            raise PydanticCustomError(
                "relation_dates",
                "the relation ends ({until}) before it starts ({start})",
                {
                    "until": self.until.describe(),
                    "start": self.from_.describe(),
                    "hint": "check 'from' and 'until'; leave one out when it is not known",
                },
            )
        return self


class Record(_Strict):
    """Fields every record kind has."""

    kind_name: ClassVar[str]
    folder: ClassVar[str]

    id: Slug

    @property
    def label(self) -> str:
        """What a link to the record's page shows: its title or name."""
        return self.id


class Incident(Record):
    """Something that happened, when, where, who took part and according to whom."""

    kind_name: ClassVar[str] = "incident"
    folder: ClassVar[str] = "incidents"

    title: Text
    date: DateField
    event_type: EventType
    sub_type: str | None = None
    place: Slug
    coordinates: Coordinates | None = None
    location_precision: LocationPrecision = "exact"
    participants: list[Participant] = []
    summary: str = ""
    citations: list[Citation] = []
    fatalities: Fatalities | None = None
    tags: list[Slug] = []
    related: list[RelatedIncident] = []
    external_ids: dict[Slug, str] = {}
    """Ids of the same event in other datasets, e.g. ``{ucdp-ged: "317948", acled: "SYR1234"}``."""
    status: Status = "reported"
    """How far the incident is established (see :data:`generator.model.vocabulary.STATUSES`)."""
    status_by: Slug | None = None
    """The actor that claims, denies, alleges or confirms it, when one does."""
    judgements: list[Judgement] = []
    dataset: DatasetFields | None = None
    """The source datasets' own fields that the model has no place for (UCDP's conflict and dyad,
    ACLED's disorder type, source scale, timestamp...)."""

    @property
    def label(self) -> str:
        """The incident's title."""
        return self.title

    @field_validator("sub_type")
    @classmethod
    def _sub_type_of_event_type(cls, value: str | None, info: Any) -> str | None:
        event_type = info.data.get("event_type")
        if value is None or event_type is None:
            return value
        choices = v.SUB_TYPES[event_type]
        if value not in choices:
            raise PydanticCustomError(
                "vocabulary",
                "'{value}' is not a sub-type of '{event_type}'",
                {"value": value, "event_type": event_type, "hint": did_you_mean(value, choices)},
            )
        return value


class Named(Record):
    """A record that has a name rather than a title."""

    name: Text

    @property
    def label(self) -> str:
        """The record's name."""
        return self.name


class Actor(Named):
    """A state, force, group, person or outlet that takes part in incidents."""

    kind_name: ClassVar[str] = "actor"
    folder: ClassVar[str] = "actors"

    aliases: list[Text] = []
    kind: ActorKind
    country: str = ""
    parent: Slug | None = None
    relations: list[ActorRelation] = []
    description: str = ""


class Place(Named):
    """A named location, with the place that contains it."""

    kind_name: ClassVar[str] = "place"
    folder: ClassVar[str] = "places"

    aliases: list[Text] = []
    kind: PlaceKind
    coordinates: Coordinates | None = None
    parent: Slug | None = None
    description: str = ""


class Source(Named):
    """Where reports come from, graded for reliability on the Admiralty scale."""

    kind_name: ClassVar[str] = "source"
    folder: ClassVar[str] = "sources"

    kind: SourceKind
    reliability: Reliability | None = None
    """The Admiralty letter; none until an analyst grades the source (pages say "not yet graded")."""
    url: Url | None = None
    description: str = ""


RECORD_KINDS: tuple[type[Record], ...] = (Incident, Actor, Place, Source)
"""Every record kind, in the order pages and messages list them."""

KIND_BY_FOLDER: dict[str, type[Record]] = {kind.folder: kind for kind in RECORD_KINDS}
"""Every record kind by the data folder that holds its files (``incidents``, ...)."""
