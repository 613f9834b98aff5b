import type { ErrorObject } from 'ajv';
import { parseDocument } from 'yaml';
import { ConfigurationError } from './errors.js';
import { jsonError } from './json-position.js';
import { formatDuration } from '../util/time.js';

/** Returns the raw value of an input, or undefined when it was not given. */
export type InputSource = (name: string) => string | undefined;

/** Reads inputs the way the runner passes them: `INPUT_<NAME>` environment variables. */
export function environmentInputs(env: NodeJS.ProcessEnv = process.env): InputSource {
  return (name) => env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
}

export function recordInputs(values: Record<string, string | undefined>): InputSource {
  return (name) => values[name];
}

const DURATION_UNITS_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Parses a duration such as `90`, `90s`, `15m`, `1h30m` or `500ms` into milliseconds. A bare
 * number is seconds. Returns undefined when the text is not a duration.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const part = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  for (let match = part.exec(trimmed); match !== null; match = part.exec(trimmed)) {
    const [, amount, unit] = match;
    total += Number(amount) * (DURATION_UNITS_MS[unit ?? ''] ?? Number.NaN);
    consumed = part.lastIndex;
  }
  if (consumed === 0 || consumed !== trimmed.length || !Number.isFinite(total)) return undefined;
  return Math.round(total);
}

const TRUE_VALUES = ['true', 'True', 'TRUE'];
const FALSE_VALUES = ['false', 'False', 'FALSE'];

/**
 * A JSON schema's validator, compiled at build time into ajv's standalone code
 * (scripts/gen-validators.mjs): validates, and leaves its errors on itself. No step compiles a
 * schema when it starts, and no bundle carries ajv's compiler.
 */
export type Precompiled = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/**
 * Typed access to an action's inputs. `N` is the action's input names, generated from its
 * action.yml (src/actions/<name>/contract.ts), so a name the action.yml lacks does not compile. Optional inputs that are absent or blank read as
 * `undefined`; every failure is a ConfigurationError that names the input.
 */
export class InputReader<N extends string = string> {
  constructor(private readonly source: InputSource) {}

  /** The trimmed value, or undefined when absent or blank. */
  optional(name: N): string | undefined {
    const value = this.source(name)?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  required(name: N, why?: string): string {
    const value = this.optional(name);
    if (value === undefined) {
      throw new ConfigurationError(
        `Input '${name}' is required${why === undefined ? '' : ` ${why}`}.`,
        {
          input: name,
          hint: `Set '${name}' in the step's \`with:\` block.`,
        },
      );
    }
    return value;
  }

  boolean(name: N, defaultValue: boolean): boolean {
    const value = this.optional(name);
    if (value === undefined) return defaultValue;
    if (TRUE_VALUES.includes(value)) return true;
    if (FALSE_VALUES.includes(value)) return false;
    throw new ConfigurationError(`Input '${name}' must be true or false, got '${value}'.`, {
      input: name,
    });
  }

  integer(name: N, options: { default?: number; min?: number; max?: number } = {}): number {
    const value = this.optional(name);
    if (value === undefined) {
      if (options.default !== undefined) return options.default;
      return Number(this.required(name));
    }
    if (!/^-?\d+$/.test(value)) {
      throw new ConfigurationError(`Input '${name}' must be a whole number, got '${value}'.`, {
        input: name,
      });
    }
    const parsed = Number(value);
    if (
      (options.min !== undefined && parsed < options.min) ||
      (options.max !== undefined && parsed > options.max)
    ) {
      throw new ConfigurationError(
        `Input '${name}' must be ${rangeText(options.min, options.max)}, got ${value}.`,
        { input: name },
      );
    }
    return parsed;
  }

  /** A duration in milliseconds (`90`, `90s`, `15m`, `1h30m`). */
  duration(name: N, options: { default?: number; min?: number; max?: number } = {}): number {
    const value = this.optional(name);
    if (value === undefined) {
      if (options.default !== undefined) return options.default;
      this.required(name);
    }
    const parsed = parseDuration(value ?? '');
    if (parsed === undefined) {
      throw new ConfigurationError(
        `Input '${name}' must be a duration such as 90s, 15m or 1h30m, got '${value ?? ''}'.`,
        { input: name },
      );
    }
    if (
      (options.min !== undefined && parsed < options.min) ||
      (options.max !== undefined && parsed > options.max)
    ) {
      throw new ConfigurationError(
        `Input '${name}' must be ${rangeText(options.min, options.max, formatDuration)}, got ${value ?? ''}.`,
        { input: name },
      );
    }
    return parsed;
  }

  /** One of a fixed set of words. */
  choice<T extends string>(name: N, allowed: readonly T[], defaultValue: T): T;
  choice<T extends string>(name: N, allowed: readonly T[]): T | undefined;
  choice<T extends string>(name: N, allowed: readonly T[], defaultValue?: T): T | undefined {
    const value = this.optional(name);
    if (value === undefined) return defaultValue;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    throw new ConfigurationError(
      `Input '${name}' must be one of ${allowed.join(', ')}, got '${value}'.`,
      { input: name },
    );
  }

  /** Items separated by newlines or commas, trimmed, blanks dropped. */
  list(name: N): string[] {
    const value = this.optional(name);
    if (value === undefined) return [];
    return value
      .split(/[\n,]/)
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }

  /**
   * `KEY=VALUE` lines (newline-separated; commas are allowed inside values). A line without `=`
   * is an error naming the input and the line.
   */
  keyValues(name: N): Map<string, string> {
    const result = new Map<string, string>();
    const value = this.optional(name);
    if (value === undefined) return result;
    value.split('\n').forEach((line, index) => {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) return;
      const eq = trimmed.indexOf('=');
      if (eq <= 0) {
        throw new ConfigurationError(
          `Input '${name}' line ${index + 1} must look like KEY=VALUE, got '${trimmed}'.`,
          { input: name },
        );
      }
      result.set(trimmed.slice(0, eq).trim(), trimmed.slice(eq + 1));
    });
    return result;
  }

