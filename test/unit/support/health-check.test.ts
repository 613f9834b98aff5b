import { describe, expect, it } from 'vitest';
import { runningAt } from '../../support/global-setup.js';
import type { JournalEntry } from '../../testbed/client.ts';

const note = (seq: number, event: 'start' | 'end', test: string): JournalEntry => ({
  seq,
  kind: 'note',
  time: seq,
  event,
  test,
  file: 'test/integration/x.test.ts',
});

describe("the run's health check names the tests a test-bed problem happened during", () => {
  const journal: JournalEntry[] = [
    note(1, 'start', 'A'),
    note(2, 'start', 'B'),
    { seq: 3, kind: 'shape-violation', time: 3 },
    note(4, 'end', 'A'),
    { seq: 5, kind: 'engine-error', time: 5 },
    note(6, 'end', 'B'),
    { seq: 7, kind: 'engine-error', time: 7 },
  ];
  it.each([
    [3, 'test/integration/x.test.ts > A; test/integration/x.test.ts > B'],
    [5, 'test/integration/x.test.ts > B'],
    [7, 'no test (between tests)'],
  ])('at journal position %i: %s', (seq, names) => {
    expect(runningAt(journal, seq)).toBe(names);
  });
});
