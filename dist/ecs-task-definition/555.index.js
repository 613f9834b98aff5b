export const id = 555;
export const ids = [555];
export const modules = {

/***/ 2555:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  defaultPreflight: () => (/* binding */ defaultPreflight)
});

// UNUSED EXPORTS: allowingStatement, checkPermissions, iamPreflight

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-iam/dist-cjs/index.js
var dist_cjs = __webpack_require__(6764);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-cjs/index.js
var client_sts_dist_cjs = __webpack_require__(1695);
// EXTERNAL MODULE: ./src/core/action/errors.ts
var errors = __webpack_require__(6379);
// EXTERNAL MODULE: ./src/core/util/text.ts
var util_text = __webpack_require__(6889);
;// CONCATENATED MODULE: ./src/core/iam/policy.ts


const SEVERITIES = (/* unused pure expression or super */ null && (['error', 'warning', 'note']));
function asList(value) {
    if (value === undefined || value === null)
        return [];
    return (Array.isArray(value) ? value : [value]).map((item) => (0,util_text/* asText */.e)(item));
}
/**
 * Reads a policy document (JSON text, or the URL-encoded text IAM returns), checking the shape
 * the evaluator relies on; `label` names it in errors.
 */
function parsePolicy(text, label) {
    let raw;
    const decoded = text.trimStart().startsWith('%7B') ? decodeURIComponent(text) : text;
    try {
        raw = JSON.parse(decoded);
    }
    catch (error) {
        throw new errors/* ConfigurationError */.j1(`${label} is not JSON: ${error instanceof Error ? error.message : String(error)}.`);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        throw new errors/* ConfigurationError */.j1(`${label} must be a JSON object with a Statement.`);
    }
    const statements = raw.Statement;
    const list = Array.isArray(statements)
        ? statements
        : statements === undefined
            ? []
            : [statements];
    if (list.length === 0)
        throw new errors/* ConfigurationError */.j1(`${label} has no Statement.`);
    list.forEach((statement, index) => {
        const s = statement;
        if (s['Effect'] !== 'Allow' && s['Effect'] !== 'Deny') {
            throw new errors/* ConfigurationError */.j1(`${label} statement ${index} has no valid Effect (Allow or Deny).`);
        }
        if (s['Action'] === undefined && s['NotAction'] === undefined) {
            throw new errors/* ConfigurationError */.j1(`${label} statement ${index} has neither Action nor NotAction.`);
        }
    });
    return { ...raw, Statement: list };
}

;// CONCATENATED MODULE: ./src/core/iam/evaluate.ts

