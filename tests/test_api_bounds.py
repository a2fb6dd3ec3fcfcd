"""Every input of the API is bounded, and every schema name means one shape.

The first test walks the OpenAPI document: each string a request may carry has a maximum
length (or is an enum, a bounded date, or a file), each integer and number a maximum, each
list a maximum number of items, each free-form object a maximum number of keys. A new
endpoint without its bounds (sousei/core/bounds.py) fails here. The second test looks for two
schema classes with one name: ninja keeps only one of them in the document, which then shows
the wrong shape for the other.
"""

from __future__ import annotations

import typing
from collections import defaultdict
from typing import Any

from pydantic import BaseModel

from sousei.api import api

DOCUMENT = api.get_openapi_schema()


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref is None:
        return schema
    name = ref.rsplit("/", 1)[-1]
    return dict(DOCUMENT["components"]["schemas"][name])


def unbounded(schema: dict[str, Any], where: str, seen: frozenset[str]) -> list[str]:
    """Where in `schema` an input has no bound."""
    ref = schema.get("$ref")
    if ref is not None:
        if ref in seen:
            return []
        seen = seen | {ref}
    schema = resolve(schema)
    problems: list[str] = []
    for key in ("anyOf", "oneOf", "allOf"):
        for option in schema.get(key, []):
            problems += unbounded(option, where, seen)
    kind = schema.get("type")
    if "enum" in schema or "const" in schema:
        return problems
    if kind == "string":
        fmt = schema.get("format")
        if fmt in ("date", "date-time"):
            if "formatMinimum" not in schema or "formatMaximum" not in schema:
                problems.append(f"{where}: a {fmt} without formatMinimum/formatMaximum")
        elif fmt == "time":
            pass  # a time of day has its own range
        elif fmt == "binary":
            pass  # a file: bounded by its endpoint's size check and DATA_UPLOAD_MAX_MEMORY_SIZE
        elif "maxLength" not in schema and "pattern" not in schema:
            problems.append(f"{where}: a string without maxLength")
        elif "maxLength" not in schema:
            problems.append(f"{where}: a pattern without maxLength")
    elif kind in ("integer", "number"):
        if "maximum" not in schema and "exclusiveMaximum" not in schema:
            problems.append(f"{where}: an {kind} without maximum")
    elif kind == "array":
        if "maxItems" not in schema:
            problems.append(f"{where}: an array without maxItems")
        problems += unbounded(schema.get("items", {}), f"{where}[]", seen)
    elif kind == "object" or "properties" in schema:
        for name, prop in schema.get("properties", {}).items():
            problems += unbounded(prop, f"{where}.{name}", seen)
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            if "maxProperties" not in schema:
                problems.append(f"{where}: an object of any keys without maxProperties")
            problems += unbounded(extra, f"{where}{{}}", seen)
    return problems


def operation_inputs() -> list[tuple[str, dict[str, Any]]]:
    inputs = []
    for path, operations in DOCUMENT["paths"].items():
        for method, operation in operations.items():
            label = f"{method.upper()} {path}"
            for parameter in operation.get("parameters", []):
                inputs.append(
                    (f"{label} {parameter['in']} {parameter['name']}", parameter["schema"])
                )
            for media, content in operation.get("requestBody", {}).get("content", {}).items():
                inputs.append((f"{label} body ({media})", content["schema"]))
    return inputs


def test_every_input_of_the_api_is_bounded() -> None:
    inputs = operation_inputs()
    assert len(inputs) > 100
    problems = [p for where, schema in inputs for p in unbounded(schema, where, frozenset())]
    assert problems == [], "\n".join(problems)


def models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in models_in(arg)]


def test_schema_names_are_unique() -> None:
    by_name: dict[str, set[type[BaseModel]]] = defaultdict(set)
    pending: list[type[BaseModel]] = []
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                pending += list(operation.models)
                pending += [m for m in operation.response_models.values() if m]
    seen: set[type[BaseModel]] = set()
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        if model.__module__.startswith("sousei."):
            by_name[model.__name__].add(model)
        for field in model.model_fields.values():
            pending += models_in(field.annotation)
    assert len(by_name) > 50
    shared = {
        name: sorted(f"{m.__module__}.{m.__qualname__}" for m in models)
        for name, models in by_name.items()
        if len(models) > 1
    }
    assert shared == {}


def test_the_document_shows_the_real_shapes_of_once_shared_names() -> None:
    """TokenIn, ProjectOut and the rest once shared a name, and the document showed one shape
    for both: sign-in documented as taking {token}."""

    def fields(path: str, method: str, *where: str) -> set[str]:
        node: Any = DOCUMENT["paths"][path][method]
        for key in where:
            node = node[key] if key in node else node[int(key)]  # status codes are ints
        return set(resolve(node["schema"])["properties"])

    json_body = ("requestBody", "content", "application/json")
    assert fields("/api/v1/auth/token", "post", *json_body) == {"username", "password"}
    cancel = "/api/v1/regions/{slug}/bookings/{booking_id}/cancel"
    assert fields(cancel, "post", *json_body) == {"reason"}
    project = fields(
        "/api/v1/regions/{slug}/projects/{project_id}",
        "get",
        "responses",
        "200",
        "content",
        "application/json",
    )
    assert {"headcount", "hourly_rate_jpy"} <= project
