"""The board's ZIP table answers as the zipcodes package it was built from does."""

import random

import pytest
import zipcodes

from listings.geo import city_place, find_place, zip_place


@pytest.mark.parametrize("seed", [1, 2])
def test_zip_places_match_the_zipcodes_package(seed):
    rows = random.Random(seed).sample(zipcodes.list_all(), 300)
    for row in rows:
        place = zip_place(row["zip_code"])
        assert (place.latitude, place.longitude) == (float(row["lat"]), float(row["long"]))
        assert place.label == f"{row['city']}, {row['state']} {row['zip_code']}"


def test_a_city_is_the_mean_of_its_zips_whatever_the_case():
    rows = zipcodes.filter_by(city="Austin", state="TX")
    place = city_place("AUSTIN", "tx")
    assert place.label == "Austin, TX"
    assert place.latitude == pytest.approx(sum(float(r["lat"]) for r in rows) / len(rows))
    assert find_place(" austin ,  TX ") == place


@pytest.mark.parametrize(
    "text", ["99999", "1234", "\u0661\u0662\u0663\u0664\u0665", "Atlantis, ZZ", ""]
)
def test_unknown_places_are_none(text):
    assert find_place(text) is None
