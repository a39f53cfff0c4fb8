"""Grid connection: reference formats, dates and dossiers."""

from datetime import date

import pytest

from transition.products.potentiel.domain.grid import (
    DEFAULT_PATTERN,
    SEED_OPERATORS,
    DossierFacts,
    GridRefused,
    check_commissioning,
    check_convention,
    check_dcr_change,
    check_new_dossier,
    check_operator_change,
    connection_step,
    find_dossier,
    project_commissioning,
    reference_is_valid,
)

ENEDIS = SEED_OPERATORS[0].reference_pattern
TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("reference", "pattern", "valid"),
    [
        ("ABC", r"[a-zA-Z]{3}", True),
        ("ENEDIS OUE-RP-2022-000034", r"[a-zA-Z]{3}-RP-2[0-9]{3}-[0-9]{6}", False),
        ("Référence non transmise", r"^[^\s\t]*$", False),
        ("OUE-RP-2022-000033", r"^[^\s\t]*$", True),
        ("Enedis DDD", r"^[^\s\t]*$", False),
        (" OUE-RP-2022-000033", r"^[^\s\t]*$", False),
        ("ENEDIS", r"^[^\s\t]*$", True),
        ("OUE-RP-2022-000033", ENEDIS, True),
        ("OUE-RP-2022-00003", ENEDIS, False),
        ("OUE-RP-2022-000033 ", ENEDIS, False),
        ("", DEFAULT_PATTERN, False),
        ("abc", "([", False),  # a broken pattern never validates (nor raises)
        ("RAC-2022-1", None, True),
    ],
)
def test_reference_formats(reference, pattern, valid):
    assert reference_is_valid(reference, pattern) is valid


def test_new_dossier():
    dossiers = [DossierFacts("OUE-RP-2022-000033")]
    with pytest.raises(GridRefused, match="Le format de la référence du dossier de raccordement est invalide"):
        check_new_dossier(dossiers, "OUE 33", ENEDIS)
    with pytest.raises(GridRefused, match="déjà référencé"):
        check_new_dossier(dossiers, "OUE-RP-2022-000033", ENEDIS)
    assert check_new_dossier(dossiers, "OUE-RP-2022-000034", ENEDIS) == "OUE-RP-2022-000034"
    with pytest.raises(GridRefused, match="Le dossier n'est pas référencé dans le raccordement de ce projet"):
        find_dossier(dossiers, "OUE-RP-2022-000040")


@pytest.mark.parametrize(
    ("dossier", "day", "correction", "message"),
    [
        (DossierFacts("A"), date(2024, 10, 10), False, None),
        (
            DossierFacts("A", commissioned_on=date(2021, 12, 30)),
            date(2021, 12, 31),
            False,
            "La date de mise en service a déjà été transmise pour ce dossier de raccordement",
        ),
        (DossierFacts("A"), date(2024, 10, 10), True, "Le dossier de raccordement n'est pas en service"),
        (
            DossierFacts("A", commissioned_on=date(2023, 1, 1)),
            date(2021, 12, 31),
            True,
            "La date de mise en service ne peut pas être antérieure à la date de désignation du projet",
        ),
        (DossierFacts("A"), date(2030, 1, 1), False, "La date de mise en service ne peut pas être une date future"),
    ],
)
def test_commissioning_date(dossier, day, correction, message):
    kwargs = {"designated_on": date(2022, 10, 26), "today": TODAY, "correction": correction}
    if message is None:
        assert check_commissioning(dossier, day, **kwargs) == day
    else:
        with pytest.raises(GridRefused) as refused:
            check_commissioning(dossier, day, **kwargs)
        assert refused.value.message == message


def test_the_project_is_in_service_on_the_latest_date():
    a = DossierFacts("A", commissioned_on=date(2024, 1, 1))
    b = DossierFacts("B", commissioned_on=date(2023, 1, 1))
    assert project_commissioning([a, b]) is a
    assert project_commissioning([DossierFacts("A")]) is None
    assert project_commissioning([]) is None


def test_locks_once_in_service():
    served = DossierFacts("A", commissioned_on=date(2024, 1, 1), has_convention=True, has_acknowledgement=True)
    with pytest.raises(GridRefused, match="La demande complète de raccordement du dossier ne peut pas être modifiée"):
        check_dcr_change(served, by_admin=False)
    check_dcr_change(served, by_admin=True)
    # a DCR without its acknowledgement of receipt may still be completed by the holder
    check_dcr_change(DossierFacts("B", commissioned_on=date(2024, 1, 1)), by_admin=False)
    with pytest.raises(
        GridRefused,
        match="Le gestionnaire de réseau ne peut être modifié car le raccordement a une date de mise en service",
    ):
        check_operator_change([served], new_operator_known=True)
    with pytest.raises(GridRefused, match="Le gestionnaire de réseau n'est pas référencé"):
        check_operator_change([], new_operator_known=False)
    with pytest.raises(GridRefused, match="Un document de type convention-de-raccordement a déjà été transmis"):
        check_convention(served)


@pytest.mark.parametrize(
    ("dossiers", "step"),
    [
        ([], "référence à transmettre"),
        ([DossierFacts("A")], "dossier référencé"),
        ([DossierFacts("A", dcr_date=date(2024, 1, 1))], "demande complète de raccordement déposée"),
        (
            [DossierFacts("A", dcr_date=date(2024, 1, 1), ptf_date=date(2024, 3, 1))],
            "proposition technique et financière signée",
        ),
        ([DossierFacts("A", has_convention=True)], "convention signée"),
        ([DossierFacts("A"), DossierFacts("B", commissioned_on=date(2024, 1, 1))], "en service"),
    ],
)
def test_connection_step(dossiers, step):
    assert connection_step(dossiers) == step
