export const id = 251;
export const ids = [251];
export const modules = {

/***/ 5251:
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
// EXTERNAL MODULE: ./src/core/version.ts
var version = __webpack_require__(3323);
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
function withoutSdkRetries(send) {
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
function backoffDelay(attempt, baseMs, maxMs, random = Math.random) {
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
        retryStrategy: new SuiteRetryStrategy(maxAttempts, (attempt) => backoffDelay(attempt, base, max, random)),
        customUserAgent: [
            [version/* SUITE_NAME */.t, version/* SUITE_VERSION */.s],
            [`${version/* SUITE_NAME */.t}-action`, options.action],
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
        const { defaultPreflight } = await Promise.all(/* import() */[__webpack_require__.e(764), __webpack_require__.e(778)]).then(__webpack_require__.bind(__webpack_require__, 3778));
        await defaultPreflight(permissions, mode, context, region);
    },
};

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-cjs/index.js
var client_sts_dist_cjs = __webpack_require__(1695);
// EXTERNAL MODULE: ./src/actions/iam-check/observe.ts
var observe = __webpack_require__(3804);
// EXTERNAL MODULE: ./src/actions/iam-check/inputs.ts + 3 modules
var iam_check_inputs = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/actions/iam-check/action.ts



const iamCheck = {
    name: 'iam-check',
    readInputs: iam_check_inputs/* readInputs */.K,
    plan: (inputs, context) => {
        const sts = context.clients.get(client_sts_dist_cjs/* STSClient */.iM, 'sts', { region: inputs.region });
        // The caller's identity is read first; the IAM client and the checks load when they run.
        return (0,observe/* observeAndPlan */.h)(inputs, sts);
    },
    execute: async (plan, inputs, context) => {
        const { run } = await Promise.all(/* import() */[__webpack_require__.e(764), __webpack_require__.e(609), __webpack_require__.e(2)]).then(__webpack_require__.bind(__webpack_require__, 1002));
        await run(plan, inputs, context);
    },
};

;// CONCATENATED MODULE: ./src/actions/iam-check/load.ts
// What the step loads once its inputs are good (or for its post step).



const launch = (preread) => runAction(iamCheck, { ...awsWiring, preread });


/***/ }),

/***/ 3804:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ observeAndPlan)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1695);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8500);


/**
 * Reads the account (the caller's, unless the run names one), then plans. The plan (every
 * action's permission contract) loads while nothing else waits on it: after that first read.
 */
async function observeAndPlan(inputs, sts) {
    const account = inputs.run?.account ?? (await sts.send(new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_1__/* .GetCallerIdentityCommand */ .zI({}))).Account ?? '*';
    const { planCheck } = await Promise.all(/* import() */[__webpack_require__.e(764), __webpack_require__.e(609)]).then(__webpack_require__.bind(__webpack_require__, 7609));
    return planCheck(inputs, account);
}


/***/ }),

/***/ 3323:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ SUITE_VERSION),
/* harmony export */   t: () => (/* binding */ SUITE_NAME)
/* harmony export */ });
/** The suite's name and version, sent in every AWS user agent and shown in summaries. */
const SUITE_NAME = 'ecs-delivery';
// Kept equal to package.json's version by a unit test.
const SUITE_VERSION = '0.1.0';


/***/ })

};
