export const id = 572;
export const ids = [572];
export const modules = {

/***/ 7572:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  launch: () => (/* binding */ launch)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 10 modules
var core = __webpack_require__(7264);
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

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecr/dist-cjs/index.js
var client_ecr_dist_cjs = __webpack_require__(8249);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/actions/ecr-build-push/builder.ts
var ecr_build_push_builder = __webpack_require__(9749);
// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 3 modules
var exec = __webpack_require__(1260);
;// CONCATENATED MODULE: ./src/actions/ecr-build-push/docker.ts






/** The Docker configuration folder the job's user has (where setup-buildx-action registers builders). */
function userDockerConfig(env) {
    const configured = env['DOCKER_CONFIG'];
    if (configured !== undefined && configured !== '')
        return configured;
    return (0,external_node_path_.join)(env['HOME'] ?? (0,external_node_os_.homedir)(), '.docker');
}
/**
 * Makes a private DOCKER_CONFIG (registry credentials of this job only) see what the user's own
 * one holds besides credentials: CLI plugins installed per user (setup-buildx-action puts buildx
 * there when it downloads a version). Builders are found through BUILDX_CONFIG (see dockerCli).
 */
function linkUserPlugins(privateConfig, env) {
    const plugins = (0,external_node_path_.join)(userDockerConfig(env), 'cli-plugins');
    const link = (0,external_node_path_.join)(privateConfig, 'cli-plugins');
    (0,external_node_fs_.mkdirSync)(privateConfig, { recursive: true });
    if ((0,external_node_fs_.existsSync)(plugins) && !(0,external_node_fs_.existsSync)(link))
        (0,external_node_fs_.symlinkSync)(plugins, link);
}
/**
 * The Docker CLI through @actions/exec, with a private DOCKER_CONFIG for this job. buildx keeps
 * its builders in `$DOCKER_CONFIG/buildx` unless BUILDX_CONFIG says otherwise, so BUILDX_CONFIG
 * points at the user's: a builder set up by an earlier step stays visible.
 */
function dockerCli(cli, dockerConfig, baseEnv) {
    const buildxConfig = baseEnv['BUILDX_CONFIG'] ?? (0,external_node_path_.join)(userDockerConfig(baseEnv), 'buildx');
    return {
        run: async (args, options = {}) => {
            const env = {};
            for (const [key, value] of Object.entries(baseEnv))
                if (value !== undefined)
                    env[key] = value;
            const result = await (0,exec/* getExecOutput */.H)(cli, args, {
                ignoreReturnCode: true,
                silent: options.stream !== true,
                env: { ...env, DOCKER_CONFIG: dockerConfig, BUILDX_CONFIG: buildxConfig, ...options.env },
                ...(options.input === undefined ? {} : { input: Buffer.from(options.input) }),
            });
            return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
        },
    };
}
function lastLine(result) {
    return (result.stderr || result.stdout).trim().split('\n').at(-1) ?? '';
}
/**
 * Which builder a build will use. `requested` is the `builder` input: a buildx builder's name,
 * `engine` for `docker build` without buildx, or undefined for what buildx would pick itself
 * (BUILDX_BUILDER, then its current builder). Without buildx, CLIs older than 23 run BuildKit
 * with DOCKER_BUILDKIT=1 and newer ones only the legacy builder.
 */
async function detectBuilder(docker, requested) {
    const version = await docker.run(['version', '--format', '{{.Client.Version}}']);
    const clientVersion = version.stdout.trim().split('\n')[0] ?? '';
    const engine = () => {
        const major = Number(/^(\d+)\./.exec(clientVersion)?.[1] ?? '0');
        return {
            path: major > 0 && major < 23 ? 'buildkit' : 'legacy',
            clientVersion,
            name: undefined,
            driver: undefined,
            containerdStore: false,
        };
    };
    if (clientVersion === '' || requested === ecr_build_push_builder/* ENGINE_BUILDER */.$A)
        return engine();
    const hasBuildx = (await docker.run(['buildx', 'version'])).code === 0;
    if (!hasBuildx) {
        if (requested === undefined)
            return engine();
        throw new errors/* ConfigurationError */.j1(`Input 'builder' names the buildx builder '${requested}', but this Docker CLI (${clientVersion}) has no buildx plugin.`, {
            input: 'builder',
            hint: `Install buildx (docker/setup-buildx-action does), or set 'builder: ${ecr_build_push_builder/* ENGINE_BUILDER */.$A}' to build with docker build.`,
        });
    }
    const inspected = await docker.run(requested === undefined ? ['buildx', 'inspect'] : ['buildx', 'inspect', requested]);
    const parsed = inspected.code === 0 ? (0,ecr_build_push_builder/* parseBuildxInspect */.c9)(inspected.stdout) : undefined;
    if (parsed === undefined) {
        throw new errors/* ConfigurationError */.j1(`docker buildx cannot find the builder ${requested === undefined ? 'it was told to use (BUILDX_BUILDER or its current one)' : `'${requested}'`}: ${lastLine(inspected)}.`, {
            input: 'builder',
            hint: 'Run docker/setup-buildx-action (or `docker buildx create`) in an earlier step of this job, and check the name with `docker buildx ls`.',
        });
    }
    let containerdStore = false;
    if (parsed.driver === 'docker') {
        // The docker driver can export caches and build several platforms only on the containerd image store.
        const info = await docker.run(['info', '--format', '{{json .DriverStatus}}']);
        containerdStore = info.code === 0 && info.stdout.includes('io.containerd.snapshotter');
    }
    return {
        path: 'buildx',
        clientVersion,
        name: parsed.name,
        driver: parsed.driver,
        containerdStore,
    };
}

;// CONCATENATED MODULE: ./src/core/ecr/login.ts

/**
 * Gets a registry password from GetAuthorizationToken and hands every form of it (the password,
 * the base64 `AWS:` token, their URL-encoded forms) to `mask` before anything can print it.
 */
async function registryLogin(ecr, mask) {
    // One token works for every registry the caller may use; ECR deprecated asking per registry id.
    const response = await ecr.send(new client_ecr_dist_cjs/* GetAuthorizationTokenCommand */.Eu6({}));
    const data = response.authorizationData?.[0];
    const token = data?.authorizationToken ?? '';
    const decoded = Buffer.from(token, 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    const username = decoded.slice(0, separator);
    const password = decoded.slice(separator + 1);
    for (const secret of [token, password, encodeURIComponent(token), encodeURIComponent(password)]) {
        if (secret !== '')
            mask(secret);
    }
    return {
        server: (data?.proxyEndpoint ?? '').replace(/^https?:\/\//, '').replace(/\/+$/, ''),
        username,
        password,
        expiresAt: data?.expiresAt,
    };
}

// EXTERNAL MODULE: ./src/actions/ecr-build-push/inputs.ts + 2 modules
var ecr_build_push_inputs = __webpack_require__(7200);
// EXTERNAL MODULE: ./src/core/ecr/tags.ts
var ecr_tags = __webpack_require__(1045);
;// CONCATENATED MODULE: ./src/core/permissions/build-push.ts
// ecr-build-push's permission contract: its plan and iam-check both use it.

function repositoryArn(target) {
    if (target.repositoryArn !== undefined)
        return target.repositoryArn;
    return (0,permissions/* arnIn */.Lo)('ecr', target.region, target.registryId ?? '*', `repository/${target.repository}`);
}
const PUSH_ACTIONS = [
    'ecr:BatchCheckLayerAvailability',
    'ecr:InitiateLayerUpload',
    'ecr:UploadLayerPart',
    'ecr:CompleteLayerUpload',
    'ecr:PutImage',
];
const READ_ACTIONS = ['ecr:DescribeImages', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];
/**
 * What pushing to (or retagging in) these repositories needs: the permission contract of this
 * action, used by its pre-flight and by iam-check.
 */
function buildPushPermissions(targets, options) {
    const permissions = [];
    for (const target of targets) {
        const arn = repositoryArn(target);
        permissions.push({
            action: 'ecr:DescribeRepositories',
            resource: arn,
            write: false,
            reason: 'find the repository and its tag mutability',
        });
        if (!target.exists) {
            permissions.push({
                action: 'ecr:CreateRepository',
                resource: arn,
                write: true,
                reason: 'create the repository',
            });
            if (options.keepImages > 0) {
                permissions.push({
                    action: 'ecr:PutLifecyclePolicy',
                    resource: arn,
                    write: true,
                    reason: `keep the last ${options.keepImages} images`,
                });
            }
        }
        for (const action of READ_ACTIONS)
            permissions.push({
                action,
                resource: arn,
                write: false,
                reason: 'compare with what is already pushed',
            });
        if (options.push || options.promote) {
            // A run that may both push and promote (iam-check's view of a workflow) needs both.
            const actions = options.push ? PUSH_ACTIONS : ['ecr:PutImage'];
            for (const action of actions)
                permissions.push({
                    action,
                    resource: arn,
                    write: true,
                    reason: options.push ? 'push the image (and add tags)' : 'add the tags',
                });
        }
    }
    permissions.push({
        action: 'ecr:GetAuthorizationToken',
        resource: '*',
        write: false,
        reason: 'log in to the registry',
    });
    return permissions;
}

;// CONCATENATED MODULE: ./src/actions/ecr-build-push/plan.ts





/** The tags of this run: the templates expanded, or the defaults from git. */
function resolveTags(inputs) {
    if (inputs.tagTemplates.length === 0)
        return { tags: (0,ecr_tags/* defaultTags */.nK)(inputs.git), skipped: [] };
    const tags = [];
    const skipped = [];
    for (const template of inputs.tagTemplates) {
        const tag = (0,ecr_tags/* expandTemplate */.Ly)(template, inputs.git);
        if (tag === undefined) {
            skipped.push(template);
        }
        else if (!(0,ecr_tags/* isValidTag */.r_)(tag)) {
            throw new errors/* ConfigurationError */.j1(`Input 'tags': '${template}' expands to '${tag}', which Docker rejects as a tag.`, { input: 'tags' });
        }
        else if (!tags.includes(tag)) {
            tags.push(tag);
        }
    }
    if (tags.length === 0) {
        throw new errors/* ConfigurationError */.j1(`Input 'tags': no tag has a value in this run (${skipped.join(', ')}).`, { input: 'tags' });
    }
    return { tags, skipped };
}
function planBuildPush(inputs, targets) {
    const missing = targets.filter((t) => !t.exists);
    if (missing.length > 0 && !inputs.createRepository) {
        const where = missing.map((t) => `${t.repository} in ${t.region}`).join(', ');
        throw new errors/* ConfigurationError */.j1(`Repository ${where} does not exist.`, {
            input: 'repository',
            hint: "Create it, or set 'create-repository: true' to let this step create it.",
        });
    }
    if (inputs.promoteFrom !== undefined && missing.length > 0) {
        throw new errors/* ConfigurationError */.j1(`Cannot promote in ${missing[0]?.repository ?? ''}: the repository does not exist.`, { input: 'repository' });
    }
    const { tags, skipped } = resolveTags(inputs);
    const permissions = buildPushPermissions(targets, {
        keepImages: inputs.keepImages,
        push: inputs.push && inputs.promoteFrom === undefined,
        promote: inputs.promoteFrom !== undefined,
    });
    return {
        mode: inputs.promoteFrom === undefined ? 'build' : 'promote',
        tags,
        skippedTemplates: skipped,
        targets,
        create: missing.length === 0
            ? undefined
            : {
                scanOnPush: inputs.scanOnPush,
                tagMutability: inputs.tagMutability,
                keepImages: inputs.keepImages,
            },
        push: inputs.push,
        promoteFrom: inputs.promoteFrom,
        build: inputs.build,
        permissions,
    };
}
/**
 * ECR lifecycle policy keeping the newest `keep` images. Only tagged images are counted: ECR
 * lists every manifest as an image, so the platform manifests of an index and its attestations
 * (untagged) would otherwise use up the count and be expired from under the index that needs
 * them. The registry cache (`:buildcache`, tagged, pushed with every build) gets one place more.
 */
function lifecyclePolicy(keep, registryCache = false) {
    return JSON.stringify({
        rules: [
            {
                rulePriority: 1,
                description: `Keep the last ${keep} images (ecs-delivery)`,
                selection: {
                    tagStatus: 'tagged',
                    tagPatternList: ['*'],
                    countType: 'imageCountMoreThan',
                    countNumber: keep + (registryCache ? 1 : 0),
                },
                action: { type: 'expire' },
            },
        ],
    });
}
/**
 * The build cache of this plan on this builder, in its first repository (a repository about to be
 * created has the mutability it will be created with): the one decision the build, the lifecycle
 * policy and what the step says all use.
 */
function cacheFor(plan, info) {
    if (plan.build === undefined)
        return undefined;
    const [first] = plan.targets;
    return (0,ecr_build_push_builder/* planCache */._s)(plan.build, info, {
        push: plan.push,
        repositoryUri: first?.repositoryUri ?? first?.repository ?? '',
        tags: plan.tags,
        immutable: (first?.mutability ?? plan.create?.tagMutability) === 'IMMUTABLE',
    });
}
/**
 * The build command for this builder. Builders that load into the engine (docker build, buildx's
 * docker driver) tag locally and are pushed later with docker push; other buildx builders push
 * straight from the builder in the `push` phase.
 */
function buildCommand(plan, info, files, phase = 'push') {
    const build = plan.build;
    const cache = cacheFor(plan, info);
    if (build === undefined || cache === undefined)
        return [];
    const uris = plan.targets.map((t) => t.repositoryUri ?? '');
    const first = uris[0] ?? '';
    const can = (0,ecr_build_push_builder/* capabilities */.R7)(info);
    const args = info.path === 'buildx' ? ['buildx', 'build'] : ['build'];
    if (info.path === 'buildx' && info.name !== undefined)
        args.push('--builder', info.name);
    args.push('--file', build.dockerfile);
    if (build.target !== undefined)
        args.push('--target', build.target);
    for (const [key, value] of Object.entries(build.buildArgs))
        args.push('--build-arg', `${key}=${value}`);
    for (const [key, value] of Object.entries(build.labels))
        args.push('--label', `${key}=${value}`);
    if (build.network !== undefined)
        args.push('--network', build.network);
    for (const [id, path] of Object.entries(files.secretFiles))
        args.push('--secret', `id=${id},src=${path}`);
    if (info.path === 'buildx') {
        if (build.platforms.length > 0)
            args.push('--platform', build.platforms.join(','));
        // Attestations only when asked for: each is an untagged manifest in ECR, and it changes the
        // digest of every build (so an unchanged image would never be recognised).
        const attest = phase === 'push' && can.attestations;
        args.push(`--provenance=${attest ? build.provenance : 'false'}`);
        args.push(`--sbom=${attest && build.sbom ? 'true' : 'false'}`);
        for (const ref of cache.from)
            args.push('--cache-from', ref);
        // The check phase exports no cache: an unchanged image must write nothing to the registry.
        if (phase === 'push' || can.intoEngine)
            for (const ref of cache.to)
                args.push('--cache-to', ref);
        args.push('--metadata-file', files.metadataFile);
        if (can.intoEngine) {
            args.push('--load', '--iidfile', files.iidFile);
            for (const uri of uris)
                for (const tag of plan.tags)
                    args.push('--tag', `${uri}:${tag}`);
        }
        else if (plan.push) {
            // Same options in both phases, so an unchanged build gives the same digest in each.
            args.push('--output', `type=image,"name=${uris.join(',')}",push-by-digest=true,name-canonical=true,oci-mediatypes=true,push=${phase === 'push' ? 'true' : 'false'}`);
        }
        else if (build.platforms.length <= 1) {
            args.push('--load', '--tag', `${first}:${plan.tags[0] ?? 'latest'}`);
        }
    }
    else {
        if (build.platforms.length > 1 ||
            (build.platforms[0] !== undefined && build.platforms[0] !== 'linux/amd64')) {
            args.push('--platform', build.platforms.join(','));
        }
        for (const uri of uris)
            for (const tag of plan.tags)
                args.push('--tag', `${uri}:${tag}`);
        for (const ref of cache.from)
            args.push('--cache-from', ref);
        // BuildKit can use a pulled image as cache only when its cache metadata is inline.
        if (info.path === 'buildkit' && cache.kind === 'inline')
            args.push('--build-arg', 'BUILDKIT_INLINE_CACHE=1');
        args.push('--iidfile', files.iidFile);
    }
    args.push(build.context);
    return args;
}

;// CONCATENATED MODULE: ./src/actions/ecr-build-push/observe.ts
// Observe: the AWS reads ecr-build-push needs, then its pure plan (plan.ts).





async function observeAndPlan(inputs, ecrFor) {
    const plan = planBuildPush(inputs, await observeTargets(inputs.targets, ecrFor));
    if (plan.promoteFrom !== undefined) {
        const [target] = plan.targets;
        const source = await sourceImage(ecrFor(target?.region ?? ''), target, plan.promoteFrom);
        if (source === undefined) {
            throw new errors/* ConfigurationError */.j1(`Cannot promote '${plan.promoteFrom}': no such image in ${target?.repository ?? ''} (${target?.region ?? ''}).`, {
                input: 'promote-from',
            });
        }
    }
    return plan;
}
async function observeTargets(targets, ecrFor) {
    const observed = [];
    for (const target of targets) {
        try {
            const response = await ecrFor(target.region).send(new client_ecr_dist_cjs/* DescribeRepositoriesCommand */.pE_({
                repositoryNames: [target.repository],
                ...(target.registryId === undefined ? {} : { registryId: target.registryId }),
            }));
            const repository = response.repositories?.[0];
            observed.push({
                ...target,
                registryId: repository?.registryId ?? target.registryId,
                exists: true,
                repositoryUri: repository?.repositoryUri,
                repositoryArn: repository?.repositoryArn,
                mutability: repository?.imageTagMutability?.startsWith('IMMUTABLE') === true
                    ? 'IMMUTABLE'
                    : 'MUTABLE',
            });
        }
        catch (error) {
            if ((0,errors/* awsErrorCode */.J6)(error) !== 'RepositoryNotFoundException')
                throw error;
            observed.push({
                ...target,
                exists: false,
                repositoryUri: undefined,
                repositoryArn: undefined,
                mutability: undefined,
            });
        }
    }
    return observed;
}
async function sourceImage(ecr, target, reference) {
    if (target === undefined)
        return undefined;
    const imageId = reference.startsWith('sha256:')
        ? { imageDigest: reference }
        : { imageTag: reference };
    const response = await ecr.send(new client_ecr_dist_cjs/* BatchGetImageCommand */.P8n({
        repositoryName: target.repository,
        imageIds: [imageId],
        ...(target.registryId === undefined ? {} : { registryId: target.registryId }),
        acceptedMediaTypes: [
            'application/vnd.docker.distribution.manifest.v2+json',
            'application/vnd.docker.distribution.manifest.list.v2+json',
            'application/vnd.oci.image.manifest.v1+json',
            'application/vnd.oci.image.index.v1+json',
        ],
    }));
    const image = response.images?.[0];
    if (image?.imageManifest === undefined || image.imageId?.imageDigest === undefined)
        return undefined;
    return {
        digest: image.imageId.imageDigest,
        manifest: image.imageManifest,
        mediaType: image.imageManifestMediaType,
    };
}

;// CONCATENATED MODULE: ./src/core/report/links.ts
// Links to what a step touched, in the console of the partition and region it ran in.


/** The console's address for a region: each partition has its own console. */
function consoleBase(region) {
    switch ((0,permissions/* partitionOf */.iQ)(region)) {
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

;// CONCATENATED MODULE: ./src/actions/ecr-build-push/execute.ts











/** What each tag points at now in one repository (undefined: the tag does not exist). */
async function existingTags(ecr, target, tags) {
    const found = new Map();
    if (!target.exists) {
        for (const tag of tags)
            found.set(tag, undefined);
        return found;
    }
    for (const tag of tags)
        found.set(tag, await sourceImage(ecr, target, tag));
    return found;
}
/** What makes two images the same to a user: their layers and run settings, not build timestamps. */
async function imageContent(docker, reference) {
    const inspected = await docker.run(['image', 'inspect', '--format', '{{json .}}', reference]);
    if (inspected.code !== 0)
        return undefined;
    const image = JSON.parse(inspected.stdout);
    const config = image.Config ?? {};
    const settings = [
        'Env',
        'Cmd',
        'Entrypoint',
        'Labels',
        'WorkingDir',
        'User',
        'ExposedPorts',
        'Volumes',
        'Healthcheck',
        'StopSignal',
    ];
    return JSON.stringify({
        platform: [image.Os, image.Architecture, image.Variant],
        layers: image.RootFS?.Layers ?? [],
        config: settings.map((key) => config[key] ?? null),
    });
}
/**
 * Whether the built image is the one a tag already names. The image id is the config digest, so
 * an equal id settles it; otherwise BuildKit may have written new timestamps over identical
 * layers and settings, which is still the same image (and pushing it would only churn digests).
 */
async function sameImage(docker, imageId, existing, target) {
    if (configDigest(existing.manifest) === imageId)
        return true;
    const reference = `${target.repositoryUri ?? ''}@${existing.digest}`;
    if ((await docker.run(['pull', '--quiet', reference])).code !== 0)
        return false;
    const [built, pushed] = await Promise.all([
        imageContent(docker, imageId),
        imageContent(docker, reference),
    ]);
    return built !== undefined && built === pushed;
}
function configDigest(manifest) {
    try {
        return JSON.parse(manifest).config?.digest;
    }
    catch {
        return undefined;
    }
}
async function ensureRepositories(plan, deps, context) {
    for (const target of plan.targets) {
        if (target.exists || plan.create === undefined)
            continue;
        const ecr = deps.ecrFor(target.region);
        const created = await ecr.send(new client_ecr_dist_cjs/* CreateRepositoryCommand */.WTe({
            repositoryName: target.repository,
            imageTagMutability: plan.create.tagMutability,
            imageScanningConfiguration: { scanOnPush: plan.create.scanOnPush },
            ...(target.registryId === undefined ? {} : { registryId: target.registryId }),
        }));
        target.exists = true;
        target.repositoryUri = created.repository?.repositoryUri;
        target.repositoryArn = created.repository?.repositoryArn;
        target.registryId = created.repository?.registryId ?? target.registryId;
        target.mutability = plan.create.tagMutability;
        context.logger.info(`Created repository ${target.repository} in ${target.region} (${plan.create.tagMutability}, scan on push ${plan.create.scanOnPush ? 'on' : 'off'}).`);
        if (plan.create.keepImages > 0) {
            await ecr.send(new client_ecr_dist_cjs/* PutLifecyclePolicyCommand */.Rcn({
                repositoryName: target.repository,
                lifecyclePolicyText: lifecyclePolicy(plan.create.keepImages, cacheFor(plan, deps.builder)?.kind === 'registry'),
                ...(target.registryId === undefined ? {} : { registryId: target.registryId }),
            }));
        }
    }
}
async function login(plan, deps, context) {
    const done = new Set();
    for (const target of plan.targets) {
        const credentials = await registryLogin(deps.ecrFor(target.region), (secret) => {
            context.setSecret(secret);
        });
        // The repository's own host (another account's registry included), as ECR returned it.
        const server = target.repositoryUri?.split('/')[0] ?? credentials.server;
        if (done.has(server))
            continue;
        done.add(server);
        // The password goes through stdin, never argv, and Docker's "stored unencrypted" warning is
        // kept off the error line so a real failure is what the user reads.
        const result = await deps.docker.run(['login', '--username', credentials.username, '--password-stdin', server], {
            input: credentials.password,
        });
        if (result.code !== 0) {
            const reason = result.stderr
                .split('\n')
                .filter((line) => line.trim() !== '' && !/^WARNING!|credential helper|docs\.docker\.com/i.test(line))
                .at(-1);
            throw new errors/* ConfigurationError */.j1(`docker login to ${server} failed: ${reason ?? 'no reason given'}.`, {
                hint: 'Check that the Docker engine runs and that the job can reach the registry.',
            });
        }
    }
}
async function promote(plan, inputs, deps, context) {
    const [target] = plan.targets;
    if (target === undefined || plan.promoteFrom === undefined)
        throw new Error('promote needs a target');
    const ecr = deps.ecrFor(target.region);
    const source = await sourceImage(ecr, target, plan.promoteFrom);
    if (source === undefined)
        throw new errors/* ConfigurationError */.j1(`Cannot promote '${plan.promoteFrom}': the image is gone.`, {
            input: 'promote-from',
        });
    const current = await existingTags(ecr, target, plan.tags);
    let changed = false;
    for (const tag of plan.tags) {
        const existing = current.get(tag);
        if (existing?.digest === source.digest) {
            context.logger.info(`${tag} already points at ${source.digest}.`);
            continue;
        }
        if (!mayMoveTag(existing, target, tag, inputs, context))
            continue;
        await ecr.send(new client_ecr_dist_cjs/* PutImageCommand */.SUU({
            repositoryName: target.repository,
            imageManifest: source.manifest,
            imageTag: tag,
            ...(source.mediaType === undefined ? {} : { imageManifestMediaType: source.mediaType }),
            ...(target.registryId === undefined ? {} : { registryId: target.registryId }),
        }));
        changed = true;
        context.logger.info(`Tagged ${source.digest} as ${tag}.`);
    }
    return {
        digest: source.digest,
        pushed: changed,
        images: [
            {
                region: target.region,
                repositoryUri: target.repositoryUri ?? '',
                image: `${target.repositoryUri ?? ''}@${source.digest}`,
                tags: plan.tags,
            },
        ],
    };
}
/**
 * Whether a tag that names another image may move to this one: yes in a MUTABLE repository; in an
 * IMMUTABLE one, no (skipped with a warning) when asked to skip such tags, else an error before
 * anything is pushed.
 */
function mayMoveTag(existing, target, tag, inputs, context) {
    if (existing === undefined || target.mutability !== 'IMMUTABLE')
        return true;
    if (!inputs.skipExistingImmutableTags)
        throw immutableError(target, tag, existing.digest);
    context.logger.warning(`Skipping tag ${tag}: it already names ${existing.digest} in the IMMUTABLE repository ${target.repository}.`);
    return false;
}
function immutableError(target, tag, digest) {
    return new errors/* ConfigurationError */.j1(`Tag '${tag}' already names ${digest} in ${target.repository} (${target.region}), an IMMUTABLE repository, so it cannot move to this image.`, {
        input: 'tags',
        hint: "Use a tag unique to this build (the default sha- tag is), or set 'skip-existing-immutable-tags: true'.",
    });
}
/** Decides every tag of every target before anything is pushed (IMMUTABLE tags throw here). */
async function decideTags(plan, before, isBuilt, inputs, context) {
    const decisions = new Map();
    for (const target of plan.targets) {
        const current = before.get(target) ?? new Map();
        const decided = new Map();
        for (const tag of plan.tags) {
            const existing = current.get(tag);
            if (existing !== undefined && (await isBuilt(existing, target)))
                decided.set(tag, 'same');
            else
                decided.set(tag, mayMoveTag(existing, target, tag, inputs, context) ? 'push' : 'skip');
        }
        if ([...decided.values()].every((d) => d === 'skip')) {
            throw new errors/* ConfigurationError */.j1(`Every tag of this build (${plan.tags.join(', ')}) already names another image in the IMMUTABLE repository ${target.repository} (${target.region}), so there is nothing to push it under and no image to output. Nothing was pushed.`, {
                input: 'tags',
                hint: 'Add a tag unique to this build (the default sha- tag is one).',
            });
        }
        decisions.set(target, decided);
    }
    return decisions;
}
function tagsTo(decided, kind) {
    return [...(decided ?? new Map()).entries()]
        .filter(([, decision]) => decision === kind)
        .map(([tag]) => tag);
}
async function runBuild(args, label, env, deps, context) {
    const result = await context.logger.group(label, () => deps.docker.run(args, { env, stream: true }));
    if (result.code !== 0) {
        throw new errors/* ConfigurationError */.j1(`The image build failed: ${(0,ecr_build_push_builder/* buildFailure */.He)(`${result.stdout}\n${result.stderr}`)}.`, { hint: 'Nothing was pushed. The build log is in the group above.' });
    }
}
function writeSecretFiles(build, scratch) {
    const secretFiles = { ...build.secretFiles };
    for (const [id, value] of Object.entries(build.secrets)) {
        const file = (0,external_node_path_.join)(scratch, `secret-${id}`);
        (0,external_node_fs_.writeFileSync)(file, value, { mode: 0o600 });
        secretFiles[id] = file;
    }
    return secretFiles;
}
async function buildAndPush(plan, inputs, deps, context) {
    const build = plan.build;
    if (build === undefined)
        throw new Error('build needs build inputs');
    const files = {
        secretFiles: writeSecretFiles(build, deps.scratch),
        iidFile: (0,external_node_path_.join)(deps.scratch, 'iid'),
        metadataFile: (0,external_node_path_.join)(deps.scratch, 'metadata.json'),
    };
    try {
        const before = new Map();
        for (const target of plan.targets)
            before.set(target, await existingTags(deps.ecrFor(target.region), target, plan.tags));
        const started = context.clock.now();
        const pushesItself = deps.builder.path === 'buildx' && !(0,ecr_build_push_builder/* capabilities */.R7)(deps.builder).intoEngine && plan.push;
        const result = pushesItself
            ? await buildxPush(plan, inputs, deps, context, files, before)
            : await engineBuildAndPush(plan, inputs, deps, context, files, before);
        context.outputs.set('build-seconds', ((context.clock.now() - started) / 1000).toFixed(1));
        return result;
    }
    finally {
        for (const id of Object.keys(build.secrets))
            (0,external_node_fs_.rmSync)((0,external_node_path_.join)(deps.scratch, `secret-${id}`), { force: true });
    }
}
/**
 * buildx builders that push themselves (docker-container, remote, kubernetes; the docker driver
 * on the containerd store): a first build without pushing gives the digest, which says which tags
 * already name this image and which would move; only then is anything pushed, by digest, and the
 * tags added through ECR.
 */
async function buildxPush(plan, inputs, deps, context, files, before) {
    const anyExisting = [...before.values()].some((tags) => [...tags.values()].some((image) => image !== undefined));
    const checked = anyExisting ? await checkBuild(plan, deps, context, files) : undefined;
    const decisions = await decideTags(plan, before, (existing) => Promise.resolve(checked !== undefined &&
        (existing.digest === checked.digest || namesImage(existing, checked.platformDigests))), inputs, context);
    const images = (digest) => plan.targets.map((t) => ({
        region: t.region,
        repositoryUri: t.repositoryUri ?? '',
        image: `${t.repositoryUri ?? ''}@${digest}`,
        tags: plan.tags,
    }));
    if (checked !== undefined &&
        [...decisions.values()].every((d) => tagsTo(d, 'push').length === 0)) {
        context.logger.info(`The registry already has this image (${checked.digest}) under ${plan.tags.join(', ')}: nothing to push.`);
        return { digest: checked.digest, pushed: false, images: images(checked.digest) };
    }
    await runBuild(buildCommand(plan, deps.builder, files, 'push'), 'docker buildx build (push by digest)', {}, deps, context);
    const digest = builtDigest(files);
    if (checked !== undefined && checked.digest !== digest)
        context.logger.warning(`The pushed build has digest ${digest}, not ${checked.digest} as the build before it: the builder did not reuse its cache for every step.`);
    for (const target of plan.targets)
        await tagPushed(target, digest, tagsTo(decisions.get(target), 'push'), deps);
    return { digest, pushed: true, images: images(digest) };
}
/** The digest buildx wrote to its metadata file for the last build. */
function builtDigest(files) {
    const metadata = JSON.parse((0,external_node_fs_.readFileSync)(files.metadataFile, 'utf8'));
    const digest = metadata['containerimage.digest'];
    if (typeof digest !== 'string' || !digest.startsWith('sha256:'))
        throw new Error(`buildx wrote no image digest to ${files.metadataFile}`);
    return digest;
}
/**
 * A build that pushes nothing, to compare with the registry: the image's digest and the digests
 * of its platforms' manifests. An index's digest changes with its attestations; its platforms'
 * manifests do not, so each platform is built alone too (from the cache just filled).
 */
async function checkBuild(plan, deps, context, files) {
    await runBuild(buildCommand(plan, deps.builder, files, 'check'), 'docker buildx build (to compare with the registry; nothing is pushed)', {}, deps, context);
    const digest = builtDigest(files);
    const platforms = plan.build?.platforms ?? [];
    if (platforms.length <= 1 || plan.build === undefined)
        return { digest, platformDigests: [digest] };
    const platformDigests = [];
    for (const platform of platforms) {
        const single = { ...plan, build: { ...plan.build, platforms: [platform] } };
        await runBuild(buildCommand(single, deps.builder, files, 'check'), `docker buildx build --platform ${platform} (to compare with the registry)`, {}, deps, context);
        platformDigests.push(builtDigest(files));
    }
    return { digest, platformDigests };
}
/** Adds the tags to the image buildx pushed by digest, through ECR's PutImage. */
async function tagPushed(target, digest, tags, deps) {
    const ecr = deps.ecrFor(target.region);
    const manifest = await sourceImage(ecr, target, digest);
    if (manifest === undefined) {
        throw new errors/* ConfigurationError */.j1(`buildx pushed ${digest} to ${target.repositoryUri ?? target.repository}, but ECR does not list it in ${target.repository} (${target.region}); no tag was added.`, {
            hint: 'Check that the builder pushes to the registry ECR gave (and not through a mirror).',
        });
    }
    for (const tag of tags) {
        await ecr.send(new client_ecr_dist_cjs/* PutImageCommand */.SUU({
            repositoryName: target.repository,
            imageManifest: manifest.manifest,
            imageTag: tag,
            ...(manifest.mediaType === undefined ? {} : { imageManifestMediaType: manifest.mediaType }),
            ...(target.registryId === undefined ? {} : { registryId: target.registryId }),
        }));
    }
}
/**
 * Whether an image already in the registry is the one built, given the digests of the built
 * image's platform manifests (one for a single platform): the same manifest, or an index whose
 * image manifests, attestations aside, are exactly those.
 */
function namesImage(existing, built) {
    if (built.length === 1 && existing.digest === built[0])
        return true;
    let index;
    try {
        index = JSON.parse(existing.manifest);
    }
    catch {
        return false;
    }
    const images = (index.manifests ?? [])
        .filter((m) => m.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest')
        .map((m) => m.digest ?? '');
    return (images.length === built.length &&
        images.length > 0 &&
        built.every((digest) => images.includes(digest)));
}
/**
 * Builders whose image lands in the engine (docker build, buildx's docker driver): compared with
 * what each tag names by content, then pushed with docker push.
 */
async function engineBuildAndPush(plan, inputs, deps, context, files, before) {
    const [first] = plan.targets;
    if (deps.builder.path === 'legacy' && plan.build?.registryCache === true) {
        // The legacy builder uses only local images as cache: bring the last pushed one back.
        const cached = [...(before.get(first)?.entries() ?? [])].find(([, image]) => image !== undefined);
        if (cached !== undefined && first?.repositoryUri !== undefined) {
            const pulled = await deps.docker.run([
                'pull',
                '--quiet',
                `${first.repositoryUri}:${cached[0]}`,
            ]);
            context.logger.info(pulled.code === 0
                ? `Using ${first.repositoryUri}:${cached[0]} as build cache.`
                : 'No cached image could be pulled; building from scratch.');
        }
    }
    const env = deps.builder.path === 'buildkit'
        ? { DOCKER_BUILDKIT: '1' }
        : deps.builder.path === 'legacy'
            ? { DOCKER_BUILDKIT: '0' }
            : {};
    await runBuild(buildCommand(plan, deps.builder, files), `docker ${deps.builder.path === 'buildx' ? 'buildx build' : 'build'} (${deps.builder.path})`, env, deps, context);
    if (!plan.push)
        return { digest: '', pushed: false, images: [] };
    const imageId = (0,external_node_fs_.readFileSync)(files.iidFile, 'utf8').trim();
    const decisions = await decideTags(plan, before, (existing, target) => sameImage(deps.docker, imageId, existing, target), inputs, context);
    let digest = '';
    let pushed = false;
    for (const target of plan.targets) {
        const decided = decisions.get(target);
        const same = tagsTo(decided, 'same')[0];
        if (same !== undefined)
            digest ||= before.get(target)?.get(same)?.digest ?? '';
        const toPush = tagsTo(decided, 'push');
        for (const tag of toPush) {
            const ref = `${target.repositoryUri ?? ''}:${tag}`;
            const push = await context.logger.group(`docker push ${ref}`, () => deps.docker.run(['push', ref], { stream: true }));
            if (push.code !== 0) {
                const reason = (push.stderr || push.stdout).trim().split('\n').at(-1) ?? '';
                throw new errors/* ConfigurationError */.j1(`docker push ${ref} failed: ${reason}`);
            }
            digest = /digest: (sha256:[a-f0-9]{64})/.exec(push.stdout)?.[1] ?? digest;
            pushed = true;
        }
        if (toPush.length === 0)
            context.logger.info(`${target.repository} (${target.region}) already has ${tagsTo(decided, 'same').join(', ')} on this image: nothing to push.`);
    }
    return {
        digest,
        pushed,
        images: plan.targets.map((t) => ({
            region: t.region,
            repositoryUri: t.repositoryUri ?? '',
            image: `${t.repositoryUri ?? ''}@${digest}`,
            tags: plan.tags,
        })),
    };
}
async function execute(plan, inputs, deps, context) {
    if (plan.skippedTemplates.length > 0) {
        context.logger.info(`Tags skipped (no value in this run): ${plan.skippedTemplates.join(', ')}.`);
    }
    await ensureRepositories(plan, deps, context);
    const cache = plan.mode === 'build' ? cacheFor(plan, deps.builder) : undefined;
    context.logger.info(`Tags: ${plan.tags.join(', ')}.${plan.mode === 'build' ? ` Builder: ${(0,ecr_build_push_builder/* builderLabel */.WN)(deps.builder)}; build cache: ${cache?.kind ?? 'none'}.` : ''}`);
    // Said once: what this builder cannot do for the cache, and how to get the registry cache.
    if (cache?.note !== undefined)
        context.logger.info(cache.note);
    if (plan.mode === 'build' || plan.push)
        await login(plan, deps, context);
    const result = plan.mode === 'promote'
        ? await promote(plan, inputs, deps, context)
        : await buildAndPush(plan, inputs, deps, context);
    const [first] = plan.targets;
    let size;
    if (first !== undefined && result.digest !== '') {
        const described = await deps
            .ecrFor(first.region)
            .send(new client_ecr_dist_cjs/* DescribeImagesCommand */.ji5({
            repositoryName: first.repository,
            imageIds: [{ imageDigest: result.digest }],
            ...(first.registryId === undefined ? {} : { registryId: first.registryId }),
        }))
            .catch(() => undefined);
        size = described?.imageDetails?.[0]?.imageSizeInBytes;
    }
    context.outputs.set('image', result.images[0]?.image ?? '');
    context.outputs.set('images', result.images);
    context.outputs.set('digest', result.digest);
    context.outputs.set('tags', plan.tags);
    context.outputs.set('repository-uri', first?.repositoryUri ?? '');
    context.outputs.set('pushed', result.pushed);
    context.outputs.set('builder', plan.mode === 'promote' ? '' : deps.builder.path);
    context.outputs.set('build-cache', cache?.kind ?? 'none');
    context.summary.heading(`Image ${first?.repository ?? ''}`).table(['Repository', 'Tags', 'Digest', 'Size', 'Outcome', 'Builder'], result.images.map((image) => [
        image.repositoryUri,
        image.tags.join(', '),
        mdLink(result.digest, ecrImageLink(image.image)),
        size === undefined ? '—' : `${(size / 1024 / 1024).toFixed(1)} MiB`,
        plan.mode === 'promote'
            ? result.pushed
                ? 'tags added'
                : 'tags already there'
            : result.pushed
                ? 'pushed'
                : plan.push
                    ? 'already in the registry: nothing pushed'
                    : 'built, not pushed',
        plan.mode === 'promote' ? 'none (promotion)' : (0,ecr_build_push_builder/* builderLabel */.WN)(deps.builder),
    ]));
    if (cache !== undefined)
        context.summary.paragraph(`Build cache: ${cache.kind}.${cache.note === undefined ? '' : ` ${cache.note}`}`);
    context.logger.info(`${result.pushed ? 'Pushed' : 'Nothing pushed'}: ${result.images[0]?.image ?? '(no image)'}.`);
    return result;
}
function scratchDirectory(env) {
    return (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(env['RUNNER_TEMP'] ?? (0,external_node_os_.tmpdir)(), 'ecr-build-push-'));
}

;// CONCATENATED MODULE: ./src/actions/ecr-build-push/action.ts











function ecrFor(context) {
    return (region) => context.clients.get(client_ecr_dist_cjs/* ECRClient */.S70, 'ecr', { region });
}
/** A Docker CLI with its own DOCKER_CONFIG, kept for the job and removed by the post step. */
function jobDocker(inputs, context) {
    const state = new TypedState(context.state);
    let dockerConfig = state.get('dockerConfig');
    if (dockerConfig === undefined) {
        dockerConfig = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(context.env['RUNNER_TEMP'] ?? (0,external_node_os_.tmpdir)(), 'docker-config-'));
        state.save('dockerConfig', dockerConfig);
        linkUserPlugins(dockerConfig, context.env);
    }
    return dockerCli(inputs.dockerCli, dockerConfig, context.env);
}
const ecrBuildPush = {
    name: 'ecr-build-push',
    readInputs: ecr_build_push_inputs/* readInputs */.K,
    plan: async (inputs, context) => {
        const plan = await observeAndPlan(inputs, ecrFor(context));
        if (plan.mode === 'promote')
            return {
                ...plan,
                builder: {
                    path: 'legacy',
                    clientVersion: '',
                    name: undefined,
                    driver: undefined,
                    containerdStore: false,
                },
            };
        const builder = await detectBuilder(jobDocker(inputs, context), inputs.builder);
        if (builder.clientVersion === '') {
            throw new errors/* ConfigurationError */.j1(`The Docker CLI '${inputs.dockerCli}' does not run here.`, {
                input: 'docker-cli',
                hint: 'Install Docker on the runner, or name a Docker CLI in docker-cli.',
            });
        }
        // Decided before anything is created or pushed.
        const problem = (0,ecr_build_push_builder/* builderProblem */.XE)(plan.build, builder);
        if (problem !== undefined)
            throw new errors/* ConfigurationError */.j1(`${problem.charAt(0).toUpperCase()}${problem.slice(1)} (this step would build with ${(0,ecr_build_push_builder/* builderLabel */.WN)(builder)}).`, { input: 'builder' });
        return { ...plan, builder };
    },
    execute: async (plan, inputs, context) => {
        const scratch = scratchDirectory(context.env);
        try {
            await execute(plan, inputs, {
                ecrFor: ecrFor(context),
                docker: jobDocker(inputs, context),
                builder: plan.builder,
                scratch,
            }, context);
        }
        finally {
            (0,external_node_fs_.rmSync)(scratch, { recursive: true, force: true });
        }
    },
    post: (context) => {
        const dockerConfig = new TypedState(context.state).get('dockerConfig');
        if (dockerConfig !== undefined) {
            (0,external_node_fs_.rmSync)(dockerConfig, { recursive: true, force: true });
            context.logger.info('Removed the registry credentials of this job.');
        }
        return Promise.resolve();
    },
};

;// CONCATENATED MODULE: ./src/actions/ecr-build-push/load.ts
// What the step loads once its inputs are good (or for its post step).



const launch = (preread) => runAction(ecrBuildPush, { ...awsWiring, preread });


/***/ })

};
