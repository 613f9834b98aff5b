"""IAM enforcement for the test bed (off by default; POST /_testbed/iam {"enabled": true}).

moto's own enforcement checks actions only, never resources, conditions or iam:PassRole. Here
each request is turned into the IAM authorizations AWS performs for it (action, resource ARN,
condition context; iam:PassRole for roles a request hands to a service) and evaluated against
the caller's identity policies and permissions boundary: explicit deny, then allow, else
implicit deny. Registry pushes and pulls are checked as the ECR actions they are.

The decision is @cloud-copilot/iam-simulate's (test/testbed/iam-oracle.mjs, run by Node when the
server is given --iam-oracle), so what the suite's own evaluator says in the pre-flight is checked
against an independent implementation on every enforced request. The small evaluator below
decides too: a disagreement is journaled ("iam-disagreement") and fails npm test at teardown.

Credentials that belong to no IAM user or assumed role (the test bed's default keys) act as the
account's root user, so tests can set up roles and policies with enforcement on.
"""
from __future__ import annotations

import ipaddress
import json
import re
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, unquote

from moto.iam.access_control import AssumedRoleAccessKey, CreateAccessKeyFailure, IAMUserAccessKey
from moto.iam.models import iam_backends

from tb_core import Bed

PREFIX = {"ecs": "ecs", "ecr": "ecr", "codedeploy": "codedeploy", "elasticloadbalancing": "elasticloadbalancing",
          "monitoring": "cloudwatch", "logs": "logs", "sts": "sts", "iam": "iam"}
# Calls that need no permission at all.
ALWAYS_ALLOWED = {("sts", "GetCallerIdentity")}


def glob(pattern: str, value: str, case: bool = True) -> bool:
    if not case:
        pattern, value = pattern.lower(), value.lower()
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, value, flags=re.DOTALL) is not None


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


class Authorization:
    """One authorization AWS performs for a request."""

    def __init__(self, action: str, resource: str, context: dict[str, Any] | None = None) -> None:
        self.action = action
        self.resource = resource
        self.context = context or {}


# ---- policy evaluation ---------------------------------------------------------------------------

def condition_matches(operator: str, key: str, wanted: list[Any], context: dict[str, Any]) -> bool:
    quantifier = ""
    if ":" in operator and operator.split(":")[0] in ("ForAnyValue", "ForAllValues"):
        quantifier, operator = operator.split(":", 1)
    if_exists = operator.endswith("IfExists")
    if if_exists:
        operator = operator[: -len("IfExists")]
    present = key in context or key.lower() in {k.lower() for k in context}
    actual_raw = next((v for k, v in context.items() if k.lower() == key.lower()), None)
    if operator == "Null":
        want_null = str(wanted[0]).lower() == "true"
        return (not present) == want_null
    negative = operator.startswith(("StringNot", "ArnNot", "NumericNot", "DateNot", "NotIp"))
    if not present:
        # AWS: a missing key fails a condition, except IfExists, negated operators and ForAllValues.
        return quantifier == "ForAllValues" or if_exists or negative
    actual = as_list(actual_raw)

    def one(value: Any, expected: Any) -> bool:
        v, e = str(value), str(expected)
        if operator in ("StringEquals", "ArnEquals"):
            return v == e
        if operator == "StringEqualsIgnoreCase":
            return v.lower() == e.lower()
        if operator in ("StringLike", "ArnLike"):
            return glob(e, v)
        if operator == "Bool":
            return v.lower() == e.lower()
        if operator.startswith("Numeric"):
            a, b = float(v), float(e)
            return {"NumericEquals": a == b, "NumericLessThan": a < b, "NumericLessThanEquals": a <= b,
                    "NumericGreaterThan": a > b, "NumericGreaterThanEquals": a >= b}.get(operator, False)
        if operator.startswith("Date"):
            a, b = parse_date(v), parse_date(e)
            return {"DateEquals": a == b, "DateLessThan": a < b, "DateLessThanEquals": a <= b,
                    "DateGreaterThan": a > b, "DateGreaterThanEquals": a >= b}.get(operator, False)
        if operator == "IpAddress":
            return ipaddress.ip_address(v) in ipaddress.ip_network(e, strict=False)
        return False

    negated = {"StringNotEquals": "StringEquals", "StringNotLike": "StringLike", "ArnNotEquals": "ArnEquals",
               "ArnNotLike": "ArnLike", "NumericNotEquals": "NumericEquals", "DateNotEquals": "DateEquals",
               "StringNotEqualsIgnoreCase": "StringEqualsIgnoreCase", "NotIpAddress": "IpAddress"}
    if operator in negated:
        operator = negated[operator]
        if quantifier == "ForAllValues":
            return all(not any(one(a, w) for w in wanted) for a in actual)
        if quantifier == "ForAnyValue":
            return any(not any(one(a, w) for w in wanted) for a in actual)
        return not any(one(a, w) for a in actual for w in wanted)
    if quantifier == "ForAllValues":
        return all(any(one(a, w) for w in wanted) for a in actual)
    return any(one(a, w) for a in actual for w in wanted)


