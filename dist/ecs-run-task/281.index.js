export const id = 281;
export const ids = [281];
export const modules = {

/***/ 2281:
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

// EXTERNAL MODULE: ./src/core/action/state.ts
var state = __webpack_require__(251);
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
        state: state/* coreStateBackend */.z,
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

// EXTERNAL MODULE: ./src/core/aws/clients.ts + 1 modules
var clients = __webpack_require__(5493);
;// CONCATENATED MODULE: ./src/core/wiring.ts

/**
 * What every action's main.ts plugs into runAction: AWS clients from the one factory that
 * honours AWS_ENDPOINT_URL and the region, and the IAM pre-flight. core/action stays below both.
 * The pre-flight (the IAM catalogue, the IAM and STS clients) loads only when a step asks for it.
 */
const awsWiring = {
    clients: (action, env) => (0,clients/* awsClients */.e7)(action, env),
    preflight: async (permissions, mode, context, region) => {
        if (mode === 'off')
            return;
        const { defaultPreflight } = await Promise.all(/* import() */[__webpack_require__.e(290), __webpack_require__.e(832)]).then(__webpack_require__.bind(__webpack_require__, 832));
        await defaultPreflight(permissions, mode, context, region);
    },
};

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var dist_cjs = __webpack_require__(212);
;// CONCATENATED MODULE: ./src/core/deploy/service.ts
// The service as ECS describes it: the first read of most steps, so it loads with the ECS client only.


async function describeService(ecs, cluster, service) {
    const response = await ecs.send(new dist_cjs/* DescribeServicesCommand */.H7c({ cluster, services: [service] }));
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
        const found = (await ecs.send(new dist_cjs/* DescribeTaskDefinitionCommand */.Zy$({ taskDefinition: name })))
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

// EXTERNAL MODULE: ./src/actions/ecs-run-task/inputs.ts
var ecs_run_task_inputs = __webpack_require__(3628);
// EXTERNAL MODULE: ./src/actions/ecs-run-task/plan.ts + 3 modules
var plan = __webpack_require__(6276);
;// CONCATENATED MODULE: ./src/actions/ecs-run-task/observe.ts
// Observe: the AWS reads ecs-run-task needs, then its pure plan (plan.ts).





async function observeAndPlan(inputs, ecs) {
    const taskDefinition = await describeTaskDefinition(ecs, inputs.taskDefinition, 'task-definition');
    const service = inputs.networkFromService === undefined
        ? undefined
        : await describeService(ecs, inputs.cluster, inputs.networkFromService);
    const account = taskDefinition.taskDefinitionArn?.split(':')[4] ?? '*';
    return (0,plan/* planRunTask */.O)(inputs, taskDefinition, account, service);
}

;// CONCATENATED MODULE: ./src/actions/ecs-run-task/action.ts




function ecsClient(region, context) {
    return context.clients.get(dist_cjs/* ECSClient */.Zgc, 'ecs', { region });
}
const ecsRunTask = {
    name: 'ecs-run-task',
    readInputs: ecs_run_task_inputs/* readInputs */.K,
    plan: (inputs, context) => observeAndPlan(inputs, ecsClient(inputs.region, context)),
    // The run and its log tail load after the plan's reads (their own chunk of the bundle).
    execute: async (plan, inputs, context) => {
        const [{ execute }, { CloudWatchLogsClient }] = await Promise.all([
            Promise.all(/* import() */[__webpack_require__.e(303), __webpack_require__.e(137)]).then(__webpack_require__.bind(__webpack_require__, 7137)),
            __webpack_require__.e(/* import() */ 303).then(__webpack_require__.t.bind(__webpack_require__, 2684, 19)),
        ]);
        await execute(plan, inputs, ecsClient(inputs.region, context), context.clients.get(CloudWatchLogsClient, 'logs', { region: inputs.region }), context);
    },
    post: async (context) => {
        const region = new state/* TypedState */.a(context.state).get('region');
        if (region === undefined)
            return;
        const { post } = await Promise.all(/* import() */[__webpack_require__.e(303), __webpack_require__.e(137)]).then(__webpack_require__.bind(__webpack_require__, 7137));
        await post(ecsClient(region, context), context);
    },
};

;// CONCATENATED MODULE: ./src/actions/ecs-run-task/load.ts
// What the step loads once its inputs are good (or for its post step).



const launch = (preread) => runAction(ecsRunTask, { ...awsWiring, preread });


/***/ }),

/***/ 6276:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  O: () => (/* binding */ planRunTask)
});

// EXTERNAL MODULE: ./src/core/action/permissions.ts
var permissions = __webpack_require__(142);
// EXTERNAL MODULE: ./src/core/taskdef/ebs.ts + 1 modules
var ebs = __webpack_require__(6607);
// EXTERNAL MODULE: ./src/core/action/errors.ts
var errors = __webpack_require__(6379);
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

// EXTERNAL MODULE: ./src/actions/ecs-run-task/inputs.ts
var inputs = __webpack_require__(3628);
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


/***/ }),

/***/ 251:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ TypedState),
/* harmony export */   z: () => (/* binding */ coreStateBackend)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);

const coreStateBackend = {
    save: (name, value) => {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ(name, value);
    },
    get: (name) => {
        const value = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu(name);
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


/***/ }),

/***/ 5493:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  e7: () => (/* binding */ awsClients)
});

// UNUSED EXPORTS: SERVICES, backoffDelay, bypassesProxy, clientConfig, createClient, endpointHost, resolveEndpoint, withoutSdkRetries

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
// EXTERNAL MODULE: ./src/core/action/errors.ts
var errors = __webpack_require__(6379);
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


/***/ })

};
