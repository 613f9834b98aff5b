import { ECSClient, ListClustersCommand, CreateClusterCommand } from '@aws-sdk/client-ecs';
import { inject, describe, expect, it } from 'vitest';
import { awsIdentity } from '../../src/actions/aws-identity/action.js';
import { runAction } from '../../src/core/action/run.js';
import { createClient } from '../../src/core/aws/clients.js';
import { emulatorEnv } from '../support/aws-env.js';
import { startCountingProxy } from '../support/counting-proxy.js';
import { recordingRuntime } from '../support/runtime.js';

describe(`core and aws-identity over HTTP (${inject('emulator')})`, () => {
  it('finds the caller through the client factory and the endpoint override', async () => {
    const { runtime, outputs, failures } = recordingRuntime({}, emulatorEnv());
    await runAction(awsIdentity, runtime);
    expect(failures).toEqual([]);
    expect(outputs.get('account-id')).toMatch(/^\d{12}$/);
    expect(outputs.get('arn')).toMatch(/^arn:aws:(iam|sts)::\d{12}:/);
  });

  it('sends each service to its own AWS_ENDPOINT_URL_<SERVICE> when set', async () => {
    const proxy = await startCountingProxy(inject('awsEndpoint'));
    try {
      // The general endpoint goes nowhere: only the ECS-specific one can answer.
      const env = {
        ...emulatorEnv(),
        AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
        AWS_ENDPOINT_URL_ECS: proxy.endpoint,
      };
      const ecs = createClient(ECSClient, 'ecs', { region: 'eu-west-1', action: 'test', env });
      Object.assign(ecs.config, {
        credentials: () =>
          Promise.resolve({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'test' }),
      });
      await ecs.send(new CreateClusterCommand({ clusterName: 'endpoint-check' }));
      const clusters = await ecs.send(new ListClustersCommand({}));
      expect(clusters.clusterArns?.some((arn) => arn.endsWith('cluster/endpoint-check'))).toBe(
        true,
      );
      expect(proxy.requests.map((r) => r.operation)).toEqual([
        'AmazonEC2ContainerServiceV20141113.CreateCluster',
        'AmazonEC2ContainerServiceV20141113.ListClusters',
      ]);
    } finally {
      await proxy.close();
    }
  });

  it('fails with the account check after a real call when the account differs', async () => {
    const { runtime, failures } = recordingRuntime(
      { 'expected-account-id': '000000000001' },
      emulatorEnv(),
    );
    await runAction(awsIdentity, runtime);
    expect(failures[0]).toMatch(/^The credentials belong to account \d{12}, not 000000000001/);
  });
});
