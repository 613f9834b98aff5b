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
import type { ActionContext } from '../../core/action/run.js';
import { TypedState } from '../../core/action/state.js';
import { awsErrorCode } from '../../core/aws/errors.js';
import {
  type CodeDeployOutcome,
  appSpecWithTaskDefinition,
  createDeploymentOnce,
  followCodeDeployDeployment,
  observeDeploymentGroup,
} from '../../core/deploy/codedeploy.js';
import type { StoppedTasks } from '../../core/deploy/stopped-tasks.js';
import { type Analysis, AnalysisFailure } from '../../core/deploy/analysis.js';
import type { DeployOutcome, DeployState } from './state.js';
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

export interface CodeDeployDeps {
  codedeploy: CodeDeploy;
  ecs: Pick<ECSClient, 'send'>;
  stoppedTasks: StoppedTasks;
  analysis: Analysis;
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
  context: ActionContext,
): Promise<DeployOutcome> {
  const { codedeploy, ecs, stoppedTasks, analysis } = deps;
  const cd = plan.codedeploy;
  if (cd === undefined) throw new Error('a CodeDeploy plan is needed');
  // What changed is recorded on the service, for ecs-rollback in a later run.
  const record = async (kind: 'deploy' | 'rollback') => {
    if (plan.taskDefinition === undefined) return;
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
  // The analysis watches our deployment only, not the rollback or an earlier one.
  const follow = (deploymentId: string, until: 'ready' | 'complete', analyse = false) =>
    context.logger.group(`Following CodeDeploy deployment ${deploymentId}`, () =>
      followCodeDeployDeployment({
        ...(analyse ? { analysis } : {}),
        codedeploy,
        deploymentId,
        until,
        timeoutMs: inputs.timeoutMs,
        clock: context.clock,
        sleep: context.sleep,
        logger: context.logger,
        signal: context.signal,
        stoppedTasks,
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
  const base = { deploymentId, polls: undefined, bake: undefined };
  if (inputs.waitUntil === 'submitted' && inputs.continueDeploymentId === undefined)
    return {
      ...base,
      status: 'SUBMITTED',
      reason: 'submitted',
      rolledBack: false,
      rolledBackTo: undefined,
      reported: 'submitted',
      timeline: [],
      note: undefined,
    };
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
    return {
      ...base,
      status: 'STOPPED',
      reason: error.message,
      rolledBack: inputs.onFailure === 'rollback',
      rolledBackTo: undefined,
      reported: `Stopped ${inputs.onFailure === 'rollback' ? 'and rolled back' : 'without rollback'}`,
      timeline: [],
      note: undefined,
    };
  }
  const rolledBack = outcome.rollbackDeploymentId !== undefined;
  if (rolledBack) {
    await follow(outcome.rollbackDeploymentId ?? '', 'complete');
    await record('rollback');
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
    rolledBackTo: undefined,
    reported: outcome.status,
    timeline: outcome.timeline,
    note:
      status === 'READY'
        ? `Ready: test traffic reaches the new version. Continue with \`continue-deployment-id: ${deploymentId}\`.`
        : undefined,
  };
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
