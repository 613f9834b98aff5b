"""Real containers for ECS tasks in the test bed.

For clusters switched to real containers, a task's containers run on the test bed's Docker engine
from the image in the registry (`--network none`: nothing is ever sent to a container address).
A container that exits or fails its HEALTHCHECK stops the task with ECS's stoppedReason and exit
code, an image missing from the registry is CannotPullContainerError, and the output of
containers with an awslogs configuration lands in CloudWatch Logs. Docker commands run on worker
threads; their results are applied to moto's state under the test bed's lock.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from datetime import UTC, datetime
from typing import Any

from moto.logs.models import logs_backends

from tb_core import Bed

LABEL = "ecs-delivery-testbed"
STAMP = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z$")


class DockerRunner:
    def __init__(self, bed: Bed, engine: Any, registry: Any, run_dir: str | None = None) -> None:
        self.bed = bed
        self.engine = engine
        self.registry = registry
        self.cli = os.environ.get("DOCKER_CLI", "docker")
        self.host = os.environ.get("DOCKER_HOST", "")
        # Registry tokens live here: inside the run folder, and removed when the test bed stops.
        self.config_dir = tempfile.mkdtemp(prefix="docker-config-", dir=run_dir)
        self.watched: dict[str, dict[str, Any]] = {}
        self.stopping = threading.Event()
        threading.Thread(target=self.monitor, daemon=True).start()

    @property
    def available(self) -> bool:
        return bool(self.host)

    def docker(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "DOCKER_HOST": self.host, "DOCKER_CONFIG": self.config_dir}
        return subprocess.run([self.cli, *args], capture_output=True, text=True, timeout=timeout, env=env)

    def write_auth(self, account: str) -> None:
        """Credentials for the local registry, as the ECS agent gets them from the execution role."""
        if self.registry is None:
            return
        auths = {}
        for region, host in self.registry.hosts.items():
            token, _ = self.registry.issue_token(account, region)
            auths[host] = {"auth": token}
        with open(os.path.join(self.config_dir, "config.json"), "w") as out:
            json.dump({"auths": auths}, out)

    # ---- starting and stopping ------------------------------------------------------------------

    def start(self, task_state: Any, td: Any, overrides: dict[str, Any] | None) -> None:
        task = task_state.task
        containers = []
        for definition in td.container_definitions:
            override: dict[str, Any] = next(
                (o for o in (overrides or {}).get("containerOverrides", []) if o.get("name") == definition.get("name")), {})
            env = {e["name"]: e["value"] for e in definition.get("environment", [])}
            env.update({e["name"]: e["value"] for e in override.get("environment", [])})
            containers.append({
                "name": definition.get("name"),
                "image": definition.get("image"),
                "essential": definition.get("essential", True),
                "command": override.get("command") or definition.get("command"),
                "env": env,
                "log": definition.get("logConfiguration") or {},
            })
        account = self.bed.account_id
        threading.Thread(target=self.launch, args=(task_state, containers, account, task.region_name), daemon=True).start()

    def launch(self, task_state: Any, containers: list[dict[str, Any]], account: str, region: str) -> None:
        task = task_state.task
        started: list[dict[str, Any]] = []
        for container in containers:
            image = container["image"]
            local = self.docker("image", "inspect", image, timeout=30).returncode == 0
            registry_hosts = set(self.registry.hosts.values()) if self.registry else set()
            if image.split("/")[0] in registry_hosts or not local:
                self.write_auth(account)
                pulled = self.docker("pull", image, timeout=300)
                if pulled.returncode != 0:
                    reason = (f"CannotPullContainerError: pull image manifest has been retried 1 time(s): "
                              f"{(pulled.stderr or pulled.stdout).strip().splitlines()[-1] if (pulled.stderr or pulled.stdout).strip() else 'not found'}")
                    self.remove([c["id"] for c in started])
                    with self.bed.lock:
                        self.bed.advance()
                        self.engine.finish_task(task_state, self.bed.scheduler.current, reason, "TaskFailedToStart", exit_code=None,
                                                container_reason=reason, failed=True)
                    return
            args = ["run", "-d", "--network", "none", "--label", f"{LABEL}=1", "--name", f"ecs-{task.id}-{container['name']}"]
            for key, value in container["env"].items():
                args += ["-e", f"{key}={value}"]
            args.append(image)
            if container["command"]:
                args += list(container["command"])
            run = self.docker(*args, timeout=120)
            if run.returncode != 0:
                reason = f"CannotStartContainerError: {(run.stderr or run.stdout).strip()[:300]}"
                self.remove([c["id"] for c in started])
                with self.bed.lock:
                    self.bed.advance()
                    self.engine.finish_task(task_state, self.bed.scheduler.current, reason, "TaskFailedToStart", exit_code=None,
                                            container_reason=reason, failed=True)
                return
            started.append({**container, "id": run.stdout.strip(), "shipped": 0, "region": region, "account": account})
        with self.bed.lock:
            self.bed.advance()
            self.watched[task.task_arn] = {"task_state": task_state, "containers": started, "healthy_at": None}
            for container, model in zip(started, task.containers, strict=False):
                model.runtime_id = container["id"]
            self.engine.real_task_running(task_state, self.bed.scheduler.current)

    def stop(self, task_state: Any) -> None:
        entry = self.watched.get(task_state.task.task_arn)
        ids = [c["id"] for c in entry["containers"]] if entry else []
        threading.Thread(target=lambda: self.docker("stop", "-t", "2", *ids, timeout=60) if ids else None, daemon=True).start()

    def remove(self, ids: list[str]) -> None:
        if ids:
            self.docker("rm", "-f", *ids, timeout=60)

    def cleanup(self) -> None:
        self.stopping.set()
        listed = self.docker("ps", "-aq", "--filter", f"label={LABEL}=1", timeout=30)
        self.remove(listed.stdout.split())
        shutil.rmtree(self.config_dir, ignore_errors=True)

    def control_endpoints(self) -> dict[str, Any]:
        return {}

    def reset(self) -> None:
        self.watched.clear()
        listed = self.docker("ps", "-aq", "--filter", f"label={LABEL}=1", timeout=30)
        self.remove(listed.stdout.split())

    # ---- watching ---------------------------------------------------------------------------------

    def monitor(self) -> None:
        while not self.stopping.wait(0.3):
            with self.bed.lock:
                entries = list(self.watched.items())
            for arn, entry in entries:
                try:
                    self.observe(arn, entry)
                except Exception as error:  # keep watching the others
                    print(f"test bed: watching {arn} failed: {error}", flush=True)

    def observe(self, arn: str, entry: dict[str, Any]) -> None:
        containers = entry["containers"]
        inspected = self.docker("inspect", *[c["id"] for c in containers], timeout=30)
        if inspected.returncode != 0:
            return
        states = {item["Id"]: item["State"] for item in json.loads(inspected.stdout)}
        self.ship_logs(containers)
        with self.bed.lock:
            self.bed.advance()
            at = self.bed.scheduler.current
            task_state = entry["task_state"]
            if task_state.phase == "stopped":
                self.watched.pop(arn, None)
                return
            essentials = [c for c in containers if c["essential"]]
            for container in essentials:
                state = next((s for cid, s in states.items() if cid.startswith(container["id"])), None)
                if state is None:
                    continue
                if state.get("Status") in ("exited", "dead"):
                    exit_code = int(state.get("ExitCode", 0))
                    self.watched.pop(arn, None)
                    stopping = task_state.phase == "stopping"
                    self.engine.real_task_stopped(task_state, at, exit_code, container["name"], user_stop=stopping)
                    threading.Thread(target=self.remove, args=([c["id"] for c in containers],), daemon=True).start()
                    return
                health = (state.get("Health") or {}).get("Status")
                if health == "unhealthy" and task_state.phase in ("running", "healthy"):
                    self.watched.pop(arn, None)
                    self.engine.real_task_unhealthy(task_state, at, container["name"])
                    threading.Thread(target=self.remove, args=([c["id"] for c in containers],), daemon=True).start()
                    return
            healths = [(state_of(states, c["id"]).get("Health") or {}).get("Status") for c in essentials]
            running = all(state_of(states, c["id"]).get("Status") == "running" for c in essentials)
            if running:
                entry.setdefault("running_since", time.time())
            lived = time.time() - entry.get("running_since", time.time())
            if (task_state.phase == "running" and running and lived >= self.engine.timings["realHealthySeconds"]
                    and all(h in (None, "healthy") for h in healths)):
                if any(h == "healthy" for h in healths) or all(h is None for h in healths):
                    self.engine.task_healthy(task_state, at)

    def ship_logs(self, containers: list[dict[str, Any]]) -> None:
        for container in containers:
            log = container["log"]
            if log.get("logDriver") != "awslogs":
                continue
            options = log.get("options") or {}
            group = options.get("awslogs-group")
            if not group:
                continue
            logs = self.docker("logs", "--timestamps", container["id"], timeout=30)
            lines = (logs.stdout + logs.stderr).splitlines()
            fresh = lines[container["shipped"]:]
            if not fresh:
                continue
            container["shipped"] = len(lines)
            task_id = container["id"]
            with self.bed.lock:
                entry = next((e for e in self.watched.values() if any(c is container for c in e["containers"])), None)
                if entry is not None:
                    task_id = entry["task_state"].task.id
                prefix = options.get("awslogs-stream-prefix")
                stream = f"{prefix}/{container['name']}/{task_id}" if prefix else task_id
                backend = logs_backends[container["account"]][options.get("awslogs-region") or container["region"]]
                if group not in backend.groups:
                    backend.create_log_group(group, {})
                if stream not in backend.groups[group].streams:
                    backend.create_log_stream(group, stream)
                events = []
                for line in fresh:
                    stamp, _, message = line.partition(" ")
                    match = STAMP.match(stamp)
                    if match is None:
                        millis, message = int(time.time() * 1000), line
                    else:
                        whole = datetime.strptime(match.group(1), "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC)
                        millis = int(whole.timestamp() * 1000) + int(float(match.group(2) or "0") * 1000)
                    events.append({"timestamp": millis, "message": message})
                backend.put_log_events(group, stream, events)


def state_of(states: dict[str, Any], container_id: str) -> dict[str, Any]:
    """The engine's state of a container, found by the id prefix the engine reports it under."""
    found: dict[str, Any] = next((s for cid, s in states.items() if cid.startswith(container_id)), {})
    return found
