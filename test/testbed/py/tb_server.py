"""The ecs-delivery test bed: moto in server mode with our deployment engine, request journal,
fault injection and a control API under /_testbed/. Started by `npm run testbed -- start`."""
from __future__ import annotations

import argparse
import io
import json
import os
import re
import signal
import socket
import sys
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from tb_core import Bed

TARGET_PREFIXES = {
    "AmazonEC2ContainerServiceV20141113": "ecs",
    "AmazonEC2ContainerRegistry_V20150921": "ecr",
    "CodeDeploy_20141006": "codedeploy",
    "Logs_20140328": "logs",
    "GraniteServiceVersion20100801": "monitoring",
}
CREDENTIAL_SCOPE = re.compile(r"Credential=([^/]+)/\d{8}/([^/]+)/([^/]+)/aws4_request")
# Request fields worth keeping in the journal: identifiers, not payloads.
JOURNAL_KEYS = {
    "cluster", "service", "services", "taskDefinition", "family", "forceNewDeployment", "desiredCount",
    "deploymentId", "deploymentIds", "applicationName", "deploymentGroupName", "deploymentConfigName",
    "repositoryName", "imageTag", "imageIds", "imageManifest", "tasks", "task", "reason", "autoRollbackEnabled",
    "serviceDeploymentArns", "TargetGroupArn", "RoleName", "PolicyArn", "AlarmName", "AlarmNames", "StateValue",
    "logGroupName", "logStreamName", "startedBy", "count", "status",
    "serviceDeploymentArn", "stopType", "hookId", "action", "deploymentConfiguration",
    # The service and task settings a deploy or a one-off task sends.
    "volumeConfigurations", "networkConfiguration", "capacityProviderStrategy", "serviceConnectConfiguration",
    "propagateTags", "enableExecuteCommand", "enableECSManagedTags", "healthCheckGracePeriodSeconds",
}


def identify(environ: dict[str, Any], body: bytes) -> tuple[str, str, dict[str, Any], str | None, str]:
    """Returns (service, operation, key parameters, access key id, protocol) of an AWS request."""
    auth = environ.get("HTTP_AUTHORIZATION", "")
    scope = CREDENTIAL_SCOPE.search(auth)
    access_key = scope.group(1) if scope else None
    service = scope.group(3) if scope else ""
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    params: dict[str, Any] = {}
    if target:
        prefix, _, operation = target.partition(".")
        service = service or TARGET_PREFIXES.get(prefix, prefix)
        try:
            parsed = json.loads(body or b"{}")
            if isinstance(parsed, dict):
                params = {k: v for k, v in parsed.items() if k in JOURNAL_KEYS}
        except ValueError:
            pass
        return service, operation, params, access_key, "json"
    path = environ.get("PATH_INFO", "")
    cbor = re.match(r"^/service/([^/]+)/operation/([^/]+)$", path)
    if cbor:
        return service or TARGET_PREFIXES.get(cbor.group(1), cbor.group(1)), cbor.group(2), {}, access_key, "cbor"
    query = parse_qs(body.decode("utf-8", "replace")) if body else {}
    query.update(parse_qs(environ.get("QUERY_STRING", "")))
    operation = (query.get("Action") or [""])[0]
    params = {k: v[0] for k, v in query.items() if k in JOURNAL_KEYS or k.split(".")[0] in JOURNAL_KEYS}
    return service, operation or f"{environ.get('REQUEST_METHOD')} {path}", params, access_key, "query"


