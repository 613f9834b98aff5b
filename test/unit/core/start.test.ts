// A step's light start (src/core/action/start.ts): a bad input fails as the full run would say it,
// without loading the rest; good inputs and the post step load it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError } from '../../../src/core/action/errors.js';
import { recordInputs } from '../../../src/core/action/inputs.js';
import { type Preread, startAction } from '../../../src/core/action/start.js';
import { parseCommandFile } from '../../support/bundle.js';

const clock = { now: () => 1_000 };
const readInputs = (reader: { required(name: string): string }) => ({
  service: reader.required('service'),
});

afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

function runnerEnv(extra: Record<string, string> = {}) {
  const file = join(mkdtempSync(join(tmpdir(), 'start-')), 'env');
  writeFileSync(file, '');
  return { env: { GITHUB_ENV: file, ...extra }, file };
}

describe('startAction', () => {
  it('fails a bad input with the error command, exit code 1 and the step record, loading nothing', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const load = vi.fn();
    const { env, file } = runnerEnv();
    await startAction('ecs-deploy', readInputs, load, { env, inputs: recordInputs({}), clock });
    expect(load).not.toHaveBeenCalled();
    expect(process.exitCode).toBe(1);
    expect(out.mock.calls.map((c) => String(c[0])).join('')).toMatch(
      /^::error::Input 'service' is required/m,
    );
    const record = JSON.parse(
      parseCommandFile(readFileSync(file, 'utf8'))['ECS_DELIVERY_STEPS'] ?? '[]',
    );
    expect(record).toEqual([{ action: 'ecs-deploy', startedAt: 1000, endedAt: 1000, ok: false }]);
  });

  it('escapes a multi-line message as the runner reads it back', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const failing = () => {
      throw new ConfigurationError('50% off\nsecond line', { hint: 'Fix it.' });
    };
    await startAction('x', failing, vi.fn(), { env: {}, inputs: recordInputs({}), clock });
    expect(out.mock.calls.map((c) => String(c[0])).join('')).toContain(
      '::error::50%25 off%0Asecond line. Fix it.',
    );
  });

  it('hands good inputs, the pre-flight mode and the start time to the loaded step', async () => {
    const launch = vi.fn((_preread: Preread | undefined) => Promise.resolve());
    await startAction('ecs-deploy', readInputs, () => Promise.resolve({ launch }), {
      env: {},
      inputs: recordInputs({ service: 'web', 'iam-preflight': 'warn' }),
      clock,
    });
    expect(launch).toHaveBeenCalledWith({
      inputs: { service: 'web' },
      mode: 'warn',
      startedAt: 1000,
    });
    expect(process.exitCode).toBeUndefined();
  });

  it('loads the post step without reading inputs', async () => {
    const launch = vi.fn((_preread: Preread | undefined) => Promise.resolve());
    const reading = vi.fn(readInputs);
    await startAction('ecs-deploy', reading, () => Promise.resolve({ launch }), {
      env: { STATE_isPost: 'true' },
      inputs: recordInputs({}),
      clock,
    });
    expect(reading).not.toHaveBeenCalled();
    expect(launch).toHaveBeenCalledWith(undefined);
  });
});
