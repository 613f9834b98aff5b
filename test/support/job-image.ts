import {
  CreateRepositoryCommand,
  type ECRClient,
  GetAuthorizationTokenCommand,
} from '@aws-sdk/client-ecr';
import {
  CreateClusterCommand,
  type ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useRealContainers } from '../testbed/client.ts';
import { docker, imageContext } from './docker.js';
import { uniqueName } from './ecs-fixtures.js';

/** `docker login` to the test bed's ECR registry with a token from GetAuthorizationToken (password on stdin). */
export async function dockerLoginToEcr(
  ecr: ECRClient,
  dockerHost: string,
  config: string,
): Promise<void> {
  const auth = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0];
  const password =
    Buffer.from(auth?.authorizationToken ?? '', 'base64')
      .toString()
      .split(':')[1] ?? '';
  const login = await docker(
    ['login', '-u', 'AWS', '--password-stdin', auth?.proxyEndpoint ?? ''],
    { host: dockerHost, config, input: password },
  );
  if (login.code !== 0) throw new Error(`docker login failed: ${login.stderr}`);
}

export interface JobSetup {
  cluster: string;
  /** One essential container `migrate` (FROM=v41 in its environment), logging to CloudWatch Logs. */
  taskDefinition: string;
}

/**
 * A busybox image pushed to the test bed's ECR, a cluster whose tasks run as real containers, and
 * a task definition for one-off jobs from that image.
 */
export async function jobSetup(
  clients: { ecr: ECRClient; ecs: ECSClient },
  endpoint: string,
  dockerHost: string,
): Promise<JobSetup> {
  const { ecr, ecs } = clients;
  const config = mkdtempSync(join(tmpdir(), 'docker-config-'));
  const name = uniqueName('jobs');
  const repositoryUri =
    (await ecr.send(new CreateRepositoryCommand({ repositoryName: name }))).repository
      ?.repositoryUri ?? '';
  await dockerLoginToEcr(ecr, dockerHost, config);
  const tag = `${repositoryUri}:job`;
  for (const args of [
    ['build', '--network', 'none', '-t', tag, imageContext('job', 0)],
    ['push', tag],
  ]) {
    const result = await docker(args, { host: dockerHost, config });
    if (result.code !== 0) throw new Error(`docker ${args[0] ?? ''} failed: ${result.stderr}`);
  }
  const cluster = uniqueName('jobs');
  await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
  await useRealContainers(endpoint, cluster);
  const family = uniqueName('migrate');
  const registered = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        {
          name: 'migrate',
          image: tag,
          essential: true,
          environment: [{ name: 'FROM', value: 'v41' }],
          logConfiguration: {
            logDriver: 'awslogs',
            options: { 'awslogs-group': `/ecs/${family}`, 'awslogs-stream-prefix': 'job' },
          },
        },
      ],
    }),
  );
  return { cluster, taskDefinition: registered.taskDefinition?.taskDefinitionArn ?? '' };
}
