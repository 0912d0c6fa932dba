"""The API's reference page (/api/v1/docs/): the OpenAPI document read into operations and schemas, for a
server-rendered page with ECL markup that works without scripts, with the keyboard and a screen reader."""

from functools import cache

from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


@cache
def document():
    """The OpenAPI document, as /api/v1/openapi.json serves it; made once per process (it is in the code)."""
    return SchemaGenerator().get_schema(request=None, public=True)


def _name(ref):
    return ref.rsplit("/", 1)[-1]


def type_of(schema):
    """A schema's type in a few words: "integer", "array of Event", "one of: draft, open", "RequestDetail"."""
    if "$ref" in schema:
        return _name(schema["$ref"])
    if "enum" in schema:
        return "one of: " + ", ".join(str(value) for value in schema["enum"] if value not in ("", None))
    if schema.get("type") == "array":
        return "array of " + type_of(schema.get("items", {}))
    if "allOf" in schema or "oneOf" in schema:
        return " | ".join(type_of(part) for part in schema.get("allOf", schema.get("oneOf")))
    kind = schema.get("type", "object")
    if isinstance(kind, list):
        kind = " | ".join(kind)
    return f"{kind} ({schema['format']})" if "format" in schema else kind


def fields_of(schema):
    """The properties of an object schema: ``[{name, type, required, description}]``."""
    required = set(schema.get("required", []))
    return [
        {
            "name": name,
            "type": type_of(field),
            "ref": _name(field["$ref"]) if "$ref" in field else _name(field.get("items", {}).get("$ref", "")),
            "required": name in required,
            "description": field.get("description", ""),
            "read_only": field.get("readOnly", False),
        }
        for name, field in schema.get("properties", {}).items()
    ]


def operations():
    """``[(tag, [operation])]`` in the document's order; each operation with its parameters, body and answers."""
    groups = {}
    for path, methods in document()["paths"].items():
        for method in METHODS:
            operation = methods.get(method)
            if operation is None:
                continue
            body = operation.get("requestBody", {}).get("content", {})
            groups.setdefault(operation.get("tags", ["api"])[0], []).append(
                {
                    "id": operation["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "where": parameter["in"],
                            "type": type_of(parameter.get("schema", {})),
                            "required": parameter.get("required", False),
                            "description": parameter.get("description", ""),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "body": [(media, type_of(content.get("schema", {}))) for media, content in body.items()],
                    "responses": [
                        {
                            "status": status,
                            "description": answer.get("description", ""),
                            "content": [
                                (media, type_of(content.get("schema", {})))
                                for media, content in answer.get("content", {}).items()
                            ],
                        }
                        for status, answer in operation.get("responses", {}).items()
                    ],
                }
            )
    return list(groups.items())


def schemas():
    """``[(name, description, fields)]`` of the document's components."""
    return [
        (name, schema.get("description", ""), fields_of(schema))
        for name, schema in document()["components"]["schemas"].items()
    ]
