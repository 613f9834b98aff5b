// ecs-deploy through ECS's own BLUE_GREEN, CANARY and LINEAR strategies: UpdateService (at most
// once in effect), the service deployment it started found by its revision and followed by its
// ARN, our bake during ECS's BAKE_TIME while the old version still stands, and a rollback with
// StopServiceDeployment (traffic back on the old version) on any failure ECS did not catch.
import {
  ECSClient,
  ListServiceDeploymentsCommand,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import { TimeoutError, awsErrorCode } from '../../core/action/errors.js';
import { TypedState } from '../../core/action/state.js';
import { type Analysis, AnalysisFailure } from '../../core/deploy/analysis.js';
import { type BakeOutcome, type BakeVerdict, TaskWatch, bake } from '../../core/deploy/bake.js';
import {
  type NativeOutcome,
  type NativeUntil,
  continuePaused,
  describeServiceDeployment,
  revisionTaskDefinition,
  findServiceDeployment,
  followNative,
  inFlightServiceDeployments,
  isFinalStatus,
  nativeStand,
  stopWithRollback,
} from '../../core/deploy/ecs-native.js';
import { updateServiceOnce } from '../../core/deploy/ecs-rolling.js';
import { describeService } from '../../core/deploy/service.js';
import { targetGroupTiming } from '../../core/deploy/lb-timing.js';
import type { LoadBalancerTiming } from '../../core/deploy/pace.js';
import { startUpdate } from './update.js';
import type { StoppedTasks } from '../../core/deploy/stopped-tasks.js';
import { recordChange } from '../../core/rollback/history.js';
import { formatDuration } from '../../core/util/time.js';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  applyAbCondition,
  describeCondition,
  restoreTestRule,
} from '../../core/deploy/test-traffic.js';
import type { Context } from './contract.js';
import type { DeployInputs } from './inputs.js';
import type { NativePlan } from './native-plan.js';
import type { DeployPlan } from './plan.js';
import {
  type BakeResult,
  type DeployOutcome,
  type DeployState,
  saveStart,
  submitted,
} from './state.js';

type Ecs = Pick<ECSClient, 'send'>;

export interface NativeDeps {
  ecs: Ecs;
  elbv2: Pick<ElasticLoadBalancingV2Client, 'send'>;
  stoppedTasks: StoppedTasks;
  analysis: Analysis;
}

interface NativeRun {
  plan: DeployPlan;
  native: NativePlan;
  inputs: DeployInputs;
  deps: NativeDeps;
  context: Context;
  /** The ecs-svc id of the new revision's deployment (its tasks' startedBy). */
  deploymentId: string;
  arn: string;
  seen: Pick<NativeOutcome, 'traffic' | 'stages'>;
  /** The target groups' timing, read at the first follow (undefined inside: none, or unreadable). */
  loadBalancer?: { timing: LoadBalancerTiming | undefined };
}

type Base = Pick<
  DeployOutcome,
  'deploymentId' | 'serviceDeploymentArn' | 'polls' | 'timeline' | 'stages' | 'note'
>;

/**
 * An ECS-native deployment: started (or the ready step's continued), followed to a paused hook,
 * to ECS's bake or to its end; our bake runs during ECS's bake; failures ECS did not catch roll
 * back with StopServiceDeployment.
 */
export async function executeNative(
  plan: DeployPlan,
  inputs: DeployInputs,
  deps: NativeDeps,
  context: Context,
): Promise<DeployOutcome> {
  const native = plan.native;
  if (native === undefined) throw new Error('an ECS-native plan is needed');
  const state = saveStart(plan, inputs.strategy, context);
  // A/B: the test rule's own conditions come back once the deployment ends (not at READY, where
  // the split is what the pause is for; the continue step restores it).
  const abRule =
    native.ab?.ruleArn ?? (native.continueArn === undefined ? undefined : native.testRule);
  if (abRule !== undefined) state.save('abRule', abRule);
  if (native.ab !== undefined)
    await applyAbCondition(
      deps.elbv2,
      { ecs: deps.ecs, serviceArn: plan.serviceArn },
      native.ab.ruleArn,
      native.ab.condition,
      context.logger,
    );
  let ended = false;
  try {
    const outcome = await runNative(plan, native, inputs, deps, context);
    ended = outcome.status !== 'READY' && outcome.status !== 'SUBMITTED';
    return outcome;
  } catch (error) {
    ended = true;
    throw error;
  } finally {
    if (ended && abRule !== undefined)
      await restoreTestRule(
        deps.elbv2,
        { ecs: deps.ecs, serviceArn: plan.serviceArn },
        abRule,
        context.logger,
      );
  }
}

