"""The controlled vocabularies of the data model: slug -> human label.

Values in the YAML are the slugs; pages show the labels. Event types and sub-types follow
ACLED's codebook so that data can move between this tool and ACLED's; the rest are this
project's own, documented on the generated vocabulary page.
"""

from __future__ import annotations

EVENT_TYPES: dict[str, str] = {
    "battles": "Battles",
    "explosions-remote-violence": "Explosions/Remote violence",
    "violence-against-civilians": "Violence against civilians",
    "protests": "Protests",
    "riots": "Riots",
    "strategic-developments": "Strategic developments",
}

SUB_TYPES: dict[str, dict[str, str]] = {
    "battles": {
        "armed-clash": "Armed clash",
        "government-regains-territory": "Government regains territory",
        "non-state-actor-overtakes-territory": "Non-state actor overtakes territory",
    },
    "explosions-remote-violence": {
        "chemical-weapon": "Chemical weapon",
        "air-drone-strike": "Air/drone strike",
        "suicide-bomb": "Suicide bomb",
        "shelling-artillery-missile-attack": "Shelling/artillery/missile attack",
        "remote-explosive-landmine-ied": "Remote explosive/landmine/IED",
        "grenade": "Grenade",
    },
    "violence-against-civilians": {
        "sexual-violence": "Sexual violence",
        "attack": "Attack",
        "abduction-forced-disappearance": "Abduction/forced disappearance",
    },
    "protests": {
        "peaceful-protest": "Peaceful protest",
        "protest-with-intervention": "Protest with intervention",
        "excessive-force-against-protesters": "Excessive force against protesters",
    },
    "riots": {
        "violent-demonstration": "Violent demonstration",
        "mob-violence": "Mob violence",
    },
    "strategic-developments": {
        "agreement": "Agreement",
        "arrests": "Arrests",
        "change-to-group-activity": "Change to group/activity",
        "disrupted-weapons-use": "Disrupted weapons use",
        "headquarters-or-base-established": "Headquarters or base established",
        "looting-property-destruction": "Looting/property destruction",
        "non-violent-transfer-of-territory": "Non-violent transfer of territory",
        "other": "Other",
    },
}

ROLES: dict[str, str] = {
    "acting": "Acting",
    "attacker": "Attacker",
    "combatant": "Combatant",
    "targeted": "Targeted",
    "patrolling": "Patrolling",
    "blocking": "Blocking",
    "mediating": "Mediating",
    "enforcing": "Enforcing",
    "party": "Party to an agreement",
    "withdrawing": "Withdrawing",
    "affected": "Affected",
    "observing": "Observing",
}

SIDES: dict[str, str] = {
    "a": "Side A",
    "b": "Side B",
}
"""The two sides of a dyadic event: ACLED's actor1/assoc_actor_1 and actor2/assoc_actor_2, UCDP's
side_a and side_b. A participant with no side stands outside the two (an observer, a mediator) or
takes part in an event that has only one side."""

ACTOR_KINDS: dict[str, str] = {
    "state": "State",
    "state-force": "State force",
    "armed-group": "Armed group",
    "militia": "Militia",
    "political-organisation": "Political organisation",
    "civilian-group": "Civilian group",
    "person": "Person",
    "media-outlet": "Media outlet",
    "international-organisation": "International organisation",
    "other": "Other",
}

ACTOR_RELATIONS: dict[str, str] = {
    "backs": "backs",
    "allied-with": "is allied with",
    "opposes": "opposes",
    "part-of": "is part of",
    "cooperates-with": "cooperates with",
}
"""Relation type -> how the sentence "A ... B" reads."""

ACTOR_RELATIONS_INVERSE: dict[str, str] = {
    "backs": "is backed by",
    "allied-with": "is allied with",
    "opposes": "is opposed by",
    "part-of": "includes",
    "cooperates-with": "cooperates with",
}
"""Relation type -> how the sentence "B ... A" reads, for the other actor's page."""

PLACE_KINDS: dict[str, str] = {
    "country": "Country",
    "region": "Region",
    "governorate": "Governorate",
    "district": "District",
    "city": "City",
    "town": "Town",
    "village": "Village",
    "road": "Road",
    "site": "Site",
}

LOCATION_PRECISIONS: dict[str, str] = {
    "exact": "exact",
    "near": "near",
    "region": "somewhere in the region",
}

