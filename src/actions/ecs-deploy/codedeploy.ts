import {
  type CodeDeployClient,
  ContinueDeploymentCommand,
  CreateDeploymentConfigCommand,
  GetDeploymentConfigCommand,
  StopDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import type { ECSClient, Service, TaskDefinition } from '@aws-sdk/client-ecs';
import { recordChange } from '../../core/rollback/history.js';
import { DeploymentFailedError, TimeoutError } from '../../core/action/errors.js';
import { formatDuration } from '../../core/action/inputs.js';
import type { ActionContext } from '../../core/action/run.js';
import { TypedState } from '../../core/action/state.js';
import { awsErrorCode } from '../../core/aws/errors.js';
import {
  type CodeDeployOutcome,
  TERMINAL,
  appSpecWithTaskDefinition,
  createDeploymentOnce,
  followCodeDeployDeployment,
  observeDeploymentGroup,
} from '../../core/deploy/codedeploy.js';
import type { StoppedTasks } from '../../core/deploy/stopped-tasks.js';
import { type Analysis, AnalysisFailure } from '../../core/deploy/analysis.js';
import type { DeployState } from './execute.js';
import type { DeployInputs } from './inputs.js';
import { type DeployPlan, deploymentConfigFor, planCodeDeploy } from './plan.js';

type CodeDeploy = Pick<CodeDeployClient, 'send'>;

async function exists(call: () => Promise<unknown>, missing: string[]): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    if (missing.includes(awsErrorCode(error) ?? '')) return false;
    throw error;
  }
}

export async function observeCodeDeploy(
  inputs: DeployInputs,
  service: Service,
  taskDefinition: TaskDefinition | undefined,
  codedeploy: CodeDeploy,
): Promise<DeployPlan> {
  const account = service.serviceArn?.split(':')[4] ?? '*';
  const group = await observeDeploymentGroup(
    codedeploy,
    inputs.application,
    inputs.deploymentGroup,
  );
  const { name } = deploymentConfigFor(inputs);
  const configExists = await exists(
    () => codedeploy.send(new GetDeploymentConfigCommand({ deploymentConfigName: name })),
    ['DeploymentConfigDoesNotExistException'],
  );
  return planCodeDeploy(
    inputs,
    service,
    taskDefinition,
    { groupExists: group.exists, configExists, inFlight: group.inFlight, account },
    inputs.appSpec === undefined || taskDefinition?.taskDefinitionArn === undefined
      ? undefined
      : {
          ...appSpecWithTaskDefinition(inputs.appSpec.document, taskDefinition.taskDefinitionArn),
          containerName: inputs.appSpec.containerName,
          containerPort: inputs.appSpec.containerPort,
        },
  );
}

