import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/core/action/errors.js';
import {
  InputReader,
  environmentInputs,
  parseDuration,
  recordInputs,
} from '../../../src/core/action/inputs.js';
import { formatDuration } from '../../../src/core/util/time.js';

const reader = (values: Record<string, string>) => new InputReader(recordInputs(values));

function failure(fn: () => unknown): ConfigurationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('InputReader', () => {
  it('reads INPUT_<NAME> variables as the runner sets them, hyphens kept', () => {
    const source = environmentInputs({ 'INPUT_AWS-REGION': ' eu-west-1 ', INPUT_MY_INPUT: 'x' });
    const inputs = new InputReader(source);
    expect(inputs.optional('aws-region')).toBe('eu-west-1');
    expect(inputs.optional('my input')).toBe('x');
  });

  it.each([
    ['absent', {}],
    ['blank', { name: '   ' }],
  ])('treats an %s optional input as undefined', (_, values) => {
    expect(reader(values).optional('name')).toBeUndefined();
  });

  it('names a missing required input and says where to set it', () => {
    const error = failure(() => reader({}).required('cluster'));
    expect(error.input).toBe('cluster');
    expect(error.message).toBe(
      "Input 'cluster' is required. Set 'cluster' in the step's `with:` block.",
    );
  });

  it.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    ['', true],
  ])('reads boolean %j as %s (default true)', (value, expected) => {
    expect(reader({ flag: value }).boolean('flag', true)).toBe(expected);
  });

  it.each(['yes', '1', 'on', 'tru'])('rejects %j as a boolean, naming the input', (value) => {
    const error = failure(() => reader({ flag: value }).boolean('flag', false));
    expect(error.message).toBe(`Input 'flag' must be true or false, got '${value}'.`);
    expect(error.input).toBe('flag');
  });

  it.each([
    ['5', {}, 5],
    ['-3', {}, -3],
    ['', { default: 7 }, 7],
  ])('reads integer %j', (value, options, expected) => {
    expect(reader({ n: value }).integer('n', options)).toBe(expected);
  });

  it.each([
    ['1.5', {}, "Input 'n' must be a whole number, got '1.5'."],
    ['ten', {}, "Input 'n' must be a whole number, got 'ten'."],
    ['0', { min: 1 }, "Input 'n' must be at least 1, got 0."],
    ['11', { min: 1, max: 10 }, "Input 'n' must be between 1 and 10, got 11."],
    ['', {}, "Input 'n' is required. Set 'n' in the step's `with:` block."],
  ])('rejects integer %j', (value, options, message) => {
    expect(failure(() => reader({ n: value }).integer('n', options)).message).toBe(message);
  });

  it.each([
    ['90', 90_000],
    ['90s', 90_000],
    ['15m', 900_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['1.5s', 1500],
    ['2H', 7_200_000],
  ])('parses duration %j', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 'soon', '5 minutes', '10x', 'm5', '-5s', '5s garbage'])(
    'rejects duration %j',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );

  it('names the input of a bad duration and of one out of range', () => {
    expect(failure(() => reader({ timeout: 'soon' }).duration('timeout')).message).toBe(
      "Input 'timeout' must be a duration such as 90s, 15m or 1h30m, got 'soon'.",
    );
    expect(
      failure(() => reader({ timeout: '5s' }).duration('timeout', { min: 60_000 })).message,
    ).toBe("Input 'timeout' must be at least 1m, got 5s.");
    expect(reader({}).duration('timeout', { default: 600_000 })).toBe(600_000);
  });

  it.each([
    [90_000, '1m30s'],
    [3_600_000, '1h'],
    [500, '500ms'],
    [0, '0ms'],
    [1000, '1s'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('reads choices and lists the allowed words on a bad one', () => {
    expect(reader({ mode: 'warn' }).choice('mode', ['off', 'warn'] as const, 'off')).toBe('warn');
    expect(reader({}).choice('mode', ['off', 'warn'] as const, 'off')).toBe('off');
    expect(
      failure(() => reader({ mode: 'loud' }).choice('mode', ['off', 'warn'] as const)).message,
    ).toBe("Input 'mode' must be one of off, warn, got 'loud'.");
  });

  it('splits lists on commas and newlines, dropping blanks', () => {
    expect(reader({ tags: 'a, b\n\nc,' }).list('tags')).toEqual(['a', 'b', 'c']);
    expect(reader({}).list('tags')).toEqual([]);
  });

  it('reads KEY=VALUE lines, keeping = and commas inside values', () => {
    const values = reader({ env: 'A=1\n# comment\nB=x=y,z\n\nC=' }).keyValues('env');
    expect([...values]).toEqual([
      ['A', '1'],
      ['B', 'x=y,z'],
      ['C', ''],
    ]);
  });

  it('names the line of a KEY=VALUE entry without =', () => {
    expect(failure(() => reader({ env: 'A=1\nBROKEN' }).keyValues('env')).message).toBe(
      "Input 'env' line 2 must look like KEY=VALUE, got 'BROKEN'.",
    );
  });

  // The steps validate with precompiled validators (scripts/gen-validators.mjs); ajv compiling the
  // same options here stands in for one.
  const schema = new Ajv({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    useDefaults: true,
  }).compile({
    type: 'object',
    properties: { name: { type: 'string' }, size: { type: 'integer', minimum: 1 } },
    required: ['name'],
    additionalProperties: false,
  });

  it.each([
    ['JSON', '{"name": "web", "size": 2}'],
    ['YAML', 'name: web\nsize: 2'],
  ])('parses %s and validates it', (_, text) => {
    expect(reader({ spec: text }).structured('spec', schema)).toEqual({ name: 'web', size: 2 });
  });

  it.each([
    [
      '{"name": "web",',
      "Input 'spec' is not valid JSON at line 1, column 16: expected a property name in double quotes, found the end of the text.",
    ],
    [
      '{\n  "name": web\n}',
      "Input 'spec' is not valid JSON at line 2, column 11: expected a value, found 'w'.",
    ],
    ['[1, 2,]', "Input 'spec' is not valid JSON at line 1, column 7: expected a value, found ']'."],
    [
      '{"a": 1} x',
      "Input 'spec' is not valid JSON at line 1, column 10: expected the end of the document, found 'x'.",
    ],
    ['name: [unclosed', "Input 'spec' is not valid YAML at line 1, column 16: "],
    [
      'name: a\nname: b',
      "Input 'spec' is not valid YAML at line 2, column 1: Map keys must be unique.",
    ],
    ['{"size": 2}', "Input 'spec' is invalid: must have required property 'name'."],
    ['{"name": "web", "colour": 1}', "Input 'spec' has an unknown key 'colour'."],
    ['{"name": "web", "size": 0}', "Input 'spec' is invalid at /size: must be >= 1."],
  ])('rejects %j naming the input and the problem', (text, message) => {
    const error = failure(() => reader({ spec: text }).structured('spec', schema));
    expect(error.message.startsWith(message)).toBe(true);
    expect(error.message).not.toContain('\n');
    expect(error.input).toBe('spec');
  });
});
