import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  type DeploymentConfiguration,
  type ECSClient,
  type Service,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { TimeoutError } from '../../core/action/errors.js';

import { TypedState } from '../../core/action/state.js';
import { type Analysis, AnalysisFailure } from '../../core/deploy/analysis.js';
import { type BakeOutcome, bake } from '../../core/deploy/bake.js';
import {
  type RollingOutcome,
  followRollingDeployment,
  replacedReason,
  rollingBakeLook,
} from '../../core/deploy/ecs-rolling.js';
import { describeService } from '../../core/deploy/service.js';
import { targetGroupTiming } from '../../core/deploy/lb-timing.js';
import { NO_HEALTH_CHECK_GRACE_MS } from '../../core/deploy/pace.js';
import type { StoppedTasks } from '../../core/deploy/stopped-tasks.js';
import { type RollbackResult, rollBackService } from '../../core/rollback/ecs-service.js';
import { recordChange } from '../../core/rollback/history.js';
import { type DeployInputs } from './inputs.js';
import type { DeployPlan } from './plan.js';
import {
  type BakeResult,
  type DeployOutcome,
  type DeployState,
  saveStart,
  submitted,
} from './state.js';
import { formatDuration } from '../../core/util/time.js';
import type { Context } from './contract.js';
import { startUpdate } from './update.js';

type Ecs = Pick<ECSClient, 'send'>;

export interface RollingDeps {
  ecs: Ecs;
  elbv2: Pick<ElasticLoadBalancingV2Client, 'send'>;
  stoppedTasks: StoppedTasks;
  analysis: Analysis;
}

/**
 * on-in-flight: wait. Follows the deployment someone else started to its end, then reads what
 * the service serves now: that, not what it served when the step began, is the rollback target.
 */
async function waitForInFlight(
  plan: DeployPlan,
  ecs: Ecs,
  context: Context,
  timeoutMs: number,
): Promise<string | undefined> {
  const inFlight = plan.inFlight ?? '';
  const ended = await context.logger.group(
    `Waiting for deployment ${inFlight}, already in progress on ${plan.cluster}/${plan.service}`,
    () =>
      followRollingDeployment({
        ecs,
        cluster: plan.cluster,
        service: plan.service,
        deploymentId: inFlight,
        timeoutMs,
        clock: context.clock,
        sleep: context.sleep,
        logger: context.logger,
        signal: context.signal,
      }),
  );
  context.logger.info(
    `Deployment ${inFlight} ended ${ended.status}${ended.servingTaskDefinition === undefined ? '' : `; ${ended.servingTaskDefinition} serves`}. Deploying now.`,
  );
  const now = await describeService(ecs, plan.cluster, plan.service);
  const primary = now.deployments?.find((d) => d.status === 'PRIMARY');
  return primary?.rolloutState === 'COMPLETED'
    ? primary.taskDefinition
    : plan.previousTaskDefinition;
}

/** What following a deployment needs besides its id. */
type FollowBase = Omit<Parameters<typeof followRollingDeployment>[0], 'deploymentId'>;

/**
 * An ECS rolling deployment: UpdateService (sent at most once in effect), followed by its id to
 * its end, rolled back (unless ECS's circuit breaker already did) when it fails, times out or
 * fails its analysis or its bake. A deployment someone else replaced is never rolled back, and a
 * rollback counts only once it is seen to complete.
 */
export async function executeRolling(
  plan: DeployPlan,
  inputs: DeployInputs,
  deps: RollingDeps,
  context: Context,
): Promise<DeployOutcome> {
  // on-in-flight: fail refused in the plan; stop is refused for rolling services there too.
  if (plan.inFlight !== undefined && inputs.onInFlight === 'wait')
    plan.previousTaskDefinition = await waitForInFlight(plan, deps.ecs, context, inputs.timeoutMs);
  const state = saveStart(plan, inputs.strategy, context);
  if (plan.recreate !== undefined) state.save('recreateRestore', JSON.stringify(plan.recreate));
  const deploymentId = await startRolling(plan, inputs, deps.ecs, context);
  state.save('deploymentId', deploymentId);
  if (inputs.waitUntil === 'submitted') return submitted(deploymentId);
  if (plan.recreate === undefined)
    return await followRolling(plan, inputs, deps, context, deploymentId);
  // recreate: the service's own minimum and maximum come back whatever happened.
  const downtime = new Downtime(context, deploymentId);
  try {
    const outcome = await followRolling(plan, inputs, deps, context, deploymentId, downtime);
    return { ...outcome, downtimeMs: downtime.ms() };
  } finally {
    await restoreRecreate(plan.cluster, plan.service, plan.recreate, deps.ecs, context);
  }
}

