// Each integration and e2e test tells the test bed when it starts and ends (a journal note), so
// that the run's health check can name the tests during which a problem appeared.
import { afterEach, beforeEach, expect, inject } from 'vitest';

async function note(event: 'start' | 'end'): Promise<void> {
  if (!inject('testbed')) return;
  const state = expect.getState();
  try {
    await fetch(`${inject('awsEndpoint').replace(/\/+$/, '')}/_testbed/journal/note`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        event,
        test: state.currentTestName ?? '?',
        file: (state.testPath ?? '').replace(/^.*\/test\//, 'test/'),
      }),
    });
  } catch {
    // A test bed that went away fails its own tests; the note is only a help.
  }
}

beforeEach(() => note('start'));
afterEach(() => note('end'));
