import { ECRClient } from '@aws-sdk/client-ecr';
import { DescribeTasksCommand, ECSClient } from '@aws-sdk/client-ecs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { emulatorEnv, sdkConfig } from '../support/aws-env.js';
import { runBundle } from '../support/bundle.js';
import { type JobSetup, jobSetup } from '../support/job-image.js';
import { waitFor } from '../support/wait.js';

const endpoint = inject('awsEndpoint');
const ecs = new ECSClient(sdkConfig());
let job: JobSetup = { cluster: '', taskDefinition: '' };

describe.runIf(inject('testbed') && inject('dockerHost') !== null && inject('registry') !== null)(
  'dist/ecs-run-task run as the runner runs it, main and post (test bed, real containers)',
  () => {
    beforeAll(async () => {
      job = await jobSetup(
        { ecr: new ECRClient(sdkConfig()), ecs },
        endpoint,
        inject('dockerHost') ?? '',
      );
    }, 120_000);

    const inputs = (command: string) => ({
      cluster: job.cluster,
      'task-definition': job.taskDefinition,
      command,
      environment: 'TO=v42',
      subnets: 'subnet-0a1b2c3d',
    });

    it('runs the migration, prints its log lines, and writes exit codes to GITHUB_OUTPUT and a summary', async () => {
      const run = await runBundle('ecs-run-task', {
        env: emulatorEnv(endpoint),
        inputs: inputs('sh -c "echo migrating from $FROM; echo migrated to $TO"'),
      });
      expect([run.exitCode, run.errors]).toEqual([0, []]);
      expect(run.stdout).toContain('[migrate] migrating from v41');
      expect(run.stdout).toContain('[migrate] migrated to v42');
      expect(run.outputs).toMatchObject({
        status: 'SUCCEEDED',
        'exit-code': '0',
        'exit-codes': '{"migrate":0}',
      });
      expect(run.summary).toContain('| migrate | 0 |');
      // The post step of a task that was seen to stop does nothing.
      const post = await runBundle('ecs-run-task', {
        env: emulatorEnv(endpoint),
        state: run.state,
      });
      expect([post.exitCode, post.stdout]).toEqual([0, '']);
    });

    it('when the job is cancelled mid-task, the post step stops the task', async () => {
      const main = await runBundle('ecs-run-task', {
        env: emulatorEnv(endpoint),
        inputs: inputs('sh -c "echo long migration; sleep 600"'),
        killOn: /\[migrate\] long migration/,
      });
      expect(main.exitCode).not.toBe(0);
      const taskArn = JSON.parse(main.state['taskArn'] ?? '""') as string;
      expect(taskArn).toMatch(/:task\//);
      const post = await runBundle('ecs-run-task', {
        env: emulatorEnv(endpoint),
        state: main.state,
      });
      expect(post.exitCode).toBe(0);
      expect(post.stdout).toContain(`stopping task ${taskArn}`);
      const stopped = await waitFor(
        async () =>
          (await ecs.send(new DescribeTasksCommand({ cluster: job.cluster, tasks: [taskArn] })))
            .tasks?.[0],
        (task) => task?.lastStatus === 'STOPPED',
        { timeoutMs: 30_000, what: 'the cancelled task to stop' },
      );
      expect(stopped?.stoppedReason).toBe('ecs-delivery: the workflow job was cancelled');
    });
  },
);
