import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { DescribeServicesCommand, ECSClient, UntagResourceCommand } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, inject, it } from 'vitest';
import { CHANGE_TAG } from '../../src/core/rollback/history.js';
import { TestbedControl } from '../testbed/client.ts';
import { sdkConfig, uniqueAccessKey } from '../support/aws-env.js';
import { createBlueGreenService, listenerWeights } from '../support/codedeploy-fixtures.js';
import { runDeploy, runRollback, servingTaskDefinition } from '../support/deploy-run.js';
import { createRollingService, registerWebTaskDefinition } from '../support/ecs-fixtures.js';

const endpoint = inject('awsEndpoint');
const control = new TestbedControl(endpoint);
const ecs = new ECSClient(sdkConfig());
const elbv2 = new ElasticLoadBalancingV2Client(sdkConfig());
const codedeploy = new CodeDeployClient(sdkConfig());

async function primary(cluster: string, service: string) {
  const described = await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }));
  return described.services?.[0]?.deployments?.map((d) => [d.taskDefinition, d.rolloutState]);
}

describe.runIf(inject('testbed'))('actions/ecs-rollback on the test bed', () => {
  it("rolls a rolling service back to the previous good revision from ECS's history alone, and a second run changes nothing", async () => {
    const target = await createRollingService(ecs, { desiredCount: 2 });
    const v2 = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
    const v3 = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:3');
    for (const next of [v2, v3]) {
      const run = await runDeploy({
        cluster: target.cluster,
        service: target.service,
        'task-definition': next,
      });
      expect(run.failures).toEqual([]);
    }
    // A later workflow run: no state from the deploys, and no tag on the service either.
    const serviceArn =
      (
        await ecs.send(
          new DescribeServicesCommand({ cluster: target.cluster, services: [target.service] }),
        )
      ).services?.[0]?.serviceArn ?? '';
    await ecs.send(new UntagResourceCommand({ resourceArn: serviceArn, tagKeys: [CHANGE_TAG] }));

    const first = await runRollback({
      cluster: target.cluster,
      service: target.service,
      reason: 'errors after v3',
    });
    expect(first.failures).toEqual([]);
    expect(Object.fromEntries(first.outputs.values)).toMatchObject({
      'rolled-back': 'true',
      status: 'COMPLETED',
      'from-task-definition-arn': v3,
      'to-task-definition-arn': v2,
    });
    expect(first.logger.text()).toContain('ECS service deployment');
    expect(await primary(target.cluster, target.service)).toEqual([[v2, 'COMPLETED']]);
    expect(first.written.join('\n')).toContain('errors after v3');

    const accessKey = uniqueAccessKey();
    const mark = await control.mark();
    const second = await runRollback(
      { cluster: target.cluster, service: target.service },
      accessKey,
    );
    expect(second.failures).toEqual([]);
    expect(Object.fromEntries(second.outputs.values)).toMatchObject({
      'rolled-back': 'false',
      status: 'UNCHANGED',
    });
    expect(second.logger.text()).toContain('was already rolled back from');
    expect(await control.writes(mark, accessKey)).toEqual([]);
    expect(await primary(target.cluster, target.service)).toEqual([[v2, 'COMPLETED']]);
  });

  it("goes to the revision named in 'to' (a revision number of the service's family)", async () => {
    const target = await createRollingService(ecs, { desiredCount: 1 });
    const v2 = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
    expect(
      (await runDeploy({ cluster: target.cluster, service: target.service, 'task-definition': v2 }))
        .failures,
    ).toEqual([]);
    const run = await runRollback({ cluster: target.cluster, service: target.service, to: '1' });
    expect(run.failures).toEqual([]);
    expect(run.outputs.get('to-task-definition-arn')).toBe(target.firstTaskDefinition);
    expect(await primary(target.cluster, target.service)).toEqual([
      [target.firstTaskDefinition, 'COMPLETED'],
    ]);
  });

  it('says a service with no earlier revision has nothing to roll back to, and changes nothing', async () => {
    const target = await createRollingService(ecs, { desiredCount: 1 });
    const accessKey = uniqueAccessKey();
    const mark = await control.mark();
    const run = await runRollback({ cluster: target.cluster, service: target.service }, accessKey);
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]).toContain('has no earlier revision to roll back to');
    expect(run.failures[0]).toContain("Name the revision to return to in 'to'");
    expect(await control.writes(mark, accessKey)).toEqual([]);
    expect(await primary(target.cluster, target.service)).toEqual([
      [target.firstTaskDefinition, 'COMPLETED'],
    ]);
  });

  it('rolls a blue/green service back through CodeDeploy to what the deploy recorded, traffic and all, once', async () => {
    const target = await createBlueGreenService({ ecs, elbv2, codedeploy }, endpoint);
    const v2 = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
    const deployed = await runDeploy({
      cluster: target.cluster,
      service: target.service,
      'task-definition': v2,
      strategy: 'blue-green',
    });
    expect(deployed.failures).toEqual([]);
    expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(v2);

    const run = await runRollback({ cluster: target.cluster, service: target.service });
    expect(run.failures).toEqual([]);
    expect(Object.fromEntries(run.outputs.values)).toMatchObject({
      'rolled-back': 'true',
      status: 'SUCCEEDED',
      'from-task-definition-arn': v2,
      'to-task-definition-arn': target.firstTaskDefinition,
    });
    expect(run.logger.text()).toContain('the deploy recorded on the service');
    expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(
      target.firstTaskDefinition,
    );
    const weights = await listenerWeights(elbv2, target.prodListenerArn);
    const serving = Object.entries(weights).filter(([, weight]) => weight === 100);
    expect(serving).toHaveLength(1);
    const described = await ecs.send(
      new DescribeServicesCommand({ cluster: target.cluster, services: [target.service] }),
    );
    expect(described.services?.[0]?.taskSets?.map((t) => [t.taskDefinition, t.status])).toEqual([
      [target.firstTaskDefinition, 'PRIMARY'],
    ]);

    const again = await runRollback({ cluster: target.cluster, service: target.service });
    expect(again.failures).toEqual([]);
    expect(again.outputs.get('rolled-back')).toBe('false');
    expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(
      target.firstTaskDefinition,
    );
  });

  it('stops a CodeDeploy deployment in flight with rollback and leaves the old version serving', async () => {
    const target = await createBlueGreenService({ ecs, elbv2, codedeploy }, endpoint);
    const v2 = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
    const submitted = await runDeploy({
      cluster: target.cluster,
      service: target.service,
      'task-definition': v2,
      strategy: 'linear',
      'traffic-percentage': '10',
      'traffic-interval': '10',
      'wait-until': 'submitted',
    });
    expect(submitted.failures).toEqual([]);
    const run = await runRollback({ cluster: target.cluster, service: target.service });
    expect(run.failures).toEqual([]);
    expect(run.outputs.get('deployment-id')).toBe(submitted.outputs.get('deployment-id'));
    expect(run.outputs.get('status')).toBe('STOPPED');
    expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(
      target.firstTaskDefinition,
    );
    const weights = await listenerWeights(elbv2, target.prodListenerArn);
    expect(weights[target.blueTargetGroupArn]).toBeGreaterThan(0);
    expect(weights[target.greenTargetGroupArn] ?? 0).toBe(0);
    const described = await ecs.send(
      new DescribeServicesCommand({ cluster: target.cluster, services: [target.service] }),
    );
    expect(described.services?.[0]?.taskSets?.map((t) => t.taskDefinition)).toEqual([
      target.firstTaskDefinition,
    ]);
  });
});
