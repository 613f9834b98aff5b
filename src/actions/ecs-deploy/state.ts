// What ecs-deploy keeps between its main and post steps, and the one outcome every strategy's
// executor returns for report() to turn into state, outputs and the summary.
import { TypedState } from '../../core/action/state.js';
import type { TrafficStep } from '../../core/deploy/codedeploy.js';
import type { Context } from './contract.js';

export interface DeployState extends Record<string, unknown> {
  mode: 'rolling' | 'codedeploy' | 'native';
  /** ECS-native: the service deployment followed. */
  serviceDeploymentArn: string;
  /** strategy recreate: the service's deploymentConfiguration to restore (JSON). */
  recreateRestore: string;
  /** ECS-native A/B: the test listener rule whose own conditions come back at the end. */
  abRule: string;
  cluster: string;
  service: string;
  region: string;
  previousTaskDefinition: string;
  /** The task definition this step deploys ('' for a new deployment of the same one). */
  taskDefinition: string;
  deploymentId: string;
  finished: boolean;
  githubDeploymentId: number;
}

/**
 * The `status` output: the same words for every strategy (action.yml lists them).
 * SUBMITTED and READY end the step early on purpose; SUCCEEDED is the only other green one.
 */
export const DEPLOY_STATUSES = [
  'SUBMITTED',
  'READY',
  'BAKING',
  'SUCCEEDED',
  'FAILED',
  'STOPPED',
  'REPLACED',
  'ROLLBACK_FAILED',
  'DRY_RUN',
  'DISCARDED',
] as const;
export type DeployStatus = (typeof DEPLOY_STATUSES)[number];

export function isGreen(status: DeployStatus): boolean {
  return (
    status === 'SUBMITTED' ||
    status === 'READY' ||
    status === 'BAKING' ||
    status === 'SUCCEEDED' ||
    status === 'DISCARDED' ||
    status === 'DRY_RUN'
  );
}

/** How the watch after the deployment (the bake) went. */
export interface BakeResult {
  /** How long it was meant to last, and how long it ran. */
  plannedMs: number;
  ranMs: number;
  /** Why it failed; undefined when it held. */
  failure: string | undefined;
  /** Where it ran: during CodeDeploy's termination wait, after it, or after ECS's COMPLETED. */
  during: 'after-completed' | 'termination-wait' | 'after-termination';
  /** When it began (the step's clock, ms), for the chart. */
  startedAt: number;
}

export interface DeployOutcome {
  deploymentId: string;
  status: DeployStatus;
  reason: string;
  rolledBack: boolean;
  /** What the service was rolled back to, in words, for the failure message. */
  rolledBackTo: string | undefined;
  /** What ECS or CodeDeploy reported, as they name it (COMPLETED, Succeeded...), for the summary. */
  reported: string;
  /** Reads of the deployment while it was followed (rolling). */
  polls: number | undefined;
  /** Production traffic on the new version over time (CodeDeploy, ECS-native). */
  timeline: TrafficStep[];
  bake: BakeResult | undefined;
  /** A sentence for the summary, e.g. how to continue a Ready deployment. */
  note: string | undefined;
  /** When this step began rolling back (the step's clock, ms), for the chart. */
  rollbackStartedAt?: number;
  /** ECS-native: the service deployment followed. */
  serviceDeploymentArn?: string;
  /** strategy recreate: how long no task of the service ran, as read (ms). */
  downtimeMs?: number | undefined;
  /** ECS-native: the lifecycle stages seen, with when (the step's clock, ms). */
  stages?: { stage: string; time: number }[];
}

/** The outcome of a step told to return once the deployment is accepted (wait-until: submitted). */
export function submitted(deploymentId: string): DeployOutcome {
  return {
    deploymentId,
    status: 'SUBMITTED',
    reason: 'submitted',
    rolledBack: false,
    rolledBackTo: undefined,
    reported: 'submitted',
    polls: undefined,
    timeline: [],
    bake: undefined,
    note: undefined,
  };
}

/**
 * Recorded before anything changes, so the post step (or ecs-rollback) can undo this step; and
 * the outputs known from the plan alone.
 */
export function saveStart(
  plan: {
    mode: DeployState['mode'];
    cluster: string;
    service: string;
    region: string;
    previousTaskDefinition: string | undefined;
    taskDefinition: string | undefined;
  },
  strategy: string,
  context: Pick<Context, 'state' | 'outputs'>,
): TypedState<DeployState> {
  const state = new TypedState<DeployState>(context.state);
  state.save('mode', plan.mode);
  state.save('cluster', plan.cluster);
  state.save('service', plan.service);
  state.save('region', plan.region);
  state.save('previousTaskDefinition', plan.previousTaskDefinition ?? '');
  state.save('taskDefinition', plan.taskDefinition ?? '');
  state.save('finished', false);
  context.outputs.set('strategy', strategy);
  context.outputs.set('previous-task-definition-arn', plan.previousTaskDefinition ?? '');
  return state;
}
