"""ECS's own blue/green, canary and linear deployments (deploymentConfiguration.strategy BLUE_GREEN,
CANARY, LINEAR on the ECS controller), as ECS runs them: the lifecycle stages in order, green tasks
in the alternate target group, test traffic on the test listener rule, production weights moved on
the production listener rule per the strategy's steps, lifecycle hooks (PAUSE waits for
ContinueServiceDeployment or its timeout; a Lambda hook answers as the control endpoint says, no
Lambda runs), ECS's bake, clean-up; alarms or failing green tasks roll back (traffic back on blue,
green removed, `rollback` filled in); StopServiceDeployment.
"""
from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from typing import Any

from tb_ecs_model import SD_FINAL, DeploymentState, EngineBase, ServiceDeploymentRecord, ServiceState

NATIVE_STRATEGIES = ("BLUE_GREEN", "CANARY", "LINEAR")
# The lifecycle stages in the order ECS runs them; hooks may sit on those in HOOK_STAGES.
STAGES = ("RECONCILE_SERVICE", "PRE_SCALE_UP", "SCALE_UP", "POST_SCALE_UP", "TEST_TRAFFIC_SHIFT", "POST_TEST_TRAFFIC_SHIFT",
          "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT", "BAKE_TIME", "CLEAN_UP")
HOOK_STAGES = {"RECONCILE_SERVICE", "PRE_SCALE_UP", "POST_SCALE_UP", "TEST_TRAFFIC_SHIFT", "POST_TEST_TRAFFIC_SHIFT",
               "PRE_PRODUCTION_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT"}
# Emulated seconds: one step of the stage machine, a Lambda hook's answer, ECS's alarm checks.
STAGE_SECONDS = 2.0
LAMBDA_SECONDS = 3.0
LAMBDA_RECHECK_SECONDS = 30.0
ALARM_CHECK_SECONDS = 10.0


@dataclass
class HookRun:
    hook_id: str
    hook: dict[str, Any]
    stage: str
    status: str
    expires: float | None


@dataclass
class NativeRun:
    """One ECS-native deployment in flight: green replaces blue behind the listener rules."""

    record: ServiceDeploymentRecord
    strategy: str
    green: DeploymentState
    blue: DeploymentState | None
    blue_tg: str
    green_tg: str
    prod_rule: str
    test_rule: str | None
    stage: str = "RECONCILE_SERVICE"
    hooks: list[HookRun] = field(default_factory=list)
    production_weight: float = 0.0
    test_weight: float = 0.0
    steps: list[tuple[float, float]] = field(default_factory=list)
    generation: int = 0
    rolling_back: bool = False
    scaled: bool = False
    settle: Any = None


def traffic_steps(strategy: str, config: dict[str, Any]) -> list[tuple[float, float]]:
    """(green percent, minutes to wait after it) for the production traffic shift."""
    if strategy == "CANARY":
        canary = config.get("canaryConfiguration") or {}
        return [(float(canary.get("canaryPercent", 5.0)), float(canary.get("canaryBakeTimeInMinutes", 10))), (100.0, 0.0)]
    if strategy == "LINEAR":
        linear = config.get("linearConfiguration") or {}
        step = float(linear.get("stepPercent", 10.0))
        wait = float(linear.get("stepBakeTimeInMinutes", 6))
        count = math.ceil(100.0 / step - 1e-9)
        return [(round(min(100.0, step * i), 1), wait if i < count else 0.0) for i in range(1, count + 1)]
    return [(100.0, 0.0)]


