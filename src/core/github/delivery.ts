import type { getOctokit } from '@actions/github';
import { readFileSync } from 'node:fs';
import { errorMessage } from '../action/errors.js';

import type { Logger } from '../action/logger.js';
import { type Clock, formatDuration } from '../util/time.js';
import { type PastDeployment, deliveryFigures, outcomeOf } from './history.js';

type Octokit = ReturnType<typeof getOctokit>;
const GITHUB_TIMEOUT_MS = 20_000;
const DAY_MS = 86_400_000;
/** The delivery figures look back this far, at this many deployments at most. */
const HISTORY_WINDOW_MS = 30 * DAY_MS;
const HISTORY_DEPLOYMENTS = 30;
export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error' | 'inactive';

export interface DeliveryTarget {
  /** A token with `deployments: write`; without one, nothing is sent to GitHub. */
  token: string | undefined;
  environment: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  clock: Clock;
  /** For tests: replaces the client getOctokit makes. */
  octokit?: Octokit;
  /** How long one GitHub call may take before it is given up on (default 20 s). */
  timeoutMs?: number;
}

/** When the commit being deployed was made: the push event's head commit, else the git log. */
export function commitTime(env: NodeJS.ProcessEnv): Date | undefined {
  const path = env['GITHUB_EVENT_PATH'];
  if (path !== undefined && path !== '') {
    try {
      const event = JSON.parse(readFileSync(path, 'utf8')) as {
        head_commit?: { id?: string; timestamp?: string };
      };
      const sha = env['GITHUB_SHA'];
      const stamp = event.head_commit?.timestamp;
      if (stamp !== undefined && (sha === undefined || event.head_commit?.id === sha)) {
        const parsed = new Date(stamp);
        if (!Number.isNaN(parsed.getTime())) return parsed;
      }
    } catch {
      // no event file, or not a push: no commit time from it
    }
  }
  return undefined;
}

/**
 * One deployment as GitHub and the job summary see it: a GitHub Deployment with its statuses
 * (when a token is given) and the DORA-style figures of the change (duration, lead time from the
 * commit, outcome, and how often this environment was deployed). GitHub failures only warn: they
 * never fail or block the deployment itself.
 */
export class Delivery {
  readonly started: number;
  private deploymentId: number | undefined;
  /** Made on the first call: @actions/github loads only when a token is given and used. */
  private readonly octokit: Promise<Octokit> | undefined;
  private readonly owner: string;
  private readonly repo: string;

  constructor(private readonly target: DeliveryTarget) {
    this.started = target.clock.now();
    const [owner = '', repo = ''] = (target.env['GITHUB_REPOSITORY'] ?? '').split('/');
    this.owner = owner;
    this.repo = repo;
    const token = target.token;
    if (target.octokit !== undefined) this.octokit = Promise.resolve(target.octokit);
    else if (token !== undefined && owner !== '' && repo !== '') {
      const baseUrl = target.env['GITHUB_API_URL'] ?? 'https://api.github.com';
      // A rejected import is caught where the client is used (guarded), like any GitHub error.
      this.octokit = import('@actions/github').then((m) => m.getOctokit(token, { baseUrl }));
      this.octokit.catch(() => undefined);
    }
  }

  get githubDeploymentId(): number | undefined {
    return this.deploymentId;
  }

  /** Continues with a deployment an earlier step created (the post step). */
  attach(deploymentId: number): this {
    this.deploymentId = deploymentId;
    return this;
  }

  private runUrl(): string | undefined {
    const { env } = this.target;
    const server = env['GITHUB_SERVER_URL'] ?? 'https://github.com';
    return env['GITHUB_RUN_ID'] === undefined
      ? undefined
      : `${server}/${this.owner}/${this.repo}/actions/runs/${env['GITHUB_RUN_ID']}`;
  }

