import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { awsIdentity } from '../../../src/actions/aws-identity/action.js';
import { type AwsIdentityInputs } from '../../../src/actions/aws-identity/inputs.js';
import { arnMatches, identityProblem, plan } from '../../../src/actions/aws-identity/plan.js';
import { runAction } from '../../../src/core/action/run.js';
import { recordingRuntime } from '../../support/runtime.js';

const sts = mockClient(STSClient);
afterEach(() => {
  sts.reset();
});

const role = {
  account: '123456789012',
  arn: 'arn:aws:sts::123456789012:assumed-role/deploy-prod/gha-42',
  userId: 'AROA:gha-42',
};
const inputs: AwsIdentityInputs = {
  region: 'eu-west-1',
  expectedAccountId: undefined,
  allowedPrincipals: [],
  failOnRoot: true,
};

describe('aws-identity plan', () => {
  it('needs only sts:GetCallerIdentity', () => {
    expect(plan(inputs).permissions.map((p) => p.action)).toEqual(['sts:GetCallerIdentity']);
  });

  it.each([
    [
      'arn:aws:sts::123456789012:assumed-role/deploy-prod/gha-42',
      'arn:aws:sts::*:assumed-role/deploy-*/*',
      true,
    ],
    [
      'arn:aws:sts::123456789012:assumed-role/admin/gha-42',
      'arn:aws:sts::*:assumed-role/deploy-*/*',
      false,
    ],
    ['arn:aws:iam::123456789012:user/ci', 'arn:aws:iam::12345678901?:user/ci', true],
    ['arn:aws:iam::123456789012:user/ci', 'arn:aws:iam::123456789012:user/c', false],
    ['arn:aws:iam::123456789012:user/c.i', 'arn:aws:iam::123456789012:user/c?i', true],
    ['arn:aws:iam::123456789012:user/cxi', 'arn:aws:iam::123456789012:user/c.i', false],
  ])('%s matches %s: %s', (arn, pattern, matches) => {
    expect(arnMatches(arn, pattern)).toBe(matches);
  });

  it.each([
    [{}, role, undefined],
    [
      { expectedAccountId: '210987654321' },
      role,
      'The credentials belong to account 123456789012, not 210987654321',
    ],
    [
      {},
      { ...role, arn: 'arn:aws:iam::123456789012:root' },
      'The credentials are the root user of account 123456789012',
    ],
    [{ failOnRoot: false }, { ...role, arn: 'arn:aws:iam::123456789012:root' }, undefined],
    [{ allowedPrincipals: ['arn:aws:sts::*:assumed-role/other/*'] }, role, 'matches none of'],
  ])('checks %j against the caller', (overrides, identity, problem) => {
    const found = identityProblem(identity, { ...inputs, ...overrides });
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });
});

describe('aws-identity action (aws-sdk-client-mock)', () => {
  it('outputs the account, ARN and user id and writes a summary', async () => {
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: role.account, Arn: role.arn, UserId: role.userId });
    const { runtime, outputs, written, failures } = recordingRuntime({ 'aws-region': 'eu-west-1' });
    await runAction(awsIdentity, runtime);
    expect(failures).toEqual([]);
    expect(Object.fromEntries(outputs.values)).toEqual({
      'account-id': role.account,
      arn: role.arn,
      'user-id': role.userId,
    });
    expect(written[0]).toContain(`| ${role.account} | ${role.arn} | eu-west-1 | passed |`);
  });

  it('fails when the account is not the expected one, after setting outputs', async () => {
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: role.account, Arn: role.arn, UserId: role.userId });
    const { runtime, outputs, failures } = recordingRuntime({
      'aws-region': 'eu-west-1',
      'expected-account-id': '210987654321',
    });
    await runAction(awsIdentity, runtime);
    expect(outputs.get('account-id')).toBe(role.account);
    expect(failures[0]).toMatch(
      /^The credentials belong to account 123456789012, not 210987654321/,
    );
  });

  it.each([
    [{}, "Input 'aws-region' is required when AWS_REGION is not set."],
    [
      { 'aws-region': 'eu-west-1', 'expected-account-id': '12345' },
      "Input 'expected-account-id' must be a 12-digit AWS account id, got '12345'.",
    ],
    [
      { 'aws-region': 'eu-west-1', 'fail-on-root': 'maybe' },
      "Input 'fail-on-root' must be true or false, got 'maybe'.",
    ],
    [
      { 'aws-region': 'eu-west-1', 'allowed-principals': '["arn:aws:iam::1:role/x"' },
      "Input 'allowed-principals' is not valid JSON at line 1, column 25",
    ],
    [
      { 'aws-region': 'eu-west-1', 'allowed-principals': '- not-an-arn' },
      "Input 'allowed-principals' is invalid at /0: must match pattern",
    ],
  ])('rejects %j before any AWS call', async (values, message) => {
    const { runtime, failures } = recordingRuntime(values);
    await runAction(awsIdentity, runtime);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.startsWith(message)).toBe(true);
    expect(sts.calls()).toHaveLength(0);
  });
});
