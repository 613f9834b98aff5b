// The service settings a deploy can change besides the task definition: each is read and
// checked here, planned against what the service has (kept when not given), and either sent with
// UpdateService, carried by the AppSpec (CodeDeploy), or refused before any write.
import type {
  CapacityProviderStrategyItem,
  NetworkConfiguration,
  Service,
  ServiceConnectConfiguration,
  ServiceVolumeConfiguration,
  TaskDefinition,
  UpdateServiceCommandInput,
} from '@aws-sdk/client-ecs';
import { ConfigurationError } from '../../core/action/errors.js';
import { checkLaunchVolume, readEbsVolume } from '../../core/taskdef/ebs.js';
import type { Input, Reader } from './contract.js';
import { validateCapacityProviders, validateServiceConnect } from './schemas.validate.js';

export interface ServiceSettings {
  propagateTags: 'SERVICE' | 'TASK_DEFINITION' | 'NONE' | undefined;
  enableEcsManagedTags: boolean | undefined;
  enableExecuteCommand: boolean | undefined;
  healthCheckGracePeriodSeconds: number | undefined;
  capacityProviderStrategy: CapacityProviderStrategyItem[] | undefined;
  subnets: string[] | undefined;
  securityGroups: string[] | undefined;
  assignPublicIp: 'ENABLED' | 'DISABLED' | undefined;
  ebsVolume: ServiceVolumeConfiguration | undefined;
  serviceConnect: ServiceConnectConfiguration | undefined;
}

/** The input names of the settings, for messages. */
export const SETTING_INPUTS = {
  propagateTags: 'propagate-tags',
  enableEcsManagedTags: 'enable-ecs-managed-tags',
  enableExecuteCommand: 'enable-execute-command',
  healthCheckGracePeriodSeconds: 'health-check-grace-period',
  capacityProviderStrategy: 'capacity-provider-strategy',
  subnets: 'subnets',
  securityGroups: 'security-groups',
  assignPublicIp: 'assign-public-ip',
  ebsVolume: 'ebs-volume',
  serviceConnect: 'service-connect',
} as const satisfies Record<keyof ServiceSettings, string>;

function idList(reader: Reader, name: Input, pattern: RegExp, max: number, example: string) {
  const values = reader.list(name);
  if (values.length === 0) return undefined;
  const bad = values.find((v) => !pattern.test(v));
  if (bad !== undefined)
    throw new ConfigurationError(`Input '${name}': '${bad}' is not an id like ${example}.`, {
      input: name,
    });
  if (values.length > max)
    throw new ConfigurationError(
      `Input '${name}' names ${values.length}; ECS takes at most ${max}.`,
      {
        input: name,
      },
    );
  return values;
}

/** Reads the settings inputs: each is checked for its form here, against the service in planSettings. */
export function readSettings(reader: Reader): ServiceSettings {
  const grace = reader.optional('health-check-grace-period');
  const strategy = reader.structured<CapacityProviderStrategyItem[]>(
    'capacity-provider-strategy',
    validateCapacityProviders,
  );
  if (strategy !== undefined) {
    if (strategy.filter((item) => (item.base ?? 0) > 0).length > 1)
      throw new ConfigurationError(
        "Input 'capacity-provider-strategy': only one capacity provider may have a base.",
        {
          input: 'capacity-provider-strategy',
        },
      );
    if (!strategy.some((item) => (item.weight ?? 0) > 0))
      throw new ConfigurationError(
        "Input 'capacity-provider-strategy': at least one capacity provider needs a weight above 0.",
        { input: 'capacity-provider-strategy' },
      );
  }
  const ebsVolume = readEbsVolume(reader, 'service');
  return {
    propagateTags: reader.choice('propagate-tags', ['SERVICE', 'TASK_DEFINITION', 'NONE'] as const),
    enableEcsManagedTags:
      reader.optional('enable-ecs-managed-tags') === undefined
        ? undefined
        : reader.boolean('enable-ecs-managed-tags', false),
    enableExecuteCommand:
      reader.optional('enable-execute-command') === undefined
        ? undefined
        : reader.boolean('enable-execute-command', false),
    healthCheckGracePeriodSeconds:
      grace === undefined
        ? undefined
        : Math.round(
            reader.duration('health-check-grace-period', { min: 0, max: 2_147_483_647_000 }) / 1000,
          ),
    capacityProviderStrategy: strategy,
    subnets: idList(reader, 'subnets', /^subnet-[0-9a-f]{8,17}$/, 16, 'subnet-0a1b2c3d'),
    securityGroups: idList(reader, 'security-groups', /^sg-[0-9a-f]{8,17}$/, 5, 'sg-0a1b2c3d'),
    assignPublicIp: reader.choice('assign-public-ip', ['ENABLED', 'DISABLED'] as const),
    ebsVolume,
    serviceConnect: reader.structured<ServiceConnectConfiguration>(
      'service-connect',
      validateServiceConnect,
    ),
  };
}

