"""Cases of the originals kept in ../shared/data/friches, as pytest parameters.

Read when tests are collected, so that each case is a test of its own (named by its id); where the
folder is absent, one skipped parameter says why.
"""

import json

import pytest

from tests.conftest import SHARED_DATA

FRICHES_DATA = SHARED_DATA / "friches"


def load(name: str):
    return json.loads((FRICHES_DATA / name).read_text(encoding="utf-8"))


def case_params(name: str, key: str = "cases", keep=lambda case: True) -> list:
    path = FRICHES_DATA / name
    if not path.is_file():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"données partagées absentes : {path}"))]
    cases = [case for case in load(name)[key] if keep(case)]
    seen: dict[str, int] = {}
    params = []
    for case in cases:
        case_id = case.get("id") or case.get("source", "cas")
        seen[case_id] = seen.get(case_id, 0) + 1
        if seen[case_id] > 1:
            case_id = f"{case_id}-{seen[case_id]}"  # the sample repeats some ids (v1.0 and v1.1 fixtures)
        params.append(pytest.param(case, id=case_id, marks=pytest.mark.shared_data))
    return params
