import {
  type CodeDeployClient,
  type DeploymentInfo,
  BatchGetDeploymentsCommand,
  ListDeploymentsCommand,
} from '@aws-sdk/client-codedeploy';
import {
  type ECSClient,
  DescribeServiceRevisionsCommand,
  ListServiceDeploymentsCommand,
  ListTagsForResourceCommand,
  type ServiceDeploymentBrief,
  TagResourceCommand,
} from '@aws-sdk/client-ecs';
import { parse as parseYaml } from 'yaml';
import type { Logger } from '../action/logger.js';
import { awsErrorCode } from '../action/errors.js';

type Ecs = Pick<ECSClient, 'send'>;
type CodeDeploy = Pick<CodeDeployClient, 'send'>;

/**
 * The tag through which a deploy or a rollback records on the service what it changed, so that a
 * later workflow run can roll back without any state from this one, and a second rollback knows
 * the first already happened.
 */
export const CHANGE_TAG = 'ecs-delivery:last-change';

export interface RecordedChange {
  kind: 'deploy' | 'rollback';
  /** family:revision */
  from: string;
  to: string;
}

/** `family:revision` of a task definition ARN (or of `family:revision` itself). */
export function shortTaskDefinition(taskDefinition: string): string {
  return taskDefinition.split('/').pop() ?? taskDefinition;
}

/** The ARN of a `family:revision` in the account, region and partition of a service ARN. */
export function taskDefinitionArn(taskDefinition: string, serviceArn: string): string {
  if (taskDefinition.startsWith('arn:')) return taskDefinition;
  const [, partition, , region, account] = serviceArn.split(':');
  if (partition === undefined || region === undefined || account === undefined)
    return taskDefinition;
  return `arn:${partition}:ecs:${region}:${account}:task-definition/${taskDefinition}`;
}

export function sameTaskDefinition(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && shortTaskDefinition(a) === shortTaskDefinition(b);
}

/** The tag value, or undefined when it would not fit in a tag (256 characters). */
export function formatChange(change: RecordedChange): string | undefined {
  const value = `${change.kind} from=${shortTaskDefinition(change.from)} to=${shortTaskDefinition(change.to)}`;
  return value.length <= 256 ? value : undefined;
}

export function parseChange(value: string | undefined): RecordedChange | undefined {
  const match = /^(deploy|rollback) from=(\S+) to=(\S+)$/.exec(value ?? '');
  if (match === null) return undefined;
  return { kind: match[1] as RecordedChange['kind'], from: match[2] ?? '', to: match[3] ?? '' };
}

export async function readRecordedChange(
  ecs: Ecs,
  serviceArn: string,
): Promise<RecordedChange | undefined> {
  const listed = await ecs.send(new ListTagsForResourceCommand({ resourceArn: serviceArn }));
  return parseChange(listed.tags?.find((tag) => tag.key === CHANGE_TAG)?.value);
}

/**
 * Records a change on the service. A failure only warns: the change itself happened, and the
 * rollback still finds its target in ECS's own history.
 */
export async function recordChange(
  ecs: Ecs,
  serviceArn: string,
  change: RecordedChange,
  logger: Logger,
): Promise<void> {
  const value = formatChange(change);
  if (value === undefined || serviceArn === '') return;
  try {
    await ecs.send(
      new TagResourceCommand({ resourceArn: serviceArn, tags: [{ key: CHANGE_TAG, value }] }),
    );
  } catch (error) {
    logger.warning(
      `Could not record "${value}" on ${serviceArn} (${awsErrorCode(error) ?? String(error)}); ecs-rollback will rely on ECS's deployment history.`,
    );
  }
}

export interface PreviousRevision {
  taskDefinition: string;
  /** Where it was found, for the log and the summary. */
  source: string;
}

/**
 * The last task definition a deployment of this service completed with (status SUCCESSFUL), other
 * than the one it runs now, from ECS's service deployment history (ECS controller only).
 */
