export const id = 2;
export const ids = [2];
export const modules = {

/***/ 1002:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-iam/dist-cjs/index.js
var dist_cjs = __webpack_require__(6764);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-cjs/index.js
var client_sts_dist_cjs = __webpack_require__(1695);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/core/action/errors.ts
var errors = __webpack_require__(6379);
// EXTERNAL MODULE: ./src/core/iam/preflight.ts
var preflight = __webpack_require__(3778);
// EXTERNAL MODULE: ./src/actions/iam-check/inputs.ts + 3 modules
var inputs = __webpack_require__(8500);
// EXTERNAL MODULE: ./src/actions/iam-check/plan.ts + 18 modules
var plan = __webpack_require__(7609);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/core/version.ts
var version = __webpack_require__(3323);
;// CONCATENATED MODULE: ./src/actions/iam-check/sarif.ts


/** The 1-based line where statement `index` of a policy file starts (1 when it cannot be found). */
function statementLine(text, index) {
    const document = (0,dist/* parseDocument */.Tp)(text);
    const statements = document.get('Statement', true);
    const node = statements?.items?.[index] ?? (index === 0 ? statements : undefined);
    const offset = node?.range?.[0];
    return offset === undefined ? 1 : text.slice(0, offset).split('\n').length;
}
/** SARIF 2.1.0 for code scanning: one result per finding, located at its statement. */
function toSarif(findings, texts) {
    const rules = [...new Map(findings.map((f) => [f.rule, f])).values()].map((f) => ({
        id: f.rule,
        shortDescription: { text: f.rule.replace(/-/g, ' ') },
        defaultConfiguration: { level: f.severity },
    }));
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: { driver: { name: `${version/* SUITE_NAME */.t} iam-check`, version: version/* SUITE_VERSION */.s, rules } },
                results: findings.map((f) => ({
                    ruleId: f.rule,
                    level: f.severity,
                    message: { text: `${f.message} Fix: ${f.fix}` },
                    locations: [
                        {
                            physicalLocation: {
                                artifactLocation: { uri: f.file },
                                region: { startLine: statementLine(texts.get(f.file) ?? '', f.statement) },
                            },
                        },
                    ],
                })),
            },
        ],
    };
}

// EXTERNAL MODULE: ./src/actions/iam-check/observe.ts
var observe = __webpack_require__(3804);
;// CONCATENATED MODULE: ./src/actions/iam-check/execute.ts








async function execute(plan, inputs, clients, context) {
    (0,external_node_fs_.mkdirSync)(inputs.outputDirectory, { recursive: true });
    const policyFile = (0,external_node_path_.join)(inputs.outputDirectory, 'least-privilege-policy.json');
    (0,external_node_fs_.writeFileSync)(policyFile, `${JSON.stringify(plan.leastPrivilege, null, 2)}\n`);
    const sarifFile = (0,external_node_path_.join)(inputs.outputDirectory, 'iam-check.sarif');
    (0,external_node_fs_.writeFileSync)(sarifFile, `${JSON.stringify(toSarif(plan.findings, new Map(inputs.policyFiles.map((f) => [f.path, f.text]))), null, 2)}\n`);
    const missing = [];
    if (inputs.checkCaller && plan.required.length > 0) {
        const report = await context.logger.group(`Checking ${plan.required.length} permissions for the caller`, async () => {
            const result = await (0,preflight/* checkPermissions */.RS)(plan.required, clients);
            for (const finding of result.findings) {
                context.logger.info(`${finding.decision === 'Allow' ? 'allowed' : 'MISSING'}: ${finding.permission.action} on ${finding.permission.resource}${finding.decision === 'Allow' ? '' : ` (${finding.reason})`}`);
            }
            for (const note of result.notes)
                context.logger.info(note);
            return result;
        });
        for (const finding of report.findings.filter((f) => f.decision !== 'Allow')) {
            missing.push({
                action: finding.permission.action,
                resource: finding.permission.resource,
                reason: finding.reason,
                fix: `Add ${(0,preflight/* allowingStatement */.Rx)(finding.permission)}.`,
            });
        }
        context.summary
            .heading(`IAM check for ${report.principal.callerArn}`)
            .table(['Permission', 'Resource', 'Why the run needs it', 'Decision'], report.findings.map((f) => [
            f.permission.action,
            f.permission.resource,
            f.permission.reason,
            f.decision === 'Allow' ? 'allowed' : `missing: ${f.reason}`,
        ]))
            .paragraph(report.notes.join(' '));
    }
    if (plan.findings.length > 0) {
        context.summary.heading('Policy findings', 3).table(['File', 'Statement', 'Severity', 'Finding', 'Fix'], plan.findings.map((f) => [f.file, String(f.statement), f.severity, f.message, f.fix]));
        for (const finding of plan.findings) {
            const line = `${finding.file} statement ${finding.statement}: ${finding.message} Fix: ${finding.fix}`;
            if (finding.severity === 'error')
                context.logger.error(line);
            else if (finding.severity === 'warning')
                context.logger.warning(line);
            else
                context.logger.info(line);
        }
    }
    context.summary
        .paragraph(`Least-privilege policy for this run: \`${policyFile}\`.`)
        .code(JSON.stringify(plan.leastPrivilege, null, 2), 'json');
    context.outputs.set('allowed', missing.length === 0);
    context.outputs.set('missing', missing);
    context.outputs.set('findings', plan.findings);
    context.outputs.set('least-privilege-policy', policyFile);
    context.outputs.set('sarif-file', sarifFile);
    const problems = [];
    const [first] = missing;
    if (first !== undefined) {
        problems.push(`The caller may not ${first.action} on ${first.resource} (${first.reason})${missing.length > 1 ? ` and ${missing.length - 1} more permission(s)` : ''}. ${first.fix}`);
    }
    if (plan.blocking.length > 0) {
        const worst = plan.blocking[0];
        problems.push(`${plan.blocking.length} policy finding(s) at or above '${inputs.severity}', first: ${worst?.file ?? ''} statement ${worst?.statement ?? 0}: ${worst?.message ?? ''}`);
    }
    if (problems.length > 0) {
        if (inputs.mode === 'enforce')
            throw new errors/* ConfigurationError */.j1(problems.join(' '), {
                hint: `The least-privilege policy is in ${policyFile}.`,
            });
        for (const problem of problems)
            context.logger.warning(problem);
    }
    return { missing: missing.length, blocking: plan.blocking.length };
}

