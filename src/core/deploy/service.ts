// The service as ECS describes it: the first read of most steps, so it loads with the ECS client only.
import { DescribeServicesCommand, type ECSClient, type Service } from '@aws-sdk/client-ecs';
import { ConfigurationError } from '../action/errors.js';

type Ecs = Pick<ECSClient, 'send'>;

export async function describeService(
  ecs: Ecs,
  cluster: string,
  service: string,
): Promise<Service> {
  const response = await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }));
  const found = response.services?.[0];
  if (found === undefined || found.status === 'INACTIVE') {
    throw new ConfigurationError(
      `Service ${service} was not found in cluster ${cluster}${found === undefined ? '' : ' (it is INACTIVE)'}.`,
      {
        input: 'service',
        hint: 'Check the cluster and service names and the region.',
      },
    );
  }
  return found;
}
