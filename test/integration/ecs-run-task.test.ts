import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { TestbedControl } from '../testbed/client.ts';
import { sdkConfig, uniqueAccessKey } from '../support/aws-env.js';
import { runTask } from '../support/deploy-run.js';
import { jobSetup } from '../support/job-image.js';

const endpoint = inject('awsEndpoint');
const control = new TestbedControl(endpoint);
const ecr = new ECRClient(sdkConfig());
const ecs = new ECSClient(sdkConfig());
const dockerHost = inject('dockerHost') ?? '';
let cluster = '';
let taskDefinition = '';

// The migration the tests run: prints, waits, prints its environment, exits with CODE.
const MIGRATION = [
  '/bin/sh',
  '-c',
  'echo "migrating from $FROM"; sleep 3; echo "migrated to $TO"; exit $CODE',
];

describe.runIf(inject('testbed') && inject('dockerHost') !== null && inject('registry') !== null)(
  'actions/ecs-run-task on the test bed (real containers, CloudWatch Logs from their output)',
  () => {
    beforeAll(async () => {
      ({ cluster, taskDefinition } = await jobSetup({ ecr, ecs }, endpoint, dockerHost));
    }, 120_000);

    const inputs = (code: number) => ({
      cluster,
      'task-definition': taskDefinition,
      command: JSON.stringify(MIGRATION),
      environment: `TO=v42\nCODE=${code}`,
      subnets: 'subnet-0a1b2c3d',
    });

    it('runs a migration with command and environment overrides, streams its lines while it runs, and succeeds on exit 0', async () => {
      const run = await runTask(inputs(0));
      expect(run.failures).toEqual([]);
      const outputs = Object.fromEntries(run.outputs.values);
      expect(outputs).toMatchObject({
        status: 'SUCCEEDED',
        'exit-code': '0',
        'exit-codes': '{"migrate":0}',
      });
      expect(outputs['task-arn']).toMatch(/:task\//);
      const lines = run.logger.messages('info');
      const first = lines.indexOf('[migrate] migrating from v41');
      const stopped = lines.findIndex((l) => / STOPPED after /.test(l));
      expect(first).toBeGreaterThanOrEqual(0);
      // The first line was printed while the task still ran, before it was seen to stop.
      expect(first).toBeLessThan(stopped);
      expect(lines).toContain('[migrate] migrated to v42');
      expect(run.written.join('\n')).toContain('| migrate | 0 |');
    });

    it('fails on a non-zero exit with the exit code and the reason, and prints the lines first', async () => {
      const run = await runTask(inputs(3));
      expect(run.failures).toHaveLength(1);
      expect(run.failures[0]).toMatch(/Task [\w-]+ failed: migrate exited 3/);
      expect(run.outputs.get('exit-code')).toBe('3');
      expect(run.outputs.get('status')).toBe('FAILED');
      expect(run.logger.messages('info')).toContain('[migrate] migrated to v42');
    });

    it.each([
      [{ container: 'web' }, /has no container 'web'; it has migrate/],
      [{ subnets: '' }, /uses the awsvpc network mode, so the task needs subnets/],
      [{ 'task-definition': 'no-such-family:1' }, /no-such-family:1 was not found/],
      [{ command: '["sh", 3]' }, /not a JSON list of strings/],
      [{ command: 'echo "unclosed' }, /unclosed " quote/],
      [{ subnets: 'subnet-xyz' }, /'subnet-xyz' is not a subnet id/],
    ])('refuses %o before any write', async (change, message) => {
      const accessKey = uniqueAccessKey();
      const mark = await control.mark();
      const run = await runTask({ ...inputs(0), ...change }, accessKey);
      expect(run.failures).toHaveLength(1);
      expect(run.failures[0]).toMatch(message);
      expect(await control.writes(mark, accessKey)).toEqual([]);
    });
  },
);
