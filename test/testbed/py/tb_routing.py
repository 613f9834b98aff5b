"""Which target groups an ALB listener would send a request to, as the listener's rules say: rules
in priority order, the first whose conditions all match wins (else the default action), and a
forward action's weighted target groups. No request is ever sent; tests ask through the control
endpoint `POST elbv2/route` with the request's path, headers and cookies.
"""
from __future__ import annotations

import fnmatch
from typing import Any


def wildcard(pattern: str, value: str) -> bool:
    """ALB condition values: * and ? wildcards, case-insensitive for headers."""
    return fnmatch.fnmatchcase(value.lower(), pattern.lower().replace("[", "[[]"))


def condition_matches(condition: dict[str, Any], request: dict[str, Any]) -> bool:
    field = condition.get("Field")
    headers = {k.lower(): v for k, v in request["headers"].items()}
    if field == "http-header":
        config = condition.get("HttpHeaderConfig") or {}
        value = headers.get(str(config.get("HttpHeaderName", "")).lower())
        return value is not None and any(wildcard(str(v), value) for v in config.get("Values") or [])
    if field == "path-pattern":
        values = (condition.get("PathPatternConfig") or {}).get("Values") or condition.get("Values") or []
        return any(fnmatch.fnmatchcase(request["path"], str(v)) for v in values)
    if field == "host-header":
        values = (condition.get("HostHeaderConfig") or {}).get("Values") or condition.get("Values") or []
        return any(wildcard(str(v), headers.get("host", "")) for v in values)
    if field == "http-request-method":
        values = (condition.get("HttpRequestMethodConfig") or {}).get("Values") or []
        return request["method"] in values
    return False


def forward_weights(actions: list[Any]) -> dict[str, int]:
    for action in actions:
        data = action.data if hasattr(action, "data") else action
        if data.get("Type") != "forward":
            continue
        groups = (data.get("ForwardConfig") or {}).get("TargetGroups") or []
        if groups:
            return {str(g["TargetGroupArn"]): int(g.get("Weight", 1)) for g in groups}
        if data.get("TargetGroupArn"):
            return {str(data["TargetGroupArn"]): 1}
    return {}


def route(elbv2: Any, payload: dict[str, Any]) -> dict[str, Any]:
    """The rule a request on the listener matches, and the target groups it forwards to by weight."""
    cookies = payload.get("cookies") or {}
    headers = dict(payload.get("headers") or {})
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    request = {"path": payload.get("path", "/"), "method": payload.get("method", "GET"), "headers": headers}
    rules = sorted(elbv2.describe_rules(listener_arn=payload["listenerArn"], rule_arns=None),
                   key=lambda r: (r.is_default, int(r.priority) if str(r.priority).isdigit() else 10**9))
    for rule in rules:
        if rule.is_default or all(condition_matches(c, request) for c in rule.conditions):
            return {"ruleArn": rule.arn, "default": bool(rule.is_default), "targetGroups": forward_weights(rule.actions)}
    return {"ruleArn": None, "default": True, "targetGroups": {}}
