"""Make a synthetic briefing project of any size, for benchmarks and scale tests.

``python scripts/make_synthetic.py --incidents N --out DIR [--seed 1]`` writes a complete MkDocs
project into the empty or missing folder DIR: ``mkdocs.yml`` (Material, search, tags and the
``briefing`` plugin, with only the index pages in the navigation), an empty ``docs/`` and
``seeds/{incidents,actors,places,sources}/`` with one YAML file per record. The data imitate
real records (about 1.6 KB of YAML per incident): dates from 2015 to 2024 at day, month,
approximate and range precision, ACLED event types and sub-types, places three levels deep
(Syria, its governorates, towns and villages with coordinates inside the country), 2-4
participants, 1-3 graded citations with quotes, fatalities, tags and links between incidents.

Scale: about N/20 actors (at least 10), N/10 places (at least 20) and N/100 sources (at
least 5). The output depends only on N and the seed, byte for byte, and passes ``briefing
check`` and ``mkdocs build --strict`` without a warning. The YAML is written as text, not with a
YAML dumper, so that 10,000 incidents take a few seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

FIRST_DAY = dt.date(2015, 1, 1)
LAST_DAY = dt.date(2024, 12, 31)
SYRIA_BOUNDS = (32.32, 35.74, 37.31, 42.37)
"""South, west, north and east edges of Syria's bounding box, in degrees (a little inside)."""

RECORD_FOLDERS = ("incidents", "actors", "places", "sources")
NAV_PAGES = (
    ("Home", "index.md"),
    ("Timeline", "timeline/index.md"),
    ("Explorer", "explorer.md"),
    ("Map", "map.md"),
    ("Network", "network.md"),
    ("Actors", "actors/index.md"),
    ("Places", "places/index.md"),
    ("Sources", "sources/index.md"),
    ("Tags", "tags.md"),
)

# --- vocabulary of the fake world ------------------------------------------------------------

# id, name, short name (for titles), kind, country, parent, aliases, description
_BASE_ACTORS: tuple[tuple[str, str, str, str, str, str, tuple[str, ...], str], ...] = (
    (
        "syrian-regime",
        "Syrian regime",
        "government forces",
        "state",
        "Syria",
        "",
        ("Syrian government",),
        "The government in Damascus and the forces loyal to it.",
    ),
    (
        "russia",
        "Russia",
        "Russian forces",
        "state",
        "Russia",
        "",
        (),
        "Intervened militarily in 2015 in support of the government.",
    ),
    (
        "turkey",
        "Turkey",
        "Turkish forces",
        "state",
        "Turkey",
        "",
        ("Türkiye",),
        "Holds areas along the northern border.",
    ),
    (
        "united-states",
        "United States",
        "US forces",
        "state",
        "United States",
        "",
        ("US",),
        "Leads the coalition against ISIS and keeps troops in the northeast.",
    ),
    (
        "sdf",
        "Syrian Democratic Forces",
        "SDF",
        "armed-group",
        "Syria",
        "",
        ("SDF",),
        "Kurdish-led alliance that controls much of the northeast.",
    ),
    (
        "isis",
        "Islamic State",
        "ISIS",
        "armed-group",
        "",
        "",
        ("ISIS", "ISIL", "Daesh"),
        "Lost its last territory in 2019; cells remain active in the desert.",
    ),
    ("hts", "Hayat Tahrir al-Sham", "HTS", "armed-group", "Syria", "", ("HTS",), "The dominant armed group in Idlib."),
    (
        "syrian-national-army",
        "Syrian National Army",
        "SNA",
        "armed-group",
        "Syria",
        "",
        ("SNA",),
        "Turkish-backed coalition of opposition factions.",
    ),
    ("iran", "Iran", "Iranian forces", "state", "Iran", "", (), "Backs the government with advisers and militias."),
    (
        "civilians",
        "Civilians",
        "civilians",
        "civilian-group",
        "Syria",
        "",
        (),
        "Residents not taking part in hostilities.",
    ),
    ("syrian-arab-army", "Syrian Arab Army", "the Syrian army", "state-force", "Syria", "syrian-regime", ("SAA",), ""),
    ("russian-armed-forces", "Russian Armed Forces", "Russian troops", "state-force", "Russia", "russia", (), ""),
    (
        "turkish-armed-forces",
        "Turkish Armed Forces",
        "the Turkish army",
        "state-force",
        "Turkey",
        "turkey",
        ("TSK",),
        "",
    ),
    ("us-forces", "US forces in Syria", "US troops", "state-force", "United States", "united-states", (), ""),
    ("irgc", "Islamic Revolutionary Guard Corps", "IRGC", "state-force", "Iran", "iran", ("IRGC",), ""),
    (
        "hezbollah",
        "Hezbollah",
        "Hezbollah",
        "armed-group",
        "Lebanon",
        "",
        (),
        "Lebanese group fighting on the government side.",
    ),
    ("ypg", "People's Protection Units", "YPG", "armed-group", "Syria", "sdf", ("YPG",), ""),
    (
        "national-defence-forces",
        "National Defence Forces",
        "NDF",
        "militia",
        "Syria",
        "",
        ("NDF",),
        "Pro-government militia network.",
    ),
    ("israel", "Israel", "Israeli forces", "state", "Israel", "", (), "Strikes targets linked to Iran."),
    (
        "syria-civil-defence",
        "Syria Civil Defence",
        "civil defence teams",
        "civilian-group",
        "Syria",
        "",
        ("White Helmets",),
        "Rescue volunteers working in opposition-held areas.",
    ),
    ("united-nations", "United Nations", "the UN", "international-organisation", "", "", ("UN",), ""),
)
_BASE_RELATIONS: tuple[tuple[str, str, str], ...] = (
    ("russia", "backs", "syrian-regime"),
    ("iran", "backs", "syrian-regime"),
    ("turkey", "backs", "syrian-national-army"),
    ("united-states", "backs", "sdf"),
    ("sdf", "opposes", "isis"),
    ("syrian-national-army", "opposes", "sdf"),
    ("hts", "opposes", "syrian-regime"),
    ("hezbollah", "allied-with", "syrian-regime"),
    ("national-defence-forces", "cooperates-with", "syrian-arab-army"),
    ("israel", "opposes", "iran"),
)
_FACTION_PREFIXES = ("Liwa", "Jaysh", "Firqat", "Katibat", "Harakat", "Tajammu", "Alwiyat", "Jabhat")
_FACTION_NAMES = (
    "al-Furqan",
    "al-Mutasim",
    "Suqur al-Sham",
    "al-Hamza",
    "al-Sultan Murad",
    "Ahrar al-Sharqiya",
    "al-Nasr",
    "al-Tawhid",
    "Ansar al-Din",
    "al-Qadisiya",
    "al-Baqir",
    "Usud al-Sharqiya",
    "al-Muntasir Billah",
    "Fajr al-Islam",
    "al-Shamal",
    "Thuwar al-Raqqa",
    "al-Haq",
    "Shuhada Badr",
    "al-Fath",
    "al-Ummah",
    "Jund al-Aqsa",
    "Nur al-Din",
)
_FIRST_NAMES = [
    "Ahmad",
    "Mohammad",
    "Khaled",
    "Omar",
    "Hassan",
    "Ali",
    "Youssef",
    "Ibrahim",
    "Mahmoud",
    "Abdullah",
    "Samir",
    "Fadi",
    "Bashir",
    "Jamil",
    "Nabil",
    "Rami",
    "Tariq",
    "Walid",
    "Ziad",
    "Issam",
]
_FAMILY_NAMES = [
    "al-Hassan",
    "al-Ali",
    "Khalil",
    "Haddad",
    "al-Omar",
    "Darwish",
    "Saleh",
    "al-Ahmad",
    "Mansour",
    "Qassem",
    "al-Jasim",
    "Hamdan",
    "al-Khatib",
    "Suleiman",
    "Yassin",
    "al-Shami",
    "Nasser",
    "Barakat",
    "al-Issa",
    "Fares",
]

