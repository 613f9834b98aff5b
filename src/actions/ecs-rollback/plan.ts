import type { TaskDefinition } from '@aws-sdk/client-ecs';
import { ConfigurationError } from '../../core/action/errors.js';
import type { ActionPlan } from '../../core/action/run.js';
import { ecsAppSpec } from '../../core/deploy/codedeploy.js';
import {
  type PreviousRevision,
  type RecordedChange,
  sameTaskDefinition,
  shortTaskDefinition,
  taskDefinitionArn,
} from '../../core/rollback/history.js';
import { type RollbackInputs } from './inputs.js';
import { rollbackPermissions } from '../../core/permissions/rollback.js';

export interface ObservedService {
  serviceArn: string;
  clusterArn: string;
  account: string;
  controller: string;
  /** ECS's own deployment strategy on the ECS controller (BLUE_GREEN, CANARY, LINEAR shift traffic themselves). */
  nativeStrategy?: string | undefined;
  /** The task definition the service runs (rolling: its PRIMARY deployment's; CodeDeploy: the primary task set's). */
  current: string | undefined;
  /** An unfinished deployment: ECS deployment id (rolling), CodeDeploy deployment id, or service deployment ARN (ECS-native). */
  inFlight: string | undefined;
  /** ECS-native, in flight: the task definition it replaces (stopping it returns there). */
  inFlightSource?: string | undefined;
  recorded: RecordedChange | undefined;
  /** The task definition the `to` input names, when given. */
  requested: TaskDefinition | undefined;
  /** The previous good revision from ECS's or CodeDeploy's history. */
  history: PreviousRevision | undefined;
  /** Container and port the load balancer routes to (CodeDeploy AppSpec). */
  container: { name: string; port: number } | undefined;
  groupExists: boolean;
}

export type RollbackStep =
  | { kind: 'none'; why: string }
  | { kind: 'update-service' }
  | { kind: 'stop-codedeploy'; deploymentId: string }
  /** An ECS-native deployment in flight: StopServiceDeployment with rollback. */
  | { kind: 'stop-native'; arn: string }
  | { kind: 'codedeploy-deploy'; appSpec: { content: string; sha256: string } };

export interface RollbackPlan extends ActionPlan {
  region: string;
  cluster: string;
  service: string;
  serviceArn: string;
  mode: 'rolling' | 'codedeploy' | 'native';
  step: RollbackStep;
  from: string;
  to: string;
  /** Where the target came from: the input, a history entry, the recorded change. */
  source: string;
  application: string;
  deploymentGroup: string;
  deploymentConfig: string;
}

/** Decides what to roll back to, and how, from what was observed. No AWS call. */
export function planRollback(inputs: RollbackInputs, observed: ObservedService): RollbackPlan {
  const where = `${inputs.cluster}/${inputs.service}`;
  const mode = rollbackMode(inputs, observed, where);
  const current = observed.current ?? '';
  const withPermissions = (step: RollbackStep, to: string, source: string): RollbackPlan => ({
    region: inputs.region,
    cluster: inputs.cluster,
    service: inputs.service,
    serviceArn: observed.serviceArn,
    mode,
    from: current,
    application: inputs.application,
    deploymentGroup: inputs.deploymentGroup,
    deploymentConfig: inputs.deploymentConfig,
    step,
    to,
    source,
    permissions: rollbackPermissions(inputs, observed, mode, step),
  });
  if (mode === 'native' && observed.inFlight !== undefined) {
    const source = observed.inFlightSource ?? current;
    refuseTargetPastInFlight(observed, where, source);
    return withPermissions(
      { kind: 'stop-native', arn: observed.inFlight },
      source,
      `stopping service deployment ${observed.inFlight} with rollback`,
    );
  }
  if (mode === 'codedeploy' && observed.inFlight !== undefined) {
    refuseTargetPastInFlight(observed, where, current);
    return withPermissions(
      { kind: 'stop-codedeploy', deploymentId: observed.inFlight },
      current,
      `stopping CodeDeploy deployment ${observed.inFlight} with rollback`,
    );
  }
  const target = chooseTarget(observed, where, current);
  if (target !== undefined && 'why' in target)
    return withPermissions({ kind: 'none', why: target.why }, current, target.source);
  if (target === undefined) {
    throw new ConfigurationError(
      `${where} has no earlier revision to roll back to: ${mode === 'rolling' ? "ECS's deployment history" : "CodeDeploy's deployment history"} has no other successful deployment, and no ecs-delivery deploy is recorded on the service. Nothing was changed.`,
      { input: 'to', hint: "Name the revision to return to in 'to' (family:revision)." },
    );
  }
  if (sameTaskDefinition(target.taskDefinition, current) && observed.inFlight === undefined) {
    return withPermissions(
      {
        kind: 'none',
        why: `${where} already runs ${shortTaskDefinition(current)}; nothing changed.`,
      },
      target.taskDefinition,
      target.source,
    );
  }
  if (mode === 'rolling' || mode === 'native')
    return withPermissions({ kind: 'update-service' }, target.taskDefinition, target.source);
  if (observed.container === undefined) {
    throw new ConfigurationError(
      `${where} has no load balancer to route a CodeDeploy deployment through.`,
      { input: 'service' },
    );
  }
  return withPermissions(
    {
      kind: 'codedeploy-deploy',
      appSpec: ecsAppSpec(target.taskDefinition, observed.container.name, observed.container.port),
    },
    target.taskDefinition,
    target.source,
  );
}

