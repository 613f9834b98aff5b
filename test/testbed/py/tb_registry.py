"""ECR's registry side for the test bed.

moto has no registry (its /v2/ is 404). A real CNCF Distribution registry (Debian's
docker-registry) runs on a private loopback port; in front of it, one small proxy per region
(127.0.0.1, 127.0.0.2, ... on one port, so each region has its own host as in ECR) enforces what
ECR enforces: only tokens from GetAuthorizationToken, only repositories that exist, IMMUTABLE tags
never move. Every manifest pushed is recorded in moto's ECR backend with its real digest and size,
so DescribeImages / BatchGetImage / ListImages show what was pushed; PutImage with an existing
manifest (ECR's promotion path) tags it in the registry too.
"""
from __future__ import annotations

import base64
import hashlib
import http.client
import json
import os
import re
import secrets
import socket
import subprocess
import threading
import time
from datetime import UTC
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from moto.ecr import models as ecr_models
from moto.ecr import responses as ecr_responses
from moto.ecr.models import ecr_backends

from tb_core import Bed

REGIONS = ["eu-west-1", "us-east-1", "us-west-2", "eu-central-1"]
TOKEN_SECONDS = 12 * 3600
MANIFEST_PATH = re.compile(r"^/v2/(?P<name>.+?)/(?P<kind>manifests|blobs|tags)(?P<rest>/.*)?$")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Registry:
    def __init__(self, bed: Bed, binary: str, run_dir: str) -> None:
        self.bed = bed
        self.binary = binary
        self.run_dir = run_dir
        self.backend_port = 0
        self.port = 0
        self.hosts: dict[str, str] = {}
        self.tokens: dict[str, dict[str, Any]] = {}
        # GetDownloadUrlForLayer URLs: like S3 pre-signed URLs, they need no registry login.
        self.presigned: dict[str, dict[str, Any]] = {}
        self.process: subprocess.Popen[bytes] | None = None
        self.servers: list[ThreadingHTTPServer] = []

    # ---- lifecycle ------------------------------------------------------------------------------

    def start(self) -> None:
        storage = os.path.join(self.run_dir, "registry")
        os.makedirs(storage, exist_ok=True)
        self.backend_port = free_port()
        config = os.path.join(self.run_dir, "registry.yml")
        with open(config, "w") as out:
            out.write(
                f"version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: {storage}\n  delete:\n    enabled: true\n"
                f"http:\n  addr: 127.0.0.1:{self.backend_port}\n")
        log = open(os.path.join(self.run_dir, "registry.log"), "ab")
        self.process = subprocess.Popen([self.binary, "serve", config], stdout=log, stderr=log)
        deadline = time.time() + 20
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.backend_port, timeout=1)
                connection.request("GET", "/v2/")
                connection.getresponse().read()
                break
            except OSError as error:
                if self.process.poll() is not None or time.time() > deadline:
                    raise RuntimeError("docker-registry did not start; see registry.log") from error
                time.sleep(0.05)
        for _attempt in range(20):
            try:
                self._bind_fronts()
                return
            except OSError:
                for server in self.servers:
                    server.server_close()
                self.servers.clear()
        raise RuntimeError("no free port for the registry fronts")

    def _bind_fronts(self) -> None:
        first = ThreadingHTTPServer(("127.0.0.1", 0), self._handler(REGIONS[0]))
        self.port = int(first.server_address[1])
        self.servers.append(first)
        self.hosts = {REGIONS[0]: f"127.0.0.1:{self.port}"}
        for index, region in enumerate(REGIONS[1:], start=2):
            server = ThreadingHTTPServer((f"127.0.0.{index}", self.port), self._handler(region))
            self.servers.append(server)
            self.hosts[region] = f"127.0.0.{index}:{self.port}"
        for server in self.servers:
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        for server in self.servers:
            server.shutdown()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def reset(self) -> None:
        self.tokens.clear()
        self.presigned.clear()

    def control_endpoints(self) -> dict[str, Any]:
        return {"GET registry": lambda payload, query: {"hosts": self.hosts, "tokens": len(self.tokens)}}

    def host_for(self, region: str) -> str:
        return self.hosts.get(region, self.hosts.get(REGIONS[0], "127.0.0.1:0"))

    # ---- tokens ---------------------------------------------------------------------------------

    def issue_token(self, account: str, region: str, access_key: str | None = None, session_token: str = "") -> tuple[str, float]:
        """A registry password, valid 12 hours, remembering who asked for it (for IAM checks on pushes)."""
        password = secrets.token_urlsafe(24)
        expires = time.time() + TOKEN_SECONDS
        self.tokens[password] = {"account": account, "region": region, "expires": expires, "accessKey": access_key,
                                 "sessionToken": session_token}
        return base64.b64encode(f"AWS:{password}".encode()).decode(), expires

    def check_auth(self, header: str | None, region: str) -> dict[str, Any] | None:
        """The token record behind a Basic header, or None when it is not a valid token here."""
        if not header or not header.startswith("Basic "):
            return None
        try:
            user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        except ValueError:
            return None
        token = self.tokens.get(password)
        if user != "AWS" or token is None or token["region"] != region or token["expires"] < time.time():
            return None
        return token

    # ---- the backend registry -------------------------------------------------------------------

    def backend_request(self, method: str, path: str, body: bytes | None, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.backend_port, timeout=120)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        payload = response.read()
        result_headers = {k: v for k, v in response.getheaders()}
        connection.close()
        return response.status, result_headers, payload

    def mirror_tag(self, region: str, repository: str, tag: str, manifest: str, media_type: str) -> None:
        """Makes the registry serve `tag` for a manifest ECR's PutImage accepted (promotion)."""
        status, _, payload = self.backend_request("PUT", f"/v2/{region}/{repository}/manifests/{tag}", manifest.encode(),
                                                  {"Content-Type": media_type})
        if status >= 300:
            raise RuntimeError(f"registry refused the promoted manifest: {status} {payload[:200]!r}")

    def _handler(self, region: str) -> type[BaseHTTPRequestHandler]:
        """A request handler class bound to this registry and one region's host."""
        return type(f"RegistryHandler_{region.replace('-', '_')}", (RegistryHandler,), {"registry": self, "region": region})


