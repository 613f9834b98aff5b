import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient, type Service } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ActionSpec } from '../../core/action/run.js';
import { TypedState } from '../../core/action/state.js';
import { StoppedTasks } from '../../core/deploy/stopped-tasks.js';
import { Analysis } from '../../core/deploy/analysis.js';
import { CancelledError, DeploymentFailedError, errorMessage } from '../../core/action/errors.js';
import { Delivery } from '../../core/github/delivery.js';
import { executeCodeDeploy, postCodeDeploy } from './codedeploy.js';
import { type DeployInputs, isServiceDeploymentArn } from './inputs.js';
import { type DeployClients, observeAndPlan } from './observe.js';
import type { DeployPlan } from './plan.js';
import { dryRun } from './dry-run.js';
import { report } from './report.js';
import { executeRolling, postRolling } from './rolling.js';
import { executeNative, postNative } from './native.js';
import type { DeployOutcome, DeployState } from './state.js';
import type { Context, Input, Output } from './contract.js';

type Spec = ActionSpec<DeployInputs, DeployPlan, Input, Output>;

/**
 * Runs the deployment as one GitHub Deployment (statuses in progress, then success or failure,
 * when a github-token is given) and ends the job summary with the delivery figures.
 */
async function delivered(
  plan: DeployPlan,
  inputs: DeployInputs,
  context: Context,
  deploy: () => Promise<DeployOutcome>,
): Promise<void> {
  const delivery = new Delivery({
    token: inputs.githubToken,
    environment: inputs.environment,
    env: context.env,
    logger: context.logger,
    clock: context.clock,
  });
  const what = plan.taskDefinition?.split('/').at(-1) ?? 'a new deployment';
  const continuing = inputs.continueDeploymentId;
  // What the ready step's status names and the continue step looks for: the CodeDeploy id, or
  // the service deployment's id (the ARN's last part: descriptions hold 140 characters).
  const markerOf = (id: string) => (isServiceDeploymentArn(id) ? (id.split('/').at(-1) ?? id) : id);
  const description =
    continuing === undefined
      ? `${inputs.strategy} deployment of ${what} to ${plan.cluster}/${plan.service}`
      : `continue ${continuing} on ${plan.cluster}/${plan.service}`;
  // The continue step carries on with the ready step's GitHub Deployment: one per release.
  const resumed =
    continuing !== undefined &&
    (await delivery.resume(inputs.githubDeploymentId, markerOf(continuing)));
  if (resumed) await delivery.status('in_progress', description);
  else
    await delivery.start(description, {
      cluster: plan.cluster,
      service: plan.service,
      strategy: inputs.strategy,
      taskDefinition: plan.taskDefinition ?? null,
    });
  const id = delivery.githubDeploymentId;
  if (id !== undefined) {
    new TypedState<DeployState>(context.state).save('githubDeploymentId', id);
    context.outputs.set('github-deployment-id', id);
  }
  const final = inputs.waitUntil === 'complete' || continuing !== undefined;
  let outcome = final ? 'succeeded' : `${inputs.waitUntil}, not finished by this step`;
  try {
    const ended = await deploy();
    if (ended.status === 'DISCARDED') {
      // Discarded at the approval, as asked: the release never served; neither a success nor a failure.
      outcome = 'discarded at the approval (counts as neither a success nor a failure)';
      await delivery.status('inactive', `discarded at the approval: ${what} never served`);
      return;
    }
    await delivery.status(
      final ? 'success' : 'in_progress',
      final
        ? `${what} serves ${plan.cluster}/${plan.service}`
        : inputs.waitUntil === 'bake'
          ? `${what}: all traffic moved; ECS bakes it, then removes the old version`
          : // The continue step finds this deployment by the id named here: first, so the
            // 140-character limit on descriptions never cuts it.
            `${markerOf(ended.serviceDeploymentArn ?? ended.deploymentId)} waits for the continue step (${inputs.waitUntil}: ${what})`,
    );
  } catch (error) {
    const rolledBack = error instanceof DeploymentFailedError && error.rolledBack;
    const replaced = error instanceof DeploymentFailedError && error.replaced;
    outcome = replaced
      ? 'replaced by a newer deployment (counts as neither a success nor a failure)'
      : `failed${rolledBack ? ', rolled back' : ''} (counts toward the change failure rate)`;
    await delivery.status(
      replaced ? 'inactive' : error instanceof CancelledError ? 'error' : 'failure',
      `${replaced ? 'replaced: ' : rolledBack ? 'rolled back: ' : ''}${errorMessage(error)}`,
    );
    throw error;
  } finally {
    const figures = await delivery.figures(outcome);
    context.summary.heading('Delivery figures', 3).table(['Figure', 'Value'], figures.rows);
    if (figures.leadTimeSeconds !== undefined)
      context.outputs.set('lead-time-seconds', figures.leadTimeSeconds);
    if (figures.changeFailureRate !== undefined)
      context.outputs.set('change-failure-rate', Number(figures.changeFailureRate.toFixed(4)));
    if (figures.timeToRestoreSeconds !== undefined)
      context.outputs.set('time-to-restore-seconds', figures.timeToRestoreSeconds);
  }
}

