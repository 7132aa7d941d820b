"""Offline US geography from the `zipcodes` package: ZIP and "City, ST" to coordinates."""

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import zipcodes

ZIP_RE = re.compile(r"^[0-9]{5}\Z")  # ASCII digits only: zipcodes panics on others
CITY_STATE_RE = re.compile(r"^\s*(?P<city>[A-Za-z .'-]{2,60}?)\s*,\s*(?P<state>[A-Za-z]{2})\s*$")
EARTH_RADIUS_MILES = 3958.8


@dataclass(frozen=True)
class Place:
    label: str
    latitude: float
    longitude: float
    city: str
    state: str


@lru_cache(maxsize=4096)
def zip_place(zip_code: str) -> Place | None:
    """The centre of a five-digit ZIP, or None when the ZIP is malformed or unknown."""
    zip_code = (zip_code or "").strip()
    if not ZIP_RE.match(zip_code):
        return None
    try:
        matches = zipcodes.matching(zip_code)
    except (ValueError, TypeError):
        return None
    for match in matches:
        if match.get("lat") and match.get("long"):
            return Place(
                label=f"{match['city']}, {match['state']} {zip_code}",
                latitude=float(match["lat"]),
                longitude=float(match["long"]),
                city=match["city"],
                state=match["state"],
            )
    return None


@lru_cache(maxsize=4096)
def city_place(city: str, state: str) -> Place | None:
    """The mean of a city's ZIP centres, or None when the city is unknown in that state."""
    try:
        matches = zipcodes.filter_by(city=city.strip().title(), state=state.strip().upper())
    except (ValueError, TypeError):
        return None
    points = [(float(m["lat"]), float(m["long"])) for m in matches if m.get("lat")]
    if not points:
        return None
    return Place(
        label=f"{matches[0]['city']}, {matches[0]['state']}",
        latitude=sum(p[0] for p in points) / len(points),
        longitude=sum(p[1] for p in points) / len(points),
        city=matches[0]["city"],
        state=matches[0]["state"],
    )


def find_place(text: str) -> Place | None:
    """A ZIP ("78701") or a "City, ST" ("Austin, TX") to a Place; None if not found."""
    text = (text or "").strip()
    if ZIP_RE.match(text):
        return zip_place(text)
    match = CITY_STATE_RE.match(text)
    if match:
        return city_place(match["city"], match["state"])
    return None


def distance_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in miles."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(a))
