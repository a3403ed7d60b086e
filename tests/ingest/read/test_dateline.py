"""The publication date of a story from its dateline."""

import pytest

from claimgraph.ingest.read.dateline import dateline_date


@pytest.mark.parametrize(("text", "date"), [
    ("Needles and flashes\n\nMONDAY, Aug. 30, 2010 (HealthDay News) -- A new study", "2010-08-30"),
    ("Release\n\nWilmington, DE, December 17, 2018 - The hospital announced", "2018-12-17"),
    ("Oct. 8, 2018 – The Maryland center now offers", "2018-10-08"),
    ("Posted 3 March 2021 by the clinic", "2021-03-03"),
    ("A headline\n\n2019-05-02 The trial", "2019-05-02"),
])
def test_a_dateline_gives_the_date(text: str, date: str) -> None:
    assert dateline_date(text) == date


@pytest.mark.parametrize("text", [
    "No date at all in this text about needles.",
    "Feb. 30, 2010 is not a day.",
    "x" * 700 + " Aug. 30, 2010",
])
def test_no_dateline_no_date(text: str) -> None:
    assert dateline_date(text) is None
