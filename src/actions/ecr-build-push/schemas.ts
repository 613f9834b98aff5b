// The JSON schemas of ecr-build-push's structured inputs. No imports: scripts/gen-validators.mjs loads this module as it is
// and compiles each schema into ajv's standalone code (the .validate.ts beside it), so that no
// step compiles a schema, or loads ajv's compiler, when it starts.

export const TARGETS_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['region'],
    additionalProperties: false,
    properties: {
      region: { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-\\d+$' },
      'registry-id': { type: 'string', pattern: '^\\d{12}$' },
      repository: { type: 'string' },
    },
  },
};
