"""Task sets of services on the CODE_DEPLOY controller: created, scaled, made primary and deleted by CodeDeploy.
"""
from __future__ import annotations

import math
from typing import Any

from moto.ecs import models as ecs_models

from tb_ecs_model import EngineBase, ServiceState, TaskSetState


class TaskSets(EngineBase):
    """Task sets of services on the CODE_DEPLOY (or EXTERNAL) controller."""

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
