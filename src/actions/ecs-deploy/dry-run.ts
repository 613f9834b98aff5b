// dry-run: everything a deploy would do, said before it is done and without doing it: the task
// definition container by container against what the service runs, the service settings that
// would change, the strategy and its traffic steps. Nothing is written (not even to GitHub).
import {
  type CodeDeployClient,
  GetDeploymentConfigCommand,
  type TrafficRoutingConfig,
} from '@aws-sdk/client-codedeploy';
import type { ECSClient } from '@aws-sdk/client-ecs';

import { describeService } from '../../core/deploy/service.js';
import { describeTaskDefinition } from '../../core/taskdef/describe.js';
import { type DiffEntry, diffDefinitions } from '../../core/taskdef/diff.js';
import type { TaskDefinition as Definition } from '../../core/taskdef/types.js';
import { type DeployInputs } from './inputs.js';
import type { DeployPlan } from './plan.js';
import { formatDuration } from '../../core/util/time.js';
import { trafficRoutingConfig } from '../../core/deploy/codedeploy-config.js';
import type { Context } from './contract.js';

export interface DryRunResult {
  /** Whether a deploy with these inputs would change anything. */
  changes: boolean;
  taskDefinition: DiffEntry[];
  settings: { setting: string; from: string; to: string; via: string }[];
  strategy: string;
  steps: string[];
}

/** The traffic steps of a CodeDeploy config, in words (pure). */
export function trafficSteps(config: TrafficRoutingConfig | undefined): string[] {
  const canary = config?.timeBasedCanary;
  if (config?.type === 'TimeBasedCanary' && canary !== undefined)
    return [
      `${canary.canaryPercentage ?? 0}% of production traffic to the new version`,
      `after ${canary.canaryInterval ?? 0} min: 100%`,
    ];
  const linear = config?.timeBasedLinear;
  if (config?.type === 'TimeBasedLinear' && linear !== undefined) {
    const step = linear.linearPercentage ?? 100;
    const steps: string[] = [];
    for (let percent = step; percent < 100; percent += step)
      steps.push(
        `${steps.length === 0 ? '' : `after ${(linear.linearInterval ?? 0) * steps.length} min: `}${percent}%`,
      );
    steps.push(`after ${(linear.linearInterval ?? 0) * steps.length} min: 100%`);
    return steps;
  }
  return ['100% of production traffic to the new version at once'];
}

async function codeDeploySteps(
  plan: DeployPlan,
  codedeploy: Pick<CodeDeployClient, 'send'>,
): Promise<string[]> {
  const cd = plan.codedeploy;
  if (cd === undefined) return [];
  if (cd.createConfig !== undefined) return trafficSteps(trafficRoutingConfig(cd.createConfig));
  const info = (
    await codedeploy.send(
      new GetDeploymentConfigCommand({ deploymentConfigName: cd.deploymentConfig }),
    )
  ).deploymentConfigInfo;
  return trafficSteps(info?.trafficRoutingConfig);
}

