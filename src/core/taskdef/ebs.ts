// Amazon EBS volumes ECS creates and attaches at launch, for a service's tasks or a one-off task:
// the input's shape, the task definition volume it fills, and the role ECS manages it with.
import type { ServiceVolumeConfiguration, TaskVolumeConfiguration } from '@aws-sdk/client-ecs';
import { ConfigurationError } from '../action/errors.js';
import { type InputReader } from '../action/inputs.js';
import type { RequiredPermission } from '../action/permissions.js';

interface LaunchVolumeDefinition {
  taskDefinitionArn?: string | undefined;
  volumes?: { name?: string | undefined; configuredAtLaunch?: boolean | undefined }[] | undefined;
}

/** The managed EBS volume as ECS's API takes it; a task's also takes a terminationPolicy. */
function ebsVolumeSchema(kind: 'service' | 'task'): object {
  return {
    type: 'object',
    required: ['name', 'managedEBSVolume'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', pattern: '^[a-zA-Z0-9_-]{1,255}$' },
      managedEBSVolume: {
        type: 'object',
        required: ['roleArn'],
        additionalProperties: false,
        properties: {
          roleArn: { type: 'string', pattern: '^arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+$' },
          encrypted: { type: 'boolean' },
          kmsKeyId: { type: 'string', minLength: 1 },
          volumeType: { enum: ['gp2', 'gp3', 'io1', 'io2', 'sc1', 'st1', 'standard'] },
          sizeInGiB: { type: 'integer', minimum: 1, maximum: 65536 },
          snapshotId: { type: 'string', pattern: '^snap-[0-9a-f]{8,17}$' },
          volumeInitializationRate: { type: 'integer', minimum: 100, maximum: 300 },
          iops: { type: 'integer', minimum: 100, maximum: 256000 },
          throughput: { type: 'integer', minimum: 125, maximum: 2000 },
          tagSpecifications: { type: 'array' },
          filesystemType: { enum: ['ext3', 'ext4', 'xfs', 'ntfs'] },
          ...(kind === 'task'
            ? {
                terminationPolicy: {
                  type: 'object',
                  required: ['deleteOnTermination'],
                  additionalProperties: false,
                  properties: { deleteOnTermination: { type: 'boolean' } },
                },
              }
            : {}),
        },
      },
    },
  };
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
    ebsVolumeSchema(kind),
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
