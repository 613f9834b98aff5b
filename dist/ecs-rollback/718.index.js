export const id = 718;
export const ids = [718];
export const modules = {

/***/ 5718:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  plan: () => (/* binding */ plan),
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-cjs/index.js
var dist_cjs = __webpack_require__(2684);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-codedeploy/dist-cjs/index.js
var client_codedeploy_dist_cjs = __webpack_require__(7507);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var client_ecs_dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: ./src/core/action/errors.ts
var errors = __webpack_require__(6379);
;// CONCATENATED MODULE: ./src/core/deploy/stopped-tasks.ts





/** Reading the last log lines of crashed containers (part of the deploy's permission contract). */
function logReadPermissions(sources, region, account) {
    return [...new Set(sources.map((s) => `${s.region ?? region}\u0000${s.group}`))].map((key) => {
        const [groupRegion, group] = key.split('\u0000');
        return {
            action: 'logs:GetLogEvents',
            resource: arnIn('logs', groupRegion ?? region, account, `log-group:${group ?? ''}:log-stream:*`),
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
            const events = await logs.send(new dist_cjs/* GetLogEventsCommand */.h7S({
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/core/aws/clients.ts + 1 modules
var clients = __webpack_require__(5493);
// EXTERNAL MODULE: ./src/core/util/time.ts
var time = __webpack_require__(4199);
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
            throw new errors/* TimeoutError */.MU(`Timed out after ${(0,time/* formatDuration */.a3)(elapsedMs)} waiting for ${options.what}.`, 'Raise the timeout input if this is expected to take longer, or look at the service events above for what held it up.');
        }
        next = Math.min(next, remaining);
        options.onObservation?.(observation, { elapsedMs, polls, changed, nextPollMs: next });
        await options.sleep(next, options.signal);
    }
}

;// CONCATENATED MODULE: ./src/core/deploy/analysis.ts




/** The analysis found the new version bad: the deployment must be stopped and rolled back. */
class analysis_AnalysisFailure extends (/* unused pure expression or super */ null && (Error)) {
    name = 'AnalysisFailure';
}
/** What the analysis reads (part of the deploy's permission contract). */
function analysisPermissions(spec, region, account) {
    const permissions = spec.alarms.map((alarm) => ({
        action: 'cloudwatch:DescribeAlarms',
        resource: arnIn('cloudwatch', region, account, `alarm:${alarm}`),
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
        const page = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: alarms.slice(i, i + 100) }));
        for (const alarm of [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])])
            if (alarm.AlarmName !== undefined)
                found.add(alarm.AlarmName);
    }
    const missing = alarms.filter((name) => !found.has(name));
    if (missing.length > 0)
        throw new ConfigurationError(`CloudWatch alarm(s) ${missing.join(', ')} do not exist in this region.`, { input: 'alarms', hint: 'Check the names (they are case-sensitive) and the region.' });
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
            throw new analysis_AnalysisFailure(`Analysis failed (${this.failures} failed round(s), ${this.spec.failuresAllowed} allowed): ${summary}`);
        this.logger.warning(`analysis round ${this.rounds} failed (${this.failures} of ${this.spec.failuresAllowed} allowed): ${summary}`);
    }
    async alarmProblems() {
        if (this.spec.alarms.length === 0)
            return [];
        const page = await this.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: this.spec.alarms.slice(0, 100) }));
        return [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])]
            .filter((alarm) => alarm.StateValue === 'ALARM')
            .map((alarm) => `alarm ${alarm.AlarmName ?? ''} is ALARM (${alarm.StateReason ?? 'no reason'})`);
    }
    async metricProblems(now) {
        if (this.spec.metrics.length === 0)
            return [];
        const longest = Math.max(...this.spec.metrics.map((m) => m.periodSeconds));
        const response = await this.cloudwatch.send(new GetMetricDataCommand({
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
                this.logger.info(`analysis: ${m.name} has no data in the last ${formatDuration(m.periodSeconds * 1000)}`);
                return;
            }
            if (COMPARE[m.comparison](value, m.threshold))
                problems.push(`${m.name}: ${m.statistic} ${m.metric} = ${value} ${m.comparison} ${m.threshold}`);
        });
        return problems;
    }
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
    logger.info(`Bake: watching ${options.what} for ${formatDuration(options.durationMs)} before calling it a success.`);
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
            logger.warning(`Bake: a read failed (${errorMessage(error)}); looking again shortly.`);
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
            logger.info(`Bake: ${options.what} held for ${formatDuration(ranMs)}${verdict === undefined ? '' : ` (${verdict.summary})`}.`);
            return { ranMs, verdict: { kind: 'held' }, sawEnd };
        }
        if (verdict !== undefined && clock.now() - lastLog >= 60_000) {
            lastLog = clock.now();
            logger.info(`Bake: ${formatDuration(ranMs)} of ${formatDuration(options.durationMs)}, ${verdict.summary}; ${formatDuration(remaining)} to go.`);
        }
        await options.sleep(Math.min(interval, remaining), options.signal);
    }
}
/**
 * What both strategies' looks judge alike: a task of the new version that stopped since the last
 * look fails the bake, and so do fewer tasks running than desired twice in a row (one look can
 * fall between a stop and its replacement).
 */
