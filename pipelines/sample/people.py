"""The customer population: names, languages, addresses, e-mails and platform user ids.

A person is a pure function of (seed, index), so events, orders and CRM rows agree on who someone is
without holding the population in memory.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .ids import BASE62, stable_chars, stable_digits

EN_FIRST = (
    "Emma", "Olivia", "Ava", "Sophia", "Charlotte", "Amelia", "Mia", "Harper", "Chloe", "Madison", "Liam",
    "Noah", "Ethan", "Lucas", "Benjamin", "Jack", "Owen", "Logan", "Ryan", "Jacob", "Priya", "Arjun",
    "Wei", "Mei", "Hannah", "Grace", "Zoe", "Nathan", "Tyler", "Aiden", "Jasmine", "Simran", "Daniel",
)  # fmt: skip
EN_LAST = (
    "Smith", "Brown", "Tremblay", "Martin", "Roy", "Wilson", "MacDonald", "Taylor", "Campbell", "Anderson",
    "Jones", "Leblanc", "Johnson", "Thompson", "White", "Williams", "Lee", "Patel", "Singh", "Chen", "Wong",
    "Clarke", "Murphy", "O'Brien", "Young", "Walker", "Scott", "Stewart", "Morrison", "Fraser", "Nguyen",
)  # fmt: skip
FR_FIRST = (
    "Léa", "Florence", "Alice", "Emma", "Rosalie", "Juliette", "Béatrice", "Zoé", "Camille", "Chloé",
    "Mégane", "Élodie", "Noémie", "William", "Thomas", "Félix", "Samuel", "Jacob", "Olivier", "Gabriel",
    "Antoine", "Mathis", "Émile", "Louis", "Xavier", "Étienne", "François", "Maxime", "Raphaël", "Jérémie",
)  # fmt: skip
FR_LAST = (
    "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné",
    "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc", "Paquette", "Girard", "Simard",
    "Boucher", "Caron", "Beaulieu", "Cloutier", "Dubé", "Poirier", "Fournier", "Lapointe", "St-Pierre",
)  # fmt: skip

# (province code, province name, weight for English speakers, weight for French speakers, cities, FSA letters)
PROVINCES = (
    ("ON", "Ontario", 44, 6, ("Toronto", "Ottawa", "Mississauga", "Hamilton", "London", "Kingston"), "KLMNP"),
    ("QC", "Quebec", 5, 86, ("Montréal", "Québec", "Laval", "Gatineau", "Sherbrooke", "Longueuil"), "GHJ"),
    ("BC", "British Columbia", 17, 2, ("Vancouver", "Victoria", "Surrey", "Burnaby", "Kelowna"), "V"),
    ("AB", "Alberta", 13, 1, ("Calgary", "Edmonton", "Red Deer", "Lethbridge"), "T"),
    ("MB", "Manitoba", 4, 1, ("Winnipeg", "Brandon"), "R"),
    ("SK", "Saskatchewan", 3, 0.2, ("Saskatoon", "Regina"), "S"),
    ("NS", "Nova Scotia", 4, 0.5, ("Halifax", "Dartmouth", "Truro"), "B"),
    ("NB", "New Brunswick", 3, 3, ("Moncton", "Fredericton", "Saint John", "Dieppe"), "E"),
    ("NL", "Newfoundland and Labrador", 2, 0.1, ("St. John's", "Mount Pearl"), "A"),
    ("PE", "Prince Edward Island", 1, 0.2, ("Charlottetown", "Summerside"), "C"),
)
US_STATES = (
    ("NY", "New York", ("Brooklyn", "Buffalo"), "112"),
    ("VT", "Vermont", ("Burlington",), "054"),
    ("MA", "Massachusetts", ("Boston", "Cambridge"), "021"),
    ("WA", "Washington", ("Seattle",), "981"),
    ("MI", "Michigan", ("Detroit",), "482"),
)
EN_STREETS = ("Maple Ave", "King St W", "Queen St E", "Oak Cres", "Lakeshore Blvd", "Elm St", "Main St")
FR_STREETS = ("rue Saint-Denis", "boul. René-Lévesque", "rue Sherbrooke", "av. du Parc", "rue Principale")
DOMAINS = ("example.com", "example.net", "example.org", "mail.example", "courriel.example")

# BCP 47 tags and shares; None: the inbox tool did not detect a language.
LANGUAGES: tuple[tuple[str | None, float], ...] = (
    ("en", 0.65), ("fr-CA", 0.25), ("en-CA", 0.04), ("fr", 0.02), (None, 0.04),
)  # fmt: skip


def is_french(language: str | None) -> bool:
    return language is not None and language.startswith("fr")


def ascii_fold(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in folded.lower() if c.isalnum() or c == "-")


@dataclass(frozen=True)
class Person:
    idx: int
    first: str
    last: str
    language: str | None
    country: str
    province: str
    province_name: str
    city: str
    zip: str
    street: str
    phone: str
    accepts_marketing: bool
    seed: int

    email: str = ""
    handle: str = ""

    def __post_init__(self) -> None:
        first, last = ascii_fold(self.first), ascii_fold(self.last)
        object.__setattr__(self, "email", f"{first}.{last}{self.idx}@{DOMAINS[self.idx % len(DOMAINS)]}")
        object.__setattr__(self, "handle", f"{first}_{last}{self.idx % 1000}")

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    def user_id(self, platform: str) -> str:
        """The person's id on a platform (IGSID, PSID, TikTok/YouTube/LinkedIn ids)."""
        key = f"{self.seed}:{platform}:{self.idx}"
        if platform == "instagram":
            return stable_digits(key, 17, "17")
        if platform == "facebook":
            return stable_digits(key, 16, "2")
        if platform == "tiktok":
            return stable_digits(key, 19, "6")
        if platform == "youtube":
            return "UC" + stable_chars(key, BASE62 + "-_", 22)
        if platform == "linkedin":
            return "urn:li:person:" + stable_chars(key, BASE62, 10)
        raise ValueError(f"unknown platform {platform}")


