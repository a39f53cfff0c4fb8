from transition.products.comobi.services.imports import requests_import

from ._importing import ImportCommand


class Command(ImportCommand):
    help = "Importe le tableur des demandes d’un territoire (colonnes de Lotocar), tout ou rien."
    importer = staticmethod(requests_import)
