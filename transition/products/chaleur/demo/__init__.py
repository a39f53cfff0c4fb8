"""Demo data of France Chaleur Urbaine (`manage.py demo`), idempotent loaders by topic: the
networks around Angers and the area's addresses (networks.py, addresses.py), then operators,
a collectivité, an agency, condominiums and demands at every status (demands.py)."""