;// CONCATENATED MODULE: ./src/actions/iam-check/work.ts
// The checks themselves (the IAM client, the simulator, the reports): loaded by action.ts.



function clients(inputs, context) {
    const at = { region: inputs.region };
    return {
        iam: context.clients.get(dist_cjs/* IAMClient */.h8v, 'iam', at),
        simulator: context.clients.get(dist_cjs/* IAMClient */.h8v, 'iam', { ...at, maxAttempts: 2 }),
        sts: context.clients.get(client_sts_dist_cjs/* STSClient */.iM, 'sts', at),
    };
}
async function run(plan, inputs, context) {
    await execute(plan, inputs, clients(inputs, context), context);
}


/***/ }),

/***/ 3778:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RS: () => (/* binding */ checkPermissions),
/* harmony export */   Rx: () => (/* binding */ allowingStatement),
/* harmony export */   defaultPreflight: () => (/* binding */ defaultPreflight)
/* harmony export */ });
/* unused harmony export iamPreflight */
/* harmony import */ var _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6764);
/* harmony import */ var _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1695);
/* harmony import */ var _action_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6379);
/* harmony import */ var _evaluate_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(702);
/* harmony import */ var _action_permissions_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(142);
/* harmony import */ var _principal_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9783);







/** The statement that would allow a permission, as a user would add it. */
function allowingStatement(permission) {
    const condition = permission.context === undefined
        ? ''
        : ` with a Condition ${Object.entries(permission.context)
            .map(([key, value]) => `StringEquals ${key} = ${Array.isArray(value) ? value.join(' | ') : value}`)
            .join(' and ')}`;
    return `an Allow statement for ${permission.action} on ${permission.resource}${condition}`;
}
const SIMULATE_UNSUPPORTED = /NotImplemented|InvalidAction|UnknownOperation|UnsupportedOperation/i;
/**
 * Decides every permission of a plan for the caller: its identity policies and permissions
 * boundary evaluated here; SimulatePrincipalPolicy asked as a second opinion where the endpoint
 * has it (AWS does, and it sees SCPs).
 */
