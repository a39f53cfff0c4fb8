"""The upload of a CNIG file."""

from django import forms

from . import Form, required


class CnigImportForm(Form):
    file = forms.FileField(label="Fichier CSV au standard CNIG Friches", error_messages=required("Le fichier"),
                           help_text="Séparateur virgule ou point-virgule, encodage UTF-8.")  # fmt: skip
    outlines = forms.FileField(label="Contours des sites (GeoJSON)", required=False,
                               help_text="Pour un CSV sans colonne geomsurf : une collection GeoJSON dont chaque contour porte le site_id de sa ligne.")  # fmt: skip
    source_name = forms.CharField(label="Source des données", max_length=255, required=False,
                                  help_text="Le producteur (par exemple « DDT des Ardennes »), utilisé si le fichier n’a pas de colonne source_nom.")  # fmt: skip
    skip_invalid = forms.BooleanField(label="Importer les lignes valides", required=False,
                                      help_text="Sans cette case, un fichier contenant une ligne invalide est refusé en entier.")  # fmt: skip
