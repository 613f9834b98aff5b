import { ECSClient } from '@aws-sdk/client-ecs';
import { describe, expect, inject, it } from 'vitest';
import { TestbedControl } from '../testbed/client.ts';
import { sdkConfig, uniqueAccessKey } from '../support/aws-env.js';
import { runDeploy } from '../support/deploy-run.js';
import {
  createRollingService,
  describeService,
  registerWebTaskDefinition,
} from '../support/ecs-fixtures.js';

const control = new TestbedControl(inject('awsEndpoint'));
const ecs = new ECSClient(sdkConfig());

describe.runIf(inject('testbed'))(
  'actions/ecs-deploy: recreate and shadow, on the test bed',
  () => {
    it('recreate: every old task is asked to stop before the first new one starts; min and max come back, with no second deployment', async () => {
      const target = await createRollingService(ecs, {
        desiredCount: 3,
        deploymentConfiguration: {
          minimumHealthyPercent: 50,
          maximumPercent: 150,
          deploymentCircuitBreaker: { enable: true, rollback: true },
        },
      });
      const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
      const accessKey = uniqueAccessKey();
      const mark = await control.mark();
      const run = await runDeploy(
        {
          cluster: target.cluster,
          service: target.service,
          'task-definition': next,
          strategy: 'recreate',
        },
        accessKey,
      );
      expect(run.failures).toEqual([]);
      expect(run.outputs.get('status')).toBe('SUCCEEDED');
      const tasks = (await control.journal(mark)).filter(
        (e) => e.kind === 'task' && e['service'] === `${target.cluster}:${target.service}`,
      );
      const oldStops = tasks.filter(
        (e) => e['event'] === 'stop' && e['taskDefinition'] === target.firstTaskDefinition,
      );
      const newStarts = tasks.filter((e) => e['event'] === 'start' && e['taskDefinition'] === next);
      expect(oldStops).toHaveLength(3);
      expect(newStarts).toHaveLength(3);
      const lastStop = Math.max(...oldStops.map((e) => Number(e.seq)));
      const firstStart = Math.min(...newStarts.map((e) => Number(e.seq)));
      expect(lastStop).toBeLessThan(firstStart);
      // The deployment ran with 0/100; the service's own 50/150 came back without a deployment.
      const updates = (await control.requests(mark, accessKey)).filter(
        (r) => r.operation === 'UpdateService',
      );
      expect(
        updates.map((r) => {
          const config = r.params?.['deploymentConfiguration'] as
            { minimumHealthyPercent?: number; maximumPercent?: number } | undefined;
          return [config?.minimumHealthyPercent, config?.maximumPercent];
        }),
      ).toEqual([
        [0, 100],
        [50, 150],
      ]);
      const service = await describeService(ecs, target.cluster, target.service);
      expect(service.deploymentConfiguration).toMatchObject({
        minimumHealthyPercent: 50,
        maximumPercent: 150,
        deploymentCircuitBreaker: { enable: true, rollback: true },
      });
      expect(service.deployments?.map((d) => [d.taskDefinition, d.rolloutState])).toEqual([
        [next, 'COMPLETED'],
      ]);
      expect(run.logger.text()).toMatch(/Recreate: no task of the service ran for about \d+/);
      expect(run.logger.text()).toContain(
        'ECS starts no deployment for a deploymentConfiguration change alone',
      );
      expect(run.written.join('\n')).toMatch(/\*\*Recreate:\*\* every old task stopped/);
    });

    it('recreate: a release that fails is rolled back, and min and max still come back', async () => {
      const target = await createRollingService(ecs, { desiredCount: 1 });
      const broken = await registerWebTaskDefinition(
        ecs,
        target.family,
        'registry.example/web:bad',
      );
      await control.failTasks({ taskDefinition: broken, mode: 'unhealthy' });
      const run = await runDeploy({
        cluster: target.cluster,
        service: target.service,
        'task-definition': broken,
        strategy: 'recreate',
        timeout: '2m',
      });
      expect(run.outputs.get('status')).toBe('FAILED');
      expect(run.outputs.get('rolled-back')).toBe('true');
      const service = await describeService(ecs, target.cluster, target.service);
      expect(service.taskDefinition).toBe(target.firstTaskDefinition);
      expect(service.deploymentConfiguration).toMatchObject({
        minimumHealthyPercent: 100,
        maximumPercent: 200,
      });
    });

    it('shadow is refused before anything is read, naming what exists on AWS instead', async () => {
      const accessKey = uniqueAccessKey();
      const mark = await control.mark();
      const run = await runDeploy(
        { cluster: 'any', service: 'web', 'task-definition': 'web:2', strategy: 'shadow' },
        accessKey,
      );
      expect(run.failures[0]).toMatch(
        /^Strategy 'shadow' cannot be done on ECS behind an Application Load Balancer: an ALB forwards each request to exactly one target group/,
      );
      expect(run.failures[0]).toMatch(/VPC Traffic Mirroring/);
      expect(await control.requests(mark, accessKey)).toEqual([]);
    });
  },
);