async function runNative(
  plan: DeployPlan,
  native: NativePlan,
  inputs: DeployInputs,
  deps: NativeDeps,
  context: Context,
): Promise<DeployOutcome> {
  const state = new TypedState<DeployState>(context.state);
  const continuing = native.continueArn !== undefined;
  if (!continuing && plan.inFlight !== undefined) await settleInFlight(plan, inputs, deps, context);
  const { deploymentId, arn } = continuing
    ? await continueStep(native.continueArn ?? '', inputs, deps.ecs, context)
    : await startNative(plan, native, inputs, deps.ecs, context);
  state.save('serviceDeploymentArn', arn);
  state.save('deploymentId', deploymentId);
  context.outputs.set('deployment-id', deploymentId);
  context.outputs.set('service-deployment-arn', arn);
  if (inputs.waitUntil === 'submitted' && !continuing) return submitted(deploymentId);
  const run: NativeRun = {
    plan,
    native,
    inputs,
    deps,
    context,
    deploymentId,
    arn,
    seen: { traffic: [], stages: [] },
  };
  warnShortEcsBake(run);
  const until: NativeUntil =
    inputs.waitUntil === 'ready' && !continuing
      ? 'ready'
      : inputs.bakeMs > 0 || inputs.waitUntil === 'bake'
        ? 'bake'
        : 'complete';
  let outcome: NativeOutcome;
  try {
    outcome = await follow(run, until, true);
  } catch (error) {
    if (!(error instanceof TimeoutError) && !(error instanceof AnalysisFailure)) throw error;
    return await rollBack(run, error.message, undefined);
  }
  if (outcome.stand.kind === 'paused') return ready(run, outcome);
  if (outcome.stand.kind === 'baking') return await baked(run, outcome);
  return await ended(run, outcome, undefined);
}

function base(run: NativeRun, outcome: NativeOutcome | undefined): Base {
  return {
    deploymentId: run.deploymentId,
    serviceDeploymentArn: run.arn,
    polls: outcome?.polls,
    timeline: run.seen.traffic.map((t) => ({ at: 0, time: t.time, greenPercent: t.greenPercent })),
    stages: [...run.seen.stages],
    note: undefined,
  };
}

async function follow(
  run: NativeRun,
  until: NativeUntil,
  analyse: boolean,
): Promise<NativeOutcome> {
  const { context, deps, arn, inputs } = run;
  run.loadBalancer ??= {
    timing: await targetGroupTiming(deps.elbv2, run.plan.targetGroupArns ?? [], context.logger),
  };
  const loadBalancer = run.loadBalancer.timing;
  const outcome = await context.logger.group(`Following service deployment ${arn}`, () =>
    followNative({
      ecs: deps.ecs,
      arn,
      until,
      seen: run.seen,
      loadBalancer,
      timeoutMs: inputs.timeoutMs,
      clock: context.clock,
      sleep: context.sleep,
      logger: context.logger,
      signal: context.signal,
      ...(analyse && deps.analysis.active ? { analysis: deps.analysis } : {}),
    }),
  );
  run.seen = { traffic: outcome.traffic, stages: outcome.stages };
  const stopped = await deps.stoppedTasks.report(run.deploymentId);
  if (stopped.length > 0)
    context.logger.info(`${stopped.length} task(s) of the new revision stopped (above).`);
  return outcome;
}

/** ECS's bake is shorter than ours: a failure after it is rolled back by deploying again. */
function warnShortEcsBake({ native, inputs, context, plan }: NativeRun): void {
  if (inputs.bakeMs <= native.ecsBakeMinutes * 60_000 || inputs.waitUntil === 'bake') return;
  context.logger.warning(
    `ECS keeps the old version ${native.ecsBakeMinutes} min after the traffic shift (bakeTimeInMinutes), less than bake-time ${formatDuration(inputs.bakeMs)}: a failure later in the bake is rolled back by deploying ${plan.previousTaskDefinition ?? 'the previous revision'} again through the ${native.strategy} strategy, which is slower than moving the traffic back. Set ecs-bake-time to at least the bake time to keep the old version ready.`,
  );
}

