// The JSON schemas of ecs-task-definition's structured inputs. No imports: scripts/gen-validators.mjs loads this module as it is
// and compiles each schema into ajv's standalone code (the .validate.ts beside it), so that no
// step compiles a schema, or loads ajv's compiler, when it starts.

export const CONTAINERS_SCHEMA = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1 },
      image: { type: 'string' },
      environment: {
        type: 'object',
        additionalProperties: { type: ['string', 'number', 'boolean'] },
      },
      removeEnvironment: { type: 'array', items: { type: 'string' } },
      secrets: { type: 'object', additionalProperties: { type: 'string' } },
      removeSecrets: { type: 'array', items: { type: 'string' } },
      cpu: { type: 'integer', minimum: 0 },
      memory: { type: 'integer', minimum: 4 },
      memoryReservation: { type: 'integer', minimum: 4 },
      command: { type: 'array', items: { type: 'string' } },
      dockerLabels: { type: 'object', additionalProperties: { type: 'string' } },
      logConfiguration: {
        type: 'object',
        required: ['logDriver'],
        properties: { logDriver: { type: 'string' } },
      },
    },
  },
};

export const COMMAND_SCHEMA = { type: 'array', minItems: 1, items: { type: 'string' } };

export const LOG_SCHEMA = {
  type: 'object',
  required: ['logDriver'],
  properties: {
    logDriver: { type: 'string' },
    options: { type: 'object' },
    secretOptions: { type: 'array' },
  },
  additionalProperties: false,
};
