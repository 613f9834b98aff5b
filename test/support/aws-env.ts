import { inject } from 'vitest';

export const TEST_REGION = 'eu-west-1';

/** The environment an action sees when it runs against the local emulator. */
export function emulatorEnv(endpoint: string = inject('awsEndpoint')): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: TEST_REGION,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    // Bounded retries keep a broken emulator from stalling a test for minutes.
    AWS_MAX_ATTEMPTS: '3',
  };
}
