export const id = 55;
export const ids = [55];
export const modules = {

/***/ 6055:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  work: () => (/* binding */ work)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch/dist-cjs/index.js
var dist_cjs = __webpack_require__(4085);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-cjs/index.js
var client_cloudwatch_logs_dist_cjs = __webpack_require__(2684);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-codedeploy/dist-cjs/index.js
var client_codedeploy_dist_cjs = __webpack_require__(7507);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecr/dist-cjs/index.js
var client_ecr_dist_cjs = __webpack_require__(8249);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var client_ecs_dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-elastic-load-balancing-v2/dist-cjs/index.js
var client_elastic_load_balancing_v2_dist_cjs = __webpack_require__(586);
// EXTERNAL MODULE: ./src/core/action/state.ts
var action_state = __webpack_require__(251);
// EXTERNAL MODULE: ./src/core/action/permissions.ts
var action_permissions = __webpack_require__(142);
// EXTERNAL MODULE: ./src/core/action/errors.ts
var errors = __webpack_require__(6379);
;// CONCATENATED MODULE: ./src/core/deploy/stopped-tasks.ts





/** Reading the last log lines of crashed containers (part of the deploy's permission contract). */
function logReadPermissions(sources, region, account) {
    return [...new Set(sources.map((s) => `${s.region ?? region}\u0000${s.group}`))].map((key) => {
        const [groupRegion, group] = key.split('\u0000');
        return {
            action: 'logs:GetLogEvents',
            resource: (0,action_permissions/* arnIn */.Lo)('logs', groupRegion ?? region, account, `log-group:${group ?? ''}:log-stream:*`),
            write: false,
            reason: 'show the last log lines of crashed tasks',
        };
    });
}
/** The awslogs stream of a container in a task: prefix/container/task id. */
function streamName(source, container, taskId) {
    return source.streamPrefix === undefined
        ? taskId
        : `${source.streamPrefix}/${container}/${taskId}`;
}
class StoppedTasks {
    options;
    seen = new Set();
    logsUnreadable = false;
    /** The last lines printed per container, so a crash loop prints them once. */
    printed = new Map();
    /** Containers that exited non-zero, with where they logged (the first 20), for the summary. */
    crashed = [];
    constructor(options) {
        this.options = options;
    }
    /** How many stopped tasks have been reported so far. */
    get count() {
        return this.seen.size;
    }
    /**
     * Reports the stopped tasks started by `startedBy` (a deployment or task set id) not seen yet,
     * and returns what it printed for each (empty when none is new).
     */
    async report(startedBy) {
        const { ecs, cluster, logger } = this.options;
        const listed = await ecs.send(new client_ecs_dist_cjs/* ListTasksCommand */.MYg({ cluster, startedBy, desiredStatus: 'STOPPED' }));
        const fresh = (listed.taskArns ?? []).filter((arn) => !this.seen.has(arn)).slice(0, 10);
        const reported = [];
        if (fresh.length === 0)
            return reported;
        const described = await ecs.send(new client_ecs_dist_cjs/* DescribeTasksCommand */.z8X({ cluster, tasks: fresh }));
        for (const task of described.tasks ?? []) {
            if (task.taskArn === undefined)
                continue;
            this.seen.add(task.taskArn);
            const taskId = task.taskArn.split('/').at(-1) ?? '';
            const exits = (task.containers ?? [])
                .map((c) => `${c.name ?? '?'} exit ${c.exitCode ?? '-'}${c.reason === undefined ? '' : ` (${c.reason})`}`)
                .join(', ');
            const line = `task ${taskId} stopped: ${task.stoppedReason ?? 'no reason given'}${exits === '' ? '' : `; ${exits}`}`;
            logger.warning(line);
            reported.push(line);
            for (const container of task.containers ?? []) {
                if (container.exitCode === undefined || container.exitCode === 0)
                    continue;
                this.noteCrash(taskId, container.name ?? '', container.exitCode, task.stoppedReason);
                await this.printLastLines(taskId, container.name ?? '');
            }
        }
        return reported;
    }
    noteCrash(taskId, container, exitCode, stoppedReason) {
        if (this.crashed.length >= 20)
            return;
        const source = this.options.sources?.find((s) => s.container === container);
        this.crashed.push({
            taskId,
            container,
            exitCode,
            stoppedReason,
            log: source === undefined
                ? undefined
                : {
                    group: source.group,
                    stream: streamName(source, container, taskId),
                    region: source.region,
                },
        });
    }
    async printLastLines(taskId, container) {
        const { logs, logger } = this.options;
        const source = this.options.sources?.find((s) => s.container === container);
        if (logs === undefined || source === undefined || this.logsUnreadable)
            return;
        const stream = streamName(source, container, taskId);
        try {
            const events = await logs.send(new client_cloudwatch_logs_dist_cjs/* GetLogEventsCommand */.h7S({
                logGroupName: source.group,
                logStreamName: stream,
                limit: this.options.lines ?? 10,
                startFromHead: false,
            }));
            const lines = (events.events ?? []).map((e) => e.message ?? '');
            if (lines.length === 0)
                return;
            const before = this.printed.get(container);
            if (before?.text === lines.join('\n')) {
                logger.info(`${container} in task ${taskId} ended with the same lines as in task ${before.taskId}.`);
                return;
            }
            this.printed.set(container, { text: lines.join('\n'), taskId });
            logger.info(`last ${lines.length} log line(s) of ${container} in task ${taskId}:`);
            for (const line of lines)
                logger.info(`  | ${line}`);
        }
        catch (error) {
            if ((0,errors/* awsErrorCode */.J6)(error) === 'ResourceNotFoundException')
                return;
            // Once is enough: the deployment goes on without the logs.
            this.logsUnreadable = true;
            logger.warning(`Cannot read the logs of ${container} (${source.group}/${stream}): ${(0,errors/* errorMessage */.gJ)(error)}. Grant logs:GetLogEvents on the log group to see crashed containers' last lines here.`);
        }
    }
}

// EXTERNAL MODULE: ./src/core/util/time.ts
var util_time = __webpack_require__(4199);
;// CONCATENATED MODULE: ./src/core/deploy/analysis.ts




/** The analysis found the new version bad: the deployment must be stopped and rolled back. */
class AnalysisFailure extends Error {
    name = 'AnalysisFailure';
}
/** What the analysis reads (part of the deploy's permission contract). */
function analysisPermissions(spec, region, account) {
    const permissions = spec.alarms.map((alarm) => ({
        action: 'cloudwatch:DescribeAlarms',
        resource: (0,action_permissions/* arnIn */.Lo)('cloudwatch', region, account, `alarm:${alarm}`),
        write: false,
        reason: 'watch the alarms that must stay OK',
    }));
    if (spec.metrics.length > 0)
        permissions.push({
            action: 'cloudwatch:GetMetricData',
            resource: '*',
            write: false,
            reason: 'check the analysis metrics',
        });
    return permissions;
}
/** Checks before any write that every alarm named exists (a typo would watch nothing). */
async function checkAlarmsExist(cloudwatch, alarms) {
    if (alarms.length === 0)
        return;
    const found = new Set();
    for (let i = 0; i < alarms.length; i += 100) {
        const page = await cloudwatch.send(new dist_cjs/* DescribeAlarmsCommand */.zWD({ AlarmNames: alarms.slice(i, i + 100) }));
        for (const alarm of [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])])
            if (alarm.AlarmName !== undefined)
                found.add(alarm.AlarmName);
    }
    const missing = alarms.filter((name) => !found.has(name));
    if (missing.length > 0)
        throw new errors/* ConfigurationError */.j1(`CloudWatch alarm(s) ${missing.join(', ')} do not exist in this region.`, { input: 'alarms', hint: 'Check the names (they are case-sensitive) and the region.' });
}
const COMPARE = {
    '>': (v, t) => v > t,
    '>=': (v, t) => v >= t,
    '<': (v, t) => v < t,
    '<=': (v, t) => v <= t,
};
/**
 * Alarms and metric thresholds checked while a deployment runs, every interval. A round fails
 * when an alarm is in ALARM or a metric crosses its threshold; once more rounds fail than
 * allowed, `check` throws AnalysisFailure and the caller stops the deployment with rollback.
 */
