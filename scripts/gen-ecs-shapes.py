"""Writes src/core/taskdef/ecs-shapes.json: the keys RegisterTaskDefinition accepts, nested, from
botocore's ECS model (in the test bed's virtualenv). Run: .cache/venv/bin/python scripts/gen-ecs-shapes.py"""
import json
import os

from botocore import __version__ as botocore_version
from botocore.loaders import Loader

model = Loader().load_service_model("ecs", "service-2")
shapes = model["shapes"]
out: dict[str, dict] = {}


def visit(name: str) -> None:
    if name in out:
        return
    shape = shapes[name]
    kind = shape["type"]
    if kind == "structure":
        out[name] = {"type": "structure", "members": {k: v["shape"] for k, v in shape["members"].items()}}
        for member in shape["members"].values():
            visit(member["shape"])
    elif kind == "list":
        out[name] = {"type": "list", "member": shape["member"]["shape"]}
        visit(shape["member"]["shape"])
    elif kind == "map":
        out[name] = {"type": "map", "value": shape["value"]["shape"]}
        visit(shape["value"]["shape"])
    else:
        entry = {"type": kind}
        if "enum" in shape:
            entry["enum"] = shape["enum"]
        out[name] = entry


visit("RegisterTaskDefinitionRequest")
target = os.path.join(os.path.dirname(__file__), "..", "src", "core", "taskdef", "ecs-shapes.json")
with open(target, "w") as f:
    json.dump({"source": f"botocore {botocore_version} ecs/2014-11-13", "root": "RegisterTaskDefinitionRequest", "shapes": out}, f,
              indent=1, sort_keys=True)
    f.write("\n")
print(f"wrote {len(out)} shapes")
