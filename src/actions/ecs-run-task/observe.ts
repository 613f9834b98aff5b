// Observe: the AWS reads ecs-run-task needs, then its pure plan (plan.ts).
import { type ECSClient } from '@aws-sdk/client-ecs';
import { describeService } from '../../core/deploy/service.js';
import { describeTaskDefinition } from '../../core/taskdef/describe.js';
import { type RunTaskInputs } from './inputs.js';
import { type RunTaskPlan, planRunTask } from './plan.js';

type Ecs = Pick<ECSClient, 'send'>;

export async function observeAndPlan(inputs: RunTaskInputs, ecs: Ecs): Promise<RunTaskPlan> {
  const taskDefinition = await describeTaskDefinition(
    ecs,
    inputs.taskDefinition,
    'task-definition',
  );
  const service =
    inputs.networkFromService === undefined
      ? undefined
      : await describeService(ecs, inputs.cluster, inputs.networkFromService);
  const account = taskDefinition.taskDefinitionArn?.split(':')[4] ?? '*';
  return planRunTask(inputs, taskDefinition, account, service);
}
