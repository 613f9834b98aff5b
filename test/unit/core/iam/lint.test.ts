import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lookupAction } from '../../../../src/core/iam/catalogue.js';
import { decide } from '../../../../src/core/iam/evaluate.js';
import { leastPrivilegePolicy } from '../../../../src/core/iam/least-privilege.js';
import { lintPolicy, scopePolicy } from '../../../../src/core/iam/lint.js';
import { type PolicyDocument, parsePolicy } from '../../../../src/core/iam/policy.js';

const handsOn = parsePolicy(
  readFileSync(
    new URL('../../../fixtures/policies/ecr-push-hands-on.json', import.meta.url),
    'utf8',
  ),
  'hands-on',
);
const doc = (...Statement: PolicyDocument['Statement']): PolicyDocument => ({
  Version: '2012-10-17',
  Statement,
});

describe('the IAM catalogue', () => {
  it('knows actions, their resource types and ARN patterns', () => {
    expect(lookupAction('ecs:UpdateService')).toMatchObject({
      kind: 'known',
      access: 'Write',
      resourceTypes: [
        {
          type: 'service',
          required: true,
          arn: 'arn:${Partition}:ecs:${Region}:${Account}:service/${ClusterName}/${ServiceName}',
        },
      ],
    });
    expect(lookupAction('ecs:UpdateServce')).toEqual({
      kind: 'unknown-action',
      service: 'ecs',
      name: 'UpdateServce',
      nearest: 'ecs:UpdateService',
    });
    expect(lookupAction('ecz:UpdateService').kind).toBe('unknown-service');
    expect(lookupAction('s3:GetObject').kind).toBe('uncatalogued');
  });
});

describe('policy lint', () => {
  it('flags the hands-on ECR push policy: Resource "*" on the seven repository-scoped actions', () => {
    const findings = lintPolicy(handsOn);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: 'wildcard-resource',
      severity: 'warning',
      statement: 0,
    });
    expect(findings[0]?.message).toBe(
      'Resource "*" on 7 action(s) that support resource-level permissions: ecr:BatchCheckLayerAvailability, ecr:GetDownloadUrlForLayer, ecr:BatchGetImage, ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload, ecr:PutImage.',
    );
  });

  it('proposes the scoped policy, keeping GetAuthorizationToken on "*"', () => {
    const scoped = scopePolicy(handsOn, {
      Region: 'eu-west-1',
      Account: '123456789012',
      RepositoryName: 'web',
    });
    expect(scoped.Statement).toEqual([
      { Sid: 'AllowPush', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      {
        Sid: 'AllowPush',
        Effect: 'Allow',
        Action: [
          'ecr:BatchCheckLayerAvailability',
          'ecr:GetDownloadUrlForLayer',
          'ecr:BatchGetImage',
          'ecr:InitiateLayerUpload',
          'ecr:UploadLayerPart',
          'ecr:CompleteLayerUpload',
          'ecr:PutImage',
        ],
        Resource: 'arn:aws:ecr:eu-west-1:123456789012:repository/web',
      },
    ]);
    expect(lintPolicy(scoped)).toEqual([]);
  });

  it.each([
    [{ Effect: 'Allow', Action: '*', Resource: '*' }, 'allow-all-actions', 'error'],
    [
      { Effect: 'Allow', Action: 'ecs:*', Resource: 'arn:aws:ecs:*:*:service/prod/*' },
      'allow-service-wildcard',
      'warning',
    ],
    [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }, 'passrole-wildcard', 'error'],
    [
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::1:role/task' },
      'passrole-without-service',
      'warning',
    ],
    [
      { Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:ecs:*:*:service/x/y' },
      'allow-not-action',
      'warning',
    ],
    [
      {
        Effect: 'Allow',
        Action: 'ecs:DescribeServices',
        NotResource: 'arn:aws:ecs:*:*:service/x/y',
      },
      'allow-not-resource',
      'warning',
    ],
    [
      { Effect: 'Allow', Action: 'ecs:UpdateServce', Resource: 'arn:aws:ecs:*:*:service/x/y' },
      'unknown-action',
      'error',
    ],
    [
      { Effect: 'Allow', Action: 'ec2s:DescribeInstances', Resource: '*' },
      'unknown-service',
      'error',
    ],
    [
      { Effect: 'Allow', Action: 'ecs:Deploy*', Resource: '*' },
      'pattern-matches-nothing',
      'warning',
    ],
  ] as const)('finds %j', (statement, rule, severity) => {
    const findings = lintPolicy(doc(statement));
    expect(findings).toContainEqual(expect.objectContaining({ rule, severity, statement: 0 }));
    expect(findings.every((f) => f.fix.length > 0)).toBe(true);
  });

  it('says which statement another makes redundant', () => {
    const findings = lintPolicy(
      doc(
        {
          Effect: 'Allow',
          Action: 'ecs:Describe*',
          Resource: 'arn:aws:ecs:eu-west-1:1:service/prod/*',
        },
        {
          Effect: 'Allow',
          Action: 'ecs:DescribeServices',
          Resource: 'arn:aws:ecs:eu-west-1:1:service/prod/web',
        },
      ),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({
        rule: 'redundant-statement',
        severity: 'note',
        statement: 1,
        message: 'Statement 1 allows nothing statement 0 does not already allow.',
      }),
    );
  });
});