/** on-in-flight wait or stop: the deployment in progress ends first (stop rolls it back). */
async function settleInFlight(
  plan: DeployPlan,
  inputs: DeployInputs,
  deps: NativeDeps,
  context: Context,
): Promise<void> {
  const briefs = await inFlightServiceDeployments(deps.ecs, plan.cluster, plan.service);
  for (const arn of briefs.map((b) => b.serviceDeploymentArn ?? '')) {
    if (inputs.onInFlight === 'stop') {
      context.logger.warning(`Stopping service deployment ${arn} (with rollback) before this one.`);
      await stopTolerant(deps.ecs, arn);
    }
    await context.logger.group(`Waiting for service deployment ${arn}, already in progress`, () =>
      followNative({
        ecs: deps.ecs,
        arn,
        until: 'complete',
        timeoutMs: inputs.timeoutMs,
        clock: context.clock,
        sleep: context.sleep,
        logger: context.logger,
        signal: context.signal,
      }),
    );
  }
  const now = await describeService(deps.ecs, plan.cluster, plan.service);
  plan.previousTaskDefinition = now.taskDefinition ?? plan.previousTaskDefinition;
}

/** StopServiceDeployment ROLLBACK; a deployment already ending (ConflictException) is left to end. */
async function stopTolerant(ecs: Ecs, arn: string): Promise<boolean> {
  try {
    await stopWithRollback(ecs, arn);
    return true;
  } catch (error) {
    if (awsErrorCode(error) === 'ConflictException') return false;
    throw error;
  }
}

/** Records the change, sends UpdateService once in effect, and finds the service deployment it started. */
async function startNative(
  plan: DeployPlan,
  native: NativePlan,
  inputs: DeployInputs,
  ecs: Ecs,
  context: Context,
): Promise<{ deploymentId: string; arn: string }> {
  const known = (
    (
      await ecs.send(
        new ListServiceDeploymentsCommand({ cluster: plan.cluster, service: plan.service }),
      )
    ).serviceDeployments ?? []
  ).map((d) => d.serviceDeploymentArn ?? '');
  // Compared with createdAt, which AWS stamps with its own (wall) clock.
  const since = Date.now() - 2000;
  if (native.changes.length > 0)
    context.logger.info(
      `The service's deploymentConfiguration changes with this deployment (and stays so): ${native.changes.join('; ')}.`,
    );
  const updated = await startUpdate(plan, inputs, ecs, context, native.deploymentConfiguration);
  const deploymentId = updated.deployments?.find((d) => d.status === 'PRIMARY')?.id ?? '';
  const arn = await findServiceDeployment(ecs, {
    cluster: plan.cluster,
    service: plan.service,
    since,
    taskDefinition: plan.taskDefinition,
    known,
    sleep: context.sleep,
    signal: context.signal,
  });
  context.logger.info(
    `Started ECS-native ${native.strategy} deployment ${arn} of ${plan.cluster}/${plan.service} (${plan.taskDefinition ?? 'new tasks of the same task definition'}; production traffic ${native.steps}; ECS bakes ${native.ecsBakeMinutes} min).`,
  );
  return { deploymentId, arn };
}

/** The approval step: the ready step's paused hook is continued. */
async function continueStep(
  arn: string,
  inputs: DeployInputs,
  ecs: Ecs,
  context: Context,
): Promise<{ deploymentId: string; arn: string }> {
  const discard = inputs.hookAction === 'rollback';
  if (discard && !(await pausedNow(ecs, arn))) {
    // A rejected approval after the hook timed out, or a deployment still before its pause: the
    // new version is discarded all the same (a deployment already over is only followed).
    context.logger.warning(
      `Service deployment ${arn} has no hook waiting: discarding it with StopServiceDeployment (rollback) instead.`,
    );
    await stopTolerant(ecs, arn).catch((error: unknown) => {
      if (awsErrorCode(error) !== 'ConflictException') throw error;
    });
    return { deploymentId: await primaryId(ecs, inputs), arn };
  }
  const hooks = await continuePaused(ecs, arn, inputs.hookId, discard ? 'ROLLBACK' : 'CONTINUE');
  context.logger.info(
    discard
      ? `Discarding service deployment ${arn} at hook ${hooks.join(', ')} (ContinueServiceDeployment with ROLLBACK): traffic stays on the old version.`
      : `Continued service deployment ${arn} at hook ${hooks.join(', ')}.`,
  );
  return { deploymentId: await primaryId(ecs, inputs), arn };
}

