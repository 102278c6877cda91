"""What the source datasets say about an incident beyond the model's fields, as a page shows it.

Part of the render stage. An incident imported from UCDP GED or ACLED keeps the dataset's own
codes in its ``dataset`` block; :func:`dataset_facts` turns them into labelled lines whose
meanings come from the formats tables (:mod:`generator.formats`), so a page says what the
codebook says a code means ("2: within about 25 km of the place"), not just the number.
Templates call it as ``dataset_facts``.
"""

from __future__ import annotations

import datetime as dt

from generator.formats import acled as acled_format
from generator.formats import ucdp as ucdp_format
from generator.model.records import AcledFields, Incident, UcdpFields

Fact = tuple[str, str, str]
"""``(dataset, what, value)``: one line of the incident page's dataset table."""


def dataset_facts(incident: Incident) -> list[Fact]:
    """The dataset block of ``incident`` as ``(dataset, what, value)`` lines, in a fixed order."""
    block = incident.dataset
    if block is None:
        return []
    facts: list[Fact] = []
    if block.ucdp is not None:
        facts += [(ucdp_format.LABEL, what, value) for what, value in _ucdp(block.ucdp) if value]
    if block.acled is not None:
        facts += [(acled_format.LABEL, what, value) for what, value in _acled(block.acled) if value]
    return facts


def _with_id(name: str, *ids: str) -> str:
    shown = ", ".join(i for i in ids if i)
    return f"{name} (id {shown})" if name and shown else name or (f"id {shown}" if shown else "")


def _code(code: int | None, meanings: dict[int, str]) -> str:
    return "" if code is None else f"{code}: {meanings.get(code, 'not a code of the codebook')}"


def _ucdp(u: UcdpFields) -> list[tuple[str, str]]:
    violence = ucdp_format.VIOLENCE.get(u.type_of_violence or 0)
    where = ucdp_format.WHERE_PREC.get(u.where_prec or 0)
    published = ", ".join(f"{n} {v}" for n, v in (("low", u.low), ("high", u.high)) if v is not None)
    return [
        ("Type of violence", f"{u.type_of_violence}: {violence.name}" if violence else ""),
        ("Conflict", _with_id(u.conflict_name, u.conflict_new_id, u.conflict_dset_id)),
        ("Dyad", _with_id(u.dyad_name, u.dyad_new_id, u.dyad_dset_id)),
        ("Side A id", ", ".join(i for i in (u.side_a_new_id, u.side_a_dset_id) if i)),
        ("Side B id", ", ".join(i for i in (u.side_b_new_id, u.side_b_dset_id) if i)),
        ("Original sources", u.source_original),
        ("Number of sources", "" if u.number_of_sources is None else str(u.number_of_sources)),
        ("Location precision", f"{u.where_prec}: {where.meaning}" if where else ""),
        ("Place description", u.where_description),
        ("Date precision", _code(u.date_prec, ucdp_format.DATE_PREC)),
        ("Event clarity", _code(u.event_clarity, ucdp_format.EVENT_CLARITY)),
        ("Code status", u.code_status),
        ("Bounds as published", f"{published} (on the wrong side of the best estimate)" if published else ""),
        ("Active year", u.active_year),
        ("Region", u.region),
        ("Country code (Gleditsch-Ward)", u.country_id),
        ("PRIO-GRID cell", u.priogrid_gid),
        ("Gleditsch-Ward codes of the sides", " / ".join(c for c in (u.gwnoa, u.gwnob) if c)),
    ]


def _acled(a: AcledFields) -> list[tuple[str, str]]:
    types = [
        f"actor {n}: {code} {acled_format.INTER[code].label}"
        for n, code in (("1", a.inter1), ("2", a.inter2))
        if code is not None
    ]
    written = "numbers" if a.inter == acled_format.NUMERIC else "labels"
    variant = f" (written in the file as {written})" if a.inter and types else ""
    changed = ""
    if a.timestamp is not None:
        when = dt.datetime.fromtimestamp(a.timestamp, dt.UTC)
        changed = f"{when:%Y-%m-%d %H:%M} UTC ({a.timestamp})"
    return [
        ("Disorder type", a.disorder_type),
        ("Civilian targeting", "yes" if a.civilian_targeting else ""),
        ("Actor types", "; ".join(types) + variant),
        ("Day coded", f"{a.event_date} (only the week or month is known)" if a.event_date else ""),
        ("Coordinates of", f"{a.location} (only a larger region is known)" if a.location else ""),
        ("Source scale", a.source_scale),
        ("Tags", "; ".join(a.tags)),
        ("Region", a.region),
        ("ISO country code", a.iso),
        ("Last changed in ACLED", changed),
    ]