  private async guarded(what: string, call: (octokit: Octokit) => Promise<void>): Promise<void> {
    if (this.octokit === undefined) return;
    const octokit = this.octokit;
    let timer: NodeJS.Timeout | undefined;
    const timeoutMs = this.target.timeoutMs ?? GITHUB_TIMEOUT_MS;
    try {
      // GitHub must never hold a deployment up: an answer that does not come is given up on.
      await Promise.race([
        octokit.then(call),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            reject(new Error(`no answer within ${timeoutMs / 1000} s`));
          }, timeoutMs);
        }),
      ]);
    } catch (error) {
      this.target.logger.warning(
        `GitHub: could not ${what} (${errorMessage(error)}); the deployment goes on. The token needs the deployments: write permission.`,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /** Creates the GitHub Deployment for the commit, in progress. */
  async start(description: string, payload: Record<string, unknown>): Promise<void> {
    const ref = this.target.env['GITHUB_SHA'] ?? this.target.env['GITHUB_REF'] ?? 'HEAD';
    await this.guarded('create the deployment', async (octokit) => {
      const created = await octokit.rest.repos.createDeployment({
        owner: this.owner,
        repo: this.repo,
        ref,
        environment: this.target.environment,
        description: description.slice(0, 140),
        payload,
        auto_merge: false,
        required_contexts: [],
        production_environment: /prod/i.test(this.target.environment),
      });
      const id = (created.data as { id?: number }).id;
      if (id === undefined) throw new Error(`no deployment id (HTTP ${created.status})`);
      this.deploymentId = id;
      this.target.logger.info(`GitHub deployment ${id} to ${this.target.environment} created.`);
    });
    await this.status('in_progress', description);
  }

  /**
   * Carries on with the GitHub Deployment an earlier step created for the same release (the
   * continue step of a deployment that stopped at Ready): the id given, else the newest
   * deployment of this commit and environment whose latest status names `marker` (the ready
   * step writes the CodeDeploy deployment id there). Looks at five deployments at most. Returns
   * whether one was found; when not, the caller starts a new one.
   */
  async resume(given: number | undefined, marker: string): Promise<boolean> {
    if (this.octokit === undefined) return false;
    if (given !== undefined) {
      this.deploymentId = given;
      return true;
    }
    const ref = this.target.env['GITHUB_SHA'] ?? this.target.env['GITHUB_REF'] ?? 'HEAD';
    await this.guarded('find the deployment the ready step created', async (octokit) => {
      const listed = await octokit.rest.repos.listDeployments({
        owner: this.owner,
        repo: this.repo,
        environment: this.target.environment,
        sha: ref,
        per_page: 5,
      });
      for (const deployment of listed.data.slice(0, 5)) {
        const statuses = await octokit.rest.repos.listDeploymentStatuses({
          owner: this.owner,
          repo: this.repo,
          deployment_id: deployment.id,
          per_page: 1,
        });
        const latest = statuses.data[0];
        if (latest?.state === 'in_progress' && latest.description.includes(marker)) {
          this.deploymentId = deployment.id;
          return;
        }
      }
    });
    if (this.deploymentId !== undefined)
      this.target.logger.info(
        `GitHub deployment ${this.deploymentId} (created by the ready step for ${marker}) carries on.`,
      );
    return this.deploymentId !== undefined;
  }

  /** Sets the deployment's state (a status); the first call without start() does nothing. */
  async status(state: DeploymentState, description: string): Promise<void> {
    const id = this.deploymentId;
    if (id === undefined) return;
    const logUrl = this.runUrl();
    await this.guarded(`set the deployment to ${state}`, async (octokit) => {
      await octokit.rest.repos.createDeploymentStatus({
        owner: this.owner,
        repo: this.repo,
        deployment_id: id,
        state,
        description: description.slice(0, 140),
        environment: this.target.environment,
        auto_inactive: state === 'success',
        ...(logUrl === undefined ? {} : { log_url: logUrl }),
      });
    });
  }

  /**
   * The environment's recent GitHub Deployments, for the delivery figures: one list call (the
   * newest 100: how many in the last 7 days) and the statuses of the newest 30 of the last 30
   * days, five at a time, all within one GitHub timeout (20 s). Undefined when GitHub cannot tell.
   */
  async history(): Promise<{ lastWeek: number; deployments: PastDeployment[] } | undefined> {
    // When creating the deployment failed, GitHub is not asked again.
    if (this.deploymentId === undefined) return undefined;
    let found: { lastWeek: number; deployments: PastDeployment[] } | undefined;
    await this.guarded('read the deployment history', async (octokit) => {
      const now = this.target.clock.now();
      const listed = await octokit.rest.repos.listDeployments({
        owner: this.owner,
        repo: this.repo,
        environment: this.target.environment,
        per_page: 100,
      });
      const created = (d: { created_at: string }) => Date.parse(d.created_at);
      const lastWeek = listed.data.filter((d) => created(d) >= now - 7 * DAY_MS).length;
      const recent = listed.data
        .filter((d) => created(d) >= now - HISTORY_WINDOW_MS)
        .slice(0, HISTORY_DEPLOYMENTS);
      const deployments: PastDeployment[] = [];
      for (let i = 0; i < recent.length; i += 5) {
        const batch = await Promise.all(
          recent.slice(i, i + 5).map(async (d) => {
            const statuses = await octokit.rest.repos.listDeploymentStatuses({
              owner: this.owner,
              repo: this.repo,
              deployment_id: d.id,
              per_page: 5,
            });
            return { id: d.id, createdAt: created(d), ...outcomeOf(statuses.data) };
          }),
        );
        deployments.push(...batch);
      }
      found = { lastWeek, deployments };
    });
    return found;
  }

  /** The figures of this change and of the environment, for the job summary and the outputs. */
  async figures(outcome: string): Promise<{
    rows: string[][];
    leadTimeSeconds: number | undefined;
    changeFailureRate: number | undefined;
    timeToRestoreSeconds: number | undefined;
  }> {
    const now = this.target.clock.now();
    const committed = commitTime(this.target.env);
    const leadTime = committed === undefined ? undefined : now - committed.getTime();
    const rows = [
      ['Deployment duration', formatDuration(now - this.started)],
      [
        'Lead time for changes',
        leadTime === undefined
          ? '— (the event gives no head commit time)'
          : `${formatDuration(Math.max(0, leadTime))} (commit ${(this.target.env['GITHUB_SHA'] ?? '').slice(0, 7)} at ${committed?.toISOString() ?? ''})`,
      ],
      ['Outcome', outcome],
    ];
    const environment = this.target.environment;
    const past = await this.history();
    if (past === undefined) {
      const why =
        this.octokit === undefined
          ? '— (needs github-token: read from the GitHub Deployments of the environment)'
          : '— (GitHub did not answer; see the warning above)';
      rows.push(
        ['Deployment frequency', why],
        ['Change failure rate', why],
        ['Time to restore', why],
      );
      return {
        rows,
        leadTimeSeconds:
          leadTime === undefined ? undefined : Math.round(Math.max(0, leadTime) / 1000),
        changeFailureRate: undefined,
        timeToRestoreSeconds: undefined,
      };
    }
    const figures = deliveryFigures(past.deployments, now, HISTORY_WINDOW_MS);
    const ended = figures.successes + figures.failures;
    rows.push(
      [
        'Deployment frequency',
        `${past.lastWeek} deployment${past.lastWeek === 1 ? '' : 's'} to ${environment} in the last 7 days`,
      ],
      [
        'Change failure rate',
        figures.changeFailureRate === undefined
          ? '— (no deployment ended in the window)'
          : `${Math.round(figures.changeFailureRate * 100)}% (${figures.failures} of ${ended} failed, ${figures.rolledBack} of them rolled back; ${figures.replaced} replaced and ${figures.cancelled} cancelled count as neither)`,
      ],
      [
        'Time to restore',
        figures.timeToRestoreMs === undefined
          ? '— (no failure followed by a success in the window)'
          : `${formatDuration(figures.timeToRestoreMs)} (median of ${figures.restoreTimesMs.length}: from a failed deployment to the next successful one)`,
      ],
      [
        'Source',
        `the newest ${past.deployments.length} GitHub Deployments of ${environment} in the last ${HISTORY_WINDOW_MS / DAY_MS} days (at most ${HISTORY_DEPLOYMENTS})`,
      ],
    );
    return {
      rows,
      leadTimeSeconds:
        leadTime === undefined ? undefined : Math.round(Math.max(0, leadTime) / 1000),
      changeFailureRate: figures.changeFailureRate,
      timeToRestoreSeconds:
        figures.timeToRestoreMs === undefined
          ? undefined
          : Math.round(figures.timeToRestoreMs / 1000),
    };
  }
}