/** How long no task of the service ran, between reads (recreate stops every old task first). */
class Downtime {
  private from: number | undefined;
  private to: number | undefined;

  constructor(
    private readonly context: Context,
    private readonly deploymentId: string,
  ) {}

  see(service: Service): void {
    if (this.to !== undefined) return;
    const running = (service.deployments ?? []).reduce((n, d) => n + (d.runningCount ?? 0), 0);
    const ours = service.deployments?.find((d) => d.id === this.deploymentId)?.runningCount ?? 0;
    if (running === 0 && this.from === undefined) this.from = this.context.clock.now();
    if (ours > 0 && this.from !== undefined) {
      this.to = this.context.clock.now();
      this.context.logger.warning(
        `Recreate: no task of the service ran for about ${formatDuration(this.to - this.from)} (between reads), until the first new task started.`,
      );
    }
  }

  ms(): number | undefined {
    return this.from === undefined ? undefined : (this.to ?? this.context.clock.now()) - this.from;
  }
}

/** Puts the service's own minimumHealthyPercent and maximumPercent back, and says what ECS did. */
export async function restoreRecreate(
  cluster: string,
  service: string,
  config: DeploymentConfiguration,
  ecs: Ecs,
  context: Pick<Context, 'logger'>,
): Promise<void> {
  const updated = await ecs.send(
    new UpdateServiceCommand({ cluster, service, deploymentConfiguration: config }),
  );
  const primary = updated.service?.deployments?.find((d) => d.status === 'PRIMARY');
  const started =
    primary?.rolloutState === 'IN_PROGRESS' && (updated.service?.deployments?.length ?? 0) > 1;
  context.logger.info(
    `Recreate: restored the service's minimumHealthyPercent ${config.minimumHealthyPercent ?? 100} and maximumPercent ${config.maximumPercent ?? 200}; ${started ? `ECS counts it as deployment ${primary.id ?? '?'}` : 'ECS starts no deployment for a deploymentConfiguration change alone'}.`,
  );
}