async function pausedNow(ecs: Ecs, arn: string): Promise<boolean> {
  const d = await describeServiceDeployment(ecs, arn);
  return (d.lifecycleHookDetails ?? []).some((h) => h.status === 'AWAITING_ACTION');
}

/**
 * The ECS deployment id (its tasks' startedBy) of the service's PRIMARY deployment; the plan
 * checked the service deployment is this service's.
 */
async function primaryId(ecs: Ecs, inputs: DeployInputs): Promise<string> {
  const service = await describeService(ecs, inputs.cluster, inputs.service);
  return service.deployments?.find((x) => x.status === 'PRIMARY')?.id ?? '';
}

/** wait-until ready: a PAUSE hook waits, test traffic on the new revision. */
function ready(run: NativeRun, outcome: NativeOutcome): DeployOutcome {
  const hook = outcome.stand.kind === 'paused' ? outcome.stand.hook : undefined;
  run.context.outputs.set('hook-id', hook?.hookId ?? '');
  const ab = run.native.ab;
  return {
    ...base(run, outcome),
    bake: undefined,
    status: 'READY',
    reason: `paused at ${outcome.deployment.lifecycleStage ?? '?'}: a PAUSE hook awaits action`,
    rolledBack: false,
    rolledBackTo: undefined,
    reported: `IN_PROGRESS, paused at ${outcome.deployment.lifecycleStage ?? '?'}`,
    note: `${ab === undefined ? '' : `**A/B:** requests on the production listener with ${describeCondition(ab.condition)} reach the new version; everyone else stays on the old one. `}Ready: test traffic reaches the new revision and ECS waits at ${outcome.deployment.lifecycleStage ?? '?'}${hook?.expiresAt === undefined ? '' : ` until ${hook.expiresAt.toISOString()} (then ${hook.timeoutAction ?? '?'})`}. Continue with \`continue-deployment-id: ${run.arn}\` and \`hook-id: ${hook?.hookId ?? ''}\`.`,
  };
}

/** Production traffic all moved, ECS baking: our bake watches now, while the old version stands. */
async function baked(run: NativeRun, outcome: NativeOutcome): Promise<DeployOutcome> {
  const { inputs, context } = run;
  const watched = inputs.bakeMs > 0 ? await ourBake(run) : undefined;
  const verdict = watched?.verdict;
  if (verdict?.kind === 'replaced') return await ended(run, outcome, watched?.result);
  if (verdict?.kind === 'failed') return await rollBack(run, verdict.reason, watched?.result);
  if (inputs.waitUntil === 'bake') {
    context.logger.info(
      `All production traffic is on the new revision and held through bake-time; ECS bakes it ${run.native.ecsBakeMinutes} min and then removes the old version, after this step.`,
    );
    return {
      ...base(run, outcome),
      bake: watched?.result,
      status: 'BAKING',
      reason: `all production traffic moved; ECS's own bake (${run.native.ecsBakeMinutes} min) and clean-up go on after this step`,
      rolledBack: false,
      rolledBackTo: undefined,
      reported: `IN_PROGRESS at ${outcome.deployment.lifecycleStage ?? 'BAKE_TIME'}`,
      note: `Not finished: ECS bakes the new revision and then removes the old one. Follow ${run.arn} in the console, or roll it back with ecs-rollback (StopServiceDeployment with rollback) while it bakes.`,
    };
  }
  let last: NativeOutcome;
  try {
    last = await follow(run, 'complete', true);
  } catch (error) {
    if (!(error instanceof TimeoutError) && !(error instanceof AnalysisFailure)) throw error;
    return await rollBack(run, error.message, watched?.result);
  }
  return await ended(run, last, watched?.result);
}

