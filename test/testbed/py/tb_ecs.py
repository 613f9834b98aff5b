"""ECS for the test bed: the engine and the moto patches that route ECS calls to it.

moto keeps one PRIMARY deployment forever and its tasks are static. The engine replaces that with a
discrete-event simulation in emulated time, in parts: rolling deployments (tb_ecs_rolling), task
sets for CodeDeploy (tb_ecs_tasksets), the task lifecycle (tb_ecs_tasks), target health
(tb_ecs_targets), control endpoints (tb_ecs_control), over the state in tb_ecs_model. This module
combines them and installs one patch class per moto class it changes.
"""
from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from typing import Any

from moto.core.responses import ActionResult
from moto.ecs import models as ecs_models
from moto.ecs import responses as ecs_responses
from moto.ecs.exceptions import EcsClientException, ECSException, InvalidParameterException
from moto.elbv2 import models as elbv2_models
from moto.moto_api import state_manager

from tb_core import Bed, MotoPatch
from tb_ecs_control import EcsControl
from tb_ecs_model import DEFAULT_TIMINGS, SD_FINAL, DeploymentState, ServiceState, TaskSetState, TaskState
from tb_ecs_native import NATIVE_STRATEGIES, NativeDeployments
from tb_ecs_rolling import RollingDeployments
from tb_ecs_targets import TargetHealth
from tb_ecs_tasks import TaskLifecycle
from tb_ecs_tasksets import TaskSets

__all__ = ["DEFAULT_TIMINGS", "SD_FINAL", "DeploymentState", "EcsEngine", "ServiceState", "TaskSetState", "TaskState", "install"]


class EcsEngine(RollingDeployments, NativeDeployments, TaskSets, TaskLifecycle, TargetHealth, EcsControl):
    """The whole engine: each part's methods, one shared state."""

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
    check_native(params, service)
    # Compared before moto applies them: a new network or capacity provider strategy deploys.
    current = {"networkConfiguration": service.network_configuration or None,
               "capacityProviderStrategy": getattr(service, "capacity_provider_strategy", None) or None}
    deploys = any(params.get(k) is not None and params[k] != v for k, v in current.items())
    return {k: params[k] for k in DEPLOYMENT_SETTINGS if params.get(k) is not None}, deploys


def check_native(params: dict[str, Any], service: Any) -> None:
    """ECS's own blue/green, canary and linear strategies need the load balancer's advanced configuration."""
    config = params.get("deploymentConfiguration") or {}
    strategy = config.get("strategy") or (service.deployment_configuration or {}).get("strategy")
    if strategy not in NATIVE_STRATEGIES:
        return
    balancers = params.get("loadBalancers") if params.get("loadBalancers") is not None else service.load_balancers
    advanced = [lb.get("advancedConfiguration") for lb in balancers or []]
    if not advanced or not all(advanced):
        raise InvalidParameterException(
            f"The {strategy} deployment strategy requires advancedConfiguration (alternateTargetGroupArn, productionListenerRule, "
            "roleArn) on each load balancer of the service.")
    for item in advanced:
        missing = [k for k in ("alternateTargetGroupArn", "productionListenerRule", "roleArn") if not item.get(k)]
        if missing:
            raise InvalidParameterException(f"advancedConfiguration is missing {', '.join(missing)}.")
    if strategy == "LINEAR":
        step = (config.get("linearConfiguration") or {}).get("stepPercent")
        if step is not None and not 3.0 <= float(step) <= 100.0:
            raise InvalidParameterException("linearConfiguration.stepPercent must be between 3.0 and 100.0.")
    if strategy == "CANARY":
        percent = (config.get("canaryConfiguration") or {}).get("canaryPercent")
        if percent is not None and not 0.1 <= float(percent) <= 100.0:
            raise InvalidParameterException("canaryConfiguration.canaryPercent must be between 0.1 and 100.0.")
    bake = config.get("bakeTimeInMinutes")
    if bake is not None and not 0 <= int(bake) <= 1440:
        raise InvalidParameterException("bakeTimeInMinutes must be between 0 and 1440.")


class ServiceDeploymentNotFoundException(ECSException):
    def __init__(self, message: str) -> None:
        super().__init__("ServiceDeploymentNotFoundException", message)


