export const id = 754;
export const ids = [754];
export const modules = {

/***/ 5754:
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
        const { defaultPreflight } = await Promise.all(/* import() */[__webpack_require__.e(290), __webpack_require__.e(555)]).then(__webpack_require__.bind(__webpack_require__, 2555));
        await defaultPreflight(permissions, mode, context, region);
    },
};

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var client_ecs_dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var yaml_dist = __webpack_require__(8815);
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
        await ecs.send(new TagResourceCommand({ resourceArn: serviceArn, tags: [{ key: CHANGE_TAG, value }] }));
    }
    catch (error) {
        logger.warning(`Could not record "${value}" on ${serviceArn} (${awsErrorCode(error) ?? String(error)}); ecs-rollback will rely on ECS's deployment history.`);
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

// EXTERNAL MODULE: ./src/actions/ecs-task-definition/inputs.ts + 1 modules
var ecs_task_definition_inputs = __webpack_require__(5231);
// EXTERNAL MODULE: ./src/core/util/text.ts
var util_text = __webpack_require__(6889);
// EXTERNAL MODULE: ./src/core/taskdef/render.ts
var render = __webpack_require__(4354);
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
        ...render/* DESCRIBE_ONLY_KEYS */.OI,
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
    return (0,render/* pruneEmpty */.QR)(copy);
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

// EXTERNAL MODULE: ./src/core/taskdef/validate.ts + 1 modules
var validate = __webpack_require__(4334);
;// CONCATENATED MODULE: ./src/core/permissions/task-definition.ts
// ecs-task-definition's permission contract: its plan and iam-check both use it.

/** The ARN prefix of ECS resources in a region and account, in the region's partition. */
function ecsArn(region, account) {
    return `arn:${(0,permissions/* partitionOf */.iQ)(region)}:ecs:${region}:${account}`;
}
/**
 * What registering a revision (and keeping the last N) needs: the permission contract of this
 * action, used by its pre-flight and by iam-check.
 */
function taskDefinitionPermissions(options) {
    return [
        {
            action: 'ecs:DescribeTaskDefinition',
            resource: '*',
            write: false,
            reason: 'read the latest revision of the family',
        },
        ...(options.register ? registerPermissions(options) : []),
        ...(options.keepRevisions > 0 ? keepRevisionsPermissions(options) : []),
    ];
}
/** Registering the revision, passing its roles, tagging it as it is created. */
function registerPermissions(options) {
    const permissions = [
        {
            action: 'ecs:RegisterTaskDefinition',
            resource: '*',
            write: true,
            reason: 'register the new revision',
        },
    ];
    for (const key of ['taskRoleArn', 'executionRoleArn']) {
        const role = options[key];
        if (role !== undefined) {
            permissions.push({
                action: 'iam:PassRole',
                resource: role,
                context: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' },
                write: true,
                reason: `pass the ${key === 'taskRoleArn' ? 'task' : 'execution'} role to ECS`,
            });
        }
    }
    if (options.tags) {
        permissions.push({
            action: 'ecs:TagResource',
            resource: `${ecsArn(options.region, options.account)}:task-definition/${options.family}:*`,
            context: { 'ecs:CreateAction': 'RegisterTaskDefinition' },
            write: true,
            reason: 'tag the new revision when it is registered',
        });
    }
    return permissions;
}
/** Deregistering old revisions, sparing what the services of the named clusters use or would roll back to. */
function keepRevisionsPermissions(options) {
    const arn = ecsArn(options.region, options.account);
    return [
        {
            action: 'ecs:ListTaskDefinitions',
            resource: '*',
            write: false,
            reason: 'find old revisions',
        },
        {
            action: 'ecs:DeregisterTaskDefinition',
            resource: '*',
            write: true,
            reason: 'deregister revisions beyond keep-revisions',
        },
        ...options.protectClusters.flatMap((cluster) => [
            {
                action: 'ecs:ListServices',
                resource: '*',
                context: { 'ecs:cluster': `${arn}:cluster/${cluster}` },
                write: false,
                reason: `find the services of ${cluster}`,
            },
            {
                action: 'ecs:DescribeServices',
                resource: `${arn}:service/${cluster}/*`,
                write: false,
                reason: `spare the revisions the services of ${cluster} use`,
            },
            {
                action: 'ecs:ListTagsForResource',
                resource: `${arn}:service/${cluster}/*`,
                write: false,
                reason: `spare the revision each service of ${cluster} would roll back to (its recorded change)`,
            },
            {
                action: 'ecs:ListServiceDeployments',
                resource: `${arn}:service/${cluster}/*`,
                write: false,
                reason: `spare the revision each service of ${cluster} would roll back to (its deployment history)`,
            },
            {
                action: 'ecs:DescribeServiceRevisions',
                resource: `${arn}:service-revision/${cluster}/*`,
                write: false,
                reason: `read the task definitions of the deployment history of ${cluster}'s services`,
            },
        ]),
    ];
}

;// CONCATENATED MODULE: ./src/actions/ecs-task-definition/plan.ts







function describeProblems(problems, withPath = true) {
    const [first, ...rest] = problems;
    const more = rest.length === 0 ? '' : ` (and ${rest.length} more: ${rest.map((p) => p.path).join(', ')})`;
    return `${withPath ? `${first?.path ?? ''}: ` : ''}${first?.message ?? ''}${more}`;
}
/** The definition to register: source plus changes, checked before any AWS write. */
function renderDefinition(inputs, source) {
    const names = (source.definition.containerDefinitions ?? []).map((c) => String(c.name));
    const containers = inputs.changes.containers.map((change) => {
        if (change.name !== '')
            return change;
        if (names.length !== 1) {
            throw new errors/* ConfigurationError */.j1(`Input 'container-name' is required: the task definition has ${names.length === 0 ? 'no containers' : `containers ${names.map((n) => `'${n}'`).join(', ')}`}.`, { input: 'container-name' });
        }
        return { ...change, name: names[0] ?? '' };
    });
    const definition = (0,render/* applyChanges */.YF)(source.definition, { ...inputs.changes, containers });
    const unknown = (0,validate/* unknownKeys */.vX)(definition, inputs.allowUnknownKeys);
    if (unknown.length > 0) {
        throw new errors/* ConfigurationError */.j1(`The task definition has an ${describeProblems(unknown, false)}.`, {
            input: 'task-definition',
            hint: `If ECS accepts it but this action (${validate/* SHAPES_SOURCE */.x8}) does not know it yet, list it in 'allow-unknown-keys'.`,
        });
    }
    const problems = (0,validate/* validateDefinition */.Gt)(definition);
    if (problems.length > 0) {
        throw new errors/* ConfigurationError */.j1(`The task definition is not valid: ${describeProblems(problems)}.`, { input: 'task-definition' });
    }
    return { definition, tags: (0,render/* mergeTags */.kE)(source.tags, inputs.changes.tags) };
}
function sameTags(a, b) {
    const key = (tags) => JSON.stringify([...tags].sort((x, y) => x.key.localeCompare(y.key)));
    return key(a) === key(b);
}
function accountOf(...arns) {
    for (const arn of arns) {
        const account = arn?.split(':')[4];
        if (account !== undefined && /^\d{12}$/.test(account))
            return account;
    }
    return '*';
}
function planRegistration(inputs, rendered, latest, running) {
    const family = String(rendered.definition.family);
    const identical = latest !== undefined &&
        sameDefinition(latest.definition, rendered.definition) &&
        sameTags(latest.tags, rendered.tags);
    const action = inputs.dryRun
        ? 'dry-run'
        : inputs.reuseIdentical && identical
            ? 'reuse'
            : 'register';
    const account = accountOf(latest?.arn, rendered.definition['executionRoleArn'], rendered.definition['taskRoleArn']);
    const permissions = taskDefinitionPermissions({
        region: inputs.region,
        account,
        family,
        register: action === 'register',
        taskRoleArn: rendered.definition['taskRoleArn'],
        executionRoleArn: rendered.definition['executionRoleArn'],
        tags: rendered.tags.length > 0,
        keepRevisions: action === 'dry-run' ? 0 : inputs.keepRevisions,
        protectClusters: inputs.protectClusters,
    });
    return {
        region: inputs.region,
        family,
        rendered: rendered.definition,
        tags: rendered.tags,
        action,
        latest,
        comparedTo: running === undefined
            ? { what: 'the latest revision', arn: latest?.arn }
            : { what: `what ${running.service} runs`, arn: running.revision?.arn },
        diff: diffDefinitions((running === undefined ? latest : running.revision)?.definition, rendered.definition),
        keepRevisions: inputs.keepRevisions,
        protectClusters: inputs.protectClusters,
        permissions: [
            ...permissions,
            ...(running === undefined
                ? []
                : [
                    {
                        action: 'ecs:DescribeServices',
                        resource: running.serviceArn,
                        write: false,
                        reason: 'compare with the revision the service runs',
                    },
                ]),
        ],
    };
}
/**
 * Revisions to deregister: keep the newest `keep` (the current one among them), the newest
 * revision before the current one (the rollback target: ECS refuses to roll a service back to an
 * INACTIVE revision), and every revision a service still uses.
 */
function revisionsToDeregister(activeNewestFirst, keep, inUse, current) {
    if (keep <= 0)
        return [];
    const revision = (arn) => Number(arn.split(':').at(-1));
    const sorted = [...activeNewestFirst].sort((a, b) => revision(b) - revision(a));
    const kept = new Set(sorted.slice(0, keep));
    kept.add(current);
    const rollbackTarget = sorted.find((arn) => revision(arn) < revision(current));
    if (rollbackTarget !== undefined)
        kept.add(rollbackTarget);
    return sorted.filter((arn) => !kept.has(arn) && !inUse.has(arn));
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

;// CONCATENATED MODULE: ./src/actions/ecs-task-definition/execute.ts









/**
 * The revisions keep-revisions must spare in one cluster: every task definition its services run
 * (deployments and task sets included) and, for services of this family, the revision each ran
 * before (its rollback target: the change recorded on the service, and ECS's deployment history).
 */
async function protectedRevisions(ecs, cluster, family, logger) {
    const kept = new Set();
    let nextToken;
    const arns = [];
    do {
        const page = await ecs.send(new client_ecs_dist_cjs/* ListServicesCommand */.qde({ cluster, ...(nextToken === undefined ? {} : { nextToken }) }));
        arns.push(...(page.serviceArns ?? []));
        nextToken = page.nextToken;
    } while (nextToken !== undefined);
    const ofFamily = (arn) => arn !== undefined && shortTaskDefinition(arn).split(':')[0] === family;
    for (let i = 0; i < arns.length; i += 10) {
        const described = await ecs.send(new client_ecs_dist_cjs/* DescribeServicesCommand */.H7c({ cluster, services: arns.slice(i, i + 10) }));
        for (const service of described.services ?? []) {
            const running = [
                service.taskDefinition,
                ...(service.deployments ?? []).map((d) => d.taskDefinition),
                ...(service.taskSets ?? []).map((t) => t.taskDefinition),
            ].filter((arn) => arn !== undefined);
            for (const arn of running)
                kept.add(arn);
            const serviceArn = service.serviceArn ?? '';
            const current = service.taskDefinition;
            if (!running.some(ofFamily) || serviceArn === '' || current === undefined)
                continue;
            const change = await readRecordedChange(ecs, serviceArn);
            for (const arn of change === undefined ? [] : [change.from, change.to])
                kept.add(taskDefinitionArn(arn, serviceArn));
            if ((service.deploymentController?.type ?? 'ECS') !== 'ECS')
                continue;
            try {
                const previous = await previousFromEcsHistory(ecs, cluster, service.serviceName ?? '', current);
                if (previous !== undefined)
                    kept.add(taskDefinitionArn(previous.taskDefinition, serviceArn));
            }
            catch (error) {
                logger.warning(`Could not read the deployment history of ${cluster}/${service.serviceName ?? '?'} (${(0,errors/* errorMessage */.gJ)(error)}); its recorded change is spared.`);
            }
        }
    }
    return kept;
}
async function activeRevisions(ecs, family) {
    const arns = [];
    let nextToken;
    do {
        const page = await ecs.send(new client_ecs_dist_cjs/* ListTaskDefinitionsCommand */.Pse({
            familyPrefix: family,
            status: 'ACTIVE',
            sort: 'DESC',
            ...(nextToken === undefined ? {} : { nextToken }),
        }));
        // familyPrefix matches prefixes: web also lists web-worker.
        arns.push(...(page.taskDefinitionArns ?? []).filter((arn) => arn.split('/').at(-1)?.replace(/:\d+$/, '') === family));
        nextToken = page.nextToken;
    } while (nextToken !== undefined);
    return arns;
}
async function execute(plan, inputs, context, ecs) {
    (0,external_node_fs_.mkdirSync)(inputs.outputDirectory, { recursive: true });
    const file = (0,external_node_path_.join)(inputs.outputDirectory, `task-definition-${plan.family}-${(0,external_node_crypto_.randomUUID)().slice(0, 8)}.json`);
    (0,external_node_fs_.writeFileSync)(file, `${JSON.stringify(plan.rendered, null, 2)}\n`);
    let taskDefinitionArn = '';
    if (plan.action === 'register') {
        const request = {
            ...plan.rendered,
            ...(plan.tags.length > 0 ? { tags: plan.tags } : {}),
        };
        const response = await ecs.send(new client_ecs_dist_cjs/* RegisterTaskDefinitionCommand */.$Hl(request));
        taskDefinitionArn = response.taskDefinition?.taskDefinitionArn ?? '';
        context.logger.info(`Registered ${taskDefinitionArn}.`);
    }
    else if (plan.action === 'reuse') {
        taskDefinitionArn = plan.latest?.arn ?? '';
        context.logger.info(`The rendered definition equals ${taskDefinitionArn}: reusing it, nothing registered.`);
    }
    else {
        context.logger.info(`Dry run: ${plan.latest === undefined ? 'a first revision' : 'a new revision'} of ${plan.family} would be registered; nothing was.`);
    }
    let deregistered = [];
    if (plan.action !== 'dry-run' && plan.keepRevisions > 0) {
        const inUse = new Set();
        for (const cluster of plan.protectClusters)
            for (const arn of await protectedRevisions(ecs, cluster, plan.family, context.logger))
                inUse.add(arn);
        deregistered = revisionsToDeregister(await activeRevisions(ecs, plan.family), plan.keepRevisions, inUse, taskDefinitionArn);
        for (const arn of deregistered) {
            await ecs.send(new client_ecs_dist_cjs/* DeregisterTaskDefinitionCommand */.sjB({ taskDefinition: arn }));
            context.logger.info(`Deregistered ${arn} (beyond keep-revisions ${plan.keepRevisions}; no service in ${plan.protectClusters.join(', ')} runs it or would roll back to it).`);
        }
    }
    const revision = taskDefinitionArn === '' ? '' : (taskDefinitionArn.split(':').at(-1) ?? '');
    context.outputs.set('task-definition-arn', taskDefinitionArn);
    context.outputs.set('family', plan.family);
    context.outputs.set('revision', revision);
    context.outputs.set('registered', plan.action === 'register');
    context.outputs.set('previous-task-definition-arn', plan.latest?.arn ?? '');
    context.outputs.set('task-definition-file', file);
    context.outputs.set('deregistered', deregistered);
    context.outputs.set('changes', plan.comparedTo.arn === undefined || plan.diff.length > 0);
    writeSummary(plan, context, taskDefinitionArn, deregistered);
    return { taskDefinitionArn, registered: plan.action === 'register', deregistered, file };
}
function writeSummary(plan, context, arn, deregistered) {
    const outcome = {
        register: 'registered',
        reuse: 'reused (identical to the latest revision)',
        'dry-run': 'dry run: nothing registered',
    }[plan.action];
    context.summary
        .heading(`Task definition ${plan.family}`)
        .table(['Revision', 'Outcome', 'Previous'], [
        [
            arn === '' ? '—' : mdLink(arn, new ConsoleLinks(plan.region).taskDefinition(arn)),
            outcome,
            plan.latest?.arn === undefined
                ? 'none'
                : mdLink(plan.latest.arn, new ConsoleLinks(plan.region).taskDefinition(plan.latest.arn)),
        ],
    ]);
    if (plan.diff.length === 0) {
        context.summary.paragraph(plan.comparedTo.arn === undefined
            ? 'First revision of this family.'
            : `No change from ${plan.comparedTo.what} (${plan.comparedTo.arn}).`);
    }
    else {
        if (plan.comparedTo.arn !== undefined)
            context.summary.paragraph(`Compared with ${plan.comparedTo.what} (${plan.comparedTo.arn}):`);
        context.summary.table(['Container', 'Field', 'Before', 'After'], plan.diff.map((d) => [d.container ?? '(task)', d.field, d.before ?? '', d.after ?? '']));
    }
    if (deregistered.length > 0)
        context.summary.list(deregistered.map((a) => `deregistered ${a}`));
}

;// CONCATENATED MODULE: ./src/actions/ecs-task-definition/observe.ts
// Observe: the AWS reads ecs-task-definition needs, then its pure plan (plan.ts).






/** Reads what the plan needs: the source definition (for family/ARN sources) and the latest revision. */
async function observeAndPlan(inputs, ecs) {
    let source;
    if (inputs.source.kind === 'file') {
        source = inputs.source;
    }
    else {
        const reference = inputs.source.kind === 'family' ? inputs.source.family : inputs.source.arn;
        const found = await describeRevision(ecs, reference);
        if (found === undefined) {
            const input = inputs.source.kind === 'family' ? 'task-definition-family' : 'task-definition-arn';
            throw new errors/* ConfigurationError */.j1(`Task definition '${reference}' was not found in ${inputs.region}.`, {
                input,
                hint: 'Check the name and region, or register it first from a file.',
            });
        }
        source = found;
    }
    // Rendering and validation come before the next AWS call for file sources: a bad file costs nothing.
    const rendered = renderDefinition(inputs, source);
    const latest = await describeRevision(ecs, String(rendered.definition.family));
    if (inputs.service === undefined)
        return planRegistration(inputs, rendered, latest);
    // Compared with what a service runs, the diff says what a deploy to it would change.
    const cluster = inputs.cluster ?? 'default';
    const found = (await ecs.send(new client_ecs_dist_cjs/* DescribeServicesCommand */.H7c({ cluster, services: [inputs.service] }))).services?.[0];
    if (found === undefined || found.status === 'INACTIVE')
        throw new errors/* ConfigurationError */.j1(`Service ${inputs.service} was not found in cluster ${cluster}.`, {
            input: 'service',
            hint: 'Check the cluster and service names and the region.',
        });
    return planRegistration(inputs, rendered, latest, {
        service: `${cluster}/${inputs.service}`,
        serviceArn: found.serviceArn ?? '',
        revision: found.taskDefinition === undefined
            ? undefined
            : await describeRevision(ecs, found.taskDefinition),
    });
}
/** The ACTIVE revision `reference` names (family = its latest), or undefined when there is none. */
async function describeRevision(ecs, reference) {
    try {
        const response = await ecs.send(new client_ecs_dist_cjs/* DescribeTaskDefinitionCommand */.Zy$({ taskDefinition: reference, include: ['TAGS'] }));
        const found = response.taskDefinition;
        if (found?.taskDefinitionArn === undefined)
            return undefined;
        const { definition } = (0,render/* fromDescribeOutput */.fh)(found, `Task definition ${reference}`);
        const tags = (response.tags ?? []).map((tag) => ({
            key: tag.key ?? '',
            value: tag.value ?? '',
        }));
        return { arn: found.taskDefinitionArn, definition, tags };
    }
    catch (error) {
        if ((0,errors/* awsErrorCode */.J6)(error) === 'ClientException' ||
            (0,errors/* awsErrorCode */.J6)(error) === 'TaskDefinitionNotFoundException')
            return undefined;
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/actions/ecs-task-definition/action.ts




function ecsClient(inputs, context) {
    return context.clients.get(client_ecs_dist_cjs/* ECSClient */.Zgc, 'ecs', { region: inputs.region });
}
const ecsTaskDefinition = {
    name: 'ecs-task-definition',
    readInputs: ecs_task_definition_inputs/* readInputs */.K,
    plan: (inputs, context) => observeAndPlan(inputs, ecsClient(inputs, context)),
    execute: async (plan, inputs, context) => {
        await execute(plan, inputs, context, ecsClient(inputs, context));
    },
};

;// CONCATENATED MODULE: ./src/actions/ecs-task-definition/load.ts
// What the step loads once its inputs are good (or for its post step).



const launch = (preread) => runAction(ecsTaskDefinition, { ...awsWiring, preread });


/***/ })

};
