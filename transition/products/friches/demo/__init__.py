"""Demo content of Friches, idempotent (every row found again by a fixed key): the questionnaire,
the guidance's referentials, a few sites, a commune with a project and an advisor following it.

Sign in with an emailed link (printed on the console in development):
- maire.adjointe@revin.example (collectivité, Ville de Revin),
- conseiller.friches@ddt08.example (conseiller, DDT des Ardennes).
"""
