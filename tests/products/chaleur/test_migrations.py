"""The data migrations of the re-layout, run backwards then forwards on a real database: the
networks' and the addresses' data versions reach the platform's DataVersion unchanged (so the
indexes built from them stay valid), and partner tokens reach the platform's API tokens with their
hash (so the operators' software keeps working)."""

import datetime as dt
import hashlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from transition.platform.accounts.api_tokens import api_token_authenticate
from transition.platform.accounts.models import ApiToken
from transition.platform.core.models import data_version_get
from transition.platform.geo.selectors import ADDRESSES
from transition.products.chaleur.enums import NETWORKS_DATA, PARTNER_SCOPE

BEFORE = [("chaleur", "0003_bulk_test_result_file"), ("geo", "0001_initial")]
CHANGED_AT = dt.datetime(2026, 3, 1, 8, 30, tzinfo=dt.UTC)
LEGACY_TOKEN = "fcu_" + "a" * 43


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    return [key for key in executor.loader.graph.leaf_nodes() if key[0] in ("chaleur", "geo")]


@pytest.mark.django_db(transaction=True)
def test_versions_and_tokens_move_to_the_platform():
    try:
        old = _migrate(BEFORE)
        old.get_model("chaleur", "DataVersion").objects.create(name=NETWORKS_DATA, version=7, changed_at=CHANGED_AT)
        old.get_model("geo", "GeoDataVersion").objects.create(name="addresses", version=3)
        organisation = old.get_model("accounts", "Organisation").objects.create(name="Énergies Angevines")
        old.get_model("chaleur", "PartnerToken").objects.create(
            organisation=organisation,
            token_hash=hashlib.sha256(LEGACY_TOKEN.encode()).hexdigest(),
            prefix=LEGACY_TOKEN[:8],
            created_at=CHANGED_AT,
        )
    finally:
        _migrate(_latest())
    assert data_version_get(NETWORKS_DATA) == (7, CHANGED_AT)
    assert data_version_get(ADDRESSES)[0] == 3
    token = ApiToken.objects.get()
    assert (token.organisation.name, token.product, token.scope) == ("Énergies Angevines", "chaleur", PARTNER_SCOPE)
    assert api_token_authenticate(LEGACY_TOKEN, scope=PARTNER_SCOPE) == token
    assert api_token_authenticate(LEGACY_TOKEN, scope="chaleur:autre") is None