class RegistryHandler(BaseHTTPRequestHandler):
    """ECR's registry API for one region: authorized as ECR does, forwarded to docker-registry, journaled."""

    protocol_version = "HTTP/1.1"
    registry: Registry
    region: str
    # The digest docker-registry answered the last manifest PUT with.
    _pushed_digest: str | None = None

    def log_message(self, format: str, *args: Any) -> None:
        return

    def send_json(self, status: int, payload: dict[str, Any], extra: dict[str, str] | None = None) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Docker-Distribution-API-Version", "registry/2.0")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        # A HEAD answer has no body: one written here would be read as the next response
        # on the connection (BuildKit's pusher reuses it and fails on a malformed status).
        if self.command != "HEAD":
            self.wfile.write(body)

    def read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def handle_any(self) -> None:
        body = self.read_body()
        path, _, query = self.path.partition("?")
        if path.startswith("/presigned/") and self.command == "GET":
            self.presigned_blob(path)
            return
        registry, region = self.registry, self.region
        token = registry.check_auth(self.headers.get("Authorization"), region)
        account = str(token["account"]) if token is not None else None
        if token is None or account is None:
            self.send_json(401, {"errors": [{"code": "UNAUTHORIZED", "message": "Not Authorized"}]},
                           {"WWW-Authenticate": f'Basic realm="https://{registry.host_for(region)}/",service="ecr.amazonaws.com"'})
            return
        if path in ("/v2", "/v2/"):
            self.send_json(200, {})
            return
        match = MANIFEST_PATH.match(path)
        if match is None:
            self.send_json(404, {"errors": [{"code": "UNSUPPORTED", "message": "The operation is unsupported."}]})
            return
        name, kind, rest = match.group("name"), match.group("kind"), match.group("rest") or ""
        reference = rest[1:] if kind == "manifests" else ""
        with registry.bed.lock:
            if not self.admitted(token, account, name, kind, reference, body):
                return
        status = self.forward(name, kind, rest, query, body)
        if self.command == "PUT" and kind == "manifests" and status == 201:
            self.record_manifest(account, name, reference, body)

    def admitted(self, token: dict[str, Any], account: str, name: str, kind: str, reference: str, body: bytes) -> bool:
        """As ECR: the repository exists, IAM allows the registry action, an immutable tag does not move."""
        registry, region = self.registry, self.region
        repository = ecr_backends[account][region].repositories.get(name)
        if repository is None:
            self.send_json(404, {"errors": [{"code": "NAME_UNKNOWN", "message":
                           f"The repository with name '{name}' does not exist in the registry with id '{account}'"}]})
            return False
        check = getattr(registry.bed, "registry_check", None)
        if check is not None:
            refused = check(token.get("accessKey"), token.get("sessionToken", ""), registry_action(self.command, kind), repository.arn)
            if refused is not None:
                self.send_json(403, {"errors": [{"code": "DENIED", "message": refused}]})
                return False
        if self.command != "PUT" or kind != "manifests" or reference.startswith("sha256:"):
            return True
        digest = "sha256:" + hashlib.sha256(body).hexdigest()
        if not str(repository.image_tag_mutability).startswith("IMMUTABLE"):
            return True
        clash = next((i for i in repository.images if reference in i.image_tags and i.get_image_digest() != digest), None)
        if clash is None:
            return True
        registry.bed.journal.add("registry", method="PUT", repository=name, region=region, part="manifests",
                                 reference=reference, status=400, bytes=len(body), refused="immutable")
        self.send_json(400, {"errors": [{"code": "TAG_INVALID", "message":
                       f"The image tag '{reference}' already exists in the '{name}' repository and cannot be "
                       "overwritten because the repository is immutable."}]})
        return False

    def forward(self, name: str, kind: str, rest: str, query: str, body: bytes) -> int:
        """Sends the request on to docker-registry (under the region's prefix), journals writes, relays the answer."""
        registry, region = self.registry, self.region
        forward_headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in ("authorization", "host", "transfer-encoding", "content-length", "connection")}
        backend_path = f"/v2/{region}/{name}/{kind}{rest}" + (f"?{query}" if query else "")
        forwarded_body = body if body or self.command in ("PUT", "POST", "PATCH") else None
        status, headers, payload = registry.backend_request(self.command, backend_path, forwarded_body, forward_headers)
        if self.command in ("PUT", "POST", "PATCH", "DELETE"):
            registry.bed.journal.add("registry", method=self.command, repository=name, region=region, part=kind,
                                     reference=rest.lstrip("/") if kind == "manifests" else None, status=status,
                                     bytes=len(body))
        self.send_response(status)
        for key, value in headers.items():
            if key.lower() in ("transfer-encoding", "connection", "content-length"):
                continue
            if key.lower() == "location":
                value = re.sub(r"^https?://[^/]+", "", value)
                value = value.replace(f"/v2/{region}/", "/v2/", 1)
            self.send_header(key, value)
        # A HEAD answer carries the length of what a GET would return.
        length = headers.get("Content-Length", "0") if self.command == "HEAD" else str(len(payload))
        self.send_header("Content-Length", length)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)
        self._pushed_digest = headers.get("Docker-Content-Digest")
        return status

    def record_manifest(self, account: str, name: str, reference: str, body: bytes) -> None:
        """A pushed manifest becomes an ECR image (tagged unless pushed by digest)."""
        media_type = self.headers.get("Content-Type") or json.loads(body or b"{}").get("mediaType")
        digest = self._pushed_digest or "sha256:" + hashlib.sha256(body).hexdigest()
        tag = None if reference.startswith("sha256:") else reference
        with self.registry.bed.lock:
            record_push(ecr_backends[account][self.region], name, body.decode(), tag, media_type, digest)

    def presigned_blob(self, path: str) -> None:
        signature = path.split("/")[2]
        grant = self.registry.presigned.get(signature)
        if grant is None or grant["expires"] < time.time():
            self.send_json(403, {"errors": [{"code": "DENIED", "message": "Request has expired"}]})
            return
        status, _, payload = self.registry.backend_request(
            "GET", f"/v2/{grant['region']}/{grant['name']}/blobs/{grant['digest']}", None, {})
        self.send_response(status)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_HEAD = do_PUT = do_POST = do_PATCH = do_DELETE = handle_any


