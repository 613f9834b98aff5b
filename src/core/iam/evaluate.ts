import type { ConditionContext } from '../action/permissions.js';
import { type PolicyDocument, type Statement, asList } from './policy.js';

/** An authorization to decide: the action, the resource ARN and the request's condition keys. */
export interface Request {
  action: string;
  resource: string;
  context?: ConditionContext;
}

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** `*` matches any run of characters, `?` one; IAM's wildcard matching. */
export function wildcardMatch(pattern: string, value: string, caseSensitive = true): boolean {
  const p = caseSensitive ? pattern : pattern.toLowerCase();
  const v = caseSensitive ? value : value.toLowerCase();
  // Iterative glob match with backtracking on the last star: linear enough for policy sizes.
  let pi = 0;
  let vi = 0;
  let star = -1;
  let mark = 0;
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === v[vi])) {
      pi++;
      vi++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = vi;
    } else if (star !== -1) {
      pi = star + 1;
      vi = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

function contextValue(context: ConditionContext, key: string): string[] | undefined {
  const found = Object.keys(context).find((k) => k.toLowerCase() === key.toLowerCase());
  if (found === undefined) return undefined;
  const value = context[found];
  return Array.isArray(value) ? value : value === undefined ? undefined : [value];
}

const NEGATED: Record<string, string> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  NotIpAddress: 'IpAddress',
};

function date(value: string): number {
  return /^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : Date.parse(value);
}

function ipInCidr(ip: string, cidr: string): boolean {
  const [base = '', bitsText] = cidr.split('/');
  const toNumber = (address: string) =>
    address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip) || !/^\d+\.\d+\.\d+\.\d+$/.test(base)) return ip === base;
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  const size = 2 ** (32 - bits);
  return Math.floor(toNumber(ip) / size) === Math.floor(toNumber(base) / size);
}

function compare(operator: string, actual: string, expected: string): boolean {
  switch (operator) {
    case 'StringEquals':
    case 'ArnEquals':
      return actual === expected;
    case 'StringEqualsIgnoreCase':
      return actual.toLowerCase() === expected.toLowerCase();
    case 'StringLike':
    case 'ArnLike':
      return wildcardMatch(expected, actual);
    case 'Bool':
      return actual.toLowerCase() === expected.toLowerCase();
    case 'NumericEquals':
      return Number(actual) === Number(expected);
    case 'NumericLessThan':
      return Number(actual) < Number(expected);
    case 'NumericLessThanEquals':
      return Number(actual) <= Number(expected);
    case 'NumericGreaterThan':
      return Number(actual) > Number(expected);
    case 'NumericGreaterThanEquals':
      return Number(actual) >= Number(expected);
    case 'DateEquals':
      return date(actual) === date(expected);
    case 'DateLessThan':
      return date(actual) < date(expected);
    case 'DateLessThanEquals':
      return date(actual) <= date(expected);
    case 'DateGreaterThan':
      return date(actual) > date(expected);
    case 'DateGreaterThanEquals':
      return date(actual) >= date(expected);
    case 'IpAddress':
      return ipInCidr(actual, expected);
    default:
      // An operator the evaluator does not know never matches: a Deny with it does not apply and
      // an Allow with it does not allow, so the result can only be stricter than AWS's.
      return false;
  }
}

