import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lookupAction } from '../../../src/core/iam/catalogue.js';
import { iamCheck } from '../../../src/actions/iam-check/action.js';
import type { IamCheckInputs } from '../../../src/actions/iam-check/inputs.js';
import { planCheck, runPermissions } from '../../../src/actions/iam-check/plan.js';
import { statementLine, toSarif } from '../../../src/actions/iam-check/sarif.js';
import { runAction } from '../../../src/core/action/run.js';
import { parsePolicy } from '../../../src/core/iam/policy.js';
import { recordingRuntime } from '../../support/runtime.js';

const handsOnText = readFileSync(
  new URL('../../fixtures/policies/ecr-push-hands-on.json', import.meta.url),
  'utf8',
);
const inputs = (overrides: Partial<IamCheckInputs> = {}): IamCheckInputs => ({
  region: 'eu-west-1',
  run: { 'build-push': { repository: 'web' }, 'task-definition': { family: 'web' } },
  taskDefinitionRoles: {
    family: 'web',
    taskRoleArn: 'arn:aws:iam::123456789012:role/web-task',
    executionRoleArn: undefined,
    logSources: [],
  },
  permissions: [],
  policyFiles: [],
  severity: 'warning',
  mode: 'enforce',
  checkCaller: true,
  outputDirectory: '/tmp',
  ...overrides,
});

describe('iam-check plan', () => {
  it("covers the deploy's settings that need permissions of their own", () => {
    const role = 'arn:aws:iam::123456789012:role/ecsInfrastructure';
    const permissions = runPermissions(
      inputs({
        run: {
          deploy: {
            cluster: 'prod',
            service: 'web',
            'ebs-volume-role': role,
            'capacity-providers': true,
          },
        },
      }),
      '123456789012',
    );
    expect(permissions).toContainEqual(
      expect.objectContaining({
        action: 'iam:PassRole',
        resource: role,
        context: { 'iam:PassedToService': 'ecs.amazonaws.com' },
      }),
    );
    expect(permissions).toContainEqual(
      expect.objectContaining({
        action: 'ecs:DescribeClusters',
        resource: 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod',
      }),
    );
  });

  it.each([
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['eu-west-1', 'aws'],
  ])('names every resource of a whole run in %s in its partition (%s)', (region, partition) => {
    const permissions = runPermissions(
      inputs({
        region,
        run: {
          'build-push': { repository: 'web', 'keep-images': 5 },
          'task-definition': { family: 'web', tags: true, 'keep-revisions': 3 },
          'run-task': { cluster: 'prod' },
          deploy: {
            cluster: 'prod',
            service: 'web',
            strategy: 'canary',
            alarms: ['errors'],
            rollback: true,
          },
        },
        taskDefinitionRoles: {
          family: 'web',
          taskRoleArn: undefined,
          executionRoleArn: undefined,
          logSources: [
            { container: 'web', group: '/ecs/web', region: undefined, streamPrefix: 'app' },
          ],
        },
      }),
      '123456789012',
    );
    const arns = permissions
      .flatMap((p) => [p.resource, ...Object.values(p.context ?? {}).flat()])
      .filter((r) => r.startsWith('arn:'));
    expect(arns.length).toBeGreaterThan(15);
    expect(arns.filter((arn) => !arn.startsWith(`arn:${partition}:`))).toEqual([]);
  });

  it('derives the run permissions from the actions contracts, not a fixed list', () => {
    const permissions = runPermissions(inputs(), '123456789012');
    const repo = 'arn:aws:ecr:eu-west-1:123456789012:repository/web';
    expect(permissions.map((p) => `${p.action} ${p.resource}`)).toEqual([
      'ecr:BatchCheckLayerAvailability ' + repo,
      'ecr:BatchGetImage ' + repo,
      'ecr:CompleteLayerUpload ' + repo,
      'ecr:DescribeImages ' + repo,
      'ecr:DescribeRepositories ' + repo,
      'ecr:GetAuthorizationToken *',
      'ecr:GetDownloadUrlForLayer ' + repo,
      'ecr:InitiateLayerUpload ' + repo,
      'ecr:PutImage ' + repo,
      'ecr:UploadLayerPart ' + repo,
      'ecs:DescribeTaskDefinition *',
      'ecs:RegisterTaskDefinition *',
      'iam:PassRole arn:aws:iam::123456789012:role/web-task',
    ]);
    const creating = runPermissions(
      inputs({ run: { 'build-push': { repository: 'web', create: true, 'keep-images': 10 } } }),
      '123456789012',
    );
    expect(creating.map((p) => p.action)).toEqual(
      expect.arrayContaining(['ecr:CreateRepository', 'ecr:PutLifecyclePolicy']),
    );
  });

  it('adds the deploy step: rolling needs UpdateService on the service, canary the CodeDeploy calls on the group', () => {
    const rolling = runPermissions(
      inputs({ run: { deploy: { cluster: 'prod', service: 'web' } } }),
      '123456789012',
    );
    expect(rolling).toContainEqual(
      expect.objectContaining({
        action: 'ecs:UpdateService',
        resource: 'arn:aws:ecs:eu-west-1:123456789012:service/prod/web',
        context: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod' },
      }),
    );
    const canary = runPermissions(
      inputs({
        run: {
          deploy: { cluster: 'prod', service: 'web', strategy: 'canary', 'wait-until': 'ready' },
        },
      }),
      '123456789012',
    );
    const group =
      'arn:aws:codedeploy:eu-west-1:123456789012:deploymentgroup:AppECS-prod-web/DgpECS-prod-web';
    expect(canary.filter((p) => p.resource === group).map((p) => p.action)).toEqual(
      expect.arrayContaining(['codedeploy:CreateDeployment', 'codedeploy:GetDeployment']),
    );
    // These have no resource-level permissions: a statement scoped to the group would not match.
    expect(canary.filter((p) => p.resource === '*').map((p) => p.action)).toEqual(
      expect.arrayContaining([
        'codedeploy:StopDeployment',
        'codedeploy:ContinueDeployment',
        'codedeploy:ListDeploymentTargets',
        'codedeploy:BatchGetDeploymentTargets',
      ]),
    );
    expect(canary).toContainEqual(
      expect.objectContaining({
        action: 'codedeploy:GetDeploymentConfig',
        resource:
          'arn:aws:codedeploy:eu-west-1:123456789012:deploymentconfig:CodeDeployDefault.ECSCanary10Percent5Minutes',
      }),
    );
  });

  it('names a resource only for actions with resource-level permissions (else IAM matches only "*")', () => {
    const all = ['rolling', 'blue-green', 'canary', 'linear'].flatMap((strategy) =>
      runPermissions(
        inputs({
          run: {
            role: 'arn:aws:iam::123456789012:role/deploy',
            'build-push': { repository: 'web', create: true, 'keep-images': 5, promote: true },
            'task-definition': { family: 'web', tags: true, 'keep-revisions': 3 },
            deploy: {
              cluster: 'prod',
              service: 'web',
              strategy: strategy as 'rolling',
              'traffic-percentage': 10,
              'traffic-interval': 2,
              'wait-until': 'ready',
              rollback: true,
            },
          },
          taskDefinitionRoles: {
            family: 'web',
            taskRoleArn: 'arn:aws:iam::123456789012:role/web-task',
            executionRoleArn: 'arn:aws:iam::123456789012:role/web-exec',
            logSources: [
              { container: 'web', group: '/ecs/web', region: undefined, streamPrefix: 'app' },
            ],
          },
        }),
        '123456789012',
      ),
    );
    expect(all.length).toBeGreaterThan(40);
    const wrong = all
      .filter((p) => p.resource !== '*')
      .filter((p) => {
        const found = lookupAction(p.action);
        return found.kind !== 'known' || found.resourceTypes.length === 0;
      })
      .map((p) => `${p.action} on ${p.resource}`);
    expect(wrong).toEqual([]);
  });

  it('blocks on findings at or above the threshold only', () => {
    const policyFiles = [
      { path: 'policy.json', text: handsOnText, policy: parsePolicy(handsOnText, 'p') },
    ];
    expect(planCheck(inputs({ policyFiles, severity: 'warning' }), '1').blocking).toHaveLength(1);
    expect(planCheck(inputs({ policyFiles, severity: 'error' }), '1').blocking).toHaveLength(0);
  });
});