/** bake-time watched from ECS's BAKE_TIME on: the new revision's tasks, alarms, analysis. */
async function ourBake(
  run: NativeRun,
): Promise<{ result: BakeResult; verdict: BakeOutcome['verdict'] }> {
  const { inputs, context, deps, arn } = run;
  const watch = new TaskWatch();
  const look = async (): Promise<BakeVerdict> => {
    const d = await describeServiceDeployment(deps.ecs, arn);
    const stand = nativeStand(d);
    if (stand.kind === 'stopped') return { kind: 'replaced', reason: stand.reason };
    if (
      stand.kind === 'rolled-back' ||
      stand.kind === 'rolling-back' ||
      stand.kind === 'rollback-failed'
    )
      return { kind: 'failed', reason: `ECS rolled the deployment back: ${stand.reason}` };
    const stopped = await deps.stoppedTasks.report(run.deploymentId);
    const judged = watch.judge(
      stopped,
      d.targetServiceRevision?.runningTaskCount ?? 0,
      d.targetServiceRevision?.requestedTaskCount ?? 0,
    );
    if (judged.kind === 'holding' && stand.kind === 'succeeded')
      return {
        kind: 'ended',
        summary: `ECS finished its bake and removed the old version (${judged.summary})`,
      };
    return judged;
  };
  const startedAt = context.clock.now();
  const watched = await context.logger.group(
    `Bake: ${run.plan.taskDefinition ?? arn} for ${formatDuration(inputs.bakeMs)} during ECS's bake`,
    () =>
      bake({
        durationMs: inputs.bakeMs,
        look,
        analysis: deps.analysis.active ? deps.analysis : undefined,
        clock: context.clock,
        sleep: context.sleep,
        logger: context.logger,
        signal: context.signal,
        what: `service deployment ${arn}`,
      }),
  );
  return {
    verdict: watched.verdict,
    result: {
      plannedMs: inputs.bakeMs,
      ranMs: watched.ranMs,
      failure: watched.verdict.kind === 'held' ? undefined : watched.verdict.reason,
      during: watched.sawEnd ? 'after-termination' : 'termination-wait',
      startedAt,
    },
  };
}

/** How ECS ended it, in the outcome's words. */
async function ended(
  run: NativeRun,
  outcome: NativeOutcome,
  bakeResult: BakeResult | undefined,
): Promise<DeployOutcome> {
  const stand = outcome.stand;
  const common = {
    ...base(run, outcome),
    bake: bakeResult,
    reported: outcome.deployment.status ?? '?',
  };
  switch (stand.kind) {
    case 'succeeded':
      return {
        ...common,
        status: 'SUCCEEDED',
        reason: 'succeeded',
        rolledBack: false,
        rolledBackTo: undefined,
      };
    case 'rolled-back':
      await recordRollback(run);
      if (run.inputs.hookAction === 'rollback')
        return {
          ...common,
          status: 'DISCARDED',
          reason: 'discarded at the pause, as the continue step asked (hook-action: rollback)',
          rolledBack: true,
          rolledBackTo: await previousOf(run, outcome.deployment),
        };
      return {
        ...common,
        status: 'FAILED',
        reason: `ECS rolled the deployment back: ${stand.reason}`,
        rolledBack: true,
        rolledBackTo: `${await previousOf(run, outcome.deployment)} by ECS (traffic back on it)`,
      };
    case 'rollback-failed':
      return {
        ...common,
        status: 'ROLLBACK_FAILED',
        reason: `The deployment failed and ECS's rollback failed too: ${stand.reason}`,
        rolledBack: false,
        rolledBackTo: undefined,
      };
    default: {
      const newer = await newerDeployment(run, outcome.deployment);
      return {
        ...common,
        status: newer === undefined ? 'STOPPED' : 'REPLACED',
        reason:
          newer === undefined
            ? `ECS stopped the service deployment: ${stand.kind === 'stopped' ? stand.reason : stand.kind}`
            : `Service deployment ${newer}, started by another caller (a second workflow run, the console or the CLI), replaced ${run.arn} before this step saw it through. It now owns the service: nothing was rolled back over it.`,
        rolledBack: false,
        rolledBackTo: undefined,
      };
    }
  }
}

