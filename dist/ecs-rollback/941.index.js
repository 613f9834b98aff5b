export const id = 941;
export const ids = [941];
export const modules = {

/***/ 2684:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

var __webpack_unused_export__;
const { awsEndpointFunctions, emitWarningIfUnsupportedVersion: emitWarningIfUnsupportedVersion$1, createDefaultUserAgentProvider, getDefaultSocketTimeout, NODE_APP_ID_CONFIG_OPTIONS, getAwsRegionExtensionConfiguration, resolveAwsRegionExtensionConfiguration, resolveUserAgentConfig, resolveHostHeaderConfig, getUserAgentPlugin, getHostHeaderPlugin, getLoggerPlugin, getRecursionDetectionPlugin } = __webpack_require__(5152);
const { getHttpAuthSchemeEndpointRuleSetPlugin, DefaultIdentityProviderConfig, getHttpSigningPlugin, createPaginator } = __webpack_require__(402);
const { normalizeProvider, getSmithyContext, ServiceException, NoOpLogger, emitWarningIfUnsupportedVersion, loadConfigsForDefaultMode, getDefaultExtensionConfiguration, resolveDefaultRuntimeConfig, Client, makeBuilder, createAggregatedClient } = __webpack_require__(2658);
const { Command: $Command } = __webpack_require__(2658);
__webpack_unused_export__ = $Command;
__webpack_unused_export__ = Client;
const { resolveDefaultsModeConfig, loadConfig, NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, NODE_REGION_CONFIG_OPTIONS, NODE_REGION_CONFIG_FILE_OPTIONS, resolveRegionConfig } = __webpack_require__(7291);
const { BinaryDecisionDiagram, EndpointCache, decideEndpoint, customEndpointFunctions, resolveEndpointConfig, getEndpointPlugin } = __webpack_require__(2085);
const { eventStreamSerdeProvider, resolveEventStreamSerdeConfig } = __webpack_require__(6579);
const { parseUrl, getHttpHandlerExtensionConfiguration, resolveHttpHandlerRuntimeConfig, getContentLengthPlugin } = __webpack_require__(3422);
const { DEFAULT_RETRY_MODE, NODE_RETRY_MODE_CONFIG_OPTIONS, NODE_MAX_ATTEMPT_CONFIG_OPTIONS, resolveRetryConfig, getRetryPlugin } = __webpack_require__(3609);
const { TypeRegistry, getSchemaSerdePlugin } = __webpack_require__(6890);
const { resolveAwsSdkSigV4Config, AwsSdkSigV4Signer, NODE_AUTH_SCHEME_PREFERENCE_OPTIONS } = __webpack_require__(7523);
const { defaultProvider } = __webpack_require__(5861);
const { toUtf8, fromUtf8, toBase64, fromBase64, calculateBodyLength } = __webpack_require__(2430);
const { streamCollector, NodeHttpHandler } = __webpack_require__(1279);
const { AwsJson1_1Protocol } = __webpack_require__(7288);
const { Sha256 } = __webpack_require__(9542);

const defaultCloudWatchLogsHttpAuthSchemeParametersProvider = async (config, context, input) => {
    return {
        operation: getSmithyContext(context).operation,
        region: await normalizeProvider(config.region)() || (() => {
            throw new Error("expected `region` to be configured for `aws.auth#sigv4`");
        })(),
    };
};
function createAwsAuthSigv4HttpAuthOption(authParameters) {
    return {
        schemeId: "aws.auth#sigv4",
        signingProperties: {
            name: "logs",
            region: authParameters.region,
        },
        propertiesExtractor: (config, context) => ({
            signingProperties: {
                config,
                context,
            },
        }),
    };
}
const defaultCloudWatchLogsHttpAuthSchemeProvider = (authParameters) => {
    const options = [];
    switch (authParameters.operation) {
        default: {
            options.push(createAwsAuthSigv4HttpAuthOption(authParameters));
        }
    }
    return options;
};
const resolveHttpAuthSchemeConfig = (config) => {
    const config_0 = resolveAwsSdkSigV4Config(config);
    return Object.assign(config_0, {
        authSchemePreference: normalizeProvider(config.authSchemePreference ?? []),
    });
};

const resolveClientEndpointParameters = (options) => {
    return Object.assign(options, {
        useDualstackEndpoint: options.useDualstackEndpoint ?? false,
        useFipsEndpoint: options.useFipsEndpoint ?? false,
        defaultSigningName: "logs",
    });
};
const commonParams = {
    UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
    Endpoint: { type: "builtInParams", name: "endpoint" },
    Region: { type: "builtInParams", name: "region" },
    UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" },
};

var version = "3.1168.0";
var packageInfo = {
	version: version};

const m = "ref";
const a = -1, b = true, c = "isSet", d = "PartitionResult", e = "booleanEquals", f = "getAttr", g = "stringEquals", h = { [m]: "Endpoint" }, i = { [m]: d }, j = { [m]: "Region" }, k = {}, l = [j];
const _data = {
    conditions: [
        [c, [h]],
        [c, l],
        ["aws.partition", l, d],
        [e, [{ [m]: "UseFIPS" }, b]],
        [e, [{ [m]: "UseDualStack" }, b]],
        [e, [{ fn: f, argv: [i, "supportsDualStack"] }, b]],
        [e, [{ fn: f, argv: [i, "supportsFIPS"] }, b]],
        [g, [j, "us-gov-east-1"]],
        [g, [j, "us-gov-west-1"]]
    ],
    results: [
        [a],
        [a, "Invalid Configuration: FIPS and custom endpoint are not supported"],
        [a, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
        [h, k],
        ["https://logs-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", k],
        [a, "FIPS and DualStack are enabled, but this partition does not support one or both"],
        ["https://logs.us-gov-east-1.amazonaws.com", k],
        ["https://logs.us-gov-west-1.amazonaws.com", k],
        ["https://logs-fips.{Region}.{PartitionResult#dnsSuffix}", k],
        [a, "FIPS is enabled but this partition does not support FIPS"],
        ["https://logs.{Region}.{PartitionResult#dualStackDnsSuffix}", k],
        [a, "DualStack is enabled but this partition does not support DualStack"],
        ["https://logs.{Region}.{PartitionResult#dnsSuffix}", k],
        [a, "Invalid Configuration: Missing Region"]
    ]
};
const root = 2;
const r = 100_000_000;
const nodes = new Int32Array([
    -1, 1, -1,
    0, 14, 3,
    1, 4, r + 13,
    2, 5, r + 13,
    3, 8, 6,
    4, 7, r + 12,
    5, r + 10, r + 11,
    4, 12, 9,
    6, 10, r + 9,
    7, r + 6, 11,
    8, r + 7, r + 8,
    5, 13, r + 5,
    6, r + 4, r + 5,
    3, r + 1, 15,
    4, r + 2, r + 3,
]);
const bdd = BinaryDecisionDiagram.from(nodes, root, _data.conditions, _data.results);

const cache = new EndpointCache({
    size: 50,
    params: ["Endpoint", "Region", "UseDualStack", "UseFIPS"],
});
const defaultEndpointResolver = (endpointParams, context = {}) => {
    return cache.get(endpointParams, () => decideEndpoint(bdd, {
        endpointParams: endpointParams,
        logger: context.logger,
    }));
};
customEndpointFunctions.aws = awsEndpointFunctions;

class CloudWatchLogsServiceException extends ServiceException {
    static shapeId = "smithy.ts.sdk.synthetic.com.amazonaws.cloudwatchlogs#CloudWatchLogsServiceException";
    constructor(options) {
        super(options);
        Object.setPrototypeOf(this, CloudWatchLogsServiceException.prototype);
    }
}

class AccessDeniedException extends CloudWatchLogsServiceException {
    static shapeId = "com.amazonaws.cloudwatchlogs#AccessDeniedException";
    name = "AccessDeniedException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "AccessDeniedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, AccessDeniedException.prototype);
    }
}
class InvalidParameterException extends CloudWatchLogsServiceException {
    static shapeId = "com.amazonaws.cloudwatchlogs#InvalidParameterException";
    name = "InvalidParameterException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidParameterException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidParameterException.prototype);
    }
}
class OperationAbortedException extends CloudWatchLogsServiceException {
    static shapeId = "com.amazonaws.cloudwatchlogs#OperationAbortedException";
    name = "OperationAbortedException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "OperationAbortedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, OperationAbortedException.prototype);
    }
}
class ResourceNotFoundException extends CloudWatchLogsServiceException {
    static shapeId = "com.amazonaws.cloudwatchlogs#ResourceNotFoundException";
    name = "ResourceNotFoundException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ResourceNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceNotFoundException.prototype);
    }
}
class ServiceUnavailableException extends CloudWatchLogsServiceException {
    static shapeId = "com.amazonaws.cloudwatchlogs#ServiceUnavailableException";
    name = "ServiceUnavailableException";
    $fault = "server";
    constructor(opts) {
        super({
            name: "ServiceUnavailableException",
            $fault: "server",
            ...opts,
        });
        Object.setPrototypeOf(this, ServiceUnavailableException.prototype);
    }
}
class InternalServerException extends CloudWatchLogsServiceException {
    static shapeId = "com.amazonaws.cloudwatchlogs#InternalServerException";
    name = "InternalServerException";
    $fault = "server";
    constructor(opts) {
        super({
            name: "InternalServerException",
            $fault: "server",
            ...opts,
        });
        Object.setPrototypeOf(this, InternalServerException.prototype);
    }
}
class ThrottlingException extends CloudWatchLogsServiceException {
    static shapeId = "com.amazonaws.cloudwatchlogs#ThrottlingException";
    name = "ThrottlingException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ThrottlingException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ThrottlingException.prototype);
    }
}
class ValidationException extends CloudWatchLogsServiceException {
    static shapeId = "com.amazonaws.cloudwatchlogs#ValidationException";
    name = "ValidationException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ValidationException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ValidationException.prototype);
    }
}
class InvalidOperationException extends CloudWatchLogsServiceException {
    static shapeId = "com.amazonaws.cloudwatchlogs#InvalidOperationException";
    name = "InvalidOperationException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidOperationException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidOperationException.prototype);
    }
}
class ConflictException extends CloudWatchLogsServiceException {
    static shapeId = "com.amazonaws.cloudwatchlogs#ConflictException";
    name = "ConflictException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ConflictException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ConflictException.prototype);
    }
}
class ServiceQuotaExceededException extends CloudWatchLogsServiceException {
    static shapeId = "com.amazonaws.cloudwatchlogs#ServiceQuotaExceededException";
    name = "ServiceQuotaExceededException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ServiceQuotaExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ServiceQuotaExceededException.prototype);
    }
}
class LimitExceededException extends CloudWatchLogsServiceException {
    static shapeId = "com.amazonaws.cloudwatchlogs#LimitExceededException";
    name = "LimitExceededException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "LimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, LimitExceededException.prototype);
    }
}
class ResourceAlreadyExistsException extends CloudWatchLogsServiceException {
    static shapeId = "com.amazonaws.cloudwatchlogs#ResourceAlreadyExistsException";
    name = "ResourceAlreadyExistsException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ResourceAlreadyExistsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceAlreadyExistsException.prototype);
    }
}
class DataAlreadyAcceptedException extends CloudWatchLogsServiceException {
    static shapeId = "com.amazonaws.cloudwatchlogs#DataAlreadyAcceptedException";
    name = "DataAlreadyAcceptedException";
    $fault = "client";
    expectedSequenceToken;
    constructor(opts) {
        super({
            name: "DataAlreadyAcceptedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DataAlreadyAcceptedException.prototype);
        this.expectedSequenceToken = opts.expectedSequenceToken;
    }
}
class InternalStreamingException extends CloudWatchLogsServiceException {
    static shapeId = "com.amazonaws.cloudwatchlogs#InternalStreamingException";
    name = "InternalStreamingException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InternalStreamingException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InternalStreamingException.prototype);
    }
}
class InvalidSequenceTokenException extends CloudWatchLogsServiceException {
    static shapeId = "com.amazonaws.cloudwatchlogs#InvalidSequenceTokenException";
    name = "InvalidSequenceTokenException";
    $fault = "client";
    expectedSequenceToken;
    constructor(opts) {
        super({
            name: "InvalidSequenceTokenException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidSequenceTokenException.prototype);
        this.expectedSequenceToken = opts.expectedSequenceToken;
    }
}
class UnrecognizedClientException extends CloudWatchLogsServiceException {
    static shapeId = "com.amazonaws.cloudwatchlogs#UnrecognizedClientException";
    name = "UnrecognizedClientException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "UnrecognizedClientException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, UnrecognizedClientException.prototype);
    }
}
class SessionStreamingException extends CloudWatchLogsServiceException {
    static shapeId = "com.amazonaws.cloudwatchlogs#SessionStreamingException";
    name = "SessionStreamingException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "SessionStreamingException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, SessionStreamingException.prototype);
    }
}
class SessionTimeoutException extends CloudWatchLogsServiceException {
    static shapeId = "com.amazonaws.cloudwatchlogs#SessionTimeoutException";
    name = "SessionTimeoutException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "SessionTimeoutException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, SessionTimeoutException.prototype);
    }
}
class MalformedQueryException extends CloudWatchLogsServiceException {
    static shapeId = "com.amazonaws.cloudwatchlogs#MalformedQueryException";
    name = "MalformedQueryException";
    $fault = "client";
    queryCompileError;
    constructor(opts) {
        super({
            name: "MalformedQueryException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, MalformedQueryException.prototype);
        this.queryCompileError = opts.queryCompileError;
    }
}
class TooManyTagsException extends CloudWatchLogsServiceException {
    static shapeId = "com.amazonaws.cloudwatchlogs#TooManyTagsException";
    name = "TooManyTagsException";
    $fault = "client";
    resourceName;
    constructor(opts) {
        super({
            name: "TooManyTagsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TooManyTagsException.prototype);
        this.resourceName = opts.resourceName;
    }
}

const _A = "Anomaly";
const _AD = "AnomalyDetector";
const _ADE = "AccessDeniedException";
const _ADn = "AnomalyDetectors";
const _AF = "AllowedFields";
const _AK = "AddKeys";
const _AKE = "AddKeyEntry";
const _AKEd = "AddKeyEntries";
const _AKK = "AssociateKmsKey";
const _AKKR = "AssociateKmsKeyRequest";
const _ALGS = "AggregateLogGroupSummary";
const _ALGSg = "AggregateLogGroupSummaries";
const _AP = "AccountPolicy";
const _APc = "AccountPolicies";
const _ASTSTI = "AssociateSourceToS3TableIntegration";
const _ASTSTIR = "AssociateSourceToS3TableIntegrationRequest";
const _ASTSTIRs = "AssociateSourceToS3TableIntegrationResponse";
const _An = "Anomalies";
const _CD = "CreateDelivery";
const _CDR = "CreateDeliveryRequest";
const _CDRr = "CreateDeliveryResponse";
const _CE = "ConflictException";
const _CET = "CancelExportTask";
const _CETR = "CancelExportTaskRequest";
const _CETRr = "CreateExportTaskRequest";
const _CETRre = "CreateExportTaskResponse";
const _CETr = "CreateExportTask";
const _CIT = "CancelImportTask";
const _CITR = "CancelImportTaskRequest";
const _CITRa = "CancelImportTaskResponse";
const _CITRr = "CreateImportTaskRequest";
const _CITRre = "CreateImportTaskResponse";
const _CITr = "CreateImportTask";
const _CLAD = "CreateLogAnomalyDetector";
const _CLADR = "CreateLogAnomalyDetectorRequest";
const _CLADRr = "CreateLogAnomalyDetectorResponse";
const _CLG = "CreateLogGroup";
const _CLGR = "CreateLogGroupRequest";
const _CLS = "CreateLogStream";
const _CLSR = "CreateLogStreamRequest";
const _CLT = "CreateLookupTable";
const _CLTR = "CreateLookupTableRequest";
const _CLTRr = "CreateLookupTableResponse";
const _CSQ = "CreateScheduledQuery";
const _CSQR = "CreateScheduledQueryRequest";
const _CSQRr = "CreateScheduledQueryResponse";
const _CSV = "CSV";
const _CT = "ConfigurationTemplate";
const _CTDCV = "ConfigurationTemplateDeliveryConfigValues";
const _CTo = "ConfigurationTemplates";
const _CV = "CopyValue";
const _CVE = "CopyValueEntry";
const _CVEo = "CopyValueEntries";
const _D = "Delivery";
const _DAAE = "DataAlreadyAcceptedException";
const _DAP = "DeleteAccountPolicy";
const _DAPR = "DeleteAccountPolicyRequest";
const _DAPRe = "DeleteAccountPolicyResponse";
const _DAPRes = "DescribeAccountPoliciesRequest";
const _DAPResc = "DescribeAccountPoliciesResponse";
const _DAPe = "DescribeAccountPolicies";
const _DC = "DestinationConfiguration";
const _DCT = "DescribeConfigurationTemplates";
const _DCTR = "DescribeConfigurationTemplatesRequest";
const _DCTRe = "DescribeConfigurationTemplatesResponse";
const _DD = "DeliveryDestination";
const _DDC = "DeliveryDestinationConfiguration";
const _DDD = "DeleteDeliveryDestination";
const _DDDP = "DeleteDeliveryDestinationPolicy";
const _DDDPR = "DeleteDeliveryDestinationPolicyRequest";
const _DDDR = "DeleteDeliveryDestinationRequest";
const _DDDRe = "DescribeDeliveryDestinationsRequest";
const _DDDRes = "DescribeDeliveryDestinationsResponse";
const _DDDe = "DescribeDeliveryDestinations";
const _DDPP = "DeleteDataProtectionPolicy";
const _DDPPR = "DeleteDataProtectionPolicyRequest";
const _DDR = "DeleteDeliveryRequest";
const _DDRe = "DeleteDestinationRequest";
const _DDRes = "DescribeDeliveriesRequest";
const _DDResc = "DescribeDeliveriesResponse";
const _DDRescr = "DescribeDestinationsRequest";
const _DDRescri = "DescribeDestinationsResponse";
const _DDS = "DeleteDeliverySource";
const _DDSR = "DeleteDeliverySourceRequest";
const _DDSRe = "DescribeDeliverySourcesRequest";
const _DDSRes = "DescribeDeliverySourcesResponse";
const _DDSe = "DescribeDeliverySources";
const _DDe = "DeliveryDestinations";
const _DDel = "DeleteDelivery";
const _DDele = "DeleteDestination";
const _DDes = "DescribeDeliveries";
const _DDesc = "DescribeDestinations";
const _DET = "DescribeExportTasks";
const _DETR = "DescribeExportTasksRequest";
const _DETRe = "DescribeExportTasksResponse";
const _DFI = "DescribeFieldIndexes";
const _DFIR = "DescribeFieldIndexesRequest";
const _DFIRe = "DescribeFieldIndexesResponse";
const _DI = "DeleteIntegration";
const _DIP = "DeleteIndexPolicy";
const _DIPR = "DeleteIndexPolicyRequest";
const _DIPRe = "DeleteIndexPolicyResponse";
const _DIPRes = "DescribeIndexPoliciesRequest";
const _DIPResc = "DescribeIndexPoliciesResponse";
const _DIPe = "DescribeIndexPolicies";
const _DIR = "DeleteIntegrationRequest";
const _DIRe = "DeleteIntegrationResponse";
const _DIT = "DescribeImportTasks";
const _DITB = "DescribeImportTaskBatches";
const _DITBR = "DescribeImportTaskBatchesRequest";
const _DITBRe = "DescribeImportTaskBatchesResponse";
const _DITR = "DescribeImportTasksRequest";
const _DITRe = "DescribeImportTasksResponse";
const _DK = "DeleteKeys";
const _DKK = "DisassociateKmsKey";
const _DKKR = "DisassociateKmsKeyRequest";
const _DLAD = "DeleteLogAnomalyDetector";
const _DLADR = "DeleteLogAnomalyDetectorRequest";
const _DLG = "DeleteLogGroup";
const _DLGR = "DeleteLogGroupRequest";
const _DLGRe = "DescribeLogGroupsRequest";
const _DLGRes = "DescribeLogGroupsResponse";
const _DLGe = "DescribeLogGroups";
const _DLS = "DeleteLogStream";
const _DLSR = "DeleteLogStreamRequest";
const _DLSRe = "DescribeLogStreamsRequest";
const _DLSRes = "DescribeLogStreamsResponse";
const _DLSe = "DescribeLogStreams";
const _DLT = "DeleteLookupTable";
const _DLTR = "DeleteLookupTableRequest";
const _DLTRe = "DescribeLookupTablesRequest";
const _DLTRes = "DescribeLookupTablesResponse";
const _DLTe = "DescribeLookupTables";
const _DMF = "DeleteMetricFilter";
const _DMFR = "DeleteMetricFilterRequest";
const _DMFRe = "DescribeMetricFiltersRequest";
const _DMFRes = "DescribeMetricFiltersResponse";
const _DMFe = "DescribeMetricFilters";
const _DNP = "DestinationNamePrefix";
const _DQ = "DescribeQueries";
const _DQD = "DeleteQueryDefinition";
const _DQDR = "DeleteQueryDefinitionRequest";
const _DQDRe = "DeleteQueryDefinitionResponse";
const _DQDRes = "DescribeQueryDefinitionsRequest";
const _DQDResc = "DescribeQueryDefinitionsResponse";
const _DQDe = "DescribeQueryDefinitions";
const _DQR = "DescribeQueriesRequest";
const _DQRe = "DescribeQueriesResponse";
const _DRP = "DeleteResourcePolicy";
const _DRPR = "DeleteResourcePolicyRequest";
const _DRPRe = "DeleteRetentionPolicyRequest";
const _DRPRes = "DescribeResourcePoliciesRequest";
const _DRPResc = "DescribeResourcePoliciesResponse";
const _DRPe = "DeleteRetentionPolicy";
const _DRPes = "DescribeResourcePolicies";
const _DRR = "DryRunResult";
const _DS = "DataSource";
const _DSC = "DeleteSyslogConfiguration";
const _DSCR = "DeleteSyslogConfigurationRequest";
const _DSCS = "DeliverySourceConfigurationSchema";
const _DSCSe = "DeliverySourceConfigurationSchemas";
const _DSF = "DataSourceFilter";
const _DSFR = "DeleteSubscriptionFilterRequest";
const _DSFRe = "DescribeSubscriptionFiltersRequest";
const _DSFRes = "DescribeSubscriptionFiltersResponse";
const _DSFSTI = "DisassociateSourceFromS3TableIntegration";
const _DSFSTIR = "DisassociateSourceFromS3TableIntegrationRequest";
const _DSFSTIRi = "DisassociateSourceFromS3TableIntegrationResponse";
const _DSFa = "DataSourceFilters";
const _DSFe = "DeleteSubscriptionFilter";
const _DSFes = "DescribeSubscriptionFilters";
const _DSQ = "DeleteScheduledQuery";
const _DSQR = "DeleteScheduledQueryRequest";
const _DSQRe = "DeleteScheduledQueryResponse";
const _DSe = "DeliverySource";
const _DSel = "DeliverySources";
const _DT = "DeleteTransformer";
const _DTC = "DateTimeConverter";
const _DTR = "DeleteTransformerRequest";
const _De = "Destination";
const _Del = "Deliveries";
const _Des = "Destinations";
const _E = "Entity";
const _ET = "ExportTask";
const _ETEI = "ExportTaskExecutionInfo";
const _ETS = "ExportTaskStatus";
const _ETx = "ExportTasks";
const _FD = "FieldsData";
const _FI = "FieldIndex";
const _FIi = "FieldIndexes";
const _FLE = "FilteredLogEvent";
const _FLER = "FilterLogEventsRequest";
const _FLERi = "FilterLogEventsResponse";
const _FLEi = "FilteredLogEvents";
const _FLEil = "FilterLogEvents";
const _G = "Grok";
const _GD = "GetDelivery";
const _GDD = "GetDeliveryDestination";
const _GDDP = "GetDeliveryDestinationPolicy";
const _GDDPR = "GetDeliveryDestinationPolicyRequest";
const _GDDPRe = "GetDeliveryDestinationPolicyResponse";
const _GDDR = "GetDeliveryDestinationRequest";
const _GDDRe = "GetDeliveryDestinationResponse";
const _GDPP = "GetDataProtectionPolicy";
const _GDPPR = "GetDataProtectionPolicyRequest";
const _GDPPRe = "GetDataProtectionPolicyResponse";
const _GDR = "GetDeliveryRequest";
const _GDRe = "GetDeliveryResponse";
const _GDS = "GetDeliverySource";
const _GDSR = "GetDeliverySourceRequest";
const _GDSRe = "GetDeliverySourceResponse";
const _GI = "GroupingIdentifier";
const _GIR = "GetIntegrationRequest";
const _GIRe = "GetIntegrationResponse";
const _GIe = "GetIntegration";
const _GIr = "GroupingIdentifiers";
const _GLAD = "GetLogAnomalyDetector";
const _GLADR = "GetLogAnomalyDetectorRequest";
const _GLADRe = "GetLogAnomalyDetectorResponse";
const _GLE = "GetLogEvents";
const _GLER = "GetLogEventsRequest";
const _GLERe = "GetLogEventsResponse";
const _GLF = "GetLogFields";
const _GLFR = "GetLogFieldsRequest";
const _GLFRe = "GetLogFieldsResponse";
const _GLGF = "GetLogGroupFields";
const _GLGFR = "GetLogGroupFieldsRequest";
const _GLGFRe = "GetLogGroupFieldsResponse";
const _GLO = "GetLogObject";
const _GLOR = "GetLogObjectRequest";
const _GLORS = "GetLogObjectResponseStream";
const _GLORe = "GetLogObjectResponse";
const _GLR = "GetLogRecord";
const _GLRR = "GetLogRecordRequest";
const _GLRRe = "GetLogRecordResponse";
const _GLT = "GetLookupTable";
const _GLTR = "GetLookupTableRequest";
const _GLTRe = "GetLookupTableResponse";
const _GQR = "GetQueryResults";
const _GQRR = "GetQueryResultsRequest";
const _GQRRe = "GetQueryResultsResponse";
const _GSQ = "GetScheduledQuery";
const _GSQH = "GetScheduledQueryHistory";
const _GSQHR = "GetScheduledQueryHistoryRequest";
const _GSQHRe = "GetScheduledQueryHistoryResponse";
const _GSQR = "GetScheduledQueryRequest";
const _GSQRe = "GetScheduledQueryResponse";
const _GSTP = "GetStorageTierPolicy";
const _GSTPR = "GetStorageTierPolicyRequest";
const _GSTPRe = "GetStorageTierPolicyResponse";
const _GT = "GetTransformer";
const _GTR = "GetTransformerRequest";
const _GTRe = "GetTransformerResponse";
const _I = "Import";
const _IB = "ImportBatch";
const _IBL = "ImportBatchList";
const _ID = "IntegrationDetails";
const _IF = "ImportFilter";
const _IL = "ImportList";
const _ILE = "InputLogEvent";
const _ILEn = "InputLogEvents";
const _IOE = "InvalidOperationException";
const _IP = "IndexPolicy";
const _IPE = "InvalidParameterException";
const _IPn = "IndexPolicies";
const _IS = "ImportStatistics";
const _ISE = "InternalServerException";
const _ISEn = "InternalStreamingException";
const _ISTE = "InvalidSequenceTokenException";
const _ISn = "IntegrationSummary";
const _ISnt = "IntegrationSummaries";
const _LA = "ListAnomalies";
const _LALGS = "ListAggregateLogGroupSummaries";
const _LALGSR = "ListAggregateLogGroupSummariesRequest";
const _LALGSRi = "ListAggregateLogGroupSummariesResponse";
const _LAR = "ListAnomaliesRequest";
const _LARi = "ListAnomaliesResponse";
const _LCS = "LowerCaseString";
const _LE = "LogEvent";
const _LEE = "LimitExceededException";
const _LFL = "LogFieldsList";
const _LFLI = "LogFieldsListItem";
const _LFT = "LogFieldType";
const _LG = "LogGroup";
const _LGF = "LogGroupField";
const _LGFL = "LogGroupFieldList";
const _LGI = "LogGroupImpact";
const _LGIo = "LogGroupImpacts";
const _LGS = "LogGroupSummary";
const _LGSo = "LogGroupSummaries";
const _LGo = "LogGroups";
const _LI = "ListIntegrations";
const _LIR = "ListIntegrationsRequest";
const _LIRi = "ListIntegrationsResponse";
const _LLAD = "ListLogAnomalyDetectors";
const _LLADR = "ListLogAnomalyDetectorsRequest";
const _LLADRi = "ListLogAnomalyDetectorsResponse";
const _LLG = "ListLogGroups";
const _LLGFQ = "ListLogGroupsForQuery";
const _LLGFQR = "ListLogGroupsForQueryRequest";
const _LLGFQRi = "ListLogGroupsForQueryResponse";
const _LLGR = "ListLogGroupsRequest";
const _LLGRi = "ListLogGroupsResponse";
const _LS = "LogStream";
const _LSC = "ListSyslogConfigurations";
const _LSCR = "ListSyslogConfigurationsRequest";
const _LSCRi = "ListSyslogConfigurationsResponse";
const _LSFSTI = "ListSourcesForS3TableIntegration";
const _LSFSTIR = "ListSourcesForS3TableIntegrationRequest";
const _LSFSTIRi = "ListSourcesForS3TableIntegrationResponse";
const _LSQ = "ListScheduledQueries";
const _LSQR = "ListScheduledQueriesRequest";
const _LSQRi = "ListScheduledQueriesResponse";
const _LSo = "LogSamples";
const _LSog = "LogStreams";
const _LT = "LookupTable";
const _LTC = "LookupTableConfiguration";
const _LTFR = "ListTagsForResource";
const _LTFRR = "ListTagsForResourceRequest";
const _LTFRRi = "ListTagsForResourceResponse";
const _LTLG = "ListTagsLogGroup";
const _LTLGR = "ListTagsLogGroupRequest";
const _LTLGRi = "ListTagsLogGroupResponse";
const _LTM = "ListToMap";
const _LTSLE = "LiveTailSessionLogEvent";
const _LTSM = "LiveTailSessionMetadata";
const _LTSR = "LiveTailSessionResults";
const _LTSS = "LiveTailSessionStart";
const _LTSU = "LiveTailSessionUpdate";
const _LTo = "LookupTables";
const _MF = "MetricFilter";
const _MFM = "MetricFilterMatches";
const _MFMR = "MetricFilterMatchRecord";
const _MFe = "MetricFilters";
const _MK = "MoveKeys";
const _MKE = "MoveKeyEntry";
const _MKEo = "MoveKeyEntries";
const _MQE = "MalformedQueryException";
const _MT = "MetricTransformation";
const _MTe = "MetricTransformations";
const _OAE = "OperationAbortedException";
const _OLE = "OutputLogEvent";
const _OLEu = "OutputLogEvents";
const _OSA = "OpenSearchApplication";
const _OSC = "OpenSearchCollection";
const _OSDAP = "OpenSearchDataAccessPolicy";
const _OSDS = "OpenSearchDataSource";
const _OSEP = "OpenSearchEncryptionPolicy";
const _OSID = "OpenSearchIntegrationDetails";
const _OSLP = "OpenSearchLifecyclePolicy";
const _OSNP = "OpenSearchNetworkPolicy";
const _OSRC = "OpenSearchResourceConfig";
const _OSRS = "OpenSearchResourceStatus";
const _OSW = "OpenSearchWorkspace";
const _P = "Policy";
const _PAP = "PutAccountPolicy";
const _PAPR = "PutAccountPolicyRequest";
const _PAPRu = "PutAccountPolicyResponse";
const _PBTA = "PutBearerTokenAuthentication";
const _PBTAR = "PutBearerTokenAuthenticationRequest";
const _PC = "ParseCloudfront";
const _PD = "PutDestination";
const _PDD = "PutDeliveryDestination";
const _PDDP = "PutDeliveryDestinationPolicy";
const _PDDPR = "PutDeliveryDestinationPolicyRequest";
const _PDDPRu = "PutDeliveryDestinationPolicyResponse";
const _PDDR = "PutDeliveryDestinationRequest";
const _PDDRu = "PutDeliveryDestinationResponse";
const _PDP = "PutDestinationPolicy";
const _PDPP = "PutDataProtectionPolicy";
const _PDPPR = "PutDataProtectionPolicyRequest";
const _PDPPRu = "PutDataProtectionPolicyResponse";
const _PDPR = "PutDestinationPolicyRequest";
const _PDR = "PutDestinationRequest";
const _PDRu = "PutDestinationResponse";
const _PDS = "PutDeliverySource";
const _PDSR = "PutDeliverySourceRequest";
const _PDSRu = "PutDeliverySourceResponse";
const _PI = "PutIntegration";
const _PIP = "PutIndexPolicy";
const _PIPR = "PutIndexPolicyRequest";
const _PIPRu = "PutIndexPolicyResponse";
const _PIR = "PutIntegrationRequest";
const _PIRu = "PutIntegrationResponse";
const _PJSON = "ParseJSON";
const _PKV = "ParseKeyValue";
const _PLE = "PutLogEvents";
const _PLER = "PutLogEventsRequest";
const _PLERu = "PutLogEventsResponse";
const _PLGDP = "PutLogGroupDeletionProtection";
const _PLGDPR = "PutLogGroupDeletionProtectionRequest";
const _PMF = "PutMetricFilter";
const _PMFR = "PutMetricFilterRequest";
const _PP = "ParsePostgres";
const _PQD = "PutQueryDefinition";
const _PQDR = "PutQueryDefinitionRequest";
const _PQDRu = "PutQueryDefinitionResponse";
const _PR = "ParseRoute53";
const _PRP = "PutResourcePolicy";
const _PRPR = "PutResourcePolicyRequest";
const _PRPRu = "PutResourcePolicyResponse";
const _PRPRut = "PutRetentionPolicyRequest";
const _PRPu = "PutRetentionPolicy";
const _PSC = "PutSyslogConfiguration";
const _PSCR = "PutSyslogConfigurationRequest";
const _PSF = "PutSubscriptionFilter";
const _PSFR = "PutSubscriptionFilterRequest";
const _PSTP = "PutStorageTierPolicy";
const _PSTPR = "PutStorageTierPolicyRequest";
const _PSTPRu = "PutStorageTierPolicyResponse";
const _PT = "PatternToken";
const _PTOCSF = "ParseToOCSF";
const _PTR = "PutTransformerRequest";
const _PTa = "PatternTokens";
const _PTu = "PutTransformer";
const _PVPC = "ParseVPC";
const _PWAF = "ParseWAF";
const _Pr = "Processor";
const _Pro = "Processors";
const _QCE = "QueryCompileError";
const _QCEL = "QueryCompileErrorLocation";
const _QD = "QueryDefinition";
const _QDL = "QueryDefinitionList";
const _QI = "QueryInfo";
const _QIL = "QueryInfoList";
const _QP = "QueryParameter";
const _QPL = "QueryParameterList";
const _QR = "QueryResults";
const _QS = "QueryStatistics";
const _RAEE = "ResourceAlreadyExistsException";
const _RC = "ResourceConfig";
const _REI = "RejectedEntityInfo";
const _RF = "RecordField";
const _RFe = "ResultField";
const _RK = "RenameKeys";
const _RKE = "RenameKeyEntry";
const _RKEe = "RenameKeyEntries";
const _RLEI = "RejectedLogEventsInfo";
const _RNFE = "ResourceNotFoundException";
const _RP = "ResourcePolicy";
const _RPe = "ResourcePolicies";
const _RR = "ResultRows";
const _SC = "S3Configuration";
const _SCy = "SyslogConfiguration";
const _SCys = "SyslogConfigurations";
const _SDC = "S3DeliveryConfiguration";
const _SF = "SubscriptionFilter";
const _SFu = "SubscriptionFilters";
const _SLS = "SearchedLogStream";
const _SLSe = "SearchedLogStreams";
const _SLT = "StartLiveTail";
const _SLTR = "StartLiveTailRequest";
const _SLTRS = "StartLiveTailResponseStream";
const _SLTRt = "StartLiveTailResponse";
const _SP = "SuppressionPeriod";
const _SQ = "StartQuery";
const _SQD = "ScheduledQueryDestination";
const _SQDL = "ScheduledQueryDestinationList";
const _SQEE = "ServiceQuotaExceededException";
const _SQR = "StartQueryRequest";
const _SQRt = "StartQueryResponse";
const _SQRto = "StopQueryRequest";
const _SQRtop = "StopQueryResponse";
const _SQS = "ScheduledQuerySummary";
const _SQSL = "ScheduledQuerySummaryList";
const _SQt = "StopQuery";
const _SS = "SplitString";
const _SSE = "SessionStreamingException";
const _SSEp = "SplitStringEntry";
const _SSEpl = "SplitStringEntries";
const _SSEu = "SubstituteStringEntry";
const _SSEub = "SubstituteStringEntries";
const _SSu = "SubstituteString";
const _STE = "SessionTimeoutException";
const _STI = "S3TablesIntegration";
const _STIS = "S3TableIntegrationSource";
const _STISa = "S3TableIntegrationSources";
const _SUE = "ServiceUnavailableException";
const _TC = "TypeConverter";
const _TCE = "TypeConverterEntry";
const _TCEy = "TypeConverterEntries";
const _TE = "ThrottlingException";
const _TF = "TagFilter";
const _TFa = "TagFilters";
const _THR = "TriggerHistoryRecord";
const _THRL = "TriggerHistoryRecordList";
const _TL = "TransformedLogs";
const _TLG = "TagLogGroup";
const _TLGR = "TagLogGroupRequest";
const _TLR = "TransformedLogRecord";
const _TMF = "TestMetricFilter";
const _TMFR = "TestMetricFilterRequest";
const _TMFRe = "TestMetricFilterResponse";
const _TMTE = "TooManyTagsException";
const _TR = "TagResource";
const _TRR = "TagResourceRequest";
const _TS = "TrimString";
const _TT = "TestTransformer";
const _TTR = "TestTransformerRequest";
const _TTRe = "TestTransformerResponse";
const _UA = "UpdateAnomaly";
const _UAR = "UpdateAnomalyRequest";
const _UCE = "UnrecognizedClientException";
const _UCS = "UpperCaseString";
const _UDC = "UpdateDeliveryConfiguration";
const _UDCR = "UpdateDeliveryConfigurationRequest";
const _UDCRp = "UpdateDeliveryConfigurationResponse";
const _ULAD = "UpdateLogAnomalyDetector";
const _ULADR = "UpdateLogAnomalyDetectorRequest";
const _ULG = "UntagLogGroup";
const _ULGR = "UntagLogGroupRequest";
const _ULT = "UpdateLookupTable";
const _ULTR = "UpdateLookupTableRequest";
const _ULTRp = "UpdateLookupTableResponse";
const _UR = "UntagResource";
const _URR = "UntagResourceRequest";
const _USQ = "UpdateScheduledQuery";
const _USQR = "UpdateScheduledQueryRequest";
const _USQRp = "UpdateScheduledQueryResponse";
const _VE = "ValidationException";
const _a = "active";
const _aA = "applicationArn";
const _aAFAVLDFR = "allowedActionForAllowVendedLogsDeliveryForResource";
const _aD = "anomalyDetectors";
const _aDA = "anomalyDetectorArn";
const _aDS = "anomalyDetectorStatus";
const _aE = "applicationEndpoint";
const _aF = "allowedFields";
const _aFD = "allowedFieldDelimiters";
const _aI = "accountId";
const _aIc = "accountIdentifiers";
const _aIn = "anomalyId";
const _aIp = "applicationId";
const _aK = "addKeys";
const _aLGS = "aggregateLogGroupSummaries";
const _aOF = "allowedOutputFormats";
const _aOTL = "applyOnTransformedLogs";
const _aP = "accountPolicies";
const _aPc = "accessPolicy";
const _aPcc = "accountPolicy";
const _aSPF = "allowedSuffixPathFields";
const _aVT = "anomalyVisibilityTime";
const _an = "anomalies";
const _ap = "application";
const _ar = "arn";
const _at = "attributes";
const _b = "baseline";
const _bI = "batchId";
const _bIS = "batchImportStatus";
const _bIy = "bytesImported";
const _bS = "bytesScanned";
const _bTAE = "bearerTokenAuthenticationEnabled";
const _c = "client";
const _cA = "createdAt";
const _cAo = "collectionArn";
const _cE = "collectionEndpoint";
const _cR = "currentRetention";
const _cT = "creationTime";
const _cTS = "creationTimeStamp";
const _cTSr = "createdTimeStamp";
const _cTl = "clientToken";
const _cTo = "configurationTemplates";
const _cTom = "completionTime";
const _cTr = "createTime";
const _cV = "copyValue";
const _co = "columns";
const _cod = "code";
const _col = "collection";
const _cs = "csv";
const _d = "description";
const _dA = "destinationArn";
const _dC = "destinationConfiguration";
const _dD = "deliveryDestinations";
const _dDA = "deliveryDestinationArn";
const _dDC = "deliveryDestinationConfiguration";
const _dDCV = "defaultDeliveryConfigValues";
const _dDN = "deliveryDestinationName";
const _dDP = "deliveryDestinationPolicy";
const _dDT = "deliveryDestinationType";
const _dDTe = "deliveryDestinationTypes";
const _dDe = "deliveryDestination";
const _dI = "destinationIdentifier";
const _dK = "deleteKeys";
const _dN = "detectorName";
const _dNa = "datasourceName";
const _dNe = "destinationName";
const _dP = "destinationPrefix";
const _dPE = "deletionProtectionEnabled";
const _dPS = "dataProtectionStatus";
const _dR = "dryRun";
const _dRA = "destinationResourceArn";
const _dRLGC = "decreasedRetentionLogGroupCount";
const _dRR = "dryRunResult";
const _dS = "dataSource";
const _dSC = "deliverySourceConfiguration";
const _dSN = "deliverySourceName";
const _dSNa = "dataSourceName";
const _dSNe = "deliverySourceNames";
const _dSRA = "dataSourceRoleArn";
const _dST = "dataSourceType";
const _dSa = "dataSources";
const _dSe = "deliverySources";
const _dSel = "deliverySource";
const _dT = "datasourceType";
const _dTC = "dateTimeConverter";
const _dTP = "dynamicTokenPosition";
const _dTe = "destinationType";
const _dV = "defaultValue";
const _dVP = "dashboardViewerPrincipals";
const _da = "data";
const _de = "delivery";
const _del = "delimiter";
const _deli = "deliveries";
const _des = "destination";
const _desc = "descending";
const _dest = "destinations";
const _di = "dimensions";
const _dis = "distribution";
const _e = "error";
const _eBS = "estimatedBytesSkipped";
const _eCO = "endCharOffset";
const _eET = "endEventTime";
const _eF = "evaluationFrequency";
const _eHCP = "enableHiveCompatiblePath";
const _eI = "executionInfo";
const _eIv = "eventId";
const _eK = "encryptionKey";
const _eLEEI = "expiredLogEventEndIndex";
const _eM = "errorMessage";
const _eMv = "eventMessage";
const _eN = "eventNumber";
const _eP = "encryptionPolicy";
const _eRA = "executionRoleArn";
const _eRI = "expectedRevisionId";
const _eRS = "estimatedRecordsSkipped";
const _eS = "executionStatuses";
const _eSF = "emitSystemFields";
const _eSFD = "emitSystemFieldDimensions";
const _eST = "expectedSequenceToken";
const _eSv = "eventSource";
const _eSx = "executionStatus";
const _eT = "exportTasks";
const _eTO = "endTimeOffset";
const _eTn = "endTime";
const _eTr = "errorType";
const _eV = "extractedValues";
const _el = "element";
const _en = "entries";
const _ena = "enabled";
const _end = "endpoint";
const _ent = "entity";
const _enu = "enumerations";
const _ev = "events";
const _f = "from";
const _fAC = "failedAnalysisCount";
const _fD = "fieldDelimiter";
const _fE = "flattenedElement";
const _fET = "firstEventTime";
const _fETi = "firstEventTimestamp";
const _fI = "fieldIndexes";
const _fIN = "fieldIndexName";
const _fINi = "fieldIndexNames";
const _fLGA = "filterLogGroupArn";
const _fN = "filterName";
const _fNP = "filterNamePrefix";
const _fP = "filterPattern";
const _fS = "firstSeen";
const _fSC = "fieldSelectionCriteria";
const _fSi = "fieldStream";
const _fU = "forceUpdate";
const _fi = "fields";
const _fie = "field";
const _fl = "flatten";
const _fo = "force";
const _g = "grok";
const _gB = "groupBy";
const _gI = "groupingIdentifiers";
const _h = "histogram";
const _hE = "httpError";
const _i = "identifier";
const _iA = "integrationArn";
const _iB = "importBatches";
const _iC = "indexCategories";
const _iCn = "indexCategory";
const _iD = "integrationDetails";
const _iDA = "importDestinationArn";
const _iDs = "isDynamic";
const _iF = "importFilter";
const _iI = "importId";
const _iLA = "includeLinkedAccounts";
const _iN = "integrationName";
const _iNP = "integrationNamePrefix";
const _iP = "indexPolicies";
const _iPLS = "isPatternLevelSuppression";
const _iPn = "inheritedProperties";
const _iPnd = "indexPolicy";
const _iRA = "importRoleArn";
const _iRLGC = "increasedRetentionLogGroupCount";
const _iS = "importStatistics";
const _iSA = "importSourceArn";
const _iSm = "importStatus";
const _iSn = "integrationStatus";
const _iSnt = "integrationSummaries";
const _iT = "ingestionTime";
const _iTN = "inferredTokenName";
const _iTn = "integrationType";
const _id = "id";
const _im = "imports";
const _in = "interleaved";
const _k = "key";
const _kA = "keyAttributes";
const _kKA = "kmsKeyArn";
const _kKI = "kmsKeyId";
const _kN = "keyName";
const _kP = "keyPrefix";
const _kVD = "keyValueDelimiter";
const _l = "locale";
const _lCS = "lowerCaseString";
const _lE = "logEvents";
const _lEFP = "logEventFilterPattern";
const _lEM = "logEventMessages";
const _lES = "lastExecutionStatus";
const _lET = "lastEventTime";
const _lETa = "lastEventTimestamp";
const _lF = "logFields";
const _lFN = "logFieldName";
const _lFT = "logFieldType";
const _lG = "logGroups";
const _lGA = "logGroupArn";
const _lGAL = "logGroupArnList";
const _lGC = "logGroupCount";
const _lGCo = "logGroupClass";
const _lGF = "logGroupFields";
const _lGI = "logGroupIdentifiers";
const _lGIo = "logGroupIdentifier";
const _lGN = "logGroupName";
const _lGNP = "logGroupNamePrefix";
const _lGNPo = "logGroupNamePattern";
const _lGNo = "logGroupNames";
const _lGS = "logGroupsScanned";
const _lGT = "logGroupTags";
const _lIT = "lastIngestionTime";
const _lM = "lastModified";
const _lMT = "lastModifiedTime";
const _lMTS = "lastModifiedTimeStamp";
const _lOP = "logObjectPointer";
const _lP = "lifecyclePolicy";
const _lR = "logRecord";
const _lRP = "logRecordPointer";
const _lS = "lastSeen";
const _lSN = "logStreamName";
const _lSNP = "logStreamNamePrefix";
const _lSNPo = "logStreamNamePrefixes";
const _lSNo = "logStreamNames";
const _lST = "lastScanTime";
const _lSo = "logSamples";
const _lSog = "logStreams";
const _lT = "logType";
const _lTA = "lookupTableArn";
const _lTC = "lookupTableConfiguration";
const _lTM = "listToMap";
const _lTN = "lookupTableName";
const _lTNP = "lookupTableNamePrefix";
const _lTT = "lastTriggeredTime";
const _lTo = "logTypes";
const _lToo = "lookupTables";
const _lUT = "lastUpdatedTime";
const _lUTa = "lastUpdateTime";
const _li = "limit";
const _lo = "location";
const _m = "message";
const _mF = "metricFilters";
const _mFC = "metricFilterCount";
const _mI = "maxItems";
const _mK = "moveKeys";
const _mN = "metricName";
const _mNe = "metricNamespace";
const _mP = "matchPatterns";
const _mR = "maxResults";
const _mT = "metricTransformations";
const _mV = "minValue";
const _mVa = "maxValue";
const _mVap = "mappingVersion";
const _mVe = "metricValue";
const _ma = "match";
const _man = "mandatory";
const _mat = "matches";
const _n = "name";
const _nBT = "nextBackwardToken";
const _nFT = "nextForwardToken";
const _nMV = "nonMatchValue";
const _nP = "networkPolicy";
const _nST = "nextSequenceToken";
const _nT = "nextToken";
const _na = "names";
const _oAI = "ownerAccountId";
const _oB = "orderBy";
const _oF = "outputFormat";
const _oIE = "overwriteIfExists";
const _oSID = "openSearchIntegrationDetails";
const _oSRC = "openSearchResourceConfig";
const _oV = "ocsfVersion";
const _p = "priority";
const _pC = "parseCloudfront";
const _pD = "policyDocument";
const _pI = "patternId";
const _pIr = "processedIdentifier";
const _pJSON = "parseJSON";
const _pKV = "parseKeyValue";
const _pN = "policyName";
const _pP = "parsePostgres";
const _pR = "patternRegex";
const _pRa = "parseRoute53";
const _pRr = "proposedRetention";
const _pS = "patternString";
const _pSI = "parentSourceIdentifier";
const _pSo = "policyScope";
const _pT = "policyType";
const _pTOCSF = "parseToOCSF";
const _pTa = "patternTokens";
const _pVPC = "parseVPC";
const _pWAF = "parseWAF";
const _pa = "parameters";
const _pe = "percent";
const _po = "policy";
const _q = "queries";
const _qC = "quoteCharacter";
const _qCE = "queryCompileError";
const _qD = "queryDefinitions";
const _qDI = "queryDefinitionId";
const _qDNP = "queryDefinitionNamePrefix";
const _qDu = "queryDuration";
const _qI = "queryId";
const _qL = "queryLanguage";
const _qS = "queryString";
const _r = "results";
const _rA = "resourceArn";
const _rAe = "resourceArns";
const _rAo = "roleArn";
const _rC = "recordsCount";
const _rCe = "resourceConfig";
const _rCes = "resultCount";
const _rD = "retentionDays";
const _rEI = "rejectedEntityInfo";
const _rF = "recordFields";
const _rI = "resourceIdentifier";
const _rID = "retentionInDays";
const _rIe = "requestId";
const _rIev = "revisionId";
const _rK = "renameKeys";
const _rLEI = "rejectedLogEventsInfo";
const _rM = "recordsMatched";
const _rN = "resourceName";
const _rP = "resourcePolicies";
const _rPN = "retentionPolicyName";
const _rPe = "resourcePolicy";
const _rS = "recordsScanned";
const _rSe = "responseStream";
const _rT = "resourceType";
const _rTe = "resourceTypes";
const _rTen = "renameTo";
const _s = "smithy.ts.sdk.synthetic.com.amazonaws.cloudwatchlogs";
const _sB = "sizeBytes";
const _sBt = "storedBytes";
const _sC = "selectionCriteria";
const _sCO = "startCharOffset";
const _sCe = "searchedCompletely";
const _sCo = "s3Configuration";
const _sCt = "statusCode";
const _sCy = "syslogConfigurations";
const _sD = "suppressedDate";
const _sDC = "s3DeliveryConfiguration";
const _sE = "scheduleExpression";
const _sET = "scheduleEndTime";
const _sETt = "startEventTime";
const _sF = "subscriptionFilters";
const _sFH = "startFromHead";
const _sI = "sessionId";
const _sLS = "searchedLogStreams";
const _sM = "sessionMetadata";
const _sMt = "statusMessage";
const _sP = "suffixPath";
const _sPu = "suppressionPeriod";
const _sQ = "scheduledQueries";
const _sQA = "scheduledQueryArn";
const _sR = "statusReason";
const _sRe = "sessionResults";
const _sS = "suppressionState";
const _sST = "scheduleStartTime";
const _sSe = "sessionStart";
const _sSp = "splitString";
const _sSu = "substituteString";
const _sT = "sourceTimezone";
const _sTI = "s3TablesIntegration";
const _sTO = "startTimeOffset";
const _sTc = "scheduleType";
const _sTe = "sequenceToken";
const _sTo = "sourceType";
const _sTt = "startTime";
const _sTto = "storageTier";
const _sTu = "suppressionType";
const _sU = "suppressedUntil";
const _sUe = "sessionUpdate";
const _sUu = "suppressionUnit";
const _sV = "supportedValues";
const _sa = "sampled";
const _sc = "scope";
const _se = "server";
const _ser = "service";
const _so = "source";
const _sou = "sources";
const _st = "state";
const _sta = "status";
const _stat = "statistics";
const _str = "streaming";
const _su = "suppressed";
const _suc = "success";
const _t = "target";
const _tA = "targetArn";
const _tB = "tableBody";
const _tC = "transformerConfig";
const _tCy = "typeConverter";
const _tEM = "transformedEventMessage";
const _tF = "targetFormat";
const _tFa = "tableFields";
const _tH = "triggerHistory";
const _tI = "taskId";
const _tK = "tagKeys";
const _tL = "transformedLogs";
const _tLGI = "topLogGroupsImpacted";
const _tMLG = "totalMatchedLogGroups";
const _tN = "taskName";
const _tNLESI = "tooNewLogEventStartIndex";
const _tNa = "tableName";
const _tOLEEI = "tooOldLogEventEndIndex";
const _tS = "tokenString";
const _tSr = "trimString";
const _tT = "targetTimezone";
const _tTr = "triggeredTimestamp";
const _ta = "tags";
const _ti = "timezone";
const _tim = "timestamp";
const _time = "time";
const _to = "to";
const _ty = "type";
const _u = "unmask";
const _uCS = "upperCaseString";
const _uI = "userIdentity";
const _uRLGC = "unchangedRetentionLogGroupCount";
const _uST = "uploadSequenceToken";
const _un = "unit";
const _v = "value";
const _vEI = "vpcEndpointId";
const _vK = "valueKey";
const _vT = "valueType";
const _va = "values";
const _w = "workspace";
const _wI = "workspaceId";
const _wK = "withKeys";
const n0 = "com.amazonaws.cloudwatchlogs";
const _s_registry = new TypeRegistry(_s);
var CloudWatchLogsServiceException$ = [-3, _s, "CloudWatchLogsServiceException", 0, [], []];
_s_registry.registerError(CloudWatchLogsServiceException$, CloudWatchLogsServiceException);
const n0_registry = new TypeRegistry(n0);
var AccessDeniedException$ = [-3, n0, _ADE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(AccessDeniedException$, AccessDeniedException);
var ConflictException$ = [-3, n0, _CE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ConflictException$, ConflictException);
var DataAlreadyAcceptedException$ = [-3, n0, _DAAE,
    { [_e]: _c },
    [_eST, _m],
    [0, 0]
];
n0_registry.registerError(DataAlreadyAcceptedException$, DataAlreadyAcceptedException);
var InternalServerException$ = [-3, n0, _ISE,
    { [_e]: _se, [_hE]: 500 },
    [_m],
    [0]
];
n0_registry.registerError(InternalServerException$, InternalServerException);
var InternalStreamingException$ = [-3, n0, _ISEn,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InternalStreamingException$, InternalStreamingException);
var InvalidOperationException$ = [-3, n0, _IOE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidOperationException$, InvalidOperationException);
var InvalidParameterException$ = [-3, n0, _IPE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidParameterException$, InvalidParameterException);
var InvalidSequenceTokenException$ = [-3, n0, _ISTE,
    { [_e]: _c },
    [_eST, _m],
    [0, 0]
];
n0_registry.registerError(InvalidSequenceTokenException$, InvalidSequenceTokenException);
var LimitExceededException$ = [-3, n0, _LEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(LimitExceededException$, LimitExceededException);
var MalformedQueryException$ = [-3, n0, _MQE,
    { [_e]: _c },
    [_qCE, _m],
    [() => QueryCompileError$, 0]
];
n0_registry.registerError(MalformedQueryException$, MalformedQueryException);
var OperationAbortedException$ = [-3, n0, _OAE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(OperationAbortedException$, OperationAbortedException);
var ResourceAlreadyExistsException$ = [-3, n0, _RAEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ResourceAlreadyExistsException$, ResourceAlreadyExistsException);
var ResourceNotFoundException$ = [-3, n0, _RNFE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ResourceNotFoundException$, ResourceNotFoundException);
var ServiceQuotaExceededException$ = [-3, n0, _SQEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ServiceQuotaExceededException$, ServiceQuotaExceededException);
var ServiceUnavailableException$ = [-3, n0, _SUE,
    { [_e]: _se },
    [_m],
    [0]
];
n0_registry.registerError(ServiceUnavailableException$, ServiceUnavailableException);
var SessionStreamingException$ = [-3, n0, _SSE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(SessionStreamingException$, SessionStreamingException);
var SessionTimeoutException$ = [-3, n0, _STE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(SessionTimeoutException$, SessionTimeoutException);
var ThrottlingException$ = [-3, n0, _TE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ThrottlingException$, ThrottlingException);
var TooManyTagsException$ = [-3, n0, _TMTE,
    { [_e]: _c, [_hE]: 400 },
    [_m, _rN],
    [0, 0]
];
n0_registry.registerError(TooManyTagsException$, TooManyTagsException);
var UnrecognizedClientException$ = [-3, n0, _UCE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(UnrecognizedClientException$, UnrecognizedClientException);
var ValidationException$ = [-3, n0, _VE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ValidationException$, ValidationException);
const errorTypeRegistries = [
    _s_registry,
    n0_registry,
];
var AccountPolicy$ = [3, n0, _AP,
    0,
    [_pN, _pD, _lUT, _pT, _sc, _sC, _aI],
    [0, 0, 1, 0, 0, 0, 0]
];
var AddKeyEntry$ = [3, n0, _AKE,
    0,
    [_k, _v, _oIE],
    [0, 0, 2], 2
];
var AddKeys$ = [3, n0, _AK,
    0,
    [_en],
    [() => AddKeyEntries], 1
];
var AggregateLogGroupSummary$ = [3, n0, _ALGS,
    0,
    [_lGC, _gI],
    [1, () => GroupingIdentifiers]
];
var Anomaly$ = [3, n0, _A,
    0,
    [_aIn, _pI, _aDA, _pS, _fS, _lS, _d, _a, _st, _h, _lSo, _pTa, _lGAL, _pR, _p, _su, _sD, _sU, _iPLS],
    [0, 0, 0, 0, 1, 1, 0, 2, 0, 128 | 1, () => LogSamples, () => PatternTokens, 64 | 0, 0, 0, 2, 1, 1, 2], 13
];
var AnomalyDetector$ = [3, n0, _AD,
    0,
    [_aDA, _dN, _lGAL, _eF, _fP, _aDS, _kKI, _cTS, _lMTS, _aVT],
    [0, 0, 64 | 0, 0, 0, 0, 0, 1, 1, 1]
];
var AssociateKmsKeyRequest$ = [3, n0, _AKKR,
    0,
    [_kKI, _lGN, _rI],
    [0, 0, 0], 1
];
var AssociateSourceToS3TableIntegrationRequest$ = [3, n0, _ASTSTIR,
    0,
    [_iA, _dS],
    [0, () => DataSource$], 2
];
var AssociateSourceToS3TableIntegrationResponse$ = [3, n0, _ASTSTIRs,
    0,
    [_i],
    [0]
];
var CancelExportTaskRequest$ = [3, n0, _CETR,
    0,
    [_tI],
    [0], 1
];
var CancelImportTaskRequest$ = [3, n0, _CITR,
    0,
    [_iI],
    [0], 1
];
var CancelImportTaskResponse$ = [3, n0, _CITRa,
    0,
    [_iI, _iS, _iSm, _cT, _lUT],
    [0, () => ImportStatistics$, 0, 1, 1]
];
var ConfigurationTemplate$ = [3, n0, _CT,
    0,
    [_ser, _lT, _rT, _dDT, _dDCV, _aF, _aOF, _aAFAVLDFR, _aFD, _aSPF, _dSC, _sTI],
    [0, 0, 0, 0, () => ConfigurationTemplateDeliveryConfigValues$, () => AllowedFields, 64 | 0, 0, 64 | 0, 64 | 0, () => DeliverySourceConfigurationSchemas, () => S3TablesIntegration$]
];
var ConfigurationTemplateDeliveryConfigValues$ = [3, n0, _CTDCV,
    0,
    [_rF, _fD, _sDC],
    [64 | 0, 0, () => S3DeliveryConfiguration$]
];
var CopyValue$ = [3, n0, _CV,
    0,
    [_en],
    [() => CopyValueEntries], 1
];
var CopyValueEntry$ = [3, n0, _CVE,
    0,
    [_so, _t, _oIE],
    [0, 0, 2], 2
];
var CreateDeliveryRequest$ = [3, n0, _CDR,
    0,
    [_dSN, _dDA, _rF, _fD, _sDC, _ta],
    [0, 0, 64 | 0, 0, () => S3DeliveryConfiguration$, 128 | 0], 2
];
var CreateDeliveryResponse$ = [3, n0, _CDRr,
    0,
    [_de],
    [() => Delivery$]
];
var CreateExportTaskRequest$ = [3, n0, _CETRr,
    0,
    [_lGN, _f, _to, _des, _tN, _lSNP, _dP],
    [0, 1, 1, 0, 0, 0, 0], 4
];
var CreateExportTaskResponse$ = [3, n0, _CETRre,
    0,
    [_tI],
    [0]
];
var CreateImportTaskRequest$ = [3, n0, _CITRr,
    0,
    [_iSA, _iRA, _iF],
    [0, 0, () => ImportFilter$], 2
];
var CreateImportTaskResponse$ = [3, n0, _CITRre,
    0,
    [_iI, _iDA, _cT],
    [0, 0, 1]
];
var CreateLogAnomalyDetectorRequest$ = [3, n0, _CLADR,
    0,
    [_lGAL, _dN, _eF, _fP, _kKI, _aVT, _ta],
    [64 | 0, 0, 0, 0, 0, 1, 128 | 0], 1
];
var CreateLogAnomalyDetectorResponse$ = [3, n0, _CLADRr,
    0,
    [_aDA],
    [0]
];
var CreateLogGroupRequest$ = [3, n0, _CLGR,
    0,
    [_lGN, _kKI, _ta, _lGCo, _dPE],
    [0, 0, 128 | 0, 0, 2], 1
];
var CreateLogStreamRequest$ = [3, n0, _CLSR,
    0,
    [_lGN, _lSN],
    [0, 0], 2
];
var CreateLookupTableRequest$ = [3, n0, _CLTR,
    0,
    [_lTN, _d, _tB, _qI, _kKI, _ta],
    [0, 0, 0, 0, 0, 128 | 0], 1
];
var CreateLookupTableResponse$ = [3, n0, _CLTRr,
    0,
    [_lTA, _cA],
    [0, 1]
];
var CreateScheduledQueryRequest$ = [3, n0, _CSQR,
    0,
    [_n, _qL, _qS, _sE, _eRA, _d, _lGI, _ti, _sTO, _eTO, _dC, _sST, _sET, _st, _ta],
    [0, 0, 0, 0, 0, 0, 64 | 0, 0, 1, 1, () => DestinationConfiguration$, 1, 1, 0, 128 | 0], 5
];
var CreateScheduledQueryResponse$ = [3, n0, _CSQRr,
    0,
    [_sQA, _st],
    [0, 0]
];
var CSV$ = [3, n0, _CSV,
    0,
    [_qC, _del, _co, _so, _des],
    [0, 0, 64 | 0, 0, 0]
];
var DataSource$ = [3, n0, _DS,
    0,
    [_n, _ty],
    [0, 0], 1
];
var DataSourceFilter$ = [3, n0, _DSF,
    0,
    [_n, _ty],
    [0, 0], 1
];
var DateTimeConverter$ = [3, n0, _DTC,
    0,
    [_so, _t, _mP, _tF, _sT, _tT, _l],
    [0, 0, 64 | 0, 0, 0, 0, 0], 3
];
var DeleteAccountPolicyRequest$ = [3, n0, _DAPR,
    0,
    [_pN, _pT, _dR],
    [0, 0, 2], 2
];
var DeleteAccountPolicyResponse$ = [3, n0, _DAPRe,
    0,
    [_dRR],
    [() => DryRunResult$]
];
var DeleteDataProtectionPolicyRequest$ = [3, n0, _DDPPR,
    0,
    [_lGIo],
    [0], 1
];
var DeleteDeliveryDestinationPolicyRequest$ = [3, n0, _DDDPR,
    0,
    [_dDN],
    [0], 1
];
var DeleteDeliveryDestinationRequest$ = [3, n0, _DDDR,
    0,
    [_n],
    [0], 1
];
var DeleteDeliveryRequest$ = [3, n0, _DDR,
    0,
    [_id],
    [0], 1
];
var DeleteDeliverySourceRequest$ = [3, n0, _DDSR,
    0,
    [_n],
    [0], 1
];
var DeleteDestinationRequest$ = [3, n0, _DDRe,
    0,
    [_dNe],
    [0], 1
];
var DeleteIndexPolicyRequest$ = [3, n0, _DIPR,
    0,
    [_lGIo],
    [0], 1
];
var DeleteIndexPolicyResponse$ = [3, n0, _DIPRe,
    0,
    [],
    []
];
var DeleteIntegrationRequest$ = [3, n0, _DIR,
    0,
    [_iN, _fo],
    [0, 2], 1
];
var DeleteIntegrationResponse$ = [3, n0, _DIRe,
    0,
    [],
    []
];
var DeleteKeys$ = [3, n0, _DK,
    0,
    [_wK],
    [64 | 0], 1
];
var DeleteLogAnomalyDetectorRequest$ = [3, n0, _DLADR,
    0,
    [_aDA],
    [0], 1
];
var DeleteLogGroupRequest$ = [3, n0, _DLGR,
    0,
    [_lGN],
    [0], 1
];
var DeleteLogStreamRequest$ = [3, n0, _DLSR,
    0,
    [_lGN, _lSN],
    [0, 0], 2
];
var DeleteLookupTableRequest$ = [3, n0, _DLTR,
    0,
    [_lTA],
    [0], 1
];
var DeleteMetricFilterRequest$ = [3, n0, _DMFR,
    0,
    [_lGN, _fN],
    [0, 0], 2
];
var DeleteQueryDefinitionRequest$ = [3, n0, _DQDR,
    0,
    [_qDI],
    [0], 1
];
var DeleteQueryDefinitionResponse$ = [3, n0, _DQDRe,
    0,
    [_suc],
    [2]
];
var DeleteResourcePolicyRequest$ = [3, n0, _DRPR,
    0,
    [_pN, _rA, _eRI],
    [0, 0, 0]
];
var DeleteRetentionPolicyRequest$ = [3, n0, _DRPRe,
    0,
    [_lGN],
    [0], 1
];
var DeleteScheduledQueryRequest$ = [3, n0, _DSQR,
    0,
    [_i],
    [0], 1
];
var DeleteScheduledQueryResponse$ = [3, n0, _DSQRe,
    0,
    [],
    []
];
var DeleteSubscriptionFilterRequest$ = [3, n0, _DSFR,
    0,
    [_lGN, _fN],
    [0, 0], 2
];
var DeleteSyslogConfigurationRequest$ = [3, n0, _DSCR,
    0,
    [_lGIo, _vEI],
    [0, 0], 1
];
var DeleteTransformerRequest$ = [3, n0, _DTR,
    0,
    [_lGIo],
    [0], 1
];
var Delivery$ = [3, n0, _D,
    0,
    [_id, _ar, _dSN, _dDA, _dDT, _rF, _fD, _sDC, _ta],
    [0, 0, 0, 0, 0, 64 | 0, 0, () => S3DeliveryConfiguration$, 128 | 0]
];
var DeliveryDestination$ = [3, n0, _DD,
    0,
    [_n, _ar, _dDT, _oF, _dDC, _rAo, _ta],
    [0, 0, 0, 0, () => DeliveryDestinationConfiguration$, 0, 128 | 0]
];
var DeliveryDestinationConfiguration$ = [3, n0, _DDC,
    0,
    [_dRA],
    [0], 1
];
var DeliverySource$ = [3, n0, _DSe,
    0,
    [_n, _ar, _rAe, _ser, _lT, _ta, _dSC, _sta, _sR],
    [0, 0, 64 | 0, 0, 0, 128 | 0, 128 | 0, 0, 0]
];
var DeliverySourceConfigurationSchema$ = [3, n0, _DSCS,
    0,
    [_kN, _vT, _dV, _sV, _mV, _mVa],
    [0, 0, 0, 64 | 0, 1, 1], 3
];
var DescribeAccountPoliciesRequest$ = [3, n0, _DAPRes,
    0,
    [_pT, _pN, _aIc, _nT],
    [0, 0, 64 | 0, 0], 1
];
var DescribeAccountPoliciesResponse$ = [3, n0, _DAPResc,
    0,
    [_aP, _nT],
    [() => AccountPolicies, 0]
];
var DescribeConfigurationTemplatesRequest$ = [3, n0, _DCTR,
    0,
    [_ser, _lTo, _rTe, _dDTe, _nT, _li],
    [0, 64 | 0, 64 | 0, 64 | 0, 0, 1]
];
var DescribeConfigurationTemplatesResponse$ = [3, n0, _DCTRe,
    0,
    [_cTo, _nT],
    [() => ConfigurationTemplates, 0]
];
var DescribeDeliveriesRequest$ = [3, n0, _DDRes,
    0,
    [_nT, _li, _dSNe],
    [0, 1, 64 | 0]
];
var DescribeDeliveriesResponse$ = [3, n0, _DDResc,
    0,
    [_deli, _nT],
    [() => Deliveries, 0]
];
var DescribeDeliveryDestinationsRequest$ = [3, n0, _DDDRe,
    0,
    [_nT, _li, _na],
    [0, 1, 64 | 0]
];
var DescribeDeliveryDestinationsResponse$ = [3, n0, _DDDRes,
    0,
    [_dD, _nT],
    [() => DeliveryDestinations, 0]
];
var DescribeDeliverySourcesRequest$ = [3, n0, _DDSRe,
    0,
    [_nT, _li, _rAe],
    [0, 1, 64 | 0]
];
var DescribeDeliverySourcesResponse$ = [3, n0, _DDSRes,
    0,
    [_dSe, _nT],
    [() => DeliverySources, 0]
];
var DescribeDestinationsRequest$ = [3, n0, _DDRescr,
    0,
    [_DNP, _nT, _li],
    [0, 0, 1]
];
var DescribeDestinationsResponse$ = [3, n0, _DDRescri,
    0,
    [_dest, _nT],
    [() => Destinations, 0]
];
var DescribeExportTasksRequest$ = [3, n0, _DETR,
    0,
    [_tI, _sCt, _nT, _li],
    [0, 0, 0, 1]
];
var DescribeExportTasksResponse$ = [3, n0, _DETRe,
    0,
    [_eT, _nT],
    [() => ExportTasks, 0]
];
var DescribeFieldIndexesRequest$ = [3, n0, _DFIR,
    0,
    [_lGI, _iC, _nT],
    [64 | 0, 64 | 0, 0], 1
];
var DescribeFieldIndexesResponse$ = [3, n0, _DFIRe,
    0,
    [_fI, _nT],
    [() => FieldIndexes, 0]
];
var DescribeImportTaskBatchesRequest$ = [3, n0, _DITBR,
    0,
    [_iI, _bIS, _li, _nT],
    [0, 64 | 0, 1, 0], 1
];
var DescribeImportTaskBatchesResponse$ = [3, n0, _DITBRe,
    0,
    [_iSA, _iI, _iB, _nT],
    [0, 0, () => ImportBatchList, 0]
];
var DescribeImportTasksRequest$ = [3, n0, _DITR,
    0,
    [_iI, _iSm, _iSA, _li, _nT],
    [0, 0, 0, 1, 0]
];
var DescribeImportTasksResponse$ = [3, n0, _DITRe,
    0,
    [_im, _nT],
    [() => ImportList, 0]
];
var DescribeIndexPoliciesRequest$ = [3, n0, _DIPRes,
    0,
    [_lGI, _nT],
    [64 | 0, 0], 1
];
var DescribeIndexPoliciesResponse$ = [3, n0, _DIPResc,
    0,
    [_iP, _nT],
    [() => IndexPolicies, 0]
];
var DescribeLogGroupsRequest$ = [3, n0, _DLGRe,
    0,
    [_aIc, _lGNP, _lGNPo, _nT, _li, _iLA, _lGCo, _lGI],
    [64 | 0, 0, 0, 0, 1, 2, 0, 64 | 0]
];
var DescribeLogGroupsResponse$ = [3, n0, _DLGRes,
    0,
    [_lG, _nT],
    [() => LogGroups, 0]
];
var DescribeLogStreamsRequest$ = [3, n0, _DLSRe,
    0,
    [_lGN, _lGIo, _lSNP, _oB, _desc, _nT, _li],
    [0, 0, 0, 0, 2, 0, 1]
];
var DescribeLogStreamsResponse$ = [3, n0, _DLSRes,
    0,
    [_lSog, _nT],
    [() => LogStreams, 0]
];
var DescribeLookupTablesRequest$ = [3, n0, _DLTRe,
    0,
    [_lTNP, _mR, _nT],
    [0, 1, 0]
];
var DescribeLookupTablesResponse$ = [3, n0, _DLTRes,
    0,
    [_lToo, _nT],
    [() => LookupTables, 0]
];
var DescribeMetricFiltersRequest$ = [3, n0, _DMFRe,
    0,
    [_lGN, _fNP, _nT, _li, _mN, _mNe],
    [0, 0, 0, 1, 0, 0]
];
var DescribeMetricFiltersResponse$ = [3, n0, _DMFRes,
    0,
    [_mF, _nT],
    [() => MetricFilters, 0]
];
var DescribeQueriesRequest$ = [3, n0, _DQR,
    0,
    [_lGN, _sta, _mR, _nT, _qL],
    [0, 0, 1, 0, 0]
];
var DescribeQueriesResponse$ = [3, n0, _DQRe,
    0,
    [_q, _nT],
    [() => QueryInfoList, 0]
];
var DescribeQueryDefinitionsRequest$ = [3, n0, _DQDRes,
    0,
    [_qL, _qDNP, _mR, _nT],
    [0, 0, 1, 0]
];
var DescribeQueryDefinitionsResponse$ = [3, n0, _DQDResc,
    0,
    [_qD, _nT],
    [() => QueryDefinitionList, 0]
];
var DescribeResourcePoliciesRequest$ = [3, n0, _DRPRes,
    0,
    [_nT, _li, _rA, _pSo],
    [0, 1, 0, 0]
];
var DescribeResourcePoliciesResponse$ = [3, n0, _DRPResc,
    0,
    [_rP, _nT],
    [() => ResourcePolicies, 0]
];
var DescribeSubscriptionFiltersRequest$ = [3, n0, _DSFRe,
    0,
    [_lGN, _fNP, _nT, _li],
    [0, 0, 0, 1], 1
];
var DescribeSubscriptionFiltersResponse$ = [3, n0, _DSFRes,
    0,
    [_sF, _nT],
    [() => SubscriptionFilters, 0]
];
var Destination$ = [3, n0, _De,
    0,
    [_dNe, _tA, _rAo, _aPc, _ar, _cT],
    [0, 0, 0, 0, 0, 1]
];
var DestinationConfiguration$ = [3, n0, _DC,
    0,
    [_sCo, _lTC],
    [() => S3Configuration$, () => LookupTableConfiguration$]
];
var DisassociateKmsKeyRequest$ = [3, n0, _DKKR,
    0,
    [_lGN, _rI],
    [0, 0]
];
var DisassociateSourceFromS3TableIntegrationRequest$ = [3, n0, _DSFSTIR,
    0,
    [_i],
    [0], 1
];
var DisassociateSourceFromS3TableIntegrationResponse$ = [3, n0, _DSFSTIRi,
    0,
    [_i],
    [0]
];
var DryRunResult$ = [3, n0, _DRR,
    0,
    [_tMLG, _iRLGC, _dRLGC, _uRLGC, _fAC, _tLGI],
    [1, 1, 1, 1, 1, () => LogGroupImpacts]
];
var Entity$ = [3, n0, _E,
    0,
    [_kA, _at],
    [128 | 0, 128 | 0]
];
var ExportTask$ = [3, n0, _ET,
    0,
    [_tI, _tN, _lGN, _f, _to, _des, _dP, _sta, _eI],
    [0, 0, 0, 1, 1, 0, 0, () => ExportTaskStatus$, () => ExportTaskExecutionInfo$]
];
var ExportTaskExecutionInfo$ = [3, n0, _ETEI,
    0,
    [_cT, _cTom],
    [1, 1]
];
var ExportTaskStatus$ = [3, n0, _ETS,
    0,
    [_cod, _m],
    [0, 0]
];
var FieldIndex$ = [3, n0, _FI,
    0,
    [_lGIo, _fIN, _lST, _fET, _lET, _ty, _iCn],
    [0, 0, 1, 1, 1, 0, 0]
];
var FieldsData$ = [3, n0, _FD,
    0,
    [_da],
    [21]
];
var FilteredLogEvent$ = [3, n0, _FLE,
    0,
    [_lSN, _tim, _m, _iT, _eIv],
    [0, 1, 0, 1, 0]
];
var FilterLogEventsRequest$ = [3, n0, _FLER,
    0,
    [_lGN, _lGIo, _lSNo, _lSNP, _sTt, _eTn, _fP, _nT, _li, _sFH, _in, _u],
    [0, 0, 64 | 0, 0, 1, 1, 0, 0, 1, 2, 2, 2]
];
var FilterLogEventsResponse$ = [3, n0, _FLERi,
    0,
    [_ev, _sLS, _nT],
    [() => FilteredLogEvents, () => SearchedLogStreams, 0]
];
var GetDataProtectionPolicyRequest$ = [3, n0, _GDPPR,
    0,
    [_lGIo],
    [0], 1
];
var GetDataProtectionPolicyResponse$ = [3, n0, _GDPPRe,
    0,
    [_lGIo, _pD, _lUT],
    [0, 0, 1]
];
var GetDeliveryDestinationPolicyRequest$ = [3, n0, _GDDPR,
    0,
    [_dDN],
    [0], 1
];
var GetDeliveryDestinationPolicyResponse$ = [3, n0, _GDDPRe,
    0,
    [_po],
    [() => Policy$]
];
var GetDeliveryDestinationRequest$ = [3, n0, _GDDR,
    0,
    [_n],
    [0], 1
];
var GetDeliveryDestinationResponse$ = [3, n0, _GDDRe,
    0,
    [_dDe],
    [() => DeliveryDestination$]
];
var GetDeliveryRequest$ = [3, n0, _GDR,
    0,
    [_id],
    [0], 1
];
var GetDeliveryResponse$ = [3, n0, _GDRe,
    0,
    [_de],
    [() => Delivery$]
];
var GetDeliverySourceRequest$ = [3, n0, _GDSR,
    0,
    [_n],
    [0], 1
];
var GetDeliverySourceResponse$ = [3, n0, _GDSRe,
    0,
    [_dSel],
    [() => DeliverySource$]
];
var GetIntegrationRequest$ = [3, n0, _GIR,
    0,
    [_iN],
    [0], 1
];
var GetIntegrationResponse$ = [3, n0, _GIRe,
    0,
    [_iN, _iTn, _iSn, _iD],
    [0, 0, 0, () => IntegrationDetails$]
];
var GetLogAnomalyDetectorRequest$ = [3, n0, _GLADR,
    0,
    [_aDA],
    [0], 1
];
var GetLogAnomalyDetectorResponse$ = [3, n0, _GLADRe,
    0,
    [_dN, _lGAL, _eF, _fP, _aDS, _kKI, _cTS, _lMTS, _aVT],
    [0, 64 | 0, 0, 0, 0, 0, 1, 1, 1]
];
var GetLogEventsRequest$ = [3, n0, _GLER,
    0,
    [_lSN, _lGN, _lGIo, _sTt, _eTn, _nT, _li, _sFH, _u],
    [0, 0, 0, 1, 1, 0, 1, 2, 2], 1
];
var GetLogEventsResponse$ = [3, n0, _GLERe,
    0,
    [_ev, _nFT, _nBT],
    [() => OutputLogEvents, 0, 0]
];
var GetLogFieldsRequest$ = [3, n0, _GLFR,
    0,
    [_dSNa, _dST],
    [0, 0], 2
];
var GetLogFieldsResponse$ = [3, n0, _GLFRe,
    0,
    [_lF],
    [() => LogFieldsList]
];
var GetLogGroupFieldsRequest$ = [3, n0, _GLGFR,
    0,
    [_lGN, _time, _lGIo],
    [0, 1, 0]
];
var GetLogGroupFieldsResponse$ = [3, n0, _GLGFRe,
    0,
    [_lGF],
    [() => LogGroupFieldList]
];
var GetLogObjectRequest$ = [3, n0, _GLOR,
    0,
    [_lOP, _u],
    [0, 2], 1
];
var GetLogObjectResponse$ = [3, n0, _GLORe,
    0,
    [_fSi],
    [[() => GetLogObjectResponseStream$, 0]]
];
var GetLogRecordRequest$ = [3, n0, _GLRR,
    0,
    [_lRP, _u],
    [0, 2], 1
];
var GetLogRecordResponse$ = [3, n0, _GLRRe,
    0,
    [_lR],
    [128 | 0]
];
var GetLookupTableRequest$ = [3, n0, _GLTR,
    0,
    [_lTA],
    [0], 1
];
var GetLookupTableResponse$ = [3, n0, _GLTRe,
    0,
    [_lTA, _lTN, _d, _tB, _sB, _lUT, _kKI],
    [0, 0, 0, 0, 1, 1, 0]
];
var GetQueryResultsRequest$ = [3, n0, _GQRR,
    0,
    [_qI, _nT, _mI],
    [0, 0, 1], 1
];
var GetQueryResultsResponse$ = [3, n0, _GQRRe,
    0,
    [_qL, _r, _stat, _sta, _eK, _nT],
    [0, () => QueryResults, () => QueryStatistics$, 0, 0, 0]
];
var GetScheduledQueryHistoryRequest$ = [3, n0, _GSQHR,
    0,
    [_i, _sTt, _eTn, _eS, _mR, _nT],
    [0, 1, 1, 64 | 0, 1, 0], 3
];
var GetScheduledQueryHistoryResponse$ = [3, n0, _GSQHRe,
    0,
    [_n, _sQA, _tH, _nT],
    [0, 0, () => TriggerHistoryRecordList, 0]
];
var GetScheduledQueryRequest$ = [3, n0, _GSQR,
    0,
    [_i],
    [0], 1
];
var GetScheduledQueryResponse$ = [3, n0, _GSQRe,
    0,
    [_sQA, _n, _d, _qL, _qS, _lGI, _sE, _ti, _sTO, _eTO, _dC, _st, _sTc, _lTT, _lES, _sST, _sET, _eRA, _cT, _lUT],
    [0, 0, 0, 0, 0, 64 | 0, 0, 0, 1, 1, () => DestinationConfiguration$, 0, 0, 1, 0, 1, 1, 0, 1, 1]
];
var GetStorageTierPolicyRequest$ = [3, n0, _GSTPR,
    0,
    [],
    []
];
var GetStorageTierPolicyResponse$ = [3, n0, _GSTPRe,
    0,
    [_sTto, _lUT],
    [0, 1]
];
var GetTransformerRequest$ = [3, n0, _GTR,
    0,
    [_lGIo],
    [0], 1
];
var GetTransformerResponse$ = [3, n0, _GTRe,
    0,
    [_lGIo, _cT, _lMT, _tC],
    [0, 1, 1, () => Processors]
];
var Grok$ = [3, n0, _G,
    0,
    [_ma, _so],
    [0, 0], 1
];
var GroupingIdentifier$ = [3, n0, _GI,
    0,
    [_k, _v],
    [0, 0]
];
var Import$ = [3, n0, _I,
    0,
    [_iI, _iSA, _iSm, _iDA, _iS, _iF, _cT, _lUT, _eM],
    [0, 0, 0, 0, () => ImportStatistics$, () => ImportFilter$, 1, 1, 0]
];
var ImportBatch$ = [3, n0, _IB,
    0,
    [_bI, _sta, _eM],
    [0, 0, 0], 2
];
var ImportFilter$ = [3, n0, _IF,
    0,
    [_sETt, _eET],
    [1, 1]
];
var ImportStatistics$ = [3, n0, _IS,
    0,
    [_bIy],
    [1]
];
var IndexPolicy$ = [3, n0, _IP,
    0,
    [_lGIo, _lUTa, _pD, _pN, _so],
    [0, 1, 0, 0, 0]
];
var InputLogEvent$ = [3, n0, _ILE,
    0,
    [_tim, _m],
    [1, 0], 2
];
var IntegrationSummary$ = [3, n0, _ISn,
    0,
    [_iN, _iTn, _iSn],
    [0, 0, 0]
];
var ListAggregateLogGroupSummariesRequest$ = [3, n0, _LALGSR,
    0,
    [_gB, _aIc, _iLA, _lGCo, _lGNPo, _dSa, _nT, _li],
    [0, 64 | 0, 2, 0, 0, () => DataSourceFilters, 0, 1], 1
];
var ListAggregateLogGroupSummariesResponse$ = [3, n0, _LALGSRi,
    0,
    [_aLGS, _nT],
    [() => AggregateLogGroupSummaries, 0]
];
var ListAnomaliesRequest$ = [3, n0, _LAR,
    0,
    [_aDA, _sS, _li, _nT],
    [0, 0, 1, 0]
];
var ListAnomaliesResponse$ = [3, n0, _LARi,
    0,
    [_an, _nT],
    [() => Anomalies, 0]
];
var ListIntegrationsRequest$ = [3, n0, _LIR,
    0,
    [_iNP, _iTn, _iSn],
    [0, 0, 0]
];
var ListIntegrationsResponse$ = [3, n0, _LIRi,
    0,
    [_iSnt],
    [() => IntegrationSummaries]
];
var ListLogAnomalyDetectorsRequest$ = [3, n0, _LLADR,
    0,
    [_fLGA, _li, _nT],
    [0, 1, 0]
];
var ListLogAnomalyDetectorsResponse$ = [3, n0, _LLADRi,
    0,
    [_aD, _nT],
    [() => AnomalyDetectors, 0]
];
var ListLogGroupsForQueryRequest$ = [3, n0, _LLGFQR,
    0,
    [_qI, _nT, _mR],
    [0, 0, 1], 1
];
var ListLogGroupsForQueryResponse$ = [3, n0, _LLGFQRi,
    0,
    [_lGI, _nT],
    [64 | 0, 0]
];
var ListLogGroupsRequest$ = [3, n0, _LLGR,
    0,
    [_lGNPo, _lGCo, _iLA, _aIc, _nT, _li, _dSa, _fINi, _lGT],
    [0, 0, 2, 64 | 0, 0, 1, () => DataSourceFilters, 64 | 0, () => TagFilters]
];
var ListLogGroupsResponse$ = [3, n0, _LLGRi,
    0,
    [_lG, _nT],
    [() => LogGroupSummaries, 0]
];
var ListScheduledQueriesRequest$ = [3, n0, _LSQR,
    0,
    [_mR, _nT, _st, _sTc],
    [1, 0, 0, 0]
];
var ListScheduledQueriesResponse$ = [3, n0, _LSQRi,
    0,
    [_nT, _sQ],
    [0, () => ScheduledQuerySummaryList]
];
var ListSourcesForS3TableIntegrationRequest$ = [3, n0, _LSFSTIR,
    0,
    [_iA, _mR, _nT],
    [0, 1, 0], 1
];
var ListSourcesForS3TableIntegrationResponse$ = [3, n0, _LSFSTIRi,
    0,
    [_sou, _nT],
    [() => S3TableIntegrationSources, 0]
];
var ListSyslogConfigurationsRequest$ = [3, n0, _LSCR,
    0,
    [_lGIo, _vEI, _nT, _mR],
    [0, 0, 0, 1]
];
var ListSyslogConfigurationsResponse$ = [3, n0, _LSCRi,
    0,
    [_sCy, _nT],
    [() => SyslogConfigurations, 0]
];
var ListTagsForResourceRequest$ = [3, n0, _LTFRR,
    0,
    [_rA],
    [0], 1
];
var ListTagsForResourceResponse$ = [3, n0, _LTFRRi,
    0,
    [_ta],
    [128 | 0]
];
var ListTagsLogGroupRequest$ = [3, n0, _LTLGR,
    0,
    [_lGN],
    [0], 1
];
var ListTagsLogGroupResponse$ = [3, n0, _LTLGRi,
    0,
    [_ta],
    [128 | 0]
];
var ListToMap$ = [3, n0, _LTM,
    0,
    [_so, _k, _vK, _t, _fl, _fE],
    [0, 0, 0, 0, 2, 0], 2
];
var LiveTailSessionLogEvent$ = [3, n0, _LTSLE,
    0,
    [_lSN, _lGIo, _m, _tim, _iT],
    [0, 0, 0, 1, 1]
];
var LiveTailSessionMetadata$ = [3, n0, _LTSM,
    0,
    [_sa],
    [2]
];
var LiveTailSessionStart$ = [3, n0, _LTSS,
    0,
    [_rIe, _sI, _lGI, _lSNo, _lSNPo, _lEFP],
    [0, 0, 64 | 0, 64 | 0, 64 | 0, 0]
];
var LiveTailSessionUpdate$ = [3, n0, _LTSU,
    0,
    [_sM, _sRe],
    [() => LiveTailSessionMetadata$, () => LiveTailSessionResults]
];
var LogEvent$ = [3, n0, _LE,
    0,
    [_tim, _m],
    [1, 0]
];
var LogFieldsListItem$ = [3, n0, _LFLI,
    0,
    [_lFN, _lFT],
    [0, () => LogFieldType$]
];
var LogFieldType$ = [3, n0, _LFT,
    0,
    [_ty, _el, _fi],
    [0, () => LogFieldType$, () => LogFieldsList]
];
var LogGroup$ = [3, n0, _LG,
    0,
    [_lGN, _cT, _rID, _mFC, _ar, _sBt, _kKI, _dPS, _iPn, _lGCo, _lGA, _dPE, _bTAE, _rPN],
    [0, 1, 1, 1, 0, 1, 0, 0, 64 | 0, 0, 0, 2, 2, 0]
];
var LogGroupField$ = [3, n0, _LGF,
    0,
    [_n, _pe],
    [0, 1]
];
var LogGroupImpact$ = [3, n0, _LGI,
    0,
    [_lGN, _cR, _pRr, _sBt],
    [0, 0, 0, 1]
];
var LogGroupSummary$ = [3, n0, _LGS,
    0,
    [_lGN, _lGA, _lGCo],
    [0, 0, 0]
];
var LogStream$ = [3, n0, _LS,
    0,
    [_lSN, _cT, _fETi, _lETa, _lIT, _uST, _ar, _sBt],
    [0, 1, 1, 1, 1, 0, 0, 1]
];
var LookupTable$ = [3, n0, _LT,
    0,
    [_lTA, _lTN, _d, _tFa, _rC, _sB, _lUT, _kKI],
    [0, 0, 0, 64 | 0, 1, 1, 1, 0]
];
var LookupTableConfiguration$ = [3, n0, _LTC,
    0,
    [_tNa, _rAo, _d, _kKI, _ta],
    [0, 0, 0, 0, 128 | 0], 2
];
var LowerCaseString$ = [3, n0, _LCS,
    0,
    [_wK],
    [64 | 0], 1
];
var MetricFilter$ = [3, n0, _MF,
    0,
    [_fN, _fP, _mT, _cT, _lGN, _aOTL, _fSC, _eSFD],
    [0, 0, () => MetricTransformations, 1, 0, 2, 0, 64 | 0]
];
var MetricFilterMatchRecord$ = [3, n0, _MFMR,
    0,
    [_eN, _eMv, _eV],
    [1, 0, 128 | 0]
];
var MetricTransformation$ = [3, n0, _MT,
    0,
    [_mN, _mNe, _mVe, _dV, _di, _un],
    [0, 0, 0, 1, 128 | 0, 0], 3
];
var MoveKeyEntry$ = [3, n0, _MKE,
    0,
    [_so, _t, _oIE],
    [0, 0, 2], 2
];
var MoveKeys$ = [3, n0, _MK,
    0,
    [_en],
    [() => MoveKeyEntries], 1
];
var OpenSearchApplication$ = [3, n0, _OSA,
    0,
    [_aE, _aA, _aIp, _sta],
    [0, 0, 0, () => OpenSearchResourceStatus$]
];
var OpenSearchCollection$ = [3, n0, _OSC,
    0,
    [_cE, _cAo, _sta],
    [0, 0, () => OpenSearchResourceStatus$]
];
var OpenSearchDataAccessPolicy$ = [3, n0, _OSDAP,
    0,
    [_pN, _sta],
    [0, () => OpenSearchResourceStatus$]
];
var OpenSearchDataSource$ = [3, n0, _OSDS,
    0,
    [_dSNa, _sta],
    [0, () => OpenSearchResourceStatus$]
];
var OpenSearchEncryptionPolicy$ = [3, n0, _OSEP,
    0,
    [_pN, _sta],
    [0, () => OpenSearchResourceStatus$]
];
var OpenSearchIntegrationDetails$ = [3, n0, _OSID,
    0,
    [_dS, _ap, _col, _w, _eP, _nP, _aPc, _lP],
    [() => OpenSearchDataSource$, () => OpenSearchApplication$, () => OpenSearchCollection$, () => OpenSearchWorkspace$, () => OpenSearchEncryptionPolicy$, () => OpenSearchNetworkPolicy$, () => OpenSearchDataAccessPolicy$, () => OpenSearchLifecyclePolicy$]
];
var OpenSearchLifecyclePolicy$ = [3, n0, _OSLP,
    0,
    [_pN, _sta],
    [0, () => OpenSearchResourceStatus$]
];
var OpenSearchNetworkPolicy$ = [3, n0, _OSNP,
    0,
    [_pN, _sta],
    [0, () => OpenSearchResourceStatus$]
];
var OpenSearchResourceConfig$ = [3, n0, _OSRC,
    0,
    [_dSRA, _dVP, _rD, _kKA, _aA],
    [0, 64 | 0, 1, 0, 0], 3
];
var OpenSearchResourceStatus$ = [3, n0, _OSRS,
    0,
    [_sta, _sMt],
    [0, 0]
];
var OpenSearchWorkspace$ = [3, n0, _OSW,
    0,
    [_wI, _sta],
    [0, () => OpenSearchResourceStatus$]
];
var OutputLogEvent$ = [3, n0, _OLE,
    0,
    [_tim, _m, _iT],
    [1, 0, 1]
];
var ParseCloudfront$ = [3, n0, _PC,
    0,
    [_so],
    [0]
];
var ParseJSON$ = [3, n0, _PJSON,
    0,
    [_so, _des],
    [0, 0]
];
var ParseKeyValue$ = [3, n0, _PKV,
    0,
    [_so, _des, _fD, _kVD, _kP, _nMV, _oIE],
    [0, 0, 0, 0, 0, 0, 2]
];
var ParsePostgres$ = [3, n0, _PP,
    0,
    [_so],
    [0]
];
var ParseRoute53$ = [3, n0, _PR,
    0,
    [_so],
    [0]
];
var ParseToOCSF$ = [3, n0, _PTOCSF,
    0,
    [_eSv, _oV, _so, _mVap],
    [0, 0, 0, 0], 2
];
var ParseVPC$ = [3, n0, _PVPC,
    0,
    [_so],
    [0]
];
var ParseWAF$ = [3, n0, _PWAF,
    0,
    [_so],
    [0]
];
var PatternToken$ = [3, n0, _PT,
    0,
    [_dTP, _iDs, _tS, _enu, _iTN],
    [1, 2, 0, 128 | 1, 0]
];
var Policy$ = [3, n0, _P,
    0,
    [_dDP],
    [0]
];
var Processor$ = [3, n0, _Pr,
    0,
    [_aK, _cV, _cs, _dTC, _dK, _g, _lTM, _lCS, _mK, _pC, _pJSON, _pKV, _pRa, _pTOCSF, _pP, _pVPC, _pWAF, _rK, _sSp, _sSu, _tSr, _tCy, _uCS],
    [() => AddKeys$, () => CopyValue$, () => CSV$, () => DateTimeConverter$, () => DeleteKeys$, () => Grok$, () => ListToMap$, () => LowerCaseString$, () => MoveKeys$, () => ParseCloudfront$, () => ParseJSON$, () => ParseKeyValue$, () => ParseRoute53$, () => ParseToOCSF$, () => ParsePostgres$, () => ParseVPC$, () => ParseWAF$, () => RenameKeys$, () => SplitString$, () => SubstituteString$, () => TrimString$, () => TypeConverter$, () => UpperCaseString$]
];
var PutAccountPolicyRequest$ = [3, n0, _PAPR,
    0,
    [_pN, _pD, _pT, _sc, _sC, _dR],
    [0, 0, 0, 0, 0, 2], 3
];
var PutAccountPolicyResponse$ = [3, n0, _PAPRu,
    0,
    [_aPcc, _dRR],
    [() => AccountPolicy$, () => DryRunResult$]
];
var PutBearerTokenAuthenticationRequest$ = [3, n0, _PBTAR,
    0,
    [_lGIo, _bTAE],
    [0, 2], 2
];
var PutDataProtectionPolicyRequest$ = [3, n0, _PDPPR,
    0,
    [_lGIo, _pD],
    [0, 0], 2
];
var PutDataProtectionPolicyResponse$ = [3, n0, _PDPPRu,
    0,
    [_lGIo, _pD, _lUT],
    [0, 0, 1]
];
var PutDeliveryDestinationPolicyRequest$ = [3, n0, _PDDPR,
    0,
    [_dDN, _dDP],
    [0, 0], 2
];
var PutDeliveryDestinationPolicyResponse$ = [3, n0, _PDDPRu,
    0,
    [_po],
    [() => Policy$]
];
var PutDeliveryDestinationRequest$ = [3, n0, _PDDR,
    0,
    [_n, _oF, _dDC, _dDT, _rAo, _ta],
    [0, 0, () => DeliveryDestinationConfiguration$, 0, 0, 128 | 0], 1
];
var PutDeliveryDestinationResponse$ = [3, n0, _PDDRu,
    0,
    [_dDe],
    [() => DeliveryDestination$]
];
var PutDeliverySourceRequest$ = [3, n0, _PDSR,
    0,
    [_n, _rA, _lT, _ta, _dSC],
    [0, 0, 0, 128 | 0, 128 | 0], 3
];
var PutDeliverySourceResponse$ = [3, n0, _PDSRu,
    0,
    [_dSel],
    [() => DeliverySource$]
];
var PutDestinationPolicyRequest$ = [3, n0, _PDPR,
    0,
    [_dNe, _aPc, _fU],
    [0, 0, 2], 2
];
var PutDestinationRequest$ = [3, n0, _PDR,
    0,
    [_dNe, _tA, _rAo, _ta],
    [0, 0, 0, 128 | 0], 3
];
var PutDestinationResponse$ = [3, n0, _PDRu,
    0,
    [_des],
    [() => Destination$]
];
var PutIndexPolicyRequest$ = [3, n0, _PIPR,
    0,
    [_lGIo, _pD],
    [0, 0], 2
];
var PutIndexPolicyResponse$ = [3, n0, _PIPRu,
    0,
    [_iPnd],
    [() => IndexPolicy$]
];
var PutIntegrationRequest$ = [3, n0, _PIR,
    0,
    [_iN, _rCe, _iTn],
    [0, () => ResourceConfig$, 0], 3
];
var PutIntegrationResponse$ = [3, n0, _PIRu,
    0,
    [_iN, _iSn],
    [0, 0]
];
var PutLogEventsRequest$ = [3, n0, _PLER,
    0,
    [_lGN, _lSN, _lE, _sTe, _ent],
    [0, 0, () => InputLogEvents, 0, () => Entity$], 3
];
var PutLogEventsResponse$ = [3, n0, _PLERu,
    0,
    [_nST, _rLEI, _rEI],
    [0, () => RejectedLogEventsInfo$, () => RejectedEntityInfo$]
];
var PutLogGroupDeletionProtectionRequest$ = [3, n0, _PLGDPR,
    0,
    [_lGIo, _dPE],
    [0, 2], 2
];
var PutMetricFilterRequest$ = [3, n0, _PMFR,
    0,
    [_lGN, _fN, _fP, _mT, _aOTL, _fSC, _eSFD],
    [0, 0, 0, () => MetricTransformations, 2, 0, 64 | 0], 4
];
var PutQueryDefinitionRequest$ = [3, n0, _PQDR,
    0,
    [_n, _qS, _qL, _qDI, _lGNo, _cTl, _pa],
    [0, 0, 0, 0, 64 | 0, [0, 4], () => QueryParameterList], 2
];
var PutQueryDefinitionResponse$ = [3, n0, _PQDRu,
    0,
    [_qDI],
    [0]
];
var PutResourcePolicyRequest$ = [3, n0, _PRPR,
    0,
    [_pN, _pD, _rA, _eRI],
    [0, 0, 0, 0]
];
var PutResourcePolicyResponse$ = [3, n0, _PRPRu,
    0,
    [_rPe, _rIev],
    [() => ResourcePolicy$, 0]
];
var PutRetentionPolicyRequest$ = [3, n0, _PRPRut,
    0,
    [_lGN, _rID],
    [0, 1], 2
];
var PutStorageTierPolicyRequest$ = [3, n0, _PSTPR,
    0,
    [_sTto],
    [0], 1
];
var PutStorageTierPolicyResponse$ = [3, n0, _PSTPRu,
    0,
    [_sTto, _lUT],
    [0, 1]
];
var PutSubscriptionFilterRequest$ = [3, n0, _PSFR,
    0,
    [_lGN, _fN, _fP, _dA, _rAo, _dis, _aOTL, _fSC, _eSF],
    [0, 0, 0, 0, 0, 0, 2, 0, 64 | 0], 4
];
var PutSyslogConfigurationRequest$ = [3, n0, _PSCR,
    0,
    [_lGIo, _vEI],
    [0, 0], 1
];
var PutTransformerRequest$ = [3, n0, _PTR,
    0,
    [_lGIo, _tC],
    [0, () => Processors], 2
];
var QueryCompileError$ = [3, n0, _QCE,
    0,
    [_lo, _m],
    [() => QueryCompileErrorLocation$, 0]
];
var QueryCompileErrorLocation$ = [3, n0, _QCEL,
    0,
    [_sCO, _eCO],
    [1, 1]
];
var QueryDefinition$ = [3, n0, _QD,
    0,
    [_qL, _qDI, _n, _qS, _lM, _lGNo, _pa],
    [0, 0, 0, 0, 1, 64 | 0, () => QueryParameterList]
];
var QueryInfo$ = [3, n0, _QI,
    0,
    [_qL, _qI, _qS, _sta, _cTr, _lGN, _qDu, _bS, _uI],
    [0, 0, 0, 0, 1, 0, 1, 1, 0]
];
var QueryParameter$ = [3, n0, _QP,
    0,
    [_n, _dV, _d],
    [0, 0, 0], 1
];
var QueryStatistics$ = [3, n0, _QS,
    0,
    [_rM, _rS, _eRS, _bS, _eBS, _lGS, _rCes],
    [1, 1, 1, 1, 1, 1, 1]
];
var RecordField$ = [3, n0, _RF,
    0,
    [_n, _man],
    [0, 2]
];
var RejectedEntityInfo$ = [3, n0, _REI,
    0,
    [_eTr],
    [0], 1
];
var RejectedLogEventsInfo$ = [3, n0, _RLEI,
    0,
    [_tNLESI, _tOLEEI, _eLEEI],
    [1, 1, 1]
];
var RenameKeyEntry$ = [3, n0, _RKE,
    0,
    [_k, _rTen, _oIE],
    [0, 0, 2], 2
];
var RenameKeys$ = [3, n0, _RK,
    0,
    [_en],
    [() => RenameKeyEntries], 1
];
var ResourcePolicy$ = [3, n0, _RP,
    0,
    [_pN, _pD, _lUT, _pSo, _rA, _rIev],
    [0, 0, 1, 0, 0, 0]
];
var ResultField$ = [3, n0, _RFe,
    0,
    [_fie, _v],
    [0, 0]
];
var S3Configuration$ = [3, n0, _SC,
    0,
    [_dI, _rAo, _oAI, _kKI],
    [0, 0, 0, 0], 2
];
var S3DeliveryConfiguration$ = [3, n0, _SDC,
    0,
    [_sP, _eHCP],
    [0, 2]
];
var S3TableIntegrationSource$ = [3, n0, _STIS,
    0,
    [_i, _dS, _sta, _sR, _cTSr, _pSI],
    [0, () => DataSource$, 0, 0, 1, 0]
];
var S3TablesIntegration$ = [3, n0, _STI,
    0,
    [_dNa, _dT],
    [0, 0]
];
var ScheduledQueryDestination$ = [3, n0, _SQD,
    0,
    [_dTe, _dI, _sta, _pIr, _eM],
    [0, 0, 0, 0, 0]
];
var ScheduledQuerySummary$ = [3, n0, _SQS,
    0,
    [_sQA, _n, _st, _sTc, _lTT, _lES, _sE, _ti, _dC, _cT, _lUT],
    [0, 0, 0, 0, 1, 0, 0, 0, () => DestinationConfiguration$, 1, 1]
];
var SearchedLogStream$ = [3, n0, _SLS,
    0,
    [_lSN, _sCe],
    [0, 2]
];
var SplitString$ = [3, n0, _SS,
    0,
    [_en],
    [() => SplitStringEntries], 1
];
var SplitStringEntry$ = [3, n0, _SSEp,
    0,
    [_so, _del],
    [0, 0], 2
];
var StartLiveTailRequest$ = [3, n0, _SLTR,
    0,
    [_lGI, _lSNo, _lSNPo, _lEFP],
    [64 | 0, 64 | 0, 64 | 0, 0], 1
];
var StartLiveTailResponse$ = [3, n0, _SLTRt,
    0,
    [_rSe],
    [[() => StartLiveTailResponseStream$, 0]]
];
var StartQueryRequest$ = [3, n0, _SQR,
    0,
    [_sTt, _eTn, _qS, _qL, _lGN, _lGNo, _lGI, _li],
    [1, 1, 0, 0, 0, 64 | 0, 64 | 0, 1], 3
];
var StartQueryResponse$ = [3, n0, _SQRt,
    0,
    [_qI],
    [0]
];
var StopQueryRequest$ = [3, n0, _SQRto,
    0,
    [_qI],
    [0], 1
];
var StopQueryResponse$ = [3, n0, _SQRtop,
    0,
    [_suc],
    [2]
];
var SubscriptionFilter$ = [3, n0, _SF,
    0,
    [_fN, _lGN, _fP, _dA, _rAo, _dis, _aOTL, _cT, _fSC, _eSF],
    [0, 0, 0, 0, 0, 0, 2, 1, 0, 64 | 0]
];
var SubstituteString$ = [3, n0, _SSu,
    0,
    [_en],
    [() => SubstituteStringEntries], 1
];
var SubstituteStringEntry$ = [3, n0, _SSEu,
    0,
    [_so, _f, _to],
    [0, 0, 0], 3
];
var SuppressionPeriod$ = [3, n0, _SP,
    0,
    [_v, _sUu],
    [1, 0]
];
var SyslogConfiguration$ = [3, n0, _SCy,
    0,
    [_lGA, _sTo, _vEI, _cA],
    [0, 0, 0, 1]
];
var TagFilter$ = [3, n0, _TF,
    0,
    [_k, _va],
    [0, 64 | 0], 1
];
var TagLogGroupRequest$ = [3, n0, _TLGR,
    0,
    [_lGN, _ta],
    [0, 128 | 0], 2
];
var TagResourceRequest$ = [3, n0, _TRR,
    0,
    [_rA, _ta],
    [0, 128 | 0], 2
];
var TestMetricFilterRequest$ = [3, n0, _TMFR,
    0,
    [_fP, _lEM],
    [0, 64 | 0], 2
];
var TestMetricFilterResponse$ = [3, n0, _TMFRe,
    0,
    [_mat],
    [() => MetricFilterMatches]
];
var TestTransformerRequest$ = [3, n0, _TTR,
    0,
    [_tC, _lEM],
    [() => Processors, 64 | 0], 2
];
var TestTransformerResponse$ = [3, n0, _TTRe,
    0,
    [_tL],
    [() => TransformedLogs]
];
var TransformedLogRecord$ = [3, n0, _TLR,
    0,
    [_eN, _eMv, _tEM],
    [1, 0, 0]
];
var TriggerHistoryRecord$ = [3, n0, _THR,
    0,
    [_qI, _eSx, _tTr, _eM, _dest],
    [0, 0, 1, 0, () => ScheduledQueryDestinationList]
];
var TrimString$ = [3, n0, _TS,
    0,
    [_wK],
    [64 | 0], 1
];
var TypeConverter$ = [3, n0, _TC,
    0,
    [_en],
    [() => TypeConverterEntries], 1
];
var TypeConverterEntry$ = [3, n0, _TCE,
    0,
    [_k, _ty],
    [0, 0], 2
];
var UntagLogGroupRequest$ = [3, n0, _ULGR,
    0,
    [_lGN, _ta],
    [0, 64 | 0], 2
];
var UntagResourceRequest$ = [3, n0, _URR,
    0,
    [_rA, _tK],
    [0, 64 | 0], 2
];
var UpdateAnomalyRequest$ = [3, n0, _UAR,
    0,
    [_aDA, _aIn, _pI, _sTu, _sPu, _b],
    [0, 0, 0, 0, () => SuppressionPeriod$, 2], 1
];
var UpdateDeliveryConfigurationRequest$ = [3, n0, _UDCR,
    0,
    [_id, _rF, _fD, _sDC],
    [0, 64 | 0, 0, () => S3DeliveryConfiguration$], 1
];
var UpdateDeliveryConfigurationResponse$ = [3, n0, _UDCRp,
    0,
    [],
    []
];
var UpdateLogAnomalyDetectorRequest$ = [3, n0, _ULADR,
    0,
    [_aDA, _ena, _eF, _fP, _aVT],
    [0, 2, 0, 0, 1], 2
];
var UpdateLookupTableRequest$ = [3, n0, _ULTR,
    0,
    [_lTA, _d, _tB, _qI, _kKI],
    [0, 0, 0, 0, 0], 1
];
var UpdateLookupTableResponse$ = [3, n0, _ULTRp,
    0,
    [_lTA, _lUT],
    [0, 1]
];
var UpdateScheduledQueryRequest$ = [3, n0, _USQR,
    0,
    [_i, _qL, _qS, _sE, _eRA, _d, _lGI, _ti, _sTO, _eTO, _dC, _sST, _sET, _st],
    [0, 0, 0, 0, 0, 0, 64 | 0, 0, 1, 1, () => DestinationConfiguration$, 1, 1, 0], 5
];
var UpdateScheduledQueryResponse$ = [3, n0, _USQRp,
    0,
    [_sQA, _n, _d, _qL, _qS, _lGI, _sE, _ti, _sTO, _eTO, _dC, _st, _sTc, _lTT, _lES, _sST, _sET, _eRA, _cT, _lUT],
    [0, 0, 0, 0, 0, 64 | 0, 0, 0, 1, 1, () => DestinationConfiguration$, 0, 0, 1, 0, 1, 1, 0, 1, 1]
];
var UpperCaseString$ = [3, n0, _UCS,
    0,
    [_wK],
    [64 | 0], 1
];
var __Unit = "unit";
var AccountPolicies = [1, n0, _APc,
    0, () => AccountPolicy$
];
var AddKeyEntries = [1, n0, _AKEd,
    0, () => AddKeyEntry$
];
var AggregateLogGroupSummaries = [1, n0, _ALGSg,
    0, () => AggregateLogGroupSummary$
];
var AllowedFields = [1, n0, _AF,
    0, () => RecordField$
];
var Anomalies = [1, n0, _An,
    0, () => Anomaly$
];
var AnomalyDetectors = [1, n0, _ADn,
    0, () => AnomalyDetector$
];
var ConfigurationTemplates = [1, n0, _CTo,
    0, () => ConfigurationTemplate$
];
var CopyValueEntries = [1, n0, _CVEo,
    0, () => CopyValueEntry$
];
var DataSourceFilters = [1, n0, _DSFa,
    0, () => DataSourceFilter$
];
var Deliveries = [1, n0, _Del,
    0, () => Delivery$
];
var DeliveryDestinations = [1, n0, _DDe,
    0, () => DeliveryDestination$
];
var DeliverySourceConfigurationSchemas = [1, n0, _DSCSe,
    0, () => DeliverySourceConfigurationSchema$
];
var DeliverySources = [1, n0, _DSel,
    0, () => DeliverySource$
];
var Destinations = [1, n0, _Des,
    0, () => Destination$
];
var ExportTasks = [1, n0, _ETx,
    0, () => ExportTask$
];
var FieldIndexes = [1, n0, _FIi,
    0, () => FieldIndex$
];
var FilteredLogEvents = [1, n0, _FLEi,
    0, () => FilteredLogEvent$
];
var GroupingIdentifiers = [1, n0, _GIr,
    0, () => GroupingIdentifier$
];
var ImportBatchList = [1, n0, _IBL,
    0, () => ImportBatch$
];
var ImportList = [1, n0, _IL,
    0, () => Import$
];
var IndexPolicies = [1, n0, _IPn,
    0, () => IndexPolicy$
];
var InputLogEvents = [1, n0, _ILEn,
    0, () => InputLogEvent$
];
var IntegrationSummaries = [1, n0, _ISnt,
    0, () => IntegrationSummary$
];
var LiveTailSessionResults = [1, n0, _LTSR,
    0, () => LiveTailSessionLogEvent$
];
var LogFieldsList = [1, n0, _LFL,
    0, () => LogFieldsListItem$
];
var LogGroupFieldList = [1, n0, _LGFL,
    0, () => LogGroupField$
];
var LogGroupImpacts = [1, n0, _LGIo,
    0, () => LogGroupImpact$
];
var LogGroups = [1, n0, _LGo,
    0, () => LogGroup$
];
var LogGroupSummaries = [1, n0, _LGSo,
    0, () => LogGroupSummary$
];
var LogSamples = [1, n0, _LSo,
    0, () => LogEvent$
];
var LogStreams = [1, n0, _LSog,
    0, () => LogStream$
];
var LookupTables = [1, n0, _LTo,
    0, () => LookupTable$
];
var MetricFilterMatches = [1, n0, _MFM,
    0, () => MetricFilterMatchRecord$
];
var MetricFilters = [1, n0, _MFe,
    0, () => MetricFilter$
];
var MetricTransformations = [1, n0, _MTe,
    0, () => MetricTransformation$
];
var MoveKeyEntries = [1, n0, _MKEo,
    0, () => MoveKeyEntry$
];
var OutputLogEvents = [1, n0, _OLEu,
    0, () => OutputLogEvent$
];
var PatternTokens = [1, n0, _PTa,
    0, () => PatternToken$
];
var Processors = [1, n0, _Pro,
    0, () => Processor$
];
var QueryDefinitionList = [1, n0, _QDL,
    0, () => QueryDefinition$
];
var QueryInfoList = [1, n0, _QIL,
    0, () => QueryInfo$
];
var QueryParameterList = [1, n0, _QPL,
    0, () => QueryParameter$
];
var QueryResults = [1, n0, _QR,
    0, () => ResultRows
];
var RenameKeyEntries = [1, n0, _RKEe,
    0, () => RenameKeyEntry$
];
var ResourcePolicies = [1, n0, _RPe,
    0, () => ResourcePolicy$
];
var ResultRows = [1, n0, _RR,
    0, () => ResultField$
];
var S3TableIntegrationSources = [1, n0, _STISa,
    0, () => S3TableIntegrationSource$
];
var ScheduledQueryDestinationList = [1, n0, _SQDL,
    0, () => ScheduledQueryDestination$
];
var ScheduledQuerySummaryList = [1, n0, _SQSL,
    0, () => ScheduledQuerySummary$
];
var SearchedLogStreams = [1, n0, _SLSe,
    0, () => SearchedLogStream$
];
var SplitStringEntries = [1, n0, _SSEpl,
    0, () => SplitStringEntry$
];
var SubscriptionFilters = [1, n0, _SFu,
    0, () => SubscriptionFilter$
];
var SubstituteStringEntries = [1, n0, _SSEub,
    0, () => SubstituteStringEntry$
];
var SyslogConfigurations = [1, n0, _SCys,
    0, () => SyslogConfiguration$
];
var TagFilters = [1, n0, _TFa,
    0, () => TagFilter$
];
var TransformedLogs = [1, n0, _TL,
    0, () => TransformedLogRecord$
];
var TriggerHistoryRecordList = [1, n0, _THRL,
    0, () => TriggerHistoryRecord$
];
var TypeConverterEntries = [1, n0, _TCEy,
    0, () => TypeConverterEntry$
];
var GetLogObjectResponseStream$ = [4, n0, _GLORS,
    { [_str]: 1 },
    [_fi, _ISEn],
    [() => FieldsData$, [() => InternalStreamingException$, 0]]
];
var IntegrationDetails$ = [4, n0, _ID,
    0,
    [_oSID],
    [() => OpenSearchIntegrationDetails$]
];
var ResourceConfig$ = [4, n0, _RC,
    0,
    [_oSRC],
    [() => OpenSearchResourceConfig$]
];
var StartLiveTailResponseStream$ = [4, n0, _SLTRS,
    { [_str]: 1 },
    [_sSe, _sUe, _STE, _SSE],
    [() => LiveTailSessionStart$, () => LiveTailSessionUpdate$, [() => SessionTimeoutException$, 0], [() => SessionStreamingException$, 0]]
];
var AssociateKmsKey$ = [9, n0, _AKK,
    0, () => AssociateKmsKeyRequest$, () => __Unit
];
var AssociateSourceToS3TableIntegration$ = [9, n0, _ASTSTI,
    0, () => AssociateSourceToS3TableIntegrationRequest$, () => AssociateSourceToS3TableIntegrationResponse$
];
var CancelExportTask$ = [9, n0, _CET,
    0, () => CancelExportTaskRequest$, () => __Unit
];
var CancelImportTask$ = [9, n0, _CIT,
    0, () => CancelImportTaskRequest$, () => CancelImportTaskResponse$
];
var CreateDelivery$ = [9, n0, _CD,
    0, () => CreateDeliveryRequest$, () => CreateDeliveryResponse$
];
var CreateExportTask$ = [9, n0, _CETr,
    0, () => CreateExportTaskRequest$, () => CreateExportTaskResponse$
];
var CreateImportTask$ = [9, n0, _CITr,
    0, () => CreateImportTaskRequest$, () => CreateImportTaskResponse$
];
var CreateLogAnomalyDetector$ = [9, n0, _CLAD,
    0, () => CreateLogAnomalyDetectorRequest$, () => CreateLogAnomalyDetectorResponse$
];
var CreateLogGroup$ = [9, n0, _CLG,
    0, () => CreateLogGroupRequest$, () => __Unit
];
var CreateLogStream$ = [9, n0, _CLS,
    0, () => CreateLogStreamRequest$, () => __Unit
];
var CreateLookupTable$ = [9, n0, _CLT,
    0, () => CreateLookupTableRequest$, () => CreateLookupTableResponse$
];
var CreateScheduledQuery$ = [9, n0, _CSQ,
    0, () => CreateScheduledQueryRequest$, () => CreateScheduledQueryResponse$
];
var DeleteAccountPolicy$ = [9, n0, _DAP,
    0, () => DeleteAccountPolicyRequest$, () => DeleteAccountPolicyResponse$
];
var DeleteDataProtectionPolicy$ = [9, n0, _DDPP,
    0, () => DeleteDataProtectionPolicyRequest$, () => __Unit
];
var DeleteDelivery$ = [9, n0, _DDel,
    0, () => DeleteDeliveryRequest$, () => __Unit
];
var DeleteDeliveryDestination$ = [9, n0, _DDD,
    0, () => DeleteDeliveryDestinationRequest$, () => __Unit
];
var DeleteDeliveryDestinationPolicy$ = [9, n0, _DDDP,
    0, () => DeleteDeliveryDestinationPolicyRequest$, () => __Unit
];
var DeleteDeliverySource$ = [9, n0, _DDS,
    0, () => DeleteDeliverySourceRequest$, () => __Unit
];
var DeleteDestination$ = [9, n0, _DDele,
    0, () => DeleteDestinationRequest$, () => __Unit
];
var DeleteIndexPolicy$ = [9, n0, _DIP,
    0, () => DeleteIndexPolicyRequest$, () => DeleteIndexPolicyResponse$
];
var DeleteIntegration$ = [9, n0, _DI,
    0, () => DeleteIntegrationRequest$, () => DeleteIntegrationResponse$
];
var DeleteLogAnomalyDetector$ = [9, n0, _DLAD,
    0, () => DeleteLogAnomalyDetectorRequest$, () => __Unit
];
var DeleteLogGroup$ = [9, n0, _DLG,
    0, () => DeleteLogGroupRequest$, () => __Unit
];
var DeleteLogStream$ = [9, n0, _DLS,
    0, () => DeleteLogStreamRequest$, () => __Unit
];
var DeleteLookupTable$ = [9, n0, _DLT,
    0, () => DeleteLookupTableRequest$, () => __Unit
];
var DeleteMetricFilter$ = [9, n0, _DMF,
    0, () => DeleteMetricFilterRequest$, () => __Unit
];
var DeleteQueryDefinition$ = [9, n0, _DQD,
    0, () => DeleteQueryDefinitionRequest$, () => DeleteQueryDefinitionResponse$
];
var DeleteResourcePolicy$ = [9, n0, _DRP,
    0, () => DeleteResourcePolicyRequest$, () => __Unit
];
var DeleteRetentionPolicy$ = [9, n0, _DRPe,
    0, () => DeleteRetentionPolicyRequest$, () => __Unit
];
var DeleteScheduledQuery$ = [9, n0, _DSQ,
    0, () => DeleteScheduledQueryRequest$, () => DeleteScheduledQueryResponse$
];
var DeleteSubscriptionFilter$ = [9, n0, _DSFe,
    0, () => DeleteSubscriptionFilterRequest$, () => __Unit
];
var DeleteSyslogConfiguration$ = [9, n0, _DSC,
    0, () => DeleteSyslogConfigurationRequest$, () => __Unit
];
var DeleteTransformer$ = [9, n0, _DT,
    0, () => DeleteTransformerRequest$, () => __Unit
];
var DescribeAccountPolicies$ = [9, n0, _DAPe,
    0, () => DescribeAccountPoliciesRequest$, () => DescribeAccountPoliciesResponse$
];
var DescribeConfigurationTemplates$ = [9, n0, _DCT,
    0, () => DescribeConfigurationTemplatesRequest$, () => DescribeConfigurationTemplatesResponse$
];
var DescribeDeliveries$ = [9, n0, _DDes,
    0, () => DescribeDeliveriesRequest$, () => DescribeDeliveriesResponse$
];
var DescribeDeliveryDestinations$ = [9, n0, _DDDe,
    0, () => DescribeDeliveryDestinationsRequest$, () => DescribeDeliveryDestinationsResponse$
];
var DescribeDeliverySources$ = [9, n0, _DDSe,
    0, () => DescribeDeliverySourcesRequest$, () => DescribeDeliverySourcesResponse$
];
var DescribeDestinations$ = [9, n0, _DDesc,
    0, () => DescribeDestinationsRequest$, () => DescribeDestinationsResponse$
];
var DescribeExportTasks$ = [9, n0, _DET,
    0, () => DescribeExportTasksRequest$, () => DescribeExportTasksResponse$
];
var DescribeFieldIndexes$ = [9, n0, _DFI,
    0, () => DescribeFieldIndexesRequest$, () => DescribeFieldIndexesResponse$
];
var DescribeImportTaskBatches$ = [9, n0, _DITB,
    0, () => DescribeImportTaskBatchesRequest$, () => DescribeImportTaskBatchesResponse$
];
var DescribeImportTasks$ = [9, n0, _DIT,
    0, () => DescribeImportTasksRequest$, () => DescribeImportTasksResponse$
];
var DescribeIndexPolicies$ = [9, n0, _DIPe,
    0, () => DescribeIndexPoliciesRequest$, () => DescribeIndexPoliciesResponse$
];
var DescribeLogGroups$ = [9, n0, _DLGe,
    0, () => DescribeLogGroupsRequest$, () => DescribeLogGroupsResponse$
];
var DescribeLogStreams$ = [9, n0, _DLSe,
    0, () => DescribeLogStreamsRequest$, () => DescribeLogStreamsResponse$
];
var DescribeLookupTables$ = [9, n0, _DLTe,
    0, () => DescribeLookupTablesRequest$, () => DescribeLookupTablesResponse$
];
var DescribeMetricFilters$ = [9, n0, _DMFe,
    0, () => DescribeMetricFiltersRequest$, () => DescribeMetricFiltersResponse$
];
var DescribeQueries$ = [9, n0, _DQ,
    0, () => DescribeQueriesRequest$, () => DescribeQueriesResponse$
];
var DescribeQueryDefinitions$ = [9, n0, _DQDe,
    0, () => DescribeQueryDefinitionsRequest$, () => DescribeQueryDefinitionsResponse$
];
var DescribeResourcePolicies$ = [9, n0, _DRPes,
    0, () => DescribeResourcePoliciesRequest$, () => DescribeResourcePoliciesResponse$
];
var DescribeSubscriptionFilters$ = [9, n0, _DSFes,
    0, () => DescribeSubscriptionFiltersRequest$, () => DescribeSubscriptionFiltersResponse$
];
var DisassociateKmsKey$ = [9, n0, _DKK,
    0, () => DisassociateKmsKeyRequest$, () => __Unit
];
var DisassociateSourceFromS3TableIntegration$ = [9, n0, _DSFSTI,
    0, () => DisassociateSourceFromS3TableIntegrationRequest$, () => DisassociateSourceFromS3TableIntegrationResponse$
];
var FilterLogEvents$ = [9, n0, _FLEil,
    0, () => FilterLogEventsRequest$, () => FilterLogEventsResponse$
];
var GetDataProtectionPolicy$ = [9, n0, _GDPP,
    0, () => GetDataProtectionPolicyRequest$, () => GetDataProtectionPolicyResponse$
];
var GetDelivery$ = [9, n0, _GD,
    0, () => GetDeliveryRequest$, () => GetDeliveryResponse$
];
var GetDeliveryDestination$ = [9, n0, _GDD,
    0, () => GetDeliveryDestinationRequest$, () => GetDeliveryDestinationResponse$
];
var GetDeliveryDestinationPolicy$ = [9, n0, _GDDP,
    0, () => GetDeliveryDestinationPolicyRequest$, () => GetDeliveryDestinationPolicyResponse$
];
var GetDeliverySource$ = [9, n0, _GDS,
    0, () => GetDeliverySourceRequest$, () => GetDeliverySourceResponse$
];
var GetIntegration$ = [9, n0, _GIe,
    0, () => GetIntegrationRequest$, () => GetIntegrationResponse$
];
var GetLogAnomalyDetector$ = [9, n0, _GLAD,
    0, () => GetLogAnomalyDetectorRequest$, () => GetLogAnomalyDetectorResponse$
];
var GetLogEvents$ = [9, n0, _GLE,
    0, () => GetLogEventsRequest$, () => GetLogEventsResponse$
];
var GetLogFields$ = [9, n0, _GLF,
    0, () => GetLogFieldsRequest$, () => GetLogFieldsResponse$
];
var GetLogGroupFields$ = [9, n0, _GLGF,
    0, () => GetLogGroupFieldsRequest$, () => GetLogGroupFieldsResponse$
];
var GetLogObject$ = [9, n0, _GLO,
    { [_end]: ["stream-"] }, () => GetLogObjectRequest$, () => GetLogObjectResponse$
];
var GetLogRecord$ = [9, n0, _GLR,
    0, () => GetLogRecordRequest$, () => GetLogRecordResponse$
];
var GetLookupTable$ = [9, n0, _GLT,
    0, () => GetLookupTableRequest$, () => GetLookupTableResponse$
];
var GetQueryResults$ = [9, n0, _GQR,
    0, () => GetQueryResultsRequest$, () => GetQueryResultsResponse$
];
var GetScheduledQuery$ = [9, n0, _GSQ,
    0, () => GetScheduledQueryRequest$, () => GetScheduledQueryResponse$
];
var GetScheduledQueryHistory$ = [9, n0, _GSQH,
    0, () => GetScheduledQueryHistoryRequest$, () => GetScheduledQueryHistoryResponse$
];
var GetStorageTierPolicy$ = [9, n0, _GSTP,
    0, () => GetStorageTierPolicyRequest$, () => GetStorageTierPolicyResponse$
];
var GetTransformer$ = [9, n0, _GT,
    0, () => GetTransformerRequest$, () => GetTransformerResponse$
];
var ListAggregateLogGroupSummaries$ = [9, n0, _LALGS,
    0, () => ListAggregateLogGroupSummariesRequest$, () => ListAggregateLogGroupSummariesResponse$
];
var ListAnomalies$ = [9, n0, _LA,
    0, () => ListAnomaliesRequest$, () => ListAnomaliesResponse$
];
var ListIntegrations$ = [9, n0, _LI,
    0, () => ListIntegrationsRequest$, () => ListIntegrationsResponse$
];
var ListLogAnomalyDetectors$ = [9, n0, _LLAD,
    0, () => ListLogAnomalyDetectorsRequest$, () => ListLogAnomalyDetectorsResponse$
];
var ListLogGroups$ = [9, n0, _LLG,
    0, () => ListLogGroupsRequest$, () => ListLogGroupsResponse$
];
var ListLogGroupsForQuery$ = [9, n0, _LLGFQ,
    0, () => ListLogGroupsForQueryRequest$, () => ListLogGroupsForQueryResponse$
];
var ListScheduledQueries$ = [9, n0, _LSQ,
    0, () => ListScheduledQueriesRequest$, () => ListScheduledQueriesResponse$
];
var ListSourcesForS3TableIntegration$ = [9, n0, _LSFSTI,
    0, () => ListSourcesForS3TableIntegrationRequest$, () => ListSourcesForS3TableIntegrationResponse$
];
var ListSyslogConfigurations$ = [9, n0, _LSC,
    0, () => ListSyslogConfigurationsRequest$, () => ListSyslogConfigurationsResponse$
];
var ListTagsForResource$ = [9, n0, _LTFR,
    0, () => ListTagsForResourceRequest$, () => ListTagsForResourceResponse$
];
var ListTagsLogGroup$ = [9, n0, _LTLG,
    0, () => ListTagsLogGroupRequest$, () => ListTagsLogGroupResponse$
];
var PutAccountPolicy$ = [9, n0, _PAP,
    0, () => PutAccountPolicyRequest$, () => PutAccountPolicyResponse$
];
var PutBearerTokenAuthentication$ = [9, n0, _PBTA,
    0, () => PutBearerTokenAuthenticationRequest$, () => __Unit
];
var PutDataProtectionPolicy$ = [9, n0, _PDPP,
    0, () => PutDataProtectionPolicyRequest$, () => PutDataProtectionPolicyResponse$
];
var PutDeliveryDestination$ = [9, n0, _PDD,
    0, () => PutDeliveryDestinationRequest$, () => PutDeliveryDestinationResponse$
];
var PutDeliveryDestinationPolicy$ = [9, n0, _PDDP,
    0, () => PutDeliveryDestinationPolicyRequest$, () => PutDeliveryDestinationPolicyResponse$
];
var PutDeliverySource$ = [9, n0, _PDS,
    0, () => PutDeliverySourceRequest$, () => PutDeliverySourceResponse$
];
var PutDestination$ = [9, n0, _PD,
    0, () => PutDestinationRequest$, () => PutDestinationResponse$
];
var PutDestinationPolicy$ = [9, n0, _PDP,
    0, () => PutDestinationPolicyRequest$, () => __Unit
];
var PutIndexPolicy$ = [9, n0, _PIP,
    0, () => PutIndexPolicyRequest$, () => PutIndexPolicyResponse$
];
var PutIntegration$ = [9, n0, _PI,
    0, () => PutIntegrationRequest$, () => PutIntegrationResponse$
];
var PutLogEvents$ = [9, n0, _PLE,
    0, () => PutLogEventsRequest$, () => PutLogEventsResponse$
];
var PutLogGroupDeletionProtection$ = [9, n0, _PLGDP,
    0, () => PutLogGroupDeletionProtectionRequest$, () => __Unit
];
var PutMetricFilter$ = [9, n0, _PMF,
    0, () => PutMetricFilterRequest$, () => __Unit
];
var PutQueryDefinition$ = [9, n0, _PQD,
    0, () => PutQueryDefinitionRequest$, () => PutQueryDefinitionResponse$
];
var PutResourcePolicy$ = [9, n0, _PRP,
    0, () => PutResourcePolicyRequest$, () => PutResourcePolicyResponse$
];
var PutRetentionPolicy$ = [9, n0, _PRPu,
    0, () => PutRetentionPolicyRequest$, () => __Unit
];
var PutStorageTierPolicy$ = [9, n0, _PSTP,
    0, () => PutStorageTierPolicyRequest$, () => PutStorageTierPolicyResponse$
];
var PutSubscriptionFilter$ = [9, n0, _PSF,
    0, () => PutSubscriptionFilterRequest$, () => __Unit
];
var PutSyslogConfiguration$ = [9, n0, _PSC,
    0, () => PutSyslogConfigurationRequest$, () => __Unit
];
var PutTransformer$ = [9, n0, _PTu,
    0, () => PutTransformerRequest$, () => __Unit
];
var StartLiveTail$ = [9, n0, _SLT,
    { [_end]: ["stream-"] }, () => StartLiveTailRequest$, () => StartLiveTailResponse$
];
var StartQuery$ = [9, n0, _SQ,
    0, () => StartQueryRequest$, () => StartQueryResponse$
];
var StopQuery$ = [9, n0, _SQt,
    0, () => StopQueryRequest$, () => StopQueryResponse$
];
var TagLogGroup$ = [9, n0, _TLG,
    0, () => TagLogGroupRequest$, () => __Unit
];
var TagResource$ = [9, n0, _TR,
    0, () => TagResourceRequest$, () => __Unit
];
var TestMetricFilter$ = [9, n0, _TMF,
    0, () => TestMetricFilterRequest$, () => TestMetricFilterResponse$
];
var TestTransformer$ = [9, n0, _TT,
    0, () => TestTransformerRequest$, () => TestTransformerResponse$
];
var UntagLogGroup$ = [9, n0, _ULG,
    0, () => UntagLogGroupRequest$, () => __Unit
];
var UntagResource$ = [9, n0, _UR,
    0, () => UntagResourceRequest$, () => __Unit
];
var UpdateAnomaly$ = [9, n0, _UA,
    0, () => UpdateAnomalyRequest$, () => __Unit
];
var UpdateDeliveryConfiguration$ = [9, n0, _UDC,
    0, () => UpdateDeliveryConfigurationRequest$, () => UpdateDeliveryConfigurationResponse$
];
var UpdateLogAnomalyDetector$ = [9, n0, _ULAD,
    0, () => UpdateLogAnomalyDetectorRequest$, () => __Unit
];
var UpdateLookupTable$ = [9, n0, _ULT,
    0, () => UpdateLookupTableRequest$, () => UpdateLookupTableResponse$
];
var UpdateScheduledQuery$ = [9, n0, _USQ,
    0, () => UpdateScheduledQueryRequest$, () => UpdateScheduledQueryResponse$
];

const getRuntimeConfig$1 = (config) => {
    return {
        apiVersion: "2014-03-28",
        base64Decoder: config?.base64Decoder ?? fromBase64,
        base64Encoder: config?.base64Encoder ?? toBase64,
        disableHostPrefix: config?.disableHostPrefix ?? false,
        endpointProvider: config?.endpointProvider ?? defaultEndpointResolver,
        extensions: config?.extensions ?? [],
        httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultCloudWatchLogsHttpAuthSchemeProvider,
        httpAuthSchemes: config?.httpAuthSchemes ?? [
            {
                schemeId: "aws.auth#sigv4",
                identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4"),
                signer: new AwsSdkSigV4Signer(),
            },
        ],
        logger: config?.logger ?? new NoOpLogger(),
        protocol: config?.protocol ?? AwsJson1_1Protocol,
        protocolSettings: config?.protocolSettings ?? {
            defaultNamespace: "com.amazonaws.cloudwatchlogs",
            errorTypeRegistries,
            xmlNamespace: "http://monitoring.amazonaws.com/doc/2014-03-28/",
            version: "2014-03-28",
            serviceTarget: "Logs_20140328",
        },
        serviceId: config?.serviceId ?? "CloudWatch Logs",
        sha256: config?.sha256 ?? Sha256,
        urlParser: config?.urlParser ?? parseUrl,
        utf8Decoder: config?.utf8Decoder ?? fromUtf8,
        utf8Encoder: config?.utf8Encoder ?? toUtf8,
    };
};

const getRuntimeConfig = (config) => {
    emitWarningIfUnsupportedVersion(process.version);
    const defaultsMode = resolveDefaultsModeConfig(config);
    const defaultConfigProvider = () => defaultsMode().then(loadConfigsForDefaultMode);
    const clientSharedValues = getRuntimeConfig$1(config);
    emitWarningIfUnsupportedVersion$1(process.version);
    const loaderConfig = {
        profile: config?.profile,
        logger: clientSharedValues.logger,
    };
    return {
        ...clientSharedValues,
        ...config,
        runtime: "node",
        defaultsMode,
        authSchemePreference: config?.authSchemePreference ?? loadConfig(NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
        bodyLengthChecker: config?.bodyLengthChecker ?? calculateBodyLength,
        credentialDefaultProvider: config?.credentialDefaultProvider ?? defaultProvider,
        defaultSocketTimeout: getDefaultSocketTimeout(config?.requestHandler, 300_000),
        defaultUserAgentProvider: config?.defaultUserAgentProvider ?? createDefaultUserAgentProvider({ serviceId: clientSharedValues.serviceId, clientVersion: packageInfo.version }),
        eventStreamSerdeProvider: config?.eventStreamSerdeProvider ?? eventStreamSerdeProvider,
        maxAttempts: config?.maxAttempts ?? loadConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
        region: config?.region ?? loadConfig(NODE_REGION_CONFIG_OPTIONS, { ...NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
        requestHandler: NodeHttpHandler.create(config?.requestHandler ?? defaultConfigProvider),
        retryMode: config?.retryMode ??
            loadConfig({
                ...NODE_RETRY_MODE_CONFIG_OPTIONS,
                default: async () => (await defaultConfigProvider()).retryMode || DEFAULT_RETRY_MODE,
            }, config),
        streamCollector: config?.streamCollector ?? streamCollector,
        useDualstackEndpoint: config?.useDualstackEndpoint ?? loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        useFipsEndpoint: config?.useFipsEndpoint ?? loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        userAgentAppId: config?.userAgentAppId ?? loadConfig(NODE_APP_ID_CONFIG_OPTIONS, loaderConfig),
    };
};

const getHttpAuthExtensionConfiguration = (runtimeConfig) => {
    const _httpAuthSchemes = runtimeConfig.httpAuthSchemes;
    let _httpAuthSchemeProvider = runtimeConfig.httpAuthSchemeProvider;
    let _credentials = runtimeConfig.credentials;
    return {
        setHttpAuthScheme(httpAuthScheme) {
            const index = _httpAuthSchemes.findIndex((scheme) => scheme.schemeId === httpAuthScheme.schemeId);
            if (index === -1) {
                _httpAuthSchemes.push(httpAuthScheme);
            }
            else {
                _httpAuthSchemes.splice(index, 1, httpAuthScheme);
            }
        },
        httpAuthSchemes() {
            return _httpAuthSchemes;
        },
        setHttpAuthSchemeProvider(httpAuthSchemeProvider) {
            _httpAuthSchemeProvider = httpAuthSchemeProvider;
        },
        httpAuthSchemeProvider() {
            return _httpAuthSchemeProvider;
        },
        setCredentials(credentials) {
            _credentials = credentials;
        },
        credentials() {
            return _credentials;
        },
    };
};
const resolveHttpAuthRuntimeConfig = (config) => {
    return {
        httpAuthSchemes: config.httpAuthSchemes(),
        httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
        credentials: config.credentials(),
    };
};

const resolveRuntimeExtensions = (runtimeConfig, extensions) => {
    const extensionConfiguration = Object.assign(getAwsRegionExtensionConfiguration(runtimeConfig), getDefaultExtensionConfiguration(runtimeConfig), getHttpHandlerExtensionConfiguration(runtimeConfig), getHttpAuthExtensionConfiguration(runtimeConfig));
    extensions.forEach((extension) => extension.configure(extensionConfiguration));
    return Object.assign(runtimeConfig, resolveAwsRegionExtensionConfiguration(extensionConfiguration), resolveDefaultRuntimeConfig(extensionConfiguration), resolveHttpHandlerRuntimeConfig(extensionConfiguration), resolveHttpAuthRuntimeConfig(extensionConfiguration));
};

class CloudWatchLogsClient extends Client {
    config;
    constructor(...[configuration]) {
        const _config_0 = getRuntimeConfig(configuration || {});
        super(_config_0);
        this.initConfig = _config_0;
        const _config_1 = resolveClientEndpointParameters(_config_0);
        const _config_2 = resolveUserAgentConfig(_config_1);
        const _config_3 = resolveRetryConfig(_config_2);
        const _config_4 = resolveRegionConfig(_config_3);
        const _config_5 = resolveHostHeaderConfig(_config_4);
        const _config_6 = resolveEndpointConfig(_config_5);
        const _config_7 = resolveEventStreamSerdeConfig(_config_6);
        const _config_8 = resolveHttpAuthSchemeConfig(_config_7);
        const _config_9 = resolveRuntimeExtensions(_config_8, configuration?.extensions || []);
        this.config = _config_9;
        this.middlewareStack.use(getSchemaSerdePlugin(this.config));
        this.middlewareStack.use(getUserAgentPlugin(this.config));
        this.middlewareStack.use(getRetryPlugin(this.config));
        this.middlewareStack.use(getContentLengthPlugin(this.config));
        this.middlewareStack.use(getHostHeaderPlugin(this.config));
        this.middlewareStack.use(getLoggerPlugin(this.config));
        this.middlewareStack.use(getRecursionDetectionPlugin(this.config));
        this.middlewareStack.use(getHttpAuthSchemeEndpointRuleSetPlugin(this.config, {
            httpAuthSchemeParametersProvider: defaultCloudWatchLogsHttpAuthSchemeParametersProvider,
            identityProviderConfigProvider: async (config) => new DefaultIdentityProviderConfig({
                "aws.auth#sigv4": config.credentials,
            }),
        }));
        this.middlewareStack.use(getHttpSigningPlugin(this.config));
    }
    destroy() {
        super.destroy();
    }
}

const command = makeBuilder(commonParams, "Logs_20140328", "CloudWatchLogsClient", getEndpointPlugin);
const _ep0 = {};
const _mw0 = (Command, cs, config, o) => [];

class AssociateKmsKeyCommand extends command(_ep0, _mw0, "AssociateKmsKey", AssociateKmsKey$) {
}

class AssociateSourceToS3TableIntegrationCommand extends command(_ep0, _mw0, "AssociateSourceToS3TableIntegration", AssociateSourceToS3TableIntegration$) {
}

class CancelExportTaskCommand extends command(_ep0, _mw0, "CancelExportTask", CancelExportTask$) {
}

class CancelImportTaskCommand extends command(_ep0, _mw0, "CancelImportTask", CancelImportTask$) {
}

class CreateDeliveryCommand extends command(_ep0, _mw0, "CreateDelivery", CreateDelivery$) {
}

class CreateExportTaskCommand extends command(_ep0, _mw0, "CreateExportTask", CreateExportTask$) {
}

class CreateImportTaskCommand extends command(_ep0, _mw0, "CreateImportTask", CreateImportTask$) {
}

class CreateLogAnomalyDetectorCommand extends command(_ep0, _mw0, "CreateLogAnomalyDetector", CreateLogAnomalyDetector$) {
}

class CreateLogGroupCommand extends command(_ep0, _mw0, "CreateLogGroup", CreateLogGroup$) {
}

class CreateLogStreamCommand extends command(_ep0, _mw0, "CreateLogStream", CreateLogStream$) {
}

class CreateLookupTableCommand extends command(_ep0, _mw0, "CreateLookupTable", CreateLookupTable$) {
}

class CreateScheduledQueryCommand extends command(_ep0, _mw0, "CreateScheduledQuery", CreateScheduledQuery$) {
}

class DeleteAccountPolicyCommand extends command(_ep0, _mw0, "DeleteAccountPolicy", DeleteAccountPolicy$) {
}

class DeleteDataProtectionPolicyCommand extends command(_ep0, _mw0, "DeleteDataProtectionPolicy", DeleteDataProtectionPolicy$) {
}

class DeleteDeliveryCommand extends command(_ep0, _mw0, "DeleteDelivery", DeleteDelivery$) {
}

class DeleteDeliveryDestinationCommand extends command(_ep0, _mw0, "DeleteDeliveryDestination", DeleteDeliveryDestination$) {
}

class DeleteDeliveryDestinationPolicyCommand extends command(_ep0, _mw0, "DeleteDeliveryDestinationPolicy", DeleteDeliveryDestinationPolicy$) {
}

class DeleteDeliverySourceCommand extends command(_ep0, _mw0, "DeleteDeliverySource", DeleteDeliverySource$) {
}

class DeleteDestinationCommand extends command(_ep0, _mw0, "DeleteDestination", DeleteDestination$) {
}

class DeleteIndexPolicyCommand extends command(_ep0, _mw0, "DeleteIndexPolicy", DeleteIndexPolicy$) {
}

class DeleteIntegrationCommand extends command(_ep0, _mw0, "DeleteIntegration", DeleteIntegration$) {
}

class DeleteLogAnomalyDetectorCommand extends command(_ep0, _mw0, "DeleteLogAnomalyDetector", DeleteLogAnomalyDetector$) {
}

class DeleteLogGroupCommand extends command(_ep0, _mw0, "DeleteLogGroup", DeleteLogGroup$) {
}

class DeleteLogStreamCommand extends command(_ep0, _mw0, "DeleteLogStream", DeleteLogStream$) {
}

class DeleteLookupTableCommand extends command(_ep0, _mw0, "DeleteLookupTable", DeleteLookupTable$) {
}

class DeleteMetricFilterCommand extends command(_ep0, _mw0, "DeleteMetricFilter", DeleteMetricFilter$) {
}

class DeleteQueryDefinitionCommand extends command(_ep0, _mw0, "DeleteQueryDefinition", DeleteQueryDefinition$) {
}

class DeleteResourcePolicyCommand extends command(_ep0, _mw0, "DeleteResourcePolicy", DeleteResourcePolicy$) {
}

class DeleteRetentionPolicyCommand extends command(_ep0, _mw0, "DeleteRetentionPolicy", DeleteRetentionPolicy$) {
}

class DeleteScheduledQueryCommand extends command(_ep0, _mw0, "DeleteScheduledQuery", DeleteScheduledQuery$) {
}

class DeleteSubscriptionFilterCommand extends command(_ep0, _mw0, "DeleteSubscriptionFilter", DeleteSubscriptionFilter$) {
}

class DeleteSyslogConfigurationCommand extends command(_ep0, _mw0, "DeleteSyslogConfiguration", DeleteSyslogConfiguration$) {
}

class DeleteTransformerCommand extends command(_ep0, _mw0, "DeleteTransformer", DeleteTransformer$) {
}

class DescribeAccountPoliciesCommand extends command(_ep0, _mw0, "DescribeAccountPolicies", DescribeAccountPolicies$) {
}

class DescribeConfigurationTemplatesCommand extends command(_ep0, _mw0, "DescribeConfigurationTemplates", DescribeConfigurationTemplates$) {
}

class DescribeDeliveriesCommand extends command(_ep0, _mw0, "DescribeDeliveries", DescribeDeliveries$) {
}

class DescribeDeliveryDestinationsCommand extends command(_ep0, _mw0, "DescribeDeliveryDestinations", DescribeDeliveryDestinations$) {
}

class DescribeDeliverySourcesCommand extends command(_ep0, _mw0, "DescribeDeliverySources", DescribeDeliverySources$) {
}

class DescribeDestinationsCommand extends command(_ep0, _mw0, "DescribeDestinations", DescribeDestinations$) {
}

class DescribeExportTasksCommand extends command(_ep0, _mw0, "DescribeExportTasks", DescribeExportTasks$) {
}

class DescribeFieldIndexesCommand extends command(_ep0, _mw0, "DescribeFieldIndexes", DescribeFieldIndexes$) {
}

class DescribeImportTaskBatchesCommand extends command(_ep0, _mw0, "DescribeImportTaskBatches", DescribeImportTaskBatches$) {
}

class DescribeImportTasksCommand extends command(_ep0, _mw0, "DescribeImportTasks", DescribeImportTasks$) {
}

class DescribeIndexPoliciesCommand extends command(_ep0, _mw0, "DescribeIndexPolicies", DescribeIndexPolicies$) {
}

class DescribeLogGroupsCommand extends command(_ep0, _mw0, "DescribeLogGroups", DescribeLogGroups$) {
}

class DescribeLogStreamsCommand extends command(_ep0, _mw0, "DescribeLogStreams", DescribeLogStreams$) {
}

class DescribeLookupTablesCommand extends command(_ep0, _mw0, "DescribeLookupTables", DescribeLookupTables$) {
}

class DescribeMetricFiltersCommand extends command(_ep0, _mw0, "DescribeMetricFilters", DescribeMetricFilters$) {
}

class DescribeQueriesCommand extends command(_ep0, _mw0, "DescribeQueries", DescribeQueries$) {
}

class DescribeQueryDefinitionsCommand extends command(_ep0, _mw0, "DescribeQueryDefinitions", DescribeQueryDefinitions$) {
}

class DescribeResourcePoliciesCommand extends command(_ep0, _mw0, "DescribeResourcePolicies", DescribeResourcePolicies$) {
}

class DescribeSubscriptionFiltersCommand extends command(_ep0, _mw0, "DescribeSubscriptionFilters", DescribeSubscriptionFilters$) {
}

class DisassociateKmsKeyCommand extends command(_ep0, _mw0, "DisassociateKmsKey", DisassociateKmsKey$) {
}

class DisassociateSourceFromS3TableIntegrationCommand extends command(_ep0, _mw0, "DisassociateSourceFromS3TableIntegration", DisassociateSourceFromS3TableIntegration$) {
}

class FilterLogEventsCommand extends command(_ep0, _mw0, "FilterLogEvents", FilterLogEvents$) {
}

class GetDataProtectionPolicyCommand extends command(_ep0, _mw0, "GetDataProtectionPolicy", GetDataProtectionPolicy$) {
}

class GetDeliveryCommand extends command(_ep0, _mw0, "GetDelivery", GetDelivery$) {
}

class GetDeliveryDestinationCommand extends command(_ep0, _mw0, "GetDeliveryDestination", GetDeliveryDestination$) {
}

class GetDeliveryDestinationPolicyCommand extends command(_ep0, _mw0, "GetDeliveryDestinationPolicy", GetDeliveryDestinationPolicy$) {
}

class GetDeliverySourceCommand extends command(_ep0, _mw0, "GetDeliverySource", GetDeliverySource$) {
}

class GetIntegrationCommand extends command(_ep0, _mw0, "GetIntegration", GetIntegration$) {
}

class GetLogAnomalyDetectorCommand extends command(_ep0, _mw0, "GetLogAnomalyDetector", GetLogAnomalyDetector$) {
}

class GetLogEventsCommand extends command(_ep0, _mw0, "GetLogEvents", GetLogEvents$) {
}

class GetLogFieldsCommand extends command(_ep0, _mw0, "GetLogFields", GetLogFields$) {
}

class GetLogGroupFieldsCommand extends command(_ep0, _mw0, "GetLogGroupFields", GetLogGroupFields$) {
}

class GetLogObjectCommand extends command(_ep0, _mw0, "GetLogObject", GetLogObject$) {
}

class GetLogRecordCommand extends command(_ep0, _mw0, "GetLogRecord", GetLogRecord$) {
}

class GetLookupTableCommand extends command(_ep0, _mw0, "GetLookupTable", GetLookupTable$) {
}

class GetQueryResultsCommand extends command(_ep0, _mw0, "GetQueryResults", GetQueryResults$) {
}

class GetScheduledQueryCommand extends command(_ep0, _mw0, "GetScheduledQuery", GetScheduledQuery$) {
}

class GetScheduledQueryHistoryCommand extends command(_ep0, _mw0, "GetScheduledQueryHistory", GetScheduledQueryHistory$) {
}

class GetStorageTierPolicyCommand extends command(_ep0, _mw0, "GetStorageTierPolicy", GetStorageTierPolicy$) {
}

class GetTransformerCommand extends command(_ep0, _mw0, "GetTransformer", GetTransformer$) {
}

class ListAggregateLogGroupSummariesCommand extends command(_ep0, _mw0, "ListAggregateLogGroupSummaries", ListAggregateLogGroupSummaries$) {
}

class ListAnomaliesCommand extends command(_ep0, _mw0, "ListAnomalies", ListAnomalies$) {
}

class ListIntegrationsCommand extends command(_ep0, _mw0, "ListIntegrations", ListIntegrations$) {
}

class ListLogAnomalyDetectorsCommand extends command(_ep0, _mw0, "ListLogAnomalyDetectors", ListLogAnomalyDetectors$) {
}

class ListLogGroupsCommand extends command(_ep0, _mw0, "ListLogGroups", ListLogGroups$) {
}

class ListLogGroupsForQueryCommand extends command(_ep0, _mw0, "ListLogGroupsForQuery", ListLogGroupsForQuery$) {
}

class ListScheduledQueriesCommand extends command(_ep0, _mw0, "ListScheduledQueries", ListScheduledQueries$) {
}

class ListSourcesForS3TableIntegrationCommand extends command(_ep0, _mw0, "ListSourcesForS3TableIntegration", ListSourcesForS3TableIntegration$) {
}

class ListSyslogConfigurationsCommand extends command(_ep0, _mw0, "ListSyslogConfigurations", ListSyslogConfigurations$) {
}

class ListTagsForResourceCommand extends command(_ep0, _mw0, "ListTagsForResource", ListTagsForResource$) {
}

class ListTagsLogGroupCommand extends command(_ep0, _mw0, "ListTagsLogGroup", ListTagsLogGroup$) {
}

class PutAccountPolicyCommand extends command(_ep0, _mw0, "PutAccountPolicy", PutAccountPolicy$) {
}

class PutBearerTokenAuthenticationCommand extends command(_ep0, _mw0, "PutBearerTokenAuthentication", PutBearerTokenAuthentication$) {
}

class PutDataProtectionPolicyCommand extends command(_ep0, _mw0, "PutDataProtectionPolicy", PutDataProtectionPolicy$) {
}

class PutDeliveryDestinationCommand extends command(_ep0, _mw0, "PutDeliveryDestination", PutDeliveryDestination$) {
}

class PutDeliveryDestinationPolicyCommand extends command(_ep0, _mw0, "PutDeliveryDestinationPolicy", PutDeliveryDestinationPolicy$) {
}

class PutDeliverySourceCommand extends command(_ep0, _mw0, "PutDeliverySource", PutDeliverySource$) {
}

class PutDestinationCommand extends command(_ep0, _mw0, "PutDestination", PutDestination$) {
}

class PutDestinationPolicyCommand extends command(_ep0, _mw0, "PutDestinationPolicy", PutDestinationPolicy$) {
}

class PutIndexPolicyCommand extends command(_ep0, _mw0, "PutIndexPolicy", PutIndexPolicy$) {
}

class PutIntegrationCommand extends command(_ep0, _mw0, "PutIntegration", PutIntegration$) {
}

class PutLogEventsCommand extends command(_ep0, _mw0, "PutLogEvents", PutLogEvents$) {
}

class PutLogGroupDeletionProtectionCommand extends command(_ep0, _mw0, "PutLogGroupDeletionProtection", PutLogGroupDeletionProtection$) {
}

class PutMetricFilterCommand extends command(_ep0, _mw0, "PutMetricFilter", PutMetricFilter$) {
}

class PutQueryDefinitionCommand extends command(_ep0, _mw0, "PutQueryDefinition", PutQueryDefinition$) {
}

class PutResourcePolicyCommand extends command(_ep0, _mw0, "PutResourcePolicy", PutResourcePolicy$) {
}

class PutRetentionPolicyCommand extends command(_ep0, _mw0, "PutRetentionPolicy", PutRetentionPolicy$) {
}

class PutStorageTierPolicyCommand extends command(_ep0, _mw0, "PutStorageTierPolicy", PutStorageTierPolicy$) {
}

class PutSubscriptionFilterCommand extends command(_ep0, _mw0, "PutSubscriptionFilter", PutSubscriptionFilter$) {
}

class PutSyslogConfigurationCommand extends command(_ep0, _mw0, "PutSyslogConfiguration", PutSyslogConfiguration$) {
}

class PutTransformerCommand extends command(_ep0, _mw0, "PutTransformer", PutTransformer$) {
}

class StartLiveTailCommand extends command(_ep0, _mw0, "StartLiveTail", StartLiveTail$) {
}

class StartQueryCommand extends command(_ep0, _mw0, "StartQuery", StartQuery$) {
}

class StopQueryCommand extends command(_ep0, _mw0, "StopQuery", StopQuery$) {
}

class TagLogGroupCommand extends command(_ep0, _mw0, "TagLogGroup", TagLogGroup$) {
}

class TagResourceCommand extends command(_ep0, _mw0, "TagResource", TagResource$) {
}

class TestMetricFilterCommand extends command(_ep0, _mw0, "TestMetricFilter", TestMetricFilter$) {
}

class TestTransformerCommand extends command(_ep0, _mw0, "TestTransformer", TestTransformer$) {
}

class UntagLogGroupCommand extends command(_ep0, _mw0, "UntagLogGroup", UntagLogGroup$) {
}

class UntagResourceCommand extends command(_ep0, _mw0, "UntagResource", UntagResource$) {
}

class UpdateAnomalyCommand extends command(_ep0, _mw0, "UpdateAnomaly", UpdateAnomaly$) {
}

class UpdateDeliveryConfigurationCommand extends command(_ep0, _mw0, "UpdateDeliveryConfiguration", UpdateDeliveryConfiguration$) {
}

class UpdateLogAnomalyDetectorCommand extends command(_ep0, _mw0, "UpdateLogAnomalyDetector", UpdateLogAnomalyDetector$) {
}

class UpdateLookupTableCommand extends command(_ep0, _mw0, "UpdateLookupTable", UpdateLookupTable$) {
}

class UpdateScheduledQueryCommand extends command(_ep0, _mw0, "UpdateScheduledQuery", UpdateScheduledQuery$) {
}

const paginateDescribeConfigurationTemplates = createPaginator(CloudWatchLogsClient, DescribeConfigurationTemplatesCommand, "nextToken", "nextToken", "limit");

const paginateDescribeDeliveries = createPaginator(CloudWatchLogsClient, DescribeDeliveriesCommand, "nextToken", "nextToken", "limit");

const paginateDescribeDeliveryDestinations = createPaginator(CloudWatchLogsClient, DescribeDeliveryDestinationsCommand, "nextToken", "nextToken", "limit");

const paginateDescribeDeliverySources = createPaginator(CloudWatchLogsClient, DescribeDeliverySourcesCommand, "nextToken", "nextToken", "limit");

const paginateDescribeDestinations = createPaginator(CloudWatchLogsClient, DescribeDestinationsCommand, "nextToken", "nextToken", "limit");

const paginateDescribeLogGroups = createPaginator(CloudWatchLogsClient, DescribeLogGroupsCommand, "nextToken", "nextToken", "limit");

const paginateDescribeLogStreams = createPaginator(CloudWatchLogsClient, DescribeLogStreamsCommand, "nextToken", "nextToken", "limit");

const paginateDescribeMetricFilters = createPaginator(CloudWatchLogsClient, DescribeMetricFiltersCommand, "nextToken", "nextToken", "limit");

const paginateDescribeSubscriptionFilters = createPaginator(CloudWatchLogsClient, DescribeSubscriptionFiltersCommand, "nextToken", "nextToken", "limit");

const paginateFilterLogEvents = createPaginator(CloudWatchLogsClient, FilterLogEventsCommand, "nextToken", "nextToken", "limit");

const paginateGetLogEvents = createPaginator(CloudWatchLogsClient, GetLogEventsCommand, "nextToken", "nextForwardToken", "limit");

const paginateGetScheduledQueryHistory = createPaginator(CloudWatchLogsClient, GetScheduledQueryHistoryCommand, "nextToken", "nextToken", "maxResults");

const paginateListAggregateLogGroupSummaries = createPaginator(CloudWatchLogsClient, ListAggregateLogGroupSummariesCommand, "nextToken", "nextToken", "limit");

const paginateListAnomalies = createPaginator(CloudWatchLogsClient, ListAnomaliesCommand, "nextToken", "nextToken", "limit");

const paginateListLogAnomalyDetectors = createPaginator(CloudWatchLogsClient, ListLogAnomalyDetectorsCommand, "nextToken", "nextToken", "limit");

const paginateListLogGroupsForQuery = createPaginator(CloudWatchLogsClient, ListLogGroupsForQueryCommand, "nextToken", "nextToken", "maxResults");

const paginateListScheduledQueries = createPaginator(CloudWatchLogsClient, ListScheduledQueriesCommand, "nextToken", "nextToken", "maxResults");

const paginateListSourcesForS3TableIntegration = createPaginator(CloudWatchLogsClient, ListSourcesForS3TableIntegrationCommand, "nextToken", "nextToken", "maxResults");

const commands = {
    AssociateKmsKeyCommand,
    AssociateSourceToS3TableIntegrationCommand,
    CancelExportTaskCommand,
    CancelImportTaskCommand,
    CreateDeliveryCommand,
    CreateExportTaskCommand,
    CreateImportTaskCommand,
    CreateLogAnomalyDetectorCommand,
    CreateLogGroupCommand,
    CreateLogStreamCommand,
    CreateLookupTableCommand,
    CreateScheduledQueryCommand,
    DeleteAccountPolicyCommand,
    DeleteDataProtectionPolicyCommand,
    DeleteDeliveryCommand,
    DeleteDeliveryDestinationCommand,
    DeleteDeliveryDestinationPolicyCommand,
    DeleteDeliverySourceCommand,
    DeleteDestinationCommand,
    DeleteIndexPolicyCommand,
    DeleteIntegrationCommand,
    DeleteLogAnomalyDetectorCommand,
    DeleteLogGroupCommand,
    DeleteLogStreamCommand,
    DeleteLookupTableCommand,
    DeleteMetricFilterCommand,
    DeleteQueryDefinitionCommand,
    DeleteResourcePolicyCommand,
    DeleteRetentionPolicyCommand,
    DeleteScheduledQueryCommand,
    DeleteSubscriptionFilterCommand,
    DeleteSyslogConfigurationCommand,
    DeleteTransformerCommand,
    DescribeAccountPoliciesCommand,
    DescribeConfigurationTemplatesCommand,
    DescribeDeliveriesCommand,
    DescribeDeliveryDestinationsCommand,
    DescribeDeliverySourcesCommand,
    DescribeDestinationsCommand,
    DescribeExportTasksCommand,
    DescribeFieldIndexesCommand,
    DescribeImportTaskBatchesCommand,
    DescribeImportTasksCommand,
    DescribeIndexPoliciesCommand,
    DescribeLogGroupsCommand,
    DescribeLogStreamsCommand,
    DescribeLookupTablesCommand,
    DescribeMetricFiltersCommand,
    DescribeQueriesCommand,
    DescribeQueryDefinitionsCommand,
    DescribeResourcePoliciesCommand,
    DescribeSubscriptionFiltersCommand,
    DisassociateKmsKeyCommand,
    DisassociateSourceFromS3TableIntegrationCommand,
    FilterLogEventsCommand,
    GetDataProtectionPolicyCommand,
    GetDeliveryCommand,
    GetDeliveryDestinationCommand,
    GetDeliveryDestinationPolicyCommand,
    GetDeliverySourceCommand,
    GetIntegrationCommand,
    GetLogAnomalyDetectorCommand,
    GetLogEventsCommand,
    GetLogFieldsCommand,
    GetLogGroupFieldsCommand,
    GetLogObjectCommand,
    GetLogRecordCommand,
    GetLookupTableCommand,
    GetQueryResultsCommand,
    GetScheduledQueryCommand,
    GetScheduledQueryHistoryCommand,
    GetStorageTierPolicyCommand,
    GetTransformerCommand,
    ListAggregateLogGroupSummariesCommand,
    ListAnomaliesCommand,
    ListIntegrationsCommand,
    ListLogAnomalyDetectorsCommand,
    ListLogGroupsCommand,
    ListLogGroupsForQueryCommand,
    ListScheduledQueriesCommand,
    ListSourcesForS3TableIntegrationCommand,
    ListSyslogConfigurationsCommand,
    ListTagsForResourceCommand,
    ListTagsLogGroupCommand,
    PutAccountPolicyCommand,
    PutBearerTokenAuthenticationCommand,
    PutDataProtectionPolicyCommand,
    PutDeliveryDestinationCommand,
    PutDeliveryDestinationPolicyCommand,
    PutDeliverySourceCommand,
    PutDestinationCommand,
    PutDestinationPolicyCommand,
    PutIndexPolicyCommand,
    PutIntegrationCommand,
    PutLogEventsCommand,
    PutLogGroupDeletionProtectionCommand,
    PutMetricFilterCommand,
    PutQueryDefinitionCommand,
    PutResourcePolicyCommand,
    PutRetentionPolicyCommand,
    PutStorageTierPolicyCommand,
    PutSubscriptionFilterCommand,
    PutSyslogConfigurationCommand,
    PutTransformerCommand,
    StartLiveTailCommand,
    StartQueryCommand,
    StopQueryCommand,
    TagLogGroupCommand,
    TagResourceCommand,
    TestMetricFilterCommand,
    TestTransformerCommand,
    UntagLogGroupCommand,
    UntagResourceCommand,
    UpdateAnomalyCommand,
    UpdateDeliveryConfigurationCommand,
    UpdateLogAnomalyDetectorCommand,
    UpdateLookupTableCommand,
    UpdateScheduledQueryCommand,
};
const paginators = {
    paginateDescribeConfigurationTemplates,
    paginateDescribeDeliveries,
    paginateDescribeDeliveryDestinations,
    paginateDescribeDeliverySources,
    paginateDescribeDestinations,
    paginateDescribeLogGroups,
    paginateDescribeLogStreams,
    paginateDescribeMetricFilters,
    paginateDescribeSubscriptionFilters,
    paginateFilterLogEvents,
    paginateGetLogEvents,
    paginateGetScheduledQueryHistory,
    paginateListAggregateLogGroupSummaries,
    paginateListAnomalies,
    paginateListLogAnomalyDetectors,
    paginateListLogGroupsForQuery,
    paginateListScheduledQueries,
    paginateListSourcesForS3TableIntegration,
};
class CloudWatchLogs extends CloudWatchLogsClient {
}
createAggregatedClient(commands, CloudWatchLogs, { paginators });

const PolicyType = {
    DATA_PROTECTION_POLICY: "DATA_PROTECTION_POLICY",
    FIELD_INDEX_POLICY: "FIELD_INDEX_POLICY",
    METRIC_EXTRACTION_POLICY: "METRIC_EXTRACTION_POLICY",
    RETENTION_POLICY: "RETENTION_POLICY",
    SUBSCRIPTION_FILTER_POLICY: "SUBSCRIPTION_FILTER_POLICY",
    TRANSFORMER_POLICY: "TRANSFORMER_POLICY",
};
const Scope = {
    ALL: "ALL",
};
const ActionStatus = {
    CLIENT_ERROR: "CLIENT_ERROR",
    COMPLETE: "COMPLETE",
    FAILED: "FAILED",
    IN_PROGRESS: "IN_PROGRESS",
};
const State = {
    Active: "Active",
    Baseline: "Baseline",
    Suppressed: "Suppressed",
};
const AnomalyDetectorStatus = {
    ANALYZING: "ANALYZING",
    DELETED: "DELETED",
    FAILED: "FAILED",
    INITIALIZING: "INITIALIZING",
    PAUSED: "PAUSED",
    TRAINING: "TRAINING",
};
const EvaluationFrequency = {
    FIFTEEN_MIN: "FIFTEEN_MIN",
    FIVE_MIN: "FIVE_MIN",
    ONE_HOUR: "ONE_HOUR",
    ONE_MIN: "ONE_MIN",
    TEN_MIN: "TEN_MIN",
    THIRTY_MIN: "THIRTY_MIN",
};
const ImportStatus = {
    CANCELLED: "CANCELLED",
    COMPLETED: "COMPLETED",
    FAILED: "FAILED",
    IN_PROGRESS: "IN_PROGRESS",
};
const OutputFormat = {
    JSON: "json",
    PARQUET: "parquet",
    PLAIN: "plain",
    RAW: "raw",
    W3C: "w3c",
};
const DeliveryDestinationType = {
    CWL: "CWL",
    FH: "FH",
    S3: "S3",
    XRAY: "XRAY",
};
const DeliverySourceConfigurationSchemaValueType = {
    BOOLEAN: "boolean",
    DOUBLE: "double",
    INT: "int",
    LONG: "long",
    STRING: "string",
};
const LogGroupClass = {
    DELIVERY: "DELIVERY",
    ESSENTIALS: "ESSENTIALS",
    INFREQUENT_ACCESS: "INFREQUENT_ACCESS",
    STANDARD: "STANDARD",
};
const QueryLanguage = {
    CWLI: "CWLI",
    PPL: "PPL",
    SQL: "SQL",
};
const ScheduledQueryState = {
    DISABLED: "DISABLED",
    ENABLED: "ENABLED",
};
const DataProtectionStatus = {
    ACTIVATED: "ACTIVATED",
    ARCHIVED: "ARCHIVED",
    DELETED: "DELETED",
    DISABLED: "DISABLED",
};
const DeliverySourceStatus = {
    ACTIVE: "ACTIVE",
    INACTIVE: "INACTIVE",
};
const DeliverySourceStatusReason = {
    RESOURCE_DELETED: "RESOURCE_DELETED",
};
const ExportTaskStatusCode = {
    CANCELLED: "CANCELLED",
    COMPLETED: "COMPLETED",
    FAILED: "FAILED",
    PENDING: "PENDING",
    PENDING_CANCEL: "PENDING_CANCEL",
    RUNNING: "RUNNING",
};
const IndexCategory = {
    AUTO: "AUTO",
    CUSTOM: "CUSTOM",
    DEFAULT: "DEFAULT",
    INACTIVE: "INACTIVE",
};
const IndexType = {
    FACET: "FACET",
    FIELD_INDEX: "FIELD_INDEX",
};
const IndexSource = {
    ACCOUNT: "ACCOUNT",
    LOG_GROUP: "LOG_GROUP",
};
const InheritedProperty = {
    ACCOUNT_DATA_PROTECTION: "ACCOUNT_DATA_PROTECTION",
};
const OrderBy = {
    LastEventTime: "LastEventTime",
    LogStreamName: "LogStreamName",
};
const StandardUnit = {
    Bits: "Bits",
    BitsSecond: "Bits/Second",
    Bytes: "Bytes",
    BytesSecond: "Bytes/Second",
    Count: "Count",
    CountSecond: "Count/Second",
    Gigabits: "Gigabits",
    GigabitsSecond: "Gigabits/Second",
    Gigabytes: "Gigabytes",
    GigabytesSecond: "Gigabytes/Second",
    Kilobits: "Kilobits",
    KilobitsSecond: "Kilobits/Second",
    Kilobytes: "Kilobytes",
    KilobytesSecond: "Kilobytes/Second",
    Megabits: "Megabits",
    MegabitsSecond: "Megabits/Second",
    Megabytes: "Megabytes",
    MegabytesSecond: "Megabytes/Second",
    Microseconds: "Microseconds",
    Milliseconds: "Milliseconds",
    None: "None",
    Percent: "Percent",
    Seconds: "Seconds",
    Terabits: "Terabits",
    TerabitsSecond: "Terabits/Second",
    Terabytes: "Terabytes",
    TerabytesSecond: "Terabytes/Second",
};
const QueryStatus = {
    Cancelled: "Cancelled",
    Complete: "Complete",
    Failed: "Failed",
    Running: "Running",
    Scheduled: "Scheduled",
    Timeout: "Timeout",
    Unknown: "Unknown",
};
const PolicyScope = {
    ACCOUNT: "ACCOUNT",
    RESOURCE: "RESOURCE",
};
const Distribution = {
    ByLogStream: "ByLogStream",
    Random: "Random",
};
const EntityRejectionErrorType = {
    ENTITY_SIZE_TOO_LARGE: "EntitySizeTooLarge",
    INVALID_ATTRIBUTES: "InvalidAttributes",
    INVALID_ENTITY: "InvalidEntity",
    INVALID_KEY_ATTRIBUTE: "InvalidKeyAttributes",
    INVALID_TYPE_VALUE: "InvalidTypeValue",
    MISSING_REQUIRED_FIELDS: "MissingRequiredFields",
    UNSUPPORTED_LOG_GROUP_TYPE: "UnsupportedLogGroupType",
};
const EventSource = {
    AWSWAF: "AWSWAF",
    CLOUD_TRAIL: "CloudTrail",
    EKS_AUDIT: "EKSAudit",
    ROUTE53_RESOLVER: "Route53Resolver",
    VPC_FLOW: "VPCFlow",
};
const ExecutionStatus = {
    Complete: "Complete",
    Failed: "Failed",
    InvalidQuery: "InvalidQuery",
    Running: "Running",
    Timeout: "Timeout",
};
const FlattenedElement = {
    FIRST: "first",
    LAST: "last",
};
const OpenSearchResourceStatusType = {
    ACTIVE: "ACTIVE",
    ERROR: "ERROR",
    NOT_FOUND: "NOT_FOUND",
};
const IntegrationStatus = {
    ACTIVE: "ACTIVE",
    FAILED: "FAILED",
    PROVISIONING: "PROVISIONING",
};
const IntegrationType = {
    OPENSEARCH: "OPENSEARCH",
};
const ScheduleType = {
    AWS_MANAGED: "AWS_MANAGED",
    CUSTOMER_MANAGED: "CUSTOMER_MANAGED",
};
const ScheduledQueryDestinationType = {
    LOOKUP_TABLE: "LOOKUP_TABLE",
    S3: "S3",
};
const StorageTier = {
    INTELLIGENT_TIERING: "INTELLIGENT_TIERING",
    STANDARD: "STANDARD",
};
const OCSFVersion = {
    V1_1: "V1.1",
    V1_5: "V1.5",
};
const Type = {
    BOOLEAN: "boolean",
    DOUBLE: "double",
    INTEGER: "integer",
    STRING: "string",
};
const ListAggregateLogGroupSummariesGroupBy = {
    DATA_SOURCE_NAME_AND_TYPE: "DATA_SOURCE_NAME_AND_TYPE",
    DATA_SOURCE_NAME_TYPE_AND_FORMAT: "DATA_SOURCE_NAME_TYPE_AND_FORMAT",
};
const SuppressionState = {
    SUPPRESSED: "SUPPRESSED",
    UNSUPPRESSED: "UNSUPPRESSED",
};
const S3TableIntegrationSourceStatus = {
    ACTIVE: "ACTIVE",
    DATA_SOURCE_DELETE_IN_PROGRESS: "DATA_SOURCE_DELETE_IN_PROGRESS",
    FAILED: "FAILED",
    UNHEALTHY: "UNHEALTHY",
};
const SyslogSourceType = {
    VPCE: "VPCE",
};
const SuppressionUnit = {
    HOURS: "HOURS",
    MINUTES: "MINUTES",
    SECONDS: "SECONDS",
};
const SuppressionType = {
    INFINITE: "INFINITE",
    LIMITED: "LIMITED",
};

__webpack_unused_export__ = AccessDeniedException;
__webpack_unused_export__ = AccessDeniedException$;
__webpack_unused_export__ = AccountPolicy$;
__webpack_unused_export__ = ActionStatus;
__webpack_unused_export__ = AddKeyEntry$;
__webpack_unused_export__ = AddKeys$;
__webpack_unused_export__ = AggregateLogGroupSummary$;
__webpack_unused_export__ = Anomaly$;
__webpack_unused_export__ = AnomalyDetector$;
__webpack_unused_export__ = AnomalyDetectorStatus;
__webpack_unused_export__ = AssociateKmsKey$;
__webpack_unused_export__ = AssociateKmsKeyCommand;
__webpack_unused_export__ = AssociateKmsKeyRequest$;
__webpack_unused_export__ = AssociateSourceToS3TableIntegration$;
__webpack_unused_export__ = AssociateSourceToS3TableIntegrationCommand;
__webpack_unused_export__ = AssociateSourceToS3TableIntegrationRequest$;
__webpack_unused_export__ = AssociateSourceToS3TableIntegrationResponse$;
__webpack_unused_export__ = CSV$;
__webpack_unused_export__ = CancelExportTask$;
__webpack_unused_export__ = CancelExportTaskCommand;
__webpack_unused_export__ = CancelExportTaskRequest$;
__webpack_unused_export__ = CancelImportTask$;
__webpack_unused_export__ = CancelImportTaskCommand;
__webpack_unused_export__ = CancelImportTaskRequest$;
__webpack_unused_export__ = CancelImportTaskResponse$;
__webpack_unused_export__ = CloudWatchLogs;
exports.TFr = CloudWatchLogsClient;
__webpack_unused_export__ = CloudWatchLogsServiceException;
__webpack_unused_export__ = CloudWatchLogsServiceException$;
__webpack_unused_export__ = ConfigurationTemplate$;
__webpack_unused_export__ = ConfigurationTemplateDeliveryConfigValues$;
__webpack_unused_export__ = ConflictException;
__webpack_unused_export__ = ConflictException$;
__webpack_unused_export__ = CopyValue$;
__webpack_unused_export__ = CopyValueEntry$;
__webpack_unused_export__ = CreateDelivery$;
__webpack_unused_export__ = CreateDeliveryCommand;
__webpack_unused_export__ = CreateDeliveryRequest$;
__webpack_unused_export__ = CreateDeliveryResponse$;
__webpack_unused_export__ = CreateExportTask$;
__webpack_unused_export__ = CreateExportTaskCommand;
__webpack_unused_export__ = CreateExportTaskRequest$;
__webpack_unused_export__ = CreateExportTaskResponse$;
__webpack_unused_export__ = CreateImportTask$;
__webpack_unused_export__ = CreateImportTaskCommand;
__webpack_unused_export__ = CreateImportTaskRequest$;
__webpack_unused_export__ = CreateImportTaskResponse$;
__webpack_unused_export__ = CreateLogAnomalyDetector$;
__webpack_unused_export__ = CreateLogAnomalyDetectorCommand;
__webpack_unused_export__ = CreateLogAnomalyDetectorRequest$;
__webpack_unused_export__ = CreateLogAnomalyDetectorResponse$;
__webpack_unused_export__ = CreateLogGroup$;
__webpack_unused_export__ = CreateLogGroupCommand;
__webpack_unused_export__ = CreateLogGroupRequest$;
__webpack_unused_export__ = CreateLogStream$;
__webpack_unused_export__ = CreateLogStreamCommand;
__webpack_unused_export__ = CreateLogStreamRequest$;
__webpack_unused_export__ = CreateLookupTable$;
__webpack_unused_export__ = CreateLookupTableCommand;
__webpack_unused_export__ = CreateLookupTableRequest$;
__webpack_unused_export__ = CreateLookupTableResponse$;
__webpack_unused_export__ = CreateScheduledQuery$;
__webpack_unused_export__ = CreateScheduledQueryCommand;
__webpack_unused_export__ = CreateScheduledQueryRequest$;
__webpack_unused_export__ = CreateScheduledQueryResponse$;
__webpack_unused_export__ = DataAlreadyAcceptedException;
__webpack_unused_export__ = DataAlreadyAcceptedException$;
__webpack_unused_export__ = DataProtectionStatus;
__webpack_unused_export__ = DataSource$;
__webpack_unused_export__ = DataSourceFilter$;
__webpack_unused_export__ = DateTimeConverter$;
__webpack_unused_export__ = DeleteAccountPolicy$;
__webpack_unused_export__ = DeleteAccountPolicyCommand;
__webpack_unused_export__ = DeleteAccountPolicyRequest$;
__webpack_unused_export__ = DeleteAccountPolicyResponse$;
__webpack_unused_export__ = DeleteDataProtectionPolicy$;
__webpack_unused_export__ = DeleteDataProtectionPolicyCommand;
__webpack_unused_export__ = DeleteDataProtectionPolicyRequest$;
__webpack_unused_export__ = DeleteDelivery$;
__webpack_unused_export__ = DeleteDeliveryCommand;
__webpack_unused_export__ = DeleteDeliveryDestination$;
__webpack_unused_export__ = DeleteDeliveryDestinationCommand;
__webpack_unused_export__ = DeleteDeliveryDestinationPolicy$;
__webpack_unused_export__ = DeleteDeliveryDestinationPolicyCommand;
__webpack_unused_export__ = DeleteDeliveryDestinationPolicyRequest$;
__webpack_unused_export__ = DeleteDeliveryDestinationRequest$;
__webpack_unused_export__ = DeleteDeliveryRequest$;
__webpack_unused_export__ = DeleteDeliverySource$;
__webpack_unused_export__ = DeleteDeliverySourceCommand;
__webpack_unused_export__ = DeleteDeliverySourceRequest$;
__webpack_unused_export__ = DeleteDestination$;
__webpack_unused_export__ = DeleteDestinationCommand;
__webpack_unused_export__ = DeleteDestinationRequest$;
__webpack_unused_export__ = DeleteIndexPolicy$;
__webpack_unused_export__ = DeleteIndexPolicyCommand;
__webpack_unused_export__ = DeleteIndexPolicyRequest$;
__webpack_unused_export__ = DeleteIndexPolicyResponse$;
__webpack_unused_export__ = DeleteIntegration$;
__webpack_unused_export__ = DeleteIntegrationCommand;
__webpack_unused_export__ = DeleteIntegrationRequest$;
__webpack_unused_export__ = DeleteIntegrationResponse$;
__webpack_unused_export__ = DeleteKeys$;
__webpack_unused_export__ = DeleteLogAnomalyDetector$;
__webpack_unused_export__ = DeleteLogAnomalyDetectorCommand;
__webpack_unused_export__ = DeleteLogAnomalyDetectorRequest$;
__webpack_unused_export__ = DeleteLogGroup$;
__webpack_unused_export__ = DeleteLogGroupCommand;
__webpack_unused_export__ = DeleteLogGroupRequest$;
__webpack_unused_export__ = DeleteLogStream$;
__webpack_unused_export__ = DeleteLogStreamCommand;
__webpack_unused_export__ = DeleteLogStreamRequest$;
__webpack_unused_export__ = DeleteLookupTable$;
__webpack_unused_export__ = DeleteLookupTableCommand;
__webpack_unused_export__ = DeleteLookupTableRequest$;
__webpack_unused_export__ = DeleteMetricFilter$;
__webpack_unused_export__ = DeleteMetricFilterCommand;
__webpack_unused_export__ = DeleteMetricFilterRequest$;
__webpack_unused_export__ = DeleteQueryDefinition$;
__webpack_unused_export__ = DeleteQueryDefinitionCommand;
__webpack_unused_export__ = DeleteQueryDefinitionRequest$;
__webpack_unused_export__ = DeleteQueryDefinitionResponse$;
__webpack_unused_export__ = DeleteResourcePolicy$;
__webpack_unused_export__ = DeleteResourcePolicyCommand;
__webpack_unused_export__ = DeleteResourcePolicyRequest$;
__webpack_unused_export__ = DeleteRetentionPolicy$;
__webpack_unused_export__ = DeleteRetentionPolicyCommand;
__webpack_unused_export__ = DeleteRetentionPolicyRequest$;
__webpack_unused_export__ = DeleteScheduledQuery$;
__webpack_unused_export__ = DeleteScheduledQueryCommand;
__webpack_unused_export__ = DeleteScheduledQueryRequest$;
__webpack_unused_export__ = DeleteScheduledQueryResponse$;
__webpack_unused_export__ = DeleteSubscriptionFilter$;
__webpack_unused_export__ = DeleteSubscriptionFilterCommand;
__webpack_unused_export__ = DeleteSubscriptionFilterRequest$;
__webpack_unused_export__ = DeleteSyslogConfiguration$;
__webpack_unused_export__ = DeleteSyslogConfigurationCommand;
__webpack_unused_export__ = DeleteSyslogConfigurationRequest$;
__webpack_unused_export__ = DeleteTransformer$;
__webpack_unused_export__ = DeleteTransformerCommand;
__webpack_unused_export__ = DeleteTransformerRequest$;
__webpack_unused_export__ = Delivery$;
__webpack_unused_export__ = DeliveryDestination$;
__webpack_unused_export__ = DeliveryDestinationConfiguration$;
__webpack_unused_export__ = DeliveryDestinationType;
__webpack_unused_export__ = DeliverySource$;
__webpack_unused_export__ = DeliverySourceConfigurationSchema$;
__webpack_unused_export__ = DeliverySourceConfigurationSchemaValueType;
__webpack_unused_export__ = DeliverySourceStatus;
__webpack_unused_export__ = DeliverySourceStatusReason;
__webpack_unused_export__ = DescribeAccountPolicies$;
__webpack_unused_export__ = DescribeAccountPoliciesCommand;
__webpack_unused_export__ = DescribeAccountPoliciesRequest$;
__webpack_unused_export__ = DescribeAccountPoliciesResponse$;
__webpack_unused_export__ = DescribeConfigurationTemplates$;
__webpack_unused_export__ = DescribeConfigurationTemplatesCommand;
__webpack_unused_export__ = DescribeConfigurationTemplatesRequest$;
__webpack_unused_export__ = DescribeConfigurationTemplatesResponse$;
__webpack_unused_export__ = DescribeDeliveries$;
__webpack_unused_export__ = DescribeDeliveriesCommand;
__webpack_unused_export__ = DescribeDeliveriesRequest$;
__webpack_unused_export__ = DescribeDeliveriesResponse$;
__webpack_unused_export__ = DescribeDeliveryDestinations$;
__webpack_unused_export__ = DescribeDeliveryDestinationsCommand;
__webpack_unused_export__ = DescribeDeliveryDestinationsRequest$;
__webpack_unused_export__ = DescribeDeliveryDestinationsResponse$;
__webpack_unused_export__ = DescribeDeliverySources$;
__webpack_unused_export__ = DescribeDeliverySourcesCommand;
__webpack_unused_export__ = DescribeDeliverySourcesRequest$;
__webpack_unused_export__ = DescribeDeliverySourcesResponse$;
__webpack_unused_export__ = DescribeDestinations$;
__webpack_unused_export__ = DescribeDestinationsCommand;
__webpack_unused_export__ = DescribeDestinationsRequest$;
__webpack_unused_export__ = DescribeDestinationsResponse$;
__webpack_unused_export__ = DescribeExportTasks$;
__webpack_unused_export__ = DescribeExportTasksCommand;
__webpack_unused_export__ = DescribeExportTasksRequest$;
__webpack_unused_export__ = DescribeExportTasksResponse$;
__webpack_unused_export__ = DescribeFieldIndexes$;
__webpack_unused_export__ = DescribeFieldIndexesCommand;
__webpack_unused_export__ = DescribeFieldIndexesRequest$;
__webpack_unused_export__ = DescribeFieldIndexesResponse$;
__webpack_unused_export__ = DescribeImportTaskBatches$;
__webpack_unused_export__ = DescribeImportTaskBatchesCommand;
__webpack_unused_export__ = DescribeImportTaskBatchesRequest$;
__webpack_unused_export__ = DescribeImportTaskBatchesResponse$;
__webpack_unused_export__ = DescribeImportTasks$;
__webpack_unused_export__ = DescribeImportTasksCommand;
__webpack_unused_export__ = DescribeImportTasksRequest$;
__webpack_unused_export__ = DescribeImportTasksResponse$;
__webpack_unused_export__ = DescribeIndexPolicies$;
__webpack_unused_export__ = DescribeIndexPoliciesCommand;
__webpack_unused_export__ = DescribeIndexPoliciesRequest$;
__webpack_unused_export__ = DescribeIndexPoliciesResponse$;
__webpack_unused_export__ = DescribeLogGroups$;
__webpack_unused_export__ = DescribeLogGroupsCommand;
__webpack_unused_export__ = DescribeLogGroupsRequest$;
__webpack_unused_export__ = DescribeLogGroupsResponse$;
__webpack_unused_export__ = DescribeLogStreams$;
__webpack_unused_export__ = DescribeLogStreamsCommand;
__webpack_unused_export__ = DescribeLogStreamsRequest$;
__webpack_unused_export__ = DescribeLogStreamsResponse$;
__webpack_unused_export__ = DescribeLookupTables$;
__webpack_unused_export__ = DescribeLookupTablesCommand;
__webpack_unused_export__ = DescribeLookupTablesRequest$;
__webpack_unused_export__ = DescribeLookupTablesResponse$;
__webpack_unused_export__ = DescribeMetricFilters$;
__webpack_unused_export__ = DescribeMetricFiltersCommand;
__webpack_unused_export__ = DescribeMetricFiltersRequest$;
__webpack_unused_export__ = DescribeMetricFiltersResponse$;
__webpack_unused_export__ = DescribeQueries$;
__webpack_unused_export__ = DescribeQueriesCommand;
__webpack_unused_export__ = DescribeQueriesRequest$;
__webpack_unused_export__ = DescribeQueriesResponse$;
__webpack_unused_export__ = DescribeQueryDefinitions$;
__webpack_unused_export__ = DescribeQueryDefinitionsCommand;
__webpack_unused_export__ = DescribeQueryDefinitionsRequest$;
__webpack_unused_export__ = DescribeQueryDefinitionsResponse$;
__webpack_unused_export__ = DescribeResourcePolicies$;
__webpack_unused_export__ = DescribeResourcePoliciesCommand;
__webpack_unused_export__ = DescribeResourcePoliciesRequest$;
__webpack_unused_export__ = DescribeResourcePoliciesResponse$;
__webpack_unused_export__ = DescribeSubscriptionFilters$;
__webpack_unused_export__ = DescribeSubscriptionFiltersCommand;
__webpack_unused_export__ = DescribeSubscriptionFiltersRequest$;
__webpack_unused_export__ = DescribeSubscriptionFiltersResponse$;
__webpack_unused_export__ = Destination$;
__webpack_unused_export__ = DestinationConfiguration$;
__webpack_unused_export__ = DisassociateKmsKey$;
__webpack_unused_export__ = DisassociateKmsKeyCommand;
__webpack_unused_export__ = DisassociateKmsKeyRequest$;
__webpack_unused_export__ = DisassociateSourceFromS3TableIntegration$;
__webpack_unused_export__ = DisassociateSourceFromS3TableIntegrationCommand;
__webpack_unused_export__ = DisassociateSourceFromS3TableIntegrationRequest$;
__webpack_unused_export__ = DisassociateSourceFromS3TableIntegrationResponse$;
__webpack_unused_export__ = Distribution;
__webpack_unused_export__ = DryRunResult$;
__webpack_unused_export__ = Entity$;
__webpack_unused_export__ = EntityRejectionErrorType;
__webpack_unused_export__ = EvaluationFrequency;
__webpack_unused_export__ = EventSource;
__webpack_unused_export__ = ExecutionStatus;
__webpack_unused_export__ = ExportTask$;
__webpack_unused_export__ = ExportTaskExecutionInfo$;
__webpack_unused_export__ = ExportTaskStatus$;
__webpack_unused_export__ = ExportTaskStatusCode;
__webpack_unused_export__ = FieldIndex$;
__webpack_unused_export__ = FieldsData$;
__webpack_unused_export__ = FilterLogEvents$;
__webpack_unused_export__ = FilterLogEventsCommand;
__webpack_unused_export__ = FilterLogEventsRequest$;
__webpack_unused_export__ = FilterLogEventsResponse$;
__webpack_unused_export__ = FilteredLogEvent$;
__webpack_unused_export__ = FlattenedElement;
__webpack_unused_export__ = GetDataProtectionPolicy$;
__webpack_unused_export__ = GetDataProtectionPolicyCommand;
__webpack_unused_export__ = GetDataProtectionPolicyRequest$;
__webpack_unused_export__ = GetDataProtectionPolicyResponse$;
__webpack_unused_export__ = GetDelivery$;
__webpack_unused_export__ = GetDeliveryCommand;
__webpack_unused_export__ = GetDeliveryDestination$;
__webpack_unused_export__ = GetDeliveryDestinationCommand;
__webpack_unused_export__ = GetDeliveryDestinationPolicy$;
__webpack_unused_export__ = GetDeliveryDestinationPolicyCommand;
__webpack_unused_export__ = GetDeliveryDestinationPolicyRequest$;
__webpack_unused_export__ = GetDeliveryDestinationPolicyResponse$;
__webpack_unused_export__ = GetDeliveryDestinationRequest$;
__webpack_unused_export__ = GetDeliveryDestinationResponse$;
__webpack_unused_export__ = GetDeliveryRequest$;
__webpack_unused_export__ = GetDeliveryResponse$;
__webpack_unused_export__ = GetDeliverySource$;
__webpack_unused_export__ = GetDeliverySourceCommand;
__webpack_unused_export__ = GetDeliverySourceRequest$;
__webpack_unused_export__ = GetDeliverySourceResponse$;
__webpack_unused_export__ = GetIntegration$;
__webpack_unused_export__ = GetIntegrationCommand;
__webpack_unused_export__ = GetIntegrationRequest$;
__webpack_unused_export__ = GetIntegrationResponse$;
__webpack_unused_export__ = GetLogAnomalyDetector$;
__webpack_unused_export__ = GetLogAnomalyDetectorCommand;
__webpack_unused_export__ = GetLogAnomalyDetectorRequest$;
__webpack_unused_export__ = GetLogAnomalyDetectorResponse$;
__webpack_unused_export__ = GetLogEvents$;
exports.h7S = GetLogEventsCommand;
__webpack_unused_export__ = GetLogEventsRequest$;
__webpack_unused_export__ = GetLogEventsResponse$;
__webpack_unused_export__ = GetLogFields$;
__webpack_unused_export__ = GetLogFieldsCommand;
__webpack_unused_export__ = GetLogFieldsRequest$;
__webpack_unused_export__ = GetLogFieldsResponse$;
__webpack_unused_export__ = GetLogGroupFields$;
__webpack_unused_export__ = GetLogGroupFieldsCommand;
__webpack_unused_export__ = GetLogGroupFieldsRequest$;
__webpack_unused_export__ = GetLogGroupFieldsResponse$;
__webpack_unused_export__ = GetLogObject$;
__webpack_unused_export__ = GetLogObjectCommand;
__webpack_unused_export__ = GetLogObjectRequest$;
__webpack_unused_export__ = GetLogObjectResponse$;
__webpack_unused_export__ = GetLogObjectResponseStream$;
__webpack_unused_export__ = GetLogRecord$;
__webpack_unused_export__ = GetLogRecordCommand;
__webpack_unused_export__ = GetLogRecordRequest$;
__webpack_unused_export__ = GetLogRecordResponse$;
__webpack_unused_export__ = GetLookupTable$;
__webpack_unused_export__ = GetLookupTableCommand;
__webpack_unused_export__ = GetLookupTableRequest$;
__webpack_unused_export__ = GetLookupTableResponse$;
__webpack_unused_export__ = GetQueryResults$;
__webpack_unused_export__ = GetQueryResultsCommand;
__webpack_unused_export__ = GetQueryResultsRequest$;
__webpack_unused_export__ = GetQueryResultsResponse$;
__webpack_unused_export__ = GetScheduledQuery$;
__webpack_unused_export__ = GetScheduledQueryCommand;
__webpack_unused_export__ = GetScheduledQueryHistory$;
__webpack_unused_export__ = GetScheduledQueryHistoryCommand;
__webpack_unused_export__ = GetScheduledQueryHistoryRequest$;
__webpack_unused_export__ = GetScheduledQueryHistoryResponse$;
__webpack_unused_export__ = GetScheduledQueryRequest$;
__webpack_unused_export__ = GetScheduledQueryResponse$;
__webpack_unused_export__ = GetStorageTierPolicy$;
__webpack_unused_export__ = GetStorageTierPolicyCommand;
__webpack_unused_export__ = GetStorageTierPolicyRequest$;
__webpack_unused_export__ = GetStorageTierPolicyResponse$;
__webpack_unused_export__ = GetTransformer$;
__webpack_unused_export__ = GetTransformerCommand;
__webpack_unused_export__ = GetTransformerRequest$;
__webpack_unused_export__ = GetTransformerResponse$;
__webpack_unused_export__ = Grok$;
__webpack_unused_export__ = GroupingIdentifier$;
__webpack_unused_export__ = Import$;
__webpack_unused_export__ = ImportBatch$;
__webpack_unused_export__ = ImportFilter$;
__webpack_unused_export__ = ImportStatistics$;
__webpack_unused_export__ = ImportStatus;
__webpack_unused_export__ = IndexCategory;
__webpack_unused_export__ = IndexPolicy$;
__webpack_unused_export__ = IndexSource;
__webpack_unused_export__ = IndexType;
__webpack_unused_export__ = InheritedProperty;
__webpack_unused_export__ = InputLogEvent$;
__webpack_unused_export__ = IntegrationDetails$;
__webpack_unused_export__ = IntegrationStatus;
__webpack_unused_export__ = IntegrationSummary$;
__webpack_unused_export__ = IntegrationType;
__webpack_unused_export__ = InternalServerException;
__webpack_unused_export__ = InternalServerException$;
__webpack_unused_export__ = InternalStreamingException;
__webpack_unused_export__ = InternalStreamingException$;
__webpack_unused_export__ = InvalidOperationException;
__webpack_unused_export__ = InvalidOperationException$;
__webpack_unused_export__ = InvalidParameterException;
__webpack_unused_export__ = InvalidParameterException$;
__webpack_unused_export__ = InvalidSequenceTokenException;
__webpack_unused_export__ = InvalidSequenceTokenException$;
__webpack_unused_export__ = LimitExceededException;
__webpack_unused_export__ = LimitExceededException$;
__webpack_unused_export__ = ListAggregateLogGroupSummaries$;
__webpack_unused_export__ = ListAggregateLogGroupSummariesCommand;
__webpack_unused_export__ = ListAggregateLogGroupSummariesGroupBy;
__webpack_unused_export__ = ListAggregateLogGroupSummariesRequest$;
__webpack_unused_export__ = ListAggregateLogGroupSummariesResponse$;
__webpack_unused_export__ = ListAnomalies$;
__webpack_unused_export__ = ListAnomaliesCommand;
__webpack_unused_export__ = ListAnomaliesRequest$;
__webpack_unused_export__ = ListAnomaliesResponse$;
__webpack_unused_export__ = ListIntegrations$;
__webpack_unused_export__ = ListIntegrationsCommand;
__webpack_unused_export__ = ListIntegrationsRequest$;
__webpack_unused_export__ = ListIntegrationsResponse$;
__webpack_unused_export__ = ListLogAnomalyDetectors$;
__webpack_unused_export__ = ListLogAnomalyDetectorsCommand;
__webpack_unused_export__ = ListLogAnomalyDetectorsRequest$;
__webpack_unused_export__ = ListLogAnomalyDetectorsResponse$;
__webpack_unused_export__ = ListLogGroups$;
__webpack_unused_export__ = ListLogGroupsCommand;
__webpack_unused_export__ = ListLogGroupsForQuery$;
__webpack_unused_export__ = ListLogGroupsForQueryCommand;
__webpack_unused_export__ = ListLogGroupsForQueryRequest$;
__webpack_unused_export__ = ListLogGroupsForQueryResponse$;
__webpack_unused_export__ = ListLogGroupsRequest$;
__webpack_unused_export__ = ListLogGroupsResponse$;
__webpack_unused_export__ = ListScheduledQueries$;
__webpack_unused_export__ = ListScheduledQueriesCommand;
__webpack_unused_export__ = ListScheduledQueriesRequest$;
__webpack_unused_export__ = ListScheduledQueriesResponse$;
__webpack_unused_export__ = ListSourcesForS3TableIntegration$;
__webpack_unused_export__ = ListSourcesForS3TableIntegrationCommand;
__webpack_unused_export__ = ListSourcesForS3TableIntegrationRequest$;
__webpack_unused_export__ = ListSourcesForS3TableIntegrationResponse$;
__webpack_unused_export__ = ListSyslogConfigurations$;
__webpack_unused_export__ = ListSyslogConfigurationsCommand;
__webpack_unused_export__ = ListSyslogConfigurationsRequest$;
__webpack_unused_export__ = ListSyslogConfigurationsResponse$;
__webpack_unused_export__ = ListTagsForResource$;
__webpack_unused_export__ = ListTagsForResourceCommand;
__webpack_unused_export__ = ListTagsForResourceRequest$;
__webpack_unused_export__ = ListTagsForResourceResponse$;
__webpack_unused_export__ = ListTagsLogGroup$;
__webpack_unused_export__ = ListTagsLogGroupCommand;
__webpack_unused_export__ = ListTagsLogGroupRequest$;
__webpack_unused_export__ = ListTagsLogGroupResponse$;
__webpack_unused_export__ = ListToMap$;
__webpack_unused_export__ = LiveTailSessionLogEvent$;
__webpack_unused_export__ = LiveTailSessionMetadata$;
__webpack_unused_export__ = LiveTailSessionStart$;
__webpack_unused_export__ = LiveTailSessionUpdate$;
__webpack_unused_export__ = LogEvent$;
__webpack_unused_export__ = LogFieldType$;
__webpack_unused_export__ = LogFieldsListItem$;
__webpack_unused_export__ = LogGroup$;
__webpack_unused_export__ = LogGroupClass;
__webpack_unused_export__ = LogGroupField$;
__webpack_unused_export__ = LogGroupImpact$;
__webpack_unused_export__ = LogGroupSummary$;
__webpack_unused_export__ = LogStream$;
__webpack_unused_export__ = LookupTable$;
__webpack_unused_export__ = LookupTableConfiguration$;
__webpack_unused_export__ = LowerCaseString$;
__webpack_unused_export__ = MalformedQueryException;
__webpack_unused_export__ = MalformedQueryException$;
__webpack_unused_export__ = MetricFilter$;
__webpack_unused_export__ = MetricFilterMatchRecord$;
__webpack_unused_export__ = MetricTransformation$;
__webpack_unused_export__ = MoveKeyEntry$;
__webpack_unused_export__ = MoveKeys$;
__webpack_unused_export__ = OCSFVersion;
__webpack_unused_export__ = OpenSearchApplication$;
__webpack_unused_export__ = OpenSearchCollection$;
__webpack_unused_export__ = OpenSearchDataAccessPolicy$;
__webpack_unused_export__ = OpenSearchDataSource$;
__webpack_unused_export__ = OpenSearchEncryptionPolicy$;
__webpack_unused_export__ = OpenSearchIntegrationDetails$;
__webpack_unused_export__ = OpenSearchLifecyclePolicy$;
__webpack_unused_export__ = OpenSearchNetworkPolicy$;
__webpack_unused_export__ = OpenSearchResourceConfig$;
__webpack_unused_export__ = OpenSearchResourceStatus$;
__webpack_unused_export__ = OpenSearchResourceStatusType;
__webpack_unused_export__ = OpenSearchWorkspace$;
__webpack_unused_export__ = OperationAbortedException;
__webpack_unused_export__ = OperationAbortedException$;
__webpack_unused_export__ = OrderBy;
__webpack_unused_export__ = OutputFormat;
__webpack_unused_export__ = OutputLogEvent$;
__webpack_unused_export__ = ParseCloudfront$;
__webpack_unused_export__ = ParseJSON$;
__webpack_unused_export__ = ParseKeyValue$;
__webpack_unused_export__ = ParsePostgres$;
__webpack_unused_export__ = ParseRoute53$;
__webpack_unused_export__ = ParseToOCSF$;
__webpack_unused_export__ = ParseVPC$;
__webpack_unused_export__ = ParseWAF$;
__webpack_unused_export__ = PatternToken$;
__webpack_unused_export__ = Policy$;
__webpack_unused_export__ = PolicyScope;
__webpack_unused_export__ = PolicyType;
__webpack_unused_export__ = Processor$;
__webpack_unused_export__ = PutAccountPolicy$;
__webpack_unused_export__ = PutAccountPolicyCommand;
__webpack_unused_export__ = PutAccountPolicyRequest$;
__webpack_unused_export__ = PutAccountPolicyResponse$;
__webpack_unused_export__ = PutBearerTokenAuthentication$;
__webpack_unused_export__ = PutBearerTokenAuthenticationCommand;
__webpack_unused_export__ = PutBearerTokenAuthenticationRequest$;
__webpack_unused_export__ = PutDataProtectionPolicy$;
__webpack_unused_export__ = PutDataProtectionPolicyCommand;
__webpack_unused_export__ = PutDataProtectionPolicyRequest$;
__webpack_unused_export__ = PutDataProtectionPolicyResponse$;
__webpack_unused_export__ = PutDeliveryDestination$;
__webpack_unused_export__ = PutDeliveryDestinationCommand;
__webpack_unused_export__ = PutDeliveryDestinationPolicy$;
__webpack_unused_export__ = PutDeliveryDestinationPolicyCommand;
__webpack_unused_export__ = PutDeliveryDestinationPolicyRequest$;
__webpack_unused_export__ = PutDeliveryDestinationPolicyResponse$;
__webpack_unused_export__ = PutDeliveryDestinationRequest$;
__webpack_unused_export__ = PutDeliveryDestinationResponse$;
__webpack_unused_export__ = PutDeliverySource$;
__webpack_unused_export__ = PutDeliverySourceCommand;
__webpack_unused_export__ = PutDeliverySourceRequest$;
__webpack_unused_export__ = PutDeliverySourceResponse$;
__webpack_unused_export__ = PutDestination$;
__webpack_unused_export__ = PutDestinationCommand;
__webpack_unused_export__ = PutDestinationPolicy$;
__webpack_unused_export__ = PutDestinationPolicyCommand;
__webpack_unused_export__ = PutDestinationPolicyRequest$;
__webpack_unused_export__ = PutDestinationRequest$;
__webpack_unused_export__ = PutDestinationResponse$;
__webpack_unused_export__ = PutIndexPolicy$;
__webpack_unused_export__ = PutIndexPolicyCommand;
__webpack_unused_export__ = PutIndexPolicyRequest$;
__webpack_unused_export__ = PutIndexPolicyResponse$;
__webpack_unused_export__ = PutIntegration$;
__webpack_unused_export__ = PutIntegrationCommand;
__webpack_unused_export__ = PutIntegrationRequest$;
__webpack_unused_export__ = PutIntegrationResponse$;
__webpack_unused_export__ = PutLogEvents$;
__webpack_unused_export__ = PutLogEventsCommand;
__webpack_unused_export__ = PutLogEventsRequest$;
__webpack_unused_export__ = PutLogEventsResponse$;
__webpack_unused_export__ = PutLogGroupDeletionProtection$;
__webpack_unused_export__ = PutLogGroupDeletionProtectionCommand;
__webpack_unused_export__ = PutLogGroupDeletionProtectionRequest$;
__webpack_unused_export__ = PutMetricFilter$;
__webpack_unused_export__ = PutMetricFilterCommand;
__webpack_unused_export__ = PutMetricFilterRequest$;
__webpack_unused_export__ = PutQueryDefinition$;
__webpack_unused_export__ = PutQueryDefinitionCommand;
__webpack_unused_export__ = PutQueryDefinitionRequest$;
__webpack_unused_export__ = PutQueryDefinitionResponse$;
__webpack_unused_export__ = PutResourcePolicy$;
__webpack_unused_export__ = PutResourcePolicyCommand;
__webpack_unused_export__ = PutResourcePolicyRequest$;
__webpack_unused_export__ = PutResourcePolicyResponse$;
__webpack_unused_export__ = PutRetentionPolicy$;
__webpack_unused_export__ = PutRetentionPolicyCommand;
__webpack_unused_export__ = PutRetentionPolicyRequest$;
__webpack_unused_export__ = PutStorageTierPolicy$;
__webpack_unused_export__ = PutStorageTierPolicyCommand;
__webpack_unused_export__ = PutStorageTierPolicyRequest$;
__webpack_unused_export__ = PutStorageTierPolicyResponse$;
__webpack_unused_export__ = PutSubscriptionFilter$;
__webpack_unused_export__ = PutSubscriptionFilterCommand;
__webpack_unused_export__ = PutSubscriptionFilterRequest$;
__webpack_unused_export__ = PutSyslogConfiguration$;
__webpack_unused_export__ = PutSyslogConfigurationCommand;
__webpack_unused_export__ = PutSyslogConfigurationRequest$;
__webpack_unused_export__ = PutTransformer$;
__webpack_unused_export__ = PutTransformerCommand;
__webpack_unused_export__ = PutTransformerRequest$;
__webpack_unused_export__ = QueryCompileError$;
__webpack_unused_export__ = QueryCompileErrorLocation$;
__webpack_unused_export__ = QueryDefinition$;
__webpack_unused_export__ = QueryInfo$;
__webpack_unused_export__ = QueryLanguage;
__webpack_unused_export__ = QueryParameter$;
__webpack_unused_export__ = QueryStatistics$;
__webpack_unused_export__ = QueryStatus;
__webpack_unused_export__ = RecordField$;
__webpack_unused_export__ = RejectedEntityInfo$;
__webpack_unused_export__ = RejectedLogEventsInfo$;
__webpack_unused_export__ = RenameKeyEntry$;
__webpack_unused_export__ = RenameKeys$;
__webpack_unused_export__ = ResourceAlreadyExistsException;
__webpack_unused_export__ = ResourceAlreadyExistsException$;
__webpack_unused_export__ = ResourceConfig$;
__webpack_unused_export__ = ResourceNotFoundException;
__webpack_unused_export__ = ResourceNotFoundException$;
__webpack_unused_export__ = ResourcePolicy$;
__webpack_unused_export__ = ResultField$;
__webpack_unused_export__ = S3Configuration$;
__webpack_unused_export__ = S3DeliveryConfiguration$;
__webpack_unused_export__ = S3TableIntegrationSource$;
__webpack_unused_export__ = S3TableIntegrationSourceStatus;
__webpack_unused_export__ = S3TablesIntegration$;
__webpack_unused_export__ = ScheduleType;
__webpack_unused_export__ = ScheduledQueryDestination$;
__webpack_unused_export__ = ScheduledQueryDestinationType;
__webpack_unused_export__ = ScheduledQueryState;
__webpack_unused_export__ = ScheduledQuerySummary$;
__webpack_unused_export__ = Scope;
__webpack_unused_export__ = SearchedLogStream$;
__webpack_unused_export__ = ServiceQuotaExceededException;
__webpack_unused_export__ = ServiceQuotaExceededException$;
__webpack_unused_export__ = ServiceUnavailableException;
__webpack_unused_export__ = ServiceUnavailableException$;
__webpack_unused_export__ = SessionStreamingException;
__webpack_unused_export__ = SessionStreamingException$;
__webpack_unused_export__ = SessionTimeoutException;
__webpack_unused_export__ = SessionTimeoutException$;
__webpack_unused_export__ = SplitString$;
__webpack_unused_export__ = SplitStringEntry$;
__webpack_unused_export__ = StandardUnit;
__webpack_unused_export__ = StartLiveTail$;
__webpack_unused_export__ = StartLiveTailCommand;
__webpack_unused_export__ = StartLiveTailRequest$;
__webpack_unused_export__ = StartLiveTailResponse$;
__webpack_unused_export__ = StartLiveTailResponseStream$;
__webpack_unused_export__ = StartQuery$;
__webpack_unused_export__ = StartQueryCommand;
__webpack_unused_export__ = StartQueryRequest$;
__webpack_unused_export__ = StartQueryResponse$;
__webpack_unused_export__ = State;
__webpack_unused_export__ = StopQuery$;
__webpack_unused_export__ = StopQueryCommand;
__webpack_unused_export__ = StopQueryRequest$;
__webpack_unused_export__ = StopQueryResponse$;
__webpack_unused_export__ = StorageTier;
__webpack_unused_export__ = SubscriptionFilter$;
__webpack_unused_export__ = SubstituteString$;
__webpack_unused_export__ = SubstituteStringEntry$;
__webpack_unused_export__ = SuppressionPeriod$;
__webpack_unused_export__ = SuppressionState;
__webpack_unused_export__ = SuppressionType;
__webpack_unused_export__ = SuppressionUnit;
__webpack_unused_export__ = SyslogConfiguration$;
__webpack_unused_export__ = SyslogSourceType;
__webpack_unused_export__ = TagFilter$;
__webpack_unused_export__ = TagLogGroup$;
__webpack_unused_export__ = TagLogGroupCommand;
__webpack_unused_export__ = TagLogGroupRequest$;
__webpack_unused_export__ = TagResource$;
__webpack_unused_export__ = TagResourceCommand;
__webpack_unused_export__ = TagResourceRequest$;
__webpack_unused_export__ = TestMetricFilter$;
__webpack_unused_export__ = TestMetricFilterCommand;
__webpack_unused_export__ = TestMetricFilterRequest$;
__webpack_unused_export__ = TestMetricFilterResponse$;
__webpack_unused_export__ = TestTransformer$;
__webpack_unused_export__ = TestTransformerCommand;
__webpack_unused_export__ = TestTransformerRequest$;
__webpack_unused_export__ = TestTransformerResponse$;
__webpack_unused_export__ = ThrottlingException;
__webpack_unused_export__ = ThrottlingException$;
__webpack_unused_export__ = TooManyTagsException;
__webpack_unused_export__ = TooManyTagsException$;
__webpack_unused_export__ = TransformedLogRecord$;
__webpack_unused_export__ = TriggerHistoryRecord$;
__webpack_unused_export__ = TrimString$;
__webpack_unused_export__ = Type;
__webpack_unused_export__ = TypeConverter$;
__webpack_unused_export__ = TypeConverterEntry$;
__webpack_unused_export__ = UnrecognizedClientException;
__webpack_unused_export__ = UnrecognizedClientException$;
__webpack_unused_export__ = UntagLogGroup$;
__webpack_unused_export__ = UntagLogGroupCommand;
__webpack_unused_export__ = UntagLogGroupRequest$;
__webpack_unused_export__ = UntagResource$;
__webpack_unused_export__ = UntagResourceCommand;
__webpack_unused_export__ = UntagResourceRequest$;
__webpack_unused_export__ = UpdateAnomaly$;
__webpack_unused_export__ = UpdateAnomalyCommand;
__webpack_unused_export__ = UpdateAnomalyRequest$;
__webpack_unused_export__ = UpdateDeliveryConfiguration$;
__webpack_unused_export__ = UpdateDeliveryConfigurationCommand;
__webpack_unused_export__ = UpdateDeliveryConfigurationRequest$;
__webpack_unused_export__ = UpdateDeliveryConfigurationResponse$;
__webpack_unused_export__ = UpdateLogAnomalyDetector$;
__webpack_unused_export__ = UpdateLogAnomalyDetectorCommand;
__webpack_unused_export__ = UpdateLogAnomalyDetectorRequest$;
__webpack_unused_export__ = UpdateLookupTable$;
__webpack_unused_export__ = UpdateLookupTableCommand;
__webpack_unused_export__ = UpdateLookupTableRequest$;
__webpack_unused_export__ = UpdateLookupTableResponse$;
__webpack_unused_export__ = UpdateScheduledQuery$;
__webpack_unused_export__ = UpdateScheduledQueryCommand;
__webpack_unused_export__ = UpdateScheduledQueryRequest$;
__webpack_unused_export__ = UpdateScheduledQueryResponse$;
__webpack_unused_export__ = UpperCaseString$;
__webpack_unused_export__ = ValidationException;
__webpack_unused_export__ = ValidationException$;
__webpack_unused_export__ = errorTypeRegistries;
__webpack_unused_export__ = paginateDescribeConfigurationTemplates;
__webpack_unused_export__ = paginateDescribeDeliveries;
__webpack_unused_export__ = paginateDescribeDeliveryDestinations;
__webpack_unused_export__ = paginateDescribeDeliverySources;
__webpack_unused_export__ = paginateDescribeDestinations;
__webpack_unused_export__ = paginateDescribeLogGroups;
__webpack_unused_export__ = paginateDescribeLogStreams;
__webpack_unused_export__ = paginateDescribeMetricFilters;
__webpack_unused_export__ = paginateDescribeSubscriptionFilters;
__webpack_unused_export__ = paginateFilterLogEvents;
__webpack_unused_export__ = paginateGetLogEvents;
__webpack_unused_export__ = paginateGetScheduledQueryHistory;
__webpack_unused_export__ = paginateListAggregateLogGroupSummaries;
__webpack_unused_export__ = paginateListAnomalies;
__webpack_unused_export__ = paginateListLogAnomalyDetectors;
__webpack_unused_export__ = paginateListLogGroupsForQuery;
__webpack_unused_export__ = paginateListScheduledQueries;
__webpack_unused_export__ = paginateListSourcesForS3TableIntegration;


/***/ }),

/***/ 7507:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

var __webpack_unused_export__;
const { awsEndpointFunctions, emitWarningIfUnsupportedVersion: emitWarningIfUnsupportedVersion$1, createDefaultUserAgentProvider, NODE_APP_ID_CONFIG_OPTIONS, getAwsRegionExtensionConfiguration, resolveAwsRegionExtensionConfiguration, resolveUserAgentConfig, resolveHostHeaderConfig, getUserAgentPlugin, getHostHeaderPlugin, getLoggerPlugin, getRecursionDetectionPlugin } = __webpack_require__(5152);
const { getHttpAuthSchemeEndpointRuleSetPlugin, DefaultIdentityProviderConfig, getHttpSigningPlugin, createPaginator } = __webpack_require__(402);
const { normalizeProvider, getSmithyContext, ServiceException, NoOpLogger, emitWarningIfUnsupportedVersion, loadConfigsForDefaultMode, getDefaultExtensionConfiguration, resolveDefaultRuntimeConfig, Client, makeBuilder, createWaiter, checkExceptions, WaiterState, createAggregatedClient } = __webpack_require__(2658);
const { Command: $Command } = __webpack_require__(2658);
__webpack_unused_export__ = $Command;
__webpack_unused_export__ = Client;
const { resolveDefaultsModeConfig, loadConfig, NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, NODE_REGION_CONFIG_OPTIONS, NODE_REGION_CONFIG_FILE_OPTIONS, resolveRegionConfig } = __webpack_require__(7291);
const { BinaryDecisionDiagram, EndpointCache, decideEndpoint, customEndpointFunctions, resolveEndpointConfig, getEndpointPlugin } = __webpack_require__(2085);
const { parseUrl, getHttpHandlerExtensionConfiguration, resolveHttpHandlerRuntimeConfig, getContentLengthPlugin } = __webpack_require__(3422);
const { DEFAULT_RETRY_MODE, NODE_RETRY_MODE_CONFIG_OPTIONS, NODE_MAX_ATTEMPT_CONFIG_OPTIONS, resolveRetryConfig, getRetryPlugin } = __webpack_require__(3609);
const { TypeRegistry, getSchemaSerdePlugin } = __webpack_require__(6890);
const { resolveAwsSdkSigV4Config, AwsSdkSigV4Signer, NODE_AUTH_SCHEME_PREFERENCE_OPTIONS } = __webpack_require__(7523);
const { defaultProvider } = __webpack_require__(5861);
const { toUtf8, fromUtf8, toBase64, fromBase64, calculateBodyLength } = __webpack_require__(2430);
const { streamCollector, NodeHttpHandler } = __webpack_require__(1279);
const { AwsJson1_1Protocol } = __webpack_require__(7288);
const { Sha256 } = __webpack_require__(9542);

const defaultCodeDeployHttpAuthSchemeParametersProvider = async (config, context, input) => {
    return {
        operation: getSmithyContext(context).operation,
        region: await normalizeProvider(config.region)() || (() => {
            throw new Error("expected `region` to be configured for `aws.auth#sigv4`");
        })(),
    };
};
function createAwsAuthSigv4HttpAuthOption(authParameters) {
    return {
        schemeId: "aws.auth#sigv4",
        signingProperties: {
            name: "codedeploy",
            region: authParameters.region,
        },
        propertiesExtractor: (config, context) => ({
            signingProperties: {
                config,
                context,
            },
        }),
    };
}
const defaultCodeDeployHttpAuthSchemeProvider = (authParameters) => {
    const options = [];
    switch (authParameters.operation) {
        default: {
            options.push(createAwsAuthSigv4HttpAuthOption(authParameters));
        }
    }
    return options;
};
const resolveHttpAuthSchemeConfig = (config) => {
    const config_0 = resolveAwsSdkSigV4Config(config);
    return Object.assign(config_0, {
        authSchemePreference: normalizeProvider(config.authSchemePreference ?? []),
    });
};

const resolveClientEndpointParameters = (options) => {
    return Object.assign(options, {
        useDualstackEndpoint: options.useDualstackEndpoint ?? false,
        useFipsEndpoint: options.useFipsEndpoint ?? false,
        defaultSigningName: "codedeploy",
    });
};
const commonParams = {
    UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
    Endpoint: { type: "builtInParams", name: "endpoint" },
    Region: { type: "builtInParams", name: "region" },
    UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" },
};

var version = "3.1132.0";
var packageInfo = {
	version: version};

const k = "ref";
const a = -1, b = true, c = "isSet", d = "PartitionResult", e = "booleanEquals", f = "getAttr", g = { [k]: "Endpoint" }, h = { [k]: d }, i = {}, j = [{ [k]: "Region" }];
const _data = {
    conditions: [
        [c, [g]],
        [c, j],
        ["aws.partition", j, d],
        [e, [{ [k]: "UseFIPS" }, b]],
        [e, [{ [k]: "UseDualStack" }, b]],
        [e, [{ fn: f, argv: [h, "supportsDualStack"] }, b]],
        [e, [{ fn: f, argv: [h, "supportsFIPS"] }, b]]
    ],
    results: [
        [a],
        [a, "Invalid Configuration: FIPS and custom endpoint are not supported"],
        [a, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
        [g, i],
        ["https://codedeploy-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "FIPS and DualStack are enabled, but this partition does not support one or both"],
        ["https://codedeploy-fips.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "FIPS is enabled but this partition does not support FIPS"],
        ["https://codedeploy.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "DualStack is enabled but this partition does not support DualStack"],
        ["https://codedeploy.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "Invalid Configuration: Missing Region"]
    ]
};
const root = 2;
const r = 100_000_000;
const nodes = new Int32Array([
    -1, 1, -1,
    0, 12, 3,
    1, 4, r + 11,
    2, 5, r + 11,
    3, 8, 6,
    4, 7, r + 10,
    5, r + 8, r + 9,
    4, 10, 9,
    6, r + 6, r + 7,
    5, 11, r + 5,
    6, r + 4, r + 5,
    3, r + 1, 13,
    4, r + 2, r + 3,
]);
const bdd = BinaryDecisionDiagram.from(nodes, root, _data.conditions, _data.results);

const cache = new EndpointCache({
    size: 50,
    params: ["Endpoint", "Region", "UseDualStack", "UseFIPS"],
});
const defaultEndpointResolver = (endpointParams, context = {}) => {
    return cache.get(endpointParams, () => decideEndpoint(bdd, {
        endpointParams: endpointParams,
        logger: context.logger,
    }));
};
customEndpointFunctions.aws = awsEndpointFunctions;

class CodeDeployServiceException extends ServiceException {
    constructor(options) {
        super(options);
        Object.setPrototypeOf(this, CodeDeployServiceException.prototype);
    }
}

class InstanceLimitExceededException extends CodeDeployServiceException {
    name = "InstanceLimitExceededException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InstanceLimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InstanceLimitExceededException.prototype);
    }
}
class InstanceNameRequiredException extends CodeDeployServiceException {
    name = "InstanceNameRequiredException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InstanceNameRequiredException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InstanceNameRequiredException.prototype);
    }
}
class InstanceNotRegisteredException extends CodeDeployServiceException {
    name = "InstanceNotRegisteredException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InstanceNotRegisteredException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InstanceNotRegisteredException.prototype);
    }
}
class InvalidInstanceNameException extends CodeDeployServiceException {
    name = "InvalidInstanceNameException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidInstanceNameException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidInstanceNameException.prototype);
    }
}
class InvalidTagException extends CodeDeployServiceException {
    name = "InvalidTagException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidTagException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidTagException.prototype);
    }
}
class TagLimitExceededException extends CodeDeployServiceException {
    name = "TagLimitExceededException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "TagLimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TagLimitExceededException.prototype);
    }
}
class TagRequiredException extends CodeDeployServiceException {
    name = "TagRequiredException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "TagRequiredException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TagRequiredException.prototype);
    }
}
class AlarmsLimitExceededException extends CodeDeployServiceException {
    name = "AlarmsLimitExceededException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "AlarmsLimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, AlarmsLimitExceededException.prototype);
    }
}
class ApplicationAlreadyExistsException extends CodeDeployServiceException {
    name = "ApplicationAlreadyExistsException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ApplicationAlreadyExistsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ApplicationAlreadyExistsException.prototype);
    }
}
class ApplicationDoesNotExistException extends CodeDeployServiceException {
    name = "ApplicationDoesNotExistException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ApplicationDoesNotExistException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ApplicationDoesNotExistException.prototype);
    }
}
class ApplicationLimitExceededException extends CodeDeployServiceException {
    name = "ApplicationLimitExceededException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ApplicationLimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ApplicationLimitExceededException.prototype);
    }
}
class ApplicationNameRequiredException extends CodeDeployServiceException {
    name = "ApplicationNameRequiredException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ApplicationNameRequiredException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ApplicationNameRequiredException.prototype);
    }
}
class ArnNotSupportedException extends CodeDeployServiceException {
    name = "ArnNotSupportedException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ArnNotSupportedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ArnNotSupportedException.prototype);
    }
}
class BatchLimitExceededException extends CodeDeployServiceException {
    name = "BatchLimitExceededException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "BatchLimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, BatchLimitExceededException.prototype);
    }
}
class InvalidApplicationNameException extends CodeDeployServiceException {
    name = "InvalidApplicationNameException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidApplicationNameException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidApplicationNameException.prototype);
    }
}
class InvalidRevisionException extends CodeDeployServiceException {
    name = "InvalidRevisionException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidRevisionException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidRevisionException.prototype);
    }
}
class RevisionRequiredException extends CodeDeployServiceException {
    name = "RevisionRequiredException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "RevisionRequiredException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, RevisionRequiredException.prototype);
    }
}
class DeploymentConfigDoesNotExistException extends CodeDeployServiceException {
    name = "DeploymentConfigDoesNotExistException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DeploymentConfigDoesNotExistException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DeploymentConfigDoesNotExistException.prototype);
    }
}
class DeploymentGroupNameRequiredException extends CodeDeployServiceException {
    name = "DeploymentGroupNameRequiredException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DeploymentGroupNameRequiredException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DeploymentGroupNameRequiredException.prototype);
    }
}
class InvalidDeploymentGroupNameException extends CodeDeployServiceException {
    name = "InvalidDeploymentGroupNameException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDeploymentGroupNameException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDeploymentGroupNameException.prototype);
    }
}
class DeploymentDoesNotExistException extends CodeDeployServiceException {
    name = "DeploymentDoesNotExistException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DeploymentDoesNotExistException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DeploymentDoesNotExistException.prototype);
    }
}
class DeploymentIdRequiredException extends CodeDeployServiceException {
    name = "DeploymentIdRequiredException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DeploymentIdRequiredException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DeploymentIdRequiredException.prototype);
    }
}
class InstanceIdRequiredException extends CodeDeployServiceException {
    name = "InstanceIdRequiredException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InstanceIdRequiredException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InstanceIdRequiredException.prototype);
    }
}
class InvalidComputePlatformException extends CodeDeployServiceException {
    name = "InvalidComputePlatformException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidComputePlatformException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidComputePlatformException.prototype);
    }
}
class InvalidDeploymentIdException extends CodeDeployServiceException {
    name = "InvalidDeploymentIdException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDeploymentIdException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDeploymentIdException.prototype);
    }
}
class DeploymentNotStartedException extends CodeDeployServiceException {
    name = "DeploymentNotStartedException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DeploymentNotStartedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DeploymentNotStartedException.prototype);
    }
}
class DeploymentTargetDoesNotExistException extends CodeDeployServiceException {
    name = "DeploymentTargetDoesNotExistException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DeploymentTargetDoesNotExistException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DeploymentTargetDoesNotExistException.prototype);
    }
}
class DeploymentTargetIdRequiredException extends CodeDeployServiceException {
    name = "DeploymentTargetIdRequiredException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DeploymentTargetIdRequiredException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DeploymentTargetIdRequiredException.prototype);
    }
}
class DeploymentTargetListSizeExceededException extends CodeDeployServiceException {
    name = "DeploymentTargetListSizeExceededException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DeploymentTargetListSizeExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DeploymentTargetListSizeExceededException.prototype);
    }
}
class InstanceDoesNotExistException extends CodeDeployServiceException {
    name = "InstanceDoesNotExistException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InstanceDoesNotExistException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InstanceDoesNotExistException.prototype);
    }
}
class InvalidDeploymentTargetIdException extends CodeDeployServiceException {
    name = "InvalidDeploymentTargetIdException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDeploymentTargetIdException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDeploymentTargetIdException.prototype);
    }
}
class BucketNameFilterRequiredException extends CodeDeployServiceException {
    name = "BucketNameFilterRequiredException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "BucketNameFilterRequiredException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, BucketNameFilterRequiredException.prototype);
    }
}
class DeploymentAlreadyCompletedException extends CodeDeployServiceException {
    name = "DeploymentAlreadyCompletedException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DeploymentAlreadyCompletedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DeploymentAlreadyCompletedException.prototype);
    }
}
class DeploymentIsNotInReadyStateException extends CodeDeployServiceException {
    name = "DeploymentIsNotInReadyStateException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DeploymentIsNotInReadyStateException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DeploymentIsNotInReadyStateException.prototype);
    }
}
class InvalidDeploymentStatusException extends CodeDeployServiceException {
    name = "InvalidDeploymentStatusException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDeploymentStatusException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDeploymentStatusException.prototype);
    }
}
class InvalidDeploymentWaitTypeException extends CodeDeployServiceException {
    name = "InvalidDeploymentWaitTypeException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDeploymentWaitTypeException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDeploymentWaitTypeException.prototype);
    }
}
class UnsupportedActionForDeploymentTypeException extends CodeDeployServiceException {
    name = "UnsupportedActionForDeploymentTypeException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "UnsupportedActionForDeploymentTypeException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, UnsupportedActionForDeploymentTypeException.prototype);
    }
}
class InvalidTagsToAddException extends CodeDeployServiceException {
    name = "InvalidTagsToAddException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidTagsToAddException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidTagsToAddException.prototype);
    }
}
class ThrottlingException extends CodeDeployServiceException {
    name = "ThrottlingException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ThrottlingException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ThrottlingException.prototype);
    }
}
class DeploymentGroupDoesNotExistException extends CodeDeployServiceException {
    name = "DeploymentGroupDoesNotExistException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DeploymentGroupDoesNotExistException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DeploymentGroupDoesNotExistException.prototype);
    }
}
class DeploymentLimitExceededException extends CodeDeployServiceException {
    name = "DeploymentLimitExceededException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DeploymentLimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DeploymentLimitExceededException.prototype);
    }
}
class DescriptionTooLongException extends CodeDeployServiceException {
    name = "DescriptionTooLongException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DescriptionTooLongException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DescriptionTooLongException.prototype);
    }
}
class InvalidAlarmConfigException extends CodeDeployServiceException {
    name = "InvalidAlarmConfigException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidAlarmConfigException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidAlarmConfigException.prototype);
    }
}
class InvalidAutoRollbackConfigException extends CodeDeployServiceException {
    name = "InvalidAutoRollbackConfigException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidAutoRollbackConfigException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidAutoRollbackConfigException.prototype);
    }
}
class InvalidAutoScalingGroupException extends CodeDeployServiceException {
    name = "InvalidAutoScalingGroupException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidAutoScalingGroupException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidAutoScalingGroupException.prototype);
    }
}
class InvalidDeploymentConfigNameException extends CodeDeployServiceException {
    name = "InvalidDeploymentConfigNameException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDeploymentConfigNameException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDeploymentConfigNameException.prototype);
    }
}
class InvalidECSServiceException extends CodeDeployServiceException {
    name = "InvalidECSServiceException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidECSServiceException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidECSServiceException.prototype);
    }
}
class InvalidFileExistsBehaviorException extends CodeDeployServiceException {
    name = "InvalidFileExistsBehaviorException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidFileExistsBehaviorException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidFileExistsBehaviorException.prototype);
    }
}
class InvalidGitHubAccountTokenException extends CodeDeployServiceException {
    name = "InvalidGitHubAccountTokenException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidGitHubAccountTokenException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidGitHubAccountTokenException.prototype);
    }
}
class InvalidIgnoreApplicationStopFailuresValueException extends CodeDeployServiceException {
    name = "InvalidIgnoreApplicationStopFailuresValueException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidIgnoreApplicationStopFailuresValueException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidIgnoreApplicationStopFailuresValueException.prototype);
    }
}
class InvalidInputException extends CodeDeployServiceException {
    name = "InvalidInputException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidInputException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidInputException.prototype);
    }
}
class InvalidLoadBalancerInfoException extends CodeDeployServiceException {
    name = "InvalidLoadBalancerInfoException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidLoadBalancerInfoException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidLoadBalancerInfoException.prototype);
    }
}
class InvalidRoleException extends CodeDeployServiceException {
    name = "InvalidRoleException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidRoleException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidRoleException.prototype);
    }
}
class InvalidTargetInstancesException extends CodeDeployServiceException {
    name = "InvalidTargetInstancesException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidTargetInstancesException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidTargetInstancesException.prototype);
    }
}
class InvalidTrafficRoutingConfigurationException extends CodeDeployServiceException {
    name = "InvalidTrafficRoutingConfigurationException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidTrafficRoutingConfigurationException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidTrafficRoutingConfigurationException.prototype);
    }
}
class InvalidUpdateOutdatedInstancesOnlyValueException extends CodeDeployServiceException {
    name = "InvalidUpdateOutdatedInstancesOnlyValueException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidUpdateOutdatedInstancesOnlyValueException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidUpdateOutdatedInstancesOnlyValueException.prototype);
    }
}
class RevisionDoesNotExistException extends CodeDeployServiceException {
    name = "RevisionDoesNotExistException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "RevisionDoesNotExistException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, RevisionDoesNotExistException.prototype);
    }
}
class DeploymentConfigAlreadyExistsException extends CodeDeployServiceException {
    name = "DeploymentConfigAlreadyExistsException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DeploymentConfigAlreadyExistsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DeploymentConfigAlreadyExistsException.prototype);
    }
}
class DeploymentConfigLimitExceededException extends CodeDeployServiceException {
    name = "DeploymentConfigLimitExceededException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DeploymentConfigLimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DeploymentConfigLimitExceededException.prototype);
    }
}
class DeploymentConfigNameRequiredException extends CodeDeployServiceException {
    name = "DeploymentConfigNameRequiredException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DeploymentConfigNameRequiredException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DeploymentConfigNameRequiredException.prototype);
    }
}
class InvalidMinimumHealthyHostValueException extends CodeDeployServiceException {
    name = "InvalidMinimumHealthyHostValueException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidMinimumHealthyHostValueException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidMinimumHealthyHostValueException.prototype);
    }
}
class InvalidZonalDeploymentConfigurationException extends CodeDeployServiceException {
    name = "InvalidZonalDeploymentConfigurationException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidZonalDeploymentConfigurationException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidZonalDeploymentConfigurationException.prototype);
    }
}
class DeploymentGroupAlreadyExistsException extends CodeDeployServiceException {
    name = "DeploymentGroupAlreadyExistsException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DeploymentGroupAlreadyExistsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DeploymentGroupAlreadyExistsException.prototype);
    }
}
class DeploymentGroupLimitExceededException extends CodeDeployServiceException {
    name = "DeploymentGroupLimitExceededException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DeploymentGroupLimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DeploymentGroupLimitExceededException.prototype);
    }
}
class ECSServiceMappingLimitExceededException extends CodeDeployServiceException {
    name = "ECSServiceMappingLimitExceededException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ECSServiceMappingLimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ECSServiceMappingLimitExceededException.prototype);
    }
}
class InvalidBlueGreenDeploymentConfigurationException extends CodeDeployServiceException {
    name = "InvalidBlueGreenDeploymentConfigurationException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidBlueGreenDeploymentConfigurationException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidBlueGreenDeploymentConfigurationException.prototype);
    }
}
class InvalidDeploymentStyleException extends CodeDeployServiceException {
    name = "InvalidDeploymentStyleException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDeploymentStyleException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDeploymentStyleException.prototype);
    }
}
class InvalidEC2TagCombinationException extends CodeDeployServiceException {
    name = "InvalidEC2TagCombinationException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidEC2TagCombinationException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidEC2TagCombinationException.prototype);
    }
}
class InvalidEC2TagException extends CodeDeployServiceException {
    name = "InvalidEC2TagException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidEC2TagException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidEC2TagException.prototype);
    }
}
class InvalidOnPremisesTagCombinationException extends CodeDeployServiceException {
    name = "InvalidOnPremisesTagCombinationException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidOnPremisesTagCombinationException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidOnPremisesTagCombinationException.prototype);
    }
}
class InvalidTargetGroupPairException extends CodeDeployServiceException {
    name = "InvalidTargetGroupPairException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidTargetGroupPairException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidTargetGroupPairException.prototype);
    }
}
class InvalidTriggerConfigException extends CodeDeployServiceException {
    name = "InvalidTriggerConfigException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidTriggerConfigException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidTriggerConfigException.prototype);
    }
}
class LifecycleHookLimitExceededException extends CodeDeployServiceException {
    name = "LifecycleHookLimitExceededException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "LifecycleHookLimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, LifecycleHookLimitExceededException.prototype);
    }
}
class RoleRequiredException extends CodeDeployServiceException {
    name = "RoleRequiredException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "RoleRequiredException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, RoleRequiredException.prototype);
    }
}
class TagSetListLimitExceededException extends CodeDeployServiceException {
    name = "TagSetListLimitExceededException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "TagSetListLimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TagSetListLimitExceededException.prototype);
    }
}
class TriggerTargetsLimitExceededException extends CodeDeployServiceException {
    name = "TriggerTargetsLimitExceededException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "TriggerTargetsLimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TriggerTargetsLimitExceededException.prototype);
    }
}
class DeploymentConfigInUseException extends CodeDeployServiceException {
    name = "DeploymentConfigInUseException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DeploymentConfigInUseException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DeploymentConfigInUseException.prototype);
    }
}
class InvalidOperationException extends CodeDeployServiceException {
    name = "InvalidOperationException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidOperationException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidOperationException.prototype);
    }
}
class GitHubAccountTokenDoesNotExistException extends CodeDeployServiceException {
    name = "GitHubAccountTokenDoesNotExistException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "GitHubAccountTokenDoesNotExistException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, GitHubAccountTokenDoesNotExistException.prototype);
    }
}
class GitHubAccountTokenNameRequiredException extends CodeDeployServiceException {
    name = "GitHubAccountTokenNameRequiredException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "GitHubAccountTokenNameRequiredException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, GitHubAccountTokenNameRequiredException.prototype);
    }
}
class InvalidGitHubAccountTokenNameException extends CodeDeployServiceException {
    name = "InvalidGitHubAccountTokenNameException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidGitHubAccountTokenNameException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidGitHubAccountTokenNameException.prototype);
    }
}
class OperationNotSupportedException extends CodeDeployServiceException {
    name = "OperationNotSupportedException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "OperationNotSupportedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, OperationNotSupportedException.prototype);
    }
}
class ResourceValidationException extends CodeDeployServiceException {
    name = "ResourceValidationException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ResourceValidationException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceValidationException.prototype);
    }
}
class InvalidBucketNameFilterException extends CodeDeployServiceException {
    name = "InvalidBucketNameFilterException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidBucketNameFilterException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidBucketNameFilterException.prototype);
    }
}
class InvalidDeployedStateFilterException extends CodeDeployServiceException {
    name = "InvalidDeployedStateFilterException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDeployedStateFilterException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDeployedStateFilterException.prototype);
    }
}
class InvalidKeyPrefixFilterException extends CodeDeployServiceException {
    name = "InvalidKeyPrefixFilterException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidKeyPrefixFilterException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidKeyPrefixFilterException.prototype);
    }
}
class InvalidNextTokenException extends CodeDeployServiceException {
    name = "InvalidNextTokenException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidNextTokenException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidNextTokenException.prototype);
    }
}
class InvalidSortByException extends CodeDeployServiceException {
    name = "InvalidSortByException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidSortByException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidSortByException.prototype);
    }
}
class InvalidSortOrderException extends CodeDeployServiceException {
    name = "InvalidSortOrderException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidSortOrderException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidSortOrderException.prototype);
    }
}
class InvalidDeploymentInstanceTypeException extends CodeDeployServiceException {
    name = "InvalidDeploymentInstanceTypeException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidDeploymentInstanceTypeException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidDeploymentInstanceTypeException.prototype);
    }
}
class InvalidInstanceStatusException extends CodeDeployServiceException {
    name = "InvalidInstanceStatusException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidInstanceStatusException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidInstanceStatusException.prototype);
    }
}
class InvalidInstanceTypeException extends CodeDeployServiceException {
    name = "InvalidInstanceTypeException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidInstanceTypeException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidInstanceTypeException.prototype);
    }
}
class InvalidTargetFilterNameException extends CodeDeployServiceException {
    name = "InvalidTargetFilterNameException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidTargetFilterNameException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidTargetFilterNameException.prototype);
    }
}
class InvalidExternalIdException extends CodeDeployServiceException {
    name = "InvalidExternalIdException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidExternalIdException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidExternalIdException.prototype);
    }
}
class InvalidTimeRangeException extends CodeDeployServiceException {
    name = "InvalidTimeRangeException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidTimeRangeException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidTimeRangeException.prototype);
    }
}
class InvalidRegistrationStatusException extends CodeDeployServiceException {
    name = "InvalidRegistrationStatusException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidRegistrationStatusException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidRegistrationStatusException.prototype);
    }
}
class InvalidTagFilterException extends CodeDeployServiceException {
    name = "InvalidTagFilterException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidTagFilterException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidTagFilterException.prototype);
    }
}
class InvalidArnException extends CodeDeployServiceException {
    name = "InvalidArnException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidArnException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidArnException.prototype);
    }
}
class ResourceArnRequiredException extends CodeDeployServiceException {
    name = "ResourceArnRequiredException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ResourceArnRequiredException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceArnRequiredException.prototype);
    }
}
class InvalidLifecycleEventHookExecutionIdException extends CodeDeployServiceException {
    name = "InvalidLifecycleEventHookExecutionIdException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidLifecycleEventHookExecutionIdException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidLifecycleEventHookExecutionIdException.prototype);
    }
}
class InvalidLifecycleEventHookExecutionStatusException extends CodeDeployServiceException {
    name = "InvalidLifecycleEventHookExecutionStatusException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidLifecycleEventHookExecutionStatusException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidLifecycleEventHookExecutionStatusException.prototype);
    }
}
class LifecycleEventAlreadyCompletedException extends CodeDeployServiceException {
    name = "LifecycleEventAlreadyCompletedException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "LifecycleEventAlreadyCompletedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, LifecycleEventAlreadyCompletedException.prototype);
    }
}
class IamArnRequiredException extends CodeDeployServiceException {
    name = "IamArnRequiredException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "IamArnRequiredException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, IamArnRequiredException.prototype);
    }
}
class IamSessionArnAlreadyRegisteredException extends CodeDeployServiceException {
    name = "IamSessionArnAlreadyRegisteredException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "IamSessionArnAlreadyRegisteredException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, IamSessionArnAlreadyRegisteredException.prototype);
    }
}
class IamUserArnAlreadyRegisteredException extends CodeDeployServiceException {
    name = "IamUserArnAlreadyRegisteredException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "IamUserArnAlreadyRegisteredException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, IamUserArnAlreadyRegisteredException.prototype);
    }
}
class IamUserArnRequiredException extends CodeDeployServiceException {
    name = "IamUserArnRequiredException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "IamUserArnRequiredException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, IamUserArnRequiredException.prototype);
    }
}
class InstanceNameAlreadyRegisteredException extends CodeDeployServiceException {
    name = "InstanceNameAlreadyRegisteredException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InstanceNameAlreadyRegisteredException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InstanceNameAlreadyRegisteredException.prototype);
    }
}
class InvalidIamSessionArnException extends CodeDeployServiceException {
    name = "InvalidIamSessionArnException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidIamSessionArnException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidIamSessionArnException.prototype);
    }
}
class InvalidIamUserArnException extends CodeDeployServiceException {
    name = "InvalidIamUserArnException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidIamUserArnException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidIamUserArnException.prototype);
    }
}
class MultipleIamArnsProvidedException extends CodeDeployServiceException {
    name = "MultipleIamArnsProvidedException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "MultipleIamArnsProvidedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, MultipleIamArnsProvidedException.prototype);
    }
}

const _A = "Alarm";
const _AAEE = "ApplicationAlreadyExistsException";
const _AC = "AlarmConfiguration";
const _ADNEE = "ApplicationDoesNotExistException";
const _AI = "ApplicationInfo";
const _AIL = "ApplicationsInfoList";
const _AL = "AlarmList";
const _ALEE = "AlarmsLimitExceededException";
const _ALEEp = "ApplicationLimitExceededException";
const _ANRE = "ApplicationNameRequiredException";
const _ANSE = "ArnNotSupportedException";
const _ARC = "AutoRollbackConfiguration";
const _ASC = "AppSpecContent";
const _ASG = "AutoScalingGroup";
const _ASGL = "AutoScalingGroupList";
const _ATTOPI = "AddTagsToOnPremisesInstances";
const _ATTOPII = "AddTagsToOnPremisesInstancesInput";
const _BGA = "BatchGetApplications";
const _BGAI = "BatchGetApplicationsInput";
const _BGAO = "BatchGetApplicationsOutput";
const _BGAR = "BatchGetApplicationRevisions";
const _BGARI = "BatchGetApplicationRevisionsInput";
const _BGARO = "BatchGetApplicationRevisionsOutput";
const _BGD = "BatchGetDeployments";
const _BGDC = "BlueGreenDeploymentConfiguration";
const _BGDG = "BatchGetDeploymentGroups";
const _BGDGI = "BatchGetDeploymentGroupsInput";
const _BGDGO = "BatchGetDeploymentGroupsOutput";
const _BGDI = "BatchGetDeploymentsInput";
const _BGDII = "BatchGetDeploymentInstancesInput";
const _BGDIO = "BatchGetDeploymentInstancesOutput";
const _BGDIa = "BatchGetDeploymentInstances";
const _BGDO = "BatchGetDeploymentsOutput";
const _BGDT = "BatchGetDeploymentTargets";
const _BGDTI = "BatchGetDeploymentTargetsInput";
const _BGDTO = "BatchGetDeploymentTargetsOutput";
const _BGOPI = "BatchGetOnPremisesInstances";
const _BGOPII = "BatchGetOnPremisesInstancesInput";
const _BGOPIO = "BatchGetOnPremisesInstancesOutput";
const _BITO = "BlueInstanceTerminationOption";
const _BLEE = "BatchLimitExceededException";
const _BNFRE = "BucketNameFilterRequiredException";
const _CA = "CreateApplication";
const _CAI = "CreateApplicationInput";
const _CAO = "CreateApplicationOutput";
const _CD = "ContinueDeployment";
const _CDC = "CreateDeploymentConfig";
const _CDCI = "CreateDeploymentConfigInput";
const _CDCO = "CreateDeploymentConfigOutput";
const _CDG = "CreateDeploymentGroup";
const _CDGI = "CreateDeploymentGroupInput";
const _CDGO = "CreateDeploymentGroupOutput";
const _CDI = "ContinueDeploymentInput";
const _CDIr = "CreateDeploymentInput";
const _CDO = "CreateDeploymentOutput";
const _CDr = "CreateDeployment";
const _CFT = "CloudFormationTarget";
const _D = "Diagnostics";
const _DA = "DeleteApplication";
const _DACE = "DeploymentAlreadyCompletedException";
const _DAI = "DeleteApplicationInput";
const _DCAEE = "DeploymentConfigAlreadyExistsException";
const _DCDNEE = "DeploymentConfigDoesNotExistException";
const _DCI = "DeploymentConfigInfo";
const _DCIUE = "DeploymentConfigInUseException";
const _DCLEE = "DeploymentConfigLimitExceededException";
const _DCNRE = "DeploymentConfigNameRequiredException";
const _DDC = "DeleteDeploymentConfig";
const _DDCI = "DeleteDeploymentConfigInput";
const _DDG = "DeleteDeploymentGroup";
const _DDGI = "DeleteDeploymentGroupInput";
const _DDGO = "DeleteDeploymentGroupOutput";
const _DDNEE = "DeploymentDoesNotExistException";
const _DGAEE = "DeploymentGroupAlreadyExistsException";
const _DGDNEE = "DeploymentGroupDoesNotExistException";
const _DGHAT = "DeleteGitHubAccountToken";
const _DGHATI = "DeleteGitHubAccountTokenInput";
const _DGHATO = "DeleteGitHubAccountTokenOutput";
const _DGI = "DeploymentGroupInfo";
const _DGIL = "DeploymentGroupInfoList";
const _DGLEE = "DeploymentGroupLimitExceededException";
const _DGNRE = "DeploymentGroupNameRequiredException";
const _DI = "DeploymentInfo";
const _DIL = "DeploymentsInfoList";
const _DINIRSE = "DeploymentIsNotInReadyStateException";
const _DIRE = "DeploymentIdRequiredException";
const _DLEE = "DeploymentLimitExceededException";
const _DNSE = "DeploymentNotStartedException";
const _DO = "DeploymentOverview";
const _DOPI = "DeregisterOnPremisesInstance";
const _DOPII = "DeregisterOnPremisesInstanceInput";
const _DRBEI = "DeleteResourcesByExternalId";
const _DRBEII = "DeleteResourcesByExternalIdInput";
const _DRBEIO = "DeleteResourcesByExternalIdOutput";
const _DRO = "DeploymentReadyOption";
const _DS = "DeploymentStyle";
const _DT = "DeploymentTarget";
const _DTDNEE = "DeploymentTargetDoesNotExistException";
const _DTIRE = "DeploymentTargetIdRequiredException";
const _DTL = "DeploymentTargetList";
const _DTLE = "DescriptionTooLongException";
const _DTLSEE = "DeploymentTargetListSizeExceededException";
const _ECSS = "ECSService";
const _ECSSL = "ECSServiceList";
const _ECSSMLEE = "ECSServiceMappingLimitExceededException";
const _ECST = "ECSTarget";
const _ECSTS = "ECSTaskSet";
const _ECSTSL = "ECSTaskSetList";
const _ECTF = "EC2TagFilter";
const _ECTFL = "EC2TagFilterList";
const _ECTS = "EC2TagSet";
const _ECTSL = "EC2TagSetList";
const _EI = "ErrorInformation";
const _ELBI = "ELBInfo";
const _ELBIL = "ELBInfoList";
const _F = "Failed";
const _GA = "GetApplication";
const _GAI = "GetApplicationInput";
const _GAO = "GetApplicationOutput";
const _GAR = "GetApplicationRevision";
const _GARI = "GetApplicationRevisionInput";
const _GARO = "GetApplicationRevisionOutput";
const _GD = "GetDeployment";
const _GDC = "GetDeploymentConfig";
const _GDCI = "GetDeploymentConfigInput";
const _GDCO = "GetDeploymentConfigOutput";
const _GDG = "GetDeploymentGroup";
const _GDGI = "GetDeploymentGroupInput";
const _GDGO = "GetDeploymentGroupOutput";
const _GDI = "GetDeploymentInput";
const _GDII = "GetDeploymentInstanceInput";
const _GDIO = "GetDeploymentInstanceOutput";
const _GDIe = "GetDeploymentInstance";
const _GDO = "GetDeploymentOutput";
const _GDT = "GetDeploymentTarget";
const _GDTI = "GetDeploymentTargetInput";
const _GDTO = "GetDeploymentTargetOutput";
const _GFPO = "GreenFleetProvisioningOption";
const _GHATDNEE = "GitHubAccountTokenDoesNotExistException";
const _GHATNRE = "GitHubAccountTokenNameRequiredException";
const _GHL = "GitHubLocation";
const _GOPI = "GetOnPremisesInstance";
const _GOPII = "GetOnPremisesInstanceInput";
const _GOPIO = "GetOnPremisesInstanceOutput";
const _GRI = "GenericRevisionInfo";
const _IACE = "InvalidAlarmConfigException";
const _IAE = "InvalidArnException";
const _IANE = "InvalidApplicationNameException";
const _IARCE = "InvalidAutoRollbackConfigException";
const _IARE = "IamArnRequiredException";
const _IASGE = "InvalidAutoScalingGroupException";
const _IBGDCE = "InvalidBlueGreenDeploymentConfigurationException";
const _IBNFE = "InvalidBucketNameFilterException";
const _ICPE = "InvalidComputePlatformException";
const _IDCNE = "InvalidDeploymentConfigNameException";
const _IDGNE = "InvalidDeploymentGroupNameException";
const _IDIE = "InvalidDeploymentIdException";
const _IDITE = "InvalidDeploymentInstanceTypeException";
const _IDNEE = "InstanceDoesNotExistException";
const _IDSE = "InvalidDeploymentStatusException";
const _IDSEn = "InvalidDeploymentStyleException";
const _IDSFE = "InvalidDeployedStateFilterException";
const _IDTIE = "InvalidDeploymentTargetIdException";
const _IDWTE = "InvalidDeploymentWaitTypeException";
const _IECSSE = "InvalidECSServiceException";
const _IECTCE = "InvalidEC2TagCombinationException";
const _IECTE = "InvalidEC2TagException";
const _IEIE = "InvalidExternalIdException";
const _IFEBE = "InvalidFileExistsBehaviorException";
const _IGHATE = "InvalidGitHubAccountTokenException";
const _IGHATNE = "InvalidGitHubAccountTokenNameException";
const _II = "InstanceInfo";
const _IIASFVE = "InvalidIgnoreApplicationStopFailuresValueException";
const _IIE = "InvalidInputException";
const _IIL = "InstanceInfoList";
const _IINE = "InvalidInstanceNameException";
const _IIRE = "InstanceIdRequiredException";
const _IISAE = "InvalidIamSessionArnException";
const _IISE = "InvalidInstanceStatusException";
const _IITE = "InvalidInstanceTypeException";
const _IIUAE = "InvalidIamUserArnException";
const _IKPFE = "InvalidKeyPrefixFilterException";
const _ILBIE = "InvalidLoadBalancerInfoException";
const _ILEE = "InstanceLimitExceededException";
const _ILEHEIE = "InvalidLifecycleEventHookExecutionIdException";
const _ILEHESE = "InvalidLifecycleEventHookExecutionStatusException";
const _IMHHVE = "InvalidMinimumHealthyHostValueException";
const _INARE = "InstanceNameAlreadyRegisteredException";
const _INRE = "InstanceNameRequiredException";
const _INREn = "InstanceNotRegisteredException";
const _INTE = "InvalidNextTokenException";
const _IOE = "InvalidOperationException";
const _IOPTCE = "InvalidOnPremisesTagCombinationException";
const _IP = "InProgress";
const _IRE = "InvalidRevisionException";
const _IREn = "InvalidRoleException";
const _IRSE = "InvalidRegistrationStatusException";
const _IS = "InstanceSummary";
const _ISAARE = "IamSessionArnAlreadyRegisteredException";
const _ISBE = "InvalidSortByException";
const _ISL = "InstanceSummaryList";
const _ISOE = "InvalidSortOrderException";
const _IT = "InstanceTarget";
const _ITCE = "InvalidTriggerConfigException";
const _ITE = "InvalidTagException";
const _ITFE = "InvalidTagFilterException";
const _ITFNE = "InvalidTargetFilterNameException";
const _ITGPE = "InvalidTargetGroupPairException";
const _ITIE = "InvalidTargetInstancesException";
const _ITRCE = "InvalidTrafficRoutingConfigurationException";
const _ITRE = "InvalidTimeRangeException";
const _ITTAE = "InvalidTagsToAddException";
const _IUAARE = "IamUserArnAlreadyRegisteredException";
const _IUARE = "IamUserArnRequiredException";
const _IUOIOVE = "InvalidUpdateOutdatedInstancesOnlyValueException";
const _IZDCE = "InvalidZonalDeploymentConfigurationException";
const _K = "Key";
const _LA = "ListApplications";
const _LAI = "ListApplicationsInput";
const _LAO = "ListApplicationsOutput";
const _LAR = "ListApplicationRevisions";
const _LARI = "ListApplicationRevisionsInput";
const _LARO = "ListApplicationRevisionsOutput";
const _LBI = "LoadBalancerInfo";
const _LD = "ListDeployments";
const _LDC = "ListDeploymentConfigs";
const _LDCI = "ListDeploymentConfigsInput";
const _LDCO = "ListDeploymentConfigsOutput";
const _LDG = "ListDeploymentGroups";
const _LDGI = "ListDeploymentGroupsInput";
const _LDGO = "ListDeploymentGroupsOutput";
const _LDI = "LastDeploymentInfo";
const _LDII = "ListDeploymentInstancesInput";
const _LDIO = "ListDeploymentInstancesOutput";
const _LDIi = "ListDeploymentsInput";
const _LDIis = "ListDeploymentInstances";
const _LDO = "ListDeploymentsOutput";
const _LDT = "ListDeploymentTargets";
const _LDTI = "ListDeploymentTargetsInput";
const _LDTO = "ListDeploymentTargetsOutput";
const _LE = "LifecycleEvent";
const _LEACE = "LifecycleEventAlreadyCompletedException";
const _LEL = "LifecycleEventList";
const _LFI = "LambdaFunctionInfo";
const _LGHATN = "ListGitHubAccountTokenNames";
const _LGHATNI = "ListGitHubAccountTokenNamesInput";
const _LGHATNO = "ListGitHubAccountTokenNamesOutput";
const _LHLEE = "LifecycleHookLimitExceededException";
const _LOPI = "ListOnPremisesInstances";
const _LOPII = "ListOnPremisesInstancesInput";
const _LOPIO = "ListOnPremisesInstancesOutput";
const _LT = "LambdaTarget";
const _LTFR = "ListTagsForResource";
const _LTFRI = "ListTagsForResourceInput";
const _LTFRO = "ListTagsForResourceOutput";
const _MHH = "MinimumHealthyHosts";
const _MHHPZ = "MinimumHealthyHostsPerZone";
const _MIAPE = "MultipleIamArnsProvidedException";
const _NT = "NextToken";
const _ONSE = "OperationNotSupportedException";
const _OPTS = "OnPremisesTagSet";
const _OPTSL = "OnPremisesTagSetList";
const _P = "Pending";
const _PLEHES = "PutLifecycleEventHookExecutionStatus";
const _PLEHESI = "PutLifecycleEventHookExecutionStatusInput";
const _PLEHESO = "PutLifecycleEventHookExecutionStatusOutput";
const _R = "Ready";
const _RA = "ResourceArn";
const _RAR = "RegisterApplicationRevision";
const _RARE = "ResourceArnRequiredException";
const _RARI = "RegisterApplicationRevisionInput";
const _RD = "RelatedDeployments";
const _RDNEE = "RevisionDoesNotExistException";
const _RI = "RevisionInfo";
const _RIL = "RevisionInfoList";
const _RIo = "RollbackInfo";
const _RL = "RevisionLocation";
const _RLL = "RevisionLocationList";
const _ROPI = "RegisterOnPremisesInstance";
const _ROPII = "RegisterOnPremisesInstanceInput";
const _RRE = "RevisionRequiredException";
const _RREo = "RoleRequiredException";
const _RS = "RawString";
const _RTFOPI = "RemoveTagsFromOnPremisesInstances";
const _RTFOPII = "RemoveTagsFromOnPremisesInstancesInput";
const _RVE = "ResourceValidationException";
const _S = "Succeeded";
const _SD = "StopDeployment";
const _SDI = "StopDeploymentInput";
const _SDO = "StopDeploymentOutput";
const _SL = "S3Location";
const _SWTFIT = "SkipWaitTimeForInstanceTermination";
const _SWTFITI = "SkipWaitTimeForInstanceTerminationInput";
const _Sk = "Skipped";
const _T = "Type";
const _TBC = "TimeBasedCanary";
const _TBL = "TimeBasedLinear";
const _TC = "TriggerConfig";
const _TCL = "TriggerConfigList";
const _TE = "ThrottlingException";
const _TF = "TargetFilters";
const _TFL = "TagFilterList";
const _TFa = "TagFilter";
const _TGI = "TargetGroupInfo";
const _TGIL = "TargetGroupInfoList";
const _TGPI = "TargetGroupPairInfo";
const _TGPIL = "TargetGroupPairInfoList";
const _TI = "TargetInstances";
const _TK = "TagKeys";
const _TL = "TagList";
const _TLEE = "TagLimitExceededException";
const _TR = "TimeRange";
const _TRC = "TrafficRoutingConfig";
const _TRE = "TagRequiredException";
const _TRI = "TagResourceInput";
const _TRO = "TagResourceOutput";
const _TRa = "TagResource";
const _TRr = "TrafficRoute";
const _TSLLEE = "TagSetListLimitExceededException";
const _TTLEE = "TriggerTargetsLimitExceededException";
const _Ta = "Tags";
const _Tag = "Tag";
const _UA = "UpdateApplication";
const _UAFDTE = "UnsupportedActionForDeploymentTypeException";
const _UAI = "UpdateApplicationInput";
const _UDG = "UpdateDeploymentGroup";
const _UDGI = "UpdateDeploymentGroupInput";
const _UDGO = "UpdateDeploymentGroupOutput";
const _UR = "UntagResource";
const _URI = "UntagResourceInput";
const _URO = "UntagResourceOutput";
const _V = "Value";
const _ZC = "ZonalConfig";
const _a = "alarms";
const _aC = "alarmConfiguration";
const _aDSI = "additionalDeploymentStatusInfo";
const _aI = "applicationId";
const _aIp = "applicationsInfo";
const _aN = "applicationName";
const _aNp = "applicationNames";
const _aOT = "actionOnTimeout";
const _aRC = "autoRollbackConfiguration";
const _aRE = "autoRollbackEnabled";
const _aSC = "appSpecContent";
const _aSG = "autoScalingGroups";
const _aUOIDI = "autoUpdateOutdatedInstancesDeploymentIds";
const _aUOIRDI = "autoUpdateOutdatedInstancesRootDeploymentId";
const _ac = "action";
const _ap = "application";
const _app = "applications";
const _b = "bucket";
const _bGDC = "blueGreenDeploymentConfiguration";
const _bT = "bundleType";
const _c = "client";
const _cDGN = "currentDeploymentGroupName";
const _cFT = "cloudFormationTarget";
const _cI = "commitId";
const _cIa = "canaryInterval";
const _cN = "clusterName";
const _cP = "computePlatform";
const _cPa = "canaryPercentage";
const _cT = "createTime";
const _cTR = "createTimeRange";
const _cTo = "completeTime";
const _cV = "currentVersion";
const _co = "content";
const _cod = "code";
const _cr = "creator";
const _d = "description";
const _dC = "desiredCount";
const _dCI = "deploymentConfigId";
const _dCIe = "deploymentConfigInfo";
const _dCL = "deploymentConfigsList";
const _dCN = "deploymentConfigName";
const _dG = "deploymentGroups";
const _dGI = "deploymentGroupsInfo";
const _dGIe = "deploymentGroupId";
const _dGIep = "deploymentGroupInfo";
const _dGN = "deploymentGroupNames";
const _dGNe = "deploymentGroupName";
const _dI = "deploymentId";
const _dIe = "deploymentIds";
const _dIep = "deploymentsInfo";
const _dIepl = "deploymentInfo";
const _dM = "deploymentMode";
const _dO = "deploymentOverview";
const _dOe = "deploymentOption";
const _dRO = "deploymentReadyOption";
const _dS = "deploymentStyle";
const _dSM = "deploymentStatusMessages";
const _dT = "deploymentTargets";
const _dTT = "deploymentTargetType";
const _dTe = "deploymentType";
const _dTep = "deploymentTarget";
const _dTer = "deregisterTime";
const _dWT = "deploymentWaitType";
const _de = "deployed";
const _dep = "deployments";
const _di = "diagnostics";
const _e = "error";
const _eC = "errorCode";
const _eI = "externalId";
const _eIL = "elbInfoList";
const _eIr = "errorInformation";
const _eM = "errorMessage";
const _eS = "ecsServices";
const _eT = "ecsTarget";
const _eTF = "ec2TagFilters";
const _eTS = "ec2TagSet";
const _eTSL = "ec2TagSetList";
const _eTa = "eTag";
const _eTn = "endTime";
const _en = "enabled";
const _end = "end";
const _ev = "events";
const _fA = "functionAlias";
const _fEB = "fileExistsBehavior";
const _fN = "functionName";
const _fUT = "firstUsedTime";
const _fZMDIS = "firstZoneMonitorDurationInSeconds";
const _gFPO = "greenFleetProvisioningOption";
const _gHAN = "gitHubAccountName";
const _gHL = "gitHubLocation";
const _gRI = "genericRevisionInfo";
const _h = "hook";
const _hNCU = "hooksNotCleanedUp";
const _i = "identifer";
const _iA = "instanceArn";
const _iASF = "ignoreApplicationStopFailures";
const _iI = "instanceIds";
const _iIn = "instanceInfos";
const _iIns = "instanceId";
const _iInst = "instanceInfo";
const _iL = "instanceLabel";
const _iLn = "instancesList";
const _iN = "instanceNames";
const _iNn = "instanceName";
const _iOS = "includeOnlyStatuses";
const _iPAF = "ignorePollAlarmFailure";
const _iS = "instancesSummary";
const _iSA = "iamSessionArn";
const _iSF = "instanceStatusFilter";
const _iSn = "instanceSummary";
const _iT = "instanceTarget";
const _iTF = "instanceTypeFilter";
const _iTWTS = "instanceTerminationWaitTimeStarted";
const _iTn = "instanceType";
const _iUA = "iamUserArn";
const _k = "key";
const _lA = "listenerArns";
const _lAD = "lastAttemptedDeployment";
const _lBI = "loadBalancerInfo";
const _lE = "lifecycleEvents";
const _lEHEI = "lifecycleEventHookExecutionId";
const _lEN = "lifecycleEventName";
const _lFI = "lambdaFunctionInfo";
const _lI = "linearInterval";
const _lP = "linearPercentage";
const _lSD = "lastSuccessfulDeployment";
const _lT = "lambdaTarget";
const _lTGH = "linkedToGitHub";
const _lTo = "logTail";
const _lUA = "lastUpdatedAt";
const _lUT = "lastUsedTime";
const _m = "message";
const _mDIS = "monitorDurationInSeconds";
const _mHH = "minimumHealthyHosts";
const _mHHPZ = "minimumHealthyHostsPerZone";
const _n = "name";
const _nAN = "newApplicationName";
const _nDGN = "newDeploymentGroupName";
const _nT = "nextToken";
const _oAC = "overrideAlarmConfiguration";
const _oIS = "outdatedInstancesStrategy";
const _oPITF = "onPremisesInstanceTagFilters";
const _oPTS = "onPremisesTagSet";
const _oPTSL = "onPremisesTagSetList";
const _pC = "pendingCount";
const _pR = "previousRevision";
const _pTR = "prodTrafficRoute";
const _r = "revisions";
const _rC = "runningCount";
const _rD = "relatedDeployments";
const _rDI = "rollbackDeploymentId";
const _rI = "rollbackInfo";
const _rIe = "revisionInfo";
const _rL = "revisionLocation";
const _rM = "rollbackMessage";
const _rS = "registrationStatus";
const _rT = "resourceType";
const _rTDI = "rollbackTriggeringDeploymentId";
const _rTe = "registerTime";
const _rTev = "revisionType";
const _re = "revision";
const _rep = "repository";
const _s = "smithy.ts.sdk.synthetic.com.amazonaws.codedeploy";
const _sB = "sortBy";
const _sBu = "s3Bucket";
const _sKP = "s3KeyPrefix";
const _sL = "s3Location";
const _sM = "statusMessage";
const _sN = "scriptName";
const _sNe = "serviceName";
const _sO = "sortOrder";
const _sRA = "serviceRoleArn";
const _sT = "startTime";
const _sh = "sha256";
const _st = "status";
const _sta = "start";
const _str = "string";
const _t = "tags";
const _tA = "targetArn";
const _tBC = "timeBasedCanary";
const _tBIODS = "terminateBlueInstancesOnDeploymentSuccess";
const _tBL = "timeBasedLinear";
const _tC = "triggerConfigurations";
const _tE = "triggerEvents";
const _tF = "targetFilters";
const _tFa = "tagFilters";
const _tG = "targetGroup";
const _tGIL = "targetGroupInfoList";
const _tGPIL = "targetGroupPairInfoList";
const _tGa = "targetGroups";
const _tH = "terminationHook";
const _tHE = "terminationHookEnabled";
const _tI = "targetIds";
const _tIa = "targetId";
const _tIar = "targetInstances";
const _tN = "tokenName";
const _tNL = "tokenNameList";
const _tNr = "triggerName";
const _tR = "targetRevision";
const _tRC = "trafficRoutingConfig";
const _tSI = "taskSetsInfo";
const _tSL = "taskSetLabel";
const _tTA = "triggerTargetArn";
const _tTR = "testTrafficRoute";
const _tV = "targetVersion";
const _tVW = "targetVersionWeight";
const _tW = "trafficWeight";
const _tWTIM = "terminationWaitTimeInMinutes";
const _ty = "type";
const _uOIO = "updateOutdatedInstancesOnly";
const _v = "value";
const _ve = "version";
const _wTIM = "waitTimeInMinutes";
const _zC = "zonalConfig";
const n0 = "com.amazonaws.codedeploy";
const _s_registry = TypeRegistry.for(_s);
var CodeDeployServiceException$ = [-3, _s, "CodeDeployServiceException", 0, [], []];
_s_registry.registerError(CodeDeployServiceException$, CodeDeployServiceException);
const n0_registry = TypeRegistry.for(n0);
var AlarmsLimitExceededException$ = [-3, n0, _ALEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(AlarmsLimitExceededException$, AlarmsLimitExceededException);
var ApplicationAlreadyExistsException$ = [-3, n0, _AAEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ApplicationAlreadyExistsException$, ApplicationAlreadyExistsException);
var ApplicationDoesNotExistException$ = [-3, n0, _ADNEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ApplicationDoesNotExistException$, ApplicationDoesNotExistException);
var ApplicationLimitExceededException$ = [-3, n0, _ALEEp,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ApplicationLimitExceededException$, ApplicationLimitExceededException);
var ApplicationNameRequiredException$ = [-3, n0, _ANRE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ApplicationNameRequiredException$, ApplicationNameRequiredException);
var ArnNotSupportedException$ = [-3, n0, _ANSE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ArnNotSupportedException$, ArnNotSupportedException);
var BatchLimitExceededException$ = [-3, n0, _BLEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(BatchLimitExceededException$, BatchLimitExceededException);
var BucketNameFilterRequiredException$ = [-3, n0, _BNFRE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(BucketNameFilterRequiredException$, BucketNameFilterRequiredException);
var DeploymentAlreadyCompletedException$ = [-3, n0, _DACE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(DeploymentAlreadyCompletedException$, DeploymentAlreadyCompletedException);
var DeploymentConfigAlreadyExistsException$ = [-3, n0, _DCAEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(DeploymentConfigAlreadyExistsException$, DeploymentConfigAlreadyExistsException);
var DeploymentConfigDoesNotExistException$ = [-3, n0, _DCDNEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(DeploymentConfigDoesNotExistException$, DeploymentConfigDoesNotExistException);
var DeploymentConfigInUseException$ = [-3, n0, _DCIUE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(DeploymentConfigInUseException$, DeploymentConfigInUseException);
var DeploymentConfigLimitExceededException$ = [-3, n0, _DCLEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(DeploymentConfigLimitExceededException$, DeploymentConfigLimitExceededException);
var DeploymentConfigNameRequiredException$ = [-3, n0, _DCNRE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(DeploymentConfigNameRequiredException$, DeploymentConfigNameRequiredException);
var DeploymentDoesNotExistException$ = [-3, n0, _DDNEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(DeploymentDoesNotExistException$, DeploymentDoesNotExistException);
var DeploymentGroupAlreadyExistsException$ = [-3, n0, _DGAEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(DeploymentGroupAlreadyExistsException$, DeploymentGroupAlreadyExistsException);
var DeploymentGroupDoesNotExistException$ = [-3, n0, _DGDNEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(DeploymentGroupDoesNotExistException$, DeploymentGroupDoesNotExistException);
var DeploymentGroupLimitExceededException$ = [-3, n0, _DGLEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(DeploymentGroupLimitExceededException$, DeploymentGroupLimitExceededException);
var DeploymentGroupNameRequiredException$ = [-3, n0, _DGNRE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(DeploymentGroupNameRequiredException$, DeploymentGroupNameRequiredException);
var DeploymentIdRequiredException$ = [-3, n0, _DIRE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(DeploymentIdRequiredException$, DeploymentIdRequiredException);
var DeploymentIsNotInReadyStateException$ = [-3, n0, _DINIRSE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(DeploymentIsNotInReadyStateException$, DeploymentIsNotInReadyStateException);
var DeploymentLimitExceededException$ = [-3, n0, _DLEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(DeploymentLimitExceededException$, DeploymentLimitExceededException);
var DeploymentNotStartedException$ = [-3, n0, _DNSE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(DeploymentNotStartedException$, DeploymentNotStartedException);
var DeploymentTargetDoesNotExistException$ = [-3, n0, _DTDNEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(DeploymentTargetDoesNotExistException$, DeploymentTargetDoesNotExistException);
var DeploymentTargetIdRequiredException$ = [-3, n0, _DTIRE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(DeploymentTargetIdRequiredException$, DeploymentTargetIdRequiredException);
var DeploymentTargetListSizeExceededException$ = [-3, n0, _DTLSEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(DeploymentTargetListSizeExceededException$, DeploymentTargetListSizeExceededException);
var DescriptionTooLongException$ = [-3, n0, _DTLE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(DescriptionTooLongException$, DescriptionTooLongException);
var ECSServiceMappingLimitExceededException$ = [-3, n0, _ECSSMLEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ECSServiceMappingLimitExceededException$, ECSServiceMappingLimitExceededException);
var GitHubAccountTokenDoesNotExistException$ = [-3, n0, _GHATDNEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(GitHubAccountTokenDoesNotExistException$, GitHubAccountTokenDoesNotExistException);
var GitHubAccountTokenNameRequiredException$ = [-3, n0, _GHATNRE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(GitHubAccountTokenNameRequiredException$, GitHubAccountTokenNameRequiredException);
var IamArnRequiredException$ = [-3, n0, _IARE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(IamArnRequiredException$, IamArnRequiredException);
var IamSessionArnAlreadyRegisteredException$ = [-3, n0, _ISAARE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(IamSessionArnAlreadyRegisteredException$, IamSessionArnAlreadyRegisteredException);
var IamUserArnAlreadyRegisteredException$ = [-3, n0, _IUAARE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(IamUserArnAlreadyRegisteredException$, IamUserArnAlreadyRegisteredException);
var IamUserArnRequiredException$ = [-3, n0, _IUARE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(IamUserArnRequiredException$, IamUserArnRequiredException);
var InstanceDoesNotExistException$ = [-3, n0, _IDNEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InstanceDoesNotExistException$, InstanceDoesNotExistException);
var InstanceIdRequiredException$ = [-3, n0, _IIRE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InstanceIdRequiredException$, InstanceIdRequiredException);
var InstanceLimitExceededException$ = [-3, n0, _ILEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InstanceLimitExceededException$, InstanceLimitExceededException);
var InstanceNameAlreadyRegisteredException$ = [-3, n0, _INARE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InstanceNameAlreadyRegisteredException$, InstanceNameAlreadyRegisteredException);
var InstanceNameRequiredException$ = [-3, n0, _INRE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InstanceNameRequiredException$, InstanceNameRequiredException);
var InstanceNotRegisteredException$ = [-3, n0, _INREn,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InstanceNotRegisteredException$, InstanceNotRegisteredException);
var InvalidAlarmConfigException$ = [-3, n0, _IACE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidAlarmConfigException$, InvalidAlarmConfigException);
var InvalidApplicationNameException$ = [-3, n0, _IANE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidApplicationNameException$, InvalidApplicationNameException);
var InvalidArnException$ = [-3, n0, _IAE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidArnException$, InvalidArnException);
var InvalidAutoRollbackConfigException$ = [-3, n0, _IARCE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidAutoRollbackConfigException$, InvalidAutoRollbackConfigException);
var InvalidAutoScalingGroupException$ = [-3, n0, _IASGE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidAutoScalingGroupException$, InvalidAutoScalingGroupException);
var InvalidBlueGreenDeploymentConfigurationException$ = [-3, n0, _IBGDCE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidBlueGreenDeploymentConfigurationException$, InvalidBlueGreenDeploymentConfigurationException);
var InvalidBucketNameFilterException$ = [-3, n0, _IBNFE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidBucketNameFilterException$, InvalidBucketNameFilterException);
var InvalidComputePlatformException$ = [-3, n0, _ICPE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidComputePlatformException$, InvalidComputePlatformException);
var InvalidDeployedStateFilterException$ = [-3, n0, _IDSFE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDeployedStateFilterException$, InvalidDeployedStateFilterException);
var InvalidDeploymentConfigNameException$ = [-3, n0, _IDCNE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDeploymentConfigNameException$, InvalidDeploymentConfigNameException);
var InvalidDeploymentGroupNameException$ = [-3, n0, _IDGNE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDeploymentGroupNameException$, InvalidDeploymentGroupNameException);
var InvalidDeploymentIdException$ = [-3, n0, _IDIE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDeploymentIdException$, InvalidDeploymentIdException);
var InvalidDeploymentInstanceTypeException$ = [-3, n0, _IDITE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDeploymentInstanceTypeException$, InvalidDeploymentInstanceTypeException);
var InvalidDeploymentStatusException$ = [-3, n0, _IDSE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDeploymentStatusException$, InvalidDeploymentStatusException);
var InvalidDeploymentStyleException$ = [-3, n0, _IDSEn,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDeploymentStyleException$, InvalidDeploymentStyleException);
var InvalidDeploymentTargetIdException$ = [-3, n0, _IDTIE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDeploymentTargetIdException$, InvalidDeploymentTargetIdException);
var InvalidDeploymentWaitTypeException$ = [-3, n0, _IDWTE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidDeploymentWaitTypeException$, InvalidDeploymentWaitTypeException);
var InvalidEC2TagCombinationException$ = [-3, n0, _IECTCE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidEC2TagCombinationException$, InvalidEC2TagCombinationException);
var InvalidEC2TagException$ = [-3, n0, _IECTE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidEC2TagException$, InvalidEC2TagException);
var InvalidECSServiceException$ = [-3, n0, _IECSSE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidECSServiceException$, InvalidECSServiceException);
var InvalidExternalIdException$ = [-3, n0, _IEIE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidExternalIdException$, InvalidExternalIdException);
var InvalidFileExistsBehaviorException$ = [-3, n0, _IFEBE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidFileExistsBehaviorException$, InvalidFileExistsBehaviorException);
var InvalidGitHubAccountTokenException$ = [-3, n0, _IGHATE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidGitHubAccountTokenException$, InvalidGitHubAccountTokenException);
var InvalidGitHubAccountTokenNameException$ = [-3, n0, _IGHATNE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidGitHubAccountTokenNameException$, InvalidGitHubAccountTokenNameException);
var InvalidIamSessionArnException$ = [-3, n0, _IISAE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidIamSessionArnException$, InvalidIamSessionArnException);
var InvalidIamUserArnException$ = [-3, n0, _IIUAE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidIamUserArnException$, InvalidIamUserArnException);
var InvalidIgnoreApplicationStopFailuresValueException$ = [-3, n0, _IIASFVE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidIgnoreApplicationStopFailuresValueException$, InvalidIgnoreApplicationStopFailuresValueException);
var InvalidInputException$ = [-3, n0, _IIE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidInputException$, InvalidInputException);
var InvalidInstanceNameException$ = [-3, n0, _IINE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidInstanceNameException$, InvalidInstanceNameException);
var InvalidInstanceStatusException$ = [-3, n0, _IISE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidInstanceStatusException$, InvalidInstanceStatusException);
var InvalidInstanceTypeException$ = [-3, n0, _IITE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidInstanceTypeException$, InvalidInstanceTypeException);
var InvalidKeyPrefixFilterException$ = [-3, n0, _IKPFE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidKeyPrefixFilterException$, InvalidKeyPrefixFilterException);
var InvalidLifecycleEventHookExecutionIdException$ = [-3, n0, _ILEHEIE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidLifecycleEventHookExecutionIdException$, InvalidLifecycleEventHookExecutionIdException);
var InvalidLifecycleEventHookExecutionStatusException$ = [-3, n0, _ILEHESE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidLifecycleEventHookExecutionStatusException$, InvalidLifecycleEventHookExecutionStatusException);
var InvalidLoadBalancerInfoException$ = [-3, n0, _ILBIE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidLoadBalancerInfoException$, InvalidLoadBalancerInfoException);
var InvalidMinimumHealthyHostValueException$ = [-3, n0, _IMHHVE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidMinimumHealthyHostValueException$, InvalidMinimumHealthyHostValueException);
var InvalidNextTokenException$ = [-3, n0, _INTE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidNextTokenException$, InvalidNextTokenException);
var InvalidOnPremisesTagCombinationException$ = [-3, n0, _IOPTCE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidOnPremisesTagCombinationException$, InvalidOnPremisesTagCombinationException);
var InvalidOperationException$ = [-3, n0, _IOE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidOperationException$, InvalidOperationException);
var InvalidRegistrationStatusException$ = [-3, n0, _IRSE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidRegistrationStatusException$, InvalidRegistrationStatusException);
var InvalidRevisionException$ = [-3, n0, _IRE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidRevisionException$, InvalidRevisionException);
var InvalidRoleException$ = [-3, n0, _IREn,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidRoleException$, InvalidRoleException);
var InvalidSortByException$ = [-3, n0, _ISBE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidSortByException$, InvalidSortByException);
var InvalidSortOrderException$ = [-3, n0, _ISOE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidSortOrderException$, InvalidSortOrderException);
var InvalidTagException$ = [-3, n0, _ITE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidTagException$, InvalidTagException);
var InvalidTagFilterException$ = [-3, n0, _ITFE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidTagFilterException$, InvalidTagFilterException);
var InvalidTagsToAddException$ = [-3, n0, _ITTAE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidTagsToAddException$, InvalidTagsToAddException);
var InvalidTargetFilterNameException$ = [-3, n0, _ITFNE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidTargetFilterNameException$, InvalidTargetFilterNameException);
var InvalidTargetGroupPairException$ = [-3, n0, _ITGPE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidTargetGroupPairException$, InvalidTargetGroupPairException);
var InvalidTargetInstancesException$ = [-3, n0, _ITIE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidTargetInstancesException$, InvalidTargetInstancesException);
var InvalidTimeRangeException$ = [-3, n0, _ITRE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidTimeRangeException$, InvalidTimeRangeException);
var InvalidTrafficRoutingConfigurationException$ = [-3, n0, _ITRCE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidTrafficRoutingConfigurationException$, InvalidTrafficRoutingConfigurationException);
var InvalidTriggerConfigException$ = [-3, n0, _ITCE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidTriggerConfigException$, InvalidTriggerConfigException);
var InvalidUpdateOutdatedInstancesOnlyValueException$ = [-3, n0, _IUOIOVE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidUpdateOutdatedInstancesOnlyValueException$, InvalidUpdateOutdatedInstancesOnlyValueException);
var InvalidZonalDeploymentConfigurationException$ = [-3, n0, _IZDCE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidZonalDeploymentConfigurationException$, InvalidZonalDeploymentConfigurationException);
var LifecycleEventAlreadyCompletedException$ = [-3, n0, _LEACE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(LifecycleEventAlreadyCompletedException$, LifecycleEventAlreadyCompletedException);
var LifecycleHookLimitExceededException$ = [-3, n0, _LHLEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(LifecycleHookLimitExceededException$, LifecycleHookLimitExceededException);
var MultipleIamArnsProvidedException$ = [-3, n0, _MIAPE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(MultipleIamArnsProvidedException$, MultipleIamArnsProvidedException);
var OperationNotSupportedException$ = [-3, n0, _ONSE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(OperationNotSupportedException$, OperationNotSupportedException);
var ResourceArnRequiredException$ = [-3, n0, _RARE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ResourceArnRequiredException$, ResourceArnRequiredException);
var ResourceValidationException$ = [-3, n0, _RVE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ResourceValidationException$, ResourceValidationException);
var RevisionDoesNotExistException$ = [-3, n0, _RDNEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(RevisionDoesNotExistException$, RevisionDoesNotExistException);
var RevisionRequiredException$ = [-3, n0, _RRE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(RevisionRequiredException$, RevisionRequiredException);
var RoleRequiredException$ = [-3, n0, _RREo,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(RoleRequiredException$, RoleRequiredException);
var TagLimitExceededException$ = [-3, n0, _TLEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(TagLimitExceededException$, TagLimitExceededException);
var TagRequiredException$ = [-3, n0, _TRE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(TagRequiredException$, TagRequiredException);
var TagSetListLimitExceededException$ = [-3, n0, _TSLLEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(TagSetListLimitExceededException$, TagSetListLimitExceededException);
var ThrottlingException$ = [-3, n0, _TE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ThrottlingException$, ThrottlingException);
var TriggerTargetsLimitExceededException$ = [-3, n0, _TTLEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(TriggerTargetsLimitExceededException$, TriggerTargetsLimitExceededException);
var UnsupportedActionForDeploymentTypeException$ = [-3, n0, _UAFDTE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(UnsupportedActionForDeploymentTypeException$, UnsupportedActionForDeploymentTypeException);
const errorTypeRegistries = [
    _s_registry,
    n0_registry,
];
var AddTagsToOnPremisesInstancesInput$ = [3, n0, _ATTOPII,
    0,
    [_t, _iN],
    [() => TagList, 64 | 0], 2
];
var Alarm$ = [3, n0, _A,
    0,
    [_n],
    [0]
];
var AlarmConfiguration$ = [3, n0, _AC,
    0,
    [_en, _iPAF, _a],
    [2, 2, () => AlarmList]
];
var ApplicationInfo$ = [3, n0, _AI,
    0,
    [_aI, _aN, _cT, _lTGH, _gHAN, _cP],
    [0, 0, 4, 2, 0, 0]
];
var AppSpecContent$ = [3, n0, _ASC,
    0,
    [_co, _sh],
    [0, 0]
];
var AutoRollbackConfiguration$ = [3, n0, _ARC,
    0,
    [_en, _ev],
    [2, 64 | 0]
];
var AutoScalingGroup$ = [3, n0, _ASG,
    0,
    [_n, _h, _tH],
    [0, 0, 0]
];
var BatchGetApplicationRevisionsInput$ = [3, n0, _BGARI,
    0,
    [_aN, _r],
    [0, () => RevisionLocationList], 2
];
var BatchGetApplicationRevisionsOutput$ = [3, n0, _BGARO,
    0,
    [_aN, _eM, _r],
    [0, 0, () => RevisionInfoList]
];
var BatchGetApplicationsInput$ = [3, n0, _BGAI,
    0,
    [_aNp],
    [64 | 0], 1
];
var BatchGetApplicationsOutput$ = [3, n0, _BGAO,
    0,
    [_aIp],
    [() => ApplicationsInfoList]
];
var BatchGetDeploymentGroupsInput$ = [3, n0, _BGDGI,
    0,
    [_aN, _dGN],
    [0, 64 | 0], 2
];
var BatchGetDeploymentGroupsOutput$ = [3, n0, _BGDGO,
    0,
    [_dGI, _eM],
    [() => DeploymentGroupInfoList, 0]
];
var BatchGetDeploymentInstancesInput$ = [3, n0, _BGDII,
    0,
    [_dI, _iI],
    [0, 64 | 0], 2
];
var BatchGetDeploymentInstancesOutput$ = [3, n0, _BGDIO,
    0,
    [_iS, _eM],
    [() => InstanceSummaryList, 0]
];
var BatchGetDeploymentsInput$ = [3, n0, _BGDI,
    0,
    [_dIe],
    [64 | 0], 1
];
var BatchGetDeploymentsOutput$ = [3, n0, _BGDO,
    0,
    [_dIep],
    [() => DeploymentsInfoList]
];
var BatchGetDeploymentTargetsInput$ = [3, n0, _BGDTI,
    0,
    [_dI, _tI],
    [0, 64 | 0], 2
];
var BatchGetDeploymentTargetsOutput$ = [3, n0, _BGDTO,
    0,
    [_dT],
    [() => DeploymentTargetList]
];
var BatchGetOnPremisesInstancesInput$ = [3, n0, _BGOPII,
    0,
    [_iN],
    [64 | 0], 1
];
var BatchGetOnPremisesInstancesOutput$ = [3, n0, _BGOPIO,
    0,
    [_iIn],
    [() => InstanceInfoList]
];
var BlueGreenDeploymentConfiguration$ = [3, n0, _BGDC,
    0,
    [_tBIODS, _dRO, _gFPO],
    [() => BlueInstanceTerminationOption$, () => DeploymentReadyOption$, () => GreenFleetProvisioningOption$]
];
var BlueInstanceTerminationOption$ = [3, n0, _BITO,
    0,
    [_ac, _tWTIM],
    [0, 1]
];
var CloudFormationTarget$ = [3, n0, _CFT,
    0,
    [_dI, _tIa, _lUA, _lE, _st, _rT, _tVW],
    [0, 0, 4, () => LifecycleEventList, 0, 0, 1]
];
var ContinueDeploymentInput$ = [3, n0, _CDI,
    0,
    [_dI, _dWT],
    [0, 0]
];
var CreateApplicationInput$ = [3, n0, _CAI,
    0,
    [_aN, _cP, _t],
    [0, 0, () => TagList], 1
];
var CreateApplicationOutput$ = [3, n0, _CAO,
    0,
    [_aI],
    [0]
];
var CreateDeploymentConfigInput$ = [3, n0, _CDCI,
    0,
    [_dCN, _mHH, _tRC, _cP, _zC],
    [0, () => MinimumHealthyHosts$, () => TrafficRoutingConfig$, 0, () => ZonalConfig$], 1
];
var CreateDeploymentConfigOutput$ = [3, n0, _CDCO,
    0,
    [_dCI],
    [0]
];
var CreateDeploymentGroupInput$ = [3, n0, _CDGI,
    0,
    [_aN, _dGNe, _sRA, _dCN, _eTF, _oPITF, _aSG, _tC, _aC, _aRC, _oIS, _dS, _bGDC, _lBI, _eTS, _eS, _oPTS, _t, _tHE],
    [0, 0, 0, 0, () => EC2TagFilterList, () => TagFilterList, 64 | 0, () => TriggerConfigList, () => AlarmConfiguration$, () => AutoRollbackConfiguration$, 0, () => DeploymentStyle$, () => BlueGreenDeploymentConfiguration$, () => LoadBalancerInfo$, () => EC2TagSet$, () => ECSServiceList, () => OnPremisesTagSet$, () => TagList, 2], 3
];
var CreateDeploymentGroupOutput$ = [3, n0, _CDGO,
    0,
    [_dGIe],
    [0]
];
var CreateDeploymentInput$ = [3, n0, _CDIr,
    0,
    [_aN, _dGNe, _re, _dCN, _d, _iASF, _tIar, _aRC, _uOIO, _fEB, _dM, _oAC],
    [0, 0, () => RevisionLocation$, 0, 0, 2, () => TargetInstances$, () => AutoRollbackConfiguration$, 2, 0, 0, () => AlarmConfiguration$], 1
];
var CreateDeploymentOutput$ = [3, n0, _CDO,
    0,
    [_dI],
    [0]
];
var DeleteApplicationInput$ = [3, n0, _DAI,
    0,
    [_aN],
    [0], 1
];
var DeleteDeploymentConfigInput$ = [3, n0, _DDCI,
    0,
    [_dCN],
    [0], 1
];
var DeleteDeploymentGroupInput$ = [3, n0, _DDGI,
    0,
    [_aN, _dGNe],
    [0, 0], 2
];
var DeleteDeploymentGroupOutput$ = [3, n0, _DDGO,
    0,
    [_hNCU],
    [() => AutoScalingGroupList]
];
var DeleteGitHubAccountTokenInput$ = [3, n0, _DGHATI,
    0,
    [_tN],
    [0]
];
var DeleteGitHubAccountTokenOutput$ = [3, n0, _DGHATO,
    0,
    [_tN],
    [0]
];
var DeleteResourcesByExternalIdInput$ = [3, n0, _DRBEII,
    0,
    [_eI],
    [0]
];
var DeleteResourcesByExternalIdOutput$ = [3, n0, _DRBEIO,
    0,
    [],
    []
];
var DeploymentConfigInfo$ = [3, n0, _DCI,
    0,
    [_dCI, _dCN, _mHH, _cT, _cP, _tRC, _zC],
    [0, 0, () => MinimumHealthyHosts$, 4, 0, () => TrafficRoutingConfig$, () => ZonalConfig$]
];
var DeploymentGroupInfo$ = [3, n0, _DGI,
    0,
    [_aN, _dGIe, _dGNe, _dCN, _eTF, _oPITF, _aSG, _sRA, _tR, _tC, _aC, _aRC, _dS, _oIS, _bGDC, _lBI, _lSD, _lAD, _eTS, _oPTS, _cP, _eS, _tHE],
    [0, 0, 0, 0, () => EC2TagFilterList, () => TagFilterList, () => AutoScalingGroupList, 0, () => RevisionLocation$, () => TriggerConfigList, () => AlarmConfiguration$, () => AutoRollbackConfiguration$, () => DeploymentStyle$, 0, () => BlueGreenDeploymentConfiguration$, () => LoadBalancerInfo$, () => LastDeploymentInfo$, () => LastDeploymentInfo$, () => EC2TagSet$, () => OnPremisesTagSet$, 0, () => ECSServiceList, 2]
];
var DeploymentInfo$ = [3, n0, _DI,
    0,
    [_aN, _dGNe, _dCN, _dI, _pR, _re, _st, _eIr, _cT, _sT, _cTo, _dO, _d, _cr, _iASF, _aRC, _uOIO, _rI, _dS, _tIar, _iTWTS, _bGDC, _lBI, _aDSI, _fEB, _dM, _dSM, _cP, _eI, _rD, _oAC],
    [0, 0, 0, 0, () => RevisionLocation$, () => RevisionLocation$, 0, () => ErrorInformation$, 4, 4, 4, () => DeploymentOverview$, 0, 0, 2, () => AutoRollbackConfiguration$, 2, () => RollbackInfo$, () => DeploymentStyle$, () => TargetInstances$, 2, () => BlueGreenDeploymentConfiguration$, () => LoadBalancerInfo$, 0, 0, 0, 64 | 0, 0, 0, () => RelatedDeployments$, () => AlarmConfiguration$]
];
var DeploymentOverview$ = [3, n0, _DO,
    0,
    [_P, _IP, _S, _F, _Sk, _R],
    [1, 1, 1, 1, 1, 1]
];
var DeploymentReadyOption$ = [3, n0, _DRO,
    0,
    [_aOT, _wTIM],
    [0, 1]
];
var DeploymentStyle$ = [3, n0, _DS,
    0,
    [_dTe, _dOe],
    [0, 0]
];
var DeploymentTarget$ = [3, n0, _DT,
    0,
    [_dTT, _iT, _lT, _eT, _cFT],
    [0, () => InstanceTarget$, () => LambdaTarget$, () => ECSTarget$, () => CloudFormationTarget$]
];
var DeregisterOnPremisesInstanceInput$ = [3, n0, _DOPII,
    0,
    [_iNn],
    [0], 1
];
var Diagnostics$ = [3, n0, _D,
    0,
    [_eC, _sN, _m, _lTo],
    [0, 0, 0, 0]
];
var EC2TagFilter$ = [3, n0, _ECTF,
    0,
    [_K, _V, _T],
    [0, 0, 0]
];
var EC2TagSet$ = [3, n0, _ECTS,
    0,
    [_eTSL],
    [() => EC2TagSetList]
];
var ECSService$ = [3, n0, _ECSS,
    0,
    [_sNe, _cN],
    [0, 0]
];
var ECSTarget$ = [3, n0, _ECST,
    0,
    [_dI, _tIa, _tA, _lUA, _lE, _st, _tSI],
    [0, 0, 0, 4, () => LifecycleEventList, 0, () => ECSTaskSetList]
];
var ECSTaskSet$ = [3, n0, _ECSTS,
    0,
    [_i, _dC, _pC, _rC, _st, _tW, _tG, _tSL],
    [0, 1, 1, 1, 0, 1, () => TargetGroupInfo$, 0]
];
var ELBInfo$ = [3, n0, _ELBI,
    0,
    [_n],
    [0]
];
var ErrorInformation$ = [3, n0, _EI,
    0,
    [_cod, _m],
    [0, 0]
];
var GenericRevisionInfo$ = [3, n0, _GRI,
    0,
    [_d, _dG, _fUT, _lUT, _rTe],
    [0, 64 | 0, 4, 4, 4]
];
var GetApplicationInput$ = [3, n0, _GAI,
    0,
    [_aN],
    [0], 1
];
var GetApplicationOutput$ = [3, n0, _GAO,
    0,
    [_ap],
    [() => ApplicationInfo$]
];
var GetApplicationRevisionInput$ = [3, n0, _GARI,
    0,
    [_aN, _re],
    [0, () => RevisionLocation$], 2
];
var GetApplicationRevisionOutput$ = [3, n0, _GARO,
    0,
    [_aN, _re, _rIe],
    [0, () => RevisionLocation$, () => GenericRevisionInfo$]
];
var GetDeploymentConfigInput$ = [3, n0, _GDCI,
    0,
    [_dCN],
    [0], 1
];
var GetDeploymentConfigOutput$ = [3, n0, _GDCO,
    0,
    [_dCIe],
    [() => DeploymentConfigInfo$]
];
var GetDeploymentGroupInput$ = [3, n0, _GDGI,
    0,
    [_aN, _dGNe],
    [0, 0], 2
];
var GetDeploymentGroupOutput$ = [3, n0, _GDGO,
    0,
    [_dGIep],
    [() => DeploymentGroupInfo$]
];
var GetDeploymentInput$ = [3, n0, _GDI,
    0,
    [_dI],
    [0], 1
];
var GetDeploymentInstanceInput$ = [3, n0, _GDII,
    0,
    [_dI, _iIns],
    [0, 0], 2
];
var GetDeploymentInstanceOutput$ = [3, n0, _GDIO,
    0,
    [_iSn],
    [() => InstanceSummary$]
];
var GetDeploymentOutput$ = [3, n0, _GDO,
    0,
    [_dIepl],
    [() => DeploymentInfo$]
];
var GetDeploymentTargetInput$ = [3, n0, _GDTI,
    0,
    [_dI, _tIa],
    [0, 0], 2
];
var GetDeploymentTargetOutput$ = [3, n0, _GDTO,
    0,
    [_dTep],
    [() => DeploymentTarget$]
];
var GetOnPremisesInstanceInput$ = [3, n0, _GOPII,
    0,
    [_iNn],
    [0], 1
];
var GetOnPremisesInstanceOutput$ = [3, n0, _GOPIO,
    0,
    [_iInst],
    [() => InstanceInfo$]
];
var GitHubLocation$ = [3, n0, _GHL,
    0,
    [_rep, _cI],
    [0, 0]
];
var GreenFleetProvisioningOption$ = [3, n0, _GFPO,
    0,
    [_ac],
    [0]
];
var InstanceInfo$ = [3, n0, _II,
    0,
    [_iNn, _iSA, _iUA, _iA, _rTe, _dTer, _t],
    [0, 0, 0, 0, 4, 4, () => TagList]
];
var InstanceSummary$ = [3, n0, _IS,
    0,
    [_dI, _iIns, _st, _lUA, _lE, _iTn],
    [0, 0, 0, 4, () => LifecycleEventList, 0]
];
var InstanceTarget$ = [3, n0, _IT,
    0,
    [_dI, _tIa, _tA, _st, _lUA, _lE, _iL],
    [0, 0, 0, 0, 4, () => LifecycleEventList, 0]
];
var LambdaFunctionInfo$ = [3, n0, _LFI,
    0,
    [_fN, _fA, _cV, _tV, _tVW],
    [0, 0, 0, 0, 1]
];
var LambdaTarget$ = [3, n0, _LT,
    0,
    [_dI, _tIa, _tA, _st, _lUA, _lE, _lFI],
    [0, 0, 0, 0, 4, () => LifecycleEventList, () => LambdaFunctionInfo$]
];
var LastDeploymentInfo$ = [3, n0, _LDI,
    0,
    [_dI, _st, _eTn, _cT],
    [0, 0, 4, 4]
];
var LifecycleEvent$ = [3, n0, _LE,
    0,
    [_lEN, _di, _sT, _eTn, _st],
    [0, () => Diagnostics$, 4, 4, 0]
];
var ListApplicationRevisionsInput$ = [3, n0, _LARI,
    0,
    [_aN, _sB, _sO, _sBu, _sKP, _de, _nT],
    [0, 0, 0, 0, 0, 0, 0], 1
];
var ListApplicationRevisionsOutput$ = [3, n0, _LARO,
    0,
    [_r, _nT],
    [() => RevisionLocationList, 0]
];
var ListApplicationsInput$ = [3, n0, _LAI,
    0,
    [_nT],
    [0]
];
var ListApplicationsOutput$ = [3, n0, _LAO,
    0,
    [_app, _nT],
    [64 | 0, 0]
];
var ListDeploymentConfigsInput$ = [3, n0, _LDCI,
    0,
    [_nT],
    [0]
];
var ListDeploymentConfigsOutput$ = [3, n0, _LDCO,
    0,
    [_dCL, _nT],
    [64 | 0, 0]
];
var ListDeploymentGroupsInput$ = [3, n0, _LDGI,
    0,
    [_aN, _nT],
    [0, 0], 1
];
var ListDeploymentGroupsOutput$ = [3, n0, _LDGO,
    0,
    [_aN, _dG, _nT],
    [0, 64 | 0, 0]
];
var ListDeploymentInstancesInput$ = [3, n0, _LDII,
    0,
    [_dI, _nT, _iSF, _iTF],
    [0, 0, 64 | 0, 64 | 0], 1
];
var ListDeploymentInstancesOutput$ = [3, n0, _LDIO,
    0,
    [_iLn, _nT],
    [64 | 0, 0]
];
var ListDeploymentsInput$ = [3, n0, _LDIi,
    0,
    [_aN, _dGNe, _eI, _iOS, _cTR, _nT],
    [0, 0, 0, 64 | 0, () => TimeRange$, 0]
];
var ListDeploymentsOutput$ = [3, n0, _LDO,
    0,
    [_dep, _nT],
    [64 | 0, 0]
];
var ListDeploymentTargetsInput$ = [3, n0, _LDTI,
    0,
    [_dI, _nT, _tF],
    [0, 0, [2, n0, _TF, 0, 0, 64 | 0]], 1
];
var ListDeploymentTargetsOutput$ = [3, n0, _LDTO,
    0,
    [_tI, _nT],
    [64 | 0, 0]
];
var ListGitHubAccountTokenNamesInput$ = [3, n0, _LGHATNI,
    0,
    [_nT],
    [0]
];
var ListGitHubAccountTokenNamesOutput$ = [3, n0, _LGHATNO,
    0,
    [_tNL, _nT],
    [64 | 0, 0]
];
var ListOnPremisesInstancesInput$ = [3, n0, _LOPII,
    0,
    [_rS, _tFa, _nT],
    [0, () => TagFilterList, 0]
];
var ListOnPremisesInstancesOutput$ = [3, n0, _LOPIO,
    0,
    [_iN, _nT],
    [64 | 0, 0]
];
var ListTagsForResourceInput$ = [3, n0, _LTFRI,
    0,
    [_RA, _NT],
    [0, 0], 1
];
var ListTagsForResourceOutput$ = [3, n0, _LTFRO,
    0,
    [_Ta, _NT],
    [() => TagList, 0]
];
var LoadBalancerInfo$ = [3, n0, _LBI,
    0,
    [_eIL, _tGIL, _tGPIL],
    [() => ELBInfoList, () => TargetGroupInfoList, () => TargetGroupPairInfoList]
];
var MinimumHealthyHosts$ = [3, n0, _MHH,
    0,
    [_ty, _v],
    [0, 1]
];
var MinimumHealthyHostsPerZone$ = [3, n0, _MHHPZ,
    0,
    [_ty, _v],
    [0, 1]
];
var OnPremisesTagSet$ = [3, n0, _OPTS,
    0,
    [_oPTSL],
    [() => OnPremisesTagSetList]
];
var PutLifecycleEventHookExecutionStatusInput$ = [3, n0, _PLEHESI,
    0,
    [_dI, _lEHEI, _st],
    [0, 0, 0]
];
var PutLifecycleEventHookExecutionStatusOutput$ = [3, n0, _PLEHESO,
    0,
    [_lEHEI],
    [0]
];
var RawString$ = [3, n0, _RS,
    0,
    [_co, _sh],
    [0, 0]
];
var RegisterApplicationRevisionInput$ = [3, n0, _RARI,
    0,
    [_aN, _re, _d],
    [0, () => RevisionLocation$, 0], 2
];
var RegisterOnPremisesInstanceInput$ = [3, n0, _ROPII,
    0,
    [_iNn, _iSA, _iUA],
    [0, 0, 0], 1
];
var RelatedDeployments$ = [3, n0, _RD,
    0,
    [_aUOIRDI, _aUOIDI],
    [0, 64 | 0]
];
var RemoveTagsFromOnPremisesInstancesInput$ = [3, n0, _RTFOPII,
    0,
    [_t, _iN],
    [() => TagList, 64 | 0], 2
];
var RevisionInfo$ = [3, n0, _RI,
    0,
    [_rL, _gRI],
    [() => RevisionLocation$, () => GenericRevisionInfo$]
];
var RevisionLocation$ = [3, n0, _RL,
    0,
    [_rTev, _sL, _gHL, _str, _aSC],
    [0, () => S3Location$, () => GitHubLocation$, () => RawString$, () => AppSpecContent$]
];
var RollbackInfo$ = [3, n0, _RIo,
    0,
    [_rDI, _rTDI, _rM],
    [0, 0, 0]
];
var S3Location$ = [3, n0, _SL,
    0,
    [_b, _k, _bT, _ve, _eTa],
    [0, 0, 0, 0, 0]
];
var SkipWaitTimeForInstanceTerminationInput$ = [3, n0, _SWTFITI,
    0,
    [_dI],
    [0]
];
var StopDeploymentInput$ = [3, n0, _SDI,
    0,
    [_dI, _aRE],
    [0, 2], 1
];
var StopDeploymentOutput$ = [3, n0, _SDO,
    0,
    [_st, _sM],
    [0, 0]
];
var Tag$ = [3, n0, _Tag,
    0,
    [_K, _V],
    [0, 0]
];
var TagFilter$ = [3, n0, _TFa,
    0,
    [_K, _V, _T],
    [0, 0, 0]
];
var TagResourceInput$ = [3, n0, _TRI,
    0,
    [_RA, _Ta],
    [0, () => TagList], 2
];
var TagResourceOutput$ = [3, n0, _TRO,
    0,
    [],
    []
];
var TargetGroupInfo$ = [3, n0, _TGI,
    0,
    [_n],
    [0]
];
var TargetGroupPairInfo$ = [3, n0, _TGPI,
    0,
    [_tGa, _pTR, _tTR],
    [() => TargetGroupInfoList, () => TrafficRoute$, () => TrafficRoute$]
];
var TargetInstances$ = [3, n0, _TI,
    0,
    [_tFa, _aSG, _eTS],
    [() => EC2TagFilterList, 64 | 0, () => EC2TagSet$]
];
var TimeBasedCanary$ = [3, n0, _TBC,
    0,
    [_cPa, _cIa],
    [1, 1]
];
var TimeBasedLinear$ = [3, n0, _TBL,
    0,
    [_lP, _lI],
    [1, 1]
];
var TimeRange$ = [3, n0, _TR,
    0,
    [_sta, _end],
    [4, 4]
];
var TrafficRoute$ = [3, n0, _TRr,
    0,
    [_lA],
    [64 | 0]
];
var TrafficRoutingConfig$ = [3, n0, _TRC,
    0,
    [_ty, _tBC, _tBL],
    [0, () => TimeBasedCanary$, () => TimeBasedLinear$]
];
var TriggerConfig$ = [3, n0, _TC,
    0,
    [_tNr, _tTA, _tE],
    [0, 0, 64 | 0]
];
var UntagResourceInput$ = [3, n0, _URI,
    0,
    [_RA, _TK],
    [0, 64 | 0], 2
];
var UntagResourceOutput$ = [3, n0, _URO,
    0,
    [],
    []
];
var UpdateApplicationInput$ = [3, n0, _UAI,
    0,
    [_aN, _nAN],
    [0, 0]
];
var UpdateDeploymentGroupInput$ = [3, n0, _UDGI,
    0,
    [_aN, _cDGN, _nDGN, _dCN, _eTF, _oPITF, _aSG, _sRA, _tC, _aC, _aRC, _oIS, _dS, _bGDC, _lBI, _eTS, _eS, _oPTS, _tHE],
    [0, 0, 0, 0, () => EC2TagFilterList, () => TagFilterList, 64 | 0, 0, () => TriggerConfigList, () => AlarmConfiguration$, () => AutoRollbackConfiguration$, 0, () => DeploymentStyle$, () => BlueGreenDeploymentConfiguration$, () => LoadBalancerInfo$, () => EC2TagSet$, () => ECSServiceList, () => OnPremisesTagSet$, 2], 2
];
var UpdateDeploymentGroupOutput$ = [3, n0, _UDGO,
    0,
    [_hNCU],
    [() => AutoScalingGroupList]
];
var ZonalConfig$ = [3, n0, _ZC,
    0,
    [_fZMDIS, _mDIS, _mHHPZ],
    [1, 1, () => MinimumHealthyHostsPerZone$]
];
var __Unit = "unit";
var AlarmList = [1, n0, _AL,
    0, () => Alarm$
];
var ApplicationsInfoList = [1, n0, _AIL,
    0, () => ApplicationInfo$
];
var AutoScalingGroupList = [1, n0, _ASGL,
    0, () => AutoScalingGroup$
];
var DeploymentGroupInfoList = [1, n0, _DGIL,
    0, () => DeploymentGroupInfo$
];
var DeploymentsInfoList = [1, n0, _DIL,
    0, () => DeploymentInfo$
];
var DeploymentTargetList = [1, n0, _DTL,
    0, () => DeploymentTarget$
];
var EC2TagFilterList = [1, n0, _ECTFL,
    0, () => EC2TagFilter$
];
var EC2TagSetList = [1, n0, _ECTSL,
    0, () => EC2TagFilterList
];
var ECSServiceList = [1, n0, _ECSSL,
    0, () => ECSService$
];
var ECSTaskSetList = [1, n0, _ECSTSL,
    0, () => ECSTaskSet$
];
var ELBInfoList = [1, n0, _ELBIL,
    0, () => ELBInfo$
];
var InstanceInfoList = [1, n0, _IIL,
    0, () => InstanceInfo$
];
var InstanceSummaryList = [1, n0, _ISL,
    0, () => InstanceSummary$
];
var LifecycleEventList = [1, n0, _LEL,
    0, () => LifecycleEvent$
];
var OnPremisesTagSetList = [1, n0, _OPTSL,
    0, () => TagFilterList
];
var RevisionInfoList = [1, n0, _RIL,
    0, () => RevisionInfo$
];
var RevisionLocationList = [1, n0, _RLL,
    0, () => RevisionLocation$
];
var TagFilterList = [1, n0, _TFL,
    0, () => TagFilter$
];
var TagList = [1, n0, _TL,
    0, () => Tag$
];
var TargetGroupInfoList = [1, n0, _TGIL,
    0, () => TargetGroupInfo$
];
var TargetGroupPairInfoList = [1, n0, _TGPIL,
    0, () => TargetGroupPairInfo$
];
var TriggerConfigList = [1, n0, _TCL,
    0, () => TriggerConfig$
];
var AddTagsToOnPremisesInstances$ = [9, n0, _ATTOPI,
    0, () => AddTagsToOnPremisesInstancesInput$, () => __Unit
];
var BatchGetApplicationRevisions$ = [9, n0, _BGAR,
    0, () => BatchGetApplicationRevisionsInput$, () => BatchGetApplicationRevisionsOutput$
];
var BatchGetApplications$ = [9, n0, _BGA,
    0, () => BatchGetApplicationsInput$, () => BatchGetApplicationsOutput$
];
var BatchGetDeploymentGroups$ = [9, n0, _BGDG,
    0, () => BatchGetDeploymentGroupsInput$, () => BatchGetDeploymentGroupsOutput$
];
var BatchGetDeploymentInstances$ = [9, n0, _BGDIa,
    0, () => BatchGetDeploymentInstancesInput$, () => BatchGetDeploymentInstancesOutput$
];
var BatchGetDeployments$ = [9, n0, _BGD,
    0, () => BatchGetDeploymentsInput$, () => BatchGetDeploymentsOutput$
];
var BatchGetDeploymentTargets$ = [9, n0, _BGDT,
    0, () => BatchGetDeploymentTargetsInput$, () => BatchGetDeploymentTargetsOutput$
];
var BatchGetOnPremisesInstances$ = [9, n0, _BGOPI,
    0, () => BatchGetOnPremisesInstancesInput$, () => BatchGetOnPremisesInstancesOutput$
];
var ContinueDeployment$ = [9, n0, _CD,
    0, () => ContinueDeploymentInput$, () => __Unit
];
var CreateApplication$ = [9, n0, _CA,
    0, () => CreateApplicationInput$, () => CreateApplicationOutput$
];
var CreateDeployment$ = [9, n0, _CDr,
    0, () => CreateDeploymentInput$, () => CreateDeploymentOutput$
];
var CreateDeploymentConfig$ = [9, n0, _CDC,
    0, () => CreateDeploymentConfigInput$, () => CreateDeploymentConfigOutput$
];
var CreateDeploymentGroup$ = [9, n0, _CDG,
    0, () => CreateDeploymentGroupInput$, () => CreateDeploymentGroupOutput$
];
var DeleteApplication$ = [9, n0, _DA,
    0, () => DeleteApplicationInput$, () => __Unit
];
var DeleteDeploymentConfig$ = [9, n0, _DDC,
    0, () => DeleteDeploymentConfigInput$, () => __Unit
];
var DeleteDeploymentGroup$ = [9, n0, _DDG,
    0, () => DeleteDeploymentGroupInput$, () => DeleteDeploymentGroupOutput$
];
var DeleteGitHubAccountToken$ = [9, n0, _DGHAT,
    0, () => DeleteGitHubAccountTokenInput$, () => DeleteGitHubAccountTokenOutput$
];
var DeleteResourcesByExternalId$ = [9, n0, _DRBEI,
    0, () => DeleteResourcesByExternalIdInput$, () => DeleteResourcesByExternalIdOutput$
];
var DeregisterOnPremisesInstance$ = [9, n0, _DOPI,
    0, () => DeregisterOnPremisesInstanceInput$, () => __Unit
];
var GetApplication$ = [9, n0, _GA,
    0, () => GetApplicationInput$, () => GetApplicationOutput$
];
var GetApplicationRevision$ = [9, n0, _GAR,
    0, () => GetApplicationRevisionInput$, () => GetApplicationRevisionOutput$
];
var GetDeployment$ = [9, n0, _GD,
    0, () => GetDeploymentInput$, () => GetDeploymentOutput$
];
var GetDeploymentConfig$ = [9, n0, _GDC,
    0, () => GetDeploymentConfigInput$, () => GetDeploymentConfigOutput$
];
var GetDeploymentGroup$ = [9, n0, _GDG,
    0, () => GetDeploymentGroupInput$, () => GetDeploymentGroupOutput$
];
var GetDeploymentInstance$ = [9, n0, _GDIe,
    0, () => GetDeploymentInstanceInput$, () => GetDeploymentInstanceOutput$
];
var GetDeploymentTarget$ = [9, n0, _GDT,
    0, () => GetDeploymentTargetInput$, () => GetDeploymentTargetOutput$
];
var GetOnPremisesInstance$ = [9, n0, _GOPI,
    0, () => GetOnPremisesInstanceInput$, () => GetOnPremisesInstanceOutput$
];
var ListApplicationRevisions$ = [9, n0, _LAR,
    0, () => ListApplicationRevisionsInput$, () => ListApplicationRevisionsOutput$
];
var ListApplications$ = [9, n0, _LA,
    0, () => ListApplicationsInput$, () => ListApplicationsOutput$
];
var ListDeploymentConfigs$ = [9, n0, _LDC,
    0, () => ListDeploymentConfigsInput$, () => ListDeploymentConfigsOutput$
];
var ListDeploymentGroups$ = [9, n0, _LDG,
    0, () => ListDeploymentGroupsInput$, () => ListDeploymentGroupsOutput$
];
var ListDeploymentInstances$ = [9, n0, _LDIis,
    0, () => ListDeploymentInstancesInput$, () => ListDeploymentInstancesOutput$
];
var ListDeployments$ = [9, n0, _LD,
    0, () => ListDeploymentsInput$, () => ListDeploymentsOutput$
];
var ListDeploymentTargets$ = [9, n0, _LDT,
    0, () => ListDeploymentTargetsInput$, () => ListDeploymentTargetsOutput$
];
var ListGitHubAccountTokenNames$ = [9, n0, _LGHATN,
    0, () => ListGitHubAccountTokenNamesInput$, () => ListGitHubAccountTokenNamesOutput$
];
var ListOnPremisesInstances$ = [9, n0, _LOPI,
    0, () => ListOnPremisesInstancesInput$, () => ListOnPremisesInstancesOutput$
];
var ListTagsForResource$ = [9, n0, _LTFR,
    0, () => ListTagsForResourceInput$, () => ListTagsForResourceOutput$
];
var PutLifecycleEventHookExecutionStatus$ = [9, n0, _PLEHES,
    0, () => PutLifecycleEventHookExecutionStatusInput$, () => PutLifecycleEventHookExecutionStatusOutput$
];
var RegisterApplicationRevision$ = [9, n0, _RAR,
    0, () => RegisterApplicationRevisionInput$, () => __Unit
];
var RegisterOnPremisesInstance$ = [9, n0, _ROPI,
    0, () => RegisterOnPremisesInstanceInput$, () => __Unit
];
var RemoveTagsFromOnPremisesInstances$ = [9, n0, _RTFOPI,
    0, () => RemoveTagsFromOnPremisesInstancesInput$, () => __Unit
];
var SkipWaitTimeForInstanceTermination$ = [9, n0, _SWTFIT,
    0, () => SkipWaitTimeForInstanceTerminationInput$, () => __Unit
];
var StopDeployment$ = [9, n0, _SD,
    0, () => StopDeploymentInput$, () => StopDeploymentOutput$
];
var TagResource$ = [9, n0, _TRa,
    0, () => TagResourceInput$, () => TagResourceOutput$
];
var UntagResource$ = [9, n0, _UR,
    0, () => UntagResourceInput$, () => UntagResourceOutput$
];
var UpdateApplication$ = [9, n0, _UA,
    0, () => UpdateApplicationInput$, () => __Unit
];
var UpdateDeploymentGroup$ = [9, n0, _UDG,
    0, () => UpdateDeploymentGroupInput$, () => UpdateDeploymentGroupOutput$
];

const getRuntimeConfig$1 = (config) => {
    return {
        apiVersion: "2014-10-06",
        base64Decoder: config?.base64Decoder ?? fromBase64,
        base64Encoder: config?.base64Encoder ?? toBase64,
        disableHostPrefix: config?.disableHostPrefix ?? false,
        endpointProvider: config?.endpointProvider ?? defaultEndpointResolver,
        extensions: config?.extensions ?? [],
        httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultCodeDeployHttpAuthSchemeProvider,
        httpAuthSchemes: config?.httpAuthSchemes ?? [
            {
                schemeId: "aws.auth#sigv4",
                identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4"),
                signer: new AwsSdkSigV4Signer(),
            },
        ],
        logger: config?.logger ?? new NoOpLogger(),
        protocol: config?.protocol ?? AwsJson1_1Protocol,
        protocolSettings: config?.protocolSettings ?? {
            defaultNamespace: "com.amazonaws.codedeploy",
            errorTypeRegistries,
            xmlNamespace: "http://codedeploy.amazonaws.com/doc/2014-10-06/",
            version: "2014-10-06",
            serviceTarget: "CodeDeploy_20141006",
        },
        serviceId: config?.serviceId ?? "CodeDeploy",
        sha256: config?.sha256 ?? Sha256,
        urlParser: config?.urlParser ?? parseUrl,
        utf8Decoder: config?.utf8Decoder ?? fromUtf8,
        utf8Encoder: config?.utf8Encoder ?? toUtf8,
    };
};

const getRuntimeConfig = (config) => {
    emitWarningIfUnsupportedVersion(process.version);
    const defaultsMode = resolveDefaultsModeConfig(config);
    const defaultConfigProvider = () => defaultsMode().then(loadConfigsForDefaultMode);
    const clientSharedValues = getRuntimeConfig$1(config);
    emitWarningIfUnsupportedVersion$1(process.version);
    const loaderConfig = {
        profile: config?.profile,
        logger: clientSharedValues.logger,
    };
    return {
        ...clientSharedValues,
        ...config,
        runtime: "node",
        defaultsMode,
        authSchemePreference: config?.authSchemePreference ?? loadConfig(NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
        bodyLengthChecker: config?.bodyLengthChecker ?? calculateBodyLength,
        credentialDefaultProvider: config?.credentialDefaultProvider ?? defaultProvider,
        defaultUserAgentProvider: config?.defaultUserAgentProvider ?? createDefaultUserAgentProvider({ serviceId: clientSharedValues.serviceId, clientVersion: packageInfo.version }),
        maxAttempts: config?.maxAttempts ?? loadConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
        region: config?.region ?? loadConfig(NODE_REGION_CONFIG_OPTIONS, { ...NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
        requestHandler: NodeHttpHandler.create(config?.requestHandler ?? defaultConfigProvider),
        retryMode: config?.retryMode ??
            loadConfig({
                ...NODE_RETRY_MODE_CONFIG_OPTIONS,
                default: async () => (await defaultConfigProvider()).retryMode || DEFAULT_RETRY_MODE,
            }, config),
        streamCollector: config?.streamCollector ?? streamCollector,
        useDualstackEndpoint: config?.useDualstackEndpoint ?? loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        useFipsEndpoint: config?.useFipsEndpoint ?? loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        userAgentAppId: config?.userAgentAppId ?? loadConfig(NODE_APP_ID_CONFIG_OPTIONS, loaderConfig),
    };
};

const getHttpAuthExtensionConfiguration = (runtimeConfig) => {
    const _httpAuthSchemes = runtimeConfig.httpAuthSchemes;
    let _httpAuthSchemeProvider = runtimeConfig.httpAuthSchemeProvider;
    let _credentials = runtimeConfig.credentials;
    return {
        setHttpAuthScheme(httpAuthScheme) {
            const index = _httpAuthSchemes.findIndex((scheme) => scheme.schemeId === httpAuthScheme.schemeId);
            if (index === -1) {
                _httpAuthSchemes.push(httpAuthScheme);
            }
            else {
                _httpAuthSchemes.splice(index, 1, httpAuthScheme);
            }
        },
        httpAuthSchemes() {
            return _httpAuthSchemes;
        },
        setHttpAuthSchemeProvider(httpAuthSchemeProvider) {
            _httpAuthSchemeProvider = httpAuthSchemeProvider;
        },
        httpAuthSchemeProvider() {
            return _httpAuthSchemeProvider;
        },
        setCredentials(credentials) {
            _credentials = credentials;
        },
        credentials() {
            return _credentials;
        },
    };
};
const resolveHttpAuthRuntimeConfig = (config) => {
    return {
        httpAuthSchemes: config.httpAuthSchemes(),
        httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
        credentials: config.credentials(),
    };
};

const resolveRuntimeExtensions = (runtimeConfig, extensions) => {
    const extensionConfiguration = Object.assign(getAwsRegionExtensionConfiguration(runtimeConfig), getDefaultExtensionConfiguration(runtimeConfig), getHttpHandlerExtensionConfiguration(runtimeConfig), getHttpAuthExtensionConfiguration(runtimeConfig));
    extensions.forEach((extension) => extension.configure(extensionConfiguration));
    return Object.assign(runtimeConfig, resolveAwsRegionExtensionConfiguration(extensionConfiguration), resolveDefaultRuntimeConfig(extensionConfiguration), resolveHttpHandlerRuntimeConfig(extensionConfiguration), resolveHttpAuthRuntimeConfig(extensionConfiguration));
};

class CodeDeployClient extends Client {
    config;
    constructor(...[configuration]) {
        const _config_0 = getRuntimeConfig(configuration || {});
        super(_config_0);
        this.initConfig = _config_0;
        const _config_1 = resolveClientEndpointParameters(_config_0);
        const _config_2 = resolveUserAgentConfig(_config_1);
        const _config_3 = resolveRetryConfig(_config_2);
        const _config_4 = resolveRegionConfig(_config_3);
        const _config_5 = resolveHostHeaderConfig(_config_4);
        const _config_6 = resolveEndpointConfig(_config_5);
        const _config_7 = resolveHttpAuthSchemeConfig(_config_6);
        const _config_8 = resolveRuntimeExtensions(_config_7, configuration?.extensions || []);
        this.config = _config_8;
        this.middlewareStack.use(getSchemaSerdePlugin(this.config));
        this.middlewareStack.use(getUserAgentPlugin(this.config));
        this.middlewareStack.use(getRetryPlugin(this.config));
        this.middlewareStack.use(getContentLengthPlugin(this.config));
        this.middlewareStack.use(getHostHeaderPlugin(this.config));
        this.middlewareStack.use(getLoggerPlugin(this.config));
        this.middlewareStack.use(getRecursionDetectionPlugin(this.config));
        this.middlewareStack.use(getHttpAuthSchemeEndpointRuleSetPlugin(this.config, {
            httpAuthSchemeParametersProvider: defaultCodeDeployHttpAuthSchemeParametersProvider,
            identityProviderConfigProvider: async (config) => new DefaultIdentityProviderConfig({
                "aws.auth#sigv4": config.credentials,
            }),
        }));
        this.middlewareStack.use(getHttpSigningPlugin(this.config));
    }
    destroy() {
        super.destroy();
    }
}

const command = makeBuilder(commonParams, "CodeDeploy_20141006", "CodeDeployClient", getEndpointPlugin);
const _ep0 = {};
const _mw0 = (Command, cs, config, o) => [];

class AddTagsToOnPremisesInstancesCommand extends command(_ep0, _mw0, "AddTagsToOnPremisesInstances", AddTagsToOnPremisesInstances$) {
}

class BatchGetApplicationRevisionsCommand extends command(_ep0, _mw0, "BatchGetApplicationRevisions", BatchGetApplicationRevisions$) {
}

class BatchGetApplicationsCommand extends command(_ep0, _mw0, "BatchGetApplications", BatchGetApplications$) {
}

class BatchGetDeploymentGroupsCommand extends command(_ep0, _mw0, "BatchGetDeploymentGroups", BatchGetDeploymentGroups$) {
}

class BatchGetDeploymentInstancesCommand extends command(_ep0, _mw0, "BatchGetDeploymentInstances", BatchGetDeploymentInstances$) {
}

class BatchGetDeploymentsCommand extends command(_ep0, _mw0, "BatchGetDeployments", BatchGetDeployments$) {
}

class BatchGetDeploymentTargetsCommand extends command(_ep0, _mw0, "BatchGetDeploymentTargets", BatchGetDeploymentTargets$) {
}

class BatchGetOnPremisesInstancesCommand extends command(_ep0, _mw0, "BatchGetOnPremisesInstances", BatchGetOnPremisesInstances$) {
}

class ContinueDeploymentCommand extends command(_ep0, _mw0, "ContinueDeployment", ContinueDeployment$) {
}

class CreateApplicationCommand extends command(_ep0, _mw0, "CreateApplication", CreateApplication$) {
}

class CreateDeploymentCommand extends command(_ep0, _mw0, "CreateDeployment", CreateDeployment$) {
}

class CreateDeploymentConfigCommand extends command(_ep0, _mw0, "CreateDeploymentConfig", CreateDeploymentConfig$) {
}

class CreateDeploymentGroupCommand extends command(_ep0, _mw0, "CreateDeploymentGroup", CreateDeploymentGroup$) {
}

class DeleteApplicationCommand extends command(_ep0, _mw0, "DeleteApplication", DeleteApplication$) {
}

class DeleteDeploymentConfigCommand extends command(_ep0, _mw0, "DeleteDeploymentConfig", DeleteDeploymentConfig$) {
}

class DeleteDeploymentGroupCommand extends command(_ep0, _mw0, "DeleteDeploymentGroup", DeleteDeploymentGroup$) {
}

class DeleteGitHubAccountTokenCommand extends command(_ep0, _mw0, "DeleteGitHubAccountToken", DeleteGitHubAccountToken$) {
}

class DeleteResourcesByExternalIdCommand extends command(_ep0, _mw0, "DeleteResourcesByExternalId", DeleteResourcesByExternalId$) {
}

class DeregisterOnPremisesInstanceCommand extends command(_ep0, _mw0, "DeregisterOnPremisesInstance", DeregisterOnPremisesInstance$) {
}

class GetApplicationCommand extends command(_ep0, _mw0, "GetApplication", GetApplication$) {
}

class GetApplicationRevisionCommand extends command(_ep0, _mw0, "GetApplicationRevision", GetApplicationRevision$) {
}

class GetDeploymentCommand extends command(_ep0, _mw0, "GetDeployment", GetDeployment$) {
}

class GetDeploymentConfigCommand extends command(_ep0, _mw0, "GetDeploymentConfig", GetDeploymentConfig$) {
}

class GetDeploymentGroupCommand extends command(_ep0, _mw0, "GetDeploymentGroup", GetDeploymentGroup$) {
}

class GetDeploymentInstanceCommand extends command(_ep0, _mw0, "GetDeploymentInstance", GetDeploymentInstance$) {
}

class GetDeploymentTargetCommand extends command(_ep0, _mw0, "GetDeploymentTarget", GetDeploymentTarget$) {
}

class GetOnPremisesInstanceCommand extends command(_ep0, _mw0, "GetOnPremisesInstance", GetOnPremisesInstance$) {
}

class ListApplicationRevisionsCommand extends command(_ep0, _mw0, "ListApplicationRevisions", ListApplicationRevisions$) {
}

class ListApplicationsCommand extends command(_ep0, _mw0, "ListApplications", ListApplications$) {
}

class ListDeploymentConfigsCommand extends command(_ep0, _mw0, "ListDeploymentConfigs", ListDeploymentConfigs$) {
}

class ListDeploymentGroupsCommand extends command(_ep0, _mw0, "ListDeploymentGroups", ListDeploymentGroups$) {
}

class ListDeploymentInstancesCommand extends command(_ep0, _mw0, "ListDeploymentInstances", ListDeploymentInstances$) {
}

class ListDeploymentsCommand extends command(_ep0, _mw0, "ListDeployments", ListDeployments$) {
}

class ListDeploymentTargetsCommand extends command(_ep0, _mw0, "ListDeploymentTargets", ListDeploymentTargets$) {
}

class ListGitHubAccountTokenNamesCommand extends command(_ep0, _mw0, "ListGitHubAccountTokenNames", ListGitHubAccountTokenNames$) {
}

class ListOnPremisesInstancesCommand extends command(_ep0, _mw0, "ListOnPremisesInstances", ListOnPremisesInstances$) {
}

class ListTagsForResourceCommand extends command(_ep0, _mw0, "ListTagsForResource", ListTagsForResource$) {
}

class PutLifecycleEventHookExecutionStatusCommand extends command(_ep0, _mw0, "PutLifecycleEventHookExecutionStatus", PutLifecycleEventHookExecutionStatus$) {
}

class RegisterApplicationRevisionCommand extends command(_ep0, _mw0, "RegisterApplicationRevision", RegisterApplicationRevision$) {
}

class RegisterOnPremisesInstanceCommand extends command(_ep0, _mw0, "RegisterOnPremisesInstance", RegisterOnPremisesInstance$) {
}

class RemoveTagsFromOnPremisesInstancesCommand extends command(_ep0, _mw0, "RemoveTagsFromOnPremisesInstances", RemoveTagsFromOnPremisesInstances$) {
}

class SkipWaitTimeForInstanceTerminationCommand extends command(_ep0, _mw0, "SkipWaitTimeForInstanceTermination", SkipWaitTimeForInstanceTermination$) {
}

class StopDeploymentCommand extends command(_ep0, _mw0, "StopDeployment", StopDeployment$) {
}

class TagResourceCommand extends command(_ep0, _mw0, "TagResource", TagResource$) {
}

class UntagResourceCommand extends command(_ep0, _mw0, "UntagResource", UntagResource$) {
}

class UpdateApplicationCommand extends command(_ep0, _mw0, "UpdateApplication", UpdateApplication$) {
}

class UpdateDeploymentGroupCommand extends command(_ep0, _mw0, "UpdateDeploymentGroup", UpdateDeploymentGroup$) {
}

const paginateListApplicationRevisions = createPaginator(CodeDeployClient, ListApplicationRevisionsCommand, "nextToken", "nextToken", "");

const paginateListApplications = createPaginator(CodeDeployClient, ListApplicationsCommand, "nextToken", "nextToken", "");

const paginateListDeploymentConfigs = createPaginator(CodeDeployClient, ListDeploymentConfigsCommand, "nextToken", "nextToken", "");

const paginateListDeploymentGroups = createPaginator(CodeDeployClient, ListDeploymentGroupsCommand, "nextToken", "nextToken", "");

const paginateListDeploymentInstances = createPaginator(CodeDeployClient, ListDeploymentInstancesCommand, "nextToken", "nextToken", "");

const paginateListDeployments = createPaginator(CodeDeployClient, ListDeploymentsCommand, "nextToken", "nextToken", "");

const checkState = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new GetDeploymentCommand(input));
        reason = result;
        try {
            const returnComparator = () => {
                return result.deploymentInfo.status;
            };
            if (returnComparator() === "Succeeded") {
                return { state: WaiterState.SUCCESS, reason };
            }
        }
        catch (e) { }
        try {
            const returnComparator = () => {
                return result.deploymentInfo.status;
            };
            if (returnComparator() === "Failed") {
                return { state: WaiterState.FAILURE, reason };
            }
        }
        catch (e) { }
        try {
            const returnComparator = () => {
                return result.deploymentInfo.status;
            };
            if (returnComparator() === "Stopped") {
                return { state: WaiterState.FAILURE, reason };
            }
        }
        catch (e) { }
    }
    catch (exception) {
        reason = exception;
    }
    return { state: WaiterState.RETRY, reason };
};
const waitForDeploymentSuccessful = async (params, input) => {
    const serviceDefaults = { minDelay: 15, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState);
};
const waitUntilDeploymentSuccessful = async (params, input) => {
    const serviceDefaults = { minDelay: 15, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState);
    return checkExceptions(result);
};

const commands = {
    AddTagsToOnPremisesInstancesCommand,
    BatchGetApplicationRevisionsCommand,
    BatchGetApplicationsCommand,
    BatchGetDeploymentGroupsCommand,
    BatchGetDeploymentInstancesCommand,
    BatchGetDeploymentsCommand,
    BatchGetDeploymentTargetsCommand,
    BatchGetOnPremisesInstancesCommand,
    ContinueDeploymentCommand,
    CreateApplicationCommand,
    CreateDeploymentCommand,
    CreateDeploymentConfigCommand,
    CreateDeploymentGroupCommand,
    DeleteApplicationCommand,
    DeleteDeploymentConfigCommand,
    DeleteDeploymentGroupCommand,
    DeleteGitHubAccountTokenCommand,
    DeleteResourcesByExternalIdCommand,
    DeregisterOnPremisesInstanceCommand,
    GetApplicationCommand,
    GetApplicationRevisionCommand,
    GetDeploymentCommand,
    GetDeploymentConfigCommand,
    GetDeploymentGroupCommand,
    GetDeploymentInstanceCommand,
    GetDeploymentTargetCommand,
    GetOnPremisesInstanceCommand,
    ListApplicationRevisionsCommand,
    ListApplicationsCommand,
    ListDeploymentConfigsCommand,
    ListDeploymentGroupsCommand,
    ListDeploymentInstancesCommand,
    ListDeploymentsCommand,
    ListDeploymentTargetsCommand,
    ListGitHubAccountTokenNamesCommand,
    ListOnPremisesInstancesCommand,
    ListTagsForResourceCommand,
    PutLifecycleEventHookExecutionStatusCommand,
    RegisterApplicationRevisionCommand,
    RegisterOnPremisesInstanceCommand,
    RemoveTagsFromOnPremisesInstancesCommand,
    SkipWaitTimeForInstanceTerminationCommand,
    StopDeploymentCommand,
    TagResourceCommand,
    UntagResourceCommand,
    UpdateApplicationCommand,
    UpdateDeploymentGroupCommand,
};
const paginators = {
    paginateListApplicationRevisions,
    paginateListApplications,
    paginateListDeploymentConfigs,
    paginateListDeploymentGroups,
    paginateListDeploymentInstances,
    paginateListDeployments,
};
const waiters = {
    waitUntilDeploymentSuccessful,
};
class CodeDeploy extends CodeDeployClient {
}
createAggregatedClient(commands, CodeDeploy, { paginators, waiters });

const ComputePlatform = {
    ECS: "ECS",
    LAMBDA: "Lambda",
    SERVER: "Server",
};
const ApplicationRevisionSortBy = {
    FirstUsedTime: "firstUsedTime",
    LastUsedTime: "lastUsedTime",
    RegisterTime: "registerTime",
};
const AutoRollbackEvent = {
    DEPLOYMENT_FAILURE: "DEPLOYMENT_FAILURE",
    DEPLOYMENT_STOP_ON_ALARM: "DEPLOYMENT_STOP_ON_ALARM",
    DEPLOYMENT_STOP_ON_REQUEST: "DEPLOYMENT_STOP_ON_REQUEST",
};
const RevisionLocationType = {
    AppSpecContent: "AppSpecContent",
    GitHub: "GitHub",
    S3: "S3",
    String: "String",
};
const BundleType = {
    JSON: "JSON",
    Tar: "tar",
    TarGZip: "tgz",
    YAML: "YAML",
    Zip: "zip",
};
const DeploymentReadyAction = {
    CONTINUE_DEPLOYMENT: "CONTINUE_DEPLOYMENT",
    STOP_DEPLOYMENT: "STOP_DEPLOYMENT",
};
const GreenFleetProvisioningAction = {
    COPY_AUTO_SCALING_GROUP: "COPY_AUTO_SCALING_GROUP",
    DISCOVER_EXISTING: "DISCOVER_EXISTING",
};
const InstanceAction = {
    KEEP_ALIVE: "KEEP_ALIVE",
    TERMINATE: "TERMINATE",
};
const DeploymentOption = {
    WITHOUT_TRAFFIC_CONTROL: "WITHOUT_TRAFFIC_CONTROL",
    WITH_TRAFFIC_CONTROL: "WITH_TRAFFIC_CONTROL",
};
const DeploymentType = {
    BLUE_GREEN: "BLUE_GREEN",
    IN_PLACE: "IN_PLACE",
};
const EC2TagFilterType = {
    KEY_AND_VALUE: "KEY_AND_VALUE",
    KEY_ONLY: "KEY_ONLY",
    VALUE_ONLY: "VALUE_ONLY",
};
const DeploymentStatus = {
    BAKING: "Baking",
    CREATED: "Created",
    FAILED: "Failed",
    IN_PROGRESS: "InProgress",
    QUEUED: "Queued",
    READY: "Ready",
    STOPPED: "Stopped",
    SUCCEEDED: "Succeeded",
};
const TagFilterType = {
    KEY_AND_VALUE: "KEY_AND_VALUE",
    KEY_ONLY: "KEY_ONLY",
    VALUE_ONLY: "VALUE_ONLY",
};
const OutdatedInstancesStrategy = {
    Ignore: "IGNORE",
    Update: "UPDATE",
};
const TriggerEventType = {
    DEPLOYMENT_FAILURE: "DeploymentFailure",
    DEPLOYMENT_READY: "DeploymentReady",
    DEPLOYMENT_ROLLBACK: "DeploymentRollback",
    DEPLOYMENT_START: "DeploymentStart",
    DEPLOYMENT_STOP: "DeploymentStop",
    DEPLOYMENT_SUCCESS: "DeploymentSuccess",
    INSTANCE_FAILURE: "InstanceFailure",
    INSTANCE_READY: "InstanceReady",
    INSTANCE_START: "InstanceStart",
    INSTANCE_SUCCESS: "InstanceSuccess",
};
const _InstanceType = {
    BLUE: "Blue",
    GREEN: "Green",
};
const LifecycleErrorCode = {
    SCRIPT_FAILED: "ScriptFailed",
    SCRIPT_MISSING: "ScriptMissing",
    SCRIPT_NOT_EXECUTABLE: "ScriptNotExecutable",
    SCRIPT_TIMED_OUT: "ScriptTimedOut",
    SUCCESS: "Success",
    UNKNOWN_ERROR: "UnknownError",
};
const LifecycleEventStatus = {
    FAILED: "Failed",
    IN_PROGRESS: "InProgress",
    PENDING: "Pending",
    SKIPPED: "Skipped",
    SUCCEEDED: "Succeeded",
    UNKNOWN: "Unknown",
};
const InstanceStatus = {
    FAILED: "Failed",
    IN_PROGRESS: "InProgress",
    PENDING: "Pending",
    READY: "Ready",
    SKIPPED: "Skipped",
    SUCCEEDED: "Succeeded",
    UNKNOWN: "Unknown",
};
const DeploymentCreator = {
    Autoscaling: "autoscaling",
    AutoscalingTermination: "autoscalingTermination",
    CloudFormation: "CloudFormation",
    CloudFormationRollback: "CloudFormationRollback",
    CodeDeploy: "CodeDeploy",
    CodeDeployAutoUpdate: "CodeDeployAutoUpdate",
    CodeDeployRollback: "codeDeployRollback",
    User: "user",
};
const DeploymentMode = {
    RESTART: "RESTART",
    STANDARD: "STANDARD",
};
const ErrorCode = {
    AGENT_ISSUE: "AGENT_ISSUE",
    ALARM_ACTIVE: "ALARM_ACTIVE",
    APPLICATION_MISSING: "APPLICATION_MISSING",
    AUTOSCALING_VALIDATION_ERROR: "AUTOSCALING_VALIDATION_ERROR",
    AUTO_SCALING_CONFIGURATION: "AUTO_SCALING_CONFIGURATION",
    AUTO_SCALING_IAM_ROLE_PERMISSIONS: "AUTO_SCALING_IAM_ROLE_PERMISSIONS",
    CLOUDFORMATION_STACK_FAILURE: "CLOUDFORMATION_STACK_FAILURE",
    CODEDEPLOY_RESOURCE_CANNOT_BE_FOUND: "CODEDEPLOY_RESOURCE_CANNOT_BE_FOUND",
    CUSTOMER_APPLICATION_UNHEALTHY: "CUSTOMER_APPLICATION_UNHEALTHY",
    DEPLOYMENT_GROUP_MISSING: "DEPLOYMENT_GROUP_MISSING",
    ECS_UPDATE_ERROR: "ECS_UPDATE_ERROR",
    ELASTIC_LOAD_BALANCING_INVALID: "ELASTIC_LOAD_BALANCING_INVALID",
    ELB_INVALID_INSTANCE: "ELB_INVALID_INSTANCE",
    HEALTH_CONSTRAINTS: "HEALTH_CONSTRAINTS",
    HEALTH_CONSTRAINTS_INVALID: "HEALTH_CONSTRAINTS_INVALID",
    HOOK_EXECUTION_FAILURE: "HOOK_EXECUTION_FAILURE",
    IAM_ROLE_MISSING: "IAM_ROLE_MISSING",
    IAM_ROLE_PERMISSIONS: "IAM_ROLE_PERMISSIONS",
    INTERNAL_ERROR: "INTERNAL_ERROR",
    INVALID_ECS_SERVICE: "INVALID_ECS_SERVICE",
    INVALID_LAMBDA_CONFIGURATION: "INVALID_LAMBDA_CONFIGURATION",
    INVALID_LAMBDA_FUNCTION: "INVALID_LAMBDA_FUNCTION",
    INVALID_REVISION: "INVALID_REVISION",
    MANUAL_STOP: "MANUAL_STOP",
    MISSING_BLUE_GREEN_DEPLOYMENT_CONFIGURATION: "MISSING_BLUE_GREEN_DEPLOYMENT_CONFIGURATION",
    MISSING_ELB_INFORMATION: "MISSING_ELB_INFORMATION",
    MISSING_GITHUB_TOKEN: "MISSING_GITHUB_TOKEN",
    NO_EC2_SUBSCRIPTION: "NO_EC2_SUBSCRIPTION",
    NO_INSTANCES: "NO_INSTANCES",
    OVER_MAX_INSTANCES: "OVER_MAX_INSTANCES",
    RESOURCE_LIMIT_EXCEEDED: "RESOURCE_LIMIT_EXCEEDED",
    REVISION_MISSING: "REVISION_MISSING",
    THROTTLED: "THROTTLED",
    TIMEOUT: "TIMEOUT",
};
const FileExistsBehavior = {
    DISALLOW: "DISALLOW",
    OVERWRITE: "OVERWRITE",
    RETAIN: "RETAIN",
};
const TargetStatus = {
    FAILED: "Failed",
    IN_PROGRESS: "InProgress",
    PENDING: "Pending",
    READY: "Ready",
    SKIPPED: "Skipped",
    SUCCEEDED: "Succeeded",
    UNKNOWN: "Unknown",
};
const DeploymentTargetType = {
    CLOUDFORMATION_TARGET: "CloudFormationTarget",
    ECS_TARGET: "ECSTarget",
    INSTANCE_TARGET: "InstanceTarget",
    LAMBDA_TARGET: "LambdaTarget",
};
const TargetLabel = {
    BLUE: "Blue",
    GREEN: "Green",
};
const DeploymentWaitType = {
    READY_WAIT: "READY_WAIT",
    TERMINATION_WAIT: "TERMINATION_WAIT",
};
const MinimumHealthyHostsType = {
    FLEET_PERCENT: "FLEET_PERCENT",
    HOST_COUNT: "HOST_COUNT",
};
const TrafficRoutingType = {
    AllAtOnce: "AllAtOnce",
    TimeBasedCanary: "TimeBasedCanary",
    TimeBasedLinear: "TimeBasedLinear",
};
const MinimumHealthyHostsPerZoneType = {
    FLEET_PERCENT: "FLEET_PERCENT",
    HOST_COUNT: "HOST_COUNT",
};
const ListStateFilterAction = {
    Exclude: "exclude",
    Ignore: "ignore",
    Include: "include",
};
const SortOrder = {
    Ascending: "ascending",
    Descending: "descending",
};
const TargetFilterName = {
    SERVER_INSTANCE_LABEL: "ServerInstanceLabel",
    TARGET_STATUS: "TargetStatus",
};
const RegistrationStatus = {
    Deregistered: "Deregistered",
    Registered: "Registered",
};
const StopStatus = {
    PENDING: "Pending",
    SUCCEEDED: "Succeeded",
};

__webpack_unused_export__ = AddTagsToOnPremisesInstances$;
__webpack_unused_export__ = AddTagsToOnPremisesInstancesCommand;
__webpack_unused_export__ = AddTagsToOnPremisesInstancesInput$;
__webpack_unused_export__ = Alarm$;
__webpack_unused_export__ = AlarmConfiguration$;
__webpack_unused_export__ = AlarmsLimitExceededException;
__webpack_unused_export__ = AlarmsLimitExceededException$;
__webpack_unused_export__ = AppSpecContent$;
__webpack_unused_export__ = ApplicationAlreadyExistsException;
__webpack_unused_export__ = ApplicationAlreadyExistsException$;
__webpack_unused_export__ = ApplicationDoesNotExistException;
__webpack_unused_export__ = ApplicationDoesNotExistException$;
__webpack_unused_export__ = ApplicationInfo$;
__webpack_unused_export__ = ApplicationLimitExceededException;
__webpack_unused_export__ = ApplicationLimitExceededException$;
__webpack_unused_export__ = ApplicationNameRequiredException;
__webpack_unused_export__ = ApplicationNameRequiredException$;
__webpack_unused_export__ = ApplicationRevisionSortBy;
__webpack_unused_export__ = ArnNotSupportedException;
__webpack_unused_export__ = ArnNotSupportedException$;
__webpack_unused_export__ = AutoRollbackConfiguration$;
__webpack_unused_export__ = AutoRollbackEvent;
__webpack_unused_export__ = AutoScalingGroup$;
__webpack_unused_export__ = BatchGetApplicationRevisions$;
__webpack_unused_export__ = BatchGetApplicationRevisionsCommand;
__webpack_unused_export__ = BatchGetApplicationRevisionsInput$;
__webpack_unused_export__ = BatchGetApplicationRevisionsOutput$;
__webpack_unused_export__ = BatchGetApplications$;
__webpack_unused_export__ = BatchGetApplicationsCommand;
__webpack_unused_export__ = BatchGetApplicationsInput$;
__webpack_unused_export__ = BatchGetApplicationsOutput$;
__webpack_unused_export__ = BatchGetDeploymentGroups$;
__webpack_unused_export__ = BatchGetDeploymentGroupsCommand;
__webpack_unused_export__ = BatchGetDeploymentGroupsInput$;
__webpack_unused_export__ = BatchGetDeploymentGroupsOutput$;
__webpack_unused_export__ = BatchGetDeploymentInstances$;
__webpack_unused_export__ = BatchGetDeploymentInstancesCommand;
__webpack_unused_export__ = BatchGetDeploymentInstancesInput$;
__webpack_unused_export__ = BatchGetDeploymentInstancesOutput$;
__webpack_unused_export__ = BatchGetDeploymentTargets$;
exports.Bsg = BatchGetDeploymentTargetsCommand;
__webpack_unused_export__ = BatchGetDeploymentTargetsInput$;
__webpack_unused_export__ = BatchGetDeploymentTargetsOutput$;
__webpack_unused_export__ = BatchGetDeployments$;
exports.ARk = BatchGetDeploymentsCommand;
__webpack_unused_export__ = BatchGetDeploymentsInput$;
__webpack_unused_export__ = BatchGetDeploymentsOutput$;
__webpack_unused_export__ = BatchGetOnPremisesInstances$;
__webpack_unused_export__ = BatchGetOnPremisesInstancesCommand;
__webpack_unused_export__ = BatchGetOnPremisesInstancesInput$;
__webpack_unused_export__ = BatchGetOnPremisesInstancesOutput$;
__webpack_unused_export__ = BatchLimitExceededException;
__webpack_unused_export__ = BatchLimitExceededException$;
__webpack_unused_export__ = BlueGreenDeploymentConfiguration$;
__webpack_unused_export__ = BlueInstanceTerminationOption$;
__webpack_unused_export__ = BucketNameFilterRequiredException;
__webpack_unused_export__ = BucketNameFilterRequiredException$;
__webpack_unused_export__ = BundleType;
__webpack_unused_export__ = CloudFormationTarget$;
__webpack_unused_export__ = CodeDeploy;
exports.cHd = CodeDeployClient;
__webpack_unused_export__ = CodeDeployServiceException;
__webpack_unused_export__ = CodeDeployServiceException$;
__webpack_unused_export__ = ComputePlatform;
__webpack_unused_export__ = ContinueDeployment$;
__webpack_unused_export__ = ContinueDeploymentCommand;
__webpack_unused_export__ = ContinueDeploymentInput$;
__webpack_unused_export__ = CreateApplication$;
__webpack_unused_export__ = CreateApplicationCommand;
__webpack_unused_export__ = CreateApplicationInput$;
__webpack_unused_export__ = CreateApplicationOutput$;
__webpack_unused_export__ = CreateDeployment$;
exports.ttP = CreateDeploymentCommand;
__webpack_unused_export__ = CreateDeploymentConfig$;
__webpack_unused_export__ = CreateDeploymentConfigCommand;
__webpack_unused_export__ = CreateDeploymentConfigInput$;
__webpack_unused_export__ = CreateDeploymentConfigOutput$;
__webpack_unused_export__ = CreateDeploymentGroup$;
__webpack_unused_export__ = CreateDeploymentGroupCommand;
__webpack_unused_export__ = CreateDeploymentGroupInput$;
__webpack_unused_export__ = CreateDeploymentGroupOutput$;
__webpack_unused_export__ = CreateDeploymentInput$;
__webpack_unused_export__ = CreateDeploymentOutput$;
__webpack_unused_export__ = DeleteApplication$;
__webpack_unused_export__ = DeleteApplicationCommand;
__webpack_unused_export__ = DeleteApplicationInput$;
__webpack_unused_export__ = DeleteDeploymentConfig$;
__webpack_unused_export__ = DeleteDeploymentConfigCommand;
__webpack_unused_export__ = DeleteDeploymentConfigInput$;
__webpack_unused_export__ = DeleteDeploymentGroup$;
__webpack_unused_export__ = DeleteDeploymentGroupCommand;
__webpack_unused_export__ = DeleteDeploymentGroupInput$;
__webpack_unused_export__ = DeleteDeploymentGroupOutput$;
__webpack_unused_export__ = DeleteGitHubAccountToken$;
__webpack_unused_export__ = DeleteGitHubAccountTokenCommand;
__webpack_unused_export__ = DeleteGitHubAccountTokenInput$;
__webpack_unused_export__ = DeleteGitHubAccountTokenOutput$;
__webpack_unused_export__ = DeleteResourcesByExternalId$;
__webpack_unused_export__ = DeleteResourcesByExternalIdCommand;
__webpack_unused_export__ = DeleteResourcesByExternalIdInput$;
__webpack_unused_export__ = DeleteResourcesByExternalIdOutput$;
__webpack_unused_export__ = DeploymentAlreadyCompletedException;
__webpack_unused_export__ = DeploymentAlreadyCompletedException$;
__webpack_unused_export__ = DeploymentConfigAlreadyExistsException;
__webpack_unused_export__ = DeploymentConfigAlreadyExistsException$;
__webpack_unused_export__ = DeploymentConfigDoesNotExistException;
__webpack_unused_export__ = DeploymentConfigDoesNotExistException$;
__webpack_unused_export__ = DeploymentConfigInUseException;
__webpack_unused_export__ = DeploymentConfigInUseException$;
__webpack_unused_export__ = DeploymentConfigInfo$;
__webpack_unused_export__ = DeploymentConfigLimitExceededException;
__webpack_unused_export__ = DeploymentConfigLimitExceededException$;
__webpack_unused_export__ = DeploymentConfigNameRequiredException;
__webpack_unused_export__ = DeploymentConfigNameRequiredException$;
__webpack_unused_export__ = DeploymentCreator;
__webpack_unused_export__ = DeploymentDoesNotExistException;
__webpack_unused_export__ = DeploymentDoesNotExistException$;
__webpack_unused_export__ = DeploymentGroupAlreadyExistsException;
__webpack_unused_export__ = DeploymentGroupAlreadyExistsException$;
__webpack_unused_export__ = DeploymentGroupDoesNotExistException;
__webpack_unused_export__ = DeploymentGroupDoesNotExistException$;
__webpack_unused_export__ = DeploymentGroupInfo$;
__webpack_unused_export__ = DeploymentGroupLimitExceededException;
__webpack_unused_export__ = DeploymentGroupLimitExceededException$;
__webpack_unused_export__ = DeploymentGroupNameRequiredException;
__webpack_unused_export__ = DeploymentGroupNameRequiredException$;
__webpack_unused_export__ = DeploymentIdRequiredException;
__webpack_unused_export__ = DeploymentIdRequiredException$;
__webpack_unused_export__ = DeploymentInfo$;
__webpack_unused_export__ = DeploymentIsNotInReadyStateException;
__webpack_unused_export__ = DeploymentIsNotInReadyStateException$;
__webpack_unused_export__ = DeploymentLimitExceededException;
__webpack_unused_export__ = DeploymentLimitExceededException$;
__webpack_unused_export__ = DeploymentMode;
__webpack_unused_export__ = DeploymentNotStartedException;
__webpack_unused_export__ = DeploymentNotStartedException$;
__webpack_unused_export__ = DeploymentOption;
__webpack_unused_export__ = DeploymentOverview$;
__webpack_unused_export__ = DeploymentReadyAction;
__webpack_unused_export__ = DeploymentReadyOption$;
__webpack_unused_export__ = DeploymentStatus;
__webpack_unused_export__ = DeploymentStyle$;
__webpack_unused_export__ = DeploymentTarget$;
__webpack_unused_export__ = DeploymentTargetDoesNotExistException;
__webpack_unused_export__ = DeploymentTargetDoesNotExistException$;
__webpack_unused_export__ = DeploymentTargetIdRequiredException;
__webpack_unused_export__ = DeploymentTargetIdRequiredException$;
__webpack_unused_export__ = DeploymentTargetListSizeExceededException;
__webpack_unused_export__ = DeploymentTargetListSizeExceededException$;
__webpack_unused_export__ = DeploymentTargetType;
__webpack_unused_export__ = DeploymentType;
__webpack_unused_export__ = DeploymentWaitType;
__webpack_unused_export__ = DeregisterOnPremisesInstance$;
__webpack_unused_export__ = DeregisterOnPremisesInstanceCommand;
__webpack_unused_export__ = DeregisterOnPremisesInstanceInput$;
__webpack_unused_export__ = DescriptionTooLongException;
__webpack_unused_export__ = DescriptionTooLongException$;
__webpack_unused_export__ = Diagnostics$;
__webpack_unused_export__ = EC2TagFilter$;
__webpack_unused_export__ = EC2TagFilterType;
__webpack_unused_export__ = EC2TagSet$;
__webpack_unused_export__ = ECSService$;
__webpack_unused_export__ = ECSServiceMappingLimitExceededException;
__webpack_unused_export__ = ECSServiceMappingLimitExceededException$;
__webpack_unused_export__ = ECSTarget$;
__webpack_unused_export__ = ECSTaskSet$;
__webpack_unused_export__ = ELBInfo$;
__webpack_unused_export__ = ErrorCode;
__webpack_unused_export__ = ErrorInformation$;
__webpack_unused_export__ = FileExistsBehavior;
__webpack_unused_export__ = GenericRevisionInfo$;
__webpack_unused_export__ = GetApplication$;
__webpack_unused_export__ = GetApplicationCommand;
__webpack_unused_export__ = GetApplicationInput$;
__webpack_unused_export__ = GetApplicationOutput$;
__webpack_unused_export__ = GetApplicationRevision$;
__webpack_unused_export__ = GetApplicationRevisionCommand;
__webpack_unused_export__ = GetApplicationRevisionInput$;
__webpack_unused_export__ = GetApplicationRevisionOutput$;
__webpack_unused_export__ = GetDeployment$;
exports.Tvn = GetDeploymentCommand;
__webpack_unused_export__ = GetDeploymentConfig$;
exports.z2K = GetDeploymentConfigCommand;
__webpack_unused_export__ = GetDeploymentConfigInput$;
__webpack_unused_export__ = GetDeploymentConfigOutput$;
__webpack_unused_export__ = GetDeploymentGroup$;
exports.WOp = GetDeploymentGroupCommand;
__webpack_unused_export__ = GetDeploymentGroupInput$;
__webpack_unused_export__ = GetDeploymentGroupOutput$;
__webpack_unused_export__ = GetDeploymentInput$;
__webpack_unused_export__ = GetDeploymentInstance$;
__webpack_unused_export__ = GetDeploymentInstanceCommand;
__webpack_unused_export__ = GetDeploymentInstanceInput$;
__webpack_unused_export__ = GetDeploymentInstanceOutput$;
__webpack_unused_export__ = GetDeploymentOutput$;
__webpack_unused_export__ = GetDeploymentTarget$;
__webpack_unused_export__ = GetDeploymentTargetCommand;
__webpack_unused_export__ = GetDeploymentTargetInput$;
__webpack_unused_export__ = GetDeploymentTargetOutput$;
__webpack_unused_export__ = GetOnPremisesInstance$;
__webpack_unused_export__ = GetOnPremisesInstanceCommand;
__webpack_unused_export__ = GetOnPremisesInstanceInput$;
__webpack_unused_export__ = GetOnPremisesInstanceOutput$;
__webpack_unused_export__ = GitHubAccountTokenDoesNotExistException;
__webpack_unused_export__ = GitHubAccountTokenDoesNotExistException$;
__webpack_unused_export__ = GitHubAccountTokenNameRequiredException;
__webpack_unused_export__ = GitHubAccountTokenNameRequiredException$;
__webpack_unused_export__ = GitHubLocation$;
__webpack_unused_export__ = GreenFleetProvisioningAction;
__webpack_unused_export__ = GreenFleetProvisioningOption$;
__webpack_unused_export__ = IamArnRequiredException;
__webpack_unused_export__ = IamArnRequiredException$;
__webpack_unused_export__ = IamSessionArnAlreadyRegisteredException;
__webpack_unused_export__ = IamSessionArnAlreadyRegisteredException$;
__webpack_unused_export__ = IamUserArnAlreadyRegisteredException;
__webpack_unused_export__ = IamUserArnAlreadyRegisteredException$;
__webpack_unused_export__ = IamUserArnRequiredException;
__webpack_unused_export__ = IamUserArnRequiredException$;
__webpack_unused_export__ = InstanceAction;
__webpack_unused_export__ = InstanceDoesNotExistException;
__webpack_unused_export__ = InstanceDoesNotExistException$;
__webpack_unused_export__ = InstanceIdRequiredException;
__webpack_unused_export__ = InstanceIdRequiredException$;
__webpack_unused_export__ = InstanceInfo$;
__webpack_unused_export__ = InstanceLimitExceededException;
__webpack_unused_export__ = InstanceLimitExceededException$;
__webpack_unused_export__ = InstanceNameAlreadyRegisteredException;
__webpack_unused_export__ = InstanceNameAlreadyRegisteredException$;
__webpack_unused_export__ = InstanceNameRequiredException;
__webpack_unused_export__ = InstanceNameRequiredException$;
__webpack_unused_export__ = InstanceNotRegisteredException;
__webpack_unused_export__ = InstanceNotRegisteredException$;
__webpack_unused_export__ = InstanceStatus;
__webpack_unused_export__ = InstanceSummary$;
__webpack_unused_export__ = InstanceTarget$;
__webpack_unused_export__ = InvalidAlarmConfigException;
__webpack_unused_export__ = InvalidAlarmConfigException$;
__webpack_unused_export__ = InvalidApplicationNameException;
__webpack_unused_export__ = InvalidApplicationNameException$;
__webpack_unused_export__ = InvalidArnException;
__webpack_unused_export__ = InvalidArnException$;
__webpack_unused_export__ = InvalidAutoRollbackConfigException;
__webpack_unused_export__ = InvalidAutoRollbackConfigException$;
__webpack_unused_export__ = InvalidAutoScalingGroupException;
__webpack_unused_export__ = InvalidAutoScalingGroupException$;
__webpack_unused_export__ = InvalidBlueGreenDeploymentConfigurationException;
__webpack_unused_export__ = InvalidBlueGreenDeploymentConfigurationException$;
__webpack_unused_export__ = InvalidBucketNameFilterException;
__webpack_unused_export__ = InvalidBucketNameFilterException$;
__webpack_unused_export__ = InvalidComputePlatformException;
__webpack_unused_export__ = InvalidComputePlatformException$;
__webpack_unused_export__ = InvalidDeployedStateFilterException;
__webpack_unused_export__ = InvalidDeployedStateFilterException$;
__webpack_unused_export__ = InvalidDeploymentConfigNameException;
__webpack_unused_export__ = InvalidDeploymentConfigNameException$;
__webpack_unused_export__ = InvalidDeploymentGroupNameException;
__webpack_unused_export__ = InvalidDeploymentGroupNameException$;
__webpack_unused_export__ = InvalidDeploymentIdException;
__webpack_unused_export__ = InvalidDeploymentIdException$;
__webpack_unused_export__ = InvalidDeploymentInstanceTypeException;
__webpack_unused_export__ = InvalidDeploymentInstanceTypeException$;
__webpack_unused_export__ = InvalidDeploymentStatusException;
__webpack_unused_export__ = InvalidDeploymentStatusException$;
__webpack_unused_export__ = InvalidDeploymentStyleException;
__webpack_unused_export__ = InvalidDeploymentStyleException$;
__webpack_unused_export__ = InvalidDeploymentTargetIdException;
__webpack_unused_export__ = InvalidDeploymentTargetIdException$;
__webpack_unused_export__ = InvalidDeploymentWaitTypeException;
__webpack_unused_export__ = InvalidDeploymentWaitTypeException$;
__webpack_unused_export__ = InvalidEC2TagCombinationException;
__webpack_unused_export__ = InvalidEC2TagCombinationException$;
__webpack_unused_export__ = InvalidEC2TagException;
__webpack_unused_export__ = InvalidEC2TagException$;
__webpack_unused_export__ = InvalidECSServiceException;
__webpack_unused_export__ = InvalidECSServiceException$;
__webpack_unused_export__ = InvalidExternalIdException;
__webpack_unused_export__ = InvalidExternalIdException$;
__webpack_unused_export__ = InvalidFileExistsBehaviorException;
__webpack_unused_export__ = InvalidFileExistsBehaviorException$;
__webpack_unused_export__ = InvalidGitHubAccountTokenException;
__webpack_unused_export__ = InvalidGitHubAccountTokenException$;
__webpack_unused_export__ = InvalidGitHubAccountTokenNameException;
__webpack_unused_export__ = InvalidGitHubAccountTokenNameException$;
__webpack_unused_export__ = InvalidIamSessionArnException;
__webpack_unused_export__ = InvalidIamSessionArnException$;
__webpack_unused_export__ = InvalidIamUserArnException;
__webpack_unused_export__ = InvalidIamUserArnException$;
__webpack_unused_export__ = InvalidIgnoreApplicationStopFailuresValueException;
__webpack_unused_export__ = InvalidIgnoreApplicationStopFailuresValueException$;
__webpack_unused_export__ = InvalidInputException;
__webpack_unused_export__ = InvalidInputException$;
__webpack_unused_export__ = InvalidInstanceNameException;
__webpack_unused_export__ = InvalidInstanceNameException$;
__webpack_unused_export__ = InvalidInstanceStatusException;
__webpack_unused_export__ = InvalidInstanceStatusException$;
__webpack_unused_export__ = InvalidInstanceTypeException;
__webpack_unused_export__ = InvalidInstanceTypeException$;
__webpack_unused_export__ = InvalidKeyPrefixFilterException;
__webpack_unused_export__ = InvalidKeyPrefixFilterException$;
__webpack_unused_export__ = InvalidLifecycleEventHookExecutionIdException;
__webpack_unused_export__ = InvalidLifecycleEventHookExecutionIdException$;
__webpack_unused_export__ = InvalidLifecycleEventHookExecutionStatusException;
__webpack_unused_export__ = InvalidLifecycleEventHookExecutionStatusException$;
__webpack_unused_export__ = InvalidLoadBalancerInfoException;
__webpack_unused_export__ = InvalidLoadBalancerInfoException$;
__webpack_unused_export__ = InvalidMinimumHealthyHostValueException;
__webpack_unused_export__ = InvalidMinimumHealthyHostValueException$;
__webpack_unused_export__ = InvalidNextTokenException;
__webpack_unused_export__ = InvalidNextTokenException$;
__webpack_unused_export__ = InvalidOnPremisesTagCombinationException;
__webpack_unused_export__ = InvalidOnPremisesTagCombinationException$;
__webpack_unused_export__ = InvalidOperationException;
__webpack_unused_export__ = InvalidOperationException$;
__webpack_unused_export__ = InvalidRegistrationStatusException;
__webpack_unused_export__ = InvalidRegistrationStatusException$;
__webpack_unused_export__ = InvalidRevisionException;
__webpack_unused_export__ = InvalidRevisionException$;
__webpack_unused_export__ = InvalidRoleException;
__webpack_unused_export__ = InvalidRoleException$;
__webpack_unused_export__ = InvalidSortByException;
__webpack_unused_export__ = InvalidSortByException$;
__webpack_unused_export__ = InvalidSortOrderException;
__webpack_unused_export__ = InvalidSortOrderException$;
__webpack_unused_export__ = InvalidTagException;
__webpack_unused_export__ = InvalidTagException$;
__webpack_unused_export__ = InvalidTagFilterException;
__webpack_unused_export__ = InvalidTagFilterException$;
__webpack_unused_export__ = InvalidTagsToAddException;
__webpack_unused_export__ = InvalidTagsToAddException$;
__webpack_unused_export__ = InvalidTargetFilterNameException;
__webpack_unused_export__ = InvalidTargetFilterNameException$;
__webpack_unused_export__ = InvalidTargetGroupPairException;
__webpack_unused_export__ = InvalidTargetGroupPairException$;
__webpack_unused_export__ = InvalidTargetInstancesException;
__webpack_unused_export__ = InvalidTargetInstancesException$;
__webpack_unused_export__ = InvalidTimeRangeException;
__webpack_unused_export__ = InvalidTimeRangeException$;
__webpack_unused_export__ = InvalidTrafficRoutingConfigurationException;
__webpack_unused_export__ = InvalidTrafficRoutingConfigurationException$;
__webpack_unused_export__ = InvalidTriggerConfigException;
__webpack_unused_export__ = InvalidTriggerConfigException$;
__webpack_unused_export__ = InvalidUpdateOutdatedInstancesOnlyValueException;
__webpack_unused_export__ = InvalidUpdateOutdatedInstancesOnlyValueException$;
__webpack_unused_export__ = InvalidZonalDeploymentConfigurationException;
__webpack_unused_export__ = InvalidZonalDeploymentConfigurationException$;
__webpack_unused_export__ = LambdaFunctionInfo$;
__webpack_unused_export__ = LambdaTarget$;
__webpack_unused_export__ = LastDeploymentInfo$;
__webpack_unused_export__ = LifecycleErrorCode;
__webpack_unused_export__ = LifecycleEvent$;
__webpack_unused_export__ = LifecycleEventAlreadyCompletedException;
__webpack_unused_export__ = LifecycleEventAlreadyCompletedException$;
__webpack_unused_export__ = LifecycleEventStatus;
__webpack_unused_export__ = LifecycleHookLimitExceededException;
__webpack_unused_export__ = LifecycleHookLimitExceededException$;
__webpack_unused_export__ = ListApplicationRevisions$;
__webpack_unused_export__ = ListApplicationRevisionsCommand;
__webpack_unused_export__ = ListApplicationRevisionsInput$;
__webpack_unused_export__ = ListApplicationRevisionsOutput$;
__webpack_unused_export__ = ListApplications$;
__webpack_unused_export__ = ListApplicationsCommand;
__webpack_unused_export__ = ListApplicationsInput$;
__webpack_unused_export__ = ListApplicationsOutput$;
__webpack_unused_export__ = ListDeploymentConfigs$;
__webpack_unused_export__ = ListDeploymentConfigsCommand;
__webpack_unused_export__ = ListDeploymentConfigsInput$;
__webpack_unused_export__ = ListDeploymentConfigsOutput$;
__webpack_unused_export__ = ListDeploymentGroups$;
__webpack_unused_export__ = ListDeploymentGroupsCommand;
__webpack_unused_export__ = ListDeploymentGroupsInput$;
__webpack_unused_export__ = ListDeploymentGroupsOutput$;
__webpack_unused_export__ = ListDeploymentInstances$;
__webpack_unused_export__ = ListDeploymentInstancesCommand;
__webpack_unused_export__ = ListDeploymentInstancesInput$;
__webpack_unused_export__ = ListDeploymentInstancesOutput$;
__webpack_unused_export__ = ListDeploymentTargets$;
exports.$9V = ListDeploymentTargetsCommand;
__webpack_unused_export__ = ListDeploymentTargetsInput$;
__webpack_unused_export__ = ListDeploymentTargetsOutput$;
__webpack_unused_export__ = ListDeployments$;
exports.sr8 = ListDeploymentsCommand;
__webpack_unused_export__ = ListDeploymentsInput$;
__webpack_unused_export__ = ListDeploymentsOutput$;
__webpack_unused_export__ = ListGitHubAccountTokenNames$;
__webpack_unused_export__ = ListGitHubAccountTokenNamesCommand;
__webpack_unused_export__ = ListGitHubAccountTokenNamesInput$;
__webpack_unused_export__ = ListGitHubAccountTokenNamesOutput$;
__webpack_unused_export__ = ListOnPremisesInstances$;
__webpack_unused_export__ = ListOnPremisesInstancesCommand;
__webpack_unused_export__ = ListOnPremisesInstancesInput$;
__webpack_unused_export__ = ListOnPremisesInstancesOutput$;
__webpack_unused_export__ = ListStateFilterAction;
__webpack_unused_export__ = ListTagsForResource$;
__webpack_unused_export__ = ListTagsForResourceCommand;
__webpack_unused_export__ = ListTagsForResourceInput$;
__webpack_unused_export__ = ListTagsForResourceOutput$;
__webpack_unused_export__ = LoadBalancerInfo$;
__webpack_unused_export__ = MinimumHealthyHosts$;
__webpack_unused_export__ = MinimumHealthyHostsPerZone$;
__webpack_unused_export__ = MinimumHealthyHostsPerZoneType;
__webpack_unused_export__ = MinimumHealthyHostsType;
__webpack_unused_export__ = MultipleIamArnsProvidedException;
__webpack_unused_export__ = MultipleIamArnsProvidedException$;
__webpack_unused_export__ = OnPremisesTagSet$;
__webpack_unused_export__ = OperationNotSupportedException;
__webpack_unused_export__ = OperationNotSupportedException$;
__webpack_unused_export__ = OutdatedInstancesStrategy;
__webpack_unused_export__ = PutLifecycleEventHookExecutionStatus$;
__webpack_unused_export__ = PutLifecycleEventHookExecutionStatusCommand;
__webpack_unused_export__ = PutLifecycleEventHookExecutionStatusInput$;
__webpack_unused_export__ = PutLifecycleEventHookExecutionStatusOutput$;
__webpack_unused_export__ = RawString$;
__webpack_unused_export__ = RegisterApplicationRevision$;
__webpack_unused_export__ = RegisterApplicationRevisionCommand;
__webpack_unused_export__ = RegisterApplicationRevisionInput$;
__webpack_unused_export__ = RegisterOnPremisesInstance$;
__webpack_unused_export__ = RegisterOnPremisesInstanceCommand;
__webpack_unused_export__ = RegisterOnPremisesInstanceInput$;
__webpack_unused_export__ = RegistrationStatus;
__webpack_unused_export__ = RelatedDeployments$;
__webpack_unused_export__ = RemoveTagsFromOnPremisesInstances$;
__webpack_unused_export__ = RemoveTagsFromOnPremisesInstancesCommand;
__webpack_unused_export__ = RemoveTagsFromOnPremisesInstancesInput$;
__webpack_unused_export__ = ResourceArnRequiredException;
__webpack_unused_export__ = ResourceArnRequiredException$;
__webpack_unused_export__ = ResourceValidationException;
__webpack_unused_export__ = ResourceValidationException$;
__webpack_unused_export__ = RevisionDoesNotExistException;
__webpack_unused_export__ = RevisionDoesNotExistException$;
__webpack_unused_export__ = RevisionInfo$;
__webpack_unused_export__ = RevisionLocation$;
__webpack_unused_export__ = RevisionLocationType;
__webpack_unused_export__ = RevisionRequiredException;
__webpack_unused_export__ = RevisionRequiredException$;
__webpack_unused_export__ = RoleRequiredException;
__webpack_unused_export__ = RoleRequiredException$;
__webpack_unused_export__ = RollbackInfo$;
__webpack_unused_export__ = S3Location$;
__webpack_unused_export__ = SkipWaitTimeForInstanceTermination$;
__webpack_unused_export__ = SkipWaitTimeForInstanceTerminationCommand;
__webpack_unused_export__ = SkipWaitTimeForInstanceTerminationInput$;
__webpack_unused_export__ = SortOrder;
__webpack_unused_export__ = StopDeployment$;
exports.NzN = StopDeploymentCommand;
__webpack_unused_export__ = StopDeploymentInput$;
__webpack_unused_export__ = StopDeploymentOutput$;
__webpack_unused_export__ = StopStatus;
__webpack_unused_export__ = Tag$;
__webpack_unused_export__ = TagFilter$;
__webpack_unused_export__ = TagFilterType;
__webpack_unused_export__ = TagLimitExceededException;
__webpack_unused_export__ = TagLimitExceededException$;
__webpack_unused_export__ = TagRequiredException;
__webpack_unused_export__ = TagRequiredException$;
__webpack_unused_export__ = TagResource$;
__webpack_unused_export__ = TagResourceCommand;
__webpack_unused_export__ = TagResourceInput$;
__webpack_unused_export__ = TagResourceOutput$;
__webpack_unused_export__ = TagSetListLimitExceededException;
__webpack_unused_export__ = TagSetListLimitExceededException$;
__webpack_unused_export__ = TargetFilterName;
__webpack_unused_export__ = TargetGroupInfo$;
__webpack_unused_export__ = TargetGroupPairInfo$;
__webpack_unused_export__ = TargetInstances$;
__webpack_unused_export__ = TargetLabel;
__webpack_unused_export__ = TargetStatus;
__webpack_unused_export__ = ThrottlingException;
__webpack_unused_export__ = ThrottlingException$;
__webpack_unused_export__ = TimeBasedCanary$;
__webpack_unused_export__ = TimeBasedLinear$;
__webpack_unused_export__ = TimeRange$;
__webpack_unused_export__ = TrafficRoute$;
__webpack_unused_export__ = TrafficRoutingConfig$;
__webpack_unused_export__ = TrafficRoutingType;
__webpack_unused_export__ = TriggerConfig$;
__webpack_unused_export__ = TriggerEventType;
__webpack_unused_export__ = TriggerTargetsLimitExceededException;
__webpack_unused_export__ = TriggerTargetsLimitExceededException$;
__webpack_unused_export__ = UnsupportedActionForDeploymentTypeException;
__webpack_unused_export__ = UnsupportedActionForDeploymentTypeException$;
__webpack_unused_export__ = UntagResource$;
__webpack_unused_export__ = UntagResourceCommand;
__webpack_unused_export__ = UntagResourceInput$;
__webpack_unused_export__ = UntagResourceOutput$;
__webpack_unused_export__ = UpdateApplication$;
__webpack_unused_export__ = UpdateApplicationCommand;
__webpack_unused_export__ = UpdateApplicationInput$;
__webpack_unused_export__ = UpdateDeploymentGroup$;
__webpack_unused_export__ = UpdateDeploymentGroupCommand;
__webpack_unused_export__ = UpdateDeploymentGroupInput$;
__webpack_unused_export__ = UpdateDeploymentGroupOutput$;
__webpack_unused_export__ = ZonalConfig$;
__webpack_unused_export__ = _InstanceType;
__webpack_unused_export__ = errorTypeRegistries;
__webpack_unused_export__ = paginateListApplicationRevisions;
__webpack_unused_export__ = paginateListApplications;
__webpack_unused_export__ = paginateListDeploymentConfigs;
__webpack_unused_export__ = paginateListDeploymentGroups;
__webpack_unused_export__ = paginateListDeploymentInstances;
__webpack_unused_export__ = paginateListDeployments;
__webpack_unused_export__ = waitForDeploymentSuccessful;
__webpack_unused_export__ = waitUntilDeploymentSuccessful;


/***/ })

};