export async function executeCodeDeploy(
  plan: DeployPlan,
  inputs: DeployInputs,
  codedeploy: CodeDeploy,
  context: ActionContext,
  stoppedTasks?: StoppedTasks,
  analysis?: Analysis,
  ecs?: Pick<ECSClient, 'send'>,
): Promise<void> {
  const cd = plan.codedeploy;
  if (cd === undefined) throw new Error('a CodeDeploy plan is needed');
  // What changed is recorded on the service, for ecs-rollback in a later run.
  const record = async (kind: 'deploy' | 'rollback') => {
    if (ecs === undefined || plan.taskDefinition === undefined) return;
    const previous = plan.previousTaskDefinition ?? '';
    if (previous === '') return;
    await recordChange(
      ecs,
      plan.serviceArn,
      kind === 'deploy'
        ? { kind, from: previous, to: plan.taskDefinition }
        : { kind, from: plan.taskDefinition, to: previous },
      context.logger,
    );
  };
  const state = new TypedState<DeployState>(context.state);
  const started = context.clock.now();
  // The analysis watches our deployment only, not the rollback or an earlier one.
  const follow = (deploymentId: string, until: 'ready' | 'complete', analyse = false) =>
    context.logger.group(`Following CodeDeploy deployment ${deploymentId}`, () =>
      followCodeDeployDeployment({
        ...(analyse && analysis !== undefined ? { analysis } : {}),
        codedeploy,
        deploymentId,
        until,
        timeoutMs: inputs.timeoutMs,
        clock: context.clock,
        sleep: context.sleep,
        logger: context.logger,
        signal: context.signal,
        ...(stoppedTasks === undefined ? {} : { stoppedTasks }),
      }),
    );
  state.save('mode', 'codedeploy');
  state.save('region', plan.region);
  state.save('cluster', plan.cluster);
  state.save('service', plan.service);
  state.save('previousTaskDefinition', plan.previousTaskDefinition ?? '');
  state.save('finished', false);
  context.outputs.set('strategy', inputs.strategy);
  context.outputs.set('previous-task-definition-arn', plan.previousTaskDefinition ?? '');

  let deploymentId: string;
  if (inputs.continueDeploymentId !== undefined) {
    deploymentId = inputs.continueDeploymentId;
    state.save('deploymentId', deploymentId);
    await codedeploy.send(
      new ContinueDeploymentCommand({ deploymentId, deploymentWaitType: 'READY_WAIT' }),
    );
    context.logger.info(
      `Continued deployment ${deploymentId}: traffic now moves to the new version.`,
    );
  } else {
    if (cd.inFlight !== undefined) {
      if (inputs.onInFlight === 'fail') {
        throw new DeploymentFailedError(
          `Deployment ${cd.inFlight} of ${cd.application}/${cd.deploymentGroup} is still in progress.`,
          {
            hint: 'Wait for it, or set on-in-flight: wait or stop (stop rolls it back first).',
          },
        );
      }
      if (inputs.onInFlight === 'stop') {
        context.logger.warning(
          `Stopping deployment ${cd.inFlight} (with rollback) before this one.`,
        );
        await codedeploy.send(
          new StopDeploymentCommand({ deploymentId: cd.inFlight, autoRollbackEnabled: true }),
        );
      }
      const earlier = await follow(cd.inFlight, 'complete');
      if (earlier.rollbackDeploymentId !== undefined)
        await follow(earlier.rollbackDeploymentId, 'complete');
    }
    if (cd.createConfig !== undefined) {
      try {
        await codedeploy.send(
          new CreateDeploymentConfigCommand({
            deploymentConfigName: cd.deploymentConfig,
            computePlatform: 'ECS',
            trafficRoutingConfig:
              cd.createConfig.type === 'TimeBasedCanary'
                ? {
                    type: 'TimeBasedCanary',
                    timeBasedCanary: {
                      canaryPercentage: cd.createConfig.percentage,
                      canaryInterval: cd.createConfig.interval,
                    },
                  }
                : {
                    type: 'TimeBasedLinear',
                    timeBasedLinear: {
                      linearPercentage: cd.createConfig.percentage,
                      linearInterval: cd.createConfig.interval,
                    },
                  },
          }),
        );
        context.logger.info(`Created deployment config ${cd.deploymentConfig}.`);
      } catch (error) {
        if (awsErrorCode(error) !== 'DeploymentConfigAlreadyExistsException') throw error;
      }
    }
    await record('deploy');
    deploymentId = await createDeploymentOnce(
      codedeploy,
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
  }
  context.outputs.set('deployment-id', deploymentId);
  context.outputs.set('task-definition-arn', plan.taskDefinition ?? '');
  if (inputs.waitUntil === 'submitted' && inputs.continueDeploymentId === undefined) {
    state.save('finished', true);
    context.outputs.set('status', 'SUBMITTED');
    return;
  }
  const until =
    inputs.waitUntil === 'ready' && inputs.continueDeploymentId === undefined
      ? 'ready'
      : 'complete';
  let outcome: CodeDeployOutcome;
  try {
    outcome = await follow(deploymentId, until, true);
  } catch (error) {
    if (!(error instanceof TimeoutError) && !(error instanceof AnalysisFailure)) throw error;
    if (error instanceof AnalysisFailure)
      context.logger.warning(
        'CodeDeploy shifts traffic on its own timer: the analysis cannot hold a step back, only stop the deployment.',
      );
    if (inputs.onFailure === 'rollback') {
      context.logger.warning(`Stopping deployment ${deploymentId} with rollback: ${error.message}`);
      await codedeploy.send(new StopDeploymentCommand({ deploymentId, autoRollbackEnabled: true }));
      const stopped = await follow(deploymentId, 'complete');
      if (stopped.rollbackDeploymentId !== undefined)
        await follow(stopped.rollbackDeploymentId, 'complete');
      await record('rollback');
    }
    state.save('finished', true);
    context.outputs.set('status', 'STOPPED');
    context.outputs.set('rolled-back', inputs.onFailure === 'rollback');
    context.outputs.set('reason', error.message);
    context.summary
      .heading(
        `Deployment ${plan.cluster}/${plan.service} (${inputs.strategy}, ${cd.deploymentConfig})`,
      )
      .paragraph(
        `**Stopped** ${inputs.onFailure === 'rollback' ? 'and rolled back' : 'without rollback'}: ${error.message}`,
      );
    throw new DeploymentFailedError(`Deployment ${deploymentId} was stopped: ${error.message}`, {
      deploymentId,
      rolledBack: inputs.onFailure === 'rollback',
    });
  }
  state.save('finished', true);
  const rolledBack = outcome.rollbackDeploymentId !== undefined;
  if (rolledBack) {
    await follow(outcome.rollbackDeploymentId ?? '', 'complete');
    await record('rollback');
  }
  const duration = context.clock.now() - started;
  context.outputs.set('status', outcome.status.toUpperCase());
  context.outputs.set('rolled-back', rolledBack);
  context.outputs.set('reason', outcome.reason);
  context.outputs.set('duration-seconds', Math.round(duration / 1000));
  context.summary
    .heading(
      `Deployment ${plan.cluster}/${plan.service} (${inputs.strategy}, ${cd.deploymentConfig})`,
    )
    .table(
      ['Deployment', 'Status', 'Task definition', 'Previous', 'Rolled back', 'Duration'],
      [
        [
          deploymentId,
          outcome.status,
          plan.taskDefinition ?? '',
          plan.previousTaskDefinition ?? '—',
          rolledBack ? 'yes' : 'no',
          formatDuration(duration),
        ],
      ],
    );
  if (outcome.timeline.length > 0) {
    context.summary.table(
      ['After', 'Traffic on the new version'],
      outcome.timeline.map((step) => [formatDuration(step.at), `${step.greenPercent}%`]),
    );
  }
  if (!TERMINAL.includes(outcome.status) && outcome.status === 'Ready') {
    context.summary.paragraph(
      `Ready: test traffic reaches the new version. Continue with \`continue-deployment-id: ${deploymentId}\`.`,
    );
    return;
  }
  if (outcome.status !== 'Succeeded') {
    context.summary.paragraph(`**Reason:** ${outcome.reason}`);
    throw new DeploymentFailedError(
      `Deployment ${deploymentId} of ${plan.cluster}/${plan.service} ended ${outcome.status}: ${outcome.reason}`,
      {
        deploymentId,
        rolledBack,
      },
    );
  }
}

/** Post step: stop an unfinished CodeDeploy deployment with rollback. */
export async function postCodeDeploy(
  codedeploy: CodeDeploy,
  context: ActionContext,
): Promise<void> {
  const state = new TypedState<DeployState>(context.state);
  const deploymentId = state.get('deploymentId');
  if (state.get('finished') !== false || deploymentId === undefined || deploymentId === '') return;
  context.logger.warning(
    `The deploy step did not finish (cancelled or timed out): stopping deployment ${deploymentId} with rollback.`,
  );
  try {
    await codedeploy.send(new StopDeploymentCommand({ deploymentId, autoRollbackEnabled: true }));
  } catch (error) {
    if (awsErrorCode(error) !== 'DeploymentAlreadyCompletedException') throw error;
  }
}
