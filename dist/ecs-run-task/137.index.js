export const id = 137;
export const ids = [137];
export const modules = {

/***/ 7137:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  execute: () => (/* binding */ execute),
  post: () => (/* binding */ post)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: ./src/core/action/errors.ts
var errors = __webpack_require__(6379);
// EXTERNAL MODULE: ./src/core/action/state.ts
var action_state = __webpack_require__(251);
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
            return await withoutSdkRetries(options.send);
        }
        catch (error) {
            const outcome = writeOutcome(error);
            const code = awsErrorCode(error) ?? 'error';
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
            await options.sleep(backoffDelay(attempt, 1000, 20_000) + 500, options.signal);
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

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-cjs/index.js
var client_cloudwatch_logs_dist_cjs = __webpack_require__(2684);
;// CONCATENATED MODULE: ./src/core/tasks/log-tail.ts


/** The awslogs stream of one container of one task. */
function streamName(source, taskId) {
    return source.streamPrefix === undefined
        ? taskId
        : `${source.streamPrefix}/${source.container}/${taskId}`;
}
/**
 * Follows the CloudWatch Logs streams of a task's containers and prints each new line once, as
 * `[container] line`. A stream that does not exist yet (the container has not logged) is tried
 * again on the next drain.
 */
class LogTail {
    logs;
    sources;
    taskId;
    logger;
    tokens = new Map();
    missing = new Set();
    /** Lines printed, per container. */
    printed = new Map();
    constructor(logs, sources, taskId, logger) {
        this.logs = logs;
        this.sources = sources;
        this.taskId = taskId;
        this.logger = logger;
    }
    /** Reads and prints everything new in every stream. */
    async drain() {
        for (const source of this.sources)
            await this.drainOne(source);
    }
    async drainOne(source) {
        const stream = streamName(source, this.taskId);
        const key = `${source.group}\u0000${stream}`;
        // GetLogEvents returns at most 10,000 events a page; the same token back means the end.
        for (let page = 0; page < 20; page += 1) {
            const token = this.tokens.get(key);
            let response;
            try {
                response = await this.logs.send(new client_cloudwatch_logs_dist_cjs.GetLogEventsCommand({
                    logGroupName: source.group,
                    logStreamName: stream,
                    startFromHead: true,
                    ...(token === undefined ? {} : { nextToken: token }),
                }));
            }
            catch (error) {
                if ((0,errors/* awsErrorCode */.J6)(error) === 'ResourceNotFoundException') {
                    this.missing.add(key);
                    return;
                }
                throw error;
            }
            this.missing.delete(key);
            for (const event of response.events ?? []) {
                this.logger.info(`[${source.container}] ${event.message ?? ''}`);
                this.printed.set(source.container, (this.printed.get(source.container) ?? 0) + 1);
            }
            const next = response.nextForwardToken;
            if (next === undefined || next === token)
                return;
            this.tokens.set(key, next);
            if ((response.events ?? []).length === 0)
                return;
        }
    }
    /** Containers whose stream was never found (they logged nothing, or not to CloudWatch). */
    silent() {
        return this.sources
            .filter((s) => this.missing.has(`${s.group}\u0000${streamName(s, this.taskId)}`))
            .map((s) => s.container);
    }
}

// EXTERNAL MODULE: ./src/actions/ecs-run-task/inputs.ts
var inputs = __webpack_require__(3628);
// EXTERNAL MODULE: ./src/actions/ecs-run-task/plan.ts + 3 modules
var plan = __webpack_require__(6276);
;// CONCATENATED MODULE: ./src/actions/ecs-run-task/execute.ts









/** `name exit N (reason)` for each container of a stopped task. */
function containerLines(task) {
    return (task.containers ?? []).map((c) => `${c.name ?? '?'} ${c.exitCode === undefined ? 'no exit code' : `exit ${c.exitCode}`}${c.reason === undefined ? '' : ` (${c.reason})`}`);
}
async function execute(plan, inputs, ecs, logs, context) {
    const state = new action_state/* TypedState */.a(context.state);
    const started = context.clock.now();
    const taskArn = await startTask(plan, ecs, context, state);
    if (!inputs.wait) {
        state.save('finished', true);
        context.outputs.set('status', 'SUBMITTED');
        return;
    }
    const taskId = taskArn.split('/').at(-1) ?? taskArn;
    const tail = new LogTail(logs, plan.logSources, taskId, context.logger);
    const stopped = await waitForStop(plan, inputs, ecs, context, state, taskArn, tail);
    state.save('finished', true);
    // The last lines can reach CloudWatch Logs a moment after the task stops.
    await tail.drain();
    await context.sleep(2000, context.signal);
    await tail.drain();
    reportStopped(plan, context, taskId, stopped, tail, context.clock.now() - started);
}
/** RunTask, once; the task's ARN saved for the post step before anything else can fail. */
async function startTask(plan, ecs, context, state) {
    const response = await ecs.send(new dist_cjs/* RunTaskCommand */._eD({
        cluster: plan.cluster,
        taskDefinition: plan.taskDefinition,
        count: 1,
        startedBy: plan.startedBy,
        ...(plan.launchType === undefined ? {} : { launchType: plan.launchType }),
        ...(plan.networkConfiguration === undefined
            ? {}
            : { networkConfiguration: plan.networkConfiguration }),
        ...(plan.overrides === undefined ? {} : { overrides: plan.overrides }),
        ...(plan.volumeConfigurations === undefined
            ? {}
            : { volumeConfigurations: plan.volumeConfigurations }),
    }));
    const task = response.tasks?.[0];
    if (task?.taskArn === undefined) {
        const failure = response.failures?.[0];
        throw new errors/* TaskFailedError */.zX(`ECS did not start the task: ${failure?.reason ?? 'no reason given'}${failure?.detail === undefined ? '' : ` (${failure.detail})`}.`, 'Check the cluster has capacity for the launch type, and the subnets and security groups.');
    }
    const taskArn = task.taskArn;
    state.save('region', plan.region);
    state.save('cluster', plan.cluster);
    state.save('taskArn', taskArn);
    state.save('finished', false);
    context.outputs.set('task-arn', taskArn);
    context.logger.info(`Started task ${taskArn.split('/').at(-1) ?? taskArn} of ${plan.taskDefinition} in ${plan.cluster}${plan.overrides === undefined ? '' : ` (overrides for container ${plan.container})`}.`);
    return taskArn;
}
/** Polls the task to STOPPED, printing its log lines as they come; stops it at the timeout. */
async function waitForStop(plan, inputs, ecs, context, state, taskArn, tail) {
    const taskId = taskArn.split('/').at(-1) ?? taskArn;
    const describe = async () => {
        const described = (await ecs.send(new dist_cjs/* DescribeTasksCommand */.z8X({ cluster: plan.cluster, tasks: [taskArn] }))).tasks?.[0];
        // Lines are printed as they arrive, between reads of the task.
        await tail.drain();
        return described ?? {};
    };
    let last = '';
    try {
        return (await poll({
            read: describe,
            done: (t) => t.lastStatus === 'STOPPED',
            fingerprint: (t) => t.lastStatus ?? '',
            minIntervalMs: 2000,
            maxIntervalMs: 6000,
            timeoutMs: inputs.timeoutMs,
            what: `task ${taskId} to stop`,
            clock: context.clock,
            sleep: context.sleep,
            signal: context.signal,
            onReadError: (error, progress) => {
                context.logger.warning(`Reading task ${taskId} failed after the SDK's retries (${(0,errors/* awsErrorCode */.J6)(error) ?? 'error'}); still waiting for it, next check in ${(0,time/* formatDuration */.a3)(progress.nextPollMs)}.`);
            },
            onObservation: (t, progress) => {
                const status = t.lastStatus ?? '?';
                if (status !== last) {
                    context.logger.info(`task ${taskId}: ${status} after ${(0,time/* formatDuration */.a3)(progress.elapsedMs)}`);
                    last = status;
                }
            },
        })).observation;
    }
    catch (error) {
        if (!(error instanceof errors/* TimeoutError */.MU))
            throw error;
        await ecs.send(new dist_cjs/* StopTaskCommand */.PP1({
            cluster: plan.cluster,
            task: taskArn,
            reason: 'ecs-delivery: the run-task timeout passed',
        }));
        state.save('finished', true);
        context.outputs.set('status', 'TIMED_OUT');
        throw new errors/* TimeoutError */.MU(`Task ${taskId} was still ${last || 'running'} after ${(0,time/* formatDuration */.a3)(inputs.timeoutMs)}; it was stopped.`, 'Raise the timeout input if the task needs longer.');
    }
}
/** Outputs, summary and verdict of a stopped task: it failed when an essential container did. */
function reportStopped(plan, context, taskId, stopped, tail, duration) {
    const exitCodes = Object.fromEntries((stopped.containers ?? []).map((c) => [c.name ?? '', c.exitCode ?? null]));
    const failed = (stopped.containers ?? []).filter((c) => plan.essential.includes(c.name ?? '') && c.exitCode !== 0);
    const ownExit = exitCodes[plan.container];
    context.outputs.set('status', failed.length === 0 ? 'SUCCEEDED' : 'FAILED');
    context.outputs.set('exit-code', ownExit === null || ownExit === undefined ? '' : ownExit);
    context.outputs.set('exit-codes', exitCodes);
    context.outputs.set('stopped-reason', stopped.stoppedReason ?? '');
    context.outputs.set('duration-seconds', Math.round(duration / 1000));
    context.summary
        .heading(`Task ${taskId} (${plan.taskDefinition.split('/').at(-1) ?? ''})`)
        .table(['Container', 'Exit code', 'Reason', 'Log lines'], (stopped.containers ?? []).map((c) => [
        c.name ?? '',
        c.exitCode === undefined ? '—' : String(c.exitCode),
        c.reason ?? '',
        String(tail.printed.get(c.name ?? '') ?? 0),
    ]))
        .paragraph(`**${failed.length === 0 ? 'Succeeded' : 'Failed'}** after ${(0,time/* formatDuration */.a3)(duration)}. Stopped: ${stopped.stoppedReason ?? '—'}`);
    context.logger.info(`task ${taskId} stopped: ${containerLines(stopped).join('; ')}`);
    if (failed.length > 0) {
        throw new errors/* TaskFailedError */.zX(`Task ${taskId} failed: ${failed.map((c) => `${c.name ?? '?'} ${c.exitCode === undefined ? 'did not run to an exit code' : `exited ${c.exitCode}`}${c.reason === undefined ? '' : ` (${c.reason})`}`).join('; ')}; ${stopped.stoppedReason ?? 'no stopped reason'}.`, tail.silent().length > 0
            ? `No log lines came from ${tail.silent().join(', ')}; check its log configuration.`
            : 'Its log lines are above.');
    }
}
/** Post step: a task the main step started and did not see stop (cancelled job) is stopped. */
async function post(ecs, context) {
    const state = new action_state/* TypedState */.a(context.state);
    const taskArn = state.get('taskArn');
    if (state.get('finished') !== false || taskArn === undefined)
        return;
    context.logger.warning(`The run-task step did not finish: stopping task ${taskArn}.`);
    await ecs.send(new dist_cjs/* StopTaskCommand */.PP1({
        cluster: state.get('cluster') ?? 'default',
        task: taskArn,
        reason: 'ecs-delivery: the workflow job was cancelled',
    }));
}


/***/ })

};
