"""Bulk address tests: upload, map the columns, follow the job, read and download the results."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from transition.platform.accounts import permissions

from ..domain import bulk_columns
from ..domain.bulk_results import VERDICTS, BulkOutcome, result_row, to_check, verdict
from ..enums import BulkTestStatus
from ..forms import BulkMappingForm, BulkUploadForm
from ..models import BulkTest
from ..selectors import bulk_tests as selectors
from ..services import bulk_tests as services
from .back_office import pro_context


def _bulk_for(request, pk: int) -> BulkTest:
    bulk = get_object_or_404(BulkTest, pk=pk)
    permissions.require(request.user, "chaleur.bulk_test_view", bulk)
    return bulk


@login_required
@require_http_methods(["GET", "POST"])
def bulk_list(request):
    permissions.require(request.user, "chaleur.bulk_test")
    form = BulkUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            bulk = services.bulk_test_create(owner=request.user, name=upload.name, data=upload.read())
        except bulk_columns.BulkFileError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("chaleur:pro_bulk_mapping", pk=bulk.pk)
    return render(
        request,
        "chaleur/pro/bulk_list.html",
        {
            "title": "Tests d’adresses en masse",
            "form": form,
            "tests": selectors.bulk_tests_of(user=request.user),
            **pro_context(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def bulk_mapping(request, pk: int):
    """GET: the file as it reads with a delimiter and a header line (?delimiter=&has_header=, the
    test's own guess by default); POST: start the test with the columns chosen."""
    bulk = _bulk_for(request, pk)
    if bulk.total_rows:
        return redirect("chaleur:pro_bulk_detail", pk=bulk.pk)
    text = selectors.bulk_test_text(bulk)
    source = request.POST if request.method == "POST" else request.GET
    reading = "delimiter" in source
    delimiter = source.get("delimiter") if reading else bulk.delimiter
    if delimiter not in (*bulk_columns.DELIMITERS, bulk_columns.NO_DELIMITER):
        delimiter = bulk.delimiter
    has_header = source.get("has_header") == "on" if reading else bulk.has_header
    reading_error = ""
    try:
        preview = bulk_columns.preview(text, delimiter=delimiter, has_header=has_header)
    except bulk_columns.BulkFileError as exc:
        # The file does not read with the delimiter chosen: say why, and show it as first read
        # (the upload checked that reading).
        reading_error = str(exc)
        delimiter, has_header = bulk.delimiter, bulk.has_header
        try:
            preview = bulk_columns.preview(text, delimiter=delimiter, has_header=has_header)
        except bulk_columns.BulkFileError:
            preview = bulk_columns.FilePreview(delimiter, has_header, (), (), 0, bulk_columns.ColumnMapping())
    initial = {
        "delimiter": delimiter,
        "has_header": has_header,
        "mode": "coordonnees" if bulk.lat_column is not None else "adresse",
        "address_columns": bulk.address_columns,
        "lat_column": bulk.lat_column,
        "lon_column": bulk.lon_column,
    }
    form = BulkMappingForm(request.POST or None, initial=initial, header=preview.header)
    if request.method == "POST" and reading_error:
        form.is_valid()
        form.add_error(None, reading_error)
    elif request.method == "POST" and form.is_valid():
        try:
            services.bulk_test_start(
                actor=request.user, bulk=bulk, delimiter=delimiter, has_header=has_header, mapping=form.mapping()
            )
        except (ValidationError, bulk_columns.BulkFileError) as exc:
            form.add_error(None, exc.messages if isinstance(exc, ValidationError) else str(exc))
        else:
            return redirect("chaleur:pro_bulk_detail", pk=bulk.pk)
    return render(
        request,
        "chaleur/pro/bulk_mapping.html",
        {
            "title": "Colonnes du fichier",
            "bulk": bulk,
            "form": form,
            "preview": preview,
            "delimiter": delimiter,
            "has_header": has_header,
            "reading_error": reading_error if request.method == "GET" else "",
        },
    )


@login_required
@require_GET
def bulk_detail(request, pk: int):
    bulk = _bulk_for(request, pk)
    if not bulk.total_rows and bulk.status == BulkTestStatus.PENDING:
        return redirect("chaleur:pro_bulk_mapping", pk=bulk.pk)
    only_changed = request.GET.get("changements") == "1"
    result = request.GET.get("resultat", "")
    result = result if result in VERDICTS or result == selectors.TO_CHECK else ""
    rows = selectors.bulk_test_rows(bulk, only_changed=only_changed, result=result)
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    lines = []
    for r in page:
        outcome = BulkOutcome.from_dict(r.outcome) if r.outcome else None
        cells = result_row(
            address=r.address, tested_label=r.tested_label, score=r.score, outcome=outcome, error=r.error
        )
        key = verdict(outcome)
        lines.append(
            {
                "row": r,
                "cells": cells,
                "verdict": key,
                "verdict_label": VERDICTS[key],
                # No distance inside a zone or a PDP (it would read "0 m"), nor for an address not found.
                "distance_m": cells[5] if isinstance(cells[5], int) and not outcome.type.startswith("dans_") else None,
                "to_check": to_check(address=r.address, tested_label=r.tested_label, score=r.score),
            }
        )
    summary = selectors.bulk_test_summary(bulk) if bulk.status == BulkTestStatus.DONE else None
    filters = [("", "Toutes", summary.total if summary else 0)] + [
        (key, label, summary.count(key) if summary else 0) for key, label in VERDICTS.items()
    ]
    keep = [("changements", "1")] if only_changed else []
    keep += [("resultat", result)] if result else []
    return render(
        request,
        "chaleur/pro/bulk_detail.html",
        {
            "title": f"Test d’adresses — {bulk.original_name}",
            "bulk": bulk,
            "done": bulk.status == BulkTestStatus.DONE,
            "progress": selectors.bulk_test_progress(bulk),
            "page": page,
            "lines": lines,
            "only_changed": only_changed,
            "keep_query": "&".join(f"{k}={v}" for k, v in keep),
            "summary": summary,
            "filters": filters,
            "result": result,
            "to_check_key": selectors.TO_CHECK,
            "map_url": reverse("chaleur:pro_bulk_geojson", args=[bulk.pk]) + (f"?resultat={result}" if result else ""),
            "status_url": reverse("chaleur:pro_bulk_status", args=[bulk.pk]),
        },
    )


@login_required
@require_GET
def bulk_status(request, pk: int):
    bulk = _bulk_for(request, pk)
    return JsonResponse(selectors.bulk_test_progress(bulk).as_dict())


@login_required
@require_GET
def bulk_xlsx(request, pk: int):
    bulk = _bulk_for(request, pk)
    if bulk.status != BulkTestStatus.DONE:
        raise Http404("Le test n’est pas terminé.")
    if not bulk.result_file:
        services.bulk_result_rebuild(bulk)
    name = bulk.original_name.rsplit(".", 1)[0] + "-resultats.xlsx"
    return FileResponse(bulk.result_file.open("rb"), as_attachment=True, filename=name)


@login_required
@require_GET
def bulk_geojson(request, pk: int):
    """The map of a test's addresses (the first few thousand), filtered like the table."""
    bulk = _bulk_for(request, pk)
    result = request.GET.get("resultat", "")
    result = result if result in VERDICTS or result == selectors.TO_CHECK else ""
    return HttpResponse(selectors.bulk_test_map_geojson(bulk, result=result), content_type="application/geo+json")


@login_required
@require_POST
def bulk_rename(request, pk: int):
    bulk = _bulk_for(request, pk)
    try:
        services.bulk_test_rename(actor=request.user, bulk=bulk, name=request.POST.get("name", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Test renommé : {bulk.original_name}.")
    return redirect("chaleur:pro_bulk_detail", pk=bulk.pk)
