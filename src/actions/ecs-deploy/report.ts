import { DeploymentFailedError } from '../../core/action/errors.js';

import { TypedState } from '../../core/action/state.js';
import { type DeployInputs } from './inputs.js';
import type { DeployPlan } from './plan.js';
import { type DeployOutcome, type DeployState, isGreen } from './state.js';
import { formatDuration } from '../../core/util/time.js';
import type { Context } from './contract.js';

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
  const bake = outcome.bake;
  context.summary
    .heading(
      cd === undefined
        ? `Deployment ${plan.cluster}/${plan.service}`
        : `Deployment ${plan.cluster}/${plan.service} (${inputs.strategy}, ${cd.deploymentConfig})`,
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
  if (plan.settings.changes.length > 0)
    context.summary.table(
      ['Setting', 'Before', 'After', 'Applied by'],
      plan.settings.changes.map((c) => [c.setting, c.from, c.to, c.via]),
    );
  if (outcome.timeline.length > 0) {
    context.summary.table(
      ['After', 'Traffic on the new version'],
      outcome.timeline.map((step) => [formatDuration(step.at), `${step.greenPercent}%`]),
    );
  }
  if (bake !== undefined)
    context.summary.paragraph(
      `**Bake:** the new version was watched ${formatDuration(bake.ranMs)} ${bake.during === 'termination-wait' ? "during CodeDeploy's termination wait (the old version still up)" : bake.during === 'after-termination' ? 'after the deployment (the old version already gone)' : 'after ECS said COMPLETED'}${bake.failure === undefined ? ': no task stopped, every task kept running, no alarm.' : `: ${bake.failure}`} It added ${formatDuration(bake.ranMs)} to this step (\`bake-time: 0\` turns it off).`,
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