/** `*` matches any run of characters, `?` one; IAM's wildcard matching. */
function wildcardMatch(pattern, value, caseSensitive = true) {
    const p = caseSensitive ? pattern : pattern.toLowerCase();
    const v = caseSensitive ? value : value.toLowerCase();
    // Iterative glob match with backtracking on the last star: linear enough for policy sizes.
    let pi = 0;
    let vi = 0;
    let star = -1;
    let mark = 0;
    while (vi < v.length) {
        if (pi < p.length && (p[pi] === '?' || p[pi] === v[vi])) {
            pi++;
            vi++;
        }
        else if (pi < p.length && p[pi] === '*') {
            star = pi++;
            mark = vi;
        }
        else if (star !== -1) {
            pi = star + 1;
            vi = ++mark;
        }
        else {
            return false;
        }
    }
    while (pi < p.length && p[pi] === '*')
        pi++;
    return pi === p.length;
}
function contextValue(context, key) {
    const found = Object.keys(context).find((k) => k.toLowerCase() === key.toLowerCase());
    if (found === undefined)
        return undefined;
    const value = context[found];
    return Array.isArray(value) ? value : value === undefined ? undefined : [value];
}
const NEGATED = {
    StringNotEquals: 'StringEquals',
    StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
    StringNotLike: 'StringLike',
    ArnNotEquals: 'ArnEquals',
    ArnNotLike: 'ArnLike',
    NumericNotEquals: 'NumericEquals',
    DateNotEquals: 'DateEquals',
    NotIpAddress: 'IpAddress',
};
function date(value) {
    return /^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : Date.parse(value);
}
function ipInCidr(ip, cidr) {
    const [base = '', bitsText] = cidr.split('/');
    const toNumber = (address) => address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip) || !/^\d+\.\d+\.\d+\.\d+$/.test(base))
        return ip === base;
    const bits = bitsText === undefined ? 32 : Number(bitsText);
    const size = 2 ** (32 - bits);
    return Math.floor(toNumber(ip) / size) === Math.floor(toNumber(base) / size);
}
function compare(operator, actual, expected) {
    switch (operator) {
        case 'StringEquals':
        case 'ArnEquals':
            return actual === expected;
        case 'StringEqualsIgnoreCase':
            return actual.toLowerCase() === expected.toLowerCase();
        case 'StringLike':
        case 'ArnLike':
            return wildcardMatch(expected, actual);
        case 'Bool':
            return actual.toLowerCase() === expected.toLowerCase();
        case 'NumericEquals':
            return Number(actual) === Number(expected);
        case 'NumericLessThan':
            return Number(actual) < Number(expected);
        case 'NumericLessThanEquals':
            return Number(actual) <= Number(expected);
        case 'NumericGreaterThan':
            return Number(actual) > Number(expected);
        case 'NumericGreaterThanEquals':
            return Number(actual) >= Number(expected);
        case 'DateEquals':
            return date(actual) === date(expected);
        case 'DateLessThan':
            return date(actual) < date(expected);
        case 'DateLessThanEquals':
            return date(actual) <= date(expected);
        case 'DateGreaterThan':
            return date(actual) > date(expected);
        case 'DateGreaterThanEquals':
            return date(actual) >= date(expected);
        case 'IpAddress':
            return ipInCidr(actual, expected);
        default:
            // An operator the evaluator does not know never matches: a Deny with it does not apply and
            // an Allow with it does not allow, so the result can only be stricter than AWS's.
            return false;
    }
}
/** One condition operator with one key, as AWS documents them. */
function conditionMatches(operatorText, key, expectedRaw, context) {
    let operator = operatorText;
    let quantifier = '';
    const colon = operator.indexOf(':');
    if (colon !== -1) {
        quantifier = operator.slice(0, colon);
        operator = operator.slice(colon + 1);
    }
    const ifExists = operator.endsWith('IfExists');
    if (ifExists)
        operator = operator.slice(0, -'IfExists'.length);
    const expected = asList(expectedRaw);
    const actual = contextValue(context, key);
    if (operator === 'Null') {
        const wantAbsent = (expected[0] ?? '').toLowerCase() === 'true';
        return (actual === undefined) === wantAbsent;
    }
    const positive = NEGATED[operator];
    if (actual === undefined) {
        // AWS: a missing key fails the condition, except with IfExists, negated operators and ForAllValues.
        return ifExists || positive !== undefined || quantifier === 'ForAllValues';
    }
    const base = positive ?? operator;
    const anyExpected = (value) => expected.some((e) => compare(base, value, e));
    if (positive !== undefined) {
        if (quantifier === 'ForAllValues')
            return actual.every((value) => !anyExpected(value));
        if (quantifier === 'ForAnyValue')
            return actual.some((value) => !anyExpected(value));
        return !actual.some(anyExpected);
    }
    if (quantifier === 'ForAllValues')
        return actual.every(anyExpected);
    return actual.some(anyExpected);
}
/** Whether a statement applies to a request (its Effect aside). */
function statementApplies(statement, request) {
    const context = request.context ?? {};
    if (statement.Action !== undefined &&
        !asList(statement.Action).some((p) => wildcardMatch(p, request.action, false)))
        return false;
    if (statement.NotAction !== undefined &&
        asList(statement.NotAction).some((p) => wildcardMatch(p, request.action, false)))
        return false;
    if (statement.Resource !== undefined &&
        !asList(statement.Resource).some((p) => wildcardMatch(p, request.resource)))
        return false;
    if (statement.NotResource !== undefined &&
        asList(statement.NotResource).some((p) => wildcardMatch(p, request.resource)))
        return false;
    for (const [operator, pairs] of Object.entries(statement.Condition ?? {})) {
        for (const [key, expected] of Object.entries(pairs)) {
            if (!conditionMatches(operator, key, expected, context))
                return false;
        }
    }
    return true;
}
/** Explicit deny wins, then any allow, else implicit deny; over a set of policies. */
function decide(policies, request) {
    let allowing;
    for (const policy of policies) {
        for (const statement of policy.Statement) {
            if (!statementApplies(statement, request))
                continue;
            if (statement.Effect === 'Deny')
                return { decision: 'ExplicitDeny', statement };
            allowing ??= statement;
        }
    }
    return allowing === undefined
        ? { decision: 'ImplicitDeny' }
        : { decision: 'Allow', statement: allowing };
}
/** AWS's evaluation for one principal without SCPs, session policies or resource policies. */
function evaluate(policies, request) {
    const identity = decide(policies.identity, request);
    if (identity.decision === 'ExplicitDeny') {
        return {
            decision: 'ExplicitDeny',
            reason: `an explicit Deny in an identity policy${identity.statement?.Sid === undefined ? '' : ` (${identity.statement.Sid})`}`,
        };
    }
    if (policies.boundary !== undefined) {
        const boundary = decide([policies.boundary], request);
        if (boundary.decision === 'ExplicitDeny')
            return { decision: 'ExplicitDeny', reason: 'an explicit Deny in the permissions boundary' };
        if (boundary.decision === 'ImplicitDeny') {
            return { decision: 'ImplicitDeny', reason: 'the permissions boundary does not allow it' };
        }
    }
    if (identity.decision === 'ImplicitDeny')
        return { decision: 'ImplicitDeny', reason: 'no identity policy allows it' };
    return { decision: 'Allow', reason: 'allowed' };
}

