import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { emulatorEnv } from '../support/aws-env.js';
import { type CountingProxy, startCountingProxy } from '../support/counting-proxy.js';
import { runBundle } from '../support/bundle.js';

let proxy: CountingProxy;
beforeAll(async () => {
  proxy = await startCountingProxy(inject('awsEndpoint'));
});
afterAll(async () => {
  await proxy.close();
});

describe(`dist/aws-identity run as the runner runs it (${inject('emulator')})`, () => {
  it('writes outputs and a job summary through the command files', async () => {
    const before = proxy.requests.length;
    const run = await runBundle('aws-identity', {
      env: { ...emulatorEnv(proxy.endpoint) },
      inputs: { 'fail-on-root': 'true', 'allowed-principals': '["arn:aws:*"]' },
    });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs['account-id']).toMatch(/^\d{12}$/);
    expect(run.outputs['arn']).toMatch(/^arn:aws:/);
    expect(run.summary).toContain('## AWS identity');
    expect(run.summary).toContain(`| ${run.outputs['account-id'] ?? ''} |`);
    expect(run.stdout).toContain(`Credentials belong to ${run.outputs['arn'] ?? ''}`);
    expect(proxy.requests.slice(before).map((r) => r.operation)).toEqual(['GetCallerIdentity']);
  });

  it.each([
    [
      'a missing required input',
      {},
      { AWS_REGION: '' },
      "Input 'aws-region' is required when AWS_REGION is not set.",
    ],
    [
      'a non-boolean in a boolean input',
      { 'fail-on-root': 'yes' },
      {},
      "Input 'fail-on-root' must be true or false, got 'yes'.",
    ],
    [
      'malformed JSON in a structured input',
      { 'allowed-principals': '["arn:aws:*",' },
      {},
      "Input 'allowed-principals' is not valid JSON at line 1, column 14",
    ],
    [
      'malformed YAML in a structured input',
      { 'allowed-principals': '- arn:aws:*\n  - : [' },
      {},
      "Input 'allowed-principals' is not valid YAML at line",
    ],
    [
      'a value of the wrong shape',
      { 'allowed-principals': 'principal: arn:aws:*' },
      {},
      "Input 'allowed-principals' is invalid: must be array.",
    ],
    [
      'an unknown iam-preflight mode',
      { 'iam-preflight': 'loud' },
      {},
      "Input 'iam-preflight' must be one of off, warn, enforce, got 'loud'.",
    ],
  ])(
    'fails on %s with one line naming the input, exit 1, no AWS call',
    async (_, inputs, env, message) => {
      const before = proxy.requests.length;
      const run = await runBundle('aws-identity', {
        env: { ...emulatorEnv(proxy.endpoint), ...env },
        inputs,
      });
      expect(run.exitCode).toBe(1);
      expect(run.errors).toHaveLength(1);
      expect(run.errors[0]?.startsWith(message)).toBe(true);
      expect(proxy.requests.length - before).toBe(0);
      expect(run.outputs).toEqual({});
    },
  );
});
