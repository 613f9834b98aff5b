"""The ECS engine's state: tasks, deployments, task sets and services as the simulation keeps them,
and EngineBase, the shared state and helpers every part of the engine (tb_ecs_*.py) builds on.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tb_core import Bed

# Emulated seconds; the defaults are close to a small Fargate task behind a load balancer.
DEFAULT_TIMINGS = {
    "taskStartSeconds": 20.0,  # PROVISIONING -> RUNNING (pull, start)
    # RUNNING -> passes its container health checks (a task with an essential container that has
    # one). Without load balancer or container health check, ECS counts a task as healthy 40 s
    # after it runs (NO_HEALTH_CHECK_SECONDS); behind one, the target group's checks decide.
    "healthySeconds": 15.0,
    # Stop requested -> STOPPED: SIGTERM and the app's shutdown. A task in target groups is
    # drained first, as on AWS: the load balancer's own figures set its timing. It is healthy
    # after HealthCheckIntervalSeconds x HealthyThresholdCount once it runs, and a stop waits
    # deregistration_delay.timeout_seconds before this.
    "stopSeconds": 15.0,
    "failAfterSeconds": 10.0,  # a failing task runs this long before its essential container exits
    "runTaskSeconds": 30.0,  # a RunTask task runs this long, then its containers exit 0
    # Real containers live in wall time: one counts as healthy only after running this many wall
    # seconds (and passing its HEALTHCHECK, if it has one), so a container that dies right after
    # it starts never looks healthy. It fails its deployment and counts for the circuit breaker,
    # as a task that exits at start does on ECS, instead of a crash loop completing a deployment.
    "realHealthySeconds": 3.0,
}

# "If a task has no essential containers with a health check defined, the service scheduler will
# wait for 40 seconds after a task reaches a RUNNING state before the task is counted towards the
# minimum healthy percent total" (ECS API Reference, DeploymentConfiguration.minimumHealthyPercent).
NO_HEALTH_CHECK_SECONDS = 40.0

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

    @property
    def health_checked(self) -> bool:
        """Whether an essential container has a health check in the task definition."""
        return any(getattr(c, "health_checked", False) and getattr(c, "essential", True) for c in self.task.containers)


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
    # ECS-native strategies (tb_ecs_native): the run in flight, the alarms monitor, the stage.
    native: Any = None
    alarms: dict[str, Any] | None = None
    lifecycle_stage: str | None = None


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
    # The ECS-native deployment in flight (tb_ecs_native.NativeRun), and the target groups each
    # deployment's tasks register in when they are not the service's own (green's alternate group).
    native: Any = None
    deployment_targets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

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


class EngineBase:
    """Shared state and helpers. The parts (rolling deployments, task sets, task lifecycle, target
    health, control endpoints) are mixins over this class; they call each other only through the
    methods declared at its end."""

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
        # Lambda lifecycle hooks' answers by function ARN (no Lambda runs): SUCCEEDED by default.
        self.hook_answers: dict[str, str] = {}

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
        self.hook_answers.clear()

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

    # ---- scheduling: every part asks for a reconcile; the controller decides which part does it ----

    def schedule_reconcile(self, state: ServiceState, at: float) -> None:
        self.bed.scheduler.at(at, lambda t: self.reconcile(state, t))

    def reconcile(self, state: ServiceState, at: float) -> None:
        if state.key not in self.services:
            return
        if state.controller == "CODE_DEPLOY":
            self.reconcile_task_sets(state, at)
        elif state.native is not None:
            self.reconcile_native(state, at)
        elif state.deployments:
            self.reconcile_rolling(state, at)

    # ---- what the parts provide each other (EcsEngine in tb_ecs.py combines them) ---------------

    def reconcile_task_sets(self, state: ServiceState, at: float) -> None:
        raise NotImplementedError

    def create_task_set(self, state: ServiceState, task_definition: str, load_balancers: list[dict[str, Any]],
                        external_id: str, at: float, primary: bool = False, scale: float = 100.0,
                        network: dict[str, Any] | None = None,
                        capacity_providers: list[dict[str, Any]] | None = None) -> TaskSetState:
        raise NotImplementedError

    def start_service_task(self, state: ServiceState, owner_id: str, task_definition: str, at: float) -> TaskState:
        raise NotImplementedError

    def stop_task(self, task_state: TaskState, at: float, reason: str, stop_code: str) -> None:
        raise NotImplementedError

    def stop_seconds(self, task_state: TaskState) -> float:
        raise NotImplementedError

    def drain_event(self, state: ServiceState, stopping: list[TaskState], at: float) -> None:
        """ECS's event when it stops routing to tasks it is about to stop (those in target groups)."""
        drained = [t for t in stopping if t.targets and t.phase in ("running", "healthy")]
        if drained:
            self.add_event(state, f"has begun draining connections on {len(drained)} tasks.", at)

    def on_task_failed(self, state: ServiceState, task_state: TaskState, at: float) -> None:
        raise NotImplementedError

    def update_targets(self, task_state: TaskState) -> None:
        raise NotImplementedError

    def reconcile_rolling(self, state: ServiceState, at: float) -> None:
        raise NotImplementedError

    def reconcile_native(self, state: ServiceState, at: float) -> None:
        raise NotImplementedError

    def native_strategy(self, state: ServiceState) -> str | None:
        raise NotImplementedError

    def start_native(self, state: ServiceState, task_definition: str, at: float, source: list[str]) -> None:
        raise NotImplementedError

    def native_task_failed(self, state: ServiceState, run: Any, at: float) -> None:
        raise NotImplementedError

    def native_view(self, record: ServiceDeploymentRecord, view: dict[str, Any]) -> None:
        raise NotImplementedError

    def start_deployment(self, state: ServiceState, task_definition: str, at: float, source: list[str],
                         rollback_of: DeploymentState | None = None) -> DeploymentState:
        raise NotImplementedError

    def stop_rolling(self, state: ServiceState, record: ServiceDeploymentRecord, stop_type: str, at: float) -> None:
        raise NotImplementedError

    def breaker_threshold(self, state: ServiceState) -> int:
        raise NotImplementedError

    def sync(self, state: ServiceState, at: float) -> None:
        raise NotImplementedError
