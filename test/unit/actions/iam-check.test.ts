import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IamCheckInputs } from '../../../src/actions/iam-check/inputs.js';
import { planCheck, runPermissions } from '../../../src/actions/iam-check/plan.js';
import { statementLine, toSarif } from '../../../src/actions/iam-check/sarif.js';
import { parsePolicy } from '../../../src/core/iam/policy.js';

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
