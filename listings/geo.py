"""Offline US geography: a ZIP or "City, ST" to coordinates, without a network call.

The data is `data/zipcodes.tsv.gz` (42,789 ZIP codes from the `zipcodes` package, rebuilt
by `data/build_zipcodes.py`), read once per process into a few arrays (about 2 MB; the
package's own index takes about 40 MB in every process that asks it anything).
"""

import gzip
import math
import re
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

DATA = Path(__file__).parent / "data" / "zipcodes.tsv.gz"
ZIP_RE = re.compile(r"^[0-9]{5}\Z")  # ASCII digits only
CITY_STATE_RE = re.compile(r"^\s*(?P<city>[A-Za-z .'-]{2,60}?)\s*,\s*(?P<state>[A-Za-z]{2})\s*$")
EARTH_RADIUS_MILES = 3958.8


@dataclass(frozen=True)
class Place:
    label: str
    latitude: float
    longitude: float
    city: str
    state: str


@dataclass(frozen=True)
class _Table:
    zips: np.ndarray  # sorted five-digit ZIPs as integers
    latitudes: np.ndarray
    longitudes: np.ndarray
    city_of_zip: np.ndarray  # index into the city columns
    cities: list[str]  # as spelled
    states: list[str]
    city_latitudes: np.ndarray  # the mean of each city's ZIP centres
    city_longitudes: np.ndarray
    city_index: dict[str, int]  # "ST|city, casefolded" -> index


_table: _Table | None = None
_table_lock = threading.Lock()


def _city_key(city: str, state: str) -> str:
    return f"{state.strip().upper()}|{city.strip().casefold()}"


def _load() -> _Table:
    global _table
    if _table is not None:
        return _table
    with _table_lock:
        if _table is None:
            with gzip.open(DATA, "rt", encoding="utf-8") as rows:
                lines = [line for line in rows.read().splitlines() if not line.startswith("#")]
            zips = np.empty(len(lines), dtype=np.int32)
            lats, lons = np.empty(len(lines)), np.empty(len(lines))
            city_of_zip = np.empty(len(lines), dtype=np.int32)
            cities: list[str] = []
            states: list[str] = []
            city_index: dict[str, int] = {}
            for i, line in enumerate(lines):
                zip_code, city, state, lat, lon = line.split("\t")
                zips[i], lats[i], lons[i] = int(zip_code), float(lat), float(lon)
                key = _city_key(city, state)
                index = city_index.get(key)
                if index is None:
                    index = city_index[key] = len(cities)
                    cities.append(city)
                    states.append(sys.intern(state))
                city_of_zip[i] = index
            del lines
            count = np.bincount(city_of_zip, minlength=len(cities))
            _table = _Table(
                zips=zips,
                latitudes=lats,
                longitudes=lons,
                city_of_zip=city_of_zip,
                cities=cities,
                states=states,
                city_latitudes=np.bincount(city_of_zip, weights=lats) / count,
                city_longitudes=np.bincount(city_of_zip, weights=lons) / count,
                city_index=city_index,
            )
    return _table


@lru_cache(maxsize=4096)
def zip_place(zip_code: str) -> Place | None:
    """The centre of a five-digit ZIP, or None when the ZIP is malformed or unknown."""
    zip_code = (zip_code or "").strip()
    if not ZIP_RE.match(zip_code):
        return None
    table = _load()
    i = int(np.searchsorted(table.zips, int(zip_code)))
    if i >= len(table.zips) or table.zips[i] != int(zip_code):
        return None
    city = int(table.city_of_zip[i])
    return Place(
        label=f"{table.cities[city]}, {table.states[city]} {zip_code}",
        latitude=float(table.latitudes[i]),
        longitude=float(table.longitudes[i]),
        city=table.cities[city],
        state=table.states[city],
    )


@lru_cache(maxsize=4096)
def city_place(city: str, state: str) -> Place | None:
    """The mean of a city's ZIP centres, or None when the city is unknown in that state."""
    table = _load()
    index = table.city_index.get(_city_key(city, state))
    if index is None:
        return None
    return Place(
        label=f"{table.cities[index]}, {table.states[index]}",
        latitude=float(table.city_latitudes[index]),
        longitude=float(table.city_longitudes[index]),
        city=table.cities[index],
        state=table.states[index],
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
