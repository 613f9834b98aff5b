"""Checks every JSON response the test bed sends against botocore's output shape for the
operation (moto ships botocore's models), so an engine that writes a field AWS does not have, a
wrong type or an unknown enum value is caught instead of being trusted by the tests above it."""
from __future__ import annotations

import json
from typing import Any

from botocore.loaders import Loader
from botocore.model import ServiceModel, Shape

SERVICES = {"ecs": "ecs", "ecr": "ecr", "codedeploy": "codedeploy", "logs": "logs"}


class ShapeChecker:
    def __init__(self) -> None:
        self.loader = Loader()
        self.models: dict[str, ServiceModel] = {}

    def model(self, service: str) -> ServiceModel | None:
        name = SERVICES.get(service)
        if name is None:
            return None
        if name not in self.models:
            self.models[name] = ServiceModel(self.loader.load_service_model(name, "service-2"), service_name=name)
        return self.models[name]

    def check(self, service: str, operation: str, body: bytes) -> list[str]:
        model = self.model(service)
        if model is None or operation not in model.operation_names:
            return []
        shape = model.operation_model(operation).output_shape
        if shape is None:
            return []
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            return [f"{operation}: response is not JSON"]
        problems: list[str] = []
        self.visit(shape, data, operation, problems)
        return problems

    def visit(self, shape: Shape, value: Any, path: str, problems: list[str]) -> None:
        kind = shape.type_name
        if value is None:
            problems.append(f"{path}: null")
            return
        if kind == "structure":
            if not isinstance(value, dict):
                problems.append(f"{path}: expected an object")
                return
            members = shape.members
            for key, item in value.items():
                if key not in members:
                    problems.append(f"{path}.{key}: not in the {shape.name} shape")
                else:
                    self.visit(members[key], item, f"{path}.{key}", problems)
        elif kind == "list":
            if not isinstance(value, list):
                problems.append(f"{path}: expected a list")
                return
            for index, item in enumerate(value):
                self.visit(shape.member, item, f"{path}[{index}]", problems)
        elif kind == "map":
            if not isinstance(value, dict):
                problems.append(f"{path}: expected a map")
                return
            for key, item in value.items():
                self.visit(shape.value, item, f"{path}.{key}", problems)
        elif kind == "string":
            if not isinstance(value, str):
                problems.append(f"{path}: expected a string, got {type(value).__name__}")
            elif shape.enum and value not in shape.enum:
                problems.append(f"{path}: '{value}' is not one of {shape.name}'s values")
        elif kind in ("integer", "long"):
            if not isinstance(value, int) or isinstance(value, bool):
                problems.append(f"{path}: expected an integer, got {value!r}")
        elif kind in ("double", "float"):
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                problems.append(f"{path}: expected a number, got {value!r}")
        elif kind == "boolean":
            if not isinstance(value, bool):
                problems.append(f"{path}: expected a boolean, got {value!r}")
        elif kind == "timestamp":
            if not isinstance(value, (int, float, str)) or isinstance(value, bool):
                problems.append(f"{path}: expected a timestamp, got {value!r}")
