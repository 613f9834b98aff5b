import type { TestProject } from 'vitest/node';
import { startMoto } from '../testbed/moto.js';

declare module 'vitest' {
  export interface ProvidedContext {
    awsEndpoint: string;
    /** What the tests run against, for test names and logs. */
    emulator: string;
  }
}

/**
 * Starts the AWS emulator for the integration and e2e tiers, unless AWS_ENDPOINT_URL already
 * points at one (LocalStack, or a test bed started by hand), and stops only what it started.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env['AWS_ENDPOINT_URL'];
  if (external !== undefined && external !== '') {
    project.provide('awsEndpoint', external);
    project.provide(
      'emulator',
      process.env['ECS_DELIVERY_EMULATOR'] ?? `external emulator at ${external}`,
    );
    return () => Promise.resolve();
  }
  const moto = await startMoto();
  project.provide('awsEndpoint', moto.endpoint);
  project.provide('emulator', 'moto server');
  return () => moto.stop();
}
