// A/B on an ECS-native blue/green deployment: while it pauses after the test traffic shift, the
// service's test listener rule (on the production listener) sends requests that carry a header or
// a cookie to the new version, everyone else staying on the old one. The rule's own conditions
// are kept in a tag on the rule, so the step that ends the deployment (the continue step, a
// failure, a cancelled job's post step) can put them back.
import {
  AddTagsCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  type ElasticLoadBalancingV2Client,
  ModifyRuleCommand,
  RemoveTagsCommand,
  type RuleCondition,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { ConfigurationError } from '../action/errors.js';
import type { Logger } from '../action/logger.js';
import type { RequiredPermission } from '../action/permissions.js';

type Elbv2 = Pick<ElasticLoadBalancingV2Client, 'send'>;

export const ORIGINAL_CONDITIONS_TAG = 'ecs-delivery:test-rule-conditions';

/** Who reaches the new version: requests with this header value, or this cookie. */
export type AbCondition =
  { kind: 'header'; name: string; value: string } | { kind: 'cookie'; name: string; value: string };

/** The listener a listener rule belongs to, from the rule's ARN (no call). */
export function listenerOfRule(ruleArn: string): string {
  const listener = ruleArn.replace(':listener-rule/', ':listener/');
  return listener.slice(0, listener.lastIndexOf('/'));
}

/**
 * The ALB condition for an A/B split. ALB has no cookie condition: a cookie is matched in the
 * Cookie header, with wildcards on either side (`*beta=1*`).
 */
export function ruleCondition(condition: AbCondition): RuleCondition {
  return condition.kind === 'header'
    ? {
        Field: 'http-header',
        HttpHeaderConfig: { HttpHeaderName: condition.name, Values: [condition.value] },
      }
    : {
        Field: 'http-header',
        HttpHeaderConfig: {
          HttpHeaderName: 'Cookie',
          Values: [`*${condition.name}=${condition.value}*`],
        },
      };
}

export function describeCondition(condition: AbCondition): string {
  return condition.kind === 'header'
    ? `header ${condition.name}: ${condition.value}`
    : `cookie ${condition.name}=${condition.value}`;
}

/** The conditions a rule has, as ModifyRule takes them back (values kept, nothing else). */
function restorable(conditions: RuleCondition[]): RuleCondition[] {
  return conditions.map((c) => {
    const { Field, Values, HostHeaderConfig, PathPatternConfig, HttpHeaderConfig } = c;
    const { HttpRequestMethodConfig, QueryStringConfig, SourceIpConfig } = c;
    const kept: RuleCondition = { Field };
    if (HttpHeaderConfig !== undefined) kept.HttpHeaderConfig = HttpHeaderConfig;
    else if (HostHeaderConfig !== undefined) kept.HostHeaderConfig = HostHeaderConfig;
    else if (PathPatternConfig !== undefined) kept.PathPatternConfig = PathPatternConfig;
    else if (HttpRequestMethodConfig !== undefined)
      kept.HttpRequestMethodConfig = HttpRequestMethodConfig;
    else if (QueryStringConfig !== undefined) kept.QueryStringConfig = QueryStringConfig;
    else if (SourceIpConfig !== undefined) kept.SourceIpConfig = SourceIpConfig;
    else if (Values !== undefined) kept.Values = Values;
    return kept;
  });
}

/**
 * Sets the A/B condition on the test rule, keeping its own conditions in a tag first (the tag
 * already there, from an earlier run that did not restore, is kept: it holds the true original).
 */
export async function applyAbCondition(
  elbv2: Elbv2,
  ruleArn: string,
  condition: AbCondition,
  logger: Logger,
): Promise<void> {
  const saved = await savedConditions(elbv2, ruleArn);
  if (saved === undefined) {
    const rule = (await elbv2.send(new DescribeRulesCommand({ RuleArns: [ruleArn] }))).Rules?.[0];
    const original = JSON.stringify(restorable(rule?.Conditions ?? []));
    if (original.length > 256)
      throw new ConfigurationError(
        `The test listener rule's own conditions (${original.length} characters as JSON) do not fit the 256-character tag that keeps them until the rule is restored.`,
        {
          hint: 'Give the test rule fewer or shorter conditions, or remove test-traffic-header / test-traffic-cookie.',
        },
      );
    await elbv2.send(
      new AddTagsCommand({
        ResourceArns: [ruleArn],
        Tags: [{ Key: ORIGINAL_CONDITIONS_TAG, Value: original }],
      }),
    );
  }
  await elbv2.send(
    new ModifyRuleCommand({ RuleArn: ruleArn, Conditions: [ruleCondition(condition)] }),
  );
  logger.info(
    `A/B: the test listener rule now sends requests with ${describeCondition(condition)} to the test traffic target (the new version once ECS shifts test traffic); its own conditions are kept in the tag ${ORIGINAL_CONDITIONS_TAG}.`,
  );
}

async function savedConditions(
  elbv2: Elbv2,
  ruleArn: string,
): Promise<RuleCondition[] | undefined> {
  const tags = (await elbv2.send(new DescribeTagsCommand({ ResourceArns: [ruleArn] })))
    .TagDescriptions?.[0]?.Tags;
  const value = tags?.find((t) => t.Key === ORIGINAL_CONDITIONS_TAG)?.Value;
  return value === undefined ? undefined : (JSON.parse(value) as RuleCondition[]);
}

/** Puts the test rule's own conditions back (from the tag), if an A/B step changed them. */
export async function restoreTestRule(
  elbv2: Elbv2,
  ruleArn: string,
  logger: Logger,
): Promise<boolean> {
  const saved = await savedConditions(elbv2, ruleArn);
  if (saved === undefined) return false;
  await elbv2.send(new ModifyRuleCommand({ RuleArn: ruleArn, Conditions: saved }));
  await elbv2.send(
    new RemoveTagsCommand({ ResourceArns: [ruleArn], TagKeys: [ORIGINAL_CONDITIONS_TAG] }),
  );
  logger.info(`A/B: the test listener rule's own conditions are back (${JSON.stringify(saved)}).`);
  return true;
}

/** What setting and restoring the test rule calls. */
export function abPermissions(ruleArn: string): RequiredPermission[] {
  const reason =
    'send requests with the A/B header or cookie to the new version, then restore the test rule';
  return [
    { action: 'elasticloadbalancing:DescribeRules', resource: '*', write: false, reason },
    { action: 'elasticloadbalancing:DescribeTags', resource: '*', write: false, reason },
    { action: 'elasticloadbalancing:ModifyRule', resource: ruleArn, write: true, reason },
    { action: 'elasticloadbalancing:AddTags', resource: ruleArn, write: true, reason },
    { action: 'elasticloadbalancing:RemoveTags', resource: ruleArn, write: true, reason },
  ];
}
