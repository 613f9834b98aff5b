import { expandActionPattern, isKnownService, lookupAction } from './catalogue.js';
import { wildcardMatch } from './evaluate.js';
import {
  type PolicyDocument,
  type Severity,
  SEVERITIES,
  type Statement,
  asList,
} from './policy.js';

export interface Finding {
  rule: string;
  severity: Severity;
  /** Index of the statement in the policy's Statement list. */
  statement: number;
  message: string;
  fix: string;
}

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

/** Placeholder values to fill ARN patterns with, when the policy's purpose is known. */
export interface ArnValues {
  Partition?: string;
  Region?: string;
  Account?: string;
  [name: string]: string | undefined;
}

/** An ARN pattern from the catalogue with the known placeholders filled and the rest as `*`. */
export function fillArn(pattern: string, values: ArnValues): string {
  return pattern.replace(
    /\$\{([A-Za-z]+)\}/g,
    (_, name: string) => values[name] ?? (name === 'Partition' ? 'aws' : '*'),
  );
}

function literal(pattern: string): boolean {
  return !pattern.includes('*') && !pattern.includes('?');
}

/** Whether statement `b` allows everything statement `a` allows (a conservative check). */
function covers(b: Statement, a: Statement): boolean {
  if (b.Effect !== 'Allow' || a.Effect !== 'Allow' || b.Condition !== undefined) return false;
  if (
    b.NotAction !== undefined ||
    b.NotResource !== undefined ||
    a.NotAction !== undefined ||
    a.NotResource !== undefined
  )
    return false;
  const bActions = asList(b.Action);
  const bResources = asList(b.Resource);
  return (
    asList(a.Action).every((action) => bActions.some((p) => wildcardMatch(p, action, false))) &&
    asList(a.Resource).every((resource) => bResources.some((p) => wildcardMatch(p, resource)))
  );
}

/** Adds one finding about the statement being checked. */
type Add = (rule: string, severity: Severity, message: string, fix: string) => void;

/** Findings for a policy document: over-broad grants, PassRole without limits, unknown actions, redundancy. */
export function lintPolicy(policy: PolicyDocument, values: ArnValues = {}): Finding[] {
  const findings: Finding[] = [];
  policy.Statement.forEach((statement, index) => {
    const add: Add = (rule, severity, message, fix) => {
      findings.push({ rule, severity, statement: index, message, fix });
    };
    const allow = statement.Effect === 'Allow';
    if (allow) lintNegations(statement, add);
    const actions = asList(statement.Action);
    for (const action of [...actions, ...asList(statement.NotAction)])
      lintAction(action, allow && actions.includes(action), add);
    if (allow && asList(statement.Resource).includes('*'))
      lintWildcardResource(statement, values, add);
    if (allow && actions.some((a) => wildcardMatch(a, 'iam:PassRole', false)))
      lintPassRole(statement, add);
  });
  policy.Statement.forEach((statement, index) => {
    const other = policy.Statement.findIndex(
      (b, j) => j !== index && covers(b, statement) && !(covers(statement, b) && j > index),
    );
    if (other !== -1) {
      findings.push({
        rule: 'redundant-statement',
        severity: 'note',
        statement: index,
        message: `Statement ${index} allows nothing statement ${other} does not already allow.`,
        fix: `Remove statement ${index}.`,
      });
    }
  });
  return findings;
}

/** Allow with NotAction or NotResource grants more than it names. */
function lintNegations(statement: Statement, add: Add): void {
  if (statement.NotAction !== undefined) {
    add(
      'allow-not-action',
      'warning',
      `Allows every action except ${asList(statement.NotAction).join(', ')}, including any AWS adds later.`,
      'List the actions the role needs in Action instead.',
    );
  }
  if (statement.NotResource !== undefined) {
    add(
      'allow-not-resource',
      'warning',
      `Allows every resource except ${asList(statement.NotResource).join(', ')}.`,
      'List the resources the role needs in Resource instead.',
    );
  }
}