/** One setting the deploy would change, as the plan and the summary show it. */
export interface SettingChange {
  input: string;
  setting: string;
  from: string;
  to: string;
  /** How it is applied: with UpdateService, or in the AppSpec (CodeDeploy). */
  via: 'UpdateService' | 'AppSpec';
}

export interface SettingsPlan {
  /** What UpdateService is sent besides the task definition. */
  update: Omit<Partial<UpdateServiceCommandInput>, 'cluster' | 'service' | 'taskDefinition'>;
  /** What the AppSpec carries (CodeDeploy): its NetworkConfiguration and CapacityProviderStrategy. */
  appSpec: {
    networkConfiguration?: NetworkConfiguration;
    capacityProviderStrategy?: CapacityProviderStrategyItem[];
  };
  changes: SettingChange[];
  /** Why ECS needs a new deployment for these settings (undefined: it does not). */
  forceReason: string | undefined;
}

const show = (value: unknown): string =>
  value === undefined ? '(not set)' : typeof value === 'string' ? value : JSON.stringify(value);

function differs(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) !== JSON.stringify(b ?? null);
}

/** The settings as this deploy would leave them, checked against the service and task definition. */
export function planSettings(
  settings: ServiceSettings,
  context: {
    service: Service;
    taskDefinition: TaskDefinition | undefined;
    /** The capacity providers of the cluster (undefined: not read). */
    clusterCapacityProviders: string[] | undefined;
    controller: 'ECS' | 'CODE_DEPLOY';
    where: string;
  },
): SettingsPlan {
  const { controller, where } = context;
  const plan: SettingsPlan = {
    update: {},
    appSpec: {},
    changes: [],
    forceReason: undefined,
  };
  const change = (
    key: keyof ServiceSettings,
    setting: string,
    from: unknown,
    to: unknown,
    via: SettingChange['via'] = 'UpdateService',
  ) => {
    if (differs(from, to))
      plan.changes.push({
        input: SETTING_INPUTS[key],
        setting,
        from: show(from),
        to: show(to),
        via,
      });
  };
  if (controller === 'CODE_DEPLOY') refuseForCodeDeployController(settings, where);
  planServiceFlags(settings, context, plan, change);
  planNetwork(settings, context, plan, change);
  planCapacityProviders(settings, context, plan, change);
  planEbsVolume(settings, context, plan, change);
  planServiceConnect(settings, context, plan, change);
  return plan;
}

type Change = (
  key: keyof ServiceSettings,
  setting: string,
  from: unknown,
  to: unknown,
  via?: SettingChange['via'],
) => void;

/**
 * UpdateService changes only a few settings of a CODE_DEPLOY service, and an AppSpec carries the
 * network and capacity providers; the rest has no way through.
 */
function refuseForCodeDeployController(settings: ServiceSettings, where: string): void {
  for (const key of ['enableExecuteCommand', 'ebsVolume', 'serviceConnect'] as const) {
    if (settings[key] !== undefined)
      throw new ConfigurationError(
        `Input '${SETTING_INPUTS[key]}' cannot be applied to ${where}: UpdateService cannot change it on a service with the CODE_DEPLOY deployment controller, and a CodeDeploy AppSpec cannot carry it.`,
        {
          input: SETTING_INPUTS[key],
          hint: 'Remove it; set it where the service is defined (your infrastructure code), or move the service to ECS-native blue/green.',
        },
      );
  }
}