def error_response(protocol: str, status: int, code: str, message: str) -> tuple[str, list[tuple[str, str]], bytes]:
    request_id = str(uuid.uuid4())
    reason = {400: "Bad Request", 403: "Forbidden", 500: "Internal Server Error", 501: "Not Implemented",
              503: "Service Unavailable"}.get(status, "Error")
    if protocol == "json":
        body = json.dumps({"__type": code, "message": message}).encode()
        headers = [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-ErrorType", code), ("x-amzn-RequestId", request_id)]
    else:
        body = (
            f'<ErrorResponse><Error><Type>{"Sender" if status < 500 else "Receiver"}</Type><Code>{code}</Code>'
            f"<Message>{message}</Message></Error><RequestId>{request_id}</RequestId></ErrorResponse>"
        ).encode()
        headers = [("Content-Type", "text/xml"), ("x-amzn-RequestId", request_id)]
    headers.append(("Content-Length", str(len(body))))
    return f"{status} {reason}", headers, body


class TestbedApp:
    """WSGI middleware in front of moto: control API, faults, journal, lazy engine advance."""

    def __init__(self, moto_app: Callable[..., Iterable[bytes]], bed: Bed, control: dict[str, Callable[..., Any]]) -> None:
        self.moto_app = moto_app
        self.bed = bed
        self.control = control
        from tb_shapes import ShapeChecker

        self.shapes: ShapeChecker | None = ShapeChecker()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length > 0 else b""
        environ["wsgi.input"] = io.BytesIO(body)
        if path.startswith("/_testbed/"):
            return self.handle_control(environ, start_response, path[len("/_testbed/"):], body)
        if path.startswith("/moto-api"):
            with self.bed.lock:
                return [b"".join(self.moto_app(environ, start_response))]
        service, operation, params, access_key, protocol = identify(environ, body)
        started = time.time()
        with self.bed.lock:
            fault = self.bed.faults.take(service, operation, access_key)
        # drop-response: the request is carried out, then the connection is cut before the answer:
        # the caller cannot tell whether it happened (a retry must not do it twice).
        drop_response = fault is not None and fault["kind"] == "drop-response"
        if fault is not None and not drop_response:
            self.bed.journal.add("request", service=service, operation=operation, params=params, status=0, fault=fault["kind"],
                                 accessKey=access_key)
            if fault["kind"] == "latency":
                time.sleep(fault["latencyMs"] / 1000)
            elif fault["kind"] == "drop":
                self.drop(environ)
            else:
                status, code, message = {
                    "throttle": (400, "ThrottlingException" if protocol == "json" else "Throttling", "Rate exceeded"),
                    "http500": (500, "InternalFailure", "The test bed injected an internal error."),
                    "http503": (503, "ServiceUnavailable", "The test bed injected an unavailable service."),
                }[fault["kind"]]
                line, headers, payload = error_response(protocol, status, code, message)
                start_response(line, headers)
                return [payload]
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], Any]:
            captured["status"] = status
            captured["headers"] = headers
            return lambda data: None

        with self.bed.lock:
            self.bed.advance()
            enforced = self.bed.iam_enforcement and (self.bed.iam_enforced_keys is None or access_key in self.bed.iam_enforced_keys)
            denial = self.bed.authorize(service, operation, body, access_key, protocol, environ) if enforced else None
            if denial is not None:
                line, headers, payload = denial
                captured["status"], captured["headers"] = line, headers
            else:
                try:
                    payload = b"".join(self.moto_app(environ, capture))
                except NotImplementedError:
                    # moto raises for operations it lacks; answer as an AWS endpoint without them would.
                    line, headers, payload = error_response(protocol, 501, "NotImplemented",
                                                            f"The test bed does not implement {service} {operation}.")
                    captured["status"], captured["headers"] = line, headers
            status_code = int(str(captured.get("status", "500")).split(" ")[0])
            if protocol == "json" and status_code == 200 and self.shapes is not None:
                for problem in self.shapes.check(service, operation, payload)[:20]:
                    self.bed.journal.add("shape-violation", service=service, operation=operation, problem=problem, accessKey=access_key)
                    print(f"test bed: response shape: {service} {problem}", flush=True)
            self.bed.journal.add(
                "request",
                service=service,
                operation=operation,
                params=params,
                status=status_code,
                accessKey=access_key,
                durationMs=round((time.time() - started) * 1000, 1),
                emulatedTime=self.bed.clock.now(),
                **({"denied": True} if denial is not None else {}),
                **({"fault": "drop-response"} if drop_response else {}),
            )
        if drop_response:
            self.drop(environ)
        start_response(captured.get("status", "500 Internal Server Error"), captured.get("headers", []))
        return [payload]

    @staticmethod
    def drop(environ: dict[str, Any]) -> None:
        sock = environ.get("werkzeug.socket")
        if isinstance(sock, socket.socket):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        raise ConnectionAbortedError("test bed fault: connection dropped")

    def handle_control(self, environ: dict[str, Any], start_response: Callable[..., Any], name: str, body: bytes) -> Iterable[bytes]:
        handler = self.control.get(f"{environ.get('REQUEST_METHOD')} {name}")
        if handler is None:
            start_response("404 Not Found", [("Content-Type", "application/json")])
            return [json.dumps({"error": f"no control endpoint {environ.get('REQUEST_METHOD')} {name}"}).encode()]
        try:
            payload = json.loads(body) if body else {}
            query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
            with self.bed.lock:
                self.bed.advance()
                result = handler(payload, query)
            start_response("200 OK", [("Content-Type", "application/json")])
            return [json.dumps(result, default=str).encode()]
        except (ValueError, KeyError) as error:
            start_response("400 Bad Request", [("Content-Type", "application/json")])
            return [json.dumps({"error": str(error)}).encode()]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--scale", type=float, default=60.0)
    parser.add_argument("--ready-file", default=None)
    parser.add_argument("--run-dir", default=None)
    parser.add_argument("--registry-binary", default="/usr/bin/docker-registry")
    parser.add_argument("--iam-oracle", default=None,
                        help="a Node binary: IAM decisions by @cloud-copilot/iam-simulate (test/testbed/iam-oracle.mjs)")
    args = parser.parse_args()
    if not args.host.startswith("127."):
        sys.exit("the test bed listens on loopback only")
    return args