/** A service deployment created after ours, if any. */
async function newerDeployment(
  run: NativeRun,
  ours: ServiceDeployment,
): Promise<string | undefined> {
  const listed = await run.deps.ecs.send(
    new ListServiceDeploymentsCommand({
      cluster: run.plan.cluster,
      service: run.plan.service,
      ...(ours.createdAt === undefined ? {} : { createdAt: { after: ours.createdAt } }),
    }),
  );
  return listed.serviceDeployments?.find((d) => d.serviceDeploymentArn !== run.arn)
    ?.serviceDeploymentArn;
}

/** The task definition the deployment replaces (its source revision's). */
async function previousOf(run: NativeRun, d: ServiceDeployment): Promise<string> {
  if (run.plan.previousTaskDefinition !== undefined) return run.plan.previousTaskDefinition;
  const source = d.sourceServiceRevisions?.[0]?.arn ?? d.rollback?.serviceRevisionArn;
  const previous =
    source === undefined ? undefined : await revisionTaskDefinition(run.deps.ecs, source);
  return previous ?? 'the previous revision';
}

async function recordRollback(run: NativeRun): Promise<void> {
  const { plan, deps, context } = run;
  if (plan.taskDefinition === undefined || plan.previousTaskDefinition === undefined) return;
  await recordChange(
    deps.ecs,
    plan.serviceArn,
    { kind: 'rollback', from: plan.taskDefinition, to: plan.previousTaskDefinition },
    context.logger,
  );
}

/**
 * Our rollback: StopServiceDeployment with rollback while the deployment runs (traffic back on
 * the old version), or, once ECS finished and removed it, a deployment of the previous revision.
 */
async function rollBack(
  run: NativeRun,
  failure: string,
  bakeResult: BakeResult | undefined,
): Promise<DeployOutcome> {
  const { inputs, context, deps, arn } = run;
  const current = await describeServiceDeployment(deps.ecs, arn);
  const common = { ...base(run, undefined), bake: bakeResult, reported: current.status ?? '?' };
  if (inputs.onFailure !== 'rollback')
    return {
      ...common,
      status: 'FAILED',
      reason: failure,
      rolledBack: false,
      rolledBackTo: undefined,
    };
  const rollbackStartedAt = context.clock.now();
  if (current.status === 'SUCCESSFUL') return await redeployPrevious(run, failure, bakeResult);
  if (current.status === 'IN_PROGRESS' || current.status === 'PENDING') {
    context.logger.warning(
      `${failure} Stopping ${arn} with rollback: traffic goes back to the old version.`,
    );
    await stopTolerant(deps.ecs, arn);
  }
  const back = await follow(run, 'complete', false);
  const previous = await previousOf(run, back.deployment);
  if (back.stand.kind === 'rolled-back') {
    await recordRollback(run);
    return {
      ...common,
      ...base(run, back),
      rollbackStartedAt,
      reported: back.deployment.status ?? '?',
      status: 'FAILED',
      reason: failure,
      rolledBack: true,
      rolledBackTo: `${previous} (StopServiceDeployment with rollback: traffic back on it)`,
    };
  }
  return {
    ...common,
    ...base(run, back),
    rollbackStartedAt,
    reported: back.deployment.status ?? '?',
    status: back.stand.kind === 'stopped' ? 'REPLACED' : 'ROLLBACK_FAILED',
    reason: `${failure} Rolling back ended ${back.deployment.status ?? '?'}: ${back.deployment.statusReason ?? ''}`,
    rolledBack: false,
    rolledBackTo: undefined,
  };
}

