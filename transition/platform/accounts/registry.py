"""What each product holds about a person, for "Mes données" and for the account's erasure.

From AppConfig.ready():

    register_personal_data("chaleur", export=demands_of, erase=demands_anonymise, identifiers=typed_by)
    register_personal_text(DemandEvent, ["text", "data"])

`export(user) -> dict` returns JSON-serialisable data shown on the page and put in the download;
`erase(user) -> None` erases what may be erased and anonymises what the product must keep. It is
called inside the account deletion's transaction, before the account itself is anonymised.
`erase_preview(user) -> list[str]` (optional) says, before the person confirms, what `erase` will
do to each thing the product holds ("Demande CH-12 (en cours) : anonymisée, …").

`identifiers(user) -> set[str]` (optional) gives the texts the person typed that identify them
(names, addresses, phone numbers, emails) in that product; they are collected before anything is
erased.

`register_personal_text(model, fields)` names the free-text (or JSON) fields where somebody else
may have written or copied those identifiers (an operator's comment, an email's subject, a log):
after every product has erased its own, each occurrence of an identifier there is replaced by
ERASED_TEXT (accounts.services.user_erase).
"""

from collections.abc import Callable
from dataclasses import dataclass

ERASED_TEXT = "[donnée effacée]"


@dataclass(frozen=True)
class PersonalDataSource:
    product: str
    export: Callable[[object], dict]
    erase: Callable[[object], None]
    erase_preview: Callable[[object], list[str]] | None = None
    identifiers: Callable[[object], set[str]] | None = None


_sources: dict[str, PersonalDataSource] = {}
_texts: dict[str, tuple[object, tuple[str, ...]]] = {}


def register_personal_data(
    product_slug: str,
    *,
    export: Callable,
    erase: Callable,
    erase_preview: Callable | None = None,
    identifiers: Callable | None = None,
) -> None:
    optional = (erase_preview, identifiers)
    if not callable(export) or not callable(erase) or any(f is not None and not callable(f) for f in optional):
        raise ValueError("register_personal_data attend export, erase (et erase_preview, identifiers) appelables")
    _sources[product_slug] = PersonalDataSource(product_slug, export, erase, erase_preview, identifiers)


def personal_data_sources() -> list[PersonalDataSource]:
    return [_sources[slug] for slug in sorted(_sources)]


def register_personal_text(model, fields: list[str]) -> None:
    for name in fields:
        model._meta.get_field(name)  # a typo fails at start-up, not at the first erasure
    label = model._meta.label_lower
    known = _texts.get(label, (model, ()))[1]
    _texts[label] = (model, tuple(dict.fromkeys([*known, *fields])))


def personal_texts() -> list[tuple[object, tuple[str, ...]]]:
    return [_texts[label] for label in sorted(_texts)]
