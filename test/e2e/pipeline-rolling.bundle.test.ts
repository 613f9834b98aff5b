import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { useRealContainers } from '../testbed/client.ts';
import { sdkConfig } from '../support/aws-env.js';
import { runBundle } from '../support/bundle.js';
import { bundleRelease } from '../support/bundle-release.js';
import { docker } from '../support/docker.js';
import { uniqueName, waitForSteady } from '../support/ecs-fixtures.js';

const ecs = new ECSClient(sdkConfig());
const endpoint = inject('awsEndpoint');

describe.runIf(inject('testbed') && inject('dockerHost') !== null)(
  'the pipeline through the bundles: ecr-build-push -> ecs-task-definition -> ecs-deploy (rolling, real containers)',
  () => {
    it('builds, registers and deploys a new version that then runs as a real container', async () => {
      const repository = uniqueName('pipe');
      const family = uniqueName('pipe');
      const cluster = uniqueName('pipe');
      const release = bundleRelease(repository, family);

      const first = await release('version-one', '1111111111111111111111111111111111111111');
      await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
      await useRealContainers(endpoint, cluster);
      await ecs.send(
        new CreateServiceCommand({
          cluster,
          serviceName: 'web',
          taskDefinition: first.taskDefinition,
          desiredCount: 1,
          launchType: 'FARGATE',
          networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d'] } },
          deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
        }),
      );
      await waitForSteady(ecs, cluster, 'web', 60_000);

      const second = await release('version-two', '2222222222222222222222222222222222222222');
      const deployed = await runBundle('ecs-deploy', {
        env: second.env,
        inputs: {
          'bake-time': '0',
          cluster,
          service: 'web',
          'task-definition': second.taskDefinition,
          timeout: '10m',
        },
        timeoutMs: 120_000,
      });
      expect(deployed.errors).toEqual([]);
      expect(deployed.exitCode).toBe(0);
      expect(deployed.outputs).toMatchObject({
        status: 'SUCCEEDED',
        'rolled-back': 'false',
        'previous-task-definition-arn': first.taskDefinition,
      });
      expect(deployed.summary).toContain(`## Deployment ${cluster}/web`);
      // The post step of a finished deployment does nothing.
      const post = await runBundle('ecs-deploy', { env: second.env, state: deployed.state });
      expect(post.exitCode).toBe(0);
      expect(post.stdout).not.toContain('rolling back');

      const running =
        (await ecs.send(new ListTasksCommand({ cluster, desiredStatus: 'RUNNING' }))).taskArns ??
        [];
      const [task] =
        (await ecs.send(new DescribeTasksCommand({ cluster, tasks: running }))).tasks ?? [];
      expect(task?.taskDefinitionArn).toBe(second.taskDefinition);
      const inspected = await docker(
        ['inspect', '--format', '{{.Config.Image}}', task?.containers?.[0]?.runtimeId ?? ''],
        {
          host: inject('dockerHost') ?? '',
          config: mkdtempSync(join(tmpdir(), 'cfg-')),
        },
      );
      expect(inspected.stdout.trim()).toBe(second.image);
    }, 240_000);
  },
);
