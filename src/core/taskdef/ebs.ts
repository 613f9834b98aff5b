// Amazon EBS volumes ECS creates and attaches at launch, for a service's tasks or a one-off task:
// the input's shape, the task definition volume it fills, and the role ECS manages it with.
import type { ServiceVolumeConfiguration, TaskVolumeConfiguration } from '@aws-sdk/client-ecs';
import { ConfigurationError } from '../action/errors.js';
import { type InputReader } from '../action/inputs.js';
import type { RequiredPermission } from '../action/permissions.js';
import { validateServiceVolume, validateTaskVolume } from './ebs-schema.validate.js';

interface LaunchVolumeDefinition {
  taskDefinitionArn?: string | undefined;
  volumes?: { name?: string | undefined; configuredAtLaunch?: boolean | undefined }[] | undefined;
}

/** Reads the `ebs-volume` input (YAML or JSON), checked for its form. */
export function readEbsVolume(
  reader: InputReader,
  kind: 'service',
): ServiceVolumeConfiguration | undefined;
export function readEbsVolume(
  reader: InputReader,
  kind: 'task',
): TaskVolumeConfiguration | undefined;
export function readEbsVolume(
  reader: InputReader,
  kind: 'service' | 'task',
): ServiceVolumeConfiguration | TaskVolumeConfiguration | undefined {
  const volume = reader.structured<ServiceVolumeConfiguration | TaskVolumeConfiguration>(
    'ebs-volume',
    kind === 'task' ? validateTaskVolume : validateServiceVolume,
  );
  const managed = volume?.managedEBSVolume as
    { sizeInGiB?: number; snapshotId?: string } | undefined;
  if (managed !== undefined && managed.sizeInGiB === undefined && managed.snapshotId === undefined)
    throw new ConfigurationError(
      "Input 'ebs-volume': managedEBSVolume needs sizeInGiB, or a snapshotId to create the volume from.",
      { input: 'ebs-volume' },
    );
  return volume;
}

/** ECS attaches a managed volume only to a task definition volume marked configuredAtLaunch. */
export function checkLaunchVolume(
  taskDefinition: LaunchVolumeDefinition | undefined,
  name: string,
): void {
  const volume = taskDefinition?.volumes?.find((v) => v.name === name);
  if (volume?.configuredAtLaunch !== true)
    throw new ConfigurationError(
      `Input 'ebs-volume' names volume '${name}', which ${taskDefinition?.taskDefinitionArn ?? 'the task definition'} ${volume === undefined ? 'does not have' : 'does not mark configuredAtLaunch'}: ECS attaches a managed EBS volume only to a task definition volume with "configuredAtLaunch": true.`,
      { input: 'ebs-volume' },
    );
}

/** ECS creates and deletes the volume with this infrastructure role, passed to it. */
export function ebsPassRole(roleArn: string): RequiredPermission {
  return {
    action: 'iam:PassRole',
    resource: roleArn,
    context: { 'iam:PassedToService': 'ecs.amazonaws.com' },
    write: true,
    reason: 'let ECS manage the EBS volume with this infrastructure role',
  };
}