# id, name, Arabic name, latitude, longitude of the centre
_GOVERNORATES: tuple[tuple[str, str, str, float, float], ...] = (
    ("aleppo", "Aleppo", "حلب", 36.20, 37.15),
    ("idlib", "Idlib", "إدلب", 35.93, 36.63),
    ("hama", "Hama", "حماة", 35.13, 36.75),
    ("homs", "Homs", "حمص", 34.73, 36.90),
    ("latakia", "Latakia", "اللاذقية", 35.60, 36.00),
    ("tartus", "Tartus", "طرطوس", 34.89, 36.05),
    ("damascus", "Damascus", "دمشق", 33.51, 36.29),
    ("rif-dimashq", "Rif Dimashq", "ريف دمشق", 33.60, 36.60),
    ("daraa", "Daraa", "درعا", 32.70, 36.15),
    ("as-suwayda", "As-Suwayda", "السويداء", 32.75, 36.62),
    ("quneitra", "Quneitra", "القنيطرة", 33.10, 35.90),
    ("raqqa", "Raqqa", "الرقة", 35.95, 39.01),
    ("deir-ez-zor", "Deir ez-Zor", "دير الزور", 35.33, 40.14),
    ("al-hasakah", "Al-Hasakah", "الحسكة", 36.50, 40.75),
)
_TOWN_PREFIXES = [
    "Kafr",
    "Tell",
    "Ain",
    "Deir",
    "Maarat",
    "Jisr",
    "Khirbet",
    "Bir",
    "Qasr",
    "Beit",
    "Umm",
    "Abu",
    "Sheikh",
    "Ras",
    "Mazraat",
    "Hamam",
    "Qalaat",
    "Tal",
    "Jubb",
    "Arab",
]
_TOWN_ROOTS = [
    "Hamra",
    "Nuaman",
    "Zeita",
    "Sultan",
    "Abyad",
    "Battikh",
    "Issa",
    "Hassan",
    "Shughur",
    "Nabi",
    "Rahhal",
    "Halab",
    "Ruman",
    "Tuffah",
    "Jalal",
    "Saman",
    "Karim",
    "Mashhad",
    "Baida",
    "Zaytun",
    "Nahr",
    "Sawda",
    "Kabir",
    "Tamr",
    "Jumaa",
    "Haddad",
    "Shams",
    "Qamar",
    "Barakat",
    "Dahab",
    "Masri",
    "Yaqub",
    "Kurd",
    "Hajar",
    "Ward",
    "Sahl",
    "Wadi",
    "Jabal",
    "Najm",
    "Faris",
]
_TOWN_SUFFIXES = ("", "", "", "", " al-Fawqani", " al-Tahtani", " al-Kabir", " al-Saghir", " al-Sharqi", " al-Gharbi")
_SPELLINGS = (
    ("Kafr", "Kfar"),
    ("Tell ", "Tal "),
    ("Deir", "Dayr"),
    ("Maarat", "Ma'arat"),
    ("Qasr", "Kasr"),
    ("Sheikh", "Shaykh"),
    ("Jisr", "Jisr al"),
    ("Ain", "Ayn"),
)

# id, name, kind, reliability, weight when citing
_BASE_SOURCES: tuple[tuple[str, str, str, str, int], ...] = (
    ("sohr", "Syrian Observatory for Human Rights", "ngo", "C", 9),
    ("reuters", "Reuters", "news-agency", "B", 7),
    ("acled", "ACLED", "dataset", "B", 6),
    ("sana", "SANA", "government", "D", 4),
    ("north-press", "North Press Agency", "news-agency", "C", 4),
    ("afp", "Agence France-Presse", "news-agency", "B", 5),
    ("enab-baladi", "Enab Baladi", "news-outlet", "C", 4),
    ("syria-direct", "Syria Direct", "news-outlet", "B", 3),
    ("snhr", "Syrian Network for Human Rights", "ngo", "C", 4),
    ("airwars", "Airwars", "ngo", "B", 3),
    ("anadolu", "Anadolu Agency", "news-agency", "D", 3),
    ("tass", "TASS", "news-agency", "D", 3),
    ("rudaw", "Rudaw", "news-outlet", "C", 2),
    ("voa", "Voice of America", "news-outlet", "B", 2),
    ("al-monitor", "Al-Monitor", "news-outlet", "B", 2),
    ("ocha", "UN OCHA", "other", "A", 2),
)
_SOURCE_DESCRIPTIONS = (
    "Reports daily on incidents across the country.",
    "Relies on a network of local correspondents.",
    "Its figures are widely cited but rarely independently verified.",
    "Publishes in Arabic and English.",
    "Coverage is strongest in the areas where it has staff.",
)

