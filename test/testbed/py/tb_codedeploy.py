"""CodeDeploy blue/green deployments for ECS, for the test bed.

moto stores applications and deployment groups, but its deployments stay "Created" and it has no
deployment configs, StopDeployment, ContinueDeployment or deployment targets. This module runs ECS
blue/green deployments in emulated time: a replacement (green) task set, test traffic, the Ready
wait, traffic shifted on the production listener's weighted target groups by the deployment
config (all at once, canary, linear), the blue termination wait, and automatic rollback on failed
green tasks or a deployment group alarm in ALARM.
"""
from __future__ import annotations

import hashlib
import json
import random
import string
from dataclasses import dataclass, field
from typing import Any

import yaml
from moto.cloudwatch.models import cloudwatch_backends
from moto.codedeploy import responses as cd_responses
from moto.core.exceptions import JsonRESTError
from moto.core.responses import ActionResult
from moto.ecs.models import ecs_backends
from moto.elbv2.models import elbv2_backends

from tb_core import Bed, MotoPatch
from tb_ecs import EcsEngine, TaskSetState

ECS_LIFECYCLE = ["BeforeInstall", "Install", "AfterInstall", "AllowTestTraffic", "AfterAllowTestTraffic",
                 "BeforeAllowTraffic", "AllowTraffic", "AfterAllowTraffic"]
PREDEFINED_CONFIGS: dict[str, dict[str, Any]] = {
    "CodeDeployDefault.ECSAllAtOnce": {"type": "AllAtOnce"},
    "CodeDeployDefault.ECSLinear10PercentEvery1Minutes": {"type": "TimeBasedLinear", "timeBasedLinear": {"linearPercentage": 10, "linearInterval": 1}},
    "CodeDeployDefault.ECSLinear10PercentEvery3Minutes": {"type": "TimeBasedLinear", "timeBasedLinear": {"linearPercentage": 10, "linearInterval": 3}},
    "CodeDeployDefault.ECSCanary10Percent5Minutes": {"type": "TimeBasedCanary", "timeBasedCanary": {"canaryPercentage": 10, "canaryInterval": 5}},
    "CodeDeployDefault.ECSCanary10Percent15Minutes": {"type": "TimeBasedCanary", "timeBasedCanary": {"canaryPercentage": 10, "canaryInterval": 15}},
}
ACTIVE_STATUSES = {"Created", "Queued", "InProgress", "Ready", "Baking"}
CHECK_SECONDS = 5.0  # emulated seconds between checks of the green task set and the alarms
START_SECONDS = 3.0  # Created -> InProgress
GREEN_FAILURE_LIMIT = 3