// EXTERNAL MODULE: ./src/core/action/permissions.ts
var permissions = __webpack_require__(142);
;// CONCATENATED MODULE: ./src/core/iam/principal.ts




/** Maps the caller ARN to the IAM entity whose policies apply (an assumed role maps to its role). */
function principalOf(callerArn) {
    const parts = callerArn.split(':');
    const account = parts[4] ?? '';
    const resource = parts.slice(5).join(':');
    if (resource === 'root')
        return { callerArn, kind: 'root', name: 'root', account };
    if (resource.startsWith('assumed-role/'))
        return { callerArn, kind: 'role', name: resource.split('/')[1] ?? '', account };
    if (resource.startsWith('role/'))
        return { callerArn, kind: 'role', name: resource.split('/').at(-1) ?? '', account };
    if (resource.startsWith('user/'))
        return { callerArn, kind: 'user', name: resource.split('/').at(-1) ?? '', account };
    throw new errors/* ConfigurationError */.j1(`Cannot check the permissions of ${callerArn}: only IAM roles and users can be checked.`);
}
/**
 * What the IAM checks (iam-check with the caller checked, and every action's iam-preflight) need
 * to read a role's own policies: add them to that role's policy when its steps check themselves.
 */
function selfCheckPermissions(roleArn) {
    const reason = "read the role's own policies for the IAM pre-flight";
    const onRole = (action) => ({
        action,
        resource: roleArn,
        write: false,
        reason,
    });
    return [
        { action: 'sts:GetCallerIdentity', resource: '*', write: false, reason: 'find the caller' },
        onRole('iam:GetRole'),
        onRole('iam:ListRolePolicies'),
        onRole('iam:GetRolePolicy'),
        onRole('iam:ListAttachedRolePolicies'),
        onRole('iam:SimulatePrincipalPolicy'),
        // Attached managed policies: the account's own and AWS managed ones.
        { action: 'iam:GetPolicy', resource: 'arn:aws:iam::*:policy/*', write: false, reason },
        { action: 'iam:GetPolicyVersion', resource: 'arn:aws:iam::*:policy/*', write: false, reason },
    ];
}
async function findCaller(sts) {
    const identity = await sts.send(new client_sts_dist_cjs/* GetCallerIdentityCommand */.zI({}));
    return principalOf(identity.Arn ?? '');
}
async function managedPolicy(iam, arn) {
    const policy = await iam.send(new dist_cjs/* GetPolicyCommand */.s4W({ PolicyArn: arn }));
    const version = await iam.send(new dist_cjs/* GetPolicyVersionCommand */.G45({
        PolicyArn: arn,
        VersionId: policy.Policy?.DefaultVersionId ?? 'v1',
    }));
    return parsePolicy(version.PolicyVersion?.Document ?? '', `Policy ${arn}`);
}
async function pages(fetch) {
    const all = [];
    let marker;
    do {
        const page = await fetch(marker);
        all.push(...page.items);
        marker = page.marker;
    } while (marker !== undefined);
    return all;
}
const mark = (marker) => (marker === undefined ? {} : { Marker: marker });
const next = (truncated, marker) => truncated === true ? marker : undefined;
/** The identity policies and permissions boundary of a role or user, read through the IAM API. */
async function principalPolicies(iam, principal) {
    const identity = [];
    let boundaryArn;
    if (principal.kind === 'role') {
        const RoleName = principal.name;
        const inline = await pages(async (marker) => {
            const page = await iam.send(new dist_cjs/* ListRolePoliciesCommand */.Y7N({ RoleName, ...mark(marker) }));
            return { items: page.PolicyNames ?? [], marker: next(page.IsTruncated, page.Marker) };
        });
        for (const PolicyName of inline) {
            const policy = await iam.send(new dist_cjs/* GetRolePolicyCommand */.WHQ({ RoleName, PolicyName }));
            identity.push(parsePolicy(policy.PolicyDocument ?? '', `Inline policy ${PolicyName} of role ${RoleName}`));
        }
        const attached = await pages(async (marker) => {
            const page = await iam.send(new dist_cjs/* ListAttachedRolePoliciesCommand */.wfM({ RoleName, ...mark(marker) }));
            return { items: page.AttachedPolicies ?? [], marker: next(page.IsTruncated, page.Marker) };
        });
        for (const policy of attached)
            identity.push(await managedPolicy(iam, policy.PolicyArn ?? ''));
        boundaryArn = (await iam.send(new dist_cjs/* GetRoleCommand */.kbp({ RoleName }))).Role?.PermissionsBoundary
            ?.PermissionsBoundaryArn;
    }
    else if (principal.kind === 'user') {
        const UserName = principal.name;
        const inline = await pages(async (marker) => {
            const page = await iam.send(new dist_cjs/* ListUserPoliciesCommand */.Lt8({ UserName, ...mark(marker) }));
            return { items: page.PolicyNames ?? [], marker: next(page.IsTruncated, page.Marker) };
        });
        for (const PolicyName of inline) {
            const policy = await iam.send(new dist_cjs/* GetUserPolicyCommand */.bcb({ UserName, PolicyName }));
            identity.push(parsePolicy(policy.PolicyDocument ?? '', `Inline policy ${PolicyName} of user ${UserName}`));
        }
        const attached = await pages(async (marker) => {
            const page = await iam.send(new dist_cjs/* ListAttachedUserPoliciesCommand */.zf4({ UserName, ...mark(marker) }));
            return { items: page.AttachedPolicies ?? [], marker: next(page.IsTruncated, page.Marker) };
        });
        for (const policy of attached)
            identity.push(await managedPolicy(iam, policy.PolicyArn ?? ''));
        const groups = await pages(async (marker) => {
            const page = await iam.send(new dist_cjs/* ListGroupsForUserCommand */.WcQ({ UserName, ...mark(marker) }));
            return { items: page.Groups ?? [], marker: next(page.IsTruncated, page.Marker) };
        });
        for (const group of groups) {
            const GroupName = group.GroupName ?? '';
            const groupInline = (await iam.send(new dist_cjs/* ListGroupPoliciesCommand */.zqe({ GroupName }))).PolicyNames ?? [];
            for (const PolicyName of groupInline) {
                const policy = await iam.send(new dist_cjs/* GetGroupPolicyCommand */.bhF({ GroupName, PolicyName }));
                identity.push(parsePolicy(policy.PolicyDocument ?? '', `Inline policy ${PolicyName} of group ${GroupName}`));
            }
            const groupAttached = (await iam.send(new dist_cjs/* ListAttachedGroupPoliciesCommand */.xJQ({ GroupName }))).AttachedPolicies ??
                [];
            for (const policy of groupAttached)
                identity.push(await managedPolicy(iam, policy.PolicyArn ?? ''));
        }
        boundaryArn = (await iam.send(new dist_cjs/* GetUserCommand */.T3b({ UserName }))).User?.PermissionsBoundary
            ?.PermissionsBoundaryArn;
    }
    return {
        identity,
        boundary: boundaryArn === undefined ? undefined : await managedPolicy(iam, boundaryArn),
    };
}