/** Observes what the deploy would change against the live service, and reports it. */
export async function dryRun(
  plan: DeployPlan,
  inputs: DeployInputs,
  clients: { ecs: Pick<ECSClient, 'send'>; codedeploy: Pick<CodeDeployClient, 'send'> },
  context: Context,
): Promise<DryRunResult> {
  const { ecs } = clients;
  const service = await describeService(ecs, plan.cluster, plan.service);
  const now =
    plan.previousTaskDefinition === undefined
      ? undefined
      : await describeTaskDefinition(ecs, plan.previousTaskDefinition, 'task-definition');
  const next =
    plan.taskDefinition === undefined
      ? undefined
      : await describeTaskDefinition(ecs, plan.taskDefinition, 'task-definition');
  const taskDefinition =
    next === undefined || plan.taskDefinition === plan.previousTaskDefinition
      ? []
      : diffDefinitions(now as Definition | undefined, next as Definition);
  const settings = plan.settings.changes.map((c) => ({
    setting: c.setting,
    from: c.from,
    to: c.to,
    via: c.via,
  }));
  if (plan.desiredCount !== undefined && plan.desiredCount !== service.desiredCount)
    settings.push({
      setting: 'desiredCount',
      from: String(service.desiredCount ?? 0),
      to: String(plan.desiredCount),
      via: 'UpdateService',
    });
  const config = service.deploymentConfiguration;
  const native = plan.native;
  for (const change of native?.changes ?? [])
    settings.push({
      setting: `deploymentConfiguration.${change.split(':')[0] ?? ''}`,
      from: change.split(': ')[1]?.split(' → ')[0] ?? '',
      to: change.split(' → ')[1] ?? '',
      via: 'UpdateService',
    });
  const strategy =
    native !== undefined
      ? `${inputs.strategy} through ECS's own ${native.strategy} strategy (no CodeDeploy)`
      : plan.mode === 'rolling'
        ? `rolling: at least ${config?.minimumHealthyPercent ?? 100}% healthy, at most ${config?.maximumPercent ?? 200}% running; circuit breaker ${config?.deploymentCircuitBreaker?.enable === true ? `on${config.deploymentCircuitBreaker.rollback === true ? ', rolls back' : ''}` : 'off'}`
        : `${inputs.strategy} through CodeDeploy (${plan.codedeploy?.deploymentConfig ?? '?'})`;
  const steps =
    native !== undefined
      ? [
          `green tasks of ${plan.taskDefinition ?? 'the same task definition'} start in the alternate target group, test traffic moves to them`,
          `production traffic: ${native.steps}`,
          `ECS bakes ${native.ecsBakeMinutes} min with the old version still up, then removes it`,
        ]
      : plan.mode === 'rolling'
        ? [
            `new tasks of ${plan.taskDefinition ?? 'the same task definition'} replace the old ones${plan.forceNewDeployment ? ' (a new deployment is forced)' : ''}`,
          ]
        : await codeDeploySteps(plan, clients.codedeploy);
  const changes =
    (plan.taskDefinition !== undefined && plan.taskDefinition !== plan.previousTaskDefinition) ||
    plan.forceNewDeployment ||
    settings.length > 0;
  const result: DryRunResult = { changes, taskDefinition, settings, strategy, steps };
  report(result, plan, inputs, context);
  return result;
}

function report(
  result: DryRunResult,
  plan: DeployPlan,
  inputs: DeployInputs,
  context: Context,
): void {
  const { logger, summary, outputs } = context;
  const where = `${plan.cluster}/${plan.service}`;
  logger.info(`Dry run: nothing is changed. What a deploy to ${where} would do:`);
  logger.info(
    `task definition: ${plan.previousTaskDefinition ?? '(none)'} -> ${plan.taskDefinition ?? '(unchanged, new tasks)'}`,
  );
  for (const d of result.taskDefinition)
    logger.info(`  ${d.container ?? '(task)'} ${d.field}: ${d.before ?? '—'} -> ${d.after ?? '—'}`);
  for (const s of result.settings)
    logger.info(`setting ${s.setting}: ${s.from} -> ${s.to} (${s.via})`);
  logger.info(`strategy: ${result.strategy}`);
  for (const step of result.steps) logger.info(`  ${step}`);
  logger.info(
    result.changes
      ? `Would change ${where}.`
      : `Nothing to change: ${where} already runs this, with these settings.`,
  );
  outputs.set('status', 'DRY_RUN');
  outputs.set('changes', result.changes);
  outputs.set('strategy', inputs.strategy);
  outputs.set('previous-task-definition-arn', plan.previousTaskDefinition ?? '');
  outputs.set('task-definition-arn', plan.taskDefinition ?? plan.previousTaskDefinition ?? '');
  summary
    .heading(`Dry run: deploy to ${where} (nothing was changed)`)
    .paragraph(
      result.changes
        ? `**Would change the service.** ${plan.previousTaskDefinition ?? '(none)'} → ${plan.taskDefinition ?? '(same task definition, new tasks)'}.`
        : '**Nothing to change:** the service already runs this task definition with these settings.',
    );
  if (result.taskDefinition.length > 0)
    summary.table(
      ['Container', 'Field', 'Now', 'After'],
      result.taskDefinition.map((d) => [
        d.container ?? '(task)',
        d.field,
        d.before ?? '—',
        d.after ?? '—',
      ]),
    );
  if (result.settings.length > 0)
    summary.table(
      ['Setting', 'Now', 'After', 'Applied by'],
      result.settings.map((s) => [s.setting, s.from, s.to, s.via]),
    );
  summary.paragraph(
    `**Strategy:** ${result.strategy}. ${result.steps.join('; ')}.${inputs.bakeMs > 0 ? ` Then a bake of ${formatDuration(inputs.bakeMs)}.` : ''}`,
  );
  summary.paragraph(
    `**Permissions:** ${plan.permissions.length} (the IAM pre-flight above says whether the caller has them).`,
  );
}
