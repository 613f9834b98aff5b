import {
  type ContainerDefinition,
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  type DeploymentConfiguration,
  ECSClient,
  DescribeTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs';
import { waitFor } from './wait.js';

let counter = 0;

/** A name unique to this test run, for resources in a shared test bed. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/**
 * The web container's health check, as most services have one: without a load balancer, ECS
 * counts such a task healthy once it passes (the test bed: healthySeconds), not 40 s after it
 * runs. The test bed simulates the check; nothing runs it.
 */
export const WEB_HEALTH_CHECK = {
  command: ['CMD-SHELL', 'wget -q -O /dev/null http://127.0.0.1:8080/health || exit 1'],
  interval: 5,
  retries: 3,
};

export async function registerWebTaskDefinition(
  ecs: ECSClient,
  family: string,
  image: string,
  /** More of the web container's definition (`healthCheck: undefined` for none). */
  container: Partial<ContainerDefinition> = {},
): Promise<string> {
  const response = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        {
          name: 'web',
          image,
          essential: true,
          portMappings: [{ containerPort: 8080 }],
          healthCheck: WEB_HEALTH_CHECK,
          ...container,
        },
      ],
    }),
  );
  return response.taskDefinition?.taskDefinitionArn ?? '';
}

export interface RollingService {
  cluster: string;
  service: string;
  family: string;
  firstTaskDefinition: string;
}

/** A cluster and a steady FARGATE service on the ECS controller. */
export async function createRollingService(
  ecs: ECSClient,
  options: { desiredCount?: number; deploymentConfiguration?: DeploymentConfiguration } = {},
): Promise<RollingService> {
  const cluster = uniqueName('cluster');
  const service = 'web';
  const family = uniqueName('web');
  await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
  const firstTaskDefinition = await registerWebTaskDefinition(
    ecs,
    family,
    'registry.example/web:1',
  );
  await ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: service,
      taskDefinition: firstTaskDefinition,
      desiredCount: options.desiredCount ?? 2,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d'] } },
      ...(options.deploymentConfiguration === undefined
        ? {}
        : { deploymentConfiguration: options.deploymentConfiguration }),
    }),
  );
  await waitForSteady(ecs, cluster, service);
  return { cluster, service, family, firstTaskDefinition };
}

export async function describeService(
  ecs: ECSClient,
  cluster: string,
  service: string,
): Promise<Service> {
  const response = await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }));
  const found = response.services?.[0];
  if (found === undefined) throw new Error(`service ${cluster}/${service} not found`);
  return found;
}

/** Waits (real time) until the service has one COMPLETED deployment. */
export function waitForSteady(
  ecs: ECSClient,
  cluster: string,
  service: string,
  timeoutMs = 30_000,
): Promise<Service> {
  return waitFor(
    () => describeService(ecs, cluster, service),
    (s) => s.deployments?.length === 1 && s.deployments[0]?.rolloutState === 'COMPLETED',
    { timeoutMs, what: `${cluster}/${service} to be steady` },
  );
}

/** Runs one task and waits (real time) until it is STOPPED; returns it as DescribeTasks shows it. */
export async function runTaskToStop(
  ecs: ECSClient,
  cluster: string,
  taskDefinition: string,
  options: {
    network?: object;
    timeoutMs?: number;
    beforeWait?: (taskArn: string) => Promise<void>;
  } = {},
): Promise<Task | undefined> {
  const network = options.network ?? { awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d'] } };
  const started = (
    await ecs.send(new RunTaskCommand({ cluster, taskDefinition, networkConfiguration: network }))
  ).tasks?.[0];
  const taskArn = started?.taskArn ?? '';
  await options.beforeWait?.(taskArn);
  return waitFor(
    async () =>
      (await ecs.send(new DescribeTasksCommand({ cluster, tasks: [taskArn] }))).tasks?.[0],
    (t) => t?.lastStatus === 'STOPPED',
    { timeoutMs: options.timeoutMs ?? 60_000, what: `task ${taskArn} to stop` },
  );
}
