"""ECS deployment engine for the test bed.

moto keeps one PRIMARY deployment forever and its tasks are static. This module replaces that with
a discrete-event simulation in emulated time: UpdateService creates a new PRIMARY deployment,
tasks start and stop within minimumHealthyPercent/maximumPercent, the old deployment drains and
disappears when the new one is steady, the circuit breaker fails (and rolls back) a deployment
whose tasks keep failing, and ListServiceDeployments / DescribeServiceDeployments /
DescribeServiceRevisions give the history.
"""
from __future__ import annotations

import math
import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from moto.core.responses import ActionResult
from moto.ecs import models as ecs_models
from moto.ecs import responses as ecs_responses
from moto.ecs.exceptions import EcsClientException, InvalidParameterException
from moto.moto_api import state_manager

from tb_core import Bed

# Emulated seconds; the defaults are close to a small Fargate task behind a load balancer.
DEFAULT_TIMINGS = {
    "taskStartSeconds": 20.0,  # PROVISIONING -> RUNNING (pull, start)
    "healthySeconds": 15.0,  # RUNNING -> passes health checks
    "stopSeconds": 15.0,  # stop requested -> STOPPED (draining, SIGTERM)
    "failAfterSeconds": 10.0,  # a failing task runs this long before its essential container exits
    "runTaskSeconds": 30.0,  # a RunTask task runs this long, then its containers exit 0
    # Real containers live in wall time: one counts as healthy only after running this many wall
    # seconds (and passing its HEALTHCHECK, if it has one), so a container that dies right after
    # it starts never looks healthy. It fails its deployment and counts for the circuit breaker,
    # as a task that exits at start does on ECS, instead of a crash loop completing a deployment.
    "realHealthySeconds": 3.0,
}

SD_FINAL = {"SUCCESSFUL", "STOPPED", "ROLLBACK_SUCCESSFUL", "ROLLBACK_FAILED"}


@dataclass
class TaskState:
    task: Any
    service_key: str | None
    deployment_id: str | None
    failure: dict[str, Any] | None
    phase: str = "starting"  # starting, running, healthy, stopping, stopped
    failed: bool = False
    real: bool = False
    # (target group ARN, port) pairs this task is registered in while it runs.
    targets: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class ServiceDeploymentRecord:
    arn: str
    created: float
    status: str = "PENDING"
    status_reason: str | None = None
    started: float | None = None
    finished: float | None = None
    updated: float | None = None
    source_revisions: list[str] = field(default_factory=list)
    target_revision: str = ""
    rollback: dict[str, Any] | None = None
    breaker: dict[str, Any] | None = None
    config: dict[str, Any] = field(default_factory=dict)


@dataclass
class DeploymentState:
    id: str
    task_definition: str
    revision_arn: str
    created: float
    updated: float
    status: str = "PRIMARY"
    rollout: str = "IN_PROGRESS"
    reason: str = ""
    failed_tasks: int = 0
    record: ServiceDeploymentRecord | None = None
    rollback_of: DeploymentState | None = None
    # serviceConnectConfiguration and volumeConfigurations this deployment runs with.
    settings: dict[str, Any] = field(default_factory=dict)


@dataclass
class TaskSetState:
    """A task set of a service on the CODE_DEPLOY (or EXTERNAL) controller."""

    task_set: Any
    service_key: str
    failed_tasks: int = 0
    stable_since: float | None = None


@dataclass
class ServiceState:
    key: str
    service: Any
    backend: Any
    config: dict[str, Any]
    deployments: list[DeploymentState] = field(default_factory=list)
    tasks: list[TaskState] = field(default_factory=list)
    records: list[ServiceDeploymentRecord] = field(default_factory=list)
    last_good_task_definition: str | None = None
    task_sets: list[TaskSetState] = field(default_factory=list)
    # What the next deployment runs with (set by UpdateService, kept by later deployments).
    pending_settings: dict[str, Any] = field(default_factory=dict)

    @property
    def controller(self) -> str:
        return str(self.service.deployment_controller.get("type", "ECS"))


def normalize_config(config: dict[str, Any] | None, previous: dict[str, Any] | None = None) -> dict[str, Any]:
    merged = dict(previous or {})
    merged.update({k: v for k, v in (config or {}).items() if v is not None})
    merged.setdefault("maximumPercent", 200)
    merged.setdefault("minimumHealthyPercent", 100)
    breaker = dict(merged.get("deploymentCircuitBreaker") or {})
    breaker.setdefault("enable", False)
    breaker.setdefault("rollback", False)
    merged["deploymentCircuitBreaker"] = breaker
    return merged


