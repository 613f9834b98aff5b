// Observe: the AWS reads ecs-task-definition needs, then its pure plan (plan.ts).
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  type ECSClient,
} from '@aws-sdk/client-ecs';
import { ConfigurationError } from '../../core/action/errors.js';
import { awsErrorCode } from '../../core/action/errors.js';
import { fromDescribeOutput } from '../../core/taskdef/render.js';
import type { Tag, TaskDefinition } from '../../core/taskdef/types.js';
import { type TaskDefinitionInputs } from './inputs.js';
import {
  type RevisionSnapshot,
  type TaskDefinitionPlan,
  planRegistration,
  renderDefinition,
} from './plan.js';

type Ecs = Pick<ECSClient, 'send'>;

/** Reads what the plan needs: the source definition (for family/ARN sources) and the latest revision. */
export async function observeAndPlan(
  inputs: TaskDefinitionInputs,
  ecs: Ecs,
): Promise<TaskDefinitionPlan> {
  let source: { definition: TaskDefinition; tags: Tag[] };
  if (inputs.source.kind === 'file') {
    source = inputs.source;
  } else {
    const reference = inputs.source.kind === 'family' ? inputs.source.family : inputs.source.arn;
    const found = await describeRevision(ecs, reference);
    if (found === undefined) {
      const input =
        inputs.source.kind === 'family' ? 'task-definition-family' : 'task-definition-arn';
      throw new ConfigurationError(
        `Task definition '${reference}' was not found in ${inputs.region}.`,
        {
          input,
          hint: 'Check the name and region, or register it first from a file.',
        },
      );
    }
    source = found;
  }
  // Rendering and validation come before the next AWS call for file sources: a bad file costs nothing.
  const rendered = renderDefinition(inputs, source);
  const latest = await describeRevision(ecs, String(rendered.definition.family));
  if (inputs.service === undefined) return planRegistration(inputs, rendered, latest);
  // Compared with what a service runs, the diff says what a deploy to it would change.
  const cluster = inputs.cluster ?? 'default';
  const found = (
    await ecs.send(new DescribeServicesCommand({ cluster, services: [inputs.service] }))
  ).services?.[0];
  if (found === undefined || found.status === 'INACTIVE')
    throw new ConfigurationError(`Service ${inputs.service} was not found in cluster ${cluster}.`, {
      input: 'service',
      hint: 'Check the cluster and service names and the region.',
    });
  return planRegistration(inputs, rendered, latest, {
    service: `${cluster}/${inputs.service}`,
    serviceArn: found.serviceArn ?? '',
    revision:
      found.taskDefinition === undefined
        ? undefined
        : await describeRevision(ecs, found.taskDefinition),
  });
}

/** The ACTIVE revision `reference` names (family = its latest), or undefined when there is none. */
export async function describeRevision(
  ecs: Ecs,
  reference: string,
): Promise<RevisionSnapshot | undefined> {
  try {
    const response = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: reference, include: ['TAGS'] }),
    );
    const found = response.taskDefinition;
    if (found?.taskDefinitionArn === undefined) return undefined;
    const { definition } = fromDescribeOutput(found, `Task definition ${reference}`);
    const tags: Tag[] = (response.tags ?? []).map((tag) => ({
      key: tag.key ?? '',
      value: tag.value ?? '',
    }));
    return { arn: found.taskDefinitionArn, definition, tags };
  } catch (error) {
    if (
      awsErrorCode(error) === 'ClientException' ||
      awsErrorCode(error) === 'TaskDefinitionNotFoundException'
    )
      return undefined;
    throw error;
  }
}
