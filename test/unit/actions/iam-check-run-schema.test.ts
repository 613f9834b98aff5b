// The build-time validator of iam-check's `run` input (scripts/gen-validators.mjs) judges as ajv
// compiling the schema at start would: same verdicts, same errors.
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { RUN_SCHEMA } from '../../../src/actions/iam-check/run-schema.js';
import { validateRun } from '../../../src/actions/iam-check/run-schema.validate.js';

const compiled = new Ajv({
  allErrors: true,
  strict: true,
  allowUnionTypes: true,
  useDefaults: true,
}).compile(RUN_SCHEMA);

describe('the precompiled run validator', () => {
  it.each([
    ['a deploy', { deploy: { cluster: 'c', service: 'web' } }],
    [
      'a whole pipeline',
      {
        account: '123456789012',
        'build-push': { repository: 'web' },
        'task-definition': { family: 'web' },
        deploy: { cluster: 'c', service: 'web', strategy: 'canary', 'load-balanced': false },
      },
    ],
    ['a bad account', { account: '12' }],
    ['an unknown key', { deploy: { cluster: 'c', service: 'web', colour: 'blue' } }],
    ['a missing service', { deploy: { cluster: 'c' } }],
    ['a wrong type', { 'build-push': { repository: 'web', 'keep-images': -1 } }],
  ])('%s', (_what, doc) => {
    const ours = validateRun(structuredClone(doc));
    const theirs = compiled(structuredClone(doc));
    expect(ours).toBe(theirs);
    expect((validateRun as { errors?: unknown }).errors ?? null).toEqual(compiled.errors ?? null);
  });
});
