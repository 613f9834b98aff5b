import {
  DescribeTaskDefinitionCommand,
  type ECSClient,
  type TaskDefinition,
} from '@aws-sdk/client-ecs';
import { ConfigurationError } from '../action/errors.js';
import { awsErrorCode } from '../action/errors.js';

/**
 * Reads a registered task definition (ARN, family:revision or family). One that does not exist is
 * a configuration error naming the input that named it.
 */
export async function describeTaskDefinition(
  ecs: Pick<ECSClient, 'send'>,
  name: string,
  input: string,
  hint?: string,
): Promise<TaskDefinition> {
  try {
    const found = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: name })))
      .taskDefinition;
    if (found !== undefined) return found;
  } catch (error) {
    // ECS answers ClientException for a task definition it does not know.
    if (awsErrorCode(error) !== 'ClientException') throw error;
  }
  throw new ConfigurationError(`Task definition ${name} was not found.`, {
    input,
    ...(hint === undefined ? {} : { hint }),
  });
}
