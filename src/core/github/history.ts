// The delivery figures the seeds teach (DORA), from an environment's GitHub Deployments: change
// failure rate and time to restore. Pure: the GitHub reads are in delivery.ts.

/** How a past deployment ended, as its statuses say. */
export type PastOutcome = 'success' | 'failure' | 'replaced' | 'cancelled' | 'in-progress';

export interface PastDeployment {
  id: number;
  createdAt: number;
  outcome: PastOutcome;
  rolledBack: boolean;
  /** When it ended (its deciding status), ms. */
  endedAt: number | undefined;
}

export interface GithubStatus {
  state: string;
  description?: string | null;
  created_at?: string;
}

/**
 * Reads a deployment's statuses (newest first, as GitHub lists them). GitHub's own `inactive`
 * (auto_inactive, when a later one succeeds) is not an outcome: the status before it is. Ours
 * marks a replaced deployment `inactive` with "replaced:", a rolled-back one `failure` with
 * "rolled back:", a cancelled job `error` naming the cancel.
 */
export function outcomeOf(statuses: readonly GithubStatus[]): {
  outcome: PastOutcome;
  rolledBack: boolean;
  endedAt: number | undefined;
} {
  const at = (s: GithubStatus) =>
    s.created_at === undefined ? undefined : Date.parse(s.created_at);
  for (const status of statuses) {
    const description = status.description ?? '';
    if (status.state === 'inactive' && !description.startsWith('replaced:')) continue;
    switch (status.state) {
      case 'success':
        return { outcome: 'success', rolledBack: false, endedAt: at(status) };
      case 'failure':
        return {
          outcome: 'failure',
          rolledBack: description.startsWith('rolled back:'),
          endedAt: at(status),
        };
      case 'error':
        return /cancel/i.test(description)
          ? { outcome: 'cancelled', rolledBack: false, endedAt: at(status) }
          : { outcome: 'failure', rolledBack: false, endedAt: at(status) };
      case 'inactive':
        return { outcome: 'replaced', rolledBack: false, endedAt: at(status) };
      default:
        return { outcome: 'in-progress', rolledBack: false, endedAt: undefined };
    }
  }
  return { outcome: 'in-progress', rolledBack: false, endedAt: undefined };
}

export interface DeliveryFigures {
  /** Deployments that ended in the window, by how. */
  successes: number;
  failures: number;
  rolledBack: number;
  replaced: number;
  cancelled: number;
  /** failures / (successes + failures); undefined with neither. */
  changeFailureRate: number | undefined;
  /** From each failure to the next success, ms (failures not yet restored are left out). */
  restoreTimesMs: number[];
  /** The median of restoreTimesMs. */
  timeToRestoreMs: number | undefined;
}

/** The figures of the deployments created within `windowMs` before `now`. */
export function deliveryFigures(
  history: readonly PastDeployment[],
  now: number,
  windowMs: number,
): DeliveryFigures {
  const inWindow = history
    .filter((d) => d.createdAt >= now - windowMs)
    .sort((a, b) => a.createdAt - b.createdAt);
  const count = (outcome: PastOutcome) => inWindow.filter((d) => d.outcome === outcome).length;
  const successes = count('success');
  const failures = count('failure');
  const restoreTimesMs: number[] = [];
  inWindow.forEach((deployment, index) => {
    if (deployment.outcome !== 'failure' || deployment.endedAt === undefined) return;
    // A run of failures is restored once, by the first success after the run.
    const previous = inWindow[index - 1];
    if (previous?.outcome === 'failure') return;
    const restored = inWindow
      .slice(index + 1)
      .find((d) => d.outcome === 'success' && d.endedAt !== undefined);
    if (restored?.endedAt !== undefined)
      restoreTimesMs.push(Math.max(0, restored.endedAt - deployment.endedAt));
  });
  return {
    successes,
    failures,
    rolledBack: inWindow.filter((d) => d.outcome === 'failure' && d.rolledBack).length,
    replaced: count('replaced'),
    cancelled: count('cancelled'),
    changeFailureRate: successes + failures === 0 ? undefined : failures / (successes + failures),
    restoreTimesMs,
    timeToRestoreMs: median(restoreTimesMs),
  };
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
