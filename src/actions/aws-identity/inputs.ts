import { ConfigurationError } from '../../core/action/errors.js';
import { resolveRegion } from '../../core/aws/region.js';
import type { Context, Reader } from './contract.js';
import { validatePrincipalPatterns } from './schemas.validate.js';

export interface AwsIdentityInputs {
  region: string;
  /** When set, the step fails unless the credentials belong to this account. */
  expectedAccountId: string | undefined;
  /** ARN patterns (`*` and `?` wildcards) the caller must match; empty allows anyone. */
  allowedPrincipals: string[];
  /** Fail when the credentials are the account's root user. */
  failOnRoot: boolean;
}

export function readInputs(reader: Reader, context: Pick<Context, 'env'>): AwsIdentityInputs {
  const expectedAccountId = reader.optional('expected-account-id');
  if (expectedAccountId !== undefined && !/^\d{12}$/.test(expectedAccountId)) {
    throw new ConfigurationError(
      `Input 'expected-account-id' must be a 12-digit AWS account id, got '${expectedAccountId}'.`,
      { input: 'expected-account-id' },
    );
  }
  const failOnRoot = reader.boolean('fail-on-root', true);
  const allowedPrincipals =
    reader.structured<string[]>('allowed-principals', validatePrincipalPatterns) ?? [];
  return {
    region: resolveRegion(reader.optional('aws-region'), context.env),
    expectedAccountId,
    allowedPrincipals,
    failOnRoot,
  };
}