/** ECS already removed the old version: deploy it again through the service's own strategy. */
async function redeployPrevious(
  run: NativeRun,
  failure: string,
  bakeResult: BakeResult | undefined,
): Promise<DeployOutcome> {
  const { plan, deps, context } = run;
  const previous = await previousOf(run, await describeServiceDeployment(deps.ecs, run.arn));
  const rollbackStartedAt = context.clock.now();
  context.logger.warning(
    `${failure} ECS had already removed the old version: deploying ${previous} again to roll back.`,
  );
  const since = Date.now() - 2000;
  const known = [run.arn];
  await updateServiceOnce(
    deps.ecs,
    { cluster: plan.cluster, service: plan.service, taskDefinition: previous },
    context,
  );
  const arn = await findServiceDeployment(deps.ecs, {
    cluster: plan.cluster,
    service: plan.service,
    since,
    taskDefinition: previous,
    known,
    sleep: context.sleep,
    signal: context.signal,
  });
  const back = await follow({ ...run, arn, seen: { traffic: [], stages: [] } }, 'complete', false);
  const ok = back.stand.kind === 'succeeded';
  if (ok) await recordRollback(run);
  return {
    ...base(run, back),
    bake: bakeResult,
    rollbackStartedAt,
    reported: `SUCCESSFUL, then rolled back by ${arn}`,
    status: ok ? 'FAILED' : 'ROLLBACK_FAILED',
    reason: ok
      ? failure
      : `${failure} The redeployment of ${previous} (${arn}) ended ${back.deployment.status ?? '?'}.`,
    rolledBack: ok,
    rolledBackTo: ok ? `${previous} (deployed again: ${arn})` : undefined,
  };
}

/** The post step puts an A/B test rule's own conditions back. */
async function restoreAb(context: Context, state: TypedState<DeployState>): Promise<void> {
  const rule = state.get('abRule');
  if (rule === undefined || rule === '') return;
  const region = state.get('region') ?? '';
  const cluster = state.get('cluster') ?? '';
  const service = state.get('service') ?? '';
  const ecs = context.clients.get(ECSClient, 'ecs', { region });
  const serviceArn = (await describeService(ecs, cluster, service)).serviceArn ?? '';
  await restoreTestRule(
    context.clients.get(ElasticLoadBalancingV2Client, 'elbv2', { region }),
    { ecs, serviceArn },
    rule,
    context.logger,
  );
}

/**
 * The post step: the main step did not finish (cancelled or timed out) while our service
 * deployment was in flight: stop it with rollback, unless a newer deployment replaced it.
 */
export async function postNative(ecs: Ecs, context: Context): Promise<void> {
  const state = new TypedState<DeployState>(context.state);
  if (state.get('finished') !== false) return;
  try {
    await stopUnfinished(ecs, context, state);
  } finally {
    await restoreAb(context, state);
  }
}

async function stopUnfinished(
  ecs: Ecs,
  context: Context,
  state: TypedState<DeployState>,
): Promise<void> {
  const cluster = state.get('cluster') ?? '';
  const service = state.get('service') ?? '';
  let arn = state.get('serviceDeploymentArn') ?? '';
  if (arn === '') {
    // Cancelled before the service deployment was found: ours is the in-flight one of our task definition.
    const wanted = state.get('taskDefinition') ?? '';
    for (const brief of await inFlightServiceDeployments(ecs, cluster, service)) {
      const revision = brief.targetServiceRevisionArn;
      if (revision !== undefined && (await revisionTaskDefinition(ecs, revision)) === wanted)
        arn = brief.serviceDeploymentArn ?? '';
    }
  }
  const heading = `Deployment ${cluster}/${service} cancelled`;
  if (arn === '') {
    context.logger.info(
      `The deploy step was cancelled before its deployment started: ${cluster}/${service} is left as it is.`,
    );
    return;
  }
  const d = await describeServiceDeployment(ecs, arn);
  if (isFinalStatus(d.status) || d.status?.startsWith('ROLLBACK') === true) {
    const line = `The deploy step did not finish; service deployment ${arn} is ${d.status ?? '?'}${d.statusReason === undefined ? '' : ` (${d.statusReason})`}: nothing to roll back.`;
    context.logger.warning(line);
    context.summary.heading(heading).paragraph(line);
    return;
  }
  context.logger.warning(
    `The deploy step did not finish (cancelled or timed out) with service deployment ${arn} in flight (${d.lifecycleStage ?? '?'}): stopping it with rollback.`,
  );
  const stopped = await stopTolerant(ecs, arn);
  context.summary
    .heading(heading)
    .paragraph(
      stopped
        ? `StopServiceDeployment with rollback sent for ${arn} by the post step: ECS moves the traffic back to the old version.`
        : `${arn} was already ending when the post step looked.`,
    );
}