/** One condition operator with one key, as AWS documents them. */
export function conditionMatches(
  operatorText: string,
  key: string,
  expectedRaw: unknown,
  context: ConditionContext,
): boolean {
  let operator = operatorText;
  let quantifier = '';
  const colon = operator.indexOf(':');
  if (colon !== -1) {
    quantifier = operator.slice(0, colon);
    operator = operator.slice(colon + 1);
  }
  const ifExists = operator.endsWith('IfExists');
  if (ifExists) operator = operator.slice(0, -'IfExists'.length);
  const expected = asList(expectedRaw);
  const actual = contextValue(context, key);
  if (operator === 'Null') {
    const wantAbsent = (expected[0] ?? '').toLowerCase() === 'true';
    return (actual === undefined) === wantAbsent;
  }
  const positive = NEGATED[operator];
  if (actual === undefined) {
    // AWS: a missing key fails the condition, except with IfExists, negated operators and ForAllValues.
    return ifExists || positive !== undefined || quantifier === 'ForAllValues';
  }
  const base = positive ?? operator;
  const anyExpected = (value: string) => expected.some((e) => compare(base, value, e));
  if (positive !== undefined) {
    if (quantifier === 'ForAllValues') return actual.every((value) => !anyExpected(value));
    if (quantifier === 'ForAnyValue') return actual.some((value) => !anyExpected(value));
    return !actual.some(anyExpected);
  }
  if (quantifier === 'ForAllValues') return actual.every(anyExpected);
  return actual.some(anyExpected);
}

/** Whether a statement applies to a request (its Effect aside). */
export function statementApplies(statement: Statement, request: Request): boolean {
  const context = request.context ?? {};
  if (
    statement.Action !== undefined &&
    !asList(statement.Action).some((p) => wildcardMatch(p, request.action, false))
  )
    return false;
  if (
    statement.NotAction !== undefined &&
    asList(statement.NotAction).some((p) => wildcardMatch(p, request.action, false))
  )
    return false;
  if (
    statement.Resource !== undefined &&
    !asList(statement.Resource).some((p) => wildcardMatch(p, request.resource))
  )
    return false;
  if (
    statement.NotResource !== undefined &&
    asList(statement.NotResource).some((p) => wildcardMatch(p, request.resource))
  )
    return false;
  for (const [operator, pairs] of Object.entries(statement.Condition ?? {})) {
    for (const [key, expected] of Object.entries(pairs)) {
      if (!conditionMatches(operator, key, expected, context)) return false;
    }
  }
  return true;
}

/** Explicit deny wins, then any allow, else implicit deny; over a set of policies. */
export function decide(
  policies: readonly PolicyDocument[],
  request: Request,
): { decision: Decision; statement?: Statement } {
  let allowing: Statement | undefined;
  for (const policy of policies) {
    for (const statement of policy.Statement) {
      if (!statementApplies(statement, request)) continue;
      if (statement.Effect === 'Deny') return { decision: 'ExplicitDeny', statement };
      allowing ??= statement;
    }
  }
  return allowing === undefined
    ? { decision: 'ImplicitDeny' }
    : { decision: 'Allow', statement: allowing };
}

export interface PrincipalPolicies {
  /** Identity-based policies (inline, attached, group). */
  identity: PolicyDocument[];
  /** The permissions boundary, when one is set. */
  boundary: PolicyDocument | undefined;
}

export interface Evaluation {
  decision: Decision;
  /** Which kind of policy decided, for the message. */
  reason: string;
}

/** AWS's evaluation for one principal without SCPs, session policies or resource policies. */
export function evaluate(policies: PrincipalPolicies, request: Request): Evaluation {
  const identity = decide(policies.identity, request);
  if (identity.decision === 'ExplicitDeny') {
    return {
      decision: 'ExplicitDeny',
      reason: `an explicit Deny in an identity policy${identity.statement?.Sid === undefined ? '' : ` (${identity.statement.Sid})`}`,
    };
  }
  if (policies.boundary !== undefined) {
    const boundary = decide([policies.boundary], request);
    if (boundary.decision === 'ExplicitDeny')
      return { decision: 'ExplicitDeny', reason: 'an explicit Deny in the permissions boundary' };
    if (boundary.decision === 'ImplicitDeny') {
      return { decision: 'ImplicitDeny', reason: 'the permissions boundary does not allow it' };
    }
  }
  if (identity.decision === 'ImplicitDeny')
    return { decision: 'ImplicitDeny', reason: 'no identity policy allows it' };
  return { decision: 'Allow', reason: 'allowed' };
}
