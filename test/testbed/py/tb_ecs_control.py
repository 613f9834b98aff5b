"""The ECS engine's control endpoints: failures to inject, timings, real containers, the state.
"""
from __future__ import annotations

from typing import Any

from tb_ecs_model import DEFAULT_TIMINGS, EngineBase


class EcsControl(EngineBase):
    """Control endpoints tests use to steer the engine."""

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

        def hook_answer(payload: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
            status = payload.get("status", "SUCCEEDED")
            if status not in ("SUCCEEDED", "FAILED", "IN_PROGRESS"):
                raise ValueError("status must be SUCCEEDED, FAILED or IN_PROGRESS")
            self.hook_answers[str(payload["hookTargetArn"])] = status
            return {"hookAnswers": self.hook_answers}

        return {
            "POST ecs/hooks": hook_answer,
            "POST ecs/failures": add_failure,
            "DELETE ecs/failures": clear_failures,
            "POST ecs/timings": set_timings,
            "POST ecs/containers": containers,
            "GET ecs/state": describe,
        }
