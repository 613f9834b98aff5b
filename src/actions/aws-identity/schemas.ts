// The JSON schemas of aws-identity's structured inputs. No imports: scripts/gen-validators.mjs loads this module as it is
// and compiles each schema into ajv's standalone code (the .validate.ts beside it), so that no
// step compiles a schema, or loads ajv's compiler, when it starts.

export const PRINCIPAL_PATTERNS_SCHEMA = {
  type: 'array',
  minItems: 1,
  items: { type: 'string', pattern: '^arn:' },
};