# sub-type -> (event type, id keyword, title templates, opening sentences, roles of A and B)
_KINDS: dict[str, tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[str, str]]] = {
    "armed-clash": (
        "battles",
        "clashes",
        ("{A} and {B} clash near {P}", "Fighting between {A} and {B} around {P}", "Clashes on the {P} front"),
        (
            "Fighting broke out between {a} and {b} on the outskirts of {p}, in {g} governorate, {when}.",
            "Clashes between {a} and {b} were reported around {p} {when}.",
        ),
        ("combatant", "combatant"),
    ),
    "government-regains-territory": (
        "battles",
        "retaken",
        ("{P} retaken by {A}", "{B} pushed out of {P}"),
        ("{a} announced {when} that {p} had been retaken from {b} after days of fighting.",),
        ("attacker", "withdrawing"),
    ),
    "non-state-actor-overtakes-territory": (
        "battles",
        "captured",
        ("{P} captured by {A}", "{P} falls to {A}"),
        ("{a} took control of {p} {when}, after {b} withdrew from its positions.",),
        ("attacker", "withdrawing"),
    ),
    "chemical-weapon": (
        "explosions-remote-violence",
        "chemical-attack",
        ("Suspected chemical attack on {P}",),
        ("Medical workers in {p} reported cases of suffocation after a strike {when}.",),
        ("attacker", "targeted"),
    ),
    "air-drone-strike": (
        "explosions-remote-violence",
        "air-strike",
        ("Air strike by {A} hits {P}", "Drone strike near {P}", "Air raids on {P}"),
        (
            "Aircraft attributed to {a} struck {p}, in {g} governorate, {when}.",
            "A drone strike hit a vehicle on the road outside {p} {when}.",
        ),
        ("attacker", "targeted"),
    ),
    "suicide-bomb": (
        "explosions-remote-violence",
        "suicide-bombing",
        ("Suicide bombing at {P} checkpoint", "Car bomb attack on {B} in {P}"),
        ("A suicide bomber detonated a vehicle at a checkpoint held by {b} in {p} {when}.",),
        ("attacker", "targeted"),
    ),
    "shelling-artillery-missile-attack": (
        "explosions-remote-violence",
        "shelling",
        ("Shelling by {A} on {P}", "Artillery fire on {P}", "Rocket attack on {P}"),
        (
            "{a} shelled {p} and the villages around it {when}.",
            "Rockets fired from positions held by {a} landed in {p} {when}.",
        ),
        ("attacker", "targeted"),
    ),
    "remote-explosive-landmine-ied": (
        "explosions-remote-violence",
        "ied",
        ("Roadside bomb hits {B} near {P}", "IED explodes in {P}", "Landmine blast near {P}"),
        ("An improvised explosive device went off as a vehicle of {b} passed near {p} {when}.",),
        ("attacker", "targeted"),
    ),
    "grenade": (
        "explosions-remote-violence",
        "grenade",
        ("Grenade attack in {P}",),
        ("A grenade was thrown at a group of {b} in the market of {p} {when}.",),
        ("attacker", "targeted"),
    ),
    "sexual-violence": (
        "violence-against-civilians",
        "sexual-violence",
        ("Reports of sexual violence by {A} in {P}",),
        ("Rights groups documented cases of sexual violence by members of {a} in {p}.",),
        ("attacker", "targeted"),
    ),
    "attack": (
        "violence-against-civilians",
        "attack",
        ("Civilians attacked by {A} in {P}", "Deadly raid on {P}"),
        (
            "Residents of {p} said members of {a} raided homes in the town {when}.",
            "Residents accused {a} of opening fire on civilians in {p} {when}.",
        ),
        ("attacker", "targeted"),
    ),
    "abduction-forced-disappearance": (
        "violence-against-civilians",
        "abductions",
        ("Residents of {P} abducted by {A}", "Men missing after raid by {A} in {P}"),
        ("Families in {p} said {a} had taken several men from their homes {when}.",),
        ("attacker", "targeted"),
    ),
    "peaceful-protest": (
        "protests",
        "protest",
        ("Residents of {P} protest against {topic}", "Protest in {P} over {topic}"),
        ("Several hundred residents of {p} gathered {when} to protest against {topic}.",),
        ("acting", "observing"),
    ),
    "protest-with-intervention": (
        "protests",
        "protest-dispersed",
        ("Protest in {P} dispersed by {B}",),
        ("A protest against {topic} in {p} was broken up by {b} {when}.",),
        ("acting", "enforcing"),
    ),
    "excessive-force-against-protesters": (
        "protests",
        "protesters-shot",
        ("Protesters in {P} shot at by {B}",),
        ("{b} fired live rounds at demonstrators in {p} {when}.",),
        ("targeted", "attacker"),
    ),
    "violent-demonstration": (
        "riots",
        "riot",
        ("Violent demonstration in {P} over {topic}",),
        ("Demonstrators angry about {topic} set tyres on fire and stormed a building in {p} {when}.",),
        ("acting", "affected"),
    ),
    "mob-violence": (
        "riots",
        "mob-violence",
        ("Mob attack on {B} in {P}",),
        ("A crowd attacked members of {b} in {p} {when} after a dispute over {topic}.",),
        ("attacker", "targeted"),
    ),
    "agreement": (
        "strategic-developments",
        "agreement",
        ("Truce in {P} agreed by {A} and {B}", "Deal over {P} between {A} and {B}"),
        ("{a} and {b} reached an agreement over {p} {when}, according to local sources.",),
        ("party", "party"),
    ),
    "arrests": (
        "strategic-developments",
        "arrests",
        ("Arrests by {A} in {P}", "Arrest campaign in {P}"),
        ("{a} detained several people in {p} {when}, accusing them of links to {b}.",),
        ("enforcing", "targeted"),
    ),
    "change-to-group-activity": (
        "strategic-developments",
        "reorganisation",
        ("Units of {A} redeployed around {P}",),
        ("{a} moved fighters and equipment to the area of {p} {when}.",),
        ("acting", "observing"),
    ),
    "disrupted-weapons-use": (
        "strategic-developments",
        "explosives-defused",
        ("Explosives defused by {A} near {P}",),
        ("Engineers of {a} dismantled explosives found on the road to {p} {when}.",),
        ("enforcing", "affected"),
    ),
    "headquarters-or-base-established": (
        "strategic-developments",
        "new-base",
        ("New base of {A} near {P}", "New position of {A} at {P}"),
        ("{a} established a new position on the outskirts of {p} {when}.",),
        ("acting", "observing"),
    ),
    "looting-property-destruction": (
        "strategic-developments",
        "looting",
        ("Homes looted by {A} in {P}",),
        ("Homes and shops in {p} were looted after {a} entered the town {when}.",),
        ("acting", "affected"),
    ),
    "non-violent-transfer-of-territory": (
        "strategic-developments",
        "handover",
        ("Positions in {P} handed over by {A} to {B}",),
        ("{a} handed over positions in {p} to {b} {when} without a fight.",),
        ("withdrawing", "acting"),
    ),
    "other": (
        "strategic-developments",
        "patrol",
        ("Patrol of {A} turned back near {P}", "Standoff between {A} and {B} near {P}"),
        ("A patrol of {a} was stopped by {b} on the road near {p} {when}.",),
        ("patrolling", "blocking"),
    ),
}
_SUB_TYPE_WEIGHTS: dict[str, int] = {
    "armed-clash": 16,
    "government-regains-territory": 3,
    "non-state-actor-overtakes-territory": 2,
    "chemical-weapon": 1,
    "air-drone-strike": 14,
    "suicide-bomb": 2,
    "shelling-artillery-missile-attack": 16,
    "remote-explosive-landmine-ied": 6,
    "grenade": 1,
    "sexual-violence": 1,
    "attack": 8,
    "abduction-forced-disappearance": 4,
    "peaceful-protest": 5,
    "protest-with-intervention": 2,
    "excessive-force-against-protesters": 1,
    "violent-demonstration": 1,
    "mob-violence": 1,
    "agreement": 2,
    "arrests": 4,
    "change-to-group-activity": 2,
    "disrupted-weapons-use": 1,
    "headquarters-or-base-established": 2,
    "looting-property-destruction": 2,
    "non-violent-transfer-of-territory": 1,
    "other": 3,
}
_NON_FIGHTING = {"civilian-group", "international-organisation", "political-organisation", "person", "media-outlet"}
_VIOLENT = {"battles", "explosions-remote-violence", "violence-against-civilians", "riots"}
_TOPICS = (
    "rising prices",
    "conscription",
    "fuel shortages",
    "detentions",
    "power cuts",
    "the presence of foreign forces",
    "the cost of bread",
    "forced recruitment",
    "checkpoint fees",
    "the lack of water",
)
_DETAILS = (
    "Local sources said the {activity} began in the early morning and went on for several hours.",
    "The reports could not be independently verified.",
    "{src} cited residents who said the area had been calm in the days before.",
    "It was one of several similar incidents recorded in {g} governorate that month.",
    "Humanitarian workers warned that the incident could push more families to leave {p}.",
    "Footage shared on social media appeared to show damage to homes and shops.",
    "Neither side commented publicly on the incident.",
    "Accounts of the incident differ between pro-government and opposition outlets.",
    "Roads into {p} were closed for part of the day.",
    "The incident followed weeks of rising tension in the area.",
    "Medical staff in {g} said they had received wounded people from the area.",
    "Schools in {p} stayed closed the next day.",
    "A statement attributed to {b} described the {activity} as a provocation.",
    "The area has changed hands several times since 2012.",
)
_ACTIVITIES = {
    "battles": "fighting",
    "explosions-remote-violence": "bombardment",
    "violence-against-civilians": "raid",
    "protests": "protest",
    "riots": "unrest",
    "strategic-developments": "operation",
}
_QUOTES = (
    "Fighters entered {p} shortly after dawn.",
    "We heard the explosions from the centre of {p}.",
    "The situation in {p} remains tense.",
    "Several families have left {p} since the morning.",
    "Our correspondent in {g} confirmed the incident.",
    "Residents said {b} had been in the area for weeks.",
    "Nobody has claimed responsibility so far.",
    "The road to {p} is still closed.",
)
_NOTES_ACTING = (
    "Named by most sources.",
    "Claimed responsibility in a statement.",
    "Identified by local sources only.",
    "Denied any involvement.",
    "Role disputed between sources.",
    "Pro-government outlets blamed this actor.",
)
_NOTES_AFFECTED = (
    "According to residents.",
    "Numbers differ between sources.",
    "Named by most sources.",
    "Identified by local sources only.",
    "Several families were reported displaced.",
)
_WHEN = ("in the early hours", "in the morning", "in the afternoon", "in the evening", "overnight")
TAGS = [
    "airstrike",
    "shelling",
    "drone",
    "ied",
    "landmines",
    "chemical-weapons",
    "ceasefire",
    "ceasefire-violation",
    "joint-patrol",
    "checkpoint",
    "detention",
    "kidnapping",
    "assassination",
    "protest",
    "fuel-crisis",
    "humanitarian-access",
    "displacement",
    "hospital",
    "school",
    "market",
    "border",
    "oil",
    "water",
    "electricity",
    "turkish-operation",
    "russia-turkey",
    "russia-us",
    "isis-cells",
    "prison",
    "tribal",
]
_TAGS_BY_SUB_TYPE = {
    "air-drone-strike": ("airstrike", "drone"),
    "shelling-artillery-missile-attack": ("shelling",),
    "remote-explosive-landmine-ied": ("ied", "landmines"),
    "chemical-weapon": ("chemical-weapons",),
    "abduction-forced-disappearance": ("kidnapping", "detention"),
    "arrests": ("detention",),
    "peaceful-protest": ("protest",),
    "protest-with-intervention": ("protest",),
    "agreement": ("ceasefire",),
    "other": ("joint-patrol", "checkpoint"),
}
_INCIDENT_RELATIONS = ("follow-up-of", "follow-up-of", "response-to", "possibly-same-as", "part-of", "context-of")

