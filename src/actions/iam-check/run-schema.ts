// The JSON schema of iam-check's `run` input. No imports: scripts/gen-validators.mjs loads it as
// it is and compiles it into run-schema.validate.ts (ajv's standalone code), so a step does not
// compile it at every start.
export const RUN_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    account: { type: 'string', pattern: '^\\d{12}$' },
    'build-push': {
      type: 'object',
      required: ['repository'],
      additionalProperties: false,
      properties: {
        repository: { type: 'string' },
        create: { type: 'boolean' },
        'keep-images': { type: 'integer', minimum: 0 },
        promote: { type: 'boolean' },
        'additional-regions': { type: 'array', items: { type: 'string' } },
      },
    },
    'task-definition': {
      type: 'object',
      additionalProperties: false,
      properties: {
        file: { type: 'string' },
        family: { type: 'string' },
        'task-role-arn': { type: 'string' },
        'execution-role-arn': { type: 'string' },
        tags: { type: 'boolean' },
        'keep-revisions': { type: 'integer', minimum: 0 },
        'protect-clusters': { type: 'array', items: { type: 'string' } },
      },
    },
    role: { type: 'string', pattern: '^arn:aws[\\w-]*:iam::\\d{12}:role/.+$' },
    'run-task': {
      type: 'object',
      required: ['cluster'],
      additionalProperties: false,
      properties: {
        cluster: { type: 'string' },
        'network-from-service': { type: 'string' },
      },
    },
    deploy: {
      type: 'object',
      required: ['cluster', 'service'],
      additionalProperties: false,
      properties: {
        cluster: { type: 'string' },
        service: { type: 'string' },
        strategy: { enum: ['rolling', 'blue-green', 'canary', 'linear'] },
        controller: { enum: ['ECS', 'CODE_DEPLOY'] },
        'load-balanced': { type: 'boolean' },
        'test-listener-rule': {
          type: 'string',
          pattern: '^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:listener-rule/.+$',
        },
        'hook-roles': {
          type: 'array',
          items: { type: 'string', pattern: '^arn:aws[a-z-]*:iam::\\d{12}:role/.+$' },
        },
        'codedeploy-application': { type: 'string' },
        'codedeploy-deployment-group': { type: 'string' },
        'deployment-config': { type: 'string' },
        'custom-config': { type: 'boolean' },
        'traffic-percentage': { type: 'number', minimum: 0.1, maximum: 100 },
        'traffic-interval': { type: 'integer', minimum: 1, maximum: 2880 },
        alarms: { type: 'array', items: { type: 'string' } },
        'analysis-metrics': { type: 'boolean' },
        'wait-until': { enum: ['submitted', 'ready', 'bake', 'complete'] },
        images: { type: 'array', items: { type: 'string' } },
        rollback: { type: 'boolean' },
        'ebs-volume-role': { type: 'string', pattern: '^arn:aws[a-z-]*:iam::\\d{12}:role/.+$' },
        'capacity-providers': { type: 'boolean' },
      },
    },
  },
};

export const PERMISSIONS_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['action', 'resource'],
    additionalProperties: false,
    properties: {
      action: { type: 'string', pattern: '^[a-zA-Z0-9-]+:[a-zA-Z0-9*]+$' },
      resource: { type: 'string' },
      context: {
        type: 'object',
        additionalProperties: { type: ['string', 'array'], items: { type: 'string' } },
      },
      reason: { type: 'string' },
    },
  },
};
