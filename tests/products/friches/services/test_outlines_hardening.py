"""Issue 9, finding 4 in Friches: a hostile outlines GeoJSON gets a French reason, never a traceback."""

import io
import json

import pytest

from transition.products.friches.services.imports import read_outlines_file

SQUARE = {"type": "Polygon", "coordinates": [[[4.7, 49.7], [4.71, 49.7], [4.71, 49.71], [4.7, 49.7]]]}


def _collection(*features):
    return {"type": "FeatureCollection", "features": list(features)}


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "imbriqué"),
        (
            json.dumps(_collection({"type": "Feature", "properties": {"site_id": "A"}, "geometry": SQUARE}))
            .replace("4.7,", "NaN,", 1)
            .encode(),
            "NaN",
        ),
        (
            json.dumps(_collection({"type": "Feature", "properties": {"site_id": "A"}, "geometry": SQUARE}))
            .replace("4.7,", "1e999,", 1)
            .encode(),
            "1e999",
        ),
        (
            json.dumps(_collection({"type": "Feature", "properties": ["A"], "geometry": SQUARE})).encode(),
            "« properties » devrait être un objet",
        ),
    ],
    ids=["deep", "nan", "overflow", "properties-list"],
)
def test_hostile_outlines_are_refused_in_french(raw, reason):
    outlines, problems = read_outlines_file(io.BytesIO(raw))
    assert outlines == {}
    assert any(reason in problem for problem in problems), problems