class CodeDeployError(JsonRESTError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(code, message)


@dataclass
class EcsDeployment:
    id: str
    backend: Any
    application: str
    group: Any
    config_name: str
    routing: dict[str, Any]
    revision: dict[str, Any]
    created: float
    creator: str = "user"
    description: str | None = None
    status: str = "Created"
    started: float | None = None
    completed: float | None = None
    error: dict[str, str] | None = None
    rollback_info: dict[str, str] | None = None
    auto_rollback: dict[str, Any] | None = None
    lifecycle: dict[str, dict[str, Any]] = field(default_factory=dict)
    generation: int = 0
    cluster: str = ""
    service: str = ""
    task_definition: str = ""
    container: str = ""
    port: int = 0
    # What the AppSpec carries for the green task set, in the ECS API's shape (None: the service's).
    network: dict[str, Any] | None = None
    capacity_providers: list[dict[str, Any]] | None = None
    blue: TaskSetState | None = None
    green: TaskSetState | None = None
    blue_tg: str = ""
    green_tg: str = ""
    prod_listeners: list[str] = field(default_factory=list)
    test_listeners: list[str] = field(default_factory=list)
    traffic: list[dict[str, Any]] = field(default_factory=list)
    green_weight: int = 0
    termination_wait_started: bool = False
    waiting: str | None = None  # READY_WAIT or TERMINATION_WAIT while one is pending
    messages: list[str] = field(default_factory=list)
    updated: float = 0.0


def traffic_steps(routing: dict[str, Any]) -> list[tuple[float, int]]:
    """(emulated seconds after AllowTraffic starts, percent on green) for a traffic routing config."""
    kind = routing.get("type", "AllAtOnce")
    if kind == "TimeBasedCanary":
        canary = routing["timeBasedCanary"]
        return [(0.0, int(canary["canaryPercentage"])), (float(canary["canaryInterval"]) * 60, 100)]
    if kind == "TimeBasedLinear":
        linear = routing["timeBasedLinear"]
        percent, interval = int(linear["linearPercentage"]), float(linear["linearInterval"]) * 60
        steps, current, elapsed = [], 0, 0.0
        while current < 100:
            current = min(100, current + percent)
            steps.append((elapsed, current))
            elapsed += interval
        return steps
    return [(0.0, 100)]


class CodeDeployEngine:
    def __init__(self, bed: Bed, ecs: EcsEngine) -> None:
        self.bed = bed
        self.ecs = ecs
        self.deployments: dict[str, EcsDeployment] = {}
        self.configs: dict[str, dict[str, Any]] = {}
        ecs.task_set_failure_listeners.append(self.on_green_task_failed)

    def reset(self) -> None:
        self.deployments.clear()
        self.configs.clear()

    def control_endpoints(self) -> dict[str, Any]:
        def describe(payload: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
            return {"deployments": {d.id: {"status": d.status, "traffic": d.traffic, "greenWeight": d.green_weight,
                                           "error": d.error, "rollbackInfo": d.rollback_info}
                                    for d in self.deployments.values()}}

        return {"GET codedeploy/state": describe}

    # ---- helpers --------------------------------------------------------------------------------

    def now(self) -> float:
        return self.bed.scheduler.current

    def wall(self, emulated: float) -> Any:
        return self.bed.clock.wall_datetime(emulated)

    def new_id(self) -> str:
        return "d-" + "".join(random.choice(string.ascii_uppercase + string.digits) for _ in range(9))

    def later(self, deployment: EcsDeployment, delay: float, action: Any) -> None:
        generation = deployment.generation

        def run(t: float) -> None:
            if deployment.generation == generation:
                action(t)

        self.bed.scheduler.at(self.now() + delay if delay >= 0 else self.now(), run)

    def config_for(self, backend: Any, name: str) -> dict[str, Any]:
        if name in PREDEFINED_CONFIGS:
            return PREDEFINED_CONFIGS[name]
        config = self.configs.get(f"{backend.account_id}:{backend.region_name}:{name}")
        if config is None:
            raise CodeDeployError("DeploymentConfigDoesNotExistException", f"No deployment configuration found for name: {name}")
        return config.get("trafficRoutingConfig") or {"type": "AllAtOnce"}

    def event(self, deployment: EcsDeployment, name: str, status: str, at: float) -> None:
        entry = deployment.lifecycle.setdefault(name, {"lifecycleEventName": name, "status": "Pending"})
        if status == "InProgress":
            entry["startTime"] = at
        if status in ("Succeeded", "Failed", "Skipped"):
            entry.setdefault("startTime", at)
            entry["endTime"] = at
        entry["status"] = status
        deployment.updated = at

    def milestone(self, deployment: EcsDeployment, state: str, at: float) -> None:
        self.bed.journal.add("deployment", service="codedeploy", deploymentId=deployment.id, state=state,
                             wallTime=self.bed.clock.to_wall(at), emulatedTime=at, greenWeight=deployment.green_weight)

    def target_group_arn(self, deployment: EcsDeployment, name: str) -> str:
        elbv2 = elbv2_backends[deployment.backend.account_id][deployment.backend.region_name]
        groups = list(elbv2.describe_target_groups(None, [], [name]))
        return groups[0].arn

    def listener_weights(self, deployment: EcsDeployment, listener_arn: str) -> dict[str, int]:
        elbv2 = elbv2_backends[deployment.backend.account_id][deployment.backend.region_name]
        listener = elbv2.describe_listeners(load_balancer_arn=None, listener_arns=[listener_arn])[0]
        weights: dict[str, int] = {}
        for action in listener.default_actions:
            data = action.data
            if data.get("Type") != "forward":
                continue
            forward = data.get("ForwardConfig") or {}
            for group in forward.get("TargetGroups") or []:
                weights[group["TargetGroupArn"]] = int(group.get("Weight", 1))
            if not forward and data.get("TargetGroupArn"):
                weights[data["TargetGroupArn"]] = 1
        return weights

    def set_weights(self, deployment: EcsDeployment, listeners: list[str], green_percent: int) -> None:
        elbv2 = elbv2_backends[deployment.backend.account_id][deployment.backend.region_name]
        blue_arn = self.target_group_arn(deployment, deployment.blue_tg)
        green_arn = self.target_group_arn(deployment, deployment.green_tg)
        for listener_arn in listeners:
            elbv2.modify_listener(listener_arn, actions=[{
                "Type": "forward",
                "ForwardConfig": {"TargetGroups": [
                    {"TargetGroupArn": blue_arn, "Weight": 100 - green_percent},
                    {"TargetGroupArn": green_arn, "Weight": green_percent},
                ]},
            }])

    # ---- creating ---------------------------------------------------------------------------------

    def create(self, backend: Any, params: dict[str, Any]) -> str:
        application = str(params.get("applicationName") or "")
        group_name = params.get("deploymentGroupName")
        if application not in backend.applications:
            raise CodeDeployError("ApplicationDoesNotExistException", f"The application {application} does not exist with the user or AWS account.")
        group = backend.deployment_groups.get(application, {}).get(group_name)
        if group is None:
            raise CodeDeployError("DeploymentGroupDoesNotExistException", "Deployment group name does not exist.")
        for other in self.deployments.values():
            if other.application == application and other.group is group and other.status in ACTIVE_STATUSES:
                raise CodeDeployError("DeploymentLimitExceededException",
                                      f"The Deployment Group '{group_name}' already has an active Deployment '{other.id}'")
        config_name = params.get("deploymentConfigName") or str(group.deployment_config_name or "CodeDeployDefault.ECSAllAtOnce")
        if config_name.startswith("CodeDeployDefault.") and config_name not in PREDEFINED_CONFIGS:
            config_name = "CodeDeployDefault.ECSAllAtOnce" if "OneAtATime" in config_name else config_name
        routing = self.config_for(backend, config_name)
        revision = params.get("revision") or {}
        deployment = EcsDeployment(id=self.new_id(), backend=backend, application=application, group=group,
                                   config_name=config_name, routing=routing, revision=revision, created=self.now(),
                                   description=params.get("description"), auto_rollback=params.get("autoRollbackConfiguration"))
        deployment.updated = deployment.created
        for name in ECS_LIFECYCLE:
            deployment.lifecycle[name] = {"lifecycleEventName": name, "status": "Pending"}
        self.deployments[deployment.id] = deployment
        self.later(deployment, START_SECONDS, lambda t: self.start(deployment, t))
        self.milestone(deployment, "Created", deployment.created)
        return deployment.id

    def parse_appspec(self, deployment: EcsDeployment) -> str | None:
        """Reads the AppSpec into the deployment; returns an error message when it is unusable."""
        revision = deployment.revision
        if revision.get("revisionType") != "AppSpecContent":
            return "ECS deployments need an AppSpecContent revision."
        content = (revision.get("appSpecContent") or {}).get("content") or ""
        expected = (revision.get("appSpecContent") or {}).get("sha256")
        if expected and hashlib.sha256(content.encode()).hexdigest() != expected:
            return "The AppSpec content does not match its sha256."
        try:
            spec = yaml.safe_load(content) or {}
        except yaml.YAMLError as error:
            return f"The AppSpec is not valid YAML or JSON: {error}"
        try:
            properties = spec["Resources"][0]["TargetService"]["Properties"]
            deployment.task_definition = properties["TaskDefinition"]
            lb = properties["LoadBalancerInfo"]
            deployment.container = lb["ContainerName"]
            deployment.port = int(lb["ContainerPort"])
            vpc = (properties.get("NetworkConfiguration") or {}).get("AwsvpcConfiguration")
            if vpc is not None:
                deployment.network = {"awsvpcConfiguration": {
                    "subnets": list(vpc["Subnets"]),
                    "securityGroups": list(vpc.get("SecurityGroups") or []),
                    "assignPublicIp": vpc.get("AssignPublicIp", "DISABLED"),
                }}
            strategy = properties.get("CapacityProviderStrategy")
            if strategy is not None:
                deployment.capacity_providers = [
                    {"capacityProvider": item["CapacityProvider"], "weight": int(item.get("Weight", 0)),
                     "base": int(item.get("Base", 0))}
                    for item in strategy
                ]
        except (KeyError, IndexError, TypeError, ValueError):
            return "The AppSpec must name TargetService.Properties.TaskDefinition and LoadBalancerInfo (ContainerName, ContainerPort)."
        return None

    # ---- progression ------------------------------------------------------------------------------

    def start(self, deployment: EcsDeployment, at: float) -> None:
        deployment.status = "InProgress"
        deployment.started = at
        self.milestone(deployment, "InProgress", at)
        problem = self.parse_appspec(deployment)
        group = deployment.group
        services = group.ecs_services or []
        if problem is None and not services:
            problem = "The deployment group has no ECS service."
        if problem is not None:
            self.fail(deployment, at, "INVALID_REVISION", problem, rollback=False)
            return
        deployment.cluster = services[0]["clusterName"]
        deployment.service = services[0]["serviceName"]
        ecs_backend = ecs_backends[deployment.backend.account_id][deployment.backend.region_name]
        try:
            td = ecs_backend.describe_task_definition(deployment.task_definition)
        except Exception:  # moto raises its own not-found types
            self.fail(deployment, at, "INVALID_REVISION", f"The task definition {deployment.task_definition} does not exist.", rollback=False)
            return
        deployment.task_definition = td.arn
        container = next((c for c in td.container_definitions if c.get("name") == deployment.container), None)
        if container is None or not any(int(m.get("containerPort", -1)) == deployment.port for m in container.get("portMappings", [])):
            self.fail(deployment, at, "INVALID_REVISION",
                      f"The container {deployment.container} with port {deployment.port} is not in {td.arn}.", rollback=False)
            return
        state = self.ecs.services.get(f"{deployment.cluster}:{deployment.service}")
        if state is None or state.controller != "CODE_DEPLOY":
            self.fail(deployment, at, "INVALID_ECS_SERVICE",
                      f"The ECS service {deployment.cluster}/{deployment.service} does not exist or is not on the CODE_DEPLOY controller.",
                      rollback=False)
            return
        pair = ((group.load_balancer_info or {}).get("targetGroupPairInfoList") or [{}])[0]
        names = [g["name"] for g in pair.get("targetGroups", [])]
        deployment.prod_listeners = (pair.get("prodTrafficRoute") or {}).get("listenerArns", [])
        deployment.test_listeners = (pair.get("testTrafficRoute") or {}).get("listenerArns", [])
        if len(names) != 2 or not deployment.prod_listeners:
            self.fail(deployment, at, "MISSING_ELB_INFORMATION", "The deployment group needs two target groups and a production listener.",
                      rollback=False)
            return
        weights = self.listener_weights(deployment, deployment.prod_listeners[0])
        arns = {name: self.target_group_arn(deployment, name) for name in names}
        serving = max(names, key=lambda n: weights.get(arns[n], 0))
        deployment.blue_tg = serving
        deployment.green_tg = next(n for n in names if n != serving)
        deployment.blue = next((t for t in state.task_sets if t.task_set.status == "PRIMARY"), None)
        self.event(deployment, "BeforeInstall", "Succeeded", at)
        self.event(deployment, "Install", "InProgress", at)
        lb = [{"targetGroupArn": arns[deployment.green_tg], "containerName": deployment.container, "containerPort": deployment.port}]
        deployment.green = self.ecs.create_task_set(state, deployment.task_definition, lb, deployment.id, at,
                                                    network=deployment.network,
                                                    capacity_providers=deployment.capacity_providers)
        self.later(deployment, CHECK_SECONDS, lambda t: self.check_green(deployment, t))
        if self.alarms_enabled(deployment):
            self.later(deployment, CHECK_SECONDS, lambda t: self.check_alarms(deployment, t))

    def check_green(self, deployment: EcsDeployment, at: float) -> None:
        if deployment.status != "InProgress" or deployment.green is None:
            return
        if not self.ecs.task_set_stable(deployment.green):
            self.later(deployment, CHECK_SECONDS, lambda t: self.check_green(deployment, t))
            return
        self.event(deployment, "Install", "Succeeded", at)
        self.event(deployment, "AfterInstall", "Succeeded", at)
        if deployment.test_listeners:
            self.set_weights(deployment, deployment.test_listeners, 100)
            self.event(deployment, "AllowTestTraffic", "Succeeded", at)
        else:
            self.event(deployment, "AllowTestTraffic", "Skipped", at)
        self.event(deployment, "AfterAllowTestTraffic", "Succeeded", at)
        ready = (deployment.group.blue_green_deployment_configuration or {}).get("deploymentReadyOption") or {}
        wait_minutes = float(ready.get("waitTimeInMinutes") or 0)
        if ready.get("actionOnTimeout") == "STOP_DEPLOYMENT" or wait_minutes > 0:
            deployment.status = "Ready"
            deployment.waiting = "READY_WAIT"
            deployment.messages = ["The replacement task set is ready; waiting for ContinueDeployment to reroute traffic."]
            self.milestone(deployment, "Ready", at)
            if ready.get("actionOnTimeout") == "STOP_DEPLOYMENT":
                self.later(deployment, wait_minutes * 60, lambda t: self.ready_timeout(deployment, t))
            else:
                self.later(deployment, wait_minutes * 60, lambda t: self.shift(deployment, t))
            return
        self.shift(deployment, at)

    def ready_timeout(self, deployment: EcsDeployment, at: float) -> None:
        if deployment.status == "Ready":
            self.fail(deployment, at, "TIMEOUT", "The deployment timed out while waiting for ContinueDeployment to reroute traffic.",
                      rollback=True, status="Stopped")

    def shift(self, deployment: EcsDeployment, at: float) -> None:
        if deployment.status not in ("Ready", "InProgress"):
            return
        deployment.status = "InProgress"
        deployment.waiting = None
        deployment.messages = []
        self.event(deployment, "BeforeAllowTraffic", "Succeeded", at)
        self.event(deployment, "AllowTraffic", "InProgress", at)
        for offset, percent in traffic_steps(deployment.routing):
            self.later(deployment, offset, lambda t, p=percent: self.traffic_step(deployment, p, t))

    def traffic_step(self, deployment: EcsDeployment, percent: int, at: float) -> None:
        if deployment.status != "InProgress":
            return
        self.set_weights(deployment, deployment.prod_listeners, percent)
        deployment.green_weight = percent
        deployment.traffic.append({"time": self.bed.clock.to_wall(at), "greenPercent": percent})
        self.bed.journal.add("traffic", deploymentId=deployment.id, greenPercent=percent, wallTime=self.bed.clock.to_wall(at))
        if percent < 100:
            return
        self.event(deployment, "AllowTraffic", "Succeeded", at)
        self.event(deployment, "AfterAllowTraffic", "Succeeded", at)
        option = (deployment.group.blue_green_deployment_configuration or {}).get("terminateBlueInstancesOnDeploymentSuccess") or {}
        wait_minutes = float(option.get("terminationWaitTimeInMinutes") or 0) if option.get("action", "TERMINATE") == "TERMINATE" else 0
        deployment.termination_wait_started = True
        if wait_minutes > 0:
            deployment.waiting = "TERMINATION_WAIT"
            self.later(deployment, wait_minutes * 60, lambda t: self.succeed(deployment, t))
        else:
            self.succeed(deployment, at)

    def succeed(self, deployment: EcsDeployment, at: float) -> None:
        if deployment.status != "InProgress":
            return
        if deployment.green is not None:
            self.ecs.make_primary(deployment.green, at)
        if deployment.blue is not None:
            self.ecs.delete_task_set(deployment.blue, at)
        deployment.waiting = None
        deployment.status = "Succeeded"
        deployment.completed = at
        deployment.generation += 1
        self.milestone(deployment, "Succeeded", at)

    # ---- failure, stop and rollback ---------------------------------------------------------------

    def alarms_enabled(self, deployment: EcsDeployment) -> bool:
        config = deployment.group.alarm_configuration
        if config is None:
            return False
        data = config if isinstance(config, dict) else vars(config)
        return bool(data.get("enabled")) and bool(data.get("alarms"))

    def check_alarms(self, deployment: EcsDeployment, at: float) -> None:
        if deployment.status not in ("InProgress", "Ready"):
            return
        config = deployment.group.alarm_configuration
        data = config if isinstance(config, dict) else vars(config)
        cloudwatch = cloudwatch_backends[deployment.backend.account_id][deployment.backend.region_name]
        firing = [a["name"] for a in data.get("alarms", [])
                  if a["name"] in cloudwatch.alarms and cloudwatch.alarms[a["name"]].state_value == "ALARM"]
        if firing:
            self.fail(deployment, at, "ALARM_ACTIVE",
                      "One or more alarms have been activated according to the Amazon CloudWatch metrics you selected, and the "
                      f"affected deployments have been stopped. Activated alarms: <{', '.join(firing)}>",
                      rollback=self.rollback_on(deployment, "DEPLOYMENT_STOP_ON_ALARM"), status="Stopped")
            return
        self.later(deployment, CHECK_SECONDS, lambda t: self.check_alarms(deployment, t))

    def rollback_on(self, deployment: EcsDeployment, event: str) -> bool:
        config = deployment.auto_rollback or deployment.group.auto_rollback_configuration or {}
        return bool(config.get("enabled")) and event in (config.get("events") or [])

    def on_green_task_failed(self, ts_state: TaskSetState, at: float) -> None:
        for deployment in list(self.deployments.values()):
            # A rollback deployment removes the crashing task set; its failures are not its own.
            if deployment.creator == "codeDeployRollback":
                continue
            if deployment.green is ts_state and deployment.status in ("InProgress", "Ready"):
                if ts_state.failed_tasks >= GREEN_FAILURE_LIMIT:
                    self.fail(deployment, at, "ECS_UPDATE_ERROR",
                              "The ECS service cannot reach a steady state. Error: ECS deployment circuit breaker: tasks failed to start.",
                              rollback=self.rollback_on(deployment, "DEPLOYMENT_FAILURE"))

    def fail(self, deployment: EcsDeployment, at: float, code: str, message: str, rollback: bool, status: str = "Failed") -> None:
        deployment.generation += 1
        deployment.status = status
        deployment.completed = at
        deployment.error = {"code": code, "message": message}
        deployment.waiting = None
        for entry in deployment.lifecycle.values():
            if entry["status"] == "InProgress":
                entry["status"] = "Failed" if status == "Failed" else "Skipped"
                entry["endTime"] = at
            elif entry["status"] == "Pending":
                entry["status"] = "Skipped"
        self.milestone(deployment, status, at)
        if rollback and deployment.green is not None:
            self.roll_back(deployment, at)

    def roll_back(self, deployment: EcsDeployment, at: float) -> None:
        rollback = EcsDeployment(id=self.new_id(), backend=deployment.backend, application=deployment.application, group=deployment.group,
                                 config_name=deployment.config_name, routing={"type": "AllAtOnce"}, revision=deployment.revision,
                                 created=at, creator="codeDeployRollback", status="InProgress", started=at,
                                 cluster=deployment.cluster, service=deployment.service, blue=deployment.blue, green=deployment.green,
                                 blue_tg=deployment.blue_tg, green_tg=deployment.green_tg, prod_listeners=deployment.prod_listeners,
                                 test_listeners=deployment.test_listeners, task_definition=deployment.task_definition,
                                 container=deployment.container, port=deployment.port)
        rollback.updated = at
        for name in ECS_LIFECYCLE:
            rollback.lifecycle[name] = {"lifecycleEventName": name, "status": "Pending"}
        self.deployments[rollback.id] = rollback
        message = f"Deployment {deployment.id} failed; CodeDeploy is rolling it back with deployment {rollback.id}."
        deployment.rollback_info = {"rollbackDeploymentId": rollback.id, "rollbackMessage": message}
        rollback.rollback_info = {"rollbackTriggeringDeploymentId": deployment.id,
                                  "rollbackMessage": f"Rollback of deployment {deployment.id}."}
        self.milestone(rollback, "InProgress", at)

        def restore(t: float) -> None:
            rollback.green_weight = 0
            self.set_weights(rollback, rollback.prod_listeners + rollback.test_listeners, 0)
            deployment.green_weight = 0
            rollback.traffic.append({"time": self.bed.clock.to_wall(t), "greenPercent": 0})
            self.bed.journal.add("traffic", deploymentId=deployment.id, greenPercent=0, wallTime=self.bed.clock.to_wall(t), rollback=True)
            if rollback.green is not None:
                self.ecs.delete_task_set(rollback.green, t)
            for name in ECS_LIFECYCLE:
                self.event(rollback, name, "Succeeded", t)
            rollback.status = "Succeeded"
            rollback.completed = t
            self.milestone(rollback, "Succeeded", t)
            self.milestone(deployment, "RolledBack", t)

        self.later(rollback, CHECK_SECONDS, restore)

    def stop(self, deployment_id: str, auto_rollback: bool | None) -> dict[str, str]:
        deployment = self.get(deployment_id)
        if deployment.status not in ACTIVE_STATUSES:
            raise CodeDeployError("DeploymentAlreadyCompletedException", f"The deployment {deployment_id} is already completed.")
        rollback = auto_rollback if auto_rollback is not None else self.rollback_on(deployment, "DEPLOYMENT_STOP_ON_REQUEST")
        self.fail(deployment, self.now(), "MANUAL_STOP", "The deployment was stopped by a user.", rollback=rollback, status="Stopped")
        return {"status": "Succeeded", "statusMessage": "The deployment was stopped."}

    def resume(self, deployment_id: str, wait_type: str | None) -> None:
        deployment = self.get(deployment_id)
        wait_type = wait_type or "READY_WAIT"
        if deployment.status not in ACTIVE_STATUSES:
            raise CodeDeployError("DeploymentAlreadyCompletedException", f"The deployment {deployment_id} is already completed.")
        if deployment.waiting != wait_type:
            raise CodeDeployError("DeploymentIsNotInReadyStateException",
                                  f"The deployment {deployment_id} is not waiting for {wait_type}.")
        at = self.now()
        deployment.generation += 1
        if wait_type == "READY_WAIT":
            self.shift(deployment, at)
            if self.alarms_enabled(deployment):
                self.later(deployment, CHECK_SECONDS, lambda t: self.check_alarms(deployment, t))
        else:
            self.succeed(deployment, at)

    def get(self, deployment_id: str) -> EcsDeployment:
        deployment = self.deployments.get(deployment_id)
        if deployment is None:
            raise CodeDeployError("DeploymentDoesNotExistException", f"The deployment {deployment_id} could not be found.")
        return deployment

    # ---- views --------------------------------------------------------------------------------------

    def info(self, deployment: EcsDeployment) -> dict[str, Any]:
        group = deployment.group
        view: dict[str, Any] = {
            "applicationName": deployment.application,
            "deploymentGroupName": group.deployment_group_name,
            "deploymentConfigName": deployment.config_name,
            "deploymentId": deployment.id,
            "revision": deployment.revision,
            "status": deployment.status,
            "createTime": self.wall(deployment.created),
            "creator": deployment.creator,
            "computePlatform": "ECS",
            "deploymentStyle": {"deploymentType": "BLUE_GREEN", "deploymentOption": "WITH_TRAFFIC_CONTROL"},
            "blueGreenDeploymentConfiguration": group.blue_green_deployment_configuration or {},
            "loadBalancerInfo": group.load_balancer_info or {},
            "instanceTerminationWaitTimeStarted": deployment.termination_wait_started,
            "deploymentStatusMessages": deployment.messages,
            "deploymentOverview": {"Pending": 0, "InProgress": int(deployment.status == "InProgress"),
                                   "Succeeded": int(deployment.status == "Succeeded"), "Failed": int(deployment.status == "Failed"),
                                   "Skipped": 0, "Ready": int(deployment.status == "Ready")},
        }
        if deployment.description:
            view["description"] = deployment.description
        if deployment.started is not None:
            view["startTime"] = self.wall(deployment.started)
        if deployment.completed is not None:
            view["completeTime"] = self.wall(deployment.completed)
        if deployment.error:
            view["errorInformation"] = deployment.error
        if deployment.rollback_info:
            view["rollbackInfo"] = deployment.rollback_info
        auto = deployment.auto_rollback or group.auto_rollback_configuration
        if auto:
            view["autoRollbackConfiguration"] = auto
        return view

    def target(self, deployment: EcsDeployment) -> dict[str, Any]:
        state = self.ecs.services.get(f"{deployment.cluster}:{deployment.service}")
        task_sets = []
        for label, ts_state, group in (("Blue", deployment.blue, deployment.blue_tg), ("Green", deployment.green, deployment.green_tg)):
            if ts_state is None:
                continue
            ts = ts_state.task_set
            task_sets.append({
                "identifer": ts.id,
                "desiredCount": int(getattr(ts, "computedDesiredCount", 0)),
                "pendingCount": int(getattr(ts, "pendingCount", 0)),
                "runningCount": int(getattr(ts, "runningCount", 0)),
                "status": ts.status,
                "trafficWeight": float(100 - deployment.green_weight if label == "Blue" else deployment.green_weight),
                "targetGroup": {"name": group},
                "taskSetLabel": label,
            })
        status = {"Created": "Pending", "Ready": "Ready", "Stopped": "Failed"}.get(deployment.status, deployment.status)
        events = []
        for name in ECS_LIFECYCLE:
            entry = dict(deployment.lifecycle.get(name, {"lifecycleEventName": name, "status": "Pending"}))
            for key in ("startTime", "endTime"):
                if key in entry:
                    entry[key] = self.wall(entry[key])
            events.append(entry)
        return {
            "deploymentTargetType": "ECSTarget",
            "ecsTarget": {
                "deploymentId": deployment.id,
                "targetId": f"{deployment.cluster}:{deployment.service}",
                "targetArn": state.service.arn if state is not None else "",
                "lastUpdatedAt": self.wall(deployment.updated),
                "lifecycleEvents": events,
                "status": status if status in ("Pending", "InProgress", "Succeeded", "Failed", "Skipped", "Unknown", "Ready") else "Unknown",
                "taskSetsInfo": task_sets,
            },
        }


def params(response: Any) -> dict[str, Any]:
    return json.loads(response.body or "{}")


def config_key(response: Any, name: str) -> str:
    """Custom deployment configs are kept per account and region."""
    return f"{response.codedeploy_backend.account_id}:{response.codedeploy_backend.region_name}:{name}"


class CodeDeployResponsePatch(MotoPatch):
    """The CodeDeploy operations the engine answers for ECS deployments (moto has no ECS compute platform)."""

    target = cd_responses.CodeDeployResponse
    methods = ("create_deployment", "get_deployment", "batch_get_deployments", "list_deployments", "stop_deployment",
               "continue_deployment", "create_deployment_config", "get_deployment_config", "list_deployment_configs",
               "list_deployment_targets", "batch_get_deployment_targets")

    def __init__(self, engine: CodeDeployEngine) -> None:
        self.engine = engine

    def create_deployment(self, response: Any) -> Any:
        body = params(response)
        app = response.codedeploy_backend.applications.get(body.get("applicationName"))
        if app is not None and app.compute_platform != "ECS":
            return self.original["create_deployment"](response)
        return ActionResult({"deploymentId": self.engine.create(response.codedeploy_backend, body)})

    def get_deployment(self, response: Any) -> Any:
        deployment_id = params(response).get("deploymentId")
        if deployment_id in self.engine.deployments:
            return ActionResult({"deploymentInfo": self.engine.info(self.engine.deployments[deployment_id])})
        return self.original["get_deployment"](response)

    def batch_get_deployments(self, response: Any) -> Any:
        ids = params(response).get("deploymentIds") or []
        deployments = self.engine.deployments
        return ActionResult({"deploymentsInfo": [self.engine.info(deployments[i]) for i in ids if i in deployments]})

    def list_deployments(self, response: Any) -> Any:
        body = params(response)
        statuses = body.get("includeOnlyStatuses") or []
        found = [d.id for d in sorted(self.engine.deployments.values(), key=lambda d: d.created, reverse=True)
                 if (not body.get("applicationName") or d.application == body["applicationName"])
                 and (not body.get("deploymentGroupName") or d.group.deployment_group_name == body["deploymentGroupName"])
                 and (not statuses or d.status in statuses)]
        return ActionResult({"deployments": found})

    def stop_deployment(self, response: Any) -> Any:
        body = params(response)
        return ActionResult(self.engine.stop(str(body.get("deploymentId") or ""), body.get("autoRollbackEnabled")))

    def continue_deployment(self, response: Any) -> Any:
        body = params(response)
        self.engine.resume(str(body.get("deploymentId") or ""), body.get("deploymentWaitType"))
        return ActionResult({})

    def create_deployment_config(self, response: Any) -> Any:
        body = params(response)
        name = body.get("deploymentConfigName")
        if not name:
            raise CodeDeployError("DeploymentConfigNameRequiredException", "Deployment config name is required.")
        if name in PREDEFINED_CONFIGS or config_key(response, name) in self.engine.configs:
            raise CodeDeployError("DeploymentConfigAlreadyExistsException", f"A deployment configuration named {name} already exists.")
        routing = body.get("trafficRoutingConfig") or {"type": "AllAtOnce"}
        for key in ("timeBasedCanary", "timeBasedLinear"):
            values = routing.get(key)
            if values is not None:
                percent = values.get("canaryPercentage", values.get("linearPercentage"))
                interval = values.get("canaryInterval", values.get("linearInterval"))
                if not isinstance(percent, int) or not 1 <= percent <= 99 or not isinstance(interval, int) or interval < 1:
                    raise CodeDeployError("InvalidTrafficRoutingConfigurationException",
                                          "The percentage must be 1-99 and the interval at least 1 minute.")
        config_id = "".join(random.choice(string.hexdigits.lower()) for _ in range(32))
        self.engine.configs[config_key(response, name)] = {
            "deploymentConfigId": config_id, "deploymentConfigName": name, "computePlatform": body.get("computePlatform", "ECS"),
            "trafficRoutingConfig": routing, "createTime": self.engine.wall(self.engine.now()),
        }
        return ActionResult({"deploymentConfigId": config_id})

    def get_deployment_config(self, response: Any) -> Any:
        name = str(params(response).get("deploymentConfigName") or "")
        if name in PREDEFINED_CONFIGS:
            return ActionResult({"deploymentConfigInfo": {"deploymentConfigName": name, "computePlatform": "ECS",
                                                          "trafficRoutingConfig": PREDEFINED_CONFIGS[name]}})
        config = self.engine.configs.get(config_key(response, name))
        if config is None:
            raise CodeDeployError("DeploymentConfigDoesNotExistException", f"No deployment configuration found for name: {name}")
        return ActionResult({"deploymentConfigInfo": config})

    def list_deployment_configs(self, response: Any) -> Any:
        mine = [c["deploymentConfigName"] for k, c in self.engine.configs.items() if k.startswith(config_key(response, ""))]
        return ActionResult({"deploymentConfigsList": sorted(PREDEFINED_CONFIGS) + sorted(mine)})

    def list_deployment_targets(self, response: Any) -> Any:
        deployment = self.engine.get(str(params(response).get("deploymentId") or ""))
        return ActionResult({"targetIds": [f"{deployment.cluster}:{deployment.service}"] if deployment.cluster else []})

    def batch_get_deployment_targets(self, response: Any) -> Any:
        body = params(response)
        deployment = self.engine.get(str(body.get("deploymentId") or ""))
        wanted = set(body.get("targetIds") or [])
        own = f"{deployment.cluster}:{deployment.service}" if deployment.cluster else None
        other = sorted(t for t in wanted if t != own)
        if other:
            # As CodeDeploy answers a target id that is not one of the deployment's (API Reference).
            raise CodeDeployError("DeploymentTargetDoesNotExistException",
                                  f"The provided target ID {other[0]} does not belong to deployment {deployment.id}.")
        return ActionResult({"deploymentTargets": [self.engine.target(deployment)] if own in wanted else []})


def install(bed: Bed, ecs: EcsEngine) -> CodeDeployEngine:
    engine = CodeDeployEngine(bed, ecs)
    CodeDeployResponsePatch(engine).install()
    return engine
