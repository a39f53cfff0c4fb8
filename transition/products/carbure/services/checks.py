"""The sanity checks of stored lots, run on every change: results stored for the lot's page and
lists, flags the lists filter on."""

from collections.abc import Iterable

from ..domain.lot_facts import LotFacts
from ..domain.sanity_checks import Audience, CheckResult, run_checks
from ..models import Lot, LotCheck
from ..selectors.checks import check_context, lot_facts


def lots_checks_refresh(lots: Iterable[Lot], *, today=None) -> None:
    """Run every check on the lots (loaded with `selectors.checks.FACTS_RELATED`), store the
    results, and the flags the lists filter on."""
    lots = list(lots)
    if not lots:
        return
    results = checks_of([lot_facts(lot) for lot in lots], today=today)
    rows = []
    for lot, lot_results in zip(lots, results, strict=True):
        flags_set(lot, lot_results)
        rows += check_rows(lot, lot_results)
    LotCheck.objects.filter(lot__in=[lot.pk for lot in lots]).delete()
    LotCheck.objects.bulk_create(rows, batch_size=2000)
    Lot.objects.bulk_update(lots, ["has_blocking_errors", "has_warnings", "had_blocking_errors"], batch_size=2000)


def checks_of(facts: list[LotFacts], *, today=None) -> list[list[CheckResult]]:
    ctx = check_context(facts, today=today)
    return [run_checks(lot_fact, ctx) for lot_fact in facts]


def flags_set(lot: Lot, results: list[CheckResult]) -> None:
    lot.has_blocking_errors = any(r.blocking for r in results)
    lot.has_warnings = any(not r.blocking for r in results)
    lot.had_blocking_errors = lot.had_blocking_errors or lot.has_blocking_errors


def check_rows(lot: Lot, results: list[CheckResult]) -> list[LotCheck]:
    return [
        LotCheck(
            lot=lot,
            code=r.code,
            blocking=r.blocking,
            field=r.field or "",
            message=r.message[:500],
            to_creator=r.visible_to(Audience.CREATOR),
            to_recipient=r.visible_to(Audience.RECIPIENT),
            to_administration=r.visible_to(Audience.ADMINISTRATION),
            to_auditor=r.visible_to(Audience.AUDITOR),
        )
        for r in results
    ]