def parse_date(text: str) -> float:
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text)
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def statement_applies(statement: dict[str, Any], request: Authorization) -> bool:
    if "Action" in statement and not any(glob(p, request.action, case=False) for p in as_list(statement["Action"])):
        return False
    if "NotAction" in statement and any(glob(p, request.action, case=False) for p in as_list(statement["NotAction"])):
        return False
    if "Resource" in statement and not any(glob(p, request.resource) for p in as_list(statement["Resource"])):
        return False
    if "NotResource" in statement and any(glob(p, request.resource) for p in as_list(statement["NotResource"])):
        return False
    for operator, pairs in (statement.get("Condition") or {}).items():
        for key, wanted in pairs.items():
            if not condition_matches(operator, key, as_list(wanted), request.context):
                return False
    return True


def decide(documents: list[dict[str, Any]], request: Authorization) -> str:
    """'Deny' (explicit), 'Allow', or 'ImplicitDeny' for one request against policy documents."""
    allowed = False
    for document in documents:
        for statement in as_list(document.get("Statement")):
            if statement_applies(statement, request):
                if statement.get("Effect") == "Deny":
                    return "Deny"
                if statement.get("Effect") == "Allow":
                    allowed = True
    return "Allow" if allowed else "ImplicitDeny"


def document_of(policy: Any) -> dict[str, Any]:
    if isinstance(policy, dict):
        return policy
    if isinstance(policy, str):
        return json.loads(unquote(policy) if policy.startswith("%7B") else policy)
    text = getattr(policy, "document", None)
    if text is None and hasattr(policy, "default_version"):
        text = policy.default_version.document
    return document_of(text)


# ---- the caller ----------------------------------------------------------------------------------

class Caller:
    def __init__(self, arn: str, identity: list[dict[str, Any]] | None, boundary: dict[str, Any] | None) -> None:
        self.arn = arn
        self.identity = identity  # None: the account root, allowed everything
        self.boundary = boundary


def find_caller(account: str, access_key: str | None, headers: dict[str, str]) -> Caller:
    root = Caller(f"arn:aws:iam::{account}:root", None, None)
    if not access_key:
        return root
    backend = iam_backends[account]["aws"]
    try:
        user = IAMUserAccessKey(account, "aws", access_key, headers)
        name = user.arn.split("/")[-1]
        boundary_arn = getattr(backend.get_user(name), "permissions_boundary", None)
        return Caller(user.arn, [document_of(p) for p in user.collect_policies()], boundary_document(backend, boundary_arn))
    except CreateAccessKeyFailure:
        pass
    try:
        assumed = AssumedRoleAccessKey(account, "aws", access_key, {"X-Amz-Security-Token": headers.get("X-Amz-Security-Token", "")})
        role = backend.get_role(assumed.arn.split("/")[1])
        return Caller(assumed.arn, [document_of(p) for p in assumed.collect_policies()],
                      boundary_document(backend, getattr(role, "permissions_boundary", None)))
    except (CreateAccessKeyFailure, KeyError):
        return root


def boundary_document(backend: Any, arn: str | None) -> dict[str, Any] | None:
    if not arn:
        return None
    return document_of(backend.get_policy(arn))