/** The step's clients of each service it reads or writes, in its region. */
function deployClients(region: string, context: Context): DeployClients {
  const at = { region };
  return {
    ecs: context.clients.get(ECSClient, 'ecs', at),
    codedeploy: context.clients.get(CodeDeployClient, 'codedeploy', at),
    ecr: context.clients.get(ECRClient, 'ecr', at),
    cloudwatch: context.clients.get(CloudWatchClient, 'cloudwatch', at),
    elbv2: context.clients.get(ElasticLoadBalancingV2Client, 'elbv2', at),
  };
}

/**
 * Everything but the step's first read: every strategy, the GitHub Deployment, the reports. The
 * step's spec (action.ts) loads it while that read is out.
 */
export const work: Pick<Spec, 'execute' | 'post'> & {
  plan(inputs: DeployInputs, context: Context, service: Service): Promise<DeployPlan>;
} = {
  plan: (inputs, context, service) =>
    observeAndPlan(inputs, deployClients(inputs.region, context), context.logger, service),
  execute: async (plan, inputs, context) => {
    const clients = deployClients(inputs.region, context);
    if (inputs.dryRun) {
      await dryRun(plan, inputs, clients, context);
      return;
    }
    // Stopped tasks are reported with their containers' last log lines, where they log to CloudWatch.
    const stoppedTasks = new StoppedTasks({
      ecs: clients.ecs,
      cluster: plan.cluster,
      logger: context.logger,
      sources: plan.logSources,
      logs: context.clients.get(CloudWatchLogsClient, 'logs', { region: inputs.region }),
    });
    const analysis = new Analysis(
      inputs.analysis,
      clients.cloudwatch,
      context.clock,
      context.logger,
    );
    const startedAt = context.clock.now();
    await delivered(plan, inputs, context, async () => {
      const deps = { ...clients, stoppedTasks, analysis };
      const outcome =
        plan.mode === 'codedeploy'
          ? await executeCodeDeploy(plan, inputs, deps, context)
          : plan.mode === 'native'
            ? await executeNative(plan, inputs, deps, context)
            : await executeRolling(plan, inputs, deps, context);
      report(outcome, plan, inputs, context, startedAt, {
        crashed: stoppedTasks.crashed,
        analysis: analysis.roundTimes,
      });
      return outcome;
    });
  },
  post: async (context) => {
    const state = new TypedState<DeployState>(context.state);
    const region = state.get('region');
    if (region === undefined) return;
    const unfinished = state.get('finished') === false;
    const mode = state.get('mode');
    if (mode === 'codedeploy')
      await postCodeDeploy(
        context.clients.get(CodeDeployClient, 'codedeploy', { region }),
        context,
      );
    else if (mode === 'native')
      await postNative(context.clients.get(ECSClient, 'ecs', { region }), context);
    else await postRolling(context.clients.get(ECSClient, 'ecs', { region }), context);
    const githubDeploymentId = state.get('githubDeploymentId');
    const token = context.inputs.optional('github-token');
    if (unfinished && githubDeploymentId !== undefined && token !== undefined) {
      context.setSecret(token);
      await new Delivery({
        token,
        environment: context.inputs.optional('environment') ?? 'production',
        env: context.env,
        logger: context.logger,
        clock: context.clock,
      })
        .attach(githubDeploymentId)
        .status('error', 'the job was cancelled mid-deployment; rollback started by the post step');
    }
  },
};