export async function previousFromEcsHistory(
  ecs: Ecs,
  cluster: string,
  service: string,
  current: string,
): Promise<PreviousRevision | undefined> {
  const briefs: ServiceDeploymentBrief[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ecs.send(
      new ListServiceDeploymentsCommand({
        cluster,
        service,
        status: ['SUCCESSFUL'],
        ...(nextToken === undefined ? {} : { nextToken }),
      }),
    );
    briefs.push(...(page.serviceDeployments ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined && briefs.length < 200);
  const newestFirst = briefs
    .filter((b) => b.status === 'SUCCESSFUL' && b.targetServiceRevisionArn !== undefined)
    .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
  // DescribeServiceRevisions takes up to 20 ARNs a call.
  for (let start = 0; start < newestFirst.length; start += 20) {
    const chunk = newestFirst.slice(start, start + 20);
    const described = await ecs.send(
      new DescribeServiceRevisionsCommand({
        serviceRevisionArns: chunk.map((b) => b.targetServiceRevisionArn ?? ''),
      }),
    );
    const byArn = new Map(
      (described.serviceRevisions ?? []).map((r) => [r.serviceRevisionArn, r.taskDefinition]),
    );
    for (const brief of chunk) {
      const taskDefinition = byArn.get(brief.targetServiceRevisionArn);
      if (taskDefinition !== undefined && !sameTaskDefinition(taskDefinition, current)) {
        return {
          taskDefinition,
          source: `ECS service deployment ${brief.serviceDeploymentArn?.split('/').pop() ?? ''} (completed ${brief.finishedAt?.toISOString() ?? brief.createdAt?.toISOString() ?? ''})`,
        };
      }
    }
  }
  return undefined;
}

/** The task definition an ECS AppSpec deploys. */
export function appSpecTaskDefinition(content: string | undefined): string | undefined {
  if (content === undefined || content === '') return undefined;
  try {
    const document = parseYaml(content) as {
      Resources?: Record<string, { Properties?: { TaskDefinition?: unknown } }>[];
    };
    for (const resource of document.Resources ?? []) {
      for (const target of Object.values(resource)) {
        const taskDefinition = target.Properties?.TaskDefinition;
        if (typeof taskDefinition === 'string') return taskDefinition;
      }
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * The last task definition a CodeDeploy deployment of the group succeeded with, other than the
 * one the service runs now. CodeDeploy's own rollback deployments are skipped: they restore an
 * earlier revision and carry the failed one's AppSpec.
 */
export async function previousFromCodeDeployHistory(
  codedeploy: CodeDeploy,
  application: string,
  deploymentGroup: string,
  current: string,
): Promise<PreviousRevision | undefined> {
  const listed = await codedeploy.send(
    new ListDeploymentsCommand({
      applicationName: application,
      deploymentGroupName: deploymentGroup,
      includeOnlyStatuses: ['Succeeded'],
    }),
  );
  const ids = (listed.deployments ?? []).slice(0, 100);
  const infos: DeploymentInfo[] = [];
  for (let start = 0; start < ids.length; start += 25) {
    const batch = await codedeploy.send(
      new BatchGetDeploymentsCommand({ deploymentIds: ids.slice(start, start + 25) }),
    );
    infos.push(...(batch.deploymentsInfo ?? []));
  }
  const newestFirst = infos
    .filter(
      (info) =>
        info.status === 'Succeeded' &&
        info.creator !== 'codeDeployRollback' &&
        info.rollbackInfo?.rollbackTriggeringDeploymentId === undefined,
    )
    .sort((a, b) => (b.createTime?.getTime() ?? 0) - (a.createTime?.getTime() ?? 0));
  for (const info of newestFirst) {
    const taskDefinition = appSpecTaskDefinition(info.revision?.appSpecContent?.content);
    if (taskDefinition !== undefined && !sameTaskDefinition(taskDefinition, current)) {
      return {
        taskDefinition,
        source: `CodeDeploy deployment ${info.deploymentId ?? ''} (succeeded ${info.completeTime?.toISOString() ?? ''})`,
      };
    }
  }
  return undefined;
}
