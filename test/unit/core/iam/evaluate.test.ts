import { describe, expect, it } from 'vitest';
import {
  conditionMatches,
  decide,
  evaluate,
  wildcardMatch,
} from '../../../../src/core/iam/evaluate.js';
import {
  parsePolicy,
  type PolicyDocument,
  type Statement,
} from '../../../../src/core/iam/policy.js';
import { principalOf } from '../../../../src/core/iam/principal.js';

const doc = (...Statement: Statement[]): PolicyDocument => ({ Version: '2012-10-17', Statement });
const service = 'arn:aws:ecs:eu-west-1:123456789012:service/prod/web';
const role = 'arn:aws:iam::123456789012:role/web-task';

describe('wildcards', () => {
  it.each([
    ['ecs:*', 'ecs:UpdateService', true],
    ['ecs:Update*', 'ecs:UpdateService', true],
    ['ecs:*Service', 'ecs:UpdateService', true],
    ['ecs:Update?ervice', 'ecs:UpdateService', true],
    ['ecs:Describe*', 'ecs:UpdateService', false],
    ['*', 'anything', true],
    ['arn:aws:ecs:*:*:service/prod/*', service, true],
    ['arn:aws:ecs:*:*:service/staging/*', service, false],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'aXbY', false],
  ])('%s matches %s: %s', (pattern, value, matches) => {
    expect(wildcardMatch(pattern, value)).toBe(matches);
  });

  it('matches actions without regard to case', () => {
    expect(
      decide([doc({ Effect: 'Allow', Action: 'ECS:updateservice', Resource: '*' })], {
        action: 'ecs:UpdateService',
        resource: service,
      }).decision,
    ).toBe('Allow');
  });
});

describe('decisions', () => {
  const request = { action: 'ecs:UpdateService', resource: service };
  it.each<[string, PolicyDocument[], string]>([
    [
      'allowed on the resource',
      [doc({ Effect: 'Allow', Action: 'ecs:UpdateService', Resource: service })],
      'Allow',
    ],
    [
      'implicitly denied with no statement',
      [doc({ Effect: 'Allow', Action: 'ecs:DescribeServices', Resource: '*' })],
      'ImplicitDeny',
    ],
    [
      'implicitly denied on another resource',
      [doc({ Effect: 'Allow', Action: 'ecs:UpdateService', Resource: `${service}-2` })],
      'ImplicitDeny',
    ],
    [
      'explicitly denied over an allow',
      [
        doc({ Effect: 'Allow', Action: 'ecs:*', Resource: '*' }),
        doc({ Effect: 'Deny', Action: 'ecs:UpdateService', Resource: '*' }),
      ],
      'ExplicitDeny',
    ],
    [
      'allowed by NotAction',
      [doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })],
      'Allow',
    ],
    [
      'not allowed by NotAction that names it',
      [doc({ Effect: 'Allow', NotAction: 'ecs:Update*', Resource: '*' })],
      'ImplicitDeny',
    ],
    [
      'allowed by NotResource',
      [doc({ Effect: 'Allow', Action: 'ecs:*', NotResource: 'arn:aws:ecs:*:*:service/staging/*' })],
      'Allow',
    ],
    [
      'denied by NotResource deny',
      [
        doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
        doc({ Effect: 'Deny', Action: '*', NotResource: 'arn:aws:ecs:*:*:service/staging/*' }),
      ],
      'ExplicitDeny',
    ],
  ])('%s', (_, policies, decision) => {
    expect(decide(policies, request).decision).toBe(decision);
  });

  it('needs the permissions boundary to allow too, and names which policy decided', () => {
    const identity = [doc({ Effect: 'Allow', Action: '*', Resource: '*' })];
    const boundary = doc({ Effect: 'Allow', Action: 'ecs:Describe*', Resource: '*' });
    expect(
      evaluate({ identity, boundary }, { action: 'ecs:UpdateService', resource: service }),
    ).toEqual({
      decision: 'ImplicitDeny',
      reason: 'the permissions boundary does not allow it',
    });
    expect(
      evaluate({ identity, boundary }, { action: 'ecs:DescribeServices', resource: service })
        .decision,
    ).toBe('Allow');
    expect(
      evaluate(
        { identity: [], boundary: undefined },
        { action: 'ecs:DescribeServices', resource: service },
      ).reason,
    ).toBe('no identity policy allows it');
    const denied = evaluate(
      {
        identity: [doc({ Sid: 'NoProd', Effect: 'Deny', Action: '*', Resource: service })],
        boundary: undefined,
      },
      { action: 'ecs:UpdateService', resource: service },
    );
    expect(denied).toEqual({
      decision: 'ExplicitDeny',
      reason: 'an explicit Deny in an identity policy (NoProd)',
    });
  });
});

