import { DeploymentFailedError } from '../../core/action/errors.js';

import { TypedState } from '../../core/action/state.js';
import { type DeployInputs } from './inputs.js';
import type { DeployPlan } from './plan.js';
import { type DeployOutcome, type DeployState, isGreen } from './state.js';
import { formatDuration } from '../../core/util/time.js';
import type { Context } from './contract.js';
import { type ChartInput, deploymentChart } from '../../core/report/chart.js';
import { pipelineSteps } from '../../core/action/steps.js';
import type { CrashedContainer } from '../../core/deploy/stopped-tasks.js';
import {
  ConsoleLinks,
  ecrImageLink,
  githubDeploymentsLink,
  mdLink,
} from '../../core/report/links.js';

/** What the step saw besides the outcome, for the summary. */
export interface ReportExtras {
  crashed: readonly CrashedContainer[];
  /** When each analysis round ran (clock ms). */
  analysis: readonly number[];
}

/**
 * The one place an outcome becomes state, outputs and the deployment's part of the summary, for
 * every strategy; a red outcome is thrown as a DeploymentFailedError after it is written.
 */
export function report(
  outcome: DeployOutcome,
  plan: DeployPlan,
  inputs: DeployInputs,
  context: Context,
  startedAt: number,
  extras: ReportExtras = { crashed: [], analysis: [] },
): void {
  new TypedState<DeployState>(context.state).save('finished', true);
  const durationMs = context.clock.now() - startedAt;
  context.outputs.set('status', outcome.status);
  if (outcome.status === 'SUBMITTED') {
    context.summary
      .heading(`Deployment ${plan.cluster}/${plan.service}`)
      .table(['Deployment', 'Status'], [[outcome.deploymentId, 'submitted']]);
    return;
  }
  context.outputs.set('rolled-back', outcome.rolledBack);
  context.outputs.set('reason', outcome.reason);
  context.outputs.set('duration-seconds', Math.round(durationMs / 1000));
  if (outcome.bake !== undefined)
    context.outputs.set('bake-seconds', Math.round(outcome.bake.ranMs / 1000));
  const cd = plan.codedeploy;
  const native = plan.native;
  const bake = outcome.bake;
  context.summary
    .heading(
      cd !== undefined
        ? `Deployment ${plan.cluster}/${plan.service} (${inputs.strategy}, ${cd.deploymentConfig})`
        : native !== undefined
          ? `Deployment ${plan.cluster}/${plan.service} (${inputs.strategy}, ECS-native ${native.strategy}${native.steps === '' ? '' : `: ${native.steps}`})`
          : `Deployment ${plan.cluster}/${plan.service}`,
    )
    .table(
      [
        'Deployment',
        'Status',
        'Task definition',
        'Previous',
        'Rolled back',
        'Duration',
        'Bake',
        ...(outcome.polls === undefined ? [] : ['Checks']),
      ],
      [
        [
          outcome.deploymentId,
          outcome.reported,
          plan.taskDefinition ?? '(same)',
          plan.previousTaskDefinition ?? '—',
          outcome.rolledBack ? 'yes' : 'no',
          formatDuration(durationMs),
          bake === undefined
            ? 'off'
            : `${formatDuration(bake.ranMs)} of ${formatDuration(bake.plannedMs)}${bake.failure === undefined ? ', held' : ', failed'}`,
          ...(outcome.polls === undefined ? [] : [String(outcome.polls)]),
        ],
      ],
    );
  linksOf(outcome, plan, inputs, context, extras);
  if (plan.settings.changes.length > 0)
    context.summary.table(
      ['Setting', 'Before', 'After', 'Applied by'],
      plan.settings.changes.map((c) => [c.setting, c.from, c.to, c.via]),
    );
  nativeFacts(outcome, plan, context);
  picture(outcome, plan, inputs, context, startedAt, extras);
  if (bake !== undefined)
    context.summary.paragraph(
      `**Bake:** the new version was watched ${formatDuration(bake.ranMs)} ${bake.during === 'termination-wait' ? `during ${plan.mode === 'native' ? "ECS's own bake" : "CodeDeploy's termination wait"} (the old version still up)` : bake.during === 'after-termination' ? 'after the deployment (the old version already gone)' : 'after ECS said COMPLETED'}${bake.failure === undefined ? ': no task stopped, every task kept running, no alarm.' : `: ${bake.failure}`} It added ${formatDuration(bake.ranMs)} to this step (\`bake-time: 0\` turns it off).`,
    );
  if (plan.recreate !== undefined)
    context.summary.paragraph(
      `**Recreate:** every old task stopped before the new ones started (minimumHealthyPercent 0, maximumPercent 100 for this deployment)${outcome.downtimeMs === undefined ? '' : `; no task of the service ran for about ${formatDuration(outcome.downtimeMs)}, as read`}. The service's own minimumHealthyPercent ${plan.recreate.minimumHealthyPercent ?? 100} and maximumPercent ${plan.recreate.maximumPercent ?? 200} were put back afterwards (a deploymentConfiguration change alone starts no deployment on ECS).`,
    );
  if (outcome.note !== undefined) context.summary.paragraph(outcome.note);
  if (isGreen(outcome.status)) return;
  context.summary.paragraph(`**Reason:** ${outcome.reason}`);
  throw new DeploymentFailedError(
    `Deployment ${outcome.deploymentId} of ${plan.cluster}/${plan.service} ${verb(outcome, plan)}: ${outcome.reason}${outcome.rolledBackTo === undefined ? '' : ` The service was rolled back to ${outcome.rolledBackTo}.`}`,
    {
      deploymentId: outcome.deploymentId,
      rolledBack: outcome.rolledBack,
      replaced: outcome.status === 'REPLACED',
      ...hintFor(outcome, plan),
    },
  );
}