class EcsEngine:
    def __init__(self, bed: Bed) -> None:
        self.bed = bed
        self.timings = dict(DEFAULT_TIMINGS)
        self.services: dict[str, ServiceState] = {}
        self.tasks: dict[str, TaskState] = {}
        self.failures: list[dict[str, Any]] = []
        self.revisions: dict[str, dict[str, Any]] = {}
        self.records_by_arn: dict[str, tuple[ServiceState, ServiceDeploymentRecord]] = {}
        self.task_sets: dict[str, TaskSetState] = {}
        # Called with (task set state, emulated time) when a task of a task set fails.
        self.task_set_failure_listeners: list[Any] = []
        # Target health as the load balancer reports it: (target group ARN, ip) -> state.
        self.target_health: dict[tuple[str, str], str] = {}
        # Clusters whose tasks run as real containers (tb_docker); the rest are simulated.
        self.real_clusters: set[str] = set()
        self.runner: Any = None

    # ---- control ------------------------------------------------------------------------------

    def reset(self) -> None:
        self.timings = dict(DEFAULT_TIMINGS)
        self.services.clear()
        self.tasks.clear()
        self.failures.clear()
        self.revisions.clear()
        self.records_by_arn.clear()
        self.task_sets.clear()
        self.real_clusters.clear()
        self.target_health.clear()

    def control_endpoints(self) -> dict[str, Any]:
        def add_failure(payload: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
            mode = payload.get("mode", "exit")
            if mode not in ("exit", "unhealthy", "pull", "late"):
                raise ValueError("mode must be exit, unhealthy, pull or late")
            rule = {
                "cluster": payload.get("cluster"),
                "service": payload.get("service"),
                "taskDefinition": payload.get("taskDefinition"),
                "mode": mode,
                "exitCode": int(payload.get("exitCode", 1)),
                "reason": payload.get("reason"),
                "remaining": int(payload["count"]) if "count" in payload else None,
                # late: the task becomes healthy, then its essential container exits this many
                # (emulated) seconds later; the deployment completes before it does.
                "afterSeconds": float(payload.get("afterSeconds", 60)),
            }
            self.failures.append(rule)
            return {"failure": rule}

        def clear_failures(payload: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
            self.failures.clear()
            return {"cleared": True}

        def set_timings(payload: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
            for key, value in payload.items():
                if key not in DEFAULT_TIMINGS:
                    raise ValueError(f"unknown timing {key}")
                self.timings[key] = float(value)
            return {"timings": self.timings}

        def containers(payload: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
            cluster = payload["cluster"]
            if payload.get("mode", "real") == "real":
                if self.runner is None or not self.runner.available:
                    raise ValueError("the test bed has no Docker engine for real containers")
                self.real_clusters.add(cluster)
            else:
                self.real_clusters.discard(cluster)
            return {"realClusters": sorted(self.real_clusters)}

        def describe(payload: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
            return {
                "services": {
                    key: {
                        "deployments": [
                            {"id": d.id, "status": d.status, "rolloutState": d.rollout, "taskDefinition": d.task_definition,
                             "failedTasks": d.failed_tasks}
                            for d in state.deployments
                        ],
                        "tasks": [
                            {"taskArn": t.task.task_arn, "phase": t.phase, "deploymentId": t.deployment_id,
                             "taskDefinition": t.task.task_definition_arn}
                            for t in state.tasks
                        ],
                    }
                    for key, state in self.services.items()
                }
            }

        return {
            "POST ecs/failures": add_failure,
            "DELETE ecs/failures": clear_failures,
            "POST ecs/timings": set_timings,
            "POST ecs/containers": containers,
            "GET ecs/state": describe,
        }

    # ---- helpers --------------------------------------------------------------------------------

    def wall(self, emulated: float) -> datetime:
        return self.bed.clock.wall_datetime(emulated)

    def now(self) -> float:
        return self.bed.scheduler.current

    def add_event(self, state: ServiceState, message: str, at: float) -> None:
        events = state.service.events
        events.insert(0, {"id": str(uuid.uuid4()), "createdAt": self.wall(at), "message": f"(service {state.service.name}) {message}"})
        del events[100:]

    def journal_milestone(self, state: ServiceState, deployment_id: str, outcome: str, at: float, **extra: Any) -> None:
        self.bed.journal.add(
            "deployment",
            service="ecs",
            serviceArn=state.service.arn,
            deploymentId=deployment_id,
            state=outcome,
            wallTime=self.bed.clock.to_wall(at),
            emulatedTime=at,
            **extra,
        )

    def matching_failure(self, cluster: str, service: str | None, task_definition_arn: str) -> dict[str, Any] | None:
        family_revision = task_definition_arn.split("/")[-1]
        for rule in self.failures:
            if rule["remaining"] is not None and rule["remaining"] <= 0:
                continue
            if rule["cluster"] not in (None, cluster):
                continue
            if rule["service"] not in (None, service):
                continue
            wanted = rule["taskDefinition"]
            if wanted not in (None, task_definition_arn, family_revision, family_revision.split(":")[0]):
                continue
            if rule["remaining"] is not None:
                rule["remaining"] -= 1
            return rule
        return None

    def new_deployment_id(self) -> str:
        return f"ecs-svc/{random.randint(10**18, 10**19 - 1)}"

    def revision_for(self, state: ServiceState, task_definition_arn: str, at: float) -> str:
        service = state.service
        revision_id = random.randint(10**18, 10**19 - 1)
        arn = service.arn.replace(":service/", ":service-revision/", 1)
        if arn.count("/") == 1:  # short service ARN format
            arn = arn.replace(":service-revision/", f":service-revision/{service.cluster_name}/", 1)
        arn = f"{arn}/{revision_id}"
        td = state.backend.describe_task_definition(task_definition_arn)
        self.revisions[arn] = {
            "serviceRevisionArn": arn,
            "serviceArn": service.arn,
            "clusterArn": service.cluster_arn,
            "taskDefinition": task_definition_arn,
            "launchType": service.launch_type,
            "platformFamily": "Linux" if service.launch_type == "FARGATE" else None,
            "loadBalancers": service.load_balancers,
            "networkConfiguration": service.network_configuration or None,
            "containerImages": [{"containerName": c.get("name"), "image": c.get("image")} for c in td.container_definitions],
            "createdAt": self.wall(at),
        }
        return arn

    def sd_arn(self, state: ServiceState, deployment_id: str) -> str:
        service = state.service
        number = deployment_id.split("/")[-1]
        return f"arn:aws:ecs:{service.region_name}:{self.bed.account_id}:service-deployment/{service.cluster_name}/{service.name}/{number}"

    # ---- services and deployments ---------------------------------------------------------------

    def on_service_created(self, backend: Any, service: Any, config: dict[str, Any] | None) -> None:
        key = f"{service.cluster_name}:{service.name}"
        state = ServiceState(key=key, service=service, backend=backend, config=normalize_config(config))
        service.deployment_configuration = state.config
        self.services[key] = state
        service.running_count = 0
        service.pending_count = 0
        service.deployments = []
        at = self.now()
        if service.task_definition is None:
            return
        if state.controller == "CODE_DEPLOY":
            self.create_task_set(state, service.task_definition, service.load_balancers, "", at, primary=True)
            return
        if state.controller != "ECS":
            return
        self.start_deployment(state, service.task_definition, at, source=[])

    def on_service_updated(self, service: Any, task_definition: str | None, force: bool, config: dict[str, Any] | None,
                           settings: dict[str, Any] | None = None, settings_deploy: bool = False) -> None:
        """settings: the per-deployment settings given (Service Connect, volumes); settings_deploy: a service
        setting that starts a deployment (network, capacity providers) changed."""
        state = self.services.get(f"{service.cluster_name}:{service.name}")
        if state is None:
            return
        settings = settings or {}
        primary_before = state.deployments[0] if state.deployments else None
        # A deploying setting that differs from what the primary deployment runs starts a new one.
        running = primary_before.settings if primary_before is not None else {}
        force = force or settings_deploy or (primary_before is not None and any(running.get(k) != v for k, v in settings.items()))
        state.pending_settings = {**running, **settings}
        if config is not None:
            state.config = normalize_config(config, state.config)
        service.deployment_configuration = state.config
        at = self.now()
        primary = state.deployments[0] if state.deployments else None
        if service.deployment_controller.get("type", "ECS") != "ECS":
            return
        if task_definition is not None:
            service.task_definition = task_definition
        changed = primary is None or (service.task_definition is not None and service.task_definition != primary.task_definition)
        if changed or force:
            source = [d.revision_arn for d in state.deployments]
            self.start_deployment(state, service.task_definition, at, source=source)
        else:
            self.schedule_reconcile(state, at)

    def start_deployment(self, state: ServiceState, task_definition: str, at: float, source: list[str],
                         rollback_of: DeploymentState | None = None) -> DeploymentState:
        for previous in state.deployments:
            if previous.status == "PRIMARY":
                previous.status = "ACTIVE"
                previous.updated = at
                record = previous.record
                # As ECS does: a deployment a newer one replaces stays IN_PROGRESS in the service's
                # list (ACTIVE, draining) until its tasks are gone; its service deployment stops.
                if previous.rollout == "IN_PROGRESS" and rollback_of is None:
                    if record is not None and record.status not in SD_FINAL:
                        record.status = "STOPPED"
                        record.status_reason = "Service deployment stopped: a newer service deployment started."
                        record.finished = at
                        record.updated = at
                        self.journal_milestone(state, previous.id, "STOPPED", at)
        deployment_id = self.new_deployment_id()
        revision = self.revision_for(state, task_definition, at)
        deployment = DeploymentState(id=deployment_id, task_definition=task_definition, revision_arn=revision, created=at,
                                     updated=at, rollback_of=rollback_of, settings=dict(state.pending_settings))
        if rollback_of is None:
            record = ServiceDeploymentRecord(arn=self.sd_arn(state, deployment_id), created=at, status="IN_PROGRESS", started=at,
                                             updated=at, source_revisions=source, target_revision=revision,
                                             config=dict(state.config))
            breaker = state.config["deploymentCircuitBreaker"]
            if breaker.get("enable"):
                record.breaker = {"status": "MONITORING", "failureCount": 0, "threshold": self.breaker_threshold(state)}
            else:
                record.breaker = {"status": "DISABLED", "failureCount": 0, "threshold": 0}
            state.records.insert(0, record)
            self.records_by_arn[record.arn] = (state, record)
            deployment.record = record
        else:
            deployment.record = rollback_of.record
        state.deployments.insert(0, deployment)
        self.sync(state, at)
        self.schedule_reconcile(state, at)
        return deployment

    def breaker_threshold(self, state: ServiceState) -> int:
        return min(200, max(3, math.ceil(0.5 * (state.service.desired_count or 0))))

    def schedule_reconcile(self, state: ServiceState, at: float) -> None:
        self.bed.scheduler.at(at, lambda t: self.reconcile(state, t))

    def reconcile(self, state: ServiceState, at: float) -> None:
        if state.key not in self.services:
            return
        if state.controller == "CODE_DEPLOY":
            self.reconcile_task_sets(state, at)
            return
        if not state.deployments:
            return
        service = state.service
        desired = service.desired_count or 0
        primary = state.deployments[0]
        alive = [t for t in state.tasks if t.phase in ("starting", "running", "healthy")]
        primary_alive = [t for t in alive if t.deployment_id == primary.id]
        max_total = max(desired, math.floor(desired * state.config["maximumPercent"] / 100))
        min_healthy = math.ceil(desired * state.config["minimumHealthyPercent"] / 100)

        if primary.rollout != "FAILED":
            room = min(desired - len(primary_alive), max_total - len(alive))
            started = [self.start_service_task(state, primary.id, primary.task_definition, at) for _ in range(max(0, room))]
            if started:
                ids = ", ".join(f"(task {t.task.id})" for t in started)
                self.add_event(state, f"has started {len(started)} tasks: {ids}.", at)
            alive += started
            primary_alive += started
        # Too many tasks in the primary (desired count lowered): stop the least healthy first.
        excess = len(primary_alive) - desired
        if excess > 0:
            for task_state in sorted(primary_alive, key=lambda t: t.phase == "healthy")[:excess]:
                self.stop_task(task_state, at, f"Scaling activity initiated by (deployment {primary.id})", "ServiceSchedulerInitiated")
        # Old tasks go while the healthy count stays at or above the minimum. A deployment that
        # failed without rollback starts nothing and stops nothing: the old tasks keep serving.
        stopped: list[TaskState] = []
        if primary.rollout != "FAILED":
            healthy = sum(1 for t in alive if t.phase == "healthy")
            old = sorted((t for t in alive if t.deployment_id != primary.id), key=lambda t: t.phase == "healthy")
            for task_state in old:
                if task_state.phase != "healthy":
                    stopped.append(task_state)
                elif healthy - 1 >= min_healthy:
                    stopped.append(task_state)
                    healthy -= 1
        for task_state in stopped:
            self.stop_task(task_state, at, f"Task stopped by deployment {primary.id}.", "ServiceSchedulerInitiated")
        if stopped:
            ids = ", ".join(f"(task {t.task.id})" for t in stopped)
            self.add_event(state, f"has stopped {len(stopped)} running tasks: {ids}.", at)
        self.check_completion(state, at)
        self.sync(state, at)

    def check_completion(self, state: ServiceState, at: float) -> None:
        primary = state.deployments[0]
        if primary.rollout != "IN_PROGRESS":
            return
        desired = state.service.desired_count or 0
        primary_healthy = [t for t in state.tasks if t.deployment_id == primary.id and t.phase == "healthy"]
        others = [t for t in state.tasks if t.deployment_id != primary.id and t.phase in ("starting", "running", "healthy", "stopping")]
        if len(primary_healthy) < desired or others:
            return
        primary.rollout = "COMPLETED"
        primary.reason = f"ECS deployment {primary.id} completed."
        primary.updated = at
        state.deployments = [primary]
        state.last_good_task_definition = primary.task_definition
        record = primary.record
        if record is not None and record.status not in SD_FINAL:
            if primary.rollback_of is not None:
                record.status = "ROLLBACK_SUCCESSFUL"
                record.status_reason = "The rollback to the previous service revision completed."
            else:
                record.status = "SUCCESSFUL"
                record.status_reason = None
            record.finished = at
            record.updated = at
            if record.breaker and record.breaker["status"] == "MONITORING":
                record.breaker["status"] = "MONITORING_COMPLETE"
        self.add_event(state, f"(deployment {primary.id}) deployment completed.", at)
        self.add_event(state, "has reached a steady state.", at)
        self.journal_milestone(state, primary.id, record.status if record else "COMPLETED", at,
                               rolloutState="COMPLETED", taskDefinition=primary.task_definition)

    def on_task_failed(self, state: ServiceState, task_state: TaskState, at: float) -> None:
        deployment = next((d for d in state.deployments if d.id == task_state.deployment_id), None)
        if deployment is None or deployment.rollout != "IN_PROGRESS":
            return
        deployment.failed_tasks += 1
        deployment.updated = at
        breaker = state.config["deploymentCircuitBreaker"]
        record = deployment.record
        if record is not None and record.breaker is not None and deployment.rollback_of is None:
            record.breaker["failureCount"] = deployment.failed_tasks
        # Only the PRIMARY deployment is judged: a replaced one only drains.
        if not breaker.get("enable") or deployment.status != "PRIMARY":
            return
        if deployment.failed_tasks < self.breaker_threshold(state):
            return
        if deployment.rollback_of is not None:
            self.rollback_failed(state, deployment, at)
            return
        deployment.rollout = "FAILED"
        deployment.reason = "ECS deployment circuit breaker: tasks failed to start."
        self.add_event(state, f"deployment {deployment.id} deployment failed: tasks failed to start.", at)
        if record is not None and record.breaker is not None:
            record.breaker["status"] = "TRIGGERED"
        target = state.last_good_task_definition
        if breaker.get("rollback") and target is not None and target != deployment.task_definition:
            if record is not None:
                record.status = "ROLLBACK_IN_PROGRESS"
                record.status_reason = "Circuit breaker: tasks failed to start. Rolling back to the last completed deployment."
                record.rollback = {"reason": "Circuit breaker triggered.", "startedAt": at, "serviceRevisionArn": ""}
                record.updated = at
            self.journal_milestone(state, deployment.id, "FAILED", at, rolloutState="FAILED", rollingBack=True)
            rollback = self.start_deployment(state, target, at, source=[deployment.revision_arn], rollback_of=deployment)
            if record is not None and record.rollback is not None:
                record.rollback["serviceRevisionArn"] = rollback.revision_arn
            state.service.task_definition = target
            self.add_event(state, f"rolling back to deployment {rollback.id}.", at)
        else:
            if record is not None:
                record.status = "STOPPED"
                record.status_reason = "Circuit breaker: tasks failed to start."
                record.finished = at
                record.updated = at
            self.journal_milestone(state, deployment.id, "FAILED", at, rolloutState="FAILED", rollingBack=False)

    def rollback_failed(self, state: ServiceState, deployment: DeploymentState, at: float) -> None:
        """The circuit breaker's rollback deployment failed too: ECS stops there (ROLLBACK_FAILED)."""
        deployment.rollout = "FAILED"
        deployment.reason = "ECS deployment circuit breaker: the rollback's tasks failed to start."
        self.add_event(state, f"deployment {deployment.id} deployment failed: tasks failed to start.", at)
        record = deployment.record
        if record is not None and record.status not in SD_FINAL:
            record.status = "ROLLBACK_FAILED"
            record.status_reason = "The rollback to the previous service revision failed: its tasks failed to start."
            record.finished = at
            record.updated = at
        self.journal_milestone(state, deployment.id, "ROLLBACK_FAILED", at, rolloutState="FAILED",
                               rollbackOf=deployment.rollback_of.id if deployment.rollback_of else None)

    # ---- tasks --------------------------------------------------------------------------------

    def make_task(self, backend: Any, cluster_name: str, task_definition_arn: str, group: str, started_by: str,
                  launch_type: str | None, overrides: dict[str, Any] | None, network: dict[str, Any] | None,
                  tags: list[dict[str, str]] | None, at: float) -> Any:
        cluster = backend._get_cluster(cluster_name)
        td = backend.describe_task_definition(task_definition_arn)
        # A stand-in definition keeps moto from creating an EC2 network interface (no VPC needed).
        shell = SimpleNamespace(arn=td.arn, network_mode="bridge", container_definitions=td.container_definitions)
        task = ecs_models.Task(cluster, shell, None, None, backend, group, launch_type=launch_type or "FARGATE",
                               overrides=overrides, started_by=started_by, tags=tags)
        task.containers = []
        for definition in td.container_definitions:
            container = ecs_models.Container(SimpleNamespace(arn=td.arn, container_definitions=[definition]))
            container.task_arn = task.task_arn
            container.last_status = "PENDING"
            container.exitCode = None
            container.health_status = "UNKNOWN"
            container.essential = definition.get("essential", True)
            task.containers.append(container)
        task.last_status = "PROVISIONING"
        task.health_status = "UNKNOWN"
        task.created_at = self.wall(at)
        task.cpu = td.cpu
        task.memory = td.memory
        task.platform_family = "Linux" if (launch_type or "FARGATE") == "FARGATE" else None
        if td.network_mode == "awsvpc":
            subnet = ((network or {}).get("awsvpcConfiguration") or {}).get("subnets", ["subnet-testbed"])[0]
            ip = f"10.0.{random.randint(0, 255)}.{random.randint(1, 254)}"
            task.attachments = [{"id": str(uuid.uuid4()), "type": "ElasticNetworkInterface", "status": "ATTACHED", "details": [
                {"name": "subnetId", "value": subnet}, {"name": "privateIPv4Address", "value": ip}]}]
        backend.tasks.setdefault(cluster.name, {})[task.task_arn] = task
        return task

    def start_service_task(self, state: ServiceState, owner_id: str, task_definition: str, at: float) -> TaskState:
        """Starts a task for a deployment (ECS controller) or a task set (CODE_DEPLOY); `owner_id` is its id."""
        service = state.service
        task = self.make_task(state.backend, service.cluster_name, task_definition, f"service:{service.name}",
                              owner_id, service.launch_type, None, service.network_configuration, None, at)
        failure = self.matching_failure(service.cluster_name, service.name, task_definition)
        task_state = TaskState(task=task, service_key=state.key, deployment_id=owner_id, failure=failure)
        owner = self.task_sets.get(owner_id)
        balancers = owner.task_set.load_balancers if owner is not None else service.load_balancers
        task_state.targets = [(lb["targetGroupArn"], int(lb.get("containerPort", 80))) for lb in balancers or []
                              if lb.get("targetGroupArn")]
        state.tasks.append(task_state)
        self.tasks[task.task_arn] = task_state
        self.launch(task_state, state.backend, task_definition, None, at, run_seconds=None)
        return task_state

    def launch(self, task_state: TaskState, backend: Any, task_definition: str, overrides: dict[str, Any] | None, at: float,
               run_seconds: float | None) -> None:
        """Starts a task: as real containers on Docker for clusters switched to them, else simulated."""
        task_state.real = self.runner is not None and task_state.task.cluster_name in self.real_clusters
        if task_state.real:
            self.runner.start(task_state, backend.describe_task_definition(task_definition), overrides)
        else:
            self.schedule_task_lifecycle(task_state, at, run_seconds=run_seconds)

    # ---- real containers (tb_docker calls these under the lock) ----------------------------------

    def real_task_running(self, task_state: TaskState, at: float) -> None:
        if task_state.phase == "starting":
            self.task_running(task_state, at)

    def real_task_stopped(self, task_state: TaskState, at: float, exit_code: int, container: str, user_stop: bool) -> None:
        task = task_state.task
        if user_stop:
            task_state.phase = "stopping"
            for model in task.containers:
                if model.name == container or model.exitCode is None:
                    model.exitCode = exit_code
            task_state.phase = "stopped"
            task.last_status = "STOPPED"
            task.stopped_at = task.execution_stopped_at = self.wall(at)
            for model in task.containers:
                model.last_status = "STOPPED"
            self.after_task_change(task_state, at)
            return
        only = next((c for c in task.containers if c.name == container), None)
        # A service's tasks are meant to run forever: any exit is a failure. A one-off task succeeds with 0.
        failed = task_state.service_key is not None or exit_code != 0
        self.finish_task(task_state, at, "Essential container in task exited", "EssentialContainerExited", exit_code=exit_code,
                         container_reason=None, failed=failed, only=only)

    def real_task_unhealthy(self, task_state: TaskState, at: float, container: str) -> None:
        for model in task_state.task.containers:
            if model.name == container:
                model.health_status = "UNHEALTHY"
        task_state.task.health_status = "UNHEALTHY"
        self.finish_task(task_state, at, "Task failed container health checks", "TaskFailedToStart", exit_code=137,
                         container_reason=None, failed=True)

    def schedule_task_lifecycle(self, task_state: TaskState, at: float, run_seconds: float | None) -> None:
        timings = self.timings
        failure = task_state.failure
        if failure is not None and failure["mode"] == "pull":
            self.bed.scheduler.at(at + timings["taskStartSeconds"] / 2, lambda t: self.fail_to_start(task_state, t))
            return
        running_at = at + timings["taskStartSeconds"]
        self.bed.scheduler.at(running_at, lambda t: self.task_running(task_state, t))
        if failure is not None and failure["mode"] == "late":
            healthy_at = running_at + timings["healthySeconds"]
            self.bed.scheduler.at(healthy_at, lambda t: self.task_healthy(task_state, t))
            self.bed.scheduler.at(healthy_at + failure["afterSeconds"], lambda t: self.task_crashed(task_state, t))
        elif failure is not None:
            self.bed.scheduler.at(running_at + timings["failAfterSeconds"], lambda t: self.task_crashed(task_state, t))
        elif run_seconds is not None:
            self.bed.scheduler.at(running_at + run_seconds, lambda t: self.task_exited(task_state, t))
        else:
            self.bed.scheduler.at(running_at + timings["healthySeconds"], lambda t: self.task_healthy(task_state, t))

    def task_running(self, task_state: TaskState, at: float) -> None:
        if task_state.phase != "starting":
            return
        task_state.phase = "running"
        task = task_state.task
        task.last_status = "RUNNING"
        task.pull_started_at = task.created_at
        task.pull_stopped_at = self.wall(at)
        task.started_at = self.wall(at)
        task.connectivity = "CONNECTED"
        task.connectivity_at = self.wall(at)
        for container in task.containers:
            container.last_status = "RUNNING"
        self.after_task_change(task_state, at)

    def task_healthy(self, task_state: TaskState, at: float) -> None:
        if task_state.phase != "running":
            return
        task_state.phase = "healthy"
        task_state.task.health_status = "HEALTHY"
        for container in task_state.task.containers:
            container.health_status = "HEALTHY"
        self.after_task_change(task_state, at)

    def task_crashed(self, task_state: TaskState, at: float) -> None:
        if task_state.phase not in ("running", "healthy"):
            return
        failure = task_state.failure or {}
        task = task_state.task
        essential = next((c for c in task.containers if getattr(c, "essential", True)), task.containers[0])
        if failure.get("mode") == "unhealthy":
            task.health_status = "UNHEALTHY"
            essential.health_status = "UNHEALTHY"
            reason = failure.get("reason") or "Task failed container health checks"
            self.finish_task(task_state, at, reason, "TaskFailedToStart", exit_code=137, container_reason=None, failed=True)
        else:
            exit_code = failure.get("exitCode", 1)
            reason = failure.get("reason") or "Essential container in task exited"
            self.finish_task(task_state, at, reason, "EssentialContainerExited", exit_code=exit_code, container_reason=None,
                             failed=True, only=essential)

    def fail_to_start(self, task_state: TaskState, at: float) -> None:
        task = task_state.task
        image = task.containers[0].image if task.containers else "image"
        reason = (f"CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref {image}: "
                  f"not found")
        self.finish_task(task_state, at, reason, "TaskFailedToStart", exit_code=None, container_reason=reason, failed=True)

    def task_exited(self, task_state: TaskState, at: float) -> None:
        if task_state.phase not in ("running", "healthy"):
            return
        self.finish_task(task_state, at, "Essential container in task exited", "EssentialContainerExited", exit_code=0,
                         container_reason=None, failed=False)

    def finish_task(self, task_state: TaskState, at: float, reason: str, stop_code: str, exit_code: int | None,
                    container_reason: str | None, failed: bool, only: Any = None) -> None:
        task = task_state.task
        task_state.phase = "stopped"
        task_state.failed = failed
        task.last_status = "STOPPED"
        task.desired_status = "STOPPED"
        task.stopped_reason = reason
        task.stop_code = stop_code
        task.stopping_at = self.wall(at)
        task.execution_stopped_at = self.wall(at)
        task.stopped_at = self.wall(at)
        for container in task.containers:
            container.last_status = "STOPPED"
            if only is None or container is only:
                container.exitCode = exit_code
            elif container.exitCode is None:
                container.exitCode = 143 if exit_code is not None else None
            if container_reason:
                container.reason = container_reason
        self.after_task_change(task_state, at)
        if failed and task_state.service_key is not None:
            state = self.services.get(task_state.service_key)
            if state is not None:
                self.add_event(state, f"has stopped 1 running tasks: (task {task.id}).", at)
                task_set_state = self.task_sets.get(task_state.deployment_id or "")
                if task_set_state is not None:
                    task_set_state.failed_tasks += 1
                    for listener in self.task_set_failure_listeners:
                        listener(task_set_state, at)
                else:
                    self.on_task_failed(state, task_state, at)
                self.schedule_reconcile(state, at)

    def stop_task(self, task_state: TaskState, at: float, reason: str, stop_code: str) -> None:
        if task_state.phase in ("stopping", "stopped"):
            return
        task_state.phase = "stopping"
        task = task_state.task
        task.desired_status = "STOPPED"
        task.last_status = "DEACTIVATING"
        task.stopping_at = self.wall(at)
        task.stopped_reason = reason
        task.stop_code = stop_code
        self.update_targets(task_state)
        if task_state.real and self.runner is not None:
            self.runner.stop(task_state)
            return

        def stopped(t: float, s: TaskState = task_state) -> None:
            s.phase = "stopped"
            s.task.last_status = "STOPPED"
            s.task.stopped_at = self.wall(t)
            s.task.execution_stopped_at = self.wall(t)
            for container in s.task.containers:
                container.last_status = "STOPPED"
                if container.exitCode is None:
                    container.exitCode = 143
            self.after_task_change(s, t)

        self.bed.scheduler.at(at + self.timings["stopSeconds"], stopped)

    def task_ip(self, task_state: TaskState) -> str | None:
        for attachment in getattr(task_state.task, "attachments", []) or []:
            for detail in attachment.get("details", []):
                if detail.get("name") == "privateIPv4Address":
                    return str(detail["value"])
        return None

    def update_targets(self, task_state: TaskState) -> None:
        """Registers a running task in its target groups; health follows the task; stopped tasks leave."""
        ip = self.task_ip(task_state)
        if ip is None or not task_state.targets:
            return
        from moto.elbv2.models import elbv2_backends

        task = task_state.task
        elbv2 = elbv2_backends[self.bed.account_id][task.region_name]
        wanted = {"starting": None, "running": "initial", "healthy": "healthy", "stopping": "draining", "stopped": None}[task_state.phase]
        if task.health_status == "UNHEALTHY" and wanted is not None:
            wanted = "unhealthy"
        for arn, port in task_state.targets:
            key = (arn, ip)
            previous = self.target_health.get(key)
            try:
                if wanted is not None and previous is None:
                    elbv2.register_targets(arn, [{"Id": ip, "Port": port}])
                if wanted is None and previous is not None:
                    elbv2.deregister_targets(arn, [{"Id": ip, "Port": port}])
            except Exception:  # the target group may have been deleted by the test
                continue
            if wanted is None:
                self.target_health.pop(key, None)
            else:
                self.target_health[key] = wanted

    def after_task_change(self, task_state: TaskState, at: float) -> None:
        self.update_targets(task_state)
        if task_state.service_key is None:
            return
        state = self.services.get(task_state.service_key)
        if state is None:
            return
        if task_state.phase == "stopped":
            state.tasks = [t for t in state.tasks if t is not task_state]
        self.schedule_reconcile(state, at)

    # ---- task sets (CODE_DEPLOY controller) -----------------------------------------------------

    def create_task_set(self, state: ServiceState, task_definition: str, load_balancers: list[dict[str, Any]],
                        external_id: str, at: float, primary: bool = False, scale: float = 100.0,
                        network: dict[str, Any] | None = None,
                        capacity_providers: list[dict[str, Any]] | None = None) -> TaskSetState:
        service = state.service
        strategy = capacity_providers if capacity_providers is not None else getattr(service, "capacity_provider_strategy", None)
        task_set = ecs_models.TaskSet(service.arn, service.cluster_arn, task_definition, self.bed.account_id, service.region_name,
                                      external_id=external_id, network_configuration=network or service.network_configuration or None,
                                      load_balancers=load_balancers, launch_type=None if strategy else service.launch_type,
                                      capacity_provider_strategy=strategy or None,
                                      scale={"value": scale, "unit": "PERCENT"})
        task_set.task_definition = state.backend.describe_task_definition(task_definition).arn
        task_set.service_arn = service.arn
        task_set.cluster_arn = service.cluster_arn
        task_set.status = "PRIMARY" if primary else "ACTIVE"
        task_set.createdAt = task_set.updatedAt = task_set.stabilityStatusAt = self.wall(at)
        task_set.stabilityStatus = "STABILIZING"
        service.task_sets.append(task_set)
        ts_state = TaskSetState(task_set=task_set, service_key=state.key)
        state.task_sets.append(ts_state)
        self.task_sets[task_set.id] = ts_state
        self.schedule_reconcile(state, at)
        return ts_state

    def scale_task_set(self, ts_state: TaskSetState, percent: float, at: float) -> None:
        ts_state.task_set.scale = {"value": float(percent), "unit": "PERCENT"}
        ts_state.task_set.updatedAt = self.wall(at)
        state = self.services.get(ts_state.service_key)
        if state is not None:
            self.schedule_reconcile(state, at)

    def delete_task_set(self, ts_state: TaskSetState, at: float) -> None:
        state = self.services.get(ts_state.service_key)
        if state is None:
            return
        ts_state.task_set.status = "DRAINING"
        for task_state in [t for t in state.tasks if t.deployment_id == ts_state.task_set.id]:
            self.stop_task(task_state, at, f"Task set {ts_state.task_set.id} deleted.", "ServiceSchedulerInitiated")
        state.task_sets = [t for t in state.task_sets if t is not ts_state]
        state.service.task_sets = [t for t in state.service.task_sets if t is not ts_state.task_set]
        self.task_sets.pop(ts_state.task_set.id, None)
        self.schedule_reconcile(state, at)

    def make_primary(self, ts_state: TaskSetState, at: float) -> None:
        state = self.services.get(ts_state.service_key)
        if state is None:
            return
        for other in state.task_sets:
            other.task_set.status = "PRIMARY" if other is ts_state else "ACTIVE"
        state.service.task_definition = ts_state.task_set.task_definition
        state.last_good_task_definition = ts_state.task_set.task_definition
        # As on ECS: a CODE_DEPLOY service shows the network and capacity providers of its primary task set.
        if ts_state.task_set.network_configuration:
            state.service.network_configuration = ts_state.task_set.network_configuration
        if ts_state.task_set.capacity_provider_strategy:
            state.service.capacity_provider_strategy = ts_state.task_set.capacity_provider_strategy
            state.service.launch_type = None
        self.sync_task_sets(state, at)

    def task_set_stable(self, ts_state: TaskSetState) -> bool:
        return ts_state.task_set.stabilityStatus == "STEADY_STATE"

    def reconcile_task_sets(self, state: ServiceState, at: float) -> None:
        desired = state.service.desired_count or 0
        for ts_state in state.task_sets:
            task_set = ts_state.task_set
            want = math.ceil(desired * float(task_set.scale.get("value", 100)) / 100)
            alive = [t for t in state.tasks if t.deployment_id == task_set.id and t.phase in ("starting", "running", "healthy")]
            for _ in range(want - len(alive)):
                self.start_service_task(state, task_set.id, task_set.task_definition, at)
            if len(alive) > want:
                for task_state in sorted(alive, key=lambda t: t.phase == "healthy")[: len(alive) - want]:
                    self.stop_task(task_state, at, f"Task set {task_set.id} scaled in.", "ServiceSchedulerInitiated")
        self.sync_task_sets(state, at)

    def sync_task_sets(self, state: ServiceState, at: float) -> None:
        service = state.service
        desired = service.desired_count or 0
        running_total = pending_total = 0
        for ts_state in state.task_sets:
            task_set = ts_state.task_set
            want = math.ceil(desired * float(task_set.scale.get("value", 100)) / 100)
            mine = [t for t in state.tasks if t.deployment_id == task_set.id]
            running = sum(1 for t in mine if t.phase in ("running", "healthy"))
            pending = sum(1 for t in mine if t.phase == "starting")
            healthy = sum(1 for t in mine if t.phase == "healthy")
            stopping = sum(1 for t in mine if t.phase == "stopping")
            task_set.computedDesiredCount = want
            task_set.runningCount = running
            task_set.pendingCount = pending
            task_set.computed_desired_count = want
            task_set.running_count = running
            task_set.pending_count = pending
            status = "STEADY_STATE" if healthy == want and pending == 0 and stopping == 0 else "STABILIZING"
            if status != task_set.stabilityStatus:
                task_set.stabilityStatus = status
                task_set.stabilityStatusAt = self.wall(at)
                ts_state.stable_since = at if status == "STEADY_STATE" else None
            running_total += running
            pending_total += pending
        service.running_count = running_total
        service.pending_count = pending_total
        primary = next((t for t in state.task_sets if t.task_set.status == "PRIMARY"), None)
        if primary is not None:
            service.task_definition = primary.task_set.task_definition

    # ---- the view moto serializes ---------------------------------------------------------------

    def sync(self, state: ServiceState, at: float) -> None:
        service = state.service
        counts = {d.id: {"running": 0, "pending": 0} for d in state.deployments}
        for task_state in state.tasks:
            if task_state.deployment_id in counts and task_state.phase in ("starting", "running", "healthy"):
                counts[task_state.deployment_id]["running" if task_state.phase != "starting" else "pending"] += 1
        deployments = []
        for d in state.deployments:
            deployments.append({
                "id": d.id,
                "status": d.status,
                "taskDefinition": d.task_definition,
                "desiredCount": (service.desired_count or 0) if d.status == "PRIMARY" else 0,
                "pendingCount": counts[d.id]["pending"],
                "runningCount": counts[d.id]["running"],
                "failedTasks": d.failed_tasks,
                "createdAt": self.wall(d.created),
                "updatedAt": self.wall(d.updated),
                "launchType": service.launch_type,
                "platformFamily": "Linux" if service.launch_type == "FARGATE" else None,
                "networkConfiguration": service.network_configuration or None,
                "rolloutState": d.rollout,
                "rolloutStateReason": d.reason or f"ECS deployment {d.id} in progress.",
                **d.settings,
            })
        service.deployments = deployments
        service.running_count = sum(c["running"] for c in counts.values())
        service.pending_count = sum(c["pending"] for c in counts.values())

    def service_deployment_view(self, state: ServiceState, record: ServiceDeploymentRecord) -> dict[str, Any]:
        def revision_summary(arn: str) -> dict[str, Any]:
            deployment = next((d for d in state.deployments if d.revision_arn == arn), None)
            running = pending = 0
            if deployment is not None:
                for t in state.tasks:
                    if t.deployment_id == deployment.id:
                        running += t.phase in ("running", "healthy")
                        pending += t.phase == "starting"
            requested = (state.service.desired_count or 0) if deployment is not None and deployment.status == "PRIMARY" else 0
            return {"arn": arn, "requestedTaskCount": requested, "runningTaskCount": running, "pendingTaskCount": pending}

        view: dict[str, Any] = {
            "serviceDeploymentArn": record.arn,
            "serviceArn": state.service.arn,
            "clusterArn": state.service.cluster_arn,
            "createdAt": self.wall(record.created),
            "updatedAt": self.wall(record.updated or record.created),
            "sourceServiceRevisions": [revision_summary(arn) for arn in record.source_revisions],
            "targetServiceRevision": revision_summary(record.target_revision),
            "status": record.status,
            "deploymentConfiguration": record.config,
        }
        if record.started is not None:
            view["startedAt"] = self.wall(record.started)
        if record.finished is not None:
            view["finishedAt"] = self.wall(record.finished)
            if record.status == "STOPPED":
                view["stoppedAt"] = self.wall(record.finished)
        if record.status_reason:
            view["statusReason"] = record.status_reason
        if record.rollback:
            view["rollback"] = {**record.rollback, "startedAt": self.wall(record.rollback["startedAt"])}
        if record.breaker:
            view["deploymentCircuitBreaker"] = record.breaker
        return view


# UpdateService changes only these on a CODE_DEPLOY service (the rest goes through CodeDeploy).
CODE_DEPLOY_UPDATABLE = {"cluster", "service", "desiredCount", "deploymentConfiguration", "healthCheckGracePeriodSeconds",
                         "placementConstraints", "placementStrategy", "enableECSManagedTags", "propagateTags",
                         "forceNewDeployment"}
# Settings each deployment runs with (DescribeServices shows them on the deployment): a change starts one.
DEPLOYMENT_SETTINGS = ("serviceConnectConfiguration", "volumeConfigurations")


def check_service_settings(response: Any, service: Any) -> tuple[dict[str, Any], bool]:
    """Refuses, as ECS does, the settings UpdateService cannot apply. Returns the per-deployment settings
    given, and whether a service setting that starts a deployment changes."""
    params = response._get_params()
    if service.deployment_controller.get("type", "ECS") == "CODE_DEPLOY":
        refused = sorted(k for k, v in params.items() if v is not None and k not in CODE_DEPLOY_UPDATABLE and k != "taskDefinition")
        if refused:
            raise InvalidParameterException(
                f"Unable to update {', '.join(refused)} on services with a CODE_DEPLOY deployment controller. "
                "Use AWS CodeDeploy to trigger a new deployment.")
    if params.get("healthCheckGracePeriodSeconds") is not None and not service.load_balancers:
        raise InvalidParameterException(
            "Health check grace period is only valid for services configured to use load balancers")
    strategy = params.get("capacityProviderStrategy")
    if strategy and strategy != (getattr(service, "capacity_provider_strategy", None) or []) and not params.get("forceNewDeployment"):
        raise InvalidParameterException(
            "When switching from launch type to capacity provider strategy on an existing service, or making a change to "
            "a capacity provider strategy on a service that is already using one, you must force a new deployment.")
    # Compared before moto applies them: a new network or capacity provider strategy deploys.
    current = {"networkConfiguration": service.network_configuration or None,
               "capacityProviderStrategy": getattr(service, "capacity_provider_strategy", None) or None}
    deploys = any(params.get(k) is not None and params[k] != v for k, v in current.items())
    return {k: params[k] for k in DEPLOYMENT_SETTINGS if params.get(k) is not None}, deploys


def find_backend_service(backend: Any, cluster: str, service_name: str) -> Any:
    return backend._get_service(cluster, service_name.split("/")[-1])


def install(bed: Bed) -> EcsEngine:
    engine = EcsEngine(bed)
    # Target health follows the tasks the engine registered; other targets keep moto's answer.
    from moto.elbv2 import models as elbv2_models

    original_health_for = elbv2_models.FakeTargetGroup.health_for
    reasons = {
        "initial": ("Elb.RegistrationInProgress", "Target registration is in progress"),
        "draining": ("Target.DeregistrationInProgress", "Target deregistration is in progress"),
        "unhealthy": ("Target.FailedHealthChecks", "Health checks failed"),
    }

    def health_for(self: Any, target: dict[str, Any], ec2_backend: Any) -> Any:
        state = engine.target_health.get((self.arn, target["Id"]))
        if state is None:
            return original_health_for(self, target, ec2_backend)
        known = self.targets.get(target["Id"]) or target
        reason, description = reasons.get(state, (None, None))
        return elbv2_models.FakeHealthStatus(target["Id"], known.get("Port", self.port), self.health_check_port, state, reason,
                                             description)

    elbv2_models.FakeTargetGroup.health_for = health_for
    # Our engine owns task states: moto's own per-describe progression must not move them.
    state_manager.set_transition(model_name="ecs::task", transition={"progression": "manual", "times": 10**9})

    Backend = ecs_models.EC2ContainerServiceBackend
    Response = ecs_responses.EC2ContainerServiceResponse

    original_register = Backend.register_task_definition

    def register_task_definition(self: Any, family: str, container_definitions: list[dict[str, Any]], *args: Any, **kwargs: Any) -> Any:
        td = original_register(self, family, container_definitions, *args, **kwargs)
        # Fill what ECS fills, so a describe-then-register round trip compares equal as on AWS.
        for definition in td.container_definitions:
            for mapping in definition.get("portMappings", []):
                mapping.setdefault("protocol", "tcp")
                if td.network_mode == "awsvpc" and "containerPort" in mapping:
                    mapping.setdefault("hostPort", mapping["containerPort"])
            definition.setdefault("systemControls", [])
        td.registered_at = bed.clock.wall_datetime(bed.scheduler.current)
        td.registered_by = f"arn:aws:iam::{bed.account_id}:root"
        requires = [{"name": "com.amazonaws.ecs.capability.docker-remote-api.1.18"}]
        if td.network_mode == "awsvpc":
            requires.append({"name": "ecs.capability.task-eni"})
        if getattr(td, "execution_role_arn", None):
            requires.append({"name": "ecs.capability.execution-role-ecr-pull"})
        if any((d.get("logConfiguration") or {}).get("logDriver") == "awslogs" for d in td.container_definitions):
            requires.append({"name": "com.amazonaws.ecs.capability.logging-driver.awslogs"})
            if getattr(td, "execution_role_arn", None):
                requires.append({"name": "ecs.capability.execution-role-awslogs"})
        td.requires_attributes = requires
        return td

    Backend.register_task_definition = register_task_definition

    original_create_service = Backend.create_service

    def create_service(self: Any, *args: Any, **kwargs: Any) -> Any:
        network = kwargs.get("network_configuration")
        if network and "awsvpcConfiguration" in network:
            # AWS allows subnets without securityGroups (moto raises KeyError).
            network["awsvpcConfiguration"].setdefault("securityGroups", [])
        return original_create_service(self, *args, **kwargs)

    Backend.create_service = create_service
    # No VPC exists in the test bed: accept the subnets and groups a service names.
    ecs_models.Service._validate_network = lambda self, nc: nc

    original_response_create = Response.create_service

    def response_create_service(self: Any) -> Any:
        config = self._get_param("deploymentConfiguration")
        result = original_response_create(self)
        service = find_backend_service(self.ecs_backend, self._get_param("cluster", "default"), self._get_param("serviceName"))
        if service.task_definition is not None:
            service.task_definition = self.ecs_backend.describe_task_definition(service.task_definition).arn
        engine.on_service_created(self.ecs_backend, service, config)
        return result

    Response.create_service = response_create_service

    original_response_update = Response.update_service

    def response_update_service(self: Any) -> Any:
        cluster = self._get_param("cluster", "default")
        name = self._get_param("service")
        task_definition = self._get_param("taskDefinition")
        resolved = None
        current = find_backend_service(self.ecs_backend, cluster, name)
        if task_definition and current.deployment_controller.get("type", "ECS") == "CODE_DEPLOY":
            raise InvalidParameterException(
                "Unable to update task definition on services with a CODE_DEPLOY deployment controller. "
                "Use AWS CodeDeploy to trigger a new deployment.")
        if task_definition:
            td = self.ecs_backend.describe_task_definition(task_definition)
            if td.status != "ACTIVE":
                raise EcsClientException("TaskDefinition is inactive")
            resolved = td.arn
        service = find_backend_service(self.ecs_backend, cluster, name)
        settings, settings_deploy = check_service_settings(self, service)
        previous_desired = service.desired_count
        result = original_response_update(self)
        # moto copies running_count from desired_count; the engine keeps the real counts.
        if self._get_param("desiredCount") is None:
            service.desired_count = previous_desired
        if self._get_param("capacityProviderStrategy"):
            service.launch_type = None
        engine.on_service_updated(service, resolved, bool(self._get_param("forceNewDeployment")),
                                  self._get_param("deploymentConfiguration"), settings, settings_deploy)
        return result

    Response.update_service = response_update_service

    original_delete_service = Backend.delete_service

    def delete_service(self: Any, cluster_name: str, service_name: str, force: bool) -> Any:
        service = original_delete_service(self, cluster_name, service_name, force)
        state = engine.services.pop(f"{service.cluster_name}:{service.name}", None)
        if state is not None:
            at = engine.now()
            for task_state in list(state.tasks):
                engine.stop_task(task_state, at, "Service deleted.", "ServiceSchedulerInitiated")
        return service

    Backend.delete_service = delete_service

    def run_task(self: Any) -> Any:
        backend = self.ecs_backend
        cluster = self._get_param("cluster", "default")
        td = backend.describe_task_definition(self._get_param("taskDefinition"))
        if td.status != "ACTIVE":
            raise EcsClientException("TaskDefinition is inactive")
        count = self._get_int_param("count") or 1
        if not 1 <= count <= 10:
            raise InvalidParameterException("count must be between 1 and 10")
        network = self._get_param("networkConfiguration")
        if td.network_mode == "awsvpc" and not network:
            raise InvalidParameterException("Network Configuration must be provided when networkMode 'awsvpc' is specified.")
        at = engine.now()
        tasks = []
        for _ in range(count):
            task = engine.make_task(backend, cluster, td.arn, self._get_param("group") or f"family:{td.family}",
                                    self._get_param("startedBy") or "", self._get_param("launchType"),
                                    self._get_param("overrides"), network, self._get_param("tags"), at)
            failure = engine.matching_failure(task.cluster_name, None, td.arn)
            task_state = TaskState(task=task, service_key=None, deployment_id=None, failure=failure)
            engine.tasks[task.task_arn] = task_state
            engine.launch(task_state, backend, td.arn, self._get_param("overrides"), at, run_seconds=engine.timings["runTaskSeconds"])
            tasks.append(task)
        return ActionResult({"tasks": tasks, "failures": []})

    Response.run_task = run_task

    def stop_task(self: Any) -> Any:
        backend = self.ecs_backend
        cluster = backend._get_cluster(self._get_param("cluster", "default"))
        wanted = self._get_param("task")
        task_id = wanted.split("/")[-1]
        for arn, task in backend.tasks.get(cluster.name, {}).items():
            if arn.endswith(task_id):
                task_state = engine.tasks.get(arn)
                if task_state is not None:
                    engine.stop_task(task_state, engine.now(), self._get_param("reason") or "Task stopped by user", "UserInitiated")
                return ActionResult({"task": task})
        raise InvalidParameterException("The referenced task was not found.")

    Response.stop_task = stop_task

    def list_service_deployments(self: Any) -> Any:
        backend = self.ecs_backend
        service = find_backend_service(backend, self._get_param("cluster", "default"), self._get_param("service"))
        state = engine.services.get(f"{service.cluster_name}:{service.name}")
        statuses = self._get_param("status") or []
        created = self._get_param("createdAt") or {}
        if state is None:
            return ActionResult({"serviceDeployments": []})
        briefs = []
        for record in state.records:
            if statuses and record.status not in statuses:
                continue
            wall_created = bed.clock.to_wall(record.created)
            if created.get("before") is not None and wall_created >= float(created["before"]):
                continue
            if created.get("after") is not None and wall_created <= float(created["after"]):
                continue
            view = engine.service_deployment_view(state, record)
            briefs.append({k: view[k] for k in ("serviceDeploymentArn", "serviceArn", "clusterArn", "createdAt", "startedAt",
                                                 "finishedAt", "status", "statusReason") if k in view}
                          | {"targetServiceRevisionArn": record.target_revision})
        max_results = self._get_int_param("maxResults") or 20
        start = int(self._get_param("nextToken") or 0)
        page = briefs[start:start + max_results]
        result: dict[str, Any] = {"serviceDeployments": page}
        if start + max_results < len(briefs):
            result["nextToken"] = str(start + max_results)
        return ActionResult(result)

    Response.list_service_deployments = list_service_deployments

    def describe_service_deployments(self: Any) -> Any:
        found, failures = [], []
        for arn in self._get_param("serviceDeploymentArns") or []:
            entry = engine.records_by_arn.get(arn)
            if entry is None:
                failures.append({"arn": arn, "reason": "MISSING", "detail": "The service deployment was not found."})
            else:
                found.append(engine.service_deployment_view(*entry))
        return ActionResult({"serviceDeployments": found, "failures": failures})

    Response.describe_service_deployments = describe_service_deployments

    def describe_service_revisions(self: Any) -> Any:
        found, failures = [], []
        for arn in self._get_param("serviceRevisionArns") or []:
            revision = engine.revisions.get(arn)
            if revision is None:
                failures.append({"arn": arn, "reason": "MISSING", "detail": "The service revision was not found."})
            else:
                found.append({k: v for k, v in revision.items() if v is not None})
        return ActionResult({"serviceRevisions": found, "failures": failures})

    Response.describe_service_revisions = describe_service_revisions
    return engine
