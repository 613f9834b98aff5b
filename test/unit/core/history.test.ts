import { describe, expect, it } from 'vitest';
import { Delivery } from '../../../src/core/github/delivery.js';
import {
  type GithubStatus,
  type PastDeployment,
  deliveryFigures,
  outcomeOf,
} from '../../../src/core/github/history.js';
import { startFakeGithub } from '../../support/fake-github.js';
import { RecordingLogger, VirtualClock } from '../../support/doubles.js';

const T = Date.parse('2026-12-01T12:00:00Z');
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('how a past deployment ended, from its statuses (newest first)', () => {
  it.each<[string, GithubStatus[], ReturnType<typeof outcomeOf>]>([
    [
      'success',
      [{ state: 'success', created_at: iso(T) }],
      { outcome: 'success', rolledBack: false, endedAt: T },
    ],
    [
      "success, then GitHub's auto-inactive",
      [
        { state: 'inactive', description: '' },
        { state: 'success', created_at: iso(T) },
      ],
      { outcome: 'success', rolledBack: false, endedAt: T },
    ],
    [
      'rolled back (recorded in the description)',
      [{ state: 'failure', description: 'rolled back: tasks failed', created_at: iso(T) }],
      { outcome: 'failure', rolledBack: true, endedAt: T },
    ],
    [
      'failed',
      [{ state: 'failure', description: 'x' }],
      { outcome: 'failure', rolledBack: false, endedAt: undefined },
    ],
    [
      'replaced (ours: inactive, "replaced:")',
      [{ state: 'inactive', description: 'replaced: ecs-svc/2 took over', created_at: iso(T) }],
      { outcome: 'replaced', rolledBack: false, endedAt: T },
    ],
    [
      'cancelled job',
      [{ state: 'error', description: 'the job was cancelled mid-deployment; rollback started' }],
      { outcome: 'cancelled', rolledBack: false, endedAt: undefined },
    ],
    [
      'an error',
      [{ state: 'error', description: 'timed out' }],
      { outcome: 'failure', rolledBack: false, endedAt: undefined },
    ],
    [
      'still running',
      [{ state: 'in_progress' }],
      { outcome: 'in-progress', rolledBack: false, endedAt: undefined },
    ],
    ['no status', [], { outcome: 'in-progress', rolledBack: false, endedAt: undefined }],
  ])('%s', (_what, statuses, expected) => {
    expect(outcomeOf(statuses)).toEqual(expected);
  });
});

describe('change failure rate and time to restore', () => {
  const d = (
    id: number,
    minutes: number,
    outcome: PastDeployment['outcome'],
    rolledBack = false,
  ) => ({
    id,
    createdAt: T + minutes * MIN,
    outcome,
    rolledBack,
    endedAt: outcome === 'in-progress' ? undefined : T + (minutes + 5) * MIN,
  });

  it('counts failures among the deployments that ended; replaced and cancelled count as neither', () => {
    const history = [
      d(1, 0, 'success'),
      d(2, 60, 'failure', true),
      d(3, 90, 'failure'),
      d(4, 120, 'replaced'),
      d(5, 150, 'success'),
      d(6, 200, 'cancelled'),
      d(7, 240, 'failure', true),
      d(8, 300, 'success'),
      d(9, 400, 'in-progress'),
      // Outside the 30-day window: left out.
      { ...d(10, 0, 'failure'), createdAt: T - 40 * 24 * 60 * MIN },
    ];
    const figures = deliveryFigures(history, T + 500 * MIN, 30 * 24 * 60 * MIN);
    expect(figures).toEqual({
      successes: 3,
      failures: 3,
      rolledBack: 2,
      replaced: 1,
      cancelled: 1,
      changeFailureRate: 0.5,
      // From the first failure of a run to the next success: 2 (ended 65) -> 5 (ended 155),
      // 7 (ended 245) -> 8 (ended 305).
      restoreTimesMs: [90 * MIN, 60 * MIN],
      timeToRestoreMs: 75 * MIN,
    });
  });

  it('says nothing it cannot know: no ended deployment, no restore', () => {
    const figures = deliveryFigures([d(1, 0, 'failure')], T + 10 * MIN, 60 * MIN);
    expect(figures.changeFailureRate).toBe(1);
    expect(figures.timeToRestoreMs).toBeUndefined();
    expect(deliveryFigures([], T, MIN).changeFailureRate).toBeUndefined();
  });
});