def registry_action(method: str, kind: str) -> str:
    """The ECR action AWS checks for a registry API call."""
    if kind == "manifests":
        return "ecr:PutImage" if method in ("PUT", "DELETE") else "ecr:BatchGetImage"
    if kind == "tags":
        return "ecr:ListImages"
    return {"HEAD": "ecr:BatchCheckLayerAvailability", "GET": "ecr:GetDownloadUrlForLayer", "POST": "ecr:InitiateLayerUpload",
            "PATCH": "ecr:UploadLayerPart", "PUT": "ecr:CompleteLayerUpload"}.get(method, "ecr:BatchGetImage")


def manifest_size(manifest: str) -> int | None:
    try:
        parsed = json.loads(manifest)
    except ValueError:
        return None
    if "layers" in parsed:
        return int(sum(layer.get("size", 0) for layer in parsed["layers"]) + parsed.get("config", {}).get("size", 0))
    return None


def record_push(backend: Any, repository: str, manifest: str, tag: str | None, media_type: str | None, digest: str) -> None:
    """Records a manifest pushed to the registry in moto's ECR backend (as ECR does on push)."""
    repo = backend.repositories[repository]
    existing = next((i for i in repo.images if i.get_image_digest() == digest), None)
    if existing is not None:
        if tag is not None and tag not in existing.image_tags:
            for other in repo.images:
                if other is not existing and tag in other.image_tags:
                    other.remove_tag(tag)
                    if not other.image_tags:
                        other.image_tag = None
            existing.update_tag(tag)
        return
    for other in repo.images:
        if tag is not None and tag in other.image_tags:
            other.remove_tag(tag)
            if not other.image_tags:
                other.image_tag = None
    image = ecr_models.Image(backend.account_id, tag, manifest, repository, media_type, digest)
    repo.images.append(image)