/** Follows our rolling deployment, bakes it, and rolls it back on failure. */
async function followRolling(
  plan: DeployPlan,
  inputs: DeployInputs,
  deps: RollingDeps,
  context: Context,
  deploymentId: string,
  downtime?: Downtime,
): Promise<DeployOutcome> {
  const loadBalancer = await targetGroupTiming(
    deps.elbv2,
    plan.targetGroupArns ?? [],
    context.logger,
  );
  const follow: FollowBase = {
    loadBalancer,
    // No load balancer and no container health check: ECS's 40 s before new tasks count.
    countedHealthyAfterMs:
      (plan.targetGroupArns ?? []).length === 0 && plan.healthChecked === false
        ? NO_HEALTH_CHECK_GRACE_MS
        : undefined,
    ...(downtime === undefined
      ? {}
      : {
          onService: (s: Service) => {
            downtime.see(s);
          },
        }),
    ecs: deps.ecs,
    cluster: plan.cluster,
    service: plan.service,
    timeoutMs: inputs.timeoutMs,
    clock: context.clock,
    sleep: context.sleep,
    logger: context.logger,
    signal: context.signal,
    stoppedTasks: deps.stoppedTasks,
  };
  const outcome = await followOurs(plan, deps, context, follow, deploymentId);
  const base = { deploymentId, timeline: [], note: undefined, polls: outcome.polls };
  // ECS said COMPLETED: the new version must now stay up for the bake before the step says so.
  const baked =
    outcome.status === 'COMPLETED' && inputs.bakeMs > 0
      ? await bakeRolling(plan, inputs, deps, context, deploymentId)
      : undefined;
  const bakeVerdict = baked?.verdict;
  if (outcome.status === 'REPLACED' || bakeVerdict?.kind === 'replaced') {
    const reason = bakeVerdict?.kind === 'replaced' ? bakeVerdict.reason : outcome.reason;
    context.logger.warning(reason);
    return {
      ...base,
      bake: baked?.result,
      ...notRolledBack('REPLACED', reason),
      reported: 'replaced',
    };
  }
  if (outcome.status === 'ROLLBACK_FAILED')
    return {
      ...base,
      bake: undefined,
      ...notRolledBack(
        'ROLLBACK_FAILED',
        `${outcome.reason} Serving now: ${outcome.servingTaskDefinition ?? 'unknown'}.`,
      ),
      reported: 'FAILED, rollback FAILED',
    };
  const failure =
    outcome.status !== 'COMPLETED'
      ? outcome.reason
      : bakeVerdict?.kind === 'failed'
        ? `The new version failed its bake after ${formatDuration(baked?.result.ranMs ?? 0)}: ${bakeVerdict.reason}`
        : undefined;
  if (failure === undefined)
    return {
      ...base,
      bake: baked?.result,
      ...notRolledBack('SUCCEEDED', outcome.reason),
      reported: outcome.status,
    };
  const failed: FailedBase = {
    ...base,
    bake: baked?.result,
    reason: failure,
    reported: outcome.status === 'COMPLETED' ? 'COMPLETED, failed its bake' : outcome.status,
  };
  if (outcome.rolledBackByEcs) {
    await recordRollback(plan, deps.ecs, context, outcome.servingTaskDefinition);
    return {
      ...failed,
      status: 'FAILED',
      rolledBack: true,
      rolledBackTo: `${outcome.servingTaskDefinition ?? 'its last completed deployment'} by ECS's circuit breaker (deployment ${outcome.servingDeploymentId ?? '?'} completed)`,
    };
  }
  const previous = plan.previousTaskDefinition;
  if (inputs.onFailure !== 'rollback' || previous === undefined)
    return { ...failed, ...notRolledBack('FAILED', failure) };
  return await rollBackOurs(plan, deps.ecs, context, follow, failed, previous);
}

type FailedBase = Omit<DeployOutcome, 'status' | 'rolledBack' | 'rolledBackTo'>;

function notRolledBack(
  status: DeployOutcome['status'],
  reason: string,
): Pick<DeployOutcome, 'status' | 'reason' | 'rolledBack' | 'rolledBackTo'> {
  return { status, reason, rolledBack: false, rolledBackTo: undefined };
}

/** Records the change, sends UpdateService once in effect, and says which deployment it started. */
async function startRolling(
  plan: DeployPlan,
  inputs: DeployInputs,
  ecs: Ecs,
  context: Context,
): Promise<string> {
  const updated = await startUpdate(
    plan,
    inputs,
    ecs,
    context,
    plan.recreate === undefined
      ? undefined
      : { ...plan.recreate, minimumHealthyPercent: 0, maximumPercent: 100 },
  );
  if (plan.recreate !== undefined)
    context.logger.warning(
      `Recreate: every task of ${plan.cluster}/${plan.service} stops before the new ones start (minimumHealthyPercent 0, maximumPercent 100 for this deployment): the service serves nothing until a new task runs. For dev stacks; use rolling or a blue/green strategy where that matters.`,
    );
  const deploymentId = updated.deployments?.find((d) => d.status === 'PRIMARY')?.id ?? '';
  context.outputs.set('deployment-id', deploymentId);
  context.logger.info(
    `Started deployment ${deploymentId} of ${plan.cluster}/${plan.service} (${plan.taskDefinition ?? 'new tasks of the same task definition'}).`,
  );
  return deploymentId;
}

