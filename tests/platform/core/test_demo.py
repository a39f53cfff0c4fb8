from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from transition.platform.core import registry

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


@pytest.fixture
def loaders(monkeypatch):
    """The registered loaders, restored after the test."""
    monkeypatch.setattr(registry, "_demo_loaders", dict(registry._demo_loaders))
    return registry


def test_demo_runs_every_registered_loader_once_platform_first(loaders):
    calls = []
    real = registry.demo_loaders()
    for name, loader in real.items():

        def spy(name=name, loader=loader):
            calls.append(name)
            loader()

        loaders.register_demo_loader(name, spy)
    loaders.register_demo_loader("zz-essai", lambda: calls.append("zz-essai"))
    loaders.register_demo_loader("platform-essai", lambda: calls.append("platform-essai"))
    out = StringIO()
    call_command("demo", stdout=out)
    assert sorted(calls) == sorted([*real, "zz-essai", "platform-essai"])
    assert calls[0] == "platform-essai"
    assert calls[-1] == "impact-releves"  # the snapshots count what the other loaders wrote
    assert calls.index("zz-essai") < calls.index("impact-releves")
    for name in calls:
        assert f"Démo chargée : {name}" in out.getvalue()


def test_demo_twice_changes_nothing():
    assert registry.demo_loaders(), "aucun jeu de démonstration enregistré : ce test ne vérifierait rien"
    call_command("demo", stdout=StringIO())
    after_first = row_counts()
    call_command("demo", stdout=StringIO())
    after_second = row_counts()
    changed = {
        label: (after_first[label], after_second[label])
        for label in after_first
        if after_first[label] != after_second[label]
    }
    assert changed == {}
    assert sum(after_first.values()) > 0


def test_demo_loads_only_the_named_sets(loaders):
    calls = []
    loaders.register_demo_loader("platform-a", lambda: calls.append("a"))
    loaders.register_demo_loader("produit-b", lambda: calls.append("b"))
    call_command("demo", "produit-b", stdout=StringIO())
    assert calls == ["b"]


def test_unknown_name_is_an_error_in_french(loaders):
    loaders.register_demo_loader("platform-a", lambda: None)
    with pytest.raises(
        CommandError, match=r"Jeu de démonstration inconnu : nulle-part\. Jeux disponibles : .*platform-a"
    ):
        call_command("demo", "nulle-part", stdout=StringIO())


def test_a_failing_loader_writes_nothing_and_says_which_one(loaders, django_user_model):
    def half_then_fail():
        django_user_model.objects.create_user("demi@example.fr")
        raise RuntimeError("fichier de démonstration absent")

    registry._demo_loaders.clear()  # this set alone (the fixture restores the real ones)
    loaders.register_demo_loader("produit-casse", half_then_fail)
    with pytest.raises(CommandError, match="« produit-casse » a échoué .*fichier de démonstration absent"):
        call_command("demo", stdout=StringIO())
    assert not django_user_model.objects.filter(email="demi@example.fr").exists()
