"""What each product holds about a person, for "Mes données".

From AppConfig.ready():

    register_personal_data("chaleur", export=demands_of, erase=demands_anonymise)

`export(user) -> dict` returns JSON-serialisable data shown on the page and put in the download;
`erase(user) -> None` erases what may be erased and anonymises what the product must keep. It is
called inside the account deletion's transaction, before the account itself is anonymised.
`erase_preview(user) -> list[str]` (optional) says, before the person confirms, what `erase` will
do to each thing the product holds ("Demande CH-12 (en cours) : anonymisée, …").
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonalDataSource:
    product: str
    export: Callable[[object], dict]
    erase: Callable[[object], None]
    erase_preview: Callable[[object], list[str]] | None = None


_sources: dict[str, PersonalDataSource] = {}


def register_personal_data(
    product_slug: str, *, export: Callable, erase: Callable, erase_preview: Callable | None = None
) -> None:
    if not callable(export) or not callable(erase) or (erase_preview is not None and not callable(erase_preview)):
        raise ValueError("register_personal_data attend export et erase appelables")
    _sources[product_slug] = PersonalDataSource(product_slug, export, erase, erase_preview)


def personal_data_sources() -> list[PersonalDataSource]:
    return [_sources[slug] for slug in sorted(_sources)]
