"""Rolling deployments of services on the ECS controller, as ECS runs them: UpdateService starts a new PRIMARY
deployment, tasks start and stop within minimumHealthyPercent/maximumPercent, the old deployment drains, the circuit
breaker fails (and rolls back) a deployment whose tasks keep failing, and the service deployment history answers
ListServiceDeployments / DescribeServiceDeployments / DescribeServiceRevisions.
"""
from __future__ import annotations

import math
import random
from typing import Any

from tb_ecs_model import SD_FINAL, DeploymentState, EngineBase, ServiceDeploymentRecord, ServiceState, TaskState, normalize_config


class RollingDeployments(EngineBase):
    """Services on the ECS controller: deployments, the circuit breaker, the service deployment history."""

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
            source = [d.revision_arn for d in state.deployments if d.status == "PRIMARY"] if self.native_strategy(state) \
                else [d.revision_arn for d in state.deployments]
            if self.native_strategy(state):
                self.start_native(state, service.task_definition, at, source=source)
            else:
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

    def reconcile_rolling(self, state: ServiceState, at: float) -> None:
        """Starts and stops tasks of a service on the ECS controller within its minimum and maximum."""
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
        self.drain_event(state, stopped, at)
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
        if state.native is not None and deployment is state.native.green:
            self.native_task_failed(state, state.native, at)
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

    def stop_rolling(self, state: ServiceState, record: ServiceDeploymentRecord, stop_type: str, at: float) -> None:
        """StopServiceDeployment of a rolling deployment: ROLLBACK deploys the last completed revision."""
        deployment = next((d for d in state.deployments if d.record is record and d.rollback_of is None), None)
        target = state.last_good_task_definition
        if deployment is None or stop_type != "ROLLBACK" or target is None:
            raise LookupError(f"The service deployment {record.arn} cannot be stopped with {stop_type}.")
        deployment.rollout = "FAILED"
        deployment.reason = "Service deployment stopped by StopServiceDeployment with rollback."
        record.status = "ROLLBACK_IN_PROGRESS"
        record.status_reason = "Service deployment stopped by StopServiceDeployment with rollback."
        record.rollback = {"reason": "StopServiceDeployment with rollback.", "startedAt": at, "serviceRevisionArn": ""}
        record.updated = at
        self.journal_milestone(state, deployment.id, "ROLLBACK_REQUESTED", at, rolloutState="FAILED", rollingBack=True)
        rollback = self.start_deployment(state, target, at, source=[deployment.revision_arn], rollback_of=deployment)
        record.rollback["serviceRevisionArn"] = rollback.revision_arn
        state.service.task_definition = target

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
        self.native_view(record, view)
        return view


# UpdateService changes only these on a CODE_DEPLOY service (the rest goes through CodeDeploy).