/** Follows our deployment to its end; a timeout or a failed analysis is a failed deployment. */
async function followOurs(
  plan: DeployPlan,
  deps: RollingDeps,
  context: Context,
  follow: FollowBase,
  deploymentId: string,
): Promise<RollingOutcome> {
  const started = context.clock.now();
  return await context.logger.group(`Following deployment ${deploymentId}`, async () => {
    try {
      return await followRollingDeployment({
        ...follow,
        deploymentId,
        rollbackTarget: plan.previousTaskDefinition,
        analysis: deps.analysis,
      });
    } catch (error) {
      // A deployment that outlives the timeout, or fails its analysis, is a failed one: it is
      // rolled back like any other.
      if (!(error instanceof TimeoutError) && !(error instanceof AnalysisFailure)) throw error;
      return {
        status: 'FAILED' as const,
        reason: error.message,
        rolledBackByEcs: false,
        servingDeploymentId: undefined,
        servingTaskDefinition: undefined,
        polls: 0,
        elapsedMs: context.clock.now() - started,
      } satisfies RollingOutcome;
    }
  });
}

/** Our own rollback to the previous task definition, counted only once it is seen to complete. */
async function rollBackOurs(
  plan: DeployPlan,
  ecs: Ecs,
  context: Context,
  follow: FollowBase,
  failed: FailedBase,
  previous: string,
): Promise<DeployOutcome> {
  const failure = failed.reason;
  const rollbackStartedAt = context.clock.now();
  let result: RollbackResult;
  try {
    result = await context.logger.group(`Rolling back to ${previous}`, () =>
      rollBackService({ ...follow, taskDefinition: previous, wait: true }),
    );
  } catch (error) {
    // A rollback that never completes is a failed one: say so, and what serves now.
    if (!(error instanceof TimeoutError)) throw error;
    const now = await describeService(ecs, plan.cluster, plan.service);
    return {
      ...failed,
      rollbackStartedAt,
      ...notRolledBack(
        'ROLLBACK_FAILED',
        `${failure} Rolling back to ${previous} did not complete either: ${error.message} Serving now: ${servingNow(now)}.`,
      ),
    };
  }
  if (result.kind === 'started')
    // UpdateService answered without a deployment to follow: started, but not seen done.
    return {
      ...failed,
      rollbackStartedAt,
      ...notRolledBack(
        'FAILED',
        `${failure} A rollback to ${previous} was started, but ECS named no deployment to follow: check the service.`,
      ),
    };
  const back = result.kind === 'followed' ? result.outcome : undefined;
  if (back?.status === 'REPLACED')
    return {
      ...failed,
      rollbackStartedAt,
      ...notRolledBack('REPLACED', `${failure} Its rollback was then replaced: ${back.reason}`),
    };
  if (back !== undefined && back.status !== 'COMPLETED')
    return {
      ...failed,
      rollbackStartedAt,
      ...notRolledBack(
        'ROLLBACK_FAILED',
        `${failure} Rolling back to ${previous} failed too (${back.status}): ${back.reason} Serving now: ${back.servingTaskDefinition ?? 'unknown'}.`,
      ),
    };
  await recordRollback(plan, ecs, context, previous);
  return {
    ...failed,
    rollbackStartedAt,
    status: 'FAILED',
    rolledBack: true,
    rolledBackTo: `${previous}${back === undefined ? ' (it was already serving)' : ` (deployment ${result.kind === 'followed' ? result.deploymentId : '?'} completed)`}`,
  };
}

/** What a service's tasks run, by task definition, in words (deployments that have tasks). */
function servingNow(service: Service): string {
  const running = (service.deployments ?? []).filter((d) => (d.runningCount ?? 0) > 0);
  return running.length === 0
    ? 'no running task'
    : running.map((d) => `${d.taskDefinition ?? '?'} (${d.runningCount ?? 0} running)`).join(', ');
}

async function recordRollback(
  plan: DeployPlan,
  ecs: Ecs,
  context: Context,
  to: string | undefined,
): Promise<void> {
  if (plan.taskDefinition === undefined) return;
  await recordChange(
    ecs,
    plan.serviceArn,
    { kind: 'rollback', from: plan.taskDefinition, to: to ?? plan.previousTaskDefinition ?? '' },
    context.logger,
  );
}