class ConflictException(ECSException):
    def __init__(self, message: str) -> None:
        super().__init__("ConflictException", message)


def find_backend_service(backend: Any, cluster: str, service_name: str) -> Any:
    return backend._get_service(cluster, service_name.split("/")[-1])


TARGET_REASONS = {
    "initial": ("Elb.RegistrationInProgress", "Target registration is in progress"),
    "draining": ("Target.DeregistrationInProgress", "Target deregistration is in progress"),
    "unhealthy": ("Target.FailedHealthChecks", "Health checks failed"),
}


class TargetGroupPatch(MotoPatch):
    """Target health follows the tasks the engine registered; other targets keep moto's answer."""

    target = elbv2_models.FakeTargetGroup
    methods = ("health_for",)

    def __init__(self, engine: EcsEngine) -> None:
        self.engine = engine

    def health_for(self, group: Any, target: dict[str, Any], ec2_backend: Any) -> Any:
        state = self.engine.target_health.get((group.arn, target["Id"]))
        if state is None:
            return self.original["health_for"](group, target, ec2_backend)
        known = group.targets.get(target["Id"]) or target
        reason, description = TARGET_REASONS.get(state, (None, None))
        return elbv2_models.FakeHealthStatus(target["Id"], known.get("Port", group.port), group.health_check_port, state,
                                             reason, description)


class EcsBackendPatch(MotoPatch):
    """moto's ECS backend: task definitions filled as ECS fills them, services as AWS accepts them."""

    target = ecs_models.EC2ContainerServiceBackend
    methods = ("register_task_definition", "create_service", "delete_service")

    def __init__(self, engine: EcsEngine, bed: Bed) -> None:
        self.engine = engine
        self.bed = bed

    def register_task_definition(self, backend: Any, family: str, container_definitions: list[dict[str, Any]], *args: Any,
                                 **kwargs: Any) -> Any:
        td = self.original["register_task_definition"](backend, family, container_definitions, *args, **kwargs)
        # Fill what ECS fills, so a describe-then-register round trip compares equal as on AWS.
        for definition in td.container_definitions:
            for mapping in definition.get("portMappings", []):
                mapping.setdefault("protocol", "tcp")
                if td.network_mode == "awsvpc" and "containerPort" in mapping:
                    mapping.setdefault("hostPort", mapping["containerPort"])
            definition.setdefault("systemControls", [])
        td.registered_at = self.bed.clock.wall_datetime(self.bed.scheduler.current)
        td.registered_by = f"arn:aws:iam::{self.bed.account_id}:root"
        td.requires_attributes = required_attributes(td)
        return td

    def create_service(self, backend: Any, *args: Any, **kwargs: Any) -> Any:
        network = kwargs.get("network_configuration")
        if network and "awsvpcConfiguration" in network:
            # AWS allows subnets without securityGroups (moto raises KeyError).
            network["awsvpcConfiguration"].setdefault("securityGroups", [])
        return self.original["create_service"](backend, *args, **kwargs)

    def delete_service(self, backend: Any, cluster_name: str, service_name: str, force: bool) -> Any:
        service = self.original["delete_service"](backend, cluster_name, service_name, force)
        state = self.engine.services.pop(f"{service.cluster_name}:{service.name}", None)
        if state is not None:
            at = self.engine.now()
            for task_state in list(state.tasks):
                self.engine.stop_task(task_state, at, "Service deleted.", "ServiceSchedulerInitiated")
        return service


def required_attributes(td: Any) -> list[dict[str, str]]:
    """The requiresAttributes ECS computes for a task definition."""
    requires = [{"name": "com.amazonaws.ecs.capability.docker-remote-api.1.18"}]
    if td.network_mode == "awsvpc":
        requires.append({"name": "ecs.capability.task-eni"})
    if getattr(td, "execution_role_arn", None):
        requires.append({"name": "ecs.capability.execution-role-ecr-pull"})
    if any((d.get("logConfiguration") or {}).get("logDriver") == "awslogs" for d in td.container_definitions):
        requires.append({"name": "com.amazonaws.ecs.capability.logging-driver.awslogs"})
        if getattr(td, "execution_role_arn", None):
            requires.append({"name": "ecs.capability.execution-role-awslogs"})
    return requires


