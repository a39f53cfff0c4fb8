"""Projects, the guidance turned into actions, statuses and steps crossed, advisors, the thread."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from tests.platform.accounts.factories import OrganisationFactory, UserFactory
from tests.products.friches.factories import ProjectFactory, SiteFactory, advisor, porteur, question, template
from transition.platform.audit.models import Event
from transition.products.friches.models import ProjectAction, ProjectStep
from transition.products.friches.services.advisors import note_add, project_join, reminder_add
from transition.products.friches.services.path import action_add, action_status_change
from transition.products.friches.services.projects import ProjectError, project_create, project_share_enable
from transition.products.friches.services.survey import AnswerError, answer_save
from transition.products.friches.services.thread import message_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def mayor():
    return porteur(email="maire@charleville.example", given_name="Anne", family_name="Roux")


@pytest.fixture
def project(mayor):
    site = SiteFactory()
    return project_create(
        actor=mayor, site=site, organisation=mayor.organisation, name="Reconversion", intended_uses=["renaturation"]
    )


def test_opening_a_project_holds_the_site_and_suggests_the_actions_without_condition(mayor):
    template("reperer", "Inscrire le site au registre")
    template("envisager", "Étudier la renaturation", conditions="usage:renaturation")
    template("envisager", "Étudier le photovoltaïque", conditions="usage:photovoltaique")
    site = SiteFactory(status="friche sans projet")
    project = project_create(
        actor=mayor, site=site, organisation=mayor.organisation, name="Parc", intended_uses=["renaturation"]
    )
    site.refresh_from_db()
    assert (site.organisation, site.status) == (mayor.organisation, "friche avec projet")
    assert sorted(project.actions.values_list("title", flat=True)) == [
        "Inscrire le site au registre",
        "Étudier la renaturation",
    ]
    assert Event.objects.filter(action="friches.project_create").exists()
    with pytest.raises(ProjectError, match="déjà en cours"):
        project_create(actor=mayor, site=site, organisation=mayor.organisation, name="Doublon")


def test_only_a_porteur_opens_a_project(bob):
    with pytest.raises(PermissionDenied):
        project_create(actor=bob, site=SiteFactory(), organisation=bob.organisation, name="X")


def test_a_site_held_by_another_collectivite_is_not_open_to_me(mayor):
    other = OrganisationFactory(name="Ville de Sedan")
    with pytest.raises(PermissionDenied):
        project_create(actor=mayor, site=SiteFactory(organisation=other), organisation=mayor.organisation, name="X")


def test_answers_emit_signals_and_bring_their_actions(mayor, project):
    q = question("Pollution", [("oui", "pollution_averee, pollution_a_etudier"), ("non", "")])
    template("connaitre", "Diagnostic de pollution", conditions="pollution_a_etudier")
    template("engager", "Dépolluer", conditions="pollution_averee")
    answer_save(actor=mayor, project=project, question=q, values=["oui"], comment="BASIAS : ancienne fonderie")
    titles = set(project.actions.values_list("title", flat=True))
    assert {"Diagnostic de pollution", "Dépolluer"} <= titles
    # Answering again replaces the answer; untouched suggestions that no longer apply are withdrawn.
    answer_save(actor=mayor, project=project, question=q, values=["non"])
    assert project.answers.count() == 1
    titles = set(project.actions.values_list("title", flat=True))
    assert "Diagnostic de pollution" not in titles and "Dépolluer" not in titles


def test_an_action_someone_touched_is_kept_when_its_conditions_stop_holding(mayor, project):
    q = question("Pollution", [("oui", "pollution_a_etudier"), ("non", "")])
    template("connaitre", "Diagnostic de pollution", conditions="pollution_a_etudier")
    answer_save(actor=mayor, project=project, question=q, values=["oui"])
    action = project.actions.get(title="Diagnostic de pollution")
    action_status_change(actor=mayor, action=action, status="en_cours")
    answer_save(actor=mayor, project=project, question=q, values=["non"])
    assert project.actions.filter(pk=action.pk).exists()


def test_answers_are_checked(mayor, project):
    q = question("Bâti", [("bon", "a"), ("degrade", "b")])
    with pytest.raises(AnswerError, match="inconnue"):
        answer_save(actor=mayor, project=project, question=q, values=["ruine"])
    with pytest.raises(AnswerError, match="Une seule"):
        answer_save(actor=mayor, project=project, question=q, values=["bon", "degrade"])


def test_a_step_is_crossed_when_its_actions_are_closed_and_one_is_done(mayor, project):
    first = action_add(actor=mayor, project=project, step="reperer", title="Inventorier")
    second = action_add(actor=mayor, project=project, step="reperer", title="Visiter")
    step = ProjectStep.objects.get(project=project, step="reperer")
    assert step.crossed_at is None
    action_status_change(actor=mayor, action=first, status="faite")
    action_status_change(actor=mayor, action=second, status="non_pertinente")
    step.refresh_from_db()
    assert step.crossed_at is not None
    action_status_change(actor=mayor, action=second, status="en_cours")  # reopened: no longer crossed
    step.refresh_from_db()
    assert step.crossed_at is None


def test_advisors_of_the_territory_join_recommend_note_and_remind(mayor, project):
    julien = advisor(email="julien@ddt08.example")
    outsider = advisor(departements=("29",), email="loic@ddtm29.example")
    with pytest.raises(PermissionDenied):
        project_join(actor=outsider, project=project)
    with pytest.raises(PermissionDenied):
        action_add(actor=julien, project=project, step="connaitre", title="Avant de rejoindre")
    project_join(actor=julien, project=project)
    assert mail.outbox[-1].to == ["maire@charleville.example"]  # the authority hears of it
    recommendation = action_add(actor=julien, project=project, step="connaitre", title="Rencontrer l’EPF")
    assert recommendation.origin == "conseiller" and recommendation.recommended_by == julien
    note_add(actor=julien, project=project, text="Élue motivée, budget serré.")
    reminder_add(actor=julien, project=project, due_on="2030-01-15", text="Relancer la mairie")
    with pytest.raises(PermissionDenied):
        note_add(actor=mayor, project=project, text="Les notes sont aux conseillers")
    with pytest.raises(PermissionDenied):
        action_status_change(actor=julien, action=recommendation, status="faite")  # the authority marks


def test_the_thread_tells_the_others_by_email_without_the_text(mayor, project):
    julien = advisor(email="julien@ddt08.example")
    project_join(actor=julien, project=project)
    mail.outbox.clear()
    message_post(actor=julien, project=project, text="Un point en mairie jeudi ?")
    assert [m.to for m in mail.outbox] == [["maire@charleville.example"]]
    assert "Un point en mairie" not in mail.outbox[0].body
    stranger = UserFactory()
    with pytest.raises(PermissionDenied):
        message_post(actor=stranger, project=project, text="Bonjour")
    with pytest.raises(ValueError, match="vide"):
        message_post(actor=mayor, project=project, text="   ")


def test_share_token_is_random_and_replaced(mayor, project):
    first = project_share_enable(actor=mayor, project=project)
    second = project_share_enable(actor=mayor, project=project)
    assert first != second and len(second) >= 32


def test_a_project_created_by_factory_has_no_actions():
    assert ProjectAction.objects.filter(project=ProjectFactory()).count() == 0


def test_project_and_action_texts_are_stored_without_control_characters(mayor):
    """Issue 9, finding 2: stored text cleaned of control characters (they break spreadsheets)."""
    from transition.products.friches.services.projects import project_update

    project = project_create(
        actor=mayor, site=SiteFactory(), organisation=mayor.organisation, name="Parc\x1b", description="Un\x01 parc"
    )
    assert (project.name, project.description) == ("Parc", "Un parc")
    project_update(actor=mayor, project=project, name="Parc\x07 urbain", description="Vert\x00", intended_uses=[])
    project.refresh_from_db()
    assert (project.name, project.description) == ("Parc urbain", "Vert")
    action = action_add(actor=mayor, project=project, step="reperer", title="Visite\x1b", text="Avec\x01 la DDT")
    assert (action.title, action.text) == ("Visite", "Avec la DDT")
