// A/B on an ECS-native blue/green deployment: while it pauses after the test traffic shift, the
// service's test listener rule (on the production listener) sends requests that carry a header or
// a cookie to the new version, everyone else staying on the old one. The rule's own conditions
// are kept in a tag on the ECS service, so the step that ends the deployment (the continue step,
// a failure, a cancelled job's post step) can put them back.
import {
  type ECSClient,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-ecs';
import {
  DescribeRulesCommand,
  type ElasticLoadBalancingV2Client,
  ModifyRuleCommand,
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

/** Where the test rule's own conditions are kept while an A/B split is on: the service's tags. */
export interface AbStore {
  ecs: Pick<ECSClient, 'send'>;
  serviceArn: string;
}

/**
 * Sets the A/B condition on the test rule, keeping its own conditions in a tag of the ECS
 * service first (a tag already there, from an earlier run that did not restore, is kept: it holds
 * the true original). The service, not the rule: IAM catalogues merge the classic ELB's AddTags
 * (load balancers only) with v2's, so a rule's tags cannot be granted reliably.
 */
export async function applyAbCondition(
  elbv2: Elbv2,
  store: AbStore,
  ruleArn: string,
  condition: AbCondition,
  logger: Logger,
): Promise<void> {
  const saved = await savedConditions(store);
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
    await store.ecs.send(
      new TagResourceCommand({
        resourceArn: store.serviceArn,
        tags: [{ key: ORIGINAL_CONDITIONS_TAG, value: original }],
      }),
    );
  }
  await elbv2.send(
    new ModifyRuleCommand({ RuleArn: ruleArn, Conditions: [ruleCondition(condition)] }),
  );
  logger.info(
    `A/B: the test listener rule now sends requests with ${describeCondition(condition)} to the test traffic target (the new version once ECS shifts test traffic); its own conditions are kept in the service's tag ${ORIGINAL_CONDITIONS_TAG}.`,
  );
}

async function savedConditions(store: AbStore): Promise<RuleCondition[] | undefined> {
  const tags = (
    await store.ecs.send(new ListTagsForResourceCommand({ resourceArn: store.serviceArn }))
  ).tags;
  const value = tags?.find((t) => t.key === ORIGINAL_CONDITIONS_TAG)?.value;
  return value === undefined ? undefined : (JSON.parse(value) as RuleCondition[]);
}

/** Puts the test rule's own conditions back (from the service's tag), if an A/B step changed them. */
export async function restoreTestRule(
  elbv2: Elbv2,
  store: AbStore,
  ruleArn: string,
  logger: Logger,
): Promise<boolean> {
  const saved = await savedConditions(store);
  if (saved === undefined) return false;
  await elbv2.send(new ModifyRuleCommand({ RuleArn: ruleArn, Conditions: saved }));
  await store.ecs.send(
    new UntagResourceCommand({ resourceArn: store.serviceArn, tagKeys: [ORIGINAL_CONDITIONS_TAG] }),
  );
  logger.info(`A/B: the test listener rule's own conditions are back (${JSON.stringify(saved)}).`);
  return true;
}

/** What setting and restoring the test rule calls. */
export function abPermissions(ruleArn: string, serviceArn: string): RequiredPermission[] {
  const reason =
    'send requests with the A/B header or cookie to the new version, then restore the test rule';
  return [
    { action: 'elasticloadbalancing:DescribeRules', resource: '*', write: false, reason },
    { action: 'elasticloadbalancing:ModifyRule', resource: ruleArn, write: true, reason },
    { action: 'ecs:ListTagsForResource', resource: serviceArn, write: false, reason },
    { action: 'ecs:TagResource', resource: serviceArn, write: true, reason },
    { action: 'ecs:UntagResource', resource: serviceArn, write: true, reason },
  ];
}
