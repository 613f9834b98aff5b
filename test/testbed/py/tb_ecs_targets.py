"""Target health as a load balancer reports it, following the tasks the engine registered.
"""
from __future__ import annotations

from tb_ecs_model import EngineBase, TaskState


class TargetHealth(EngineBase):
    """Target group registration and health that follow the tasks."""

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
