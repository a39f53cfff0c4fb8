import pytest
from django.core.management import CommandError, call_command

from transition.products.chaleur.models import Copropriete

pytestmark = pytest.mark.django_db

HEADER = "identifiant;nom;adresse;code_insee;longitude;latitude;nb_lots;nb_logements;periode_construction;chauffage;energie_chauffage;syndic\n"
GOOD = HEADER + (
    "AA1234567;Les Tilleuls;3 rue des Tilleuls 38000 Grenoble;38185;5,7200;45,1885;60;48;1949_1974;collectif;gaz;Syndic Alpes\n"
    "AB7654321;Le Parc;10 avenue du Parc 38000 Grenoble;38185;5.7300;45.1900;;12;;individuel;electricite;\n"
)


def run(tmp_path, text, name="registre.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    call_command("chaleur_import_coproprietes", str(path))


def test_import_then_again_changes_nothing(tmp_path, capsys):
    run(tmp_path, GOOD)
    assert "Import terminé : 2 lignes créées." in capsys.readouterr().out
    copro = Copropriete.objects.get(registry_id="AA1234567")
    assert (copro.dwellings_count, copro.lots_count, copro.heating_energy, copro.syndic) == (
        48,
        60,
        "gaz",
        "Syndic Alpes",
    )
    assert copro.x_l93 > 900000  # Grenoble in Lambert-93
    run(tmp_path, GOOD)
    assert "Import terminé : 2 lignes inchangées." in capsys.readouterr().out
    run(tmp_path, GOOD.replace(";48;", ";50;"))
    assert "1 ligne mise à jour, 1 ligne inchangée" in capsys.readouterr().out
    assert Copropriete.objects.get(registry_id="AA1234567").dwellings_count == 50


def test_every_error_is_reported_with_its_line_and_nothing_is_written(tmp_path):
    bad = HEADER + (
        "AA1;Ok;1 rue A;38185;5.72;45.18;1;1;;;;\n"
        "AA2;Sans coordonnées;2 rue B;38185;;45.18;1;1;;;;\n"
        "AA3;Lots;3 rue C;38185;5.72;45.18;beaucoup;1;;;;\n"
        "AA1;Doublon;4 rue D;38185;5.72;45.18;1;1;;;;\n"
        "AA5;Énergie;5 rue E;38185;5.72;45.18;1;1;;collectif;charbon;\n"
    )
    with pytest.raises(CommandError) as error:
        run(tmp_path, bad)
    message = str(error.value)  # the platform's report: every error, by line and column
    assert "Fichier refusé : 4 erreurs. Rien n’a été enregistré." in message
    assert "Ligne 3, colonne « longitude » : longitude manquante" in message
    assert "Ligne 4, colonne « nb_lots » : le nombre de lots « beaucoup »" in message
    assert "Ligne 5, colonne « identifiant » : l’identifiant AA1 figure déjà" in message
    assert "Ligne 6, colonne « energie_chauffage » : l’énergie « charbon » inconnu" in message
    assert not Copropriete.objects.exists()


def test_missing_columns_and_unreadable_files(tmp_path):
    with pytest.raises(CommandError, match="colonnes manquantes : .*syndic"):
        run(tmp_path, "identifiant;nom\nA;B\n")
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4 binaire")
    with pytest.raises(CommandError, match="n’est pas un tableau CSV, XLSX ou ODS"):
        call_command("chaleur_import_coproprietes", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="introuvable"):
        call_command("chaleur_import_coproprietes", str(tmp_path / "absent.csv"))


def test_a_spreadsheet_reads_like_the_csv(tmp_path, capsys):
    from openpyxl import Workbook

    workbook = Workbook()
    for line in GOOD.splitlines():
        workbook.active.append(line.split(";"))
    workbook.save(tmp_path / "registre.xlsx")
    call_command("chaleur_import_coproprietes", str(tmp_path / "registre.xlsx"))
    assert "2 lignes créées" in capsys.readouterr().out
    assert Copropriete.objects.get(registry_id="AB7654321").heating_energy == "electricite"
