import type { ECSClient } from '@aws-sdk/client-ecs';
import { TimeoutError } from '../../core/action/errors.js';
import { formatDuration } from '../../core/action/inputs.js';
import type { ActionContext } from '../../core/action/run.js';
import { TypedState } from '../../core/action/state.js';
import { type Analysis, AnalysisFailure } from '../../core/deploy/analysis.js';
import { type BakeOutcome, bake } from '../../core/deploy/bake.js';
import {
  followRollingDeployment,
  rollingBakeLook,
  updateServiceOnce,
} from '../../core/deploy/ecs-rolling.js';
import type { StoppedTasks } from '../../core/deploy/stopped-tasks.js';
import { rollBackService } from '../../core/rollback/ecs-service.js';
import { recordChange } from '../../core/rollback/history.js';
import type { DeployInputs } from './inputs.js';
import type { DeployPlan } from './plan.js';
import {
  type BakeResult,
  type DeployOutcome,
  type DeployState,
  saveStart,
  submitted,
} from './state.js';

type Ecs = Pick<ECSClient, 'send'>;

export interface RollingDeps {
  ecs: Ecs;
  stoppedTasks: StoppedTasks;
  analysis: Analysis;
}

/**
 * An ECS rolling deployment: UpdateService (sent at most once in effect), followed by its id to
 * its end, rolled back (unless ECS's circuit breaker already did) when it fails, times out or
 * fails its analysis.
 */
export async function executeRolling(
  plan: DeployPlan,
  inputs: DeployInputs,
  deps: RollingDeps,
  context: ActionContext,
): Promise<DeployOutcome> {
  const { ecs } = deps;
  const started = context.clock.now();
  if (plan.inFlight !== undefined)
    context.logger.warning(
      `Deployment ${plan.inFlight} is still in progress; ECS replaces it with this one.`,
    );
  const state = saveStart(plan, inputs.strategy, context);
  if (plan.taskDefinition !== undefined && plan.previousTaskDefinition !== undefined)
    await recordChange(
      ecs,
      plan.serviceArn,
      { kind: 'deploy', from: plan.previousTaskDefinition, to: plan.taskDefinition },
      context.logger,
    );

  const updated = await updateServiceOnce(
    ecs,
    {
      cluster: plan.cluster,
      service: plan.service,
      ...(plan.taskDefinition === undefined ? {} : { taskDefinition: plan.taskDefinition }),
      ...(plan.desiredCount === undefined ? {} : { desiredCount: plan.desiredCount }),
      ...(plan.forceNewDeployment ? { forceNewDeployment: true } : {}),
    },
    context,
  );
  const deploymentId = updated.deployments?.find((d) => d.status === 'PRIMARY')?.id ?? '';
  state.save('deploymentId', deploymentId);
  context.outputs.set('deployment-id', deploymentId);
  context.outputs.set(
    'task-definition-arn',
    plan.taskDefinition ?? plan.previousTaskDefinition ?? '',
  );
  context.logger.info(
    `Started deployment ${deploymentId} of ${plan.cluster}/${plan.service} (${plan.taskDefinition ?? 'new tasks of the same task definition'}).`,
  );
  const base = {
    deploymentId,
    timeline: [],
    bake: undefined,
    note: undefined,
  };
  if (inputs.waitUntil === 'submitted') return submitted(deploymentId);

  const follow = {
    ecs,
    cluster: plan.cluster,
    service: plan.service,
    timeoutMs: inputs.timeoutMs,
    clock: context.clock,
    sleep: context.sleep,
    logger: context.logger,
    signal: context.signal,
    stoppedTasks: deps.stoppedTasks,
  };
  const outcome = await context.logger.group(`Following deployment ${deploymentId}`, async () => {
    try {
      return await followRollingDeployment({ ...follow, deploymentId, analysis: deps.analysis });
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
      };
    }
  });
  // ECS says COMPLETED: the new version must now stay up for the bake before the step says so.
  let baked: BakeResult | undefined;
  let bakeVerdict: BakeOutcome['verdict'] | undefined;
  if (outcome.status === 'COMPLETED' && inputs.bakeMs > 0) {
    // Tasks that stopped during the rollout were reported there; the bake judges only later ones.
    await deps.stoppedTasks.report(deploymentId);
    const watched = await context.logger.group(
      `Bake: ${plan.taskDefinition ?? deploymentId} for ${formatDuration(inputs.bakeMs)}`,
      () =>
        bake({
          durationMs: inputs.bakeMs,
          look: rollingBakeLook({
            ecs,
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
    bakeVerdict = watched.verdict;
    baked = {
      plannedMs: inputs.bakeMs,
      ranMs: watched.ranMs,
      failure: watched.verdict.kind === 'held' ? undefined : watched.verdict.reason,
      during: 'after-completed',
    };
  }
  // A deployment someone else replaced is theirs now: nothing is rolled back over it.
  const replaced = outcome.status === 'REPLACED' || bakeVerdict?.kind === 'replaced';
  const failed =
    !replaced &&
    (outcome.status !== 'COMPLETED' ||
      (bakeVerdict !== undefined && bakeVerdict.kind === 'failed'));
  let rolledBack = outcome.rolledBackByEcs;
  if (
    failed &&
    !rolledBack &&
    inputs.onFailure === 'rollback' &&
    plan.previousTaskDefinition !== undefined
  ) {
    await context.logger.group(`Rolling back to ${plan.previousTaskDefinition}`, () =>
      rollBackService({ ...follow, taskDefinition: plan.previousTaskDefinition ?? '', wait: true }),
    );
    rolledBack = true;
  }
  if (rolledBack && plan.taskDefinition !== undefined) {
    await recordChange(
      ecs,
      plan.serviceArn,
      {
        kind: 'rollback',
        from: plan.taskDefinition,
        to: outcome.rolledBackByEcs
          ? (outcome.servingTaskDefinition ?? plan.previousTaskDefinition ?? '')
          : (plan.previousTaskDefinition ?? ''),
      },
      context.logger,
    );
  }
  const rolledBackTo = outcome.rolledBackByEcs
    ? 'its last completed deployment by ECS'
    : (plan.previousTaskDefinition ?? '');
  return {
    ...base,
    bake: baked,
    status: replaced ? 'REPLACED' : failed ? 'FAILED' : 'SUCCEEDED',
    reason:
      bakeVerdict !== undefined && bakeVerdict.kind !== 'held'
        ? `${bakeVerdict.kind === 'failed' ? `The new version failed its bake after ${formatDuration(baked?.ranMs ?? 0)}: ` : ''}${bakeVerdict.reason}`
        : outcome.reason,
    rolledBack,
    rolledBackTo: rolledBack ? rolledBackTo : undefined,
    reported: outcome.status,
    polls: outcome.polls,
  };
}

/**
 * The post step: when the main step did not finish (the job was cancelled or timed out) while a
 * deployment was in flight, start rolling back to the previous task definition at once.
 */
export async function postRolling(ecs: Ecs, context: ActionContext): Promise<void> {
  const state = new TypedState<DeployState>(context.state);
  if (state.get('finished') !== false) return;
  const cluster = state.get('cluster') ?? '';
  const service = state.get('service') ?? '';
  const previous = state.get('previousTaskDefinition') ?? '';
  if (previous === '') return;
  context.logger.warning(
    `The deploy step did not finish (cancelled or timed out) with deployment ${state.get('deploymentId') ?? '?'} in flight: rolling back to ${previous}.`,
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
