"""`make demo` as the issue pinned it: Ctrl-C without "Segmentation fault", no browser nor Redis to
install, the site as users get it (DEBUG off: French error pages)."""

import re
from pathlib import Path

MAKEFILE = (Path(__file__).resolve().parents[1] / "Makefile").read_text()


def _recipe(target: str) -> str:
    return re.search(rf"^{target}:.*?(?=^\S|\Z)", MAKEFILE, flags=re.S | re.M).group(0)


def test_demo_installs_neither_chromium_nor_redis():
    packages = re.search(r"^DEBIAN_PACKAGES := (.*)$", MAKEFILE, flags=re.M).group(1).split()
    assert "chromium" not in packages and "redis-server" not in packages
    assert "test-deps" not in _recipe("demo") and "test-deps" in _recipe("test")


def test_demo_trap_is_reset_before_it_kills_and_debug_is_off():
    demo = _recipe("demo")
    assert "kill 0" not in demo  # the trap that killed its own group called itself until bash overflowed
    assert "trap 'trap - INT TERM EXIT;" in demo
    assert demo.count("DJANGO_DEBUG=false") == 2