/** Tag propagation, ECS managed tags, ECS Exec and the health check grace period. */
function planServiceFlags(
  settings: ServiceSettings,
  context: Parameters<typeof planSettings>[1],
  plan: SettingsPlan,
  change: Change,
): void {
  const { service, where } = context;
  if (settings.propagateTags !== undefined) {
    plan.update.propagateTags = settings.propagateTags;
    change('propagateTags', 'propagateTags', service.propagateTags, settings.propagateTags);
  }
  if (settings.enableEcsManagedTags !== undefined) {
    plan.update.enableECSManagedTags = settings.enableEcsManagedTags;
    change(
      'enableEcsManagedTags',
      'enableECSManagedTags',
      service.enableECSManagedTags ?? false,
      settings.enableEcsManagedTags,
    );
  }
  if (settings.enableExecuteCommand !== undefined) {
    plan.update.enableExecuteCommand = settings.enableExecuteCommand;
    change(
      'enableExecuteCommand',
      'enableExecuteCommand',
      service.enableExecuteCommand ?? false,
      settings.enableExecuteCommand,
    );
    // Only tasks started after the change can be reached: the deploy starts new ones anyway.
  }
  if (settings.healthCheckGracePeriodSeconds !== undefined) {
    if ((service.loadBalancers ?? []).length === 0)
      throw new ConfigurationError(
        `Input 'health-check-grace-period' applies to load balancer health checks, and ${where} has no load balancer.`,
        { input: 'health-check-grace-period', hint: 'Remove it.' },
      );
    plan.update.healthCheckGracePeriodSeconds = settings.healthCheckGracePeriodSeconds;
    change(
      'healthCheckGracePeriodSeconds',
      'healthCheckGracePeriodSeconds',
      service.healthCheckGracePeriodSeconds,
      settings.healthCheckGracePeriodSeconds,
    );
  }
}

/** A managed EBS volume, attached to the task definition volume configured at launch. */
function planEbsVolume(
  settings: ServiceSettings,
  context: Parameters<typeof planSettings>[1],
  plan: SettingsPlan,
  change: Change,
): void {
  const { service, taskDefinition } = context;
  if (settings.ebsVolume !== undefined) {
    checkLaunchVolume(taskDefinition, settings.ebsVolume.name ?? '');
    plan.update.volumeConfigurations = [settings.ebsVolume];
    const current = service.deployments?.find((d) => d.status === 'PRIMARY')?.volumeConfigurations;
    change('ebsVolume', 'volumeConfigurations', current, [settings.ebsVolume]);
  }
}

/** Service Connect: every published port must be a named port of the task definition. */
function planServiceConnect(
  settings: ServiceSettings,
  context: Parameters<typeof planSettings>[1],
  plan: SettingsPlan,
  change: Change,
): void {
  const { service, taskDefinition } = context;
  if (settings.serviceConnect !== undefined) {
    const ports = (taskDefinition?.containerDefinitions ?? []).flatMap((c) =>
      (c.portMappings ?? []).map((m) => m.name).filter((n): n is string => n !== undefined),
    );
    const missing = (settings.serviceConnect.services ?? []).find(
      (s) => !ports.includes(s.portName ?? ''),
    );
    if (missing !== undefined)
      throw new ConfigurationError(
        `Input 'service-connect' publishes port '${missing.portName ?? ''}', which no container of ${taskDefinition?.taskDefinitionArn ?? 'the task definition'} names (named ports: ${ports.join(', ') || 'none'}).`,
        {
          input: 'service-connect',
          hint: 'Name the port in portMappings[].name, or fix portName.',
        },
      );
    plan.update.serviceConnectConfiguration = settings.serviceConnect;
    const current = service.deployments?.find(
      (d) => d.status === 'PRIMARY',
    )?.serviceConnectConfiguration;
    change('serviceConnect', 'serviceConnectConfiguration', current, settings.serviceConnect);
  }
}

