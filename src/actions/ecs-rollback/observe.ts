// Observe: the AWS reads ecs-rollback needs, then its pure plan (plan.ts).
import { type CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { type ECSClient, type Service, type TaskDefinition } from '@aws-sdk/client-ecs';
import {
  describeServiceDeployment,
  inFlightServiceDeployments,
  isNativeStrategy,
  revisionTaskDefinition,
} from '../../core/deploy/ecs-native.js';
import { describeTaskDefinition } from '../../core/taskdef/describe.js';
import { observeDeploymentGroup } from '../../core/deploy/codedeploy.js';
import {
  previousFromCodeDeployHistory,
  previousFromEcsHistory,
  readRecordedChange,
  shortTaskDefinition,
} from '../../core/rollback/history.js';
import { type RollbackInputs } from './inputs.js';
import { type ObservedService, type RollbackPlan, planRollback } from './plan.js';

type Ecs = Pick<ECSClient, 'send'>;
type CodeDeploy = Pick<CodeDeployClient, 'send'>;

/** Reads what the decision needs (no write), then plans. */
export async function observeAndPlan(
  inputs: RollbackInputs,
  ecs: Ecs,
  codedeploy: CodeDeploy,
  /** The service, as the step's first read found it (action.ts). */
  service: Service,
): Promise<RollbackPlan> {
  const controller = service.deploymentController?.type ?? 'ECS';
  const current = currentTaskDefinition(service);
  const serviceArn = service.serviceArn ?? '';
  const observed: ObservedService = {
    serviceArn,
    clusterArn: service.clusterArn ?? '',
    account: serviceArn.split(':')[4] ?? '*',
    controller,
    nativeStrategy: service.deploymentConfiguration?.strategy,
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
  if (controller === 'ECS' && isNativeStrategy(service.deploymentConfiguration?.strategy)) {
    await observeNative(ecs, inputs, observed);
  } else if (controller === 'ECS') {
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

/**
 * An ECS-native service: its service deployment in flight, and the task definition stopping it
 * returns to (its source revision's); at rest, the previous good revision from ECS's history.
 */
async function observeNative(
  ecs: Ecs,
  inputs: RollbackInputs,
  observed: ObservedService,
): Promise<void> {
  const arn = (await inFlightServiceDeployments(ecs, inputs.cluster, inputs.service))[0]
    ?.serviceDeploymentArn;
  if (arn !== undefined) {
    const d = await describeServiceDeployment(ecs, arn);
    // One already rolling back is followed by ECS: nothing for this step to stop.
    if (d.status === 'IN_PROGRESS' || d.status === 'PENDING') {
      observed.inFlight = arn;
      const source = d.sourceServiceRevisions?.[0]?.arn;
      if (source !== undefined) observed.inFlightSource = await revisionTaskDefinition(ecs, source);
      return;
    }
  }
  if (inputs.to === undefined)
    observed.history = await previousFromEcsHistory(
      ecs,
      inputs.cluster,
      inputs.service,
      observed.current ?? '',
    );
}

/** The task definition a service runs: its PRIMARY deployment's, or its primary task set's. */
export function currentTaskDefinition(service: Service): string | undefined {
  return (
    service.deployments?.find((d) => d.status === 'PRIMARY')?.taskDefinition ??
    service.taskSets?.find((t) => t.status === 'PRIMARY')?.taskDefinition ??
    service.taskDefinition
  );
}

export async function requestedTaskDefinition(
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