class EcsResponsePatch(MotoPatch):
    """The ECS API operations the engine answers, or follows up on after moto's own answer."""

    target = ecs_responses.EC2ContainerServiceResponse
    methods = ("create_service", "update_service", "run_task", "stop_task", "list_service_deployments",
               "describe_service_deployments", "describe_service_revisions", "stop_service_deployment",
               "continue_service_deployment")

    def __init__(self, engine: EcsEngine, bed: Bed) -> None:
        self.engine = engine
        self.bed = bed

    def create_service(self, response: Any) -> Any:
        config = response._get_param("deploymentConfiguration")
        check_native(response._get_params(), SimpleNamespace(deployment_configuration={}, load_balancers=[]))
        result = self.original["create_service"](response)
        backend = response.ecs_backend
        service = find_backend_service(backend, response._get_param("cluster", "default"), response._get_param("serviceName"))
        if service.task_definition is not None:
            service.task_definition = backend.describe_task_definition(service.task_definition).arn
        self.engine.on_service_created(backend, service, config)
        return result

    def update_service(self, response: Any) -> Any:
        backend = response.ecs_backend
        service = find_backend_service(backend, response._get_param("cluster", "default"), response._get_param("service"))
        resolved = resolve_update_task_definition(backend, service, response._get_param("taskDefinition"))
        settings, settings_deploy = check_service_settings(response, service)
        previous_desired = service.desired_count
        result = self.original["update_service"](response)
        # moto copies running_count from desired_count; the engine keeps the real counts.
        if response._get_param("desiredCount") is None:
            service.desired_count = previous_desired
        if response._get_param("capacityProviderStrategy"):
            service.launch_type = None
        self.engine.on_service_updated(service, resolved, bool(response._get_param("forceNewDeployment")),
                                       response._get_param("deploymentConfiguration"), settings, settings_deploy)
        return result

    def run_task(self, response: Any) -> Any:
        backend = response.ecs_backend
        engine = self.engine
        td = backend.describe_task_definition(response._get_param("taskDefinition"))
        if td.status != "ACTIVE":
            raise EcsClientException("TaskDefinition is inactive")
        count = response._get_int_param("count") or 1
        if not 1 <= count <= 10:
            raise InvalidParameterException("count must be between 1 and 10")
        network = response._get_param("networkConfiguration")
        if td.network_mode == "awsvpc" and not network:
            raise InvalidParameterException("Network Configuration must be provided when networkMode 'awsvpc' is specified.")
        at = engine.now()
        overrides = response._get_param("overrides")
        tasks = []
        for _ in range(count):
            task = engine.make_task(backend, response._get_param("cluster", "default"), td.arn,
                                    response._get_param("group") or f"family:{td.family}", response._get_param("startedBy") or "",
                                    response._get_param("launchType"), overrides, network, response._get_param("tags"), at)
            failure = engine.matching_failure(task.cluster_name, None, td.arn)
            task_state = TaskState(task=task, service_key=None, deployment_id=None, failure=failure)
            engine.tasks[task.task_arn] = task_state
            engine.launch(task_state, backend, td.arn, overrides, at, run_seconds=engine.timings["runTaskSeconds"])
            tasks.append(task)
        return ActionResult({"tasks": tasks, "failures": []})

    def stop_task(self, response: Any) -> Any:
        backend = response.ecs_backend
        cluster = backend._get_cluster(response._get_param("cluster", "default"))
        task_id = response._get_param("task").split("/")[-1]
        for arn, task in backend.tasks.get(cluster.name, {}).items():
            if arn.endswith(task_id):
                task_state = self.engine.tasks.get(arn)
                if task_state is not None:
                    reason = response._get_param("reason") or "Task stopped by user"
                    self.engine.stop_task(task_state, self.engine.now(), reason, "UserInitiated")
                return ActionResult({"task": task})
        raise InvalidParameterException("The referenced task was not found.")

    def list_service_deployments(self, response: Any) -> Any:
        service = find_backend_service(response.ecs_backend, response._get_param("cluster", "default"),
                                       response._get_param("service"))
        state = self.engine.services.get(f"{service.cluster_name}:{service.name}")
        if state is None:
            return ActionResult({"serviceDeployments": []})
        statuses = response._get_param("status") or []
        created = response._get_param("createdAt") or {}
        briefs = []
        for record in state.records:
            if statuses and record.status not in statuses:
                continue
            wall_created = self.bed.clock.to_wall(record.created)
            if created.get("before") is not None and wall_created >= epoch(created["before"]):
                continue
            if created.get("after") is not None and wall_created <= epoch(created["after"]):
                continue
            view = self.engine.service_deployment_view(state, record)
            briefs.append({k: view[k] for k in ("serviceDeploymentArn", "serviceArn", "clusterArn", "createdAt", "startedAt",
                                                 "finishedAt", "status", "statusReason") if k in view}
                          | {"targetServiceRevisionArn": record.target_revision})
        max_results = response._get_int_param("maxResults") or 20
        start = int(response._get_param("nextToken") or 0)
        result: dict[str, Any] = {"serviceDeployments": briefs[start:start + max_results]}
        if start + max_results < len(briefs):
            result["nextToken"] = str(start + max_results)
        return ActionResult(result)

    def describe_service_deployments(self, response: Any) -> Any:
        found, failures = [], []
        for arn in response._get_param("serviceDeploymentArns") or []:
            entry = self.engine.records_by_arn.get(arn)
            if entry is None:
                failures.append({"arn": arn, "reason": "MISSING", "detail": "The service deployment was not found."})
            else:
                found.append(self.engine.service_deployment_view(*entry))
        return ActionResult({"serviceDeployments": found, "failures": failures})

    def describe_service_revisions(self, response: Any) -> Any:
        found, failures = [], []
        for arn in response._get_param("serviceRevisionArns") or []:
            revision = self.engine.revisions.get(arn)
            if revision is None:
                failures.append({"arn": arn, "reason": "MISSING", "detail": "The service revision was not found."})
            else:
                found.append({k: v for k, v in revision.items() if v is not None})
        return ActionResult({"serviceRevisions": found, "failures": failures})


    def stop_service_deployment(self, response: Any) -> Any:
        arn = str(response._get_param("serviceDeploymentArn") or "")
        stop_type = response._get_param("stopType") or "ROLLBACK"
        if arn not in self.engine.records_by_arn:
            raise ServiceDeploymentNotFoundException(f"The service deployment {arn} was not found.")
        try:
            self.engine.stop_service_deployment(arn, stop_type)
        except LookupError as error:
            raise ConflictException(str(error)) from error
        return ActionResult({"serviceDeploymentArn": arn})

    def continue_service_deployment(self, response: Any) -> Any:
        arn = str(response._get_param("serviceDeploymentArn") or "")
        if arn not in self.engine.records_by_arn:
            raise ServiceDeploymentNotFoundException(f"The service deployment {arn} was not found.")
        try:
            self.engine.continue_deployment(arn, response._get_param("hookId"), response._get_param("action") or "CONTINUE")
        except ValueError as error:
            raise InvalidParameterException(str(error)) from error
        return ActionResult({"serviceDeploymentArn": arn})