# --- YAML text -------------------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.()'/-]*[A-Za-z0-9.)]|[A-Za-z]")
_YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n"}


def scalar(text: str) -> str:
    """Write text as a YAML scalar: plain when that reads back as the same string, else quoted.

    JSON string syntax is a subset of YAML's double-quoted style, so ``json.dumps`` quotes
    safely.
    """
    if _PLAIN.fullmatch(text) and ": " not in text and " #" not in text and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def folded(key: str, text: str, indent: str = "") -> list[str]:
    """Write a long text as a folded block (``key: >-``), wrapped at 96 columns."""
    lines = textwrap.wrap(text, width=96, break_on_hyphens=False, break_long_words=False)
    return [f"{indent}{key}: >-", *(f"{indent}  {line}" for line in lines)]


def slugify(text: str) -> str:
    """Turn a name into an id: lowercase ASCII letters, digits and single hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


# --- records ---------------------------------------------------------------------------------


@dataclass(eq=False)
class Actor:
    """A synthetic actor and how titles call it."""

    id: str
    name: str
    short: str
    kind: str
    country: str = ""
    parent: str = ""
    aliases: tuple[str, ...] = ()
    relations: list[tuple[str, str, str]] = field(default_factory=list)
    description: str = ""
    weight: int = 1


@dataclass(eq=False)
class Place:
    """A synthetic place; ``governorate`` is the name of the governorate it is in."""

    id: str
    name: str
    kind: str
    governorate: str
    lat: float
    lon: float
    parent: str = ""
    aliases: tuple[str, ...] = ()
    description: str = ""


@dataclass(eq=False)
class Source:
    """A synthetic source with its weight when picking citations."""

    id: str
    name: str
    kind: str
    reliability: str
    weight: int
    description: str = ""


@dataclass(frozen=True)
class Summary:
    """What :func:`make_project` wrote."""

    incidents: int
    actors: int
    places: int
    sources: int
    files: int
    bytes: int


class OutputNotEmpty(Exception):
    """The output folder already holds files."""


def scale(incidents: int) -> tuple[int, int, int]:
    """Numbers of actors, places and sources for a project of ``incidents`` incidents."""
    return max(10, incidents // 20), max(20, incidents // 10), max(5, incidents // 100)


def _unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def _make_actors(rng: Random, count: int, places: list[Place]) -> list[Actor]:
    actors: list[Actor] = []
    taken: set[str] = set()
    for actor_id, name, short, kind, country, parent, aliases, description in _BASE_ACTORS[:count]:
        taken.add(actor_id)
        actors.append(Actor(actor_id, name, short, kind, country, parent, aliases, [], description, weight=12))
    for subject, relation, other in _BASE_RELATIONS:
        if subject in taken and other in taken:
            next(a for a in actors if a.id == subject).relations.append((other, relation, ""))
    umbrellas = [a.id for a in actors if a.id in {"syrian-regime", "sdf", "syrian-national-army", "hts"}]
    towns = [p for p in places if p.kind != "governorate" and p.kind != "country"]
    while len(actors) < count:
        roll = rng.random()
        town = rng.choice(towns)
        parent, kind, country, description = "", "armed-group", "Syria", ""
        if roll < 0.45:
            name = f"{rng.choice(_FACTION_PREFIXES)} {rng.choice(_FACTION_NAMES)}"
            short = name
            parent = rng.choice(umbrellas) if umbrellas and rng.random() < 0.6 else ""
        elif roll < 0.6:
            name = f"{town.name} Military Council"
            short = name
            parent = "sdf" if "sdf" in taken else ""
        elif roll < 0.75:
            name = f"{town.name} Local Defence Forces"
            short = name
            kind = "militia"
            parent = "national-defence-forces" if "national-defence-forces" in taken else ""
            description = f"Pro-government militia recruited in and around {town.name}."
        elif roll < 0.85:
            name = f"{town.name} tribal fighters"
            short = f"Tribal fighters from {town.name}"
            kind = "militia"
        elif roll < 0.93:
            name = f"{town.name} Local Council"
            short = name
            kind = "political-organisation"
        else:
            name = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_FAMILY_NAMES)}"
            short = name
            kind = "person"
            description = f"Commander active in {town.governorate} governorate."
        actor = Actor(_unique(slugify(name), taken), name, short, kind, country, parent, (), [], description)
        if rng.random() < 0.4:
            partner = rng.choice(actors)
            relation = rng.choice(("opposes", "opposes", "allied-with", "cooperates-with"))
            if partner.id != actor.parent:
                actor.relations.append((partner.id, relation, ""))
        actors.append(actor)
    return actors


def _make_places(rng: Random, count: int) -> list[Place]:
    south, west, north, east = SYRIA_BOUNDS
    places = [Place("syria", "Syria", "country", "", 34.80, 38.99, aliases=("سوريا",))]
    taken = {"syria"}
    governorates: list[Place] = []
    for gov_id, name, arabic, lat, lon in _GOVERNORATES:
        gov = Place(gov_id, name, "governorate", name, lat, lon, "syria", (arabic, f"{name} governorate"))
        taken.add(gov_id)
        governorates.append(gov)
    places.extend(governorates)
    while len(places) < count:
        gov = rng.choice(governorates)
        name = f"{rng.choice(_TOWN_PREFIXES)} {rng.choice(_TOWN_ROOTS)}{rng.choice(_TOWN_SUFFIXES)}"
        base = slugify(name)
        place_id = _unique(base if base not in taken else f"{base}-{gov.id}", taken)
        roll = rng.random()
        kind = "city" if roll < 0.05 else "town" if roll < 0.4 else "village"
        lat = min(max(gov.lat + rng.uniform(-0.35, 0.35), south), north)
        lon = min(max(gov.lon + rng.uniform(-0.35, 0.35), west), east)
        aliases: tuple[str, ...] = ()
        for old, new in _SPELLINGS:
            if name.startswith(old) and rng.random() < 0.4:
                aliases = (new + name[len(old) :],)
                break
        description = f"A {kind} in {gov.name} governorate." if rng.random() < 0.25 else ""
        places.append(Place(place_id, name, kind, gov.name, round(lat, 4), round(lon, 4), gov.id, aliases, description))
    return places


def _make_sources(rng: Random, count: int, places: list[Place]) -> list[Source]:
    sources = [Source(s, name, kind, rel, weight) for s, name, kind, rel, weight in _BASE_SOURCES[:count]]
    taken = {s.id for s in sources}
    towns = [p for p in places if p.kind not in {"country", "governorate"}]
    while len(sources) < count:
        roll = rng.random()
        if roll < 0.5:
            name, kind, rel = f"{rng.choice(towns).name} Media Center", "social-media", rng.choice("DEF")
        elif roll < 0.8:
            name, kind, rel = f"{rng.choice(_GOVERNORATES)[1]} {rng.randint(2, 99)}", "news-outlet", rng.choice("CD")
        else:
            name, kind, rel = f"{rng.choice(towns).name} Monitoring Group", "ngo", rng.choice("CDF")
        sources.append(Source(_unique(slugify(name), taken), name, kind, rel, 1, rng.choice(_SOURCE_DESCRIPTIONS)))
    return sources


def _date_text(rng: Random, day: dt.date) -> tuple[str, str]:
    """A date field value at a random precision, and the date part of the incident id."""
    roll = rng.random()
    if roll < 0.72:
        return day.isoformat(), day.isoformat()
    month = f"{day.year:04d}-{day.month:02d}"
    if roll < 0.84:
        return month, month
    if roll < 0.90:
        return f"{{on: {day.isoformat()}, approximate: true}}", day.isoformat()
    if roll < 0.93:
        return f"{{on: {month}, approximate: true}}", month
    end = min(day + dt.timedelta(days=rng.randint(1, 13)), LAST_DAY)
    if end <= day:
        return day.isoformat(), day.isoformat()
    approximate = ", approximate: true" if rng.random() < 0.5 else ""
    return f"{{start: {day.isoformat()}, end: {end.isoformat()}{approximate}}}", day.isoformat()


_PLACE_TRIES = 50
"""How many places an incident may try before one is free of a clash (see :class:`_Nearby`)."""


def _span(date_value: str) -> tuple[dt.date, dt.date]:
    """The first and last possible day of a date field value that :func:`_date_text` wrote."""
    if date_value.startswith("{start: "):
        start, end = re.findall(r"\d{4}-\d{2}-\d{2}", date_value)
        return dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    point = re.search(r"\d{4}-\d{2}(-\d{2})?", date_value)
    assert point is not None
    if point.group(1):
        day = dt.date.fromisoformat(point.group(0))
        return day, day
    first = dt.date.fromisoformat(point.group(0) + "-01")
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return first, last


class _Nearby:
    """The incidents made so far, found by place, so that no two look like one event recorded twice.

    The generator warns about a possible duplicate when two incidents' first and last possible
    days are each within a day of the other's and their places are one or one lies inside the
    other (and their titles or actors agree: ``generator/index/duplicates.py``). Two synthetic
    incidents of one place and kind get the same title, so the project keeps clear of the
    stricter rule that leaves the titles out: no two incidents at nested places within a day.
    Incidents are made in order of their day, so only the last few at a place are compared.
    """

    def __init__(self) -> None:
        self.here: dict[str, list[tuple[dt.date, dt.date, dt.date, str]]] = {}
        """By place id: the incidents at that place, as (day, first day, last day, id)."""
        self.within: dict[str, list[tuple[dt.date, dt.date, dt.date, str]]] = {}
        """By governorate id: the incidents at the governorate or at any town in it."""

    def clashes(self, place: Place, day: dt.date, span: tuple[dt.date, dt.date]) -> list[str]:
        """The ids of the incidents made so far that one at ``place`` over ``span`` would clash with."""
        if place.kind == "governorate":
            lists = [self.within.get(place.id, [])]
        else:  # incidents are placed at towns and governorates, never at the country
            lists = [self.here.get(place.id, []), self.here.get(place.parent, [])]
        start, end = span
        found: list[str] = []
        for items in lists:
            for made, first, last, other in reversed(items):
                if (day - made).days > 45:  # a span starts at most a month before its day
                    break
                if abs((first - start).days) <= 1 and abs((last - end).days) <= 1:
                    found.append(other)
        return sorted(found)

    def add(self, place: Place, day: dt.date, span: tuple[dt.date, dt.date], incident_id: str) -> None:
        """Note an incident made at ``place`` on ``day`` over ``span``."""
        item = (day, *span, incident_id)
        self.here.setdefault(place.id, []).append(item)
        self.within.setdefault(place.id if place.kind == "governorate" else place.parent, []).append(item)


def _actor_ref(actor: Actor | None) -> str:
    """How titles and sentences name an actor."""
    return "unidentified attackers" if actor is None else actor.short


@dataclass(frozen=True)
class _World:
    """The records incidents refer to, with the weights used to pick them."""

    actors: list[Actor]
    actor_weights: list[int]
    fighters: list[Actor]
    fighter_weights: list[int]
    civilians: Actor | None
    sources: list[Source]
    source_weights: list[int]

    @classmethod
    def of(cls, actors: list[Actor], sources: list[Source]) -> _World:
        fighters = [a for a in actors if a.kind not in _NON_FIGHTING]
        return cls(
            actors,
            [a.weight for a in actors],
            fighters,
            [a.weight for a in fighters],
            next((a for a in actors if a.id == "civilians"), None),
            sources,
            [s.weight for s in sources],
        )


def _incident(
    rng: Random,
    world: _World,
    incident_id: str,
    sub_type: str,
    date_value: str,
    day: dt.date,
    place: Place,
    related: list[tuple[str, str]],
) -> str:
    event_type, _, titles, openers, (role_a, role_b) = _KINDS[sub_type]
    first, second = rng.choices(world.fighters, world.fighter_weights, k=2)
    while second is first:
        second = rng.choice(world.fighters)
    actor_a: Actor | None = first
    actor_b: Actor | None = second
    civilians = world.civilians
    if civilians is not None and (event_type in {"protests", "riots"} and role_a in {"acting", "targeted"}):
        actor_a = civilians
    elif civilians is not None and event_type == "violence-against-civilians":
        actor_b = civilians
    if sub_type in {"remote-explosive-landmine-ied", "grenade", "suicide-bomb"} and rng.random() < 0.4:
        actor_a = None
    name_a, name_b = _actor_ref(actor_a), _actor_ref(actor_b)
    topic = rng.choice(_TOPICS)
    src = rng.choices(world.sources, world.source_weights, k=3)
    cited = list(dict.fromkeys(src))[: rng.choice((1, 2, 2, 3, 3))]
    values = {
        "A": name_a,
        "B": name_b,
        "P": place.name,
        "topic": topic,
        "a": name_a,
        "b": name_b,
        "p": place.name,
        "g": place.governorate or place.name,
        "when": rng.choice(_WHEN),
        "activity": _ACTIVITIES[event_type],
        "src": cited[0].name,
    }
    title = rng.choice(titles).format(**values)
    title = title[0].upper() + title[1:]
    sentences = [rng.choice(openers).format(**values)]
    sentences[0] = sentences[0][0].upper() + sentences[0][1:]

    fatalities: list[str] = []
    if event_type in _VIOLENT and rng.random() < 0.6:
        best = 0 if rng.random() < 0.1 else min(int(rng.paretovariate(1.2) * 2) - 1, 250)
        fatalities = ["fatalities:"]
        low = high = None
        if rng.random() < 0.5:
            low = max(0, best - rng.randint(0, 3))
            high = best + rng.randint(0, 6)
            fatalities.append(f"  low: {low}")
        fatalities.append(f"  best: {best}")
        if high is not None:
            fatalities.append(f"  high: {high}")
        if best == 0:
            sentences.append("No deaths were reported.")
        elif low is not None and high is not None and low != high:
            sentences.append(f"Sources gave a death toll of {best}, with estimates from {low} to {high}.")
        else:
            sentences.append(f"At least {best} {'person was' if best == 1 else 'people were'} reported killed.")
    for template in rng.sample(_DETAILS, rng.randint(4, 6)):
        sentence = template.format(**values)
        sentences.append(sentence[0].upper() + sentence[1:])

    lines = [f"id: {incident_id}", f"title: {scalar(title)}", f"date: {date_value}", f"event_type: {event_type}"]
    lines.append(f"sub_type: {sub_type}")
    lines.append(f"place: {place.id}")
    if place.kind == "governorate":
        lines.append("location_precision: region")
    else:
        if rng.random() < 0.5:
            lines += [
                "coordinates:",
                f"  lat: {place.lat + rng.uniform(-0.02, 0.02):.4f}",
                f"  lon: {place.lon + rng.uniform(-0.02, 0.02):.4f}",
            ]
        if rng.random() < 0.35:
            lines.append("location_precision: near")

    lines.append("participants:")
    participants: list[tuple[Actor | None, str, str]] = [(actor_a, role_a, ""), (actor_b, role_b, "")]
    involved = {id(actor_a), id(actor_b)}
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        if civilians is not None and id(civilians) not in involved and rng.random() < 0.4:
            third, role = civilians, "affected"
        else:
            third = rng.choices(world.actors, world.actor_weights)[0]
            if third.kind in _NON_FIGHTING:
                role = rng.choice(("mediating", "observing") if sub_type == "agreement" else ("observing", "affected"))
            else:
                role = "combatant" if event_type == "battles" else rng.choice(("observing", "affected"))
        if id(third) not in involved:
            participants.append((third, role, ""))
            involved.add(id(third))
    for actor, role, _ in participants:
        if actor is None:
            lines += [f"  - role: {role}", "    note: Perpetrator not identified."]
            continue
        lines += [f"  - actor: {actor.id}", f"    role: {role}"]
        if rng.random() < 0.6:
            notes = _NOTES_AFFECTED if role in {"targeted", "affected", "observing"} else _NOTES_ACTING
            lines.append(f"    note: {scalar(rng.choice(notes))}")

    lines += folded("summary", " ".join(sentences))
    lines.append("citations:")
    for source in cited:
        lines.append(f"  - source: {source.id}")
        published = day + dt.timedelta(days=rng.randint(0, 4))
        if rng.random() < 0.8:
            lines.append(
                f"    url: https://{source.id}.example.org/{published.year}/{published.month:02d}/{incident_id}"
            )
        if rng.random() < 0.7:
            headline = rng.choice((title, f"{title} ({values['g']})", f"Update: {title}"))
            lines.append(f"    title: {scalar(headline)}")
        lines.append(f"    published: {published.isoformat() if rng.random() < 0.8 else published.isoformat()[:7]}")
        credibility = rng.choices((1, 2, 3, 4, 5, 6), (2, 6, 5, 2, 1, 1))[0]
        if credibility == 1 and len({s.id for s in cited}) < 2:
            credibility = 2  # "confirmed by other sources" needs another source to confirm it
        lines.append(f"    credibility: {credibility}")
        quote = " ".join(rng.sample(_QUOTES, rng.choice((1, 2, 2)))).format(**values)
        lines.append(f"    quote: {scalar(quote)}")
    if fatalities:
        lines += fatalities
    typical = _TAGS_BY_SUB_TYPE.get(sub_type)
    tags = ([rng.choice(typical)] if typical else []) + rng.sample(TAGS, rng.randint(1, 3))
    lines.append("tags:")
    lines += [f"  - {tag}" for tag in list(dict.fromkeys(tags))[:3]]
    if related:
        lines.append("related:")
        for other, relation in related:
            lines += [f"  - incident: {other}", f"    relation: {relation}"]
    return "\n".join(lines) + "\n"


def _actor_yaml(actor: Actor) -> str:
    lines = [f"id: {actor.id}", f"name: {scalar(actor.name)}"]
    if actor.aliases:
        lines += ["aliases:", *(f"  - {scalar(alias)}" for alias in actor.aliases)]
    lines.append(f"kind: {actor.kind}")
    if actor.country:
        lines.append(f"country: {scalar(actor.country)}")
    if actor.parent:
        lines.append(f"parent: {actor.parent}")
    if actor.relations:
        lines.append("relations:")
        for other, relation, note in actor.relations:
            lines += [f"  - actor: {other}", f"    type: {relation}"]
            if note:
                lines.append(f"    note: {scalar(note)}")
    if actor.description:
        lines += folded("description", actor.description)
    return "\n".join(lines) + "\n"


def _place_yaml(place: Place) -> str:
    lines = [f"id: {place.id}", f"name: {scalar(place.name)}"]
    if place.aliases:
        lines += ["aliases:", *(f"  - {scalar(alias)}" for alias in place.aliases)]
    lines += [f"kind: {place.kind}", "coordinates:", f"  lat: {place.lat:.4f}", f"  lon: {place.lon:.4f}"]
    if place.parent:
        lines.append(f"parent: {place.parent}")
    if place.description:
        lines += folded("description", place.description)
    return "\n".join(lines) + "\n"


def _source_yaml(source: Source) -> str:
    lines = [f"id: {source.id}", f"name: {scalar(source.name)}", f"kind: {source.kind}"]
    lines += [f"reliability: {source.reliability}", f"url: https://{source.id}.example.org/"]
    if source.description:
        lines += folded("description", source.description)
    return "\n".join(lines) + "\n"


def mkdocs_config(title: str) -> str:
    """The project's ``mkdocs.yml``: that of the example site, without its briefing page."""
    nav = "\n".join(f"  - {name}: {uri}" for name, uri in NAV_PAGES)
    return f"""site_name: {scalar(title)}
site_description: Synthetic briefing site for benchmarks and scale tests.
docs_dir: docs
site_dir: site
strict: true

theme:
  name: material
  font: false
  language: en
  features:
    - navigation.indexes
    - navigation.sections
    - search.highlight

plugins:
  - search
  - tags:
      export: false
  - briefing:
      seeds: seeds

markdown_extensions:
  - tables
  - attr_list
  - toc:
      permalink: true

# Only index pages go in the navigation, as in the example site.
nav:
{nav}
  - Reference:
      - vocabulary.md
"""