;// CONCATENATED MODULE: ./src/core/iam/preflight.ts







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
    const principal = await findCaller(clients.sts);
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
        policies = await principalPolicies(clients.iam, principal);
    }
    catch (error) {
        const entity = principal.kind === 'role' ? `role/${principal.name}` : `user/${principal.name}`;
        throw new errors/* ConfigurationError */.j1(`The IAM pre-flight could not read the policies of ${entity}: ${(0,errors/* errorMessage */.gJ)(error)}`, {
            hint: `It needs iam:Get${principal.kind === 'role' ? 'Role' : 'User'}, iam:List*Policies, iam:Get*Policy, iam:GetPolicy and iam:GetPolicyVersion on arn:aws:iam::${principal.account}:${entity} and its policies; grant them or set iam-preflight: off.`,
            cause: error,
        });
    }
    const findings = permissions.map((permission) => {
        const result = evaluate(policies, {
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
            const simulated = await (clients.simulator ?? clients.iam).send(new dist_cjs/* SimulatePrincipalPolicyCommand */.kUw({
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
        if (!SIMULATE_UNSUPPORTED.test((0,errors/* awsErrorCode */.J6)(error) ?? '') &&
            !SIMULATE_UNSUPPORTED.test((0,errors/* errorMessage */.gJ)(error)))
            throw error;
        notes.push('This endpoint does not implement SimulatePrincipalPolicy: the local evaluation stands alone.');
    }
    return { principal, findings, notes };
}
function report(logger, result) {
    logger.info(`Caller: ${result.principal.callerArn} (policies of ${result.principal.kind} ${result.principal.name}).`);
    for (const finding of result.findings) {
        logger.info(`${finding.decision === 'Allow' ? 'allowed' : 'MISSING'}: ${(0,permissions/* describePermission */.D)(finding.permission)}${finding.decision === 'Allow' ? '' : ` — ${finding.reason}`}`);
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
            iam: context.clients.get(dist_cjs/* IAMClient */.h8v, 'iam', at),
            sts: context.clients.get(client_sts_dist_cjs/* STSClient */.iM, 'sts', at),
            // An endpoint without SimulatePrincipalPolicy answers 501: one more try is enough.
            simulator: context.clients.get(dist_cjs/* IAMClient */.h8v, 'iam', { ...at, maxAttempts: 2 }),
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
                context.logger.warning(`IAM pre-flight skipped: ${(0,errors/* errorMessage */.gJ)(error)}`);
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
            throw new errors/* ConfigurationError */.j1(message, {
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