class bake_TaskWatch {
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
    return { content, sha256: createHash('sha256').update(content).digest('hex') };
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
        const info = (await codedeploy.send(new GetDeploymentCommand({ deploymentId }))).deploymentInfo ?? {};
        if (info.status !== 'InProgress' && info.status !== 'Succeeded')
            return {
                kind: 'failed',
                reason: `the deployment ended ${info.status ?? '?'}: ${describeFailure(info)}`,
            };
        if (info.status === 'Succeeded' && group !== undefined) {
            const newer = (await codedeploy.send(new ListDeploymentsCommand({
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
        targetId ??= (await codedeploy.send(new ListDeploymentTargetsCommand({ deploymentId })))
            .targetIds?.[0];
        const green = targetId === undefined
            ? undefined
            : greenOf((await codedeploy.send(new BatchGetDeploymentTargetsCommand({ deploymentId, targetIds: [targetId] }))).deploymentTargets?.[0]?.ecsTarget?.taskSetsInfo ?? []);
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
            logger.warning(`Reading deployment ${deploymentId} failed after the SDK's retries (${(0,errors/* awsErrorCode */.J6)(error) ?? 'error'}); still following it, next check in ${(0,time/* formatDuration */.a3)(progress.nextPollMs)}.`);
        },
        onObservation: (o, progress) => {
            const green = greenOf(o.taskSets);
            const current = o.events.find((e) => e.status === 'InProgress')?.lifecycleEventName;
            logger.info(`${(0,time/* formatDuration */.a3)(progress.elapsedMs)}: ${o.info.status ?? '?'}${current === undefined ? '' : ` (${current})`}, new version ${green?.trafficWeight ?? 0}% traffic, ${green?.runningCount ?? 0}/${green?.desiredCount ?? 0} tasks running${progress.nextPollMs > 0 ? `; next check in ${(0,time/* formatDuration */.a3)(progress.nextPollMs)}` : ''}`);
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

// EXTERNAL MODULE: ./src/core/deploy/service.ts
var deploy_service = __webpack_require__(6852);
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
            logger.warning(`Reading deployment ${deploymentId} failed after the SDK's retries (${(0,errors/* awsErrorCode */.J6)(error) ?? 'error'}); still following it, next check in ${(0,time/* formatDuration */.a3)(progress.nextPollMs)}.`);
        },
        onObservation: (o, progress) => {
            options.onService?.(o.service);
            const d = o.stand.kind === 'rolling-back' ? o.stand.rollback : (o.ours ?? o.primary);
            const what = o.stand.kind === 'rolling-back'
                ? "ECS's rollback "
                : o.ours === undefined
                    ? 'our deployment is gone; serving '
                    : '';
            logger.info(`${(0,time/* formatDuration */.a3)(progress.elapsedMs)}: ${what}${d?.id ?? '?'} ${d?.rolloutState ?? ''}, running ${d?.runningCount ?? 0}/${d?.desiredCount ?? 0}, pending ${d?.pendingCount ?? 0}, failed tasks ${d?.failedTasks ?? 0}${progress.nextPollMs > 0 ? `; next check in ${(0,time/* formatDuration */.a3)(progress.nextPollMs)}` : ''}`);
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
            logger.info(`No load balancer and no container health check: ECS counts a new task healthy ${(0,time/* formatDuration */.a3)(grace)} after it runs, so the old tasks stop from ${new Date(counted + grace).toISOString()}; reading then.`);
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
        const current = await describeService(ecs, cluster, service);
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
    throw new errors/* RollbackError */.ZS(`Rolling ${where.cluster}/${where.service} back to ${where.taskDefinition} did not complete (${result.outcome.status}): ${result.outcome.reason} Serving now: ${result.outcome.servingTaskDefinition ?? 'unknown'}.`);
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
            logger.warning(`Reading service deployment ${arn} failed after the SDK's retries (${(0,errors/* awsErrorCode */.J6)(error) ?? 'error'}); still following it, next check in ${(0,time/* formatDuration */.a3)(progress.nextPollMs)}.`);
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
                logger.info(`${(0,time/* formatDuration */.a3)(progress.elapsedMs)}: ${describeProgress(d)}${progress.nextPollMs > 0 ? `; next check in ${(0,time/* formatDuration */.a3)(progress.nextPollMs)}` : ''}`);
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
        throw new ConfigurationError(`Service deployment ${arn} has no lifecycle hook${hookId === undefined ? '' : ` ${hookId}`} waiting to be continued: it is ${describeProgress(d)}.`, {
            input: 'continue-deployment-id',
            hint: 'Continue a deployment the ready step left paused (its service-deployment-arn and hook-id outputs).',
        });
    for (const hook of waiting)
        await ecs.send(new ContinueServiceDeploymentCommand({
            serviceDeploymentArn: arn,
            hookId: hook.hookId,
            action,
        }));
    return waiting.map((h) => h.hookId ?? '');
}

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
    const listed = await ecs.send(new client_ecs_dist_cjs/* ListTagsForResourceCommand */.a_e({ resourceArn: serviceArn }));
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
        const page = await ecs.send(new client_ecs_dist_cjs/* ListServiceDeploymentsCommand */.jz8({
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
        const described = await ecs.send(new client_ecs_dist_cjs/* DescribeServiceRevisionsCommand */.oF5({
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
        const document = (0,dist/* parse */.qg)(content);
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
    const listed = await codedeploy.send(new client_codedeploy_dist_cjs/* ListDeploymentsCommand */.sr8({
        applicationName: application,
        deploymentGroupName: deploymentGroup,
        includeOnlyStatuses: ['Succeeded'],
    }));
    const ids = (listed.deployments ?? []).slice(0, 100);
    const infos = [];
    for (let start = 0; start < ids.length; start += 25) {
        const batch = await codedeploy.send(new client_codedeploy_dist_cjs/* BatchGetDeploymentsCommand */.ARk({ deploymentIds: ids.slice(start, start + 25) }));
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

// EXTERNAL MODULE: ./src/actions/ecs-rollback/inputs.ts + 1 modules
var inputs = __webpack_require__(1987);
// EXTERNAL MODULE: ./src/core/action/permissions.ts
var action_permissions = __webpack_require__(142);
;// CONCATENATED MODULE: ./src/core/ecr/verify-images.ts



/** The ECR repository name an image would live in (used for the permission contract too). */
function verify_images_repositoryOf(image) {
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
            const found = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [reference.repository] }));
            uri = found.repositories?.[0]?.repositoryUri;
        }
        catch (error) {
            if (awsErrorCode(error) !== 'RepositoryNotFoundException')
                throw error;
        }
        if (uri === undefined || uri !== `${reference.registry ?? ''}/${reference.repository}`) {
            checks.push({ image, repository: reference.repository, found: undefined });
            continue;
        }
        try {
            await ecr.send(new DescribeImagesCommand({
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
            if (awsErrorCode(error) !== 'ImageNotFoundException')
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
    const arn = `arn:${partitionOf(options.region)}:codedeploy:${options.region}:${options.account}`;
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
        resource: arnIn('ecr', region, account, `repository/${repository}`),
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

;// CONCATENATED MODULE: ./src/core/permissions/rollback.ts
// ecs-rollback's permission contract: its plan and iam-check both use it.


/** The rollback's permission contract (iam-check and the pre-flight use it). */
function rollbackPermissions(inputs, observed, mode, 
/** The step the plan chose (undefined: any, as iam-check sees a workflow). */
step) {
    const { serviceArn, clusterArn } = observed;
    const onService = (action, write, reason) => ({
        action,
        resource: serviceArn,
        context: { 'ecs:cluster': clusterArn },
        write,
        reason,
    });
    const permissions = [
        onService('ecs:DescribeServices', false, 'read the service and follow the rollback'),
        ...changeTagPermissions(serviceArn, true),
        ...stoppedTaskPermissions(clusterArn),
    ];
    if (inputs.to !== undefined) {
        permissions.push({
            action: 'ecs:DescribeTaskDefinition',
            resource: '*',
            write: false,
            reason: "check the revision named in 'to'",
        });
    }
    if (mode === 'native')
        return [...permissions, ...nativeRollback(serviceArn, clusterArn, step)];
    if (mode === 'rolling') {
        permissions.push(onService('ecs:ListServiceDeployments', false, 'find the previous good deployment'), {
            action: 'ecs:DescribeServiceRevisions',
            resource: `${serviceArn.replace(':service/', ':service-revision/')}/*`,
            write: false,
            reason: 'read the task definition of the previous good deployment',
        });
        if (step === undefined || step.kind === 'update-service')
            permissions.push(onService('ecs:UpdateService', true, 'return the service to the previous task definition'));
        return permissions;
    }
    const arn = `arn:${(0,action_permissions/* partitionOf */.iQ)(inputs.region)}:codedeploy:${inputs.region}:${observed.account}`;
    const groupArn = `${arn}:deploymentgroup:${inputs.application}/${inputs.deploymentGroup}`;
    permissions.push(...deploymentGroupReads(groupArn), {
        action: 'codedeploy:BatchGetDeployments',
        resource: groupArn,
        write: false,
        reason: 'read the revisions of earlier deployments',
    }, ...followDeploymentPermissions(groupArn));
    if (step === undefined || step.kind === 'codedeploy-deploy') {
        permissions.push({
            action: 'codedeploy:CreateDeployment',
            resource: groupArn,
            write: true,
            reason: 'deploy the previous revision',
        }, {
            action: 'codedeploy:GetDeploymentConfig',
            resource: `${arn}:deploymentconfig:${inputs.deploymentConfig}`,
            write: false,
            reason: 'CreateDeployment reads the deployment config',
        }, {
            action: 'codedeploy:GetApplicationRevision',
            resource: `${arn}:application:${inputs.application}`,
            write: false,
            reason: 'CreateDeployment reads the revision',
        });
    }
    return permissions;
}
/** ECS-native: stop the deployment in flight with rollback, or deploy the previous revision. */
function nativeRollback(serviceArn, clusterArn, step) {
    const inCluster = { 'ecs:cluster': clusterArn };
    // Service deployments and revisions are authorized by their ARNs, without ecs:cluster.
    const on = (resource, action, write, reason) => ({
        action,
        resource,
        ...(resource === serviceArn ? { context: inCluster } : {}),
        write,
        reason,
    });
    const { deployments, revisions } = serviceDeploymentArns(serviceArn);
    const permissions = [
        on(serviceArn, 'ecs:ListServiceDeployments', false, 'find the deployment in flight and the previous good one'),
        on(revisions, 'ecs:DescribeServiceRevisions', false, 'read the task definition of a service revision'),
        on(deployments, 'ecs:DescribeServiceDeployments', false, 'follow the rollback'),
    ];
    if (step === undefined || step.kind === 'stop-native')
        permissions.push(on(deployments, 'ecs:StopServiceDeployment', true, 'stop the deployment in flight with rollback'));
    if (step === undefined || step.kind === 'update-service')
        permissions.push(on(serviceArn, 'ecs:UpdateService', true, "deploy the previous task definition through the service's strategy"));
    return permissions;
}

;// CONCATENATED MODULE: ./src/actions/ecs-rollback/plan.ts





/** Decides what to roll back to, and how, from what was observed. No AWS call. */
function planRollback(inputs, observed) {
    const where = `${inputs.cluster}/${inputs.service}`;
    const mode = rollbackMode(inputs, observed, where);
    const current = observed.current ?? '';
    const withPermissions = (step, to, source) => ({
        region: inputs.region,
        cluster: inputs.cluster,
        service: inputs.service,
        serviceArn: observed.serviceArn,
        mode,
        from: current,
        application: inputs.application,
        deploymentGroup: inputs.deploymentGroup,
        deploymentConfig: inputs.deploymentConfig,
        step,
        to,
        source,
        permissions: rollbackPermissions(inputs, observed, mode, step),
    });
    if (mode === 'native' && observed.inFlight !== undefined) {
        const source = observed.inFlightSource ?? current;
        refuseTargetPastInFlight(observed, where, source);
        return withPermissions({ kind: 'stop-native', arn: observed.inFlight }, source, `stopping service deployment ${observed.inFlight} with rollback`);
    }
    if (mode === 'codedeploy' && observed.inFlight !== undefined) {
        refuseTargetPastInFlight(observed, where, current);
        return withPermissions({ kind: 'stop-codedeploy', deploymentId: observed.inFlight }, current, `stopping CodeDeploy deployment ${observed.inFlight} with rollback`);
    }
    const target = chooseTarget(observed, where, current);
    if (target !== undefined && 'why' in target)
        return withPermissions({ kind: 'none', why: target.why }, current, target.source);
    if (target === undefined) {
        throw new errors/* ConfigurationError */.j1(`${where} has no earlier revision to roll back to: ${mode === 'rolling' ? "ECS's deployment history" : "CodeDeploy's deployment history"} has no other successful deployment, and no ecs-delivery deploy is recorded on the service. Nothing was changed.`, { input: 'to', hint: "Name the revision to return to in 'to' (family:revision)." });
    }
    if (sameTaskDefinition(target.taskDefinition, current) && observed.inFlight === undefined) {
        return withPermissions({
            kind: 'none',
            why: `${where} already runs ${shortTaskDefinition(current)}; nothing changed.`,
        }, target.taskDefinition, target.source);
    }
    if (mode === 'rolling' || mode === 'native')
        return withPermissions({ kind: 'update-service' }, target.taskDefinition, target.source);
    if (observed.container === undefined) {
        throw new errors/* ConfigurationError */.j1(`${where} has no load balancer to route a CodeDeploy deployment through.`, { input: 'service' });
    }
    return withPermissions({
        kind: 'codedeploy-deploy',
        appSpec: ecsAppSpec(target.taskDefinition, observed.container.name, observed.container.port),
    }, target.taskDefinition, target.source);
}
/** Rolling for the ECS controller, CodeDeploy for CODE_DEPLOY (whose group must exist). */
function rollbackMode(inputs, observed, where) {
    if (observed.controller !== 'ECS' && observed.controller !== 'CODE_DEPLOY') {
        throw new errors/* ConfigurationError */.j1(`${where} uses the ${observed.controller} deployment controller; ecs-rollback handles ECS (rolling) and CODE_DEPLOY (blue/green) services.`, { input: 'service' });
    }
    const native = observed.nativeStrategy;
    if (observed.controller === 'ECS' && native !== undefined && native !== 'ROLLING')
        return 'native';
    const mode = observed.controller === 'ECS' ? 'rolling' : 'codedeploy';
    if (mode === 'codedeploy' && !observed.groupExists) {
        throw new errors/* ConfigurationError */.j1(`CodeDeploy deployment group ${inputs.deploymentGroup} of application ${inputs.application} does not exist.`, { input: 'codedeploy-deployment-group' });
    }
    return mode;
}
/** Stopping an in-flight CodeDeploy deployment returns to what served: 'to' cannot go elsewhere. */
function refuseTargetPastInFlight(observed, where, current) {
    if (observed.requested === undefined ||
        sameTaskDefinition(observed.requested.taskDefinitionArn, current))
        return;
    throw new errors/* ConfigurationError */.j1(`Deployment ${observed.inFlight ?? ''} of ${where} is in flight; stopping it returns the service to ${shortTaskDefinition(current)}, not ${shortTaskDefinition(observed.requested.taskDefinitionArn ?? '')}.`, {
        input: 'to',
        hint: "Run without 'to' first (it stops the deployment with rollback), then again with 'to'.",
    });
}
/**
 * The revision to return to: the 'to' input, else the service's history, else the deploy
 * recorded on it; or why nothing is to be done (a recorded rollback or an undone deploy stands).
 */
function chooseTarget(observed, where, current) {
    const recorded = observed.recorded;
    const settled = observed.inFlight === undefined;
    if (observed.requested !== undefined) {
        const requested = observed.requested;
        if (requested.status !== 'ACTIVE') {
            throw new errors/* ConfigurationError */.j1(`Task definition ${requested.taskDefinitionArn ?? ''} is ${requested.status ?? 'not ACTIVE'}; ECS will not deploy it.`, {
                input: 'to',
                hint: 'Name an ACTIVE revision, or leave `to` empty for the previous good one.',
            });
        }
        return { taskDefinition: requested.taskDefinitionArn ?? '', source: "the 'to' input" };
    }
    if (recorded?.kind === 'rollback' && sameTaskDefinition(recorded.to, current) && settled)
        return {
            why: `${where} was already rolled back from ${recorded.from} to ${recorded.to} and still runs it; nothing changed. Give 'to' to go further back.`,
            source: `the ${recorded.kind} recorded on the service`,
        };
    if (recorded?.kind === 'deploy' && sameTaskDefinition(recorded.from, current) && settled)
        // The last deploy was undone already (circuit breaker, CodeDeploy's own rollback): going
        // further back is a decision for a person, with `to`.
        return {
            why: `${where} runs ${recorded.from} again, the revision before the last deploy (of ${recorded.to}): that deploy was already rolled back, and nothing changed. Give 'to' to go further back.`,
            source: `the ${recorded.kind} recorded on the service`,
        };
    if (observed.history !== undefined)
        return observed.history;
    if (recorded?.kind === 'deploy' && sameTaskDefinition(recorded.to, current))
        return {
            taskDefinition: taskDefinitionArn(recorded.from, observed.serviceArn),
            source: 'the deploy recorded on the service (ecs-delivery:last-change tag)',
        };
    return undefined;
}

;// CONCATENATED MODULE: ./src/actions/ecs-rollback/execute.ts












async function execute(plan, inputs, ecs, codedeploy, context, stoppedTasks) {
    const run = rollbackRun(plan, inputs, ecs, codedeploy, context, stoppedTasks);
    context.outputs.set('from-task-definition-arn', plan.from);
    context.outputs.set('to-task-definition-arn', plan.to);
    if (inputs.reason !== undefined)
        context.logger.info(`Reason given: ${inputs.reason}`);
    const step = plan.step;
    if (step.kind === 'none') {
        context.logger.info(step.why);
        run.report('UNCHANGED', false, '');
        context.summary.paragraph(step.why);
        return;
    }
    context.logger.info(`Rolling ${run.where} back from ${shortTaskDefinition(plan.from)} to ${shortTaskDefinition(plan.to)} (found in ${plan.source}).`);
    if (step.kind === 'update-service' && plan.mode === 'native')
        await redeployNative(run);
    else if (step.kind === 'update-service')
        await rollBackRolling(run);
    else if (step.kind === 'stop-native')
        await stopNative(run, step.arn);
    else if (step.kind === 'stop-codedeploy')
        await stopCodeDeploy(run, step.deploymentId);
    else
        await redeployCodeDeploy(run, step.appSpec);
}
function rollbackRun(plan, inputs, ecs, codedeploy, context, stoppedTasks) {
    const started = context.clock.now();
    const where = `${plan.cluster}/${plan.service}`;
    const report = (status, changed, deploymentId) => {
        context.outputs.set('rolled-back', changed);
        context.outputs.set('status', status);
        context.outputs.set('deployment-id', deploymentId);
        context.outputs.set('duration-seconds', Math.round((context.clock.now() - started) / 1000));
        context.summary
            .heading(`Rollback ${where}`)
            .table(['From', 'To', 'Found in', 'Status', 'Deployment', 'Duration'], [
            [
                shortTaskDefinition(plan.from),
                shortTaskDefinition(plan.to),
                plan.source,
                status,
                deploymentId || '—',
                (0,time/* formatDuration */.a3)(context.clock.now() - started),
            ],
        ]);
        if (inputs.reason !== undefined)
            context.summary.paragraph(`**Reason:** ${inputs.reason}`);
    };
    return {
        plan,
        inputs,
        ecs,
        codedeploy,
        context,
        stoppedTasks,
        where,
        report,
        rolledBack: async (status, deploymentId) => {
            await recordChange(ecs, plan.serviceArn, { kind: 'rollback', from: plan.from, to: plan.to }, context.logger);
            report(status, true, deploymentId);
        },
        follow: (deploymentId) => context.logger.group(`Following CodeDeploy deployment ${deploymentId}`, () => followCodeDeployDeployment({
            codedeploy,
            deploymentId,
            targetId: ecsTargetId(plan.cluster, plan.service),
            until: 'complete',
            ...timing(inputs, context),
            ...(stoppedTasks === undefined ? {} : { stoppedTasks }),
        })),
    };
}
function timing(inputs, context) {
    return {
        timeoutMs: inputs.timeoutMs,
        clock: context.clock,
        sleep: context.sleep,
        logger: context.logger,
        signal: context.signal,
    };
}
/** A rolling service: UpdateService to the previous revision, followed when asked to wait. */
async function rollBackRolling(run) {
    const { plan, inputs, context, stoppedTasks } = run;
    const result = await context.logger.group(`Rolling back to ${plan.to}`, () => rollBackService({
        ecs: run.ecs,
        cluster: plan.cluster,
        service: plan.service,
        taskDefinition: plan.to,
        wait: inputs.wait,
        ...timing(inputs, context),
        ...(stoppedTasks === undefined ? {} : { stoppedTasks }),
    }));
    requireCompleted(result, {
        cluster: plan.cluster,
        service: plan.service,
        taskDefinition: plan.to,
    });
    await run.rolledBack(inputs.wait ? 'COMPLETED' : 'SUBMITTED', result.kind === 'unchanged' ? '' : result.deploymentId);
}
/** Follows an ECS-native service deployment to its end; anything but `wanted` fails the step. */
async function followNativeTo(run, arn, wanted) {
    const { inputs, context } = run;
    const ended = await context.logger.group(`Following service deployment ${arn}`, () => followNative({ ecs: run.ecs, arn, until: 'complete', ...timing(inputs, context) }));
    if (ended.deployment.status !== wanted) {
        run.report(ended.deployment.status ?? 'UNKNOWN', false, arn);
        throw new errors/* DeploymentFailedError */.RJ(`Service deployment ${arn} of ${run.where} ended ${ended.deployment.status ?? '?'}: ${ended.deployment.statusReason ?? ended.deployment.rollback?.reason ?? 'no reason given'}`, { deploymentId: arn, rolledBack: false });
    }
}
/** An ECS-native deployment in flight: StopServiceDeployment with rollback, followed to its end. */
async function stopNative(run, arn) {
    const { inputs, context } = run;
    context.logger.warning(`Stopping service deployment ${arn} with rollback (StopServiceDeployment): ECS moves the traffic back to ${shortTaskDefinition(run.plan.to)}.`);
    try {
        await stopWithRollback(run.ecs, arn);
    }
    catch (error) {
        if ((0,errors/* awsErrorCode */.J6)(error) !== 'ConflictException')
            throw error;
        context.logger.info(`Service deployment ${arn} was already ending.`);
    }
    if (!inputs.wait) {
        run.report('SUBMITTED', true, arn);
        return;
    }
    await followNativeTo(run, arn, 'ROLLBACK_SUCCESSFUL');
    await run.rolledBack('ROLLBACK_SUCCESSFUL', arn);
}
/** An ECS-native service at rest: the previous revision deployed through the service's own strategy. */
async function redeployNative(run) {
    const { plan, inputs, context } = run;
    const since = Date.now() - 2000;
    const updated = await updateServiceOnce(run.ecs, { cluster: plan.cluster, service: plan.service, taskDefinition: plan.to }, context);
    const arn = await findServiceDeployment(run.ecs, {
        cluster: plan.cluster,
        service: plan.service,
        since,
        taskDefinition: plan.to,
        known: [],
        sleep: context.sleep,
        signal: context.signal,
    });
    context.logger.info(`Started service deployment ${arn} (${updated.deploymentConfiguration?.strategy ?? '?'}, the service's own strategy) of ${shortTaskDefinition(plan.to)}.`);
    if (!inputs.wait) {
        run.report('SUBMITTED', true, arn);
        return;
    }
    await followNativeTo(run, arn, 'SUCCESSFUL');
    await run.rolledBack('COMPLETED', arn);
}
/** A CodeDeploy deployment still in flight: stopped with rollback, its rollback followed. */
async function stopCodeDeploy(run, deploymentId) {
    const { inputs, context } = run;
    context.logger.warning(`Stopping CodeDeploy deployment ${deploymentId} with rollback.`);
    try {
        await run.codedeploy.send(new client_codedeploy_dist_cjs/* StopDeploymentCommand */.NzN({ deploymentId, autoRollbackEnabled: true }));
    }
    catch (error) {
        if ((0,errors/* awsErrorCode */.J6)(error) !== 'DeploymentAlreadyCompletedException')
            throw error;
        context.logger.info(`Deployment ${deploymentId} had already ended.`);
    }
    if (!inputs.wait) {
        run.report('SUBMITTED', true, deploymentId);
        return;
    }
    const stopped = await run.follow(deploymentId);
    if (stopped.rollbackDeploymentId !== undefined) {
        const back = await run.follow(stopped.rollbackDeploymentId);
        if (back.status !== 'Succeeded') {
            throw new errors/* DeploymentFailedError */.RJ(`CodeDeploy's rollback ${stopped.rollbackDeploymentId} of ${run.where} ended ${back.status}: ${back.reason}`, { deploymentId: stopped.rollbackDeploymentId, rolledBack: false });
        }
    }
    await run.rolledBack(stopped.status.toUpperCase(), deploymentId);
}
/** A CodeDeploy service at rest: the previous revision deployed again through CodeDeploy. */
async function redeployCodeDeploy(run, appSpec) {
    const { plan, inputs, context } = run;
    const deploymentId = await createDeploymentOnce(run.codedeploy, {
        applicationName: plan.application,
        deploymentGroupName: plan.deploymentGroup,
        deploymentConfigName: plan.deploymentConfig,
        description: `ecs-delivery rollback to ${shortTaskDefinition(plan.to)}`,
        revision: { revisionType: 'AppSpecContent', appSpecContent: appSpec },
    }, context);
    context.logger.info(`Started CodeDeploy deployment ${deploymentId} (${plan.deploymentConfig}).`);
    if (!inputs.wait) {
        run.report('SUBMITTED', true, deploymentId);
        return;
    }
    const outcome = await run.follow(deploymentId);
    if (outcome.status !== 'Succeeded') {
        run.report(outcome.status.toUpperCase(), false, deploymentId);
        throw new errors/* DeploymentFailedError */.RJ(`The rollback deployment ${deploymentId} of ${run.where} ended ${outcome.status}: ${outcome.reason}`, { deploymentId, rolledBack: false });
    }
    await run.rolledBack('SUCCEEDED', deploymentId);
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

;// CONCATENATED MODULE: ./src/actions/ecs-rollback/observe.ts
// Observe: the AWS reads ecs-rollback needs, then its pure plan (plan.ts).








/** Reads what the decision needs (no write), then plans. */
async function observeAndPlan(inputs, ecs, codedeploy, 
/** The service, as the step's first read found it (action.ts). */
service) {
    const controller = service.deploymentController?.type ?? 'ECS';
    const current = currentTaskDefinition(service);
    const serviceArn = service.serviceArn ?? '';
    const observed = {
        serviceArn,
        clusterArn: service.clusterArn ?? '',
        account: serviceArn.split(':')[4] ?? '*',
        controller,
        nativeStrategy: service.deploymentConfiguration?.strategy,
        current,
        inFlight: undefined,
        recorded: await readRecordedChange(ecs, serviceArn),
        requested: inputs.to === undefined ? undefined : await requestedTaskDefinition(ecs, inputs.to, current),
        history: undefined,
        container: service.loadBalancers?.[0]?.containerName === undefined
            ? undefined
            : {
                name: service.loadBalancers[0].containerName,
                port: service.loadBalancers[0].containerPort ?? 0,
            },
        groupExists: true,
    };
    if (controller === 'ECS' && isNativeStrategy(service.deploymentConfiguration?.strategy)) {
        await observeNative(ecs, inputs, observed);
    }
    else if (controller === 'ECS') {
        const primary = service.deployments?.find((d) => d.status === 'PRIMARY');
        observed.inFlight = primary?.rolloutState === 'IN_PROGRESS' ? primary.id : undefined;
        if (inputs.to === undefined)
            observed.history = await previousFromEcsHistory(ecs, inputs.cluster, inputs.service, current ?? '');
    }
    else if (controller === 'CODE_DEPLOY') {
        const group = await observeDeploymentGroup(codedeploy, inputs.application, inputs.deploymentGroup);
        observed.groupExists = group.exists;
        observed.inFlight = group.inFlight;
        if (group.exists && inputs.to === undefined && group.inFlight === undefined)
            observed.history = await previousFromCodeDeployHistory(codedeploy, inputs.application, inputs.deploymentGroup, current ?? '');
    }
    return planRollback(inputs, observed);
}
/**
 * An ECS-native service: its service deployment in flight, and the task definition stopping it
 * returns to (its source revision's); at rest, the previous good revision from ECS's history.
 */
async function observeNative(ecs, inputs, observed) {
    const arn = (await inFlightServiceDeployments(ecs, inputs.cluster, inputs.service))[0]
        ?.serviceDeploymentArn;
    if (arn !== undefined) {
        const d = await describeServiceDeployment(ecs, arn);
        // One already rolling back is followed by ECS: nothing for this step to stop.
        if (d.status === 'IN_PROGRESS' || d.status === 'PENDING') {
            observed.inFlight = arn;
            const source = d.sourceServiceRevisions?.[0]?.arn;
            if (source !== undefined)
                observed.inFlightSource = await revisionTaskDefinition(ecs, source);
            return;
        }
    }
    if (inputs.to === undefined)
        observed.history = await previousFromEcsHistory(ecs, inputs.cluster, inputs.service, observed.current ?? '');
}
/** The task definition a service runs: its PRIMARY deployment's, or its primary task set's. */
function currentTaskDefinition(service) {
    return (service.deployments?.find((d) => d.status === 'PRIMARY')?.taskDefinition ??
        service.taskSets?.find((t) => t.status === 'PRIMARY')?.taskDefinition ??
        service.taskDefinition);
}
async function requestedTaskDefinition(ecs, to, current) {
    // A bare revision number means that revision of the family the service runs.
    const family = shortTaskDefinition(current ?? '').split(':')[0] ?? '';
    const name = /^\d+$/.test(to) ? `${family}:${to}` : to;
    return describeTaskDefinition(ecs, name, 'to', 'Name a registered revision (family:revision or its ARN).');
}

;// CONCATENATED MODULE: ./src/actions/ecs-rollback/work.ts
// Everything but the step's first read: loaded by action.ts while that read is out.






function work_clients(region, context) {
    const at = { region };
    return {
        ecs: context.clients.get(client_ecs_dist_cjs/* ECSClient */.Zgc, 'ecs', at),
        codedeploy: context.clients.get(client_codedeploy_dist_cjs/* CodeDeployClient */.cHd, 'codedeploy', at),
        logs: context.clients.get(dist_cjs/* CloudWatchLogsClient */.TFr, 'logs', at),
    };
}
function plan(inputs, context, service) {
    const { ecs, codedeploy } = work_clients(inputs.region, context);
    return observeAndPlan(inputs, ecs, codedeploy, service);
}
function run(plan, inputs, context) {
    const { ecs, codedeploy } = work_clients(inputs.region, context);
    const stoppedTasks = new StoppedTasks({ ecs, cluster: plan.cluster, logger: context.logger });
    return execute(plan, inputs, ecs, codedeploy, context, stoppedTasks);
}


/***/ })

};
