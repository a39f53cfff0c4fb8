"""Cheap guards over the whole project: each catches a class of mistakes, not one bug."""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models

ROOT = Path(__file__).resolve().parents[1] / "transition"


def _project_models():
    return [m for m in apps.get_models() if m.__module__.startswith("transition.")]


@pytest.mark.parametrize("model", _project_models(), ids=lambda m: m._meta.label)
def test_every_model_says_what_it_is(model):
    assert model.__str__ is not models.Model.__str__, f"{model._meta.label} n'a pas de __str__"


@pytest.mark.parametrize("path", list(ROOT.rglob("*.html")), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_inline_script_or_style_in_templates(path):
    """The CSP forbids them: they would be blocked in the browser."""
    text = path.read_text(encoding="utf-8")
    if "/emails/" in str(path) or path.name.startswith("email"):
        return  # emails are not pages: the CSP does not apply, and mail clients need inline CSS
    for tag in re.findall(r"<script\b[^>]*>", text):
        assert "src=" in tag or 'type="application/json"' in tag or 'type="application/geo+json"' in tag, (
            f"{path}: script en ligne {tag}"
        )
    assert "<style" not in text, f"{path}: <style> en ligne"
    assert not re.search(r'\sstyle="', text), f"{path}: attribut style"
    assert not re.search(r"\son[a-z]+=\"", text), f"{path}: gestionnaire d'événement en ligne"


# -- The product layout (docs/decisions/0007-product-layout.md) -----------------------------------

PRODUCTS = ROOT / "products"
# Modules a layer split by suffix ("services_demands.py", "urls_public.py"…): a layer is one module
# or a package by topic, never suffixed halves.
LAYERS = ("services", "selectors", "views", "api", "urls", "forms", "admin", "demo", "setup", "models", "tasks")
MAX_MODULE_LINES = 600
# Modules allowed past MAX_MODULE_LINES, each with its reason (listed in decision 0007 too).
LONG_MODULES_ALLOWED = {}  # path relative to transition/products -> reason


def _product_modules():
    return sorted(p for p in PRODUCTS.rglob("*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("product", sorted(p.name for p in PRODUCTS.iterdir() if (p / "apps.py").exists()))
def test_no_layer_split_by_suffix(product):
    suffixed = [
        p.name for p in (PRODUCTS / product).glob("*.py") if re.fullmatch(rf"({'|'.join(LAYERS)})_\w+\.py", p.name)
    ]
    assert not suffixed, f"{product} : couches découpées par suffixe {suffixed} (un paquet par sujet, décision 0007)"


def test_no_product_module_over_600_lines():
    long = {}
    for path in _product_modules():
        relative = str(path.relative_to(PRODUCTS))
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES and relative not in LONG_MODULES_ALLOWED:
            long[relative] = lines
    assert not long, f"Modules de plus de {MAX_MODULE_LINES} lignes (un module par sujet, décision 0007) : {long}"


def _role_strings_used(tree: ast.AST, roles: set[str]):
    """(line, role) where a role is spelt as a raw string: passed as `role=`, `…__role=`,
    `role__in=`, or to a function whose name speaks of roles or organisations; compared with `in`
    against something named after roles; assigned to a name speaking of roles."""

    def constants(node):
        if isinstance(node, ast.Constant) and node.value in roles:
            yield node
        elif isinstance(node, ast.List | ast.Tuple | ast.Set):
            for element in node.elts:
                yield from constants(element)

    def named_for_roles(node) -> bool:
        if isinstance(node, ast.Call):
            node = node.func
        name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", "")
        return bool(re.search(r"role|organisation_ids|member", name, re.IGNORECASE))

    for node in ast.walk(tree):
        found = []
        if (
            isinstance(node, ast.keyword)
            and node.arg
            and re.fullmatch(r"role|\w+__role|role__in|\w+__role__in", node.arg)
        ):
            found = list(constants(node.value))
        elif isinstance(node, ast.Call) and named_for_roles(node.func):
            found = [c for arg in node.args for c in constants(arg)]
        elif isinstance(node, ast.Compare) and any(isinstance(op, ast.In | ast.NotIn) for op in node.ops):
            if any(named_for_roles(c) for c in node.comparators):
                found = list(constants(node.left))
        elif isinstance(node, ast.Assign) and any(named_for_roles(t) for t in node.targets):
            found = list(constants(node.value))
        for constant in found:
            yield constant.lineno, constant.value


def test_roles_are_spelt_in_enums_only():
    """A role is an enum member of the product's enums.py, never a raw string elsewhere."""
    from transition.platform.accounts.roles import roles_for

    raw = []
    for product in sorted(p for p in PRODUCTS.iterdir() if (p / "apps.py").exists()):
        roles = set(roles_for(product.name))
        if not roles:
            continue
        for path in sorted(product.rglob("*.py")):
            if "migrations" in path.parts or path.name == "enums.py":
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            raw += [f"{path.relative_to(ROOT)}:{line} « {role} »" for line, role in _role_strings_used(tree, roles)]
    assert not raw, "Rôles écrits en toutes lettres hors de enums.py :\n" + "\n".join(raw)


def test_the_role_check_catches_the_usual_spellings():
    code = """
PRO_ROLES = ("gestionnaire", "alec")
def f(user, org):
    Membership.objects.filter(user=user, role="gestionnaire")
    Organisation.objects.filter(memberships__role="gestionnaire")
    organisation_ids(user, "gestionnaire")
    permissions.has_role(user, "chaleur", "gestionnaire", org)
    return "gestionnaire" in pro_roles(user)
properties = {"gestionnaire": "Énergies"}  # a field name, not a role
"""
    found = list(_role_strings_used(ast.parse(code), {"gestionnaire", "alec"}))
    assert sorted(line for line, _ in found) == [2, 2, 4, 5, 6, 7, 8]


# -- Pages have a title ---------------------------------------------------------------------------

TITLE = re.compile(r"<title>\s*(.*?)\s*</title>", re.DOTALL)


def _page_templates() -> set[str]:
    """Templates that are whole pages (they extend the platform's base, directly or not) and take
    their title from the view (they write no `{% block title %}` of their own)."""
    pages, extends, titled = {"ui/base.html"}, {}, set()
    for path in ROOT.rglob("templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        name = str(path).split("/templates/", 1)[1]
        match = re.search(r'{%\s*extends\s+"([^"]+)"', text)
        if match:
            extends[name] = match.group(1)
        if re.search(r"{%\s*block title\s*%}", text):
            titled.add(name)
    changed = True
    while changed:
        changed = False
        for name, parent in extends.items():
            if parent in pages and name not in pages:
                pages.add(name)
                changed = True
    return pages - titled - {"ui/base.html"}


def _render_calls(tree: ast.AST):
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "render"):
            continue
        if len(node.args) >= 2 and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str):
            context = node.args[2] if len(node.args) > 2 else None
            context = next((k.value for k in node.keywords if k.arg == "context"), context)
            yield node.lineno, node.args[1].value, context


def test_every_page_a_view_renders_is_given_a_title():
    """A page rendered with a context written in place must name its title (the base shows it in
    <title>; without one every page would read « Accueil »). Contexts built elsewhere are checked
    by the pages' own tests."""
    pages = _page_templates()
    untitled = []
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for line, template, context in _render_calls(ast.parse(path.read_text(encoding="utf-8"))):
            if template not in pages or not isinstance(context, ast.Dict):
                continue
            keys = {k.value for k in context.keys if isinstance(k, ast.Constant)}
            spread = any(k is None for k in context.keys)  # {**other}: may carry it
            if "title" not in keys and not spread:
                untitled.append(f"{path.relative_to(ROOT)}:{line} {template}")
    assert not untitled, "Pages rendues sans titre :\n" + "\n".join(untitled)


def _get_urls(resolver=None, prefix=""):
    """Paths of the URL tree that take no argument."""
    from django.urls import URLPattern, URLResolver, get_resolver

    for entry in (resolver or get_resolver()).url_patterns:
        route = str(entry.pattern)
        if "<" in route or "(?P" in route or route.startswith("^"):
            continue
        if isinstance(entry, URLResolver):
            yield from _get_urls(entry, prefix + route)
        elif isinstance(entry, URLPattern):
            yield "/" + prefix + route


@pytest.mark.django_db
def test_every_page_without_argument_has_a_title(client, admin_user, settings):
    """Each page reachable without an argument, for a visitor and for a signed-in member of the
    team, has a <title> naming the page (« Accueil » is the portal's only)."""
    settings.ADMIN_URL = "administration-test/"  # not crawled: django's admin titles itself
    checked, bad = 0, []
    for path in sorted(set(_get_urls())):
        if path.startswith(("/api/", "/admin", "/administration-test", "/deconnexion", "/connexion/")):
            continue
        for who in ("visiteur", "équipe"):
            if who == "équipe":
                client.force_login(admin_user)
            response = client.get(path)
            client.logout()
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            match = TITLE.search(response.content.decode())
            page_title = match.group(1).split(" — ")[0].strip() if match else ""
            checked += 1
            if not page_title or (page_title == "Accueil" and path != "/"):
                bad.append(f"{path} ({who}) : « {match.group(1) if match else ''} »")
    assert checked > 20
    assert not bad, "Pages sans titre propre :\n" + "\n".join(bad)


def _imports_in_functions(tree: ast.AST):
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    yield function, node


def test_an_import_inside_a_function_says_why():
    """In a product, an import inside a function hides a dependency: it needs a written reason (a
    comment on its line, or above the group of imports it belongs to): a heavy library loaded on
    demand, the load order of decision 0006. AppConfig.ready() is the exception Django makes: apps
    are loaded before the models their modules import."""
    silent = []
    for path in _product_modules():
        lines = path.read_text(encoding="utf-8").splitlines()
        for function, node in _imports_in_functions(ast.parse("\n".join(lines))):
            if path.name == "apps.py" and function.name == "ready":
                continue
            above = node.lineno - 2  # the line before, skipping the other imports of the group
            while above >= 0 and lines[above].strip().startswith(("from ", "import ")):
                above -= 1
            if "#" not in lines[node.lineno - 1] and not (above >= 0 and lines[above].strip().startswith("#")):
                silent.append(f"{path.relative_to(ROOT)}:{node.lineno} {lines[node.lineno - 1].strip()}")
    assert not silent, "Imports dans une fonction sans raison écrite :\n" + "\n".join(silent)