SOURCE_KINDS: dict[str, str] = {
    "news-outlet": "News outlet",
    "news-agency": "News agency",
    "government": "Government",
    "ngo": "NGO",
    "social-media": "Social media",
    "academic": "Academic",
    "dataset": "Dataset",
    "other": "Other",
}

RELIABILITY: dict[str, str] = {
    "A": "Completely reliable",
    "B": "Usually reliable",
    "C": "Fairly reliable",
    "D": "Not usually reliable",
    "E": "Unreliable",
    "F": "Reliability cannot be judged",
}
"""NATO Admiralty scale, source reliability."""

CREDIBILITY: dict[int, str] = {
    1: "Confirmed by other sources",
    2: "Probably true",
    3: "Possibly true",
    4: "Doubtful",
    5: "Improbable",
    6: "Truth cannot be judged",
}
"""NATO Admiralty scale, credibility of one piece of information."""

INCIDENT_RELATIONS: dict[str, str] = {
    "follow-up-of": "follow-up of",
    "possibly-same-as": "possibly the same event as",
    "same-as": "the same event as",
    "not-same-as": "not the same event as",
    "part-of": "part of",
    "response-to": "response to",
    "context-of": "context of",
}

INCIDENT_RELATIONS_INVERSE: dict[str, str] = {
    "follow-up-of": "followed up by",
    "possibly-same-as": "possibly the same event as",
    "same-as": "the same event as",
    "not-same-as": "not the same event as",
    "part-of": "includes",
    "response-to": "answered by",
    "context-of": "has context",
}

SAME_EVENT_RELATIONS = frozenset({"same-as", "possibly-same-as", "not-same-as"})
"""Relations by which an analyst has said whether two incidents are one event: either one
silences the possible-duplicate warning for the pair."""

STATUSES: dict[str, str] = {
    "reported": "Reported",
    "reported-possible": "Reported as possible",
    "alleged": "Alleged",
    "claimed": "Claimed",
    "denied": "Denied",
    "confirmed": "Confirmed",
}
"""How far an incident is established: what the reporting says of it, not the analyst's judgement.

``reported``: sources report it as having happened (the default); ``reported-possible``: sources
say it may be happening or may happen; ``alleged``: someone says it happened and it is not
established; ``claimed``: an actor claims it (often responsibility); ``denied``: an actor denies
it; ``confirmed``: established by independent sources."""

STATUS_MEANINGS: dict[str, str] = {
    "reported": "Sources report it as having happened.",
    "reported-possible": "Sources say it may be happening or may happen; not reported as done.",
    "alleged": "Someone says it happened; it is not established.",
    "claimed": "An actor claims it, often responsibility for it.",
    "denied": "An actor denies it.",
    "confirmed": "Established by independent sources.",
}

UNCERTAIN_STATUSES = frozenset({"alleged", "reported-possible"})
"""Statuses under which the record must not state an outcome as fact."""

OUTCOME_SUB_TYPES = frozenset(
    {
        "headquarters-or-base-established",
        "government-regains-territory",
        "non-state-actor-overtakes-territory",
        "non-violent-transfer-of-territory",
    }
)
"""Sub-types that assert an outcome (a base stands, territory changed hands): on an alleged or
reported-possible incident they state as fact what the reporting only suggests."""

LIKELIHOODS: dict[str, str] = {
    "almost-no-chance": "almost no chance",
    "very-unlikely": "very unlikely",
    "unlikely": "unlikely",
    "roughly-even-chance": "roughly even chance",
    "likely": "likely",
    "very-likely": "very likely",
    "almost-certainly": "almost certainly",
}
"""The ICD 203 ladder of estimative words, from least to most likely. Judgements may write them
with spaces (``very likely``) or hyphens (``very-likely``)."""

LIKELIHOOD_RANGES: dict[str, str] = {
    "almost-no-chance": "1–5 %",
    "very-unlikely": "5–20 %",
    "unlikely": "20–45 %",
    "roughly-even-chance": "45–55 %",
    "likely": "55–80 %",
    "very-likely": "80–95 %",
    "almost-certainly": "95–99 %",
}
"""The probability each rung of the ladder stands for, as ICD 203 gives it."""

CONFIDENCE_LEVELS: dict[str, str] = {
    "low": "low confidence",
    "moderate": "moderate confidence",
    "high": "high confidence",
}
"""How much the analyst trusts the sources and reasoning behind a judgement (not its likelihood)."""

VAGUE_HEDGES: tuple[str, ...] = ("may", "might", "could", "possibly")
"""Words that hide how likely a judgement is; its likelihood says that instead."""