describe('SARIF', () => {
  it('locates a finding at the line of its statement', () => {
    const text =
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Action": "ecs:*", "Resource": "*"},\n    {"Effect": "Allow", "Action": "*", "Resource": "*"}\n  ]\n}\n';
    expect(statementLine(text, 0)).toBe(4);
    expect(statementLine(text, 1)).toBe(5);
    const sarif = toSarif(
      [
        {
          file: 'p.json',
          rule: 'allow-all-actions',
          severity: 'error',
          statement: 1,
          message: 'Allows every action.',
          fix: 'List them.',
        },
      ],
      new Map([['p.json', text]]),
    ) as {
      version: string;
      runs: {
        results: {
          ruleId: string;
          level: string;
          locations: { physicalLocation: { region: { startLine: number } } }[];
        }[];
      }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.results[0]).toMatchObject({
      ruleId: 'allow-all-actions',
      level: 'error',
      locations: [{ physicalLocation: { region: { startLine: 5 } } }],
    });
  });
});

describe('iam-check bad input', () => {
  it.each([
    ['{"Version": "2012-10-17", "Statement": [', 'Policy file bad.json is not JSON'],
    [
      '{"Statement": [{"Action": "ecs:*", "Resource": "*"}]}',
      'Policy file bad.json statement 0 has no valid Effect (Allow or Deny).',
    ],
  ])('fails on a policy file %j before any AWS call', async (text, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-'));
    writeFileSync(join(dir, 'bad.json'), text);
    const { runtime, failures } = recordingRuntime(
      { 'aws-region': 'eu-west-1', 'policy-files': 'bad.json' },
      { GITHUB_WORKSPACE: dir },
    );
    await runAction(iamCheck, runtime);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.startsWith(message)).toBe(true);
  });

  it('says what to do when there are no credentials', async () => {
    const { runtime, failures } = recordingRuntime(
      { 'aws-region': 'eu-west-1', run: '{"build-push": {"repository": "web"}}' },
      {
        AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONFIG_FILE: '/nonexistent',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
      },
    );
    // The SDK's credential chain reads process.env: empty it of every source for this call.
    const isolated: Record<string, string | undefined> = {
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_SESSION_TOKEN: undefined,
      AWS_PROFILE: undefined,
      AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
      AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
      AWS_CONFIG_FILE: '/nonexistent/config',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    const saved = Object.fromEntries(Object.keys(isolated).map((key) => [key, process.env[key]]));
    const apply = (values: Record<string, string | undefined>) => {
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined) Reflect.deleteProperty(process.env, key);
        else process.env[key] = value;
      }
    };
    apply(isolated);
    try {
      await runAction(iamCheck, runtime);
    } finally {
      apply(saved);
    }
    expect(failures[0]).toMatch(
      /^STS GetCallerIdentity failed with CredentialsProviderError: .* Check the AWS credentials of this job/,
    );
  });
});
