"""Every app has the same shape (docs/architecture.md), so a reader who knows one app knows
where everything is in all of them.

A domain app has the whole skeleton; each part is a module `<part>.py` or, past about 800
lines, a package `<part>/` of the same name and role. Where an app truly has no such part
(no scheduled jobs, say), ABSENT says so and why. Schemas, forms and background tasks live
only in their own modules, and no module grows past the size where it should be split.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOUSEI = Path(__file__).resolve().parents[1] / "sousei"

DOMAIN_APPS = [
    "people",
    "training",
    "projects",
    "work",
    "careers",
    "spaces",
    "events",
    "hiring",
    "impact",
    "workplace",
    "inquiries",
    "privacy",
    "webhooks",
]
SKELETON = [
    "apps",
    "models",
    "services",
    "selectors",
    "schemas",
    "api",
    "forms",
    "views",
    "urls",
    "access",
    "tasks",
    "admin",
    "demo",
]
# (app, part) → why the app has none.
ABSENT = {
    ("people", "tasks"): "intake has no scheduled jobs",
    ("projects", "tasks"): "projects have no scheduled jobs",
    ("careers", "tasks"): "career outcomes have no scheduled jobs",
    ("inquiries", "tasks"): "inquiries have no scheduled jobs",
}
# The non-domain apps: the shared base, the pages on top, and the demo.
OTHER_APPS = {
    "core": [
        "apps",
        "models",
        "services",
        "selectors",
        "schemas",
        "api",
        "access",
        "admin",
        "outbox",
        "clock",
        "pdf",
        "text",
        "http",
    ],
    "portal": ["apps", "views", "urls"],
    # Apps whose first parts are being built: their skeleton grows with their pages.
    "webhooks": ["apps", "models", "urls", "api"],
    "demo": ["apps", "management"],
}
MAX_LINES = 800


def part_exists(app: str, part: str) -> bool:
    module = SOUSEI / app / f"{part}.py"
    package = SOUSEI / app / part / "__init__.py"
    assert not (module.exists() and package.exists()), f"{app}: both {part}.py and {part}/"
    return module.exists() or package.exists()


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_a_domain_app_has_the_whole_skeleton(app: str) -> None:
    missing = [
        part for part in SKELETON if not part_exists(app, part) and (app, part) not in ABSENT
    ]
    assert not missing, f"sousei/{app} lacks {missing} (docs/architecture.md, 'Layout')"
    assert (SOUSEI / app / "templates" / app).is_dir(), f"sousei/{app}/templates/{app}/"
    assert (SOUSEI / app / "tests" / "__init__.py").exists(), f"sousei/{app}/tests/"
    # 0001_initial, or a first migration named for what it makes where several people built
    # the app's parts side by side (privacy: 0001_requests).
    assert list((SOUSEI / app / "migrations").glob("0001_*.py")), f"sousei/{app}/migrations/"


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_what_an_app_says_it_lacks_is_really_absent(app: str) -> None:
    for (owner, part), _why in ABSENT.items():
        if owner == app and part in SKELETON:
            assert not part_exists(app, part), f"{app}.{part} exists: drop it from ABSENT"


@pytest.mark.parametrize("app", sorted(OTHER_APPS))
def test_the_shared_base_the_portal_and_the_demo_have_their_parts(app: str) -> None:
    missing = [part for part in OTHER_APPS[app] if not part_exists(app, part)]
    assert not missing, f"sousei/{app} lacks {missing}"


def test_there_are_no_other_apps() -> None:
    apps = {
        path.parent.name
        for path in SOUSEI.glob("*/apps.py")
        if (path.parent / "__init__.py").exists()
    }
    assert apps == set(DOMAIN_APPS) | set(OTHER_APPS)


def source_modules() -> list[Path]:
    return [
        path
        for path in SOUSEI.rglob("*.py")
        if "migrations" not in path.parts and "tests" not in path.parts
    ]


def in_part(path: Path, part: str) -> bool:
    relative = path.relative_to(SOUSEI).parts
    return len(relative) >= 2 and (relative[1] == f"{part}.py" or relative[1] == part)


def base_names(node: ast.ClassDef) -> set[str]:
    names = set()
    for base in node.bases:
        if isinstance(base, ast.Name):
            names.add(base.id)
        elif isinstance(base, ast.Attribute):
            names.add(base.attr)
    return names


def test_schemas_and_forms_live_in_their_own_modules() -> None:
    misplaced = []
    for path in source_modules():
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            bases = base_names(node)
            if bases & {"Schema", "BaseModel"} and not in_part(path, "schemas"):
                misplaced.append(f"{path.relative_to(SOUSEI)}: schema {node.name}")
            if bases & {"Form", "ModelForm"} and not in_part(path, "forms"):
                misplaced.append(f"{path.relative_to(SOUSEI)}: form {node.name}")
    assert not misplaced, misplaced


def test_background_tasks_live_in_tasks_modules() -> None:
    misplaced = []
    for path in source_modules():
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                for decorator in node.decorator_list:
                    target = decorator.func if isinstance(decorator, ast.Call) else decorator
                    name = getattr(target, "id", getattr(target, "attr", ""))
                    shared_send = path.relative_to(SOUSEI).parts[0] == "core" and in_part(
                        path, "outbox"
                    )
                    if name == "task" and not (in_part(path, "tasks") or shared_send):
                        misplaced.append(f"{path.relative_to(SOUSEI)}: {node.name}")
    assert not misplaced, misplaced


def test_no_module_is_past_the_size_where_it_becomes_a_package() -> None:
    long = {
        str(path.relative_to(SOUSEI)): lines
        for path in source_modules()
        if (lines := len(path.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"split these into packages of the same name and role: {long}"
