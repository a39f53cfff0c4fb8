"""Public pages: the service's home, the template checker, the template itself."""

from django.conf import settings
from django.shortcuts import render

from transition.platform.accounts.ratelimit import RateLimited, rate_limit_check
from transition.platform.core.imports import FileRefused
from transition.platform.core.spreadsheets import xlsx_response
from transition.platform.ui.sitemap import in_sitemap

from ..exports import checker_report_sheet, template_sheets
from ..forms.lots import TemplateFileForm
from ..permissions import entities_of
from ..selectors.checker import file_rows, rows_check
from ..selectors.entities import client_names
from ..selectors.referentials import referentials

SHOWN_ROWS = 1000  # beyond, the page says so and the XLSX report has every row


@in_sitemap("CarbuRe — traçabilité des biocarburants")
def home(request):
    return render(
        request,
        "carbure/public/home.html",
        {"title": "CarbuRe", "entities": entities_of(request.user)},
    )


@in_sitemap("CarbuRe — vérifier un fichier de lots")
def checker(request):
    form = TemplateFileForm(request.POST or None, request.FILES or None)
    results, refused = None, ""
    if request.method == "POST" and form.is_valid():
        try:
            rate_limit_check(scope="carbure_check", request=request)
            upload = form.cleaned_data["file"]
            results = rows_check(file_rows(upload, filename=upload.name))
        except RateLimited as exc:
            refused = exc.message
        except FileRefused as exc:
            refused = exc.message
    if results is not None and request.POST.get("format") == "xlsx":
        return xlsx_response("controle-lots-carbure.xlsx", [checker_report_sheet(results)])
    summary, shown = None, None
    if results is not None:
        shown = sorted(results, key=lambda r: (not r.errors, r.row))[:SHOWN_ROWS]
        blocked = sum(1 for r in results if r.blocking)
        warned = sum(1 for r in results if not r.blocking and r.errors)
        summary = {
            "total": len(results),
            "blocked": blocked,
            "warned": warned,
            "clean": len(results) - blocked - warned,
        }
    refs = referentials()
    return render(
        request,
        "carbure/public/checker.html",
        {
            "title": "Vérifier un fichier de lots",
            "form": form,
            "results": shown,
            "summary": summary,
            "refused": refused,
            "biofuels": refs.biofuels,
            "feedstocks": refs.feedstocks,
            "max_rows": f"{settings.CARBURE_IMPORT_MAX_ROWS:,}".replace(",", "\u202f"),
        },
    )


def template_download(request):
    names = []
    if request.user.is_authenticated and entities_of(request.user):
        names = client_names()
    return xlsx_response("modele-lots-carbure.xlsx", template_sheets(entity_names=names))
