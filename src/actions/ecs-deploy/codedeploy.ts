import {
  type CodeDeployClient,
  ContinueDeploymentCommand,
  CreateDeploymentConfigCommand,
  type DeploymentConfigInfo,
  GetDeploymentCommand,
  GetDeploymentConfigCommand,
  StopDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import {
  type ECSClient,
  type Service,
  type TaskDefinition,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describeService } from '../../core/deploy/service.js';
import {
  BAKE_REDEPLOY_CONFIG,
  deploymentConfigFor,
  trafficRoutingConfig,
} from '../../core/deploy/codedeploy-config.js';
import { recordChange } from '../../core/rollback/history.js';
import { TimeoutError } from '../../core/action/errors.js';

import { TypedState } from '../../core/action/state.js';
import { awsErrorCode } from '../../core/action/errors.js';
import { bake } from '../../core/deploy/bake.js';
import {
  ACTIVE,
  type CodeDeployOutcome,
  appSpecWithTaskDefinition,
  codeDeployBakeLook,
  createDeploymentOnce,
  ecsAppSpec,
  ecsTargetId,
  followCodeDeployDeployment,
  observeDeploymentGroup,
  routingOf,
} from '../../core/deploy/codedeploy.js';
import { targetGroupsHealthyMs } from '../../core/deploy/lb-timing.js';
import { runningTaskStarts } from '../../core/deploy/task-starts.js';
import type { StoppedTasks } from '../../core/deploy/stopped-tasks.js';
import { type Analysis, AnalysisFailure } from '../../core/deploy/analysis.js';
import {
  type BakeResult,
  type DeployOutcome,
  type DeployState,
  saveStart,
  submitted,
} from './state.js';
import { type DeployInputs } from './inputs.js';
import {
  type CodeDeployPlan,
  type DeployPlan,
  bakeOutlastsTerminationWait,
  planCodeDeploy,
} from './plan.js';
import { formatDuration } from '../../core/util/time.js';
import type { Context } from './contract.js';

type CodeDeploy = Pick<CodeDeployClient, 'send'>;

/** The deployment config, or undefined when it does not exist (yet: a custom one is created). */
async function readConfig(
  codedeploy: CodeDeploy,
  name: string,
): Promise<DeploymentConfigInfo | undefined> {
  try {
    return (
      (await codedeploy.send(new GetDeploymentConfigCommand({ deploymentConfigName: name })))
        .deploymentConfigInfo ?? {}
    );
  } catch (error) {
    if (awsErrorCode(error) === 'DeploymentConfigDoesNotExistException') return undefined;
    throw error;
  }
}

export async function observeCodeDeploy(
  inputs: DeployInputs,
  service: Service,
  taskDefinition: TaskDefinition | undefined,
  codedeploy: CodeDeploy,
  clusterCapacityProviders?: string[],
): Promise<DeployPlan> {
  const account = service.serviceArn?.split(':')[4] ?? '*';
  const group = await observeDeploymentGroup(
    codedeploy,
    inputs.application,
    inputs.deploymentGroup,
  );
  const { name } = deploymentConfigFor(inputs);
  const config = await readConfig(codedeploy, name);
  return planCodeDeploy(
    inputs,
    service,
    taskDefinition,
    {
      groupExists: group.exists,
      configExists: config !== undefined,
      inFlight: group.inFlight,
      terminationWaitMs: group.terminationWaitMs,
      targetGroupNames: group.targetGroupNames,
      routing: config === undefined ? undefined : routingOf(config.trafficRoutingConfig),
      account,
      clusterCapacityProviders,
    },
    inputs.appSpec === undefined || taskDefinition?.taskDefinitionArn === undefined
      ? undefined
      : {
          ...appSpecWithTaskDefinition(inputs.appSpec.document, taskDefinition.taskDefinitionArn),
          containerName: inputs.appSpec.containerName,
          containerPort: inputs.appSpec.containerPort,
        },
  );
}

export interface CodeDeployDeps {
  codedeploy: CodeDeploy;
  ecs: Pick<ECSClient, 'send'>;
  /** Reads the target groups' health checks (the follower's timing); without it, none is read. */
  elbv2?: Pick<ElasticLoadBalancingV2Client, 'send'>;
  stoppedTasks: StoppedTasks;
  analysis: Analysis;
}

/**
 * A CodeDeploy rollback counts only once it is seen done: the rollback deployment Succeeded and
 * the service's production (PRIMARY) task set runs the previous task definition again.
 */
async function verifyRollback(
  plan: DeployPlan,
  deps: Pick<CodeDeployDeps, 'ecs'>,
  rollback: CodeDeployOutcome,
): Promise<{ verified: boolean; serving: string }> {
  const service = await describeService(deps.ecs, plan.cluster, plan.service);
  const serving =
    service.taskSets?.find((t) => t.status === 'PRIMARY')?.taskDefinition ??
    service.taskDefinition ??
    'unknown';
  const verified =
    rollback.status === 'Succeeded' &&
    (plan.previousTaskDefinition === undefined || serving === plan.previousTaskDefinition);
  return { verified, serving };
}

/** The outcome of a failed deployment whose rollback did not bring the previous version back. */
function rollbackFailed(
  base: Pick<DeployOutcome, 'deploymentId' | 'polls' | 'bake' | 'rollbackStartedAt'>,
  reason: string,
  rollbackId: string,
  rollback: CodeDeployOutcome,
  serving: string,
  timeline: DeployOutcome['timeline'],
): DeployOutcome {
  return {
    ...base,
    status: 'ROLLBACK_FAILED',
    reason: `${reason} CodeDeploy's rollback ${rollbackId} ended ${rollback.status}${rollback.reason === '' ? '' : `: ${rollback.reason}`}. Production traffic is on ${serving}.`,
    rolledBack: false,
    rolledBackTo: undefined,
    reported: `rollback ${rollback.status}`,
    timeline,
    note: undefined,
  };
}

type Until = 'ready' | 'shifted' | 'complete';
type OutcomeBase = Pick<DeployOutcome, 'deploymentId' | 'polls' | 'bake'>;

/** One CodeDeploy deployment step: what each part of it works with. */
interface CodeDeployRun {
  plan: DeployPlan;
  cd: CodeDeployPlan;
  inputs: DeployInputs;
  deps: CodeDeployDeps;
  context: Context;
  /**
   * Follows a deployment; only our own deployment is analysed, never a rollback or an earlier
   * one, and only ours is timed by the planned config.
   */
  follow: (
    deploymentId: string,
    until: Until,
    analyse?: boolean,
    fresh?: boolean,
  ) => Promise<CodeDeployOutcome>;
  /** How long the new tasks take to pass the target groups' health checks (read once). */
  greenHealthyMs: () => Promise<number | undefined>;
  /** Records on the service what changed, for ecs-rollback in a later run. */
  record: (kind: 'deploy' | 'rollback') => Promise<void>;
}

function codeDeployRun(
  plan: DeployPlan,
  inputs: DeployInputs,
  deps: CodeDeployDeps,
  context: Context,
): CodeDeployRun {
  const cd = plan.codedeploy;
  if (cd === undefined) throw new Error('a CodeDeploy plan is needed');
  // The new tasks' health checks, read once, time every deployment this step follows.
  let healthy: Promise<number | undefined> | undefined;
  const greenHealthyMs = () =>
    (healthy ??=
      deps.elbv2 === undefined
        ? Promise.resolve(undefined)
        : targetGroupsHealthyMs(deps.elbv2, cd.targetGroupNames ?? [], context.logger));
  return {
    plan,
    cd,
    inputs,
    deps,
    context,
    greenHealthyMs,
    follow: async (deploymentId, until, analyse = false, fresh = false) =>
      context.logger.group(`Following CodeDeploy deployment ${deploymentId}`, async () =>
        followCodeDeployDeployment({
          ...(analyse ? { analysis: deps.analysis, routing: cd.routing } : {}),
          targetId: ecsTargetId(plan.cluster, plan.service),
          greenHealthyMs: await greenHealthyMs(),
          taskStarts: (taskSetId) => runningTaskStarts(deps.ecs, plan.cluster, taskSetId),
          fresh,
          codedeploy: deps.codedeploy,
          deploymentId,
          until,
          timeoutMs: inputs.timeoutMs,
          clock: context.clock,
          sleep: context.sleep,
          logger: context.logger,
          signal: context.signal,
          stoppedTasks: deps.stoppedTasks,
        }),
      ),
    record: async (kind) => {
      const previous = plan.previousTaskDefinition ?? '';
      if (plan.taskDefinition === undefined || previous === '') return;
      await recordChange(
        deps.ecs,
        plan.serviceArn,
        kind === 'deploy'
          ? { kind, from: previous, to: plan.taskDefinition }
          : { kind, from: plan.taskDefinition, to: previous },
        context.logger,
      );
    },
  };
}

/**
 * A CodeDeploy blue/green, canary or linear deployment: created at most once in effect (or an
 * approval step continued), followed to Ready or to its end, stopped with rollback when it times
 * out or fails its analysis, CodeDeploy's own rollback followed.
 */
export async function executeCodeDeploy(
  plan: DeployPlan,
  inputs: DeployInputs,
  deps: CodeDeployDeps,
  context: Context,
): Promise<DeployOutcome> {
  const run = codeDeployRun(plan, inputs, deps, context);
  const state = saveStart(plan, inputs.strategy, context);
  const continuing = inputs.continueDeploymentId !== undefined;
  const until = inputs.waitUntil === 'ready' && !continuing ? 'ready' : 'complete';
  const returnsSubmitted = inputs.waitUntil === 'submitted' && !continuing;
  const baking = until === 'complete' && !returnsSubmitted && inputs.bakeMs > 0;
  if (baking) warnShortTerminationWait(run);
  const deploymentId =
    inputs.continueDeploymentId === undefined
      ? await startDeployment(run, state)
      : await continueDeployment(run, state, inputs.continueDeploymentId);
  context.outputs.set('deployment-id', deploymentId);
  context.outputs.set('task-definition-arn', plan.taskDefinition ?? '');
  const base: OutcomeBase = { deploymentId, polls: undefined, bake: undefined };
  if (returnsSubmitted) return submitted(deploymentId);
  let outcome: CodeDeployOutcome;
  try {
    // With a bake, following stops once all traffic is shifted: the bake watches from there.
    outcome = await run.follow(deploymentId, baking ? 'shifted' : until, true, !continuing);
  } catch (error) {
    if (!(error instanceof TimeoutError) && !(error instanceof AnalysisFailure)) throw error;
    return await stopWithRollback(run, base, error);
  }
  if (baking && (outcome.status === 'InProgress' || outcome.status === 'Succeeded')) {
    const baked = await bakeThenFollow(run, base, outcome);
    if ('status' in baked) return baked;
    outcome = baked.outcome;
  }
  return await ended(run, base, outcome);
}

function warnShortTerminationWait({ plan, cd, inputs, context }: CodeDeployRun): void {
  if (!bakeOutlastsTerminationWait(inputs.bakeMs, cd.terminationWaitMs)) return;
  context.logger.warning(
    `Deployment group ${cd.deploymentGroup} keeps the old version ${formatDuration(cd.terminationWaitMs ?? 0)} after the traffic shift, less than bake-time ${formatDuration(inputs.bakeMs)}: a failure later in the bake is rolled back by deploying ${plan.previousTaskDefinition ?? 'the previous revision'} again, which is slower than moving the traffic back. Set the group's termination wait to at least the bake time to keep the old version ready.`,
  );
}

/** The approval step: the ready step's deployment moves its production traffic now. */
async function continueDeployment(
  { deps, context }: CodeDeployRun,
  state: TypedState<DeployState>,
  deploymentId: string,
): Promise<string> {
  state.save('deploymentId', deploymentId);
  await deps.codedeploy.send(
    new ContinueDeploymentCommand({ deploymentId, deploymentWaitType: 'READY_WAIT' }),
  );
  context.logger.info(
    `Continued deployment ${deploymentId}: traffic now moves to the new version.`,
  );
  return deploymentId;
}

/** Settles an earlier deployment, prepares the config and the service, then creates ours once. */
async function startDeployment(
  run: CodeDeployRun,
  state: TypedState<DeployState>,
): Promise<string> {
  const { plan, cd, deps, context } = run;
  await settleInFlight(run);
  await ensureDeploymentConfig(run);
  // The settings UpdateService may change on a CODE_DEPLOY service go first; the network and
  // capacity providers travel in the AppSpec.
  const updated = Object.keys(plan.settings.update);
  if (updated.length > 0) {
    await deps.ecs.send(
      new UpdateServiceCommand({
        cluster: plan.cluster,
        service: plan.service,
        ...plan.settings.update,
      }),
    );
    context.logger.info(`Updated ${plan.cluster}/${plan.service}: ${updated.join(', ')}.`);
  }
  await run.record('deploy');
  // Read before the write: the health checks time the reads of the deployment from its start.
  await run.greenHealthyMs();
  const deploymentId = await createDeploymentOnce(
    deps.codedeploy,
    {
      applicationName: cd.application,
      deploymentGroupName: cd.deploymentGroup,
      deploymentConfigName: cd.deploymentConfig,
      description: `ecs-delivery: ${plan.taskDefinition ?? ''}`,
      revision: { revisionType: 'AppSpecContent', appSpecContent: cd.appSpec },
    },
    context,
  );
  state.save('deploymentId', deploymentId);
  context.logger.info(
    `Started CodeDeploy deployment ${deploymentId} (${cd.deploymentConfig}) of ${plan.taskDefinition ?? ''}.`,
  );
  return deploymentId;
}

/** on-in-flight wait or stop: the earlier deployment (and its rollback) ends first. */
async function settleInFlight({ cd, inputs, deps, context, follow }: CodeDeployRun): Promise<void> {
  if (cd.inFlight === undefined) return;
  // on-in-flight: fail was refused in the plan, before any write.
  if (inputs.onInFlight === 'stop') {
    context.logger.warning(`Stopping deployment ${cd.inFlight} (with rollback) before this one.`);
    await deps.codedeploy.send(
      new StopDeploymentCommand({ deploymentId: cd.inFlight, autoRollbackEnabled: true }),
    );
  }
  const earlier = await follow(cd.inFlight, 'complete');
  if (earlier.rollbackDeploymentId !== undefined)
    await follow(earlier.rollbackDeploymentId, 'complete');
}

/** Creates the custom canary or linear config the plan names, unless it exists already. */
async function ensureDeploymentConfig({ cd, deps, context }: CodeDeployRun): Promise<void> {
  if (cd.createConfig === undefined) return;
  try {
    await deps.codedeploy.send(
      new CreateDeploymentConfigCommand({
        deploymentConfigName: cd.deploymentConfig,
        computePlatform: 'ECS',
        trafficRoutingConfig: trafficRoutingConfig(cd.createConfig),
      }),
    );
    context.logger.info(`Created deployment config ${cd.deploymentConfig}.`);
  } catch (error) {
    if (awsErrorCode(error) !== 'DeploymentConfigAlreadyExistsException') throw error;
  }
}

/** A timeout or a failed analysis while traffic moves: stopped, with rollback when asked for. */
async function stopWithRollback(
  run: CodeDeployRun,
  base: OutcomeBase,
  error: TimeoutError | AnalysisFailure,
): Promise<DeployOutcome> {
  const { plan, inputs, deps, context, follow } = run;
  const deploymentId = base.deploymentId;
  if (error instanceof AnalysisFailure)
    context.logger.warning(
      'CodeDeploy shifts traffic on its own timer: the analysis cannot hold a step back, only stop the deployment.',
    );
  let rolledBack = false;
  const rollbackStartedAt = inputs.onFailure === 'rollback' ? context.clock.now() : undefined;
  if (inputs.onFailure === 'rollback') {
    context.logger.warning(`Stopping deployment ${deploymentId} with rollback: ${error.message}`);
    await deps.codedeploy.send(
      new StopDeploymentCommand({ deploymentId, autoRollbackEnabled: true }),
    );
    const stopped = await follow(deploymentId, 'complete');
    // Stopped with rollback: traffic goes back to the original task set; a rollback deployment
    // may carry it (CodeDeploy names one) or the stop itself does.
    const back =
      stopped.rollbackDeploymentId === undefined
        ? stopped
        : await follow(stopped.rollbackDeploymentId, 'complete');
    const check = await verifyRollback(plan, deps, {
      ...back,
      status: back === stopped ? 'Succeeded' : back.status,
    });
    if (!check.verified)
      return rollbackFailed(
        { ...base, ...(rollbackStartedAt === undefined ? {} : { rollbackStartedAt }) },
        error.message,
        stopped.rollbackDeploymentId ?? deploymentId,
        back,
        check.serving,
        [],
      );
    rolledBack = true;
    await run.record('rollback');
  }
  return {
    ...base,
    ...(rollbackStartedAt === undefined ? {} : { rollbackStartedAt }),
    status: 'STOPPED',
    reason: error.message,
    rolledBack,
    rolledBackTo: rolledBack ? (plan.previousTaskDefinition ?? 'the original task set') : undefined,
    reported: `Stopped ${rolledBack ? 'and rolled back' : 'without rollback'}`,
    timeline: [],
    note: undefined,
  };
}

/**
 * The bake once traffic is all shifted. A failure or a newer deployment ends the step here (the
 * outcome); a held bake follows the rest of the termination wait and hands on what it saw.
 */
async function bakeThenFollow(
  run: CodeDeployRun,
  base: OutcomeBase,
  shifted: CodeDeployOutcome,
): Promise<DeployOutcome | { outcome: CodeDeployOutcome }> {
  const baked = await bakeCodeDeploy(run, base.deploymentId, shifted);
  base.bake = baked.result;
  if (baked.replaced !== undefined) {
    run.context.logger.warning(baked.replaced);
    return {
      ...base,
      status: 'REPLACED',
      reason: baked.replaced,
      rolledBack: false,
      rolledBackTo: undefined,
      reported: 'replaced',
      timeline: shifted.timeline,
      note: undefined,
    };
  }
  if (baked.failure !== undefined)
    return {
      ...base,
      ...(baked.rolledBack || baked.rollbackFailed === true
        ? { rollbackStartedAt: baked.result.startedAt + baked.result.ranMs }
        : {}),
      status: baked.rollbackFailed === true ? 'ROLLBACK_FAILED' : 'FAILED',
      reason: `The new version failed its bake after ${formatDuration(baked.result.ranMs)}: ${baked.failure}`,
      rolledBack: baked.rolledBack,
      rolledBackTo: baked.rolledBack ? baked.how : undefined,
      reported: 'Failed in the bake',
      timeline: shifted.timeline,
      note: undefined,
    };
  // Held: the rest of the termination wait, if any, is followed to the end as before.
  const rest =
    shifted.status === 'InProgress' ? await run.follow(base.deploymentId, 'complete') : shifted;
  return { outcome: { ...rest, timeline: [...shifted.timeline, ...rest.timeline] } };
}

/** The deployment's end as CodeDeploy reports it, with CodeDeploy's own rollback verified. */
async function ended(
  run: CodeDeployRun,
  base: OutcomeBase,
  outcome: CodeDeployOutcome,
): Promise<DeployOutcome> {
  const { plan, deps } = run;
  let rolledBack = false;
  if (outcome.rollbackDeploymentId !== undefined) {
    const back = await run.follow(outcome.rollbackDeploymentId, 'complete');
    const check = await verifyRollback(plan, deps, back);
    if (!check.verified)
      return rollbackFailed(
        base,
        outcome.reason,
        outcome.rollbackDeploymentId,
        back,
        check.serving,
        outcome.timeline,
      );
    rolledBack = true;
    await run.record('rollback');
  }
  const status =
    outcome.status === 'Succeeded'
      ? 'SUCCEEDED'
      : outcome.status === 'Ready'
        ? 'READY'
        : outcome.status === 'Stopped'
          ? 'STOPPED'
          : 'FAILED';
  return {
    ...base,
    status,
    reason: outcome.reason,
    rolledBack,
    rolledBackTo: rolledBack
      ? `${plan.previousTaskDefinition ?? 'the original task set'} by CodeDeploy's rollback ${outcome.rollbackDeploymentId ?? ''}`
      : undefined,
    reported: outcome.status,
    timeline: outcome.timeline,
    note:
      status === 'READY'
        ? `Ready: test traffic reaches the new version. Continue with \`continue-deployment-id: ${base.deploymentId}\`.`
        : undefined,
  };
}

/** What the bake found, and what was done about it. */
interface Baked {
  result: BakeResult;
  failure: string | undefined;
  rolledBack: boolean;
  /** The rollback was tried and did not bring the previous version back. */
  rollbackFailed?: boolean;
  /** Someone else's newer deployment took over during the bake: nothing is rolled back. */
  replaced?: string;
  how: string;
}

/**
 * The bake of a CodeDeploy deployment whose traffic is all on the new version: during the
 * termination wait a failure stops the deployment with rollback (traffic moves back to the old
 * task set at once); once the old task set is gone, the previous revision is deployed again.
 */
async function bakeCodeDeploy(
  run: CodeDeployRun,
  deploymentId: string,
  shifted: CodeDeployOutcome,
): Promise<Baked> {
  const { plan, cd, inputs, deps, context } = run;
  const watched = await context.logger.group(
    `Bake: ${plan.taskDefinition ?? deploymentId} for ${formatDuration(inputs.bakeMs)}`,
    () =>
      bake({
        durationMs: inputs.bakeMs,
        look: codeDeployBakeLook({
          codedeploy: deps.codedeploy,
          deploymentId,
          stoppedTasks: deps.stoppedTasks,
          group: { application: cd.application, deploymentGroup: cd.deploymentGroup },
        }),
        analysis: deps.analysis.active ? deps.analysis : undefined,
        clock: context.clock,
        sleep: context.sleep,
        logger: context.logger,
        signal: context.signal,
        what: `the new version of ${plan.cluster}/${plan.service}`,
      }),
  );
  const result: BakeResult = {
    plannedMs: inputs.bakeMs,
    ranMs: watched.ranMs,
    failure: watched.verdict.kind === 'held' ? undefined : watched.verdict.reason,
    during: shifted.status === 'InProgress' ? 'termination-wait' : 'after-termination',
    startedAt: context.clock.now() - watched.ranMs,
  };
  const nothingDone = { result, failure: undefined, rolledBack: false, how: '' };
  if (watched.verdict.kind === 'held') return nothingDone;
  if (watched.verdict.kind === 'replaced')
    return { ...nothingDone, replaced: watched.verdict.reason };
  const failure = watched.verdict.reason;
  if (inputs.onFailure !== 'rollback') return { ...nothingDone, failure };
  const status = (await deps.codedeploy.send(new GetDeploymentCommand({ deploymentId })))
    .deploymentInfo?.status;
  if (status === 'InProgress') {
    const back = await moveTrafficBack(run, deploymentId, failure);
    if (back !== undefined) return { result, ...back };
  }
  return { result, ...(await redeployPrevious(run, failure)) };
}

type RollbackEnd = Omit<Baked, 'result'>;

/**
 * During the termination wait: stops the deployment with rollback, so traffic goes back to the
 * old task set, still up. Undefined when the stop found the old version already gone.
 */
async function moveTrafficBack(
  run: CodeDeployRun,
  deploymentId: string,
  failure: string,
): Promise<RollbackEnd | undefined> {
  const { plan, deps, context } = run;
  context.logger.warning(
    `Stopping deployment ${deploymentId} with rollback: traffic goes back to the old version, still up in the termination wait.`,
  );
  try {
    await deps.codedeploy.send(
      new StopDeploymentCommand({ deploymentId, autoRollbackEnabled: true }),
    );
  } catch (error) {
    if (awsErrorCode(error) !== 'DeploymentAlreadyCompletedException') throw error;
  }
  const stopped = await run.follow(deploymentId, 'complete');
  const rollbackId = stopped.rollbackDeploymentId;
  if (rollbackId === undefined) {
    return stopped.status === 'Succeeded' ? undefined : { failure, rolledBack: false, how: '' };
  }
  const back = await run.follow(rollbackId, 'complete');
  const check = await verifyRollback(plan, deps, back);
  if (!check.verified)
    return {
      failure: `${failure} CodeDeploy's rollback ${rollbackId} ended ${back.status}; production traffic is on ${check.serving}.`,
      rolledBack: false,
      rollbackFailed: true,
      how: '',
    };
  await run.record('rollback');
  return {
    failure,
    rolledBack: true,
    how: `${plan.previousTaskDefinition ?? 'the old version'} (traffic moved back to the original task set)`,
  };
}

/** After the termination wait the old task set is gone: the previous revision, deployed again at once. */
async function redeployPrevious(run: CodeDeployRun, failure: string): Promise<RollbackEnd> {
  const { plan, cd, inputs, deps, context } = run;
  const previous = plan.previousTaskDefinition;
  if (previous === undefined) return { failure, rolledBack: false, how: '' };
  context.logger.warning(
    `The old version is gone (the termination wait ended before the bake did): deploying ${previous} again.`,
  );
  const appSpec =
    inputs.appSpec === undefined
      ? ecsAppSpec(previous, cd.containerName, cd.containerPort)
      : appSpecWithTaskDefinition(inputs.appSpec.document, previous);
  const redeployId = await createDeploymentOnce(
    deps.codedeploy,
    {
      applicationName: cd.application,
      deploymentGroupName: cd.deploymentGroup,
      deploymentConfigName: BAKE_REDEPLOY_CONFIG,
      description: `ecs-delivery: roll back a failed bake to ${previous}`,
      revision: { revisionType: 'AppSpecContent', appSpecContent: appSpec },
    },
    context,
  );
  const redeployed = await run.follow(redeployId, 'complete');
  const check = await verifyRollback(plan, deps, redeployed);
  if (!check.verified)
    return {
      failure: `${failure} Deploying ${previous} again (${redeployId}) ended ${redeployed.status}; production traffic is on ${check.serving}.`,
      rolledBack: false,
      rollbackFailed: true,
      how: '',
    };
  await run.record('rollback');
  return { failure, rolledBack: true, how: `${previous} (deployed again with ${redeployId})` };
}

/** Post step: stop an unfinished CodeDeploy deployment with rollback. */
export async function postCodeDeploy(codedeploy: CodeDeploy, context: Context): Promise<void> {
  const state = new TypedState<DeployState>(context.state);
  const deploymentId = state.get('deploymentId');
  if (state.get('finished') !== false || deploymentId === undefined || deploymentId === '') return;
  // Only a deployment still in progress is ours to stop: one that ended may already have been
  // followed by someone else's, which a rollback would undo.
  const status = (await codedeploy.send(new GetDeploymentCommand({ deploymentId }))).deploymentInfo
    ?.status;
  if (status === undefined || !(ACTIVE as readonly string[]).includes(status)) {
    context.logger.info(
      `The deploy step did not finish, but deployment ${deploymentId} had already ended ${status ?? '?'}: nothing to stop.`,
    );
    return;
  }
  context.logger.warning(
    `The deploy step did not finish (cancelled or timed out): stopping deployment ${deploymentId} with rollback.`,
  );
  try {
    await codedeploy.send(new StopDeploymentCommand({ deploymentId, autoRollbackEnabled: true }));
  } catch (error) {
    if (awsErrorCode(error) !== 'DeploymentAlreadyCompletedException') throw error;
  }
}
