"""A flush (the end of every transactional test) gives back the rows the migrations loaded, with
their primary keys, and only those (tests/seeded.py)."""

import pytest
from django.core.management import call_command

from tests.platform.accounts.factories import UserFactory
from transition.platform.accounts.models import User
from transition.products.carbure.models import Biofuel, Country, Feedstock
from transition.products.potentiel.models import AppelOffres, GestionnaireReseau, Periode

pytestmark = pytest.mark.django_db(transaction=True)

SEEDED = (Biofuel, Country, Feedstock, AppelOffres, Periode, GestionnaireReseau)


def _rows():
    return {model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in SEEDED}


def test_a_flush_gives_back_what_migrations_loaded_and_nothing_else():
    before = _rows()
    assert all(before.values()), before  # the migrations loaded each of them
    UserFactory(email="ephemere@example.org")
    Periode.objects.filter(identifiant="1").delete()  # a test may edit a referential: the flush undoes it

    call_command("flush", verbosity=0, interactive=False)

    assert _rows() == before
    assert not User.objects.exists()
