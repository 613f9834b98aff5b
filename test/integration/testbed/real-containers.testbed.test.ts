import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateRepositoryCommand, ECRClient } from '@aws-sdk/client-ecr';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { useRealContainers } from '../../testbed/client.ts';
import { sdkConfig } from '../../support/aws-env.js';
import { docker, imageContext } from '../../support/docker.js';
import { dockerLoginToEcr } from '../../support/job-image.js';
import {
  describeService,
  runTaskToStop,
  uniqueName,
  waitForSteady,
} from '../../support/ecs-fixtures.js';
import { waitFor } from '../../support/wait.js';

const endpoint = inject('awsEndpoint');
const ecr = new ECRClient(sdkConfig());
const ecs = new ECSClient(sdkConfig());
const logs = new CloudWatchLogsClient(sdkConfig());
const dockerHost = inject('dockerHost') ?? '';
const config = mkdtempSync(join(tmpdir(), 'docker-config-'));
const images: Record<'server' | 'crash' | 'job', string> = { server: '', crash: '', job: '' };
let repositoryUri = '';

async function push(tag: string, context: string): Promise<string> {
  const build = await docker(
    ['build', '--network', 'none', '-t', `${repositoryUri}:${tag}`, context],
    { host: dockerHost, config },
  );
  expect(build.code, build.stderr).toBe(0);
  const pushed = await docker(['push', `${repositoryUri}:${tag}`], { host: dockerHost, config });
  expect(pushed.code, pushed.stderr).toBe(0);
  const digest = /digest: (sha256:[0-9a-f]{64})/.exec(pushed.stdout)?.[1] ?? '';
  return `${repositoryUri}@${digest}`;
}

async function register(family: string, image: string, log?: string): Promise<string> {
  const response = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        {
          name: 'app',
          image,
          essential: true,
          ...(log === undefined
            ? {}
            : {
                logConfiguration: {
                  logDriver: 'awslogs',
                  options: {
                    'awslogs-group': log,
                    'awslogs-region': 'eu-west-1',
                    'awslogs-stream-prefix': 'job',
                  },
                },
              }),
        },
      ],
    }),
  );
  return response.taskDefinition?.taskDefinitionArn ?? '';
}

const network = { awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d'] } };

describe.runIf(inject('testbed') && inject('dockerHost') !== null && inject('registry') !== null)(
  'test bed tasks as real containers (Docker engine, images from the test bed registry)',
  () => {
    beforeAll(async () => {
      const name = uniqueName('real');
      repositoryUri =
        (await ecr.send(new CreateRepositoryCommand({ repositoryName: name }))).repository
          ?.repositoryUri ?? '';
      await dockerLoginToEcr(ecr, dockerHost, config);
      images.server = await push('server', imageContext('serving'));
      images.crash = await push('crash', imageContext('crashing', 2));
      images.job = await push('job', imageContext('migration-done', 0));
    }, 120_000);

    it('runs a service from the registry, and a crashing version trips the circuit breaker and rolls back', async () => {
      const cluster = uniqueName('real');
      await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
      await useRealContainers(endpoint, cluster);
      const family = uniqueName('real-web');
      const good = await register(family, images.server);
      await ecs.send(
        new CreateServiceCommand({
          cluster,
          serviceName: 'web',
          taskDefinition: good,
          desiredCount: 1,
          launchType: 'FARGATE',
          networkConfiguration: network,
          deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
        }),
      );
      await waitForSteady(ecs, cluster, 'web', 60_000);
      const running =
        (await ecs.send(new ListTasksCommand({ cluster, desiredStatus: 'RUNNING' }))).taskArns ??
        [];
      const [task] =
        (await ecs.send(new DescribeTasksCommand({ cluster, tasks: running }))).tasks ?? [];
      const containerId = task?.containers?.[0]?.runtimeId ?? '';
      const inspected = await docker(
        ['inspect', '--format', '{{.State.Status}} {{.Config.Image}}', containerId],
        {
          host: dockerHost,
          config,
        },
      );
      expect(inspected.stdout.trim()).toBe(`running ${images.server}`);

      const bad = await register(family, images.crash);
      const failedId = (
        await ecs.send(new UpdateServiceCommand({ cluster, service: 'web', taskDefinition: bad }))
      ).service?.deployments?.[0]?.id;
      const after = await waitFor(
        () => describeService(ecs, cluster, 'web'),
        (s) =>
          s.deployments?.length === 1 &&
          s.deployments[0]?.rolloutState === 'COMPLETED' &&
          s.deployments[0].id !== failedId,
        { timeoutMs: 90_000, what: 'the rollback' },
      );
      expect(after.taskDefinition).toBe(good);
      const stopped =
        (await ecs.send(new ListTasksCommand({ cluster, desiredStatus: 'STOPPED' }))).taskArns ??
        [];
      const crashed = (
        (await ecs.send(new DescribeTasksCommand({ cluster, tasks: stopped }))).tasks ?? []
      ).filter((t) => t.taskDefinitionArn === bad);
      expect(crashed.length).toBeGreaterThanOrEqual(3);
      expect(crashed[0]?.stoppedReason).toBe('Essential container in task exited');
      expect(crashed[0]?.containers?.[0]?.exitCode).toBe(2);
    }, 150_000);

    it('runs a one-off task to its exit code and ships its output to CloudWatch Logs', async () => {
      const cluster = uniqueName('real-job');
      await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
      await useRealContainers(endpoint, cluster);
      const group = `/ecs/${uniqueName('job')}`;
      const taskDefinition = await register(uniqueName('job'), images.job, group);
      const done = await runTaskToStop(ecs, cluster, taskDefinition, { network });
      expect(done?.containers?.[0]?.exitCode).toBe(0);
      const taskId = done?.taskArn?.split('/').at(-1) ?? '';
      const events = await logs.send(
        new GetLogEventsCommand({ logGroupName: group, logStreamName: `job/app/${taskId}` }),
      );
      expect(events.events?.map((e) => e.message)).toEqual(['migration-done']);
    }, 90_000);

    it('stops a task whose image is missing from the registry with CannotPullContainerError', async () => {
      const cluster = uniqueName('real-missing');
      await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
      await useRealContainers(endpoint, cluster);
      const taskDefinition = await register(
        uniqueName('missing'),
        `${repositoryUri}:does-not-exist`,
      );
      const done = await runTaskToStop(ecs, cluster, taskDefinition, { network });
      expect(done?.stopCode).toBe('TaskFailedToStart');
      expect(done?.stoppedReason).toMatch(/^CannotPullContainerError: /);
    }, 90_000);
  },
);