describe("the figures from a GitHub environment's deployment history (a fake GitHub)", () => {
  it('reads 1 list and at most 30 status calls, and reports the known answer', async () => {
    const github = await startFakeGithub();
    try {
      const now = Date.now();
      const seed = (
        minutesAgo: number,
        statuses: { state: string; description: string; minutesAgo: number }[],
      ) =>
        github.deployments.push({
          id: 1000 + github.deployments.length,
          environment: 'production',
          sha: 'abc',
          created_at: iso(now - minutesAgo * MIN),
          payload: {},
          statuses: statuses.map((s) => ({
            state: s.state,
            description: s.description,
            created_at: iso(now - s.minutesAgo * MIN),
          })),
        });
      // Oldest first: success, rolled back, replaced, success (restores 40 min after the failure).
      seed(200, [{ state: 'success', description: 'web:1 serves', minutesAgo: 195 }]);
      seed(120, [{ state: 'failure', description: 'rolled back: tasks failed', minutesAgo: 110 }]);
      seed(100, [{ state: 'inactive', description: 'replaced: ecs-svc/9', minutesAgo: 95 }]);
      seed(80, [{ state: 'success', description: 'web:3 serves', minutesAgo: 70 }]);
      // 40 more, older than the window: counted for nothing.
      for (let i = 0; i < 40; i++)
        seed(60 * 24 * 40 + i, [
          { state: 'failure', description: 'old', minutesAgo: 60 * 24 * 40 },
        ]);
      const delivery = new Delivery({
        token: 't',
        environment: 'production',
        env: { GITHUB_REPOSITORY: 'shop/web', GITHUB_API_URL: github.url, GITHUB_SHA: 'def' },
        logger: new RecordingLogger(),
        clock: { now: () => Date.now() },
      });
      await delivery.start('deploying web:4', {});
      await delivery.status('success', 'web:4 serves');
      const before = github.requests.length;
      const figures = await delivery.figures('succeeded');
      const reads = github.requests.slice(before);
      expect(reads.filter((r) => r.path.endsWith('/deployments'))).toHaveLength(1);
      expect(reads.filter((r) => r.path.endsWith('/statuses')).length).toBeLessThanOrEqual(30);
      // 3 successes (web:1, web:3, this one) and 1 failure; the replaced one counts as neither.
      expect(figures.changeFailureRate).toBe(0.25);
      expect(figures.timeToRestoreSeconds).toBe(40 * 60);
      const rows = new Map(figures.rows.map(([k = '', v = '']) => [k, v]));
      expect(rows.get('Change failure rate')).toBe(
        '25% (1 of 4 failed, 1 of them rolled back; 1 replaced and 0 cancelled count as neither)',
      );
      expect(rows.get('Time to restore')).toBe(
        '40m (median of 1: from a failed deployment to the next successful one)',
      );
      expect(rows.get('Source')).toBe(
        'the newest 5 GitHub Deployments of production in the last 30 days (at most 30)',
      );
    } finally {
      await github.close();
    }
  });

  it('without a token says which figures need one', async () => {
    const delivery = new Delivery({
      token: undefined,
      environment: 'production',
      env: { GITHUB_REPOSITORY: 'shop/web' },
      logger: new RecordingLogger(),
      clock: new VirtualClock(T),
    });
    const figures = await delivery.figures('succeeded');
    const rows = new Map(figures.rows.map(([k = '', v = '']) => [k, v]));
    for (const figure of ['Deployment frequency', 'Change failure rate', 'Time to restore'])
      expect(rows.get(figure)).toBe(
        '— (needs github-token: read from the GitHub Deployments of the environment)',
      );
  });
});