/**
 * The deployment as a picture (a Mermaid gantt: the job's steps, traffic on the new version, the
 * bake, analysis rounds, a rollback) and the same facts in a table for readers without Mermaid.
 */
function picture(
  outcome: DeployOutcome,
  plan: DeployPlan,
  inputs: DeployInputs,
  context: Context,
  startedAt: number,
  extras: ReportExtras,
): void {
  const now = context.clock.now();
  const bake = outcome.bake;
  const rolledBackAt = outcome.rollbackStartedAt;
  const chart: ChartInput = {
    title: `${plan.cluster}/${plan.service} ${inputs.strategy} ${outcome.status}`,
    steps: [
      ...pipelineSteps(context.env).map((s) => ({
        name: s.action,
        startedAt: s.startedAt,
        endedAt: s.endedAt,
        ok: s.ok,
      })),
      { name: 'ecs-deploy', startedAt, endedAt: now, ok: isGreen(outcome.status) },
    ],
    traffic: outcome.timeline.map((step) => ({ time: step.time, percent: step.greenPercent })),
    trafficEnd: rolledBackAt ?? (bake === undefined ? now : bake.startedAt + bake.ranMs),
    bake:
      bake === undefined
        ? undefined
        : {
            startedAt: bake.startedAt,
            endedAt: bake.startedAt + bake.ranMs,
            held: bake.failure === undefined,
          },
    analysis: [...extras.analysis],
    rollback: rolledBackAt === undefined ? undefined : { startedAt: rolledBackAt, endedAt: now },
  };
  context.summary.code(deploymentChart(chart), 'mermaid');
  const origin = Math.min(...chart.steps.map((s) => s.startedAt));
  const at = (time: number) => formatDuration(Math.max(0, time - origin));
  const rows = [
    ...chart.steps.map((s) => [
      `${s.name}${s.ok ? '' : ' (failed)'}`,
      at(s.startedAt),
      at(s.endedAt),
    ]),
    ...chart.traffic.map((step, index) => [
      `${step.percent}% of production traffic on the new version`,
      at(step.time),
      at(chart.traffic[index + 1]?.time ?? chart.trafficEnd ?? now),
    ]),
    ...(chart.bake === undefined
      ? []
      : [
          [
            `bake, ${chart.bake.held ? 'held' : 'failed'}`,
            at(chart.bake.startedAt),
            at(chart.bake.endedAt),
          ],
        ]),
    ...(chart.analysis.length === 0
      ? []
      : [
          [
            `${chart.analysis.length} analysis round(s)`,
            at(chart.analysis[0] ?? now),
            at(chart.analysis.at(-1) ?? now),
          ],
        ]),
    ...(chart.rollback === undefined
      ? []
      : [['rollback', at(chart.rollback.startedAt), at(chart.rollback.endedAt)]]),
  ];
  context.summary.table(['What', 'From', 'To'], rows);
}