/** The bake after ECS said COMPLETED: the new version watched for bake-time. */
async function bakeRolling(
  plan: DeployPlan,
  inputs: DeployInputs,
  deps: RollingDeps,
  context: Context,
  deploymentId: string,
): Promise<{ result: BakeResult; verdict: BakeOutcome['verdict'] }> {
  // Tasks that stopped during the rollout were reported there; the bake judges only later ones.
  await deps.stoppedTasks.report(deploymentId);
  const watched = await context.logger.group(
    `Bake: ${plan.taskDefinition ?? deploymentId} for ${formatDuration(inputs.bakeMs)}`,
    () =>
      bake({
        durationMs: inputs.bakeMs,
        look: rollingBakeLook({
          ecs: deps.ecs,
          cluster: plan.cluster,
          service: plan.service,
          deploymentId,
          stoppedTasks: deps.stoppedTasks,
        }),
        analysis: deps.analysis.active ? deps.analysis : undefined,
        clock: context.clock,
        sleep: context.sleep,
        logger: context.logger,
        signal: context.signal,
        what: `deployment ${deploymentId}`,
      }),
  );
  return {
    verdict: watched.verdict,
    result: {
      plannedMs: inputs.bakeMs,
      ranMs: watched.ranMs,
      failure: watched.verdict.kind === 'held' ? undefined : watched.verdict.reason,
      during: 'after-completed',
      startedAt: context.clock.now() - watched.ranMs,
    },
  };
}

/**
 * The post step: when the main step did not finish (the job was cancelled or timed out) while
 * our deployment was in flight, start rolling back to the previous task definition at once;
 * unless a newer deployment someone else started has replaced ours, which is theirs to keep.
 */
export async function postRolling(ecs: Ecs, context: Context): Promise<void> {
  const state = new TypedState<DeployState>(context.state);
  if (state.get('finished') !== false) return;
  const restore = state.get('recreateRestore');
  try {
    await rollBackUnfinished(ecs, context, state);
  } finally {
    // recreate: the service's own minimum and maximum come back, rolled back or not.
    if (restore !== undefined && restore !== '')
      await restoreRecreate(
        state.get('cluster') ?? '',
        state.get('service') ?? '',
        JSON.parse(restore) as DeploymentConfiguration,
        ecs,
        context,
      );
  }
}

async function rollBackUnfinished(
  ecs: Ecs,
  context: Context,
  state: TypedState<DeployState>,
): Promise<void> {
  const cluster = state.get('cluster') ?? '';
  const service = state.get('service') ?? '';
  const previous = state.get('previousTaskDefinition') ?? '';
  const saved = state.get('deploymentId') ?? '';
  if (previous === '') return;
  const current = await describeService(ecs, cluster, service);
  const primary = current.deployments?.find((d) => d.status === 'PRIMARY');
  // Cancelled before UpdateService answered: the newest deployment is ours only if it is of
  // the task definition this step deployed and still in progress.
  const ours =
    saved !== ''
      ? saved
      : primary?.rolloutState === 'IN_PROGRESS' &&
          primary.taskDefinition === state.get('taskDefinition')
        ? (primary.id ?? '')
        : '';
  if (ours === '') {
    context.logger.info(
      `The deploy step was cancelled before its deployment started: ${cluster}/${service} is left as it is (${primary?.id ?? 'no deployment'}, ${primary?.taskDefinition ?? '?'}).`,
    );
    return;
  }
  if (primary !== undefined && primary.id !== ours) {
    const reason = replacedReason(ours, primary);
    context.logger.warning(`The deploy step did not finish, but nothing is rolled back: ${reason}`);
    context.summary
      .heading(`Deployment ${cluster}/${service} cancelled`)
      .paragraph(`Not rolled back: ${reason}`);
    return;
  }
  context.logger.warning(
    `The deploy step did not finish (cancelled or timed out) with deployment ${ours} in flight: rolling back to ${previous}.`,
  );
  await rollBackService({
    ecs,
    cluster,
    service,
    taskDefinition: previous,
    wait: false,
    timeoutMs: 60_000,
    clock: context.clock,
    sleep: context.sleep,
    logger: context.logger,
  });
  context.summary
    .heading(`Deployment ${cluster}/${service} cancelled`)
    .paragraph(`Rollback to ${previous} started by the post step.`);
}