describe('conditions', () => {
  const passRole = { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' };
  it.each<[string, string, unknown, Record<string, string | string[]>, boolean]>([
    ['StringEquals', 'iam:PassedToService', 'ecs-tasks.amazonaws.com', passRole, true],
    [
      'StringEquals',
      'iam:PassedToService',
      ['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com'],
      passRole,
      true,
    ],
    ['StringEquals', 'iam:PassedToService', 'lambda.amazonaws.com', passRole, false],
    ['StringEquals', 'iam:PassedToService', 'ecs-tasks.amazonaws.com', {}, false],
    ['StringEqualsIfExists', 'iam:PassedToService', 'lambda.amazonaws.com', {}, true],
    ['StringNotEquals', 'iam:PassedToService', 'lambda.amazonaws.com', passRole, true],
    ['StringNotEquals', 'iam:PassedToService', 'lambda.amazonaws.com', {}, true],
    ['StringLike', 'iam:PassedToService', 'ecs-*', passRole, true],
    ['StringEqualsIgnoreCase', 'iam:PassedToService', 'ECS-TASKS.amazonaws.com', passRole, true],
    [
      'ArnLike',
      'ecs:cluster',
      'arn:aws:ecs:*:*:cluster/prod',
      { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:1:cluster/prod' },
      true,
    ],
    [
      'ArnNotLike',
      'ecs:cluster',
      'arn:aws:ecs:*:*:cluster/prod',
      { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:1:cluster/prod' },
      false,
    ],
    ['Bool', 'aws:SecureTransport', 'true', { 'aws:SecureTransport': 'true' }, true],
    ['Null', 'aws:ResourceTag/team', 'true', {}, true],
    ['Null', 'aws:ResourceTag/team', 'false', {}, false],
    ['NumericLessThanEquals', 'ecs:task-cpu', '1024', { 'ecs:task-cpu': '512' }, true],
    ['NumericGreaterThan', 'ecs:task-cpu', '1024', { 'ecs:task-cpu': '512' }, false],
    [
      'DateLessThan',
      'aws:CurrentTime',
      '2027-01-01T00:00:00Z',
      { 'aws:CurrentTime': '2026-11-22T10:00:00Z' },
      true,
    ],
    ['ForAnyValue:StringEquals', 'aws:TagKeys', ['team'], { 'aws:TagKeys': ['env', 'team'] }, true],
    [
      'ForAllValues:StringEquals',
      'aws:TagKeys',
      ['team', 'env'],
      { 'aws:TagKeys': ['env', 'team'] },
      true,
    ],
    [
      'ForAllValues:StringEquals',
      'aws:TagKeys',
      ['team'],
      { 'aws:TagKeys': ['env', 'team'] },
      false,
    ],
    ['ForAllValues:StringEquals', 'aws:TagKeys', ['team'], {}, true],
    ['IpAddress', 'aws:SourceIp', '10.0.0.0/8', { 'aws:SourceIp': '10.1.2.3' }, true],
    ['NotIpAddress', 'aws:SourceIp', '10.0.0.0/8', { 'aws:SourceIp': '192.168.1.1' }, true],
    ['SomeFutureOperator', 'x', 'y', { x: 'y' }, false],
  ])('%s %s %j with %j: %s', (operator, key, expected, context, result) => {
    expect(conditionMatches(operator, key, expected, context)).toBe(result);
  });

  it('allows iam:PassRole only to the service the condition names', () => {
    const policy = doc({
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: role,
      Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    });
    expect(
      decide([policy], { action: 'iam:PassRole', resource: role, context: passRole }).decision,
    ).toBe('Allow');
    expect(
      decide([policy], {
        action: 'iam:PassRole',
        resource: role,
        context: { 'iam:PassedToService': 'lambda.amazonaws.com' },
      }).decision,
    ).toBe('ImplicitDeny');
  });
});

describe('policy documents and principals', () => {
  it.each([
    ['not json', 'Policy p is not JSON'],
    ['[]', 'Policy p must be a JSON object with a Statement.'],
    ['{"Statement": []}', 'Policy p has no Statement.'],
    [
      '{"Statement": [{"Action": "*", "Resource": "*"}]}',
      'Policy p statement 0 has no valid Effect (Allow or Deny).',
    ],
    [
      '{"Statement": {"Effect": "Allow", "Resource": "*"}}',
      'Policy p statement 0 has neither Action nor NotAction.',
    ],
  ])('refuses %j', (text, message) => {
    expect(() => parsePolicy(text, 'Policy p')).toThrow(message);
  });

  it('reads the URL-encoded documents IAM returns and a single statement object', () => {
    const encoded = encodeURIComponent(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: { Effect: 'Allow', Action: '*', Resource: '*' },
      }),
    );
    expect(parsePolicy(encoded, 'p').Statement).toHaveLength(1);
  });

  it.each([
    ['arn:aws:sts::123456789012:assumed-role/deploy-prod/gha-42', 'role', 'deploy-prod'],
    ['arn:aws:iam::123456789012:user/ci/deployer', 'user', 'deployer'],
    ['arn:aws:iam::123456789012:root', 'root', 'root'],
    ['arn:aws-cn:sts::123456789012:assumed-role/deploy/s', 'role', 'deploy'],
  ])('%s is the %s %s', (arn, kind, name) => {
    expect(principalOf(arn)).toMatchObject({ kind, name, account: '123456789012' });
  });
});