  /** JSON or YAML text, parsed and validated by a schema's precompiled validator. */
  // T: the shape the validator checks, as the caller names it (the generated code is untyped).
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  structured<T>(name: N, validate: Precompiled): T | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    return parseStructured<T>(value, validate, `Input '${name}'`, name);
  }
}

/**
 * Parses JSON or YAML (YAML is a superset of JSON) and validates it. `label` starts every error
 * message (e.g. "Input 'appspec'" or "File appspec.yaml").
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export function parseStructured<T>(
  text: string,
  validate: Precompiled,
  label: string,
  input?: string,
): T {
  const data = parseJsonOrYaml(text, label, input);
  if (!validate(data)) {
    throw new ConfigurationError(
      `${label} ${describeSchemaErrors(validate.errors ?? [])}.`,
      input === undefined ? {} : { input },
    );
  }
  return data as T;
}

/**
 * Text that starts like JSON is parsed as JSON (YAML would accept some broken JSON); anything
 * else as YAML. Errors give the line and column.
 */
export function parseJsonOrYaml(text: string, label: string, input?: string): unknown {
  const where = input === undefined ? {} : { input };
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const problem = jsonError(text);
    if (problem === undefined) return JSON.parse(text) as unknown;
    const { line, col } = lineAndColumn(text, problem.offset);
    const found =
      problem.offset >= text.length ? 'the end of the text' : `'${text[problem.offset] ?? ''}'`;
    throw new ConfigurationError(
      `${label} is not valid JSON at line ${line}, column ${col}: expected ${problem.expected}, found ${found}.`,
      where,
    );
  }
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const [first] = document.errors;
  if (first !== undefined) {
    const position = first.linePos?.[0];
    const at = position === undefined ? '' : ` at line ${position.line}, column ${position.col}`;
    const reason = (first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigurationError(`${label} is not valid YAML${at}: ${reason}.`, where);
  }
  return document.toJS() as unknown;
}

function lineAndColumn(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: (before[before.length - 1]?.length ?? 0) + 1 };
}

function describeSchemaErrors(errors: ErrorObject[]): string {
  const first = errors[0];
  if (first === undefined) return 'does not match its schema';
  const where = first.instancePath === '' ? '' : ` at ${first.instancePath}`;
  if (first.keyword === 'additionalProperties') {
    const extra = (first.params as { additionalProperty?: string }).additionalProperty ?? '';
    return `has an unknown key '${extra}'${where}`;
  }
  if (first.keyword === 'enum') {
    const allowed = (first.params as { allowedValues?: unknown[] }).allowedValues ?? [];
    return `has a value${where} that must be one of ${allowed.map(String).join(', ')}`;
  }
  return `is invalid${where}: ${first.message ?? 'does not match its schema'}`;
}

function rangeText(
  min: number | undefined,
  max: number | undefined,
  format: (n: number) => string = String,
): string {
  if (min !== undefined && max !== undefined) return `between ${format(min)} and ${format(max)}`;
  if (min !== undefined) return `at least ${format(min)}`;
  if (max !== undefined) return `at most ${format(max)}`;
  return 'valid';
}