def build_project(incidents: int, seed: int = 1) -> dict[str, str]:
    """Create the text of every file of a synthetic project.

    Args:
        incidents: Number of incident records.
        seed: Seed of the random generator; the same seed gives the same files.

    Returns:
        File contents by path relative to the project folder, in sorted order.
    """
    rng = Random(seed)
    n_actors, n_places, n_sources = scale(incidents)
    places = _make_places(rng, n_places)
    actors = _make_actors(rng, n_actors, places)
    sources = _make_sources(rng, n_sources, places)
    files: dict[str, str] = {"mkdocs.yml": mkdocs_config(f"Synthetic briefing: {incidents} incidents, seed {seed}")}
    for actor in actors:
        files[f"seeds/actors/{actor.id}.yaml"] = _actor_yaml(actor)
    for place in places:
        files[f"seeds/places/{place.id}.yaml"] = _place_yaml(place)
    for source in sources:
        files[f"seeds/sources/{source.id}.yaml"] = _source_yaml(source)

    span = (LAST_DAY - FIRST_DAY).days
    days = sorted(FIRST_DAY + dt.timedelta(days=rng.randint(0, span)) for _ in range(incidents))
    sub_types = sorted(_SUB_TYPE_WEIGHTS)
    sub_weights = [_SUB_TYPE_WEIGHTS[s] for s in sub_types]
    towns = [p for p in places if p.kind not in {"country", "governorate"}]
    governorates = [p for p in places if p.kind == "governorate"]
    world = _World.of(actors, sources)
    taken: set[str] = set()
    ids: list[str] = []
    by_place: dict[str, list[str]] = {}
    near = _Nearby()
    for day in days:
        sub_type = rng.choices(sub_types, sub_weights)[0]
        place = rng.choice(governorates) if rng.random() < 0.08 else rng.choice(towns)
        date_value, date_part = _date_text(rng, day)
        span = _span(date_value)
        for _ in range(_PLACE_TRIES):
            if not near.clashes(place, day, span):
                break
            place = rng.choice(governorates) if rng.random() < 0.08 else rng.choice(towns)
        incident_id = _unique(f"{place.id}-{_KINDS[sub_type][1]}-{date_part}", taken)
        # Rarely no place is free of a clash: the analyst has then told the two apart.
        related = [(other, "not-same-as") for other in near.clashes(place, day, span)]
        near.add(place, day, span, incident_id)
        if ids and rng.random() < 0.12:
            nearby = by_place.get(place.id, [])
            other = nearby[-1] if nearby and rng.random() < 0.7 else rng.choice(ids)
            relation = rng.choice(_INCIDENT_RELATIONS)
            if other not in dict(related):
                related.append((other, relation))
            second = rng.choice(ids)
            if second != other and rng.random() < 0.2:
                relation = rng.choice(_INCIDENT_RELATIONS)
                if second not in dict(related):
                    related.append((second, relation))
        files[f"seeds/incidents/{incident_id}.yaml"] = _incident(
            rng, world, incident_id, sub_type, date_value, day, place, related
        )
        ids.append(incident_id)
        by_place.setdefault(place.id, []).append(incident_id)
    return dict(sorted(files.items()))