class NativeDeployments(EngineBase):
    """The ECS-native strategies, a part of the engine beside the rolling one."""

    def native_strategy(self, state: ServiceState) -> str | None:
        strategy = state.config.get("strategy")
        return strategy if state.controller == "ECS" and strategy in NATIVE_STRATEGIES else None

    # ---- starting ---------------------------------------------------------------------------------

    def start_native(self, state: ServiceState, task_definition: str, at: float, source: list[str]) -> None:
        strategy = str(state.config["strategy"])
        advanced = self.advanced(state)
        if state.native is not None and state.native.record.status not in SD_FINAL:
            self.stop_replaced(state, state.native, at)
        blue = next((d for d in state.deployments if d.status == "PRIMARY"), None)
        green = self.start_deployment(state, task_definition, at, source=source)
        prod_rule = str(advanced.get("productionListenerRule") or "")
        primary_tg = str(state.service.load_balancers[0]["targetGroupArn"])
        alternate_tg = str(advanced.get("alternateTargetGroupArn") or "")
        weights = self.rule_weights(state, prod_rule)
        blue_tg = max((primary_tg, alternate_tg), key=lambda arn: weights.get(arn, 0))
        green_tg = alternate_tg if blue_tg == primary_tg else primary_tg
        port = int(state.service.load_balancers[0].get("containerPort", 80))
        state.deployment_targets[green.id] = [(green_tg, port)]
        if blue is not None:
            state.deployment_targets.setdefault(blue.id, [(blue_tg, port)])
        assert green.record is not None
        run = NativeRun(record=green.record, strategy=strategy, green=green, blue=blue, blue_tg=blue_tg, green_tg=green_tg,
                        prod_rule=prod_rule, test_rule=advanced.get("testListenerRule"),
                        steps=traffic_steps(strategy, state.config))
        green.record.native = run
        alarms = state.config.get("alarms") or {}
        green.record.alarms = {"status": "MONITORING" if alarms.get("enable") else "DISABLED",
                               "alarmNames": list(alarms.get("alarmNames") or []), "triggeredAlarmNames": []}
        state.native = run
        self.native_journal(state, run, at)
        self.native_later(state, run, STAGE_SECONDS, lambda t: self.enter_stage(state, run, "PRE_SCALE_UP", t))
        self.native_later(state, run, ALARM_CHECK_SECONDS, lambda t: self.check_native_alarms(state, run, t))

    def advanced(self, state: ServiceState) -> dict[str, Any]:
        balancers = state.service.load_balancers or []
        return dict((balancers[0].get("advancedConfiguration") if balancers else None) or {})

    def native_later(self, state: ServiceState, run: NativeRun, delay: float, action: Any) -> None:
        generation = run.generation

        def fire(t: float) -> None:
            if run.generation == generation and state.key in self.services:
                action(t)

        self.bed.scheduler.at(self.now() + delay, fire)

    def native_journal(self, state: ServiceState, run: NativeRun, at: float, **extra: Any) -> None:
        self.bed.journal.add("native", serviceArn=state.service.arn, serviceDeploymentArn=run.record.arn, strategy=run.strategy,
                             status=run.record.status, stage=run.stage, productionWeight=run.production_weight,
                             testWeight=run.test_weight, wallTime=self.bed.clock.to_wall(at), emulatedTime=at, **extra)

    # ---- the stage machine ------------------------------------------------------------------------

    def enter_stage(self, state: ServiceState, run: NativeRun, stage: str, at: float) -> None:
        run.stage = stage
        run.record.lifecycle_stage = stage
        run.record.updated = at
        self.native_journal(state, run, at)
        if stage == "SCALE_UP":
            self.schedule_reconcile(state, at)
            return
        if stage == "TEST_TRAFFIC_SHIFT" and run.test_rule:
            run.test_weight = 100.0
            self.set_rule_weights(state, run, run.test_rule, 100.0)
            self.native_journal(state, run, at, traffic="test")
        if stage == "PRODUCTION_TRAFFIC_SHIFT":
            self.run_hooks(state, run, "PRE_PRODUCTION_TRAFFIC_SHIFT", at, then=lambda t: self.shift_step(state, run, 0, t))
            return
        if stage == "BAKE_TIME":
            minutes = float(state.config.get("bakeTimeInMinutes", 0) or 0)
            self.native_later(state, run, minutes * 60 + STAGE_SECONDS, lambda t: self.enter_stage(state, run, "CLEAN_UP", t))
            return
        if stage == "CLEAN_UP":
            self.clean_up(state, run, at)
            return
        self.run_hooks(state, run, stage, at, then=lambda t: self.next_stage(state, run, t))

    def next_stage(self, state: ServiceState, run: NativeRun, at: float) -> None:
        following = STAGES[STAGES.index(run.stage) + 1]
        self.native_later(state, run, STAGE_SECONDS, lambda t: self.enter_stage(state, run, following, t))

    def reconcile_native(self, state: ServiceState, at: float) -> None:
        """SCALE_UP: green tasks up to the desired count; the stage ends when all are healthy."""
        run = state.native
        assert run is not None
        # Before SCALE_UP nothing starts; after it, ECS keeps green at the desired count.
        if run.rolling_back or STAGES.index(run.stage) < STAGES.index("SCALE_UP"):
            self.sync(state, at)
            return
        desired = state.service.desired_count or 0
        green = [t for t in state.tasks if t.deployment_id == run.green.id and t.phase in ("starting", "running", "healthy")]
        started = [self.start_service_task(state, run.green.id, run.green.task_definition, at) for _ in range(desired - len(green))]
        if started:
            ids = ", ".join(f"(task {t.task.id})" for t in started)
            self.add_event(state, f"has started {len(started)} tasks: {ids}.", at)
        if not run.scaled and len(green) == desired and all(t.phase == "healthy" for t in green):
            run.scaled = True
            self.native_later(state, run, STAGE_SECONDS, lambda t: self.enter_stage(state, run, "POST_SCALE_UP", t))
        self.sync(state, at)

    def shift_step(self, state: ServiceState, run: NativeRun, index: int, at: float) -> None:
        percent, wait_minutes = run.steps[index]
        run.production_weight = percent
        self.set_rule_weights(state, run, run.prod_rule, percent)
        run.record.updated = at
        self.add_event(state, f"(service deployment {run.record.arn.split('/')[-1]}) shifted {percent:g}% of production traffic "
                              "to the new service revision.", at)
        self.native_journal(state, run, at, traffic="production", step=index + 1, steps=len(run.steps))
        if index + 1 < len(run.steps):
            self.native_later(state, run, wait_minutes * 60, lambda t: self.shift_step(state, run, index + 1, t))
        else:
            self.run_hooks(state, run, "PRODUCTION_TRAFFIC_SHIFT", at, then=lambda t: self.next_stage(state, run, t))

    def clean_up(self, state: ServiceState, run: NativeRun, at: float) -> None:
        blue_tasks = [t for t in state.tasks if run.blue is not None and t.deployment_id == run.blue.id]
        self.drain_event(state, blue_tasks, at)
        for task_state in blue_tasks:
            self.stop_task(task_state, at, f"Task stopped by service deployment {run.record.arn.split('/')[-1]}.",
                           "ServiceSchedulerInitiated")
        if run.test_rule:
            run.test_weight = 0.0
        stopping = max((self.stop_seconds(t) for t in blue_tasks), default=self.timings["stopSeconds"])
        self.native_later(state, run, stopping + STAGE_SECONDS, lambda t: self.succeed(state, run, t))

    def succeed(self, state: ServiceState, run: NativeRun, at: float) -> None:
        record = run.record
        record.status = "SUCCESSFUL"
        record.status_reason = None
        record.finished = record.updated = at
        self.finish_monitors(record, "MONITORING_COMPLETE")
        run.green.rollout = "COMPLETED"
        run.green.reason = f"ECS deployment {run.green.id} completed."
        run.green.updated = at
        state.deployments = [run.green]
        state.last_good_task_definition = run.green.task_definition
        state.native = None
        run.generation += 1
        self.add_event(state, f"(deployment {run.green.id}) deployment completed.", at)
        self.add_event(state, "has reached a steady state.", at)
        self.native_journal(state, run, at)
        self.journal_milestone(state, run.green.id, "SUCCESSFUL", at, rolloutState="COMPLETED",
                               taskDefinition=run.green.task_definition, serviceDeploymentArn=record.arn)
        self.sync(state, at)

    # ---- hooks ------------------------------------------------------------------------------------

    def run_hooks(self, state: ServiceState, run: NativeRun, stage: str, at: float, then: Any) -> None:
        hooks = [h for h in state.config.get("lifecycleHooks") or [] if stage in (h.get("lifecycleStages") or [])]
        if not hooks:
            then(at)
            return
        run.hooks = []
        for hook in hooks:
            timeout = hook.get("timeoutConfiguration") or {}
            minutes = timeout.get("timeoutInMinutes")
            pause = hook.get("targetType") == "PAUSE"
            hook_run = HookRun(hook_id=str(uuid.uuid4()), hook=hook, stage=stage, status="AWAITING_ACTION" if pause else "IN_PROGRESS",
                               expires=at + float(minutes) * 60 if minutes else None)
            run.hooks.append(hook_run)
            if not pause:
                self.native_later(state, run, LAMBDA_SECONDS, lambda t, h=hook_run: self.lambda_answer(state, run, h, t))
            if hook_run.expires is not None:
                self.native_later(state, run, hook_run.expires - at, lambda t, h=hook_run: self.hook_timed_out(state, run, h, t))
        run.record.updated = at
        self.native_journal(state, run, at, hooks=[{"hookId": h.hook_id, "status": h.status, "stage": stage} for h in run.hooks])
        run_then = then

        def settle(t: float) -> None:
            if any(h.status == "FAILED" or h.status == "TIMED_OUT" and self.timeout_action(h) == "ROLLBACK" for h in run.hooks):
                self.native_rollback(state, run, t, f"A lifecycle hook of stage {stage} failed.")
            elif all(h.status in ("SUCCEEDED",) or h.status == "TIMED_OUT" for h in run.hooks):
                run.hooks = []
                run_then(t)

        run.settle = settle

    def timeout_action(self, hook_run: HookRun) -> str:
        return str((hook_run.hook.get("timeoutConfiguration") or {}).get("action") or "ROLLBACK")

    def hook_changed(self, state: ServiceState, run: NativeRun, hook_run: HookRun, status: str, at: float) -> None:
        hook_run.status = status
        run.record.updated = at
        self.native_journal(state, run, at, hook={"hookId": hook_run.hook_id, "status": status, "stage": hook_run.stage})
        if run.settle is not None:
            run.settle(at)

    def lambda_answer(self, state: ServiceState, run: NativeRun, hook_run: HookRun, at: float) -> None:
        if hook_run.status != "IN_PROGRESS":
            return
        answer = self.hook_answers.get(str(hook_run.hook.get("hookTargetArn")), "SUCCEEDED")
        if answer == "IN_PROGRESS":
            self.native_later(state, run, LAMBDA_RECHECK_SECONDS, lambda t: self.lambda_answer(state, run, hook_run, t))
            return
        self.hook_changed(state, run, hook_run, answer, at)

    def hook_timed_out(self, state: ServiceState, run: NativeRun, hook_run: HookRun, at: float) -> None:
        if hook_run.status in ("AWAITING_ACTION", "IN_PROGRESS"):
            self.hook_changed(state, run, hook_run, "TIMED_OUT", at)

    def continue_deployment(self, arn: str, hook_id: str | None, action: str) -> None:
        state, record = self.records_by_arn[arn]
        run = record.native
        waiting = [h for h in (run.hooks if run is not None else []) if h.status == "AWAITING_ACTION"]
        hook_run = next((h for h in waiting if hook_id in (None, h.hook_id)), None)
        if run is None or record.status != "IN_PROGRESS" or hook_run is None:
            raise ValueError(f"The service deployment {arn} has no lifecycle hook{'' if hook_id is None else ' ' + hook_id} "
                             "awaiting action.")
        self.hook_changed(state, run, hook_run, "SUCCEEDED" if action == "CONTINUE" else "FAILED", self.now())

    # ---- traffic on the listener rules -------------------------------------------------------------

    def elbv2(self, state: ServiceState) -> Any:
        from moto.elbv2.models import elbv2_backends

        return elbv2_backends[self.bed.account_id][state.service.region_name]

    def rule_weights(self, state: ServiceState, rule_arn: str) -> dict[str, int]:
        weights: dict[str, int] = {}
        rules = self.elbv2(state).describe_rules(listener_arn=None, rule_arns=[rule_arn]) if rule_arn else []
        for rule in rules:
            for action in rule.actions:
                data = action.data
                forward = data.get("ForwardConfig") or {}
                for group in forward.get("TargetGroups") or []:
                    weights[group["TargetGroupArn"]] = int(group.get("Weight", 1))
                if not forward and data.get("TargetGroupArn"):
                    weights[data["TargetGroupArn"]] = 1
        return weights

    def set_rule_weights(self, state: ServiceState, run: NativeRun, rule_arn: str, green_percent: float) -> None:
        # Listener weights are whole numbers (0-999): ECS rounds the percentage to the nearest.
        green = round(green_percent)
        self.elbv2(state).modify_rule(rule_arn, conditions=[], actions=[{
            "Type": "forward",
            "ForwardConfig": {"TargetGroups": [
                {"TargetGroupArn": run.blue_tg, "Weight": 100 - green},
                {"TargetGroupArn": run.green_tg, "Weight": green},
            ]},
        }])

    # ---- failure, stop and rollback ---------------------------------------------------------------

    def check_native_alarms(self, state: ServiceState, run: NativeRun, at: float) -> None:
        from moto.cloudwatch.models import cloudwatch_backends

        if run.rolling_back or run.record.status != "IN_PROGRESS":
            return
        alarms = state.config.get("alarms") or {}
        if alarms.get("enable"):
            cloudwatch = cloudwatch_backends[self.bed.account_id][state.service.region_name]
            firing = [n for n in alarms.get("alarmNames") or [] if n in cloudwatch.alarms and cloudwatch.alarms[n].state_value == "ALARM"]
            if firing:
                assert run.record.alarms is not None
                run.record.alarms["status"] = "TRIGGERED"
                run.record.alarms["triggeredAlarmNames"] = firing
                reason = f"CloudWatch alarms in ALARM: {', '.join(firing)}."
                if alarms.get("rollback"):
                    self.native_rollback(state, run, at, reason)
                else:
                    self.native_stop(state, run, at, reason)
                return
        self.native_later(state, run, ALARM_CHECK_SECONDS, lambda t: self.check_native_alarms(state, run, t))

    def native_task_failed(self, state: ServiceState, run: NativeRun, at: float) -> None:
        green = run.green
        green.failed_tasks += 1
        record = run.record
        if record.breaker is not None:
            record.breaker["failureCount"] = green.failed_tasks
        breaker = state.config["deploymentCircuitBreaker"]
        if run.rolling_back or not breaker.get("enable") or green.failed_tasks < self.breaker_threshold(state):
            return
        if record.breaker is not None:
            record.breaker["status"] = "TRIGGERED"
        self.native_rollback(state, run, at, "Circuit breaker: tasks failed to start.")

    def native_rollback(self, state: ServiceState, run: NativeRun, at: float, reason: str) -> None:
        """Production and test traffic back on blue, green's tasks stopped; ROLLBACK_SUCCESSFUL when they are gone."""
        if run.rolling_back or run.record.status in SD_FINAL:
            return
        run.generation += 1
        run.rolling_back = True
        record = run.record
        if run.blue is None:
            self.native_stop(state, run, at, f"{reason} No earlier service revision to roll back to.", status="ROLLBACK_FAILED")
            return
        record.status = "ROLLBACK_IN_PROGRESS"
        record.status_reason = f"{reason} Rolling back to the previous service revision."
        record.rollback = {"reason": reason, "startedAt": at, "serviceRevisionArn": run.blue.revision_arn}
        record.updated = at
        for hook_run in run.hooks:
            if hook_run.status in ("AWAITING_ACTION", "IN_PROGRESS"):
                hook_run.status = "FAILED"
        run.production_weight = 0.0
        self.set_rule_weights(state, run, run.prod_rule, 0.0)
        if run.test_rule:
            run.test_weight = 0.0
            self.set_rule_weights(state, run, run.test_rule, 0.0)
        self.add_event(state, f"(service deployment {record.arn.split('/')[-1]}) rolling back: {reason}", at)
        self.native_journal(state, run, at, traffic="rollback", reason=reason)
        self.remove_green(state, run, at)
        self.native_later(state, run, self.timings["stopSeconds"] + STAGE_SECONDS, lambda t: self.rolled_back(state, run, t))

    def remove_green(self, state: ServiceState, run: NativeRun, at: float) -> None:
        run.green.rollout = "FAILED"
        run.green.updated = at
        for task_state in [t for t in state.tasks if t.deployment_id == run.green.id]:
            self.stop_task(task_state, at, f"Task stopped by service deployment {run.record.arn.split('/')[-1]} rolling back.",
                           "ServiceSchedulerInitiated")
        if run.blue is not None:
            run.blue.status = "PRIMARY"
            run.blue.updated = at
            state.deployments = [run.blue]
            state.service.task_definition = run.blue.task_definition

    def rolled_back(self, state: ServiceState, run: NativeRun, at: float) -> None:
        record = run.record
        record.status = "ROLLBACK_SUCCESSFUL"
        record.status_reason = "The rollback to the previous service revision completed."
        record.finished = record.updated = at
        self.finish_monitors(record, "MONITORING_COMPLETE")
        if state.native is run:
            state.native = None
        self.native_journal(state, run, at)
        self.journal_milestone(state, run.green.id, "ROLLBACK_SUCCESSFUL", at, rolloutState="FAILED",
                               serviceDeploymentArn=record.arn)
        self.sync(state, at)
        self.schedule_reconcile(state, at)

    def native_stop(self, state: ServiceState, run: NativeRun, at: float, reason: str, status: str = "STOPPED") -> None:
        run.generation += 1
        record = run.record
        record.status = status
        record.status_reason = reason
        record.finished = record.updated = at
        self.finish_monitors(record, "MONITORING_COMPLETE")
        if state.native is run:
            state.native = None
        self.native_journal(state, run, at, reason=reason)
        self.journal_milestone(state, run.green.id, status, at, rolloutState="FAILED", serviceDeploymentArn=record.arn)

    def stop_replaced(self, state: ServiceState, run: NativeRun, at: float) -> None:
        """A newer UpdateService: traffic back on blue, green removed, this deployment STOPPED."""
        run.generation += 1
        if run.blue is not None:
            run.production_weight = run.test_weight = 0.0
            self.set_rule_weights(state, run, run.prod_rule, 0.0)
            if run.test_rule:
                self.set_rule_weights(state, run, run.test_rule, 0.0)
            # The newer UpdateService already set the service's task definition: it stays.
            wanted = state.service.task_definition
            self.remove_green(state, run, at)
            state.service.task_definition = wanted
        self.native_stop(state, run, at, "Service deployment stopped: a newer service deployment started.")

    def stop_service_deployment(self, arn: str, stop_type: str) -> None:
        state, record = self.records_by_arn[arn]
        if record.status in SD_FINAL or record.status.startswith("ROLLBACK"):
            raise LookupError(f"The service deployment {arn} is {record.status}; it cannot be stopped.")
        at = self.now()
        run = record.native
        if run is not None:
            if stop_type == "ROLLBACK":
                self.native_rollback(state, run, at, "Service deployment stopped by StopServiceDeployment with rollback.")
            else:
                self.native_stop(state, run, at, "Service deployment stopped by StopServiceDeployment.")
            return
        self.stop_rolling(state, record, stop_type, at)

    def finish_monitors(self, record: ServiceDeploymentRecord, status: str) -> None:
        for monitor in (record.breaker, record.alarms):
            if monitor is not None and monitor["status"] == "MONITORING":
                monitor["status"] = status

    def native_view(self, record: ServiceDeploymentRecord, view: dict[str, Any]) -> None:
        """Adds what a native deployment shows: its stage, hooks, traffic weights and alarms."""
        run = record.native
        if record.alarms is not None:
            view["alarms"] = record.alarms
        if run is None:
            return
        view["lifecycleStage"] = run.stage
        if run.hooks:
            view["lifecycleHookDetails"] = [
                {"hookId": h.hook_id, "targetType": h.hook.get("targetType"), "status": h.status,
                 **({"targetArn": h.hook["hookTargetArn"]} if h.hook.get("targetType") == "AWS_LAMBDA" else {}),
                 **({"expiresAt": self.wall(h.expires), "timeoutAction": self.timeout_action(h)} if h.expires is not None else {})}
                for h in run.hooks]
        target = view["targetServiceRevision"]
        target["requestedProductionTrafficWeight"] = run.production_weight
        target["requestedTestTrafficWeight"] = run.test_weight
        for source in view["sourceServiceRevisions"]:
            source["requestedProductionTrafficWeight"] = 100.0 - run.production_weight
            source["requestedTestTrafficWeight"] = 100.0 - run.test_weight