class Oracle:
    """@cloud-copilot/iam-simulate in a Node process (test/testbed/iam-oracle.mjs), one request at a time."""

    def __init__(self, node: str, script: str) -> None:
        self.proc = subprocess.Popen([node, script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        self.lock = threading.Lock()

    def decide(self, caller: Caller, request: Authorization, account: str) -> dict[str, Any]:
        payload = json.dumps({"principal": caller.arn, "action": request.action, "resource": request.resource,
                              "account": account, "context": request.context, "identity": caller.identity,
                              "boundary": caller.boundary})
        with self.lock:
            assert self.proc.stdin is not None and self.proc.stdout is not None
            self.proc.stdin.write(payload + "\n")
            self.proc.stdin.flush()
            line = self.proc.stdout.readline()
        if not line:
            return {"error": "the IAM oracle exited"}
        return json.loads(line)

    def close(self) -> None:
        self.proc.terminate()


def decide_with_oracle(oracle: Oracle | None, bed: Bed, caller: Caller, request: Authorization) -> tuple[bool, str]:
    """The oracle decides when there is one; our evaluator decides too, and a disagreement is journaled."""
    allowed, why = evaluate(caller, request)
    if oracle is None or caller.identity is None:
        return allowed, why
    answer = oracle.decide(caller, request, bed.account_id)
    decision = answer.get("decision")
    if decision is None:
        bed.journal.add("iam-oracle-error", action=request.action, resource=request.resource, error=answer.get("error"))
        return allowed, why
    if (decision == "Allow") != allowed:
        bed.journal.add("iam-disagreement", action=request.action, resource=request.resource, context=request.context,
                        oracle=decision, ours=why or "Allow", caller=caller.arn)
        return decision == "Allow", ("" if decision == "Allow" else why or f"because no identity-based policy allows the {request.action} action")
    return allowed, why


def evaluate(caller: Caller, request: Authorization) -> tuple[bool, str]:
    if caller.identity is None:
        return True, ""
    decision = decide(caller.identity, request)
    if decision == "Deny":
        return False, "with an explicit deny in an identity-based policy"
    if decision == "ImplicitDeny":
        return False, f"because no identity-based policy allows the {request.action} action"
    if caller.boundary is not None:
        bounded = decide([caller.boundary], request)
        if bounded != "Allow":
            return False, f"because no permissions boundary allows the {request.action} action"
    return True, ""


# ---- what each request needs ---------------------------------------------------------------------

@dataclass
class Call:
    """One API request, as the rules below read it."""

    service: str
    operation: str
    params: dict[str, Any]
    region: str
    account: str
    bed: Bed

    @property
    def action(self) -> str:
        return f"{PREFIX.get(self.service, self.service)}:{self.operation}"

    @property
    def arn(self) -> str:
        """The ARN prefix of this service's resources in the request's region and account."""
        return f"arn:aws:{PREFIX.get(self.service, self.service)}:{self.region}:{self.account}"

    def on(self, resource: str, context: dict[str, str] | None = None) -> Authorization:
        """The request's own action on a resource."""
        return Authorization(self.action, resource, context or {})

    def anywhere(self) -> list[Authorization]:
        return [self.on("*")]

    def cluster_name(self, value: Any = None) -> str:
        return str(value or self.params.get("cluster") or "default").split("/")[-1]

    def cluster_arn(self, value: Any = None) -> str:
        return f"arn:aws:ecs:{self.region}:{self.account}:cluster/{self.cluster_name(value)}"

    def in_cluster(self) -> dict[str, str]:
        """The ecs:cluster condition key of a request in the named cluster."""
        return {"ecs:cluster": self.cluster_arn()}

    def ecs_resource(self, kind: str, name: Any) -> str:
        return f"{self.arn}:{kind}/{self.cluster_name()}/{str(name).split('/')[-1]}"

    def pass_roles(self, roles: list[Any], to_service: str) -> list[Authorization]:
        return [Authorization("iam:PassRole", str(r), {"iam:PassedToService": to_service}) for r in roles if r]


Rule = Callable[[Call], list[Authorization]]

# ---- ECS ------------------------------------------------------------------------------------------


def ecs_register_task_definition(c: Call) -> list[Authorization]:
    needed = [c.on("*")] + c.pass_roles([c.params.get("taskRoleArn"), c.params.get("executionRoleArn")], "ecs-tasks.amazonaws.com")
    if c.params.get("tags"):
        needed.append(Authorization("ecs:TagResource", f"{c.arn}:task-definition/{c.params.get('family')}:*",
                                    {"ecs:CreateAction": "RegisterTaskDefinition"}))
    return needed


def ecs_service_write(c: Call) -> list[Authorization]:
    service_arn = c.ecs_resource("service", c.params.get("serviceName") or c.params.get("service") or "")
    needed = [c.on(service_arn, c.in_cluster())]
    # The roles ECS acts with for ECS-native blue/green: the load balancer's infrastructure role and
    # the lifecycle hooks' roles are handed to ECS with the request.
    balancers = as_list(c.params.get("loadBalancers"))
    hooks = as_list((c.params.get("deploymentConfiguration") or {}).get("lifecycleHooks"))
    needed += c.pass_roles([(lb.get("advancedConfiguration") or {}).get("roleArn") for lb in balancers]
                           + [h.get("roleArn") for h in hooks], "ecs.amazonaws.com")
    if c.operation == "CreateService" and c.params.get("tags"):
        needed.append(Authorization("ecs:TagResource", service_arn, {"ecs:CreateAction": "CreateService"}))
    return needed


def ecs_run_task(c: Call) -> list[Authorization]:
    td = str(c.params.get("taskDefinition") or "")
    overrides = c.params.get("overrides") or {}
    return [c.on(td if td.startswith("arn:") else f"{c.arn}:task-definition/{td}", c.in_cluster())] + c.pass_roles(
        [overrides.get("taskRoleArn"), overrides.get("executionRoleArn")], "ecs-tasks.amazonaws.com")


def by_resource_arn(c: Call) -> list[Authorization]:
    return [c.on(str(c.params.get("resourceArn")))]


def each_arn(key: str) -> Rule:
    """One authorization per ARN the request lists under `key`."""
    return lambda c: [c.on(str(a)) for a in as_list(c.params.get(key))]


ECS: dict[str, Rule] = {
    "RegisterTaskDefinition": ecs_register_task_definition,
    "CreateService": ecs_service_write,
    "UpdateService": ecs_service_write,
    "DeleteService": ecs_service_write,
    "DescribeServices": lambda c: [c.on(c.ecs_resource("service", s), c.in_cluster()) for s in as_list(c.params.get("services"))],
    "RunTask": ecs_run_task,
    "StartTask": ecs_run_task,
    "StopTask": lambda c: [c.on(c.ecs_resource("task", c.params.get("task")), c.in_cluster())],
    "DescribeTasks": lambda c: [c.on(c.ecs_resource("task", t), c.in_cluster()) for t in as_list(c.params.get("tasks"))],
    "ListServiceDeployments": lambda c: [c.on(c.ecs_resource("service", c.params.get("service")), c.in_cluster())],
    "DescribeServiceDeployments": each_arn("serviceDeploymentArns"),
    "DescribeServiceRevisions": each_arn("serviceRevisionArns"),
    "StopServiceDeployment": each_arn("serviceDeploymentArn"),
    "ContinueServiceDeployment": each_arn("serviceDeploymentArn"),
    "TagResource": by_resource_arn,
    "UntagResource": by_resource_arn,
    "ListTagsForResource": by_resource_arn,
    "DescribeClusters": lambda c: [c.on(c.cluster_arn(n)) for n in as_list(c.params.get("clusters"))] or c.anywhere(),
    "ListServices": lambda c: [c.on("*", c.in_cluster())],
    "ListTasks": lambda c: [c.on("*", c.in_cluster())],
}

# ---- ECR ------------------------------------------------------------------------------------------


def ecr_repository(c: Call) -> list[Authorization]:
    """Every other ECR operation acts on the repository it names."""
    repository = f"{c.arn}:repository/{c.params.get('repositoryName')}"
    needed = [c.on(repository)]
    if c.operation == "CreateRepository" and c.params.get("tags"):
        needed.append(Authorization("ecr:TagResource", repository))
    return needed


ECR: dict[str, Rule] = {
    "GetAuthorizationToken": Call.anywhere,
    "DescribeRepositories": lambda c: [c.on(f"{c.arn}:repository/{n}") for n in as_list(c.params.get("repositoryNames"))]
    or c.anywhere(),
    "TagResource": by_resource_arn,
    "UntagResource": by_resource_arn,
    "ListTagsForResource": by_resource_arn,
}

# ---- CodeDeploy -----------------------------------------------------------------------------------


def deployment_group_arn(c: Call) -> str:
    return f"{c.arn}:deploymentgroup:{c.params.get('applicationName')}/{c.params.get('deploymentGroupName')}"


def codedeploy_create_deployment(c: Call) -> list[Authorization]:
    needed = [c.on(deployment_group_arn(c))]
    config = c.params.get("deploymentConfigName")
    if config:
        needed.append(Authorization("codedeploy:GetDeploymentConfig", f"{c.arn}:deploymentconfig:{config}"))
    needed.append(Authorization("codedeploy:GetApplicationRevision", f"{c.arn}:application:{c.params.get('applicationName')}"))
    return needed


def codedeploy_get_deployments(c: Call) -> list[Authorization]:
    """Authorized on each deployment's group, which the engine knows."""
    needed = []
    for deployment_id in as_list(c.params.get("deploymentId")) + as_list(c.params.get("deploymentIds")):
        found = deployment_group_of(c.bed, str(deployment_id))
        needed.append(c.on(f"{c.arn}:deploymentgroup:{found}" if found else "*"))
    return needed or c.anywhere()


def on_deployment_group(c: Call) -> list[Authorization]:
    return [c.on(deployment_group_arn(c))]


def on_deployment_config(c: Call) -> list[Authorization]:
    return [c.on(f"{c.arn}:deploymentconfig:{c.params.get('deploymentConfigName')}")]


def on_application(c: Call) -> list[Authorization]:
    return [c.on(f"{c.arn}:application:{c.params.get('applicationName')}")]


CODEDEPLOY: dict[str, Rule] = {
    "CreateDeploymentGroup": lambda c: on_deployment_group(c) + c.pass_roles([c.params.get("serviceRoleArn")], "codedeploy.amazonaws.com"),
    "UpdateDeploymentGroup": lambda c: on_deployment_group(c) + c.pass_roles([c.params.get("serviceRoleArn")], "codedeploy.amazonaws.com"),
    "CreateDeployment": codedeploy_create_deployment,
    "GetDeploymentGroup": on_deployment_group,
    "DeleteDeploymentGroup": on_deployment_group,
    "ListDeployments": on_deployment_group,
    # No resource-level permissions (the service authorization reference): only "*" matches.
    "StopDeployment": Call.anywhere,
    "ContinueDeployment": Call.anywhere,
    "ListDeploymentTargets": Call.anywhere,
    "BatchGetDeploymentTargets": Call.anywhere,
    "GetDeployment": codedeploy_get_deployments,
    "BatchGetDeployments": codedeploy_get_deployments,
    "GetDeploymentConfig": on_deployment_config,
    "CreateDeploymentConfig": on_deployment_config,
    "DeleteDeploymentConfig": on_deployment_config,
    "CreateApplication": on_application,
    "GetApplication": on_application,
    "DeleteApplication": on_application,
    "RegisterApplicationRevision": on_application,
    "GetApplicationRevision": on_application,
    "ListDeploymentGroups": on_application,
}

# ---- the rest -------------------------------------------------------------------------------------

ELBV2: dict[str, Rule] = {
    "ModifyListener": lambda c: [c.on(str(c.params.get("ListenerArn")))],
    "DeleteListener": lambda c: [c.on(str(c.params.get("ListenerArn")))],
    "ModifyTargetGroup": lambda c: [c.on(str(c.params.get("TargetGroupArn")))],
    "RegisterTargets": lambda c: [c.on(str(c.params.get("TargetGroupArn")))],
    "DeregisterTargets": lambda c: [c.on(str(c.params.get("TargetGroupArn")))],
    "ModifyRule": lambda c: [c.on(str(c.params.get("RuleArn")))],
}


def alarm_arn(c: Call, name: Any) -> str:
    return f"arn:aws:cloudwatch:{c.region}:{c.account}:alarm:{name}"


CLOUDWATCH: dict[str, Rule] = {
    "PutMetricAlarm": lambda c: [c.on(alarm_arn(c, c.params.get("AlarmName")))],
    "SetAlarmState": lambda c: [c.on(alarm_arn(c, c.params.get("AlarmName")))],
    "DescribeAlarms": lambda c: [c.on(alarm_arn(c, n)) for n in as_list(c.params.get("AlarmNames"))] or c.anywhere(),
}


def logs_rule(c: Call) -> list[Authorization]:
    group = c.params.get("logGroupName")
    if group is None:
        return c.anywhere()
    base = f"arn:aws:logs:{c.region}:{c.account}:log-group:{group}"
    if c.operation in ("GetLogEvents", "PutLogEvents") and c.params.get("logStreamName"):
        return [c.on(f"{base}:log-stream:{c.params['logStreamName']}")]
    return [c.on(f"{base}:*")]


def iam_rule(c: Call) -> list[Authorization]:
    for key, kind in (("RoleName", "role"), ("UserName", "user"), ("GroupName", "group")):
        if c.params.get(key):
            return [c.on(f"arn:aws:iam::{c.account}:{kind}/{c.params[key]}")]
    for key in ("PolicyArn", "PolicySourceArn"):
        if c.params.get(key):
            return [c.on(str(c.params[key]))]
    return c.anywhere()


# Per service (as the request's endpoint names it): the rule of each operation, and the rule of the
# operations not listed. The resources and condition keys follow the service authorization reference.
RULES: dict[str, tuple[dict[str, Rule], Rule]] = {
    "ecs": (ECS, Call.anywhere),
    "ecr": (ECR, ecr_repository),
    "codedeploy": (CODEDEPLOY, Call.anywhere),
    "elasticloadbalancing": (ELBV2, Call.anywhere),
    "monitoring": (CLOUDWATCH, Call.anywhere),
    "logs": ({}, logs_rule),
    "sts": ({"AssumeRole": lambda c: [c.on(str(c.params.get("RoleArn")))]}, Call.anywhere),
    "iam": ({}, iam_rule),
}


def authorizations(service: str, operation: str, params: dict[str, Any], region: str, account: str, bed: Bed) -> list[Authorization]:
    """What a request needs authorized: the resources (and condition keys) of its action, and any other action it implies."""
    call = Call(service, operation, params, region, account, bed)
    rules, otherwise = RULES.get(service, ({}, Call.anywhere))
    return rules.get(operation, otherwise)(call)


def deployment_group_of(bed: Bed, deployment_id: str) -> str | None:
    for engine in bed.engines:
        deployments = getattr(engine, "deployments", None)
        if isinstance(deployments, dict) and deployment_id in deployments:
            deployment = deployments[deployment_id]
            return f"{deployment.application}/{deployment.group.deployment_group_name}"
    return None


def request_params(protocol: str, body: bytes, query_string: str) -> dict[str, Any]:
    if protocol == "json":
        try:
            parsed = json.loads(body or b"{}")
            return parsed if isinstance(parsed, dict) else {}
        except ValueError:
            return {}
    values = parse_qs(body.decode("utf-8", "replace")) if body else {}
    values.update(parse_qs(query_string))
    flat: dict[str, Any] = {}
    for key, items in values.items():
        # AlarmNames.member.1 -> AlarmNames
        base = key.split(".")[0]
        if ".member." in key:
            flat.setdefault(base, []).append(items[0])
        else:
            flat[key] = items[0]
    return flat


def denial(protocol: str, caller: Caller, request: Authorization, why: str) -> tuple[str, list[tuple[str, str]], bytes]:
    message = f"User: {caller.arn} is not authorized to perform: {request.action} on resource: {request.resource} {why}"
    if protocol == "json":
        body = json.dumps({"__type": "AccessDeniedException", "message": message}).encode()
        return "400 Bad Request", [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-ErrorType", "AccessDeniedException"),
                                   ("Content-Length", str(len(body)))], body
    body = (f"<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>{message}</Message></Error>"
            f"<RequestId>testbed</RequestId></ErrorResponse>").encode()
    return "403 Forbidden", [("Content-Type", "text/xml"), ("Content-Length", str(len(body)))], body


def install(bed: Bed, oracle: Oracle | None = None) -> None:
    def authorize(service: str, operation: str, body: bytes, access_key: str | None, protocol: str,
                  environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes] | None:
        if (service, operation) in ALWAYS_ALLOWED:
            return None
        region = re.search(r"Credential=[^/]+/\d{8}/([^/]+)/", environ.get("HTTP_AUTHORIZATION", ""))
        headers = {"X-Amz-Security-Token": environ.get("HTTP_X_AMZ_SECURITY_TOKEN", "")}
        caller = find_caller(bed.account_id, access_key, headers)
        params = request_params(protocol, body, environ.get("QUERY_STRING", ""))
        for request in authorizations(service, operation, params, region.group(1) if region else "us-east-1", bed.account_id, bed):
            allowed, why = decide_with_oracle(oracle, bed, caller, request)
            if not allowed:
                bed.journal.add("iam-denied", service=service, operation=operation, action=request.action,
                                resource=request.resource, caller=caller.arn)
                return denial(protocol, caller, request, why)
        return None

    bed.authorize = authorize

    def registry_check(access_key: str | None, session_token: str, action: str, resource: str) -> str | None:
        """For the registry proxy: the denial message, or None when the token's principal may do it."""
        if not bed.iam_enforcement or (bed.iam_enforced_keys is not None and access_key not in bed.iam_enforced_keys):
            return None
        caller = find_caller(bed.account_id, access_key, {"X-Amz-Security-Token": session_token})
        allowed, why = decide_with_oracle(oracle, bed, caller, Authorization(action, resource))
        if allowed:
            return None
        bed.journal.add("iam-denied", service="ecr", operation="registry", action=action, resource=resource, caller=caller.arn)
        return f"User: {caller.arn} is not authorized to perform: {action} on resource: {resource} {why}"

    bed.registry_check = registry_check
