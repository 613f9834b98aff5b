// The JSON schemas of ecs-deploy's structured inputs. No imports: scripts/gen-validators.mjs loads this module as it is
// and compiles each schema into ajv's standalone code (the .validate.ts beside it), so that no
// step compiles a schema, or loads ajv's compiler, when it starts.

export const METRIC_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['name', 'namespace', 'metric', 'threshold'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1 },
      namespace: { type: 'string', minLength: 1 },
      metric: { type: 'string', minLength: 1 },
      dimensions: { type: 'object', additionalProperties: { type: 'string' } },
      statistic: {
        enum: ['Sum', 'Average', 'Maximum', 'Minimum', 'SampleCount', 'p50', 'p90', 'p95', 'p99'],
      },
      period: { type: 'integer', minimum: 10, maximum: 86400 },
      comparison: { enum: ['>', '>=', '<', '<='] },
      threshold: { type: 'number' },
    },
  },
};

export const CAPACITY_PROVIDER_SCHEMA = {
  type: 'array',
  minItems: 1,
  maxItems: 20,
  items: {
    type: 'object',
    required: ['capacityProvider'],
    additionalProperties: false,
    properties: {
      capacityProvider: { type: 'string', minLength: 1, maxLength: 255 },
      weight: { type: 'integer', minimum: 0, maximum: 1000 },
      base: { type: 'integer', minimum: 0, maximum: 100000 },
    },
  },
};

export const SERVICE_CONNECT_SCHEMA = {
  type: 'object',
  required: ['enabled'],
  additionalProperties: false,
  properties: {
    enabled: { type: 'boolean' },
    namespace: { type: 'string', minLength: 1 },
    services: {
      type: 'array',
      items: {
        type: 'object',
        required: ['portName'],
        additionalProperties: false,
        properties: {
          portName: { type: 'string', minLength: 1 },
          discoveryName: { type: 'string', minLength: 1 },
          clientAliases: {
            type: 'array',
            items: {
              type: 'object',
              required: ['port'],
              additionalProperties: false,
              properties: {
                port: { type: 'integer', minimum: 1, maximum: 65535 },
                dnsName: { type: 'string', minLength: 1 },
              },
            },
          },
          ingressPortOverride: { type: 'integer', minimum: 1, maximum: 65535 },
        },
      },
    },
    logConfiguration: { type: 'object' },
  },
};
