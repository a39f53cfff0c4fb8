"""Run the original service's scenarios against Potentiel.

`load_scenarios()` reads the sample file (or the file named by `POTENTIEL_SCENARIOS`, for the
scenarios kept apart); `coverage(scenario)` says, before running anything, whether every step of
a scenario is one the World knows how to play, and if not, why. A scenario is run only when it
is covered; the others are reported as skipped with their reason, and listed by
`python -m tests.products.potentiel.scenarios.runner` (the table in docs/potentiel-scenarios.md).
"""

import json
import os
import sys
from collections import Counter
from pathlib import Path

from tests.conftest import SHARED_DATA

from .steps import Step, read_scenario

SAMPLE = SHARED_DATA / "potentiel" / "potentiel_scenarios_sample.json"


def scenarios_path() -> Path:
    return Path(os.environ.get("POTENTIEL_SCENARIOS") or SAMPLE).resolve()


def load_scenarios() -> list[dict]:
    path = scenarios_path()
    if not path.exists():
        return []
    return json.loads(path.read_text(encoding="utf-8"))


class NotCovered(Exception):
    """A step the product does not play, with the reason in French."""


def coverage(scenario: dict, world_cls) -> tuple[list[Step], str | None]:
    """The scenario's steps, and None when the World can play them all, else the first reason."""
    steps = read_scenario(scenario)
    reason = world_cls.why_not_scenario(steps)
    if reason:
        return steps, reason
    for step in steps:
        reason = world_cls.why_not(step)
        if reason:
            return steps, f"{reason} — « {step.text.strip()} »"
    return steps, None


def report(world_cls) -> str:
    rows, reasons = [], Counter()
    scenarios = load_scenarios()
    covered = 0
    for scenario in scenarios:
        _, reason = coverage(scenario, world_cls)
        if reason is None:
            covered += 1
        else:
            reasons[reason.split(" — ")[0]] += 1
            rows.append(f"| {scenario['id']} | {scenario['topic']} | {scenario['scenario']} | {reason} |")
    head = [
        f"{covered} scénarios joués sur {len(scenarios)} ({scenarios_path().name}).",
        "",
        "| raison | scénarios |",
        "|---|---|",
        *(f"| {r} | {n} |" for r, n in reasons.most_common()),
        "",
        "| scénario | thème | intitulé | raison |",
        "|---|---|---|---|",
    ]
    return "\n".join(head + rows) + "\n"


if __name__ == "__main__":  # python -m tests.products.potentiel.scenarios.runner
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "transition.config.settings.test")
    django.setup()
    from .world import World

    sys.stdout.write(report(World))
