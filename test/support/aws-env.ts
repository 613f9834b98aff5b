import { inject } from 'vitest';
import { TESTBED_REGION } from '../testbed/bed.ts';

export const TEST_REGION = TESTBED_REGION;

let keyCounter = 0;

/**
 * An access key id unique to one test, so that the test bed's journal and faults can be scoped to
 * that test while test files share one test bed.
 */
export function uniqueAccessKey(): string {
  keyCounter += 1;
  const random = Math.random().toString(36).slice(2, 10).toUpperCase();
  return `AKIA${`${process.pid}`.slice(-4)}${random}${String(keyCounter).padStart(4, '0')}`.slice(
    0,
    20,
  );
}

/** The environment an action sees when it runs against the local emulator. */
export function emulatorEnv(
  endpoint: string = inject('awsEndpoint'),
  accessKey = 'AKIAIOSFODNN7EXAMPLE',
): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: TEST_REGION,
    AWS_ACCESS_KEY_ID: accessKey,
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    // Bounded retries keep a broken emulator from stalling a test for minutes.
    AWS_MAX_ATTEMPTS: '3',
  };
}

/** SDK client configuration for tests that call AWS directly. */
export function sdkConfig(
  accessKey = 'AKIAIOSFODNN7EXAMPLE',
  endpoint: string = inject('awsEndpoint'),
) {
  return {
    endpoint,
    region: TEST_REGION,
    credentials: { accessKeyId: accessKey, secretAccessKey: 'test-secret' },
    maxAttempts: 3,
  };
}
