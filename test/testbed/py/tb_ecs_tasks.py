"""The task lifecycle: tasks of services, task sets and RunTask, simulated or run as real containers.
"""
from __future__ import annotations

import random
import uuid
from types import SimpleNamespace
from typing import Any

from moto.ecs import models as ecs_models

from tb_ecs_model import NO_HEALTH_CHECK_SECONDS, EngineBase, ServiceState, TaskState


class TaskLifecycle(EngineBase):
    """Tasks from PROVISIONING to STOPPED: simulated in emulated time, or real containers (tb_docker)."""

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
            container.health_checked = bool(definition.get("healthCheck"))
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
        task_state.targets = state.deployment_targets.get(owner_id) or [
            (lb["targetGroupArn"], int(lb.get("containerPort", 80))) for lb in balancers or [] if lb.get("targetGroupArn")]
        state.tasks.append(task_state)
        self.tasks[task.task_arn] = task_state
        self.journal_task(task_state, "start", at)
        self.launch(task_state, state.backend, task_definition, None, at, run_seconds=None)
        return task_state

    def journal_task(self, task_state: TaskState, event: str, at: float) -> None:
        """A service task's start or stop request, so tests can check their order."""
        if task_state.service_key is None:
            return
        self.bed.journal.add("task", event=event, taskArn=task_state.task.task_arn, service=task_state.service_key,
                             deploymentId=task_state.deployment_id, taskDefinition=task_state.task.task_definition_arn,
                             emulatedTime=at, wallTime=self.bed.clock.to_wall(at))

    def launch(self, task_state: TaskState, backend: Any, task_definition: str, overrides: dict[str, Any] | None, at: float,
               run_seconds: float | None) -> None:
        """Starts a task: as real containers on Docker for clusters switched to them, else simulated."""
        task_state.real = self.runner is not None and task_state.task.cluster_name in self.real_clusters
        if task_state.real:
            self.runner.start(task_state, backend.describe_task_definition(task_definition), overrides)
        else:
            self.schedule_task_lifecycle(task_state, at, run_seconds=run_seconds)

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

    def target_group_timing(self, task_state: TaskState) -> tuple[float | None, float | None]:
        """(seconds to healthy, seconds of draining) as the task's target groups set them; None without one."""
        if not task_state.targets:
            return None, None
        from moto.elbv2.models import elbv2_backends

        elbv2 = elbv2_backends[self.bed.account_id][task_state.task.region_name]
        healthy: list[float] = []
        drain: list[float] = []
        for arn, _port in task_state.targets:
            group = elbv2.target_groups.get(arn)
            if group is None:  # deleted by the test: nothing drains it
                continue
            healthy.append(float(group.health_check_interval_seconds) * float(group.healthy_threshold_count))
            drain.append(float(group.attributes.get("deregistration_delay.timeout_seconds", 300)))
        return (max(healthy) if healthy else None, max(drain) if drain else None)

    def healthy_seconds(self, task_state: TaskState) -> float:
        """How long after RUNNING a task counts as healthy: its target groups' checks; without one,
        its container health checks, or ECS's 40 s when no essential container has one."""
        healthy, _ = self.target_group_timing(task_state)
        if healthy is not None:
            return healthy
        return self.timings["healthySeconds"] if task_state.health_checked else NO_HEALTH_CHECK_SECONDS

    def stop_seconds(self, task_state: TaskState) -> float:
        """How long a stop of this task takes: drained by its load balancer first, when it has one."""
        _, drain = self.target_group_timing(task_state)
        return self.timings["stopSeconds"] + (drain or 0.0)

    def schedule_task_lifecycle(self, task_state: TaskState, at: float, run_seconds: float | None) -> None:
        timings = self.timings
        failure = task_state.failure
        if failure is not None and failure["mode"] == "pull":
            self.bed.scheduler.at(at + timings["taskStartSeconds"] / 2, lambda t: self.fail_to_start(task_state, t))
            return
        running_at = at + timings["taskStartSeconds"]
        self.bed.scheduler.at(running_at, lambda t: self.task_running(task_state, t))
        if failure is not None and failure["mode"] == "late":
            healthy_at = running_at + self.healthy_seconds(task_state)
            self.bed.scheduler.at(healthy_at, lambda t: self.task_healthy(task_state, t))
            self.bed.scheduler.at(healthy_at + failure["afterSeconds"], lambda t: self.task_crashed(task_state, t))
        elif failure is not None:
            self.bed.scheduler.at(running_at + timings["failAfterSeconds"], lambda t: self.task_crashed(task_state, t))
        elif run_seconds is not None:
            self.bed.scheduler.at(running_at + run_seconds, lambda t: self.task_exited(task_state, t))
        else:
            self.bed.scheduler.at(running_at + self.healthy_seconds(task_state), lambda t: self.task_healthy(task_state, t))

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
        # healthStatus reports container health checks only: UNKNOWN where there are none.
        task_state.task.health_status = "HEALTHY" if task_state.health_checked else "UNKNOWN"
        for container in task_state.task.containers:
            container.health_status = "HEALTHY" if getattr(container, "health_checked", False) else "UNKNOWN"
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
        self.journal_task(task_state, "stop", at)
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

        self.bed.scheduler.at(at + self.stop_seconds(task_state), stopped)

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