async function checkPermissions(permissions, clients) {
    const notes = [
        'The local evaluation reads the identity policies and permissions boundary of the caller; it cannot see service control policies, session policies or resource policies.',
    ];
    const principal = await (0,_principal_js__WEBPACK_IMPORTED_MODULE_2__/* .findCaller */ .ly)(clients.sts);
    if (principal.kind === 'root') {
        notes.push('The caller is the account root user, which IAM policies do not limit; deploy with a role instead.');
        return {
            principal,
            findings: permissions.map((permission) => ({
                permission,
                decision: 'Allow',
                reason: 'account root',
            })),
            notes,
        };
    }
    let policies;
    try {
        policies = await (0,_principal_js__WEBPACK_IMPORTED_MODULE_2__/* .principalPolicies */ .tX)(clients.iam, principal);
    }
    catch (error) {
        const entity = principal.kind === 'role' ? `role/${principal.name}` : `user/${principal.name}`;
        throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`The IAM pre-flight could not read the policies of ${entity}: ${(0,_action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)}`, {
            hint: `It needs iam:Get${principal.kind === 'role' ? 'Role' : 'User'}, iam:List*Policies, iam:Get*Policy, iam:GetPolicy and iam:GetPolicyVersion on arn:aws:iam::${principal.account}:${entity} and its policies; grant them or set iam-preflight: off.`,
            cause: error,
        });
    }
    const findings = permissions.map((permission) => {
        const result = (0,_evaluate_js__WEBPACK_IMPORTED_MODULE_1__/* .evaluate */ ._3)(policies, {
            action: permission.action,
            resource: permission.resource,
            ...(permission.context === undefined ? {} : { context: permission.context }),
        });
        return { permission, decision: result.decision, reason: result.reason };
    });
    const arn = `arn:${principal.callerArn.split(':')[1] ?? 'aws'}:iam::${principal.account}:${principal.kind}/${principal.name}`;
    try {
        for (const finding of findings) {
            const context = Object.entries(finding.permission.context ?? {}).map(([ContextKeyName, value]) => ({
                ContextKeyName,
                ContextKeyValues: Array.isArray(value) ? value : [value],
                ContextKeyType: 'string',
            }));
            const simulated = await (clients.simulator ?? clients.iam).send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_3__/* .SimulatePrincipalPolicyCommand */ .kUw({
                PolicySourceArn: arn,
                ActionNames: [finding.permission.action],
                ResourceArns: [finding.permission.resource],
                ...(context.length === 0 ? {} : { ContextEntries: context }),
            }));
            const aws = simulated.EvaluationResults?.[0]?.EvalDecision;
            if (aws !== undefined && aws !== 'allowed' && finding.decision === 'Allow') {
                finding.decision = aws === 'explicitDeny' ? 'ExplicitDeny' : 'ImplicitDeny';
                finding.reason = `IAM's own simulation denies it (${aws}); an SCP or boundary may be the cause`;
            }
        }
        notes.push('SimulatePrincipalPolicy agreed with or corrected each decision.');
    }
    catch (error) {
        if (!SIMULATE_UNSUPPORTED.test((0,_action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsErrorCode */ .J6)(error) ?? '') &&
            !SIMULATE_UNSUPPORTED.test((0,_action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)))
            throw error;
        notes.push('This endpoint does not implement SimulatePrincipalPolicy: the local evaluation stands alone.');
    }
    return { principal, findings, notes };
}
function report(logger, result) {
    logger.info(`Caller: ${result.principal.callerArn} (policies of ${result.principal.kind} ${result.principal.name}).`);
    for (const finding of result.findings) {
        logger.info(`${finding.decision === 'Allow' ? 'allowed' : 'MISSING'}: ${(0,_action_permissions_js__WEBPACK_IMPORTED_MODULE_4__/* .describePermission */ .D)(finding.permission)}${finding.decision === 'Allow' ? '' : ` — ${finding.reason}`}`);
    }
    for (const note of result.notes)
        logger.info(note);
}
/** The pre-flight runAction runs on every plan when an action's iam-preflight input asks for it. */
function iamPreflight(region) {
    return async (permissions, mode, context) => {
        if (mode === 'off' || permissions.length === 0)
            return;
        const at = { region: region ?? context.env['AWS_REGION'] ?? 'us-east-1' };
        const clients = {
            iam: context.clients.get(_aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_3__/* .IAMClient */ .h8v, 'iam', at),
            sts: context.clients.get(_aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_5__/* .STSClient */ .iM, 'sts', at),
            // An endpoint without SimulatePrincipalPolicy answers 501: one more try is enough.
            simulator: context.clients.get(_aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_3__/* .IAMClient */ .h8v, 'iam', { ...at, maxAttempts: 2 }),
        };
        let result;
        try {
            result = await context.logger.group(`IAM pre-flight (${mode}): ${permissions.length} permissions`, async () => {
                const checked = await checkPermissions(permissions, clients);
                report(context.logger, checked);
                return checked;
            });
        }
        catch (error) {
            if (mode === 'warn') {
                context.logger.warning(`IAM pre-flight skipped: ${(0,_action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)}`);
                return;
            }
            throw error;
        }
        const missing = result.findings.filter((f) => f.decision !== 'Allow');
        context.summary.heading('IAM pre-flight', 3).table(['Permission', 'Resource', 'Decision'], result.findings.map((f) => [
            f.permission.action,
            f.permission.resource,
            f.decision === 'Allow' ? 'allowed' : `missing: ${f.reason}`,
        ]));
        if (missing.length === 0)
            return;
        const [first] = missing;
        const message = `${result.principal.kind === 'role' ? 'Role' : 'User'} ${result.principal.name} may not ${first?.permission.action ?? ''} on ${first?.permission.resource ?? ''} (${first?.reason ?? ''}), which this run needs to ${first?.permission.reason ?? ''}${missing.length > 1 ? `; ${missing.length - 1} more permission(s) are missing (listed above)` : ''}.`;
        const hint = first === undefined
            ? undefined
            : `Add ${allowingStatement(first.permission)}, or run actions/iam-check for the whole policy.`;
        if (mode === 'enforce')
            throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(message, {
                input: 'iam-preflight',
                ...(hint === undefined ? {} : { hint }),
            });
        context.logger.warning(`${message}${hint === undefined ? '' : ` ${hint}`}`);
    };
}
/** Checks the plan's permissions against the caller's IAM policies: what an action's main.ts wires in. */
const defaultPreflight = (permissions, mode, context, region) => iamPreflight(region)(permissions, mode, context);


/***/ })

};