/** Rolling for the ECS controller, CodeDeploy for CODE_DEPLOY (whose group must exist). */
function rollbackMode(
  inputs: RollbackInputs,
  observed: ObservedService,
  where: string,
): RollbackPlan['mode'] {
  if (observed.controller !== 'ECS' && observed.controller !== 'CODE_DEPLOY') {
    throw new ConfigurationError(
      `${where} uses the ${observed.controller} deployment controller; ecs-rollback handles ECS (rolling) and CODE_DEPLOY (blue/green) services.`,
      { input: 'service' },
    );
  }
  const native = observed.nativeStrategy;
  if (observed.controller === 'ECS' && native !== undefined && native !== 'ROLLING')
    return 'native';
  const mode = observed.controller === 'ECS' ? 'rolling' : 'codedeploy';
  if (mode === 'codedeploy' && !observed.groupExists) {
    throw new ConfigurationError(
      `CodeDeploy deployment group ${inputs.deploymentGroup} of application ${inputs.application} does not exist.`,
      { input: 'codedeploy-deployment-group' },
    );
  }
  return mode;
}

/** Stopping an in-flight CodeDeploy deployment returns to what served: 'to' cannot go elsewhere. */
function refuseTargetPastInFlight(observed: ObservedService, where: string, current: string): void {
  if (
    observed.requested === undefined ||
    sameTaskDefinition(observed.requested.taskDefinitionArn, current)
  )
    return;
  throw new ConfigurationError(
    `Deployment ${observed.inFlight ?? ''} of ${where} is in flight; stopping it returns the service to ${shortTaskDefinition(current)}, not ${shortTaskDefinition(observed.requested.taskDefinitionArn ?? '')}.`,
    {
      input: 'to',
      hint: "Run without 'to' first (it stops the deployment with rollback), then again with 'to'.",
    },
  );
}

/**
 * The revision to return to: the 'to' input, else the service's history, else the deploy
 * recorded on it; or why nothing is to be done (a recorded rollback or an undone deploy stands).
 */
function chooseTarget(
  observed: ObservedService,
  where: string,
  current: string,
): PreviousRevision | { why: string; source: string } | undefined {
  const recorded = observed.recorded;
  const settled = observed.inFlight === undefined;
  if (observed.requested !== undefined) {
    const requested = observed.requested;
    if (requested.status !== 'ACTIVE') {
      throw new ConfigurationError(
        `Task definition ${requested.taskDefinitionArn ?? ''} is ${requested.status ?? 'not ACTIVE'}; ECS will not deploy it.`,
        {
          input: 'to',
          hint: 'Name an ACTIVE revision, or leave `to` empty for the previous good one.',
        },
      );
    }
    return { taskDefinition: requested.taskDefinitionArn ?? '', source: "the 'to' input" };
  }
  if (recorded?.kind === 'rollback' && sameTaskDefinition(recorded.to, current) && settled)
    return {
      why: `${where} was already rolled back from ${recorded.from} to ${recorded.to} and still runs it; nothing changed. Give 'to' to go further back.`,
      source: `the ${recorded.kind} recorded on the service`,
    };
  if (recorded?.kind === 'deploy' && sameTaskDefinition(recorded.from, current) && settled)
    // The last deploy was undone already (circuit breaker, CodeDeploy's own rollback): going
    // further back is a decision for a person, with `to`.
    return {
      why: `${where} runs ${recorded.from} again, the revision before the last deploy (of ${recorded.to}): that deploy was already rolled back, and nothing changed. Give 'to' to go further back.`,
      source: `the ${recorded.kind} recorded on the service`,
    };
  if (observed.history !== undefined) return observed.history;
  if (recorded?.kind === 'deploy' && sameTaskDefinition(recorded.to, current))
    return {
      taskDefinition: taskDefinitionArn(recorded.from, observed.serviceArn),
      source: 'the deploy recorded on the service (ecs-delivery:last-change tag)',
    };
  return undefined;
}
