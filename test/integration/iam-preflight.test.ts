import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ecsTaskDefinition } from '../../src/actions/ecs-task-definition/action.js';
import { defaultPreflight, runAction } from '../../src/core/action/run.js';
import { TestbedControl } from '../testbed/client.ts';
import { emulatorEnv, sdkConfig } from '../support/aws-env.js';
import { uniqueName } from '../support/ecs-fixtures.js';
import { recordingRuntime } from '../support/runtime.js';

const ACCOUNT = '123456789012';
const control = new TestbedControl(inject('awsEndpoint'));
const iam = new IAMClient(sdkConfig());
const sts = new STSClient(sdkConfig());
const fixture = readFileSync(
  join(import.meta.dirname, '..', 'fixtures', 'task-definitions', 'web.json'),
  'utf8',
);

/** A role with one inline policy, assumed: the credentials a workflow would have. */
async function assumeRoleWith(statements: object[]) {
  const roleName = uniqueName('deployer');
  await iam.send(
    new CreateRoleCommand({
      RoleName: roleName,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
    }),
  );
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: roleName,
      PolicyName: 'deploy',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
    }),
  );
  const credentials = (
    await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/${roleName}`,
        RoleSessionName: 'gha',
      }),
    )
  ).Credentials;
  return {
    roleName,
    env: {
      ...emulatorEnv(),
      AWS_ACCESS_KEY_ID: credentials?.AccessKeyId ?? '',
      AWS_SECRET_ACCESS_KEY: credentials?.SecretAccessKey ?? '',
      AWS_SESSION_TOKEN: credentials?.SessionToken ?? '',
    },
  };
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
      const { roleName, env } = await assumeRoleWith([
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
      const { env } = await assumeRoleWith([
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
      const { env } = await assumeRoleWith(taskDefinitionStatements);
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
