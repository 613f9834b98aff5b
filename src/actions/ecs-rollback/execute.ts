import { type CodeDeployClient, StopDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { type ECSClient, type Service, type TaskDefinition } from '@aws-sdk/client-ecs';
import { DeploymentFailedError } from '../../core/action/errors.js';
import { describeTaskDefinition } from '../../core/taskdef/describe.js';

import type { ActionContext } from '../../core/action/run.js';
import { awsErrorCode } from '../../core/action/errors.js';
import {
  createDeploymentOnce,
  followCodeDeployDeployment,
  observeDeploymentGroup,
} from '../../core/deploy/codedeploy.js';
import { describeService } from '../../core/deploy/ecs-rolling.js';
import type { StoppedTasks } from '../../core/deploy/stopped-tasks.js';
import { requireCompleted, rollBackService } from '../../core/rollback/ecs-service.js';
import {
  previousFromCodeDeployHistory,
  previousFromEcsHistory,
  readRecordedChange,
  recordChange,
  shortTaskDefinition,
} from '../../core/rollback/history.js';
import { type RollbackInputs } from './inputs.js';
import { type ObservedService, type RollbackPlan, planRollback } from './plan.js';
import { formatDuration } from '../../core/util/time.js';

type Ecs = Pick<ECSClient, 'send'>;
type CodeDeploy = Pick<CodeDeployClient, 'send'>;

/** The task definition a service runs: its PRIMARY deployment's, or its primary task set's. */
export function currentTaskDefinition(service: Service): string | undefined {
  return (
    service.deployments?.find((d) => d.status === 'PRIMARY')?.taskDefinition ??
    service.taskSets?.find((t) => t.status === 'PRIMARY')?.taskDefinition ??
    service.taskDefinition
  );
}

async function requestedTaskDefinition(
  ecs: Ecs,
  to: string,
  current: string | undefined,
): Promise<TaskDefinition> {
  // A bare revision number means that revision of the family the service runs.
  const family = shortTaskDefinition(current ?? '').split(':')[0] ?? '';
  const name = /^\d+$/.test(to) ? `${family}:${to}` : to;
  return describeTaskDefinition(
    ecs,
    name,
    'to',
    'Name a registered revision (family:revision or its ARN).',
  );
}

/** Reads what the decision needs (no write), then plans. */
export async function observeAndPlan(
  inputs: RollbackInputs,
  ecs: Ecs,
  codedeploy: CodeDeploy,
): Promise<RollbackPlan> {
  const service = await describeService(ecs, inputs.cluster, inputs.service);
  const controller = service.deploymentController?.type ?? 'ECS';
  const current = currentTaskDefinition(service);
  const serviceArn = service.serviceArn ?? '';
  const observed: ObservedService = {
    serviceArn,
    clusterArn: service.clusterArn ?? '',
    account: serviceArn.split(':')[4] ?? '*',
    controller,
    current,
    inFlight: undefined,
    recorded: await readRecordedChange(ecs, serviceArn),
    requested:
      inputs.to === undefined ? undefined : await requestedTaskDefinition(ecs, inputs.to, current),
    history: undefined,
    container:
      service.loadBalancers?.[0]?.containerName === undefined
        ? undefined
        : {
            name: service.loadBalancers[0].containerName,
            port: service.loadBalancers[0].containerPort ?? 0,
          },
    groupExists: true,
  };
  if (controller === 'ECS') {
    const primary = service.deployments?.find((d) => d.status === 'PRIMARY');
    observed.inFlight = primary?.rolloutState === 'IN_PROGRESS' ? primary.id : undefined;
    if (inputs.to === undefined)
      observed.history = await previousFromEcsHistory(
        ecs,
        inputs.cluster,
        inputs.service,
        current ?? '',
      );
  } else if (controller === 'CODE_DEPLOY') {
    const group = await observeDeploymentGroup(
      codedeploy,
      inputs.application,
      inputs.deploymentGroup,
    );
    observed.groupExists = group.exists;
    observed.inFlight = group.inFlight;
    if (group.exists && inputs.to === undefined && group.inFlight === undefined)
      observed.history = await previousFromCodeDeployHistory(
        codedeploy,
        inputs.application,
        inputs.deploymentGroup,
        current ?? '',
      );
  }
  return planRollback(inputs, observed);
}

export async function execute(
  plan: RollbackPlan,
  inputs: RollbackInputs,
  ecs: Ecs,
  codedeploy: CodeDeploy,
  context: ActionContext,
  stoppedTasks?: StoppedTasks,
): Promise<void> {
  const started = context.clock.now();
  const where = `${plan.cluster}/${plan.service}`;
  const timing = {
    timeoutMs: inputs.timeoutMs,
    clock: context.clock,
    sleep: context.sleep,
    logger: context.logger,
    signal: context.signal,
  };
  context.outputs.set('from-task-definition-arn', plan.from);
  context.outputs.set('to-task-definition-arn', plan.to);
  if (inputs.reason !== undefined) context.logger.info(`Reason given: ${inputs.reason}`);
  const heading = `Rollback ${where}`;
  const report = (status: string, changed: boolean, deploymentId: string) => {
    context.outputs.set('rolled-back', changed);
    context.outputs.set('status', status);
    context.outputs.set('deployment-id', deploymentId);
    context.outputs.set('duration-seconds', Math.round((context.clock.now() - started) / 1000));
    context.summary
      .heading(heading)
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

  // The rollback is recorded on the service, so a second run sees it was done.
  const rolledBack = async (status: string, deploymentId: string) => {
    await recordChange(
      ecs,
      plan.serviceArn,
      { kind: 'rollback', from: plan.from, to: plan.to },
      context.logger,
    );
    report(status, true, deploymentId);
  };

  if (plan.step.kind === 'none') {
    context.logger.info(plan.step.why);
    report('UNCHANGED', false, '');
    context.summary.paragraph(plan.step.why);
    return;
  }
  context.logger.info(
    `Rolling ${where} back from ${shortTaskDefinition(plan.from)} to ${shortTaskDefinition(plan.to)} (found in ${plan.source}).`,
  );

  if (plan.step.kind === 'update-service') {
    const result = await context.logger.group(`Rolling back to ${plan.to}`, () =>
      rollBackService({
        ecs,
        cluster: plan.cluster,
        service: plan.service,
        taskDefinition: plan.to,
        wait: inputs.wait,
        ...timing,
        ...(stoppedTasks === undefined ? {} : { stoppedTasks }),
      }),
    );
    requireCompleted(result, {
      cluster: plan.cluster,
      service: plan.service,
      taskDefinition: plan.to,
    });
    await rolledBack(
      inputs.wait ? 'COMPLETED' : 'SUBMITTED',
      result.kind === 'unchanged' ? '' : result.deploymentId,
    );
    return;
  }

  const follow = (deploymentId: string) =>
    context.logger.group(`Following CodeDeploy deployment ${deploymentId}`, () =>
      followCodeDeployDeployment({
        codedeploy,
        deploymentId,
        until: 'complete',
        ...timing,
        ...(stoppedTasks === undefined ? {} : { stoppedTasks }),
      }),
    );

  if (plan.step.kind === 'stop-codedeploy') {
    const deploymentId = plan.step.deploymentId;
    context.logger.warning(`Stopping CodeDeploy deployment ${deploymentId} with rollback.`);
    try {
      await codedeploy.send(new StopDeploymentCommand({ deploymentId, autoRollbackEnabled: true }));
    } catch (error) {
      if (awsErrorCode(error) !== 'DeploymentAlreadyCompletedException') throw error;
      context.logger.info(`Deployment ${deploymentId} had already ended.`);
    }
    if (!inputs.wait) {
      report('SUBMITTED', true, deploymentId);
      return;
    }
    const stopped = await follow(deploymentId);
    if (stopped.rollbackDeploymentId !== undefined) {
      const back = await follow(stopped.rollbackDeploymentId);
      if (back.status !== 'Succeeded') {
        throw new DeploymentFailedError(
          `CodeDeploy's rollback ${stopped.rollbackDeploymentId} of ${where} ended ${back.status}: ${back.reason}`,
          { deploymentId: stopped.rollbackDeploymentId, rolledBack: false },
        );
      }
    }
    await rolledBack(stopped.status.toUpperCase(), deploymentId);
    return;
  }

  const deploymentId = await createDeploymentOnce(
    codedeploy,
    {
      applicationName: plan.application,
      deploymentGroupName: plan.deploymentGroup,
      deploymentConfigName: plan.deploymentConfig,
      description: `ecs-delivery rollback to ${shortTaskDefinition(plan.to)}`,
      revision: { revisionType: 'AppSpecContent', appSpecContent: plan.step.appSpec },
    },
    context,
  );
  context.logger.info(`Started CodeDeploy deployment ${deploymentId} (${plan.deploymentConfig}).`);
  if (!inputs.wait) {
    report('SUBMITTED', true, deploymentId);
    return;
  }
  const outcome = await follow(deploymentId);
  if (outcome.status !== 'Succeeded') {
    report(outcome.status.toUpperCase(), false, deploymentId);
    throw new DeploymentFailedError(
      `The rollback deployment ${deploymentId} of ${where} ended ${outcome.status}: ${outcome.reason}`,
      { deploymentId, rolledBack: false },
    );
  }
  await rolledBack('SUCCEEDED', deploymentId);
}
