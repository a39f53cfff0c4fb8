"""Every case of the original's sample, through the checks with its whole world (account data
included): the codes it expects are raised, the codes it rules out are not."""

import pytest

from tests.conftest import SHARED_DATA
from transition.products.carbure.domain.sanity_checks import run_checks

from .sample_cases import Ids, check_context, load_cases, lot_facts

pytestmark = pytest.mark.shared_data
CASES = load_cases(SHARED_DATA) if SHARED_DATA.is_dir() else []


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_sample_case(case, shared_data):
    ids = Ids()
    codes = {r.code for r in run_checks(lot_facts(case["lot"], ids), check_context(case["context"], ids))}
    assert set(case["expected_errors"]) <= codes
    assert not set(case["expected_not_errors"]) & codes
