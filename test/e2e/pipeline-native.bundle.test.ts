import { DescribeTasksCommand, ECSClient, ListTasksCommand } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { TestbedControl } from '../testbed/client.ts';
import { sdkConfig } from '../support/aws-env.js';
import { runBundle } from '../support/bundle.js';
import { bundleRelease } from '../support/bundle-release.js';
import { docker } from '../support/docker.js';
import { uniqueName } from '../support/ecs-fixtures.js';
import { createNativeService, ruleWeights } from '../support/native-fixtures.js';

const ecs = new ECSClient(sdkConfig());
const elbv2 = new ElasticLoadBalancingV2Client(sdkConfig());
const endpoint = inject('awsEndpoint');
const control = new TestbedControl(endpoint);

describe.runIf(inject('testbed') && inject('dockerHost') !== null)(
  "the pipeline through the bundles: ecr-build-push -> ecs-task-definition -> ecs-deploy (ECS's own CANARY, real containers)",
  () => {
    it('builds, registers and canaries a new version through ECS: 50% then 100% on the listener rule, the new image running', async () => {
      const repository = uniqueName('native');
      const family = uniqueName('native');
      const release = bundleRelease(repository, family);

      const first = await release('native-one', '3333333333333333333333333333333333333333');
      const target = await createNativeService({ ecs, elbv2 }, endpoint, {
        strategy: 'BLUE_GREEN',
        desiredCount: 1,
        realContainers: true,
        taskDefinition: { arn: first.taskDefinition, family },
      });
      const second = await release('native-two', '4444444444444444444444444444444444444444');
      const mark = await control.mark();
      const deployed = await runBundle('ecs-deploy', {
        env: second.env,
        inputs: {
          cluster: target.cluster,
          service: target.service,
          'task-definition': second.taskDefinition,
          strategy: 'canary',
          'traffic-percentage': '50',
          // 5 emulated minutes are 5 s at the test bed's scale: long enough to be seen by a
          // follower reading every 2 s (real canaries wait minutes).
          'traffic-interval': '5',
          'ecs-bake-time': '1',
          'bake-time': '30s',
          timeout: '20m',
        },
        timeoutMs: 180_000,
      });
      expect(deployed.errors).toEqual([]);
      expect(deployed.exitCode).toBe(0);
      expect(deployed.outputs).toMatchObject({ status: 'SUCCEEDED', 'rolled-back': 'false' });
      const arn = deployed.outputs['service-deployment-arn'] ?? '';
      expect(arn).toMatch(/:service-deployment\//);
      expect(deployed.summary).toContain('ECS-native CANARY: 50% for 5 min, then 100%');
      expect(deployed.stdout).toContain('traffic: 50% of production on the new revision');
      const steps = (await control.journal(mark))
        .filter((e) => e.kind === 'native' && e['serviceDeploymentArn'] === arn)
        .filter((e) => e['traffic'] === 'production')
        .map((e) => e['productionWeight']);
      expect(steps).toEqual([50, 100]);
      expect(await ruleWeights(elbv2, target.prodRuleArn)).toEqual({
        [target.blueTargetGroupArn]: 0,
        [target.greenTargetGroupArn]: 100,
      });
      // The post step of a finished deployment leaves the service alone.
      const post = await runBundle('ecs-deploy', { env: second.env, state: deployed.state });
      expect(post.exitCode).toBe(0);
      expect(post.stdout).not.toContain('StopServiceDeployment');

      const running =
        (
          await ecs.send(
            new ListTasksCommand({ cluster: target.cluster, desiredStatus: 'RUNNING' }),
          )
        ).taskArns ?? [];
      const tasks =
        (await ecs.send(new DescribeTasksCommand({ cluster: target.cluster, tasks: running })))
          .tasks ?? [];
      expect(tasks.map((t) => t.taskDefinitionArn)).toEqual([second.taskDefinition]);
      const inspected = await docker(
        ['inspect', '--format', '{{.Config.Image}}', tasks[0]?.containers?.[0]?.runtimeId ?? ''],
        { host: inject('dockerHost') ?? '', config: mkdtempSync(join(tmpdir(), 'cfg-')) },
      );
      expect(inspected.stdout.trim()).toBe(second.image);
    }, 300_000);
  },
);
