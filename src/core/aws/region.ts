// The region from the input or the environment. Kept apart from the client factory so that reading
// inputs (the start of every step) does not load the SDK's HTTP stack.
import { ConfigurationError } from '../action/errors.js';

export function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/**
 * The region to use: the action's `aws-region` input, else AWS_REGION, else AWS_DEFAULT_REGION.
 * Failing here, before any client exists, keeps a missing region from reaching the SDK's own
 * less helpful error.
 */
export function resolveRegion(
  input: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const region = input ?? nonEmpty(env['AWS_REGION']) ?? nonEmpty(env['AWS_DEFAULT_REGION']);
  if (region === undefined) {
    throw new ConfigurationError("Input 'aws-region' is required when AWS_REGION is not set.", {
      input: 'aws-region',
      hint: 'Set aws-region, or run aws-actions/configure-aws-credentials before this step.',
    });
  }
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    throw new ConfigurationError(`Input 'aws-region' is not an AWS region: '${region}'.`, {
      input: 'aws-region',
      hint: 'Use a region code such as eu-west-1.',
    });
  }
  return region;
}
