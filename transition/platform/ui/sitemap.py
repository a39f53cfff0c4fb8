"""The site map, generated from the URL tree: a view joins it with the @in_sitemap decorator."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, reverse

from transition.platform.core.registry import product


def in_sitemap(title: str):
    def mark(view):
        view.sitemap_title = title
        return view

    return mark


@dataclass(frozen=True)
class SitemapPage:
    title: str
    url: str


def _walk(patterns, namespaces: tuple[str, ...]):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, namespaces + ((entry.namespace,) if entry.namespace else ()))
        elif isinstance(entry, URLPattern) and entry.name and not entry.pattern.converters:
            title = getattr(entry.callback, "sitemap_title", None)
            if title:
                yield namespaces, SitemapPage(title=title, url=reverse(":".join((*namespaces, entry.name))))


def sitemap_sections(resolver) -> list[tuple[str, list[SitemapPage]]]:
    sections: dict[str, list[SitemapPage]] = {}
    for namespaces, page in _walk(resolver.url_patterns, ()):
        owner = product(namespaces[0]) if namespaces else None
        section = owner.name if owner else "Transition"
        if page not in sections.setdefault(section, []):
            sections[section].append(page)
    return list(sections.items())
