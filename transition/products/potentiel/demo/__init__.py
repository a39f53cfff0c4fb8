"""Potentiel's demo: its own people (DGEC, a DREAL, a holder, a grid operator), two appels
d'offres — PPE2 - Sol, période 1, imported and notified (attestations, claim codes, emails), and
PPE2 - Eolien, période 2, imported and waiting for its notification — and projects at every
stage: lauréat active and claimed, a délai requested and one granted, abandoned, completed
(commissioned), éliminé with a recours. Idempotent: nothing is written when the demo's projects
are there."""

from .projects import demo_projects_load


def demo_load() -> None:
    demo_projects_load()
