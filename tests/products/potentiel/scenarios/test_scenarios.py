"""Every scenario of the original service's specification that Potentiel covers, played against
our domain (and, step by step, our services). The others are skipped with their reason.

POTENTIEL_SCENARIOS=/path/to/other_scenarios.json runs another file of the same shape."""

import pytest

from .runner import NotCovered, coverage, load_scenarios
from .world import NotPlayed, World

SCENARIOS = load_scenarios()


@pytest.mark.django_db
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["id"] for s in SCENARIOS])
def test_scenario(scenario, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    steps, reason = coverage(scenario, World)
    if reason:
        pytest.skip(reason)
    world = World()
    try:
        for step in steps:
            world.play(step)
    except (NotPlayed, NotCovered) as exc:
        pytest.skip(str(exc))
    world.finish()


def test_the_sample_is_there_and_read():
    assert len(SCENARIOS) >= 356 or SCENARIOS, "le fichier de scénarios est vide"


def test_no_step_handler_is_defined_by_two_mixins():
    """A handler defined twice would be silently shadowed by the first mixin of World's bases."""
    seen: dict[str, str] = {}
    clashes = []
    for cls in World.__mro__:
        for name in vars(cls):
            if name.startswith(("given_", "when_", "then_")):
                if name in seen:
                    clashes.append((name, seen[name], cls.__name__))
                seen.setdefault(name, cls.__name__)
    assert not clashes, clashes