/** ECS-native: what the step set in the service's deploymentConfiguration, and the stages seen. */
function nativeFacts(outcome: DeployOutcome, plan: DeployPlan, context: Context): void {
  const native = plan.native;
  if (native === undefined) return;
  if (native.changes.length > 0)
    context.summary
      .paragraph(
        "**The service's deploymentConfiguration, as this step set it** (it stays so, as UpdateService makes it: later deployments use it too):",
      )
      .list(native.changes);
  const stages = outcome.stages ?? [];
  if (stages.length > 0) {
    const origin = stages[0]?.time ?? 0;
    context.summary.paragraph(
      `**Stages seen:** ${stages.map((s) => `${s.stage} (+${formatDuration(s.time - origin)})`).join(' → ')}`,
    );
  }
}

/** Where to look next: the service, the deployment, the revisions, the images, the crashes. */
function linksOf(
  outcome: DeployOutcome,
  plan: DeployPlan,
  inputs: DeployInputs,
  context: Context,
  extras: ReportExtras,
): void {
  const links = new ConsoleLinks(plan.region);
  const short = (arn: string) => arn.split('/').at(-1) ?? arn;
  const items = [
    `Service: ${mdLink(`${plan.cluster}/${plan.service}`, links.service(plan.cluster, plan.service))}`,
    plan.mode === 'codedeploy'
      ? `CodeDeploy deployment: ${mdLink(outcome.deploymentId, links.codeDeployDeployment(outcome.deploymentId))}`
      : `Deployment: ${mdLink(outcome.deploymentId, links.serviceDeployments(plan.cluster, plan.service))}`,
  ];
  if (plan.taskDefinition !== undefined)
    items.push(
      `Task definition: ${mdLink(short(plan.taskDefinition), links.taskDefinition(plan.taskDefinition))}`,
    );
  if (plan.previousTaskDefinition !== undefined)
    items.push(
      `Previous: ${mdLink(short(plan.previousTaskDefinition), links.taskDefinition(plan.previousTaskDefinition))}`,
    );
  for (const image of plan.images) {
    const url = ecrImageLink(image);
    if (url !== undefined) items.push(`Image: ${mdLink(short(image), url)}`);
  }
  const github = githubDeploymentsLink(context.env, inputs.environment);
  if (github !== undefined && inputs.githubToken !== undefined)
    items.push(`GitHub: ${mdLink(`${inputs.environment} deployments`, github)}`);
  context.summary.list(items);
  if (extras.crashed.length === 0) return;
  context.summary.table(
    ['Task', 'Container', 'Exit code', 'Stopped because', 'Logs'],
    extras.crashed.map((c) => [
      c.taskId,
      c.container,
      String(c.exitCode),
      c.stoppedReason ?? '—',
      c.log === undefined
        ? '(not in CloudWatch Logs)'
        : mdLink(
            c.log.stream,
            new ConsoleLinks(c.log.region ?? plan.region).logGroup(c.log.group, c.log.stream),
          ),
    ]),
  );
}

function hintFor(outcome: DeployOutcome, plan: DeployPlan): { hint?: string } {
  if (outcome.status === 'REPLACED')
    return {
      hint: 'Follow the newer deployment where it was started; run this workflow again to deploy this version over it.',
    };
  if (outcome.status === 'ROLLBACK_FAILED')
    return {
      hint: 'The service may be half-changed: check what it serves in the ECS console, then deploy a known good task definition (actions/ecs-rollback).',
    };
  return plan.mode === 'rolling'
    ? { hint: 'The stopped tasks and service events above say why.' }
    : {};
}

function verb(outcome: DeployOutcome, plan: DeployPlan): string {
  if (outcome.status === 'REPLACED') return 'was replaced';
  if (outcome.status === 'ROLLBACK_FAILED') return 'failed, and so did its rollback';
  if (outcome.status === 'STOPPED') return 'was stopped';
  // CodeDeploy's own word for how it ended (Failed, Stopped), as its console shows it.
  return plan.mode === 'codedeploy' ? `ended ${outcome.reported}` : 'failed';
}