class Analysis {
    spec;
    cloudwatch;
    clock;
    logger;
    lastRun;
    failures = 0;
    rounds = 0;
    /** When each round ran (the step's clock, ms; the first 100), for the chart. */
    roundTimes = [];
    constructor(spec, cloudwatch, clock, logger) {
        this.spec = spec;
        this.cloudwatch = cloudwatch;
        this.clock = clock;
        this.logger = logger;
    }
    get active() {
        return this.spec.alarms.length > 0 || this.spec.metrics.length > 0;
    }
    /** Runs the checks when an interval has passed since the last round. */
    async check() {
        if (!this.active)
            return;
        const now = this.clock.now();
        if (this.lastRun !== undefined && now - this.lastRun < this.spec.intervalMs)
            return;
        this.lastRun = now;
        this.rounds += 1;
        if (this.roundTimes.length < 100)
            this.roundTimes.push(now);
        const problems = [...(await this.alarmProblems()), ...(await this.metricProblems(now))];
        if (problems.length === 0)
            return;
        this.failures += 1;
        const summary = problems.join('; ');
        if (this.failures > this.spec.failuresAllowed)
            throw new AnalysisFailure(`Analysis failed (${this.failures} failed round(s), ${this.spec.failuresAllowed} allowed): ${summary}`);
        this.logger.warning(`analysis round ${this.rounds} failed (${this.failures} of ${this.spec.failuresAllowed} allowed): ${summary}`);
    }
    async alarmProblems() {
        if (this.spec.alarms.length === 0)
            return [];
        const page = await this.cloudwatch.send(new dist_cjs/* DescribeAlarmsCommand */.zWD({ AlarmNames: this.spec.alarms.slice(0, 100) }));
        return [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])]
            .filter((alarm) => alarm.StateValue === 'ALARM')
            .map((alarm) => `alarm ${alarm.AlarmName ?? ''} is ALARM (${alarm.StateReason ?? 'no reason'})`);
    }
    async metricProblems(now) {
        if (this.spec.metrics.length === 0)
            return [];
        const longest = Math.max(...this.spec.metrics.map((m) => m.periodSeconds));
        const response = await this.cloudwatch.send(new dist_cjs/* GetMetricDataCommand */.Soe({
            StartTime: new Date(now - longest * 1000),
            EndTime: new Date(now),
            MetricDataQueries: this.spec.metrics.map((m, i) => ({
                Id: `m${i}`,
                ReturnData: true,
                MetricStat: {
                    Metric: {
                        Namespace: m.namespace,
                        MetricName: m.metric,
                        Dimensions: Object.entries(m.dimensions).map(([Name, Value]) => ({ Name, Value })),
                    },
                    Period: m.periodSeconds,
                    Stat: m.statistic,
                },
            })),
        }));
        const problems = [];
        this.spec.metrics.forEach((m, i) => {
            const result = response.MetricDataResults?.find((r) => r.Id === `m${i}`);
            const value = result?.Values?.[0];
            if (value === undefined) {
                this.logger.info(`analysis: ${m.name} has no data in the last ${(0,util_time/* formatDuration */.a3)(m.periodSeconds * 1000)}`);
                return;
            }
            if (COMPARE[m.comparison](value, m.threshold))
                problems.push(`${m.name}: ${m.statistic} ${m.metric} = ${value} ${m.comparison} ${m.threshold}`);
        });
        return problems;
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/core/github/history.ts
// The delivery figures the seeds teach (DORA), from an environment's GitHub Deployments: change
// failure rate and time to restore. Pure: the GitHub reads are in delivery.ts.
/**
 * Reads a deployment's statuses (newest first, as GitHub lists them). GitHub's own `inactive`
 * (auto_inactive, when a later one succeeds) is not an outcome: the status before it is. Ours
 * marks a replaced deployment `inactive` with "replaced:", a rolled-back one `failure` with
 * "rolled back:", a cancelled job `error` naming the cancel.
 */
function outcomeOf(statuses) {
    const at = (s) => s.created_at === undefined ? undefined : Date.parse(s.created_at);
    for (const status of statuses) {
        const description = status.description ?? '';
        if (status.state === 'inactive' && !description.startsWith('replaced:'))
            continue;
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
/** The figures of the deployments created within `windowMs` before `now`. */
function deliveryFigures(history, now, windowMs) {
    const inWindow = history
        .filter((d) => d.createdAt >= now - windowMs)
        .sort((a, b) => a.createdAt - b.createdAt);
    const count = (outcome) => inWindow.filter((d) => d.outcome === outcome).length;
    const successes = count('success');
    const failures = count('failure');
    const restoreTimesMs = [];
    inWindow.forEach((deployment, index) => {
        if (deployment.outcome !== 'failure' || deployment.endedAt === undefined)
            return;
        // A run of failures is restored once, by the first success after the run.
        const previous = inWindow[index - 1];
        if (previous?.outcome === 'failure')
            return;
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
function median(values) {
    if (values.length === 0)
        return undefined;
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1
        ? sorted[middle]
        : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

;// CONCATENATED MODULE: ./src/core/github/delivery.ts




const GITHUB_TIMEOUT_MS = 20_000;
const DAY_MS = 86_400_000;
/** The delivery figures look back this far, at this many deployments at most. */
const HISTORY_WINDOW_MS = 30 * DAY_MS;
const HISTORY_DEPLOYMENTS = 30;
/** When the commit being deployed was made: the push event's head commit, else the git log. */
function commitTime(env) {
    const path = env['GITHUB_EVENT_PATH'];
    if (path !== undefined && path !== '') {
        try {
            const event = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
            const sha = env['GITHUB_SHA'];
            const stamp = event.head_commit?.timestamp;
            if (stamp !== undefined && (sha === undefined || event.head_commit?.id === sha)) {
                const parsed = new Date(stamp);
                if (!Number.isNaN(parsed.getTime()))
                    return parsed;
            }
        }
        catch {
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
class Delivery {
    target;
    started;
    deploymentId;
    /** Made on the first call: @actions/github loads only when a token is given and used. */
    octokit;
    owner;
    repo;
    constructor(target) {
        this.target = target;
        this.started = target.clock.now();
        const [owner = '', repo = ''] = (target.env['GITHUB_REPOSITORY'] ?? '').split('/');
        this.owner = owner;
        this.repo = repo;
        const token = target.token;
        if (target.octokit !== undefined)
            this.octokit = Promise.resolve(target.octokit);
        else if (token !== undefined && owner !== '' && repo !== '') {
            const baseUrl = target.env['GITHUB_API_URL'] ?? 'https://api.github.com';
            // A rejected import is caught where the client is used (guarded), like any GitHub error.
            this.octokit = __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413)).then((m) => m.getOctokit(token, { baseUrl }));
            this.octokit.catch(() => undefined);
        }
    }
    get githubDeploymentId() {
        return this.deploymentId;
    }
    /** Continues with a deployment an earlier step created (the post step). */
    attach(deploymentId) {
        this.deploymentId = deploymentId;
        return this;
    }
    runUrl() {
        const { env } = this.target;
        const server = env['GITHUB_SERVER_URL'] ?? 'https://github.com';
        return env['GITHUB_RUN_ID'] === undefined
            ? undefined
            : `${server}/${this.owner}/${this.repo}/actions/runs/${env['GITHUB_RUN_ID']}`;
    }
    async guarded(what, call) {
        if (this.octokit === undefined)
            return;
        const octokit = this.octokit;
        let timer;
        const timeoutMs = this.target.timeoutMs ?? GITHUB_TIMEOUT_MS;
        try {
            // GitHub must never hold a deployment up: an answer that does not come is given up on.
            await Promise.race([
                octokit.then(call),
                new Promise((_, reject) => {
                    timer = setTimeout(() => {
                        reject(new Error(`no answer within ${timeoutMs / 1000} s`));
                    }, timeoutMs);
                }),
            ]);
        }
        catch (error) {
            this.target.logger.warning(`GitHub: could not ${what} (${(0,errors/* errorMessage */.gJ)(error)}); the deployment goes on. The token needs the deployments: write permission.`);
        }
        finally {
            clearTimeout(timer);
        }
    }
    /** Creates the GitHub Deployment for the commit, in progress. */
    async start(description, payload) {
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
            const id = created.data.id;
            if (id === undefined)
                throw new Error(`no deployment id (HTTP ${created.status})`);
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
    async resume(given, marker) {
        if (this.octokit === undefined)
            return false;
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
            this.target.logger.info(`GitHub deployment ${this.deploymentId} (created by the ready step for ${marker}) carries on.`);
        return this.deploymentId !== undefined;
    }
    /** Sets the deployment's state (a status); the first call without start() does nothing. */
    async status(state, description) {
        const id = this.deploymentId;
        if (id === undefined)
            return;
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
    async history() {
        // When creating the deployment failed, GitHub is not asked again.
        if (this.deploymentId === undefined)
            return undefined;
        let found;
        await this.guarded('read the deployment history', async (octokit) => {
            const now = this.target.clock.now();
            const listed = await octokit.rest.repos.listDeployments({
                owner: this.owner,
                repo: this.repo,
                environment: this.target.environment,
                per_page: 100,
            });
            const created = (d) => Date.parse(d.created_at);
            const lastWeek = listed.data.filter((d) => created(d) >= now - 7 * DAY_MS).length;
            const recent = listed.data
                .filter((d) => created(d) >= now - HISTORY_WINDOW_MS)
                .slice(0, HISTORY_DEPLOYMENTS);
            const deployments = [];
            for (let i = 0; i < recent.length; i += 5) {
                const batch = await Promise.all(recent.slice(i, i + 5).map(async (d) => {
                    const statuses = await octokit.rest.repos.listDeploymentStatuses({
                        owner: this.owner,
                        repo: this.repo,
                        deployment_id: d.id,
                        per_page: 5,
                    });
                    return { id: d.id, createdAt: created(d), ...outcomeOf(statuses.data) };
                }));
                deployments.push(...batch);
            }
            found = { lastWeek, deployments };
        });
        return found;
    }
    /** The figures of this change and of the environment, for the job summary and the outputs. */
    async figures(outcome) {
        const now = this.target.clock.now();
        const committed = commitTime(this.target.env);
        const leadTime = committed === undefined ? undefined : now - committed.getTime();
        const rows = [
            ['Deployment duration', (0,util_time/* formatDuration */.a3)(now - this.started)],
            [
                'Lead time for changes',
                leadTime === undefined
                    ? '— (the event gives no head commit time)'
                    : `${(0,util_time/* formatDuration */.a3)(Math.max(0, leadTime))} (commit ${(this.target.env['GITHUB_SHA'] ?? '').slice(0, 7)} at ${committed?.toISOString() ?? ''})`,
            ],
            ['Outcome', outcome],
        ];
        const environment = this.target.environment;
        const past = await this.history();
        if (past === undefined) {
            const why = this.octokit === undefined
                ? '— (needs github-token: read from the GitHub Deployments of the environment)'
                : '— (GitHub did not answer; see the warning above)';
            rows.push(['Deployment frequency', why], ['Change failure rate', why], ['Time to restore', why]);
            return {
                rows,
                leadTimeSeconds: leadTime === undefined ? undefined : Math.round(Math.max(0, leadTime) / 1000),
                changeFailureRate: undefined,
                timeToRestoreSeconds: undefined,
            };
        }
        const figures = deliveryFigures(past.deployments, now, HISTORY_WINDOW_MS);
        const ended = figures.successes + figures.failures;
        rows.push([
            'Deployment frequency',
            `${past.lastWeek} deployment${past.lastWeek === 1 ? '' : 's'} to ${environment} in the last 7 days`,
        ], [
            'Change failure rate',
            figures.changeFailureRate === undefined
                ? '— (no deployment ended in the window)'
                : `${Math.round(figures.changeFailureRate * 100)}% (${figures.failures} of ${ended} failed, ${figures.rolledBack} of them rolled back; ${figures.replaced} replaced and ${figures.cancelled} cancelled count as neither)`,
        ], [
            'Time to restore',
            figures.timeToRestoreMs === undefined
                ? '— (no failure followed by a success in the window)'
                : `${(0,util_time/* formatDuration */.a3)(figures.timeToRestoreMs)} (median of ${figures.restoreTimesMs.length}: from a failed deployment to the next successful one)`,
        ], [
            'Source',
            `the newest ${past.deployments.length} GitHub Deployments of ${environment} in the last ${HISTORY_WINDOW_MS / DAY_MS} days (at most ${HISTORY_DEPLOYMENTS})`,
        ]);
        return {
            rows,
            leadTimeSeconds: leadTime === undefined ? undefined : Math.round(Math.max(0, leadTime) / 1000),
            changeFailureRate: figures.changeFailureRate,
            timeToRestoreSeconds: figures.timeToRestoreMs === undefined
                ? undefined
                : Math.round(figures.timeToRestoreMs / 1000),
        };
    }
}

// EXTERNAL MODULE: ./src/core/deploy/service.ts
var deploy_service = __webpack_require__(6852);
// EXTERNAL MODULE: ./src/core/deploy/codedeploy-config.ts
var codedeploy_config = __webpack_require__(4220);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/core/rollback/history.ts




/**
 * The tag through which a deploy or a rollback records on the service what it changed, so that a
 * later workflow run can roll back without any state from this one, and a second rollback knows
 * the first already happened.
 */
const CHANGE_TAG = 'ecs-delivery:last-change';
/** `family:revision` of a task definition ARN (or of `family:revision` itself). */
function shortTaskDefinition(taskDefinition) {
    return taskDefinition.split('/').pop() ?? taskDefinition;
}
/** The ARN of a `family:revision` in the account, region and partition of a service ARN. */
function taskDefinitionArn(taskDefinition, serviceArn) {
    if (taskDefinition.startsWith('arn:'))
        return taskDefinition;
    const [, partition, , region, account] = serviceArn.split(':');
    if (partition === undefined || region === undefined || account === undefined)
        return taskDefinition;
    return `arn:${partition}:ecs:${region}:${account}:task-definition/${taskDefinition}`;
}
function sameTaskDefinition(a, b) {
    return a !== undefined && b !== undefined && shortTaskDefinition(a) === shortTaskDefinition(b);
}
/** The tag value, or undefined when it would not fit in a tag (256 characters). */
function formatChange(change) {
    const value = `${change.kind} from=${shortTaskDefinition(change.from)} to=${shortTaskDefinition(change.to)}`;
    return value.length <= 256 ? value : undefined;
}
function parseChange(value) {
    const match = /^(deploy|rollback) from=(\S+) to=(\S+)$/.exec(value ?? '');
    if (match === null)
        return undefined;
    return { kind: match[1], from: match[2] ?? '', to: match[3] ?? '' };
}
async function readRecordedChange(ecs, serviceArn) {
    const listed = await ecs.send(new ListTagsForResourceCommand({ resourceArn: serviceArn }));
    return parseChange(listed.tags?.find((tag) => tag.key === CHANGE_TAG)?.value);
}
/**
 * Records a change on the service. A failure only warns: the change itself happened, and the
 * rollback still finds its target in ECS's own history.
 */
async function recordChange(ecs, serviceArn, change, logger) {
    const value = formatChange(change);
    if (value === undefined || serviceArn === '')
        return;
    try {
        await ecs.send(new client_ecs_dist_cjs/* TagResourceCommand */.eqU({ resourceArn: serviceArn, tags: [{ key: CHANGE_TAG, value }] }));
    }
    catch (error) {
        logger.warning(`Could not record "${value}" on ${serviceArn} (${(0,errors/* awsErrorCode */.J6)(error) ?? String(error)}); ecs-rollback will rely on ECS's deployment history.`);
    }
}
/**
 * The last task definition a deployment of this service completed with (status SUCCESSFUL), other
 * than the one it runs now, from ECS's service deployment history (ECS controller only).
 */
async function previousFromEcsHistory(ecs, cluster, service, current) {
    const briefs = [];
    let nextToken;
    do {
        const page = await ecs.send(new ListServiceDeploymentsCommand({
            cluster,
            service,
            status: ['SUCCESSFUL'],
            ...(nextToken === undefined ? {} : { nextToken }),
        }));
        briefs.push(...(page.serviceDeployments ?? []));
        nextToken = page.nextToken;
    } while (nextToken !== undefined && briefs.length < 200);
    const newestFirst = briefs
        .filter((b) => b.status === 'SUCCESSFUL' && b.targetServiceRevisionArn !== undefined)
        .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
    // DescribeServiceRevisions takes up to 20 ARNs a call.
    for (let start = 0; start < newestFirst.length; start += 20) {
        const chunk = newestFirst.slice(start, start + 20);
        const described = await ecs.send(new DescribeServiceRevisionsCommand({
            serviceRevisionArns: chunk.map((b) => b.targetServiceRevisionArn ?? ''),
        }));
        const byArn = new Map((described.serviceRevisions ?? []).map((r) => [r.serviceRevisionArn, r.taskDefinition]));
        for (const brief of chunk) {
            const taskDefinition = byArn.get(brief.targetServiceRevisionArn);
            if (taskDefinition !== undefined && !sameTaskDefinition(taskDefinition, current)) {
                return {
                    taskDefinition,
                    source: `ECS service deployment ${brief.serviceDeploymentArn?.split('/').pop() ?? ''} (completed ${brief.finishedAt?.toISOString() ?? brief.createdAt?.toISOString() ?? ''})`,
                };
            }
        }
    }
    return undefined;
}
/** The task definition an ECS AppSpec deploys. */
function appSpecTaskDefinition(content) {
    if (content === undefined || content === '')
        return undefined;
    try {
        const document = parseYaml(content);
        for (const resource of document.Resources ?? []) {
            for (const target of Object.values(resource)) {
                const taskDefinition = target.Properties?.TaskDefinition;
                if (typeof taskDefinition === 'string')
                    return taskDefinition;
            }
        }
    }
    catch {
        return undefined;
    }
    return undefined;
}
/**
 * The last task definition a CodeDeploy deployment of the group succeeded with, other than the
 * one the service runs now. CodeDeploy's own rollback deployments are skipped: they restore an
 * earlier revision and carry the failed one's AppSpec.
 */
async function previousFromCodeDeployHistory(codedeploy, application, deploymentGroup, current) {
    const listed = await codedeploy.send(new ListDeploymentsCommand({
        applicationName: application,
        deploymentGroupName: deploymentGroup,
        includeOnlyStatuses: ['Succeeded'],
    }));
    const ids = (listed.deployments ?? []).slice(0, 100);
    const infos = [];
    for (let start = 0; start < ids.length; start += 25) {
        const batch = await codedeploy.send(new BatchGetDeploymentsCommand({ deploymentIds: ids.slice(start, start + 25) }));
        infos.push(...(batch.deploymentsInfo ?? []));
    }
    const newestFirst = infos
        .filter((info) => info.status === 'Succeeded' &&
        info.creator !== 'codeDeployRollback' &&
        info.rollbackInfo?.rollbackTriggeringDeploymentId === undefined)
        .sort((a, b) => (b.createTime?.getTime() ?? 0) - (a.createTime?.getTime() ?? 0));
    for (const info of newestFirst) {
        const taskDefinition = appSpecTaskDefinition(info.revision?.appSpecContent?.content);
        if (taskDefinition !== undefined && !sameTaskDefinition(taskDefinition, current)) {
            return {
                taskDefinition,
                source: `CodeDeploy deployment ${info.deploymentId ?? ''} (succeeded ${info.completeTime?.toISOString() ?? ''})`,
            };
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/core/deploy/bake.ts
// The bake: after ECS or CodeDeploy says a deployment is done, the new version must stay up for a
// while (wall time, as the step runs) before the step says it succeeded. Kubernetes calls this
// minReadySeconds, Argo Rollouts post-promotion analysis; ECS's own blue/green its BAKE_TIME.



/**
 * Watches the new version for `durationMs`: any look that finds it failing, or a failed analysis
 * round (alarms, metrics), ends the bake as failed. A read that fails (throttling, a lost
 * connection) is retried at the next look rather than judged.
 */
async function bake(options) {
    const { clock, logger } = options;
    const started = clock.now();
    const interval = options.intervalMs ?? 15_000;
    let lastLog = started;
    let sawEnd = false;
    logger.info(`Bake: watching ${options.what} for ${(0,util_time/* formatDuration */.a3)(options.durationMs)} before calling it a success.`);
    for (;;) {
        let verdict;
        try {
            verdict = await options.look();
            await options.analysis?.check();
        }
        catch (error) {
            if (error instanceof AnalysisFailure)
                return {
                    ranMs: clock.now() - started,
                    verdict: { kind: 'failed', reason: error.message },
                    sawEnd,
                };
            logger.warning(`Bake: a read failed (${(0,errors/* errorMessage */.gJ)(error)}); looking again shortly.`);
        }
        const ranMs = clock.now() - started;
        if (verdict?.kind === 'failed' || verdict?.kind === 'replaced')
            return { ranMs, verdict, sawEnd };
        if (verdict?.kind === 'ended' && !sawEnd) {
            sawEnd = true;
            logger.info(`Bake: ${verdict.summary}; still watching the new version.`);
        }
        const remaining = options.durationMs - ranMs;
        if (remaining <= 0) {
            logger.info(`Bake: ${options.what} held for ${(0,util_time/* formatDuration */.a3)(ranMs)}${verdict === undefined ? '' : ` (${verdict.summary})`}.`);
            return { ranMs, verdict: { kind: 'held' }, sawEnd };
        }
        if (verdict !== undefined && clock.now() - lastLog >= 60_000) {
            lastLog = clock.now();
            logger.info(`Bake: ${(0,util_time/* formatDuration */.a3)(ranMs)} of ${(0,util_time/* formatDuration */.a3)(options.durationMs)}, ${verdict.summary}; ${(0,util_time/* formatDuration */.a3)(remaining)} to go.`);
        }
        await options.sleep(Math.min(interval, remaining), options.signal);
    }
}
/**
 * What both strategies' looks judge alike: a task of the new version that stopped since the last
 * look fails the bake, and so do fewer tasks running than desired twice in a row (one look can
 * fall between a stop and its replacement).
 */
class TaskWatch {
    shortLooks = 0;
    judge(stopped, running, desired) {
        if (stopped.length > 0)
            return {
                kind: 'failed',
                reason: `${stopped.length === 1 ? 'A task' : `${stopped.length} tasks`} of the new version stopped during the bake (${stopped[0] ?? ''}).`,
            };
        this.shortLooks = running < desired ? this.shortLooks + 1 : 0;
        if (this.shortLooks >= 2)
            return {
                kind: 'failed',
                reason: `Only ${running} of ${desired} tasks of the new version were running during the bake.`,
            };
        return { kind: 'holding', summary: `${running}/${desired} tasks running, none stopped` };
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/core/aws/clients.ts + 1 modules
var clients = __webpack_require__(5493);
;// CONCATENATED MODULE: ./src/core/aws/idempotent.ts



const THROTTLING = /Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/i;
const NO_CONNECTION = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
/**
 * Throttling was refused before anything happened; a connection that could not be opened sent
 * nothing. A connection cut or timed out after sending, or a server error, leaves it unknown.
 */
function writeOutcome(error) {
    const code = (0,errors/* awsErrorCode */.J6)(error) ?? '';
    const shape = error;
    const status = shape.$metadata?.httpStatusCode;
    if (THROTTLING.test(code))
        return 'not-done';
    if (NO_CONNECTION.has(shape.code ?? '') || NO_CONNECTION.has(code))
        return 'not-done';
    if (status !== undefined && status >= 500)
        return 'unknown';
    if (status === undefined)
        return 'unknown';
    return 'failed';
}
/**
 * An AWS call that failed for a passing reason (throttling, a server error, a cut connection)
 * after the SDK's own retries; not a refusal, and not a bug of ours.
 */
function isTransient(error) {
    return (0,errors/* isAwsSdkError */.iy)(error) && writeOutcome(error) !== 'failed';
}
/**
 * Sends a write at most once in effect: a throttled attempt is retried with backoff; when the
 * answer is lost (connection cut, server error), the write's effect is looked for first and used
 * when it is there, so a retry never makes a second deployment.
 */
async function sendOnce(options) {
    const attempts = options.attempts ?? 5;
    const throttledAttempts = options.throttledAttempts ?? 12;
    let unknown = 0;
    let throttled = 0;
    for (let attempt = 1;; attempt += 1) {
        try {
            return await (0,clients/* withoutSdkRetries */.RM)(options.send);
        }
        catch (error) {
            const outcome = writeOutcome(error);
            const code = (0,errors/* awsErrorCode */.J6)(error) ?? 'error';
            if (outcome === 'failed')
                throw error;
            if (outcome === 'unknown') {
                const own = await options.findOwn();
                if (own !== undefined) {
                    options.logger.warning(`${options.what}: the answer was lost (${code}), but the write had happened; continuing with it instead of sending it again.`);
                    return own;
                }
            }
            if (outcome === 'unknown')
                unknown += 1;
            else
                throttled += 1;
            const budget = outcome === 'unknown' ? attempts : throttledAttempts;
            if ((outcome === 'unknown' ? unknown : throttled) >= budget)
                throw error;
            options.logger.warning(`${options.what}: ${outcome === 'unknown' ? `no answer (${code}) and no sign it happened` : `throttled (${code})`}; sending it again (attempt ${attempt + 1}).`);
            await options.sleep((0,clients/* backoffDelay */.EY)(attempt, 1000, 20_000) + 500, options.signal);
        }
    }
}

;// CONCATENATED MODULE: ./src/core/aws/poller.ts



/**
 * Follows one thing (a deployment, a task) until `done`, reading it at an adaptive interval:
 * fast right after a change, slower while nothing changes, never past the timeout.
 */
async function poll(options) {
    const minInterval = options.minIntervalMs ?? 1000;
    const maxInterval = Math.max(minInterval, options.maxIntervalMs ?? 15_000);
    const growth = options.growth ?? 1.5;
    const started = options.clock.now();
    let interval = minInterval;
    let previous;
    let polls = 0;
    if ((options.firstReadAfterMs ?? 0) > 0)
        await options.sleep(Math.min(options.firstReadAfterMs ?? 0, options.timeoutMs), options.signal);
    for (;;) {
        options.signal?.throwIfAborted();
        let observation;
        try {
            observation = await options.read();
        }
        catch (error) {
            const elapsedMs = options.clock.now() - started;
            const remaining = options.timeoutMs - elapsedMs;
            if (!isTransient(error) || remaining <= 0 || options.signal?.aborted === true)
                throw error;
            interval = Math.min(maxInterval, Math.round(interval * growth));
            const next = Math.min(interval, remaining);
            options.onReadError?.(error, { elapsedMs, polls, changed: false, nextPollMs: next });
            await options.sleep(next, options.signal);
            continue;
        }
        polls += 1;
        const elapsedMs = options.clock.now() - started;
        const fingerprint = options.fingerprint?.(observation) ?? JSON.stringify(observation);
        const changed = polls === 1 || fingerprint !== previous;
        previous = fingerprint;
        if (options.done(observation)) {
            options.onObservation?.(observation, { elapsedMs, polls, changed, nextPollMs: 0 });
            return { observation, polls, elapsedMs };
        }
        interval = changed ? minInterval : Math.min(maxInterval, Math.round(interval * growth));
        const hint = options.intervalHint?.(observation);
        let next = hint === undefined
            ? interval
            : Math.max(options.minHintMs ?? minInterval, Math.min(maxInterval, hint));
        const remaining = options.timeoutMs - elapsedMs;
        if (remaining <= 0) {
            throw new errors/* TimeoutError */.MU(`Timed out after ${(0,util_time/* formatDuration */.a3)(elapsedMs)} waiting for ${options.what}.`, 'Raise the timeout input if this is expected to take longer, or look at the service events above for what held it up.');
        }
        next = Math.min(next, remaining);
        options.onObservation?.(observation, { elapsedMs, polls, changed, nextPollMs: next });
        await options.sleep(next, options.signal);
    }
}

;// CONCATENATED MODULE: ./src/core/deploy/follow.ts

/**
 * Whether every task of a deployment or task set runs (its running count reaches the desired
 * one; one with no desired count reads as wanting a task, so an empty read is not "all running").
 */
function allRunning(counts) {
    return (counts?.runningCount ?? 0) >= (counts?.desiredCount ?? 1);
}

;// CONCATENATED MODULE: ./src/core/deploy/pace.ts
/** What a read allows for a task to exit once drained, beyond the deregistration delay. */
const EXIT_ALLOWANCE_MS = 1000;
/** The pace of reads before the end is in sight: often enough to see a drain begin before it ends. */
function drainPace(timing) {
    return Math.min(15_000, Math.max(2000, timing.drainMs - 2000));
}
/**
 * The wait until a drain that began at `drainStart` is over (and each second after that until
 * the end is seen); more than 5 s past its due time, `whenPast` (by default the pace: it was an
 * earlier wave's drain).
 */
function untilDrained(drainStart, timing, now, whenPast = drainPace(timing)) {
    const wait = drainStart + timing.drainMs + EXIT_ALLOWANCE_MS - now;
    return wait > -5000 ? Math.max(0, wait) : whenPast;
}
/** How ECS says it stopped routing to tasks it is about to stop (a service event). */
const DRAIN_EVENT = /has begun draining connections on \d+ tasks/;
/**
 * The wait before the next read of a deployment behind a load balancer (pure). Once ECS says it
 * has begun draining the old tasks, the deployment ends when the drain does (the deregistration
 * delay, plus a second for the tasks to exit): the next read is then, and each second after it
 * until it is seen. Before that, reads come often enough to see the drain begin before it can
 * end (the delay less 2 s, 2 to 15 s).
 */
function drainPacedWait(events, since, timing, now) {
    const drain = events.find((e) => DRAIN_EVENT.test(e.message ?? '') &&
        e.createdAt !== undefined &&
        (since === undefined || e.createdAt.getTime() >= since.getTime()));
    return drain?.createdAt === undefined
        ? drainPace(timing)
        : untilDrained(drain.createdAt.getTime(), timing, now);
}
/**
 * Without a load balancer, a new task with no essential container health check counts as healthy
 * this long after it runs ("the service scheduler will wait for 40 seconds after a task reaches a
 * RUNNING state before the task is counted towards the minimum healthy percent total": ECS API
 * Reference, DeploymentConfiguration). The old tasks a minimum healthy percent keeps stop no
 * sooner, so a deployment cannot end before it.
 */
const NO_HEALTH_CHECK_GRACE_MS = 40_000;
/**
 * The wait before the next read when the end cannot come before `due` (pure): reads back off
 * (the time since `since`, at least 2 s) and land on `due`; after it, each second, then slower as
 * the end runs late (half the lateness, up to 15 s). A `due` that is wrong (an emulator's scaled
 * time, a rule ECS changed) costs the back-off's lag, never a missed end.
 */
function towardsDue(due, since, now) {
    if (now < due)
        return Math.min(due - now, Math.max(2000, now - since));
    return Math.min(15_000, Math.max(1000, (now - due) / 2));
}
/**
 * The pace of reads while an end that cannot be timed exactly is near (CodeDeploy shifting traffic
 * on its own checks, some seconds after the new tasks pass theirs): the end is seen at most 1.3 s
 * late (the lag goal is 1.5 s at p95), with a fifth fewer reads than each second.
 */
const NEAR_END_READ_MS = 1300;
/**
 * How often to look at new tasks that start (pure): often enough to see them run before they can
 * pass health checks that take `healthyMs` (3 s to spare, for the reads of their start times),
 * 2 to 15 s.
 */
function startingLookMs(healthyMs) {
    return Math.min(15_000, Math.max(2000, healthyMs - 3000));
}
/**
 * The wait before the next read once running tasks are due healthy at `due` and the end comes an
 * unknown few seconds after that (pure): straight to the due time, then each NEAR_END_READ_MS for
 * 10 s, then each 2 s. Tasks that run now pass checks taking `healthyMs` within that time: a due
 * further away is a clock that disagrees, and the reads back off as without one (undefined).
 */
function nearDueWait(due, healthyMs, now) {
    if (due - now > healthyMs + 2000)
        return undefined;
    if (now < due)
        return due - now + 250;
    return now - due < 10_000 ? NEAR_END_READ_MS : 2000;
}

;// CONCATENATED MODULE: ./src/core/deploy/codedeploy.ts









/** The AppSpec property names of the extras (AppSpec spells them in PascalCase). */
function appSpecProperties(extras) {
    const vpc = extras.networkConfiguration?.awsvpcConfiguration;
    return {
        ...(vpc === undefined
            ? {}
            : {
                NetworkConfiguration: {
                    AwsvpcConfiguration: {
                        Subnets: vpc.subnets ?? [],
                        SecurityGroups: vpc.securityGroups ?? [],
                        AssignPublicIp: vpc.assignPublicIp ?? 'DISABLED',
                    },
                },
            }),
        ...(extras.capacityProviderStrategy === undefined
            ? {}
            : {
                CapacityProviderStrategy: extras.capacityProviderStrategy.map((item) => ({
                    CapacityProvider: item.capacityProvider,
                    Weight: item.weight ?? 0,
                    Base: item.base ?? 0,
                })),
            }),
    };
}
function ecsAppSpec(taskDefinitionArn, containerName, containerPort, extras = {}) {
    const content = JSON.stringify({
        version: 0.0,
        Resources: [
            {
                TargetService: {
                    Type: 'AWS::ECS::Service',
                    Properties: {
                        TaskDefinition: taskDefinitionArn,
                        LoadBalancerInfo: { ContainerName: containerName, ContainerPort: containerPort },
                        ...appSpecProperties(extras),
                    },
                },
            },
        ],
    });
    return { content, sha256: (0,external_node_crypto_.createHash)('sha256').update(content).digest('hex') };
}
/**
 * A user's AppSpec with the task definition being deployed put in (whatever placeholder the
 * file has), as JSON, with its sha256; hooks and other properties are kept as written.
 */
function appSpecWithTaskDefinition(document, taskDefinitionArn, extras = {}) {
    const copy = structuredClone(document);
    const resource = copy.Resources?.[0];
    const target = resource === undefined ? undefined : Object.values(resource)[0];
    if (target?.Properties !== undefined) {
        target.Properties['TaskDefinition'] = taskDefinitionArn;
        // The step's inputs win over the file for what they name.
        Object.assign(target.Properties, appSpecProperties(extras));
    }
    const content = JSON.stringify(copy);
    return { content, sha256: (0,external_node_crypto_.createHash)('sha256').update(content).digest('hex') };
}
const TERMINAL = ['Succeeded', 'Failed', 'Stopped'];
/** While the target alone is read, the deployment is still read this often. */
const INFO_AT_LEAST_MS = 60_000;
/** The statuses of a deployment that is not over (one per deployment group at a time). */
const ACTIVE = ['Created', 'Queued', 'InProgress', 'Ready', 'Baking'];
/**
 * What a deployment group is now: whether it (and its application) exists, and the id of the
 * deployment in flight in it, if any.
 */
async function observeDeploymentGroup(codedeploy, application, deploymentGroup) {
    let group;
    try {
        group = (await codedeploy.send(new client_codedeploy_dist_cjs/* GetDeploymentGroupCommand */.WOp({
            applicationName: application,
            deploymentGroupName: deploymentGroup,
        }))).deploymentGroupInfo;
    }
    catch (error) {
        const code = (0,errors/* awsErrorCode */.J6)(error) ?? '';
        if (['ApplicationDoesNotExistException', 'DeploymentGroupDoesNotExistException'].includes(code))
            return {
                exists: false,
                inFlight: undefined,
                terminationWaitMs: undefined,
                targetGroupNames: [],
            };
        throw error;
    }
    const termination = group?.blueGreenDeploymentConfiguration?.terminateBlueInstancesOnDeploymentSuccess;
    const listed = await codedeploy.send(new client_codedeploy_dist_cjs/* ListDeploymentsCommand */.sr8({
        applicationName: application,
        deploymentGroupName: deploymentGroup,
        includeOnlyStatuses: [...ACTIVE],
    }));
    return {
        exists: true,
        inFlight: listed.deployments?.[0],
        terminationWaitMs: termination?.action === 'KEEP_ALIVE'
            ? undefined
            : (termination?.terminationWaitTimeInMinutes ?? 0) * 60_000,
        targetGroupNames: (group?.loadBalancerInfo?.targetGroupPairInfoList ?? [])
            .flatMap((pair) => pair.targetGroups ?? [])
            .map((g) => g.name ?? '')
            .filter((name) => name !== ''),
    };
}
/** A config's traffic routing as the follower times its reads by it (pure). */
function routingOf(routing) {
    const minutes = routing?.timeBasedCanary?.canaryInterval ?? routing?.timeBasedLinear?.linearInterval;
    return {
        stepMs: minutes === undefined ? undefined : minutes * 60_000,
        allAtOnce: routing?.type === 'AllAtOnce',
    };
}
/** CodeDeploy's id of an ECS deployment target: `<cluster name>:<service name>` (names, not ARNs). */
function ecsTargetId(cluster, service) {
    const name = (id) => id.slice(id.lastIndexOf('/') + 1);
    return `${name(cluster)}:${name(service)}`;
}
/**
 * One look at a CodeDeploy deployment during its bake: the new (green) task set keeps its tasks
 * running and none stops; the deployment is still in its termination wait (the old version can
 * take the traffic back) or has ended (the look says so once; the watch goes on).
 */
function codeDeployBakeLook(options) {
    const { codedeploy, deploymentId, stoppedTasks, group } = options;
    let targetId;
    const watch = new TaskWatch();
    return async () => {
        const info = (await codedeploy.send(new client_codedeploy_dist_cjs/* GetDeploymentCommand */.Tvn({ deploymentId }))).deploymentInfo ?? {};
        if (info.status !== 'InProgress' && info.status !== 'Succeeded')
            return {
                kind: 'failed',
                reason: `the deployment ended ${info.status ?? '?'}: ${describeFailure(info)}`,
            };
        if (info.status === 'Succeeded' && group !== undefined) {
            const newer = (await codedeploy.send(new client_codedeploy_dist_cjs/* ListDeploymentsCommand */.sr8({
                applicationName: group.application,
                deploymentGroupName: group.deploymentGroup,
                includeOnlyStatuses: [...ACTIVE],
            }))).deployments?.find((id) => id !== deploymentId);
            if (newer !== undefined)
                return {
                    kind: 'replaced',
                    reason: `During the bake: CodeDeploy deployment ${newer}, started by another caller (a second workflow run, the console or the CLI) in ${group.application}/${group.deploymentGroup}, replaced ${deploymentId}. That deployment now owns the service: nothing was rolled back over it.`,
                };
        }
        targetId ??= (await codedeploy.send(new client_codedeploy_dist_cjs/* ListDeploymentTargetsCommand */.$9V({ deploymentId })))
            .targetIds?.[0];
        const green = targetId === undefined
            ? undefined
            : greenOf((await codedeploy.send(new client_codedeploy_dist_cjs/* BatchGetDeploymentTargetsCommand */.Bsg({ deploymentId, targetIds: [targetId] }))).deploymentTargets?.[0]?.ecsTarget?.taskSetsInfo ?? []);
        const stopped = green?.identifer === undefined ? [] : await stoppedTasks.report(green.identifer);
        const verdict = watch.judge(stopped, green?.runningCount ?? 0, green?.desiredCount ?? 0);
        if (verdict.kind !== 'holding')
            return verdict;
        const summary = verdict.summary;
        return info.status === 'Succeeded'
            ? {
                kind: 'ended',
                summary: `the deployment succeeded and the old version is gone (${summary})`,
            }
            : { kind: 'holding', summary };
    };
}
/** A readable reason from CodeDeploy's errorInformation and rollbackInfo. */
function describeFailure(info) {
    const error = info.errorInformation;
    const parts = [
        error === undefined
            ? `The deployment ended ${info.status ?? 'unsuccessfully'}.`
            : `${error.code ?? 'ERROR'}: ${error.message ?? ''}`,
    ];
    if (info.rollbackInfo?.rollbackDeploymentId !== undefined) {
        parts.push(`CodeDeploy rolled it back with deployment ${info.rollbackInfo.rollbackDeploymentId}.`);
    }
    return parts.join(' ');
}
/** Follows a CodeDeploy ECS deployment through its lifecycle events and traffic weights. */
async function followCodeDeployDeployment(options) {
    const { deploymentId, logger } = options;
    const follower = new CodeDeployFollower(options);
    const result = await poll({
        read: () => follower.observe(),
        done: (o) => follower.done(o),
        fingerprint: (o) => JSON.stringify([
            o.info.status,
            o.taskSets.map((t) => [t.trafficWeight, t.runningCount]),
            o.events.map((e) => e.status),
        ]),
        intervalHint: (o) => follower.intervalHint(o),
        minIntervalMs: options.minIntervalMs ?? 2000,
        // Past the time the new tasks were due healthy, reads come each 1.3 s until traffic shifts.
        minHintMs: 1000,
        ...(options.fresh === true && options.greenHealthyMs !== undefined
            ? { firstReadAfterMs: startingLookMs(options.greenHealthyMs) }
            : {}),
        maxIntervalMs: options.maxIntervalMs ?? 15_000,
        timeoutMs: options.timeoutMs,
        what: `CodeDeploy deployment ${deploymentId} to ${options.until === 'ready' ? 'be ready' : options.until === 'shifted' ? 'shift all traffic' : 'finish'}`,
        clock: options.clock,
        sleep: options.sleep,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        onReadError: (error, progress) => {
            logger.warning(`Reading deployment ${deploymentId} failed after the SDK's retries (${(0,errors/* awsErrorCode */.J6)(error) ?? 'error'}); still following it, next check in ${(0,util_time/* formatDuration */.a3)(progress.nextPollMs)}.`);
        },
        onObservation: (o, progress) => {
            const green = greenOf(o.taskSets);
            const current = o.events.find((e) => e.status === 'InProgress')?.lifecycleEventName;
            logger.info(`${(0,util_time/* formatDuration */.a3)(progress.elapsedMs)}: ${o.info.status ?? '?'}${current === undefined ? '' : ` (${current})`}, new version ${green?.trafficWeight ?? 0}% traffic, ${green?.runningCount ?? 0}/${green?.desiredCount ?? 0} tasks running${progress.nextPollMs > 0 ? `; next check in ${(0,util_time/* formatDuration */.a3)(progress.nextPollMs)}` : ''}`);
        },
    });
    const info = result.observation.info;
    return {
        status: info.status ?? 'Unknown',
        reason: info.status === 'Succeeded' || info.status === 'Ready' || info.status === 'InProgress'
            ? `The deployment is ${info.status}.`
            : describeFailure(info),
        errorCode: info.errorInformation?.code,
        rollbackDeploymentId: info.rollbackInfo?.rollbackDeploymentId,
        timeline: follower.timeline,
        polls: result.polls,
        elapsedMs: options.clock.now() - follower.started,
    };
}
/**
 * What following one CodeDeploy deployment remembers between reads: its target, the traffic
 * steps seen, the lifecycle events printed, and what tells when the next change can come (the
 * config's step interval, the termination wait). Reads skip what cannot have changed.
 */
class CodeDeployFollower {
    options;
    started;
    timeline = [];
    doneEvents = new Set();
    targetId;
    last = {
        taskSets: [],
        events: [],
    };
    /** When the old task set's termination wait was first seen, and how long it lasts. */
    terminationWait;
    /** The config's time between traffic steps (undefined: all at once, or unknown; null: not read). */
    stepIntervalMs = null;
    /** When the current traffic weight was first seen. */
    weightSeen;
    /** The new task set's running/pending counts at the last read. */
    greenCounts;
    /** The config moves all traffic at once (learnt from the config at the first read). */
    allAtOnce = false;
    /** When the target (task sets, lifecycle events) was last read. */
    targetReadAt;
    /**
     * When the new tasks pass their health checks at the earliest (from their start times);
     * undefined when nothing says; not read yet while they start.
     */
    greenDue = 'unread';
    /** The deployment as last read (GetDeployment), and when. */
    lastInfo;
    infoReadAt;
    constructor(options) {
        this.options = options;
        this.started = options.clock.now();
        this.targetId = options.targetId;
        if (options.routing !== undefined) {
            this.stepIntervalMs = options.routing.stepMs;
            this.allAtOnce = options.routing.allAtOnce;
        }
    }
    async observe() {
        // While the new tasks start, and until the traffic is all on them, the target alone says
        // what moves: the deployment itself is read when the target says it no longer moves.
        const alone = this.targetAlone() ? await this.readTarget() : undefined;
        const info = alone !== undefined && targetInFlight(alone)
            ? { ...this.lastInfo, status: 'InProgress' }
            : await this.readInfo();
        // The read that first sees the termination wait still reads the target: the last traffic
        // step (all on the new version) is seen there.
        const waitWasKnown = this.terminationWait !== undefined;
        this.noteTerminationWait(info);
        // The analysis runs on every read while the deployment moves, whatever else is read.
        if (!TERMINAL.includes(info.status ?? '') && info.status !== 'Ready')
            await this.options.analysis?.check();
        // The config says whether traffic moves in steps; all at once, the new task set's health is
        // the only wait left once it runs, and the deployment's status says when it is over.
        if (this.stepIntervalMs === null) {
            const routing = await this.readRouting(info.deploymentConfigName);
            this.stepIntervalMs = routing.stepMs;
            this.allAtOnce = routing.allAtOnce;
        }
        if (alone === undefined && this.shiftedAllAtOnce(info, waitWasKnown))
            return this.allShifted(info);
        if (alone === undefined && this.nothingElseMoves(info, waitWasKnown))
            return { info, ...this.last };
        const { taskSets, events } = alone ?? (await this.readTarget());
        this.targetReadAt = this.options.clock.now();
        this.noteTraffic(taskSets);
        await this.reportGreenStoppedTasks(info, taskSets);
        this.printLifecycle(events);
        this.last = { taskSets, events };
        await this.learnGreenDue(info, taskSets);
        return { info, taskSets, events };
    }
    async readInfo() {
        const { codedeploy, deploymentId } = this.options;
        const info = (await codedeploy.send(new client_codedeploy_dist_cjs/* GetDeploymentCommand */.Tvn({ deploymentId }))).deploymentInfo ?? {};
        this.lastInfo = info;
        this.infoReadAt = this.options.clock.now();
        return info;
    }
    /**
     * Whether the next read is of the target alone: the deployment is in flight (or just created),
     * the config's routing is known, and nothing is awaited that only the deployment shows (the
     * termination wait; all at once, the end once the new tasks run). The deployment itself is
     * read at least each minute, should a stop not show on its target.
     */
    targetAlone() {
        const sinceInfo = this.options.clock.now() - (this.infoReadAt ?? this.started);
        const inFlight = this.lastInfo === undefined
            ? this.options.fresh === true
            : this.lastInfo.status === 'InProgress';
        return (inFlight &&
            sinceInfo < INFO_AT_LEAST_MS &&
            this.options.greenHealthyMs !== undefined &&
            this.stepIntervalMs !== null &&
            this.terminationWait === undefined &&
            !this.awaitingShiftAllAtOnce());
    }
    /**
     * All at once, with the new task set running and no traffic on it when last seen: the shift is
     * all that is left, and the deployment's status says when it comes.
     */
    awaitingShiftAllAtOnce() {
        const green = greenOf(this.last.taskSets);
        return this.allAtOnce && allRunning(green) && (green?.trafficWeight ?? 0) === 0;
    }
    /**
     * All at once, a deployment that succeeded from a running new task set with no traffic on it
     * has moved all its traffic there: the target is not read again to be told so.
     */
    shiftedAllAtOnce(info, waitWasKnown) {
        return info.status === 'Succeeded' && !waitWasKnown && this.awaitingShiftAllAtOnce();
    }
    allShifted(info) {
        const taskSets = this.last.taskSets.map((t) => ({
            ...t,
            trafficWeight: t.taskSetLabel === 'Green' ? 100 : 0,
        }));
        this.noteTraffic(taskSets);
        this.options.logger.info('lifecycle: CodeDeploy reports the deployment Succeeded, its lifecycle events and hooks done');
        this.last = { taskSets, events: this.last.events };
        return { info, ...this.last };
    }
    done(o) {
        return (TERMINAL.includes(o.info.status ?? '') ||
            (this.options.until === 'ready' && o.info.status === 'Ready') ||
            (this.options.until === 'shifted' && this.terminationWait !== undefined));
    }
    /**
     * Reads are timed by what is known to come next, not by a backed-off guess: the end of the
     * termination wait, the next traffic step, or (once the new tasks run) the first shift.
     */
    intervalHint(o) {
        const now = this.options.clock.now();
        if (this.terminationWait !== undefined)
            return this.terminationWait.seenAt + this.terminationWait.ms - now + 250;
        if (o.info.status !== 'InProgress')
            return undefined;
        const green = greenOf(o.taskSets);
        const weight = green?.trafficWeight ?? 0;
        const nextStep = this.nextStep();
        if (weight > 0 && weight < 100 && nextStep !== undefined)
            return nextStep - now + 250;
        if (weight !== 0)
            return undefined;
        const healthyMs = this.options.greenHealthyMs;
        // The new tasks run: traffic shifts once they pass their health checks. Past that time
        // CodeDeploy shifts on its own checks, seconds later (nearDueWait).
        if (allRunning(green)) {
            if (typeof this.greenDue !== 'number' || healthyMs === undefined)
                return 0;
            return nearDueWait(this.greenDue, healthyMs, now);
        }
        // They start: looks come often enough to see them run before they can pass their checks.
        if (healthyMs === undefined || this.targetReadAt === undefined)
            return undefined;
        return this.targetAlone()
            ? this.targetReadAt + startingLookMs(healthyMs) - now
            : towardsDue(this.targetReadAt + healthyMs, this.started, now);
    }
    /**
     * When the traffic step after the one seen is due: an interval after the weight was first seen
     * (our clock's time; CodeDeploy's timestamps are not mixed in).
     */
    nextStep() {
        const step = this.stepIntervalMs;
        if (typeof step !== 'number' || step <= 0 || this.weightSeen === undefined)
            return undefined;
        return this.weightSeen.at + step;
    }
    /**
     * Once every new task runs (and no traffic is on them yet): when they pass the target group's
     * health checks at the earliest, from when the last of them started (read once).
     */
    async learnGreenDue(info, taskSets) {
        const { greenHealthyMs, taskStarts, logger } = this.options;
        if (this.greenDue !== 'unread' || greenHealthyMs === undefined || taskStarts === undefined)
            return;
        const green = greenOf(taskSets);
        if (info.status !== 'InProgress' ||
            (green?.trafficWeight ?? 0) > 0 ||
            !allRunning(green) ||
            green?.identifer === undefined)
            return;
        this.greenDue = undefined;
        try {
            const last = (await taskStarts(green.identifer)).at(-1);
            if (last === undefined)
                return;
            this.greenDue = last + greenHealthyMs;
            logger.info(`The new tasks run: they pass the target group's health checks from ${new Date(last + greenHealthyMs).toISOString()} at the earliest, and CodeDeploy shifts traffic after that; reading then.`);
        }
        catch (error) {
            logger.debug(`Could not read when the new tasks started (${(0,errors/* awsErrorCode */.J6)(error) ?? 'error'}); reading often until traffic shifts.`);
        }
    }
    noteTerminationWait(info) {
        if (info.instanceTerminationWaitTimeStarted !== true || this.terminationWait !== undefined)
            return;
        const minutes = info.blueGreenDeploymentConfiguration?.terminateBlueInstancesOnDeploymentSuccess
            ?.terminationWaitTimeInMinutes ?? 0;
        this.terminationWait = { seenAt: this.options.clock.now(), ms: minutes * 60_000 };
    }
    /** Whether only the status can have changed since the last read, so the target is not read. */
    nothingElseMoves(info, waitWasKnown) {
        // During the termination wait traffic and tasks no longer change.
        if (waitWasKnown && !TERMINAL.includes(info.status ?? ''))
            return true;
        if (info.status === 'Created' || info.status === 'Queued')
            return true;
        // All at once, with the new task set running and no traffic on it yet: only the status can
        // change next (the shift comes with Succeeded, or with the termination wait's start).
        if (info.status === 'InProgress' &&
            info.instanceTerminationWaitTimeStarted !== true &&
            this.awaitingShiftAllAtOnce())
            return true;
        const green = greenOf(this.last.taskSets);
        // While the new tasks start, none can pass its checks sooner than that after the last look.
        const now = this.options.clock.now();
        const healthyMs = this.options.greenHealthyMs;
        if (info.status === 'InProgress' &&
            healthyMs !== undefined &&
            this.targetReadAt !== undefined &&
            (green?.trafficWeight ?? 0) === 0 &&
            !allRunning(green) &&
            now < this.targetReadAt + healthyMs)
            return true;
        // Between traffic steps nothing moves until the next one is due.
        const lastWeight = this.weightSeen?.weight ?? 0;
        const nextStep = this.nextStep();
        return (info.status === 'InProgress' &&
            lastWeight > 0 &&
            lastWeight < 100 &&
            nextStep !== undefined &&
            now < nextStep);
    }
    /** The deployment's target: by the id given (CodeDeploy's format), else as CodeDeploy lists it. */
    async readTarget() {
        const { codedeploy, deploymentId } = this.options;
        const none = { status: undefined, taskSets: [], events: [] };
        const known = this.targetId === undefined ? undefined : await this.batchGet(this.targetId);
        if (known !== undefined)
            return known;
        const listed = (await codedeploy.send(new client_codedeploy_dist_cjs/* ListDeploymentTargetsCommand */.$9V({ deploymentId })))
            .targetIds?.[0];
        if (listed === undefined || listed === this.targetId)
            return none;
        this.targetId = listed;
        return (await this.batchGet(listed)) ?? none;
    }
    async batchGet(targetId) {
        const { codedeploy, deploymentId } = this.options;
        try {
            const target = (await codedeploy.send(new client_codedeploy_dist_cjs/* BatchGetDeploymentTargetsCommand */.Bsg({ deploymentId, targetIds: [targetId] }))).deploymentTargets?.[0]?.ecsTarget;
            return target === undefined
                ? undefined
                : {
                    status: target.status,
                    taskSets: target.taskSetsInfo ?? [],
                    events: target.lifecycleEvents ?? [],
                };
        }
        catch (error) {
            // Not (yet) a target of this deployment: it is listed instead.
            if (['DeploymentTargetDoesNotExistException', 'InvalidDeploymentTargetIdException'].includes((0,errors/* awsErrorCode */.J6)(error) ?? ''))
                return undefined;
            throw error;
        }
    }
    /** Records a new traffic weight on the timeline (and when it was first seen). */
    noteTraffic(taskSets) {
        const now = this.options.clock.now();
        const green = greenOf(taskSets)?.trafficWeight;
        if (green !== undefined && this.weightSeen?.weight !== green)
            this.weightSeen = { weight: green, at: now };
        if (green !== undefined &&
            this.timeline.at(-1)?.greenPercent !== green &&
            (green > 0 || this.timeline.length > 0)) {
            const time = this.options.clock.now();
            this.timeline.push({ at: time - this.started, time, greenPercent: green });
            this.options.logger.info(`traffic: ${green}% on the new version, ${100 - green}% on the old`);
        }
    }
    /** The config's time between traffic steps, and whether it moves all traffic at once. */
    async readRouting(name) {
        if (name === undefined)
            return { stepMs: undefined, allAtOnce: false };
        try {
            return routingOf((await this.options.codedeploy.send(new client_codedeploy_dist_cjs/* GetDeploymentConfigCommand */.z2K({ deploymentConfigName: name }))).deploymentConfigInfo?.trafficRoutingConfig);
        }
        catch {
            // Without the config, polling only adapts to what it sees.
            return { stepMs: undefined, allAtOnce: false };
        }
    }
    /** While the new task set is short of running tasks (or the deployment failed), says why. */
    async reportGreenStoppedTasks(info, taskSets) {
        const greenSet = greenOf(taskSets);
        // Tasks that only wait to start (the same counts as the last read) have stopped nothing:
        // the task list is read again when the counts move (a crash shows as one) or at a failure.
        // At the first look, tasks none of which ran yet have no stop worth a read.
        const counts = `${greenSet?.runningCount ?? 0}/${greenSet?.pendingCount ?? 0}`;
        const moved = this.greenCounts === undefined
            ? (greenSet?.runningCount ?? 0) > 0
            : counts !== this.greenCounts;
        this.greenCounts = counts;
        if (this.options.stoppedTasks !== undefined &&
            greenSet?.identifer !== undefined &&
            (((greenSet.runningCount ?? 0) < (greenSet.desiredCount ?? 0) && moved) ||
                info.status === 'Failed'))
            await this.options.stoppedTasks.report(greenSet.identifer);
    }
    printLifecycle(events) {
        for (const event of events) {
            const key = `${event.lifecycleEventName ?? ''}:${event.status ?? ''}`;
            if (event.status !== 'Pending' &&
                event.status !== 'InProgress' &&
                !this.doneEvents.has(key)) {
                this.doneEvents.add(key);
                this.options.logger.info(`lifecycle: ${event.lifecycleEventName ?? ''} ${event.status ?? ''}`);
            }
        }
    }
}
/** The new (green) task set among a target's task sets. */
function greenOf(taskSets) {
    return taskSets.find((t) => t.taskSetLabel === 'Green');
}
/**
 * Whether a look at the target alone says the deployment still moves with traffic not all on the
 * new version (pure): anything else (an end, a wait, the last shift) is read from the deployment.
 */
function targetInFlight(target) {
    const green = greenOf(target.taskSets);
    return target.status === 'InProgress' && (green?.trafficWeight ?? 0) < 100;
}
/** A recent deployment of the group with exactly this description. */
async function findDeploymentByDescription(codedeploy, application, deploymentGroup, description) {
    const listed = await codedeploy.send(new client_codedeploy_dist_cjs/* ListDeploymentsCommand */.sr8({
        applicationName: application,
        deploymentGroupName: deploymentGroup,
        createTimeRange: { start: new Date(Date.now() - 15 * 60_000) },
    }));
    for (const deploymentId of (listed.deployments ?? []).slice(0, 10)) {
        const info = (await codedeploy.send(new client_codedeploy_dist_cjs/* GetDeploymentCommand */.Tvn({ deploymentId }))).deploymentInfo;
        if (info?.description === description)
            return deploymentId;
    }
    return undefined;
}
/**
 * CreateDeployment sent at most once in effect: a token added to the description finds the
 * deployment again when the answer is lost, instead of creating a second one (which CodeDeploy
 * would refuse while the first is active, failing a deployment that is in fact running).
 */
async function createDeploymentOnce(codedeploy, input, timing) {
    const description = `${input.description ?? 'ecs-delivery'} (${(0,external_node_crypto_.randomUUID)().slice(0, 8)})`;
    return sendOnce({
        what: `CreateDeployment in ${input.applicationName}/${input.deploymentGroupName}`,
        send: async () => (await codedeploy.send(new client_codedeploy_dist_cjs/* CreateDeploymentCommand */.ttP({ ...input, description })))
            .deploymentId ?? '',
        findOwn: () => findDeploymentByDescription(codedeploy, input.applicationName, input.deploymentGroupName, description),
        logger: timing.logger,
        sleep: timing.sleep,
        ...(timing.signal === undefined ? {} : { signal: timing.signal }),
    });
}

;// CONCATENATED MODULE: ./src/core/deploy/lb-timing.ts
// What a service's load balancer says about a deployment's timing: how long a new task takes to
// pass its health checks, and how long a stopping task drains. Followers time their reads by it:
// nothing can end while tasks drain, and the end comes when the drain is over.



/**
 * The timing of the target groups (the longest of each), or undefined when there are none or
 * they cannot be read: following then reads at a steady pace near the end, as without them.
 */
async function targetGroupTiming(elbv2, targetGroupArns, logger) {
    const arns = [...new Set(targetGroupArns)].filter((arn) => arn !== '');
    if (arns.length === 0)
        return undefined;
    try {
        const groups = (await elbv2.send(new client_elastic_load_balancing_v2_dist_cjs/* DescribeTargetGroupsCommand */.sC7({ TargetGroupArns: arns }))).TargetGroups ??
            [];
        const healthyMs = healthyMsOf(groups);
        let drainMs = 0;
        for (const arn of arns) {
            const attributes = (await elbv2.send(new client_elastic_load_balancing_v2_dist_cjs/* DescribeTargetGroupAttributesCommand */.cKh({ TargetGroupArn: arn })))
                .Attributes ?? [];
            const delay = attributes.find((a) => a.Key === 'deregistration_delay.timeout_seconds');
            drainMs = Math.max(drainMs, Number(delay?.Value ?? 300) * 1000);
        }
        logger.info(`Load balancer timing: new tasks healthy about ${(0,util_time/* formatDuration */.a3)(healthyMs)} after they run, stopping tasks drained for ${(0,util_time/* formatDuration */.a3)(drainMs)}.`);
        return { healthyMs, drainMs };
    }
    catch (error) {
        logger.warning(`Could not read the target groups' timing (${(0,errors/* awsErrorCode */.J6)(error) ?? (0,errors/* errorMessage */.gJ)(error)}); following reads at a steady pace near the end instead. Grant elasticloadbalancing:DescribeTargetGroups and DescribeTargetGroupAttributes to time the reads by the load balancer.`);
        return undefined;
    }
}
/**
 * How long a new task takes to pass the health checks of the named target groups (the longest
 * HealthCheckIntervalSeconds x HealthyThresholdCount), or undefined when they cannot be read. A
 * CodeDeploy deployment group names its pair of target groups; the new task set joins one.
 */
async function targetGroupsHealthyMs(elbv2, names, logger) {
    if (names.length === 0)
        return undefined;
    try {
        const groups = (await elbv2.send(new client_elastic_load_balancing_v2_dist_cjs/* DescribeTargetGroupsCommand */.sC7({ Names: [...new Set(names)] })))
            .TargetGroups ?? [];
        if (groups.length === 0)
            return undefined;
        const healthyMs = healthyMsOf(groups);
        logger.info(`Load balancer timing: the new tasks pass the health checks about ${(0,util_time/* formatDuration */.a3)(healthyMs)} after they run.`);
        return healthyMs;
    }
    catch (error) {
        logger.warning(`Could not read the target groups' health checks (${(0,errors/* awsErrorCode */.J6)(error) ?? (0,errors/* errorMessage */.gJ)(error)}); following reads at a steady pace once the new tasks run instead. Grant elasticloadbalancing:DescribeTargetGroups to time the reads by the load balancer.`);
        return undefined;
    }
}
/** The longest HealthCheckIntervalSeconds x HealthyThresholdCount (ELB's defaults: 30 s x 5). */
function healthyMsOf(groups) {
    return Math.max(0, ...groups.map((g) => (g.HealthCheckIntervalSeconds ?? 30) * (g.HealthyThresholdCount ?? 5) * 1000));
}

;// CONCATENATED MODULE: ./src/core/deploy/task-starts.ts
// When a deployment's (or task set's) running tasks started: ECS starts the tasks of a service
// deployment or task set with its id as `startedBy`. Followers time their reads by it, from ECS's
// 40 s before a task without health checks counts, or a target group's health checks.

/** The start times (ms) of the running tasks started by `startedBy`, earliest first (at most 100). */
async function runningTaskStarts(ecs, cluster, startedBy) {
    const arns = (await ecs.send(new client_ecs_dist_cjs/* ListTasksCommand */.MYg({ cluster, startedBy, desiredStatus: 'RUNNING' })))
        .taskArns ?? [];
    if (arns.length === 0)
        return [];
    const tasks = (await ecs.send(new client_ecs_dist_cjs/* DescribeTasksCommand */.z8X({ cluster, tasks: arns.slice(0, 100) }))).tasks ?? [];
    return tasks
        .map((t) => t.startedAt?.getTime())
        .filter((t) => t !== undefined)
        .sort((a, b) => a - b);
}

;// CONCATENATED MODULE: ./src/actions/ecs-deploy/state.ts
// What ecs-deploy keeps between its main and post steps, and the one outcome every strategy's
// executor returns for report() to turn into state, outputs and the summary.

/**
 * The `status` output: the same words for every strategy (action.yml lists them).
 * SUBMITTED and READY end the step early on purpose; SUCCEEDED is the only other green one.
 */
const DEPLOY_STATUSES = (/* unused pure expression or super */ null && ([
    'SUBMITTED',
    'READY',
    'BAKING',
    'SUCCEEDED',
    'FAILED',
    'STOPPED',
    'REPLACED',
    'ROLLBACK_FAILED',
    'DRY_RUN',
    'DISCARDED',
]));
function isGreen(status) {
    return (status === 'SUBMITTED' ||
        status === 'READY' ||
        status === 'BAKING' ||
        status === 'SUCCEEDED' ||
        status === 'DISCARDED' ||
        status === 'DRY_RUN');
}
/** The outcome of a step told to return once the deployment is accepted (wait-until: submitted). */
function submitted(deploymentId) {
    return {
        deploymentId,
        status: 'SUBMITTED',
        reason: 'submitted',
        rolledBack: false,
        rolledBackTo: undefined,
        reported: 'submitted',
        polls: undefined,
        timeline: [],
        bake: undefined,
        note: undefined,
    };
}
/**
 * Recorded before anything changes, so the post step (or ecs-rollback) can undo this step; and
 * the outputs known from the plan alone.
 */
function saveStart(plan, strategy, context) {
    const state = new action_state/* TypedState */.a(context.state);
    state.save('mode', plan.mode);
    state.save('cluster', plan.cluster);
    state.save('service', plan.service);
    state.save('region', plan.region);
    state.save('previousTaskDefinition', plan.previousTaskDefinition ?? '');
    state.save('taskDefinition', plan.taskDefinition ?? '');
    state.save('finished', false);
    context.outputs.set('strategy', strategy);
    context.outputs.set('previous-task-definition-arn', plan.previousTaskDefinition ?? '');
    return state;
}

// EXTERNAL MODULE: ./src/actions/ecs-deploy/inputs.ts
var ecs_deploy_inputs = __webpack_require__(3846);
;// CONCATENATED MODULE: ./src/core/ecr/image-reference.ts
function parseImageReference(reference) {
    let rest = reference;
    let digest;
    const at = rest.indexOf('@');
    if (at !== -1) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
    }
    let registry;
    const slash = rest.indexOf('/');
    if (slash !== -1) {
        const first = rest.slice(0, slash);
        if (first.includes('.') || first.includes(':') || first === 'localhost') {
            registry = first;
            rest = rest.slice(slash + 1);
        }
    }
    let tag;
    const colon = rest.lastIndexOf(':');
    if (colon !== -1) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
    }
    return { registry, repository: rest, tag, digest };
}
/** ECR's rule for repository names. */
const ECR_REPOSITORY_NAME = /^(?=.{2,256}$)(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

;// CONCATENATED MODULE: ./src/core/ecr/verify-images.ts



/** The ECR repository name an image would live in (used for the permission contract too). */
function repositoryOf(image) {
    return parseImageReference(image).repository;
}
/**
 * Checks that each image exists in ECR (by digest when pinned, else by tag), for images whose
 * repository exists in this region with the same URI; other images are not ECR's and are left alone.
 */
async function checkImages(ecr, images) {
    const checks = [];
    for (const image of [...new Set(images)]) {
        const reference = parseImageReference(image);
        let uri;
        try {
            const found = await ecr.send(new client_ecr_dist_cjs/* DescribeRepositoriesCommand */.pE_({ repositoryNames: [reference.repository] }));
            uri = found.repositories?.[0]?.repositoryUri;
        }
        catch (error) {
            if ((0,errors/* awsErrorCode */.J6)(error) !== 'RepositoryNotFoundException')
                throw error;
        }
        if (uri === undefined || uri !== `${reference.registry ?? ''}/${reference.repository}`) {
            checks.push({ image, repository: reference.repository, found: undefined });
            continue;
        }
        try {
            await ecr.send(new client_ecr_dist_cjs/* DescribeImagesCommand */.ji5({
                repositoryName: reference.repository,
                imageIds: [
                    reference.digest === undefined
                        ? { imageTag: reference.tag ?? 'latest' }
                        : { imageDigest: reference.digest },
                ],
            }));
            checks.push({ image, repository: reference.repository, found: true });
        }
        catch (error) {
            if ((0,errors/* awsErrorCode */.J6)(error) !== 'ImageNotFoundException')
                throw error;
            checks.push({ image, repository: reference.repository, found: false });
        }
    }
    return checks;
}

;// CONCATENATED MODULE: ./src/core/deploy/permissions.ts


/**
 * The permission contracts of deployments: what ecs-deploy, ecs-rollback and the post step call,
 * and where. iam-check writes policies from the same lists.
 */
/** What a rolling deployment of a service needs (the action's permission contract; iam-check uses it too). */
function rollingDeployPermissions(serviceArn, clusterArn) {
    return [
        {
            action: 'ecs:DescribeServices',
            resource: serviceArn,
            context: { 'ecs:cluster': clusterArn },
            write: false,
            reason: 'read the service and follow the deployment',
        },
        {
            action: 'ecs:DescribeTaskDefinition',
            resource: '*',
            write: false,
            reason: 'check the task definition is ACTIVE',
        },
        {
            action: 'ecs:UpdateService',
            resource: serviceArn,
            context: { 'ecs:cluster': clusterArn },
            write: true,
            reason: 'start the deployment (and roll it back)',
        },
        ...stoppedTaskPermissions(clusterArn),
        {
            action: 'ecs:ListServiceDeployments',
            resource: serviceArn,
            context: { 'ecs:cluster': clusterArn },
            write: false,
            reason: 'read how the deployment ended',
        },
        ...changeTagPermissions(serviceArn, false),
    ];
}
/** Reading a deployment's tasks: why they stopped, and when the new ones started. */
function stoppedTaskPermissions(clusterArn) {
    return [
        {
            action: 'ecs:ListTasks',
            resource: '*',
            context: { 'ecs:cluster': clusterArn },
            write: false,
            reason: "find the deployment's tasks: the stopped ones, and when the new ones started",
        },
        {
            action: 'ecs:DescribeTasks',
            resource: `${clusterArn.replace(':cluster/', ':task/')}/*`,
            context: { 'ecs:cluster': clusterArn },
            write: false,
            reason: 'show why tasks stopped, and when new tasks started (it times the reads)',
        },
    ];
}
/** The approval step's call; like the stop, it has no resource-level permissions. */
const CONTINUE_DEPLOYMENT = {
    action: 'codedeploy:ContinueDeployment',
    resource: '*',
    write: true,
    reason: 'shift traffic after the approval',
};
/**
 * Following a CodeDeploy deployment of a group, and stopping it with rollback. The target and
 * stop calls have no resource-level permissions: IAM only matches Resource "*" for them.
 */
function followDeploymentPermissions(groupArn) {
    const anyResource = (action, write, reason) => ({
        action,
        resource: '*',
        write,
        reason,
    });
    return [
        {
            action: 'codedeploy:GetDeployment',
            resource: groupArn,
            write: false,
            reason: 'follow the deployment',
        },
        anyResource('codedeploy:ListDeploymentTargets', false, 'follow traffic and tasks'),
        anyResource('codedeploy:BatchGetDeploymentTargets', false, 'follow traffic and tasks'),
        anyResource('codedeploy:StopDeployment', true, 'stop and roll back on failure, timeout or cancellation'),
    ];
}
/** What a CodeDeploy blue/green deployment needs (the action's permission contract; iam-check uses it too). */
function codeDeployPermissions(options) {
    const arn = `arn:${(0,action_permissions/* partitionOf */.iQ)(options.region)}:codedeploy:${options.region}:${options.account}`;
    const groupArn = `${arn}:deploymentgroup:${options.application}/${options.deploymentGroup}`;
    const permissions = [
        {
            action: 'ecs:DescribeServices',
            resource: options.serviceArn,
            context: { 'ecs:cluster': options.clusterArn },
            write: false,
            reason: 'read the service',
        },
        ...stoppedTaskPermissions(options.clusterArn),
        {
            action: 'ecs:DescribeTaskDefinition',
            resource: '*',
            write: false,
            reason: 'check the task definition',
        },
        ...deploymentGroupReads(groupArn),
        {
            action: 'codedeploy:GetDeploymentConfig',
            resource: `${arn}:deploymentconfig:${options.deploymentConfig}`,
            write: false,
            reason: 'check the deployment config',
        },
        {
            action: 'codedeploy:CreateDeployment',
            resource: groupArn,
            write: true,
            reason: 'start the deployment',
        },
        {
            action: 'codedeploy:GetApplicationRevision',
            resource: `${arn}:application:${options.application}`,
            write: false,
            reason: 'CreateDeployment reads the revision',
        },
        ...followDeploymentPermissions(groupArn),
        ...changeTagPermissions(options.serviceArn, false),
    ];
    if (options.createConfig) {
        permissions.push({
            action: 'codedeploy:CreateDeploymentConfig',
            resource: `${arn}:deploymentconfig:${options.deploymentConfig}`,
            write: true,
            reason: 'create the traffic config',
        });
    }
    if (options.continueStep) {
        permissions.push(CONTINUE_DEPLOYMENT);
    }
    return permissions;
}
/** The ECR reads of the check that a task definition's images exist before the deployment starts. */
function imageCheckPermissions(region, account, images) {
    const repositories = [...new Set(images.map((image) => repositoryOf(image)))];
    return repositories.flatMap((repository) => [
        'ecr:DescribeRepositories',
        'ecr:DescribeImages',
        'ecr:BatchGetImage',
        'ecr:GetDownloadUrlForLayer',
    ].map((action) => ({
        action,
        resource: (0,action_permissions/* arnIn */.Lo)('ecr', region, account, `repository/${repository}`),
        write: false,
        reason: "check the images exist, for the task's platform, before deploying",
    })));
}
/**
 * The ecs-delivery:last-change tag on the service (see rollback/history.ts): a deploy writes it,
 * a rollback reads and writes it.
 */
function changeTagPermissions(serviceArn, read) {
    const permissions = [
        {
            action: 'ecs:TagResource',
            resource: serviceArn,
            write: true,
            reason: 'record what this run changed, for ecs-rollback in a later run',
        },
    ];
    if (read)
        permissions.push({
            action: 'ecs:ListTagsForResource',
            resource: serviceArn,
            write: false,
            reason: 'read the change recorded on the service',
        });
    return permissions;
}
/** Checking a deployment group exists and listing its deployments (the one in flight, earlier ones). */
function deploymentGroupReads(groupArn) {
    return [
        {
            action: 'codedeploy:GetDeploymentGroup',
            resource: groupArn,
            write: false,
            reason: 'check the deployment group',
        },
        {
            action: 'codedeploy:ListDeployments',
            resource: groupArn,
            write: false,
            reason: 'find the deployment in flight (and, for a rollback, earlier ones)',
        },
    ];
}
/** Where a service's service deployments and revisions live (their ARNs, any id). */
function serviceDeploymentArns(serviceArn) {
    // arn:...:service/<cluster>/<service> -> arn:...:service-deployment/<cluster>/<service>/*
    return {
        deployments: `${serviceArn.replace(':service/', ':service-deployment/')}/*`,
        revisions: `${serviceArn.replace(':service/', ':service-revision/')}/*`,
    };
}
/**
 * Service deployments and revisions are authorized by their own ARNs (which name the cluster and
 * service), without the ecs:cluster condition, so a policy with it would not match them.
 */
function nativeDeployPermissions(serviceArn, clusterArn, run) {
    const { deployments, revisions } = serviceDeploymentArns(serviceArn);
    const inCluster = { 'ecs:cluster': clusterArn };
    const follow = [
        {
            action: 'ecs:DescribeServiceDeployments',
            resource: deployments,
            write: false,
            reason: 'follow the service deployment: stage, hooks, traffic',
        },
        {
            action: 'ecs:StopServiceDeployment',
            resource: deployments,
            write: true,
            reason: 'roll back (traffic back on the previous revision) on failure or cancel',
        },
        {
            action: 'ecs:DescribeServices',
            resource: serviceArn,
            context: inCluster,
            write: false,
            reason: "read the service and the new revision's tasks",
        },
        ...stoppedTaskPermissions(clusterArn),
    ];
    const resume = {
        action: 'ecs:ContinueServiceDeployment',
        resource: deployments,
        write: true,
        reason: 'resume a paused lifecycle hook (the continue step)',
    };
    if (run.continueStep)
        return [...follow, resume];
    if (run.readyStep === true)
        follow.push(resume);
    return [
        ...follow,
        {
            action: 'ecs:DescribeTaskDefinition',
            resource: '*',
            write: false,
            reason: 'check the task definition is ACTIVE',
        },
        {
            action: 'ecs:UpdateService',
            resource: serviceArn,
            context: inCluster,
            write: true,
            reason: 'start the deployment (ECS shifts the traffic)',
        },
        {
            action: 'ecs:ListServiceDeployments',
            resource: serviceArn,
            context: inCluster,
            write: false,
            reason: 'find the service deployment UpdateService started',
        },
        {
            action: 'ecs:DescribeServiceRevisions',
            resource: revisions,
            write: false,
            reason: "tell the service deployment by its revision's task definition",
        },
        ...run.passRoles.map((role) => ({
            action: 'iam:PassRole',
            resource: role,
            context: { 'iam:PassedToService': 'ecs.amazonaws.com' },
            write: true,
            reason: 'hand the lifecycle hook role to ECS with the deployment configuration',
        })),
        ...changeTagPermissions(serviceArn, false),
    ];
}
/** Reading the target groups' health checks and deregistration delay (no resource-level permissions). */
const LB_TIMING_PERMISSIONS = [
    {
        action: 'elasticloadbalancing:DescribeTargetGroups',
        resource: '*',
        write: false,
        reason: "time the reads by the target groups' health checks",
    },
    {
        action: 'elasticloadbalancing:DescribeTargetGroupAttributes',
        resource: '*',
        write: false,
        reason: "time the reads by the target groups' deregistration delay",
    },
];

// EXTERNAL MODULE: ./src/core/taskdef/ebs.ts + 1 modules
var ebs = __webpack_require__(6607);
;// CONCATENATED MODULE: ./src/core/permissions/deploy.ts
// ecs-deploy's permission contract: its plans (rolling, CodeDeploy, the continue step) and
// iam-check describe one run the same way and get the same list from here.






/** What the settings need besides UpdateService: passing the EBS role, reading the cluster. */
function deploySettingsPermissions(settings, clusterArn) {
    return [
        ...(settings.ebsRoleArn === undefined ? [] : [(0,ebs/* ebsPassRole */.Qk)(settings.ebsRoleArn)]),
        ...(settings.capacityProviders === true
            ? [
                {
                    action: 'ecs:DescribeClusters',
                    resource: clusterArn,
                    write: false,
                    reason: "check the capacity providers are the cluster's",
                },
            ]
            : []),
    ];
}
function bakeRedeployPermissions(run, groupArn) {
    const reason = 'roll back a bake that fails after the old version is gone, by deploying it again';
    return [
        { action: 'codedeploy:CreateDeployment', resource: groupArn, write: true, reason },
        {
            action: 'codedeploy:GetDeploymentConfig',
            resource: (0,action_permissions/* arnIn */.Lo)('codedeploy', run.region, run.account, `deploymentconfig:${codedeploy_config/* BAKE_REDEPLOY_CONFIG */._h}`),
            write: false,
            reason,
        },
    ];
}
function codeDeployRun(run, cd) {
    const groupArn = (0,action_permissions/* arnIn */.Lo)('codedeploy', run.region, run.account, `deploymentgroup:${cd.application}/${cd.deploymentGroup}`);
    const redeploy = cd.bakeRedeploy ? bakeRedeployPermissions(run, groupArn) : [];
    if (cd.continueStep)
        return [
            ...stoppedTaskPermissions(run.clusterArn),
            CONTINUE_DEPLOYMENT,
            ...followDeploymentPermissions(groupArn),
            ...redeploy,
        ];
    return [
        ...codeDeployPermissions({
            region: run.region,
            account: run.account,
            application: cd.application,
            deploymentGroup: cd.deploymentGroup,
            deploymentConfig: cd.deploymentConfig,
            createConfig: cd.createConfig,
            continueStep: cd.readyStep,
            serviceArn: run.serviceArn,
            clusterArn: run.clusterArn,
        }),
        ...redeploy,
        ...(cd.serviceUpdates.length === 0
            ? []
            : [
                {
                    action: 'ecs:UpdateService',
                    resource: run.serviceArn,
                    context: { 'ecs:cluster': run.clusterArn },
                    write: true,
                    reason: `change ${cd.serviceUpdates.join(', ')} before the deployment`,
                },
            ]),
    ];
}
/** Everything one deploy calls, and where. */
function deployPermissions(run) {
    const strategy = run.codedeploy !== undefined
        ? codeDeployRun(run, run.codedeploy)
        : run.native !== undefined
            ? nativeDeployPermissions(run.serviceArn, run.clusterArn, run.native)
            : rollingDeployPermissions(run.serviceArn, run.clusterArn);
    const continuing = run.codedeploy?.continueStep === true || run.native?.continueStep === true;
    return [
        ...strategy,
        // CodeDeploy's follower reads the health checks only: no wait of its own ends with a drain.
        ...(run.loadBalanced === true
            ? LB_TIMING_PERMISSIONS.filter((p) => run.codedeploy === undefined ||
                p.action === 'elasticloadbalancing:DescribeTargetGroups')
            : []),
        ...deploySettingsPermissions(run.settings, run.clusterArn),
        ...(continuing ? [] : imageCheckPermissions(run.region, run.account, run.images)),
        ...(continuing ? [] : logReadPermissions(run.logSources, run.region, run.account)),
        ...analysisPermissions({
            alarms: run.alarms,
            // Only whether there are metrics matters to the permissions.
            metrics: run.metrics
                ? [
                    {
                        name: 'metric',
                        namespace: '',
                        metric: '',
                        dimensions: {},
                        statistic: 'Sum',
                        periodSeconds: 60,
                        comparison: '>',
                        threshold: 0,
                    },
                ]
                : [],
            intervalMs: 0,
            failuresAllowed: 0,
        }, run.region, run.account),
    ];
}

;// CONCATENATED MODULE: ./src/core/deploy/log-sources.ts
/** The containers of a task definition that log to CloudWatch Logs, and where. */
function logSources(taskDefinition) {
    const sources = [];
    for (const container of taskDefinition?.containerDefinitions ?? []) {
        const log = container.logConfiguration;
        const group = log?.options?.['awslogs-group'];
        if (log?.logDriver !== 'awslogs' || group === undefined || container.name === undefined)
            continue;
        sources.push({
            container: container.name,
            group,
            region: log.options?.['awslogs-region'],
            streamPrefix: log.options?.['awslogs-stream-prefix'],
        });
    }
    return sources;
}

// EXTERNAL MODULE: ./src/actions/ecs-deploy/settings.ts
var ecs_deploy_settings = __webpack_require__(4222);
;// CONCATENATED MODULE: ./src/actions/ecs-deploy/plan-parts.ts


const NO_SETTINGS = {
    update: {},
    appSpec: {},
    changes: [],
    forceReason: undefined,
};
/** What every deploy's permission contract takes from the inputs and the service. */
function runOf(inputs, account, serviceArn, clusterArn) {
    return {
        region: inputs.region,
        account,
        serviceArn,
        clusterArn,
        alarms: inputs.analysis.alarms,
        metrics: inputs.analysis.metrics.length > 0,
    };
}
/** The settings of this deploy that need permissions of their own (the contract lists them). */
function settingsRun(inputs) {
    return {
        ebsRoleArn: inputs.settings.ebsVolume?.managedEBSVolume?.roleArn,
        capacityProviders: inputs.settings.capacityProviderStrategy !== undefined,
    };
}
/** The target groups a service's tasks register in (the alternate ones of ECS-native too). */
function targetGroupsOf(service) {
    return (service.loadBalancers ?? []).flatMap((lb) => [lb.targetGroupArn, lb.advancedConfiguration?.alternateTargetGroupArn].filter((arn) => arn !== undefined && arn !== ''));
}
function imagesOf(taskDefinition) {
    return (taskDefinition?.containerDefinitions ?? [])
        .map((c) => c.image ?? '')
        .filter((image) => image !== '');
}
/** A continue step changes nothing but the deployment it continues: a setting given is refused. */
function refuseSettingsInContinue(inputs, made) {
    const given = Object.entries(inputs.settings).find(([, value]) => value !== undefined);
    if (given === undefined)
        return;
    const input = ecs_deploy_settings/* SETTING_INPUTS */.Fs[given[0]];
    throw new errors/* ConfigurationError */.j1(`Input '${input}' cannot change anything in a continue step: the deployment was ${made} by the ready step.`, {
        input,
        hint: `Give it to the step that ${made === 'created' ? 'creates' : 'starts'} the deployment.`,
    });
}

;// CONCATENATED MODULE: ./src/core/deploy/ecs-native.ts
// ECS's own blue/green, canary and linear deployments (deploymentConfiguration.strategy
// BLUE_GREEN, CANARY, LINEAR on the ECS controller): ECS moves the listener rules itself, with no
// CodeDeploy. UpdateService does not name the service deployment it starts, so it is found in
// ListServiceDeployments by its target revision, then followed by its ARN to its end.





const NATIVE_STRATEGIES = ['BLUE_GREEN', 'CANARY', 'LINEAR'];
function isNativeStrategy(strategy) {
    return NATIVE_STRATEGIES.includes(strategy ?? '');
}
/** The stages in the order ECS runs them. */
const NATIVE_STAGES = (/* unused pure expression or super */ null && ([
    'RECONCILE_SERVICE',
    'PRE_SCALE_UP',
    'SCALE_UP',
    'POST_SCALE_UP',
    'TEST_TRAFFIC_SHIFT',
    'POST_TEST_TRAFFIC_SHIFT',
    'PRODUCTION_TRAFFIC_SHIFT',
    'POST_PRODUCTION_TRAFFIC_SHIFT',
    'BAKE_TIME',
    'CLEAN_UP',
]));
const FINAL = new Set(['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED']);
function isFinalStatus(status) {
    return FINAL.has(status ?? '');
}
function nativeStand(d) {
    const stage = d.lifecycleStage ?? 'RECONCILE_SERVICE';
    const reason = d.rollback?.reason ?? d.statusReason ?? 'no reason given';
    switch (d.status) {
        case 'SUCCESSFUL':
            return { kind: 'succeeded' };
        case 'ROLLBACK_SUCCESSFUL':
            return { kind: 'rolled-back', reason };
        case 'ROLLBACK_FAILED':
            return { kind: 'rollback-failed', reason };
        case 'STOPPED':
            return { kind: 'stopped', reason: d.statusReason ?? 'stopped' };
        case 'ROLLBACK_REQUESTED':
        case 'ROLLBACK_IN_PROGRESS':
            return { kind: 'rolling-back', reason };
        default: {
            const hook = d.lifecycleHookDetails?.find((h) => h.status === 'AWAITING_ACTION');
            if (hook !== undefined)
                return { kind: 'paused', stage, hook };
            if (stage === 'BAKE_TIME' || stage === 'CLEAN_UP')
                return { kind: 'baking', stage };
            return { kind: 'running', stage };
        }
    }
}
function nativeDone(stand, until) {
    if (stand.kind === 'running' || stand.kind === 'rolling-back')
        return false;
    if (stand.kind === 'paused')
        return until === 'ready';
    if (stand.kind === 'baking')
        return until === 'bake';
    return true;
}
/** One line for the log: stage, traffic weights, hooks. */
function describeProgress(d) {
    const target = d.targetServiceRevision;
    const hooks = (d.lifecycleHookDetails ?? [])
        .map((h) => `${h.targetType ?? 'hook'} ${h.status ?? '?'}`)
        .join(', ');
    return [
        `${d.status ?? '?'} at ${d.lifecycleStage ?? '?'}`,
        `production ${target?.requestedProductionTrafficWeight ?? 0}% on the new revision, test ${target?.requestedTestTrafficWeight ?? 0}%`,
        `tasks ${target?.runningTaskCount ?? 0}/${target?.requestedTaskCount ?? 0} running`,
        ...(hooks === '' ? [] : [`hooks: ${hooks}`]),
    ].join('; ');
}
async function describeServiceDeployment(ecs, arn) {
    const response = await ecs.send(new client_ecs_dist_cjs/* DescribeServiceDeploymentsCommand */.A6p({ serviceDeploymentArns: [arn] }));
    const found = response.serviceDeployments?.[0];
    if (found === undefined)
        throw new errors/* ConfigurationError */.j1(`Service deployment ${arn} was not found.`, {
            hint: 'Check the ARN (the service-deployment-arn output of the step that started it) and the region.',
        });
    return found;
}
/** The service deployments created after `since` (ms), newest first. */
async function listSince(ecs, cluster, service, since) {
    const listed = await ecs.send(new client_ecs_dist_cjs/* ListServiceDeploymentsCommand */.jz8({ cluster, service, createdAt: { after: new Date(since) } }));
    return [...(listed.serviceDeployments ?? [])].sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
}
/**
 * The service deployment an UpdateService started: created after `since`, of `taskDefinition`
 * (read from its target revision; for a new deployment of the same task definition, the newest
 * that was not listed before). Listed a few times, as ECS lists a new deployment a moment later.
 */
async function findServiceDeployment(ecs, options) {
    for (let attempt = 0; attempt < 8; attempt += 1) {
        const briefs = (await listSince(ecs, options.cluster, options.service, options.since)).filter((b) => !options.known.includes(b.serviceDeploymentArn ?? ''));
        for (const brief of briefs) {
            if (options.taskDefinition === undefined)
                return brief.serviceDeploymentArn ?? '';
            const revision = brief.targetServiceRevisionArn;
            if (revision === undefined)
                continue;
            if ((await revisionTaskDefinition(ecs, revision)) === options.taskDefinition)
                return brief.serviceDeploymentArn ?? '';
        }
        await options.sleep(Math.min(8000, 500 * 2 ** attempt), options.signal);
    }
    throw new errors/* ConfigurationError */.j1(`ECS accepted the update of ${options.cluster}/${options.service}, but listed no service deployment of ${options.taskDefinition ?? 'it'} after a minute.`, { hint: 'Look at the service in the console: its deployment may still start.' });
}
/** The task definition a service revision runs. */
async function revisionTaskDefinition(ecs, revisionArn) {
    const described = await ecs.send(new client_ecs_dist_cjs/* DescribeServiceRevisionsCommand */.oF5({ serviceRevisionArns: [revisionArn] }));
    return described.serviceRevisions?.[0]?.taskDefinition;
}
/** The service's in-flight service deployments, as ListServiceDeployments lists them. */
async function inFlightServiceDeployments(ecs, cluster, service) {
    const listed = await ecs.send(new client_ecs_dist_cjs/* ListServiceDeploymentsCommand */.jz8({
        cluster,
        service,
        status: ['PENDING', 'IN_PROGRESS', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS'],
    }));
    return listed.serviceDeployments ?? [];
}
/**
 * The wait before the next read of a service deployment (pure): soon in a rollback; at the
 * end of blue's drain in the clean-up (which ECS starts with it: the stage's updatedAt); else,
 * with the load balancer's timing, at the pace that still sees the clean-up begin in time.
 */
function nativeWait(d, timing, now, fastMs = 2000) {
    if (d.status?.startsWith('ROLLBACK') === true)
        return fastMs;
    if (d.lifecycleStage === 'CLEAN_UP')
        // Long past the drain's end (updatedAt said something else), the end is near all the same:
        // soon rather than at the pace.
        return timing === undefined || d.updatedAt === undefined
            ? fastMs
            : untilDrained(d.updatedAt.getTime(), timing, now, fastMs);
    return timing === undefined ? undefined : drainPace(timing);
}
/**
 * Follows one service deployment by its ARN until `until`, printing stage changes, hook states
 * and traffic weights as they happen. Reads often right after a change and while the end is near
 * (clean-up, a rollback), rarely while ECS waits out a step's bake.
 */
async function followNative(options) {
    const { ecs, arn, logger, clock } = options;
    const traffic = [...(options.seen?.traffic ?? [])];
    const stages = [...(options.seen?.stages ?? [])];
    const started = clock.now();
    let lastHooks = '';
    const result = await poll({
        read: async () => {
            const d = await describeServiceDeployment(ecs, arn);
            if (nativeStand(d).kind === 'running' || nativeStand(d).kind === 'baking')
                await options.analysis?.check();
            return d;
        },
        done: (d) => nativeDone(nativeStand(d), options.until),
        // A stage that gives way to the next one says nothing about when the deployment ends (the
        // stages are printed as they come): reads slow down through them as through any wait.
        fingerprint: (d) => JSON.stringify([
            d.status,
            d.targetServiceRevision?.requestedProductionTrafficWeight,
            d.targetServiceRevision?.runningTaskCount,
            d.lifecycleHookDetails?.map((h) => h.status),
        ]),
        intervalHint: (d) => nativeWait(d, options.loadBalancer, clock.now(), options.minIntervalMs ?? 2000),
        minHintMs: 1000,
        minIntervalMs: options.minIntervalMs ?? 2000,
        maxIntervalMs: options.maxIntervalMs ?? 15_000,
        timeoutMs: options.timeoutMs,
        what: `service deployment ${arn} to reach ${options.until === 'complete' ? 'its end' : options.until === 'ready' ? 'a paused lifecycle hook' : "ECS's bake"}`,
        clock,
        sleep: options.sleep,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        onReadError: (error, progress) => {
            logger.warning(`Reading service deployment ${arn} failed after the SDK's retries (${(0,errors/* awsErrorCode */.J6)(error) ?? 'error'}); still following it, next check in ${(0,util_time/* formatDuration */.a3)(progress.nextPollMs)}.`);
        },
        onObservation: (d, progress) => {
            const stage = d.lifecycleStage ?? '';
            if (stage !== '' && stages.at(-1)?.stage !== stage) {
                stages.push({ stage, time: clock.now() });
                logger.info(`stage: ${stage}`);
            }
            const weight = d.targetServiceRevision?.requestedProductionTrafficWeight ?? 0;
            if ((traffic.at(-1)?.greenPercent ?? 0) !== weight) {
                traffic.push({ time: clock.now(), greenPercent: weight });
                logger.info(`traffic: ${weight}% of production on the new revision`);
            }
            const hooks = JSON.stringify(d.lifecycleHookDetails?.map((h) => [h.hookId, h.status]) ?? []);
            if (hooks !== lastHooks) {
                lastHooks = hooks;
                for (const hook of d.lifecycleHookDetails ?? [])
                    logger.info(`hook: ${hook.targetType ?? '?'} ${hook.targetArn ?? ''} ${hook.status ?? '?'} (id ${hook.hookId ?? '?'}${hook.expiresAt === undefined ? '' : `, times out at ${hook.expiresAt.toISOString()} with ${hook.timeoutAction ?? '?'}`})`);
            }
            if (progress.changed || progress.polls % 10 === 0)
                logger.info(`${(0,util_time/* formatDuration */.a3)(progress.elapsedMs)}: ${describeProgress(d)}${progress.nextPollMs > 0 ? `; next check in ${(0,util_time/* formatDuration */.a3)(progress.nextPollMs)}` : ''}`);
        },
    });
    return {
        stand: nativeStand(result.observation),
        deployment: result.observation,
        traffic,
        stages,
        polls: result.polls,
        elapsedMs: clock.now() - started,
    };
}
/** StopServiceDeployment with rollback: traffic back on the previous revision. */
async function stopWithRollback(ecs, arn) {
    await ecs.send(new client_ecs_dist_cjs/* StopServiceDeploymentCommand */.a8L({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }));
}
/**
 * Resumes the service deployment's paused PAUSE hooks (or the one named): returns the hooks
 * continued. Refused, naming what the deployment is doing, when none waits.
 */
async function continuePaused(ecs, arn, hookId, action = 'CONTINUE') {
    const d = await describeServiceDeployment(ecs, arn);
    const waiting = (d.lifecycleHookDetails ?? []).filter((h) => h.status === 'AWAITING_ACTION' && (hookId === undefined || h.hookId === hookId));
    if (waiting.length === 0)
        throw new errors/* ConfigurationError */.j1(`Service deployment ${arn} has no lifecycle hook${hookId === undefined ? '' : ` ${hookId}`} waiting to be continued: it is ${describeProgress(d)}.`, {
            input: 'continue-deployment-id',
            hint: 'Continue a deployment the ready step left paused (its service-deployment-arn and hook-id outputs).',
        });
    for (const hook of waiting)
        await ecs.send(new client_ecs_dist_cjs/* ContinueServiceDeploymentCommand */.LrH({
            serviceDeploymentArn: arn,
            hookId: hook.hookId,
            action,
        }));
    return waiting.map((h) => h.hookId ?? '');
}

;// CONCATENATED MODULE: ./src/core/deploy/test-traffic.ts
// A/B on an ECS-native blue/green deployment: while it pauses after the test traffic shift, the
// service's test listener rule (on the production listener) sends requests that carry a header or
// a cookie to the new version, everyone else staying on the old one. The rule's own conditions
// are kept in a tag on the ECS service, so the step that ends the deployment (the continue step,
// a failure, a cancelled job's post step) can put them back.



const ORIGINAL_CONDITIONS_TAG = 'ecs-delivery:test-rule-conditions';
/** The listener a listener rule belongs to, from the rule's ARN (no call). */
function listenerOfRule(ruleArn) {
    const listener = ruleArn.replace(':listener-rule/', ':listener/');
    return listener.slice(0, listener.lastIndexOf('/'));
}
/**
 * The ALB condition for an A/B split. ALB has no cookie condition: a cookie is matched in the
 * Cookie header, with wildcards on either side (`*beta=1*`).
 */
function ruleCondition(condition) {
    return condition.kind === 'header'
        ? {
            Field: 'http-header',
            HttpHeaderConfig: { HttpHeaderName: condition.name, Values: [condition.value] },
        }
        : {
            Field: 'http-header',
            HttpHeaderConfig: {
                HttpHeaderName: 'Cookie',
                Values: [`*${condition.name}=${condition.value}*`],
            },
        };
}
function describeCondition(condition) {
    return condition.kind === 'header'
        ? `header ${condition.name}: ${condition.value}`
        : `cookie ${condition.name}=${condition.value}`;
}
/** The conditions a rule has, as ModifyRule takes them back (values kept, nothing else). */
function restorable(conditions) {
    return conditions.map((c) => {
        const { Field, Values, HostHeaderConfig, PathPatternConfig, HttpHeaderConfig } = c;
        const { HttpRequestMethodConfig, QueryStringConfig, SourceIpConfig } = c;
        const kept = { Field };
        if (HttpHeaderConfig !== undefined)
            kept.HttpHeaderConfig = HttpHeaderConfig;
        else if (HostHeaderConfig !== undefined)
            kept.HostHeaderConfig = HostHeaderConfig;
        else if (PathPatternConfig !== undefined)
            kept.PathPatternConfig = PathPatternConfig;
        else if (HttpRequestMethodConfig !== undefined)
            kept.HttpRequestMethodConfig = HttpRequestMethodConfig;
        else if (QueryStringConfig !== undefined)
            kept.QueryStringConfig = QueryStringConfig;
        else if (SourceIpConfig !== undefined)
            kept.SourceIpConfig = SourceIpConfig;
        else if (Values !== undefined)
            kept.Values = Values;
        return kept;
    });
}
/**
 * Sets the A/B condition on the test rule, keeping its own conditions in a tag of the ECS
 * service first (a tag already there, from an earlier run that did not restore, is kept: it holds
 * the true original). The service, not the rule: IAM catalogues merge the classic ELB's AddTags
 * (load balancers only) with v2's, so a rule's tags cannot be granted reliably.
 */
async function applyAbCondition(elbv2, store, ruleArn, condition, logger) {
    const saved = await savedConditions(store);
    if (saved === undefined) {
        const rule = (await elbv2.send(new client_elastic_load_balancing_v2_dist_cjs/* DescribeRulesCommand */.Ggo({ RuleArns: [ruleArn] }))).Rules?.[0];
        const original = JSON.stringify(restorable(rule?.Conditions ?? []));
        if (original.length > 256)
            throw new errors/* ConfigurationError */.j1(`The test listener rule's own conditions (${original.length} characters as JSON) do not fit the 256-character tag that keeps them until the rule is restored.`, {
                hint: 'Give the test rule fewer or shorter conditions, or remove test-traffic-header / test-traffic-cookie.',
            });
        await store.ecs.send(new client_ecs_dist_cjs/* TagResourceCommand */.eqU({
            resourceArn: store.serviceArn,
            tags: [{ key: ORIGINAL_CONDITIONS_TAG, value: original }],
        }));
    }
    await elbv2.send(new client_elastic_load_balancing_v2_dist_cjs/* ModifyRuleCommand */.y5P({ RuleArn: ruleArn, Conditions: [ruleCondition(condition)] }));
    logger.info(`A/B: the test listener rule now sends requests with ${describeCondition(condition)} to the test traffic target (the new version once ECS shifts test traffic); its own conditions are kept in the service's tag ${ORIGINAL_CONDITIONS_TAG}.`);
}
async function savedConditions(store) {
    const tags = (await store.ecs.send(new client_ecs_dist_cjs/* ListTagsForResourceCommand */.a_e({ resourceArn: store.serviceArn }))).tags;
    const value = tags?.find((t) => t.key === ORIGINAL_CONDITIONS_TAG)?.value;
    return value === undefined ? undefined : JSON.parse(value);
}
/** Puts the test rule's own conditions back (from the service's tag), if an A/B step changed them. */
async function restoreTestRule(elbv2, store, ruleArn, logger) {
    const saved = await savedConditions(store);
    if (saved === undefined)
        return false;
    await elbv2.send(new client_elastic_load_balancing_v2_dist_cjs/* ModifyRuleCommand */.y5P({ RuleArn: ruleArn, Conditions: saved }));
    await store.ecs.send(new client_ecs_dist_cjs/* UntagResourceCommand */.RP$({ resourceArn: store.serviceArn, tagKeys: [ORIGINAL_CONDITIONS_TAG] }));
    logger.info(`A/B: the test listener rule's own conditions are back (${JSON.stringify(saved)}).`);
    return true;
}
/** What setting and restoring the test rule calls. */
function abPermissions(ruleArn, serviceArn) {
    const reason = 'send requests with the A/B header or cookie to the new version, then restore the test rule';
    return [
        { action: 'elasticloadbalancing:DescribeRules', resource: '*', write: false, reason },
        { action: 'elasticloadbalancing:ModifyRule', resource: ruleArn, write: true, reason },
        { action: 'ecs:ListTagsForResource', resource: serviceArn, write: false, reason },
        { action: 'ecs:TagResource', resource: serviceArn, write: true, reason },
        { action: 'ecs:UntagResource', resource: serviceArn, write: true, reason },
    ];
}

;// CONCATENATED MODULE: ./src/actions/ecs-deploy/native-plan.ts








/**
 * The A/B split sits on the service's test listener rule, which must be on the production
 * listener: a request there that matches it reaches the test target, every other one the
 * production rule. Refused before any write otherwise.
 */
function abPlan(inputs, service) {
    const condition = inputs.abCondition;
    if (condition === undefined)
        return undefined;
    const input = condition.kind === 'header' ? 'test-traffic-header' : 'test-traffic-cookie';
    const advanced = service.loadBalancers?.[0]?.advancedConfiguration;
    const test = advanced?.testListenerRule;
    const production = advanced?.productionListenerRule ?? '';
    if (test === undefined)
        throw new errors/* ConfigurationError */.j1(`Input '${input}' sets the A/B condition on the service's test listener rule, but ${where(inputs)} has none (advancedConfiguration.testListenerRule).`, {
            input,
            hint: 'Add a test listener rule on the production listener to the service, or remove the input.',
        });
    if (listenerOfRule(test) !== listenerOfRule(production))
        throw new errors/* ConfigurationError */.j1(`Input '${input}' needs the test listener rule on the production listener, so that production requests with the ${condition.kind} reach the new version; ${test} is on listener ${listenerOfRule(test)}, the production rule on ${listenerOfRule(production)}. Nothing was changed.`, {
            input,
            hint: 'Create the test rule on the production listener with a higher priority (a lower number) than the production rule, and name it in advancedConfiguration.testListenerRule.',
        });
    if (inputs.waitUntil === 'submitted')
        throw new errors/* ConfigurationError */.j1(`Input '${input}' changes the test listener rule until the deployment ends, but 'wait-until: submitted' leaves no step to put it back.`, { input: 'wait-until', hint: 'Use ready (then a continue step), bake or complete.' });
    return { condition, ruleArn: test };
}
const BY_INPUT = {
    'blue-green': 'BLUE_GREEN',
    canary: 'CANARY',
    linear: 'LINEAR',
};
/** Inputs that shape a CodeDeploy deployment only. */
const CODEDEPLOY_NAMES = [
    'codedeploy-application',
    'codedeploy-deployment-group',
    'deployment-config',
    'appspec',
];
/** Whether a deploy to this ECS-controller service goes through ECS's own strategies. */
function isNativeDeploy(inputs, service) {
    return (inputs.strategy in BY_INPUT ||
        isNativeStrategy(service.deploymentConfiguration?.strategy) ||
        (0,ecs_deploy_inputs/* isServiceDeploymentArn */.Mo)(inputs.continueDeploymentId));
}
function where(inputs) {
    return `${inputs.cluster}/${inputs.service}`;
}
/** The service must be able to run the strategy: ECS needs its load balancer's advancedConfiguration. */
function refuseService(inputs, service, strategy) {
    const current = service.deploymentConfiguration?.strategy;
    if (!(inputs.strategy in BY_INPUT) && isNativeStrategy(current))
        throw new errors/* ConfigurationError */.j1(`${where(inputs)} deploys with ECS's own ${current} strategy, but this step asks for strategy '${inputs.strategy}'${inputs.strategy === 'rolling' ? ' (the default)' : ''}: ecs-deploy does not change a service's strategy unless told to, so nothing was changed.`, {
            input: 'strategy',
            hint: `Set strategy: ${Object.entries(BY_INPUT).find(([, v]) => v === current)?.[0] ?? 'canary'} to deploy through it, or change the service's deploymentConfiguration.strategy to ROLLING in your infrastructure code.`,
        });
    const balancers = service.loadBalancers ?? [];
    const missing = balancers.length === 0 || balancers.some((b) => !b.advancedConfiguration);
    if (missing)
        throw new errors/* ConfigurationError */.j1(`Strategy '${inputs.strategy}' on ${where(inputs)} (ECS deployment controller) deploys through ECS's own ${strategy} strategy, which needs ${balancers.length === 0 ? 'a load balancer' : "each load balancer's advancedConfiguration"}: an alternate target group, the production listener rule (and a test listener rule for test traffic) and the role ECS moves them with. The service has ${balancers.length === 0 ? 'no load balancer' : 'none'}, so nothing was changed.`, {
            input: 'strategy',
            hint: 'Add loadBalancers[].advancedConfiguration {alternateTargetGroupArn, productionListenerRule, testListenerRule, roleArn} to the service (AWS guide: "Amazon ECS blue/green deployments"), use strategy: rolling, or move the service to the CODE_DEPLOY controller for CodeDeploy.',
        });
}
/** Inputs a native deployment cannot honour, refused before any read or write. */
function refuseInputs(inputs, strategy) {
    const cd = CODEDEPLOY_NAMES.find((name) => inputs.codeDeployOnly.includes(name));
    if (cd !== undefined)
        throw new errors/* ConfigurationError */.j1(`Input '${cd}' shapes a CodeDeploy deployment, but ${where(inputs)} is on the ECS controller: ${inputs.strategy} runs through ECS's own ${strategy} strategy, without CodeDeploy.`, {
            input: cd,
            hint: 'Remove it; traffic-percentage, traffic-interval and ecs-bake-time shape ECS-native steps.',
        });
    const percent = inputs.trafficPercentage;
    if (strategy === 'BLUE_GREEN' && percent !== undefined)
        throw new errors/* ConfigurationError */.j1("Inputs 'traffic-percentage' and 'traffic-interval' set the steps of a canary or linear deployment; blue-green moves all traffic at once.", {
            input: 'traffic-percentage',
            hint: 'Use strategy: canary or linear for steps, or remove them.',
        });
    if (strategy === 'LINEAR' && percent !== undefined && percent < 3)
        throw new errors/* ConfigurationError */.j1(`ECS's linear strategy moves 3% to 100% a step (stepPercent); traffic-percentage ${percent} is below that.`, { input: 'traffic-percentage' });
    if ((inputs.trafficIntervalMinutes ?? 0) > 1440)
        throw new errors/* ConfigurationError */.j1(`ECS waits at most 1440 minutes between steps; traffic-interval ${inputs.trafficIntervalMinutes ?? 0} is more.`, { input: 'traffic-interval' });
}
/** The service's deploymentConfiguration with what the step sets; what changed, in words. */
function nativeConfiguration(inputs, current, strategy) {
    const next = { ...current, strategy };
    const changes = [];
    const note = (what, from, to) => {
        if (from !== to)
            changes.push(`${what}: ${from ?? 'not set'} → ${to ?? 'not set'}`);
    };
    note('strategy', current.strategy ?? 'ROLLING', strategy);
    const percent = inputs.trafficPercentage;
    const minutes = inputs.trafficIntervalMinutes;
    if (strategy === 'CANARY') {
        const was = current.canaryConfiguration;
        next.canaryConfiguration = {
            canaryPercent: percent ?? was?.canaryPercent,
            canaryBakeTimeInMinutes: minutes ?? was?.canaryBakeTimeInMinutes,
        };
        note('canaryPercent', was?.canaryPercent, next.canaryConfiguration.canaryPercent);
        note('canaryBakeTimeInMinutes', was?.canaryBakeTimeInMinutes, next.canaryConfiguration.canaryBakeTimeInMinutes);
    }
    if (strategy === 'LINEAR') {
        const was = current.linearConfiguration;
        next.linearConfiguration = {
            stepPercent: percent ?? was?.stepPercent,
            stepBakeTimeInMinutes: minutes ?? was?.stepBakeTimeInMinutes,
        };
        note('stepPercent', was?.stepPercent, next.linearConfiguration.stepPercent);
        note('stepBakeTimeInMinutes', was?.stepBakeTimeInMinutes, next.linearConfiguration.stepBakeTimeInMinutes);
    }
    if (inputs.ecsBakeMinutes !== undefined) {
        next.bakeTimeInMinutes = inputs.ecsBakeMinutes;
        note('bakeTimeInMinutes', current.bakeTimeInMinutes, inputs.ecsBakeMinutes);
    }
    return { next, changes };
}
/** The production traffic steps in words, refused when ECS would lack a value. */
function stepsOf(inputs, config) {
    const missing = (what) => new errors/* ConfigurationError */.j1(`ECS's ${config.strategy ?? '?'} strategy needs ${what}; ${where(inputs)} has none, and this step gives none.`, {
        input: 'traffic-percentage',
        hint: 'Give traffic-percentage and traffic-interval (e.g. 10 and 5).',
    });
    if (config.strategy === 'CANARY') {
        const { canaryPercent, canaryBakeTimeInMinutes } = config.canaryConfiguration ?? {};
        if (canaryPercent === undefined || canaryBakeTimeInMinutes === undefined)
            throw missing('canaryPercent and canaryBakeTimeInMinutes');
        return `${canaryPercent}% for ${canaryBakeTimeInMinutes} min, then 100%`;
    }
    if (config.strategy === 'LINEAR') {
        const { stepPercent, stepBakeTimeInMinutes } = config.linearConfiguration ?? {};
        if (stepPercent === undefined || stepBakeTimeInMinutes === undefined)
            throw missing('stepPercent and stepBakeTimeInMinutes');
        return `${stepPercent}% more every ${stepBakeTimeInMinutes} min (${Math.ceil(100 / stepPercent)} steps)`;
    }
    return '100% at once';
}
/** wait-until ready stops at a PAUSE hook: without one, the step would never be ready. */
function refuseReadyWithoutPause(inputs, config) {
    if (inputs.waitUntil !== 'ready')
        return;
    if ((config.lifecycleHooks ?? []).some((h) => h.targetType === 'PAUSE'))
        return;
    throw new errors/* ConfigurationError */.j1(`Input 'wait-until: ready' waits for a PAUSE lifecycle hook of the ECS-native deployment (e.g. at POST_TEST_TRAFFIC_SHIFT, with test traffic on the new version), but ${where(inputs)} has none: the step would never be ready.`, {
        input: 'wait-until',
        hint: 'Add a lifecycle hook {targetType: PAUSE, lifecycleStages: [POST_TEST_TRAFFIC_SHIFT]} to the service, or use bake or complete.',
    });
}
/** Plans an ECS-native deployment (or the continue step of one) of a service on the ECS controller. */
function planNative(inputs, service, taskDefinition, observed) {
    if ((0,ecs_deploy_inputs/* isServiceDeploymentArn */.Mo)(inputs.continueDeploymentId))
        return planNativeContinue(inputs, service, taskDefinition);
    const strategy = BY_INPUT[inputs.strategy] ??
        service.deploymentConfiguration?.strategy ??
        'BLUE_GREEN';
    refuseService(inputs, service, strategy);
    refuseInputs(inputs, strategy);
    if (taskDefinition !== undefined && taskDefinition.status !== 'ACTIVE')
        throw new errors/* ConfigurationError */.j1(`Task definition ${taskDefinition.taskDefinitionArn ?? ''} is ${taskDefinition.status ?? 'not ACTIVE'}; ECS will not deploy it.`, {
            input: 'task-definition',
            hint: 'Register a new revision (ecs-task-definition) and deploy that.',
        });
    const { next, changes } = nativeConfiguration(inputs, service.deploymentConfiguration ?? {}, strategy);
    const steps = stepsOf(inputs, next);
    refuseReadyWithoutPause(inputs, next);
    const ab = abPlan(inputs, service);
    const primary = service.deployments?.find((d) => d.status === 'PRIMARY');
    const inFlight = primary?.rolloutState === 'IN_PROGRESS' ? primary.id : undefined;
    if (inFlight !== undefined && inputs.onInFlight === 'fail')
        throw new errors/* DeploymentFailedError */.RJ(`Deployment ${inFlight} (${primary?.taskDefinition ?? '?'}) of ${where(inputs)}, started ${primary?.createdAt?.toISOString() ?? 'earlier'}, is still in progress: nothing was changed.`, {
            hint: 'Run again once it ends, or set on-in-flight: wait (follow it first) or stop (roll it back first).',
        });
    const settings = (0,ecs_deploy_settings/* planSettings */.ZB)(inputs.settings, {
        service,
        taskDefinition: taskDefinition ?? observed.runningTaskDefinition,
        clusterCapacityProviders: observed.clusterCapacityProviders,
        controller: 'ECS',
        where: where(inputs),
    });
    const serviceArn = service.serviceArn ?? '';
    const clusterArn = service.clusterArn ?? '';
    const account = serviceArn.split(':')[4] ?? '*';
    const sources = logSources(taskDefinition);
    const send = changes.length > 0 ? next : undefined;
    return {
        settings,
        mode: 'native',
        codedeploy: undefined,
        native: {
            strategy,
            serviceStrategy: service.deploymentConfiguration?.strategy ?? 'ROLLING',
            deploymentConfiguration: send,
            changes,
            steps,
            ecsBakeMinutes: next.bakeTimeInMinutes ?? 0,
            continueArn: undefined,
            ab,
            testRule: service.loadBalancers?.[0]?.advancedConfiguration?.testListenerRule,
        },
        region: inputs.region,
        cluster: inputs.cluster,
        service: inputs.service,
        serviceArn,
        previousTaskDefinition: primary?.taskDefinition ?? service.taskDefinition,
        previousDesiredCount: service.desiredCount,
        taskDefinition: taskDefinition?.taskDefinitionArn,
        desiredCount: inputs.desiredCount,
        forceNewDeployment: inputs.forceNewDeployment || settings.forceReason !== undefined,
        inFlight,
        logSources: sources,
        targetGroupArns: targetGroupsOf(service),
        images: imagesOf(taskDefinition),
        permissions: [
            ...(ab === undefined ? [] : abPermissions(ab.ruleArn, serviceArn)),
            ...deployPermissions({
                ...runOf(inputs, account, serviceArn, clusterArn),
                codedeploy: undefined,
                loadBalanced: true,
                native: {
                    continueStep: false,
                    readyStep: inputs.waitUntil === 'ready',
                    passRoles: (send?.lifecycleHooks ?? []).flatMap((h) => (h.roleArn ? [h.roleArn] : [])),
                },
                logSources: sources,
                images: imagesOf(taskDefinition),
                settings: settingsRun(inputs),
            }),
        ],
    };
}
/** The continue step of an ECS-native deployment: resume its paused hook, follow it to the end. */
function planNativeContinue(inputs, service, taskDefinition) {
    refuseSettingsInContinue(inputs, 'started');
    const arn = inputs.continueDeploymentId ?? '';
    const serviceArn = service.serviceArn ?? '';
    // The ARN names its cluster and service: continuing another service's deployment is a mistake.
    const [cluster, name] = arn.split(':service-deployment/')[1]?.split('/') ?? [];
    const expected = serviceArn.split(':service/')[1]?.split('/');
    if (expected !== undefined && (cluster !== expected[0] || name !== expected[1]))
        throw new errors/* ConfigurationError */.j1(`Service deployment ${arn} is not of ${where(inputs)} (${serviceArn}).`, {
            input: 'continue-deployment-id',
            hint: 'Give the cluster and service the ready step deployed to.',
        });
    const config = service.deploymentConfiguration ?? {};
    const strategy = isNativeStrategy(config.strategy) ? config.strategy : 'BLUE_GREEN';
    const testRule = service.loadBalancers?.[0]?.advancedConfiguration?.testListenerRule;
    const account = serviceArn.split(':')[4] ?? '*';
    return {
        settings: NO_SETTINGS,
        mode: 'native',
        codedeploy: undefined,
        native: {
            strategy,
            serviceStrategy: config.strategy ?? 'ROLLING',
            deploymentConfiguration: undefined,
            changes: [],
            steps: '',
            ecsBakeMinutes: config.bakeTimeInMinutes ?? 0,
            continueArn: arn,
            testRule,
        },
        region: inputs.region,
        cluster: inputs.cluster,
        service: inputs.service,
        serviceArn,
        previousTaskDefinition: undefined,
        previousDesiredCount: service.desiredCount,
        taskDefinition: taskDefinition?.taskDefinitionArn,
        desiredCount: undefined,
        forceNewDeployment: false,
        inFlight: undefined,
        logSources: [],
        targetGroupArns: targetGroupsOf(service),
        images: [],
        permissions: [
            // The ready step may have set an A/B condition on the test rule: it is restored at the end.
            ...(testRule === undefined ? [] : abPermissions(testRule, serviceArn)),
            ...deployPermissions({
                ...runOf(inputs, account, serviceArn, service.clusterArn ?? ''),
                codedeploy: undefined,
                loadBalanced: true,
                native: { continueStep: true, passRoles: [] },
                logSources: [],
                images: [],
                settings: {},
            }),
        ],
    };
}

;// CONCATENATED MODULE: ./src/actions/ecs-deploy/plan.ts









/** Checks what was observed against what is asked, and lists the calls the deployment makes. */
function planDeploy(inputs, service, taskDefinition, observed = { clusterCapacityProviders: undefined }) {
    const controller = service.deploymentController?.type ?? 'ECS';
    if (controller === 'ECS' && isNativeDeploy(inputs, service))
        return planNative(inputs, service, taskDefinition, observed);
    if ((inputs.strategy === 'rolling' || inputs.strategy === 'recreate') && controller !== 'ECS') {
        throw new errors/* ConfigurationError */.j1(`Strategy '${inputs.strategy}' needs a service on the ECS deployment controller; ${inputs.cluster}/${inputs.service} uses ${controller}, which fits ${controller === 'CODE_DEPLOY' ? 'blue-green, canary and linear' : 'no strategy of this action'}.`, { input: 'strategy' });
    }
    if (inputs.strategy !== 'rolling' && inputs.strategy !== 'recreate') {
        throw new errors/* ConfigurationError */.j1(`Strategy '${inputs.strategy}' needs a service on the CODE_DEPLOY deployment controller; ${inputs.cluster}/${inputs.service} uses ${controller}, which fits 'rolling'.`, { input: 'strategy' });
    }
    if (taskDefinition !== undefined && taskDefinition.status !== 'ACTIVE') {
        throw new errors/* ConfigurationError */.j1(`Task definition ${taskDefinition.taskDefinitionArn ?? ''} is ${taskDefinition.status ?? 'not ACTIVE'}; ECS will not deploy it.`, {
            input: 'task-definition',
            hint: 'Register a new revision (ecs-task-definition) and deploy that.',
        });
    }
    refuseForRolling(inputs);
    const primary = service.deployments?.find((d) => d.status === 'PRIMARY');
    // Someone else's deployment, or ECS's circuit-breaker rollback, still in progress.
    const inFlight = primary !== undefined && primary.rolloutState === 'IN_PROGRESS' ? primary.id : undefined;
    if (inFlight !== undefined && inputs.onInFlight === 'fail')
        throw new errors/* DeploymentFailedError */.RJ(`Deployment ${inFlight} (${primary?.taskDefinition ?? '?'}) of ${inputs.cluster}/${inputs.service}, started ${primary?.createdAt?.toISOString() ?? 'earlier'}, is still in progress (another run, a person, or ECS rolling back): nothing was changed.`, {
            hint: 'Run again once it ends, or set on-in-flight: wait to follow it to its end first.',
        });
    const serviceArn = service.serviceArn ?? '';
    const clusterArn = service.clusterArn ?? '';
    const account = serviceArn.split(':')[4] ?? '*';
    const sources = logSources(taskDefinition);
    const settings = (0,ecs_deploy_settings/* planSettings */.ZB)(inputs.settings, {
        service,
        // Without a new task definition the settings apply to the one the service runs.
        taskDefinition: taskDefinition ?? observed.runningTaskDefinition,
        clusterCapacityProviders: observed.clusterCapacityProviders,
        controller: 'ECS',
        where: `${inputs.cluster}/${inputs.service}`,
    });
    return {
        settings,
        mode: 'rolling',
        codedeploy: undefined,
        recreate: inputs.strategy === 'recreate'
            ? {
                ...service.deploymentConfiguration,
                minimumHealthyPercent: service.deploymentConfiguration?.minimumHealthyPercent ?? 100,
                maximumPercent: service.deploymentConfiguration?.maximumPercent ?? 200,
            }
            : undefined,
        region: inputs.region,
        cluster: inputs.cluster,
        service: inputs.service,
        serviceArn,
        previousTaskDefinition: primary?.taskDefinition ?? service.taskDefinition,
        previousDesiredCount: service.desiredCount,
        taskDefinition: taskDefinition?.taskDefinitionArn,
        desiredCount: inputs.desiredCount,
        // ECS needs a new deployment for some settings (a capacity provider strategy): asked for then.
        forceNewDeployment: inputs.forceNewDeployment || settings.forceReason !== undefined,
        inFlight,
        logSources: sources,
        targetGroupArns: targetGroupsOf(service),
        healthChecked: healthCheckedOf(taskDefinition),
        images: imagesOf(taskDefinition),
        permissions: deployPermissions({
            ...runOf(inputs, account, serviceArn, clusterArn),
            codedeploy: undefined,
            loadBalanced: targetGroupsOf(service).length > 0,
            logSources: sources,
            images: imagesOf(taskDefinition),
            settings: settingsRun(inputs),
        }),
    };
}
/** Whether an essential container of the task definition has a health check (undefined: none deployed). */
function healthCheckedOf(taskDefinition) {
    return taskDefinition?.containerDefinitions?.some((c) => (c.essential ?? true) && c.healthCheck !== undefined);
}
/**
 * Every input either acts or is refused: those that only shape a CodeDeploy deployment, and
 * the ones a rolling deployment cannot honour, are refused before anything is read or written.
 */
function refuseForRolling(inputs) {
    const where = `${inputs.cluster}/${inputs.service} is a rolling service (ECS deployment controller)`;
    refuseAbOutsideNative(inputs, where);
    const [first] = inputs.codeDeployOnly;
    if (first !== undefined)
        throw new errors/* ConfigurationError */.j1(`Input '${first}' shapes a CodeDeploy deployment (blue-green, canary, linear), but ${where}: it would do nothing here.`, { input: first, hint: `Remove ${inputs.codeDeployOnly.join(', ')} from this step.` });
    if (inputs.waitUntil === 'ready')
        throw new errors/* ConfigurationError */.j1(`Input 'wait-until: ready' waits for a blue/green deployment's test traffic, but ${where}: it has no test traffic to wait for.`, { input: 'wait-until', hint: 'Use complete (the default) or submitted.' });
    if (inputs.waitUntil === 'bake' || inputs.ecsBakeMinutes !== undefined)
        throw new errors/* ConfigurationError */.j1(`Input '${inputs.waitUntil === 'bake' ? 'wait-until: bake' : 'ecs-bake-time'}' is about ECS's own bake of a blue/green, canary or linear deployment, but ${where}: it has none.`, {
            input: inputs.waitUntil === 'bake' ? 'wait-until' : 'ecs-bake-time',
            hint: 'Use bake-time for the watch after a rolling deployment completes.',
        });
    if (inputs.onInFlight === 'stop')
        throw new errors/* ConfigurationError */.j1(`Input 'on-in-flight: stop' is refused for ${inputs.cluster}/${inputs.service}, a rolling service: the deployment in progress is someone else's, and stopping it would undo their work.`, { input: 'on-in-flight', hint: 'Use fail (the default) or wait.' });
}
/** The same for a CodeDeploy deployment: the inputs only a rolling deployment acts on. */
function refuseForCodeDeploy(inputs) {
    const where = `${inputs.cluster}/${inputs.service} deploys through CodeDeploy (${inputs.strategy})`;
    refuseAbOutsideNative(inputs, where);
    if (inputs.desiredCount !== undefined)
        throw new errors/* ConfigurationError */.j1(`Input 'desired-count' is not applied by a CodeDeploy deployment, and ${where}: the new task set takes the service's desired count.`, {
            input: 'desired-count',
            hint: 'Remove it, and change the desired count on its own (UpdateService desiredCount, or your infrastructure code).',
        });
    if (inputs.forceNewDeployment)
        throw new errors/* ConfigurationError */.j1(`Input 'force-new-deployment' starts a new rolling deployment of the same task definition, but ${where}.`, {
            input: 'force-new-deployment',
            hint: 'Deploy a task definition (a new revision if only the image tag moved) instead.',
        });
    if (inputs.waitUntil === 'bake' ||
        inputs.ecsBakeMinutes !== undefined ||
        inputs.hookId !== undefined)
        throw new errors/* ConfigurationError */.j1(`Input '${inputs.hookId !== undefined ? 'hook-id' : inputs.waitUntil === 'bake' ? 'wait-until: bake' : 'ecs-bake-time'}' is for ECS's own blue/green, canary and linear strategies, but ${where}.`, {
            input: inputs.hookId !== undefined
                ? 'hook-id'
                : inputs.waitUntil === 'bake'
                    ? 'wait-until'
                    : 'ecs-bake-time',
            hint: "Use bake-time (it runs during CodeDeploy's termination wait) and wait-until ready or complete.",
        });
    const percent = inputs.trafficPercentage;
    if (percent !== undefined && (!Number.isInteger(percent) || percent > 99))
        throw new errors/* ConfigurationError */.j1(`CodeDeploy's canary and linear configs take a whole percentage from 1 to 99; traffic-percentage is ${percent}.`, { input: 'traffic-percentage' });
    if (inputs.strategy === 'blue-green' && inputs.trafficPercentage !== undefined)
        throw new errors/* ConfigurationError */.j1("Inputs 'traffic-percentage' and 'traffic-interval' set the steps of a canary or linear deployment; blue-green moves all traffic at once.", {
            input: 'traffic-percentage',
            hint: 'Use strategy: canary or linear for steps, or remove them.',
        });
}
/** Plans a CodeDeploy blue/green (all at once, canary or linear) deployment of an ECS service. */
function planCodeDeploy(inputs, service, taskDefinition, observed, appSpecFile) {
    refuseControllerMismatch(inputs, service);
    refuseForCodeDeploy(inputs);
    if (inputs.continueDeploymentId !== undefined)
        return planContinueStep(inputs, service, taskDefinition, observed);
    const target = deployableTaskDefinition(inputs, taskDefinition, observed);
    const { name, custom } = (0,codedeploy_config/* deploymentConfigFor */.H2)(inputs);
    const settings = (0,ecs_deploy_settings/* planSettings */.ZB)(inputs.settings, {
        service,
        taskDefinition: target,
        clusterCapacityProviders: observed.clusterCapacityProviders,
        controller: 'CODE_DEPLOY',
        where: `${inputs.cluster}/${inputs.service}`,
    });
    const { containerName, containerPort } = appSpecTarget(service, target, appSpecFile);
    const serviceArn = service.serviceArn ?? '';
    const clusterArn = service.clusterArn ?? '';
    const sources = logSources(target);
    const permissions = deployPermissions({
        ...runOf(inputs, observed.account, serviceArn, clusterArn),
        // A CodeDeploy ECS deployment always has its target groups: their health checks time reads.
        loadBalanced: true,
        codedeploy: {
            application: inputs.application,
            deploymentGroup: inputs.deploymentGroup,
            deploymentConfig: name,
            createConfig: custom !== undefined && !observed.configExists,
            readyStep: inputs.waitUntil === 'ready',
            continueStep: false,
            bakeRedeploy: bakeOutlastsTerminationWait(inputs.bakeMs, observed.terminationWaitMs),
            serviceUpdates: Object.keys(settings.update),
        },
        logSources: sources,
        images: imagesOf(target),
        settings: settingsRun(inputs),
    });
    return {
        mode: 'codedeploy',
        codedeploy: {
            application: inputs.application,
            deploymentGroup: inputs.deploymentGroup,
            deploymentConfig: name,
            createConfig: observed.configExists ? undefined : custom,
            appSpec: inputs.appSpec !== undefined && appSpecFile !== undefined
                ? appSpecWithTaskDefinition(inputs.appSpec.document, target.taskDefinitionArn ?? '', settings.appSpec)
                : ecsAppSpec(target.taskDefinitionArn ?? '', containerName, containerPort, settings.appSpec),
            containerName,
            containerPort,
            inFlight: observed.inFlight,
            terminationWaitMs: observed.terminationWaitMs,
            targetGroupNames: observed.targetGroupNames ?? [],
            routing: observed.routing ??
                (custom === undefined ? undefined : routingOf((0,codedeploy_config/* trafficRoutingConfig */.AC)(custom))),
        },
        region: inputs.region,
        cluster: inputs.cluster,
        service: inputs.service,
        serviceArn,
        previousTaskDefinition: service.taskDefinition,
        previousDesiredCount: service.desiredCount,
        taskDefinition: target.taskDefinitionArn,
        desiredCount: undefined,
        forceNewDeployment: false,
        inFlight: observed.inFlight,
        logSources: sources,
        images: imagesOf(target),
        permissions,
        settings,
    };
}
/** The A/B inputs act on the test listener rule of an ECS-native deployment only. */
function refuseAbOutsideNative(inputs, where) {
    if (inputs.abCondition === undefined)
        return;
    const input = inputs.abCondition.kind === 'header' ? 'test-traffic-header' : 'test-traffic-cookie';
    throw new errors/* ConfigurationError */.j1(`Input '${input}' sends some requests to the new version through the test listener rule of an ECS-native blue/green deployment, but ${where}.`, {
        input,
        hint: "Use it with strategy blue-green (canary, linear) on a service with ECS's own strategy and a test listener rule.",
    });
}
/** The strategy and the service's deployment controller must agree; the error names both. */
function refuseControllerMismatch(inputs, service) {
    const controller = service.deploymentController?.type ?? 'ECS';
    if (controller !== 'CODE_DEPLOY') {
        throw new errors/* ConfigurationError */.j1(`Strategy '${inputs.strategy}' needs a service on the CODE_DEPLOY deployment controller; ${inputs.cluster}/${inputs.service} uses ${controller}, which fits 'rolling'.`, { input: 'strategy' });
    }
    if (inputs.strategy === 'rolling' || inputs.strategy === 'recreate') {
        throw new errors/* ConfigurationError */.j1(`Strategy '${inputs.strategy}' needs a service on the ECS deployment controller; ${inputs.cluster}/${inputs.service} uses CODE_DEPLOY, which fits blue-green, canary and linear.`, { input: 'strategy' });
    }
}
/** The approval step: only ContinueDeployment and following; the deployment was planned before. */
function planContinueStep(inputs, service, taskDefinition, observed) {
    refuseSettingsInContinue(inputs, 'created');
    return {
        settings: NO_SETTINGS,
        mode: 'codedeploy',
        codedeploy: {
            application: inputs.application,
            deploymentGroup: inputs.deploymentGroup,
            deploymentConfig: '',
            createConfig: undefined,
            appSpec: { content: '', sha256: '' },
            // What a redeploy of the previous revision routes to, should the bake fail late.
            containerName: service.loadBalancers?.[0]?.containerName ?? '',
            containerPort: service.loadBalancers?.[0]?.containerPort ?? 0,
            inFlight: undefined,
            terminationWaitMs: observed.terminationWaitMs,
            targetGroupNames: observed.targetGroupNames ?? [],
        },
        region: inputs.region,
        cluster: inputs.cluster,
        service: inputs.service,
        serviceArn: service.serviceArn ?? '',
        previousTaskDefinition: service.taskDefinition,
        previousDesiredCount: service.desiredCount,
        taskDefinition: taskDefinition?.taskDefinitionArn,
        desiredCount: undefined,
        forceNewDeployment: false,
        inFlight: undefined,
        logSources: [],
        images: [],
        permissions: deployPermissions({
            ...runOf(inputs, observed.account, service.serviceArn ?? '', service.clusterArn ?? ''),
            loadBalanced: true,
            codedeploy: {
                application: inputs.application,
                deploymentGroup: inputs.deploymentGroup,
                deploymentConfig: '',
                createConfig: false,
                readyStep: false,
                continueStep: true,
                bakeRedeploy: bakeOutlastsTerminationWait(inputs.bakeMs, observed.terminationWaitMs),
                serviceUpdates: [],
            },
            logSources: [],
            images: [],
            settings: {},
        }),
    };
}
/**
 * The task definition to deploy, refused before any write when CodeDeploy could not deploy it:
 * missing or inactive, the group busy (on-in-flight: fail), missing, or the config unknown.
 */
function deployableTaskDefinition(inputs, taskDefinition, observed) {
    if (taskDefinition === undefined) {
        throw new errors/* ConfigurationError */.j1("Input 'task-definition' is required for a CodeDeploy deployment.", { input: 'task-definition' });
    }
    if (taskDefinition.status !== 'ACTIVE') {
        throw new errors/* ConfigurationError */.j1(`Task definition ${taskDefinition.taskDefinitionArn ?? ''} is ${taskDefinition.status ?? 'not ACTIVE'}; ECS will not deploy it.`, {
            input: 'task-definition',
        });
    }
    if (observed.inFlight !== undefined && inputs.onInFlight === 'fail')
        throw new errors/* DeploymentFailedError */.RJ(`Deployment ${observed.inFlight} of ${inputs.application}/${inputs.deploymentGroup} is still in progress.`, { hint: 'Wait for it, or set on-in-flight: wait or stop (stop rolls it back first).' });
    if (!observed.groupExists) {
        throw new errors/* ConfigurationError */.j1(`CodeDeploy deployment group ${inputs.deploymentGroup} of application ${inputs.application} does not exist.`, {
            input: 'codedeploy-deployment-group',
            hint: 'Create it for the service (the README shows how), or name yours in codedeploy-application and codedeploy-deployment-group.',
        });
    }
    const { name, custom } = (0,codedeploy_config/* deploymentConfigFor */.H2)(inputs);
    if (!observed.configExists && custom === undefined) {
        throw new errors/* ConfigurationError */.j1(`CodeDeploy does not know the deployment config '${name}'.`, {
            input: 'deployment-config',
            hint: 'Use a CodeDeployDefault.ECS* config, one of yours, or traffic-percentage with traffic-interval.',
        });
    }
    return taskDefinition;
}
/** The container and port the AppSpec routes traffic to, checked against the task definition. */
function appSpecTarget(service, taskDefinition, appSpecFile) {
    const balancer = service.loadBalancers?.[0];
    const containerName = appSpecFile?.containerName ?? balancer?.containerName ?? '';
    const containerPort = appSpecFile?.containerPort ?? balancer?.containerPort ?? 0;
    const container = taskDefinition.containerDefinitions?.find((c) => c.name === containerName);
    if (container === undefined ||
        !(container.portMappings ?? []).some((m) => m.containerPort === containerPort)) {
        throw new errors/* ConfigurationError */.j1(`The AppSpec routes traffic to container '${containerName}' port ${containerPort}, which ${container === undefined ? 'is not in' : 'has no such port in'} ${taskDefinition.taskDefinitionArn ?? ''}; it has ${(taskDefinition.containerDefinitions ?? []).map((c) => `${c.name ?? ''} (${(c.portMappings ?? []).map((m) => m.containerPort).join(', ') || 'no ports'})`).join(', ')}.`, { input: 'task-definition' });
    }
    return { containerName, containerPort };
}
/** Whether the bake outlasts the old task set, so a late failure needs a new deployment. */
function bakeOutlastsTerminationWait(bakeMs, terminationWaitMs) {
    return bakeMs > 0 && terminationWaitMs !== undefined && terminationWaitMs < bakeMs;
}

;// CONCATENATED MODULE: ./src/actions/ecs-deploy/codedeploy.ts

















/** The deployment config, or undefined when it does not exist (yet: a custom one is created). */
async function readConfig(codedeploy, name) {
    try {
        return ((await codedeploy.send(new client_codedeploy_dist_cjs/* GetDeploymentConfigCommand */.z2K({ deploymentConfigName: name })))
            .deploymentConfigInfo ?? {});
    }
    catch (error) {
        if ((0,errors/* awsErrorCode */.J6)(error) === 'DeploymentConfigDoesNotExistException')
            return undefined;
        throw error;
    }
}
async function observeCodeDeploy(inputs, service, taskDefinition, codedeploy, clusterCapacityProviders) {
    const account = service.serviceArn?.split(':')[4] ?? '*';
    const group = await observeDeploymentGroup(codedeploy, inputs.application, inputs.deploymentGroup);
    const { name } = (0,codedeploy_config/* deploymentConfigFor */.H2)(inputs);
    const config = await readConfig(codedeploy, name);
    return planCodeDeploy(inputs, service, taskDefinition, {
        groupExists: group.exists,
        configExists: config !== undefined,
        inFlight: group.inFlight,
        terminationWaitMs: group.terminationWaitMs,
        targetGroupNames: group.targetGroupNames,
        routing: config === undefined ? undefined : routingOf(config.trafficRoutingConfig),
        account,
        clusterCapacityProviders,
    }, inputs.appSpec === undefined || taskDefinition?.taskDefinitionArn === undefined
        ? undefined
        : {
            ...appSpecWithTaskDefinition(inputs.appSpec.document, taskDefinition.taskDefinitionArn),
            containerName: inputs.appSpec.containerName,
            containerPort: inputs.appSpec.containerPort,
        });
}
/**
 * A CodeDeploy rollback counts only once it is seen done: the rollback deployment Succeeded and
 * the service's production (PRIMARY) task set runs the previous task definition again.
 */
async function verifyRollback(plan, deps, rollback) {
    const service = await (0,deploy_service/* describeService */.J)(deps.ecs, plan.cluster, plan.service);
    const serving = service.taskSets?.find((t) => t.status === 'PRIMARY')?.taskDefinition ??
        service.taskDefinition ??
        'unknown';
    const verified = rollback.status === 'Succeeded' &&
        (plan.previousTaskDefinition === undefined || serving === plan.previousTaskDefinition);
    return { verified, serving };
}
/** The outcome of a failed deployment whose rollback did not bring the previous version back. */
function rollbackFailed(base, reason, rollbackId, rollback, serving, timeline) {
    return {
        ...base,
        status: 'ROLLBACK_FAILED',
        reason: `${reason} CodeDeploy's rollback ${rollbackId} ended ${rollback.status}${rollback.reason === '' ? '' : `: ${rollback.reason}`}. Production traffic is on ${serving}.`,
        rolledBack: false,
        rolledBackTo: undefined,
        reported: `rollback ${rollback.status}`,
        timeline,
        note: undefined,
    };
}
function codedeploy_codeDeployRun(plan, inputs, deps, context) {
    const cd = plan.codedeploy;
    if (cd === undefined)
        throw new Error('a CodeDeploy plan is needed');
    // The new tasks' health checks, read once, time every deployment this step follows.
    let healthy;
    const greenHealthyMs = () => (healthy ??=
        deps.elbv2 === undefined
            ? Promise.resolve(undefined)
            : targetGroupsHealthyMs(deps.elbv2, cd.targetGroupNames ?? [], context.logger));
    return {
        plan,
        cd,
        inputs,
        deps,
        context,
        greenHealthyMs,
        follow: async (deploymentId, until, analyse = false, fresh = false) => context.logger.group(`Following CodeDeploy deployment ${deploymentId}`, async () => followCodeDeployDeployment({
            ...(analyse ? { analysis: deps.analysis, routing: cd.routing } : {}),
            targetId: ecsTargetId(plan.cluster, plan.service),
            greenHealthyMs: await greenHealthyMs(),
            taskStarts: (taskSetId) => runningTaskStarts(deps.ecs, plan.cluster, taskSetId),
            fresh,
            codedeploy: deps.codedeploy,
            deploymentId,
            until,
            timeoutMs: inputs.timeoutMs,
            clock: context.clock,
            sleep: context.sleep,
            logger: context.logger,
            signal: context.signal,
            stoppedTasks: deps.stoppedTasks,
        })),
        record: async (kind) => {
            const previous = plan.previousTaskDefinition ?? '';
            if (plan.taskDefinition === undefined || previous === '')
                return;
            await recordChange(deps.ecs, plan.serviceArn, kind === 'deploy'
                ? { kind, from: previous, to: plan.taskDefinition }
                : { kind, from: plan.taskDefinition, to: previous }, context.logger);
        },
    };
}
/**
 * A CodeDeploy blue/green, canary or linear deployment: created at most once in effect (or an
 * approval step continued), followed to Ready or to its end, stopped with rollback when it times
 * out or fails its analysis, CodeDeploy's own rollback followed.
 */
async function executeCodeDeploy(plan, inputs, deps, context) {
    const run = codedeploy_codeDeployRun(plan, inputs, deps, context);
    const state = saveStart(plan, inputs.strategy, context);
    const continuing = inputs.continueDeploymentId !== undefined;
    const until = inputs.waitUntil === 'ready' && !continuing ? 'ready' : 'complete';
    const returnsSubmitted = inputs.waitUntil === 'submitted' && !continuing;
    const baking = until === 'complete' && !returnsSubmitted && inputs.bakeMs > 0;
    if (baking)
        warnShortTerminationWait(run);
    const deploymentId = inputs.continueDeploymentId === undefined
        ? await startDeployment(run, state)
        : await continueDeployment(run, state, inputs.continueDeploymentId);
    context.outputs.set('deployment-id', deploymentId);
    context.outputs.set('task-definition-arn', plan.taskDefinition ?? '');
    const base = { deploymentId, polls: undefined, bake: undefined };
    if (returnsSubmitted)
        return submitted(deploymentId);
    let outcome;
    try {
        // With a bake, following stops once all traffic is shifted: the bake watches from there.
        outcome = await run.follow(deploymentId, baking ? 'shifted' : until, true, !continuing);
    }
    catch (error) {
        if (!(error instanceof errors/* TimeoutError */.MU) && !(error instanceof AnalysisFailure))
            throw error;
        return await codedeploy_stopWithRollback(run, base, error);
    }
    if (baking && (outcome.status === 'InProgress' || outcome.status === 'Succeeded')) {
        const baked = await bakeThenFollow(run, base, outcome);
        if ('status' in baked)
            return baked;
        outcome = baked.outcome;
    }
    return await ended(run, base, outcome);
}
function warnShortTerminationWait({ plan, cd, inputs, context }) {
    if (!bakeOutlastsTerminationWait(inputs.bakeMs, cd.terminationWaitMs))
        return;
    context.logger.warning(`Deployment group ${cd.deploymentGroup} keeps the old version ${(0,util_time/* formatDuration */.a3)(cd.terminationWaitMs ?? 0)} after the traffic shift, less than bake-time ${(0,util_time/* formatDuration */.a3)(inputs.bakeMs)}: a failure later in the bake is rolled back by deploying ${plan.previousTaskDefinition ?? 'the previous revision'} again, which is slower than moving the traffic back. Set the group's termination wait to at least the bake time to keep the old version ready.`);
}
/** The approval step: the ready step's deployment moves its production traffic now. */
async function continueDeployment({ deps, context }, state, deploymentId) {
    state.save('deploymentId', deploymentId);
    await deps.codedeploy.send(new client_codedeploy_dist_cjs/* ContinueDeploymentCommand */.Md$({ deploymentId, deploymentWaitType: 'READY_WAIT' }));
    context.logger.info(`Continued deployment ${deploymentId}: traffic now moves to the new version.`);
    return deploymentId;
}
/** Settles an earlier deployment, prepares the config and the service, then creates ours once. */
async function startDeployment(run, state) {
    const { plan, cd, deps, context } = run;
    await settleInFlight(run);
    await ensureDeploymentConfig(run);
    // The settings UpdateService may change on a CODE_DEPLOY service go first; the network and
    // capacity providers travel in the AppSpec.
    const updated = Object.keys(plan.settings.update);
    if (updated.length > 0) {
        await deps.ecs.send(new client_ecs_dist_cjs/* UpdateServiceCommand */.kZr({
            cluster: plan.cluster,
            service: plan.service,
            ...plan.settings.update,
        }));
        context.logger.info(`Updated ${plan.cluster}/${plan.service}: ${updated.join(', ')}.`);
    }
    await run.record('deploy');
    // Read before the write: the health checks time the reads of the deployment from its start.
    await run.greenHealthyMs();
    const deploymentId = await createDeploymentOnce(deps.codedeploy, {
        applicationName: cd.application,
        deploymentGroupName: cd.deploymentGroup,
        deploymentConfigName: cd.deploymentConfig,
        description: `ecs-delivery: ${plan.taskDefinition ?? ''}`,
        revision: { revisionType: 'AppSpecContent', appSpecContent: cd.appSpec },
    }, context);
    state.save('deploymentId', deploymentId);
    context.logger.info(`Started CodeDeploy deployment ${deploymentId} (${cd.deploymentConfig}) of ${plan.taskDefinition ?? ''}.`);
    return deploymentId;
}
/** on-in-flight wait or stop: the earlier deployment (and its rollback) ends first. */
async function settleInFlight({ cd, inputs, deps, context, follow }) {
    if (cd.inFlight === undefined)
        return;
    // on-in-flight: fail was refused in the plan, before any write.
    if (inputs.onInFlight === 'stop') {
        context.logger.warning(`Stopping deployment ${cd.inFlight} (with rollback) before this one.`);
        await deps.codedeploy.send(new client_codedeploy_dist_cjs/* StopDeploymentCommand */.NzN({ deploymentId: cd.inFlight, autoRollbackEnabled: true }));
    }
    const earlier = await follow(cd.inFlight, 'complete');
    if (earlier.rollbackDeploymentId !== undefined)
        await follow(earlier.rollbackDeploymentId, 'complete');
}
/** Creates the custom canary or linear config the plan names, unless it exists already. */
async function ensureDeploymentConfig({ cd, deps, context }) {
    if (cd.createConfig === undefined)
        return;
    try {
        await deps.codedeploy.send(new client_codedeploy_dist_cjs/* CreateDeploymentConfigCommand */.JKx({
            deploymentConfigName: cd.deploymentConfig,
            computePlatform: 'ECS',
            trafficRoutingConfig: (0,codedeploy_config/* trafficRoutingConfig */.AC)(cd.createConfig),
        }));
        context.logger.info(`Created deployment config ${cd.deploymentConfig}.`);
    }
    catch (error) {
        if ((0,errors/* awsErrorCode */.J6)(error) !== 'DeploymentConfigAlreadyExistsException')
            throw error;
    }
}
/** A timeout or a failed analysis while traffic moves: stopped, with rollback when asked for. */
async function codedeploy_stopWithRollback(run, base, error) {
    const { plan, inputs, deps, context, follow } = run;
    const deploymentId = base.deploymentId;
    if (error instanceof AnalysisFailure)
        context.logger.warning('CodeDeploy shifts traffic on its own timer: the analysis cannot hold a step back, only stop the deployment.');
    let rolledBack = false;
    const rollbackStartedAt = inputs.onFailure === 'rollback' ? context.clock.now() : undefined;
    if (inputs.onFailure === 'rollback') {
        context.logger.warning(`Stopping deployment ${deploymentId} with rollback: ${error.message}`);
        await deps.codedeploy.send(new client_codedeploy_dist_cjs/* StopDeploymentCommand */.NzN({ deploymentId, autoRollbackEnabled: true }));
        const stopped = await follow(deploymentId, 'complete');
        // Stopped with rollback: traffic goes back to the original task set; a rollback deployment
        // may carry it (CodeDeploy names one) or the stop itself does.
        const back = stopped.rollbackDeploymentId === undefined
            ? stopped
            : await follow(stopped.rollbackDeploymentId, 'complete');
        const check = await verifyRollback(plan, deps, {
            ...back,
            status: back === stopped ? 'Succeeded' : back.status,
        });
        if (!check.verified)
            return rollbackFailed({ ...base, ...(rollbackStartedAt === undefined ? {} : { rollbackStartedAt }) }, error.message, stopped.rollbackDeploymentId ?? deploymentId, back, check.serving, []);
        rolledBack = true;
        await run.record('rollback');
    }
    return {
        ...base,
        ...(rollbackStartedAt === undefined ? {} : { rollbackStartedAt }),
        status: 'STOPPED',
        reason: error.message,
        rolledBack,
        rolledBackTo: rolledBack ? (plan.previousTaskDefinition ?? 'the original task set') : undefined,
        reported: `Stopped ${rolledBack ? 'and rolled back' : 'without rollback'}`,
        timeline: [],
        note: undefined,
    };
}
/**
 * The bake once traffic is all shifted. A failure or a newer deployment ends the step here (the
 * outcome); a held bake follows the rest of the termination wait and hands on what it saw.
 */
async function bakeThenFollow(run, base, shifted) {
    const baked = await bakeCodeDeploy(run, base.deploymentId, shifted);
    base.bake = baked.result;
    if (baked.replaced !== undefined) {
        run.context.logger.warning(baked.replaced);
        return {
            ...base,
            status: 'REPLACED',
            reason: baked.replaced,
            rolledBack: false,
            rolledBackTo: undefined,
            reported: 'replaced',
            timeline: shifted.timeline,
            note: undefined,
        };
    }
    if (baked.failure !== undefined)
        return {
            ...base,
            ...(baked.rolledBack || baked.rollbackFailed === true
                ? { rollbackStartedAt: baked.result.startedAt + baked.result.ranMs }
                : {}),
            status: baked.rollbackFailed === true ? 'ROLLBACK_FAILED' : 'FAILED',
            reason: `The new version failed its bake after ${(0,util_time/* formatDuration */.a3)(baked.result.ranMs)}: ${baked.failure}`,
            rolledBack: baked.rolledBack,
            rolledBackTo: baked.rolledBack ? baked.how : undefined,
            reported: 'Failed in the bake',
            timeline: shifted.timeline,
            note: undefined,
        };
    // Held: the rest of the termination wait, if any, is followed to the end as before.
    const rest = shifted.status === 'InProgress' ? await run.follow(base.deploymentId, 'complete') : shifted;
    return { outcome: { ...rest, timeline: [...shifted.timeline, ...rest.timeline] } };
}
/** The deployment's end as CodeDeploy reports it, with CodeDeploy's own rollback verified. */
async function ended(run, base, outcome) {
    const { plan, deps } = run;
    let rolledBack = false;
    if (outcome.rollbackDeploymentId !== undefined) {
        const back = await run.follow(outcome.rollbackDeploymentId, 'complete');
        const check = await verifyRollback(plan, deps, back);
        if (!check.verified)
            return rollbackFailed(base, outcome.reason, outcome.rollbackDeploymentId, back, check.serving, outcome.timeline);
        rolledBack = true;
        await run.record('rollback');
    }
    const status = outcome.status === 'Succeeded'
        ? 'SUCCEEDED'
        : outcome.status === 'Ready'
            ? 'READY'
            : outcome.status === 'Stopped'
                ? 'STOPPED'
                : 'FAILED';
    return {
        ...base,
        status,
        reason: outcome.reason,
        rolledBack,
        rolledBackTo: rolledBack
            ? `${plan.previousTaskDefinition ?? 'the original task set'} by CodeDeploy's rollback ${outcome.rollbackDeploymentId ?? ''}`
            : undefined,
        reported: outcome.status,
        timeline: outcome.timeline,
        note: status === 'READY'
            ? `Ready: test traffic reaches the new version. Continue with \`continue-deployment-id: ${base.deploymentId}\`.`
            : undefined,
    };
}
/**
 * The bake of a CodeDeploy deployment whose traffic is all on the new version: during the
 * termination wait a failure stops the deployment with rollback (traffic moves back to the old
 * task set at once); once the old task set is gone, the previous revision is deployed again.
 */
async function bakeCodeDeploy(run, deploymentId, shifted) {
    const { plan, cd, inputs, deps, context } = run;
    const watched = await context.logger.group(`Bake: ${plan.taskDefinition ?? deploymentId} for ${(0,util_time/* formatDuration */.a3)(inputs.bakeMs)}`, () => bake({
        durationMs: inputs.bakeMs,
        look: codeDeployBakeLook({
            codedeploy: deps.codedeploy,
            deploymentId,
            stoppedTasks: deps.stoppedTasks,
            group: { application: cd.application, deploymentGroup: cd.deploymentGroup },
        }),
        analysis: deps.analysis.active ? deps.analysis : undefined,
        clock: context.clock,
        sleep: context.sleep,
        logger: context.logger,
        signal: context.signal,
        what: `the new version of ${plan.cluster}/${plan.service}`,
    }));
    const result = {
        plannedMs: inputs.bakeMs,
        ranMs: watched.ranMs,
        failure: watched.verdict.kind === 'held' ? undefined : watched.verdict.reason,
        during: shifted.status === 'InProgress' ? 'termination-wait' : 'after-termination',
        startedAt: context.clock.now() - watched.ranMs,
    };
    const nothingDone = { result, failure: undefined, rolledBack: false, how: '' };
    if (watched.verdict.kind === 'held')
        return nothingDone;
    if (watched.verdict.kind === 'replaced')
        return { ...nothingDone, replaced: watched.verdict.reason };
    const failure = watched.verdict.reason;
    if (inputs.onFailure !== 'rollback')
        return { ...nothingDone, failure };
    const status = (await deps.codedeploy.send(new client_codedeploy_dist_cjs/* GetDeploymentCommand */.Tvn({ deploymentId })))
        .deploymentInfo?.status;
    if (status === 'InProgress') {
        const back = await moveTrafficBack(run, deploymentId, failure);
        if (back !== undefined)
            return { result, ...back };
    }
    return { result, ...(await redeployPrevious(run, failure)) };
}
/**
 * During the termination wait: stops the deployment with rollback, so traffic goes back to the
 * old task set, still up. Undefined when the stop found the old version already gone.
 */
async function moveTrafficBack(run, deploymentId, failure) {
    const { plan, deps, context } = run;
    context.logger.warning(`Stopping deployment ${deploymentId} with rollback: traffic goes back to the old version, still up in the termination wait.`);
    try {
        await deps.codedeploy.send(new client_codedeploy_dist_cjs/* StopDeploymentCommand */.NzN({ deploymentId, autoRollbackEnabled: true }));
    }
    catch (error) {
        if ((0,errors/* awsErrorCode */.J6)(error) !== 'DeploymentAlreadyCompletedException')
            throw error;
    }
    const stopped = await run.follow(deploymentId, 'complete');
    const rollbackId = stopped.rollbackDeploymentId;
    if (rollbackId === undefined) {
        return stopped.status === 'Succeeded' ? undefined : { failure, rolledBack: false, how: '' };
    }
    const back = await run.follow(rollbackId, 'complete');
    const check = await verifyRollback(plan, deps, back);
    if (!check.verified)
        return {
            failure: `${failure} CodeDeploy's rollback ${rollbackId} ended ${back.status}; production traffic is on ${check.serving}.`,
            rolledBack: false,
            rollbackFailed: true,
            how: '',
        };
    await run.record('rollback');
    return {
        failure,
        rolledBack: true,
        how: `${plan.previousTaskDefinition ?? 'the old version'} (traffic moved back to the original task set)`,
    };
}
/** After the termination wait the old task set is gone: the previous revision, deployed again at once. */
async function redeployPrevious(run, failure) {
    const { plan, cd, inputs, deps, context } = run;
    const previous = plan.previousTaskDefinition;
    if (previous === undefined)
        return { failure, rolledBack: false, how: '' };
    context.logger.warning(`The old version is gone (the termination wait ended before the bake did): deploying ${previous} again.`);
    const appSpec = inputs.appSpec === undefined
        ? ecsAppSpec(previous, cd.containerName, cd.containerPort)
        : appSpecWithTaskDefinition(inputs.appSpec.document, previous);
    const redeployId = await createDeploymentOnce(deps.codedeploy, {
        applicationName: cd.application,
        deploymentGroupName: cd.deploymentGroup,
        deploymentConfigName: codedeploy_config/* BAKE_REDEPLOY_CONFIG */._h,
        description: `ecs-delivery: roll back a failed bake to ${previous}`,
        revision: { revisionType: 'AppSpecContent', appSpecContent: appSpec },
    }, context);
    const redeployed = await run.follow(redeployId, 'complete');
    const check = await verifyRollback(plan, deps, redeployed);
    if (!check.verified)
        return {
            failure: `${failure} Deploying ${previous} again (${redeployId}) ended ${redeployed.status}; production traffic is on ${check.serving}.`,
            rolledBack: false,
            rollbackFailed: true,
            how: '',
        };
    await run.record('rollback');
    return { failure, rolledBack: true, how: `${previous} (deployed again with ${redeployId})` };
}
/** Post step: stop an unfinished CodeDeploy deployment with rollback. */
async function postCodeDeploy(codedeploy, context) {
    const state = new action_state/* TypedState */.a(context.state);
    const deploymentId = state.get('deploymentId');
    if (state.get('finished') !== false || deploymentId === undefined || deploymentId === '')
        return;
    // Only a deployment still in progress is ours to stop: one that ended may already have been
    // followed by someone else's, which a rollback would undo.
    const status = (await codedeploy.send(new client_codedeploy_dist_cjs/* GetDeploymentCommand */.Tvn({ deploymentId }))).deploymentInfo
        ?.status;
    if (status === undefined || !ACTIVE.includes(status)) {
        context.logger.info(`The deploy step did not finish, but deployment ${deploymentId} had already ended ${status ?? '?'}: nothing to stop.`);
        return;
    }
    context.logger.warning(`The deploy step did not finish (cancelled or timed out): stopping deployment ${deploymentId} with rollback.`);
    try {
        await codedeploy.send(new client_codedeploy_dist_cjs/* StopDeploymentCommand */.NzN({ deploymentId, autoRollbackEnabled: true }));
    }
    catch (error) {
        if ((0,errors/* awsErrorCode */.J6)(error) !== 'DeploymentAlreadyCompletedException')
            throw error;
    }
}

;// CONCATENATED MODULE: ./src/core/ecr/platform.ts



const ACCEPTED = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.v2+json',
];
const ARCHITECTURES = { X86_64: 'amd64', ARM64: 'arm64' };
/** The platform a task runs on: Fargate's default is Linux on x86-64. */
function taskPlatform(runtime) {
    const family = runtime?.operatingSystemFamily ?? 'LINUX';
    const os = family === 'LINUX' ? 'linux' : 'windows';
    return `${os}/${ARCHITECTURES[runtime?.cpuArchitecture ?? 'X86_64'] ?? 'amd64'}`;
}
/**
 * The platforms an ECR image runs on: an index lists them; a single image's config blob names
 * its os and architecture (read through GetDownloadUrlForLayer). Undefined when it cannot tell.
 */
async function imagePlatforms(ecr, image, download = async (url) => (await fetch(url)).text()) {
    const reference = parseImageReference(image);
    try {
        const found = await ecr.send(new client_ecr_dist_cjs/* BatchGetImageCommand */.P8n({
            repositoryName: reference.repository,
            imageIds: [
                reference.digest === undefined
                    ? { imageTag: reference.tag ?? 'latest' }
                    : { imageDigest: reference.digest },
            ],
            acceptedMediaTypes: ACCEPTED,
        }));
        const text = found.images?.[0]?.imageManifest;
        if (text === undefined)
            return { platforms: undefined, note: 'no manifest' };
        const manifest = JSON.parse(text);
        if (manifest.manifests !== undefined) {
            const platforms = manifest.manifests
                .map((m) => `${m.platform?.os ?? ''}/${m.platform?.architecture ?? ''}`)
                // Attestation manifests in buildx indexes say unknown/unknown.
                .filter((p) => !p.includes('unknown') && p !== '/');
            return { platforms: [...new Set(platforms)] };
        }
        const digest = manifest.config?.digest;
        if (digest === undefined)
            return { platforms: undefined, note: 'no config in the manifest' };
        const url = (await ecr.send(new client_ecr_dist_cjs/* GetDownloadUrlForLayerCommand */.pKL({
            repositoryName: reference.repository,
            layerDigest: digest,
        }))).downloadUrl;
        if (url === undefined)
            return { platforms: undefined, note: 'no download URL for the config' };
        const config = JSON.parse(await download(url));
        if (config.os === undefined || config.architecture === undefined)
            return { platforms: undefined, note: 'the config names no platform' };
        return { platforms: [`${config.os}/${config.architecture}`] };
    }
    catch (error) {
        return { platforms: undefined, note: (0,errors/* errorMessage */.gJ)(error).split('\n')[0] ?? '' };
    }
}

;// CONCATENATED MODULE: ./src/core/taskdef/describe.ts



/**
 * Reads a registered task definition (ARN, family:revision or family). One that does not exist is
 * a configuration error naming the input that named it.
 */
async function describeTaskDefinition(ecs, name, input, hint) {
    try {
        const found = (await ecs.send(new client_ecs_dist_cjs/* DescribeTaskDefinitionCommand */.Zy$({ taskDefinition: name })))
            .taskDefinition;
        if (found !== undefined)
            return found;
    }
    catch (error) {
        // ECS answers ClientException for a task definition it does not know.
        if ((0,errors/* awsErrorCode */.J6)(error) !== 'ClientException')
            throw error;
    }
    throw new errors/* ConfigurationError */.j1(`Task definition ${name} was not found.`, {
        input,
        ...(hint === undefined ? {} : { hint }),
    });
}

;// CONCATENATED MODULE: ./src/actions/ecs-deploy/observe.ts









/**
 * Reads the service, the task definition, its images (in ECR, for the task's platform) and the
 * alarms, then plans the deployment for the service's controller.
 */
async function observeAndPlan(inputs, clients, logger, 
/** The service, as the step's first read found it (action.ts). */
service) {
    const { ecs, codedeploy, ecr, cloudwatch } = clients;
    await checkAlarmsExist(cloudwatch, inputs.analysis.alarms);
    const taskDefinition = inputs.taskDefinition === undefined
        ? undefined
        : await describeTaskDefinition(ecs, inputs.taskDefinition, 'task-definition');
    if (taskDefinition !== undefined) {
        // An image missing from ECR would only show up as CannotPullContainerError mid-deployment.
        const images = (taskDefinition.containerDefinitions ?? [])
            .map((c) => c.image ?? '')
            .filter((i) => i !== '');
        const checks = await checkImages(ecr, images);
        const missing = checks.filter((check) => check.found === false);
        if (missing.length > 0) {
            throw new errors/* ConfigurationError */.j1(`Image ${missing.map((m) => m.image).join(', ')} of ${taskDefinition.taskDefinitionArn ?? ''} is not in its ECR repository.`, {
                input: 'task-definition',
                hint: 'Push it first (ecr-build-push), or register a task definition with an image that exists.',
            });
        }
        // An image built for another platform starts and dies with "exec format error".
        const wanted = taskPlatform(taskDefinition.runtimePlatform);
        for (const check of checks.filter((c) => c.found === true)) {
            const { platforms, note } = await imagePlatforms(ecr, check.image);
            if (platforms === undefined) {
                logger.info(`Could not read the platform of ${check.image} (${note ?? 'unknown'}); not checked.`);
            }
            else if (!platforms.includes(wanted)) {
                throw new errors/* ConfigurationError */.j1(`Image ${check.image} is built for ${platforms.join(', ')}, but ${taskDefinition.taskDefinitionArn ?? ''} runs on ${wanted} (its runtimePlatform${taskDefinition.runtimePlatform === undefined ? ' is not set: Fargate runs LINUX/X86_64' : ''}): its containers would fail to start.`, {
                    input: 'task-definition',
                    hint: `Build for ${wanted} (ecr-build-push platforms), or set runtimePlatform.cpuArchitecture to match the image.`,
                });
            }
        }
    }
    const controller = service.deploymentController?.type ?? 'ECS';
    // A capacity provider strategy must name providers of the cluster: one read tells.
    const clusterCapacityProviders = inputs.settings.capacityProviderStrategy === undefined
        ? undefined
        : ((await ecs.send(new client_ecs_dist_cjs/* DescribeClustersCommand */._2_({ clusters: [service.clusterArn ?? inputs.cluster] }))).clusters?.[0]?.capacityProviders ?? []);
    // A forced new deployment keeps the task definition: its volumes and ports are what the
    // settings are checked against.
    const { ebsVolume, serviceConnect, subnets, securityGroups } = inputs.settings;
    const checksTaskDefinition = [ebsVolume, serviceConnect, subnets, securityGroups].some((setting) => setting !== undefined);
    const runningTaskDefinition = taskDefinition === undefined && checksTaskDefinition && service.taskDefinition !== undefined
        ? await describeTaskDefinition(ecs, service.taskDefinition, 'task-definition')
        : undefined;
    const plan = controller === 'CODE_DEPLOY' ||
        (inputs.continueDeploymentId !== undefined &&
            !(0,ecs_deploy_inputs/* isServiceDeploymentArn */.Mo)(inputs.continueDeploymentId))
        ? await observeCodeDeploy(inputs, service, taskDefinition, codedeploy, clusterCapacityProviders)
        : planDeploy(inputs, service, taskDefinition, {
            clusterCapacityProviders,
            runningTaskDefinition,
        });
    return plan;
}

// EXTERNAL MODULE: ./src/core/util/text.ts
var util_text = __webpack_require__(6889);
;// CONCATENATED MODULE: ./src/core/taskdef/render.ts


/** Fields DescribeTaskDefinition returns that RegisterTaskDefinition rejects. */
const DESCRIBE_ONLY_KEYS = [
    'taskDefinitionArn',
    'revision',
    'status',
    'requiresAttributes',
    'compatibilities',
    'registeredAt',
    'registeredBy',
    'deregisteredAt',
    'deleteRequestedAt',
];
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** Drops null, empty strings, empty lists and empty objects, recursively (map values included). */
function pruneEmpty(value) {
    if (Array.isArray(value)) {
        return value.map((item) => pruneEmpty(item)).filter((item) => !isEmpty(item));
    }
    if (isObject(value)) {
        const result = {};
        for (const [key, item] of Object.entries(value)) {
            const pruned = pruneEmpty(item);
            if (!isEmpty(pruned))
                result[key] = pruned;
        }
        return result;
    }
    return value;
}
function isEmpty(value) {
    if (value === null || value === undefined || value === '')
        return true;
    if (Array.isArray(value))
        return value.length === 0;
    if (isObject(value))
        return Object.keys(value).length === 0;
    return false;
}
/**
 * Accepts the output of `aws ecs describe-task-definition` (with or without its `taskDefinition`
 * wrapper and `tags`) or a plain definition, and returns what RegisterTaskDefinition takes.
 */
function fromDescribeOutput(raw, source) {
    if (!isObject(raw)) {
        throw new ConfigurationError(`${source} must be a JSON or YAML object, not ${Array.isArray(raw) ? 'a list' : typeof raw}.`);
    }
    const wrapped = isObject(raw['taskDefinition']) ? raw['taskDefinition'] : raw;
    const definition = omitKeys(wrapped, DESCRIBE_ONLY_KEYS);
    const outerTags = wrapped === raw ? undefined : raw['tags'];
    const tags = toTags(definition['tags'] ?? outerTags);
    delete definition['tags'];
    return { definition: pruneEmpty(definition), tags };
}
function toTags(value) {
    if (!Array.isArray(value))
        return [];
    return value
        .filter(isObject)
        .map((tag) => ({ key: asText(tag['key']), value: asText(tag['value']) }))
        .filter((tag) => tag.key !== '');
}
function upsert(list, entries, field, remove) {
    const current = Array.isArray(list)
        ? list.filter(isObject)
        : [];
    const byName = new Map(current.map((item) => [String(item['name']), item]));
    for (const name of remove)
        byName.delete(name);
    for (const [name, value] of Object.entries(entries))
        byName.set(name, { name, [field]: value });
    const result = [...byName.values()];
    return result.length === 0 ? undefined : result;
}
function applyContainer(container, change) {
    const next = { ...container };
    if (change.image !== undefined)
        next.image = change.image;
    if (change.environment !== undefined || change.removeEnvironment !== undefined) {
        const environment = upsert(next['environment'], change.environment ?? {}, 'value', change.removeEnvironment ?? []);
        if (environment === undefined)
            delete next['environment'];
        else
            next['environment'] = environment;
    }
    if (change.secrets !== undefined || change.removeSecrets !== undefined) {
        const secrets = upsert(next['secrets'], change.secrets ?? {}, 'valueFrom', change.removeSecrets ?? []);
        if (secrets === undefined)
            delete next['secrets'];
        else
            next['secrets'] = secrets;
    }
    if (change.cpu !== undefined)
        next['cpu'] = change.cpu;
    if (change.memory !== undefined)
        next['memory'] = change.memory;
    if (change.memoryReservation !== undefined)
        next['memoryReservation'] = change.memoryReservation;
    if (change.command !== undefined)
        next['command'] = change.command;
    if (change.dockerLabels !== undefined) {
        next['dockerLabels'] = {
            ...(isObject(next['dockerLabels']) ? next['dockerLabels'] : {}),
            ...change.dockerLabels,
        };
    }
    if (change.logConfiguration !== undefined)
        next['logConfiguration'] = change.logConfiguration;
    return next;
}
/**
 * Applies the requested changes to a definition. Every named container must exist; the error
 * lists the ones that do.
 */
function applyChanges(definition, changes) {
    const containers = definition.containerDefinitions ?? [];
    const names = containers.map((c) => String(c.name));
    for (const change of changes.containers) {
        if (!names.includes(change.name)) {
            throw new ConfigurationError(`Container '${change.name}' is not in the task definition; it has ${names.length === 0 ? 'no containers' : names.map((n) => `'${n}'`).join(', ')}.`, { input: 'container-name', hint: 'Use the name of a container in containerDefinitions.' });
        }
    }
    const next = {
        ...definition,
        containerDefinitions: containers.map((container) => changes.containers
            .filter((change) => change.name === container.name)
            .reduce((current, change) => applyContainer(current, change), container)),
    };
    if (changes.cpu !== undefined)
        next['cpu'] = changes.cpu;
    if (changes.memory !== undefined)
        next['memory'] = changes.memory;
    if (changes.taskRoleArn !== undefined)
        next['taskRoleArn'] = changes.taskRoleArn;
    if (changes.executionRoleArn !== undefined)
        next['executionRoleArn'] = changes.executionRoleArn;
    return next;
}
/** Tags merged: the source's, then the requested ones (same key replaces). */
function mergeTags(source, requested) {
    const byKey = new Map(source.map((tag) => [tag.key, tag.value]));
    for (const [key, value] of Object.entries(requested ?? {}))
        byKey.set(key, value);
    return [...byKey.entries()]
        .map(([key, value]) => ({ key, value }))
        .sort((a, b) => a.key.localeCompare(b.key));
}

;// CONCATENATED MODULE: ./src/core/taskdef/normalize.ts


function byName(a, b) {
    return String(a.name).localeCompare(String(b.name));
}
/**
 * The definition as ECS stores it: the defaults ECS fills (essential, cpu 0, tcp, hostPort under
 * awsvpc, networkMode), describe-only fields and empty values removed, lists whose order ECS does
 * not keep meaningful sorted. Two definitions that normalize equal register the same revision.
 */
function normalizeDefinition(definition) {
    const copy = (0,util_text/* omitKeys */.Q)(structuredClone(definition), [
        ...DESCRIBE_ONLY_KEYS,
        'tags',
    ]);
    const compatibilities = Array.isArray(copy['requiresCompatibilities'])
        ? copy['requiresCompatibilities']
        : [];
    copy['networkMode'] ??= compatibilities.includes('FARGATE') ? 'awsvpc' : 'bridge';
    const awsvpc = copy['networkMode'] === 'awsvpc';
    for (const key of ['cpu', 'memory']) {
        if (typeof copy[key] === 'number')
            copy[key] = String(copy[key]);
    }
    const containers = copy['containerDefinitions'] ?? [];
    copy['containerDefinitions'] = containers.map((container) => {
        const next = { ...container };
        next['essential'] ??= true;
        next['cpu'] ??= 0;
        if (Array.isArray(next['portMappings'])) {
            next['portMappings'] = next['portMappings'].map((mapping) => ({
                ...mapping,
                protocol: mapping['protocol'] ?? 'tcp',
                ...(awsvpc && mapping['hostPort'] === undefined && mapping['containerPort'] !== undefined
                    ? { hostPort: mapping['containerPort'] }
                    : {}),
            }));
        }
        for (const list of ['environment', 'secrets', 'environmentFiles']) {
            if (Array.isArray(next[list]))
                next[list] = [...next[list]].sort(byName);
        }
        return next;
    });
    return pruneEmpty(copy);
}
/** JSON with object keys sorted, so equal definitions give equal text. */
function stableStringify(value) {
    if (Array.isArray(value))
        return `[${value.map(stableStringify).join(',')}]`;
    if (typeof value === 'object' && value !== null) {
        return `{${Object.keys(value)
            .sort()
            .map((key) => `${JSON.stringify(key)}:${stableStringify(value[key])}`)
            .join(',')}}`;
    }
    return JSON.stringify(value);
}
/** Whether registering `a` would give the same revision as `b` (tags compared by the caller). */
function sameDefinition(a, b) {
    return stableStringify(normalizeDefinition(a)) === stableStringify(normalizeDefinition(b));
}

;// CONCATENATED MODULE: ./src/core/taskdef/diff.ts


function names(list) {
    const result = new Map();
    if (!Array.isArray(list))
        return result;
    for (const entry of list) {
        result.set((0,util_text/* asText */.e)(entry['name']), (0,util_text/* asText */.e)(entry['value'] ?? entry['valueFrom']));
    }
    return result;
}
function show(value) {
    if (value === undefined || value === null)
        return undefined;
    return typeof value === 'string' ? value : JSON.stringify(value);
}
/** Ports as a user reads them (80/tcp http), in order; ECS's filled-in defaults do not count. */
function ports(list) {
    if (!Array.isArray(list) || list.length === 0)
        return undefined;
    return list.map((m) => `${(0,util_text/* asText */.e)(m['containerPort'])}/${(0,util_text/* asText */.e)(m['protocol'] ?? 'tcp')}${m['name'] === undefined ? '' : ` ${(0,util_text/* asText */.e)(m['name'])}`}`);
}
/** What changes from the previous revision to the rendered one: containers, images, env names, sizes. */
function diffDefinitions(previousAsGiven, nextAsGiven) {
    // Both as ECS stores them: a default ECS filled in (container cpu 0, essential) is no change.
    const previous = previousAsGiven === undefined ? undefined : normalizeDefinition(previousAsGiven);
    const next = normalizeDefinition(nextAsGiven);
    const entries = [];
    const before = new Map((previous?.containerDefinitions ?? []).map((c) => [String(c.name), c]));
    const after = new Map((next.containerDefinitions ?? []).map((c) => [String(c.name), c]));
    for (const field of ['cpu', 'memory', 'taskRoleArn', 'executionRoleArn']) {
        const a = show(previous?.[field]);
        const b = show(next[field]);
        if (a !== b)
            entries.push({
                field,
                ...(a === undefined ? {} : { before: a }),
                ...(b === undefined ? {} : { after: b }),
            });
    }
    for (const [name, container] of after) {
        const old = before.get(name);
        if (old === undefined) {
            entries.push({ container: name, field: 'container', after: 'added' });
            continue;
        }
        for (const field of [
            'image',
            'cpu',
            'memory',
            'memoryReservation',
            'command',
            'portMappings',
        ]) {
            const a = show(field === 'portMappings' ? ports(old[field]) : old[field]);
            const b = show(field === 'portMappings' ? ports(container[field]) : container[field]);
            if (a !== b)
                entries.push({
                    container: name,
                    field,
                    ...(a === undefined ? {} : { before: a }),
                    ...(b === undefined ? {} : { after: b }),
                });
        }
        for (const list of ['environment', 'secrets']) {
            const a = names(old[list]);
            const b = names(container[list]);
            for (const key of b.keys()) {
                if (!a.has(key))
                    entries.push({ container: name, field: `${list} ${key}`, after: 'added' });
                else if (a.get(key) !== b.get(key))
                    entries.push({ container: name, field: `${list} ${key}`, after: 'changed' });
            }
            for (const key of a.keys())
                if (!b.has(key))
                    entries.push({ container: name, field: `${list} ${key}`, before: 'removed' });
        }
    }
    for (const name of before.keys())
        if (!after.has(name))
            entries.push({ container: name, field: 'container', before: 'removed' });
    return entries;
}

;// CONCATENATED MODULE: ./src/actions/ecs-deploy/dry-run.ts
// dry-run: everything a deploy would do, said before it is done and without doing it: the task
// definition container by container against what the service runs, the service settings that
// would change, the strategy and its traffic steps. Nothing is written (not even to GitHub).







/** The traffic steps of a CodeDeploy config, in words (pure). */
function trafficSteps(config) {
    const canary = config?.timeBasedCanary;
    if (config?.type === 'TimeBasedCanary' && canary !== undefined)
        return [
            `${canary.canaryPercentage ?? 0}% of production traffic to the new version`,
            `after ${canary.canaryInterval ?? 0} min: 100%`,
        ];
    const linear = config?.timeBasedLinear;
    if (config?.type === 'TimeBasedLinear' && linear !== undefined) {
        const step = linear.linearPercentage ?? 100;
        const steps = [];
        for (let percent = step; percent < 100; percent += step)
            steps.push(`${steps.length === 0 ? '' : `after ${(linear.linearInterval ?? 0) * steps.length} min: `}${percent}%`);
        steps.push(`after ${(linear.linearInterval ?? 0) * steps.length} min: 100%`);
        return steps;
    }
    return ['100% of production traffic to the new version at once'];
}
async function codeDeploySteps(plan, codedeploy) {
    const cd = plan.codedeploy;
    if (cd === undefined)
        return [];
    if (cd.createConfig !== undefined)
        return trafficSteps((0,codedeploy_config/* trafficRoutingConfig */.AC)(cd.createConfig));
    const info = (await codedeploy.send(new client_codedeploy_dist_cjs/* GetDeploymentConfigCommand */.z2K({ deploymentConfigName: cd.deploymentConfig }))).deploymentConfigInfo;
    return trafficSteps(info?.trafficRoutingConfig);
}
/** Observes what the deploy would change against the live service, and reports it. */
async function dryRun(plan, inputs, clients, context) {
    const { ecs } = clients;
    const service = await (0,deploy_service/* describeService */.J)(ecs, plan.cluster, plan.service);
    const now = plan.previousTaskDefinition === undefined
        ? undefined
        : await describeTaskDefinition(ecs, plan.previousTaskDefinition, 'task-definition');
    const next = plan.taskDefinition === undefined
        ? undefined
        : await describeTaskDefinition(ecs, plan.taskDefinition, 'task-definition');
    const taskDefinition = next === undefined || plan.taskDefinition === plan.previousTaskDefinition
        ? []
        : diffDefinitions(now, next);
    const settings = plan.settings.changes.map((c) => ({
        setting: c.setting,
        from: c.from,
        to: c.to,
        via: c.via,
    }));
    if (plan.desiredCount !== undefined && plan.desiredCount !== service.desiredCount)
        settings.push({
            setting: 'desiredCount',
            from: String(service.desiredCount ?? 0),
            to: String(plan.desiredCount),
            via: 'UpdateService',
        });
    const config = service.deploymentConfiguration;
    const native = plan.native;
    for (const change of native?.changes ?? [])
        settings.push({
            setting: `deploymentConfiguration.${change.split(':')[0] ?? ''}`,
            from: change.split(': ')[1]?.split(' → ')[0] ?? '',
            to: change.split(' → ')[1] ?? '',
            via: 'UpdateService',
        });
    const strategy = native !== undefined
        ? `${inputs.strategy} through ECS's own ${native.strategy} strategy (no CodeDeploy)`
        : plan.mode === 'rolling'
            ? `rolling: at least ${config?.minimumHealthyPercent ?? 100}% healthy, at most ${config?.maximumPercent ?? 200}% running; circuit breaker ${config?.deploymentCircuitBreaker?.enable === true ? `on${config.deploymentCircuitBreaker.rollback === true ? ', rolls back' : ''}` : 'off'}`
            : `${inputs.strategy} through CodeDeploy (${plan.codedeploy?.deploymentConfig ?? '?'})`;
    const steps = native !== undefined
        ? [
            `green tasks of ${plan.taskDefinition ?? 'the same task definition'} start in the alternate target group, test traffic moves to them`,
            `production traffic: ${native.steps}`,
            `ECS bakes ${native.ecsBakeMinutes} min with the old version still up, then removes it`,
        ]
        : plan.mode === 'rolling'
            ? [
                `new tasks of ${plan.taskDefinition ?? 'the same task definition'} replace the old ones${plan.forceNewDeployment ? ' (a new deployment is forced)' : ''}`,
            ]
            : await codeDeploySteps(plan, clients.codedeploy);
    const changes = (plan.taskDefinition !== undefined && plan.taskDefinition !== plan.previousTaskDefinition) ||
        plan.forceNewDeployment ||
        settings.length > 0;
    const result = { changes, taskDefinition, settings, strategy, steps };
    report(result, plan, inputs, context);
    return result;
}
function report(result, plan, inputs, context) {
    const { logger, summary, outputs } = context;
    const where = `${plan.cluster}/${plan.service}`;
    logger.info(`Dry run: nothing is changed. What a deploy to ${where} would do:`);
    logger.info(`task definition: ${plan.previousTaskDefinition ?? '(none)'} -> ${plan.taskDefinition ?? '(unchanged, new tasks)'}`);
    for (const d of result.taskDefinition)
        logger.info(`  ${d.container ?? '(task)'} ${d.field}: ${d.before ?? '—'} -> ${d.after ?? '—'}`);
    for (const s of result.settings)
        logger.info(`setting ${s.setting}: ${s.from} -> ${s.to} (${s.via})`);
    logger.info(`strategy: ${result.strategy}`);
    for (const step of result.steps)
        logger.info(`  ${step}`);
    logger.info(result.changes
        ? `Would change ${where}.`
        : `Nothing to change: ${where} already runs this, with these settings.`);
    outputs.set('status', 'DRY_RUN');
    outputs.set('changes', result.changes);
    outputs.set('strategy', inputs.strategy);
    outputs.set('previous-task-definition-arn', plan.previousTaskDefinition ?? '');
    outputs.set('task-definition-arn', plan.taskDefinition ?? plan.previousTaskDefinition ?? '');
    summary
        .heading(`Dry run: deploy to ${where} (nothing was changed)`)
        .paragraph(result.changes
        ? `**Would change the service.** ${plan.previousTaskDefinition ?? '(none)'} → ${plan.taskDefinition ?? '(same task definition, new tasks)'}.`
        : '**Nothing to change:** the service already runs this task definition with these settings.');
    if (result.taskDefinition.length > 0)
        summary.table(['Container', 'Field', 'Now', 'After'], result.taskDefinition.map((d) => [
            d.container ?? '(task)',
            d.field,
            d.before ?? '—',
            d.after ?? '—',
        ]));
    if (result.settings.length > 0)
        summary.table(['Setting', 'Now', 'After', 'Applied by'], result.settings.map((s) => [s.setting, s.from, s.to, s.via]));
    summary.paragraph(`**Strategy:** ${result.strategy}. ${result.steps.join('; ')}.${inputs.bakeMs > 0 ? ` Then a bake of ${(0,util_time/* formatDuration */.a3)(inputs.bakeMs)}.` : ''}`);
    summary.paragraph(`**Permissions:** ${plan.permissions.length} (the IAM pre-flight above says whether the caller has them).`);
}

;// CONCATENATED MODULE: ./src/core/report/chart.ts
// The deployment as a picture: a Mermaid gantt chart (a type GitHub draws in job summaries),
// with the same facts in a table beside it for readers without Mermaid.
/** A Mermaid task name: no colon, hash or semicolon (Mermaid's separators). */
function label(text) {
    return text.replace(/[:#;]/g, ' ').replace(/\s+/g, ' ').trim();
}
/** A duration in words without colons (Mermaid task names cannot hold one). */
function span(ms) {
    const seconds = Math.max(0, Math.round(ms / 1000));
    const m = Math.floor(seconds / 60);
    const s = seconds % 60;
    return m === 0 ? `${s}s` : s === 0 ? `${m}m` : `${m}m${s}s`;
}
/**
 * The Mermaid source. Times are drawn from the first step's start (the axis reads minutes and
 * seconds from 00:00); each bar's label carries its own numbers, so no reading depends on the axis.
 */
function deploymentChart(input) {
    const starts = [
        ...input.steps.map((s) => s.startedAt),
        ...input.traffic.map((t) => t.time),
        ...(input.bake === undefined ? [] : [input.bake.startedAt]),
    ];
    const origin = starts.length === 0 ? 0 : Math.min(...starts);
    const end = Math.max(origin + 1000, ...input.steps.map((s) => s.endedAt), input.trafficEnd ?? 0, input.bake?.endedAt ?? 0, input.rollback?.endedAt ?? 0);
    const t = (time) => String(Math.max(0, Math.round(time - origin)));
    const lines = [
        'gantt',
        `  title ${label(input.title)}`,
        '  dateFormat x',
        `  axisFormat ${end - origin >= 3_600_000 ? '%H h %M m' : '%M m %S s'}`,
    ];
    let id = 0;
    const bar = (name, tags, from, to) => {
        id += 1;
        const until = Math.max(to, from + 1);
        lines.push(`  ${label(name)} :${[...tags, `b${id}`].join(', ')}, ${t(from)}, ${t(until)}`);
    };
    if (input.steps.length > 0) {
        lines.push('  section Pipeline');
        for (const step of input.steps)
            bar(`${step.name} ${span(step.endedAt - step.startedAt)}`, step.ok ? ['done'] : ['crit'], step.startedAt, step.endedAt);
    }
    if (input.traffic.length > 0) {
        lines.push('  section Traffic on new');
        input.traffic.forEach((step, index) => {
            const next = input.traffic[index + 1]?.time ?? input.trafficEnd ?? end;
            bar(`${step.percent} pct for ${span(next - step.time)}`, ['active'], step.time, next);
        });
    }
    if (input.bake !== undefined) {
        lines.push('  section Bake');
        const { startedAt, endedAt, held } = input.bake;
        bar(`bake ${held ? 'held' : 'failed'} ${span(endedAt - startedAt)}`, held ? ['done'] : ['crit'], startedAt, endedAt);
    }
    if (input.analysis.length > 0) {
        lines.push('  section Analysis');
        // A dozen marks say when the analysis ran; the table beside the chart counts them all.
        input.analysis.slice(0, 12).forEach((time, index) => {
            bar(`round ${index + 1}`, ['milestone'], time, time);
        });
    }
    if (input.rollback !== undefined) {
        lines.push('  section Rollback');
        const { startedAt, endedAt } = input.rollback;
        bar(`rollback ${span(endedAt - startedAt)}`, ['crit'], startedAt, endedAt);
    }
    return lines.join('\n');
}

// EXTERNAL MODULE: ./src/core/action/steps.ts
var steps = __webpack_require__(9161);
;// CONCATENATED MODULE: ./src/core/report/links.ts
// Links to what a step touched, in the console of the partition and region it ran in.


/** The console's address for a region: each partition has its own console. */
function consoleBase(region) {
    switch ((0,action_permissions/* partitionOf */.iQ)(region)) {
        case 'aws-cn':
            return 'https://console.amazonaws.cn';
        case 'aws-us-gov':
            return 'https://console.amazonaws-us-gov.com';
        default:
            return `https://${region}.console.aws.amazon.com`;
    }
}
const enc = encodeURIComponent;
/** The last part of an ARN or a name: `family:revision`, a service or cluster name. */
function lastPart(arnOrName) {
    return arnOrName.split('/').at(-1) ?? arnOrName;
}
/**
 * Console links for one region. Each takes what the step knows (names or ARNs) and returns an
 * address a person can open; none calls AWS.
 */
class ConsoleLinks {
    region;
    base;
    constructor(region) {
        this.region = region;
        this.base = consoleBase(region);
    }
    at(path, fragment = '') {
        return `${this.base}${path}${path.includes('?') ? '&' : '?'}region=${this.region}${fragment}`;
    }
    service(cluster, service) {
        return this.at(`/ecs/v2/clusters/${enc(lastPart(cluster))}/services/${enc(lastPart(service))}/health`);
    }
    serviceDeployments(cluster, service) {
        return this.at(`/ecs/v2/clusters/${enc(lastPart(cluster))}/services/${enc(lastPart(service))}/deployments`);
    }
    /** A task definition revision, from its ARN or `family:revision`. */
    taskDefinition(taskDefinition) {
        const [family = '', revision = ''] = lastPart(taskDefinition).split(':');
        return this.at(`/ecs/v2/task-definitions/${enc(family)}/${enc(revision)}/containers`);
    }
    codeDeployDeployment(deploymentId) {
        return this.at(`/codesuite/codedeploy/deployments/${enc(deploymentId)}`);
    }
    /** A CloudWatch Logs group (and stream): the console escapes '/' as '$252F' in its fragment. */
    logGroup(group, stream) {
        const escape = (text) => enc(enc(text)).replace(/%/g, '$');
        const path = `log-groups/log-group/${escape(group)}${stream === undefined ? '' : `/log-events/${escape(stream)}`}`;
        return `${this.base}/cloudwatch/home?region=${this.region}#logsV2:${path}`;
    }
    /** An image in ECR by digest. */
    image(registryId, repository, digest) {
        return this.at(`/ecr/repositories/private/${enc(registryId)}/${repository.split('/').map(enc).join('/')}/_/image/${enc(digest)}/details`);
    }
}
/** The GitHub page of an environment's deployments, when the run says where it is. */
function githubDeploymentsLink(env, environment) {
    const server = env['GITHUB_SERVER_URL'] ?? 'https://github.com';
    const repository = env['GITHUB_REPOSITORY'];
    if (repository === undefined || repository === '')
        return undefined;
    return `${server}/${repository}/deployments/${enc(environment)}`;
}
/** A markdown link, or the bare text when there is no address. */
function mdLink(text, url) {
    if (url === undefined)
        return text;
    return `[${text.replace(/([[\]])/g, '\\$1')}](${url})`;
}
const ECR_IMAGE = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^@:]+)@(sha256:[a-f0-9]{64})$/;
/** The console page of an ECR image named by digest; undefined for other images or tags. */
function ecrImageLink(image) {
    const match = ECR_IMAGE.exec(image);
    if (match === null)
        return undefined;
    const [, registryId = '', region = '', repository = '', digest = ''] = match;
    return new ConsoleLinks(region).image(registryId, repository, digest);
}

;// CONCATENATED MODULE: ./src/actions/ecs-deploy/report.ts








/**
 * The one place an outcome becomes state, outputs and the deployment's part of the summary, for
 * every strategy; a red outcome is thrown as a DeploymentFailedError after it is written.
 */
function report_report(outcome, plan, inputs, context, startedAt, extras = { crashed: [], analysis: [] }) {
    new action_state/* TypedState */.a(context.state).save('finished', true);
    const durationMs = context.clock.now() - startedAt;
    context.outputs.set('status', outcome.status);
    if (outcome.status === 'SUBMITTED') {
        context.summary
            .heading(`Deployment ${plan.cluster}/${plan.service}`)
            .table(['Deployment', 'Status'], [[outcome.deploymentId, 'submitted']]);
        return;
    }
    context.outputs.set('rolled-back', outcome.rolledBack);
    context.outputs.set('reason', outcome.reason);
    context.outputs.set('duration-seconds', Math.round(durationMs / 1000));
    if (outcome.bake !== undefined)
        context.outputs.set('bake-seconds', Math.round(outcome.bake.ranMs / 1000));
    const cd = plan.codedeploy;
    const native = plan.native;
    const bake = outcome.bake;
    context.summary
        .heading(cd !== undefined
        ? `Deployment ${plan.cluster}/${plan.service} (${inputs.strategy}, ${cd.deploymentConfig})`
        : native !== undefined
            ? `Deployment ${plan.cluster}/${plan.service} (${inputs.strategy}, ECS-native ${native.strategy}${native.steps === '' ? '' : `: ${native.steps}`})`
            : `Deployment ${plan.cluster}/${plan.service}`)
        .table([
        'Deployment',
        'Status',
        'Task definition',
        'Previous',
        'Rolled back',
        'Duration',
        'Bake',
        ...(outcome.polls === undefined ? [] : ['Checks']),
    ], [
        [
            outcome.deploymentId,
            outcome.reported,
            plan.taskDefinition ?? '(same)',
            plan.previousTaskDefinition ?? '—',
            outcome.rolledBack ? 'yes' : 'no',
            (0,util_time/* formatDuration */.a3)(durationMs),
            bake === undefined
                ? 'off'
                : `${(0,util_time/* formatDuration */.a3)(bake.ranMs)} of ${(0,util_time/* formatDuration */.a3)(bake.plannedMs)}${bake.failure === undefined ? ', held' : ', failed'}`,
            ...(outcome.polls === undefined ? [] : [String(outcome.polls)]),
        ],
    ]);
    linksOf(outcome, plan, inputs, context, extras);
    if (plan.settings.changes.length > 0)
        context.summary.table(['Setting', 'Before', 'After', 'Applied by'], plan.settings.changes.map((c) => [c.setting, c.from, c.to, c.via]));
    nativeFacts(outcome, plan, context);
    picture(outcome, plan, inputs, context, startedAt, extras);
    if (bake !== undefined)
        context.summary.paragraph(`**Bake:** the new version was watched ${(0,util_time/* formatDuration */.a3)(bake.ranMs)} ${bake.during === 'termination-wait' ? `during ${plan.mode === 'native' ? "ECS's own bake" : "CodeDeploy's termination wait"} (the old version still up)` : bake.during === 'after-termination' ? 'after the deployment (the old version already gone)' : 'after ECS said COMPLETED'}${bake.failure === undefined ? ': no task stopped, every task kept running, no alarm.' : `: ${bake.failure}`} It added ${(0,util_time/* formatDuration */.a3)(bake.ranMs)} to this step (\`bake-time: 0\` turns it off).`);
    if (plan.recreate !== undefined)
        context.summary.paragraph(`**Recreate:** every old task stopped before the new ones started (minimumHealthyPercent 0, maximumPercent 100 for this deployment)${outcome.downtimeMs === undefined ? '' : `; no task of the service ran for about ${(0,util_time/* formatDuration */.a3)(outcome.downtimeMs)}, as read`}. The service's own minimumHealthyPercent ${plan.recreate.minimumHealthyPercent ?? 100} and maximumPercent ${plan.recreate.maximumPercent ?? 200} were put back afterwards (a deploymentConfiguration change alone starts no deployment on ECS).`);
    if (outcome.note !== undefined)
        context.summary.paragraph(outcome.note);
    if (isGreen(outcome.status))
        return;
    context.summary.paragraph(`**Reason:** ${outcome.reason}`);
    throw new errors/* DeploymentFailedError */.RJ(`Deployment ${outcome.deploymentId} of ${plan.cluster}/${plan.service} ${verb(outcome, plan)}: ${outcome.reason}${outcome.rolledBackTo === undefined ? '' : ` The service was rolled back to ${outcome.rolledBackTo}.`}`, {
        deploymentId: outcome.deploymentId,
        rolledBack: outcome.rolledBack,
        replaced: outcome.status === 'REPLACED',
        ...hintFor(outcome, plan),
    });
}
/**
 * The deployment as a picture (a Mermaid gantt: the job's steps, traffic on the new version, the
 * bake, analysis rounds, a rollback) and the same facts in a table for readers without Mermaid.
 */
function picture(outcome, plan, inputs, context, startedAt, extras) {
    const now = context.clock.now();
    const bake = outcome.bake;
    const rolledBackAt = outcome.rollbackStartedAt;
    const chart = {
        title: `${plan.cluster}/${plan.service} ${inputs.strategy} ${outcome.status}`,
        steps: [
            ...(0,steps/* pipelineSteps */.YW)(context.env).map((s) => ({
                name: s.action,
                startedAt: s.startedAt,
                endedAt: s.endedAt,
                ok: s.ok,
            })),
            { name: 'ecs-deploy', startedAt, endedAt: now, ok: isGreen(outcome.status) },
        ],
        traffic: outcome.timeline.map((step) => ({ time: step.time, percent: step.greenPercent })),
        trafficEnd: rolledBackAt ?? (bake === undefined ? now : bake.startedAt + bake.ranMs),
        bake: bake === undefined
            ? undefined
            : {
                startedAt: bake.startedAt,
                endedAt: bake.startedAt + bake.ranMs,
                held: bake.failure === undefined,
            },
        analysis: [...extras.analysis],
        rollback: rolledBackAt === undefined ? undefined : { startedAt: rolledBackAt, endedAt: now },
    };
    context.summary.code(deploymentChart(chart), 'mermaid');
    const origin = Math.min(...chart.steps.map((s) => s.startedAt));
    const at = (time) => (0,util_time/* formatDuration */.a3)(Math.max(0, time - origin));
    const rows = [
        ...chart.steps.map((s) => [
            `${s.name}${s.ok ? '' : ' (failed)'}`,
            at(s.startedAt),
            at(s.endedAt),
        ]),
        ...chart.traffic.map((step, index) => [
            `${step.percent}% of production traffic on the new version`,
            at(step.time),
            at(chart.traffic[index + 1]?.time ?? chart.trafficEnd ?? now),
        ]),
        ...(chart.bake === undefined
            ? []
            : [
                [
                    `bake, ${chart.bake.held ? 'held' : 'failed'}`,
                    at(chart.bake.startedAt),
                    at(chart.bake.endedAt),
                ],
            ]),
        ...(chart.analysis.length === 0
            ? []
            : [
                [
                    `${chart.analysis.length} analysis round(s)`,
                    at(chart.analysis[0] ?? now),
                    at(chart.analysis.at(-1) ?? now),
                ],
            ]),
        ...(chart.rollback === undefined
            ? []
            : [['rollback', at(chart.rollback.startedAt), at(chart.rollback.endedAt)]]),
    ];
    context.summary.table(['What', 'From', 'To'], rows);
}
/** ECS-native: what the step set in the service's deploymentConfiguration, and the stages seen. */
function nativeFacts(outcome, plan, context) {
    const native = plan.native;
    if (native === undefined)
        return;
    if (native.changes.length > 0)
        context.summary
            .paragraph("**The service's deploymentConfiguration, as this step set it** (it stays so, as UpdateService makes it: later deployments use it too):")
            .list(native.changes);
    const stages = outcome.stages ?? [];
    if (stages.length > 0) {
        const origin = stages[0]?.time ?? 0;
        context.summary.paragraph(`**Stages seen:** ${stages.map((s) => `${s.stage} (+${(0,util_time/* formatDuration */.a3)(s.time - origin)})`).join(' → ')}`);
    }
}
/** Where to look next: the service, the deployment, the revisions, the images, the crashes. */
function linksOf(outcome, plan, inputs, context, extras) {
    const links = new ConsoleLinks(plan.region);
    const short = (arn) => arn.split('/').at(-1) ?? arn;
    const items = [
        `Service: ${mdLink(`${plan.cluster}/${plan.service}`, links.service(plan.cluster, plan.service))}`,
        plan.mode === 'codedeploy'
            ? `CodeDeploy deployment: ${mdLink(outcome.deploymentId, links.codeDeployDeployment(outcome.deploymentId))}`
            : `Deployment: ${mdLink(outcome.deploymentId, links.serviceDeployments(plan.cluster, plan.service))}`,
    ];
    if (plan.taskDefinition !== undefined)
        items.push(`Task definition: ${mdLink(short(plan.taskDefinition), links.taskDefinition(plan.taskDefinition))}`);
    if (plan.previousTaskDefinition !== undefined)
        items.push(`Previous: ${mdLink(short(plan.previousTaskDefinition), links.taskDefinition(plan.previousTaskDefinition))}`);
    for (const image of plan.images) {
        const url = ecrImageLink(image);
        if (url !== undefined)
            items.push(`Image: ${mdLink(short(image), url)}`);
    }
    const github = githubDeploymentsLink(context.env, inputs.environment);
    if (github !== undefined && inputs.githubToken !== undefined)
        items.push(`GitHub: ${mdLink(`${inputs.environment} deployments`, github)}`);
    context.summary.list(items);
    if (extras.crashed.length === 0)
        return;
    context.summary.table(['Task', 'Container', 'Exit code', 'Stopped because', 'Logs'], extras.crashed.map((c) => [
        c.taskId,
        c.container,
        String(c.exitCode),
        c.stoppedReason ?? '—',
        c.log === undefined
            ? '(not in CloudWatch Logs)'
            : mdLink(c.log.stream, new ConsoleLinks(c.log.region ?? plan.region).logGroup(c.log.group, c.log.stream)),
    ]));
}
function hintFor(outcome, plan) {
    if (outcome.status === 'REPLACED')
        return {
            hint: 'Follow the newer deployment where it was started; run this workflow again to deploy this version over it.',
        };
    if (outcome.status === 'ROLLBACK_FAILED')
        return {
            hint: 'The service may be half-changed: check what it serves in the ECS console, then deploy a known good task definition (actions/ecs-rollback).',
        };
    return plan.mode === 'rolling'
        ? { hint: 'The stopped tasks and service events above say why.' }
        : {};
}
function verb(outcome, plan) {
    if (outcome.status === 'REPLACED')
        return 'was replaced';
    if (outcome.status === 'ROLLBACK_FAILED')
        return 'failed, and so did its rollback';
    if (outcome.status === 'STOPPED')
        return 'was stopped';
    // CodeDeploy's own word for how it ended (Failed, Stopped), as its console shows it.
    return plan.mode === 'codedeploy' ? `ended ${outcome.reported}` : 'failed';
}

;// CONCATENATED MODULE: ./src/core/deploy/ecs-rolling.ts











function rollbackStand(rollback) {
    if (rollback.rolloutState === 'COMPLETED')
        return { kind: 'rolled-back', rollback };
    if (rollback.rolloutState === 'FAILED')
        return { kind: 'rollback-failed', rollback };
    return { kind: 'rolling-back', rollback };
}
/**
 * Classifies one read of the service's deployments (pure). A newer PRIMARY is ECS's rollback
 * only when ours failed under a circuit breaker that rolls back (and it runs the rollback
 * target, when known); any other newer PRIMARY replaced ours and belongs to someone else.
 */
function rollingStand(deployments, context) {
    const primary = deployments.find((d) => d.status === 'PRIMARY');
    const ours = deployments.find((d) => d.id === context.deploymentId);
    if (context.rollbackId !== undefined) {
        if (primary === undefined)
            return { kind: 'gone', primary };
        if (primary.id === context.rollbackId)
            return rollbackStand(primary);
        return { kind: 'replaced', by: primary };
    }
    if (ours === undefined)
        return { kind: 'gone', primary };
    // Completed is completed, even if a newer deployment has started since (the bake judges that).
    if (ours.rolloutState === 'COMPLETED')
        return { kind: 'completed', deployment: ours };
    if (primary === undefined || primary.id === ours.id) {
        if (ours.rolloutState === 'FAILED')
            return context.breakerRollback
                ? { kind: 'awaiting-rollback', deployment: ours }
                : { kind: 'failed', deployment: ours };
        return { kind: 'running' };
    }
    const isRollback = ours.rolloutState === 'FAILED' &&
        context.breakerRollback &&
        (context.rollbackTarget === undefined || primary.taskDefinition === context.rollbackTarget);
    return isRollback ? rollbackStand(primary) : { kind: 'replaced', by: primary };
}
function isFinal(stand) {
    return (stand.kind !== 'running' && stand.kind !== 'awaiting-rollback' && stand.kind !== 'rolling-back');
}
/** A line naming the deployment that replaced ours, for the log, the summary and the error. */
function replacedReason(deploymentId, by) {
    const when = by?.createdAt === undefined ? '' : ` at ${by.createdAt.toISOString()}`;
    return `Deployment ${by?.id ?? 'another deployment'} (${by?.taskDefinition ?? 'task definition unknown'}), started${when} by another caller (a second workflow run, the console or the CLI), replaced ${deploymentId} before this step saw it through. That deployment now owns the service: nothing was rolled back over it.`;
}
/**
 * Follows one ECS rolling deployment by its id to its end: COMPLETED; FAILED (when ECS's circuit
 * breaker rolls back, that rollback is followed to its end too, and a failed rollback is
 * ROLLBACK_FAILED); or REPLACED by a newer deployment someone else started. Prints progress, new
 * service events and the reasons of stopped tasks.
 */
async function followRollingDeployment(options) {
    const { ecs, cluster, service, deploymentId, logger } = options;
    const follower = new RollingFollower(options);
    const started = options.clock.now();
    const result = await poll({
        read: () => follower.observe(),
        done: (o) => isFinal(o.stand),
        fingerprint: (o) => JSON.stringify((o.service.deployments ?? []).map((d) => [
            d.id,
            d.rolloutState,
            d.runningCount,
            d.pendingCount,
            d.failedTasks,
        ])),
        intervalHint: (o) => {
            const d = o.stand.kind === 'rolling-back' ? o.stand.rollback : o.ours;
            // Behind a load balancer, the old tasks' drain ends the deployment: read when it is over.
            if (options.loadBalancer !== undefined && o.stand.kind === 'running' && d !== undefined)
                return drainPacedWait(o.service.events ?? [], d.createdAt, options.loadBalancer, options.clock.now());
            // Without one, ECS's wait before it counts new tasks healthy can time the reads.
            const graceWait = o.stand.kind === 'running' && d?.rolloutState === 'IN_PROGRESS'
                ? follower.graceWait(d, options.clock.now())
                : undefined;
            if (graceWait !== undefined)
                return graceWait;
            // Every new task runs: only the old ones' draining is left, so the end is near; read often.
            return d?.rolloutState === 'IN_PROGRESS' && allRunning(d)
                ? (options.minIntervalMs ?? 2000)
                : undefined;
        },
        minIntervalMs: options.minIntervalMs ?? 2000,
        minHintMs: 1000,
        maxIntervalMs: options.maxIntervalMs ?? 15_000,
        timeoutMs: options.timeoutMs,
        what: `deployment ${deploymentId} of ${cluster}/${service} to complete`,
        clock: options.clock,
        sleep: options.sleep,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        onReadError: (error, progress) => {
            logger.warning(`Reading deployment ${deploymentId} failed after the SDK's retries (${(0,errors/* awsErrorCode */.J6)(error) ?? 'error'}); still following it, next check in ${(0,util_time/* formatDuration */.a3)(progress.nextPollMs)}.`);
        },
        onObservation: (o, progress) => {
            options.onService?.(o.service);
            const d = o.stand.kind === 'rolling-back' ? o.stand.rollback : (o.ours ?? o.primary);
            const what = o.stand.kind === 'rolling-back'
                ? "ECS's rollback "
                : o.ours === undefined
                    ? 'our deployment is gone; serving '
                    : '';
            logger.info(`${(0,util_time/* formatDuration */.a3)(progress.elapsedMs)}: ${what}${d?.id ?? '?'} ${d?.rolloutState ?? ''}, running ${d?.runningCount ?? 0}/${d?.desiredCount ?? 0}, pending ${d?.pendingCount ?? 0}, failed tasks ${d?.failedTasks ?? 0}${progress.nextPollMs > 0 ? `; next check in ${(0,util_time/* formatDuration */.a3)(progress.nextPollMs)}` : ''}`);
        },
    });
    const o = result.observation;
    const common = { polls: result.polls, elapsedMs: options.clock.now() - started };
    const failureReason = o.ours?.rolloutStateReason ?? follower.lastReason ?? 'The deployment failed.';
    return endOf(o.stand, {
        deploymentId,
        failureReason,
        common,
        history: () => serviceDeploymentStatus(ecs, cluster, service, deploymentId),
    });
}
/**
 * What following one rolling deployment remembers between reads: the service events printed,
 * the failed tasks reported, ECS's rollback once it starts, and the last stand announced.
 */
class RollingFollower {
    options;
    seenEvents = new Set();
    stoppedTasks;
    firstEvents = true;
    failedSeen = 0;
    rollbackId;
    lastStand;
    /** ECS drops a failed deployment once its rollback completes: what it said while it was there. */
    lastReason;
    /**
     * When the old tasks can stop at the earliest (ECS counts enough new tasks healthy) and when
     * that was learnt; undefined when nothing says; not read yet while the new tasks start.
     */
    due = 'unread';
    constructor(options) {
        this.options = options;
        const { ecs, cluster, logger } = options;
        this.stoppedTasks = options.stoppedTasks ?? new StoppedTasks({ ecs, cluster, logger });
    }
    async observe() {
        const { ecs, cluster, service, deploymentId } = this.options;
        const current = await (0,deploy_service/* describeService */.J)(ecs, cluster, service);
        this.printNewEvents(current);
        const deployments = current.deployments ?? [];
        const ours = deployments.find((d) => d.id === deploymentId);
        if (ours?.rolloutState === 'FAILED')
            this.lastReason = ours.rolloutStateReason ?? this.lastReason;
        const primary = deployments.find((d) => d.status === 'PRIMARY');
        const stand = await this.standOf(current);
        if (stand.kind === 'running')
            await this.options.analysis?.check();
        if (stand.kind === 'running' && ours !== undefined)
            await this.learnDue(current, ours);
        this.announce(stand);
        const failed = ours?.failedTasks ?? 0;
        if (failed > this.failedSeen) {
            this.failedSeen = failed;
            await this.stoppedTasks.report(deploymentId);
        }
        return { service: current, ours, primary, stand };
    }
    /**
     * The wait before the next read from ECS's grace for new tasks (see countedHealthyAfterMs), or
     * undefined when it does not apply. While the new tasks start, the end is at least the grace
     * away: reads back off from the deployment's start. Once they run, they land on the due time.
     */
    graceWait(ours, now) {
        const grace = this.options.countedHealthyAfterMs;
        if (grace === undefined)
            return undefined;
        if (!allRunning(ours)) {
            const since = ours.createdAt?.getTime() ?? now;
            return towardsDue(now + grace, since, now);
        }
        return typeof this.due === 'object' ? towardsDue(this.due.at, this.due.since, now) : undefined;
    }
    /**
     * Once every new task runs while old ones still do: when the minimum healthy percent lets the
     * old ones stop, from the new tasks' start times (ListTasks and DescribeTasks, once).
     */
    async learnDue(current, ours) {
        const grace = this.options.countedHealthyAfterMs;
        if (grace === undefined || this.due !== 'unread')
            return;
        if (!allRunning(ours) || (ours.pendingCount ?? 0) > 0)
            return;
        const { ecs, cluster, deploymentId, logger, clock } = this.options;
        this.due = undefined;
        const oldRunning = (current.deployments ?? []).some((d) => d.id !== ours.id && (d.runningCount ?? 0) > 0);
        const minimumHealthy = Math.ceil(((ours.desiredCount ?? 0) * (current.deploymentConfiguration?.minimumHealthyPercent ?? 100)) /
            100);
        if (!oldRunning || minimumHealthy === 0)
            return;
        try {
            const starts = await runningTaskStarts(ecs, cluster, deploymentId);
            const counted = starts[Math.min(minimumHealthy, starts.length) - 1];
            if (counted === undefined)
                return;
            this.due = { at: counted + grace + EXIT_ALLOWANCE_MS, since: clock.now() };
            logger.info(`No load balancer and no container health check: ECS counts a new task healthy ${(0,util_time/* formatDuration */.a3)(grace)} after it runs, so the old tasks stop from ${new Date(counted + grace).toISOString()}; reading then.`);
        }
        catch (error) {
            logger.debug(`Could not read when the new tasks started (${(0,errors/* awsErrorCode */.J6)(error) ?? 'error'}); reading often until the end.`);
        }
    }
    /** Events from before this deployment are history: only those that come after are printed. */
    printNewEvents(current) {
        for (const event of [...(current.events ?? [])].reverse()) {
            if (event.id === undefined || this.seenEvents.has(event.id))
                continue;
            this.seenEvents.add(event.id);
            if (!this.firstEvents)
                this.options.logger.info(`event: ${event.message ?? ''}`);
        }
        this.firstEvents = false;
    }
    /** Where our deployment stands, remembering ECS's rollback once it starts. */
    async standOf(current) {
        const { ecs, cluster, service, deploymentId } = this.options;
        const breaker = current.deploymentConfiguration?.deploymentCircuitBreaker;
        const stand = rollingStand(current.deployments ?? [], {
            deploymentId,
            rollbackId: this.rollbackId,
            breakerRollback: breaker?.enable === true && breaker.rollback === true,
            rollbackTarget: this.options.rollbackTarget,
        });
        if (stand.kind === 'rolling-back' ||
            stand.kind === 'rolled-back' ||
            stand.kind === 'rollback-failed')
            this.rollbackId = stand.rollback.id;
        if (stand.kind !== 'awaiting-rollback')
            return stand;
        // The breaker tripped; its rollback starts a moment later, if ECS has one to start.
        const history = await serviceDeploymentStatus(ecs, cluster, service, deploymentId);
        return history?.status === 'ROLLBACK_REQUESTED' || history?.status === 'ROLLBACK_IN_PROGRESS'
            ? stand
            : { kind: 'failed', deployment: stand.deployment };
    }
    /** Says so when someone else's deployment takes over, or ECS starts rolling back. */
    announce(stand) {
        const { cluster, service, deploymentId, logger } = this.options;
        if (stand.kind !== this.lastStand && this.lastStand !== undefined) {
            if (stand.kind === 'replaced')
                logger.warning(`Deployment ${stand.by.id} (${stand.by.taskDefinition ?? '?'}) replaced ${this.rollbackId ?? deploymentId}: someone else deployed to ${cluster}/${service}.`);
            if (stand.kind === 'rolling-back')
                logger.warning(`ECS's circuit breaker is rolling ${cluster}/${service} back with deployment ${stand.rollback.id} (${stand.rollback.taskDefinition ?? '?'}); following it to its end.`);
        }
        this.lastStand = stand.kind;
    }
}
/** Turns the final stand into an outcome; a deployment gone from the list is judged by its history. */
async function endOf(stand, context) {
    const { deploymentId, failureReason, common } = context;
    const serving = (d) => ({
        servingDeploymentId: d?.id,
        servingTaskDefinition: d?.taskDefinition,
    });
    switch (stand.kind) {
        case 'completed':
            return {
                status: 'COMPLETED',
                reason: stand.deployment.rolloutStateReason ?? 'completed',
                rolledBackByEcs: false,
                ...serving(stand.deployment),
                ...common,
            };
        case 'failed':
        case 'awaiting-rollback':
            return {
                status: 'FAILED',
                reason: stand.deployment.rolloutStateReason ?? failureReason,
                rolledBackByEcs: false,
                ...serving(undefined),
                ...common,
            };
        case 'rolled-back':
        case 'rolling-back':
            return {
                status: 'FAILED',
                reason: failureReason,
                rolledBackByEcs: stand.kind === 'rolled-back',
                ...serving(stand.rollback),
                ...common,
            };
        case 'rollback-failed':
            return {
                status: 'ROLLBACK_FAILED',
                reason: `${failureReason} ECS's circuit breaker rolled back with deployment ${stand.rollback.id} (${stand.rollback.taskDefinition ?? '?'}), and that failed too: ${stand.rollback.rolloutStateReason ?? 'its tasks failed to start'}`,
                rolledBackByEcs: false,
                ...serving(stand.rollback),
                ...common,
            };
        case 'replaced': {
            return {
                status: 'REPLACED',
                reason: replacedReason(deploymentId, stand.by),
                rolledBackByEcs: false,
                ...serving(stand.by),
                ...common,
            };
        }
        case 'gone':
        case 'running': {
            const primary = stand.kind === 'gone' ? stand.primary : undefined;
            const history = await context.history();
            if (history?.status === 'SUCCESSFUL')
                return {
                    status: 'COMPLETED',
                    reason: 'completed',
                    rolledBackByEcs: false,
                    ...serving(primary),
                    ...common,
                };
            if (history?.status === 'ROLLBACK_SUCCESSFUL' || history?.status === 'ROLLBACK_FAILED')
                return {
                    status: history.status === 'ROLLBACK_SUCCESSFUL' ? 'FAILED' : 'ROLLBACK_FAILED',
                    reason: history.statusReason ?? failureReason,
                    rolledBackByEcs: history.status === 'ROLLBACK_SUCCESSFUL',
                    ...serving(primary),
                    ...common,
                };
            return {
                status: 'REPLACED',
                reason: replacedReason(deploymentId, primary),
                rolledBackByEcs: false,
                ...serving(primary),
                ...common,
            };
        }
    }
}
/** The service deployment (ECS's history) of a deployment id, when ECS keeps one. */
async function serviceDeploymentStatus(ecs, cluster, service, deploymentId) {
    const number = deploymentId.split('/').at(-1) ?? deploymentId;
    try {
        const listed = await ecs.send(new client_ecs_dist_cjs/* ListServiceDeploymentsCommand */.jz8({ cluster, service }));
        const found = listed.serviceDeployments?.find((d) => d.serviceDeploymentArn?.endsWith(`/${number}`) === true);
        return found?.status === undefined
            ? undefined
            : { status: found.status, statusReason: found.statusReason };
    }
    catch {
        // Older endpoints lack the deployment history: the caller falls back to what it saw.
        return undefined;
    }
}
/**
 * UpdateService sent at most once in effect: when its answer is lost, the service is read and a
 * PRIMARY deployment of the task definition created since the call is taken as ours (a second
 * UpdateService with forceNewDeployment would start a second deployment).
 */
async function updateServiceOnce(ecs, input, timing) {
    // Compared with createdAt, which AWS stamps with its own (wall) clock.
    const sentAt = Date.now() - 2000;
    return sendOnce({
        what: `UpdateService of ${input.cluster}/${input.service}`,
        send: async () => (await ecs.send(new client_ecs_dist_cjs/* UpdateServiceCommand */.kZr(input))).service ?? {},
        findOwn: async () => {
            const service = await (0,deploy_service/* describeService */.J)(ecs, input.cluster, input.service);
            const primary = service.deployments?.find((d) => d.status === 'PRIMARY');
            const ours = primary !== undefined &&
                (primary.createdAt?.getTime() ?? 0) >= sentAt &&
                (input.taskDefinition === undefined || primary.taskDefinition === input.taskDefinition);
            return ours ? service : undefined;
        },
        logger: timing.logger,
        sleep: timing.sleep,
        ...(timing.signal === undefined ? {} : { signal: timing.signal }),
    });
}
/**
 * One look at a completed rolling deployment during its bake: still the service's PRIMARY (else
 * replaced), no task of it stopped since the last look, and as many tasks running as desired
 * (twice short in a row is a failure: one look can fall between a stop and its replacement).
 */
function rollingBakeLook(options) {
    const { ecs, cluster, service, deploymentId, stoppedTasks } = options;
    const watch = new TaskWatch();
    return async () => {
        const current = await (0,deploy_service/* describeService */.J)(ecs, cluster, service);
        const primary = current.deployments?.find((d) => d.status === 'PRIMARY');
        if (primary !== undefined && primary.id !== deploymentId)
            return {
                kind: 'replaced',
                reason: `During the bake: ${replacedReason(deploymentId, primary)}`,
            };
        const stopped = await stoppedTasks.report(deploymentId);
        return watch.judge(stopped, primary?.runningCount ?? 0, primary?.desiredCount ?? 0);
    };
}

;// CONCATENATED MODULE: ./src/core/rollback/ecs-service.ts



/**
 * Rolls an ECS-controller service back to a task definition. Running it twice is safe: when the
 * service already runs that task definition with a completed deployment, nothing is changed.
 * A followed rollback is only done when its outcome is COMPLETED: callers check (see
 * `requireCompleted`).
 */
async function rollBackService(request) {
    const { ecs, cluster, service, taskDefinition, logger } = request;
    const current = await (0,deploy_service/* describeService */.J)(ecs, cluster, service);
    const primary = current.deployments?.find((d) => d.status === 'PRIMARY');
    if (primary?.taskDefinition === taskDefinition &&
        (current.deployments?.length ?? 0) === 1 &&
        primary.rolloutState === 'COMPLETED') {
        logger.info(`${cluster}/${service} already runs ${taskDefinition}: nothing to roll back.`);
        return { kind: 'unchanged' };
    }
    logger.info(`Rolling ${cluster}/${service} back to ${taskDefinition}.`);
    const updated = await updateServiceOnce(ecs, { cluster, service, taskDefinition }, request);
    const deploymentId = updated.deployments?.find((d) => d.status === 'PRIMARY')?.id ?? '';
    if (deploymentId === '' || !request.wait)
        return { kind: 'started', deploymentId };
    const outcome = await followRollingDeployment({ ...request, deploymentId });
    return { kind: 'followed', deploymentId, outcome };
}
/** A followed rollback that did not complete is an error saying what serves now. */
function requireCompleted(result, where) {
    if (result.kind !== 'followed' || result.outcome.status === 'COMPLETED')
        return;
    throw new RollbackError(`Rolling ${where.cluster}/${where.service} back to ${where.taskDefinition} did not complete (${result.outcome.status}): ${result.outcome.reason} Serving now: ${result.outcome.servingTaskDefinition ?? 'unknown'}.`);
}

;// CONCATENATED MODULE: ./src/actions/ecs-deploy/update.ts


async function startUpdate(plan, inputs, ecs, context, deploymentConfiguration) {
    if (plan.settings.forceReason !== undefined && !inputs.forceNewDeployment)
        context.logger.info(`${plan.settings.forceReason}: UpdateService asks for one.`);
    if (plan.taskDefinition !== undefined && plan.previousTaskDefinition !== undefined)
        await recordChange(ecs, plan.serviceArn, { kind: 'deploy', from: plan.previousTaskDefinition, to: plan.taskDefinition }, context.logger);
    const updated = await updateServiceOnce(ecs, {
        cluster: plan.cluster,
        service: plan.service,
        ...(plan.taskDefinition === undefined ? {} : { taskDefinition: plan.taskDefinition }),
        ...(plan.desiredCount === undefined ? {} : { desiredCount: plan.desiredCount }),
        ...plan.settings.update,
        ...(deploymentConfiguration === undefined ? {} : { deploymentConfiguration }),
        ...(plan.forceNewDeployment ? { forceNewDeployment: true } : {}),
    }, context);
    context.outputs.set('task-definition-arn', plan.taskDefinition ?? plan.previousTaskDefinition ?? '');
    return updated;
}

;// CONCATENATED MODULE: ./src/actions/ecs-deploy/rolling.ts















/**
 * on-in-flight: wait. Follows the deployment someone else started to its end, then reads what
 * the service serves now: that, not what it served when the step began, is the rollback target.
 */
async function waitForInFlight(plan, ecs, context, timeoutMs) {
    const inFlight = plan.inFlight ?? '';
    const ended = await context.logger.group(`Waiting for deployment ${inFlight}, already in progress on ${plan.cluster}/${plan.service}`, () => followRollingDeployment({
        ecs,
        cluster: plan.cluster,
        service: plan.service,
        deploymentId: inFlight,
        timeoutMs,
        clock: context.clock,
        sleep: context.sleep,
        logger: context.logger,
        signal: context.signal,
    }));
    context.logger.info(`Deployment ${inFlight} ended ${ended.status}${ended.servingTaskDefinition === undefined ? '' : `; ${ended.servingTaskDefinition} serves`}. Deploying now.`);
    const now = await (0,deploy_service/* describeService */.J)(ecs, plan.cluster, plan.service);
    const primary = now.deployments?.find((d) => d.status === 'PRIMARY');
    return primary?.rolloutState === 'COMPLETED'
        ? primary.taskDefinition
        : plan.previousTaskDefinition;
}
/**
 * An ECS rolling deployment: UpdateService (sent at most once in effect), followed by its id to
 * its end, rolled back (unless ECS's circuit breaker already did) when it fails, times out or
 * fails its analysis or its bake. A deployment someone else replaced is never rolled back, and a
 * rollback counts only once it is seen to complete.
 */
async function executeRolling(plan, inputs, deps, context) {
    // on-in-flight: fail refused in the plan; stop is refused for rolling services there too.
    if (plan.inFlight !== undefined && inputs.onInFlight === 'wait')
        plan.previousTaskDefinition = await waitForInFlight(plan, deps.ecs, context, inputs.timeoutMs);
    const state = saveStart(plan, inputs.strategy, context);
    if (plan.recreate !== undefined)
        state.save('recreateRestore', JSON.stringify(plan.recreate));
    const deploymentId = await startRolling(plan, inputs, deps.ecs, context);
    state.save('deploymentId', deploymentId);
    if (inputs.waitUntil === 'submitted')
        return submitted(deploymentId);
    if (plan.recreate === undefined)
        return await followRolling(plan, inputs, deps, context, deploymentId);
    // recreate: the service's own minimum and maximum come back whatever happened.
    const downtime = new Downtime(context, deploymentId);
    try {
        const outcome = await followRolling(plan, inputs, deps, context, deploymentId, downtime);
        return { ...outcome, downtimeMs: downtime.ms() };
    }
    finally {
        await restoreRecreate(plan.cluster, plan.service, plan.recreate, deps.ecs, context);
    }
}
/** How long no task of the service ran, between reads (recreate stops every old task first). */
class Downtime {
    context;
    deploymentId;
    from;
    to;
    constructor(context, deploymentId) {
        this.context = context;
        this.deploymentId = deploymentId;
    }
    see(service) {
        if (this.to !== undefined)
            return;
        const running = (service.deployments ?? []).reduce((n, d) => n + (d.runningCount ?? 0), 0);
        const ours = service.deployments?.find((d) => d.id === this.deploymentId)?.runningCount ?? 0;
        if (running === 0 && this.from === undefined)
            this.from = this.context.clock.now();
        if (ours > 0 && this.from !== undefined) {
            this.to = this.context.clock.now();
            this.context.logger.warning(`Recreate: no task of the service ran for about ${(0,util_time/* formatDuration */.a3)(this.to - this.from)} (between reads), until the first new task started.`);
        }
    }
    ms() {
        return this.from === undefined ? undefined : (this.to ?? this.context.clock.now()) - this.from;
    }
}
/** Puts the service's own minimumHealthyPercent and maximumPercent back, and says what ECS did. */
async function restoreRecreate(cluster, service, config, ecs, context) {
    const updated = await ecs.send(new client_ecs_dist_cjs/* UpdateServiceCommand */.kZr({ cluster, service, deploymentConfiguration: config }));
    const primary = updated.service?.deployments?.find((d) => d.status === 'PRIMARY');
    const started = primary?.rolloutState === 'IN_PROGRESS' && (updated.service?.deployments?.length ?? 0) > 1;
    context.logger.info(`Recreate: restored the service's minimumHealthyPercent ${config.minimumHealthyPercent ?? 100} and maximumPercent ${config.maximumPercent ?? 200}; ${started ? `ECS counts it as deployment ${primary.id ?? '?'}` : 'ECS starts no deployment for a deploymentConfiguration change alone'}.`);
}
/** Follows our rolling deployment, bakes it, and rolls it back on failure. */
async function followRolling(plan, inputs, deps, context, deploymentId, downtime) {
    const loadBalancer = await targetGroupTiming(deps.elbv2, plan.targetGroupArns ?? [], context.logger);
    const follow = {
        loadBalancer,
        // No load balancer and no container health check: ECS's 40 s before new tasks count.
        countedHealthyAfterMs: (plan.targetGroupArns ?? []).length === 0 && plan.healthChecked === false
            ? NO_HEALTH_CHECK_GRACE_MS
            : undefined,
        ...(downtime === undefined
            ? {}
            : {
                onService: (s) => {
                    downtime.see(s);
                },
            }),
        ecs: deps.ecs,
        cluster: plan.cluster,
        service: plan.service,
        timeoutMs: inputs.timeoutMs,
        clock: context.clock,
        sleep: context.sleep,
        logger: context.logger,
        signal: context.signal,
        stoppedTasks: deps.stoppedTasks,
    };
    const outcome = await followOurs(plan, deps, context, follow, deploymentId);
    const base = { deploymentId, timeline: [], note: undefined, polls: outcome.polls };
    // ECS said COMPLETED: the new version must now stay up for the bake before the step says so.
    const baked = outcome.status === 'COMPLETED' && inputs.bakeMs > 0
        ? await bakeRolling(plan, inputs, deps, context, deploymentId)
        : undefined;
    const bakeVerdict = baked?.verdict;
    if (outcome.status === 'REPLACED' || bakeVerdict?.kind === 'replaced') {
        const reason = bakeVerdict?.kind === 'replaced' ? bakeVerdict.reason : outcome.reason;
        context.logger.warning(reason);
        return {
            ...base,
            bake: baked?.result,
            ...notRolledBack('REPLACED', reason),
            reported: 'replaced',
        };
    }
    if (outcome.status === 'ROLLBACK_FAILED')
        return {
            ...base,
            bake: undefined,
            ...notRolledBack('ROLLBACK_FAILED', `${outcome.reason} Serving now: ${outcome.servingTaskDefinition ?? 'unknown'}.`),
            reported: 'FAILED, rollback FAILED',
        };
    const failure = outcome.status !== 'COMPLETED'
        ? outcome.reason
        : bakeVerdict?.kind === 'failed'
            ? `The new version failed its bake after ${(0,util_time/* formatDuration */.a3)(baked?.result.ranMs ?? 0)}: ${bakeVerdict.reason}`
            : undefined;
    if (failure === undefined)
        return {
            ...base,
            bake: baked?.result,
            ...notRolledBack('SUCCEEDED', outcome.reason),
            reported: outcome.status,
        };
    const failed = {
        ...base,
        bake: baked?.result,
        reason: failure,
        reported: outcome.status === 'COMPLETED' ? 'COMPLETED, failed its bake' : outcome.status,
    };
    if (outcome.rolledBackByEcs) {
        await recordRollback(plan, deps.ecs, context, outcome.servingTaskDefinition);
        return {
            ...failed,
            status: 'FAILED',
            rolledBack: true,
            rolledBackTo: `${outcome.servingTaskDefinition ?? 'its last completed deployment'} by ECS's circuit breaker (deployment ${outcome.servingDeploymentId ?? '?'} completed)`,
        };
    }
    const previous = plan.previousTaskDefinition;
    if (inputs.onFailure !== 'rollback' || previous === undefined)
        return { ...failed, ...notRolledBack('FAILED', failure) };
    return await rollBackOurs(plan, deps.ecs, context, follow, failed, previous);
}
function notRolledBack(status, reason) {
    return { status, reason, rolledBack: false, rolledBackTo: undefined };
}
/** Records the change, sends UpdateService once in effect, and says which deployment it started. */
async function startRolling(plan, inputs, ecs, context) {
    const updated = await startUpdate(plan, inputs, ecs, context, plan.recreate === undefined
        ? undefined
        : { ...plan.recreate, minimumHealthyPercent: 0, maximumPercent: 100 });
    if (plan.recreate !== undefined)
        context.logger.warning(`Recreate: every task of ${plan.cluster}/${plan.service} stops before the new ones start (minimumHealthyPercent 0, maximumPercent 100 for this deployment): the service serves nothing until a new task runs. For dev stacks; use rolling or a blue/green strategy where that matters.`);
    const deploymentId = updated.deployments?.find((d) => d.status === 'PRIMARY')?.id ?? '';
    context.outputs.set('deployment-id', deploymentId);
    context.logger.info(`Started deployment ${deploymentId} of ${plan.cluster}/${plan.service} (${plan.taskDefinition ?? 'new tasks of the same task definition'}).`);
    return deploymentId;
}
/** Follows our deployment to its end; a timeout or a failed analysis is a failed deployment. */
async function followOurs(plan, deps, context, follow, deploymentId) {
    const started = context.clock.now();
    return await context.logger.group(`Following deployment ${deploymentId}`, async () => {
        try {
            return await followRollingDeployment({
                ...follow,
                deploymentId,
                rollbackTarget: plan.previousTaskDefinition,
                analysis: deps.analysis,
            });
        }
        catch (error) {
            // A deployment that outlives the timeout, or fails its analysis, is a failed one: it is
            // rolled back like any other.
            if (!(error instanceof errors/* TimeoutError */.MU) && !(error instanceof AnalysisFailure))
                throw error;
            return {
                status: 'FAILED',
                reason: error.message,
                rolledBackByEcs: false,
                servingDeploymentId: undefined,
                servingTaskDefinition: undefined,
                polls: 0,
                elapsedMs: context.clock.now() - started,
            };
        }
    });
}
/** Our own rollback to the previous task definition, counted only once it is seen to complete. */
async function rollBackOurs(plan, ecs, context, follow, failed, previous) {
    const failure = failed.reason;
    const rollbackStartedAt = context.clock.now();
    let result;
    try {
        result = await context.logger.group(`Rolling back to ${previous}`, () => rollBackService({ ...follow, taskDefinition: previous, wait: true }));
    }
    catch (error) {
        // A rollback that never completes is a failed one: say so, and what serves now.
        if (!(error instanceof errors/* TimeoutError */.MU))
            throw error;
        const now = await (0,deploy_service/* describeService */.J)(ecs, plan.cluster, plan.service);
        return {
            ...failed,
            rollbackStartedAt,
            ...notRolledBack('ROLLBACK_FAILED', `${failure} Rolling back to ${previous} did not complete either: ${error.message} Serving now: ${servingNow(now)}.`),
        };
    }
    if (result.kind === 'started')
        // UpdateService answered without a deployment to follow: started, but not seen done.
        return {
            ...failed,
            rollbackStartedAt,
            ...notRolledBack('FAILED', `${failure} A rollback to ${previous} was started, but ECS named no deployment to follow: check the service.`),
        };
    const back = result.kind === 'followed' ? result.outcome : undefined;
    if (back?.status === 'REPLACED')
        return {
            ...failed,
            rollbackStartedAt,
            ...notRolledBack('REPLACED', `${failure} Its rollback was then replaced: ${back.reason}`),
        };
    if (back !== undefined && back.status !== 'COMPLETED')
        return {
            ...failed,
            rollbackStartedAt,
            ...notRolledBack('ROLLBACK_FAILED', `${failure} Rolling back to ${previous} failed too (${back.status}): ${back.reason} Serving now: ${back.servingTaskDefinition ?? 'unknown'}.`),
        };
    await recordRollback(plan, ecs, context, previous);
    return {
        ...failed,
        rollbackStartedAt,
        status: 'FAILED',
        rolledBack: true,
        rolledBackTo: `${previous}${back === undefined ? ' (it was already serving)' : ` (deployment ${result.kind === 'followed' ? result.deploymentId : '?'} completed)`}`,
    };
}
/** What a service's tasks run, by task definition, in words (deployments that have tasks). */
function servingNow(service) {
    const running = (service.deployments ?? []).filter((d) => (d.runningCount ?? 0) > 0);
    return running.length === 0
        ? 'no running task'
        : running.map((d) => `${d.taskDefinition ?? '?'} (${d.runningCount ?? 0} running)`).join(', ');
}
async function recordRollback(plan, ecs, context, to) {
    if (plan.taskDefinition === undefined)
        return;
    await recordChange(ecs, plan.serviceArn, { kind: 'rollback', from: plan.taskDefinition, to: to ?? plan.previousTaskDefinition ?? '' }, context.logger);
}
/** The bake after ECS said COMPLETED: the new version watched for bake-time. */
async function bakeRolling(plan, inputs, deps, context, deploymentId) {
    // Tasks that stopped during the rollout were reported there; the bake judges only later ones.
    await deps.stoppedTasks.report(deploymentId);
    const watched = await context.logger.group(`Bake: ${plan.taskDefinition ?? deploymentId} for ${(0,util_time/* formatDuration */.a3)(inputs.bakeMs)}`, () => bake({
        durationMs: inputs.bakeMs,
        look: rollingBakeLook({
            ecs: deps.ecs,
            cluster: plan.cluster,
            service: plan.service,
            deploymentId,
            stoppedTasks: deps.stoppedTasks,
        }),
        analysis: deps.analysis.active ? deps.analysis : undefined,
        clock: context.clock,
        sleep: context.sleep,
        logger: context.logger,
        signal: context.signal,
        what: `deployment ${deploymentId}`,
    }));
    return {
        verdict: watched.verdict,
        result: {
            plannedMs: inputs.bakeMs,
            ranMs: watched.ranMs,
            failure: watched.verdict.kind === 'held' ? undefined : watched.verdict.reason,
            during: 'after-completed',
            startedAt: context.clock.now() - watched.ranMs,
        },
    };
}
/**
 * The post step: when the main step did not finish (the job was cancelled or timed out) while
 * our deployment was in flight, start rolling back to the previous task definition at once;
 * unless a newer deployment someone else started has replaced ours, which is theirs to keep.
 */
async function postRolling(ecs, context) {
    const state = new action_state/* TypedState */.a(context.state);
    if (state.get('finished') !== false)
        return;
    const restore = state.get('recreateRestore');
    try {
        await rollBackUnfinished(ecs, context, state);
    }
    finally {
        // recreate: the service's own minimum and maximum come back, rolled back or not.
        if (restore !== undefined && restore !== '')
            await restoreRecreate(state.get('cluster') ?? '', state.get('service') ?? '', JSON.parse(restore), ecs, context);
    }
}
async function rollBackUnfinished(ecs, context, state) {
    const cluster = state.get('cluster') ?? '';
    const service = state.get('service') ?? '';
    const previous = state.get('previousTaskDefinition') ?? '';
    const saved = state.get('deploymentId') ?? '';
    if (previous === '')
        return;
    const current = await (0,deploy_service/* describeService */.J)(ecs, cluster, service);
    const primary = current.deployments?.find((d) => d.status === 'PRIMARY');
    // Cancelled before UpdateService answered: the newest deployment is ours only if it is of
    // the task definition this step deployed and still in progress.
    const ours = saved !== ''
        ? saved
        : primary?.rolloutState === 'IN_PROGRESS' &&
            primary.taskDefinition === state.get('taskDefinition')
            ? (primary.id ?? '')
            : '';
    if (ours === '') {
        context.logger.info(`The deploy step was cancelled before its deployment started: ${cluster}/${service} is left as it is (${primary?.id ?? 'no deployment'}, ${primary?.taskDefinition ?? '?'}).`);
        return;
    }
    if (primary !== undefined && primary.id !== ours) {
        const reason = replacedReason(ours, primary);
        context.logger.warning(`The deploy step did not finish, but nothing is rolled back: ${reason}`);
        context.summary
            .heading(`Deployment ${cluster}/${service} cancelled`)
            .paragraph(`Not rolled back: ${reason}`);
        return;
    }
    context.logger.warning(`The deploy step did not finish (cancelled or timed out) with deployment ${ours} in flight: rolling back to ${previous}.`);
    await rollBackService({
        ecs,
        cluster,
        service,
        taskDefinition: previous,
        wait: false,
        timeoutMs: 60_000,
        clock: context.clock,
        sleep: context.sleep,
        logger: context.logger,
    });
    context.summary
        .heading(`Deployment ${cluster}/${service} cancelled`)
        .paragraph(`Rollback to ${previous} started by the post step.`);
}

;// CONCATENATED MODULE: ./src/actions/ecs-deploy/native.ts
// ecs-deploy through ECS's own BLUE_GREEN, CANARY and LINEAR strategies: UpdateService (at most
// once in effect), the service deployment it started found by its revision and followed by its
// ARN, our bake during ECS's BAKE_TIME while the old version still stands, and a rollback with
// StopServiceDeployment (traffic back on the old version) on any failure ECS did not catch.















/**
 * An ECS-native deployment: started (or the ready step's continued), followed to a paused hook,
 * to ECS's bake or to its end; our bake runs during ECS's bake; failures ECS did not catch roll
 * back with StopServiceDeployment.
 */
async function executeNative(plan, inputs, deps, context) {
    const native = plan.native;
    if (native === undefined)
        throw new Error('an ECS-native plan is needed');
    const state = saveStart(plan, inputs.strategy, context);
    // A/B: the test rule's own conditions come back once the deployment ends (not at READY, where
    // the split is what the pause is for; the continue step restores it).
    const abRule = native.ab?.ruleArn ?? (native.continueArn === undefined ? undefined : native.testRule);
    if (abRule !== undefined)
        state.save('abRule', abRule);
    if (native.ab !== undefined)
        await applyAbCondition(deps.elbv2, { ecs: deps.ecs, serviceArn: plan.serviceArn }, native.ab.ruleArn, native.ab.condition, context.logger);
    let ended = false;
    try {
        const outcome = await runNative(plan, native, inputs, deps, context);
        ended = outcome.status !== 'READY' && outcome.status !== 'SUBMITTED';
        return outcome;
    }
    catch (error) {
        ended = true;
        throw error;
    }
    finally {
        if (ended && abRule !== undefined)
            await restoreTestRule(deps.elbv2, { ecs: deps.ecs, serviceArn: plan.serviceArn }, abRule, context.logger);
    }
}
async function runNative(plan, native, inputs, deps, context) {
    const state = new action_state/* TypedState */.a(context.state);
    const continuing = native.continueArn !== undefined;
    if (!continuing && plan.inFlight !== undefined)
        await native_settleInFlight(plan, inputs, deps, context);
    const { deploymentId, arn } = continuing
        ? await continueStep(native.continueArn ?? '', inputs, deps.ecs, context)
        : await startNative(plan, native, inputs, deps.ecs, context);
    state.save('serviceDeploymentArn', arn);
    state.save('deploymentId', deploymentId);
    context.outputs.set('deployment-id', deploymentId);
    context.outputs.set('service-deployment-arn', arn);
    if (inputs.waitUntil === 'submitted' && !continuing)
        return submitted(deploymentId);
    const run = {
        plan,
        native,
        inputs,
        deps,
        context,
        deploymentId,
        arn,
        seen: { traffic: [], stages: [] },
    };
    warnShortEcsBake(run);
    const until = inputs.waitUntil === 'ready' && !continuing
        ? 'ready'
        : inputs.bakeMs > 0 || inputs.waitUntil === 'bake'
            ? 'bake'
            : 'complete';
    let outcome;
    try {
        outcome = await follow(run, until, true);
    }
    catch (error) {
        if (!(error instanceof errors/* TimeoutError */.MU) && !(error instanceof AnalysisFailure))
            throw error;
        return await rollBack(run, error.message, undefined);
    }
    if (outcome.stand.kind === 'paused')
        return ready(run, outcome);
    if (outcome.stand.kind === 'baking')
        return await baked(run, outcome);
    return await native_ended(run, outcome, undefined);
}
function base(run, outcome) {
    return {
        deploymentId: run.deploymentId,
        serviceDeploymentArn: run.arn,
        polls: outcome?.polls,
        timeline: run.seen.traffic.map((t) => ({ at: 0, time: t.time, greenPercent: t.greenPercent })),
        stages: [...run.seen.stages],
        note: undefined,
    };
}
async function follow(run, until, analyse) {
    const { context, deps, arn, inputs } = run;
    run.loadBalancer ??= {
        timing: await targetGroupTiming(deps.elbv2, run.plan.targetGroupArns ?? [], context.logger),
    };
    const loadBalancer = run.loadBalancer.timing;
    const outcome = await context.logger.group(`Following service deployment ${arn}`, () => followNative({
        ecs: deps.ecs,
        arn,
        until,
        seen: run.seen,
        loadBalancer,
        timeoutMs: inputs.timeoutMs,
        clock: context.clock,
        sleep: context.sleep,
        logger: context.logger,
        signal: context.signal,
        ...(analyse && deps.analysis.active ? { analysis: deps.analysis } : {}),
    }));
    run.seen = { traffic: outcome.traffic, stages: outcome.stages };
    const stopped = await deps.stoppedTasks.report(run.deploymentId);
    if (stopped.length > 0)
        context.logger.info(`${stopped.length} task(s) of the new revision stopped (above).`);
    return outcome;
}
/** ECS's bake is shorter than ours: a failure after it is rolled back by deploying again. */
function warnShortEcsBake({ native, inputs, context, plan }) {
    if (inputs.bakeMs <= native.ecsBakeMinutes * 60_000 || inputs.waitUntil === 'bake')
        return;
    context.logger.warning(`ECS keeps the old version ${native.ecsBakeMinutes} min after the traffic shift (bakeTimeInMinutes), less than bake-time ${(0,util_time/* formatDuration */.a3)(inputs.bakeMs)}: a failure later in the bake is rolled back by deploying ${plan.previousTaskDefinition ?? 'the previous revision'} again through the ${native.strategy} strategy, which is slower than moving the traffic back. Set ecs-bake-time to at least the bake time to keep the old version ready.`);
}
/** on-in-flight wait or stop: the deployment in progress ends first (stop rolls it back). */
async function native_settleInFlight(plan, inputs, deps, context) {
    const briefs = await inFlightServiceDeployments(deps.ecs, plan.cluster, plan.service);
    for (const arn of briefs.map((b) => b.serviceDeploymentArn ?? '')) {
        if (inputs.onInFlight === 'stop') {
            context.logger.warning(`Stopping service deployment ${arn} (with rollback) before this one.`);
            await stopTolerant(deps.ecs, arn);
        }
        await context.logger.group(`Waiting for service deployment ${arn}, already in progress`, () => followNative({
            ecs: deps.ecs,
            arn,
            until: 'complete',
            timeoutMs: inputs.timeoutMs,
            clock: context.clock,
            sleep: context.sleep,
            logger: context.logger,
            signal: context.signal,
        }));
    }
    const now = await (0,deploy_service/* describeService */.J)(deps.ecs, plan.cluster, plan.service);
    plan.previousTaskDefinition = now.taskDefinition ?? plan.previousTaskDefinition;
}
/** StopServiceDeployment ROLLBACK; a deployment already ending (ConflictException) is left to end. */
async function stopTolerant(ecs, arn) {
    try {
        await stopWithRollback(ecs, arn);
        return true;
    }
    catch (error) {
        if ((0,errors/* awsErrorCode */.J6)(error) === 'ConflictException')
            return false;
        throw error;
    }
}
/** Records the change, sends UpdateService once in effect, and finds the service deployment it started. */
async function startNative(plan, native, inputs, ecs, context) {
    const known = ((await ecs.send(new client_ecs_dist_cjs/* ListServiceDeploymentsCommand */.jz8({ cluster: plan.cluster, service: plan.service }))).serviceDeployments ?? []).map((d) => d.serviceDeploymentArn ?? '');
    // Compared with createdAt, which AWS stamps with its own (wall) clock.
    const since = Date.now() - 2000;
    if (native.changes.length > 0)
        context.logger.info(`The service's deploymentConfiguration changes with this deployment (and stays so): ${native.changes.join('; ')}.`);
    const updated = await startUpdate(plan, inputs, ecs, context, native.deploymentConfiguration);
    const deploymentId = updated.deployments?.find((d) => d.status === 'PRIMARY')?.id ?? '';
    const arn = await findServiceDeployment(ecs, {
        cluster: plan.cluster,
        service: plan.service,
        since,
        taskDefinition: plan.taskDefinition,
        known,
        sleep: context.sleep,
        signal: context.signal,
    });
    context.logger.info(`Started ECS-native ${native.strategy} deployment ${arn} of ${plan.cluster}/${plan.service} (${plan.taskDefinition ?? 'new tasks of the same task definition'}; production traffic ${native.steps}; ECS bakes ${native.ecsBakeMinutes} min).`);
    return { deploymentId, arn };
}
/** The approval step: the ready step's paused hook is continued. */
async function continueStep(arn, inputs, ecs, context) {
    const discard = inputs.hookAction === 'rollback';
    if (discard && !(await pausedNow(ecs, arn))) {
        // A rejected approval after the hook timed out, or a deployment still before its pause: the
        // new version is discarded all the same (a deployment already over is only followed).
        context.logger.warning(`Service deployment ${arn} has no hook waiting: discarding it with StopServiceDeployment (rollback) instead.`);
        await stopTolerant(ecs, arn).catch((error) => {
            if ((0,errors/* awsErrorCode */.J6)(error) !== 'ConflictException')
                throw error;
        });
        return { deploymentId: await primaryId(ecs, inputs), arn };
    }
    const hooks = await continuePaused(ecs, arn, inputs.hookId, discard ? 'ROLLBACK' : 'CONTINUE');
    context.logger.info(discard
        ? `Discarding service deployment ${arn} at hook ${hooks.join(', ')} (ContinueServiceDeployment with ROLLBACK): traffic stays on the old version.`
        : `Continued service deployment ${arn} at hook ${hooks.join(', ')}.`);
    return { deploymentId: await primaryId(ecs, inputs), arn };
}
async function pausedNow(ecs, arn) {
    const d = await describeServiceDeployment(ecs, arn);
    return (d.lifecycleHookDetails ?? []).some((h) => h.status === 'AWAITING_ACTION');
}
/**
 * The ECS deployment id (its tasks' startedBy) of the service's PRIMARY deployment; the plan
 * checked the service deployment is this service's.
 */
async function primaryId(ecs, inputs) {
    const service = await (0,deploy_service/* describeService */.J)(ecs, inputs.cluster, inputs.service);
    return service.deployments?.find((x) => x.status === 'PRIMARY')?.id ?? '';
}
/** wait-until ready: a PAUSE hook waits, test traffic on the new revision. */
function ready(run, outcome) {
    const hook = outcome.stand.kind === 'paused' ? outcome.stand.hook : undefined;
    run.context.outputs.set('hook-id', hook?.hookId ?? '');
    const ab = run.native.ab;
    return {
        ...base(run, outcome),
        bake: undefined,
        status: 'READY',
        reason: `paused at ${outcome.deployment.lifecycleStage ?? '?'}: a PAUSE hook awaits action`,
        rolledBack: false,
        rolledBackTo: undefined,
        reported: `IN_PROGRESS, paused at ${outcome.deployment.lifecycleStage ?? '?'}`,
        note: `${ab === undefined ? '' : `**A/B:** requests on the production listener with ${describeCondition(ab.condition)} reach the new version; everyone else stays on the old one. `}Ready: test traffic reaches the new revision and ECS waits at ${outcome.deployment.lifecycleStage ?? '?'}${hook?.expiresAt === undefined ? '' : ` until ${hook.expiresAt.toISOString()} (then ${hook.timeoutAction ?? '?'})`}. Continue with \`continue-deployment-id: ${run.arn}\` and \`hook-id: ${hook?.hookId ?? ''}\`.`,
    };
}
/** Production traffic all moved, ECS baking: our bake watches now, while the old version stands. */
async function baked(run, outcome) {
    const { inputs, context } = run;
    const watched = inputs.bakeMs > 0 ? await ourBake(run) : undefined;
    const verdict = watched?.verdict;
    if (verdict?.kind === 'replaced')
        return await native_ended(run, outcome, watched?.result);
    if (verdict?.kind === 'failed')
        return await rollBack(run, verdict.reason, watched?.result);
    if (inputs.waitUntil === 'bake') {
        context.logger.info(`All production traffic is on the new revision and held through bake-time; ECS bakes it ${run.native.ecsBakeMinutes} min and then removes the old version, after this step.`);
        return {
            ...base(run, outcome),
            bake: watched?.result,
            status: 'BAKING',
            reason: `all production traffic moved; ECS's own bake (${run.native.ecsBakeMinutes} min) and clean-up go on after this step`,
            rolledBack: false,
            rolledBackTo: undefined,
            reported: `IN_PROGRESS at ${outcome.deployment.lifecycleStage ?? 'BAKE_TIME'}`,
            note: `Not finished: ECS bakes the new revision and then removes the old one. Follow ${run.arn} in the console, or roll it back with ecs-rollback (StopServiceDeployment with rollback) while it bakes.`,
        };
    }
    let last;
    try {
        last = await follow(run, 'complete', true);
    }
    catch (error) {
        if (!(error instanceof errors/* TimeoutError */.MU) && !(error instanceof AnalysisFailure))
            throw error;
        return await rollBack(run, error.message, watched?.result);
    }
    return await native_ended(run, last, watched?.result);
}
/** bake-time watched from ECS's BAKE_TIME on: the new revision's tasks, alarms, analysis. */
async function ourBake(run) {
    const { inputs, context, deps, arn } = run;
    const watch = new TaskWatch();
    const look = async () => {
        const d = await describeServiceDeployment(deps.ecs, arn);
        const stand = nativeStand(d);
        if (stand.kind === 'stopped')
            return { kind: 'replaced', reason: stand.reason };
        if (stand.kind === 'rolled-back' ||
            stand.kind === 'rolling-back' ||
            stand.kind === 'rollback-failed')
            return { kind: 'failed', reason: `ECS rolled the deployment back: ${stand.reason}` };
        const stopped = await deps.stoppedTasks.report(run.deploymentId);
        const judged = watch.judge(stopped, d.targetServiceRevision?.runningTaskCount ?? 0, d.targetServiceRevision?.requestedTaskCount ?? 0);
        if (judged.kind === 'holding' && stand.kind === 'succeeded')
            return {
                kind: 'ended',
                summary: `ECS finished its bake and removed the old version (${judged.summary})`,
            };
        return judged;
    };
    const startedAt = context.clock.now();
    const watched = await context.logger.group(`Bake: ${run.plan.taskDefinition ?? arn} for ${(0,util_time/* formatDuration */.a3)(inputs.bakeMs)} during ECS's bake`, () => bake({
        durationMs: inputs.bakeMs,
        look,
        analysis: deps.analysis.active ? deps.analysis : undefined,
        clock: context.clock,
        sleep: context.sleep,
        logger: context.logger,
        signal: context.signal,
        what: `service deployment ${arn}`,
    }));
    return {
        verdict: watched.verdict,
        result: {
            plannedMs: inputs.bakeMs,
            ranMs: watched.ranMs,
            failure: watched.verdict.kind === 'held' ? undefined : watched.verdict.reason,
            during: watched.sawEnd ? 'after-termination' : 'termination-wait',
            startedAt,
        },
    };
}
/** How ECS ended it, in the outcome's words. */
async function native_ended(run, outcome, bakeResult) {
    const stand = outcome.stand;
    const common = {
        ...base(run, outcome),
        bake: bakeResult,
        reported: outcome.deployment.status ?? '?',
    };
    switch (stand.kind) {
        case 'succeeded':
            return {
                ...common,
                status: 'SUCCEEDED',
                reason: 'succeeded',
                rolledBack: false,
                rolledBackTo: undefined,
            };
        case 'rolled-back':
            await native_recordRollback(run);
            if (run.inputs.hookAction === 'rollback')
                return {
                    ...common,
                    status: 'DISCARDED',
                    reason: 'discarded at the pause, as the continue step asked (hook-action: rollback)',
                    rolledBack: true,
                    rolledBackTo: await previousOf(run, outcome.deployment),
                };
            return {
                ...common,
                status: 'FAILED',
                reason: `ECS rolled the deployment back: ${stand.reason}`,
                rolledBack: true,
                rolledBackTo: `${await previousOf(run, outcome.deployment)} by ECS (traffic back on it)`,
            };
        case 'rollback-failed':
            return {
                ...common,
                status: 'ROLLBACK_FAILED',
                reason: `The deployment failed and ECS's rollback failed too: ${stand.reason}`,
                rolledBack: false,
                rolledBackTo: undefined,
            };
        default: {
            const newer = await newerDeployment(run, outcome.deployment);
            return {
                ...common,
                status: newer === undefined ? 'STOPPED' : 'REPLACED',
                reason: newer === undefined
                    ? `ECS stopped the service deployment: ${stand.kind === 'stopped' ? stand.reason : stand.kind}`
                    : `Service deployment ${newer}, started by another caller (a second workflow run, the console or the CLI), replaced ${run.arn} before this step saw it through. It now owns the service: nothing was rolled back over it.`,
                rolledBack: false,
                rolledBackTo: undefined,
            };
        }
    }
}
/** A service deployment created after ours, if any. */
async function newerDeployment(run, ours) {
    const listed = await run.deps.ecs.send(new client_ecs_dist_cjs/* ListServiceDeploymentsCommand */.jz8({
        cluster: run.plan.cluster,
        service: run.plan.service,
        ...(ours.createdAt === undefined ? {} : { createdAt: { after: ours.createdAt } }),
    }));
    return listed.serviceDeployments?.find((d) => d.serviceDeploymentArn !== run.arn)
        ?.serviceDeploymentArn;
}
/** The task definition the deployment replaces (its source revision's). */
async function previousOf(run, d) {
    if (run.plan.previousTaskDefinition !== undefined)
        return run.plan.previousTaskDefinition;
    const source = d.sourceServiceRevisions?.[0]?.arn ?? d.rollback?.serviceRevisionArn;
    const previous = source === undefined ? undefined : await revisionTaskDefinition(run.deps.ecs, source);
    return previous ?? 'the previous revision';
}
async function native_recordRollback(run) {
    const { plan, deps, context } = run;
    if (plan.taskDefinition === undefined || plan.previousTaskDefinition === undefined)
        return;
    await recordChange(deps.ecs, plan.serviceArn, { kind: 'rollback', from: plan.taskDefinition, to: plan.previousTaskDefinition }, context.logger);
}
/**
 * Our rollback: StopServiceDeployment with rollback while the deployment runs (traffic back on
 * the old version), or, once ECS finished and removed it, a deployment of the previous revision.
 */
async function rollBack(run, failure, bakeResult) {
    const { inputs, context, deps, arn } = run;
    const current = await describeServiceDeployment(deps.ecs, arn);
    const common = { ...base(run, undefined), bake: bakeResult, reported: current.status ?? '?' };
    if (inputs.onFailure !== 'rollback')
        return {
            ...common,
            status: 'FAILED',
            reason: failure,
            rolledBack: false,
            rolledBackTo: undefined,
        };
    const rollbackStartedAt = context.clock.now();
    if (current.status === 'SUCCESSFUL')
        return await native_redeployPrevious(run, failure, bakeResult);
    if (current.status === 'IN_PROGRESS' || current.status === 'PENDING') {
        context.logger.warning(`${failure} Stopping ${arn} with rollback: traffic goes back to the old version.`);
        await stopTolerant(deps.ecs, arn);
    }
    const back = await follow(run, 'complete', false);
    const previous = await previousOf(run, back.deployment);
    if (back.stand.kind === 'rolled-back') {
        await native_recordRollback(run);
        return {
            ...common,
            ...base(run, back),
            rollbackStartedAt,
            reported: back.deployment.status ?? '?',
            status: 'FAILED',
            reason: failure,
            rolledBack: true,
            rolledBackTo: `${previous} (StopServiceDeployment with rollback: traffic back on it)`,
        };
    }
    return {
        ...common,
        ...base(run, back),
        rollbackStartedAt,
        reported: back.deployment.status ?? '?',
        status: back.stand.kind === 'stopped' ? 'REPLACED' : 'ROLLBACK_FAILED',
        reason: `${failure} Rolling back ended ${back.deployment.status ?? '?'}: ${back.deployment.statusReason ?? ''}`,
        rolledBack: false,
        rolledBackTo: undefined,
    };
}
/** ECS already removed the old version: deploy it again through the service's own strategy. */
async function native_redeployPrevious(run, failure, bakeResult) {
    const { plan, deps, context } = run;
    const previous = await previousOf(run, await describeServiceDeployment(deps.ecs, run.arn));
    const rollbackStartedAt = context.clock.now();
    context.logger.warning(`${failure} ECS had already removed the old version: deploying ${previous} again to roll back.`);
    const since = Date.now() - 2000;
    const known = [run.arn];
    await updateServiceOnce(deps.ecs, { cluster: plan.cluster, service: plan.service, taskDefinition: previous }, context);
    const arn = await findServiceDeployment(deps.ecs, {
        cluster: plan.cluster,
        service: plan.service,
        since,
        taskDefinition: previous,
        known,
        sleep: context.sleep,
        signal: context.signal,
    });
    const back = await follow({ ...run, arn, seen: { traffic: [], stages: [] } }, 'complete', false);
    const ok = back.stand.kind === 'succeeded';
    if (ok)
        await native_recordRollback(run);
    return {
        ...base(run, back),
        bake: bakeResult,
        rollbackStartedAt,
        reported: `SUCCESSFUL, then rolled back by ${arn}`,
        status: ok ? 'FAILED' : 'ROLLBACK_FAILED',
        reason: ok
            ? failure
            : `${failure} The redeployment of ${previous} (${arn}) ended ${back.deployment.status ?? '?'}.`,
        rolledBack: ok,
        rolledBackTo: ok ? `${previous} (deployed again: ${arn})` : undefined,
    };
}
/** The post step puts an A/B test rule's own conditions back. */
async function restoreAb(context, state) {
    const rule = state.get('abRule');
    if (rule === undefined || rule === '')
        return;
    const region = state.get('region') ?? '';
    const cluster = state.get('cluster') ?? '';
    const service = state.get('service') ?? '';
    const ecs = context.clients.get(client_ecs_dist_cjs/* ECSClient */.Zgc, 'ecs', { region });
    const serviceArn = (await (0,deploy_service/* describeService */.J)(ecs, cluster, service)).serviceArn ?? '';
    await restoreTestRule(context.clients.get(client_elastic_load_balancing_v2_dist_cjs/* ElasticLoadBalancingV2Client */.MlD, 'elbv2', { region }), { ecs, serviceArn }, rule, context.logger);
}
/**
 * The post step: the main step did not finish (cancelled or timed out) while our service
 * deployment was in flight: stop it with rollback, unless a newer deployment replaced it.
 */
async function postNative(ecs, context) {
    const state = new action_state/* TypedState */.a(context.state);
    if (state.get('finished') !== false)
        return;
    try {
        await stopUnfinished(ecs, context, state);
    }
    finally {
        await restoreAb(context, state);
    }
}
async function stopUnfinished(ecs, context, state) {
    const cluster = state.get('cluster') ?? '';
    const service = state.get('service') ?? '';
    let arn = state.get('serviceDeploymentArn') ?? '';
    if (arn === '') {
        // Cancelled before the service deployment was found: ours is the in-flight one of our task definition.
        const wanted = state.get('taskDefinition') ?? '';
        for (const brief of await inFlightServiceDeployments(ecs, cluster, service)) {
            const revision = brief.targetServiceRevisionArn;
            if (revision !== undefined && (await revisionTaskDefinition(ecs, revision)) === wanted)
                arn = brief.serviceDeploymentArn ?? '';
        }
    }
    const heading = `Deployment ${cluster}/${service} cancelled`;
    if (arn === '') {
        context.logger.info(`The deploy step was cancelled before its deployment started: ${cluster}/${service} is left as it is.`);
        return;
    }
    const d = await describeServiceDeployment(ecs, arn);
    if (isFinalStatus(d.status) || d.status?.startsWith('ROLLBACK') === true) {
        const line = `The deploy step did not finish; service deployment ${arn} is ${d.status ?? '?'}${d.statusReason === undefined ? '' : ` (${d.statusReason})`}: nothing to roll back.`;
        context.logger.warning(line);
        context.summary.heading(heading).paragraph(line);
        return;
    }
    context.logger.warning(`The deploy step did not finish (cancelled or timed out) with service deployment ${arn} in flight (${d.lifecycleStage ?? '?'}): stopping it with rollback.`);
    const stopped = await stopTolerant(ecs, arn);
    context.summary
        .heading(heading)
        .paragraph(stopped
        ? `StopServiceDeployment with rollback sent for ${arn} by the post step: ECS moves the traffic back to the old version.`
        : `${arn} was already ending when the post step looked.`);
}

;// CONCATENATED MODULE: ./src/actions/ecs-deploy/work.ts


















/**
 * Runs the deployment as one GitHub Deployment (statuses in progress, then success or failure,
 * when a github-token is given) and ends the job summary with the delivery figures.
 */
async function delivered(plan, inputs, context, deploy) {
    const delivery = new Delivery({
        token: inputs.githubToken,
        environment: inputs.environment,
        env: context.env,
        logger: context.logger,
        clock: context.clock,
    });
    const what = plan.taskDefinition?.split('/').at(-1) ?? 'a new deployment';
    const continuing = inputs.continueDeploymentId;
    // What the ready step's status names and the continue step looks for: the CodeDeploy id, or
    // the service deployment's id (the ARN's last part: descriptions hold 140 characters).
    const markerOf = (id) => ((0,ecs_deploy_inputs/* isServiceDeploymentArn */.Mo)(id) ? (id.split('/').at(-1) ?? id) : id);
    const description = continuing === undefined
        ? `${inputs.strategy} deployment of ${what} to ${plan.cluster}/${plan.service}`
        : `continue ${continuing} on ${plan.cluster}/${plan.service}`;
    // The continue step carries on with the ready step's GitHub Deployment: one per release.
    const resumed = continuing !== undefined &&
        (await delivery.resume(inputs.githubDeploymentId, markerOf(continuing)));
    if (resumed)
        await delivery.status('in_progress', description);
    else
        await delivery.start(description, {
            cluster: plan.cluster,
            service: plan.service,
            strategy: inputs.strategy,
            taskDefinition: plan.taskDefinition ?? null,
        });
    const id = delivery.githubDeploymentId;
    if (id !== undefined) {
        new action_state/* TypedState */.a(context.state).save('githubDeploymentId', id);
        context.outputs.set('github-deployment-id', id);
    }
    const final = inputs.waitUntil === 'complete' || continuing !== undefined;
    let outcome = final ? 'succeeded' : `${inputs.waitUntil}, not finished by this step`;
    try {
        const ended = await deploy();
        if (ended.status === 'DISCARDED') {
            // Discarded at the approval, as asked: the release never served; neither a success nor a failure.
            outcome = 'discarded at the approval (counts as neither a success nor a failure)';
            await delivery.status('inactive', `discarded at the approval: ${what} never served`);
            return;
        }
        await delivery.status(final ? 'success' : 'in_progress', final
            ? `${what} serves ${plan.cluster}/${plan.service}`
            : inputs.waitUntil === 'bake'
                ? `${what}: all traffic moved; ECS bakes it, then removes the old version`
                : // The continue step finds this deployment by the id named here: first, so the
                    // 140-character limit on descriptions never cuts it.
                    `${markerOf(ended.serviceDeploymentArn ?? ended.deploymentId)} waits for the continue step (${inputs.waitUntil}: ${what})`);
    }
    catch (error) {
        const rolledBack = error instanceof errors/* DeploymentFailedError */.RJ && error.rolledBack;
        const replaced = error instanceof errors/* DeploymentFailedError */.RJ && error.replaced;
        outcome = replaced
            ? 'replaced by a newer deployment (counts as neither a success nor a failure)'
            : `failed${rolledBack ? ', rolled back' : ''} (counts toward the change failure rate)`;
        await delivery.status(replaced ? 'inactive' : error instanceof errors/* CancelledError */.cc ? 'error' : 'failure', `${replaced ? 'replaced: ' : rolledBack ? 'rolled back: ' : ''}${(0,errors/* errorMessage */.gJ)(error)}`);
        throw error;
    }
    finally {
        const figures = await delivery.figures(outcome);
        context.summary.heading('Delivery figures', 3).table(['Figure', 'Value'], figures.rows);
        if (figures.leadTimeSeconds !== undefined)
            context.outputs.set('lead-time-seconds', figures.leadTimeSeconds);
        if (figures.changeFailureRate !== undefined)
            context.outputs.set('change-failure-rate', Number(figures.changeFailureRate.toFixed(4)));
        if (figures.timeToRestoreSeconds !== undefined)
            context.outputs.set('time-to-restore-seconds', figures.timeToRestoreSeconds);
    }
}
/** The step's clients of each service it reads or writes, in its region. */
function deployClients(region, context) {
    const at = { region };
    return {
        ecs: context.clients.get(client_ecs_dist_cjs/* ECSClient */.Zgc, 'ecs', at),
        codedeploy: context.clients.get(client_codedeploy_dist_cjs/* CodeDeployClient */.cHd, 'codedeploy', at),
        ecr: context.clients.get(client_ecr_dist_cjs/* ECRClient */.S70, 'ecr', at),
        cloudwatch: context.clients.get(dist_cjs/* CloudWatchClient */.WBn, 'cloudwatch', at),
        elbv2: context.clients.get(client_elastic_load_balancing_v2_dist_cjs/* ElasticLoadBalancingV2Client */.MlD, 'elbv2', at),
    };
}
/**
 * Everything but the step's first read: every strategy, the GitHub Deployment, the reports. The
 * step's spec (action.ts) loads it while that read is out.
 */
const work = {
    plan: (inputs, context, service) => observeAndPlan(inputs, deployClients(inputs.region, context), context.logger, service),
    execute: async (plan, inputs, context) => {
        const clients = deployClients(inputs.region, context);
        if (inputs.dryRun) {
            await dryRun(plan, inputs, clients, context);
            return;
        }
        // Stopped tasks are reported with their containers' last log lines, where they log to CloudWatch.
        const stoppedTasks = new StoppedTasks({
            ecs: clients.ecs,
            cluster: plan.cluster,
            logger: context.logger,
            sources: plan.logSources,
            logs: context.clients.get(client_cloudwatch_logs_dist_cjs/* CloudWatchLogsClient */.TFr, 'logs', { region: inputs.region }),
        });
        const analysis = new Analysis(inputs.analysis, clients.cloudwatch, context.clock, context.logger);
        const startedAt = context.clock.now();
        await delivered(plan, inputs, context, async () => {
            const deps = { ...clients, stoppedTasks, analysis };
            const outcome = plan.mode === 'codedeploy'
                ? await executeCodeDeploy(plan, inputs, deps, context)
                : plan.mode === 'native'
                    ? await executeNative(plan, inputs, deps, context)
                    : await executeRolling(plan, inputs, deps, context);
            report_report(outcome, plan, inputs, context, startedAt, {
                crashed: stoppedTasks.crashed,
                analysis: analysis.roundTimes,
            });
            return outcome;
        });
    },
    post: async (context) => {
        const state = new action_state/* TypedState */.a(context.state);
        const region = state.get('region');
        if (region === undefined)
            return;
        const unfinished = state.get('finished') === false;
        const mode = state.get('mode');
        if (mode === 'codedeploy')
            await postCodeDeploy(context.clients.get(client_codedeploy_dist_cjs/* CodeDeployClient */.cHd, 'codedeploy', { region }), context);
        else if (mode === 'native')
            await postNative(context.clients.get(client_ecs_dist_cjs/* ECSClient */.Zgc, 'ecs', { region }), context);
        else
            await postRolling(context.clients.get(client_ecs_dist_cjs/* ECSClient */.Zgc, 'ecs', { region }), context);
        const githubDeploymentId = state.get('githubDeploymentId');
        const token = context.inputs.optional('github-token');
        if (unfinished && githubDeploymentId !== undefined && token !== undefined) {
            context.setSecret(token);
            await new Delivery({
                token,
                environment: context.inputs.optional('environment') ?? 'production',
                env: context.env,
                logger: context.logger,
                clock: context.clock,
            })
                .attach(githubDeploymentId)
                .status('error', 'the job was cancelled mid-deployment; rollback started by the post step');
        }
    },
};


/***/ }),

/***/ 6889:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ omitKeys),
/* harmony export */   e: () => (/* binding */ asText)
/* harmony export */ });
/** A value as text for messages and comparisons: strings as they are, anything else as JSON. */
function asText(value) {
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
        return String(value);
    if (value === undefined)
        return '';
    return JSON.stringify(value);
}
/** A copy of `object` without `keys`. */
function omitKeys(object, keys) {
    return Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));
}


/***/ })

};