/** One action name or pattern: every action, a whole service, unknown names, empty patterns. */
function lintAction(action: string, allowed: boolean, add: Add): void {
  if (action === '*' || action === '*:*') {
    if (allowed)
      add(
        'allow-all-actions',
        'error',
        'Allows every action on every service.',
        'List the actions this role needs (iam-check writes the least-privilege policy).',
      );
    return;
  }
  const [service = '', name = ''] = action.split(':');
  if (!isKnownService(service)) {
    add(
      'unknown-service',
      'error',
      `'${action}': '${service}' is not an AWS service prefix.`,
      'Check the spelling of the service prefix.',
    );
    return;
  }
  if (name === '*') {
    if (allowed)
      add(
        'allow-service-wildcard',
        'warning',
        `Allows every ${service} action (${action}).`,
        `List the ${service} actions this role needs.`,
      );
    return;
  }
  if (!literal(name)) {
    if (
      expandActionPattern(action).length === 0 &&
      lookupAction(`${service}:x`).kind !== 'uncatalogued'
    ) {
      add(
        'pattern-matches-nothing',
        'warning',
        `'${action}' matches no ${service} action.`,
        'Check the spelling of the action pattern.',
      );
    }
    return;
  }
  const found = lookupAction(action);
  if (found.kind === 'unknown-action') {
    add(
      'unknown-action',
      'error',
      `'${action}' is not a ${service} action${found.nearest === undefined ? '' : `; did you mean '${found.nearest}'`}.`,
      found.nearest === undefined ? 'Remove it or fix its name.' : `Use '${found.nearest}'.`,
    );
  }
}

/** Resource "*" on actions that support resource-level permissions: the ARNs to scope them to. */
function lintWildcardResource(statement: Statement, values: ArnValues, add: Add): void {
  const actions = asList(statement.Action);
  const scoped: string[] = [];
  const arns = new Set<string>();
  for (const action of actions) {
    for (const name of literal(action) ? [action] : expandActionPattern(action)) {
      const found = lookupAction(name);
      if (found.kind !== 'known') continue;
      const required = found.resourceTypes.filter((r) => r.required && r.arn !== '');
      if (required.length === 0) continue;
      if (literal(action)) scoped.push(action);
      for (const type of required) arns.add(fillArn(type.arn, values));
    }
  }
  if (scoped.length > 0) {
    add(
      'wildcard-resource',
      'warning',
      `Resource "*" on ${scoped.length} action(s) that support resource-level permissions: ${scoped.join(', ')}.`,
      `Scope them to ${[...arns].join(', ')}; keep only actions without resource types (such as ecr:GetAuthorizationToken) on "*".`,
    );
  }
}

/** iam:PassRole on every role, or without iam:PassedToService. */
function lintPassRole(statement: Statement, add: Add): void {
  const resources = asList(statement.Resource);
  if (resources.includes('*') || resources.some((r) => r.endsWith(':role/*'))) {
    add(
      'passrole-wildcard',
      'error',
      'Lets the role pass any role to a service (iam:PassRole on every role).',
      'Scope iam:PassRole to the task and execution role ARNs.',
    );
  }
  const condition = JSON.stringify(statement.Condition ?? {});
  if (!condition.includes('iam:PassedToService')) {
    add(
      'passrole-without-service',
      'warning',
      'iam:PassRole without an iam:PassedToService condition lets the role hand these roles to any service.',
      'Add Condition StringEquals iam:PassedToService = ecs-tasks.amazonaws.com.',
    );
  }
}

/**
 * The same policy with `Resource: "*"` replaced by the resource types' ARNs on actions that
 * support them; actions without resource types stay on "*".
 */
export function scopePolicy(policy: PolicyDocument, values: ArnValues): PolicyDocument {
  const statements: Statement[] = [];
  for (const statement of policy.Statement) {
    if (
      statement.Effect !== 'Allow' ||
      !asList(statement.Resource).includes('*') ||
      statement.Action === undefined
    ) {
      statements.push(statement);
      continue;
    }
    const byResource = new Map<string, string[]>();
    for (const action of asList(statement.Action)) {
      const found = literal(action) ? lookupAction(action) : undefined;
      const required =
        found?.kind === 'known'
          ? found.resourceTypes.filter((r) => r.required && r.arn !== '')
          : [];
      const key =
        required.length === 0 ? '*' : required.map((r) => fillArn(r.arn, values)).join('\n');
      byResource.set(key, [...(byResource.get(key) ?? []), action]);
    }
    for (const [resources, actions] of byResource) {
      const list = resources.split('\n');
      const { Action: _action, Resource: _resource, ...rest } = statement;
      statements.push({
        ...rest,
        Action: actions.length === 1 ? (actions[0] ?? '') : actions,
        Resource: list.length === 1 ? (list[0] ?? '*') : list,
      });
    }
  }
  return { Version: policy.Version ?? '2012-10-17', Statement: statements };
}
