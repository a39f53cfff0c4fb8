"""CoMobi's demo: two territories of its own (the Lot, a rural département; the Pays de
Saint-Éloy, a community of communes), with place names, a team, drivers and requests at every
status. Idempotent: a territory already there is left as it is."""

from .territories import demo_territories_load


def demo_load() -> None:
    demo_territories_load()
