// The JSON schemas of the `ebs-volume` input (ecs-deploy's service volume, ecs-run-task's task
// volume). No imports: scripts/gen-validators.mjs loads this module as it is and compiles each
// schema into ajv's standalone code (ebs-schema.validate.ts), so that no step compiles a schema,
// or loads ajv's compiler, when it starts.

/** What ECS takes for the managed volume, a service's or a task's. */
const MANAGED_VOLUME_PROPERTIES = {
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
};

const volumeSchema = (managed: Record<string, unknown>) => ({
  type: 'object',
  required: ['name', 'managedEBSVolume'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: '^[a-zA-Z0-9_-]{1,255}$' },
    managedEBSVolume: {
      type: 'object',
      required: ['roleArn'],
      additionalProperties: false,
      properties: managed,
    },
  },
});

/** A service's managed EBS volume, as ECS's API takes it. */
export const SERVICE_VOLUME_SCHEMA = volumeSchema(MANAGED_VOLUME_PROPERTIES);

/** A one-off task's: the same, with a terminationPolicy. */
export const TASK_VOLUME_SCHEMA = volumeSchema({
  ...MANAGED_VOLUME_PROPERTIES,
  terminationPolicy: {
    type: 'object',
    required: ['deleteOnTermination'],
    additionalProperties: false,
    properties: { deleteOnTermination: { type: 'boolean' } },
  },
});