def write_project(out: Path, files: dict[str, str]) -> int:
    """Write ``files`` under ``out`` (which must be empty or missing) plus an empty ``docs/``.

    Returns:
        The number of bytes written.

    Raises:
        OutputNotEmpty: ``out`` exists and holds something.
    """
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise OutputNotEmpty(str(out))
    (out / "docs").mkdir(parents=True, exist_ok=True)
    for folder in RECORD_FOLDERS:
        (out / "seeds" / folder).mkdir(parents=True, exist_ok=True)
    total = 0
    for relative, text in files.items():
        data = text.encode("utf-8")
        (out / relative).write_bytes(data)
        total += len(data)
    return total


def make_project(out: Path, incidents: int, seed: int = 1) -> Summary:
    """Build and write a synthetic project into ``out``.

    Raises:
        OutputNotEmpty: ``out`` exists and holds something; nothing is written.
    """
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise OutputNotEmpty(str(out))
    files = build_project(incidents, seed)
    size = write_project(out, files)

    def count(folder: str) -> int:
        return sum(1 for path in files if path.startswith(f"seeds/{folder}/"))

    return Summary(count("incidents"), count("actors"), count("places"), count("sources"), len(files), size)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = argparse.ArgumentParser(description="Write a synthetic briefing project (MkDocs + YAML records).")
    parser.add_argument("--incidents", type=int, required=True, help="number of incidents")
    parser.add_argument("--out", type=Path, required=True, help="project folder to create (must be empty or missing)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    args = parser.parse_args(argv)
    if args.incidents < 1:
        parser.error("--incidents must be at least 1")
    try:
        summary = make_project(args.out, args.incidents, args.seed)
    except OutputNotEmpty:
        print(
            f"make_synthetic: error: {args.out} exists and is not an empty folder; choose a new or empty one",
            file=sys.stderr,
        )
        return 2
    print(
        f"wrote {summary.incidents} incidents, {summary.actors} actors, {summary.places} places and "
        f"{summary.sources} sources ({summary.files} files, {summary.bytes:,} bytes) to {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