def _pick_language(rng: random.Random) -> str | None:
    u = rng.random()
    for tag, share in LANGUAGES:
        u -= share
        if u < 0:
            return tag
    return "en"


def _canadian_zip(rng: random.Random, fsa_letters: str) -> str:
    letters = "ABCEGHJKLMNPRSTVWXYZ"
    return (
        f"{rng.choice(fsa_letters)}{rng.randrange(10)}{rng.choice(letters)} "
        f"{rng.randrange(10)}{rng.choice(letters)}{rng.randrange(10)}"
    )


def make_person(seed: int, idx: int) -> Person:
    rng = random.Random(f"{seed}:person:{idx}")
    language = _pick_language(rng)
    french = is_french(language)
    first = rng.choice(FR_FIRST if french else EN_FIRST)
    last = rng.choice(FR_LAST if french else EN_LAST)
    if not french and rng.random() < 0.04:
        state, state_name, cities, zip3 = rng.choice(US_STATES)
        city = rng.choice(cities)
        return Person(
            idx, first, last, language, "US", state, state_name, city, f"{zip3}{rng.randrange(10, 100)}",
            f"{rng.randrange(10, 9999)} {rng.choice(EN_STREETS)}", f"+1{rng.choice(('212', '617', '206'))}555"
            f"{rng.randrange(100, 200):04d}", rng.random() < 0.5, seed,
        )  # fmt: skip
    weights = [p[3] if french else p[2] for p in PROVINCES]
    code, pname, _, _, cities, fsa = rng.choices(PROVINCES, weights=weights)[0]
    street = f"{rng.randrange(10, 9999)} {rng.choice(FR_STREETS if code == 'QC' else EN_STREETS)}"
    area = {"QC": "514", "ON": "416", "BC": "604", "AB": "403"}.get(code, "902")
    return Person(
        idx, first, last, language, "CA", code, pname, rng.choice(cities), _canadian_zip(rng, fsa), street,
        f"+1{area}555{rng.randrange(100, 200):04d}", rng.random() < 0.55, seed,
    )  # fmt: skip


class People:
    """The population of one run; persons are built on demand and cached."""

    def __init__(self, seed: int, size: int) -> None:
        self.seed = seed
        self.size = size
        self._get = lru_cache(maxsize=200_000)(self._build)

    def _build(self, idx: int) -> Person:
        return make_person(self.seed, idx)

    def get(self, idx: int) -> Person:
        return self._get(idx)

    def draw(self, rng: random.Random, skew: float = 1.6) -> int:
        """A person index; low indices come back more often (repeat customers)."""
        return int(self.size * rng.random() ** skew)
