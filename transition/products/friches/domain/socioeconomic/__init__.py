"""Bénéfriches' socio-economic rules (incubateur-ademe/benefriches, packages/shared): one decision
per module, each figure computed as the original computes it, so that a project gets the same
balance here and there. `project_impact.py` puts them together for one project, each figure with
its assumption in plain French."""