@dataclass
class Parts:
    """What one test bed runs: the shared bed, the engines on it, the IAM oracle, registry and container runner."""

    bed: Bed
    oracle: Any
    registry: Any
    runner: Any


def assemble(args: argparse.Namespace) -> Parts:
    """Loads moto, installs the engines into it, and starts the registry and the container runner when there are ones."""
    # moto reads these when its modules load.
    os.environ.setdefault("MOTO_ALLOW_NONEXISTENT_REGION", "false")
    from moto.core import DEFAULT_ACCOUNT_ID

    import tb_codedeploy
    import tb_ecs

    bed = Bed(scale=args.scale, account_id=DEFAULT_ACCOUNT_ID)
    import tb_iam

    oracle = None
    if args.iam_oracle:
        oracle = tb_iam.Oracle(args.iam_oracle, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "iam-oracle.mjs"))
    tb_iam.install(bed, oracle)
    ecs_engine = tb_ecs.install(bed)
    bed.engines.append(ecs_engine)
    bed.engines.append(tb_codedeploy.install(bed, ecs_engine))
    run_dir = args.run_dir or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", ".cache", "testbed", f"run-{args.port}")
    os.makedirs(run_dir, exist_ok=True)
    registry = None
    if args.registry_binary and os.path.exists(args.registry_binary):
        import tb_registry

        registry = tb_registry.install(bed, args.registry_binary, run_dir)
        bed.engines.append(registry)
    runner = None
    if os.environ.get("DOCKER_HOST"):
        import tb_docker

        runner = tb_docker.DockerRunner(bed, ecs_engine, registry, run_dir)
        ecs_engine.runner = runner
        bed.engines.append(runner)

    return Parts(bed=bed, oracle=oracle, registry=registry, runner=runner)


