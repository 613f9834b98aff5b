import { arnIn } from '../../core/action/permissions.js';
import type {
  NetworkConfiguration,
  Service,
  TaskDefinition,
  TaskOverride,
  TaskVolumeConfiguration,
} from '@aws-sdk/client-ecs';
import { checkLaunchVolume, ebsPassRole } from '../../core/taskdef/ebs.js';
import { ConfigurationError } from '../../core/action/errors.js';
import type { ActionPlan } from '../../core/action/run.js';
import { type LogSource, logSources } from '../../core/deploy/log-sources.js';
import { type RunTaskInputs } from './inputs.js';
import { runTaskPermissions } from '../../core/permissions/run-task.js';

export interface RunTaskPlan extends ActionPlan {
  region: string;
  cluster: string;
  taskDefinition: string;
  container: string;
  overrides: TaskOverride | undefined;
  networkConfiguration: NetworkConfiguration | undefined;
  volumeConfigurations: TaskVolumeConfiguration[] | undefined;
  launchType: RunTaskInputs['launchType'];
  startedBy: string;
  /** Containers whose exit decides the step (the task stops when one of them exits). */
  essential: string[];
  logSources: LogSource[];
}

/** Checks the task definition against the inputs, and builds the RunTask request. No AWS call. */
export function planRunTask(
  inputs: RunTaskInputs,
  taskDefinition: TaskDefinition,
  account: string,
  service: Service | undefined,
): RunTaskPlan {
  const arn = taskDefinition.taskDefinitionArn ?? inputs.taskDefinition;
  if (taskDefinition.status !== 'ACTIVE') {
    throw new ConfigurationError(
      `Task definition ${arn} is ${taskDefinition.status ?? 'not ACTIVE'}; ECS will not run it.`,
      { input: 'task-definition' },
    );
  }
  const containers = taskDefinition.containerDefinitions ?? [];
  const essential = containers.filter((c) => c.essential !== false).map((c) => c.name ?? '');
  const container = inputs.container ?? essential[0] ?? containers[0]?.name ?? '';
  if (!containers.some((c) => c.name === container)) {
    throw new ConfigurationError(
      `Task definition ${arn} has no container '${container}'; it has ${containers.map((c) => c.name ?? '').join(', ')}.`,
      { input: 'container' },
    );
  }
  let networkConfiguration: NetworkConfiguration | undefined;
  if (service !== undefined) {
    networkConfiguration = service.networkConfiguration;
    if (networkConfiguration?.awsvpcConfiguration === undefined) {
      throw new ConfigurationError(
        `Service ${inputs.networkFromService ?? ''} has no awsvpc network configuration to copy.`,
        { input: 'network-from-service' },
      );
    }
  } else if (inputs.subnets.length > 0) {
    networkConfiguration = {
      awsvpcConfiguration: {
        subnets: inputs.subnets,
        ...(inputs.securityGroups.length > 0 ? { securityGroups: inputs.securityGroups } : {}),
        assignPublicIp: inputs.assignPublicIp ? 'ENABLED' : 'DISABLED',
      },
    };
  }
  if (taskDefinition.networkMode === 'awsvpc' && networkConfiguration === undefined) {
    throw new ConfigurationError(
      `Task definition ${arn} uses the awsvpc network mode, so the task needs subnets.`,
      {
        input: 'subnets',
        hint: "Give 'subnets' (and 'security-groups'), or 'network-from-service' to use a service's.",
      },
    );
  }
  const containerOverride = {
    name: container,
    ...(inputs.command === undefined ? {} : { command: inputs.command }),
    ...(inputs.environment.size === 0
      ? {}
      : {
          environment: [...inputs.environment].map(([name, value]) => ({ name, value })),
        }),
  };
  const overrides =
    inputs.command === undefined && inputs.environment.size === 0
      ? undefined
      : { containerOverrides: [containerOverride] };
  if (inputs.ebsVolume !== undefined)
    checkLaunchVolume(taskDefinition, inputs.ebsVolume.name ?? '');
  const sources = logSources(taskDefinition);
  const clusterArn = arnIn(
    'ecs',
    inputs.region,
    account,
    `cluster/${inputs.cluster.split('/').at(-1) ?? inputs.cluster}`,
  );
  return {
    region: inputs.region,
    cluster: inputs.cluster,
    taskDefinition: arn,
    container,
    overrides,
    networkConfiguration,
    volumeConfigurations: inputs.ebsVolume === undefined ? undefined : [inputs.ebsVolume],
    launchType: inputs.launchType,
    startedBy: inputs.startedBy,
    essential,
    logSources: sources,
    permissions: [
      ...runTaskPermissions(arn, clusterArn, taskDefinition, sources, inputs, account),
      ...(inputs.ebsVolume === undefined
        ? []
        : [ebsPassRole(inputs.ebsVolume.managedEBSVolume?.roleArn ?? '')]),
    ],
  };
}
