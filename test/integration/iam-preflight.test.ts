import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ecsTaskDefinition } from '../../src/actions/ecs-task-definition/action.js';
import { runAction } from '../../src/core/action/run.js';
import { defaultPreflight } from '../../src/core/iam/preflight.js';
import { TestbedControl } from '../testbed/client.ts';
import { emulatorEnv } from '../support/aws-env.js';
import { ACCOUNT, assumeRoleWith } from '../support/iam-fixtures.js';
import { uniqueName } from '../support/ecs-fixtures.js';
import { recordingRuntime } from '../support/runtime.js';

const control = new TestbedControl(inject('awsEndpoint'));
const fixture = readFileSync(
  join(import.meta.dirname, '..', 'fixtures', 'task-definitions', 'web.json'),
  'utf8',
);

/** The environment of a job whose role is allowed exactly these statements. */
async function roleEnv(statements: object[]) {
  const role = await assumeRoleWith(statements);
  return { roleName: role.roleName, env: { ...emulatorEnv(), ...role.env } };
}

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ws-'));
  writeFileSync(
    join(dir, 'web.json'),
    fixture.replace('"family": "web"', `"family": "${uniqueName('pre')}"`),
  );
  return dir;
}

const taskDefinitionStatements = [
  {
    Effect: 'Allow',
    Action: ['ecs:DescribeTaskDefinition', 'ecs:RegisterTaskDefinition'],
    Resource: '*',
  },
];

describe.runIf(inject('testbed'))(
  `IAM pre-flight in actions/ecs-task-definition (${inject('emulator')})`,
  () => {
    it('refuses a role that may not pass the execution role, before any write, naming what to add', async () => {
      const { roleName, env } = await roleEnv([
        ...taskDefinitionStatements,
        {
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: `arn:aws:iam::${ACCOUNT}:role/web-task`,
          Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
        },
      ]);
      const mark = await control.mark();
      const run = recordingRuntime(
        { 'task-definition': 'web.json', 'iam-preflight': 'enforce' },
        { ...env, GITHUB_WORKSPACE: workspace(), RUNNER_TEMP: tmpdir() },
      );
      await runAction(ecsTaskDefinition, { ...run.runtime, preflight: defaultPreflight });
      expect(run.failures).toEqual([
        `Role ${roleName} may not iam:PassRole on arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole (no identity policy allows it), which this run needs to pass the execution role to ECS. Add an Allow statement for iam:PassRole on arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole with a Condition StringEquals iam:PassedToService = ecs-tasks.amazonaws.com, or run actions/iam-check for the whole policy.`,
      ]);
      const calls = await control.requests(mark, env.AWS_ACCESS_KEY_ID);
      expect(calls.map((c) => c.operation)).not.toContain('RegisterTaskDefinition');
      expect(calls.map((c) => c.operation)).toContain('DescribeTaskDefinition');
      expect(run.logger.text()).toContain(
        'This endpoint does not implement SimulatePrincipalPolicy: the local evaluation stands alone.',
      );
    });

    it('lets a sufficient role through and shows the checked permissions in the summary', async () => {
      const { env } = await roleEnv([
        ...taskDefinitionStatements,
        {
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: `arn:aws:iam::${ACCOUNT}:role/*`,
          Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
        },
      ]);
      const run = recordingRuntime(
        { 'task-definition': 'web.json', 'iam-preflight': 'enforce' },
        { ...env, GITHUB_WORKSPACE: workspace(), RUNNER_TEMP: tmpdir() },
      );
      await runAction(ecsTaskDefinition, { ...run.runtime, preflight: defaultPreflight });
      expect(run.failures).toEqual([]);
      expect(run.outputs.get('registered')).toBe('true');
      expect(run.written[0]).toContain('### IAM pre-flight');
      expect(run.written[0]).toContain(
        `| iam:PassRole | arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole | allowed |`,
      );
    });

    it('in warn mode reports the missing permission and goes on', async () => {
      const { env } = await roleEnv(taskDefinitionStatements);
      const run = recordingRuntime(
        { 'task-definition': 'web.json', 'iam-preflight': 'warn' },
        { ...env, GITHUB_WORKSPACE: workspace(), RUNNER_TEMP: tmpdir() },
      );
      await runAction(ecsTaskDefinition, { ...run.runtime, preflight: defaultPreflight });
      expect(run.logger.messages('warning')[0]).toMatch(
        /may not iam:PassRole on .*ecsTaskExecutionRole/,
      );
      // moto itself does not check iam:PassRole, so the registration goes through here.
      expect(run.failures).toEqual([]);
    });
  },
);
