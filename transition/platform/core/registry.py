"""What products tell the platform about themselves, without the platform importing them.

Each product calls `register_product` and, when it has demo data, `register_demo_loader` from its
AppConfig.ready(). The portal, the site map and `manage.py demo` read these registries.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Product:
    slug: str
    name: str
    tagline: str
    audience: str
    home_url_name: str
    order: int
    built: bool = False
    # (label, URL name) pairs shown in the main navigation while a person is inside the product.
    nav_items: tuple[tuple[str, str], ...] = ()


_products: dict[str, Product] = {}
_demo_loaders: dict[str, Callable[[], None]] = {}


def register_product(product: Product) -> None:
    _products[product.slug] = product


def products() -> list[Product]:
    return sorted(_products.values(), key=lambda p: p.order)


def product(slug: str) -> Product | None:
    return _products.get(slug)


def register_demo_loader(name: str, loader: Callable[[], None]) -> None:
    """`loader` must be idempotent: running `manage.py demo` twice changes nothing."""
    _demo_loaders[name] = loader


def demo_loaders() -> dict[str, Callable[[], None]]:
    return dict(_demo_loaders)