/** Subnets, security groups and public IP: each kept as the service has it when not given. */
function planNetwork(
  settings: ServiceSettings,
  context: Parameters<typeof planSettings>[1],
  plan: SettingsPlan,
  change: Change,
): void {
  if (
    settings.subnets === undefined &&
    settings.securityGroups === undefined &&
    settings.assignPublicIp === undefined
  )
    return;
  const { service, taskDefinition, where } = context;
  if (taskDefinition !== undefined && (taskDefinition.networkMode ?? 'bridge') !== 'awsvpc')
    throw new ConfigurationError(
      `Inputs 'subnets', 'security-groups' and 'assign-public-ip' set an awsvpc network, and ${taskDefinition.taskDefinitionArn ?? 'the task definition'} uses network mode ${taskDefinition.networkMode ?? 'bridge'}.`,
      { input: settings.subnets !== undefined ? 'subnets' : 'security-groups' },
    );
  const current = service.networkConfiguration?.awsvpcConfiguration;
  const subnets = settings.subnets ?? current?.subnets ?? [];
  if (subnets.length === 0)
    throw new ConfigurationError(
      `${where} has no subnets, and an awsvpc network needs them: give 'subnets' too.`,
      { input: 'subnets' },
    );
  const next: NetworkConfiguration = {
    awsvpcConfiguration: {
      subnets,
      securityGroups: settings.securityGroups ?? current?.securityGroups ?? [],
      assignPublicIp: settings.assignPublicIp ?? current?.assignPublicIp ?? 'DISABLED',
    },
  };
  const via = context.controller === 'CODE_DEPLOY' ? 'AppSpec' : 'UpdateService';
  if (via === 'AppSpec') plan.appSpec.networkConfiguration = next;
  else plan.update.networkConfiguration = next;
  change('subnets', 'subnets', current?.subnets, next.awsvpcConfiguration?.subnets, via);
  change(
    'securityGroups',
    'securityGroups',
    current?.securityGroups ?? [],
    next.awsvpcConfiguration?.securityGroups,
    via,
  );
  change(
    'assignPublicIp',
    'assignPublicIp',
    current?.assignPublicIp ?? 'DISABLED',
    next.awsvpcConfiguration?.assignPublicIp,
    via,
  );
}

function planCapacityProviders(
  settings: ServiceSettings,
  context: Parameters<typeof planSettings>[1],
  plan: SettingsPlan,
  change: Change,
): void {
  const strategy = settings.capacityProviderStrategy;
  if (strategy === undefined) return;
  const { service, clusterCapacityProviders, where } = context;
  const unknown = strategy.find(
    (item) => !(clusterCapacityProviders ?? []).includes(item.capacityProvider ?? ''),
  );
  if (unknown !== undefined)
    throw new ConfigurationError(
      `Input 'capacity-provider-strategy' names ${unknown.capacityProvider ?? ''}, which is not a capacity provider of the cluster of ${where} (it has ${(clusterCapacityProviders ?? []).join(', ') || 'none'}).`,
      {
        input: 'capacity-provider-strategy',
        hint: 'Associate it with the cluster first (PutClusterCapacityProviders), or fix the name.',
      },
    );
  const current = service.capacityProviderStrategy;
  const via = context.controller === 'CODE_DEPLOY' ? 'AppSpec' : 'UpdateService';
  if (via === 'AppSpec') plan.appSpec.capacityProviderStrategy = strategy;
  else {
    plan.update.capacityProviderStrategy = strategy;
    // ECS requires a new deployment to move a service from a launch type to capacity
    // providers, or from one strategy to another.
    if (differs(current, strategy))
      plan.forceReason = `ECS needs a new deployment to ${current === undefined || current.length === 0 ? `move from launch type ${service.launchType ?? '?'} to` : 'change'} the capacity provider strategy`;
  }
  change(
    'capacityProviderStrategy',
    'capacityProviderStrategy',
    current ?? (service.launchType === undefined ? undefined : `launch type ${service.launchType}`),
    strategy,
    via,
  );
}
