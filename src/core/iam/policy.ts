import { ConfigurationError } from '../action/errors.js';
import { asText } from '../util/text.js';

/** How bad a lint finding is, worst first (the check's `fail-on` threshold reads these). */
export type Severity = 'error' | 'warning' | 'note';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note'];

export type Effect = 'Allow' | 'Deny';

export interface Statement {
  Sid?: string;
  Effect: Effect;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
  Principal?: unknown;
}

export interface PolicyDocument {
  Version?: string;
  Statement: Statement[];
}

export function asList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => asText(item));
}

/**
 * Reads a policy document (JSON text, or the URL-encoded text IAM returns), checking the shape
 * the evaluator relies on; `label` names it in errors.
 */
export function parsePolicy(text: string, label: string): PolicyDocument {
  let raw: unknown;
  const decoded = text.trimStart().startsWith('%7B') ? decodeURIComponent(text) : text;
  try {
    raw = JSON.parse(decoded);
  } catch (error) {
    throw new ConfigurationError(
      `${label} is not JSON: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigurationError(`${label} must be a JSON object with a Statement.`);
  }
  const statements = (raw as { Statement?: unknown }).Statement;
  const list = Array.isArray(statements)
    ? statements
    : statements === undefined
      ? []
      : [statements];
  if (list.length === 0) throw new ConfigurationError(`${label} has no Statement.`);
  list.forEach((statement: unknown, index) => {
    const s = statement as Record<string, unknown>;
    if (s['Effect'] !== 'Allow' && s['Effect'] !== 'Deny') {
      throw new ConfigurationError(
        `${label} statement ${index} has no valid Effect (Allow or Deny).`,
      );
    }
    if (s['Action'] === undefined && s['NotAction'] === undefined) {
      throw new ConfigurationError(`${label} statement ${index} has neither Action nor NotAction.`);
    }
  });
  return { ...raw, Statement: list as Statement[] };
}
