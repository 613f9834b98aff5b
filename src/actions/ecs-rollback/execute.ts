import { type CodeDeployClient, StopDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { type ECSClient } from '@aws-sdk/client-ecs';
import { DeploymentFailedError } from '../../core/action/errors.js';

import { awsErrorCode } from '../../core/action/errors.js';
import { createDeploymentOnce, followCodeDeployDeployment } from '../../core/deploy/codedeploy.js';
import type { StoppedTasks } from '../../core/deploy/stopped-tasks.js';
import { requireCompleted, rollBackService } from '../../core/rollback/ecs-service.js';
import { recordChange, shortTaskDefinition } from '../../core/rollback/history.js';
import { type RollbackInputs } from './inputs.js';
import { type RollbackPlan } from './plan.js';
import { formatDuration } from '../../core/util/time.js';
import type { Context } from './contract.js';

type Ecs = Pick<ECSClient, 'send'>;
type CodeDeploy = Pick<CodeDeployClient, 'send'>;

export async function execute(
  plan: RollbackPlan,
  inputs: RollbackInputs,
  ecs: Ecs,
  codedeploy: CodeDeploy,
  context: Context,
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
