import { type CodeDeployClient, StopDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { type ECSClient } from '@aws-sdk/client-ecs';
import { DeploymentFailedError } from '../../core/action/errors.js';

import { awsErrorCode } from '../../core/action/errors.js';
import {
  createDeploymentOnce,
  ecsTargetId,
  followCodeDeployDeployment,
} from '../../core/deploy/codedeploy.js';
import type { StoppedTasks } from '../../core/deploy/stopped-tasks.js';
import { requireCompleted, rollBackService } from '../../core/rollback/ecs-service.js';
import {
  findServiceDeployment,
  followNative,
  stopWithRollback,
} from '../../core/deploy/ecs-native.js';
import { updateServiceOnce } from '../../core/deploy/ecs-rolling.js';
import { recordChange, shortTaskDefinition } from '../../core/rollback/history.js';
import { type RollbackInputs } from './inputs.js';
import { type RollbackPlan } from './plan.js';
import { formatDuration } from '../../core/util/time.js';
import type { Context } from './contract.js';

type Ecs = Pick<ECSClient, 'send'>;
type CodeDeploy = Pick<CodeDeployClient, 'send'>;

/** One rollback step: what each way of rolling back works with. */
interface RollbackRun {
  plan: RollbackPlan;
  inputs: RollbackInputs;
  ecs: Ecs;
  codedeploy: CodeDeploy;
  context: Context;
  stoppedTasks: StoppedTasks | undefined;
  where: string;
  /** Sets the outputs and writes the summary, once. */
  report: (status: string, changed: boolean, deploymentId: string) => void;
  /** Records the rollback on the service (a second run sees it was done), then reports. */
  rolledBack: (status: string, deploymentId: string) => Promise<void>;
  follow: (deploymentId: string) => ReturnType<typeof followCodeDeployDeployment>;
}

export async function execute(
  plan: RollbackPlan,
  inputs: RollbackInputs,
  ecs: Ecs,
  codedeploy: CodeDeploy,
  context: Context,
  stoppedTasks?: StoppedTasks,
): Promise<void> {
  const run = rollbackRun(plan, inputs, ecs, codedeploy, context, stoppedTasks);
  context.outputs.set('from-task-definition-arn', plan.from);
  context.outputs.set('to-task-definition-arn', plan.to);
  if (inputs.reason !== undefined) context.logger.info(`Reason given: ${inputs.reason}`);
  const step = plan.step;
  if (step.kind === 'none') {
    context.logger.info(step.why);
    run.report('UNCHANGED', false, '');
    context.summary.paragraph(step.why);
    return;
  }
  context.logger.info(
    `Rolling ${run.where} back from ${shortTaskDefinition(plan.from)} to ${shortTaskDefinition(plan.to)} (found in ${plan.source}).`,
  );
  if (step.kind === 'update-service' && plan.mode === 'native') await redeployNative(run);
  else if (step.kind === 'update-service') await rollBackRolling(run);
  else if (step.kind === 'stop-native') await stopNative(run, step.arn);
  else if (step.kind === 'stop-codedeploy') await stopCodeDeploy(run, step.deploymentId);
  else await redeployCodeDeploy(run, step.appSpec);
}

function rollbackRun(
  plan: RollbackPlan,
  inputs: RollbackInputs,
  ecs: Ecs,
  codedeploy: CodeDeploy,
  context: Context,
  stoppedTasks: StoppedTasks | undefined,
): RollbackRun {
  const started = context.clock.now();
  const where = `${plan.cluster}/${plan.service}`;
  const report = (status: string, changed: boolean, deploymentId: string) => {
    context.outputs.set('rolled-back', changed);
    context.outputs.set('status', status);
    context.outputs.set('deployment-id', deploymentId);
    context.outputs.set('duration-seconds', Math.round((context.clock.now() - started) / 1000));
    context.summary
      .heading(`Rollback ${where}`)
      .table(
        ['From', 'To', 'Found in', 'Status', 'Deployment', 'Duration'],
        [
          [
            shortTaskDefinition(plan.from),
            shortTaskDefinition(plan.to),
            plan.source,
            status,
            deploymentId || '—',
            formatDuration(context.clock.now() - started),
          ],
        ],
      );
    if (inputs.reason !== undefined) context.summary.paragraph(`**Reason:** ${inputs.reason}`);
  };
  return {
    plan,
    inputs,
    ecs,
    codedeploy,
    context,
    stoppedTasks,
    where,
    report,
    rolledBack: async (status, deploymentId) => {
      await recordChange(
        ecs,
        plan.serviceArn,
        { kind: 'rollback', from: plan.from, to: plan.to },
        context.logger,
      );
      report(status, true, deploymentId);
    },
    follow: (deploymentId) =>
      context.logger.group(`Following CodeDeploy deployment ${deploymentId}`, () =>
        followCodeDeployDeployment({
          codedeploy,
          deploymentId,
          targetId: ecsTargetId(plan.cluster, plan.service),
          until: 'complete',
          ...timing(inputs, context),
          ...(stoppedTasks === undefined ? {} : { stoppedTasks }),
        }),
      ),
  };
}

function timing(inputs: RollbackInputs, context: Context) {
  return {
    timeoutMs: inputs.timeoutMs,
    clock: context.clock,
    sleep: context.sleep,
    logger: context.logger,
    signal: context.signal,
  };
}

/** A rolling service: UpdateService to the previous revision, followed when asked to wait. */
async function rollBackRolling(run: RollbackRun): Promise<void> {
  const { plan, inputs, context, stoppedTasks } = run;
  const result = await context.logger.group(`Rolling back to ${plan.to}`, () =>
    rollBackService({
      ecs: run.ecs,
      cluster: plan.cluster,
      service: plan.service,
      taskDefinition: plan.to,
      wait: inputs.wait,
      ...timing(inputs, context),
      ...(stoppedTasks === undefined ? {} : { stoppedTasks }),
    }),
  );
  requireCompleted(result, {
    cluster: plan.cluster,
    service: plan.service,
    taskDefinition: plan.to,
  });
  await run.rolledBack(
    inputs.wait ? 'COMPLETED' : 'SUBMITTED',
    result.kind === 'unchanged' ? '' : result.deploymentId,
  );
}

/** Follows an ECS-native service deployment to its end; anything but `wanted` fails the step. */
async function followNativeTo(run: RollbackRun, arn: string, wanted: string): Promise<void> {
  const { inputs, context } = run;
  const ended = await context.logger.group(`Following service deployment ${arn}`, () =>
    followNative({ ecs: run.ecs, arn, until: 'complete', ...timing(inputs, context) }),
  );
  if (ended.deployment.status !== wanted) {
    run.report(ended.deployment.status ?? 'UNKNOWN', false, arn);
    throw new DeploymentFailedError(
      `Service deployment ${arn} of ${run.where} ended ${ended.deployment.status ?? '?'}: ${ended.deployment.statusReason ?? ended.deployment.rollback?.reason ?? 'no reason given'}`,
      { deploymentId: arn, rolledBack: false },
    );
  }
}

/** An ECS-native deployment in flight: StopServiceDeployment with rollback, followed to its end. */
async function stopNative(run: RollbackRun, arn: string): Promise<void> {
  const { inputs, context } = run;
  context.logger.warning(
    `Stopping service deployment ${arn} with rollback (StopServiceDeployment): ECS moves the traffic back to ${shortTaskDefinition(run.plan.to)}.`,
  );
  try {
    await stopWithRollback(run.ecs, arn);
  } catch (error) {
    if (awsErrorCode(error) !== 'ConflictException') throw error;
    context.logger.info(`Service deployment ${arn} was already ending.`);
  }
  if (!inputs.wait) {
    run.report('SUBMITTED', true, arn);
    return;
  }
  await followNativeTo(run, arn, 'ROLLBACK_SUCCESSFUL');
  await run.rolledBack('ROLLBACK_SUCCESSFUL', arn);
}

/** An ECS-native service at rest: the previous revision deployed through the service's own strategy. */
async function redeployNative(run: RollbackRun): Promise<void> {
  const { plan, inputs, context } = run;
  const since = Date.now() - 2000;
  const updated = await updateServiceOnce(
    run.ecs,
    { cluster: plan.cluster, service: plan.service, taskDefinition: plan.to },
    context,
  );
  const arn = await findServiceDeployment(run.ecs, {
    cluster: plan.cluster,
    service: plan.service,
    since,
    taskDefinition: plan.to,
    known: [],
    sleep: context.sleep,
    signal: context.signal,
  });
  context.logger.info(
    `Started service deployment ${arn} (${updated.deploymentConfiguration?.strategy ?? '?'}, the service's own strategy) of ${shortTaskDefinition(plan.to)}.`,
  );
  if (!inputs.wait) {
    run.report('SUBMITTED', true, arn);
    return;
  }
  await followNativeTo(run, arn, 'SUCCESSFUL');
  await run.rolledBack('COMPLETED', arn);
}

/** A CodeDeploy deployment still in flight: stopped with rollback, its rollback followed. */
async function stopCodeDeploy(run: RollbackRun, deploymentId: string): Promise<void> {
  const { inputs, context } = run;
  context.logger.warning(`Stopping CodeDeploy deployment ${deploymentId} with rollback.`);
  try {
    await run.codedeploy.send(
      new StopDeploymentCommand({ deploymentId, autoRollbackEnabled: true }),
    );
  } catch (error) {
    if (awsErrorCode(error) !== 'DeploymentAlreadyCompletedException') throw error;
    context.logger.info(`Deployment ${deploymentId} had already ended.`);
  }
  if (!inputs.wait) {
    run.report('SUBMITTED', true, deploymentId);
    return;
  }
  const stopped = await run.follow(deploymentId);
  if (stopped.rollbackDeploymentId !== undefined) {
    const back = await run.follow(stopped.rollbackDeploymentId);
    if (back.status !== 'Succeeded') {
      throw new DeploymentFailedError(
        `CodeDeploy's rollback ${stopped.rollbackDeploymentId} of ${run.where} ended ${back.status}: ${back.reason}`,
        { deploymentId: stopped.rollbackDeploymentId, rolledBack: false },
      );
    }
  }
  await run.rolledBack(stopped.status.toUpperCase(), deploymentId);
}

/** A CodeDeploy service at rest: the previous revision deployed again through CodeDeploy. */
async function redeployCodeDeploy(
  run: RollbackRun,
  appSpec: { content: string; sha256: string },
): Promise<void> {
  const { plan, inputs, context } = run;
  const deploymentId = await createDeploymentOnce(
    run.codedeploy,
    {
      applicationName: plan.application,
      deploymentGroupName: plan.deploymentGroup,
      deploymentConfigName: plan.deploymentConfig,
      description: `ecs-delivery rollback to ${shortTaskDefinition(plan.to)}`,
      revision: { revisionType: 'AppSpecContent', appSpecContent: appSpec },
    },
    context,
  );
  context.logger.info(`Started CodeDeploy deployment ${deploymentId} (${plan.deploymentConfig}).`);
  if (!inputs.wait) {
    run.report('SUBMITTED', true, deploymentId);
    return;
  }
  const outcome = await run.follow(deploymentId);
  if (outcome.status !== 'Succeeded') {
    run.report(outcome.status.toUpperCase(), false, deploymentId);
    throw new DeploymentFailedError(
      `The rollback deployment ${deploymentId} of ${run.where} ended ${outcome.status}: ${outcome.reason}`,
      { deploymentId, rolledBack: false },
    );
  }
  await run.rolledBack('SUCCEEDED', deploymentId);
}