def install(bed: Bed, binary: str, run_dir: str) -> Registry:
    registry = Registry(bed, binary, run_dir)
    registry.start()

    # Repository URIs and the login endpoint point at the local registry (as LocalStack's do).
    original_init = ecr_models.Repository.__init__

    def repository_init(self: Any, account_id: str, region_name: str, repository_name: str, *args: Any, **kwargs: Any) -> None:
        original_init(self, account_id, region_name, repository_name, *args, **kwargs)
        self.uri = f"{registry.host_for(region_name)}/{repository_name}"

    ecr_models.Repository.__init__ = repository_init

    def get_authorization_token(self: Any) -> Any:
        from datetime import datetime

        from moto.core.responses import ActionResult

        registry_ids = self._get_param("registryIds") or [self.current_account]
        data = []
        scope = re.search(r"Credential=([^/]+)/", self.headers.get("Authorization", ""))
        for registry_id in registry_ids:
            token, expires = registry.issue_token(registry_id, self.region, scope.group(1) if scope else None,
                                                  self.headers.get("X-Amz-Security-Token", ""))
            data.append({"authorizationToken": token, "expiresAt": datetime.fromtimestamp(expires, tz=UTC),
                         "proxyEndpoint": f"http://{registry.host_for(self.region)}"})
        return ActionResult({"authorizationData": data})

    ecr_responses.ECRResponse.get_authorization_token = get_authorization_token

    def get_download_url_for_layer(self: Any) -> Any:
        from moto.core.responses import ActionResult
        from moto.ecr.exceptions import RepositoryNotFoundException

        name = self._get_param("repositoryName")
        digest = self._get_param("layerDigest")
        registry_id = self._get_param("registryId") or self.current_account
        if name not in self.ecr_backend.repositories:
            raise RepositoryNotFoundException(name, registry_id)
        signature = secrets.token_urlsafe(24)
        registry.presigned[signature] = {"region": self.region, "name": name, "digest": digest,
                                         "expires": time.time() + 3600}
        url = f"http://{registry.host_for(self.region)}/presigned/{signature}/{name}/{digest}"
        return ActionResult({"downloadUrl": url, "layerDigest": digest})

    ecr_responses.ECRResponse.get_download_url_for_layer = get_download_url_for_layer

    # Real digests and sizes: the sha256 of the manifest bytes, the sum of the layers.
    def get_image_digest(self: Any) -> str:
        if not self._image_digest:
            self._image_digest = "sha256:" + hashlib.sha256(self.image_manifest.encode()).hexdigest()
        return str(self._image_digest)

    ecr_models.Image.get_image_digest = get_image_digest
    ecr_models.Image.get_image_size_in_bytes = lambda self: manifest_size(self.image_manifest)

    original_put_image = ecr_models.ECRBackend.put_image

    def put_image(self: Any, repository_name: str, image_manifest: str, image_tag: str, image_manifest_mediatype: str | None = None,
                  digest: str | None = None) -> Any:
        image = original_put_image(self, repository_name, image_manifest, image_tag, image_manifest_mediatype, digest)
        if image_tag:
            media_type = image_manifest_mediatype or json.loads(image_manifest).get("mediaType") or \
                "application/vnd.docker.distribution.manifest.v2+json"
            registry.mirror_tag(self.region_name, repository_name, image_tag, image_manifest, media_type)
            bed.journal.add("registry", method="PUT", repository=repository_name, region=self.region_name, part="manifests",
                            reference=image_tag, status=201, bytes=0, via="PutImage")
        return image

    ecr_models.ECRBackend.put_image = put_image
    return registry
