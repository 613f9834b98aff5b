export const id = 877;
export const ids = [877];
export const modules = {

/***/ 8877:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  launch: () => (/* binding */ launch)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./src/core/action/permissions.ts
var permissions = __webpack_require__(142);
// EXTERNAL MODULE: ./src/core/action/errors.ts
var errors = __webpack_require__(6379);
// EXTERNAL MODULE: ./src/core/action/steps.ts
var steps = __webpack_require__(9161);
;// CONCATENATED MODULE: ./src/core/action/clients.ts
/** For runs wired without AWS: says so the moment something asks for a client. */
const noClients = (action) => ({
    get: (_Class, service) => {
        throw new Error(`${action} asked for a ${service} client, but this run has no AWS clients wired.`);
    },
});

// EXTERNAL MODULE: ./src/core/action/inputs.ts + 1 modules
var inputs = __webpack_require__(4055);
;// CONCATENATED MODULE: ./src/core/action/logger.ts

const coreLogger = {
    debug: (message) => {
        core/* debug */.Yz(message);
    },
    info: (message) => {
        core/* info */.pq(message);
    },
    warning: (message) => {
        core/* warning */.$e(message);
    },
    error: (message) => {
        core/* error */.z3(message);
    },
    group: (title, fn) => core/* group */.Os(title, fn),
};

;// CONCATENATED MODULE: ./src/core/action/outputs.ts

const coreOutputs = {
    set: (name, value) => {
        core/* setOutput */.uH(name, typeof value === 'object' ? JSON.stringify(value) : value);
    },
};

;// CONCATENATED MODULE: ./src/core/action/state.ts

const coreStateBackend = {
    save: (name, value) => {
        core/* saveState */.LZ(name, value);
    },
    get: (name) => {
        const value = core/* getState */.Gu(name);
        return value === '' ? undefined : value;
    },
};
/** A typed view over the state backend: each key holds one JSON value of type `T[K]`. */
class TypedState {
    backend;
    constructor(backend) {
        this.backend = backend;
    }
    save(key, value) {
        this.backend.save(key, JSON.stringify(value));
    }
    get(key) {
        const raw = this.backend.get(key);
        if (raw === undefined)
            return undefined;
        try {
            return JSON.parse(raw);
        }
        catch {
            return undefined;
        }
    }
}

;// CONCATENATED MODULE: ./src/core/action/summary.ts

/** Escapes what would break a markdown table cell. */
function cell(text) {
    return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}
class MarkdownSummary {
    sink;
    parts = [];
    constructor(sink = writeToStepSummary) {
        this.sink = sink;
    }
    heading(text, level = 2) {
        this.parts.push(`${'#'.repeat(level)} ${text}`);
        return this;
    }
    paragraph(text) {
        this.parts.push(text);
        return this;
    }
    table(header, rows) {
        const lines = [
            `| ${header.map(cell).join(' | ')} |`,
            `| ${header.map(() => '---').join(' | ')} |`,
            ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
        ];
        this.parts.push(lines.join('\n'));
        return this;
    }
    list(items) {
        this.parts.push(items.map((item) => `- ${item}`).join('\n'));
        return this;
    }
    code(text, lang = '') {
        this.parts.push(`\`\`\`${lang}\n${text}\n\`\`\``);
        return this;
    }
    markdown() {
        return this.parts.length === 0 ? '' : `${this.parts.join('\n\n')}\n`;
    }
    async write() {
        const text = this.markdown();
        if (text !== '')
            await this.sink(text);
    }
}
async function writeToStepSummary(markdown) {
    // Outside a runner (local runs) there is no summary file: skip rather than fail the step.
    if (process.env['GITHUB_STEP_SUMMARY'] === undefined)
        return;
    await core/* summary */.z.addRaw(markdown, true).write();
}

// EXTERNAL MODULE: ./src/core/util/time.ts
var time = __webpack_require__(4199);
;// CONCATENATED MODULE: ./src/core/action/run.ts











const IS_POST_STATE = 'isPost';
/** How long a cancelled main step may take to stop its own work before the process exits. */
const CANCEL_GRACE_MS = 5000;
/**
 * Aborts on the runner's SIGINT/SIGTERM. The step gets a few seconds to stop cleanly (the post
 * step does the rollback), then the process exits so the runner's post step can start.
 */
function cancellationSignal() {
    const controller = new AbortController();
    const cancel = (signal) => {
        if (controller.signal.aborted)
            return;
        controller.abort(new errors/* CancelledError */.cc(`The runner sent ${signal}: the job was cancelled or timed out.`));
        setTimeout(() => process.exit(1), CANCEL_GRACE_MS).unref();
    };
    process.once('SIGINT', cancel);
    process.once('SIGTERM', cancel);
    return controller.signal;
}
/** The runner's runtime; the pre-flight and the clients come from the action's wiring (main.ts). */
function defaultRuntime(signal, wiring = {}) {
    return {
        inputs: (0,inputs/* environmentInputs */.rg)(),
        logger: coreLogger,
        summary: new MarkdownSummary(),
        outputs: coreOutputs,
        state: coreStateBackend,
        env: process.env,
        clock: time/* systemClock */.ml,
        sleep: time/* realSleep */.uk,
        signal,
        setSecret: (value) => {
            core/* setSecret */.Pq(value);
        },
        setFailed: (message) => {
            core/* setFailed */.C1(message);
        },
        exportVariable: (name, value) => {
            core/* exportVariable */.dN(name, value);
        },
        preflight: wiring.preflight ?? (() => Promise.resolve()),
        clients: wiring.clients ?? noClients,
    };
}
/**
 * Runs an action's main or post step. The only place that fails a step: errors are classified,
 * printed as one line that says what to do next, and turned into exit code 1.
 */
async function runAction(spec, overrides) {
    const { preread, ...runtimeOverrides } = overrides;
    const runtime = {
        ...defaultRuntime(overrides.signal ?? cancellationSignal(), runtimeOverrides),
        ...runtimeOverrides,
    };
    const context = {
        action: spec.name,
        inputs: new inputs/* InputReader */.i_(runtime.inputs),
        logger: runtime.logger,
        summary: runtime.summary,
        outputs: runtime.outputs,
        state: runtime.state,
        env: runtime.env,
        clients: runtime.clients(spec.name, runtime.env),
        clock: runtime.clock,
        sleep: runtime.sleep,
        signal: runtime.signal,
        setSecret: (value) => {
            runtime.setSecret(value);
        },
    };
    const phase = runtime.state.get(IS_POST_STATE) === 'true' ? 'post' : 'main';
    const startedAt = preread?.startedAt ?? runtime.clock.now();
    let ok = false;
    try {
        if (phase === 'post') {
            await spec.post?.(context);
        }
        else {
            if (spec.post !== undefined)
                runtime.state.save(IS_POST_STATE, 'true');
            await runMain(spec, context, runtime.preflight, preread);
        }
        ok = true;
        return { ok: true, phase };
    }
    catch (error) {
        const failure = (0,errors/* classify */.L8)(error);
        runtime.setFailed(failure.message);
        if (!(failure instanceof errors/* ActionError */.lZ) && failure.stack !== undefined) {
            runtime.logger.debug(failure.stack);
        }
        return { ok: false, error: failure, phase };
    }
    finally {
        if (phase === 'main') {
            try {
                runtime.exportVariable(steps/* STEPS_VARIABLE */.rx, (0,steps/* stepsWith */.uW)(runtime.env, {
                    action: spec.name,
                    startedAt,
                    endedAt: runtime.clock.now(),
                    ok,
                }));
            }
            catch (error) {
                runtime.logger.debug(`Could not record this step for later steps: ${(0,errors/* errorMessage */.gJ)(error)}`);
            }
        }
        try {
            await runtime.summary.write();
        }
        catch (error) {
            runtime.logger.warning(`Could not write the job summary: ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
    }
}
async function runMain(spec, context, preflight, preread) {
    // Every input is read and checked before anything talks to AWS: by the step's start
    // (startAction) in a runner, else here. Every action.yml declares iam-preflight (a unit test checks it).
    const asked = preread?.mode ??
        context.inputs.choice('iam-preflight', permissions/* PREFLIGHT_MODES */.Zt, 'off');
    const inputs = preread === undefined ? spec.readInputs(context.inputs, context) : preread.inputs;
    // A dry run says whether the caller may do what it plans: the pre-flight runs, warning only.
    const mode = asked === 'off' && isDryRun(inputs) ? 'warn' : asked;
    const plan = await spec.plan(inputs, context);
    plan.permissions = (0,permissions/* normalizePermissions */._6)(plan.permissions);
    await preflight(plan.permissions, mode, context, plan.region);
    await spec.execute(plan, inputs, context);
}
function isDryRun(inputs) {
    return (typeof inputs === 'object' &&
        inputs !== null &&
        inputs.dryRun === true);
}

// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/retry/index.js
var retry = __webpack_require__(3609);
// EXTERNAL MODULE: external "node:async_hooks"
var external_node_async_hooks_ = __webpack_require__(6698);
// EXTERNAL MODULE: ./node_modules/@smithy/node-http-handler/dist-cjs/index.js
var dist_cjs = __webpack_require__(1279);
// EXTERNAL MODULE: ./node_modules/http-proxy-agent/dist/index.js
var dist = __webpack_require__(8947);
// EXTERNAL MODULE: ./node_modules/https-proxy-agent/dist/index.js + 1 modules
var https_proxy_agent_dist = __webpack_require__(1566);
;// CONCATENATED MODULE: ./src/core/version.ts
/** The suite's name and version, sent in every AWS user agent and shown in summaries. */
const SUITE_NAME = 'ecs-delivery';
// Kept equal to package.json's version by a unit test.
const SUITE_VERSION = '0.1.0';

// EXTERNAL MODULE: ./src/core/aws/region.ts
var region = __webpack_require__(8269);
;// CONCATENATED MODULE: ./src/core/aws/clients.ts








/** The AWS services the suite talks to, with the identifiers AWS uses in endpoint variables. */
const SERVICES = {
    ecr: { envId: 'ECR', hostPrefix: 'api.ecr', global: false },
    ecs: { envId: 'ECS', hostPrefix: 'ecs', global: false },
    codedeploy: { envId: 'CODEDEPLOY', hostPrefix: 'codedeploy', global: false },
    iam: { envId: 'IAM', hostPrefix: 'iam', global: true },
    sts: { envId: 'STS', hostPrefix: 'sts', global: false },
    elbv2: { envId: 'ELASTIC_LOAD_BALANCING_V2', hostPrefix: 'elasticloadbalancing', global: false },
    cloudwatch: { envId: 'CLOUDWATCH', hostPrefix: 'monitoring', global: false },
    logs: { envId: 'CLOUDWATCH_LOGS', hostPrefix: 'logs', global: false },
};
/** Set while a write runs that must not be re-sent blindly (see withoutSdkRetries). */
const singleAttempt = new external_node_async_hooks_.AsyncLocalStorage();
/**
 * Runs `send` with the SDK's retries off: for writes whose lost response must not lead to a
 * second copy (CreateDeployment, UpdateService). The caller decides what a retry means
 * (core/aws/idempotent.ts).
 */
function clients_withoutSdkRetries(send) {
    return singleAttempt.run(true, send);
}
/** The SDK's configured strategy, except inside withoutSdkRetries. */
class SuiteRetryStrategy extends retry.ConfiguredRetryStrategy {
    refreshRetryTokenForRetry(...args) {
        // The SDK's retry middleware rethrows the request's own error when this throws.
        if (singleAttempt.getStore() === true)
            return Promise.reject(new Error('no SDK retry here'));
        return super.refreshRetryTokenForRetry(...args);
    }
}
const DEFAULT_MAX_ATTEMPTS = 8;
const DEFAULT_RETRY_BASE_DELAY_MS = 500;
const DEFAULT_RETRY_MAX_DELAY_MS = 20_000;
/**
 * The endpoint override for a service, as the AWS SDKs and CLI define it:
 * AWS_ENDPOINT_URL_<SERVICE> first, then AWS_ENDPOINT_URL, unless
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true. Undefined means AWS's own endpoint.
 */
function resolveEndpoint(service, env = process.env) {
    if ((0,region/* nonEmpty */.h)(env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'])?.toLowerCase() === 'true')
        return undefined;
    const endpoint = (0,region/* nonEmpty */.h)(env[`AWS_ENDPOINT_URL_${SERVICES[service].envId}`]) ??
        (0,region/* nonEmpty */.h)(env['AWS_ENDPOINT_URL']);
    if (endpoint === undefined)
        return undefined;
    try {
        const url = new URL(endpoint);
        if (url.protocol !== 'http:' && url.protocol !== 'https:')
            throw new Error('protocol');
    }
    catch {
        throw new errors/* ConfigurationError */.j1(`The endpoint override for ${service} is not an http(s) URL: '${endpoint}'.`, {
            hint: 'Fix AWS_ENDPOINT_URL (or the service-specific AWS_ENDPOINT_URL_* variable).',
        });
    }
    return endpoint.replace(/\/+$/, '');
}
/** The host a client will connect to, for the NO_PROXY decision. */
function endpointHost(service, region, endpoint) {
    if (endpoint !== undefined)
        return new URL(endpoint).hostname;
    const { hostPrefix, global } = SERVICES[service];
    const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
    return global ? `${hostPrefix}.${suffix}` : `${hostPrefix}.${region}.${suffix}`;
}
/**
 * Whether NO_PROXY exempts a host: `*`, exact names, `.suffix` or `suffix` domain matches,
 * optional ports ignored.
 */
function bypassesProxy(host, noProxy) {
    if (noProxy === undefined)
        return false;
    const name = host.toLowerCase().replace(/^\[|\]$/g, '');
    return noProxy
        .split(/[\s,]+/)
        .map((entry) => entry.trim().toLowerCase())
        .filter((entry) => entry !== '')
        .some((entry) => {
        if (entry === '*')
            return true;
        const bare = entry.replace(/:\d+$/, '').replace(/^\*?\./, '');
        return name === bare || name.endsWith(`.${bare}`);
    });
}
/** Full-jitter exponential backoff: a random delay up to min(max, base * 2^(attempt-1)). */
function clients_backoffDelay(attempt, baseMs, maxMs, random = Math.random) {
    const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
    return Math.floor(random() * ceiling);
}
/** Builds the configuration shared by every client of one action run. */
function clientConfig(service, options) {
    const env = options.env ?? process.env;
    const endpoint = resolveEndpoint(service, env);
    const envAttempts = Number((0,region/* nonEmpty */.h)(env['AWS_MAX_ATTEMPTS']));
    const maxAttempts = options.maxAttempts ?? (envAttempts > 0 ? envAttempts : DEFAULT_MAX_ATTEMPTS);
    const base = options.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS;
    const max = options.retryMaxDelayMs ?? DEFAULT_RETRY_MAX_DELAY_MS;
    const random = options.random ?? Math.random;
    const host = endpointHost(service, options.region, endpoint);
    const secure = endpoint === undefined || endpoint.startsWith('https:');
    const agent = proxyAgent(host, secure, env);
    const config = {
        region: options.region,
        retryStrategy: new SuiteRetryStrategy(maxAttempts, (attempt) => clients_backoffDelay(attempt, base, max, random)),
        customUserAgent: [
            [SUITE_NAME, SUITE_VERSION],
            [`${SUITE_NAME}-action`, options.action],
        ],
        requestHandler: options.requestHandler ??
            new dist_cjs.NodeHttpHandler({
                connectionTimeout: 10_000,
                requestTimeout: 60_000,
                ...(agent === undefined
                    ? {}
                    : secure
                        ? { httpsAgent: agent }
                        : { httpAgent: agent }),
            }),
    };
    if (endpoint !== undefined)
        config.endpoint = endpoint;
    // Keys in the given environment come first, as in the SDK's own chain (which reads only
    // process.env); without them the SDK's chain (web identity, profiles, IMDS) applies.
    const accessKeyId = (0,region/* nonEmpty */.h)(env['AWS_ACCESS_KEY_ID']);
    const secretAccessKey = (0,region/* nonEmpty */.h)(env['AWS_SECRET_ACCESS_KEY']);
    if (accessKeyId !== undefined && secretAccessKey !== undefined) {
        const sessionToken = (0,region/* nonEmpty */.h)(env['AWS_SESSION_TOKEN']);
        config.credentials = {
            accessKeyId,
            secretAccessKey,
            ...(sessionToken === undefined ? {} : { sessionToken }),
        };
    }
    return config;
}
function proxyAgent(host, secure, env) {
    const proxy = secure
        ? ((0,region/* nonEmpty */.h)(env['HTTPS_PROXY']) ?? (0,region/* nonEmpty */.h)(env['https_proxy']))
        : ((0,region/* nonEmpty */.h)(env['HTTP_PROXY']) ?? (0,region/* nonEmpty */.h)(env['http_proxy']));
    if (proxy === undefined)
        return undefined;
    if (bypassesProxy(host, (0,region/* nonEmpty */.h)(env['NO_PROXY']) ?? (0,region/* nonEmpty */.h)(env['no_proxy'])))
        return undefined;
    return secure ? new https_proxy_agent_dist/* HttpsProxyAgent */.b(proxy) : new dist/* HttpProxyAgent */.s(proxy);
}
/**
 * Creates an SDK client with the suite's configuration. Each action imports only the client
 * classes it uses, which keeps its bundle small.
 */
function createClient(ClientClass, service, options) {
    const client = new ClientClass(clientConfig(service, options));
    client.middlewareStack.add((next, context) => async (args) => {
        try {
            return await next(args);
        }
        catch (error) {
            if (typeof error === 'object' && error !== null) {
                const annotated = error;
                annotated.$service ??= (context.clientName ?? service).replace(/Client$/, '');
                annotated.$operation ??= (context.commandName ?? 'request').replace(/Command$/, '');
            }
            throw error;
        }
    }, { step: 'initialize', name: 'ecsDeliveryErrorContext' });
    return client;
}
/**
 * The step's clients, made lazily: one per client class, region and attempt limit, shared by the
 * plan, the execution and the pre-flight. `extra` reaches every client (tests inject a transport).
 */
function awsClients(action, env, extra = {}) {
    const made = new Map();
    return {
        get(Class, service, request) {
            let byKey = made.get(Class);
            if (byKey === undefined) {
                byKey = new Map();
                made.set(Class, byKey);
            }
            const key = `${service} ${request.region} ${request.maxAttempts ?? ''}`;
            let client = byKey.get(key);
            if (client === undefined) {
                client = createClient(Class, service, {
                    ...extra,
                    ...request,
                    action,
                    env,
                });
                byKey.set(key, client);
            }
            return client;
        },
    };
}

;// CONCATENATED MODULE: ./src/core/wiring.ts

/**
 * What every action's main.ts plugs into runAction: AWS clients from the one factory that
 * honours AWS_ENDPOINT_URL and the region, and the IAM pre-flight. core/action stays below both.
 * The pre-flight (the IAM catalogue, the IAM and STS clients) loads only when a step asks for it.
 */
const awsWiring = {
    clients: (action, env) => awsClients(action, env),
    preflight: async (permissions, mode, context, region) => {
        if (mode === 'off')
            return;
        const { defaultPreflight } = await Promise.all(/* import() */[__webpack_require__.e(290), __webpack_require__.e(832)]).then(__webpack_require__.bind(__webpack_require__, 832));
        await defaultPreflight(permissions, mode, context, region);
    },
};

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-cjs/index.js
var client_cloudwatch_logs_dist_cjs = __webpack_require__(2684);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var client_ecs_dist_cjs = __webpack_require__(212);
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
                response = await this.logs.send(new client_cloudwatch_logs_dist_cjs/* GetLogEventsCommand */.h7S({
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
var ecs_run_task_inputs = __webpack_require__(3628);
// EXTERNAL MODULE: ./src/core/taskdef/ebs.ts
var ebs = __webpack_require__(2596);
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

;// CONCATENATED MODULE: ./src/core/deploy/stopped-tasks.ts





/** Reading the last log lines of crashed containers (part of the deploy's permission contract). */
function logReadPermissions(sources, region, account) {
    return [...new Set(sources.map((s) => `${s.region ?? region}\u0000${s.group}`))].map((key) => {
        const [groupRegion, group] = key.split('\u0000');
        return {
            action: 'logs:GetLogEvents',
            resource: (0,permissions/* arnIn */.Lo)('logs', groupRegion ?? region, account, `log-group:${group ?? ''}:log-stream:*`),
            write: false,
            reason: 'show the last log lines of crashed tasks',
        };
    });
}
/** The awslogs stream of a container in a task: prefix/container/task id. */
function stopped_tasks_streamName(source, container, taskId) {
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
        const listed = await ecs.send(new ListTasksCommand({ cluster, startedBy, desiredStatus: 'STOPPED' }));
        const fresh = (listed.taskArns ?? []).filter((arn) => !this.seen.has(arn)).slice(0, 10);
        const reported = [];
        if (fresh.length === 0)
            return reported;
        const described = await ecs.send(new DescribeTasksCommand({ cluster, tasks: fresh }));
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
                    stream: stopped_tasks_streamName(source, container, taskId),
                    region: source.region,
                },
        });
    }
    async printLastLines(taskId, container) {
        const { logs, logger } = this.options;
        const source = this.options.sources?.find((s) => s.container === container);
        if (logs === undefined || source === undefined || this.logsUnreadable)
            return;
        const stream = stopped_tasks_streamName(source, container, taskId);
        try {
            const events = await logs.send(new GetLogEventsCommand({
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
            if (awsErrorCode(error) === 'ResourceNotFoundException')
                return;
            // Once is enough: the deployment goes on without the logs.
            this.logsUnreadable = true;
            logger.warning(`Cannot read the logs of ${container} (${source.group}/${stream}): ${errorMessage(error)}. Grant logs:GetLogEvents on the log group to see crashed containers' last lines here.`);
        }
    }
}

;// CONCATENATED MODULE: ./src/core/permissions/run-task.ts

/** What running a one-off task needs (the action's permission contract). */
function runTaskPermissions(taskDefinitionArn, clusterArn, taskDefinition, sources, inputs, account) {
    const onCluster = { 'ecs:cluster': clusterArn };
    const tasks = `${clusterArn.replace(':cluster/', ':task/')}/*`;
    const permissions = [
        {
            action: 'ecs:DescribeTaskDefinition',
            resource: '*',
            write: false,
            reason: 'check the task definition',
        },
        {
            action: 'ecs:RunTask',
            resource: taskDefinitionArn,
            context: onCluster,
            write: true,
            reason: 'run the task',
        },
        {
            action: 'ecs:DescribeTasks',
            resource: tasks,
            context: onCluster,
            write: false,
            reason: 'follow the task',
        },
        {
            action: 'ecs:StopTask',
            resource: tasks,
            context: onCluster,
            write: true,
            reason: 'stop the task when the job is cancelled or the timeout passes',
        },
        ...logReadPermissions(sources, inputs.region, account).map((p) => ({
            ...p,
            reason: "stream the task's log lines",
        })),
    ];
    for (const role of [taskDefinition.taskRoleArn, taskDefinition.executionRoleArn]) {
        if (role !== undefined)
            permissions.push({
                action: 'iam:PassRole',
                resource: role,
                context: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' },
                write: true,
                reason: "RunTask passes the task definition's roles to ECS",
            });
    }
    if (inputs.networkFromService !== undefined) {
        permissions.push({
            action: 'ecs:DescribeServices',
            resource: `${clusterArn.replace(':cluster/', ':service/')}/${inputs.networkFromService.split('/').at(-1) ?? ''}`,
            context: onCluster,
            write: false,
            reason: "copy the service's network configuration",
        });
    }
    return permissions;
}

;// CONCATENATED MODULE: ./src/actions/ecs-run-task/plan.ts






/** Checks the task definition against the inputs, and builds the RunTask request. No AWS call. */
function planRunTask(inputs, taskDefinition, account, service) {
    const arn = taskDefinition.taskDefinitionArn ?? inputs.taskDefinition;
    if (taskDefinition.status !== 'ACTIVE') {
        throw new errors/* ConfigurationError */.j1(`Task definition ${arn} is ${taskDefinition.status ?? 'not ACTIVE'}; ECS will not run it.`, { input: 'task-definition' });
    }
    const containers = taskDefinition.containerDefinitions ?? [];
    const essential = containers.filter((c) => c.essential !== false).map((c) => c.name ?? '');
    const container = inputs.container ?? essential[0] ?? containers[0]?.name ?? '';
    if (!containers.some((c) => c.name === container)) {
        throw new errors/* ConfigurationError */.j1(`Task definition ${arn} has no container '${container}'; it has ${containers.map((c) => c.name ?? '').join(', ')}.`, { input: 'container' });
    }
    let networkConfiguration;
    if (service !== undefined) {
        networkConfiguration = service.networkConfiguration;
        if (networkConfiguration?.awsvpcConfiguration === undefined) {
            throw new errors/* ConfigurationError */.j1(`Service ${inputs.networkFromService ?? ''} has no awsvpc network configuration to copy.`, { input: 'network-from-service' });
        }
    }
    else if (inputs.subnets.length > 0) {
        networkConfiguration = {
            awsvpcConfiguration: {
                subnets: inputs.subnets,
                ...(inputs.securityGroups.length > 0 ? { securityGroups: inputs.securityGroups } : {}),
                assignPublicIp: inputs.assignPublicIp ? 'ENABLED' : 'DISABLED',
            },
        };
    }
    if (taskDefinition.networkMode === 'awsvpc' && networkConfiguration === undefined) {
        throw new errors/* ConfigurationError */.j1(`Task definition ${arn} uses the awsvpc network mode, so the task needs subnets.`, {
            input: 'subnets',
            hint: "Give 'subnets' (and 'security-groups'), or 'network-from-service' to use a service's.",
        });
    }
    const containerOverride = {
        name: container,
        ...(inputs.command === undefined ? {} : { command: inputs.command }),
        ...(inputs.environment.size === 0
            ? {}
            : {
                environment: [...inputs.environment].map(([name, value]) => ({ name, value })),
            }),
    };
    const overrides = inputs.command === undefined && inputs.environment.size === 0
        ? undefined
        : { containerOverrides: [containerOverride] };
    if (inputs.ebsVolume !== undefined)
        (0,ebs/* checkLaunchVolume */.cA)(taskDefinition, inputs.ebsVolume.name ?? '');
    const sources = logSources(taskDefinition);
    const clusterArn = (0,permissions/* arnIn */.Lo)('ecs', inputs.region, account, `cluster/${inputs.cluster.split('/').at(-1) ?? inputs.cluster}`);
    return {
        region: inputs.region,
        cluster: inputs.cluster,
        taskDefinition: arn,
        container,
        overrides,
        networkConfiguration,
        volumeConfigurations: inputs.ebsVolume === undefined ? undefined : [inputs.ebsVolume],
        launchType: inputs.launchType,
        startedBy: inputs.startedBy,
        essential,
        logSources: sources,
        permissions: [
            ...runTaskPermissions(arn, clusterArn, taskDefinition, sources, inputs, account),
            ...(inputs.ebsVolume === undefined
                ? []
                : [(0,ebs/* ebsPassRole */.Qk)(inputs.ebsVolume.managedEBSVolume?.roleArn ?? '')]),
        ],
    };
}

;// CONCATENATED MODULE: ./src/actions/ecs-run-task/execute.ts









/** `name exit N (reason)` for each container of a stopped task. */
function containerLines(task) {
    return (task.containers ?? []).map((c) => `${c.name ?? '?'} ${c.exitCode === undefined ? 'no exit code' : `exit ${c.exitCode}`}${c.reason === undefined ? '' : ` (${c.reason})`}`);
}
async function execute(plan, inputs, ecs, logs, context) {
    const state = new TypedState(context.state);
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
    const response = await ecs.send(new client_ecs_dist_cjs/* RunTaskCommand */._eD({
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
        const described = (await ecs.send(new client_ecs_dist_cjs/* DescribeTasksCommand */.z8X({ cluster: plan.cluster, tasks: [taskArn] }))).tasks?.[0];
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
        await ecs.send(new client_ecs_dist_cjs/* StopTaskCommand */.PP1({
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
    const state = new TypedState(context.state);
    const taskArn = state.get('taskArn');
    if (state.get('finished') !== false || taskArn === undefined)
        return;
    context.logger.warning(`The run-task step did not finish: stopping task ${taskArn}.`);
    await ecs.send(new client_ecs_dist_cjs/* StopTaskCommand */.PP1({
        cluster: state.get('cluster') ?? 'default',
        task: taskArn,
        reason: 'ecs-delivery: the workflow job was cancelled',
    }));
}

;// CONCATENATED MODULE: ./src/core/deploy/service.ts
// The service as ECS describes it: the first read of most steps, so it loads with the ECS client only.


async function describeService(ecs, cluster, service) {
    const response = await ecs.send(new client_ecs_dist_cjs/* DescribeServicesCommand */.H7c({ cluster, services: [service] }));
    const found = response.services?.[0];
    if (found === undefined || found.status === 'INACTIVE') {
        throw new errors/* ConfigurationError */.j1(`Service ${service} was not found in cluster ${cluster}${found === undefined ? '' : ' (it is INACTIVE)'}.`, {
            input: 'service',
            hint: 'Check the cluster and service names and the region.',
        });
    }
    return found;
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

;// CONCATENATED MODULE: ./src/actions/ecs-run-task/observe.ts
// Observe: the AWS reads ecs-run-task needs, then its pure plan (plan.ts).





async function observeAndPlan(inputs, ecs) {
    const taskDefinition = await describeTaskDefinition(ecs, inputs.taskDefinition, 'task-definition');
    const service = inputs.networkFromService === undefined
        ? undefined
        : await describeService(ecs, inputs.cluster, inputs.networkFromService);
    const account = taskDefinition.taskDefinitionArn?.split(':')[4] ?? '*';
    return planRunTask(inputs, taskDefinition, account, service);
}

;// CONCATENATED MODULE: ./src/actions/ecs-run-task/action.ts






function ecsClient(region, context) {
    return context.clients.get(client_ecs_dist_cjs/* ECSClient */.Zgc, 'ecs', { region });
}
const ecsRunTask = {
    name: 'ecs-run-task',
    readInputs: ecs_run_task_inputs/* readInputs */.K,
    plan: (inputs, context) => observeAndPlan(inputs, ecsClient(inputs.region, context)),
    execute: (plan, inputs, context) => execute(plan, inputs, ecsClient(inputs.region, context), context.clients.get(client_cloudwatch_logs_dist_cjs/* CloudWatchLogsClient */.TFr, 'logs', { region: inputs.region }), context),
    post: async (context) => {
        const region = new TypedState(context.state).get('region');
        if (region !== undefined)
            await post(ecsClient(region, context), context);
    },
};

;// CONCATENATED MODULE: ./src/actions/ecs-run-task/load.ts
// What the step loads once its inputs are good (or for its post step).



const launch = (preread) => runAction(ecsRunTask, { ...awsWiring, preread });


/***/ })

};
