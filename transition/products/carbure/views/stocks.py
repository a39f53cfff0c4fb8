"""An entity's stocks: the list, one stock, taking a lot out, flushing, the ETBE transformation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ..domain.stocks import ETHANOL
from ..domain.vocabulary import DeliveryType, LotStatus
from ..forms.stocks import EtbeForm, FlushForm, SplitForm
from ..models import Stock
from ..selectors.stocks import entity_stocks, flushable
from ..services import stocks
from .common import acting_entity, entity_context


@login_required
def stock_list(request, entity_id: int):
    entity = acting_entity(request, entity_id)
    with_empty = request.GET.get("vides") == "1"
    return render(
        request,
        "carbure/stocks/list.html",
        {
            **entity_context(request, entity, "stocks"),
            "title": f"Stocks — {entity.name}",
            "stocks": entity_stocks(entity, with_empty=with_empty),
            "with_empty": with_empty,
        },
    )


def _stock(entity, stock_id):
    return get_object_or_404(
        Stock.objects.select_related("depot", "biofuel", "feedstock", "country_of_origin", "parent_lot"),
        pk=stock_id,
        owner=entity,
    )


@login_required
def stock_detail(request, entity_id: int, stock_id: int):
    entity = acting_entity(request, entity_id)
    stock = _stock(entity, stock_id)
    return render(
        request,
        "carbure/stocks/detail.html",
        {
            **entity_context(request, entity, "stocks"),
            "title": f"Stock {stock.carbure_id}",
            "stock": stock,
            "has_remaining": stock.remaining_volume_l > 0,
            "events": stock.events.select_related("entity__organisation").order_by("id"),
            "extracted": stock.extracted_lots.exclude(lot_status=LotStatus.DELETED).order_by("-id"),
            "split_form": SplitForm(entity=entity),
            "flush_form": FlushForm() if flushable(stock) else None,
            "etbe_form": EtbeForm() if stock.biofuel_id == ETHANOL and stock.remaining_volume_l > 0 else None,
        },
    )


@login_required
def stock_split(request, entity_id: int, stock_id: int):
    entity = acting_entity(request, entity_id, write=True)
    stock = _stock(entity, stock_id)
    # The lot leaves the stock's depot: the form starts there (a lot without a site or its
    # country cannot be sent).
    form = SplitForm(request.POST or None, entity=entity, initial={"delivery_site": stock.depot_id})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            lot = stocks.stock_split(
                entity=entity,
                user=request.user,
                stock=stock,
                volume_l=float(data["volume_l"]),
                delivery_date=data["delivery_date"],
                delivery_type=DeliveryType(data["delivery_type"]),
                client=data["client"],
                unknown_client=data["unknown_client"].strip(),
                delivery_site=data["delivery_site"],
                unknown_delivery_site=data["unknown_delivery_site"].strip(),
                delivery_site_country_id=data["delivery_site_country"] or None,
                transport_document_reference=data["transport_document_reference"].strip(),
            )
        except stocks.StockRefused as exc:
            form.add_error("volume_l", str(exc))
        else:
            messages.success(
                request, f"Lot {lot.carbure_id} extrait du stock, en brouillon : vérifiez-le puis envoyez-le."
            )
            return redirect("carbure:lot", entity.pk, lot.pk)
    return render(
        request,
        "carbure/stocks/split.html",
        {**entity_context(request, entity, "stocks"), "title": "Extraire un lot", "stock": stock, "form": form},
    )


@login_required
@require_POST
def stock_flush(request, entity_id: int, stock_id: int):
    entity = acting_entity(request, entity_id, write=True)
    stock = _stock(entity, stock_id)
    form = FlushForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        stocks.stock_flush(entity=entity, user=request.user, stock=stock, comment=comment)
    except stocks.StockRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Stock vidangé.")
    return redirect("carbure:stock", entity.pk, stock.pk)


@login_required
@require_POST
def stock_transform(request, entity_id: int, stock_id: int):
    entity = acting_entity(request, entity_id, write=True)
    stock = _stock(entity, stock_id)
    form = EtbeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Indiquez les quatre volumes de la transformation, en litres.")
        return redirect("carbure:stock", entity.pk, stock.pk)
    data = {k: float(v) for k, v in form.cleaned_data.items()}
    try:
        new_stock = stocks.stock_transform_to_etbe(entity=entity, user=request.user, stock=stock, **data)
    except stocks.StockRefused as exc:
        messages.error(request, str(exc))
        return redirect("carbure:stock", entity.pk, stock.pk)
    messages.success(request, f"Stock d’ETBE {new_stock.carbure_id} constitué.")
    return redirect("carbure:stock", entity.pk, new_stock.pk)