def control_endpoints(parts: Parts) -> dict[str, Callable[..., Any]]:
    """The control API under /_testbed/: the bed's own endpoints, then each engine's."""
    bed, oracle, registry = parts.bed, parts.oracle, parts.registry

    def reset(payload: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
        from moto.moto_api._internal.models import moto_api_backend

        moto_api_backend.reset()
        bed.reset()
        return {"reset": True}

    def status(payload: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
        return {
            "scale": bed.clock.scale,
            "emulatedNow": bed.clock.now(),
            "wallNow": time.time(),
            "journalLength": len(bed.journal.entries),
            "iamEnforcement": bed.iam_enforcement,
            "iamDecisions": "@cloud-copilot/iam-simulate" if oracle is not None else "tb_iam.py",
            "startedAt": bed.started_at,
            "registry": registry.hosts if registry else None,
        }

    def journal(payload: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
        return {"entries": bed.journal.since(int(query.get("since", "0")))}

    def note(payload: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
        # A test says it starts or ends, so a problem in the journal can be traced to it.
        entry = bed.journal.add("note", **{k: str(v) for k, v in payload.items() if k in ("event", "test", "file")})
        return {"seq": entry["seq"]}

    def add_fault(payload: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
        return {"fault": bed.faults.add(payload)}

    def clear_faults(payload: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
        bed.faults.clear()
        return {"cleared": True}

    def set_scale(payload: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
        scale = float(payload["scale"])
        if scale <= 0:
            raise ValueError("scale must be positive")
        bed.clock.set_scale(scale)
        return {"scale": scale}

    def set_iam(payload: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
        bed.iam_enforcement = bool(payload.get("enabled"))
        keys = payload.get("accessKeys")
        bed.iam_enforced_keys = None if keys is None else set(keys)
        return {"iamEnforcement": bed.iam_enforcement, "accessKeys": keys}

    def network(payload: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
        from moto.ec2.models import ec2_backends

        region = query.get("region", "eu-west-1")
        ec2 = ec2_backends[bed.account_id][region]
        vpc = ec2.get_default_vpc() or ec2.create_default_vpc()
        subnets = [s.id for s in ec2.describe_subnets(filters={"vpc-id": [vpc.id]})]
        return {"vpcId": vpc.id, "subnetIds": sorted(subnets)}

    def elbv2_route(payload: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
        from moto.elbv2.models import elbv2_backends

        from tb_routing import route

        region = str(payload["listenerArn"]).split(":")[3]
        return route(elbv2_backends[bed.account_id][region], payload)

    control: dict[str, Callable[..., Any]] = {
        "POST elbv2/route": elbv2_route,
        "GET network": network,
        "POST reset": reset,
        "GET status": status,
        "GET journal": journal,
        "POST journal/note": note,
        "POST faults": add_fault,
        "DELETE faults": clear_faults,
        "POST scale": set_scale,
        "POST iam": set_iam,
    }
    for engine in bed.engines:
        control.update(engine.control_endpoints())
    return control


def main() -> None:
    args = parse_args()
    started = time.time()
    parts = assemble(args)
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
    from werkzeug.serving import make_server

    bed, registry, runner = parts.bed, parts.registry, parts.runner
    control = control_endpoints(parts)
    app = TestbedApp(DomainDispatcherApplication(create_backend_app), bed, control)
    server = make_server(args.host, args.port, app, threaded=True, request_handler=MotoRequestHandler)

    def stop(signum: int, frame: Any) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if args.ready_file:
        with open(args.ready_file, "w") as ready:
            json.dump({"port": args.port, "pid": os.getpid(), "startupSeconds": round(time.time() - started, 2),
                       "registry": registry.hosts if registry else None}, ready)
    print(f"test bed listening on http://{args.host}:{args.port} (scale {args.scale}) after {time.time() - started:.2f}s", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        if runner is not None:
            runner.cleanup()
        if registry is not None:
            registry.stop()


if __name__ == "__main__":
    main()
