// dist/ecs-deploy's dry run as a runner runs it (test bed, emulated tasks): what a deploy would
// change, said and summarised, the IAM pre-flight's answer, and no write in the journal.
import { ECSClient } from '@aws-sdk/client-ecs';
import { describe, expect, inject, it } from 'vitest';
import { TestbedControl } from '../testbed/client.ts';
import { emulatorEnv, sdkConfig } from '../support/aws-env.js';
import { assumeRoleWith } from '../support/iam-fixtures.js';
import { runBundle } from '../support/bundle.js';
import { servingTaskDefinition } from '../support/deploy-run.js';
import { createRollingService, registerWebTaskDefinition } from '../support/ecs-fixtures.js';

const endpoint = inject('awsEndpoint');
const control = new TestbedControl(endpoint);
const ecs = new ECSClient(sdkConfig());

describe.runIf(inject('testbed'))(`dist/ecs-deploy dry-run (${inject('emulator')})`, () => {
  it('says what would change and that the caller may do it, and changes nothing', async () => {
    const target = await createRollingService(ecs, { desiredCount: 2 });
    const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
    // A deployer role that may read everything but not UpdateService: the dry run says so.
    const role = await assumeRoleWith([
      {
        Effect: 'Allow',
        Action: [
          'ecs:*',
          'ecr:*',
          'logs:*',
          'cloudwatch:*',
          'iam:Get*',
          'iam:List*',
          'sts:GetCallerIdentity',
        ],
        Resource: '*',
      },
      { Effect: 'Deny', Action: 'ecs:UpdateService', Resource: '*' },
    ]);
    const accessKey = role.accessKeyId;
    const mark = await control.mark();
    const run = await runBundle('ecs-deploy', {
      env: { ...emulatorEnv(endpoint), ...role.env },
      inputs: {
        cluster: target.cluster,
        service: target.service,
        'task-definition': next,
        'desired-count': '3',
        'dry-run': 'true',
      },
      timeoutMs: 60_000,
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs['status']).toBe('DRY_RUN');
    expect(run.outputs['changes']).toBe('true');
    expect(run.stdout).toContain('Dry run: nothing is changed.');
    expect(run.stdout).toContain('web image: registry.example/web:1 -> registry.example/web:2');
    expect(run.stdout).toContain('setting desiredCount: 2 -> 3 (UpdateService)');
    // The pre-flight ran (warn: a dry run asks whether the caller may do what it plans).
    expect(run.stdout).toMatch(/IAM pre-flight \(warn\): \d+ permissions/);
    expect(run.stdout).toMatch(/allowed: ecs:DescribeServices/);
    expect(run.stdout).toMatch(/MISSING: ecs:UpdateService/);
    expect(run.stdout).toMatch(/::warning::Role .* may not ecs:UpdateService/);
    expect(run.summary).toContain('Dry run: deploy to');
    expect(run.summary).toContain('| desiredCount | 2 | 3 | UpdateService |');
    expect(await control.writes(mark, accessKey)).toEqual([]);
    expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(
      target.firstTaskDefinition,
    );
  }, 90_000);
});