def epoch(value: Any) -> float:
    """A timestamp parameter as moto hands it over (a datetime, or epoch seconds), in epoch seconds."""
    return value.timestamp() if isinstance(value, datetime) else float(value)


def resolve_update_task_definition(backend: Any, service: Any, task_definition: str | None) -> str | None:
    """The ARN UpdateService's taskDefinition names, refused as ECS refuses it."""
    if task_definition and service.deployment_controller.get("type", "ECS") == "CODE_DEPLOY":
        raise InvalidParameterException(
            "Unable to update task definition on services with a CODE_DEPLOY deployment controller. "
            "Use AWS CodeDeploy to trigger a new deployment.")
    if not task_definition:
        return None
    td = backend.describe_task_definition(task_definition)
    if td.status != "ACTIVE":
        raise EcsClientException("TaskDefinition is inactive")
    return str(td.arn)


def install(bed: Bed) -> EcsEngine:
    engine = EcsEngine(bed)
    # Our engine owns task states: moto's own per-describe progression must not move them.
    state_manager.set_transition(model_name="ecs::task", transition={"progression": "manual", "times": 10**9})
    # No VPC exists in the test bed: accept the subnets and groups a service names.
    ecs_models.Service._validate_network = lambda self, nc: nc
    TargetGroupPatch(engine).install()
    EcsBackendPatch(engine, bed).install()
    EcsResponsePatch(engine, bed).install()
    return engine