describe('least-privilege policy', () => {
  it('groups the run permissions by resource and condition, and allows exactly them', () => {
    const permissions = [
      {
        action: 'ecr:PutImage',
        resource: 'arn:aws:ecr:eu-west-1:1:repository/web',
        write: true,
        reason: 'push',
      },
      {
        action: 'ecr:InitiateLayerUpload',
        resource: 'arn:aws:ecr:eu-west-1:1:repository/web',
        write: true,
        reason: 'push',
      },
      { action: 'ecr:GetAuthorizationToken', resource: '*', write: false, reason: 'login' },
      {
        action: 'iam:PassRole',
        resource: 'arn:aws:iam::1:role/task',
        context: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' },
        write: true,
        reason: 'pass',
      },
      {
        action: 'ecs:UpdateService',
        resource: 'arn:aws:ecs:eu-west-1:1:service/prod/web',
        context: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:1:cluster/prod' },
        write: true,
        reason: 'deploy',
      },
    ];
    const policy = leastPrivilegePolicy(permissions);
    expect(policy.Statement).toEqual([
      {
        Sid: 'EcsDelivery1',
        Effect: 'Allow',
        Action: ['ecr:InitiateLayerUpload', 'ecr:PutImage'],
        Resource: 'arn:aws:ecr:eu-west-1:1:repository/web',
      },
      {
        Sid: 'EcsDelivery2',
        Effect: 'Allow',
        Action: 'ecs:UpdateService',
        Resource: 'arn:aws:ecs:eu-west-1:1:service/prod/web',
        Condition: { ArnEquals: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:1:cluster/prod' } },
      },
      {
        Sid: 'EcsDelivery3',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: 'arn:aws:iam::1:role/task',
        Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
      },
      { Sid: 'EcsDelivery4', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
    ]);
    for (const permission of permissions) {
      expect(
        decide([policy], {
          action: permission.action,
          resource: permission.resource,
          ...(permission.context === undefined ? {} : { context: permission.context }),
        }).decision,
      ).toBe('Allow');
    }
    expect(
      decide([policy], {
        action: 'iam:PassRole',
        resource: 'arn:aws:iam::1:role/task',
        context: { 'iam:PassedToService': 'lambda.amazonaws.com' },
      }).decision,
    ).toBe('ImplicitDeny');
    expect(lintPolicy(policy).filter((f) => f.severity !== 'note')).toEqual([]);
  });
});
