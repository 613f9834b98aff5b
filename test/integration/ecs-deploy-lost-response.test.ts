import { CodeDeployClient, ListDeploymentsCommand } from '@aws-sdk/client-codedeploy';
import { ECSClient, ListServiceDeploymentsCommand } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, inject, it } from 'vitest';
import { TestbedControl } from '../testbed/client.ts';
import { sdkConfig, uniqueAccessKey } from '../support/aws-env.js';
import { createBlueGreenService } from '../support/codedeploy-fixtures.js';
import { runDeploy, servingTaskDefinition } from '../support/deploy-run.js';
import { createRollingService, registerWebTaskDefinition } from '../support/ecs-fixtures.js';

const endpoint = inject('awsEndpoint');
const control = new TestbedControl(endpoint);
const ecs = new ECSClient(sdkConfig());
const elbv2 = new ElasticLoadBalancingV2Client(sdkConfig());
const codedeploy = new CodeDeployClient(sdkConfig());

/** The operations one caller sent, with the fault each met. */
async function sent(mark: number, accessKey: string, operation: string) {
  return (await control.requests(mark, accessKey))
    .filter((r) => r.operation === operation)
    .map((r) => r.fault ?? r.status);
}

async function blueGreenWithNextVersion() {
  const target = await createBlueGreenService({ ecs, elbv2, codedeploy }, endpoint);
  const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
  return { target, next, accessKey: uniqueAccessKey() };
}

describe.runIf(inject('testbed'))(
  'writes whose answer is lost are not made twice (test bed: the request is carried out, then the connection is cut)',
  () => {
    it('CreateDeployment: finds its own deployment instead of creating a second one, and follows it to the end', async () => {
      const { target, next, accessKey } = await blueGreenWithNextVersion();
      await control.addFault({
        kind: 'drop-response',
        service: 'codedeploy',
        operation: 'CreateDeployment',
        accessKey,
      });
      const mark = await control.mark();
      const run = await runDeploy(
        {
          cluster: target.cluster,
          service: target.service,
          'task-definition': next,
          strategy: 'canary',
          'traffic-percentage': '50',
          'traffic-interval': '1',
        },
        accessKey,
      );
      expect(run.failures).toEqual([]);
      expect(run.outputs.get('status')).toBe('SUCCEEDED');
      expect(run.logger.text()).toContain('the answer was lost');
      expect(await sent(mark, accessKey, 'CreateDeployment')).toEqual(['drop-response']);
      const deployments = await codedeploy.send(
        new ListDeploymentsCommand({
          applicationName: `AppECS-${target.cluster}-${target.service}`,
          deploymentGroupName: `DgpECS-${target.cluster}-${target.service}`,
        }),
      );
      expect(deployments.deployments).toEqual([run.outputs.get('deployment-id')]);
      expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(next);
    });

    it('CreateDeployment dropped before it was carried out: sent again once, one deployment', async () => {
      const { target, next, accessKey } = await blueGreenWithNextVersion();
      await control.addFault({
        kind: 'drop',
        service: 'codedeploy',
        operation: 'CreateDeployment',
        accessKey,
      });
      const mark = await control.mark();
      const run = await runDeploy(
        {
          cluster: target.cluster,
          service: target.service,
          'task-definition': next,
          strategy: 'blue-green',
        },
        accessKey,
      );
      expect(run.failures).toEqual([]);
      expect(await sent(mark, accessKey, 'CreateDeployment')).toEqual(['drop', 200]);
      expect(run.logger.text()).toContain('no sign it happened');
      expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(next);
    });

    it('UpdateService with force-new-deployment: one new deployment, followed to COMPLETED', async () => {
      const target = await createRollingService(ecs, { desiredCount: 1 });
      const accessKey = uniqueAccessKey();
      const before =
        (
          await ecs.send(
            new ListServiceDeploymentsCommand({ cluster: target.cluster, service: target.service }),
          )
        ).serviceDeployments?.length ?? 0;
      await control.addFault({
        kind: 'drop-response',
        service: 'ecs',
        operation: 'UpdateService',
        accessKey,
      });
      const mark = await control.mark();
      const run = await runDeploy(
        { cluster: target.cluster, service: target.service, 'force-new-deployment': 'true' },
        accessKey,
      );
      expect(run.failures).toEqual([]);
      expect(run.outputs.get('status')).toBe('SUCCEEDED');
      expect(await sent(mark, accessKey, 'UpdateService')).toEqual(['drop-response']);
      const after =
        (
          await ecs.send(
            new ListServiceDeploymentsCommand({ cluster: target.cluster, service: target.service }),
          )
        ).serviceDeployments?.length ?? 0;
      expect(after - before).toBe(1);
    });
  },
);
