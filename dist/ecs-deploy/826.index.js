export const id = 826;
export const ids = [826];
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

/***/ 4085:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

var __webpack_unused_export__;
const { awsEndpointFunctions, emitWarningIfUnsupportedVersion: emitWarningIfUnsupportedVersion$1, createDefaultUserAgentProvider, getDefaultSocketTimeout, NODE_APP_ID_CONFIG_OPTIONS, getAwsRegionExtensionConfiguration, resolveAwsRegionExtensionConfiguration, resolveUserAgentConfig, resolveHostHeaderConfig, getUserAgentPlugin, getHostHeaderPlugin, getLoggerPlugin, getRecursionDetectionPlugin } = __webpack_require__(5152);
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
const { NODE_REQUEST_MIN_COMPRESSION_SIZE_BYTES_CONFIG_OPTIONS, NODE_DISABLE_REQUEST_COMPRESSION_CONFIG_OPTIONS, resolveCompressionConfig, getCompressionPlugin } = __webpack_require__(190);
const { resolveAwsSdkSigV4Config, AwsSdkSigV4Signer, NODE_AUTH_SCHEME_PREFERENCE_OPTIONS } = __webpack_require__(7523);
const { defaultProvider } = __webpack_require__(5861);
const { toUtf8, fromUtf8, toBase64, fromBase64, calculateBodyLength } = __webpack_require__(2430);
const { streamCollector, NodeHttpHandler } = __webpack_require__(1279);
const { AwsJson1_0Protocol } = __webpack_require__(7288);
const { Sha256 } = __webpack_require__(9542);

const defaultCloudWatchHttpAuthSchemeParametersProvider = async (config, context, input) => {
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
            name: "monitoring",
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
const defaultCloudWatchHttpAuthSchemeProvider = (authParameters) => {
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
        defaultSigningName: "monitoring",
    });
};
const commonParams = {
    UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
    Endpoint: { type: "builtInParams", name: "endpoint" },
    Region: { type: "builtInParams", name: "region" },
    UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" },
};

var version = "3.1163.0";
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
        ["stringEquals", [{ fn: f, argv: [h, "name"] }, "aws-us-gov"]],
        [e, [{ fn: f, argv: [h, "supportsFIPS"] }, b]],
        [e, [{ fn: f, argv: [h, "supportsDualStack"] }, b]]
    ],
    results: [
        [a],
        [a, "Invalid Configuration: FIPS and custom endpoint are not supported"],
        [a, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
        [g, i],
        ["https://monitoring.{Region}.{PartitionResult#dnsSuffix}", i],
        ["https://monitoring.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        ["https://monitoring-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "FIPS and DualStack are enabled, but this partition does not support one or both"],
        ["https://monitoring-fips.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "FIPS is enabled but this partition does not support FIPS"],
        [a, "DualStack is enabled but this partition does not support DualStack"],
        [a, "Invalid Configuration: Missing Region"]
    ]
};
const root = 2;
const r = 100_000_000;
const nodes = new Int32Array([
    -1, 1, -1,
    0, 14, 3,
    1, 4, r + 11,
    2, 5, r + 11,
    3, 8, 6,
    4, 7, r + 4,
    7, r + 5, r + 10,
    4, 11, 9,
    5, r + 4, 10,
    6, r + 8, r + 9,
    5, r + 5, 12,
    6, 13, r + 7,
    7, r + 6, r + 7,
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

class CloudWatchServiceException extends ServiceException {
    static shapeId = "smithy.ts.sdk.synthetic.com.amazonaws.cloudwatch#CloudWatchServiceException";
    constructor(options) {
        super(options);
        Object.setPrototypeOf(this, CloudWatchServiceException.prototype);
    }
}

class ConflictException extends CloudWatchServiceException {
    static shapeId = "com.amazonaws.cloudwatch#ConflictException";
    name = "ConflictException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ConflictException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ConflictException.prototype);
        this.Message = opts.Message;
    }
}
class KmsAccessDeniedException extends CloudWatchServiceException {
    static shapeId = "com.amazonaws.cloudwatch#KmsAccessDeniedException";
    name = "KmsAccessDeniedException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "KmsAccessDeniedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, KmsAccessDeniedException.prototype);
        this.Message = opts.Message;
    }
}
class KmsKeyDisabledException extends CloudWatchServiceException {
    static shapeId = "com.amazonaws.cloudwatch#KmsKeyDisabledException";
    name = "KmsKeyDisabledException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "KmsKeyDisabledException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, KmsKeyDisabledException.prototype);
        this.Message = opts.Message;
    }
}
class KmsKeyNotFoundException extends CloudWatchServiceException {
    static shapeId = "com.amazonaws.cloudwatch#KmsKeyNotFoundException";
    name = "KmsKeyNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "KmsKeyNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, KmsKeyNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class ResourceNotFoundException extends CloudWatchServiceException {
    static shapeId = "com.amazonaws.cloudwatch#ResourceNotFoundException";
    name = "ResourceNotFoundException";
    $fault = "client";
    ResourceType;
    ResourceId;
    Message;
    constructor(opts) {
        super({
            name: "ResourceNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceNotFoundException.prototype);
        this.ResourceType = opts.ResourceType;
        this.ResourceId = opts.ResourceId;
        this.Message = opts.Message;
    }
}
class ConcurrentModificationException extends CloudWatchServiceException {
    static shapeId = "com.amazonaws.cloudwatch#ConcurrentModificationException";
    name = "ConcurrentModificationException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ConcurrentModificationException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ConcurrentModificationException.prototype);
        this.Message = opts.Message;
    }
}
class DashboardInvalidInputError extends CloudWatchServiceException {
    static shapeId = "com.amazonaws.cloudwatch#DashboardInvalidInputError";
    name = "DashboardInvalidInputError";
    $fault = "client";
    dashboardValidationMessages;
    constructor(opts) {
        super({
            name: "DashboardInvalidInputError",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DashboardInvalidInputError.prototype);
        this.dashboardValidationMessages = opts.dashboardValidationMessages;
    }
}
class DashboardNotFoundError extends CloudWatchServiceException {
    static shapeId = "com.amazonaws.cloudwatch#DashboardNotFoundError";
    name = "DashboardNotFoundError";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DashboardNotFoundError",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DashboardNotFoundError.prototype);
    }
}
class ResourceConflict extends CloudWatchServiceException {
    static shapeId = "com.amazonaws.cloudwatch#ResourceConflict";
    name = "ResourceConflict";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ResourceConflict",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceConflict.prototype);
    }
}
class ResourceNotFound extends CloudWatchServiceException {
    static shapeId = "com.amazonaws.cloudwatch#ResourceNotFound";
    name = "ResourceNotFound";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ResourceNotFound",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceNotFound.prototype);
    }
}
class InternalServiceFault extends CloudWatchServiceException {
    static shapeId = "com.amazonaws.cloudwatch#InternalServiceFault";
    name = "InternalServiceFault";
    $fault = "server";
    Message;
    constructor(opts) {
        super({
            name: "InternalServiceFault",
            $fault: "server",
            ...opts,
        });
        Object.setPrototypeOf(this, InternalServiceFault.prototype);
        this.Message = opts.Message;
    }
}
class InvalidParameterCombinationException extends CloudWatchServiceException {
    static shapeId = "com.amazonaws.cloudwatch#InvalidParameterCombinationException";
    name = "InvalidParameterCombinationException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidParameterCombinationException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidParameterCombinationException.prototype);
    }
}
class InvalidParameterValueException extends CloudWatchServiceException {
    static shapeId = "com.amazonaws.cloudwatch#InvalidParameterValueException";
    name = "InvalidParameterValueException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidParameterValueException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidParameterValueException.prototype);
    }
}
class MissingRequiredParameterException extends CloudWatchServiceException {
    static shapeId = "com.amazonaws.cloudwatch#MissingRequiredParameterException";
    name = "MissingRequiredParameterException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "MissingRequiredParameterException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, MissingRequiredParameterException.prototype);
    }
}
class InvalidNextToken extends CloudWatchServiceException {
    static shapeId = "com.amazonaws.cloudwatch#InvalidNextToken";
    name = "InvalidNextToken";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidNextToken",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidNextToken.prototype);
    }
}
class LimitExceededException extends CloudWatchServiceException {
    static shapeId = "com.amazonaws.cloudwatch#LimitExceededException";
    name = "LimitExceededException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "LimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, LimitExceededException.prototype);
        this.Message = opts.Message;
    }
}
class LimitExceededFault extends CloudWatchServiceException {
    static shapeId = "com.amazonaws.cloudwatch#LimitExceededFault";
    name = "LimitExceededFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "LimitExceededFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, LimitExceededFault.prototype);
    }
}
class InvalidFormatFault extends CloudWatchServiceException {
    static shapeId = "com.amazonaws.cloudwatch#InvalidFormatFault";
    name = "InvalidFormatFault";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidFormatFault",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidFormatFault.prototype);
    }
}
class ValidationException extends CloudWatchServiceException {
    static shapeId = "com.amazonaws.cloudwatch#ValidationException";
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

const _A = "Average";
const _AA = "AlarmActions";
const _AAV = "ApproximateAggregateValue";
const _AAl = "AlarmArn";
const _AC = "ActionConfiguration";
const _ACA = "AlarmContributorAttributes";
const _ACI = "AlarmContributorId";
const _ACUT = "AlarmConfigurationUpdatedTimestamp";
const _ACl = "AlarmContributor";
const _ACla = "AlarmContributors";
const _AD = "AnomalyDetector";
const _ADC = "AnomalyDetectorConfiguration";
const _ADETR = "AnomalyDetectorExcludedTimeRanges";
const _ADI = "AnomalyDetectorId";
const _ADIn = "AnomalyDetectorIds";
const _ADKK = "AssociateDatasetKmsKey";
const _ADKKI = "AssociateDatasetKmsKeyInput";
const _ADKKO = "AssociateDatasetKmsKeyOutput";
const _ADT = "AnomalyDetectorTypes";
const _ADl = "AlarmDescription";
const _ADn = "AnomalyDetectors";
const _AE = "ActionsEnabled";
const _AEg = "AggregationExpression";
const _AHI = "AlarmHistoryItem";
const _AHIl = "AlarmHistoryItems";
const _AI = "AccountId";
const _ALLC = "ActionLogLineCount";
const _ALLRA = "ActionLogLineRoleArn";
const _AMRA = "AlarmMuteRuleArn";
const _AMRN = "AlarmMuteRuleName";
const _AMRS = "AlarmMuteRuleSummary";
const _AMRSl = "AlarmMuteRuleSummaries";
const _AN = "AlarmName";
const _ANP = "AlarmNamePrefix";
const _ANl = "AlarmNames";
const _AOTL = "ApplyOnTransformedLogs";
const _AP = "ActionPrefix";
const _APQLC = "AlarmPromQLCriteria";
const _AR = "AlarmRule";
const _AS = "AdaptationSpeed";
const _ASB = "ActionsSuppressedBy";
const _ASEP = "ActionsSuppressorExtensionPeriod";
const _ASR = "ActionsSuppressedReason";
const _ASWP = "ActionsSuppressorWaitPeriod";
const _ASc = "ActionsSuppressor";
const _ASd = "AdditionalStatistics";
const _ASg = "AggregationStatistic";
const _AT = "AlarmType";
const _ATP = "AlarmTagsPropagation";
const _ATl = "AlarmTypes";
const _AUC = "ApproximateUniqueCount";
const _AV = "AggregateValue";
const _AVp = "ApproximateValue";
const _Ar = "Arn";
const _At = "Attributes";
const _BF = "BatchFailures";
const _C = "Configuration";
const _CA = "ContributorAttributes";
const _CAo = "CompositeAlarm";
const _CAom = "CompositeAlarms";
const _CAr = "CreatedAt";
const _CD = "CreationDate";
const _CE = "ConflictException";
const _CI = "ContributorId";
const _CME = "ConcurrentModificationException";
const _CO = "ComparisonOperator";
const _COAN = "ChildrenOfAlarmName";
const _CRMC = "CreateResourceMetricsConfiguration";
const _CRMCI = "CreateResourceMetricsConfigurationInput";
const _CRMCO = "CreateResourceMetricsConfigurationOutput";
const _Co = "Contributors";
const _Cod = "Code";
const _Cou = "Counts";
const _D = "Dimensions";
const _DA = "DashboardArn";
const _DAA = "DisableAlarmActions";
const _DAAI = "DisableAlarmActionsInput";
const _DAC = "DescribeAlarmContributors";
const _DACI = "DescribeAlarmContributorsInput";
const _DACO = "DescribeAlarmContributorsOutput";
const _DAD = "DeleteAnomalyDetector";
const _DADI = "DeleteAnomalyDetectorInput";
const _DADIe = "DescribeAnomalyDetectorsInput";
const _DADO = "DeleteAnomalyDetectorOutput";
const _DADOe = "DescribeAnomalyDetectorsOutput";
const _DADe = "DescribeAnomalyDetectors";
const _DAFM = "DescribeAlarmsForMetric";
const _DAFMI = "DescribeAlarmsForMetricInput";
const _DAFMO = "DescribeAlarmsForMetricOutput";
const _DAH = "DescribeAlarmHistory";
const _DAHI = "DescribeAlarmHistoryInput";
const _DAHO = "DescribeAlarmHistoryOutput";
const _DAI = "DeleteAlarmsInput";
const _DAIe = "DescribeAlarmsInput";
const _DAMR = "DeleteAlarmMuteRule";
const _DAMRI = "DeleteAlarmMuteRuleInput";
const _DAO = "DescribeAlarmsOutput";
const _DAe = "DeleteAlarms";
const _DAes = "DescribeAlarms";
const _DB = "DashboardBody";
const _DD = "DeleteDashboards";
const _DDI = "DeleteDashboardsInput";
const _DDKK = "DisassociateDatasetKmsKey";
const _DDKKI = "DisassociateDatasetKmsKeyInput";
const _DDKKO = "DisassociateDatasetKmsKeyOutput";
const _DDO = "DeleteDashboardsOutput";
const _DE = "DashboardEntry";
const _DEa = "DashboardEntries";
const _DF = "DimensionFilter";
const _DFi = "DimensionFilters";
const _DI = "DatasetIdentifier";
const _DIIE = "DashboardInvalidInputError";
const _DIR = "DeleteInsightRules";
const _DIRI = "DeleteInsightRulesInput";
const _DIRIe = "DescribeInsightRulesInput";
const _DIRIi = "DisableInsightRulesInput";
const _DIRO = "DeleteInsightRulesOutput";
const _DIROe = "DescribeInsightRulesOutput";
const _DIROi = "DisableInsightRulesOutput";
const _DIRe = "DescribeInsightRules";
const _DIRi = "DisableInsightRules";
const _DIa = "DatasetId";
const _DMS = "DeleteMetricStream";
const _DMSI = "DeleteMetricStreamInput";
const _DMSO = "DeleteMetricStreamOutput";
const _DN = "DashboardName";
const _DNFE = "DashboardNotFoundError";
const _DNP = "DashboardNamePrefix";
const _DNa = "DashboardNames";
const _DP = "DataPath";
const _DRMC = "DeleteResourceMetricsConfiguration";
const _DRMCI = "DeleteResourceMetricsConfigurationInput";
const _DRMCO = "DeleteResourceMetricsConfigurationOutput";
const _DTA = "DatapointsToAlarm";
const _DVM = "DashboardValidationMessage";
const _DVMa = "DashboardValidationMessages";
const _Da = "Datapoint";
const _Dat = "Datapoints";
const _De = "Description";
const _Def = "Definition";
const _Di = "Dimension";
const _Du = "Duration";
const _E = "Enabled";
const _EAA = "EnableAlarmActions";
const _EAAI = "EnableAlarmActionsInput";
const _EC = "EvaluationCriteria";
const _ED = "ExpireDate";
const _EDn = "EndDate";
const _EF = "ExcludeFilters";
const _EI = "EvaluationInterval";
const _EIR = "EnableInsightRules";
const _EIRI = "EnableInsightRulesInput";
const _EIRO = "EnableInsightRulesOutput";
const _ELSCP = "EvaluateLowSampleCountPercentile";
const _EMD = "EntityMetricData";
const _EMDL = "EntityMetricDataList";
const _EP = "EvaluationPeriods";
const _ES = "ExtendedStatistics";
const _ESv = "EvaluationState";
const _ESx = "ExtendedStatistic";
const _ET = "EndTime";
const _ETK = "ExcludedTagKeys";
const _ETO = "EndTimeOffset";
const _ETR = "ExcludedTimeRanges";
const _ETx = "ExceptionType";
const _EW = "EvaluationWindow";
const _En = "Entity";
const _Ent = "Entries";
const _Ex = "Expression";
const _F = "Failures";
const _FA = "FirehoseArn";
const _FC = "FailureCode";
const _FD = "FailureDescription";
const _FR = "FailureResource";
const _GAMR = "GetAlarmMuteRule";
const _GAMRI = "GetAlarmMuteRuleInput";
const _GAMRO = "GetAlarmMuteRuleOutput";
const _GD = "GetDashboard";
const _GDI = "GetDashboardInput";
const _GDIe = "GetDatasetInput";
const _GDO = "GetDashboardOutput";
const _GDOe = "GetDatasetOutput";
const _GDe = "GetDataset";
const _GIRR = "GetInsightRuleReport";
const _GIRRI = "GetInsightRuleReportInput";
const _GIRRO = "GetInsightRuleReportOutput";
const _GMD = "GetMetricData";
const _GMDI = "GetMetricDataInput";
const _GMDO = "GetMetricDataOutput";
const _GMS = "GetMetricStatistics";
const _GMSI = "GetMetricStatisticsInput";
const _GMSIe = "GetMetricStreamInput";
const _GMSO = "GetMetricStatisticsOutput";
const _GMSOe = "GetMetricStreamOutput";
const _GMSe = "GetMetricStream";
const _GMWI = "GetMetricWidgetImage";
const _GMWII = "GetMetricWidgetImageInput";
const _GMWIO = "GetMetricWidgetImageOutput";
const _GOTE = "GetOTelEnrichment";
const _GOTEI = "GetOTelEnrichmentInput";
const _GOTEO = "GetOTelEnrichmentOutput";
const _GRMC = "GetResourceMetricsConfiguration";
const _GRMCI = "GetResourceMetricsConfigurationInput";
const _GRMCO = "GetResourceMetricsConfigurationOutput";
const _HD = "HistoryData";
const _HIT = "HistoryItemType";
const _HS = "HistorySummary";
const _I = "Id";
const _IDA = "InsufficientDataActions";
const _IF = "IncludeFilters";
const _IFF = "InvalidFormatFault";
const _ILA = "IncludeLinkedAccounts";
const _ILAM = "IncludeLinkedAccountsMetrics";
const _IM = "IncludeMetrics";
const _INT = "InvalidNextToken";
const _IPCE = "InvalidParameterCombinationException";
const _IPVE = "InvalidParameterValueException";
const _IR = "InsightRules";
const _IRC = "InsightRuleContributor";
const _IRCD = "InsightRuleContributorDatapoint";
const _IRCDn = "InsightRuleContributorDatapoints";
const _IRCn = "InsightRuleContributors";
const _IRMD = "InsightRuleMetricDatapoint";
const _IRMDn = "InsightRuleMetricDatapoints";
const _IRn = "InsightRule";
const _ISF = "InternalServiceFault";
const _ITK = "IncludedTagKeys";
const _K = "Keys";
const _KA = "KeyAttributes";
const _KADE = "KmsAccessDeniedException";
const _KKA = "KmsKeyArn";
const _KKDE = "KmsKeyDisabledException";
const _KKNFE = "KmsKeyNotFoundException";
const _KL = "KeyLabels";
const _Ke = "Key";
const _L = "Label";
const _LA = "LogAlarms";
const _LAMR = "ListAlarmMuteRules";
const _LAMRI = "ListAlarmMuteRulesInput";
const _LAMRO = "ListAlarmMuteRulesOutput";
const _LAo = "LogAlarm";
const _LD = "ListDashboards";
const _LDI = "ListDashboardsInput";
const _LDO = "ListDashboardsOutput";
const _LEE = "LimitExceededException";
const _LEF = "LimitExceededFault";
const _LGI = "LogGroupIdentifiers";
const _LM = "LastModified";
const _LMI = "ListMetricsInput";
const _LMIR = "ListManagedInsightRules";
const _LMIRI = "ListManagedInsightRulesInput";
const _LMIRO = "ListManagedInsightRulesOutput";
const _LMO = "ListMetricsOutput";
const _LMS = "ListMetricStreams";
const _LMSI = "ListMetricStreamsInput";
const _LMSO = "ListMetricStreamsOutput";
const _LMi = "ListMetrics";
const _LO = "LabelOptions";
const _LTFR = "ListTagsForResource";
const _LTFRI = "ListTagsForResourceInput";
const _LTFRO = "ListTagsForResourceOutput";
const _LUD = "LastUpdateDate";
const _LUT = "LastUpdatedTimestamp";
const _M = "Message";
const _MA = "MetricAlarms";
const _MAe = "MetricAlarm";
const _MC = "MetricCharacteristics";
const _MCC = "MaxContributorCount";
const _MCV = "MaxContributorValue";
const _MD = "MetricData";
const _MDQ = "MetricDataQueries";
const _MDQe = "MetricDataQuery";
const _MDR = "MetricDataResults";
const _MDRM = "MetricDataResultMessages";
const _MDRe = "MetricDataResult";
const _MDa = "MaxDatapoints";
const _MDe = "MetricDatapoints";
const _MDes = "MessageData";
const _MDet = "MetricDatum";
const _MMAD = "MetricMathAnomalyDetector";
const _MN = "MetricName";
const _MNe = "MetricNames";
const _MR = "MaxRecords";
const _MRD = "ManagedRuleDescription";
const _MRDa = "ManagedRuleDescriptions";
const _MRPE = "MissingRequiredParameterException";
const _MRS = "ManagedRuleState";
const _MRa = "MaxResults";
const _MRan = "ManagedRule";
const _MRana = "ManagedRules";
const _MS = "MetricSelections";
const _MSE = "MetricStreamEntry";
const _MSEe = "MetricStreamEntries";
const _MSF = "MetricStreamFilter";
const _MSFe = "MetricStreamFilters";
const _MSSC = "MetricStreamStatisticsConfiguration";
const _MSSCe = "MetricStreamStatisticsConfigurations";
const _MSSIM = "MetricStreamStatisticsIncludeMetrics";
const _MSSM = "MetricStreamStatisticsMetric";
const _MSe = "MetricStat";
const _MT = "MuteType";
const _MTe = "MetricTimezone";
const _MTu = "MuteTargets";
const _MW = "MetricWidget";
const _MWI = "MetricWidgetImage";
const _Ma = "Maximum";
const _Me = "Metrics";
const _Mes = "Messages";
const _Met = "Metric";
const _Mi = "Minimum";
const _N = "Namespace";
const _NT = "NextToken";
const _Na = "Name";
const _Nam = "Names";
const _OA = "OwningAccount";
const _OAw = "OwningAccounts";
const _OB = "OrderBy";
const _OF = "OutputFormat";
const _OFS = "OutlierFilteringStrength";
const _OKA = "OKActions";
const _OSEAWUPE = "OnlyStartEvaluatingAfterWarmUpPeriodEnds";
const _OTEMS = "OTelEnrichmentMetricSelector";
const _OTEMSL = "OTelEnrichmentMetricSelectorList";
const _P = "Period";
const _PAD = "PutAnomalyDetector";
const _PADI = "PutAnomalyDetectorInput";
const _PADO = "PutAnomalyDetectorOutput";
const _PAMR = "PutAlarmMuteRule";
const _PAMRI = "PutAlarmMuteRuleInput";
const _PCA = "PutCompositeAlarm";
const _PCAI = "PutCompositeAlarmInput";
const _PD = "PutDashboard";
const _PDI = "PutDashboardInput";
const _PDO = "PutDashboardOutput";
const _PF = "PartialFailure";
const _PIR = "PutInsightRule";
const _PIRI = "PutInsightRuleInput";
const _PIRO = "PutInsightRuleOutput";
const _PLA = "PutLogAlarm";
const _PLAI = "PutLogAlarmInput";
const _PMA = "PutMetricAlarm";
const _PMAI = "PutMetricAlarmInput";
const _PMD = "PutMetricData";
const _PMDI = "PutMetricDataInput";
const _PMIR = "PutManagedInsightRules";
const _PMIRI = "PutManagedInsightRulesInput";
const _PMIRO = "PutManagedInsightRulesOutput";
const _PMS = "PutMetricStream";
const _PMSI = "PutMetricStreamInput";
const _PMSO = "PutMetricStreamOutput";
const _POAN = "ParentsOfAlarmName";
const _PP = "PendingPeriod";
const _PQLC = "PromQLCriteria";
const _PS = "PeriodicSpikes";
const _Q = "Query";
const _QARN = "QueryARN";
const _QRTA = "QueryResultsToAlarm";
const _QRTE = "QueryResultsToEvaluate";
const _QS = "QueryString";
const _R = "Rule";
const _RA = "ResourceArn";
const _RARN = "ResourceARN";
const _RAe = "RecentlyActive";
const _RAo = "RoleArn";
const _RC = "ResourceConflict";
const _RD = "ReturnData";
const _RDu = "RuleDefinition";
const _RI = "ResourceId";
const _RMC = "ResourceMetricsConfiguration";
const _RMS = "ResourceMetricSelection";
const _RMSL = "ResourceMetricSelectionList";
const _RN = "RuleNames";
const _RNF = "ResourceNotFound";
const _RNFE = "ResourceNotFoundException";
const _RNu = "RuleName";
const _RP = "RecoveryPeriod";
const _RS = "RuleState";
const _RT = "ResourceType";
const _Ra = "Range";
const _S = "Status";
const _SAS = "SetAlarmState";
const _SASI = "SetAlarmStateInput";
const _SB = "ScanBy";
const _SC = "SampleCount";
const _SCc = "ScheduleConfiguration";
const _SCt = "StatisticsConfigurations";
const _SCta = "StatusCode";
const _SD = "StartDate";
const _SE = "ScheduleExpression";
const _SEV = "StrictEntityValidation";
const _SMAD = "SingleMetricAnomalyDetector";
const _SMS = "StartMetricStreams";
const _SMSI = "StartMetricStreamsInput";
const _SMSIt = "StopMetricStreamsInput";
const _SMSO = "StartMetricStreamsOutput";
const _SMSOt = "StopMetricStreamsOutput";
const _SMSt = "StopMetricStreams";
const _SOTE = "StartOTelEnrichment";
const _SOTEI = "StartOTelEnrichmentInput";
const _SOTEIt = "StopOTelEnrichmentInput";
const _SOTEO = "StartOTelEnrichmentOutput";
const _SOTEOt = "StopOTelEnrichmentOutput";
const _SOTEt = "StopOTelEnrichment";
const _SQC = "ScheduledQueryConfiguration";
const _SQRARN = "ScheduledQueryRoleARN";
const _SR = "StateReason";
const _SRD = "StateReasonData";
const _SRt = "StorageResolution";
const _SS = "StatisticSet";
const _ST = "StartTime";
const _STO = "StartTimeOffset";
const _STT = "StateTransitionedTimestamp";
const _SUT = "StateUpdatedTimestamp";
const _SV = "StateValue";
const _SVt = "StatisticValues";
const _SW = "SlidingWindow";
const _Sc = "Schema";
const _Sch = "Schedule";
const _Si = "Size";
const _St = "Stat";
const _Sta = "Statistic";
const _Stat = "Statistics";
const _State = "State";
const _Statu = "Statuses";
const _Su = "Sum";
const _T = "Timestamp";
const _TK = "TagKeys";
const _TL = "TagList";
const _TMD = "TreatMissingData";
const _TMI = "ThresholdMetricId";
const _TN = "TemplateName";
const _TR = "TagResource";
const _TRI = "TagResourceInput";
const _TRO = "TagResourceOutput";
const _Ta = "Tags";
const _Tag = "Tag";
const _Th = "Threshold";
const _Ti = "Timezone";
const _Tim = "Timestamps";
const _U = "Unit";
const _UA = "UpdatedAt";
const _UC = "UniqueContributors";
const _UOTE = "UpdateOTelEnrichment";
const _UOTEI = "UpdateOTelEnrichmentInput";
const _UOTEO = "UpdateOTelEnrichmentOutput";
const _UR = "UntagResource";
const _URI = "UntagResourceInput";
const _URMC = "UpdateResourceMetricsConfiguration";
const _URMCI = "UpdateResourceMetricsConfigurationInput";
const _URMCO = "UpdateResourceMetricsConfigurationOutput";
const _URO = "UntagResourceOutput";
const _V = "Value";
const _VE = "ValidationException";
const _Va = "Values";
const _WCW = "WallClockWindow";
const _WUC = "WarmUpConfiguration";
const _WUPDIM = "WarmUpPeriodDurationInMinutes";
const _aQE = "awsQueryError";
const _c = "client";
const _dVM = "dashboardValidationMessages";
const _e = "error";
const _hE = "httpError";
const _m = "message";
const _s = "smithy.ts.sdk.synthetic.com.amazonaws.cloudwatch";
const _se = "server";
const n0 = "com.amazonaws.cloudwatch";
const _s_registry = new TypeRegistry(_s);
var CloudWatchServiceException$ = [-3, _s, "CloudWatchServiceException", 0, [], []];
_s_registry.registerError(CloudWatchServiceException$, CloudWatchServiceException);
const n0_registry = new TypeRegistry(n0);
var ConcurrentModificationException$ = [-3, n0, _CME,
    { [_aQE]: [`ConcurrentModificationException`, 429], [_e]: _c, [_hE]: 429 },
    [_M],
    [0]
];
n0_registry.registerError(ConcurrentModificationException$, ConcurrentModificationException);
var ConflictException$ = [-3, n0, _CE,
    { [_e]: _c, [_hE]: 409 },
    [_M],
    [0]
];
n0_registry.registerError(ConflictException$, ConflictException);
var DashboardInvalidInputError$ = [-3, n0, _DIIE,
    { [_aQE]: [`InvalidParameterInput`, 400], [_e]: _c, [_hE]: 400 },
    [_m, _dVM],
    [0, () => DashboardValidationMessages]
];
n0_registry.registerError(DashboardInvalidInputError$, DashboardInvalidInputError);
var DashboardNotFoundError$ = [-3, n0, _DNFE,
    { [_aQE]: [`ResourceNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(DashboardNotFoundError$, DashboardNotFoundError);
var InternalServiceFault$ = [-3, n0, _ISF,
    { [_aQE]: [`InternalServiceError`, 500], [_e]: _se, [_hE]: 500 },
    [_M],
    [0]
];
n0_registry.registerError(InternalServiceFault$, InternalServiceFault);
var InvalidFormatFault$ = [-3, n0, _IFF,
    { [_aQE]: [`InvalidFormat`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidFormatFault$, InvalidFormatFault);
var InvalidNextToken$ = [-3, n0, _INT,
    { [_aQE]: [`InvalidNextToken`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidNextToken$, InvalidNextToken);
var InvalidParameterCombinationException$ = [-3, n0, _IPCE,
    { [_aQE]: [`InvalidParameterCombination`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidParameterCombinationException$, InvalidParameterCombinationException);
var InvalidParameterValueException$ = [-3, n0, _IPVE,
    { [_aQE]: [`InvalidParameterValue`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(InvalidParameterValueException$, InvalidParameterValueException);
var KmsAccessDeniedException$ = [-3, n0, _KADE,
    { [_e]: _c },
    [_M],
    [0], 1
];
n0_registry.registerError(KmsAccessDeniedException$, KmsAccessDeniedException);
var KmsKeyDisabledException$ = [-3, n0, _KKDE,
    { [_e]: _c },
    [_M],
    [0], 1
];
n0_registry.registerError(KmsKeyDisabledException$, KmsKeyDisabledException);
var KmsKeyNotFoundException$ = [-3, n0, _KKNFE,
    { [_e]: _c },
    [_M],
    [0], 1
];
n0_registry.registerError(KmsKeyNotFoundException$, KmsKeyNotFoundException);
var LimitExceededException$ = [-3, n0, _LEE,
    { [_aQE]: [`LimitExceededException`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(LimitExceededException$, LimitExceededException);
var LimitExceededFault$ = [-3, n0, _LEF,
    { [_aQE]: [`LimitExceeded`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(LimitExceededFault$, LimitExceededFault);
var MissingRequiredParameterException$ = [-3, n0, _MRPE,
    { [_aQE]: [`MissingParameter`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(MissingRequiredParameterException$, MissingRequiredParameterException);
var ResourceConflict$ = [-3, n0, _RC,
    { [_aQE]: [`ResourceConflict`, 409], [_e]: _c, [_hE]: 409 },
    [_m],
    [0]
];
n0_registry.registerError(ResourceConflict$, ResourceConflict);
var ResourceNotFound$ = [-3, n0, _RNF,
    { [_aQE]: [`ResourceNotFound`, 404], [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(ResourceNotFound$, ResourceNotFound);
var ResourceNotFoundException$ = [-3, n0, _RNFE,
    { [_aQE]: [`ResourceNotFoundException`, 404], [_e]: _c, [_hE]: 404 },
    [_RT, _RI, _M],
    [0, 0, 0]
];
n0_registry.registerError(ResourceNotFoundException$, ResourceNotFoundException);
var ValidationException$ = [-3, n0, _VE,
    { [_aQE]: [`ValidationError`, 400], [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(ValidationException$, ValidationException);
const errorTypeRegistries = [
    _s_registry,
    n0_registry,
];
var ActionConfiguration$ = [3, n0, _AC,
    0,
    [_ATP],
    [() => AlarmTagsPropagation$]
];
var AlarmContributor$ = [3, n0, _ACl,
    0,
    [_CI, _CA, _SR, _STT],
    [0, 128 | 0, 0, 4], 3
];
var AlarmHistoryItem$ = [3, n0, _AHI,
    0,
    [_AN, _ACI, _AT, _T, _HIT, _HS, _HD, _ACA],
    [0, 0, 0, 4, 0, 0, 0, 128 | 0]
];
var AlarmMuteRuleSummary$ = [3, n0, _AMRS,
    0,
    [_AMRA, _ED, _S, _MT, _LUT],
    [0, 4, 0, 0, 4]
];
var AlarmPromQLCriteria$ = [3, n0, _APQLC,
    0,
    [_Q, _PP, _RP],
    [0, 1, 1], 1
];
var AlarmTagsPropagation$ = [3, n0, _ATP,
    0,
    [_E, _ITK, _ETK],
    [2, 64 | 0, 64 | 0], 1
];
var AnomalyDetector$ = [3, n0, _AD,
    0,
    [_ADI, _N, _MN, _D, _St, _C, _SV, _MC, _SMAD, _MMAD],
    [0, 0, 0, () => Dimensions, 0, () => AnomalyDetectorConfiguration$, 0, () => MetricCharacteristics$, () => SingleMetricAnomalyDetector$, () => MetricMathAnomalyDetector$]
];
var AnomalyDetectorConfiguration$ = [3, n0, _ADC,
    0,
    [_ETR, _MTe, _AS, _OFS],
    [() => AnomalyDetectorExcludedTimeRanges, 0, 0, 0]
];
var AssociateDatasetKmsKeyInput$ = [3, n0, _ADKKI,
    0,
    [_DI, _KKA],
    [0, 0], 2
];
var AssociateDatasetKmsKeyOutput$ = [3, n0, _ADKKO,
    0,
    [],
    []
];
var CompositeAlarm$ = [3, n0, _CAo,
    0,
    [_AE, _AA, _AAl, _ACUT, _ADl, _AN, _AR, _IDA, _OKA, _SR, _SRD, _SUT, _SV, _STT, _ASB, _ASR, _ASc, _ASWP, _ASEP, _AC],
    [2, 64 | 0, 0, 4, 0, 0, 0, 64 | 0, 64 | 0, 0, 0, 4, 0, 4, 0, 0, 0, 1, 1, () => ActionConfiguration$]
];
var CreateResourceMetricsConfigurationInput$ = [3, n0, _CRMCI,
    0,
    [_RA, _MS],
    [0, () => ResourceMetricSelectionList], 1
];
var CreateResourceMetricsConfigurationOutput$ = [3, n0, _CRMCO,
    0,
    [_RMC],
    [() => ResourceMetricsConfiguration$], 1
];
var DashboardEntry$ = [3, n0, _DE,
    0,
    [_DN, _DA, _LM, _Si],
    [0, 0, 4, 1]
];
var DashboardValidationMessage$ = [3, n0, _DVM,
    0,
    [_DP, _M],
    [0, 0]
];
var Datapoint$ = [3, n0, _Da,
    0,
    [_T, _SC, _A, _Su, _Mi, _Ma, _U, _ES],
    [4, 1, 1, 1, 1, 1, 0, 128 | 1]
];
var DeleteAlarmMuteRuleInput$ = [3, n0, _DAMRI,
    0,
    [_AMRN],
    [0], 1
];
var DeleteAlarmsInput$ = [3, n0, _DAI,
    0,
    [_ANl],
    [64 | 0], 1
];
var DeleteAnomalyDetectorInput$ = [3, n0, _DADI,
    0,
    [_ADI, _N, _MN, _D, _St, _SMAD, _MMAD],
    [0, 0, 0, () => Dimensions, 0, () => SingleMetricAnomalyDetector$, () => MetricMathAnomalyDetector$]
];
var DeleteAnomalyDetectorOutput$ = [3, n0, _DADO,
    0,
    [],
    []
];
var DeleteDashboardsInput$ = [3, n0, _DDI,
    0,
    [_DNa],
    [64 | 0], 1
];
var DeleteDashboardsOutput$ = [3, n0, _DDO,
    0,
    [],
    []
];
var DeleteInsightRulesInput$ = [3, n0, _DIRI,
    0,
    [_RN],
    [64 | 0], 1
];
var DeleteInsightRulesOutput$ = [3, n0, _DIRO,
    0,
    [_F],
    [() => BatchFailures]
];
var DeleteMetricStreamInput$ = [3, n0, _DMSI,
    0,
    [_Na],
    [0], 1
];
var DeleteMetricStreamOutput$ = [3, n0, _DMSO,
    0,
    [],
    []
];
var DeleteResourceMetricsConfigurationInput$ = [3, n0, _DRMCI,
    0,
    [_RA],
    [0], 1
];
var DeleteResourceMetricsConfigurationOutput$ = [3, n0, _DRMCO,
    0,
    [],
    []
];
var DescribeAlarmContributorsInput$ = [3, n0, _DACI,
    0,
    [_AN, _NT],
    [0, 0], 1
];
var DescribeAlarmContributorsOutput$ = [3, n0, _DACO,
    0,
    [_ACla, _NT],
    [() => AlarmContributors, 0], 1
];
var DescribeAlarmHistoryInput$ = [3, n0, _DAHI,
    0,
    [_AN, _ACI, _ATl, _HIT, _SD, _EDn, _MR, _NT, _SB],
    [0, 0, 64 | 0, 0, 4, 4, 1, 0, 0]
];
var DescribeAlarmHistoryOutput$ = [3, n0, _DAHO,
    0,
    [_AHIl, _NT],
    [() => AlarmHistoryItems, 0]
];
var DescribeAlarmsForMetricInput$ = [3, n0, _DAFMI,
    0,
    [_MN, _N, _Sta, _ESx, _D, _P, _U],
    [0, 0, 0, 0, () => Dimensions, 1, 0], 2
];
var DescribeAlarmsForMetricOutput$ = [3, n0, _DAFMO,
    0,
    [_MA],
    [() => MetricAlarms]
];
var DescribeAlarmsInput$ = [3, n0, _DAIe,
    0,
    [_ANl, _ANP, _ATl, _COAN, _POAN, _SV, _AP, _MR, _NT],
    [64 | 0, 0, 64 | 0, 0, 0, 0, 0, 1, 0]
];
var DescribeAlarmsOutput$ = [3, n0, _DAO,
    0,
    [_CAom, _MA, _LA, _NT],
    [() => CompositeAlarms, () => MetricAlarms, () => LogAlarms, 0]
];
var DescribeAnomalyDetectorsInput$ = [3, n0, _DADIe,
    0,
    [_ADIn, _NT, _MRa, _N, _MN, _D, _ADT],
    [64 | 0, 0, 1, 0, 0, () => Dimensions, 64 | 0]
];
var DescribeAnomalyDetectorsOutput$ = [3, n0, _DADOe,
    0,
    [_ADn, _NT],
    [() => AnomalyDetectors, 0]
];
var DescribeInsightRulesInput$ = [3, n0, _DIRIe,
    0,
    [_NT, _MRa],
    [0, 1]
];
var DescribeInsightRulesOutput$ = [3, n0, _DIROe,
    0,
    [_NT, _IR],
    [0, () => InsightRules]
];
var Dimension$ = [3, n0, _Di,
    0,
    [_Na, _V],
    [0, 0], 2
];
var DimensionFilter$ = [3, n0, _DF,
    0,
    [_Na, _V],
    [0, 0], 1
];
var DisableAlarmActionsInput$ = [3, n0, _DAAI,
    0,
    [_ANl],
    [64 | 0], 1
];
var DisableInsightRulesInput$ = [3, n0, _DIRIi,
    0,
    [_RN],
    [64 | 0], 1
];
var DisableInsightRulesOutput$ = [3, n0, _DIROi,
    0,
    [_F],
    [() => BatchFailures]
];
var DisassociateDatasetKmsKeyInput$ = [3, n0, _DDKKI,
    0,
    [_DI],
    [0], 1
];
var DisassociateDatasetKmsKeyOutput$ = [3, n0, _DDKKO,
    0,
    [],
    []
];
var EnableAlarmActionsInput$ = [3, n0, _EAAI,
    0,
    [_ANl],
    [64 | 0], 1
];
var EnableInsightRulesInput$ = [3, n0, _EIRI,
    0,
    [_RN],
    [64 | 0], 1
];
var EnableInsightRulesOutput$ = [3, n0, _EIRO,
    0,
    [_F],
    [() => BatchFailures]
];
var Entity$ = [3, n0, _En,
    0,
    [_KA, _At],
    [128 | 0, 128 | 0]
];
var EntityMetricData$ = [3, n0, _EMD,
    0,
    [_En, _MD],
    [() => Entity$, () => MetricData]
];
var GetAlarmMuteRuleInput$ = [3, n0, _GAMRI,
    0,
    [_AMRN],
    [0], 1
];
var GetAlarmMuteRuleOutput$ = [3, n0, _GAMRO,
    0,
    [_Na, _AMRA, _De, _R, _MTu, _SD, _ED, _S, _LUT, _MT],
    [0, 0, 0, () => Rule$, () => MuteTargets$, 4, 4, 0, 4, 0]
];
var GetDashboardInput$ = [3, n0, _GDI,
    0,
    [_DN],
    [0], 1
];
var GetDashboardOutput$ = [3, n0, _GDO,
    0,
    [_DA, _DB, _DN],
    [0, 0, 0]
];
var GetDatasetInput$ = [3, n0, _GDIe,
    0,
    [_DI],
    [0], 1
];
var GetDatasetOutput$ = [3, n0, _GDOe,
    0,
    [_DIa, _Ar, _KKA],
    [0, 0, 0], 2
];
var GetInsightRuleReportInput$ = [3, n0, _GIRRI,
    0,
    [_RNu, _ST, _ET, _P, _MCC, _Me, _OB],
    [0, 4, 4, 1, 1, 64 | 0, 0], 4
];
var GetInsightRuleReportOutput$ = [3, n0, _GIRRO,
    0,
    [_KL, _ASg, _AV, _AUC, _Co, _MDe],
    [64 | 0, 0, 1, 1, () => InsightRuleContributors, () => InsightRuleMetricDatapoints]
];
var GetMetricDataInput$ = [3, n0, _GMDI,
    0,
    [_MDQ, _ST, _ET, _NT, _SB, _MDa, _LO],
    [() => MetricDataQueries, 4, 4, 0, 0, 1, () => LabelOptions$], 3
];
var GetMetricDataOutput$ = [3, n0, _GMDO,
    0,
    [_MDR, _NT, _Mes],
    [() => MetricDataResults, 0, () => MetricDataResultMessages]
];
var GetMetricStatisticsInput$ = [3, n0, _GMSI,
    0,
    [_N, _MN, _ST, _ET, _P, _D, _Stat, _ES, _U],
    [0, 0, 4, 4, 1, () => Dimensions, 64 | 0, 64 | 0, 0], 5
];
var GetMetricStatisticsOutput$ = [3, n0, _GMSO,
    0,
    [_L, _Dat],
    [0, () => Datapoints]
];
var GetMetricStreamInput$ = [3, n0, _GMSIe,
    0,
    [_Na],
    [0], 1
];
var GetMetricStreamOutput$ = [3, n0, _GMSOe,
    0,
    [_Ar, _Na, _IF, _EF, _FA, _RAo, _State, _CD, _LUD, _OF, _SCt, _ILAM],
    [0, 0, () => MetricStreamFilters, () => MetricStreamFilters, 0, 0, 0, 4, 4, 0, () => MetricStreamStatisticsConfigurations, 2]
];
var GetMetricWidgetImageInput$ = [3, n0, _GMWII,
    0,
    [_MW, _OF],
    [0, 0], 1
];
var GetMetricWidgetImageOutput$ = [3, n0, _GMWIO,
    0,
    [_MWI],
    [21]
];
var GetOTelEnrichmentInput$ = [3, n0, _GOTEI,
    0,
    [],
    []
];
var GetOTelEnrichmentOutput$ = [3, n0, _GOTEO,
    0,
    [_S, _IF, _EF, _CAr, _UA],
    [0, () => OTelEnrichmentMetricSelectorList, () => OTelEnrichmentMetricSelectorList, 4, 4], 1
];
var GetResourceMetricsConfigurationInput$ = [3, n0, _GRMCI,
    0,
    [_RA],
    [0], 1
];
var GetResourceMetricsConfigurationOutput$ = [3, n0, _GRMCO,
    0,
    [_RMC],
    [() => ResourceMetricsConfiguration$], 1
];
var InsightRule$ = [3, n0, _IRn,
    0,
    [_Na, _State, _Sc, _Def, _MRan, _AOTL],
    [0, 0, 0, 0, 2, 2], 4
];
var InsightRuleContributor$ = [3, n0, _IRC,
    0,
    [_K, _AAV, _Dat],
    [64 | 0, 1, () => InsightRuleContributorDatapoints], 3
];
var InsightRuleContributorDatapoint$ = [3, n0, _IRCD,
    0,
    [_T, _AVp],
    [4, 1], 2
];
var InsightRuleMetricDatapoint$ = [3, n0, _IRMD,
    0,
    [_T, _UC, _MCV, _SC, _A, _Su, _Mi, _Ma],
    [4, 1, 1, 1, 1, 1, 1, 1], 1
];
var LabelOptions$ = [3, n0, _LO,
    0,
    [_Ti],
    [0]
];
var ListAlarmMuteRulesInput$ = [3, n0, _LAMRI,
    0,
    [_AN, _Statu, _MR, _NT],
    [0, 64 | 0, 1, 0]
];
var ListAlarmMuteRulesOutput$ = [3, n0, _LAMRO,
    0,
    [_AMRSl, _NT],
    [() => AlarmMuteRuleSummaries, 0]
];
var ListDashboardsInput$ = [3, n0, _LDI,
    0,
    [_DNP, _NT],
    [0, 0]
];
var ListDashboardsOutput$ = [3, n0, _LDO,
    0,
    [_DEa, _NT],
    [() => DashboardEntries, 0]
];
var ListManagedInsightRulesInput$ = [3, n0, _LMIRI,
    0,
    [_RARN, _NT, _MRa],
    [0, 0, 1], 1
];
var ListManagedInsightRulesOutput$ = [3, n0, _LMIRO,
    0,
    [_MRana, _NT],
    [() => ManagedRuleDescriptions, 0]
];
var ListMetricsInput$ = [3, n0, _LMI,
    0,
    [_N, _MN, _D, _NT, _RAe, _ILA, _OA],
    [0, 0, () => DimensionFilters, 0, 0, 2, 0]
];
var ListMetricsOutput$ = [3, n0, _LMO,
    0,
    [_Me, _NT, _OAw],
    [() => Metrics, 0, 64 | 0]
];
var ListMetricStreamsInput$ = [3, n0, _LMSI,
    0,
    [_NT, _MRa],
    [0, 1]
];
var ListMetricStreamsOutput$ = [3, n0, _LMSO,
    0,
    [_NT, _Ent],
    [0, () => MetricStreamEntries]
];
var ListTagsForResourceInput$ = [3, n0, _LTFRI,
    0,
    [_RARN],
    [0], 1
];
var ListTagsForResourceOutput$ = [3, n0, _LTFRO,
    0,
    [_Ta],
    [() => TagList]
];
var LogAlarm$ = [3, n0, _LAo,
    0,
    [_AN, _AAl, _ADl, _ACUT, _AE, _OKA, _AA, _IDA, _SV, _SR, _SRD, _SUT, _SQC, _QRTE, _QRTA, _Th, _CO, _TMD, _STT, _ESv, _ALLC, _ALLRA, _WUC, _AC],
    [0, 0, 0, 4, 2, 64 | 0, 64 | 0, 64 | 0, 0, 0, 0, 4, () => ScheduledQueryConfiguration$, 1, 1, 1, 0, 0, 4, 0, 1, 0, () => WarmUpConfiguration$, () => ActionConfiguration$]
];
var ManagedRule$ = [3, n0, _MRan,
    0,
    [_TN, _RARN, _Ta],
    [0, 0, () => TagList], 2
];
var ManagedRuleDescription$ = [3, n0, _MRD,
    0,
    [_TN, _RARN, _RS],
    [0, 0, () => ManagedRuleState$]
];
var ManagedRuleState$ = [3, n0, _MRS,
    0,
    [_RNu, _State],
    [0, 0], 2
];
var MessageData$ = [3, n0, _MDes,
    0,
    [_Cod, _V],
    [0, 0]
];
var Metric$ = [3, n0, _Met,
    0,
    [_N, _MN, _D],
    [0, 0, () => Dimensions]
];
var MetricAlarm$ = [3, n0, _MAe,
    0,
    [_AN, _AAl, _ADl, _ACUT, _AE, _OKA, _AA, _IDA, _SV, _SR, _SRD, _SUT, _MN, _N, _Sta, _ESx, _D, _P, _U, _EP, _DTA, _Th, _CO, _TMD, _ELSCP, _Me, _TMI, _ESv, _STT, _EW, _WUC, _EC, _EI, _AC],
    [0, 0, 0, 4, 2, 64 | 0, 64 | 0, 64 | 0, 0, 0, 0, 4, 0, 0, 0, 0, () => Dimensions, 1, 0, 1, 1, 1, 0, 0, 0, () => MetricDataQueries, 0, 0, 4, () => EvaluationWindow$, () => WarmUpConfiguration$, () => EvaluationCriteria$, 1, () => ActionConfiguration$]
];
var MetricCharacteristics$ = [3, n0, _MC,
    0,
    [_PS],
    [2]
];
var MetricDataQuery$ = [3, n0, _MDQe,
    0,
    [_I, _MSe, _Ex, _L, _RD, _P, _AI],
    [0, () => MetricStat$, 0, 0, 2, 1, 0], 1
];
var MetricDataResult$ = [3, n0, _MDRe,
    0,
    [_I, _L, _Tim, _Va, _SCta, _Mes],
    [0, 0, 64 | 4, 64 | 1, 0, () => MetricDataResultMessages]
];
var MetricDatum$ = [3, n0, _MDet,
    0,
    [_MN, _D, _T, _V, _SVt, _Va, _Cou, _U, _SRt],
    [0, () => Dimensions, 4, 1, () => StatisticSet$, 64 | 1, 64 | 1, 0, 1], 1
];
var MetricMathAnomalyDetector$ = [3, n0, _MMAD,
    0,
    [_MDQ],
    [() => MetricDataQueries]
];
var MetricStat$ = [3, n0, _MSe,
    0,
    [_Met, _P, _St, _U],
    [() => Metric$, 1, 0, 0], 3
];
var MetricStreamEntry$ = [3, n0, _MSE,
    0,
    [_Ar, _CD, _LUD, _Na, _FA, _State, _OF],
    [0, 4, 4, 0, 0, 0, 0]
];
var MetricStreamFilter$ = [3, n0, _MSF,
    0,
    [_N, _MNe],
    [0, 64 | 0]
];
var MetricStreamStatisticsConfiguration$ = [3, n0, _MSSC,
    0,
    [_IM, _ASd],
    [() => MetricStreamStatisticsIncludeMetrics, 64 | 0], 2
];
var MetricStreamStatisticsMetric$ = [3, n0, _MSSM,
    0,
    [_N, _MN],
    [0, 0], 2
];
var MuteTargets$ = [3, n0, _MTu,
    0,
    [_ANl],
    [64 | 0], 1
];
var OTelEnrichmentMetricSelector$ = [3, n0, _OTEMS,
    0,
    [_N, _MNe],
    [0, 64 | 0], 1
];
var PartialFailure$ = [3, n0, _PF,
    0,
    [_FR, _ETx, _FC, _FD],
    [0, 0, 0, 0]
];
var PutAlarmMuteRuleInput$ = [3, n0, _PAMRI,
    0,
    [_Na, _R, _De, _MTu, _Ta, _SD, _ED],
    [0, () => Rule$, 0, () => MuteTargets$, () => TagList, 4, 4], 2
];
var PutAnomalyDetectorInput$ = [3, n0, _PADI,
    0,
    [_N, _MN, _D, _St, _C, _MC, _SMAD, _MMAD],
    [0, 0, () => Dimensions, 0, () => AnomalyDetectorConfiguration$, () => MetricCharacteristics$, () => SingleMetricAnomalyDetector$, () => MetricMathAnomalyDetector$]
];
var PutAnomalyDetectorOutput$ = [3, n0, _PADO,
    0,
    [_ADI],
    [0]
];
var PutCompositeAlarmInput$ = [3, n0, _PCAI,
    0,
    [_AN, _AR, _AE, _AA, _ADl, _IDA, _OKA, _Ta, _ASc, _ASWP, _ASEP, _AC],
    [0, 0, 2, 64 | 0, 0, 64 | 0, 64 | 0, () => TagList, 0, 1, 1, () => ActionConfiguration$], 2
];
var PutDashboardInput$ = [3, n0, _PDI,
    0,
    [_DN, _DB, _Ta],
    [0, 0, () => TagList], 2
];
var PutDashboardOutput$ = [3, n0, _PDO,
    0,
    [_DVMa],
    [() => DashboardValidationMessages]
];
var PutInsightRuleInput$ = [3, n0, _PIRI,
    0,
    [_RNu, _RDu, _RS, _Ta, _AOTL],
    [0, 0, 0, () => TagList, 2], 2
];
var PutInsightRuleOutput$ = [3, n0, _PIRO,
    0,
    [],
    []
];
var PutLogAlarmInput$ = [3, n0, _PLAI,
    0,
    [_AN, _SQC, _QRTE, _QRTA, _Th, _CO, _ADl, _ALLC, _ALLRA, _AE, _OKA, _AA, _IDA, _TMD, _Ta, _WUC, _AC],
    [0, () => ScheduledQueryConfiguration$, 1, 1, 1, 0, 0, 1, 0, 2, 64 | 0, 64 | 0, 64 | 0, 0, () => TagList, () => WarmUpConfiguration$, () => ActionConfiguration$], 6
];
var PutManagedInsightRulesInput$ = [3, n0, _PMIRI,
    0,
    [_MRana],
    [() => ManagedRules], 1
];
var PutManagedInsightRulesOutput$ = [3, n0, _PMIRO,
    0,
    [_F],
    [() => BatchFailures]
];
var PutMetricAlarmInput$ = [3, n0, _PMAI,
    0,
    [_AN, _ADl, _AE, _OKA, _AA, _IDA, _MN, _N, _Sta, _ESx, _D, _P, _U, _EP, _DTA, _Th, _CO, _TMD, _ELSCP, _Me, _Ta, _TMI, _EW, _WUC, _EC, _EI, _AC],
    [0, 0, 2, 64 | 0, 64 | 0, 64 | 0, 0, 0, 0, 0, () => Dimensions, 1, 0, 1, 1, 1, 0, 0, 0, () => MetricDataQueries, () => TagList, 0, () => EvaluationWindow$, () => WarmUpConfiguration$, () => EvaluationCriteria$, 1, () => ActionConfiguration$], 1
];
var PutMetricDataInput$ = [3, n0, _PMDI,
    0,
    [_N, _MD, _EMD, _SEV],
    [0, () => MetricData, () => EntityMetricDataList, 2], 1
];
var PutMetricStreamInput$ = [3, n0, _PMSI,
    0,
    [_Na, _FA, _RAo, _OF, _IF, _EF, _Ta, _SCt, _ILAM],
    [0, 0, 0, 0, () => MetricStreamFilters, () => MetricStreamFilters, () => TagList, () => MetricStreamStatisticsConfigurations, 2], 4
];
var PutMetricStreamOutput$ = [3, n0, _PMSO,
    0,
    [_Ar],
    [0]
];
var Range$ = [3, n0, _Ra,
    0,
    [_ST, _ET],
    [4, 4], 2
];
var ResourceMetricsConfiguration$ = [3, n0, _RMC,
    0,
    [_RA, _CAr, _UA, _MS],
    [0, 4, 4, () => ResourceMetricSelectionList], 3
];
var ResourceMetricSelection$ = [3, n0, _RMS,
    0,
    [_IM],
    [64 | 0], 1
];
var Rule$ = [3, n0, _R,
    0,
    [_Sch],
    [() => Schedule$], 1
];
var Schedule$ = [3, n0, _Sch,
    0,
    [_Ex, _Du, _Ti],
    [0, 0, 0], 2
];
var ScheduleConfiguration$ = [3, n0, _SCc,
    0,
    [_SE, _STO, _ETO],
    [0, 1, 1], 2
];
var ScheduledQueryConfiguration$ = [3, n0, _SQC,
    0,
    [_QS, _SQRARN, _SCc, _AEg, _LGI, _QARN, _Ta],
    [0, 0, () => ScheduleConfiguration$, 0, 64 | 0, 0, () => TagList], 4
];
var SetAlarmStateInput$ = [3, n0, _SASI,
    0,
    [_AN, _SV, _SR, _SRD],
    [0, 0, 0, 0], 3
];
var SingleMetricAnomalyDetector$ = [3, n0, _SMAD,
    0,
    [_AI, _N, _MN, _D, _St],
    [0, 0, 0, () => Dimensions, 0]
];
var SlidingWindow$ = [3, n0, _SW,
    0,
    [],
    []
];
var StartMetricStreamsInput$ = [3, n0, _SMSI,
    0,
    [_Nam],
    [64 | 0], 1
];
var StartMetricStreamsOutput$ = [3, n0, _SMSO,
    0,
    [],
    []
];
var StartOTelEnrichmentInput$ = [3, n0, _SOTEI,
    0,
    [_IF, _EF],
    [() => OTelEnrichmentMetricSelectorList, () => OTelEnrichmentMetricSelectorList]
];
var StartOTelEnrichmentOutput$ = [3, n0, _SOTEO,
    0,
    [_IF, _EF, _CAr, _UA],
    [() => OTelEnrichmentMetricSelectorList, () => OTelEnrichmentMetricSelectorList, 4, 4]
];
var StatisticSet$ = [3, n0, _SS,
    0,
    [_SC, _Su, _Mi, _Ma],
    [1, 1, 1, 1], 4
];
var StopMetricStreamsInput$ = [3, n0, _SMSIt,
    0,
    [_Nam],
    [64 | 0], 1
];
var StopMetricStreamsOutput$ = [3, n0, _SMSOt,
    0,
    [],
    []
];
var StopOTelEnrichmentInput$ = [3, n0, _SOTEIt,
    0,
    [],
    []
];
var StopOTelEnrichmentOutput$ = [3, n0, _SOTEOt,
    0,
    [],
    []
];
var Tag$ = [3, n0, _Tag,
    0,
    [_Ke, _V],
    [0, 0], 2
];
var TagResourceInput$ = [3, n0, _TRI,
    0,
    [_RARN, _Ta],
    [0, () => TagList], 2
];
var TagResourceOutput$ = [3, n0, _TRO,
    0,
    [],
    []
];
var UntagResourceInput$ = [3, n0, _URI,
    0,
    [_RARN, _TK],
    [0, 64 | 0], 2
];
var UntagResourceOutput$ = [3, n0, _URO,
    0,
    [],
    []
];
var UpdateOTelEnrichmentInput$ = [3, n0, _UOTEI,
    0,
    [_IF, _EF],
    [() => OTelEnrichmentMetricSelectorList, () => OTelEnrichmentMetricSelectorList]
];
var UpdateOTelEnrichmentOutput$ = [3, n0, _UOTEO,
    0,
    [_IF, _EF, _CAr, _UA],
    [() => OTelEnrichmentMetricSelectorList, () => OTelEnrichmentMetricSelectorList, 4, 4]
];
var UpdateResourceMetricsConfigurationInput$ = [3, n0, _URMCI,
    0,
    [_RA, _MS],
    [0, () => ResourceMetricSelectionList], 1
];
var UpdateResourceMetricsConfigurationOutput$ = [3, n0, _URMCO,
    0,
    [_RMC],
    [() => ResourceMetricsConfiguration$], 1
];
var WallClockWindow$ = [3, n0, _WCW,
    0,
    [_Ti],
    [0]
];
var WarmUpConfiguration$ = [3, n0, _WUC,
    0,
    [_WUPDIM, _OSEAWUPE],
    [1, 2], 1
];
var __Unit = "unit";
var AlarmContributors = [1, n0, _ACla,
    0, () => AlarmContributor$
];
var AlarmHistoryItems = [1, n0, _AHIl,
    0, () => AlarmHistoryItem$
];
var AlarmMuteRuleSummaries = [1, n0, _AMRSl,
    0, () => AlarmMuteRuleSummary$
];
var AnomalyDetectorExcludedTimeRanges = [1, n0, _ADETR,
    0, () => Range$
];
var AnomalyDetectors = [1, n0, _ADn,
    0, () => AnomalyDetector$
];
var BatchFailures = [1, n0, _BF,
    0, () => PartialFailure$
];
var CompositeAlarms = [1, n0, _CAom,
    0, () => CompositeAlarm$
];
var DashboardEntries = [1, n0, _DEa,
    0, () => DashboardEntry$
];
var DashboardValidationMessages = [1, n0, _DVMa,
    0, () => DashboardValidationMessage$
];
var Datapoints = [1, n0, _Dat,
    0, () => Datapoint$
];
var DimensionFilters = [1, n0, _DFi,
    0, () => DimensionFilter$
];
var Dimensions = [1, n0, _D,
    0, () => Dimension$
];
var EntityMetricDataList = [1, n0, _EMDL,
    0, () => EntityMetricData$
];
var InsightRuleContributorDatapoints = [1, n0, _IRCDn,
    0, () => InsightRuleContributorDatapoint$
];
var InsightRuleContributors = [1, n0, _IRCn,
    0, () => InsightRuleContributor$
];
var InsightRuleMetricDatapoints = [1, n0, _IRMDn,
    0, () => InsightRuleMetricDatapoint$
];
var InsightRules = [1, n0, _IR,
    0, () => InsightRule$
];
var LogAlarms = [1, n0, _LA,
    0, () => LogAlarm$
];
var ManagedRuleDescriptions = [1, n0, _MRDa,
    0, () => ManagedRuleDescription$
];
var ManagedRules = [1, n0, _MRana,
    0, () => ManagedRule$
];
var MetricAlarms = [1, n0, _MA,
    0, () => MetricAlarm$
];
var MetricData = [1, n0, _MD,
    0, () => MetricDatum$
];
var MetricDataQueries = [1, n0, _MDQ,
    0, () => MetricDataQuery$
];
var MetricDataResultMessages = [1, n0, _MDRM,
    0, () => MessageData$
];
var MetricDataResults = [1, n0, _MDR,
    0, () => MetricDataResult$
];
var Metrics = [1, n0, _Me,
    0, () => Metric$
];
var MetricStreamEntries = [1, n0, _MSEe,
    0, () => MetricStreamEntry$
];
var MetricStreamFilters = [1, n0, _MSFe,
    0, () => MetricStreamFilter$
];
var MetricStreamStatisticsConfigurations = [1, n0, _MSSCe,
    0, () => MetricStreamStatisticsConfiguration$
];
var MetricStreamStatisticsIncludeMetrics = [1, n0, _MSSIM,
    0, () => MetricStreamStatisticsMetric$
];
var OTelEnrichmentMetricSelectorList = [1, n0, _OTEMSL,
    0, () => OTelEnrichmentMetricSelector$
];
var ResourceMetricSelectionList = [1, n0, _RMSL,
    0, () => ResourceMetricSelection$
];
var TagList = [1, n0, _TL,
    0, () => Tag$
];
var EvaluationCriteria$ = [4, n0, _EC,
    0,
    [_PQLC],
    [() => AlarmPromQLCriteria$]
];
var EvaluationWindow$ = [4, n0, _EW,
    0,
    [_WCW, _SW],
    [() => WallClockWindow$, () => SlidingWindow$]
];
var AssociateDatasetKmsKey$ = [9, n0, _ADKK,
    0, () => AssociateDatasetKmsKeyInput$, () => AssociateDatasetKmsKeyOutput$
];
var CreateResourceMetricsConfiguration$ = [9, n0, _CRMC,
    0, () => CreateResourceMetricsConfigurationInput$, () => CreateResourceMetricsConfigurationOutput$
];
var DeleteAlarmMuteRule$ = [9, n0, _DAMR,
    0, () => DeleteAlarmMuteRuleInput$, () => __Unit
];
var DeleteAlarms$ = [9, n0, _DAe,
    0, () => DeleteAlarmsInput$, () => __Unit
];
var DeleteAnomalyDetector$ = [9, n0, _DAD,
    0, () => DeleteAnomalyDetectorInput$, () => DeleteAnomalyDetectorOutput$
];
var DeleteDashboards$ = [9, n0, _DD,
    0, () => DeleteDashboardsInput$, () => DeleteDashboardsOutput$
];
var DeleteInsightRules$ = [9, n0, _DIR,
    0, () => DeleteInsightRulesInput$, () => DeleteInsightRulesOutput$
];
var DeleteMetricStream$ = [9, n0, _DMS,
    0, () => DeleteMetricStreamInput$, () => DeleteMetricStreamOutput$
];
var DeleteResourceMetricsConfiguration$ = [9, n0, _DRMC,
    0, () => DeleteResourceMetricsConfigurationInput$, () => DeleteResourceMetricsConfigurationOutput$
];
var DescribeAlarmContributors$ = [9, n0, _DAC,
    0, () => DescribeAlarmContributorsInput$, () => DescribeAlarmContributorsOutput$
];
var DescribeAlarmHistory$ = [9, n0, _DAH,
    0, () => DescribeAlarmHistoryInput$, () => DescribeAlarmHistoryOutput$
];
var DescribeAlarms$ = [9, n0, _DAes,
    0, () => DescribeAlarmsInput$, () => DescribeAlarmsOutput$
];
var DescribeAlarmsForMetric$ = [9, n0, _DAFM,
    0, () => DescribeAlarmsForMetricInput$, () => DescribeAlarmsForMetricOutput$
];
var DescribeAnomalyDetectors$ = [9, n0, _DADe,
    0, () => DescribeAnomalyDetectorsInput$, () => DescribeAnomalyDetectorsOutput$
];
var DescribeInsightRules$ = [9, n0, _DIRe,
    0, () => DescribeInsightRulesInput$, () => DescribeInsightRulesOutput$
];
var DisableAlarmActions$ = [9, n0, _DAA,
    0, () => DisableAlarmActionsInput$, () => __Unit
];
var DisableInsightRules$ = [9, n0, _DIRi,
    0, () => DisableInsightRulesInput$, () => DisableInsightRulesOutput$
];
var DisassociateDatasetKmsKey$ = [9, n0, _DDKK,
    2, () => DisassociateDatasetKmsKeyInput$, () => DisassociateDatasetKmsKeyOutput$
];
var EnableAlarmActions$ = [9, n0, _EAA,
    0, () => EnableAlarmActionsInput$, () => __Unit
];
var EnableInsightRules$ = [9, n0, _EIR,
    0, () => EnableInsightRulesInput$, () => EnableInsightRulesOutput$
];
var GetAlarmMuteRule$ = [9, n0, _GAMR,
    0, () => GetAlarmMuteRuleInput$, () => GetAlarmMuteRuleOutput$
];
var GetDashboard$ = [9, n0, _GD,
    0, () => GetDashboardInput$, () => GetDashboardOutput$
];
var GetDataset$ = [9, n0, _GDe,
    0, () => GetDatasetInput$, () => GetDatasetOutput$
];
var GetInsightRuleReport$ = [9, n0, _GIRR,
    0, () => GetInsightRuleReportInput$, () => GetInsightRuleReportOutput$
];
var GetMetricData$ = [9, n0, _GMD,
    0, () => GetMetricDataInput$, () => GetMetricDataOutput$
];
var GetMetricStatistics$ = [9, n0, _GMS,
    0, () => GetMetricStatisticsInput$, () => GetMetricStatisticsOutput$
];
var GetMetricStream$ = [9, n0, _GMSe,
    0, () => GetMetricStreamInput$, () => GetMetricStreamOutput$
];
var GetMetricWidgetImage$ = [9, n0, _GMWI,
    0, () => GetMetricWidgetImageInput$, () => GetMetricWidgetImageOutput$
];
var GetOTelEnrichment$ = [9, n0, _GOTE,
    0, () => GetOTelEnrichmentInput$, () => GetOTelEnrichmentOutput$
];
var GetResourceMetricsConfiguration$ = [9, n0, _GRMC,
    0, () => GetResourceMetricsConfigurationInput$, () => GetResourceMetricsConfigurationOutput$
];
var ListAlarmMuteRules$ = [9, n0, _LAMR,
    0, () => ListAlarmMuteRulesInput$, () => ListAlarmMuteRulesOutput$
];
var ListDashboards$ = [9, n0, _LD,
    0, () => ListDashboardsInput$, () => ListDashboardsOutput$
];
var ListManagedInsightRules$ = [9, n0, _LMIR,
    0, () => ListManagedInsightRulesInput$, () => ListManagedInsightRulesOutput$
];
var ListMetrics$ = [9, n0, _LMi,
    0, () => ListMetricsInput$, () => ListMetricsOutput$
];
var ListMetricStreams$ = [9, n0, _LMS,
    0, () => ListMetricStreamsInput$, () => ListMetricStreamsOutput$
];
var ListTagsForResource$ = [9, n0, _LTFR,
    0, () => ListTagsForResourceInput$, () => ListTagsForResourceOutput$
];
var PutAlarmMuteRule$ = [9, n0, _PAMR,
    0, () => PutAlarmMuteRuleInput$, () => __Unit
];
var PutAnomalyDetector$ = [9, n0, _PAD,
    0, () => PutAnomalyDetectorInput$, () => PutAnomalyDetectorOutput$
];
var PutCompositeAlarm$ = [9, n0, _PCA,
    0, () => PutCompositeAlarmInput$, () => __Unit
];
var PutDashboard$ = [9, n0, _PD,
    0, () => PutDashboardInput$, () => PutDashboardOutput$
];
var PutInsightRule$ = [9, n0, _PIR,
    0, () => PutInsightRuleInput$, () => PutInsightRuleOutput$
];
var PutLogAlarm$ = [9, n0, _PLA,
    0, () => PutLogAlarmInput$, () => __Unit
];
var PutManagedInsightRules$ = [9, n0, _PMIR,
    0, () => PutManagedInsightRulesInput$, () => PutManagedInsightRulesOutput$
];
var PutMetricAlarm$ = [9, n0, _PMA,
    0, () => PutMetricAlarmInput$, () => __Unit
];
var PutMetricData$ = [9, n0, _PMD,
    0, () => PutMetricDataInput$, () => __Unit
];
var PutMetricStream$ = [9, n0, _PMS,
    0, () => PutMetricStreamInput$, () => PutMetricStreamOutput$
];
var SetAlarmState$ = [9, n0, _SAS,
    0, () => SetAlarmStateInput$, () => __Unit
];
var StartMetricStreams$ = [9, n0, _SMS,
    0, () => StartMetricStreamsInput$, () => StartMetricStreamsOutput$
];
var StartOTelEnrichment$ = [9, n0, _SOTE,
    0, () => StartOTelEnrichmentInput$, () => StartOTelEnrichmentOutput$
];
var StopMetricStreams$ = [9, n0, _SMSt,
    0, () => StopMetricStreamsInput$, () => StopMetricStreamsOutput$
];
var StopOTelEnrichment$ = [9, n0, _SOTEt,
    0, () => StopOTelEnrichmentInput$, () => StopOTelEnrichmentOutput$
];
var TagResource$ = [9, n0, _TR,
    0, () => TagResourceInput$, () => TagResourceOutput$
];
var UntagResource$ = [9, n0, _UR,
    0, () => UntagResourceInput$, () => UntagResourceOutput$
];
var UpdateOTelEnrichment$ = [9, n0, _UOTE,
    0, () => UpdateOTelEnrichmentInput$, () => UpdateOTelEnrichmentOutput$
];
var UpdateResourceMetricsConfiguration$ = [9, n0, _URMC,
    0, () => UpdateResourceMetricsConfigurationInput$, () => UpdateResourceMetricsConfigurationOutput$
];

const getRuntimeConfig$1 = (config) => {
    return {
        apiVersion: "2010-08-01",
        base64Decoder: config?.base64Decoder ?? fromBase64,
        base64Encoder: config?.base64Encoder ?? toBase64,
        disableHostPrefix: config?.disableHostPrefix ?? false,
        endpointProvider: config?.endpointProvider ?? defaultEndpointResolver,
        extensions: config?.extensions ?? [],
        httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultCloudWatchHttpAuthSchemeProvider,
        httpAuthSchemes: config?.httpAuthSchemes ?? [
            {
                schemeId: "aws.auth#sigv4",
                identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4"),
                signer: new AwsSdkSigV4Signer(),
            },
        ],
        logger: config?.logger ?? new NoOpLogger(),
        protocol: config?.protocol ?? AwsJson1_0Protocol,
        protocolSettings: config?.protocolSettings ?? {
            defaultNamespace: "com.amazonaws.cloudwatch",
            errorTypeRegistries,
            xmlNamespace: "http://monitoring.amazonaws.com/doc/2010-08-01/",
            version: "2010-08-01",
            serviceTarget: "GraniteServiceVersion20100801",
            awsQueryCompatible: true,
        },
        serviceId: config?.serviceId ?? "CloudWatch",
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
        defaultSocketTimeout: getDefaultSocketTimeout(config?.requestHandler, 900_000),
        defaultUserAgentProvider: config?.defaultUserAgentProvider ?? createDefaultUserAgentProvider({ serviceId: clientSharedValues.serviceId, clientVersion: packageInfo.version }),
        disableRequestCompression: config?.disableRequestCompression ?? loadConfig(NODE_DISABLE_REQUEST_COMPRESSION_CONFIG_OPTIONS, config),
        maxAttempts: config?.maxAttempts ?? loadConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
        region: config?.region ?? loadConfig(NODE_REGION_CONFIG_OPTIONS, { ...NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
        requestHandler: NodeHttpHandler.create(config?.requestHandler ?? defaultConfigProvider),
        requestMinCompressionSizeBytes: config?.requestMinCompressionSizeBytes ?? loadConfig(NODE_REQUEST_MIN_COMPRESSION_SIZE_BYTES_CONFIG_OPTIONS, config),
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

class CloudWatchClient extends Client {
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
        const _config_8 = resolveCompressionConfig(_config_7);
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
            httpAuthSchemeParametersProvider: defaultCloudWatchHttpAuthSchemeParametersProvider,
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

const command = makeBuilder(commonParams, "GraniteServiceVersion20100801", "CloudWatchClient", getEndpointPlugin);
const _ep0 = {};
const _mw0 = (Command, cs, config, o) => [];
const _mw1 = (Command, cs, config, o) => [
    getCompressionPlugin(config, {
        encodings: ["gzip"],
    }),
];

class AssociateDatasetKmsKeyCommand extends command(_ep0, _mw0, "AssociateDatasetKmsKey", AssociateDatasetKmsKey$) {
}

class CreateResourceMetricsConfigurationCommand extends command(_ep0, _mw0, "CreateResourceMetricsConfiguration", CreateResourceMetricsConfiguration$) {
}

class DeleteAlarmMuteRuleCommand extends command(_ep0, _mw0, "DeleteAlarmMuteRule", DeleteAlarmMuteRule$) {
}

class DeleteAlarmsCommand extends command(_ep0, _mw0, "DeleteAlarms", DeleteAlarms$) {
}

class DeleteAnomalyDetectorCommand extends command(_ep0, _mw0, "DeleteAnomalyDetector", DeleteAnomalyDetector$) {
}

class DeleteDashboardsCommand extends command(_ep0, _mw0, "DeleteDashboards", DeleteDashboards$) {
}

class DeleteInsightRulesCommand extends command(_ep0, _mw0, "DeleteInsightRules", DeleteInsightRules$) {
}

class DeleteMetricStreamCommand extends command(_ep0, _mw0, "DeleteMetricStream", DeleteMetricStream$) {
}

class DeleteResourceMetricsConfigurationCommand extends command(_ep0, _mw0, "DeleteResourceMetricsConfiguration", DeleteResourceMetricsConfiguration$) {
}

class DescribeAlarmContributorsCommand extends command(_ep0, _mw0, "DescribeAlarmContributors", DescribeAlarmContributors$) {
}

class DescribeAlarmHistoryCommand extends command(_ep0, _mw0, "DescribeAlarmHistory", DescribeAlarmHistory$) {
}

class DescribeAlarmsCommand extends command(_ep0, _mw0, "DescribeAlarms", DescribeAlarms$) {
}

class DescribeAlarmsForMetricCommand extends command(_ep0, _mw0, "DescribeAlarmsForMetric", DescribeAlarmsForMetric$) {
}

class DescribeAnomalyDetectorsCommand extends command(_ep0, _mw0, "DescribeAnomalyDetectors", DescribeAnomalyDetectors$) {
}

class DescribeInsightRulesCommand extends command(_ep0, _mw0, "DescribeInsightRules", DescribeInsightRules$) {
}

class DisableAlarmActionsCommand extends command(_ep0, _mw0, "DisableAlarmActions", DisableAlarmActions$) {
}

class DisableInsightRulesCommand extends command(_ep0, _mw0, "DisableInsightRules", DisableInsightRules$) {
}

class DisassociateDatasetKmsKeyCommand extends command(_ep0, _mw0, "DisassociateDatasetKmsKey", DisassociateDatasetKmsKey$) {
}

class EnableAlarmActionsCommand extends command(_ep0, _mw0, "EnableAlarmActions", EnableAlarmActions$) {
}

class EnableInsightRulesCommand extends command(_ep0, _mw0, "EnableInsightRules", EnableInsightRules$) {
}

class GetAlarmMuteRuleCommand extends command(_ep0, _mw0, "GetAlarmMuteRule", GetAlarmMuteRule$) {
}

class GetDashboardCommand extends command(_ep0, _mw0, "GetDashboard", GetDashboard$) {
}

class GetDatasetCommand extends command(_ep0, _mw0, "GetDataset", GetDataset$) {
}

class GetInsightRuleReportCommand extends command(_ep0, _mw0, "GetInsightRuleReport", GetInsightRuleReport$) {
}

class GetMetricDataCommand extends command(_ep0, _mw0, "GetMetricData", GetMetricData$) {
}

class GetMetricStatisticsCommand extends command(_ep0, _mw0, "GetMetricStatistics", GetMetricStatistics$) {
}

class GetMetricStreamCommand extends command(_ep0, _mw0, "GetMetricStream", GetMetricStream$) {
}

class GetMetricWidgetImageCommand extends command(_ep0, _mw0, "GetMetricWidgetImage", GetMetricWidgetImage$) {
}

class GetOTelEnrichmentCommand extends command(_ep0, _mw0, "GetOTelEnrichment", GetOTelEnrichment$) {
}

class GetResourceMetricsConfigurationCommand extends command(_ep0, _mw0, "GetResourceMetricsConfiguration", GetResourceMetricsConfiguration$) {
}

class ListAlarmMuteRulesCommand extends command(_ep0, _mw0, "ListAlarmMuteRules", ListAlarmMuteRules$) {
}

class ListDashboardsCommand extends command(_ep0, _mw0, "ListDashboards", ListDashboards$) {
}

class ListManagedInsightRulesCommand extends command(_ep0, _mw0, "ListManagedInsightRules", ListManagedInsightRules$) {
}

class ListMetricsCommand extends command(_ep0, _mw0, "ListMetrics", ListMetrics$) {
}

class ListMetricStreamsCommand extends command(_ep0, _mw0, "ListMetricStreams", ListMetricStreams$) {
}

class ListTagsForResourceCommand extends command(_ep0, _mw0, "ListTagsForResource", ListTagsForResource$) {
}

class PutAlarmMuteRuleCommand extends command(_ep0, _mw0, "PutAlarmMuteRule", PutAlarmMuteRule$) {
}

class PutAnomalyDetectorCommand extends command(_ep0, _mw0, "PutAnomalyDetector", PutAnomalyDetector$) {
}

class PutCompositeAlarmCommand extends command(_ep0, _mw0, "PutCompositeAlarm", PutCompositeAlarm$) {
}

class PutDashboardCommand extends command(_ep0, _mw0, "PutDashboard", PutDashboard$) {
}

class PutInsightRuleCommand extends command(_ep0, _mw0, "PutInsightRule", PutInsightRule$) {
}

class PutLogAlarmCommand extends command(_ep0, _mw0, "PutLogAlarm", PutLogAlarm$) {
}

class PutManagedInsightRulesCommand extends command(_ep0, _mw0, "PutManagedInsightRules", PutManagedInsightRules$) {
}

class PutMetricAlarmCommand extends command(_ep0, _mw0, "PutMetricAlarm", PutMetricAlarm$) {
}

class PutMetricDataCommand extends command(_ep0, _mw1, "PutMetricData", PutMetricData$) {
}

class PutMetricStreamCommand extends command(_ep0, _mw0, "PutMetricStream", PutMetricStream$) {
}

class SetAlarmStateCommand extends command(_ep0, _mw0, "SetAlarmState", SetAlarmState$) {
}

class StartMetricStreamsCommand extends command(_ep0, _mw0, "StartMetricStreams", StartMetricStreams$) {
}

class StartOTelEnrichmentCommand extends command(_ep0, _mw0, "StartOTelEnrichment", StartOTelEnrichment$) {
}

class StopMetricStreamsCommand extends command(_ep0, _mw0, "StopMetricStreams", StopMetricStreams$) {
}

class StopOTelEnrichmentCommand extends command(_ep0, _mw0, "StopOTelEnrichment", StopOTelEnrichment$) {
}

class TagResourceCommand extends command(_ep0, _mw0, "TagResource", TagResource$) {
}

class UntagResourceCommand extends command(_ep0, _mw0, "UntagResource", UntagResource$) {
}

class UpdateOTelEnrichmentCommand extends command(_ep0, _mw0, "UpdateOTelEnrichment", UpdateOTelEnrichment$) {
}

class UpdateResourceMetricsConfigurationCommand extends command(_ep0, _mw0, "UpdateResourceMetricsConfiguration", UpdateResourceMetricsConfiguration$) {
}

const paginateDescribeAlarmHistory = createPaginator(CloudWatchClient, DescribeAlarmHistoryCommand, "NextToken", "NextToken", "MaxRecords");

const paginateDescribeAlarms = createPaginator(CloudWatchClient, DescribeAlarmsCommand, "NextToken", "NextToken", "MaxRecords");

const paginateDescribeAnomalyDetectors = createPaginator(CloudWatchClient, DescribeAnomalyDetectorsCommand, "NextToken", "NextToken", "MaxResults");

const paginateDescribeInsightRules = createPaginator(CloudWatchClient, DescribeInsightRulesCommand, "NextToken", "NextToken", "MaxResults");

const paginateGetMetricData = createPaginator(CloudWatchClient, GetMetricDataCommand, "NextToken", "NextToken", "MaxDatapoints");

const paginateListAlarmMuteRules = createPaginator(CloudWatchClient, ListAlarmMuteRulesCommand, "NextToken", "NextToken", "MaxRecords");

const paginateListDashboards = createPaginator(CloudWatchClient, ListDashboardsCommand, "NextToken", "NextToken", "");

const paginateListManagedInsightRules = createPaginator(CloudWatchClient, ListManagedInsightRulesCommand, "NextToken", "NextToken", "MaxResults");

const paginateListMetrics = createPaginator(CloudWatchClient, ListMetricsCommand, "NextToken", "NextToken", "");

const paginateListMetricStreams = createPaginator(CloudWatchClient, ListMetricStreamsCommand, "NextToken", "NextToken", "MaxResults");

const checkState$3 = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new DescribeAlarmsCommand(input));
        reason = result;
        try {
            const returnComparator = () => {
                let flat_1 = [].concat(...result.MetricAlarms);
                return (flat_1.length > 0);
            };
            if (returnComparator() == true) {
                return { state: WaiterState.SUCCESS, reason };
            }
        }
        catch (e) { }
    }
    catch (exception) {
        reason = exception;
    }
    return { state: WaiterState.RETRY, reason };
};
const waitForAlarmExists = async (params, input) => {
    const serviceDefaults = { minDelay: 5, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState$3);
};
const waitUntilAlarmExists = async (params, input) => {
    const serviceDefaults = { minDelay: 5, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$3);
    return checkExceptions(result);
};

const checkState$2 = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new GetAlarmMuteRuleCommand(input));
        reason = result;
        return { state: WaiterState.SUCCESS, reason };
    }
    catch (exception) {
        reason = exception;
        if (exception.name === "ResourceNotFoundException") {
            return { state: WaiterState.RETRY, reason };
        }
    }
    return { state: WaiterState.RETRY, reason };
};
const waitForAlarmMuteRuleExists = async (params, input) => {
    const serviceDefaults = { minDelay: 5, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState$2);
};
const waitUntilAlarmMuteRuleExists = async (params, input) => {
    const serviceDefaults = { minDelay: 5, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$2);
    return checkExceptions(result);
};

const checkState$1 = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new DescribeAlarmsCommand(input));
        reason = result;
        try {
            const returnComparator = () => {
                let flat_1 = [].concat(...result.CompositeAlarms);
                return (flat_1.length > 0);
            };
            if (returnComparator() == true) {
                return { state: WaiterState.SUCCESS, reason };
            }
        }
        catch (e) { }
    }
    catch (exception) {
        reason = exception;
    }
    return { state: WaiterState.RETRY, reason };
};
const waitForCompositeAlarmExists = async (params, input) => {
    const serviceDefaults = { minDelay: 5, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState$1);
};
const waitUntilCompositeAlarmExists = async (params, input) => {
    const serviceDefaults = { minDelay: 5, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$1);
    return checkExceptions(result);
};

const checkState = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new DescribeAlarmsCommand(input));
        reason = result;
        try {
            const returnComparator = () => {
                let flat_1 = [].concat(...result.LogAlarms);
                return (flat_1.length > 0);
            };
            if (returnComparator() == true) {
                return { state: WaiterState.SUCCESS, reason };
            }
        }
        catch (e) { }
    }
    catch (exception) {
        reason = exception;
    }
    return { state: WaiterState.RETRY, reason };
};
const waitForLogAlarmExists = async (params, input) => {
    const serviceDefaults = { minDelay: 5, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState);
};
const waitUntilLogAlarmExists = async (params, input) => {
    const serviceDefaults = { minDelay: 5, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState);
    return checkExceptions(result);
};

const commands = {
    AssociateDatasetKmsKeyCommand,
    CreateResourceMetricsConfigurationCommand,
    DeleteAlarmMuteRuleCommand,
    DeleteAlarmsCommand,
    DeleteAnomalyDetectorCommand,
    DeleteDashboardsCommand,
    DeleteInsightRulesCommand,
    DeleteMetricStreamCommand,
    DeleteResourceMetricsConfigurationCommand,
    DescribeAlarmContributorsCommand,
    DescribeAlarmHistoryCommand,
    DescribeAlarmsCommand,
    DescribeAlarmsForMetricCommand,
    DescribeAnomalyDetectorsCommand,
    DescribeInsightRulesCommand,
    DisableAlarmActionsCommand,
    DisableInsightRulesCommand,
    DisassociateDatasetKmsKeyCommand,
    EnableAlarmActionsCommand,
    EnableInsightRulesCommand,
    GetAlarmMuteRuleCommand,
    GetDashboardCommand,
    GetDatasetCommand,
    GetInsightRuleReportCommand,
    GetMetricDataCommand,
    GetMetricStatisticsCommand,
    GetMetricStreamCommand,
    GetMetricWidgetImageCommand,
    GetOTelEnrichmentCommand,
    GetResourceMetricsConfigurationCommand,
    ListAlarmMuteRulesCommand,
    ListDashboardsCommand,
    ListManagedInsightRulesCommand,
    ListMetricsCommand,
    ListMetricStreamsCommand,
    ListTagsForResourceCommand,
    PutAlarmMuteRuleCommand,
    PutAnomalyDetectorCommand,
    PutCompositeAlarmCommand,
    PutDashboardCommand,
    PutInsightRuleCommand,
    PutLogAlarmCommand,
    PutManagedInsightRulesCommand,
    PutMetricAlarmCommand,
    PutMetricDataCommand,
    PutMetricStreamCommand,
    SetAlarmStateCommand,
    StartMetricStreamsCommand,
    StartOTelEnrichmentCommand,
    StopMetricStreamsCommand,
    StopOTelEnrichmentCommand,
    TagResourceCommand,
    UntagResourceCommand,
    UpdateOTelEnrichmentCommand,
    UpdateResourceMetricsConfigurationCommand,
};
const paginators = {
    paginateDescribeAlarmHistory,
    paginateDescribeAlarms,
    paginateDescribeAnomalyDetectors,
    paginateDescribeInsightRules,
    paginateGetMetricData,
    paginateListAlarmMuteRules,
    paginateListDashboards,
    paginateListManagedInsightRules,
    paginateListMetrics,
    paginateListMetricStreams,
};
const waiters = {
    waitUntilAlarmExists,
    waitUntilCompositeAlarmExists,
    waitUntilLogAlarmExists,
    waitUntilAlarmMuteRuleExists,
};
class CloudWatch extends CloudWatchClient {
}
createAggregatedClient(commands, CloudWatch, { paginators, waiters });

const ActionsSuppressedBy = {
    Alarm: "Alarm",
    ExtensionPeriod: "ExtensionPeriod",
    WaitPeriod: "WaitPeriod",
};
const AlarmType = {
    CompositeAlarm: "CompositeAlarm",
    LogAlarm: "LogAlarm",
    MetricAlarm: "MetricAlarm",
};
const HistoryItemType = {
    Action: "Action",
    AlarmContributorAction: "AlarmContributorAction",
    AlarmContributorStateUpdate: "AlarmContributorStateUpdate",
    ConfigurationUpdate: "ConfigurationUpdate",
    StateUpdate: "StateUpdate",
};
const AlarmMuteRuleStatus = {
    ACTIVE: "ACTIVE",
    EXPIRED: "EXPIRED",
    SCHEDULED: "SCHEDULED",
};
const AnomalyDetectorAdaptationSpeed = {
    FAST: "FAST",
    NORMAL: "NORMAL",
    SLOW: "SLOW",
};
const AnomalyDetectorOutlierFilteringStrength = {
    MINIMAL: "MINIMAL",
    MODERATE: "MODERATE",
    STRICT: "STRICT",
};
const StandardUnit = {
    Bits: "Bits",
    Bits_Second: "Bits/Second",
    Bytes: "Bytes",
    Bytes_Second: "Bytes/Second",
    Count: "Count",
    Count_Second: "Count/Second",
    Gigabits: "Gigabits",
    Gigabits_Second: "Gigabits/Second",
    Gigabytes: "Gigabytes",
    Gigabytes_Second: "Gigabytes/Second",
    Kilobits: "Kilobits",
    Kilobits_Second: "Kilobits/Second",
    Kilobytes: "Kilobytes",
    Kilobytes_Second: "Kilobytes/Second",
    Megabits: "Megabits",
    Megabits_Second: "Megabits/Second",
    Megabytes: "Megabytes",
    Megabytes_Second: "Megabytes/Second",
    Microseconds: "Microseconds",
    Milliseconds: "Milliseconds",
    None: "None",
    Percent: "Percent",
    Seconds: "Seconds",
    Terabits: "Terabits",
    Terabits_Second: "Terabits/Second",
    Terabytes: "Terabytes",
    Terabytes_Second: "Terabytes/Second",
};
const AnomalyDetectorStateValue = {
    PENDING_TRAINING: "PENDING_TRAINING",
    TRAINED: "TRAINED",
    TRAINED_INSUFFICIENT_DATA: "TRAINED_INSUFFICIENT_DATA",
};
const AnomalyDetectorType = {
    METRIC_MATH: "METRIC_MATH",
    SINGLE_METRIC: "SINGLE_METRIC",
};
const ComparisonOperator = {
    GreaterThanOrEqualToThreshold: "GreaterThanOrEqualToThreshold",
    GreaterThanThreshold: "GreaterThanThreshold",
    GreaterThanUpperThreshold: "GreaterThanUpperThreshold",
    LessThanLowerOrGreaterThanUpperThreshold: "LessThanLowerOrGreaterThanUpperThreshold",
    LessThanLowerThreshold: "LessThanLowerThreshold",
    LessThanOrEqualToThreshold: "LessThanOrEqualToThreshold",
    LessThanThreshold: "LessThanThreshold",
};
const StateValue = {
    ALARM: "ALARM",
    INSUFFICIENT_DATA: "INSUFFICIENT_DATA",
    OK: "OK",
};
const ScanBy = {
    TIMESTAMP_ASCENDING: "TimestampAscending",
    TIMESTAMP_DESCENDING: "TimestampDescending",
};
const EvaluationState = {
    EVALUATION_ERROR: "EVALUATION_ERROR",
    EVALUATION_FAILURE: "EVALUATION_FAILURE",
    PARTIAL_DATA: "PARTIAL_DATA",
};
const Statistic = {
    Average: "Average",
    Maximum: "Maximum",
    Minimum: "Minimum",
    SampleCount: "SampleCount",
    Sum: "Sum",
};
const StatusCode = {
    COMPLETE: "Complete",
    FORBIDDEN: "Forbidden",
    INTERNAL_ERROR: "InternalError",
    PARTIAL_DATA: "PartialData",
};
const MetricStreamOutputFormat = {
    JSON: "json",
    OPEN_TELEMETRY_0_7: "opentelemetry0.7",
    OPEN_TELEMETRY_1_0: "opentelemetry1.0",
};
const OTelEnrichmentStatus = {
    RUNNING: "Running",
    STOPPED: "Stopped",
};
const RecentlyActive = {
    PT3H: "PT3H",
};

__webpack_unused_export__ = ActionConfiguration$;
__webpack_unused_export__ = ActionsSuppressedBy;
__webpack_unused_export__ = AlarmContributor$;
__webpack_unused_export__ = AlarmHistoryItem$;
__webpack_unused_export__ = AlarmMuteRuleStatus;
__webpack_unused_export__ = AlarmMuteRuleSummary$;
__webpack_unused_export__ = AlarmPromQLCriteria$;
__webpack_unused_export__ = AlarmTagsPropagation$;
__webpack_unused_export__ = AlarmType;
__webpack_unused_export__ = AnomalyDetector$;
__webpack_unused_export__ = AnomalyDetectorAdaptationSpeed;
__webpack_unused_export__ = AnomalyDetectorConfiguration$;
__webpack_unused_export__ = AnomalyDetectorOutlierFilteringStrength;
__webpack_unused_export__ = AnomalyDetectorStateValue;
__webpack_unused_export__ = AnomalyDetectorType;
__webpack_unused_export__ = AssociateDatasetKmsKey$;
__webpack_unused_export__ = AssociateDatasetKmsKeyCommand;
__webpack_unused_export__ = AssociateDatasetKmsKeyInput$;
__webpack_unused_export__ = AssociateDatasetKmsKeyOutput$;
__webpack_unused_export__ = CloudWatch;
exports.WBn = CloudWatchClient;
__webpack_unused_export__ = CloudWatchServiceException;
__webpack_unused_export__ = CloudWatchServiceException$;
__webpack_unused_export__ = ComparisonOperator;
__webpack_unused_export__ = CompositeAlarm$;
__webpack_unused_export__ = ConcurrentModificationException;
__webpack_unused_export__ = ConcurrentModificationException$;
__webpack_unused_export__ = ConflictException;
__webpack_unused_export__ = ConflictException$;
__webpack_unused_export__ = CreateResourceMetricsConfiguration$;
__webpack_unused_export__ = CreateResourceMetricsConfigurationCommand;
__webpack_unused_export__ = CreateResourceMetricsConfigurationInput$;
__webpack_unused_export__ = CreateResourceMetricsConfigurationOutput$;
__webpack_unused_export__ = DashboardEntry$;
__webpack_unused_export__ = DashboardInvalidInputError;
__webpack_unused_export__ = DashboardInvalidInputError$;
__webpack_unused_export__ = DashboardNotFoundError;
__webpack_unused_export__ = DashboardNotFoundError$;
__webpack_unused_export__ = DashboardValidationMessage$;
__webpack_unused_export__ = Datapoint$;
__webpack_unused_export__ = DeleteAlarmMuteRule$;
__webpack_unused_export__ = DeleteAlarmMuteRuleCommand;
__webpack_unused_export__ = DeleteAlarmMuteRuleInput$;
__webpack_unused_export__ = DeleteAlarms$;
__webpack_unused_export__ = DeleteAlarmsCommand;
__webpack_unused_export__ = DeleteAlarmsInput$;
__webpack_unused_export__ = DeleteAnomalyDetector$;
__webpack_unused_export__ = DeleteAnomalyDetectorCommand;
__webpack_unused_export__ = DeleteAnomalyDetectorInput$;
__webpack_unused_export__ = DeleteAnomalyDetectorOutput$;
__webpack_unused_export__ = DeleteDashboards$;
__webpack_unused_export__ = DeleteDashboardsCommand;
__webpack_unused_export__ = DeleteDashboardsInput$;
__webpack_unused_export__ = DeleteDashboardsOutput$;
__webpack_unused_export__ = DeleteInsightRules$;
__webpack_unused_export__ = DeleteInsightRulesCommand;
__webpack_unused_export__ = DeleteInsightRulesInput$;
__webpack_unused_export__ = DeleteInsightRulesOutput$;
__webpack_unused_export__ = DeleteMetricStream$;
__webpack_unused_export__ = DeleteMetricStreamCommand;
__webpack_unused_export__ = DeleteMetricStreamInput$;
__webpack_unused_export__ = DeleteMetricStreamOutput$;
__webpack_unused_export__ = DeleteResourceMetricsConfiguration$;
__webpack_unused_export__ = DeleteResourceMetricsConfigurationCommand;
__webpack_unused_export__ = DeleteResourceMetricsConfigurationInput$;
__webpack_unused_export__ = DeleteResourceMetricsConfigurationOutput$;
__webpack_unused_export__ = DescribeAlarmContributors$;
__webpack_unused_export__ = DescribeAlarmContributorsCommand;
__webpack_unused_export__ = DescribeAlarmContributorsInput$;
__webpack_unused_export__ = DescribeAlarmContributorsOutput$;
__webpack_unused_export__ = DescribeAlarmHistory$;
__webpack_unused_export__ = DescribeAlarmHistoryCommand;
__webpack_unused_export__ = DescribeAlarmHistoryInput$;
__webpack_unused_export__ = DescribeAlarmHistoryOutput$;
__webpack_unused_export__ = DescribeAlarms$;
exports.zWD = DescribeAlarmsCommand;
__webpack_unused_export__ = DescribeAlarmsForMetric$;
__webpack_unused_export__ = DescribeAlarmsForMetricCommand;
__webpack_unused_export__ = DescribeAlarmsForMetricInput$;
__webpack_unused_export__ = DescribeAlarmsForMetricOutput$;
__webpack_unused_export__ = DescribeAlarmsInput$;
__webpack_unused_export__ = DescribeAlarmsOutput$;
__webpack_unused_export__ = DescribeAnomalyDetectors$;
__webpack_unused_export__ = DescribeAnomalyDetectorsCommand;
__webpack_unused_export__ = DescribeAnomalyDetectorsInput$;
__webpack_unused_export__ = DescribeAnomalyDetectorsOutput$;
__webpack_unused_export__ = DescribeInsightRules$;
__webpack_unused_export__ = DescribeInsightRulesCommand;
__webpack_unused_export__ = DescribeInsightRulesInput$;
__webpack_unused_export__ = DescribeInsightRulesOutput$;
__webpack_unused_export__ = Dimension$;
__webpack_unused_export__ = DimensionFilter$;
__webpack_unused_export__ = DisableAlarmActions$;
__webpack_unused_export__ = DisableAlarmActionsCommand;
__webpack_unused_export__ = DisableAlarmActionsInput$;
__webpack_unused_export__ = DisableInsightRules$;
__webpack_unused_export__ = DisableInsightRulesCommand;
__webpack_unused_export__ = DisableInsightRulesInput$;
__webpack_unused_export__ = DisableInsightRulesOutput$;
__webpack_unused_export__ = DisassociateDatasetKmsKey$;
__webpack_unused_export__ = DisassociateDatasetKmsKeyCommand;
__webpack_unused_export__ = DisassociateDatasetKmsKeyInput$;
__webpack_unused_export__ = DisassociateDatasetKmsKeyOutput$;
__webpack_unused_export__ = EnableAlarmActions$;
__webpack_unused_export__ = EnableAlarmActionsCommand;
__webpack_unused_export__ = EnableAlarmActionsInput$;
__webpack_unused_export__ = EnableInsightRules$;
__webpack_unused_export__ = EnableInsightRulesCommand;
__webpack_unused_export__ = EnableInsightRulesInput$;
__webpack_unused_export__ = EnableInsightRulesOutput$;
__webpack_unused_export__ = Entity$;
__webpack_unused_export__ = EntityMetricData$;
__webpack_unused_export__ = EvaluationCriteria$;
__webpack_unused_export__ = EvaluationState;
__webpack_unused_export__ = EvaluationWindow$;
__webpack_unused_export__ = GetAlarmMuteRule$;
__webpack_unused_export__ = GetAlarmMuteRuleCommand;
__webpack_unused_export__ = GetAlarmMuteRuleInput$;
__webpack_unused_export__ = GetAlarmMuteRuleOutput$;
__webpack_unused_export__ = GetDashboard$;
__webpack_unused_export__ = GetDashboardCommand;
__webpack_unused_export__ = GetDashboardInput$;
__webpack_unused_export__ = GetDashboardOutput$;
__webpack_unused_export__ = GetDataset$;
__webpack_unused_export__ = GetDatasetCommand;
__webpack_unused_export__ = GetDatasetInput$;
__webpack_unused_export__ = GetDatasetOutput$;
__webpack_unused_export__ = GetInsightRuleReport$;
__webpack_unused_export__ = GetInsightRuleReportCommand;
__webpack_unused_export__ = GetInsightRuleReportInput$;
__webpack_unused_export__ = GetInsightRuleReportOutput$;
__webpack_unused_export__ = GetMetricData$;
exports.Soe = GetMetricDataCommand;
__webpack_unused_export__ = GetMetricDataInput$;
__webpack_unused_export__ = GetMetricDataOutput$;
__webpack_unused_export__ = GetMetricStatistics$;
__webpack_unused_export__ = GetMetricStatisticsCommand;
__webpack_unused_export__ = GetMetricStatisticsInput$;
__webpack_unused_export__ = GetMetricStatisticsOutput$;
__webpack_unused_export__ = GetMetricStream$;
__webpack_unused_export__ = GetMetricStreamCommand;
__webpack_unused_export__ = GetMetricStreamInput$;
__webpack_unused_export__ = GetMetricStreamOutput$;
__webpack_unused_export__ = GetMetricWidgetImage$;
__webpack_unused_export__ = GetMetricWidgetImageCommand;
__webpack_unused_export__ = GetMetricWidgetImageInput$;
__webpack_unused_export__ = GetMetricWidgetImageOutput$;
__webpack_unused_export__ = GetOTelEnrichment$;
__webpack_unused_export__ = GetOTelEnrichmentCommand;
__webpack_unused_export__ = GetOTelEnrichmentInput$;
__webpack_unused_export__ = GetOTelEnrichmentOutput$;
__webpack_unused_export__ = GetResourceMetricsConfiguration$;
__webpack_unused_export__ = GetResourceMetricsConfigurationCommand;
__webpack_unused_export__ = GetResourceMetricsConfigurationInput$;
__webpack_unused_export__ = GetResourceMetricsConfigurationOutput$;
__webpack_unused_export__ = HistoryItemType;
__webpack_unused_export__ = InsightRule$;
__webpack_unused_export__ = InsightRuleContributor$;
__webpack_unused_export__ = InsightRuleContributorDatapoint$;
__webpack_unused_export__ = InsightRuleMetricDatapoint$;
__webpack_unused_export__ = InternalServiceFault;
__webpack_unused_export__ = InternalServiceFault$;
__webpack_unused_export__ = InvalidFormatFault;
__webpack_unused_export__ = InvalidFormatFault$;
__webpack_unused_export__ = InvalidNextToken;
__webpack_unused_export__ = InvalidNextToken$;
__webpack_unused_export__ = InvalidParameterCombinationException;
__webpack_unused_export__ = InvalidParameterCombinationException$;
__webpack_unused_export__ = InvalidParameterValueException;
__webpack_unused_export__ = InvalidParameterValueException$;
__webpack_unused_export__ = KmsAccessDeniedException;
__webpack_unused_export__ = KmsAccessDeniedException$;
__webpack_unused_export__ = KmsKeyDisabledException;
__webpack_unused_export__ = KmsKeyDisabledException$;
__webpack_unused_export__ = KmsKeyNotFoundException;
__webpack_unused_export__ = KmsKeyNotFoundException$;
__webpack_unused_export__ = LabelOptions$;
__webpack_unused_export__ = LimitExceededException;
__webpack_unused_export__ = LimitExceededException$;
__webpack_unused_export__ = LimitExceededFault;
__webpack_unused_export__ = LimitExceededFault$;
__webpack_unused_export__ = ListAlarmMuteRules$;
__webpack_unused_export__ = ListAlarmMuteRulesCommand;
__webpack_unused_export__ = ListAlarmMuteRulesInput$;
__webpack_unused_export__ = ListAlarmMuteRulesOutput$;
__webpack_unused_export__ = ListDashboards$;
__webpack_unused_export__ = ListDashboardsCommand;
__webpack_unused_export__ = ListDashboardsInput$;
__webpack_unused_export__ = ListDashboardsOutput$;
__webpack_unused_export__ = ListManagedInsightRules$;
__webpack_unused_export__ = ListManagedInsightRulesCommand;
__webpack_unused_export__ = ListManagedInsightRulesInput$;
__webpack_unused_export__ = ListManagedInsightRulesOutput$;
__webpack_unused_export__ = ListMetricStreams$;
__webpack_unused_export__ = ListMetricStreamsCommand;
__webpack_unused_export__ = ListMetricStreamsInput$;
__webpack_unused_export__ = ListMetricStreamsOutput$;
__webpack_unused_export__ = ListMetrics$;
__webpack_unused_export__ = ListMetricsCommand;
__webpack_unused_export__ = ListMetricsInput$;
__webpack_unused_export__ = ListMetricsOutput$;
__webpack_unused_export__ = ListTagsForResource$;
__webpack_unused_export__ = ListTagsForResourceCommand;
__webpack_unused_export__ = ListTagsForResourceInput$;
__webpack_unused_export__ = ListTagsForResourceOutput$;
__webpack_unused_export__ = LogAlarm$;
__webpack_unused_export__ = ManagedRule$;
__webpack_unused_export__ = ManagedRuleDescription$;
__webpack_unused_export__ = ManagedRuleState$;
__webpack_unused_export__ = MessageData$;
__webpack_unused_export__ = Metric$;
__webpack_unused_export__ = MetricAlarm$;
__webpack_unused_export__ = MetricCharacteristics$;
__webpack_unused_export__ = MetricDataQuery$;
__webpack_unused_export__ = MetricDataResult$;
__webpack_unused_export__ = MetricDatum$;
__webpack_unused_export__ = MetricMathAnomalyDetector$;
__webpack_unused_export__ = MetricStat$;
__webpack_unused_export__ = MetricStreamEntry$;
__webpack_unused_export__ = MetricStreamFilter$;
__webpack_unused_export__ = MetricStreamOutputFormat;
__webpack_unused_export__ = MetricStreamStatisticsConfiguration$;
__webpack_unused_export__ = MetricStreamStatisticsMetric$;
__webpack_unused_export__ = MissingRequiredParameterException;
__webpack_unused_export__ = MissingRequiredParameterException$;
__webpack_unused_export__ = MuteTargets$;
__webpack_unused_export__ = OTelEnrichmentMetricSelector$;
__webpack_unused_export__ = OTelEnrichmentStatus;
__webpack_unused_export__ = PartialFailure$;
__webpack_unused_export__ = PutAlarmMuteRule$;
__webpack_unused_export__ = PutAlarmMuteRuleCommand;
__webpack_unused_export__ = PutAlarmMuteRuleInput$;
__webpack_unused_export__ = PutAnomalyDetector$;
__webpack_unused_export__ = PutAnomalyDetectorCommand;
__webpack_unused_export__ = PutAnomalyDetectorInput$;
__webpack_unused_export__ = PutAnomalyDetectorOutput$;
__webpack_unused_export__ = PutCompositeAlarm$;
__webpack_unused_export__ = PutCompositeAlarmCommand;
__webpack_unused_export__ = PutCompositeAlarmInput$;
__webpack_unused_export__ = PutDashboard$;
__webpack_unused_export__ = PutDashboardCommand;
__webpack_unused_export__ = PutDashboardInput$;
__webpack_unused_export__ = PutDashboardOutput$;
__webpack_unused_export__ = PutInsightRule$;
__webpack_unused_export__ = PutInsightRuleCommand;
__webpack_unused_export__ = PutInsightRuleInput$;
__webpack_unused_export__ = PutInsightRuleOutput$;
__webpack_unused_export__ = PutLogAlarm$;
__webpack_unused_export__ = PutLogAlarmCommand;
__webpack_unused_export__ = PutLogAlarmInput$;
__webpack_unused_export__ = PutManagedInsightRules$;
__webpack_unused_export__ = PutManagedInsightRulesCommand;
__webpack_unused_export__ = PutManagedInsightRulesInput$;
__webpack_unused_export__ = PutManagedInsightRulesOutput$;
__webpack_unused_export__ = PutMetricAlarm$;
__webpack_unused_export__ = PutMetricAlarmCommand;
__webpack_unused_export__ = PutMetricAlarmInput$;
__webpack_unused_export__ = PutMetricData$;
__webpack_unused_export__ = PutMetricDataCommand;
__webpack_unused_export__ = PutMetricDataInput$;
__webpack_unused_export__ = PutMetricStream$;
__webpack_unused_export__ = PutMetricStreamCommand;
__webpack_unused_export__ = PutMetricStreamInput$;
__webpack_unused_export__ = PutMetricStreamOutput$;
__webpack_unused_export__ = Range$;
__webpack_unused_export__ = RecentlyActive;
__webpack_unused_export__ = ResourceConflict;
__webpack_unused_export__ = ResourceConflict$;
__webpack_unused_export__ = ResourceMetricSelection$;
__webpack_unused_export__ = ResourceMetricsConfiguration$;
__webpack_unused_export__ = ResourceNotFound;
__webpack_unused_export__ = ResourceNotFound$;
__webpack_unused_export__ = ResourceNotFoundException;
__webpack_unused_export__ = ResourceNotFoundException$;
__webpack_unused_export__ = Rule$;
__webpack_unused_export__ = ScanBy;
__webpack_unused_export__ = Schedule$;
__webpack_unused_export__ = ScheduleConfiguration$;
__webpack_unused_export__ = ScheduledQueryConfiguration$;
__webpack_unused_export__ = SetAlarmState$;
__webpack_unused_export__ = SetAlarmStateCommand;
__webpack_unused_export__ = SetAlarmStateInput$;
__webpack_unused_export__ = SingleMetricAnomalyDetector$;
__webpack_unused_export__ = SlidingWindow$;
__webpack_unused_export__ = StandardUnit;
__webpack_unused_export__ = StartMetricStreams$;
__webpack_unused_export__ = StartMetricStreamsCommand;
__webpack_unused_export__ = StartMetricStreamsInput$;
__webpack_unused_export__ = StartMetricStreamsOutput$;
__webpack_unused_export__ = StartOTelEnrichment$;
__webpack_unused_export__ = StartOTelEnrichmentCommand;
__webpack_unused_export__ = StartOTelEnrichmentInput$;
__webpack_unused_export__ = StartOTelEnrichmentOutput$;
__webpack_unused_export__ = StateValue;
__webpack_unused_export__ = Statistic;
__webpack_unused_export__ = StatisticSet$;
__webpack_unused_export__ = StatusCode;
__webpack_unused_export__ = StopMetricStreams$;
__webpack_unused_export__ = StopMetricStreamsCommand;
__webpack_unused_export__ = StopMetricStreamsInput$;
__webpack_unused_export__ = StopMetricStreamsOutput$;
__webpack_unused_export__ = StopOTelEnrichment$;
__webpack_unused_export__ = StopOTelEnrichmentCommand;
__webpack_unused_export__ = StopOTelEnrichmentInput$;
__webpack_unused_export__ = StopOTelEnrichmentOutput$;
__webpack_unused_export__ = Tag$;
__webpack_unused_export__ = TagResource$;
__webpack_unused_export__ = TagResourceCommand;
__webpack_unused_export__ = TagResourceInput$;
__webpack_unused_export__ = TagResourceOutput$;
__webpack_unused_export__ = UntagResource$;
__webpack_unused_export__ = UntagResourceCommand;
__webpack_unused_export__ = UntagResourceInput$;
__webpack_unused_export__ = UntagResourceOutput$;
__webpack_unused_export__ = UpdateOTelEnrichment$;
__webpack_unused_export__ = UpdateOTelEnrichmentCommand;
__webpack_unused_export__ = UpdateOTelEnrichmentInput$;
__webpack_unused_export__ = UpdateOTelEnrichmentOutput$;
__webpack_unused_export__ = UpdateResourceMetricsConfiguration$;
__webpack_unused_export__ = UpdateResourceMetricsConfigurationCommand;
__webpack_unused_export__ = UpdateResourceMetricsConfigurationInput$;
__webpack_unused_export__ = UpdateResourceMetricsConfigurationOutput$;
__webpack_unused_export__ = ValidationException;
__webpack_unused_export__ = ValidationException$;
__webpack_unused_export__ = WallClockWindow$;
__webpack_unused_export__ = WarmUpConfiguration$;
__webpack_unused_export__ = errorTypeRegistries;
__webpack_unused_export__ = paginateDescribeAlarmHistory;
__webpack_unused_export__ = paginateDescribeAlarms;
__webpack_unused_export__ = paginateDescribeAnomalyDetectors;
__webpack_unused_export__ = paginateDescribeInsightRules;
__webpack_unused_export__ = paginateGetMetricData;
__webpack_unused_export__ = paginateListAlarmMuteRules;
__webpack_unused_export__ = paginateListDashboards;
__webpack_unused_export__ = paginateListManagedInsightRules;
__webpack_unused_export__ = paginateListMetricStreams;
__webpack_unused_export__ = paginateListMetrics;
__webpack_unused_export__ = waitForAlarmExists;
__webpack_unused_export__ = waitForAlarmMuteRuleExists;
__webpack_unused_export__ = waitForCompositeAlarmExists;
__webpack_unused_export__ = waitForLogAlarmExists;
__webpack_unused_export__ = waitUntilAlarmExists;
__webpack_unused_export__ = waitUntilAlarmMuteRuleExists;
__webpack_unused_export__ = waitUntilCompositeAlarmExists;
__webpack_unused_export__ = waitUntilLogAlarmExists;


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
__webpack_unused_export__ = BatchGetDeploymentsCommand;
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
exports.Md$ = ContinueDeploymentCommand;
__webpack_unused_export__ = ContinueDeploymentInput$;
__webpack_unused_export__ = CreateApplication$;
__webpack_unused_export__ = CreateApplicationCommand;
__webpack_unused_export__ = CreateApplicationInput$;
__webpack_unused_export__ = CreateApplicationOutput$;
__webpack_unused_export__ = CreateDeployment$;
exports.ttP = CreateDeploymentCommand;
__webpack_unused_export__ = CreateDeploymentConfig$;
exports.JKx = CreateDeploymentConfigCommand;
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


/***/ }),

/***/ 8249:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

var __webpack_unused_export__;
const { awsEndpointFunctions, emitWarningIfUnsupportedVersion: emitWarningIfUnsupportedVersion$1, createDefaultUserAgentProvider, getDefaultSocketTimeout, NODE_APP_ID_CONFIG_OPTIONS, getAwsRegionExtensionConfiguration, resolveAwsRegionExtensionConfiguration, resolveUserAgentConfig, resolveHostHeaderConfig, getUserAgentPlugin, getHostHeaderPlugin, getLoggerPlugin, getRecursionDetectionPlugin } = __webpack_require__(5152);
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

const defaultECRHttpAuthSchemeParametersProvider = async (config, context, input) => {
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
            name: "ecr",
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
const defaultECRHttpAuthSchemeProvider = (authParameters) => {
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
        defaultSigningName: "ecr",
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
const a = -1, b = true, c = "isSet", d = "PartitionResult", e = "stringEquals", f = "booleanEquals", g = "getAttr", h = { [m]: "Endpoint" }, i = { "fn": g, "argv": [{ [m]: d }, "name"] }, j = { [m]: d }, k = {}, l = [{ [m]: "Region" }];
const _data = {
    conditions: [
        [c, [h]],
        [c, l],
        ["aws.partition", l, d],
        [e, [i, "aws-eusc"]],
        [e, [i, "aws-iso-f"]],
        [e, [i, "aws-iso-e"]],
        [e, [i, "aws-iso-b"]],
        [e, [i, "aws-iso"]],
        [e, [i, "aws-cn"]],
        [e, [i, "aws-us-gov"]],
        [e, [i, "aws"]],
        [f, [{ [m]: "UseFIPS" }, b]],
        [f, [{ fn: g, argv: [j, "supportsFIPS"] }, b]],
        [f, [{ [m]: "UseDualStack" }, b]],
        [f, [{ fn: g, argv: [j, "supportsDualStack"] }, b]]
    ],
    results: [
        [a],
        [a, "Invalid Configuration: FIPS and custom endpoint are not supported"],
        [a, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
        [h, k],
        ["https://api.ecr.{Region}.{PartitionResult#dnsSuffix}", k],
        ["https://ecr.{Region}.{PartitionResult#dualStackDnsSuffix}", k],
        ["https://api.ecr-fips.{Region}.{PartitionResult#dnsSuffix}", k],
        ["https://ecr-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", k],
        ["https://api.ecr-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", k],
        [a, "FIPS and DualStack are enabled, but this partition does not support one or both"],
        [a, "FIPS is enabled but this partition does not support FIPS"],
        ["https://api.ecr.{Region}.{PartitionResult#dualStackDnsSuffix}", k],
        [a, "DualStack is enabled but this partition does not support DualStack"],
        [a, "Invalid Configuration: Missing Region"]
    ]
};
const root = 2;
const r = 100_000_000;
const nodes = new Int32Array([
    -1, 1, -1,
    0, 23, 3,
    1, 4, r + 13,
    2, 5, r + 13,
    3, 20, 6,
    4, 20, 7,
    5, 20, 8,
    6, 20, 9,
    7, 20, 10,
    8, 20, 11,
    9, 20, 12,
    10, 20, 13,
    11, 16, 14,
    13, 15, r + 4,
    14, r + 11, r + 12,
    12, 18, 17,
    13, r + 9, r + 10,
    13, 19, r + 6,
    14, r + 8, r + 9,
    11, 22, 21,
    13, r + 5, r + 4,
    13, r + 7, r + 6,
    11, r + 1, 24,
    13, r + 2, r + 3,
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

class ECRServiceException extends ServiceException {
    static shapeId = "smithy.ts.sdk.synthetic.com.amazonaws.ecr#ECRServiceException";
    constructor(options) {
        super(options);
        Object.setPrototypeOf(this, ECRServiceException.prototype);
    }
}

class InvalidParameterException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#InvalidParameterException";
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
class RepositoryNotFoundException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#RepositoryNotFoundException";
    name = "RepositoryNotFoundException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "RepositoryNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, RepositoryNotFoundException.prototype);
    }
}
class ServerException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#ServerException";
    name = "ServerException";
    $fault = "server";
    constructor(opts) {
        super({
            name: "ServerException",
            $fault: "server",
            ...opts,
        });
        Object.setPrototypeOf(this, ServerException.prototype);
    }
}
class LimitExceededException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#LimitExceededException";
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
class UnableToGetUpstreamImageException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#UnableToGetUpstreamImageException";
    name = "UnableToGetUpstreamImageException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "UnableToGetUpstreamImageException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, UnableToGetUpstreamImageException.prototype);
    }
}
class ValidationException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#ValidationException";
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
class EmptyUploadException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#EmptyUploadException";
    name = "EmptyUploadException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "EmptyUploadException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, EmptyUploadException.prototype);
    }
}
class InvalidLayerException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#InvalidLayerException";
    name = "InvalidLayerException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidLayerException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidLayerException.prototype);
    }
}
class KmsException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#KmsException";
    name = "KmsException";
    $fault = "client";
    kmsError;
    constructor(opts) {
        super({
            name: "KmsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, KmsException.prototype);
        this.kmsError = opts.kmsError;
    }
}
class LayerAlreadyExistsException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#LayerAlreadyExistsException";
    name = "LayerAlreadyExistsException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "LayerAlreadyExistsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, LayerAlreadyExistsException.prototype);
    }
}
class LayerPartTooSmallException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#LayerPartTooSmallException";
    name = "LayerPartTooSmallException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "LayerPartTooSmallException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, LayerPartTooSmallException.prototype);
    }
}
class UploadNotFoundException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#UploadNotFoundException";
    name = "UploadNotFoundException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "UploadNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, UploadNotFoundException.prototype);
    }
}
class PullThroughCacheRuleAlreadyExistsException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#PullThroughCacheRuleAlreadyExistsException";
    name = "PullThroughCacheRuleAlreadyExistsException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "PullThroughCacheRuleAlreadyExistsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, PullThroughCacheRuleAlreadyExistsException.prototype);
    }
}
class SecretNotFoundException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#SecretNotFoundException";
    name = "SecretNotFoundException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "SecretNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, SecretNotFoundException.prototype);
    }
}
class UnableToAccessSecretException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#UnableToAccessSecretException";
    name = "UnableToAccessSecretException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "UnableToAccessSecretException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, UnableToAccessSecretException.prototype);
    }
}
class UnableToDecryptSecretValueException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#UnableToDecryptSecretValueException";
    name = "UnableToDecryptSecretValueException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "UnableToDecryptSecretValueException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, UnableToDecryptSecretValueException.prototype);
    }
}
class UnsupportedUpstreamRegistryException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#UnsupportedUpstreamRegistryException";
    name = "UnsupportedUpstreamRegistryException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "UnsupportedUpstreamRegistryException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, UnsupportedUpstreamRegistryException.prototype);
    }
}
class InvalidTagParameterException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#InvalidTagParameterException";
    name = "InvalidTagParameterException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidTagParameterException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidTagParameterException.prototype);
    }
}
class RepositoryAlreadyExistsException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#RepositoryAlreadyExistsException";
    name = "RepositoryAlreadyExistsException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "RepositoryAlreadyExistsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, RepositoryAlreadyExistsException.prototype);
    }
}
class TooManyTagsException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#TooManyTagsException";
    name = "TooManyTagsException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "TooManyTagsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TooManyTagsException.prototype);
    }
}
class TemplateAlreadyExistsException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#TemplateAlreadyExistsException";
    name = "TemplateAlreadyExistsException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "TemplateAlreadyExistsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TemplateAlreadyExistsException.prototype);
    }
}
class LifecyclePolicyNotFoundException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#LifecyclePolicyNotFoundException";
    name = "LifecyclePolicyNotFoundException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "LifecyclePolicyNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, LifecyclePolicyNotFoundException.prototype);
    }
}
class PullThroughCacheRuleNotFoundException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#PullThroughCacheRuleNotFoundException";
    name = "PullThroughCacheRuleNotFoundException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "PullThroughCacheRuleNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, PullThroughCacheRuleNotFoundException.prototype);
    }
}
class RegistryPolicyNotFoundException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#RegistryPolicyNotFoundException";
    name = "RegistryPolicyNotFoundException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "RegistryPolicyNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, RegistryPolicyNotFoundException.prototype);
    }
}
class RepositoryNotEmptyException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#RepositoryNotEmptyException";
    name = "RepositoryNotEmptyException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "RepositoryNotEmptyException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, RepositoryNotEmptyException.prototype);
    }
}
class TemplateNotFoundException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#TemplateNotFoundException";
    name = "TemplateNotFoundException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "TemplateNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TemplateNotFoundException.prototype);
    }
}
class RepositoryPolicyNotFoundException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#RepositoryPolicyNotFoundException";
    name = "RepositoryPolicyNotFoundException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "RepositoryPolicyNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, RepositoryPolicyNotFoundException.prototype);
    }
}
class SigningConfigurationNotFoundException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#SigningConfigurationNotFoundException";
    name = "SigningConfigurationNotFoundException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "SigningConfigurationNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, SigningConfigurationNotFoundException.prototype);
    }
}
class ExclusionNotFoundException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#ExclusionNotFoundException";
    name = "ExclusionNotFoundException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ExclusionNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ExclusionNotFoundException.prototype);
    }
}
class ImageNotFoundException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#ImageNotFoundException";
    name = "ImageNotFoundException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ImageNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ImageNotFoundException.prototype);
    }
}
class ScanNotFoundException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#ScanNotFoundException";
    name = "ScanNotFoundException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ScanNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ScanNotFoundException.prototype);
    }
}
class ReplicationBackfillNotFoundException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#ReplicationBackfillNotFoundException";
    name = "ReplicationBackfillNotFoundException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ReplicationBackfillNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ReplicationBackfillNotFoundException.prototype);
    }
}
class LayerInaccessibleException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#LayerInaccessibleException";
    name = "LayerInaccessibleException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "LayerInaccessibleException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, LayerInaccessibleException.prototype);
    }
}
class LayersNotFoundException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#LayersNotFoundException";
    name = "LayersNotFoundException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "LayersNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, LayersNotFoundException.prototype);
    }
}
class UnableToGetUpstreamLayerException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#UnableToGetUpstreamLayerException";
    name = "UnableToGetUpstreamLayerException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "UnableToGetUpstreamLayerException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, UnableToGetUpstreamLayerException.prototype);
    }
}
class LifecyclePolicyPreviewNotFoundException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#LifecyclePolicyPreviewNotFoundException";
    name = "LifecyclePolicyPreviewNotFoundException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "LifecyclePolicyPreviewNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, LifecyclePolicyPreviewNotFoundException.prototype);
    }
}
class UnableToListUpstreamImageReferrersException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#UnableToListUpstreamImageReferrersException";
    name = "UnableToListUpstreamImageReferrersException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "UnableToListUpstreamImageReferrersException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, UnableToListUpstreamImageReferrersException.prototype);
    }
}
class ImageAlreadyExistsException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#ImageAlreadyExistsException";
    name = "ImageAlreadyExistsException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ImageAlreadyExistsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ImageAlreadyExistsException.prototype);
    }
}
class ImageDigestDoesNotMatchException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#ImageDigestDoesNotMatchException";
    name = "ImageDigestDoesNotMatchException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ImageDigestDoesNotMatchException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ImageDigestDoesNotMatchException.prototype);
    }
}
class ImageTagAlreadyExistsException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#ImageTagAlreadyExistsException";
    name = "ImageTagAlreadyExistsException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ImageTagAlreadyExistsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ImageTagAlreadyExistsException.prototype);
    }
}
class ReferencedImagesNotFoundException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#ReferencedImagesNotFoundException";
    name = "ReferencedImagesNotFoundException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ReferencedImagesNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ReferencedImagesNotFoundException.prototype);
    }
}
class BlockedByOrganizationPolicyException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#BlockedByOrganizationPolicyException";
    name = "BlockedByOrganizationPolicyException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "BlockedByOrganizationPolicyException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, BlockedByOrganizationPolicyException.prototype);
    }
}
class ExclusionAlreadyExistsException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#ExclusionAlreadyExistsException";
    name = "ExclusionAlreadyExistsException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ExclusionAlreadyExistsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ExclusionAlreadyExistsException.prototype);
    }
}
class ImageArchivedException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#ImageArchivedException";
    name = "ImageArchivedException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ImageArchivedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ImageArchivedException.prototype);
    }
}
class UnsupportedImageTypeException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#UnsupportedImageTypeException";
    name = "UnsupportedImageTypeException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "UnsupportedImageTypeException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, UnsupportedImageTypeException.prototype);
    }
}
class LifecyclePolicyPreviewInProgressException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#LifecyclePolicyPreviewInProgressException";
    name = "LifecyclePolicyPreviewInProgressException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "LifecyclePolicyPreviewInProgressException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, LifecyclePolicyPreviewInProgressException.prototype);
    }
}
class ReplicationBackfillInProgressException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#ReplicationBackfillInProgressException";
    name = "ReplicationBackfillInProgressException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ReplicationBackfillInProgressException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ReplicationBackfillInProgressException.prototype);
    }
}
class ReplicationBackfillInvalidStatusException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#ReplicationBackfillInvalidStatusException";
    name = "ReplicationBackfillInvalidStatusException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ReplicationBackfillInvalidStatusException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ReplicationBackfillInvalidStatusException.prototype);
    }
}
class ImageStorageClassUpdateNotSupportedException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#ImageStorageClassUpdateNotSupportedException";
    name = "ImageStorageClassUpdateNotSupportedException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ImageStorageClassUpdateNotSupportedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ImageStorageClassUpdateNotSupportedException.prototype);
    }
}
class InvalidLayerPartException extends ECRServiceException {
    static shapeId = "com.amazonaws.ecr#InvalidLayerPartException";
    name = "InvalidLayerPartException";
    $fault = "client";
    registryId;
    repositoryName;
    uploadId;
    lastValidByteReceived;
    constructor(opts) {
        super({
            name: "InvalidLayerPartException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidLayerPartException.prototype);
        this.registryId = opts.registryId;
        this.repositoryName = opts.repositoryName;
        this.uploadId = opts.uploadId;
        this.lastValidByteReceived = opts.lastValidByteReceived;
    }
}

const _A = "Attribute";
const _AD = "AuthorizationData";
const _ADL = "AuthorizationDataList";
const _AECID = "AwsEcrContainerImageDetails";
const _AL = "AttributeList";
const _BBOPE = "BlockedByOrganizationPolicyException";
const _BCLA = "BatchCheckLayerAvailability";
const _BCLAR = "BatchCheckLayerAvailabilityRequest";
const _BCLARa = "BatchCheckLayerAvailabilityResponse";
const _BDI = "BatchDeleteImage";
const _BDIR = "BatchDeleteImageRequest";
const _BDIRa = "BatchDeleteImageResponse";
const _BGI = "BatchGetImage";
const _BGIR = "BatchGetImageRequest";
const _BGIRa = "BatchGetImageResponse";
const _BGRSC = "BatchGetRepositoryScanningConfiguration";
const _BGRSCR = "BatchGetRepositoryScanningConfigurationRequest";
const _BGRSCRa = "BatchGetRepositoryScanningConfigurationResponse";
const _CLU = "CompleteLayerUpload";
const _CLUR = "CompleteLayerUploadRequest";
const _CLURo = "CompleteLayerUploadResponse";
const _CPTCR = "CreatePullThroughCacheRule";
const _CPTCRR = "CreatePullThroughCacheRuleRequest";
const _CPTCRRr = "CreatePullThroughCacheRuleResponse";
const _CR = "CreateRepository";
const _CRCT = "CreateRepositoryCreationTemplate";
const _CRCTR = "CreateRepositoryCreationTemplateRequest";
const _CRCTRr = "CreateRepositoryCreationTemplateResponse";
const _CRR = "CreateRepositoryRequest";
const _CRRr = "CreateRepositoryResponse";
const _CS = "CvssScore";
const _CSA = "CvssScoreAdjustment";
const _CSAL = "CvssScoreAdjustmentList";
const _CSD = "CvssScoreDetails";
const _CSL = "CvssScoreList";
const _DI = "DescribeImages";
const _DIF = "DescribeImagesFilter";
const _DIR = "DescribeImagesRequest";
const _DIRS = "DescribeImageReplicationStatus";
const _DIRSR = "DescribeImageReplicationStatusRequest";
const _DIRSRe = "DescribeImageReplicationStatusResponse";
const _DIRe = "DescribeImagesResponse";
const _DISF = "DescribeImageScanFindings";
const _DISFR = "DescribeImageScanFindingsRequest";
const _DISFRe = "DescribeImageScanFindingsResponse";
const _DISS = "DescribeImageSigningStatus";
const _DISSR = "DescribeImageSigningStatusRequest";
const _DISSRe = "DescribeImageSigningStatusResponse";
const _DLP = "DeleteLifecyclePolicy";
const _DLPR = "DeleteLifecyclePolicyRequest";
const _DLPRe = "DeleteLifecyclePolicyResponse";
const _DPTCR = "DeletePullThroughCacheRule";
const _DPTCRR = "DeletePullThroughCacheRuleRequest";
const _DPTCRRe = "DeletePullThroughCacheRuleResponse";
const _DPTCRRes = "DescribePullThroughCacheRulesRequest";
const _DPTCRResc = "DescribePullThroughCacheRulesResponse";
const _DPTCRe = "DescribePullThroughCacheRules";
const _DPTUE = "DeregisterPullTimeUpdateExclusion";
const _DPTUER = "DeregisterPullTimeUpdateExclusionRequest";
const _DPTUERe = "DeregisterPullTimeUpdateExclusionResponse";
const _DR = "DeleteRepository";
const _DRBR = "DescribeReplicationBackfillResults";
const _DRBRR = "DescribeReplicationBackfillResultsRequest";
const _DRBRRe = "DescribeReplicationBackfillResultsResponse";
const _DRCT = "DeleteRepositoryCreationTemplate";
const _DRCTR = "DeleteRepositoryCreationTemplateRequest";
const _DRCTRe = "DeleteRepositoryCreationTemplateResponse";
const _DRCTRes = "DescribeRepositoryCreationTemplatesRequest";
const _DRCTResc = "DescribeRepositoryCreationTemplatesResponse";
const _DRCTe = "DescribeRepositoryCreationTemplates";
const _DRP = "DeleteRegistryPolicy";
const _DRPR = "DeleteRegistryPolicyRequest";
const _DRPRe = "DeleteRegistryPolicyResponse";
const _DRPRel = "DeleteRepositoryPolicyRequest";
const _DRPRele = "DeleteRepositoryPolicyResponse";
const _DRPe = "DeleteRepositoryPolicy";
const _DRR = "DeleteRepositoryRequest";
const _DRRe = "DeleteRepositoryResponse";
const _DRRes = "DescribeRegistryRequest";
const _DRResc = "DescribeRegistryResponse";
const _DRRescr = "DescribeRepositoriesRequest";
const _DRRescri = "DescribeRepositoriesResponse";
const _DRe = "DescribeRegistry";
const _DRes = "DescribeRepositories";
const _DSC = "DeleteSigningConfiguration";
const _DSCR = "DeleteSigningConfigurationRequest";
const _DSCRe = "DeleteSigningConfigurationResponse";
const _EAEE = "ExclusionAlreadyExistsException";
const _EC = "EncryptionConfiguration";
const _ECFRCT = "EncryptionConfigurationForRepositoryCreationTemplate";
const _EISF = "EnhancedImageScanFinding";
const _EISFL = "EnhancedImageScanFindingList";
const _ENFE = "ExclusionNotFoundException";
const _EUE = "EmptyUploadException";
const _GAS = "GetAccountSetting";
const _GASR = "GetAccountSettingRequest";
const _GASRe = "GetAccountSettingResponse";
const _GAT = "GetAuthorizationToken";
const _GATR = "GetAuthorizationTokenRequest";
const _GATRe = "GetAuthorizationTokenResponse";
const _GDUFL = "GetDownloadUrlForLayer";
const _GDUFLR = "GetDownloadUrlForLayerRequest";
const _GDUFLRe = "GetDownloadUrlForLayerResponse";
const _GLP = "GetLifecyclePolicy";
const _GLPP = "GetLifecyclePolicyPreview";
const _GLPPR = "GetLifecyclePolicyPreviewRequest";
const _GLPPRe = "GetLifecyclePolicyPreviewResponse";
const _GLPR = "GetLifecyclePolicyRequest";
const _GLPRe = "GetLifecyclePolicyResponse";
const _GRP = "GetRegistryPolicy";
const _GRPR = "GetRegistryPolicyRequest";
const _GRPRe = "GetRegistryPolicyResponse";
const _GRPRet = "GetRepositoryPolicyRequest";
const _GRPRete = "GetRepositoryPolicyResponse";
const _GRPe = "GetRepositoryPolicy";
const _GRSC = "GetRegistryScanningConfiguration";
const _GRSCR = "GetRegistryScanningConfigurationRequest";
const _GRSCRe = "GetRegistryScanningConfigurationResponse";
const _GSC = "GetSigningConfiguration";
const _GSCR = "GetSigningConfigurationRequest";
const _GSCRe = "GetSigningConfigurationResponse";
const _I = "Image";
const _IAE = "ImageArchivedException";
const _IAEE = "ImageAlreadyExistsException";
const _ID = "ImageDetail";
const _IDDNME = "ImageDigestDoesNotMatchException";
const _IDL = "ImageDetailList";
const _IF = "ImageFailure";
const _IFL = "ImageFailureList";
const _II = "ImageIdentifier";
const _IIL = "ImageIdentifierList";
const _IL = "ImageList";
const _ILE = "InvalidLayerException";
const _ILPE = "InvalidLayerPartException";
const _ILU = "InitiateLayerUpload";
const _ILUR = "InitiateLayerUploadRequest";
const _ILURn = "InitiateLayerUploadResponse";
const _INFE = "ImageNotFoundException";
const _IPE = "InvalidParameterException";
const _IR = "ImageReferrer";
const _IRL = "ImageReferrerList";
const _IRS = "ImageReplicationStatus";
const _IRSL = "ImageReplicationStatusList";
const _ISC = "ImageScanningConfiguration";
const _ISCUNSE = "ImageStorageClassUpdateNotSupportedException";
const _ISF = "ImageScanFinding";
const _ISFL = "ImageScanFindingList";
const _ISFS = "ImageScanFindingsSummary";
const _ISFm = "ImageScanFindings";
const _ISS = "ImageScanStatus";
const _ISSL = "ImageSigningStatusList";
const _ISSm = "ImageSigningStatus";
const _ITAEE = "ImageTagAlreadyExistsException";
const _ITMEF = "ImageTagMutabilityExclusionFilter";
const _ITMEFm = "ImageTagMutabilityExclusionFilters";
const _ITPE = "InvalidTagParameterException";
const _K = "Key";
const _KE = "KmsException";
const _L = "Layer";
const _LAEE = "LayerAlreadyExistsException";
const _LEE = "LimitExceededException";
const _LF = "LayerFailure";
const _LFL = "LayerFailureList";
const _LI = "ListImages";
const _LIE = "LayerInaccessibleException";
const _LIF = "ListImagesFilter";
const _LIR = "ListImagesRequest";
const _LIRF = "ListImageReferrersFilter";
const _LIRR = "ListImageReferrersRequest";
const _LIRRi = "ListImageReferrersResponse";
const _LIRi = "ListImagesResponse";
const _LIRis = "ListImageReferrers";
const _LL = "LayerList";
const _LNFE = "LayersNotFoundException";
const _LPNFE = "LifecyclePolicyNotFoundException";
const _LPPF = "LifecyclePolicyPreviewFilter";
const _LPPIPE = "LifecyclePolicyPreviewInProgressException";
const _LPPNFE = "LifecyclePolicyPreviewNotFoundException";
const _LPPR = "LifecyclePolicyPreviewResult";
const _LPPRL = "LifecyclePolicyPreviewResultList";
const _LPPS = "LifecyclePolicyPreviewSummary";
const _LPRA = "LifecyclePolicyRuleAction";
const _LPTSE = "LayerPartTooSmallException";
const _LPTUE = "ListPullTimeUpdateExclusions";
const _LPTUER = "ListPullTimeUpdateExclusionsRequest";
const _LPTUERi = "ListPullTimeUpdateExclusionsResponse";
const _LRB = "ListReplicationBackfills";
const _LRBR = "ListReplicationBackfillsRequest";
const _LRBRi = "ListReplicationBackfillsResponse";
const _LTFR = "ListTagsForResource";
const _LTFRR = "ListTagsForResourceRequest";
const _LTFRRi = "ListTagsForResourceResponse";
const _PAS = "PutAccountSetting";
const _PASR = "PutAccountSettingRequest";
const _PASRu = "PutAccountSettingResponse";
const _PI = "PutImage";
const _PIR = "PutImageRequest";
const _PIRu = "PutImageResponse";
const _PISC = "PutImageScanningConfiguration";
const _PISCR = "PutImageScanningConfigurationRequest";
const _PISCRu = "PutImageScanningConfigurationResponse";
const _PITM = "PutImageTagMutability";
const _PITMR = "PutImageTagMutabilityRequest";
const _PITMRu = "PutImageTagMutabilityResponse";
const _PLP = "PutLifecyclePolicy";
const _PLPR = "PutLifecyclePolicyRequest";
const _PLPRu = "PutLifecyclePolicyResponse";
const _PRC = "PutReplicationConfiguration";
const _PRCR = "PutReplicationConfigurationRequest";
const _PRCRu = "PutReplicationConfigurationResponse";
const _PRP = "PutRegistryPolicy";
const _PRPR = "PutRegistryPolicyRequest";
const _PRPRu = "PutRegistryPolicyResponse";
const _PRSC = "PutRegistryScanningConfiguration";
const _PRSCR = "PutRegistryScanningConfigurationRequest";
const _PRSCRu = "PutRegistryScanningConfigurationResponse";
const _PSC = "PutSigningConfiguration";
const _PSCR = "PutSigningConfigurationRequest";
const _PSCRu = "PutSigningConfigurationResponse";
const _PTCR = "PullThroughCacheRule";
const _PTCRAEE = "PullThroughCacheRuleAlreadyExistsException";
const _PTCRL = "PullThroughCacheRuleList";
const _PTCRNFE = "PullThroughCacheRuleNotFoundException";
const _PVD = "PackageVulnerabilityDetails";
const _R = "Recommendation";
const _RAEE = "RepositoryAlreadyExistsException";
const _RBIPE = "ReplicationBackfillInProgressException";
const _RBISE = "ReplicationBackfillInvalidStatusException";
const _RBNFE = "ReplicationBackfillNotFoundException";
const _RBP = "ReplicationBackfillProgress";
const _RBR = "ReplicationBackfillResult";
const _RBRL = "ReplicationBackfillResultList";
const _RBS = "ReplicationBackfillSummary";
const _RBSL = "ReplicationBackfillSummaryList";
const _RC = "ReplicationConfiguration";
const _RCT = "RepositoryCreationTemplate";
const _RCTL = "RepositoryCreationTemplateList";
const _RD = "ReplicationDestination";
const _RDL = "ReplicationDestinationList";
const _RDe = "ResourceDetails";
const _RF = "RepositoryFilter";
const _RFL = "RepositoryFilterList";
const _RINFE = "ReferencedImagesNotFoundException";
const _RL = "RepositoryList";
const _RLe = "ResourceList";
const _RNEE = "RepositoryNotEmptyException";
const _RNFE = "RepositoryNotFoundException";
const _RPNFE = "RegistryPolicyNotFoundException";
const _RPNFEe = "RepositoryPolicyNotFoundException";
const _RPTUE = "RegisterPullTimeUpdateExclusion";
const _RPTUER = "RegisterPullTimeUpdateExclusionRequest";
const _RPTUERe = "RegisterPullTimeUpdateExclusionResponse";
const _RR = "ReplicationRule";
const _RRL = "ReplicationRuleList";
const _RSC = "RegistryScanningConfiguration";
const _RSCF = "RepositoryScanningConfigurationFailure";
const _RSCFL = "RepositoryScanningConfigurationFailureList";
const _RSCL = "RepositoryScanningConfigurationList";
const _RSCe = "RepositoryScanningConfiguration";
const _RSR = "RegistryScanningRule";
const _RSRL = "RegistryScanningRuleList";
const _Re = "Remediation";
const _Rep = "Repository";
const _Res = "Resource";
const _SC = "SigningConfiguration";
const _SCNFE = "SigningConfigurationNotFoundException";
const _SD = "ScoreDetails";
const _SE = "ServerException";
const _SI = "SubjectIdentifier";
const _SIS = "StartImageScan";
const _SISR = "StartImageScanRequest";
const _SISRt = "StartImageScanResponse";
const _SLPP = "StartLifecyclePolicyPreview";
const _SLPPR = "StartLifecyclePolicyPreviewRequest";
const _SLPPRt = "StartLifecyclePolicyPreviewResponse";
const _SNFE = "ScanNotFoundException";
const _SNFEe = "SecretNotFoundException";
const _SR = "SigningRule";
const _SRB = "StartReplicationBackfill";
const _SRBR = "StartReplicationBackfillRequest";
const _SRBRt = "StartReplicationBackfillResponse";
const _SRBRto = "StopReplicationBackfillRequest";
const _SRBRtop = "StopReplicationBackfillResponse";
const _SRBt = "StopReplicationBackfill";
const _SRF = "ScanningRepositoryFilter";
const _SRFL = "ScanningRepositoryFilterList";
const _SRFLi = "SigningRepositoryFilterList";
const _SRFi = "SigningRepositoryFilter";
const _SRL = "SigningRuleList";
const _SRP = "SetRepositoryPolicy";
const _SRPR = "SetRepositoryPolicyRequest";
const _SRPRe = "SetRepositoryPolicyResponse";
const _T = "Tag";
const _TAEE = "TemplateAlreadyExistsException";
const _TITC = "TransitioningImageTotalCount";
const _TITCr = "TransitioningImageTotalCounts";
const _TL = "TagList";
const _TMTE = "TooManyTagsException";
const _TNFE = "TemplateNotFoundException";
const _TR = "TagResource";
const _TRR = "TagResourceRequest";
const _TRRa = "TagResourceResponse";
const _UISC = "UpdateImageStorageClass";
const _UISCR = "UpdateImageStorageClassRequest";
const _UISCRp = "UpdateImageStorageClassResponse";
const _UITE = "UnsupportedImageTypeException";
const _ULP = "UploadLayerPart";
const _ULPR = "UploadLayerPartRequest";
const _ULPRp = "UploadLayerPartResponse";
const _UNFE = "UploadNotFoundException";
const _UPTCR = "UpdatePullThroughCacheRule";
const _UPTCRR = "UpdatePullThroughCacheRuleRequest";
const _UPTCRRp = "UpdatePullThroughCacheRuleResponse";
const _UR = "UntagResource";
const _URCT = "UpdateRepositoryCreationTemplate";
const _URCTR = "UpdateRepositoryCreationTemplateRequest";
const _URCTRp = "UpdateRepositoryCreationTemplateResponse";
const _URR = "UntagResourceRequest";
const _URRn = "UntagResourceResponse";
const _UTASE = "UnableToAccessSecretException";
const _UTDSVE = "UnableToDecryptSecretValueException";
const _UTGUIE = "UnableToGetUpstreamImageException";
const _UTGULE = "UnableToGetUpstreamLayerException";
const _UTLUIRE = "UnableToListUpstreamImageReferrersException";
const _UURE = "UnsupportedUpstreamRegistryException";
const _V = "Value";
const _VE = "ValidationException";
const _VP = "VulnerablePackage";
const _VPL = "VulnerablePackagesList";
const _VPTCR = "ValidatePullThroughCacheRule";
const _VPTCRR = "ValidatePullThroughCacheRuleRequest";
const _VPTCRRa = "ValidatePullThroughCacheRuleResponse";
const _a = "architecture";
const _aAI = "awsAccountId";
const _aD = "authorizationData";
const _aECI = "awsEcrContainerImage";
const _aF = "appliedFor";
const _aMT = "acceptedMediaTypes";
const _aMTr = "artifactMediaType";
const _aRP = "appliedRulePriority";
const _aS = "artifactStatus";
const _aSF = "appliedScanFilters";
const _aT = "authorizationToken";
const _aTr = "artifactType";
const _aTrt = "artifactTypes";
const _ac = "action";
const _ad = "adjustments";
const _an = "annotations";
const _ar = "arch";
const _at = "attributes";
const _au = "author";
const _b = "backfills";
const _bS = "baseScore";
const _c = "client";
const _cA = "credentialArn";
const _cAr = "createdAt";
const _cRA = "customRoleArn";
const _cRC = "completedReplicationCount";
const _cv = "cvss";
const _d = "description";
const _dU = "downloadUrl";
const _de = "destination";
const _des = "destinations";
const _det = "details";
const _di = "digest";
const _e = "error";
const _eA = "expiresAt";
const _eAn = "endedAt";
const _eAx = "exploitAvailable";
const _eC = "encryptionConfiguration";
const _eF = "enhancedFindings";
const _eITC = "expiringImageTotalCount";
const _eRP = "ecrRepositoryPrefix";
const _eRPc = "ecrRepositoryPrefixes";
const _eT = "encryptionType";
const _ep = "epoch";
const _f = "failures";
const _fA = "findingArn";
const _fAi = "fixAvailable";
const _fC = "failureCode";
const _fCa = "failureCodes";
const _fIV = "fixedInVersion";
const _fOA = "firstObservedAt";
const _fP = "filePath";
const _fR = "failureReason";
const _fRC = "failedReplicationCount";
const _fSC = "findingSeverityCounts";
const _fT = "filterType";
const _fa = "failure";
const _fi = "filter";
const _fin = "findings";
const _fo = "force";
const _hE = "httpError";
const _i = "images";
const _iD = "imageDetails";
const _iDm = "imageDigest";
const _iH = "imageHash";
const _iI = "imageIds";
const _iIm = "imageId";
const _iM = "imageManifest";
const _iMMT = "imageManifestMediaType";
const _iPA = "imagePushedAt";
const _iS = "imageStatus";
const _iSC = "imageScanningConfiguration";
const _iSCA = "imageScanCompletedAt";
const _iSF = "imageScanFindings";
const _iSFS = "imageScanFindingsSummary";
const _iSIB = "imageSizeInBytes";
const _iSS = "imageScanStatus";
const _iT = "imageTags";
const _iTC = "imageTotalCount";
const _iTM = "imageTagMutability";
const _iTMEF = "imageTagMutabilityExclusionFilters";
const _iTm = "imageTag";
const _iUC = "inUseCount";
const _iV = "isValid";
const _id = "id";
const _im = "image";
const _k = "key";
const _kE = "kmsError";
const _kK = "kmsKey";
const _l = "layers";
const _lA = "layerAvailability";
const _lAA = "lastArchivedAt";
const _lAAa = "lastActivatedAt";
const _lBR = "lastByteReceived";
const _lD = "layerDigests";
const _lDa = "layerDigest";
const _lEA = "lastEvaluatedAt";
const _lIUA = "lastInUseAt";
const _lOA = "lastObservedAt";
const _lP = "lifecyclePolicy";
const _lPB = "layerPartBlob";
const _lPT = "lifecyclePolicyText";
const _lRPT = "lastRecordedPullTime";
const _lS = "layerSize";
const _lVBR = "lastValidByteReceived";
const _m = "message";
const _mR = "maxResults";
const _mT = "mediaType";
const _me = "metric";
const _n = "name";
const _nT = "nextToken";
const _p = "platform";
const _pA = "pushedAt";
const _pAr = "principalArn";
const _pE = "proxyEndpoint";
const _pFB = "partFirstByte";
const _pLB = "partLastByte";
const _pM = "packageManager";
const _pR = "previewResults";
const _pS = "partSize";
const _pT = "policyText";
const _pTCR = "pullThroughCacheRules";
const _pTUE = "pullTimeUpdateExclusions";
const _pVD = "packageVulnerabilityDetails";
const _pr = "prefix";
const _pre = "prefixes";
const _pro = "progress";
const _r = "registry";
const _rA = "resourceArn";
const _rAe = "repositoryArn";
const _rBI = "replicationBackfillId";
const _rC = "replicationConfiguration";
const _rCT = "repositoryCreationTemplate";
const _rCTe = "repositoryCreationTemplates";
const _rF = "repositoryFilters";
const _rI = "registryId";
const _rIe = "registryIds";
const _rN = "repositoryName";
const _rNe = "repositoryNames";
const _rP = "repositoryPolicy";
const _rS = "replicationStatuses";
const _rSC = "registryScanningConfiguration";
const _rSF = "resultStatusFilter";
const _rT = "resourceTags";
const _rU = "referenceUrls";
const _rUe = "repositoryUri";
const _rV = "relatedVulnerabilities";
const _re = "repository";
const _rea = "reason";
const _rec = "recommendation";
const _ref = "referrers";
const _reg = "region";
const _rel = "release";
const _rem = "remediation";
const _rep = "repositories";
const _res = "results";
const _reso = "resources";
const _ru = "rules";
const _s = "smithy.ts.sdk.synthetic.com.amazonaws.ecr";
const _sA = "startedAt";
const _sC = "scanningConfigurations";
const _sCc = "scanningConfiguration";
const _sCi = "signingConfiguration";
const _sCt = "storageClass";
const _sD = "scoreDetails";
const _sF = "scanFrequency";
const _sI = "subjectId";
const _sIFC = "subImageFailureCodes";
const _sLH = "sourceLayerHash";
const _sMD = "subjectManifestDigest";
const _sOP = "scanOnPush";
const _sPA = "signingProfileArn";
const _sS = "scoreSource";
const _sSi = "signingStatuses";
const _sT = "scanType";
const _sU = "sourceUrl";
const _sV = "scoringVector";
const _sc = "score";
const _se = "server";
const _sev = "severity";
const _si = "size";
const _so = "source";
const _st = "status";
const _su = "summary";
const _t = "tags";
const _tITC = "transitioningImageTotalCounts";
const _tK = "tagKeys";
const _tRC = "totalReplicationCount";
const _tS = "tagStatus";
const _tSC = "targetStorageClass";
const _te = "text";
const _ti = "title";
const _ty = "type";
const _u = "uri";
const _uA = "updatedAt";
const _uI = "uploadId";
const _uR = "upstreamRegistry";
const _uRP = "upstreamRepositoryPrefix";
const _uRU = "upstreamRegistryUrl";
const _ur = "url";
const _v = "value";
const _vCA = "vendorCreatedAt";
const _vI = "vulnerabilityId";
const _vP = "vulnerablePackages";
const _vS = "vendorSeverity";
const _vSUA = "vulnerabilitySourceUpdatedAt";
const _vUA = "vendorUpdatedAt";
const _ve = "version";
const n0 = "com.amazonaws.ecr";
const _s_registry = new TypeRegistry(_s);
var ECRServiceException$ = [-3, _s, "ECRServiceException", 0, [], []];
_s_registry.registerError(ECRServiceException$, ECRServiceException);
const n0_registry = new TypeRegistry(n0);
var BlockedByOrganizationPolicyException$ = [-3, n0, _BBOPE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(BlockedByOrganizationPolicyException$, BlockedByOrganizationPolicyException);
var EmptyUploadException$ = [-3, n0, _EUE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(EmptyUploadException$, EmptyUploadException);
var ExclusionAlreadyExistsException$ = [-3, n0, _EAEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ExclusionAlreadyExistsException$, ExclusionAlreadyExistsException);
var ExclusionNotFoundException$ = [-3, n0, _ENFE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ExclusionNotFoundException$, ExclusionNotFoundException);
var ImageAlreadyExistsException$ = [-3, n0, _IAEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ImageAlreadyExistsException$, ImageAlreadyExistsException);
var ImageArchivedException$ = [-3, n0, _IAE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ImageArchivedException$, ImageArchivedException);
var ImageDigestDoesNotMatchException$ = [-3, n0, _IDDNME,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ImageDigestDoesNotMatchException$, ImageDigestDoesNotMatchException);
var ImageNotFoundException$ = [-3, n0, _INFE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ImageNotFoundException$, ImageNotFoundException);
var ImageStorageClassUpdateNotSupportedException$ = [-3, n0, _ISCUNSE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ImageStorageClassUpdateNotSupportedException$, ImageStorageClassUpdateNotSupportedException);
var ImageTagAlreadyExistsException$ = [-3, n0, _ITAEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ImageTagAlreadyExistsException$, ImageTagAlreadyExistsException);
var InvalidLayerException$ = [-3, n0, _ILE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidLayerException$, InvalidLayerException);
var InvalidLayerPartException$ = [-3, n0, _ILPE,
    { [_e]: _c },
    [_rI, _rN, _uI, _lVBR, _m],
    [0, 0, 0, 1, 0]
];
n0_registry.registerError(InvalidLayerPartException$, InvalidLayerPartException);
var InvalidParameterException$ = [-3, n0, _IPE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidParameterException$, InvalidParameterException);
var InvalidTagParameterException$ = [-3, n0, _ITPE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(InvalidTagParameterException$, InvalidTagParameterException);
var KmsException$ = [-3, n0, _KE,
    { [_e]: _c },
    [_m, _kE],
    [0, 0]
];
n0_registry.registerError(KmsException$, KmsException);
var LayerAlreadyExistsException$ = [-3, n0, _LAEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(LayerAlreadyExistsException$, LayerAlreadyExistsException);
var LayerInaccessibleException$ = [-3, n0, _LIE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(LayerInaccessibleException$, LayerInaccessibleException);
var LayerPartTooSmallException$ = [-3, n0, _LPTSE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(LayerPartTooSmallException$, LayerPartTooSmallException);
var LayersNotFoundException$ = [-3, n0, _LNFE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(LayersNotFoundException$, LayersNotFoundException);
var LifecyclePolicyNotFoundException$ = [-3, n0, _LPNFE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(LifecyclePolicyNotFoundException$, LifecyclePolicyNotFoundException);
var LifecyclePolicyPreviewInProgressException$ = [-3, n0, _LPPIPE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(LifecyclePolicyPreviewInProgressException$, LifecyclePolicyPreviewInProgressException);
var LifecyclePolicyPreviewNotFoundException$ = [-3, n0, _LPPNFE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(LifecyclePolicyPreviewNotFoundException$, LifecyclePolicyPreviewNotFoundException);
var LimitExceededException$ = [-3, n0, _LEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(LimitExceededException$, LimitExceededException);
var PullThroughCacheRuleAlreadyExistsException$ = [-3, n0, _PTCRAEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(PullThroughCacheRuleAlreadyExistsException$, PullThroughCacheRuleAlreadyExistsException);
var PullThroughCacheRuleNotFoundException$ = [-3, n0, _PTCRNFE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(PullThroughCacheRuleNotFoundException$, PullThroughCacheRuleNotFoundException);
var ReferencedImagesNotFoundException$ = [-3, n0, _RINFE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ReferencedImagesNotFoundException$, ReferencedImagesNotFoundException);
var RegistryPolicyNotFoundException$ = [-3, n0, _RPNFE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(RegistryPolicyNotFoundException$, RegistryPolicyNotFoundException);
var ReplicationBackfillInProgressException$ = [-3, n0, _RBIPE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ReplicationBackfillInProgressException$, ReplicationBackfillInProgressException);
var ReplicationBackfillInvalidStatusException$ = [-3, n0, _RBISE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ReplicationBackfillInvalidStatusException$, ReplicationBackfillInvalidStatusException);
var ReplicationBackfillNotFoundException$ = [-3, n0, _RBNFE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ReplicationBackfillNotFoundException$, ReplicationBackfillNotFoundException);
var RepositoryAlreadyExistsException$ = [-3, n0, _RAEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(RepositoryAlreadyExistsException$, RepositoryAlreadyExistsException);
var RepositoryNotEmptyException$ = [-3, n0, _RNEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(RepositoryNotEmptyException$, RepositoryNotEmptyException);
var RepositoryNotFoundException$ = [-3, n0, _RNFE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(RepositoryNotFoundException$, RepositoryNotFoundException);
var RepositoryPolicyNotFoundException$ = [-3, n0, _RPNFEe,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(RepositoryPolicyNotFoundException$, RepositoryPolicyNotFoundException);
var ScanNotFoundException$ = [-3, n0, _SNFE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(ScanNotFoundException$, ScanNotFoundException);
var SecretNotFoundException$ = [-3, n0, _SNFEe,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(SecretNotFoundException$, SecretNotFoundException);
var ServerException$ = [-3, n0, _SE,
    { [_e]: _se },
    [_m],
    [0]
];
n0_registry.registerError(ServerException$, ServerException);
var SigningConfigurationNotFoundException$ = [-3, n0, _SCNFE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(SigningConfigurationNotFoundException$, SigningConfigurationNotFoundException);
var TemplateAlreadyExistsException$ = [-3, n0, _TAEE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(TemplateAlreadyExistsException$, TemplateAlreadyExistsException);
var TemplateNotFoundException$ = [-3, n0, _TNFE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(TemplateNotFoundException$, TemplateNotFoundException);
var TooManyTagsException$ = [-3, n0, _TMTE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(TooManyTagsException$, TooManyTagsException);
var UnableToAccessSecretException$ = [-3, n0, _UTASE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(UnableToAccessSecretException$, UnableToAccessSecretException);
var UnableToDecryptSecretValueException$ = [-3, n0, _UTDSVE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(UnableToDecryptSecretValueException$, UnableToDecryptSecretValueException);
var UnableToGetUpstreamImageException$ = [-3, n0, _UTGUIE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(UnableToGetUpstreamImageException$, UnableToGetUpstreamImageException);
var UnableToGetUpstreamLayerException$ = [-3, n0, _UTGULE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(UnableToGetUpstreamLayerException$, UnableToGetUpstreamLayerException);
var UnableToListUpstreamImageReferrersException$ = [-3, n0, _UTLUIRE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(UnableToListUpstreamImageReferrersException$, UnableToListUpstreamImageReferrersException);
var UnsupportedImageTypeException$ = [-3, n0, _UITE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(UnsupportedImageTypeException$, UnsupportedImageTypeException);
var UnsupportedUpstreamRegistryException$ = [-3, n0, _UURE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(UnsupportedUpstreamRegistryException$, UnsupportedUpstreamRegistryException);
var UploadNotFoundException$ = [-3, n0, _UNFE,
    { [_e]: _c },
    [_m],
    [0]
];
n0_registry.registerError(UploadNotFoundException$, UploadNotFoundException);
var ValidationException$ = [-3, n0, _VE,
    { [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(ValidationException$, ValidationException);
const errorTypeRegistries = [
    _s_registry,
    n0_registry,
];
var Attribute$ = [3, n0, _A,
    0,
    [_k, _v],
    [0, 0], 1
];
var AuthorizationData$ = [3, n0, _AD,
    0,
    [_aT, _eA, _pE],
    [0, 4, 0]
];
var AwsEcrContainerImageDetails$ = [3, n0, _AECID,
    0,
    [_a, _au, _iH, _iT, _p, _pA, _lIUA, _iUC, _r, _rN],
    [0, 0, 0, 64 | 0, 0, 4, 4, 1, 0, 0]
];
var BatchCheckLayerAvailabilityRequest$ = [3, n0, _BCLAR,
    0,
    [_rN, _lD, _rI],
    [0, 64 | 0, 0], 2
];
var BatchCheckLayerAvailabilityResponse$ = [3, n0, _BCLARa,
    0,
    [_l, _f],
    [() => LayerList, () => LayerFailureList]
];
var BatchDeleteImageRequest$ = [3, n0, _BDIR,
    0,
    [_rN, _iI, _rI],
    [0, () => ImageIdentifierList, 0], 2
];
var BatchDeleteImageResponse$ = [3, n0, _BDIRa,
    0,
    [_iI, _f],
    [() => ImageIdentifierList, () => ImageFailureList]
];
var BatchGetImageRequest$ = [3, n0, _BGIR,
    0,
    [_rN, _iI, _rI, _aMT],
    [0, () => ImageIdentifierList, 0, 64 | 0], 2
];
var BatchGetImageResponse$ = [3, n0, _BGIRa,
    0,
    [_i, _f],
    [() => ImageList, () => ImageFailureList]
];
var BatchGetRepositoryScanningConfigurationRequest$ = [3, n0, _BGRSCR,
    0,
    [_rNe],
    [64 | 0], 1
];
var BatchGetRepositoryScanningConfigurationResponse$ = [3, n0, _BGRSCRa,
    0,
    [_sC, _f],
    [() => RepositoryScanningConfigurationList, () => RepositoryScanningConfigurationFailureList]
];
var CompleteLayerUploadRequest$ = [3, n0, _CLUR,
    0,
    [_rN, _uI, _lD, _rI],
    [0, 0, 64 | 0, 0], 3
];
var CompleteLayerUploadResponse$ = [3, n0, _CLURo,
    0,
    [_rI, _rN, _uI, _lDa],
    [0, 0, 0, 0]
];
var CreatePullThroughCacheRuleRequest$ = [3, n0, _CPTCRR,
    0,
    [_eRP, _uRU, _rI, _uR, _cA, _cRA, _uRP],
    [0, 0, 0, 0, 0, 0, 0], 2
];
var CreatePullThroughCacheRuleResponse$ = [3, n0, _CPTCRRr,
    0,
    [_eRP, _uRU, _cAr, _rI, _uR, _cA, _cRA, _uRP],
    [0, 0, 4, 0, 0, 0, 0, 0]
];
var CreateRepositoryCreationTemplateRequest$ = [3, n0, _CRCTR,
    0,
    [_pr, _aF, _d, _eC, _rT, _iTM, _iTMEF, _rP, _lP, _cRA],
    [0, 64 | 0, 0, () => EncryptionConfigurationForRepositoryCreationTemplate$, () => TagList, 0, () => ImageTagMutabilityExclusionFilters, 0, 0, 0], 2
];
var CreateRepositoryCreationTemplateResponse$ = [3, n0, _CRCTRr,
    0,
    [_rI, _rCT],
    [0, () => RepositoryCreationTemplate$]
];
var CreateRepositoryRequest$ = [3, n0, _CRR,
    0,
    [_rN, _rI, _t, _iTM, _iTMEF, _iSC, _eC],
    [0, 0, () => TagList, 0, () => ImageTagMutabilityExclusionFilters, () => ImageScanningConfiguration$, () => EncryptionConfiguration$], 1
];
var CreateRepositoryResponse$ = [3, n0, _CRRr,
    0,
    [_re],
    [() => Repository$]
];
var CvssScore$ = [3, n0, _CS,
    0,
    [_bS, _sV, _so, _ve],
    [1, 0, 0, 0]
];
var CvssScoreAdjustment$ = [3, n0, _CSA,
    0,
    [_me, _rea],
    [0, 0]
];
var CvssScoreDetails$ = [3, n0, _CSD,
    0,
    [_ad, _sc, _sS, _sV, _ve],
    [() => CvssScoreAdjustmentList, 1, 0, 0, 0]
];
var DeleteLifecyclePolicyRequest$ = [3, n0, _DLPR,
    0,
    [_rN, _rI],
    [0, 0], 1
];
var DeleteLifecyclePolicyResponse$ = [3, n0, _DLPRe,
    0,
    [_rI, _rN, _lPT, _lEA],
    [0, 0, 0, 4]
];
var DeletePullThroughCacheRuleRequest$ = [3, n0, _DPTCRR,
    0,
    [_eRP, _rI],
    [0, 0], 1
];
var DeletePullThroughCacheRuleResponse$ = [3, n0, _DPTCRRe,
    0,
    [_eRP, _uRU, _cAr, _rI, _cA, _cRA, _uRP],
    [0, 0, 4, 0, 0, 0, 0]
];
var DeleteRegistryPolicyRequest$ = [3, n0, _DRPR,
    0,
    [],
    []
];
var DeleteRegistryPolicyResponse$ = [3, n0, _DRPRe,
    0,
    [_rI, _pT],
    [0, 0]
];
var DeleteRepositoryCreationTemplateRequest$ = [3, n0, _DRCTR,
    0,
    [_pr],
    [0], 1
];
var DeleteRepositoryCreationTemplateResponse$ = [3, n0, _DRCTRe,
    0,
    [_rI, _rCT],
    [0, () => RepositoryCreationTemplate$]
];
var DeleteRepositoryPolicyRequest$ = [3, n0, _DRPRel,
    0,
    [_rN, _rI],
    [0, 0], 1
];
var DeleteRepositoryPolicyResponse$ = [3, n0, _DRPRele,
    0,
    [_rI, _rN, _pT],
    [0, 0, 0]
];
var DeleteRepositoryRequest$ = [3, n0, _DRR,
    0,
    [_rN, _rI, _fo],
    [0, 0, 2], 1
];
var DeleteRepositoryResponse$ = [3, n0, _DRRe,
    0,
    [_re],
    [() => Repository$]
];
var DeleteSigningConfigurationRequest$ = [3, n0, _DSCR,
    0,
    [],
    []
];
var DeleteSigningConfigurationResponse$ = [3, n0, _DSCRe,
    0,
    [_rI, _sCi],
    [0, () => SigningConfiguration$]
];
var DeregisterPullTimeUpdateExclusionRequest$ = [3, n0, _DPTUER,
    0,
    [_pAr],
    [0], 1
];
var DeregisterPullTimeUpdateExclusionResponse$ = [3, n0, _DPTUERe,
    0,
    [_pAr],
    [0]
];
var DescribeImageReplicationStatusRequest$ = [3, n0, _DIRSR,
    0,
    [_rN, _iIm, _rI],
    [0, () => ImageIdentifier$, 0], 2
];
var DescribeImageReplicationStatusResponse$ = [3, n0, _DIRSRe,
    0,
    [_rN, _iIm, _rS],
    [0, () => ImageIdentifier$, () => ImageReplicationStatusList]
];
var DescribeImageScanFindingsRequest$ = [3, n0, _DISFR,
    0,
    [_rN, _iIm, _rI, _nT, _mR],
    [0, () => ImageIdentifier$, 0, 0, 1], 2
];
var DescribeImageScanFindingsResponse$ = [3, n0, _DISFRe,
    0,
    [_rI, _rN, _iIm, _iSS, _iSF, _nT],
    [0, 0, () => ImageIdentifier$, () => ImageScanStatus$, () => ImageScanFindings$, 0]
];
var DescribeImagesFilter$ = [3, n0, _DIF,
    0,
    [_tS, _iS],
    [0, 0]
];
var DescribeImageSigningStatusRequest$ = [3, n0, _DISSR,
    0,
    [_rN, _iIm, _rI],
    [0, () => ImageIdentifier$, 0], 2
];
var DescribeImageSigningStatusResponse$ = [3, n0, _DISSRe,
    0,
    [_rN, _iIm, _rI, _sSi],
    [0, () => ImageIdentifier$, 0, () => ImageSigningStatusList]
];
var DescribeImagesRequest$ = [3, n0, _DIR,
    0,
    [_rN, _rI, _iI, _nT, _mR, _fi],
    [0, 0, () => ImageIdentifierList, 0, 1, () => DescribeImagesFilter$], 1
];
var DescribeImagesResponse$ = [3, n0, _DIRe,
    0,
    [_iD, _nT],
    [() => ImageDetailList, 0]
];
var DescribePullThroughCacheRulesRequest$ = [3, n0, _DPTCRRes,
    0,
    [_rI, _eRPc, _nT, _mR],
    [0, 64 | 0, 0, 1]
];
var DescribePullThroughCacheRulesResponse$ = [3, n0, _DPTCRResc,
    0,
    [_pTCR, _nT],
    [() => PullThroughCacheRuleList, 0]
];
var DescribeRegistryRequest$ = [3, n0, _DRRes,
    0,
    [],
    []
];
var DescribeRegistryResponse$ = [3, n0, _DRResc,
    0,
    [_rI, _rC],
    [0, () => ReplicationConfiguration$]
];
var DescribeReplicationBackfillResultsRequest$ = [3, n0, _DRBRR,
    0,
    [_rBI, _rI, _rSF, _mR, _nT],
    [0, 0, 0, 1, 0], 1
];
var DescribeReplicationBackfillResultsResponse$ = [3, n0, _DRBRRe,
    0,
    [_rI, _rBI, _de, _st, _fC, _pro, _res, _sA, _eAn, _nT],
    [0, 0, () => ReplicationDestination$, 0, 0, () => ReplicationBackfillProgress$, () => ReplicationBackfillResultList, 4, 4, 0]
];
var DescribeRepositoriesRequest$ = [3, n0, _DRRescr,
    0,
    [_rI, _rNe, _nT, _mR],
    [0, 64 | 0, 0, 1]
];
var DescribeRepositoriesResponse$ = [3, n0, _DRRescri,
    0,
    [_rep, _nT],
    [() => RepositoryList, 0]
];
var DescribeRepositoryCreationTemplatesRequest$ = [3, n0, _DRCTRes,
    0,
    [_pre, _nT, _mR],
    [64 | 0, 0, 1]
];
var DescribeRepositoryCreationTemplatesResponse$ = [3, n0, _DRCTResc,
    0,
    [_rI, _rCTe, _nT],
    [0, () => RepositoryCreationTemplateList, 0]
];
var EncryptionConfiguration$ = [3, n0, _EC,
    0,
    [_eT, _kK],
    [0, 0], 1
];
var EncryptionConfigurationForRepositoryCreationTemplate$ = [3, n0, _ECFRCT,
    0,
    [_eT, _kK],
    [0, 0], 1
];
var EnhancedImageScanFinding$ = [3, n0, _EISF,
    0,
    [_aAI, _d, _fA, _fOA, _lOA, _pVD, _rem, _reso, _sc, _sD, _sev, _st, _ti, _ty, _uA, _fAi, _eAx],
    [0, 0, 0, 4, 4, () => PackageVulnerabilityDetails$, () => Remediation$, () => ResourceList, 1, () => ScoreDetails$, 0, 0, 0, 0, 4, 0, 0]
];
var GetAccountSettingRequest$ = [3, n0, _GASR,
    0,
    [_n],
    [0], 1
];
var GetAccountSettingResponse$ = [3, n0, _GASRe,
    0,
    [_n, _v],
    [0, 0]
];
var GetAuthorizationTokenRequest$ = [3, n0, _GATR,
    0,
    [_rIe],
    [64 | 0]
];
var GetAuthorizationTokenResponse$ = [3, n0, _GATRe,
    0,
    [_aD],
    [() => AuthorizationDataList]
];
var GetDownloadUrlForLayerRequest$ = [3, n0, _GDUFLR,
    0,
    [_rN, _lDa, _rI],
    [0, 0, 0], 2
];
var GetDownloadUrlForLayerResponse$ = [3, n0, _GDUFLRe,
    0,
    [_dU, _lDa],
    [0, 0]
];
var GetLifecyclePolicyPreviewRequest$ = [3, n0, _GLPPR,
    0,
    [_rN, _rI, _iI, _nT, _mR, _fi],
    [0, 0, () => ImageIdentifierList, 0, 1, () => LifecyclePolicyPreviewFilter$], 1
];
var GetLifecyclePolicyPreviewResponse$ = [3, n0, _GLPPRe,
    0,
    [_rI, _rN, _lPT, _st, _nT, _pR, _su],
    [0, 0, 0, 0, 0, () => LifecyclePolicyPreviewResultList, () => LifecyclePolicyPreviewSummary$]
];
var GetLifecyclePolicyRequest$ = [3, n0, _GLPR,
    0,
    [_rN, _rI],
    [0, 0], 1
];
var GetLifecyclePolicyResponse$ = [3, n0, _GLPRe,
    0,
    [_rI, _rN, _lPT, _lEA],
    [0, 0, 0, 4]
];
var GetRegistryPolicyRequest$ = [3, n0, _GRPR,
    0,
    [],
    []
];
var GetRegistryPolicyResponse$ = [3, n0, _GRPRe,
    0,
    [_rI, _pT],
    [0, 0]
];
var GetRegistryScanningConfigurationRequest$ = [3, n0, _GRSCR,
    0,
    [],
    []
];
var GetRegistryScanningConfigurationResponse$ = [3, n0, _GRSCRe,
    0,
    [_rI, _sCc],
    [0, () => RegistryScanningConfiguration$]
];
var GetRepositoryPolicyRequest$ = [3, n0, _GRPRet,
    0,
    [_rN, _rI],
    [0, 0], 1
];
var GetRepositoryPolicyResponse$ = [3, n0, _GRPRete,
    0,
    [_rI, _rN, _pT],
    [0, 0, 0]
];
var GetSigningConfigurationRequest$ = [3, n0, _GSCR,
    0,
    [],
    []
];
var GetSigningConfigurationResponse$ = [3, n0, _GSCRe,
    0,
    [_rI, _sCi],
    [0, () => SigningConfiguration$]
];
var Image$ = [3, n0, _I,
    0,
    [_rI, _rN, _iIm, _iM, _iMMT],
    [0, 0, () => ImageIdentifier$, 0, 0]
];
var ImageDetail$ = [3, n0, _ID,
    0,
    [_rI, _rN, _iDm, _iT, _iSIB, _iPA, _iSS, _iSFS, _iMMT, _aMTr, _lRPT, _sMD, _iS, _lAA, _lAAa],
    [0, 0, 0, 64 | 0, 1, 4, () => ImageScanStatus$, () => ImageScanFindingsSummary$, 0, 0, 4, 0, 0, 4, 4]
];
var ImageFailure$ = [3, n0, _IF,
    0,
    [_iIm, _fC, _fR],
    [() => ImageIdentifier$, 0, 0]
];
var ImageIdentifier$ = [3, n0, _II,
    0,
    [_iDm, _iTm],
    [0, 0]
];
var ImageReferrer$ = [3, n0, _IR,
    0,
    [_di, _mT, _si, _aTr, _an, _aS],
    [0, 0, 1, 0, 128 | 0, 0], 3
];
var ImageReplicationStatus$ = [3, n0, _IRS,
    0,
    [_reg, _rI, _st, _fC],
    [0, 0, 0, 0]
];
var ImageScanFinding$ = [3, n0, _ISF,
    0,
    [_n, _d, _u, _sev, _at],
    [0, 0, 0, 0, () => AttributeList]
];
var ImageScanFindings$ = [3, n0, _ISFm,
    0,
    [_iSCA, _vSUA, _fSC, _fin, _eF],
    [4, 4, 128 | 1, () => ImageScanFindingList, () => EnhancedImageScanFindingList]
];
var ImageScanFindingsSummary$ = [3, n0, _ISFS,
    0,
    [_iSCA, _vSUA, _fSC],
    [4, 4, 128 | 1]
];
var ImageScanningConfiguration$ = [3, n0, _ISC,
    0,
    [_sOP],
    [2]
];
var ImageScanStatus$ = [3, n0, _ISS,
    0,
    [_st, _d],
    [0, 0]
];
var ImageSigningStatus$ = [3, n0, _ISSm,
    0,
    [_sPA, _fC, _fR, _st],
    [0, 0, 0, 0]
];
var ImageTagMutabilityExclusionFilter$ = [3, n0, _ITMEF,
    0,
    [_fT, _fi],
    [0, 0], 2
];
var InitiateLayerUploadRequest$ = [3, n0, _ILUR,
    0,
    [_rN, _rI],
    [0, 0], 1
];
var InitiateLayerUploadResponse$ = [3, n0, _ILURn,
    0,
    [_uI, _pS],
    [0, 1]
];
var Layer$ = [3, n0, _L,
    0,
    [_lDa, _lA, _lS, _mT],
    [0, 0, 1, 0]
];
var LayerFailure$ = [3, n0, _LF,
    0,
    [_lDa, _fC, _fR],
    [0, 0, 0]
];
var LifecyclePolicyPreviewFilter$ = [3, n0, _LPPF,
    0,
    [_tS],
    [0]
];
var LifecyclePolicyPreviewResult$ = [3, n0, _LPPR,
    0,
    [_iT, _iDm, _iPA, _ac, _aRP, _sCt],
    [64 | 0, 0, 4, () => LifecyclePolicyRuleAction$, 1, 0]
];
var LifecyclePolicyPreviewSummary$ = [3, n0, _LPPS,
    0,
    [_eITC, _tITC],
    [1, () => TransitioningImageTotalCounts]
];
var LifecyclePolicyRuleAction$ = [3, n0, _LPRA,
    0,
    [_ty, _tSC],
    [0, 0]
];
var ListImageReferrersFilter$ = [3, n0, _LIRF,
    0,
    [_aTrt, _aS],
    [64 | 0, 0]
];
var ListImageReferrersRequest$ = [3, n0, _LIRR,
    0,
    [_rN, _sI, _rI, _fi, _nT, _mR],
    [0, () => SubjectIdentifier$, 0, () => ListImageReferrersFilter$, 0, 1], 2
];
var ListImageReferrersResponse$ = [3, n0, _LIRRi,
    0,
    [_ref, _nT],
    [() => ImageReferrerList, 0]
];
var ListImagesFilter$ = [3, n0, _LIF,
    0,
    [_tS, _iS],
    [0, 0]
];
var ListImagesRequest$ = [3, n0, _LIR,
    0,
    [_rN, _rI, _nT, _mR, _fi],
    [0, 0, 0, 1, () => ListImagesFilter$], 1
];
var ListImagesResponse$ = [3, n0, _LIRi,
    0,
    [_iI, _nT],
    [() => ImageIdentifierList, 0]
];
var ListPullTimeUpdateExclusionsRequest$ = [3, n0, _LPTUER,
    0,
    [_mR, _nT],
    [1, 0]
];
var ListPullTimeUpdateExclusionsResponse$ = [3, n0, _LPTUERi,
    0,
    [_pTUE, _nT],
    [64 | 0, 0]
];
var ListReplicationBackfillsRequest$ = [3, n0, _LRBR,
    0,
    [_rI, _mR, _nT],
    [0, 1, 0]
];
var ListReplicationBackfillsResponse$ = [3, n0, _LRBRi,
    0,
    [_rI, _b, _nT],
    [0, () => ReplicationBackfillSummaryList, 0]
];
var ListTagsForResourceRequest$ = [3, n0, _LTFRR,
    0,
    [_rA],
    [0], 1
];
var ListTagsForResourceResponse$ = [3, n0, _LTFRRi,
    0,
    [_t],
    [() => TagList]
];
var PackageVulnerabilityDetails$ = [3, n0, _PVD,
    0,
    [_cv, _rU, _rV, _so, _sU, _vCA, _vS, _vUA, _vI, _vP],
    [() => CvssScoreList, 64 | 0, 64 | 0, 0, 0, 4, 0, 4, 0, () => VulnerablePackagesList]
];
var PullThroughCacheRule$ = [3, n0, _PTCR,
    0,
    [_eRP, _uRU, _cAr, _rI, _cA, _cRA, _uRP, _uR, _uA],
    [0, 0, 4, 0, 0, 0, 0, 0, 4]
];
var PutAccountSettingRequest$ = [3, n0, _PASR,
    0,
    [_n, _v],
    [0, 0], 2
];
var PutAccountSettingResponse$ = [3, n0, _PASRu,
    0,
    [_n, _v],
    [0, 0]
];
var PutImageRequest$ = [3, n0, _PIR,
    0,
    [_rN, _iM, _rI, _iMMT, _iTm, _iDm],
    [0, 0, 0, 0, 0, 0], 2
];
var PutImageResponse$ = [3, n0, _PIRu,
    0,
    [_im],
    [() => Image$]
];
var PutImageScanningConfigurationRequest$ = [3, n0, _PISCR,
    0,
    [_rN, _iSC, _rI],
    [0, () => ImageScanningConfiguration$, 0], 2
];
var PutImageScanningConfigurationResponse$ = [3, n0, _PISCRu,
    0,
    [_rI, _rN, _iSC],
    [0, 0, () => ImageScanningConfiguration$]
];
var PutImageTagMutabilityRequest$ = [3, n0, _PITMR,
    0,
    [_rN, _iTM, _rI, _iTMEF],
    [0, 0, 0, () => ImageTagMutabilityExclusionFilters], 2
];
var PutImageTagMutabilityResponse$ = [3, n0, _PITMRu,
    0,
    [_rI, _rN, _iTM, _iTMEF],
    [0, 0, 0, () => ImageTagMutabilityExclusionFilters]
];
var PutLifecyclePolicyRequest$ = [3, n0, _PLPR,
    0,
    [_rN, _lPT, _rI],
    [0, 0, 0], 2
];
var PutLifecyclePolicyResponse$ = [3, n0, _PLPRu,
    0,
    [_rI, _rN, _lPT],
    [0, 0, 0]
];
var PutRegistryPolicyRequest$ = [3, n0, _PRPR,
    0,
    [_pT],
    [0], 1
];
var PutRegistryPolicyResponse$ = [3, n0, _PRPRu,
    0,
    [_rI, _pT],
    [0, 0]
];
var PutRegistryScanningConfigurationRequest$ = [3, n0, _PRSCR,
    0,
    [_sT, _ru],
    [0, () => RegistryScanningRuleList]
];
var PutRegistryScanningConfigurationResponse$ = [3, n0, _PRSCRu,
    0,
    [_rSC],
    [() => RegistryScanningConfiguration$]
];
var PutReplicationConfigurationRequest$ = [3, n0, _PRCR,
    0,
    [_rC],
    [() => ReplicationConfiguration$], 1
];
var PutReplicationConfigurationResponse$ = [3, n0, _PRCRu,
    0,
    [_rC],
    [() => ReplicationConfiguration$]
];
var PutSigningConfigurationRequest$ = [3, n0, _PSCR,
    0,
    [_sCi],
    [() => SigningConfiguration$], 1
];
var PutSigningConfigurationResponse$ = [3, n0, _PSCRu,
    0,
    [_sCi],
    [() => SigningConfiguration$]
];
var Recommendation$ = [3, n0, _R,
    0,
    [_ur, _te],
    [0, 0]
];
var RegisterPullTimeUpdateExclusionRequest$ = [3, n0, _RPTUER,
    0,
    [_pAr],
    [0], 1
];
var RegisterPullTimeUpdateExclusionResponse$ = [3, n0, _RPTUERe,
    0,
    [_pAr, _cAr],
    [0, 4]
];
var RegistryScanningConfiguration$ = [3, n0, _RSC,
    0,
    [_sT, _ru],
    [0, () => RegistryScanningRuleList]
];
var RegistryScanningRule$ = [3, n0, _RSR,
    0,
    [_sF, _rF],
    [0, () => ScanningRepositoryFilterList], 2
];
var Remediation$ = [3, n0, _Re,
    0,
    [_rec],
    [() => Recommendation$]
];
var ReplicationBackfillProgress$ = [3, n0, _RBP,
    0,
    [_tRC, _cRC, _fRC, _fCa],
    [1, 1, 1, 64 | 0], 4
];
var ReplicationBackfillResult$ = [3, n0, _RBR,
    0,
    [_rN, _iIm, _st, _fC, _sIFC],
    [0, () => ImageIdentifier$, 0, 0, 64 | 0], 3
];
var ReplicationBackfillSummary$ = [3, n0, _RBS,
    0,
    [_rBI, _de, _st, _sA, _fC, _pro, _eAn],
    [0, () => ReplicationDestination$, 0, 4, 0, () => ReplicationBackfillProgress$, 4], 4
];
var ReplicationConfiguration$ = [3, n0, _RC,
    0,
    [_ru],
    [() => ReplicationRuleList], 1
];
var ReplicationDestination$ = [3, n0, _RD,
    0,
    [_reg, _rI],
    [0, 0], 2
];
var ReplicationRule$ = [3, n0, _RR,
    0,
    [_des, _rF],
    [() => ReplicationDestinationList, () => RepositoryFilterList], 1
];
var Repository$ = [3, n0, _Rep,
    0,
    [_rAe, _rI, _rN, _rUe, _cAr, _iTM, _iTMEF, _iSC, _eC],
    [0, 0, 0, 0, 4, 0, () => ImageTagMutabilityExclusionFilters, () => ImageScanningConfiguration$, () => EncryptionConfiguration$]
];
var RepositoryCreationTemplate$ = [3, n0, _RCT,
    0,
    [_pr, _d, _eC, _rT, _iTM, _iTMEF, _rP, _lP, _aF, _cRA, _cAr, _uA],
    [0, 0, () => EncryptionConfigurationForRepositoryCreationTemplate$, () => TagList, 0, () => ImageTagMutabilityExclusionFilters, 0, 0, 64 | 0, 0, 4, 4]
];
var RepositoryFilter$ = [3, n0, _RF,
    0,
    [_fi, _fT],
    [0, 0], 2
];
var RepositoryScanningConfiguration$ = [3, n0, _RSCe,
    0,
    [_rAe, _rN, _sOP, _sF, _aSF],
    [0, 0, 2, 0, () => ScanningRepositoryFilterList]
];
var RepositoryScanningConfigurationFailure$ = [3, n0, _RSCF,
    0,
    [_rN, _fC, _fR],
    [0, 0, 0]
];
var Resource$ = [3, n0, _Res,
    0,
    [_det, _id, _t, _ty],
    [() => ResourceDetails$, 0, 128 | 0, 0]
];
var ResourceDetails$ = [3, n0, _RDe,
    0,
    [_aECI],
    [() => AwsEcrContainerImageDetails$]
];
var ScanningRepositoryFilter$ = [3, n0, _SRF,
    0,
    [_fi, _fT],
    [0, 0], 2
];
var ScoreDetails$ = [3, n0, _SD,
    0,
    [_cv],
    [() => CvssScoreDetails$]
];
var SetRepositoryPolicyRequest$ = [3, n0, _SRPR,
    0,
    [_rN, _pT, _rI, _fo],
    [0, 0, 0, 2], 2
];
var SetRepositoryPolicyResponse$ = [3, n0, _SRPRe,
    0,
    [_rI, _rN, _pT],
    [0, 0, 0]
];
var SigningConfiguration$ = [3, n0, _SC,
    0,
    [_ru],
    [() => SigningRuleList], 1
];
var SigningRepositoryFilter$ = [3, n0, _SRFi,
    0,
    [_fi, _fT],
    [0, 0], 2
];
var SigningRule$ = [3, n0, _SR,
    0,
    [_sPA, _rF],
    [0, () => SigningRepositoryFilterList], 1
];
var StartImageScanRequest$ = [3, n0, _SISR,
    0,
    [_rN, _iIm, _rI],
    [0, () => ImageIdentifier$, 0], 2
];
var StartImageScanResponse$ = [3, n0, _SISRt,
    0,
    [_rI, _rN, _iIm, _iSS],
    [0, 0, () => ImageIdentifier$, () => ImageScanStatus$]
];
var StartLifecyclePolicyPreviewRequest$ = [3, n0, _SLPPR,
    0,
    [_rN, _rI, _lPT],
    [0, 0, 0], 1
];
var StartLifecyclePolicyPreviewResponse$ = [3, n0, _SLPPRt,
    0,
    [_rI, _rN, _lPT, _st],
    [0, 0, 0, 0]
];
var StartReplicationBackfillRequest$ = [3, n0, _SRBR,
    0,
    [_de, _rI],
    [() => ReplicationDestination$, 0], 1
];
var StartReplicationBackfillResponse$ = [3, n0, _SRBRt,
    0,
    [_rBI, _rI, _de, _st, _sA],
    [0, 0, () => ReplicationDestination$, 0, 4]
];
var StopReplicationBackfillRequest$ = [3, n0, _SRBRto,
    0,
    [_rBI, _rI],
    [0, 0], 1
];
var StopReplicationBackfillResponse$ = [3, n0, _SRBRtop,
    0,
    [_rI, _rBI, _de, _st, _sA],
    [0, 0, () => ReplicationDestination$, 0, 4]
];
var SubjectIdentifier$ = [3, n0, _SI,
    0,
    [_iDm],
    [0], 1
];
var Tag$ = [3, n0, _T,
    0,
    [_K, _V],
    [0, 0], 2
];
var TagResourceRequest$ = [3, n0, _TRR,
    0,
    [_rA, _t],
    [0, () => TagList], 2
];
var TagResourceResponse$ = [3, n0, _TRRa,
    0,
    [],
    []
];
var TransitioningImageTotalCount$ = [3, n0, _TITC,
    0,
    [_tSC, _iTC],
    [0, 1]
];
var UntagResourceRequest$ = [3, n0, _URR,
    0,
    [_rA, _tK],
    [0, 64 | 0], 2
];
var UntagResourceResponse$ = [3, n0, _URRn,
    0,
    [],
    []
];
var UpdateImageStorageClassRequest$ = [3, n0, _UISCR,
    0,
    [_rN, _iIm, _tSC, _rI],
    [0, () => ImageIdentifier$, 0, 0], 3
];
var UpdateImageStorageClassResponse$ = [3, n0, _UISCRp,
    0,
    [_rI, _rN, _iIm, _iS],
    [0, 0, () => ImageIdentifier$, 0]
];
var UpdatePullThroughCacheRuleRequest$ = [3, n0, _UPTCRR,
    0,
    [_eRP, _rI, _cA, _cRA],
    [0, 0, 0, 0], 1
];
var UpdatePullThroughCacheRuleResponse$ = [3, n0, _UPTCRRp,
    0,
    [_eRP, _rI, _uA, _cA, _cRA, _uRP],
    [0, 0, 4, 0, 0, 0]
];
var UpdateRepositoryCreationTemplateRequest$ = [3, n0, _URCTR,
    0,
    [_pr, _d, _eC, _rT, _iTM, _iTMEF, _rP, _lP, _aF, _cRA],
    [0, 0, () => EncryptionConfigurationForRepositoryCreationTemplate$, () => TagList, 0, () => ImageTagMutabilityExclusionFilters, 0, 0, 64 | 0, 0], 1
];
var UpdateRepositoryCreationTemplateResponse$ = [3, n0, _URCTRp,
    0,
    [_rI, _rCT],
    [0, () => RepositoryCreationTemplate$]
];
var UploadLayerPartRequest$ = [3, n0, _ULPR,
    0,
    [_rN, _uI, _pFB, _pLB, _lPB, _rI],
    [0, 0, 1, 1, 21, 0], 5
];
var UploadLayerPartResponse$ = [3, n0, _ULPRp,
    0,
    [_rI, _rN, _uI, _lBR],
    [0, 0, 0, 1]
];
var ValidatePullThroughCacheRuleRequest$ = [3, n0, _VPTCRR,
    0,
    [_eRP, _rI],
    [0, 0], 1
];
var ValidatePullThroughCacheRuleResponse$ = [3, n0, _VPTCRRa,
    0,
    [_eRP, _rI, _uRU, _cA, _cRA, _uRP, _iV, _fa],
    [0, 0, 0, 0, 0, 0, 2, 0]
];
var VulnerablePackage$ = [3, n0, _VP,
    0,
    [_ar, _ep, _fP, _n, _pM, _rel, _sLH, _ve, _fIV],
    [0, 1, 0, 0, 0, 0, 0, 0, 0]
];
var AttributeList = [1, n0, _AL,
    0, () => Attribute$
];
var AuthorizationDataList = [1, n0, _ADL,
    0, () => AuthorizationData$
];
var CvssScoreAdjustmentList = [1, n0, _CSAL,
    0, () => CvssScoreAdjustment$
];
var CvssScoreList = [1, n0, _CSL,
    0, () => CvssScore$
];
var EnhancedImageScanFindingList = [1, n0, _EISFL,
    0, () => EnhancedImageScanFinding$
];
var ImageDetailList = [1, n0, _IDL,
    0, () => ImageDetail$
];
var ImageFailureList = [1, n0, _IFL,
    0, () => ImageFailure$
];
var ImageIdentifierList = [1, n0, _IIL,
    0, () => ImageIdentifier$
];
var ImageList = [1, n0, _IL,
    0, () => Image$
];
var ImageReferrerList = [1, n0, _IRL,
    0, () => ImageReferrer$
];
var ImageReplicationStatusList = [1, n0, _IRSL,
    0, () => ImageReplicationStatus$
];
var ImageScanFindingList = [1, n0, _ISFL,
    0, () => ImageScanFinding$
];
var ImageSigningStatusList = [1, n0, _ISSL,
    0, () => ImageSigningStatus$
];
var ImageTagMutabilityExclusionFilters = [1, n0, _ITMEFm,
    0, () => ImageTagMutabilityExclusionFilter$
];
var LayerFailureList = [1, n0, _LFL,
    0, () => LayerFailure$
];
var LayerList = [1, n0, _LL,
    0, () => Layer$
];
var LifecyclePolicyPreviewResultList = [1, n0, _LPPRL,
    0, () => LifecyclePolicyPreviewResult$
];
var PullThroughCacheRuleList = [1, n0, _PTCRL,
    0, () => PullThroughCacheRule$
];
var RegistryScanningRuleList = [1, n0, _RSRL,
    0, () => RegistryScanningRule$
];
var ReplicationBackfillResultList = [1, n0, _RBRL,
    0, () => ReplicationBackfillResult$
];
var ReplicationBackfillSummaryList = [1, n0, _RBSL,
    0, () => ReplicationBackfillSummary$
];
var ReplicationDestinationList = [1, n0, _RDL,
    0, () => ReplicationDestination$
];
var ReplicationRuleList = [1, n0, _RRL,
    0, () => ReplicationRule$
];
var RepositoryCreationTemplateList = [1, n0, _RCTL,
    0, () => RepositoryCreationTemplate$
];
var RepositoryFilterList = [1, n0, _RFL,
    0, () => RepositoryFilter$
];
var RepositoryList = [1, n0, _RL,
    0, () => Repository$
];
var RepositoryScanningConfigurationFailureList = [1, n0, _RSCFL,
    0, () => RepositoryScanningConfigurationFailure$
];
var RepositoryScanningConfigurationList = [1, n0, _RSCL,
    0, () => RepositoryScanningConfiguration$
];
var ResourceList = [1, n0, _RLe,
    0, () => Resource$
];
var ScanningRepositoryFilterList = [1, n0, _SRFL,
    0, () => ScanningRepositoryFilter$
];
var SigningRepositoryFilterList = [1, n0, _SRFLi,
    0, () => SigningRepositoryFilter$
];
var SigningRuleList = [1, n0, _SRL,
    0, () => SigningRule$
];
var TagList = [1, n0, _TL,
    0, () => Tag$
];
var TransitioningImageTotalCounts = [1, n0, _TITCr,
    0, () => TransitioningImageTotalCount$
];
var VulnerablePackagesList = [1, n0, _VPL,
    0, () => VulnerablePackage$
];
var BatchCheckLayerAvailability$ = [9, n0, _BCLA,
    0, () => BatchCheckLayerAvailabilityRequest$, () => BatchCheckLayerAvailabilityResponse$
];
var BatchDeleteImage$ = [9, n0, _BDI,
    0, () => BatchDeleteImageRequest$, () => BatchDeleteImageResponse$
];
var BatchGetImage$ = [9, n0, _BGI,
    0, () => BatchGetImageRequest$, () => BatchGetImageResponse$
];
var BatchGetRepositoryScanningConfiguration$ = [9, n0, _BGRSC,
    0, () => BatchGetRepositoryScanningConfigurationRequest$, () => BatchGetRepositoryScanningConfigurationResponse$
];
var CompleteLayerUpload$ = [9, n0, _CLU,
    0, () => CompleteLayerUploadRequest$, () => CompleteLayerUploadResponse$
];
var CreatePullThroughCacheRule$ = [9, n0, _CPTCR,
    0, () => CreatePullThroughCacheRuleRequest$, () => CreatePullThroughCacheRuleResponse$
];
var CreateRepository$ = [9, n0, _CR,
    0, () => CreateRepositoryRequest$, () => CreateRepositoryResponse$
];
var CreateRepositoryCreationTemplate$ = [9, n0, _CRCT,
    0, () => CreateRepositoryCreationTemplateRequest$, () => CreateRepositoryCreationTemplateResponse$
];
var DeleteLifecyclePolicy$ = [9, n0, _DLP,
    0, () => DeleteLifecyclePolicyRequest$, () => DeleteLifecyclePolicyResponse$
];
var DeletePullThroughCacheRule$ = [9, n0, _DPTCR,
    0, () => DeletePullThroughCacheRuleRequest$, () => DeletePullThroughCacheRuleResponse$
];
var DeleteRegistryPolicy$ = [9, n0, _DRP,
    0, () => DeleteRegistryPolicyRequest$, () => DeleteRegistryPolicyResponse$
];
var DeleteRepository$ = [9, n0, _DR,
    0, () => DeleteRepositoryRequest$, () => DeleteRepositoryResponse$
];
var DeleteRepositoryCreationTemplate$ = [9, n0, _DRCT,
    0, () => DeleteRepositoryCreationTemplateRequest$, () => DeleteRepositoryCreationTemplateResponse$
];
var DeleteRepositoryPolicy$ = [9, n0, _DRPe,
    0, () => DeleteRepositoryPolicyRequest$, () => DeleteRepositoryPolicyResponse$
];
var DeleteSigningConfiguration$ = [9, n0, _DSC,
    0, () => DeleteSigningConfigurationRequest$, () => DeleteSigningConfigurationResponse$
];
var DeregisterPullTimeUpdateExclusion$ = [9, n0, _DPTUE,
    0, () => DeregisterPullTimeUpdateExclusionRequest$, () => DeregisterPullTimeUpdateExclusionResponse$
];
var DescribeImageReplicationStatus$ = [9, n0, _DIRS,
    0, () => DescribeImageReplicationStatusRequest$, () => DescribeImageReplicationStatusResponse$
];
var DescribeImages$ = [9, n0, _DI,
    0, () => DescribeImagesRequest$, () => DescribeImagesResponse$
];
var DescribeImageScanFindings$ = [9, n0, _DISF,
    0, () => DescribeImageScanFindingsRequest$, () => DescribeImageScanFindingsResponse$
];
var DescribeImageSigningStatus$ = [9, n0, _DISS,
    0, () => DescribeImageSigningStatusRequest$, () => DescribeImageSigningStatusResponse$
];
var DescribePullThroughCacheRules$ = [9, n0, _DPTCRe,
    0, () => DescribePullThroughCacheRulesRequest$, () => DescribePullThroughCacheRulesResponse$
];
var DescribeRegistry$ = [9, n0, _DRe,
    0, () => DescribeRegistryRequest$, () => DescribeRegistryResponse$
];
var DescribeReplicationBackfillResults$ = [9, n0, _DRBR,
    0, () => DescribeReplicationBackfillResultsRequest$, () => DescribeReplicationBackfillResultsResponse$
];
var DescribeRepositories$ = [9, n0, _DRes,
    0, () => DescribeRepositoriesRequest$, () => DescribeRepositoriesResponse$
];
var DescribeRepositoryCreationTemplates$ = [9, n0, _DRCTe,
    0, () => DescribeRepositoryCreationTemplatesRequest$, () => DescribeRepositoryCreationTemplatesResponse$
];
var GetAccountSetting$ = [9, n0, _GAS,
    0, () => GetAccountSettingRequest$, () => GetAccountSettingResponse$
];
var GetAuthorizationToken$ = [9, n0, _GAT,
    0, () => GetAuthorizationTokenRequest$, () => GetAuthorizationTokenResponse$
];
var GetDownloadUrlForLayer$ = [9, n0, _GDUFL,
    0, () => GetDownloadUrlForLayerRequest$, () => GetDownloadUrlForLayerResponse$
];
var GetLifecyclePolicy$ = [9, n0, _GLP,
    0, () => GetLifecyclePolicyRequest$, () => GetLifecyclePolicyResponse$
];
var GetLifecyclePolicyPreview$ = [9, n0, _GLPP,
    0, () => GetLifecyclePolicyPreviewRequest$, () => GetLifecyclePolicyPreviewResponse$
];
var GetRegistryPolicy$ = [9, n0, _GRP,
    0, () => GetRegistryPolicyRequest$, () => GetRegistryPolicyResponse$
];
var GetRegistryScanningConfiguration$ = [9, n0, _GRSC,
    0, () => GetRegistryScanningConfigurationRequest$, () => GetRegistryScanningConfigurationResponse$
];
var GetRepositoryPolicy$ = [9, n0, _GRPe,
    0, () => GetRepositoryPolicyRequest$, () => GetRepositoryPolicyResponse$
];
var GetSigningConfiguration$ = [9, n0, _GSC,
    0, () => GetSigningConfigurationRequest$, () => GetSigningConfigurationResponse$
];
var InitiateLayerUpload$ = [9, n0, _ILU,
    0, () => InitiateLayerUploadRequest$, () => InitiateLayerUploadResponse$
];
var ListImageReferrers$ = [9, n0, _LIRis,
    0, () => ListImageReferrersRequest$, () => ListImageReferrersResponse$
];
var ListImages$ = [9, n0, _LI,
    0, () => ListImagesRequest$, () => ListImagesResponse$
];
var ListPullTimeUpdateExclusions$ = [9, n0, _LPTUE,
    0, () => ListPullTimeUpdateExclusionsRequest$, () => ListPullTimeUpdateExclusionsResponse$
];
var ListReplicationBackfills$ = [9, n0, _LRB,
    0, () => ListReplicationBackfillsRequest$, () => ListReplicationBackfillsResponse$
];
var ListTagsForResource$ = [9, n0, _LTFR,
    0, () => ListTagsForResourceRequest$, () => ListTagsForResourceResponse$
];
var PutAccountSetting$ = [9, n0, _PAS,
    0, () => PutAccountSettingRequest$, () => PutAccountSettingResponse$
];
var PutImage$ = [9, n0, _PI,
    0, () => PutImageRequest$, () => PutImageResponse$
];
var PutImageScanningConfiguration$ = [9, n0, _PISC,
    0, () => PutImageScanningConfigurationRequest$, () => PutImageScanningConfigurationResponse$
];
var PutImageTagMutability$ = [9, n0, _PITM,
    0, () => PutImageTagMutabilityRequest$, () => PutImageTagMutabilityResponse$
];
var PutLifecyclePolicy$ = [9, n0, _PLP,
    0, () => PutLifecyclePolicyRequest$, () => PutLifecyclePolicyResponse$
];
var PutRegistryPolicy$ = [9, n0, _PRP,
    0, () => PutRegistryPolicyRequest$, () => PutRegistryPolicyResponse$
];
var PutRegistryScanningConfiguration$ = [9, n0, _PRSC,
    0, () => PutRegistryScanningConfigurationRequest$, () => PutRegistryScanningConfigurationResponse$
];
var PutReplicationConfiguration$ = [9, n0, _PRC,
    0, () => PutReplicationConfigurationRequest$, () => PutReplicationConfigurationResponse$
];
var PutSigningConfiguration$ = [9, n0, _PSC,
    0, () => PutSigningConfigurationRequest$, () => PutSigningConfigurationResponse$
];
var RegisterPullTimeUpdateExclusion$ = [9, n0, _RPTUE,
    0, () => RegisterPullTimeUpdateExclusionRequest$, () => RegisterPullTimeUpdateExclusionResponse$
];
var SetRepositoryPolicy$ = [9, n0, _SRP,
    0, () => SetRepositoryPolicyRequest$, () => SetRepositoryPolicyResponse$
];
var StartImageScan$ = [9, n0, _SIS,
    0, () => StartImageScanRequest$, () => StartImageScanResponse$
];
var StartLifecyclePolicyPreview$ = [9, n0, _SLPP,
    0, () => StartLifecyclePolicyPreviewRequest$, () => StartLifecyclePolicyPreviewResponse$
];
var StartReplicationBackfill$ = [9, n0, _SRB,
    0, () => StartReplicationBackfillRequest$, () => StartReplicationBackfillResponse$
];
var StopReplicationBackfill$ = [9, n0, _SRBt,
    0, () => StopReplicationBackfillRequest$, () => StopReplicationBackfillResponse$
];
var TagResource$ = [9, n0, _TR,
    0, () => TagResourceRequest$, () => TagResourceResponse$
];
var UntagResource$ = [9, n0, _UR,
    0, () => UntagResourceRequest$, () => UntagResourceResponse$
];
var UpdateImageStorageClass$ = [9, n0, _UISC,
    0, () => UpdateImageStorageClassRequest$, () => UpdateImageStorageClassResponse$
];
var UpdatePullThroughCacheRule$ = [9, n0, _UPTCR,
    0, () => UpdatePullThroughCacheRuleRequest$, () => UpdatePullThroughCacheRuleResponse$
];
var UpdateRepositoryCreationTemplate$ = [9, n0, _URCT,
    0, () => UpdateRepositoryCreationTemplateRequest$, () => UpdateRepositoryCreationTemplateResponse$
];
var UploadLayerPart$ = [9, n0, _ULP,
    0, () => UploadLayerPartRequest$, () => UploadLayerPartResponse$
];
var ValidatePullThroughCacheRule$ = [9, n0, _VPTCR,
    0, () => ValidatePullThroughCacheRuleRequest$, () => ValidatePullThroughCacheRuleResponse$
];

const getRuntimeConfig$1 = (config) => {
    return {
        apiVersion: "2015-09-21",
        base64Decoder: config?.base64Decoder ?? fromBase64,
        base64Encoder: config?.base64Encoder ?? toBase64,
        disableHostPrefix: config?.disableHostPrefix ?? false,
        endpointProvider: config?.endpointProvider ?? defaultEndpointResolver,
        extensions: config?.extensions ?? [],
        httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultECRHttpAuthSchemeProvider,
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
            defaultNamespace: "com.amazonaws.ecr",
            errorTypeRegistries,
            xmlNamespace: "http://ecr.amazonaws.com/doc/2015-09-21/",
            version: "2015-09-21",
            serviceTarget: "AmazonEC2ContainerRegistry_V20150921",
        },
        serviceId: config?.serviceId ?? "ECR",
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

class ECRClient extends Client {
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
            httpAuthSchemeParametersProvider: defaultECRHttpAuthSchemeParametersProvider,
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

const command = makeBuilder(commonParams, "AmazonEC2ContainerRegistry_V20150921", "ECRClient", getEndpointPlugin);
const _ep0 = {};
const _mw0 = (Command, cs, config, o) => [];

class BatchCheckLayerAvailabilityCommand extends command(_ep0, _mw0, "BatchCheckLayerAvailability", BatchCheckLayerAvailability$) {
}

class BatchDeleteImageCommand extends command(_ep0, _mw0, "BatchDeleteImage", BatchDeleteImage$) {
}

class BatchGetImageCommand extends command(_ep0, _mw0, "BatchGetImage", BatchGetImage$) {
}

class BatchGetRepositoryScanningConfigurationCommand extends command(_ep0, _mw0, "BatchGetRepositoryScanningConfiguration", BatchGetRepositoryScanningConfiguration$) {
}

class CompleteLayerUploadCommand extends command(_ep0, _mw0, "CompleteLayerUpload", CompleteLayerUpload$) {
}

class CreatePullThroughCacheRuleCommand extends command(_ep0, _mw0, "CreatePullThroughCacheRule", CreatePullThroughCacheRule$) {
}

class CreateRepositoryCommand extends command(_ep0, _mw0, "CreateRepository", CreateRepository$) {
}

class CreateRepositoryCreationTemplateCommand extends command(_ep0, _mw0, "CreateRepositoryCreationTemplate", CreateRepositoryCreationTemplate$) {
}

class DeleteLifecyclePolicyCommand extends command(_ep0, _mw0, "DeleteLifecyclePolicy", DeleteLifecyclePolicy$) {
}

class DeletePullThroughCacheRuleCommand extends command(_ep0, _mw0, "DeletePullThroughCacheRule", DeletePullThroughCacheRule$) {
}

class DeleteRegistryPolicyCommand extends command(_ep0, _mw0, "DeleteRegistryPolicy", DeleteRegistryPolicy$) {
}

class DeleteRepositoryCommand extends command(_ep0, _mw0, "DeleteRepository", DeleteRepository$) {
}

class DeleteRepositoryCreationTemplateCommand extends command(_ep0, _mw0, "DeleteRepositoryCreationTemplate", DeleteRepositoryCreationTemplate$) {
}

class DeleteRepositoryPolicyCommand extends command(_ep0, _mw0, "DeleteRepositoryPolicy", DeleteRepositoryPolicy$) {
}

class DeleteSigningConfigurationCommand extends command(_ep0, _mw0, "DeleteSigningConfiguration", DeleteSigningConfiguration$) {
}

class DeregisterPullTimeUpdateExclusionCommand extends command(_ep0, _mw0, "DeregisterPullTimeUpdateExclusion", DeregisterPullTimeUpdateExclusion$) {
}

class DescribeImageReplicationStatusCommand extends command(_ep0, _mw0, "DescribeImageReplicationStatus", DescribeImageReplicationStatus$) {
}

class DescribeImageScanFindingsCommand extends command(_ep0, _mw0, "DescribeImageScanFindings", DescribeImageScanFindings$) {
}

class DescribeImagesCommand extends command(_ep0, _mw0, "DescribeImages", DescribeImages$) {
}

class DescribeImageSigningStatusCommand extends command(_ep0, _mw0, "DescribeImageSigningStatus", DescribeImageSigningStatus$) {
}

class DescribePullThroughCacheRulesCommand extends command(_ep0, _mw0, "DescribePullThroughCacheRules", DescribePullThroughCacheRules$) {
}

class DescribeRegistryCommand extends command(_ep0, _mw0, "DescribeRegistry", DescribeRegistry$) {
}

class DescribeReplicationBackfillResultsCommand extends command(_ep0, _mw0, "DescribeReplicationBackfillResults", DescribeReplicationBackfillResults$) {
}

class DescribeRepositoriesCommand extends command(_ep0, _mw0, "DescribeRepositories", DescribeRepositories$) {
}

class DescribeRepositoryCreationTemplatesCommand extends command(_ep0, _mw0, "DescribeRepositoryCreationTemplates", DescribeRepositoryCreationTemplates$) {
}

class GetAccountSettingCommand extends command(_ep0, _mw0, "GetAccountSetting", GetAccountSetting$) {
}

class GetAuthorizationTokenCommand extends command(_ep0, _mw0, "GetAuthorizationToken", GetAuthorizationToken$) {
}

class GetDownloadUrlForLayerCommand extends command(_ep0, _mw0, "GetDownloadUrlForLayer", GetDownloadUrlForLayer$) {
}

class GetLifecyclePolicyCommand extends command(_ep0, _mw0, "GetLifecyclePolicy", GetLifecyclePolicy$) {
}

class GetLifecyclePolicyPreviewCommand extends command(_ep0, _mw0, "GetLifecyclePolicyPreview", GetLifecyclePolicyPreview$) {
}

class GetRegistryPolicyCommand extends command(_ep0, _mw0, "GetRegistryPolicy", GetRegistryPolicy$) {
}

class GetRegistryScanningConfigurationCommand extends command(_ep0, _mw0, "GetRegistryScanningConfiguration", GetRegistryScanningConfiguration$) {
}

class GetRepositoryPolicyCommand extends command(_ep0, _mw0, "GetRepositoryPolicy", GetRepositoryPolicy$) {
}

class GetSigningConfigurationCommand extends command(_ep0, _mw0, "GetSigningConfiguration", GetSigningConfiguration$) {
}

class InitiateLayerUploadCommand extends command(_ep0, _mw0, "InitiateLayerUpload", InitiateLayerUpload$) {
}

class ListImageReferrersCommand extends command(_ep0, _mw0, "ListImageReferrers", ListImageReferrers$) {
}

class ListImagesCommand extends command(_ep0, _mw0, "ListImages", ListImages$) {
}

class ListPullTimeUpdateExclusionsCommand extends command(_ep0, _mw0, "ListPullTimeUpdateExclusions", ListPullTimeUpdateExclusions$) {
}

class ListReplicationBackfillsCommand extends command(_ep0, _mw0, "ListReplicationBackfills", ListReplicationBackfills$) {
}

class ListTagsForResourceCommand extends command(_ep0, _mw0, "ListTagsForResource", ListTagsForResource$) {
}

class PutAccountSettingCommand extends command(_ep0, _mw0, "PutAccountSetting", PutAccountSetting$) {
}

class PutImageCommand extends command(_ep0, _mw0, "PutImage", PutImage$) {
}

class PutImageScanningConfigurationCommand extends command(_ep0, _mw0, "PutImageScanningConfiguration", PutImageScanningConfiguration$) {
}

class PutImageTagMutabilityCommand extends command(_ep0, _mw0, "PutImageTagMutability", PutImageTagMutability$) {
}

class PutLifecyclePolicyCommand extends command(_ep0, _mw0, "PutLifecyclePolicy", PutLifecyclePolicy$) {
}

class PutRegistryPolicyCommand extends command(_ep0, _mw0, "PutRegistryPolicy", PutRegistryPolicy$) {
}

class PutRegistryScanningConfigurationCommand extends command(_ep0, _mw0, "PutRegistryScanningConfiguration", PutRegistryScanningConfiguration$) {
}

class PutReplicationConfigurationCommand extends command(_ep0, _mw0, "PutReplicationConfiguration", PutReplicationConfiguration$) {
}

class PutSigningConfigurationCommand extends command(_ep0, _mw0, "PutSigningConfiguration", PutSigningConfiguration$) {
}

class RegisterPullTimeUpdateExclusionCommand extends command(_ep0, _mw0, "RegisterPullTimeUpdateExclusion", RegisterPullTimeUpdateExclusion$) {
}

class SetRepositoryPolicyCommand extends command(_ep0, _mw0, "SetRepositoryPolicy", SetRepositoryPolicy$) {
}

class StartImageScanCommand extends command(_ep0, _mw0, "StartImageScan", StartImageScan$) {
}

class StartLifecyclePolicyPreviewCommand extends command(_ep0, _mw0, "StartLifecyclePolicyPreview", StartLifecyclePolicyPreview$) {
}

class StartReplicationBackfillCommand extends command(_ep0, _mw0, "StartReplicationBackfill", StartReplicationBackfill$) {
}

class StopReplicationBackfillCommand extends command(_ep0, _mw0, "StopReplicationBackfill", StopReplicationBackfill$) {
}

class TagResourceCommand extends command(_ep0, _mw0, "TagResource", TagResource$) {
}

class UntagResourceCommand extends command(_ep0, _mw0, "UntagResource", UntagResource$) {
}

class UpdateImageStorageClassCommand extends command(_ep0, _mw0, "UpdateImageStorageClass", UpdateImageStorageClass$) {
}

class UpdatePullThroughCacheRuleCommand extends command(_ep0, _mw0, "UpdatePullThroughCacheRule", UpdatePullThroughCacheRule$) {
}

class UpdateRepositoryCreationTemplateCommand extends command(_ep0, _mw0, "UpdateRepositoryCreationTemplate", UpdateRepositoryCreationTemplate$) {
}

class UploadLayerPartCommand extends command(_ep0, _mw0, "UploadLayerPart", UploadLayerPart$) {
}

class ValidatePullThroughCacheRuleCommand extends command(_ep0, _mw0, "ValidatePullThroughCacheRule", ValidatePullThroughCacheRule$) {
}

const paginateDescribeImageScanFindings = createPaginator(ECRClient, DescribeImageScanFindingsCommand, "nextToken", "nextToken", "maxResults");

const paginateDescribeImages = createPaginator(ECRClient, DescribeImagesCommand, "nextToken", "nextToken", "maxResults");

const paginateDescribePullThroughCacheRules = createPaginator(ECRClient, DescribePullThroughCacheRulesCommand, "nextToken", "nextToken", "maxResults");

const paginateDescribeReplicationBackfillResults = createPaginator(ECRClient, DescribeReplicationBackfillResultsCommand, "nextToken", "nextToken", "maxResults");

const paginateDescribeRepositories = createPaginator(ECRClient, DescribeRepositoriesCommand, "nextToken", "nextToken", "maxResults");

const paginateDescribeRepositoryCreationTemplates = createPaginator(ECRClient, DescribeRepositoryCreationTemplatesCommand, "nextToken", "nextToken", "maxResults");

const paginateGetLifecyclePolicyPreview = createPaginator(ECRClient, GetLifecyclePolicyPreviewCommand, "nextToken", "nextToken", "maxResults");

const paginateListImages = createPaginator(ECRClient, ListImagesCommand, "nextToken", "nextToken", "maxResults");

const paginateListReplicationBackfills = createPaginator(ECRClient, ListReplicationBackfillsCommand, "nextToken", "nextToken", "maxResults");

const checkState$1 = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new DescribeImageScanFindingsCommand(input));
        reason = result;
        try {
            const returnComparator = () => {
                return result.imageScanStatus.status;
            };
            if (returnComparator() === "COMPLETE") {
                return { state: WaiterState.SUCCESS, reason };
            }
        }
        catch (e) { }
        try {
            const returnComparator = () => {
                return result.imageScanStatus.status;
            };
            if (returnComparator() === "FAILED") {
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
const waitForImageScanComplete = async (params, input) => {
    const serviceDefaults = { minDelay: 5, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState$1);
};
const waitUntilImageScanComplete = async (params, input) => {
    const serviceDefaults = { minDelay: 5, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$1);
    return checkExceptions(result);
};

const checkState = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new GetLifecyclePolicyPreviewCommand(input));
        reason = result;
        try {
            const returnComparator = () => {
                return result.status;
            };
            if (returnComparator() === "COMPLETE") {
                return { state: WaiterState.SUCCESS, reason };
            }
        }
        catch (e) { }
        try {
            const returnComparator = () => {
                return result.status;
            };
            if (returnComparator() === "FAILED") {
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
const waitForLifecyclePolicyPreviewComplete = async (params, input) => {
    const serviceDefaults = { minDelay: 5, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState);
};
const waitUntilLifecyclePolicyPreviewComplete = async (params, input) => {
    const serviceDefaults = { minDelay: 5, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState);
    return checkExceptions(result);
};

const commands = {
    BatchCheckLayerAvailabilityCommand,
    BatchDeleteImageCommand,
    BatchGetImageCommand,
    BatchGetRepositoryScanningConfigurationCommand,
    CompleteLayerUploadCommand,
    CreatePullThroughCacheRuleCommand,
    CreateRepositoryCommand,
    CreateRepositoryCreationTemplateCommand,
    DeleteLifecyclePolicyCommand,
    DeletePullThroughCacheRuleCommand,
    DeleteRegistryPolicyCommand,
    DeleteRepositoryCommand,
    DeleteRepositoryCreationTemplateCommand,
    DeleteRepositoryPolicyCommand,
    DeleteSigningConfigurationCommand,
    DeregisterPullTimeUpdateExclusionCommand,
    DescribeImageReplicationStatusCommand,
    DescribeImagesCommand,
    DescribeImageScanFindingsCommand,
    DescribeImageSigningStatusCommand,
    DescribePullThroughCacheRulesCommand,
    DescribeRegistryCommand,
    DescribeReplicationBackfillResultsCommand,
    DescribeRepositoriesCommand,
    DescribeRepositoryCreationTemplatesCommand,
    GetAccountSettingCommand,
    GetAuthorizationTokenCommand,
    GetDownloadUrlForLayerCommand,
    GetLifecyclePolicyCommand,
    GetLifecyclePolicyPreviewCommand,
    GetRegistryPolicyCommand,
    GetRegistryScanningConfigurationCommand,
    GetRepositoryPolicyCommand,
    GetSigningConfigurationCommand,
    InitiateLayerUploadCommand,
    ListImageReferrersCommand,
    ListImagesCommand,
    ListPullTimeUpdateExclusionsCommand,
    ListReplicationBackfillsCommand,
    ListTagsForResourceCommand,
    PutAccountSettingCommand,
    PutImageCommand,
    PutImageScanningConfigurationCommand,
    PutImageTagMutabilityCommand,
    PutLifecyclePolicyCommand,
    PutRegistryPolicyCommand,
    PutRegistryScanningConfigurationCommand,
    PutReplicationConfigurationCommand,
    PutSigningConfigurationCommand,
    RegisterPullTimeUpdateExclusionCommand,
    SetRepositoryPolicyCommand,
    StartImageScanCommand,
    StartLifecyclePolicyPreviewCommand,
    StartReplicationBackfillCommand,
    StopReplicationBackfillCommand,
    TagResourceCommand,
    UntagResourceCommand,
    UpdateImageStorageClassCommand,
    UpdatePullThroughCacheRuleCommand,
    UpdateRepositoryCreationTemplateCommand,
    UploadLayerPartCommand,
    ValidatePullThroughCacheRuleCommand,
};
const paginators = {
    paginateDescribeImages,
    paginateDescribeImageScanFindings,
    paginateDescribePullThroughCacheRules,
    paginateDescribeReplicationBackfillResults,
    paginateDescribeRepositories,
    paginateDescribeRepositoryCreationTemplates,
    paginateGetLifecyclePolicyPreview,
    paginateListImages,
    paginateListReplicationBackfills,
};
const waiters = {
    waitUntilImageScanComplete,
    waitUntilLifecyclePolicyPreviewComplete,
};
class ECR extends ECRClient {
}
createAggregatedClient(commands, ECR, { paginators, waiters });

const LayerFailureCode = {
    InvalidLayerDigest: "InvalidLayerDigest",
    MissingLayerDigest: "MissingLayerDigest",
};
const LayerAvailability = {
    ARCHIVED: "ARCHIVED",
    AVAILABLE: "AVAILABLE",
    UNAVAILABLE: "UNAVAILABLE",
};
const ImageFailureCode = {
    ImageInaccessible: "ImageInaccessible",
    ImageNotFound: "ImageNotFound",
    ImageReferencedByManifestList: "ImageReferencedByManifestList",
    ImageTagDoesNotMatchDigest: "ImageTagDoesNotMatchDigest",
    InvalidImageDigest: "InvalidImageDigest",
    InvalidImageTag: "InvalidImageTag",
    KmsError: "KmsError",
    MissingDigestAndTag: "MissingDigestAndTag",
    UpstreamAccessDenied: "UpstreamAccessDenied",
    UpstreamTooManyRequests: "UpstreamTooManyRequests",
    UpstreamUnavailable: "UpstreamUnavailable",
};
const ScanningConfigurationFailureCode = {
    REPOSITORY_NOT_FOUND: "REPOSITORY_NOT_FOUND",
};
const ScanningRepositoryFilterType = {
    WILDCARD: "WILDCARD",
};
const ScanFrequency = {
    CONTINUOUS_SCAN: "CONTINUOUS_SCAN",
    MANUAL: "MANUAL",
    SCAN_ON_PUSH: "SCAN_ON_PUSH",
};
const UpstreamRegistry = {
    AzureContainerRegistry: "azure-container-registry",
    Chainguard: "chainguard",
    DockerHub: "docker-hub",
    Ecr: "ecr",
    EcrPublic: "ecr-public",
    GitHubContainerRegistry: "github-container-registry",
    GitLabContainerRegistry: "gitlab-container-registry",
    K8s: "k8s",
    Quay: "quay",
};
const EncryptionType = {
    AES256: "AES256",
    KMS: "KMS",
    KMS_DSSE: "KMS_DSSE",
};
const ImageTagMutability = {
    IMMUTABLE: "IMMUTABLE",
    IMMUTABLE_WITH_EXCLUSION: "IMMUTABLE_WITH_EXCLUSION",
    MUTABLE: "MUTABLE",
    MUTABLE_WITH_EXCLUSION: "MUTABLE_WITH_EXCLUSION",
};
const ImageTagMutabilityExclusionFilterType = {
    WILDCARD: "WILDCARD",
};
const RCTAppliedFor = {
    CREATE_ON_PUSH: "CREATE_ON_PUSH",
    PULL_THROUGH_CACHE: "PULL_THROUGH_CACHE",
    REPLICATION: "REPLICATION",
};
const SigningRepositoryFilterType = {
    WILDCARD_MATCH: "WILDCARD_MATCH",
};
const ReplicationStatus = {
    COMPLETE: "COMPLETE",
    FAILED: "FAILED",
    IN_PROGRESS: "IN_PROGRESS",
};
const ImageStatusFilter = {
    ACTIVATING: "ACTIVATING",
    ACTIVE: "ACTIVE",
    ANY: "ANY",
    ARCHIVED: "ARCHIVED",
};
const TagStatus = {
    ANY: "ANY",
    TAGGED: "TAGGED",
    UNTAGGED: "UNTAGGED",
};
const FindingSeverity = {
    CRITICAL: "CRITICAL",
    HIGH: "HIGH",
    INFORMATIONAL: "INFORMATIONAL",
    LOW: "LOW",
    MEDIUM: "MEDIUM",
    UNDEFINED: "UNDEFINED",
};
const ScanStatus = {
    ACTIVE: "ACTIVE",
    COMPLETE: "COMPLETE",
    FAILED: "FAILED",
    FINDINGS_UNAVAILABLE: "FINDINGS_UNAVAILABLE",
    IMAGE_ARCHIVED: "IMAGE_ARCHIVED",
    IN_PROGRESS: "IN_PROGRESS",
    LIMIT_EXCEEDED: "LIMIT_EXCEEDED",
    PENDING: "PENDING",
    SCAN_ELIGIBILITY_EXPIRED: "SCAN_ELIGIBILITY_EXPIRED",
    UNSUPPORTED_IMAGE: "UNSUPPORTED_IMAGE",
};
const ImageStatus = {
    ACTIVATING: "ACTIVATING",
    ACTIVE: "ACTIVE",
    ARCHIVED: "ARCHIVED",
};
const SigningStatus = {
    COMPLETE: "COMPLETE",
    FAILED: "FAILED",
    IN_PROGRESS: "IN_PROGRESS",
};
const RepositoryFilterType = {
    PREFIX_MATCH: "PREFIX_MATCH",
};
const ReplicationBackfillResultStatus = {
    COMPLETE: "COMPLETE",
    FAILED: "FAILED",
};
const ReplicationBackfillStatus = {
    COMPLETE: "COMPLETE",
    FAILED: "FAILED",
    IN_PROGRESS: "IN_PROGRESS",
    PREPARING: "PREPARING",
    STOPPED: "STOPPED",
    STOPPING: "STOPPING",
};
const LifecyclePolicyTargetStorageClass = {
    ARCHIVE: "ARCHIVE",
};
const ImageActionType = {
    EXPIRE: "EXPIRE",
    TRANSITION: "TRANSITION",
};
const LifecyclePolicyStorageClass = {
    ARCHIVE: "ARCHIVE",
    STANDARD: "STANDARD",
};
const LifecyclePolicyPreviewStatus = {
    COMPLETE: "COMPLETE",
    EXPIRED: "EXPIRED",
    FAILED: "FAILED",
    IN_PROGRESS: "IN_PROGRESS",
};
const ScanType = {
    BASIC: "BASIC",
    ENHANCED: "ENHANCED",
};
const ArtifactStatusFilter = {
    ACTIVATING: "ACTIVATING",
    ACTIVE: "ACTIVE",
    ANY: "ANY",
    ARCHIVED: "ARCHIVED",
};
const ArtifactStatus = {
    ACTIVATING: "ACTIVATING",
    ACTIVE: "ACTIVE",
    ARCHIVED: "ARCHIVED",
};
const TargetStorageClass = {
    ARCHIVE: "ARCHIVE",
    STANDARD: "STANDARD",
};

__webpack_unused_export__ = ArtifactStatus;
__webpack_unused_export__ = ArtifactStatusFilter;
__webpack_unused_export__ = Attribute$;
__webpack_unused_export__ = AuthorizationData$;
__webpack_unused_export__ = AwsEcrContainerImageDetails$;
__webpack_unused_export__ = BatchCheckLayerAvailability$;
__webpack_unused_export__ = BatchCheckLayerAvailabilityCommand;
__webpack_unused_export__ = BatchCheckLayerAvailabilityRequest$;
__webpack_unused_export__ = BatchCheckLayerAvailabilityResponse$;
__webpack_unused_export__ = BatchDeleteImage$;
__webpack_unused_export__ = BatchDeleteImageCommand;
__webpack_unused_export__ = BatchDeleteImageRequest$;
__webpack_unused_export__ = BatchDeleteImageResponse$;
__webpack_unused_export__ = BatchGetImage$;
exports.P8n = BatchGetImageCommand;
__webpack_unused_export__ = BatchGetImageRequest$;
__webpack_unused_export__ = BatchGetImageResponse$;
__webpack_unused_export__ = BatchGetRepositoryScanningConfiguration$;
__webpack_unused_export__ = BatchGetRepositoryScanningConfigurationCommand;
__webpack_unused_export__ = BatchGetRepositoryScanningConfigurationRequest$;
__webpack_unused_export__ = BatchGetRepositoryScanningConfigurationResponse$;
__webpack_unused_export__ = BlockedByOrganizationPolicyException;
__webpack_unused_export__ = BlockedByOrganizationPolicyException$;
__webpack_unused_export__ = CompleteLayerUpload$;
__webpack_unused_export__ = CompleteLayerUploadCommand;
__webpack_unused_export__ = CompleteLayerUploadRequest$;
__webpack_unused_export__ = CompleteLayerUploadResponse$;
__webpack_unused_export__ = CreatePullThroughCacheRule$;
__webpack_unused_export__ = CreatePullThroughCacheRuleCommand;
__webpack_unused_export__ = CreatePullThroughCacheRuleRequest$;
__webpack_unused_export__ = CreatePullThroughCacheRuleResponse$;
__webpack_unused_export__ = CreateRepository$;
__webpack_unused_export__ = CreateRepositoryCommand;
__webpack_unused_export__ = CreateRepositoryCreationTemplate$;
__webpack_unused_export__ = CreateRepositoryCreationTemplateCommand;
__webpack_unused_export__ = CreateRepositoryCreationTemplateRequest$;
__webpack_unused_export__ = CreateRepositoryCreationTemplateResponse$;
__webpack_unused_export__ = CreateRepositoryRequest$;
__webpack_unused_export__ = CreateRepositoryResponse$;
__webpack_unused_export__ = CvssScore$;
__webpack_unused_export__ = CvssScoreAdjustment$;
__webpack_unused_export__ = CvssScoreDetails$;
__webpack_unused_export__ = DeleteLifecyclePolicy$;
__webpack_unused_export__ = DeleteLifecyclePolicyCommand;
__webpack_unused_export__ = DeleteLifecyclePolicyRequest$;
__webpack_unused_export__ = DeleteLifecyclePolicyResponse$;
__webpack_unused_export__ = DeletePullThroughCacheRule$;
__webpack_unused_export__ = DeletePullThroughCacheRuleCommand;
__webpack_unused_export__ = DeletePullThroughCacheRuleRequest$;
__webpack_unused_export__ = DeletePullThroughCacheRuleResponse$;
__webpack_unused_export__ = DeleteRegistryPolicy$;
__webpack_unused_export__ = DeleteRegistryPolicyCommand;
__webpack_unused_export__ = DeleteRegistryPolicyRequest$;
__webpack_unused_export__ = DeleteRegistryPolicyResponse$;
__webpack_unused_export__ = DeleteRepository$;
__webpack_unused_export__ = DeleteRepositoryCommand;
__webpack_unused_export__ = DeleteRepositoryCreationTemplate$;
__webpack_unused_export__ = DeleteRepositoryCreationTemplateCommand;
__webpack_unused_export__ = DeleteRepositoryCreationTemplateRequest$;
__webpack_unused_export__ = DeleteRepositoryCreationTemplateResponse$;
__webpack_unused_export__ = DeleteRepositoryPolicy$;
__webpack_unused_export__ = DeleteRepositoryPolicyCommand;
__webpack_unused_export__ = DeleteRepositoryPolicyRequest$;
__webpack_unused_export__ = DeleteRepositoryPolicyResponse$;
__webpack_unused_export__ = DeleteRepositoryRequest$;
__webpack_unused_export__ = DeleteRepositoryResponse$;
__webpack_unused_export__ = DeleteSigningConfiguration$;
__webpack_unused_export__ = DeleteSigningConfigurationCommand;
__webpack_unused_export__ = DeleteSigningConfigurationRequest$;
__webpack_unused_export__ = DeleteSigningConfigurationResponse$;
__webpack_unused_export__ = DeregisterPullTimeUpdateExclusion$;
__webpack_unused_export__ = DeregisterPullTimeUpdateExclusionCommand;
__webpack_unused_export__ = DeregisterPullTimeUpdateExclusionRequest$;
__webpack_unused_export__ = DeregisterPullTimeUpdateExclusionResponse$;
__webpack_unused_export__ = DescribeImageReplicationStatus$;
__webpack_unused_export__ = DescribeImageReplicationStatusCommand;
__webpack_unused_export__ = DescribeImageReplicationStatusRequest$;
__webpack_unused_export__ = DescribeImageReplicationStatusResponse$;
__webpack_unused_export__ = DescribeImageScanFindings$;
__webpack_unused_export__ = DescribeImageScanFindingsCommand;
__webpack_unused_export__ = DescribeImageScanFindingsRequest$;
__webpack_unused_export__ = DescribeImageScanFindingsResponse$;
__webpack_unused_export__ = DescribeImageSigningStatus$;
__webpack_unused_export__ = DescribeImageSigningStatusCommand;
__webpack_unused_export__ = DescribeImageSigningStatusRequest$;
__webpack_unused_export__ = DescribeImageSigningStatusResponse$;
__webpack_unused_export__ = DescribeImages$;
exports.ji5 = DescribeImagesCommand;
__webpack_unused_export__ = DescribeImagesFilter$;
__webpack_unused_export__ = DescribeImagesRequest$;
__webpack_unused_export__ = DescribeImagesResponse$;
__webpack_unused_export__ = DescribePullThroughCacheRules$;
__webpack_unused_export__ = DescribePullThroughCacheRulesCommand;
__webpack_unused_export__ = DescribePullThroughCacheRulesRequest$;
__webpack_unused_export__ = DescribePullThroughCacheRulesResponse$;
__webpack_unused_export__ = DescribeRegistry$;
__webpack_unused_export__ = DescribeRegistryCommand;
__webpack_unused_export__ = DescribeRegistryRequest$;
__webpack_unused_export__ = DescribeRegistryResponse$;
__webpack_unused_export__ = DescribeReplicationBackfillResults$;
__webpack_unused_export__ = DescribeReplicationBackfillResultsCommand;
__webpack_unused_export__ = DescribeReplicationBackfillResultsRequest$;
__webpack_unused_export__ = DescribeReplicationBackfillResultsResponse$;
__webpack_unused_export__ = DescribeRepositories$;
exports.pE_ = DescribeRepositoriesCommand;
__webpack_unused_export__ = DescribeRepositoriesRequest$;
__webpack_unused_export__ = DescribeRepositoriesResponse$;
__webpack_unused_export__ = DescribeRepositoryCreationTemplates$;
__webpack_unused_export__ = DescribeRepositoryCreationTemplatesCommand;
__webpack_unused_export__ = DescribeRepositoryCreationTemplatesRequest$;
__webpack_unused_export__ = DescribeRepositoryCreationTemplatesResponse$;
__webpack_unused_export__ = ECR;
exports.S70 = ECRClient;
__webpack_unused_export__ = ECRServiceException;
__webpack_unused_export__ = ECRServiceException$;
__webpack_unused_export__ = EmptyUploadException;
__webpack_unused_export__ = EmptyUploadException$;
__webpack_unused_export__ = EncryptionConfiguration$;
__webpack_unused_export__ = EncryptionConfigurationForRepositoryCreationTemplate$;
__webpack_unused_export__ = EncryptionType;
__webpack_unused_export__ = EnhancedImageScanFinding$;
__webpack_unused_export__ = ExclusionAlreadyExistsException;
__webpack_unused_export__ = ExclusionAlreadyExistsException$;
__webpack_unused_export__ = ExclusionNotFoundException;
__webpack_unused_export__ = ExclusionNotFoundException$;
__webpack_unused_export__ = FindingSeverity;
__webpack_unused_export__ = GetAccountSetting$;
__webpack_unused_export__ = GetAccountSettingCommand;
__webpack_unused_export__ = GetAccountSettingRequest$;
__webpack_unused_export__ = GetAccountSettingResponse$;
__webpack_unused_export__ = GetAuthorizationToken$;
__webpack_unused_export__ = GetAuthorizationTokenCommand;
__webpack_unused_export__ = GetAuthorizationTokenRequest$;
__webpack_unused_export__ = GetAuthorizationTokenResponse$;
__webpack_unused_export__ = GetDownloadUrlForLayer$;
exports.pKL = GetDownloadUrlForLayerCommand;
__webpack_unused_export__ = GetDownloadUrlForLayerRequest$;
__webpack_unused_export__ = GetDownloadUrlForLayerResponse$;
__webpack_unused_export__ = GetLifecyclePolicy$;
__webpack_unused_export__ = GetLifecyclePolicyCommand;
__webpack_unused_export__ = GetLifecyclePolicyPreview$;
__webpack_unused_export__ = GetLifecyclePolicyPreviewCommand;
__webpack_unused_export__ = GetLifecyclePolicyPreviewRequest$;
__webpack_unused_export__ = GetLifecyclePolicyPreviewResponse$;
__webpack_unused_export__ = GetLifecyclePolicyRequest$;
__webpack_unused_export__ = GetLifecyclePolicyResponse$;
__webpack_unused_export__ = GetRegistryPolicy$;
__webpack_unused_export__ = GetRegistryPolicyCommand;
__webpack_unused_export__ = GetRegistryPolicyRequest$;
__webpack_unused_export__ = GetRegistryPolicyResponse$;
__webpack_unused_export__ = GetRegistryScanningConfiguration$;
__webpack_unused_export__ = GetRegistryScanningConfigurationCommand;
__webpack_unused_export__ = GetRegistryScanningConfigurationRequest$;
__webpack_unused_export__ = GetRegistryScanningConfigurationResponse$;
__webpack_unused_export__ = GetRepositoryPolicy$;
__webpack_unused_export__ = GetRepositoryPolicyCommand;
__webpack_unused_export__ = GetRepositoryPolicyRequest$;
__webpack_unused_export__ = GetRepositoryPolicyResponse$;
__webpack_unused_export__ = GetSigningConfiguration$;
__webpack_unused_export__ = GetSigningConfigurationCommand;
__webpack_unused_export__ = GetSigningConfigurationRequest$;
__webpack_unused_export__ = GetSigningConfigurationResponse$;
__webpack_unused_export__ = Image$;
__webpack_unused_export__ = ImageActionType;
__webpack_unused_export__ = ImageAlreadyExistsException;
__webpack_unused_export__ = ImageAlreadyExistsException$;
__webpack_unused_export__ = ImageArchivedException;
__webpack_unused_export__ = ImageArchivedException$;
__webpack_unused_export__ = ImageDetail$;
__webpack_unused_export__ = ImageDigestDoesNotMatchException;
__webpack_unused_export__ = ImageDigestDoesNotMatchException$;
__webpack_unused_export__ = ImageFailure$;
__webpack_unused_export__ = ImageFailureCode;
__webpack_unused_export__ = ImageIdentifier$;
__webpack_unused_export__ = ImageNotFoundException;
__webpack_unused_export__ = ImageNotFoundException$;
__webpack_unused_export__ = ImageReferrer$;
__webpack_unused_export__ = ImageReplicationStatus$;
__webpack_unused_export__ = ImageScanFinding$;
__webpack_unused_export__ = ImageScanFindings$;
__webpack_unused_export__ = ImageScanFindingsSummary$;
__webpack_unused_export__ = ImageScanStatus$;
__webpack_unused_export__ = ImageScanningConfiguration$;
__webpack_unused_export__ = ImageSigningStatus$;
__webpack_unused_export__ = ImageStatus;
__webpack_unused_export__ = ImageStatusFilter;
__webpack_unused_export__ = ImageStorageClassUpdateNotSupportedException;
__webpack_unused_export__ = ImageStorageClassUpdateNotSupportedException$;
__webpack_unused_export__ = ImageTagAlreadyExistsException;
__webpack_unused_export__ = ImageTagAlreadyExistsException$;
__webpack_unused_export__ = ImageTagMutability;
__webpack_unused_export__ = ImageTagMutabilityExclusionFilter$;
__webpack_unused_export__ = ImageTagMutabilityExclusionFilterType;
__webpack_unused_export__ = InitiateLayerUpload$;
__webpack_unused_export__ = InitiateLayerUploadCommand;
__webpack_unused_export__ = InitiateLayerUploadRequest$;
__webpack_unused_export__ = InitiateLayerUploadResponse$;
__webpack_unused_export__ = InvalidLayerException;
__webpack_unused_export__ = InvalidLayerException$;
__webpack_unused_export__ = InvalidLayerPartException;
__webpack_unused_export__ = InvalidLayerPartException$;
__webpack_unused_export__ = InvalidParameterException;
__webpack_unused_export__ = InvalidParameterException$;
__webpack_unused_export__ = InvalidTagParameterException;
__webpack_unused_export__ = InvalidTagParameterException$;
__webpack_unused_export__ = KmsException;
__webpack_unused_export__ = KmsException$;
__webpack_unused_export__ = Layer$;
__webpack_unused_export__ = LayerAlreadyExistsException;
__webpack_unused_export__ = LayerAlreadyExistsException$;
__webpack_unused_export__ = LayerAvailability;
__webpack_unused_export__ = LayerFailure$;
__webpack_unused_export__ = LayerFailureCode;
__webpack_unused_export__ = LayerInaccessibleException;
__webpack_unused_export__ = LayerInaccessibleException$;
__webpack_unused_export__ = LayerPartTooSmallException;
__webpack_unused_export__ = LayerPartTooSmallException$;
__webpack_unused_export__ = LayersNotFoundException;
__webpack_unused_export__ = LayersNotFoundException$;
__webpack_unused_export__ = LifecyclePolicyNotFoundException;
__webpack_unused_export__ = LifecyclePolicyNotFoundException$;
__webpack_unused_export__ = LifecyclePolicyPreviewFilter$;
__webpack_unused_export__ = LifecyclePolicyPreviewInProgressException;
__webpack_unused_export__ = LifecyclePolicyPreviewInProgressException$;
__webpack_unused_export__ = LifecyclePolicyPreviewNotFoundException;
__webpack_unused_export__ = LifecyclePolicyPreviewNotFoundException$;
__webpack_unused_export__ = LifecyclePolicyPreviewResult$;
__webpack_unused_export__ = LifecyclePolicyPreviewStatus;
__webpack_unused_export__ = LifecyclePolicyPreviewSummary$;
__webpack_unused_export__ = LifecyclePolicyRuleAction$;
__webpack_unused_export__ = LifecyclePolicyStorageClass;
__webpack_unused_export__ = LifecyclePolicyTargetStorageClass;
__webpack_unused_export__ = LimitExceededException;
__webpack_unused_export__ = LimitExceededException$;
__webpack_unused_export__ = ListImageReferrers$;
__webpack_unused_export__ = ListImageReferrersCommand;
__webpack_unused_export__ = ListImageReferrersFilter$;
__webpack_unused_export__ = ListImageReferrersRequest$;
__webpack_unused_export__ = ListImageReferrersResponse$;
__webpack_unused_export__ = ListImages$;
__webpack_unused_export__ = ListImagesCommand;
__webpack_unused_export__ = ListImagesFilter$;
__webpack_unused_export__ = ListImagesRequest$;
__webpack_unused_export__ = ListImagesResponse$;
__webpack_unused_export__ = ListPullTimeUpdateExclusions$;
__webpack_unused_export__ = ListPullTimeUpdateExclusionsCommand;
__webpack_unused_export__ = ListPullTimeUpdateExclusionsRequest$;
__webpack_unused_export__ = ListPullTimeUpdateExclusionsResponse$;
__webpack_unused_export__ = ListReplicationBackfills$;
__webpack_unused_export__ = ListReplicationBackfillsCommand;
__webpack_unused_export__ = ListReplicationBackfillsRequest$;
__webpack_unused_export__ = ListReplicationBackfillsResponse$;
__webpack_unused_export__ = ListTagsForResource$;
__webpack_unused_export__ = ListTagsForResourceCommand;
__webpack_unused_export__ = ListTagsForResourceRequest$;
__webpack_unused_export__ = ListTagsForResourceResponse$;
__webpack_unused_export__ = PackageVulnerabilityDetails$;
__webpack_unused_export__ = PullThroughCacheRule$;
__webpack_unused_export__ = PullThroughCacheRuleAlreadyExistsException;
__webpack_unused_export__ = PullThroughCacheRuleAlreadyExistsException$;
__webpack_unused_export__ = PullThroughCacheRuleNotFoundException;
__webpack_unused_export__ = PullThroughCacheRuleNotFoundException$;
__webpack_unused_export__ = PutAccountSetting$;
__webpack_unused_export__ = PutAccountSettingCommand;
__webpack_unused_export__ = PutAccountSettingRequest$;
__webpack_unused_export__ = PutAccountSettingResponse$;
__webpack_unused_export__ = PutImage$;
__webpack_unused_export__ = PutImageCommand;
__webpack_unused_export__ = PutImageRequest$;
__webpack_unused_export__ = PutImageResponse$;
__webpack_unused_export__ = PutImageScanningConfiguration$;
__webpack_unused_export__ = PutImageScanningConfigurationCommand;
__webpack_unused_export__ = PutImageScanningConfigurationRequest$;
__webpack_unused_export__ = PutImageScanningConfigurationResponse$;
__webpack_unused_export__ = PutImageTagMutability$;
__webpack_unused_export__ = PutImageTagMutabilityCommand;
__webpack_unused_export__ = PutImageTagMutabilityRequest$;
__webpack_unused_export__ = PutImageTagMutabilityResponse$;
__webpack_unused_export__ = PutLifecyclePolicy$;
__webpack_unused_export__ = PutLifecyclePolicyCommand;
__webpack_unused_export__ = PutLifecyclePolicyRequest$;
__webpack_unused_export__ = PutLifecyclePolicyResponse$;
__webpack_unused_export__ = PutRegistryPolicy$;
__webpack_unused_export__ = PutRegistryPolicyCommand;
__webpack_unused_export__ = PutRegistryPolicyRequest$;
__webpack_unused_export__ = PutRegistryPolicyResponse$;
__webpack_unused_export__ = PutRegistryScanningConfiguration$;
__webpack_unused_export__ = PutRegistryScanningConfigurationCommand;
__webpack_unused_export__ = PutRegistryScanningConfigurationRequest$;
__webpack_unused_export__ = PutRegistryScanningConfigurationResponse$;
__webpack_unused_export__ = PutReplicationConfiguration$;
__webpack_unused_export__ = PutReplicationConfigurationCommand;
__webpack_unused_export__ = PutReplicationConfigurationRequest$;
__webpack_unused_export__ = PutReplicationConfigurationResponse$;
__webpack_unused_export__ = PutSigningConfiguration$;
__webpack_unused_export__ = PutSigningConfigurationCommand;
__webpack_unused_export__ = PutSigningConfigurationRequest$;
__webpack_unused_export__ = PutSigningConfigurationResponse$;
__webpack_unused_export__ = RCTAppliedFor;
__webpack_unused_export__ = Recommendation$;
__webpack_unused_export__ = ReferencedImagesNotFoundException;
__webpack_unused_export__ = ReferencedImagesNotFoundException$;
__webpack_unused_export__ = RegisterPullTimeUpdateExclusion$;
__webpack_unused_export__ = RegisterPullTimeUpdateExclusionCommand;
__webpack_unused_export__ = RegisterPullTimeUpdateExclusionRequest$;
__webpack_unused_export__ = RegisterPullTimeUpdateExclusionResponse$;
__webpack_unused_export__ = RegistryPolicyNotFoundException;
__webpack_unused_export__ = RegistryPolicyNotFoundException$;
__webpack_unused_export__ = RegistryScanningConfiguration$;
__webpack_unused_export__ = RegistryScanningRule$;
__webpack_unused_export__ = Remediation$;
__webpack_unused_export__ = ReplicationBackfillInProgressException;
__webpack_unused_export__ = ReplicationBackfillInProgressException$;
__webpack_unused_export__ = ReplicationBackfillInvalidStatusException;
__webpack_unused_export__ = ReplicationBackfillInvalidStatusException$;
__webpack_unused_export__ = ReplicationBackfillNotFoundException;
__webpack_unused_export__ = ReplicationBackfillNotFoundException$;
__webpack_unused_export__ = ReplicationBackfillProgress$;
__webpack_unused_export__ = ReplicationBackfillResult$;
__webpack_unused_export__ = ReplicationBackfillResultStatus;
__webpack_unused_export__ = ReplicationBackfillStatus;
__webpack_unused_export__ = ReplicationBackfillSummary$;
__webpack_unused_export__ = ReplicationConfiguration$;
__webpack_unused_export__ = ReplicationDestination$;
__webpack_unused_export__ = ReplicationRule$;
__webpack_unused_export__ = ReplicationStatus;
__webpack_unused_export__ = Repository$;
__webpack_unused_export__ = RepositoryAlreadyExistsException;
__webpack_unused_export__ = RepositoryAlreadyExistsException$;
__webpack_unused_export__ = RepositoryCreationTemplate$;
__webpack_unused_export__ = RepositoryFilter$;
__webpack_unused_export__ = RepositoryFilterType;
__webpack_unused_export__ = RepositoryNotEmptyException;
__webpack_unused_export__ = RepositoryNotEmptyException$;
__webpack_unused_export__ = RepositoryNotFoundException;
__webpack_unused_export__ = RepositoryNotFoundException$;
__webpack_unused_export__ = RepositoryPolicyNotFoundException;
__webpack_unused_export__ = RepositoryPolicyNotFoundException$;
__webpack_unused_export__ = RepositoryScanningConfiguration$;
__webpack_unused_export__ = RepositoryScanningConfigurationFailure$;
__webpack_unused_export__ = Resource$;
__webpack_unused_export__ = ResourceDetails$;
__webpack_unused_export__ = ScanFrequency;
__webpack_unused_export__ = ScanNotFoundException;
__webpack_unused_export__ = ScanNotFoundException$;
__webpack_unused_export__ = ScanStatus;
__webpack_unused_export__ = ScanType;
__webpack_unused_export__ = ScanningConfigurationFailureCode;
__webpack_unused_export__ = ScanningRepositoryFilter$;
__webpack_unused_export__ = ScanningRepositoryFilterType;
__webpack_unused_export__ = ScoreDetails$;
__webpack_unused_export__ = SecretNotFoundException;
__webpack_unused_export__ = SecretNotFoundException$;
__webpack_unused_export__ = ServerException;
__webpack_unused_export__ = ServerException$;
__webpack_unused_export__ = SetRepositoryPolicy$;
__webpack_unused_export__ = SetRepositoryPolicyCommand;
__webpack_unused_export__ = SetRepositoryPolicyRequest$;
__webpack_unused_export__ = SetRepositoryPolicyResponse$;
__webpack_unused_export__ = SigningConfiguration$;
__webpack_unused_export__ = SigningConfigurationNotFoundException;
__webpack_unused_export__ = SigningConfigurationNotFoundException$;
__webpack_unused_export__ = SigningRepositoryFilter$;
__webpack_unused_export__ = SigningRepositoryFilterType;
__webpack_unused_export__ = SigningRule$;
__webpack_unused_export__ = SigningStatus;
__webpack_unused_export__ = StartImageScan$;
__webpack_unused_export__ = StartImageScanCommand;
__webpack_unused_export__ = StartImageScanRequest$;
__webpack_unused_export__ = StartImageScanResponse$;
__webpack_unused_export__ = StartLifecyclePolicyPreview$;
__webpack_unused_export__ = StartLifecyclePolicyPreviewCommand;
__webpack_unused_export__ = StartLifecyclePolicyPreviewRequest$;
__webpack_unused_export__ = StartLifecyclePolicyPreviewResponse$;
__webpack_unused_export__ = StartReplicationBackfill$;
__webpack_unused_export__ = StartReplicationBackfillCommand;
__webpack_unused_export__ = StartReplicationBackfillRequest$;
__webpack_unused_export__ = StartReplicationBackfillResponse$;
__webpack_unused_export__ = StopReplicationBackfill$;
__webpack_unused_export__ = StopReplicationBackfillCommand;
__webpack_unused_export__ = StopReplicationBackfillRequest$;
__webpack_unused_export__ = StopReplicationBackfillResponse$;
__webpack_unused_export__ = SubjectIdentifier$;
__webpack_unused_export__ = Tag$;
__webpack_unused_export__ = TagResource$;
__webpack_unused_export__ = TagResourceCommand;
__webpack_unused_export__ = TagResourceRequest$;
__webpack_unused_export__ = TagResourceResponse$;
__webpack_unused_export__ = TagStatus;
__webpack_unused_export__ = TargetStorageClass;
__webpack_unused_export__ = TemplateAlreadyExistsException;
__webpack_unused_export__ = TemplateAlreadyExistsException$;
__webpack_unused_export__ = TemplateNotFoundException;
__webpack_unused_export__ = TemplateNotFoundException$;
__webpack_unused_export__ = TooManyTagsException;
__webpack_unused_export__ = TooManyTagsException$;
__webpack_unused_export__ = TransitioningImageTotalCount$;
__webpack_unused_export__ = UnableToAccessSecretException;
__webpack_unused_export__ = UnableToAccessSecretException$;
__webpack_unused_export__ = UnableToDecryptSecretValueException;
__webpack_unused_export__ = UnableToDecryptSecretValueException$;
__webpack_unused_export__ = UnableToGetUpstreamImageException;
__webpack_unused_export__ = UnableToGetUpstreamImageException$;
__webpack_unused_export__ = UnableToGetUpstreamLayerException;
__webpack_unused_export__ = UnableToGetUpstreamLayerException$;
__webpack_unused_export__ = UnableToListUpstreamImageReferrersException;
__webpack_unused_export__ = UnableToListUpstreamImageReferrersException$;
__webpack_unused_export__ = UnsupportedImageTypeException;
__webpack_unused_export__ = UnsupportedImageTypeException$;
__webpack_unused_export__ = UnsupportedUpstreamRegistryException;
__webpack_unused_export__ = UnsupportedUpstreamRegistryException$;
__webpack_unused_export__ = UntagResource$;
__webpack_unused_export__ = UntagResourceCommand;
__webpack_unused_export__ = UntagResourceRequest$;
__webpack_unused_export__ = UntagResourceResponse$;
__webpack_unused_export__ = UpdateImageStorageClass$;
__webpack_unused_export__ = UpdateImageStorageClassCommand;
__webpack_unused_export__ = UpdateImageStorageClassRequest$;
__webpack_unused_export__ = UpdateImageStorageClassResponse$;
__webpack_unused_export__ = UpdatePullThroughCacheRule$;
__webpack_unused_export__ = UpdatePullThroughCacheRuleCommand;
__webpack_unused_export__ = UpdatePullThroughCacheRuleRequest$;
__webpack_unused_export__ = UpdatePullThroughCacheRuleResponse$;
__webpack_unused_export__ = UpdateRepositoryCreationTemplate$;
__webpack_unused_export__ = UpdateRepositoryCreationTemplateCommand;
__webpack_unused_export__ = UpdateRepositoryCreationTemplateRequest$;
__webpack_unused_export__ = UpdateRepositoryCreationTemplateResponse$;
__webpack_unused_export__ = UploadLayerPart$;
__webpack_unused_export__ = UploadLayerPartCommand;
__webpack_unused_export__ = UploadLayerPartRequest$;
__webpack_unused_export__ = UploadLayerPartResponse$;
__webpack_unused_export__ = UploadNotFoundException;
__webpack_unused_export__ = UploadNotFoundException$;
__webpack_unused_export__ = UpstreamRegistry;
__webpack_unused_export__ = ValidatePullThroughCacheRule$;
__webpack_unused_export__ = ValidatePullThroughCacheRuleCommand;
__webpack_unused_export__ = ValidatePullThroughCacheRuleRequest$;
__webpack_unused_export__ = ValidatePullThroughCacheRuleResponse$;
__webpack_unused_export__ = ValidationException;
__webpack_unused_export__ = ValidationException$;
__webpack_unused_export__ = VulnerablePackage$;
__webpack_unused_export__ = errorTypeRegistries;
__webpack_unused_export__ = paginateDescribeImageScanFindings;
__webpack_unused_export__ = paginateDescribeImages;
__webpack_unused_export__ = paginateDescribePullThroughCacheRules;
__webpack_unused_export__ = paginateDescribeReplicationBackfillResults;
__webpack_unused_export__ = paginateDescribeRepositories;
__webpack_unused_export__ = paginateDescribeRepositoryCreationTemplates;
__webpack_unused_export__ = paginateGetLifecyclePolicyPreview;
__webpack_unused_export__ = paginateListImages;
__webpack_unused_export__ = paginateListReplicationBackfills;
__webpack_unused_export__ = waitForImageScanComplete;
__webpack_unused_export__ = waitForLifecyclePolicyPreviewComplete;
__webpack_unused_export__ = waitUntilImageScanComplete;
__webpack_unused_export__ = waitUntilLifecyclePolicyPreviewComplete;


/***/ }),

/***/ 586:
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
const { AwsQueryProtocol } = __webpack_require__(7288);
const { Sha256 } = __webpack_require__(9542);

const defaultElasticLoadBalancingV2HttpAuthSchemeParametersProvider = async (config, context, input) => {
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
            name: "elasticloadbalancing",
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
const defaultElasticLoadBalancingV2HttpAuthSchemeProvider = (authParameters) => {
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
        defaultSigningName: "elasticloadbalancing",
    });
};
const commonParams = {
    UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
    Endpoint: { type: "builtInParams", name: "endpoint" },
    Region: { type: "builtInParams", name: "region" },
    UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" },
};

var version = "3.1141.0";
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
        [e, [{ fn: f, argv: [h, "supportsFIPS"] }, b]],
        ["stringEquals", [{ fn: f, argv: [h, "name"] }, "aws-us-gov"]]
    ],
    results: [
        [a],
        [a, "Invalid Configuration: FIPS and custom endpoint are not supported"],
        [a, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
        [g, i],
        ["https://elasticloadbalancing-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "FIPS and DualStack are enabled, but this partition does not support one or both"],
        ["https://elasticloadbalancing.{Region}.amazonaws.com", i],
        ["https://elasticloadbalancing-fips.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "FIPS is enabled but this partition does not support FIPS"],
        ["https://elasticloadbalancing.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "DualStack is enabled but this partition does not support DualStack"],
        ["https://elasticloadbalancing.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "Invalid Configuration: Missing Region"]
    ]
};
const root = 2;
const r = 100_000_000;
const nodes = new Int32Array([
    -1, 1, -1,
    0, 13, 3,
    1, 4, r + 12,
    2, 5, r + 12,
    3, 8, 6,
    4, 7, r + 11,
    5, r + 9, r + 10,
    4, 11, 9,
    6, 10, r + 8,
    7, r + 6, r + 7,
    5, 12, r + 5,
    6, r + 4, r + 5,
    3, r + 1, 14,
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

class ElasticLoadBalancingV2ServiceException extends ServiceException {
    constructor(options) {
        super(options);
        Object.setPrototypeOf(this, ElasticLoadBalancingV2ServiceException.prototype);
    }
}

class CertificateNotFoundException extends ElasticLoadBalancingV2ServiceException {
    name = "CertificateNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "CertificateNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, CertificateNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class ListenerNotFoundException extends ElasticLoadBalancingV2ServiceException {
    name = "ListenerNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ListenerNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ListenerNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class TooManyCertificatesException extends ElasticLoadBalancingV2ServiceException {
    name = "TooManyCertificatesException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "TooManyCertificatesException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TooManyCertificatesException.prototype);
        this.Message = opts.Message;
    }
}
class DuplicateTagKeysException extends ElasticLoadBalancingV2ServiceException {
    name = "DuplicateTagKeysException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "DuplicateTagKeysException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DuplicateTagKeysException.prototype);
        this.Message = opts.Message;
    }
}
class LoadBalancerNotFoundException extends ElasticLoadBalancingV2ServiceException {
    name = "LoadBalancerNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "LoadBalancerNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, LoadBalancerNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class RuleNotFoundException extends ElasticLoadBalancingV2ServiceException {
    name = "RuleNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "RuleNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, RuleNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class TargetGroupNotFoundException extends ElasticLoadBalancingV2ServiceException {
    name = "TargetGroupNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "TargetGroupNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TargetGroupNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class TooManyTagsException extends ElasticLoadBalancingV2ServiceException {
    name = "TooManyTagsException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "TooManyTagsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TooManyTagsException.prototype);
        this.Message = opts.Message;
    }
}
class TrustStoreNotFoundException extends ElasticLoadBalancingV2ServiceException {
    name = "TrustStoreNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "TrustStoreNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TrustStoreNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidRevocationContentException extends ElasticLoadBalancingV2ServiceException {
    name = "InvalidRevocationContentException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidRevocationContentException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidRevocationContentException.prototype);
        this.Message = opts.Message;
    }
}
class RevocationContentNotFoundException extends ElasticLoadBalancingV2ServiceException {
    name = "RevocationContentNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "RevocationContentNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, RevocationContentNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class TooManyTrustStoreRevocationEntriesException extends ElasticLoadBalancingV2ServiceException {
    name = "TooManyTrustStoreRevocationEntriesException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "TooManyTrustStoreRevocationEntriesException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TooManyTrustStoreRevocationEntriesException.prototype);
        this.Message = opts.Message;
    }
}
class AllocationIdNotFoundException extends ElasticLoadBalancingV2ServiceException {
    name = "AllocationIdNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "AllocationIdNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, AllocationIdNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class ALPNPolicyNotSupportedException extends ElasticLoadBalancingV2ServiceException {
    name = "ALPNPolicyNotSupportedException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ALPNPolicyNotSupportedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ALPNPolicyNotSupportedException.prototype);
        this.Message = opts.Message;
    }
}
class AvailabilityZoneNotSupportedException extends ElasticLoadBalancingV2ServiceException {
    name = "AvailabilityZoneNotSupportedException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "AvailabilityZoneNotSupportedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, AvailabilityZoneNotSupportedException.prototype);
        this.Message = opts.Message;
    }
}
class CaCertificatesBundleNotFoundException extends ElasticLoadBalancingV2ServiceException {
    name = "CaCertificatesBundleNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "CaCertificatesBundleNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, CaCertificatesBundleNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class CapacityDecreaseRequestsLimitExceededException extends ElasticLoadBalancingV2ServiceException {
    name = "CapacityDecreaseRequestsLimitExceededException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "CapacityDecreaseRequestsLimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, CapacityDecreaseRequestsLimitExceededException.prototype);
        this.Message = opts.Message;
    }
}
class CapacityReservationPendingException extends ElasticLoadBalancingV2ServiceException {
    name = "CapacityReservationPendingException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "CapacityReservationPendingException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, CapacityReservationPendingException.prototype);
        this.Message = opts.Message;
    }
}
class CapacityUnitsLimitExceededException extends ElasticLoadBalancingV2ServiceException {
    name = "CapacityUnitsLimitExceededException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "CapacityUnitsLimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, CapacityUnitsLimitExceededException.prototype);
        this.Message = opts.Message;
    }
}
class DuplicateListenerException extends ElasticLoadBalancingV2ServiceException {
    name = "DuplicateListenerException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "DuplicateListenerException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DuplicateListenerException.prototype);
        this.Message = opts.Message;
    }
}
class IncompatibleProtocolsException extends ElasticLoadBalancingV2ServiceException {
    name = "IncompatibleProtocolsException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "IncompatibleProtocolsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, IncompatibleProtocolsException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidConfigurationRequestException extends ElasticLoadBalancingV2ServiceException {
    name = "InvalidConfigurationRequestException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidConfigurationRequestException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidConfigurationRequestException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidLoadBalancerActionException extends ElasticLoadBalancingV2ServiceException {
    name = "InvalidLoadBalancerActionException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidLoadBalancerActionException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidLoadBalancerActionException.prototype);
        this.Message = opts.Message;
    }
}
class SSLPolicyNotFoundException extends ElasticLoadBalancingV2ServiceException {
    name = "SSLPolicyNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "SSLPolicyNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, SSLPolicyNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class TargetGroupAssociationLimitException extends ElasticLoadBalancingV2ServiceException {
    name = "TargetGroupAssociationLimitException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "TargetGroupAssociationLimitException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TargetGroupAssociationLimitException.prototype);
        this.Message = opts.Message;
    }
}
class TooManyActionsException extends ElasticLoadBalancingV2ServiceException {
    name = "TooManyActionsException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "TooManyActionsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TooManyActionsException.prototype);
        this.Message = opts.Message;
    }
}
class TooManyListenersException extends ElasticLoadBalancingV2ServiceException {
    name = "TooManyListenersException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "TooManyListenersException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TooManyListenersException.prototype);
        this.Message = opts.Message;
    }
}
class TooManyRegistrationsForTargetIdException extends ElasticLoadBalancingV2ServiceException {
    name = "TooManyRegistrationsForTargetIdException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "TooManyRegistrationsForTargetIdException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TooManyRegistrationsForTargetIdException.prototype);
        this.Message = opts.Message;
    }
}
class TooManyTargetsException extends ElasticLoadBalancingV2ServiceException {
    name = "TooManyTargetsException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "TooManyTargetsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TooManyTargetsException.prototype);
        this.Message = opts.Message;
    }
}
class TooManyUniqueTargetGroupsPerLoadBalancerException extends ElasticLoadBalancingV2ServiceException {
    name = "TooManyUniqueTargetGroupsPerLoadBalancerException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "TooManyUniqueTargetGroupsPerLoadBalancerException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TooManyUniqueTargetGroupsPerLoadBalancerException.prototype);
        this.Message = opts.Message;
    }
}
class TrustStoreNotReadyException extends ElasticLoadBalancingV2ServiceException {
    name = "TrustStoreNotReadyException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "TrustStoreNotReadyException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TrustStoreNotReadyException.prototype);
        this.Message = opts.Message;
    }
}
class UnsupportedProtocolException extends ElasticLoadBalancingV2ServiceException {
    name = "UnsupportedProtocolException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "UnsupportedProtocolException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, UnsupportedProtocolException.prototype);
        this.Message = opts.Message;
    }
}
class DuplicateLoadBalancerNameException extends ElasticLoadBalancingV2ServiceException {
    name = "DuplicateLoadBalancerNameException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "DuplicateLoadBalancerNameException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DuplicateLoadBalancerNameException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidSchemeException extends ElasticLoadBalancingV2ServiceException {
    name = "InvalidSchemeException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidSchemeException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidSchemeException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidSecurityGroupException extends ElasticLoadBalancingV2ServiceException {
    name = "InvalidSecurityGroupException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidSecurityGroupException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidSecurityGroupException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidSubnetException extends ElasticLoadBalancingV2ServiceException {
    name = "InvalidSubnetException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidSubnetException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidSubnetException.prototype);
        this.Message = opts.Message;
    }
}
class OperationNotPermittedException extends ElasticLoadBalancingV2ServiceException {
    name = "OperationNotPermittedException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "OperationNotPermittedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, OperationNotPermittedException.prototype);
        this.Message = opts.Message;
    }
}
class ResourceInUseException extends ElasticLoadBalancingV2ServiceException {
    name = "ResourceInUseException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ResourceInUseException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceInUseException.prototype);
        this.Message = opts.Message;
    }
}
class SubnetNotFoundException extends ElasticLoadBalancingV2ServiceException {
    name = "SubnetNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "SubnetNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, SubnetNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class TooManyLoadBalancersException extends ElasticLoadBalancingV2ServiceException {
    name = "TooManyLoadBalancersException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "TooManyLoadBalancersException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TooManyLoadBalancersException.prototype);
        this.Message = opts.Message;
    }
}
class PriorityInUseException extends ElasticLoadBalancingV2ServiceException {
    name = "PriorityInUseException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "PriorityInUseException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, PriorityInUseException.prototype);
        this.Message = opts.Message;
    }
}
class TooManyRulesException extends ElasticLoadBalancingV2ServiceException {
    name = "TooManyRulesException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "TooManyRulesException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TooManyRulesException.prototype);
        this.Message = opts.Message;
    }
}
class TooManyTargetGroupsException extends ElasticLoadBalancingV2ServiceException {
    name = "TooManyTargetGroupsException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "TooManyTargetGroupsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TooManyTargetGroupsException.prototype);
        this.Message = opts.Message;
    }
}
class DuplicateTargetGroupNameException extends ElasticLoadBalancingV2ServiceException {
    name = "DuplicateTargetGroupNameException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "DuplicateTargetGroupNameException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DuplicateTargetGroupNameException.prototype);
        this.Message = opts.Message;
    }
}
class DuplicateTrustStoreNameException extends ElasticLoadBalancingV2ServiceException {
    name = "DuplicateTrustStoreNameException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "DuplicateTrustStoreNameException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DuplicateTrustStoreNameException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidCaCertificatesBundleException extends ElasticLoadBalancingV2ServiceException {
    name = "InvalidCaCertificatesBundleException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidCaCertificatesBundleException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidCaCertificatesBundleException.prototype);
        this.Message = opts.Message;
    }
}
class TooManyTrustStoresException extends ElasticLoadBalancingV2ServiceException {
    name = "TooManyTrustStoresException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "TooManyTrustStoresException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TooManyTrustStoresException.prototype);
        this.Message = opts.Message;
    }
}
class DeleteAssociationSameAccountException extends ElasticLoadBalancingV2ServiceException {
    name = "DeleteAssociationSameAccountException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "DeleteAssociationSameAccountException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DeleteAssociationSameAccountException.prototype);
        this.Message = opts.Message;
    }
}
class TrustStoreAssociationNotFoundException extends ElasticLoadBalancingV2ServiceException {
    name = "TrustStoreAssociationNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "TrustStoreAssociationNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TrustStoreAssociationNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class TrustStoreInUseException extends ElasticLoadBalancingV2ServiceException {
    name = "TrustStoreInUseException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "TrustStoreInUseException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TrustStoreInUseException.prototype);
        this.Message = opts.Message;
    }
}
class InvalidTargetException extends ElasticLoadBalancingV2ServiceException {
    name = "InvalidTargetException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "InvalidTargetException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidTargetException.prototype);
        this.Message = opts.Message;
    }
}
class HealthUnavailableException extends ElasticLoadBalancingV2ServiceException {
    name = "HealthUnavailableException";
    $fault = "server";
    Message;
    constructor(opts) {
        super({
            name: "HealthUnavailableException",
            $fault: "server",
            ...opts,
        });
        Object.setPrototypeOf(this, HealthUnavailableException.prototype);
        this.Message = opts.Message;
    }
}
class RevocationIdNotFoundException extends ElasticLoadBalancingV2ServiceException {
    name = "RevocationIdNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "RevocationIdNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, RevocationIdNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class ResourceNotFoundException extends ElasticLoadBalancingV2ServiceException {
    name = "ResourceNotFoundException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "ResourceNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceNotFoundException.prototype);
        this.Message = opts.Message;
    }
}
class InsufficientCapacityException extends ElasticLoadBalancingV2ServiceException {
    name = "InsufficientCapacityException";
    $fault = "server";
    Message;
    constructor(opts) {
        super({
            name: "InsufficientCapacityException",
            $fault: "server",
            ...opts,
        });
        Object.setPrototypeOf(this, InsufficientCapacityException.prototype);
        this.Message = opts.Message;
    }
}
class PriorRequestNotCompleteException extends ElasticLoadBalancingV2ServiceException {
    name = "PriorRequestNotCompleteException";
    $fault = "client";
    Message;
    constructor(opts) {
        super({
            name: "PriorRequestNotCompleteException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, PriorRequestNotCompleteException.prototype);
        this.Message = opts.Message;
    }
}

const _A = "Action";
const _AC = "AdditionalClaims";
const _ACAC = "AuthenticateCognitoActionConfig";
const _ACC = "AuthenticateCognitoConfig";
const _AD = "AnomalyDetection";
const _AE = "AuthorizationEndpoint";
const _AI = "AllocationId";
const _AINFE = "AllocationIdNotFoundException";
const _ALC = "AddListenerCertificates";
const _ALCI = "AddListenerCertificatesInput";
const _ALCO = "AddListenerCertificatesOutput";
const _ALPNPNSE = "ALPNPolicyNotSupportedException";
const _AO = "AdministrativeOverride";
const _AOAC = "AuthenticateOidcActionConfig";
const _AOC = "AuthenticateOidcConfig";
const _AP = "AlpnPolicy";
const _AREP = "AuthenticationRequestExtraParams";
const _AT = "AddTags";
const _ATI = "AddTagsInput";
const _ATO = "AddTagsOutput";
const _ATSCN = "AdvertiseTrustStoreCaNames";
const _ATSR = "AddTrustStoreRevocations";
const _ATSRI = "AddTrustStoreRevocationsInput";
const _ATSRO = "AddTrustStoreRevocationsOutput";
const _AZ = "AvailabilityZone";
const _AZNSE = "AvailabilityZoneNotSupportedException";
const _AZv = "AvailabilityZones";
const _Ac = "Actions";
const _At = "Attributes";
const _C = "Certificates";
const _CA = "CertificateArn";
const _CCBNFE = "CaCertificatesBundleNotFoundException";
const _CCBSB = "CaCertificatesBundleS3Bucket";
const _CCBSK = "CaCertificatesBundleS3Key";
const _CCBSOV = "CaCertificatesBundleS3ObjectVersion";
const _CDRLEE = "CapacityDecreaseRequestsLimitExceededException";
const _CHZI = "CanonicalHostedZoneId";
const _CI = "ClientId";
const _CL = "CertificateList";
const _CLB = "CreateLoadBalancer";
const _CLBI = "CreateLoadBalancerInput";
const _CLBO = "CreateLoadBalancerOutput";
const _CLI = "CreateListenerInput";
const _CLO = "CreateListenerOutput";
const _CLr = "CreateListener";
const _CNFE = "CertificateNotFoundException";
const _COIP = "CustomerOwnedIpv4Pool";
const _CR = "CreateRule";
const _CRI = "CreateRuleInput";
const _CRO = "CreateRuleOutput";
const _CRPE = "CapacityReservationPendingException";
const _CRS = "CapacityReservationStatus";
const _CRSa = "CapacityReservationState";
const _CS = "ClientSecret";
const _CT = "ContentType";
const _CTG = "CreateTargetGroup";
const _CTGI = "CreateTargetGroupInput";
const _CTGO = "CreateTargetGroupOutput";
const _CTS = "CreateTrustStore";
const _CTSI = "CreateTrustStoreInput";
const _CTSO = "CreateTrustStoreOutput";
const _CTr = "CreatedTime";
const _CU = "CapacityUnits";
const _CULEE = "CapacityUnitsLimitExceededException";
const _Ce = "Certificate";
const _Ci = "Cipher";
const _Cip = "Ciphers";
const _Co = "Code";
const _Con = "Conditions";
const _D = "Description";
const _DA = "DefaultActions";
const _DAL = "DescribeAccountLimits";
const _DALI = "DescribeAccountLimitsInput";
const _DALO = "DescribeAccountLimitsOutput";
const _DASAE = "DeleteAssociationSameAccountException";
const _DCR = "DescribeCapacityReservation";
const _DCRI = "DescribeCapacityReservationInput";
const _DCRO = "DescribeCapacityReservationOutput";
const _DL = "DeleteListener";
const _DLA = "DescribeListenerAttributes";
const _DLAI = "DescribeListenerAttributesInput";
const _DLAO = "DescribeListenerAttributesOutput";
const _DLB = "DeleteLoadBalancer";
const _DLBA = "DescribeLoadBalancerAttributes";
const _DLBAI = "DescribeLoadBalancerAttributesInput";
const _DLBAO = "DescribeLoadBalancerAttributesOutput";
const _DLBI = "DeleteLoadBalancerInput";
const _DLBIe = "DescribeLoadBalancersInput";
const _DLBNE = "DuplicateLoadBalancerNameException";
const _DLBO = "DeleteLoadBalancerOutput";
const _DLBOe = "DescribeLoadBalancersOutput";
const _DLBe = "DescribeLoadBalancers";
const _DLC = "DescribeListenerCertificates";
const _DLCI = "DescribeListenerCertificatesInput";
const _DLCO = "DescribeListenerCertificatesOutput";
const _DLE = "DuplicateListenerException";
const _DLI = "DeleteListenerInput";
const _DLIe = "DescribeListenersInput";
const _DLO = "DeleteListenerOutput";
const _DLOe = "DescribeListenersOutput";
const _DLe = "DescribeListeners";
const _DNSN = "DNSName";
const _DR = "DeleteRule";
const _DRI = "DeleteRuleInput";
const _DRIe = "DescribeRulesInput";
const _DRO = "DeleteRuleOutput";
const _DROe = "DescribeRulesOutput";
const _DRR = "DecreaseRequestsRemaining";
const _DRe = "DescribeRules";
const _DS = "DurationSeconds";
const _DSSLP = "DescribeSSLPolicies";
const _DSSLPI = "DescribeSSLPoliciesInput";
const _DSSLPO = "DescribeSSLPoliciesOutput";
const _DSTSA = "DeleteSharedTrustStoreAssociation";
const _DSTSAI = "DeleteSharedTrustStoreAssociationInput";
const _DSTSAO = "DeleteSharedTrustStoreAssociationOutput";
const _DT = "DeregisterTargets";
const _DTG = "DeleteTargetGroup";
const _DTGA = "DescribeTargetGroupAttributes";
const _DTGAI = "DescribeTargetGroupAttributesInput";
const _DTGAO = "DescribeTargetGroupAttributesOutput";
const _DTGI = "DeleteTargetGroupInput";
const _DTGIe = "DescribeTargetGroupsInput";
const _DTGNE = "DuplicateTargetGroupNameException";
const _DTGO = "DeleteTargetGroupOutput";
const _DTGOe = "DescribeTargetGroupsOutput";
const _DTGe = "DescribeTargetGroups";
const _DTH = "DescribeTargetHealth";
const _DTHI = "DescribeTargetHealthInput";
const _DTHO = "DescribeTargetHealthOutput";
const _DTI = "DeregisterTargetsInput";
const _DTIe = "DescribeTagsInput";
const _DTKE = "DuplicateTagKeysException";
const _DTO = "DeregisterTargetsOutput";
const _DTOe = "DescribeTagsOutput";
const _DTS = "DeleteTrustStore";
const _DTSA = "DescribeTrustStoreAssociations";
const _DTSAI = "DescribeTrustStoreAssociationsInput";
const _DTSAO = "DescribeTrustStoreAssociationsOutput";
const _DTSI = "DeleteTrustStoreInput";
const _DTSIe = "DescribeTrustStoresInput";
const _DTSNE = "DuplicateTrustStoreNameException";
const _DTSO = "DeleteTrustStoreOutput";
const _DTSOe = "DescribeTrustStoresOutput";
const _DTSR = "DescribeTrustStoreRevocation";
const _DTSRI = "DescribeTrustStoreRevocationsInput";
const _DTSRO = "DescribeTrustStoreRevocationsOutput";
const _DTSRR = "DescribeTrustStoreRevocationResponse";
const _DTSRe = "DescribeTrustStoreRevocations";
const _DTSe = "DescribeTrustStores";
const _DTe = "DescribeTags";
const _E = "Enabled";
const _ECU = "EffectiveCapacityUnits";
const _EPFISN = "EnablePrefixForIpv6SourceNat";
const _ESGIROPLT = "EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic";
const _F = "Format";
const _FAC = "ForwardActionConfig";
const _FC = "ForwardConfig";
const _FRAC = "FixedResponseActionConfig";
const _FRC = "FixedResponseConfig";
const _Fi = "Field";
const _GC = "GrpcCode";
const _GRP = "GetResourcePolicy";
const _GRPI = "GetResourcePolicyInput";
const _GRPO = "GetResourcePolicyOutput";
const _GTSCCB = "GetTrustStoreCaCertificatesBundle";
const _GTSCCBI = "GetTrustStoreCaCertificatesBundleInput";
const _GTSCCBO = "GetTrustStoreCaCertificatesBundleOutput";
const _GTSRC = "GetTrustStoreRevocationContent";
const _GTSRCI = "GetTrustStoreRevocationContentInput";
const _GTSRCO = "GetTrustStoreRevocationContentOutput";
const _H = "Host";
const _HC = "HttpCode";
const _HCE = "HealthCheckEnabled";
const _HCIS = "HealthCheckIntervalSeconds";
const _HCP = "HealthCheckProtocol";
const _HCPe = "HealthCheckPort";
const _HCPea = "HealthCheckPath";
const _HCTS = "HealthCheckTimeoutSeconds";
const _HHC = "HostHeaderConfig";
const _HHCC = "HostHeaderConditionConfig";
const _HHCCt = "HttpHeaderConditionConfig";
const _HHCt = "HttpHeaderConfig";
const _HHN = "HttpHeaderName";
const _HHRC = "HostHeaderRewriteConfig";
const _HRMC = "HttpRequestMethodConfig";
const _HRMCC = "HttpRequestMethodConditionConfig";
const _HTC = "HealthyThresholdCount";
const _HUE = "HealthUnavailableException";
const _I = "Issuer";
const _IA = "IpAddress";
const _IAT = "IpAddressType";
const _ICCBE = "InvalidCaCertificatesBundleException";
const _ICCE = "IgnoreClientCertificateExpiry";
const _ICE = "InsufficientCapacityException";
const _ICRE = "InvalidConfigurationRequestException";
const _ID = "IsDefault";
const _IIPI = "Ipv4IpamPoolId";
const _ILBAE = "InvalidLoadBalancerActionException";
const _IP = "IpamPools";
const _IPA = "IPv6Address";
const _IPE = "IncompatibleProtocolsException";
const _IRCE = "InvalidRevocationContentException";
const _ISE = "InvalidSchemeException";
const _ISEn = "InvalidSubnetException";
const _ISGE = "InvalidSecurityGroupException";
const _ITE = "InvalidTargetException";
const _Id = "Id";
const _In = "Include";
const _JE = "JwksEndpoint";
const _JVAAC = "JwtValidationActionAdditionalClaim";
const _JVAACw = "JwtValidationActionAdditionalClaims";
const _JVAC = "JwtValidationActionConfig";
const _JVC = "JwtValidationConfig";
const _K = "Key";
const _L = "Listeners";
const _LA = "ListenerArn";
const _LAi = "ListenerArns";
const _LAis = "ListenerAttribute";
const _LAist = "ListenerAttributes";
const _LB = "LoadBalancers";
const _LBA = "LoadBalancerAddresses";
const _LBAo = "LoadBalancerArn";
const _LBAoa = "LoadBalancerArns";
const _LBAoad = "LoadBalancerAddress";
const _LBAoada = "LoadBalancerAttribute";
const _LBAoadal = "LoadBalancerAttributes";
const _LBN = "LoadBalancerName";
const _LBNFE = "LoadBalancerNotFoundException";
const _LBS = "LoadBalancerState";
const _LBT = "LoadBalancerType";
const _LBo = "LoadBalancer";
const _LMT = "LastModifiedTime";
const _LNFE = "ListenerNotFoundException";
const _Li = "Limits";
const _Lim = "Limit";
const _Lis = "Listener";
const _Lo = "Location";
const _M = "Message";
const _MA = "MutualAuthentication";
const _MAA = "MutualAuthenticationAttributes";
const _MB = "MessageBody";
const _MCR = "ModifyCapacityReservation";
const _MCRI = "ModifyCapacityReservationInput";
const _MCRO = "ModifyCapacityReservationOutput";
const _MIE = "MitigationInEffect";
const _MIP = "ModifyIpPools";
const _MIPI = "ModifyIpPoolsInput";
const _MIPO = "ModifyIpPoolsOutput";
const _ML = "ModifyListener";
const _MLA = "ModifyListenerAttributes";
const _MLAI = "ModifyListenerAttributesInput";
const _MLAO = "ModifyListenerAttributesOutput";
const _MLBA = "ModifyLoadBalancerAttributes";
const _MLBAI = "ModifyLoadBalancerAttributesInput";
const _MLBAO = "ModifyLoadBalancerAttributesOutput";
const _MLBC = "MinimumLoadBalancerCapacity";
const _MLI = "ModifyListenerInput";
const _MLO = "ModifyListenerOutput";
const _MR = "ModifyRule";
const _MRI = "ModifyRuleInput";
const _MRO = "ModifyRuleOutput";
const _MTG = "ModifyTargetGroup";
const _MTGA = "ModifyTargetGroupAttributes";
const _MTGAI = "ModifyTargetGroupAttributesInput";
const _MTGAO = "ModifyTargetGroupAttributesOutput";
const _MTGI = "ModifyTargetGroupInput";
const _MTGO = "ModifyTargetGroupOutput";
const _MTS = "ModifyTrustStore";
const _MTSI = "ModifyTrustStoreInput";
const _MTSO = "ModifyTrustStoreOutput";
const _Ma = "Matcher";
const _Mar = "Marker";
const _Max = "Max";
const _Mo = "Mode";
const _N = "Name";
const _NM = "NextMarker";
const _NOCC = "NumberOfCaCertificates";
const _NORE = "NumberOfRevokedEntries";
const _Na = "Names";
const _O = "Order";
const _OI = "OutpostId";
const _ONPE = "OperationNotPermittedException";
const _OUR = "OnUnauthenticatedRequest";
const _P = "Priority";
const _PIPA = "PrivateIPv4Address";
const _PIUE = "PriorityInUseException";
const _PPC = "PathPatternConfig";
const _PPCC = "PathPatternConditionConfig";
const _PRNCE = "PriorRequestNotCompleteException";
const _PS = "PageSize";
const _PV = "ProtocolVersion";
const _Pa = "Path";
const _Po = "Port";
const _Pol = "Policy";
const _Pr = "Protocol";
const _Q = "Query";
const _QSC = "QueryStringConfig";
const _QSCC = "QueryStringConditionConfig";
const _QSI = "QuicServerId";
const _QSKVP = "QueryStringKeyValuePair";
const _QSKVPL = "QueryStringKeyValuePairList";
const _R = "Reason";
const _RA = "ResourceArns";
const _RAC = "RedirectActionConfig";
const _RAe = "ResourceArn";
const _RAu = "RuleArn";
const _RAul = "RuleArns";
const _RC = "RedirectConfig";
const _RCL = "RewriteConfigList";
const _RCLu = "RuleConditionList";
const _RCNFE = "RevocationContentNotFoundException";
const _RCR = "ResetCapacityReservation";
const _RCe = "RevocationContents";
const _RCev = "RevocationContent";
const _RCew = "RewriteConfig";
const _RCu = "RuleCondition";
const _RI = "RevocationId";
const _RINFE = "RevocationIdNotFoundException";
const _RIP = "RemoveIpamPools";
const _RIUE = "ResourceInUseException";
const _RIe = "RevocationIds";
const _RLC = "RemoveListenerCertificates";
const _RLCI = "RemoveListenerCertificatesInput";
const _RLCO = "RemoveListenerCertificatesOutput";
const _RNFE = "ResourceNotFoundException";
const _RNFEu = "RuleNotFoundException";
const _RP = "RulePriorities";
const _RPL = "RulePriorityList";
const _RPP = "RulePriorityPair";
const _RT = "RevocationType";
const _RTI = "RegisterTargetsInput";
const _RTIe = "RemoveTagsInput";
const _RTL = "RuleTransformList";
const _RTO = "RegisterTargetsOutput";
const _RTOe = "RemoveTagsOutput";
const _RTSR = "RemoveTrustStoreRevocations";
const _RTSRI = "RemoveTrustStoreRevocationsInput";
const _RTSRO = "RemoveTrustStoreRevocationsOutput";
const _RTe = "ResetTransforms";
const _RTeg = "RegisterTargets";
const _RTem = "RemoveTags";
const _RTu = "RuleTransform";
const _RV = "RegexValues";
const _Re = "Result";
const _Reg = "Regex";
const _Rep = "Replace";
const _Rew = "Rewrites";
const _Ru = "Rules";
const _Rul = "Rule";
const _S = "State";
const _SB = "S3Bucket";
const _SC = "StatusCode";
const _SCN = "SessionCookieName";
const _SG = "SecurityGroups";
const _SGI = "SecurityGroupIds";
const _SI = "SubnetId";
const _SIAT = "SetIpAddressType";
const _SIATI = "SetIpAddressTypeInput";
const _SIATO = "SetIpAddressTypeOutput";
const _SIC = "SourceIpConfig";
const _SICC = "SourceIpConditionConfig";
const _SK = "S3Key";
const _SLBT = "SupportedLoadBalancerTypes";
const _SM = "SubnetMappings";
const _SMu = "SubnetMapping";
const _SNFE = "SubnetNotFoundException";
const _SNIP = "SourceNatIpv6Prefixes";
const _SNIPo = "SourceNatIpv6Prefix";
const _SOV = "S3ObjectVersion";
const _SP = "SslPolicy";
const _SPs = "SslPolicies";
const _SPsl = "SslProtocols";
const _SRP = "SetRulePriorities";
const _SRPI = "SetRulePrioritiesInput";
const _SRPO = "SetRulePrioritiesOutput";
const _SS = "SetSubnets";
const _SSG = "SetSecurityGroups";
const _SSGI = "SetSecurityGroupsInput";
const _SSGO = "SetSecurityGroupsOutput";
const _SSI = "SetSubnetsInput";
const _SSLPNFE = "SSLPolicyNotFoundException";
const _SSO = "SetSubnetsOutput";
const _ST = "SessionTimeout";
const _Sc = "Scope";
const _Sch = "Scheme";
const _St = "Status";
const _Su = "Subnets";
const _T = "Type";
const _TCP = "TargetControlPort";
const _TD = "TagDescriptions";
const _TDa = "TagDescription";
const _TDar = "TargetDescription";
const _TDarg = "TargetDescriptions";
const _TE = "TokenEndpoint";
const _TG = "TargetGroups";
const _TGA = "TargetGroupArn";
const _TGALE = "TargetGroupAssociationLimitException";
const _TGAa = "TargetGroupArns";
const _TGAar = "TargetGroupAttribute";
const _TGAarg = "TargetGroupAttributes";
const _TGL = "TargetGroupList";
const _TGN = "TargetGroupName";
const _TGNFE = "TargetGroupNotFoundException";
const _TGSC = "TargetGroupStickinessConfig";
const _TGT = "TargetGroupTuple";
const _TGa = "TargetGroup";
const _TH = "TargetHealth";
const _THD = "TargetHealthDescriptions";
const _THDa = "TargetHealthDescription";
const _TK = "TagKeys";
const _TL = "TagList";
const _TMAE = "TooManyActionsException";
const _TMCE = "TooManyCertificatesException";
const _TMLBE = "TooManyLoadBalancersException";
const _TMLE = "TooManyListenersException";
const _TMRE = "TooManyRulesException";
const _TMRFTIE = "TooManyRegistrationsForTargetIdException";
const _TMTE = "TooManyTagsException";
const _TMTEo = "TooManyTargetsException";
const _TMTGE = "TooManyTargetGroupsException";
const _TMTSE = "TooManyTrustStoresException";
const _TMTSREE = "TooManyTrustStoreRevocationEntriesException";
const _TMUTGPLBE = "TooManyUniqueTargetGroupsPerLoadBalancerException";
const _TRE = "TotalRevokedEntries";
const _TS = "TrustStores";
const _TSA = "TrustStoreArn";
const _TSANFE = "TrustStoreAssociationNotFoundException";
const _TSAS = "TrustStoreAssociationStatus";
const _TSAr = "TrustStoreAssociations";
const _TSAru = "TrustStoreArns";
const _TSArus = "TrustStoreAssociation";
const _TSIUE = "TrustStoreInUseException";
const _TSNFE = "TrustStoreNotFoundException";
const _TSNRE = "TrustStoreNotReadyException";
const _TSR = "TrustStoreRevocations";
const _TSRr = "TrustStoreRevocation";
const _TSr = "TrustStore";
const _TT = "TargetType";
const _Ta = "Tags";
const _Tag = "Tag";
const _Tar = "Targets";
const _Targ = "Target";
const _Tr = "Transforms";
const _UECS = "UseExistingClientSecret";
const _UIE = "UserInfoEndpoint";
const _UPA = "UserPoolArn";
const _UPCI = "UserPoolClientId";
const _UPD = "UserPoolDomain";
const _UPE = "UnsupportedProtocolException";
const _URC = "UrlRewriteConfig";
const _UTC = "UnhealthyThresholdCount";
const _V = "Values";
const _VI = "VpcId";
const _Va = "Value";
const _W = "Weight";
const _ZCRS = "ZonalCapacityReservationState";
const _ZCRSo = "ZonalCapacityReservationStates";
const _ZN = "ZoneName";
const _aQE = "awsQueryError";
const _c = "client";
const _e = "error";
const _hE = "httpError";
const _s = "smithy.ts.sdk.synthetic.com.amazonaws.elasticloadbalancingv2";
const _se = "server";
const n0 = "com.amazonaws.elasticloadbalancingv2";
const _s_registry = new TypeRegistry(_s);
var ElasticLoadBalancingV2ServiceException$ = [-3, _s, "ElasticLoadBalancingV2ServiceException", 0, [], []];
_s_registry.registerError(ElasticLoadBalancingV2ServiceException$, ElasticLoadBalancingV2ServiceException);
const n0_registry = new TypeRegistry(n0);
var AllocationIdNotFoundException$ = [-3, n0, _AINFE,
    { [_aQE]: [`AllocationIdNotFound`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(AllocationIdNotFoundException$, AllocationIdNotFoundException);
var ALPNPolicyNotSupportedException$ = [-3, n0, _ALPNPNSE,
    { [_aQE]: [`ALPNPolicyNotFound`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(ALPNPolicyNotSupportedException$, ALPNPolicyNotSupportedException);
var AvailabilityZoneNotSupportedException$ = [-3, n0, _AZNSE,
    { [_aQE]: [`AvailabilityZoneNotSupported`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(AvailabilityZoneNotSupportedException$, AvailabilityZoneNotSupportedException);
var CaCertificatesBundleNotFoundException$ = [-3, n0, _CCBNFE,
    { [_aQE]: [`CaCertificatesBundleNotFound`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(CaCertificatesBundleNotFoundException$, CaCertificatesBundleNotFoundException);
var CapacityDecreaseRequestsLimitExceededException$ = [-3, n0, _CDRLEE,
    { [_aQE]: [`CapacityDecreaseRequestLimitExceeded`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(CapacityDecreaseRequestsLimitExceededException$, CapacityDecreaseRequestsLimitExceededException);
var CapacityReservationPendingException$ = [-3, n0, _CRPE,
    { [_aQE]: [`CapacityReservationPending`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(CapacityReservationPendingException$, CapacityReservationPendingException);
var CapacityUnitsLimitExceededException$ = [-3, n0, _CULEE,
    { [_aQE]: [`CapacityUnitsLimitExceeded`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(CapacityUnitsLimitExceededException$, CapacityUnitsLimitExceededException);
var CertificateNotFoundException$ = [-3, n0, _CNFE,
    { [_aQE]: [`CertificateNotFound`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(CertificateNotFoundException$, CertificateNotFoundException);
var DeleteAssociationSameAccountException$ = [-3, n0, _DASAE,
    { [_aQE]: [`DeleteAssociationSameAccount`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(DeleteAssociationSameAccountException$, DeleteAssociationSameAccountException);
var DuplicateListenerException$ = [-3, n0, _DLE,
    { [_aQE]: [`DuplicateListener`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(DuplicateListenerException$, DuplicateListenerException);
var DuplicateLoadBalancerNameException$ = [-3, n0, _DLBNE,
    { [_aQE]: [`DuplicateLoadBalancerName`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(DuplicateLoadBalancerNameException$, DuplicateLoadBalancerNameException);
var DuplicateTagKeysException$ = [-3, n0, _DTKE,
    { [_aQE]: [`DuplicateTagKeys`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(DuplicateTagKeysException$, DuplicateTagKeysException);
var DuplicateTargetGroupNameException$ = [-3, n0, _DTGNE,
    { [_aQE]: [`DuplicateTargetGroupName`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(DuplicateTargetGroupNameException$, DuplicateTargetGroupNameException);
var DuplicateTrustStoreNameException$ = [-3, n0, _DTSNE,
    { [_aQE]: [`DuplicateTrustStoreName`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(DuplicateTrustStoreNameException$, DuplicateTrustStoreNameException);
var HealthUnavailableException$ = [-3, n0, _HUE,
    { [_aQE]: [`HealthUnavailable`, 500], [_e]: _se, [_hE]: 500 },
    [_M],
    [0]
];
n0_registry.registerError(HealthUnavailableException$, HealthUnavailableException);
var IncompatibleProtocolsException$ = [-3, n0, _IPE,
    { [_aQE]: [`IncompatibleProtocols`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(IncompatibleProtocolsException$, IncompatibleProtocolsException);
var InsufficientCapacityException$ = [-3, n0, _ICE,
    { [_aQE]: [`InsufficientCapacity`, 500], [_e]: _se, [_hE]: 500 },
    [_M],
    [0]
];
n0_registry.registerError(InsufficientCapacityException$, InsufficientCapacityException);
var InvalidCaCertificatesBundleException$ = [-3, n0, _ICCBE,
    { [_aQE]: [`InvalidCaCertificatesBundle`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidCaCertificatesBundleException$, InvalidCaCertificatesBundleException);
var InvalidConfigurationRequestException$ = [-3, n0, _ICRE,
    { [_aQE]: [`InvalidConfigurationRequest`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidConfigurationRequestException$, InvalidConfigurationRequestException);
var InvalidLoadBalancerActionException$ = [-3, n0, _ILBAE,
    { [_aQE]: [`InvalidLoadBalancerAction`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidLoadBalancerActionException$, InvalidLoadBalancerActionException);
var InvalidRevocationContentException$ = [-3, n0, _IRCE,
    { [_aQE]: [`InvalidRevocationContent`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidRevocationContentException$, InvalidRevocationContentException);
var InvalidSchemeException$ = [-3, n0, _ISE,
    { [_aQE]: [`InvalidScheme`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidSchemeException$, InvalidSchemeException);
var InvalidSecurityGroupException$ = [-3, n0, _ISGE,
    { [_aQE]: [`InvalidSecurityGroup`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidSecurityGroupException$, InvalidSecurityGroupException);
var InvalidSubnetException$ = [-3, n0, _ISEn,
    { [_aQE]: [`InvalidSubnet`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidSubnetException$, InvalidSubnetException);
var InvalidTargetException$ = [-3, n0, _ITE,
    { [_aQE]: [`InvalidTarget`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(InvalidTargetException$, InvalidTargetException);
var ListenerNotFoundException$ = [-3, n0, _LNFE,
    { [_aQE]: [`ListenerNotFound`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(ListenerNotFoundException$, ListenerNotFoundException);
var LoadBalancerNotFoundException$ = [-3, n0, _LBNFE,
    { [_aQE]: [`LoadBalancerNotFound`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(LoadBalancerNotFoundException$, LoadBalancerNotFoundException);
var OperationNotPermittedException$ = [-3, n0, _ONPE,
    { [_aQE]: [`OperationNotPermitted`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(OperationNotPermittedException$, OperationNotPermittedException);
var PriorityInUseException$ = [-3, n0, _PIUE,
    { [_aQE]: [`PriorityInUse`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(PriorityInUseException$, PriorityInUseException);
var PriorRequestNotCompleteException$ = [-3, n0, _PRNCE,
    { [_aQE]: [`PriorRequestNotComplete`, 429], [_e]: _c, [_hE]: 429 },
    [_M],
    [0]
];
n0_registry.registerError(PriorRequestNotCompleteException$, PriorRequestNotCompleteException);
var ResourceInUseException$ = [-3, n0, _RIUE,
    { [_aQE]: [`ResourceInUse`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(ResourceInUseException$, ResourceInUseException);
var ResourceNotFoundException$ = [-3, n0, _RNFE,
    { [_aQE]: [`ResourceNotFound`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(ResourceNotFoundException$, ResourceNotFoundException);
var RevocationContentNotFoundException$ = [-3, n0, _RCNFE,
    { [_aQE]: [`RevocationContentNotFound`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(RevocationContentNotFoundException$, RevocationContentNotFoundException);
var RevocationIdNotFoundException$ = [-3, n0, _RINFE,
    { [_aQE]: [`RevocationIdNotFound`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(RevocationIdNotFoundException$, RevocationIdNotFoundException);
var RuleNotFoundException$ = [-3, n0, _RNFEu,
    { [_aQE]: [`RuleNotFound`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(RuleNotFoundException$, RuleNotFoundException);
var SSLPolicyNotFoundException$ = [-3, n0, _SSLPNFE,
    { [_aQE]: [`SSLPolicyNotFound`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(SSLPolicyNotFoundException$, SSLPolicyNotFoundException);
var SubnetNotFoundException$ = [-3, n0, _SNFE,
    { [_aQE]: [`SubnetNotFound`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(SubnetNotFoundException$, SubnetNotFoundException);
var TargetGroupAssociationLimitException$ = [-3, n0, _TGALE,
    { [_aQE]: [`TargetGroupAssociationLimit`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(TargetGroupAssociationLimitException$, TargetGroupAssociationLimitException);
var TargetGroupNotFoundException$ = [-3, n0, _TGNFE,
    { [_aQE]: [`TargetGroupNotFound`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(TargetGroupNotFoundException$, TargetGroupNotFoundException);
var TooManyActionsException$ = [-3, n0, _TMAE,
    { [_aQE]: [`TooManyActions`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(TooManyActionsException$, TooManyActionsException);
var TooManyCertificatesException$ = [-3, n0, _TMCE,
    { [_aQE]: [`TooManyCertificates`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(TooManyCertificatesException$, TooManyCertificatesException);
var TooManyListenersException$ = [-3, n0, _TMLE,
    { [_aQE]: [`TooManyListeners`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(TooManyListenersException$, TooManyListenersException);
var TooManyLoadBalancersException$ = [-3, n0, _TMLBE,
    { [_aQE]: [`TooManyLoadBalancers`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(TooManyLoadBalancersException$, TooManyLoadBalancersException);
var TooManyRegistrationsForTargetIdException$ = [-3, n0, _TMRFTIE,
    { [_aQE]: [`TooManyRegistrationsForTargetId`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(TooManyRegistrationsForTargetIdException$, TooManyRegistrationsForTargetIdException);
var TooManyRulesException$ = [-3, n0, _TMRE,
    { [_aQE]: [`TooManyRules`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(TooManyRulesException$, TooManyRulesException);
var TooManyTagsException$ = [-3, n0, _TMTE,
    { [_aQE]: [`TooManyTags`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(TooManyTagsException$, TooManyTagsException);
var TooManyTargetGroupsException$ = [-3, n0, _TMTGE,
    { [_aQE]: [`TooManyTargetGroups`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(TooManyTargetGroupsException$, TooManyTargetGroupsException);
var TooManyTargetsException$ = [-3, n0, _TMTEo,
    { [_aQE]: [`TooManyTargets`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(TooManyTargetsException$, TooManyTargetsException);
var TooManyTrustStoreRevocationEntriesException$ = [-3, n0, _TMTSREE,
    { [_aQE]: [`TooManyTrustStoreRevocationEntries`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(TooManyTrustStoreRevocationEntriesException$, TooManyTrustStoreRevocationEntriesException);
var TooManyTrustStoresException$ = [-3, n0, _TMTSE,
    { [_aQE]: [`TooManyTrustStores`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(TooManyTrustStoresException$, TooManyTrustStoresException);
var TooManyUniqueTargetGroupsPerLoadBalancerException$ = [-3, n0, _TMUTGPLBE,
    { [_aQE]: [`TooManyUniqueTargetGroupsPerLoadBalancer`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(TooManyUniqueTargetGroupsPerLoadBalancerException$, TooManyUniqueTargetGroupsPerLoadBalancerException);
var TrustStoreAssociationNotFoundException$ = [-3, n0, _TSANFE,
    { [_aQE]: [`AssociationNotFound`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(TrustStoreAssociationNotFoundException$, TrustStoreAssociationNotFoundException);
var TrustStoreInUseException$ = [-3, n0, _TSIUE,
    { [_aQE]: [`TrustStoreInUse`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(TrustStoreInUseException$, TrustStoreInUseException);
var TrustStoreNotFoundException$ = [-3, n0, _TSNFE,
    { [_aQE]: [`TrustStoreNotFound`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(TrustStoreNotFoundException$, TrustStoreNotFoundException);
var TrustStoreNotReadyException$ = [-3, n0, _TSNRE,
    { [_aQE]: [`TrustStoreNotReady`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(TrustStoreNotReadyException$, TrustStoreNotReadyException);
var UnsupportedProtocolException$ = [-3, n0, _UPE,
    { [_aQE]: [`UnsupportedProtocol`, 400], [_e]: _c, [_hE]: 400 },
    [_M],
    [0]
];
n0_registry.registerError(UnsupportedProtocolException$, UnsupportedProtocolException);
const errorTypeRegistries = [
    _s_registry,
    n0_registry,
];
var Action$ = [3, n0, _A,
    0,
    [_T, _TGA, _AOC, _ACC, _O, _RC, _FRC, _FC, _JVC],
    [0, 0, () => AuthenticateOidcActionConfig$, () => AuthenticateCognitoActionConfig$, 1, () => RedirectActionConfig$, () => FixedResponseActionConfig$, () => ForwardActionConfig$, () => JwtValidationActionConfig$], 1
];
var AddListenerCertificatesInput$ = [3, n0, _ALCI,
    0,
    [_LA, _C],
    [0, () => CertificateList], 2
];
var AddListenerCertificatesOutput$ = [3, n0, _ALCO,
    0,
    [_C],
    [() => CertificateList]
];
var AddTagsInput$ = [3, n0, _ATI,
    0,
    [_RA, _Ta],
    [64 | 0, () => TagList], 2
];
var AddTagsOutput$ = [3, n0, _ATO,
    0,
    [],
    []
];
var AddTrustStoreRevocationsInput$ = [3, n0, _ATSRI,
    0,
    [_TSA, _RCe],
    [0, () => RevocationContents], 1
];
var AddTrustStoreRevocationsOutput$ = [3, n0, _ATSRO,
    0,
    [_TSR],
    [() => TrustStoreRevocations]
];
var AdministrativeOverride$ = [3, n0, _AO,
    0,
    [_S, _R, _D],
    [0, 0, 0]
];
var AnomalyDetection$ = [3, n0, _AD,
    0,
    [_Re, _MIE],
    [0, 0]
];
var AuthenticateCognitoActionConfig$ = [3, n0, _ACAC,
    0,
    [_UPA, _UPCI, _UPD, _SCN, _Sc, _ST, _AREP, _OUR],
    [0, 0, 0, 0, 0, 1, 128 | 0, 0], 3
];
var AuthenticateOidcActionConfig$ = [3, n0, _AOAC,
    0,
    [_I, _AE, _TE, _UIE, _CI, _CS, _SCN, _Sc, _ST, _AREP, _OUR, _UECS],
    [0, 0, 0, 0, 0, 0, 0, 0, 1, 128 | 0, 0, 2], 5
];
var AvailabilityZone$ = [3, n0, _AZ,
    0,
    [_ZN, _SI, _OI, _LBA, _SNIP],
    [0, 0, 0, () => LoadBalancerAddresses, 64 | 0]
];
var CapacityReservationStatus$ = [3, n0, _CRS,
    0,
    [_Co, _R],
    [0, 0]
];
var Certificate$ = [3, n0, _Ce,
    0,
    [_CA, _ID],
    [0, 2]
];
var Cipher$ = [3, n0, _Ci,
    0,
    [_N, _P],
    [0, 1]
];
var CreateListenerInput$ = [3, n0, _CLI,
    0,
    [_LBAo, _DA, _Pr, _Po, _SP, _C, _AP, _Ta, _MA],
    [0, () => Actions, 0, 1, 0, () => CertificateList, 64 | 0, () => TagList, () => MutualAuthenticationAttributes$], 2
];
var CreateListenerOutput$ = [3, n0, _CLO,
    0,
    [_L],
    [() => Listeners]
];
var CreateLoadBalancerInput$ = [3, n0, _CLBI,
    0,
    [_N, _Su, _SM, _SG, _Sch, _Ta, _T, _IAT, _COIP, _EPFISN, _IP],
    [0, 64 | 0, () => SubnetMappings, 64 | 0, 0, () => TagList, 0, 0, 0, 0, () => IpamPools$], 1
];
var CreateLoadBalancerOutput$ = [3, n0, _CLBO,
    0,
    [_LB],
    [() => LoadBalancers]
];
var CreateRuleInput$ = [3, n0, _CRI,
    0,
    [_LA, _Con, _P, _Ac, _Ta, _Tr],
    [0, () => RuleConditionList, 1, () => Actions, () => TagList, () => RuleTransformList], 4
];
var CreateRuleOutput$ = [3, n0, _CRO,
    0,
    [_Ru],
    [() => Rules]
];
var CreateTargetGroupInput$ = [3, n0, _CTGI,
    0,
    [_N, _Pr, _PV, _Po, _VI, _HCP, _HCPe, _HCE, _HCPea, _HCIS, _HCTS, _HTC, _UTC, _Ma, _TT, _Ta, _IAT, _TCP],
    [0, 0, 0, 1, 0, 0, 0, 2, 0, 1, 1, 1, 1, () => Matcher$, 0, () => TagList, 0, 1], 1
];
var CreateTargetGroupOutput$ = [3, n0, _CTGO,
    0,
    [_TG],
    [() => TargetGroups]
];
var CreateTrustStoreInput$ = [3, n0, _CTSI,
    0,
    [_N, _CCBSB, _CCBSK, _CCBSOV, _Ta],
    [0, 0, 0, 0, () => TagList], 3
];
var CreateTrustStoreOutput$ = [3, n0, _CTSO,
    0,
    [_TS],
    [() => TrustStores]
];
var DeleteListenerInput$ = [3, n0, _DLI,
    0,
    [_LA],
    [0], 1
];
var DeleteListenerOutput$ = [3, n0, _DLO,
    0,
    [],
    []
];
var DeleteLoadBalancerInput$ = [3, n0, _DLBI,
    0,
    [_LBAo],
    [0], 1
];
var DeleteLoadBalancerOutput$ = [3, n0, _DLBO,
    0,
    [],
    []
];
var DeleteRuleInput$ = [3, n0, _DRI,
    0,
    [_RAu],
    [0], 1
];
var DeleteRuleOutput$ = [3, n0, _DRO,
    0,
    [],
    []
];
var DeleteSharedTrustStoreAssociationInput$ = [3, n0, _DSTSAI,
    0,
    [_TSA, _RAe],
    [0, 0], 2
];
var DeleteSharedTrustStoreAssociationOutput$ = [3, n0, _DSTSAO,
    0,
    [],
    []
];
var DeleteTargetGroupInput$ = [3, n0, _DTGI,
    0,
    [_TGA],
    [0], 1
];
var DeleteTargetGroupOutput$ = [3, n0, _DTGO,
    0,
    [],
    []
];
var DeleteTrustStoreInput$ = [3, n0, _DTSI,
    0,
    [_TSA],
    [0], 1
];
var DeleteTrustStoreOutput$ = [3, n0, _DTSO,
    0,
    [],
    []
];
var DeregisterTargetsInput$ = [3, n0, _DTI,
    0,
    [_TGA, _Tar],
    [0, () => TargetDescriptions], 2
];
var DeregisterTargetsOutput$ = [3, n0, _DTO,
    0,
    [],
    []
];
var DescribeAccountLimitsInput$ = [3, n0, _DALI,
    0,
    [_Mar, _PS],
    [0, 1]
];
var DescribeAccountLimitsOutput$ = [3, n0, _DALO,
    0,
    [_Li, _NM],
    [() => Limits, 0]
];
var DescribeCapacityReservationInput$ = [3, n0, _DCRI,
    0,
    [_LBAo],
    [0], 1
];
var DescribeCapacityReservationOutput$ = [3, n0, _DCRO,
    0,
    [_LMT, _DRR, _MLBC, _CRSa],
    [4, 1, () => MinimumLoadBalancerCapacity$, () => ZonalCapacityReservationStates]
];
var DescribeListenerAttributesInput$ = [3, n0, _DLAI,
    0,
    [_LA],
    [0], 1
];
var DescribeListenerAttributesOutput$ = [3, n0, _DLAO,
    0,
    [_At],
    [() => ListenerAttributes]
];
var DescribeListenerCertificatesInput$ = [3, n0, _DLCI,
    0,
    [_LA, _Mar, _PS],
    [0, 0, 1], 1
];
var DescribeListenerCertificatesOutput$ = [3, n0, _DLCO,
    0,
    [_C, _NM],
    [() => CertificateList, 0]
];
var DescribeListenersInput$ = [3, n0, _DLIe,
    0,
    [_LBAo, _LAi, _Mar, _PS],
    [0, 64 | 0, 0, 1]
];
var DescribeListenersOutput$ = [3, n0, _DLOe,
    0,
    [_L, _NM],
    [() => Listeners, 0]
];
var DescribeLoadBalancerAttributesInput$ = [3, n0, _DLBAI,
    0,
    [_LBAo],
    [0], 1
];
var DescribeLoadBalancerAttributesOutput$ = [3, n0, _DLBAO,
    0,
    [_At],
    [() => LoadBalancerAttributes]
];
var DescribeLoadBalancersInput$ = [3, n0, _DLBIe,
    0,
    [_LBAoa, _Na, _Mar, _PS],
    [64 | 0, 64 | 0, 0, 1]
];
var DescribeLoadBalancersOutput$ = [3, n0, _DLBOe,
    0,
    [_LB, _NM],
    [() => LoadBalancers, 0]
];
var DescribeRulesInput$ = [3, n0, _DRIe,
    0,
    [_LA, _RAul, _Mar, _PS],
    [0, 64 | 0, 0, 1]
];
var DescribeRulesOutput$ = [3, n0, _DROe,
    0,
    [_Ru, _NM],
    [() => Rules, 0]
];
var DescribeSSLPoliciesInput$ = [3, n0, _DSSLPI,
    0,
    [_Na, _Mar, _PS, _LBT],
    [64 | 0, 0, 1, 0]
];
var DescribeSSLPoliciesOutput$ = [3, n0, _DSSLPO,
    0,
    [_SPs, _NM],
    [() => SslPolicies, 0]
];
var DescribeTagsInput$ = [3, n0, _DTIe,
    0,
    [_RA],
    [64 | 0], 1
];
var DescribeTagsOutput$ = [3, n0, _DTOe,
    0,
    [_TD],
    [() => TagDescriptions]
];
var DescribeTargetGroupAttributesInput$ = [3, n0, _DTGAI,
    0,
    [_TGA],
    [0], 1
];
var DescribeTargetGroupAttributesOutput$ = [3, n0, _DTGAO,
    0,
    [_At],
    [() => TargetGroupAttributes]
];
var DescribeTargetGroupsInput$ = [3, n0, _DTGIe,
    0,
    [_LBAo, _TGAa, _Na, _Mar, _PS],
    [0, 64 | 0, 64 | 0, 0, 1]
];
var DescribeTargetGroupsOutput$ = [3, n0, _DTGOe,
    0,
    [_TG, _NM],
    [() => TargetGroups, 0]
];
var DescribeTargetHealthInput$ = [3, n0, _DTHI,
    0,
    [_TGA, _Tar, _In],
    [0, () => TargetDescriptions, 64 | 0], 1
];
var DescribeTargetHealthOutput$ = [3, n0, _DTHO,
    0,
    [_THD],
    [() => TargetHealthDescriptions]
];
var DescribeTrustStoreAssociationsInput$ = [3, n0, _DTSAI,
    0,
    [_TSA, _Mar, _PS],
    [0, 0, 1], 1
];
var DescribeTrustStoreAssociationsOutput$ = [3, n0, _DTSAO,
    0,
    [_TSAr, _NM],
    [() => TrustStoreAssociations, 0]
];
var DescribeTrustStoreRevocation$ = [3, n0, _DTSR,
    0,
    [_TSA, _RI, _RT, _NORE],
    [0, 1, 0, 1]
];
var DescribeTrustStoreRevocationsInput$ = [3, n0, _DTSRI,
    0,
    [_TSA, _RIe, _Mar, _PS],
    [0, 64 | 1, 0, 1], 1
];
var DescribeTrustStoreRevocationsOutput$ = [3, n0, _DTSRO,
    0,
    [_TSR, _NM],
    [() => DescribeTrustStoreRevocationResponse, 0]
];
var DescribeTrustStoresInput$ = [3, n0, _DTSIe,
    0,
    [_TSAru, _Na, _Mar, _PS],
    [64 | 0, 64 | 0, 0, 1]
];
var DescribeTrustStoresOutput$ = [3, n0, _DTSOe,
    0,
    [_TS, _NM],
    [() => TrustStores, 0]
];
var FixedResponseActionConfig$ = [3, n0, _FRAC,
    0,
    [_SC, _MB, _CT],
    [0, 0, 0], 1
];
var ForwardActionConfig$ = [3, n0, _FAC,
    0,
    [_TG, _TGSC],
    [() => TargetGroupList, () => TargetGroupStickinessConfig$]
];
var GetResourcePolicyInput$ = [3, n0, _GRPI,
    0,
    [_RAe],
    [0], 1
];
var GetResourcePolicyOutput$ = [3, n0, _GRPO,
    0,
    [_Pol],
    [0]
];
var GetTrustStoreCaCertificatesBundleInput$ = [3, n0, _GTSCCBI,
    0,
    [_TSA],
    [0], 1
];
var GetTrustStoreCaCertificatesBundleOutput$ = [3, n0, _GTSCCBO,
    0,
    [_Lo],
    [0]
];
var GetTrustStoreRevocationContentInput$ = [3, n0, _GTSRCI,
    0,
    [_TSA, _RI],
    [0, 1], 2
];
var GetTrustStoreRevocationContentOutput$ = [3, n0, _GTSRCO,
    0,
    [_Lo],
    [0]
];
var HostHeaderConditionConfig$ = [3, n0, _HHCC,
    0,
    [_V, _RV],
    [64 | 0, 64 | 0]
];
var HostHeaderRewriteConfig$ = [3, n0, _HHRC,
    0,
    [_Rew],
    [() => RewriteConfigList]
];
var HttpHeaderConditionConfig$ = [3, n0, _HHCCt,
    0,
    [_HHN, _V, _RV],
    [0, 64 | 0, 64 | 0]
];
var HttpRequestMethodConditionConfig$ = [3, n0, _HRMCC,
    0,
    [_V],
    [64 | 0]
];
var IpamPools$ = [3, n0, _IP,
    0,
    [_IIPI],
    [0]
];
var JwtValidationActionAdditionalClaim$ = [3, n0, _JVAAC,
    0,
    [_F, _N, _V],
    [0, 0, 64 | 0], 3
];
var JwtValidationActionConfig$ = [3, n0, _JVAC,
    0,
    [_JE, _I, _AC],
    [0, 0, () => JwtValidationActionAdditionalClaims], 2
];
var Limit$ = [3, n0, _Lim,
    0,
    [_N, _Max],
    [0, 0]
];
var Listener$ = [3, n0, _Lis,
    0,
    [_LA, _LBAo, _Po, _Pr, _C, _SP, _DA, _AP, _MA],
    [0, 0, 1, 0, () => CertificateList, 0, () => Actions, 64 | 0, () => MutualAuthenticationAttributes$]
];
var ListenerAttribute$ = [3, n0, _LAis,
    0,
    [_K, _Va],
    [0, 0]
];
var LoadBalancer$ = [3, n0, _LBo,
    0,
    [_LBAo, _DNSN, _CHZI, _CTr, _LBN, _Sch, _VI, _S, _T, _AZv, _SG, _IAT, _COIP, _ESGIROPLT, _EPFISN, _IP],
    [0, 0, 0, 4, 0, 0, 0, () => LoadBalancerState$, 0, () => AvailabilityZones, 64 | 0, 0, 0, 0, 0, () => IpamPools$]
];
var LoadBalancerAddress$ = [3, n0, _LBAoad,
    0,
    [_IA, _AI, _PIPA, _IPA],
    [0, 0, 0, 0]
];
var LoadBalancerAttribute$ = [3, n0, _LBAoada,
    0,
    [_K, _Va],
    [0, 0]
];
var LoadBalancerState$ = [3, n0, _LBS,
    0,
    [_Co, _R],
    [0, 0]
];
var Matcher$ = [3, n0, _Ma,
    0,
    [_HC, _GC],
    [0, 0]
];
var MinimumLoadBalancerCapacity$ = [3, n0, _MLBC,
    0,
    [_CU],
    [1]
];
var ModifyCapacityReservationInput$ = [3, n0, _MCRI,
    0,
    [_LBAo, _MLBC, _RCR],
    [0, () => MinimumLoadBalancerCapacity$, 2], 1
];
var ModifyCapacityReservationOutput$ = [3, n0, _MCRO,
    0,
    [_LMT, _DRR, _MLBC, _CRSa],
    [4, 1, () => MinimumLoadBalancerCapacity$, () => ZonalCapacityReservationStates]
];
var ModifyIpPoolsInput$ = [3, n0, _MIPI,
    0,
    [_LBAo, _IP, _RIP],
    [0, () => IpamPools$, 64 | 0], 1
];
var ModifyIpPoolsOutput$ = [3, n0, _MIPO,
    0,
    [_IP],
    [() => IpamPools$]
];
var ModifyListenerAttributesInput$ = [3, n0, _MLAI,
    0,
    [_LA, _At],
    [0, () => ListenerAttributes], 2
];
var ModifyListenerAttributesOutput$ = [3, n0, _MLAO,
    0,
    [_At],
    [() => ListenerAttributes]
];
var ModifyListenerInput$ = [3, n0, _MLI,
    0,
    [_LA, _Po, _Pr, _SP, _C, _DA, _AP, _MA],
    [0, 1, 0, 0, () => CertificateList, () => Actions, 64 | 0, () => MutualAuthenticationAttributes$], 1
];
var ModifyListenerOutput$ = [3, n0, _MLO,
    0,
    [_L],
    [() => Listeners]
];
var ModifyLoadBalancerAttributesInput$ = [3, n0, _MLBAI,
    0,
    [_LBAo, _At],
    [0, () => LoadBalancerAttributes], 2
];
var ModifyLoadBalancerAttributesOutput$ = [3, n0, _MLBAO,
    0,
    [_At],
    [() => LoadBalancerAttributes]
];
var ModifyRuleInput$ = [3, n0, _MRI,
    0,
    [_RAu, _Con, _Ac, _Tr, _RTe],
    [0, () => RuleConditionList, () => Actions, () => RuleTransformList, 2], 1
];
var ModifyRuleOutput$ = [3, n0, _MRO,
    0,
    [_Ru],
    [() => Rules]
];
var ModifyTargetGroupAttributesInput$ = [3, n0, _MTGAI,
    0,
    [_TGA, _At],
    [0, () => TargetGroupAttributes], 2
];
var ModifyTargetGroupAttributesOutput$ = [3, n0, _MTGAO,
    0,
    [_At],
    [() => TargetGroupAttributes]
];
var ModifyTargetGroupInput$ = [3, n0, _MTGI,
    0,
    [_TGA, _HCP, _HCPe, _HCPea, _HCE, _HCIS, _HCTS, _HTC, _UTC, _Ma],
    [0, 0, 0, 0, 2, 1, 1, 1, 1, () => Matcher$], 1
];
var ModifyTargetGroupOutput$ = [3, n0, _MTGO,
    0,
    [_TG],
    [() => TargetGroups]
];
var ModifyTrustStoreInput$ = [3, n0, _MTSI,
    0,
    [_TSA, _CCBSB, _CCBSK, _CCBSOV],
    [0, 0, 0, 0], 3
];
var ModifyTrustStoreOutput$ = [3, n0, _MTSO,
    0,
    [_TS],
    [() => TrustStores]
];
var MutualAuthenticationAttributes$ = [3, n0, _MAA,
    0,
    [_Mo, _TSA, _ICCE, _TSAS, _ATSCN],
    [0, 0, 2, 0, 0]
];
var PathPatternConditionConfig$ = [3, n0, _PPCC,
    0,
    [_V, _RV],
    [64 | 0, 64 | 0]
];
var QueryStringConditionConfig$ = [3, n0, _QSCC,
    0,
    [_V],
    [() => QueryStringKeyValuePairList]
];
var QueryStringKeyValuePair$ = [3, n0, _QSKVP,
    0,
    [_K, _Va],
    [0, 0]
];
var RedirectActionConfig$ = [3, n0, _RAC,
    0,
    [_SC, _Pr, _Po, _H, _Pa, _Q],
    [0, 0, 0, 0, 0, 0], 1
];
var RegisterTargetsInput$ = [3, n0, _RTI,
    0,
    [_TGA, _Tar],
    [0, () => TargetDescriptions], 2
];
var RegisterTargetsOutput$ = [3, n0, _RTO,
    0,
    [],
    []
];
var RemoveListenerCertificatesInput$ = [3, n0, _RLCI,
    0,
    [_LA, _C],
    [0, () => CertificateList], 2
];
var RemoveListenerCertificatesOutput$ = [3, n0, _RLCO,
    0,
    [],
    []
];
var RemoveTagsInput$ = [3, n0, _RTIe,
    0,
    [_RA, _TK],
    [64 | 0, 64 | 0], 2
];
var RemoveTagsOutput$ = [3, n0, _RTOe,
    0,
    [],
    []
];
var RemoveTrustStoreRevocationsInput$ = [3, n0, _RTSRI,
    0,
    [_TSA, _RIe],
    [0, 64 | 1], 2
];
var RemoveTrustStoreRevocationsOutput$ = [3, n0, _RTSRO,
    0,
    [],
    []
];
var RevocationContent$ = [3, n0, _RCev,
    0,
    [_SB, _SK, _SOV, _RT],
    [0, 0, 0, 0]
];
var RewriteConfig$ = [3, n0, _RCew,
    0,
    [_Reg, _Rep],
    [0, 0], 2
];
var Rule$ = [3, n0, _Rul,
    0,
    [_RAu, _P, _Con, _Ac, _ID, _Tr],
    [0, 0, () => RuleConditionList, () => Actions, 2, () => RuleTransformList]
];
var RuleCondition$ = [3, n0, _RCu,
    0,
    [_Fi, _V, _HHC, _PPC, _HHCt, _QSC, _HRMC, _SIC, _RV],
    [0, 64 | 0, () => HostHeaderConditionConfig$, () => PathPatternConditionConfig$, () => HttpHeaderConditionConfig$, () => QueryStringConditionConfig$, () => HttpRequestMethodConditionConfig$, () => SourceIpConditionConfig$, 64 | 0]
];
var RulePriorityPair$ = [3, n0, _RPP,
    0,
    [_RAu, _P],
    [0, 1]
];
var RuleTransform$ = [3, n0, _RTu,
    0,
    [_T, _HHRC, _URC],
    [0, () => HostHeaderRewriteConfig$, () => UrlRewriteConfig$], 1
];
var SetIpAddressTypeInput$ = [3, n0, _SIATI,
    0,
    [_LBAo, _IAT],
    [0, 0], 2
];
var SetIpAddressTypeOutput$ = [3, n0, _SIATO,
    0,
    [_IAT],
    [0]
];
var SetRulePrioritiesInput$ = [3, n0, _SRPI,
    0,
    [_RP],
    [() => RulePriorityList], 1
];
var SetRulePrioritiesOutput$ = [3, n0, _SRPO,
    0,
    [_Ru],
    [() => Rules]
];
var SetSecurityGroupsInput$ = [3, n0, _SSGI,
    0,
    [_LBAo, _SG, _ESGIROPLT],
    [0, 64 | 0, 0], 2
];
var SetSecurityGroupsOutput$ = [3, n0, _SSGO,
    0,
    [_SGI, _ESGIROPLT],
    [64 | 0, 0]
];
var SetSubnetsInput$ = [3, n0, _SSI,
    0,
    [_LBAo, _Su, _SM, _IAT, _EPFISN],
    [0, 64 | 0, () => SubnetMappings, 0, 0], 1
];
var SetSubnetsOutput$ = [3, n0, _SSO,
    0,
    [_AZv, _IAT, _EPFISN],
    [() => AvailabilityZones, 0, 0]
];
var SourceIpConditionConfig$ = [3, n0, _SICC,
    0,
    [_V, _IAT],
    [64 | 0, 0]
];
var SslPolicy$ = [3, n0, _SP,
    0,
    [_SPsl, _Cip, _N, _SLBT],
    [64 | 0, () => Ciphers, 0, 64 | 0]
];
var SubnetMapping$ = [3, n0, _SMu,
    0,
    [_SI, _AI, _PIPA, _IPA, _SNIPo],
    [0, 0, 0, 0, 0]
];
var Tag$ = [3, n0, _Tag,
    0,
    [_K, _Va],
    [0, 0], 1
];
var TagDescription$ = [3, n0, _TDa,
    0,
    [_RAe, _Ta],
    [0, () => TagList]
];
var TargetDescription$ = [3, n0, _TDar,
    0,
    [_Id, _Po, _AZ, _QSI],
    [0, 1, 0, 0], 1
];
var TargetGroup$ = [3, n0, _TGa,
    0,
    [_TGA, _TGN, _Pr, _Po, _VI, _HCP, _HCPe, _HCE, _HCIS, _HCTS, _HTC, _UTC, _HCPea, _Ma, _LBAoa, _TT, _PV, _IAT, _TCP],
    [0, 0, 0, 1, 0, 0, 0, 2, 1, 1, 1, 1, 0, () => Matcher$, 64 | 0, 0, 0, 0, 1]
];
var TargetGroupAttribute$ = [3, n0, _TGAar,
    0,
    [_K, _Va],
    [0, 0]
];
var TargetGroupStickinessConfig$ = [3, n0, _TGSC,
    0,
    [_E, _DS],
    [2, 1]
];
var TargetGroupTuple$ = [3, n0, _TGT,
    0,
    [_TGA, _W],
    [0, 1]
];
var TargetHealth$ = [3, n0, _TH,
    0,
    [_S, _R, _D],
    [0, 0, 0]
];
var TargetHealthDescription$ = [3, n0, _THDa,
    0,
    [_Targ, _HCPe, _TH, _AD, _AO],
    [() => TargetDescription$, 0, () => TargetHealth$, () => AnomalyDetection$, () => AdministrativeOverride$]
];
var TrustStore$ = [3, n0, _TSr,
    0,
    [_N, _TSA, _St, _NOCC, _TRE],
    [0, 0, 0, 1, 1]
];
var TrustStoreAssociation$ = [3, n0, _TSArus,
    0,
    [_RAe],
    [0]
];
var TrustStoreRevocation$ = [3, n0, _TSRr,
    0,
    [_TSA, _RI, _RT, _NORE],
    [0, 1, 0, 1]
];
var UrlRewriteConfig$ = [3, n0, _URC,
    0,
    [_Rew],
    [() => RewriteConfigList]
];
var ZonalCapacityReservationState$ = [3, n0, _ZCRS,
    0,
    [_S, _AZ, _ECU],
    [() => CapacityReservationStatus$, 0, 1]
];
var Actions = [1, n0, _Ac,
    0, () => Action$
];
var AvailabilityZones = [1, n0, _AZv,
    0, () => AvailabilityZone$
];
var CertificateList = [1, n0, _CL,
    0, () => Certificate$
];
var Ciphers = [1, n0, _Cip,
    0, () => Cipher$
];
var DescribeTrustStoreRevocationResponse = [1, n0, _DTSRR,
    0, () => DescribeTrustStoreRevocation$
];
var JwtValidationActionAdditionalClaims = [1, n0, _JVAACw,
    0, () => JwtValidationActionAdditionalClaim$
];
var Limits = [1, n0, _Li,
    0, () => Limit$
];
var ListenerAttributes = [1, n0, _LAist,
    0, () => ListenerAttribute$
];
var Listeners = [1, n0, _L,
    0, () => Listener$
];
var LoadBalancerAddresses = [1, n0, _LBA,
    0, () => LoadBalancerAddress$
];
var LoadBalancerAttributes = [1, n0, _LBAoadal,
    0, () => LoadBalancerAttribute$
];
var LoadBalancers = [1, n0, _LB,
    0, () => LoadBalancer$
];
var QueryStringKeyValuePairList = [1, n0, _QSKVPL,
    0, () => QueryStringKeyValuePair$
];
var RevocationContents = [1, n0, _RCe,
    0, () => RevocationContent$
];
var RewriteConfigList = [1, n0, _RCL,
    0, () => RewriteConfig$
];
var RuleConditionList = [1, n0, _RCLu,
    0, () => RuleCondition$
];
var RulePriorityList = [1, n0, _RPL,
    0, () => RulePriorityPair$
];
var Rules = [1, n0, _Ru,
    0, () => Rule$
];
var RuleTransformList = [1, n0, _RTL,
    0, () => RuleTransform$
];
var SslPolicies = [1, n0, _SPs,
    0, () => SslPolicy$
];
var SubnetMappings = [1, n0, _SM,
    0, () => SubnetMapping$
];
var TagDescriptions = [1, n0, _TD,
    0, () => TagDescription$
];
var TagList = [1, n0, _TL,
    0, () => Tag$
];
var TargetDescriptions = [1, n0, _TDarg,
    0, () => TargetDescription$
];
var TargetGroupAttributes = [1, n0, _TGAarg,
    0, () => TargetGroupAttribute$
];
var TargetGroupList = [1, n0, _TGL,
    0, () => TargetGroupTuple$
];
var TargetGroups = [1, n0, _TG,
    0, () => TargetGroup$
];
var TargetHealthDescriptions = [1, n0, _THD,
    0, () => TargetHealthDescription$
];
var TrustStoreAssociations = [1, n0, _TSAr,
    0, () => TrustStoreAssociation$
];
var TrustStoreRevocations = [1, n0, _TSR,
    0, () => TrustStoreRevocation$
];
var TrustStores = [1, n0, _TS,
    0, () => TrustStore$
];
var ZonalCapacityReservationStates = [1, n0, _ZCRSo,
    0, () => ZonalCapacityReservationState$
];
var AddListenerCertificates$ = [9, n0, _ALC,
    0, () => AddListenerCertificatesInput$, () => AddListenerCertificatesOutput$
];
var AddTags$ = [9, n0, _AT,
    0, () => AddTagsInput$, () => AddTagsOutput$
];
var AddTrustStoreRevocations$ = [9, n0, _ATSR,
    0, () => AddTrustStoreRevocationsInput$, () => AddTrustStoreRevocationsOutput$
];
var CreateListener$ = [9, n0, _CLr,
    0, () => CreateListenerInput$, () => CreateListenerOutput$
];
var CreateLoadBalancer$ = [9, n0, _CLB,
    0, () => CreateLoadBalancerInput$, () => CreateLoadBalancerOutput$
];
var CreateRule$ = [9, n0, _CR,
    0, () => CreateRuleInput$, () => CreateRuleOutput$
];
var CreateTargetGroup$ = [9, n0, _CTG,
    0, () => CreateTargetGroupInput$, () => CreateTargetGroupOutput$
];
var CreateTrustStore$ = [9, n0, _CTS,
    0, () => CreateTrustStoreInput$, () => CreateTrustStoreOutput$
];
var DeleteListener$ = [9, n0, _DL,
    0, () => DeleteListenerInput$, () => DeleteListenerOutput$
];
var DeleteLoadBalancer$ = [9, n0, _DLB,
    0, () => DeleteLoadBalancerInput$, () => DeleteLoadBalancerOutput$
];
var DeleteRule$ = [9, n0, _DR,
    0, () => DeleteRuleInput$, () => DeleteRuleOutput$
];
var DeleteSharedTrustStoreAssociation$ = [9, n0, _DSTSA,
    0, () => DeleteSharedTrustStoreAssociationInput$, () => DeleteSharedTrustStoreAssociationOutput$
];
var DeleteTargetGroup$ = [9, n0, _DTG,
    0, () => DeleteTargetGroupInput$, () => DeleteTargetGroupOutput$
];
var DeleteTrustStore$ = [9, n0, _DTS,
    0, () => DeleteTrustStoreInput$, () => DeleteTrustStoreOutput$
];
var DeregisterTargets$ = [9, n0, _DT,
    0, () => DeregisterTargetsInput$, () => DeregisterTargetsOutput$
];
var DescribeAccountLimits$ = [9, n0, _DAL,
    0, () => DescribeAccountLimitsInput$, () => DescribeAccountLimitsOutput$
];
var DescribeCapacityReservation$ = [9, n0, _DCR,
    0, () => DescribeCapacityReservationInput$, () => DescribeCapacityReservationOutput$
];
var DescribeListenerAttributes$ = [9, n0, _DLA,
    0, () => DescribeListenerAttributesInput$, () => DescribeListenerAttributesOutput$
];
var DescribeListenerCertificates$ = [9, n0, _DLC,
    0, () => DescribeListenerCertificatesInput$, () => DescribeListenerCertificatesOutput$
];
var DescribeListeners$ = [9, n0, _DLe,
    0, () => DescribeListenersInput$, () => DescribeListenersOutput$
];
var DescribeLoadBalancerAttributes$ = [9, n0, _DLBA,
    0, () => DescribeLoadBalancerAttributesInput$, () => DescribeLoadBalancerAttributesOutput$
];
var DescribeLoadBalancers$ = [9, n0, _DLBe,
    0, () => DescribeLoadBalancersInput$, () => DescribeLoadBalancersOutput$
];
var DescribeRules$ = [9, n0, _DRe,
    0, () => DescribeRulesInput$, () => DescribeRulesOutput$
];
var DescribeSSLPolicies$ = [9, n0, _DSSLP,
    0, () => DescribeSSLPoliciesInput$, () => DescribeSSLPoliciesOutput$
];
var DescribeTags$ = [9, n0, _DTe,
    0, () => DescribeTagsInput$, () => DescribeTagsOutput$
];
var DescribeTargetGroupAttributes$ = [9, n0, _DTGA,
    0, () => DescribeTargetGroupAttributesInput$, () => DescribeTargetGroupAttributesOutput$
];
var DescribeTargetGroups$ = [9, n0, _DTGe,
    0, () => DescribeTargetGroupsInput$, () => DescribeTargetGroupsOutput$
];
var DescribeTargetHealth$ = [9, n0, _DTH,
    0, () => DescribeTargetHealthInput$, () => DescribeTargetHealthOutput$
];
var DescribeTrustStoreAssociations$ = [9, n0, _DTSA,
    0, () => DescribeTrustStoreAssociationsInput$, () => DescribeTrustStoreAssociationsOutput$
];
var DescribeTrustStoreRevocations$ = [9, n0, _DTSRe,
    0, () => DescribeTrustStoreRevocationsInput$, () => DescribeTrustStoreRevocationsOutput$
];
var DescribeTrustStores$ = [9, n0, _DTSe,
    0, () => DescribeTrustStoresInput$, () => DescribeTrustStoresOutput$
];
var GetResourcePolicy$ = [9, n0, _GRP,
    0, () => GetResourcePolicyInput$, () => GetResourcePolicyOutput$
];
var GetTrustStoreCaCertificatesBundle$ = [9, n0, _GTSCCB,
    0, () => GetTrustStoreCaCertificatesBundleInput$, () => GetTrustStoreCaCertificatesBundleOutput$
];
var GetTrustStoreRevocationContent$ = [9, n0, _GTSRC,
    0, () => GetTrustStoreRevocationContentInput$, () => GetTrustStoreRevocationContentOutput$
];
var ModifyCapacityReservation$ = [9, n0, _MCR,
    0, () => ModifyCapacityReservationInput$, () => ModifyCapacityReservationOutput$
];
var ModifyIpPools$ = [9, n0, _MIP,
    0, () => ModifyIpPoolsInput$, () => ModifyIpPoolsOutput$
];
var ModifyListener$ = [9, n0, _ML,
    0, () => ModifyListenerInput$, () => ModifyListenerOutput$
];
var ModifyListenerAttributes$ = [9, n0, _MLA,
    0, () => ModifyListenerAttributesInput$, () => ModifyListenerAttributesOutput$
];
var ModifyLoadBalancerAttributes$ = [9, n0, _MLBA,
    0, () => ModifyLoadBalancerAttributesInput$, () => ModifyLoadBalancerAttributesOutput$
];
var ModifyRule$ = [9, n0, _MR,
    0, () => ModifyRuleInput$, () => ModifyRuleOutput$
];
var ModifyTargetGroup$ = [9, n0, _MTG,
    0, () => ModifyTargetGroupInput$, () => ModifyTargetGroupOutput$
];
var ModifyTargetGroupAttributes$ = [9, n0, _MTGA,
    0, () => ModifyTargetGroupAttributesInput$, () => ModifyTargetGroupAttributesOutput$
];
var ModifyTrustStore$ = [9, n0, _MTS,
    0, () => ModifyTrustStoreInput$, () => ModifyTrustStoreOutput$
];
var RegisterTargets$ = [9, n0, _RTeg,
    0, () => RegisterTargetsInput$, () => RegisterTargetsOutput$
];
var RemoveListenerCertificates$ = [9, n0, _RLC,
    0, () => RemoveListenerCertificatesInput$, () => RemoveListenerCertificatesOutput$
];
var RemoveTags$ = [9, n0, _RTem,
    0, () => RemoveTagsInput$, () => RemoveTagsOutput$
];
var RemoveTrustStoreRevocations$ = [9, n0, _RTSR,
    0, () => RemoveTrustStoreRevocationsInput$, () => RemoveTrustStoreRevocationsOutput$
];
var SetIpAddressType$ = [9, n0, _SIAT,
    0, () => SetIpAddressTypeInput$, () => SetIpAddressTypeOutput$
];
var SetRulePriorities$ = [9, n0, _SRP,
    0, () => SetRulePrioritiesInput$, () => SetRulePrioritiesOutput$
];
var SetSecurityGroups$ = [9, n0, _SSG,
    0, () => SetSecurityGroupsInput$, () => SetSecurityGroupsOutput$
];
var SetSubnets$ = [9, n0, _SS,
    0, () => SetSubnetsInput$, () => SetSubnetsOutput$
];

const getRuntimeConfig$1 = (config) => {
    return {
        apiVersion: "2015-12-01",
        base64Decoder: config?.base64Decoder ?? fromBase64,
        base64Encoder: config?.base64Encoder ?? toBase64,
        disableHostPrefix: config?.disableHostPrefix ?? false,
        endpointProvider: config?.endpointProvider ?? defaultEndpointResolver,
        extensions: config?.extensions ?? [],
        httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultElasticLoadBalancingV2HttpAuthSchemeProvider,
        httpAuthSchemes: config?.httpAuthSchemes ?? [
            {
                schemeId: "aws.auth#sigv4",
                identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4"),
                signer: new AwsSdkSigV4Signer(),
            },
        ],
        logger: config?.logger ?? new NoOpLogger(),
        protocol: config?.protocol ?? AwsQueryProtocol,
        protocolSettings: config?.protocolSettings ?? {
            defaultNamespace: "com.amazonaws.elasticloadbalancingv2",
            errorTypeRegistries,
            xmlNamespace: "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/",
            version: "2015-12-01",
            serviceTarget: "ElasticLoadBalancing_v10",
        },
        serviceId: config?.serviceId ?? "Elastic Load Balancing v2",
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

class ElasticLoadBalancingV2Client extends Client {
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
            httpAuthSchemeParametersProvider: defaultElasticLoadBalancingV2HttpAuthSchemeParametersProvider,
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

const command = makeBuilder(commonParams, "ElasticLoadBalancing_v10", "ElasticLoadBalancingV2Client", getEndpointPlugin);
const _ep0 = {};
const _mw0 = (Command, cs, config, o) => [];

class AddListenerCertificatesCommand extends command(_ep0, _mw0, "AddListenerCertificates", AddListenerCertificates$) {
}

class AddTagsCommand extends command(_ep0, _mw0, "AddTags", AddTags$) {
}

class AddTrustStoreRevocationsCommand extends command(_ep0, _mw0, "AddTrustStoreRevocations", AddTrustStoreRevocations$) {
}

class CreateListenerCommand extends command(_ep0, _mw0, "CreateListener", CreateListener$) {
}

class CreateLoadBalancerCommand extends command(_ep0, _mw0, "CreateLoadBalancer", CreateLoadBalancer$) {
}

class CreateRuleCommand extends command(_ep0, _mw0, "CreateRule", CreateRule$) {
}

class CreateTargetGroupCommand extends command(_ep0, _mw0, "CreateTargetGroup", CreateTargetGroup$) {
}

class CreateTrustStoreCommand extends command(_ep0, _mw0, "CreateTrustStore", CreateTrustStore$) {
}

class DeleteListenerCommand extends command(_ep0, _mw0, "DeleteListener", DeleteListener$) {
}

class DeleteLoadBalancerCommand extends command(_ep0, _mw0, "DeleteLoadBalancer", DeleteLoadBalancer$) {
}

class DeleteRuleCommand extends command(_ep0, _mw0, "DeleteRule", DeleteRule$) {
}

class DeleteSharedTrustStoreAssociationCommand extends command(_ep0, _mw0, "DeleteSharedTrustStoreAssociation", DeleteSharedTrustStoreAssociation$) {
}

class DeleteTargetGroupCommand extends command(_ep0, _mw0, "DeleteTargetGroup", DeleteTargetGroup$) {
}

class DeleteTrustStoreCommand extends command(_ep0, _mw0, "DeleteTrustStore", DeleteTrustStore$) {
}

class DeregisterTargetsCommand extends command(_ep0, _mw0, "DeregisterTargets", DeregisterTargets$) {
}

class DescribeAccountLimitsCommand extends command(_ep0, _mw0, "DescribeAccountLimits", DescribeAccountLimits$) {
}

class DescribeCapacityReservationCommand extends command(_ep0, _mw0, "DescribeCapacityReservation", DescribeCapacityReservation$) {
}

class DescribeListenerAttributesCommand extends command(_ep0, _mw0, "DescribeListenerAttributes", DescribeListenerAttributes$) {
}

class DescribeListenerCertificatesCommand extends command(_ep0, _mw0, "DescribeListenerCertificates", DescribeListenerCertificates$) {
}

class DescribeListenersCommand extends command(_ep0, _mw0, "DescribeListeners", DescribeListeners$) {
}

class DescribeLoadBalancerAttributesCommand extends command(_ep0, _mw0, "DescribeLoadBalancerAttributes", DescribeLoadBalancerAttributes$) {
}

class DescribeLoadBalancersCommand extends command(_ep0, _mw0, "DescribeLoadBalancers", DescribeLoadBalancers$) {
}

class DescribeRulesCommand extends command(_ep0, _mw0, "DescribeRules", DescribeRules$) {
}

class DescribeSSLPoliciesCommand extends command(_ep0, _mw0, "DescribeSSLPolicies", DescribeSSLPolicies$) {
}

class DescribeTagsCommand extends command(_ep0, _mw0, "DescribeTags", DescribeTags$) {
}

class DescribeTargetGroupAttributesCommand extends command(_ep0, _mw0, "DescribeTargetGroupAttributes", DescribeTargetGroupAttributes$) {
}

class DescribeTargetGroupsCommand extends command(_ep0, _mw0, "DescribeTargetGroups", DescribeTargetGroups$) {
}

class DescribeTargetHealthCommand extends command(_ep0, _mw0, "DescribeTargetHealth", DescribeTargetHealth$) {
}

class DescribeTrustStoreAssociationsCommand extends command(_ep0, _mw0, "DescribeTrustStoreAssociations", DescribeTrustStoreAssociations$) {
}

class DescribeTrustStoreRevocationsCommand extends command(_ep0, _mw0, "DescribeTrustStoreRevocations", DescribeTrustStoreRevocations$) {
}

class DescribeTrustStoresCommand extends command(_ep0, _mw0, "DescribeTrustStores", DescribeTrustStores$) {
}

class GetResourcePolicyCommand extends command(_ep0, _mw0, "GetResourcePolicy", GetResourcePolicy$) {
}

class GetTrustStoreCaCertificatesBundleCommand extends command(_ep0, _mw0, "GetTrustStoreCaCertificatesBundle", GetTrustStoreCaCertificatesBundle$) {
}

class GetTrustStoreRevocationContentCommand extends command(_ep0, _mw0, "GetTrustStoreRevocationContent", GetTrustStoreRevocationContent$) {
}

class ModifyCapacityReservationCommand extends command(_ep0, _mw0, "ModifyCapacityReservation", ModifyCapacityReservation$) {
}

class ModifyIpPoolsCommand extends command(_ep0, _mw0, "ModifyIpPools", ModifyIpPools$) {
}

class ModifyListenerAttributesCommand extends command(_ep0, _mw0, "ModifyListenerAttributes", ModifyListenerAttributes$) {
}

class ModifyListenerCommand extends command(_ep0, _mw0, "ModifyListener", ModifyListener$) {
}

class ModifyLoadBalancerAttributesCommand extends command(_ep0, _mw0, "ModifyLoadBalancerAttributes", ModifyLoadBalancerAttributes$) {
}

class ModifyRuleCommand extends command(_ep0, _mw0, "ModifyRule", ModifyRule$) {
}

class ModifyTargetGroupAttributesCommand extends command(_ep0, _mw0, "ModifyTargetGroupAttributes", ModifyTargetGroupAttributes$) {
}

class ModifyTargetGroupCommand extends command(_ep0, _mw0, "ModifyTargetGroup", ModifyTargetGroup$) {
}

class ModifyTrustStoreCommand extends command(_ep0, _mw0, "ModifyTrustStore", ModifyTrustStore$) {
}

class RegisterTargetsCommand extends command(_ep0, _mw0, "RegisterTargets", RegisterTargets$) {
}

class RemoveListenerCertificatesCommand extends command(_ep0, _mw0, "RemoveListenerCertificates", RemoveListenerCertificates$) {
}

class RemoveTagsCommand extends command(_ep0, _mw0, "RemoveTags", RemoveTags$) {
}

class RemoveTrustStoreRevocationsCommand extends command(_ep0, _mw0, "RemoveTrustStoreRevocations", RemoveTrustStoreRevocations$) {
}

class SetIpAddressTypeCommand extends command(_ep0, _mw0, "SetIpAddressType", SetIpAddressType$) {
}

class SetRulePrioritiesCommand extends command(_ep0, _mw0, "SetRulePriorities", SetRulePriorities$) {
}

class SetSecurityGroupsCommand extends command(_ep0, _mw0, "SetSecurityGroups", SetSecurityGroups$) {
}

class SetSubnetsCommand extends command(_ep0, _mw0, "SetSubnets", SetSubnets$) {
}

const paginateDescribeAccountLimits = createPaginator(ElasticLoadBalancingV2Client, DescribeAccountLimitsCommand, "Marker", "NextMarker", "");

const paginateDescribeListenerCertificates = createPaginator(ElasticLoadBalancingV2Client, DescribeListenerCertificatesCommand, "Marker", "NextMarker", "");

const paginateDescribeListeners = createPaginator(ElasticLoadBalancingV2Client, DescribeListenersCommand, "Marker", "NextMarker", "");

const paginateDescribeLoadBalancers = createPaginator(ElasticLoadBalancingV2Client, DescribeLoadBalancersCommand, "Marker", "NextMarker", "");

const paginateDescribeRules = createPaginator(ElasticLoadBalancingV2Client, DescribeRulesCommand, "Marker", "NextMarker", "");

const paginateDescribeTargetGroups = createPaginator(ElasticLoadBalancingV2Client, DescribeTargetGroupsCommand, "Marker", "NextMarker", "");

const paginateDescribeTrustStoreAssociations = createPaginator(ElasticLoadBalancingV2Client, DescribeTrustStoreAssociationsCommand, "Marker", "NextMarker", "PageSize");

const paginateDescribeTrustStoreRevocations = createPaginator(ElasticLoadBalancingV2Client, DescribeTrustStoreRevocationsCommand, "Marker", "NextMarker", "PageSize");

const paginateDescribeTrustStores = createPaginator(ElasticLoadBalancingV2Client, DescribeTrustStoresCommand, "Marker", "NextMarker", "PageSize");

const checkState$4 = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new DescribeLoadBalancersCommand(input));
        reason = result;
        try {
            const returnComparator = () => {
                let flat_1 = [].concat(...result.LoadBalancers);
                let projection_3 = flat_1.map((element_2) => {
                    return element_2.State.Code;
                });
                return projection_3;
            };
            let allStringEq_5 = (returnComparator().length > 0);
            for (let element_4 of returnComparator()) {
                allStringEq_5 = allStringEq_5 && (element_4 == "active");
            }
            if (allStringEq_5) {
                return { state: WaiterState.SUCCESS, reason };
            }
        }
        catch (e) { }
        try {
            const returnComparator = () => {
                let flat_1 = [].concat(...result.LoadBalancers);
                let projection_3 = flat_1.map((element_2) => {
                    return element_2.State.Code;
                });
                return projection_3;
            };
            for (let anyStringEq_4 of returnComparator()) {
                if (anyStringEq_4 == "provisioning") {
                    return { state: WaiterState.RETRY, reason };
                }
            }
        }
        catch (e) { }
    }
    catch (exception) {
        reason = exception;
        if (exception.name === "LoadBalancerNotFoundException") {
            return { state: WaiterState.RETRY, reason };
        }
    }
    return { state: WaiterState.RETRY, reason };
};
const waitForLoadBalancerAvailable = async (params, input) => {
    const serviceDefaults = { minDelay: 15, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState$4);
};
const waitUntilLoadBalancerAvailable = async (params, input) => {
    const serviceDefaults = { minDelay: 15, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$4);
    return checkExceptions(result);
};

const checkState$3 = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new DescribeLoadBalancersCommand(input));
        reason = result;
        return { state: WaiterState.SUCCESS, reason };
    }
    catch (exception) {
        reason = exception;
        if (exception.name === "LoadBalancerNotFoundException") {
            return { state: WaiterState.RETRY, reason };
        }
    }
    return { state: WaiterState.RETRY, reason };
};
const waitForLoadBalancerExists = async (params, input) => {
    const serviceDefaults = { minDelay: 15, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState$3);
};
const waitUntilLoadBalancerExists = async (params, input) => {
    const serviceDefaults = { minDelay: 15, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$3);
    return checkExceptions(result);
};

const checkState$2 = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new DescribeLoadBalancersCommand(input));
        reason = result;
        try {
            const returnComparator = () => {
                let flat_1 = [].concat(...result.LoadBalancers);
                let projection_3 = flat_1.map((element_2) => {
                    return element_2.State.Code;
                });
                return projection_3;
            };
            let allStringEq_5 = (returnComparator().length > 0);
            for (let element_4 of returnComparator()) {
                allStringEq_5 = allStringEq_5 && (element_4 == "active");
            }
            if (allStringEq_5) {
                return { state: WaiterState.RETRY, reason };
            }
        }
        catch (e) { }
    }
    catch (exception) {
        reason = exception;
        if (exception.name === "LoadBalancerNotFoundException") {
            return { state: WaiterState.SUCCESS, reason };
        }
    }
    return { state: WaiterState.RETRY, reason };
};
const waitForLoadBalancersDeleted = async (params, input) => {
    const serviceDefaults = { minDelay: 15, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState$2);
};
const waitUntilLoadBalancersDeleted = async (params, input) => {
    const serviceDefaults = { minDelay: 15, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$2);
    return checkExceptions(result);
};

const checkState$1 = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new DescribeTargetHealthCommand(input));
        reason = result;
        try {
            const returnComparator = () => {
                let flat_1 = [].concat(...result.TargetHealthDescriptions);
                let projection_3 = flat_1.map((element_2) => {
                    return element_2.TargetHealth.State;
                });
                return projection_3;
            };
            let allStringEq_5 = (returnComparator().length > 0);
            for (let element_4 of returnComparator()) {
                allStringEq_5 = allStringEq_5 && (element_4 == "unused");
            }
            if (allStringEq_5) {
                return { state: WaiterState.SUCCESS, reason };
            }
        }
        catch (e) { }
    }
    catch (exception) {
        reason = exception;
        if (exception.name === "InvalidTargetException") {
            return { state: WaiterState.SUCCESS, reason };
        }
    }
    return { state: WaiterState.RETRY, reason };
};
const waitForTargetDeregistered = async (params, input) => {
    const serviceDefaults = { minDelay: 15, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState$1);
};
const waitUntilTargetDeregistered = async (params, input) => {
    const serviceDefaults = { minDelay: 15, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState$1);
    return checkExceptions(result);
};

const checkState = async (client, input) => {
    let reason;
    try {
        let result = await client.send(new DescribeTargetHealthCommand(input));
        reason = result;
        try {
            const returnComparator = () => {
                let flat_1 = [].concat(...result.TargetHealthDescriptions);
                let projection_3 = flat_1.map((element_2) => {
                    return element_2.TargetHealth.State;
                });
                return projection_3;
            };
            let allStringEq_5 = (returnComparator().length > 0);
            for (let element_4 of returnComparator()) {
                allStringEq_5 = allStringEq_5 && (element_4 == "healthy");
            }
            if (allStringEq_5) {
                return { state: WaiterState.SUCCESS, reason };
            }
        }
        catch (e) { }
    }
    catch (exception) {
        reason = exception;
        if (exception.name === "InvalidInstance") {
            return { state: WaiterState.RETRY, reason };
        }
    }
    return { state: WaiterState.RETRY, reason };
};
const waitForTargetInService = async (params, input) => {
    const serviceDefaults = { minDelay: 15, maxDelay: 120 };
    return createWaiter({ ...serviceDefaults, ...params }, input, checkState);
};
const waitUntilTargetInService = async (params, input) => {
    const serviceDefaults = { minDelay: 15, maxDelay: 120 };
    const result = await createWaiter({ ...serviceDefaults, ...params }, input, checkState);
    return checkExceptions(result);
};

const commands = {
    AddListenerCertificatesCommand,
    AddTagsCommand,
    AddTrustStoreRevocationsCommand,
    CreateListenerCommand,
    CreateLoadBalancerCommand,
    CreateRuleCommand,
    CreateTargetGroupCommand,
    CreateTrustStoreCommand,
    DeleteListenerCommand,
    DeleteLoadBalancerCommand,
    DeleteRuleCommand,
    DeleteSharedTrustStoreAssociationCommand,
    DeleteTargetGroupCommand,
    DeleteTrustStoreCommand,
    DeregisterTargetsCommand,
    DescribeAccountLimitsCommand,
    DescribeCapacityReservationCommand,
    DescribeListenerAttributesCommand,
    DescribeListenerCertificatesCommand,
    DescribeListenersCommand,
    DescribeLoadBalancerAttributesCommand,
    DescribeLoadBalancersCommand,
    DescribeRulesCommand,
    DescribeSSLPoliciesCommand,
    DescribeTagsCommand,
    DescribeTargetGroupAttributesCommand,
    DescribeTargetGroupsCommand,
    DescribeTargetHealthCommand,
    DescribeTrustStoreAssociationsCommand,
    DescribeTrustStoreRevocationsCommand,
    DescribeTrustStoresCommand,
    GetResourcePolicyCommand,
    GetTrustStoreCaCertificatesBundleCommand,
    GetTrustStoreRevocationContentCommand,
    ModifyCapacityReservationCommand,
    ModifyIpPoolsCommand,
    ModifyListenerCommand,
    ModifyListenerAttributesCommand,
    ModifyLoadBalancerAttributesCommand,
    ModifyRuleCommand,
    ModifyTargetGroupCommand,
    ModifyTargetGroupAttributesCommand,
    ModifyTrustStoreCommand,
    RegisterTargetsCommand,
    RemoveListenerCertificatesCommand,
    RemoveTagsCommand,
    RemoveTrustStoreRevocationsCommand,
    SetIpAddressTypeCommand,
    SetRulePrioritiesCommand,
    SetSecurityGroupsCommand,
    SetSubnetsCommand,
};
const paginators = {
    paginateDescribeAccountLimits,
    paginateDescribeListenerCertificates,
    paginateDescribeListeners,
    paginateDescribeLoadBalancers,
    paginateDescribeRules,
    paginateDescribeTargetGroups,
    paginateDescribeTrustStoreAssociations,
    paginateDescribeTrustStoreRevocations,
    paginateDescribeTrustStores,
};
const waiters = {
    waitUntilLoadBalancerAvailable,
    waitUntilLoadBalancerExists,
    waitUntilLoadBalancersDeleted,
    waitUntilTargetDeregistered,
    waitUntilTargetInService,
};
class ElasticLoadBalancingV2 extends ElasticLoadBalancingV2Client {
}
createAggregatedClient(commands, ElasticLoadBalancingV2, { paginators, waiters });

const AuthenticateCognitoActionConditionalBehaviorEnum = {
    ALLOW: "allow",
    AUTHENTICATE: "authenticate",
    DENY: "deny",
};
const AuthenticateOidcActionConditionalBehaviorEnum = {
    ALLOW: "allow",
    AUTHENTICATE: "authenticate",
    DENY: "deny",
};
const JwtValidationActionAdditionalClaimFormatEnum = {
    SINGLE_STRING: "single-string",
    SPACE_SEPARATED_VALUES: "space-separated-values",
    STRING_ARRAY: "string-array",
};
const RedirectActionStatusCodeEnum = {
    HTTP_301: "HTTP_301",
    HTTP_302: "HTTP_302",
};
const ActionTypeEnum = {
    AUTHENTICATE_COGNITO: "authenticate-cognito",
    AUTHENTICATE_OIDC: "authenticate-oidc",
    FIXED_RESPONSE: "fixed-response",
    FORWARD: "forward",
    JWT_VALIDATION: "jwt-validation",
    REDIRECT: "redirect",
};
const RevocationType = {
    CRL: "CRL",
};
const TargetAdministrativeOverrideReasonEnum = {
    INTERNAL_ERROR: "AdministrativeOverride.Unknown",
    NO_OVERRIDE_ENGAGED: "AdministrativeOverride.NoOverride",
    ZONAL_SHIFT_DELEGATED_TO_DNS: "AdministrativeOverride.ZonalShiftDelegatedToDns",
    ZONAL_SHIFT_ENGAGED: "AdministrativeOverride.ZonalShiftActive",
};
const TargetAdministrativeOverrideStateEnum = {
    NO_OVERRIDE: "no_override",
    UNKNOWN: "unknown",
    ZONAL_SHIFT_ACTIVE: "zonal_shift_active",
    ZONAL_SHIFT_DELEGATED_TO_DNS: "zonal_shift_delegated_to_dns",
};
const AdvertiseTrustStoreCaNamesEnum = {
    off: "off",
    on: "on",
};
const MitigationInEffectEnum = {
    NO: "no",
    YES: "yes",
};
const AnomalyResultEnum = {
    ANOMALOUS: "anomalous",
    NORMAL: "normal",
};
const CapacityReservationStateEnum = {
    FAILED: "failed",
    PENDING: "pending",
    PROVISIONED: "provisioned",
    REBALANCING: "rebalancing",
};
const TrustStoreAssociationStatusEnum = {
    ACTIVE: "active",
    REMOVED: "removed",
};
const ProtocolEnum = {
    GENEVE: "GENEVE",
    HTTP: "HTTP",
    HTTPS: "HTTPS",
    QUIC: "QUIC",
    TCP: "TCP",
    TCP_QUIC: "TCP_QUIC",
    TCP_UDP: "TCP_UDP",
    TLS: "TLS",
    UDP: "UDP",
};
const EnablePrefixForIpv6SourceNatEnum = {
    OFF: "off",
    ON: "on",
};
const IpAddressType = {
    DUALSTACK: "dualstack",
    DUALSTACK_WITHOUT_PUBLIC_IPV4: "dualstack-without-public-ipv4",
    IPV4: "ipv4",
};
const LoadBalancerSchemeEnum = {
    INTERNAL: "internal",
    INTERNET_FACING: "internet-facing",
};
const LoadBalancerTypeEnum = {
    APPLICATION: "application",
    GATEWAY: "gateway",
    NETWORK: "network",
};
const LoadBalancerStateEnum = {
    ACTIVE: "active",
    ACTIVE_IMPAIRED: "active_impaired",
    FAILED: "failed",
    PROVISIONING: "provisioning",
};
const SourceIpAddressTypeEnum = {
    IPV4: "ipv4",
    IPV6: "ipv6",
};
const TransformTypeEnum = {
    HOST_HEADER_REWRITE: "host-header-rewrite",
    URL_REWRITE: "url-rewrite",
};
const TargetGroupIpAddressTypeEnum = {
    IPV4: "ipv4",
    IPV6: "ipv6",
};
const TargetTypeEnum = {
    ALB: "alb",
    INSTANCE: "instance",
    IP: "ip",
    LAMBDA: "lambda",
};
const TrustStoreStatus = {
    ACTIVE: "ACTIVE",
    CREATING: "CREATING",
};
const DescribeTargetHealthInputIncludeEnum = {
    ALL: "All",
    ANOMALY: "AnomalyDetection",
};
const TargetHealthReasonEnum = {
    DEREGISTRATION_IN_PROGRESS: "Target.DeregistrationInProgress",
    FAILED_HEALTH_CHECKS: "Target.FailedHealthChecks",
    HEALTH_CHECK_DISABLED: "Target.HealthCheckDisabled",
    INITIAL_HEALTH_CHECKING: "Elb.InitialHealthChecking",
    INTERNAL_ERROR: "Elb.InternalError",
    INVALID_STATE: "Target.InvalidState",
    IP_UNUSABLE: "Target.IpUnusable",
    NOT_IN_USE: "Target.NotInUse",
    NOT_REGISTERED: "Target.NotRegistered",
    REGISTRATION_IN_PROGRESS: "Elb.RegistrationInProgress",
    RESPONSE_CODE_MISMATCH: "Target.ResponseCodeMismatch",
    TIMEOUT: "Target.Timeout",
};
const TargetHealthStateEnum = {
    DRAINING: "draining",
    HEALTHY: "healthy",
    INITIAL: "initial",
    UNAVAILABLE: "unavailable",
    UNHEALTHY: "unhealthy",
    UNHEALTHY_DRAINING: "unhealthy.draining",
    UNUSED: "unused",
};
const RemoveIpamPoolEnum = {
    ipv4: "ipv4",
};
const EnforceSecurityGroupInboundRulesOnPrivateLinkTrafficEnum = {
    off: "off",
    on: "on",
};

__webpack_unused_export__ = ALPNPolicyNotSupportedException;
__webpack_unused_export__ = ALPNPolicyNotSupportedException$;
__webpack_unused_export__ = Action$;
__webpack_unused_export__ = ActionTypeEnum;
__webpack_unused_export__ = AddListenerCertificates$;
__webpack_unused_export__ = AddListenerCertificatesCommand;
__webpack_unused_export__ = AddListenerCertificatesInput$;
__webpack_unused_export__ = AddListenerCertificatesOutput$;
__webpack_unused_export__ = AddTags$;
__webpack_unused_export__ = AddTagsCommand;
__webpack_unused_export__ = AddTagsInput$;
__webpack_unused_export__ = AddTagsOutput$;
__webpack_unused_export__ = AddTrustStoreRevocations$;
__webpack_unused_export__ = AddTrustStoreRevocationsCommand;
__webpack_unused_export__ = AddTrustStoreRevocationsInput$;
__webpack_unused_export__ = AddTrustStoreRevocationsOutput$;
__webpack_unused_export__ = AdministrativeOverride$;
__webpack_unused_export__ = AdvertiseTrustStoreCaNamesEnum;
__webpack_unused_export__ = AllocationIdNotFoundException;
__webpack_unused_export__ = AllocationIdNotFoundException$;
__webpack_unused_export__ = AnomalyDetection$;
__webpack_unused_export__ = AnomalyResultEnum;
__webpack_unused_export__ = AuthenticateCognitoActionConditionalBehaviorEnum;
__webpack_unused_export__ = AuthenticateCognitoActionConfig$;
__webpack_unused_export__ = AuthenticateOidcActionConditionalBehaviorEnum;
__webpack_unused_export__ = AuthenticateOidcActionConfig$;
__webpack_unused_export__ = AvailabilityZone$;
__webpack_unused_export__ = AvailabilityZoneNotSupportedException;
__webpack_unused_export__ = AvailabilityZoneNotSupportedException$;
__webpack_unused_export__ = CaCertificatesBundleNotFoundException;
__webpack_unused_export__ = CaCertificatesBundleNotFoundException$;
__webpack_unused_export__ = CapacityDecreaseRequestsLimitExceededException;
__webpack_unused_export__ = CapacityDecreaseRequestsLimitExceededException$;
__webpack_unused_export__ = CapacityReservationPendingException;
__webpack_unused_export__ = CapacityReservationPendingException$;
__webpack_unused_export__ = CapacityReservationStateEnum;
__webpack_unused_export__ = CapacityReservationStatus$;
__webpack_unused_export__ = CapacityUnitsLimitExceededException;
__webpack_unused_export__ = CapacityUnitsLimitExceededException$;
__webpack_unused_export__ = Certificate$;
__webpack_unused_export__ = CertificateNotFoundException;
__webpack_unused_export__ = CertificateNotFoundException$;
__webpack_unused_export__ = Cipher$;
__webpack_unused_export__ = CreateListener$;
__webpack_unused_export__ = CreateListenerCommand;
__webpack_unused_export__ = CreateListenerInput$;
__webpack_unused_export__ = CreateListenerOutput$;
__webpack_unused_export__ = CreateLoadBalancer$;
__webpack_unused_export__ = CreateLoadBalancerCommand;
__webpack_unused_export__ = CreateLoadBalancerInput$;
__webpack_unused_export__ = CreateLoadBalancerOutput$;
__webpack_unused_export__ = CreateRule$;
__webpack_unused_export__ = CreateRuleCommand;
__webpack_unused_export__ = CreateRuleInput$;
__webpack_unused_export__ = CreateRuleOutput$;
__webpack_unused_export__ = CreateTargetGroup$;
__webpack_unused_export__ = CreateTargetGroupCommand;
__webpack_unused_export__ = CreateTargetGroupInput$;
__webpack_unused_export__ = CreateTargetGroupOutput$;
__webpack_unused_export__ = CreateTrustStore$;
__webpack_unused_export__ = CreateTrustStoreCommand;
__webpack_unused_export__ = CreateTrustStoreInput$;
__webpack_unused_export__ = CreateTrustStoreOutput$;
__webpack_unused_export__ = DeleteAssociationSameAccountException;
__webpack_unused_export__ = DeleteAssociationSameAccountException$;
__webpack_unused_export__ = DeleteListener$;
__webpack_unused_export__ = DeleteListenerCommand;
__webpack_unused_export__ = DeleteListenerInput$;
__webpack_unused_export__ = DeleteListenerOutput$;
__webpack_unused_export__ = DeleteLoadBalancer$;
__webpack_unused_export__ = DeleteLoadBalancerCommand;
__webpack_unused_export__ = DeleteLoadBalancerInput$;
__webpack_unused_export__ = DeleteLoadBalancerOutput$;
__webpack_unused_export__ = DeleteRule$;
__webpack_unused_export__ = DeleteRuleCommand;
__webpack_unused_export__ = DeleteRuleInput$;
__webpack_unused_export__ = DeleteRuleOutput$;
__webpack_unused_export__ = DeleteSharedTrustStoreAssociation$;
__webpack_unused_export__ = DeleteSharedTrustStoreAssociationCommand;
__webpack_unused_export__ = DeleteSharedTrustStoreAssociationInput$;
__webpack_unused_export__ = DeleteSharedTrustStoreAssociationOutput$;
__webpack_unused_export__ = DeleteTargetGroup$;
__webpack_unused_export__ = DeleteTargetGroupCommand;
__webpack_unused_export__ = DeleteTargetGroupInput$;
__webpack_unused_export__ = DeleteTargetGroupOutput$;
__webpack_unused_export__ = DeleteTrustStore$;
__webpack_unused_export__ = DeleteTrustStoreCommand;
__webpack_unused_export__ = DeleteTrustStoreInput$;
__webpack_unused_export__ = DeleteTrustStoreOutput$;
__webpack_unused_export__ = DeregisterTargets$;
__webpack_unused_export__ = DeregisterTargetsCommand;
__webpack_unused_export__ = DeregisterTargetsInput$;
__webpack_unused_export__ = DeregisterTargetsOutput$;
__webpack_unused_export__ = DescribeAccountLimits$;
__webpack_unused_export__ = DescribeAccountLimitsCommand;
__webpack_unused_export__ = DescribeAccountLimitsInput$;
__webpack_unused_export__ = DescribeAccountLimitsOutput$;
__webpack_unused_export__ = DescribeCapacityReservation$;
__webpack_unused_export__ = DescribeCapacityReservationCommand;
__webpack_unused_export__ = DescribeCapacityReservationInput$;
__webpack_unused_export__ = DescribeCapacityReservationOutput$;
__webpack_unused_export__ = DescribeListenerAttributes$;
__webpack_unused_export__ = DescribeListenerAttributesCommand;
__webpack_unused_export__ = DescribeListenerAttributesInput$;
__webpack_unused_export__ = DescribeListenerAttributesOutput$;
__webpack_unused_export__ = DescribeListenerCertificates$;
__webpack_unused_export__ = DescribeListenerCertificatesCommand;
__webpack_unused_export__ = DescribeListenerCertificatesInput$;
__webpack_unused_export__ = DescribeListenerCertificatesOutput$;
__webpack_unused_export__ = DescribeListeners$;
__webpack_unused_export__ = DescribeListenersCommand;
__webpack_unused_export__ = DescribeListenersInput$;
__webpack_unused_export__ = DescribeListenersOutput$;
__webpack_unused_export__ = DescribeLoadBalancerAttributes$;
__webpack_unused_export__ = DescribeLoadBalancerAttributesCommand;
__webpack_unused_export__ = DescribeLoadBalancerAttributesInput$;
__webpack_unused_export__ = DescribeLoadBalancerAttributesOutput$;
__webpack_unused_export__ = DescribeLoadBalancers$;
__webpack_unused_export__ = DescribeLoadBalancersCommand;
__webpack_unused_export__ = DescribeLoadBalancersInput$;
__webpack_unused_export__ = DescribeLoadBalancersOutput$;
__webpack_unused_export__ = DescribeRules$;
exports.Ggo = DescribeRulesCommand;
__webpack_unused_export__ = DescribeRulesInput$;
__webpack_unused_export__ = DescribeRulesOutput$;
__webpack_unused_export__ = DescribeSSLPolicies$;
__webpack_unused_export__ = DescribeSSLPoliciesCommand;
__webpack_unused_export__ = DescribeSSLPoliciesInput$;
__webpack_unused_export__ = DescribeSSLPoliciesOutput$;
__webpack_unused_export__ = DescribeTags$;
__webpack_unused_export__ = DescribeTagsCommand;
__webpack_unused_export__ = DescribeTagsInput$;
__webpack_unused_export__ = DescribeTagsOutput$;
__webpack_unused_export__ = DescribeTargetGroupAttributes$;
exports.cKh = DescribeTargetGroupAttributesCommand;
__webpack_unused_export__ = DescribeTargetGroupAttributesInput$;
__webpack_unused_export__ = DescribeTargetGroupAttributesOutput$;
__webpack_unused_export__ = DescribeTargetGroups$;
exports.sC7 = DescribeTargetGroupsCommand;
__webpack_unused_export__ = DescribeTargetGroupsInput$;
__webpack_unused_export__ = DescribeTargetGroupsOutput$;
__webpack_unused_export__ = DescribeTargetHealth$;
__webpack_unused_export__ = DescribeTargetHealthCommand;
__webpack_unused_export__ = DescribeTargetHealthInput$;
__webpack_unused_export__ = DescribeTargetHealthInputIncludeEnum;
__webpack_unused_export__ = DescribeTargetHealthOutput$;
__webpack_unused_export__ = DescribeTrustStoreAssociations$;
__webpack_unused_export__ = DescribeTrustStoreAssociationsCommand;
__webpack_unused_export__ = DescribeTrustStoreAssociationsInput$;
__webpack_unused_export__ = DescribeTrustStoreAssociationsOutput$;
__webpack_unused_export__ = DescribeTrustStoreRevocation$;
__webpack_unused_export__ = DescribeTrustStoreRevocations$;
__webpack_unused_export__ = DescribeTrustStoreRevocationsCommand;
__webpack_unused_export__ = DescribeTrustStoreRevocationsInput$;
__webpack_unused_export__ = DescribeTrustStoreRevocationsOutput$;
__webpack_unused_export__ = DescribeTrustStores$;
__webpack_unused_export__ = DescribeTrustStoresCommand;
__webpack_unused_export__ = DescribeTrustStoresInput$;
__webpack_unused_export__ = DescribeTrustStoresOutput$;
__webpack_unused_export__ = DuplicateListenerException;
__webpack_unused_export__ = DuplicateListenerException$;
__webpack_unused_export__ = DuplicateLoadBalancerNameException;
__webpack_unused_export__ = DuplicateLoadBalancerNameException$;
__webpack_unused_export__ = DuplicateTagKeysException;
__webpack_unused_export__ = DuplicateTagKeysException$;
__webpack_unused_export__ = DuplicateTargetGroupNameException;
__webpack_unused_export__ = DuplicateTargetGroupNameException$;
__webpack_unused_export__ = DuplicateTrustStoreNameException;
__webpack_unused_export__ = DuplicateTrustStoreNameException$;
__webpack_unused_export__ = ElasticLoadBalancingV2;
exports.MlD = ElasticLoadBalancingV2Client;
__webpack_unused_export__ = ElasticLoadBalancingV2ServiceException;
__webpack_unused_export__ = ElasticLoadBalancingV2ServiceException$;
__webpack_unused_export__ = EnablePrefixForIpv6SourceNatEnum;
__webpack_unused_export__ = EnforceSecurityGroupInboundRulesOnPrivateLinkTrafficEnum;
__webpack_unused_export__ = FixedResponseActionConfig$;
__webpack_unused_export__ = ForwardActionConfig$;
__webpack_unused_export__ = GetResourcePolicy$;
__webpack_unused_export__ = GetResourcePolicyCommand;
__webpack_unused_export__ = GetResourcePolicyInput$;
__webpack_unused_export__ = GetResourcePolicyOutput$;
__webpack_unused_export__ = GetTrustStoreCaCertificatesBundle$;
__webpack_unused_export__ = GetTrustStoreCaCertificatesBundleCommand;
__webpack_unused_export__ = GetTrustStoreCaCertificatesBundleInput$;
__webpack_unused_export__ = GetTrustStoreCaCertificatesBundleOutput$;
__webpack_unused_export__ = GetTrustStoreRevocationContent$;
__webpack_unused_export__ = GetTrustStoreRevocationContentCommand;
__webpack_unused_export__ = GetTrustStoreRevocationContentInput$;
__webpack_unused_export__ = GetTrustStoreRevocationContentOutput$;
__webpack_unused_export__ = HealthUnavailableException;
__webpack_unused_export__ = HealthUnavailableException$;
__webpack_unused_export__ = HostHeaderConditionConfig$;
__webpack_unused_export__ = HostHeaderRewriteConfig$;
__webpack_unused_export__ = HttpHeaderConditionConfig$;
__webpack_unused_export__ = HttpRequestMethodConditionConfig$;
__webpack_unused_export__ = IncompatibleProtocolsException;
__webpack_unused_export__ = IncompatibleProtocolsException$;
__webpack_unused_export__ = InsufficientCapacityException;
__webpack_unused_export__ = InsufficientCapacityException$;
__webpack_unused_export__ = InvalidCaCertificatesBundleException;
__webpack_unused_export__ = InvalidCaCertificatesBundleException$;
__webpack_unused_export__ = InvalidConfigurationRequestException;
__webpack_unused_export__ = InvalidConfigurationRequestException$;
__webpack_unused_export__ = InvalidLoadBalancerActionException;
__webpack_unused_export__ = InvalidLoadBalancerActionException$;
__webpack_unused_export__ = InvalidRevocationContentException;
__webpack_unused_export__ = InvalidRevocationContentException$;
__webpack_unused_export__ = InvalidSchemeException;
__webpack_unused_export__ = InvalidSchemeException$;
__webpack_unused_export__ = InvalidSecurityGroupException;
__webpack_unused_export__ = InvalidSecurityGroupException$;
__webpack_unused_export__ = InvalidSubnetException;
__webpack_unused_export__ = InvalidSubnetException$;
__webpack_unused_export__ = InvalidTargetException;
__webpack_unused_export__ = InvalidTargetException$;
__webpack_unused_export__ = IpAddressType;
__webpack_unused_export__ = IpamPools$;
__webpack_unused_export__ = JwtValidationActionAdditionalClaim$;
__webpack_unused_export__ = JwtValidationActionAdditionalClaimFormatEnum;
__webpack_unused_export__ = JwtValidationActionConfig$;
__webpack_unused_export__ = Limit$;
__webpack_unused_export__ = Listener$;
__webpack_unused_export__ = ListenerAttribute$;
__webpack_unused_export__ = ListenerNotFoundException;
__webpack_unused_export__ = ListenerNotFoundException$;
__webpack_unused_export__ = LoadBalancer$;
__webpack_unused_export__ = LoadBalancerAddress$;
__webpack_unused_export__ = LoadBalancerAttribute$;
__webpack_unused_export__ = LoadBalancerNotFoundException;
__webpack_unused_export__ = LoadBalancerNotFoundException$;
__webpack_unused_export__ = LoadBalancerSchemeEnum;
__webpack_unused_export__ = LoadBalancerState$;
__webpack_unused_export__ = LoadBalancerStateEnum;
__webpack_unused_export__ = LoadBalancerTypeEnum;
__webpack_unused_export__ = Matcher$;
__webpack_unused_export__ = MinimumLoadBalancerCapacity$;
__webpack_unused_export__ = MitigationInEffectEnum;
__webpack_unused_export__ = ModifyCapacityReservation$;
__webpack_unused_export__ = ModifyCapacityReservationCommand;
__webpack_unused_export__ = ModifyCapacityReservationInput$;
__webpack_unused_export__ = ModifyCapacityReservationOutput$;
__webpack_unused_export__ = ModifyIpPools$;
__webpack_unused_export__ = ModifyIpPoolsCommand;
__webpack_unused_export__ = ModifyIpPoolsInput$;
__webpack_unused_export__ = ModifyIpPoolsOutput$;
__webpack_unused_export__ = ModifyListener$;
__webpack_unused_export__ = ModifyListenerAttributes$;
__webpack_unused_export__ = ModifyListenerAttributesCommand;
__webpack_unused_export__ = ModifyListenerAttributesInput$;
__webpack_unused_export__ = ModifyListenerAttributesOutput$;
__webpack_unused_export__ = ModifyListenerCommand;
__webpack_unused_export__ = ModifyListenerInput$;
__webpack_unused_export__ = ModifyListenerOutput$;
__webpack_unused_export__ = ModifyLoadBalancerAttributes$;
__webpack_unused_export__ = ModifyLoadBalancerAttributesCommand;
__webpack_unused_export__ = ModifyLoadBalancerAttributesInput$;
__webpack_unused_export__ = ModifyLoadBalancerAttributesOutput$;
__webpack_unused_export__ = ModifyRule$;
exports.y5P = ModifyRuleCommand;
__webpack_unused_export__ = ModifyRuleInput$;
__webpack_unused_export__ = ModifyRuleOutput$;
__webpack_unused_export__ = ModifyTargetGroup$;
__webpack_unused_export__ = ModifyTargetGroupAttributes$;
__webpack_unused_export__ = ModifyTargetGroupAttributesCommand;
__webpack_unused_export__ = ModifyTargetGroupAttributesInput$;
__webpack_unused_export__ = ModifyTargetGroupAttributesOutput$;
__webpack_unused_export__ = ModifyTargetGroupCommand;
__webpack_unused_export__ = ModifyTargetGroupInput$;
__webpack_unused_export__ = ModifyTargetGroupOutput$;
__webpack_unused_export__ = ModifyTrustStore$;
__webpack_unused_export__ = ModifyTrustStoreCommand;
__webpack_unused_export__ = ModifyTrustStoreInput$;
__webpack_unused_export__ = ModifyTrustStoreOutput$;
__webpack_unused_export__ = MutualAuthenticationAttributes$;
__webpack_unused_export__ = OperationNotPermittedException;
__webpack_unused_export__ = OperationNotPermittedException$;
__webpack_unused_export__ = PathPatternConditionConfig$;
__webpack_unused_export__ = PriorRequestNotCompleteException;
__webpack_unused_export__ = PriorRequestNotCompleteException$;
__webpack_unused_export__ = PriorityInUseException;
__webpack_unused_export__ = PriorityInUseException$;
__webpack_unused_export__ = ProtocolEnum;
__webpack_unused_export__ = QueryStringConditionConfig$;
__webpack_unused_export__ = QueryStringKeyValuePair$;
__webpack_unused_export__ = RedirectActionConfig$;
__webpack_unused_export__ = RedirectActionStatusCodeEnum;
__webpack_unused_export__ = RegisterTargets$;
__webpack_unused_export__ = RegisterTargetsCommand;
__webpack_unused_export__ = RegisterTargetsInput$;
__webpack_unused_export__ = RegisterTargetsOutput$;
__webpack_unused_export__ = RemoveIpamPoolEnum;
__webpack_unused_export__ = RemoveListenerCertificates$;
__webpack_unused_export__ = RemoveListenerCertificatesCommand;
__webpack_unused_export__ = RemoveListenerCertificatesInput$;
__webpack_unused_export__ = RemoveListenerCertificatesOutput$;
__webpack_unused_export__ = RemoveTags$;
__webpack_unused_export__ = RemoveTagsCommand;
__webpack_unused_export__ = RemoveTagsInput$;
__webpack_unused_export__ = RemoveTagsOutput$;
__webpack_unused_export__ = RemoveTrustStoreRevocations$;
__webpack_unused_export__ = RemoveTrustStoreRevocationsCommand;
__webpack_unused_export__ = RemoveTrustStoreRevocationsInput$;
__webpack_unused_export__ = RemoveTrustStoreRevocationsOutput$;
__webpack_unused_export__ = ResourceInUseException;
__webpack_unused_export__ = ResourceInUseException$;
__webpack_unused_export__ = ResourceNotFoundException;
__webpack_unused_export__ = ResourceNotFoundException$;
__webpack_unused_export__ = RevocationContent$;
__webpack_unused_export__ = RevocationContentNotFoundException;
__webpack_unused_export__ = RevocationContentNotFoundException$;
__webpack_unused_export__ = RevocationIdNotFoundException;
__webpack_unused_export__ = RevocationIdNotFoundException$;
__webpack_unused_export__ = RevocationType;
__webpack_unused_export__ = RewriteConfig$;
__webpack_unused_export__ = Rule$;
__webpack_unused_export__ = RuleCondition$;
__webpack_unused_export__ = RuleNotFoundException;
__webpack_unused_export__ = RuleNotFoundException$;
__webpack_unused_export__ = RulePriorityPair$;
__webpack_unused_export__ = RuleTransform$;
__webpack_unused_export__ = SSLPolicyNotFoundException;
__webpack_unused_export__ = SSLPolicyNotFoundException$;
__webpack_unused_export__ = SetIpAddressType$;
__webpack_unused_export__ = SetIpAddressTypeCommand;
__webpack_unused_export__ = SetIpAddressTypeInput$;
__webpack_unused_export__ = SetIpAddressTypeOutput$;
__webpack_unused_export__ = SetRulePriorities$;
__webpack_unused_export__ = SetRulePrioritiesCommand;
__webpack_unused_export__ = SetRulePrioritiesInput$;
__webpack_unused_export__ = SetRulePrioritiesOutput$;
__webpack_unused_export__ = SetSecurityGroups$;
__webpack_unused_export__ = SetSecurityGroupsCommand;
__webpack_unused_export__ = SetSecurityGroupsInput$;
__webpack_unused_export__ = SetSecurityGroupsOutput$;
__webpack_unused_export__ = SetSubnets$;
__webpack_unused_export__ = SetSubnetsCommand;
__webpack_unused_export__ = SetSubnetsInput$;
__webpack_unused_export__ = SetSubnetsOutput$;
__webpack_unused_export__ = SourceIpAddressTypeEnum;
__webpack_unused_export__ = SourceIpConditionConfig$;
__webpack_unused_export__ = SslPolicy$;
__webpack_unused_export__ = SubnetMapping$;
__webpack_unused_export__ = SubnetNotFoundException;
__webpack_unused_export__ = SubnetNotFoundException$;
__webpack_unused_export__ = Tag$;
__webpack_unused_export__ = TagDescription$;
__webpack_unused_export__ = TargetAdministrativeOverrideReasonEnum;
__webpack_unused_export__ = TargetAdministrativeOverrideStateEnum;
__webpack_unused_export__ = TargetDescription$;
__webpack_unused_export__ = TargetGroup$;
__webpack_unused_export__ = TargetGroupAssociationLimitException;
__webpack_unused_export__ = TargetGroupAssociationLimitException$;
__webpack_unused_export__ = TargetGroupAttribute$;
__webpack_unused_export__ = TargetGroupIpAddressTypeEnum;
__webpack_unused_export__ = TargetGroupNotFoundException;
__webpack_unused_export__ = TargetGroupNotFoundException$;
__webpack_unused_export__ = TargetGroupStickinessConfig$;
__webpack_unused_export__ = TargetGroupTuple$;
__webpack_unused_export__ = TargetHealth$;
__webpack_unused_export__ = TargetHealthDescription$;
__webpack_unused_export__ = TargetHealthReasonEnum;
__webpack_unused_export__ = TargetHealthStateEnum;
__webpack_unused_export__ = TargetTypeEnum;
__webpack_unused_export__ = TooManyActionsException;
__webpack_unused_export__ = TooManyActionsException$;
__webpack_unused_export__ = TooManyCertificatesException;
__webpack_unused_export__ = TooManyCertificatesException$;
__webpack_unused_export__ = TooManyListenersException;
__webpack_unused_export__ = TooManyListenersException$;
__webpack_unused_export__ = TooManyLoadBalancersException;
__webpack_unused_export__ = TooManyLoadBalancersException$;
__webpack_unused_export__ = TooManyRegistrationsForTargetIdException;
__webpack_unused_export__ = TooManyRegistrationsForTargetIdException$;
__webpack_unused_export__ = TooManyRulesException;
__webpack_unused_export__ = TooManyRulesException$;
__webpack_unused_export__ = TooManyTagsException;
__webpack_unused_export__ = TooManyTagsException$;
__webpack_unused_export__ = TooManyTargetGroupsException;
__webpack_unused_export__ = TooManyTargetGroupsException$;
__webpack_unused_export__ = TooManyTargetsException;
__webpack_unused_export__ = TooManyTargetsException$;
__webpack_unused_export__ = TooManyTrustStoreRevocationEntriesException;
__webpack_unused_export__ = TooManyTrustStoreRevocationEntriesException$;
__webpack_unused_export__ = TooManyTrustStoresException;
__webpack_unused_export__ = TooManyTrustStoresException$;
__webpack_unused_export__ = TooManyUniqueTargetGroupsPerLoadBalancerException;
__webpack_unused_export__ = TooManyUniqueTargetGroupsPerLoadBalancerException$;
__webpack_unused_export__ = TransformTypeEnum;
__webpack_unused_export__ = TrustStore$;
__webpack_unused_export__ = TrustStoreAssociation$;
__webpack_unused_export__ = TrustStoreAssociationNotFoundException;
__webpack_unused_export__ = TrustStoreAssociationNotFoundException$;
__webpack_unused_export__ = TrustStoreAssociationStatusEnum;
__webpack_unused_export__ = TrustStoreInUseException;
__webpack_unused_export__ = TrustStoreInUseException$;
__webpack_unused_export__ = TrustStoreNotFoundException;
__webpack_unused_export__ = TrustStoreNotFoundException$;
__webpack_unused_export__ = TrustStoreNotReadyException;
__webpack_unused_export__ = TrustStoreNotReadyException$;
__webpack_unused_export__ = TrustStoreRevocation$;
__webpack_unused_export__ = TrustStoreStatus;
__webpack_unused_export__ = UnsupportedProtocolException;
__webpack_unused_export__ = UnsupportedProtocolException$;
__webpack_unused_export__ = UrlRewriteConfig$;
__webpack_unused_export__ = ZonalCapacityReservationState$;
__webpack_unused_export__ = errorTypeRegistries;
__webpack_unused_export__ = paginateDescribeAccountLimits;
__webpack_unused_export__ = paginateDescribeListenerCertificates;
__webpack_unused_export__ = paginateDescribeListeners;
__webpack_unused_export__ = paginateDescribeLoadBalancers;
__webpack_unused_export__ = paginateDescribeRules;
__webpack_unused_export__ = paginateDescribeTargetGroups;
__webpack_unused_export__ = paginateDescribeTrustStoreAssociations;
__webpack_unused_export__ = paginateDescribeTrustStoreRevocations;
__webpack_unused_export__ = paginateDescribeTrustStores;
__webpack_unused_export__ = waitForLoadBalancerAvailable;
__webpack_unused_export__ = waitForLoadBalancerExists;
__webpack_unused_export__ = waitForLoadBalancersDeleted;
__webpack_unused_export__ = waitForTargetDeregistered;
__webpack_unused_export__ = waitForTargetInService;
__webpack_unused_export__ = waitUntilLoadBalancerAvailable;
__webpack_unused_export__ = waitUntilLoadBalancerExists;
__webpack_unused_export__ = waitUntilLoadBalancersDeleted;
__webpack_unused_export__ = waitUntilTargetDeregistered;
__webpack_unused_export__ = waitUntilTargetInService;


/***/ }),

/***/ 9456:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

const { createGzip } = __webpack_require__(8522);
exports.compressStream = async (body) => body.pipe(createGzip());


/***/ }),

/***/ 6097:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

const { promisify } = __webpack_require__(7975);
const { gzip } = __webpack_require__(8522);
const { toUint8Array } = __webpack_require__(2430);
const gzipAsync = promisify(gzip);
exports.compressString = async (body) => {
    try {
        const compressedBuffer = await gzipAsync(toUint8Array(body || ""));
        return toUint8Array(compressedBuffer);
    }
    catch (err) {
        throw new Error("Failure during compression: " + err.message);
    }
};


/***/ }),

/***/ 190:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

const { booleanSelector, SelectorType, numberSelector } = __webpack_require__(7291);
const { setFeature } = __webpack_require__(402);
const { HttpRequest } = __webpack_require__(3422);
const { compressStream } = __webpack_require__(9456);
const { compressString } = __webpack_require__(6097);
const { isArrayBuffer } = __webpack_require__(2430);
const { normalizeProvider } = __webpack_require__(2658);

const NODE_DISABLE_REQUEST_COMPRESSION_ENV_NAME = "AWS_DISABLE_REQUEST_COMPRESSION";
const NODE_DISABLE_REQUEST_COMPRESSION_INI_NAME = "disable_request_compression";
const DEFAULT_DISABLE_REQUEST_COMPRESSION = false;
const NODE_DISABLE_REQUEST_COMPRESSION_CONFIG_OPTIONS = {
    environmentVariableSelector: (env) => booleanSelector(env, NODE_DISABLE_REQUEST_COMPRESSION_ENV_NAME, SelectorType.ENV),
    configFileSelector: (profile) => booleanSelector(profile, NODE_DISABLE_REQUEST_COMPRESSION_INI_NAME, SelectorType.CONFIG),
    default: DEFAULT_DISABLE_REQUEST_COMPRESSION,
};

const NODE_REQUEST_MIN_COMPRESSION_SIZE_BYTES_ENV_NAME = "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES";
const NODE_REQUEST_MIN_COMPRESSION_SIZE_BYTES_INI_NAME = "request_min_compression_size_bytes";
const DEFAULT_NODE_REQUEST_MIN_COMPRESSION_SIZE_BYTES = 10240;
const NODE_REQUEST_MIN_COMPRESSION_SIZE_BYTES_CONFIG_OPTIONS = {
    environmentVariableSelector: (env) => numberSelector(env, NODE_REQUEST_MIN_COMPRESSION_SIZE_BYTES_ENV_NAME, SelectorType.ENV),
    configFileSelector: (profile) => numberSelector(profile, NODE_REQUEST_MIN_COMPRESSION_SIZE_BYTES_INI_NAME, SelectorType.CONFIG),
    default: DEFAULT_NODE_REQUEST_MIN_COMPRESSION_SIZE_BYTES,
};

var CompressionAlgorithm;
(function (CompressionAlgorithm) {
    CompressionAlgorithm["GZIP"] = "gzip";
})(CompressionAlgorithm || (CompressionAlgorithm = {}));
const CLIENT_SUPPORTED_ALGORITHMS = [CompressionAlgorithm.GZIP];

const isStreaming = (body) => body !== undefined && typeof body !== "string" && !ArrayBuffer.isView(body) && !isArrayBuffer(body);

const compressionMiddleware = (config, middlewareConfig) => (next, context) => async (args) => {
    if (!HttpRequest.isInstance(args.request)) {
        return next(args);
    }
    const disableRequestCompression = await config.disableRequestCompression();
    if (disableRequestCompression) {
        return next(args);
    }
    const { request } = args;
    const { body, headers } = request;
    const { encodings, streamRequiresLength } = middlewareConfig;
    let updatedBody = body;
    let updatedHeaders = headers;
    for (const algorithm of encodings) {
        if (CLIENT_SUPPORTED_ALGORITHMS.includes(algorithm)) {
            let isRequestCompressed = false;
            if (isStreaming(body)) {
                if (!streamRequiresLength) {
                    updatedBody = await compressStream(body);
                    isRequestCompressed = true;
                }
                else {
                    throw new Error("Compression is not supported for streaming blobs that require a length.");
                }
            }
            else {
                const bodyLength = config.bodyLengthChecker(body);
                const requestMinCompressionSizeBytes = await config.requestMinCompressionSizeBytes();
                if (bodyLength && bodyLength >= requestMinCompressionSizeBytes) {
                    updatedBody = await compressString(body);
                    isRequestCompressed = true;
                }
            }
            if (isRequestCompressed) {
                if (headers["content-encoding"]) {
                    updatedHeaders = {
                        ...headers,
                        "content-encoding": `${headers["content-encoding"]}, ${algorithm}`,
                    };
                }
                else {
                    updatedHeaders = { ...headers, "content-encoding": algorithm };
                }
                if (updatedHeaders["content-encoding"].includes("gzip")) {
                    setFeature(context, "GZIP_REQUEST_COMPRESSION", "L");
                }
                break;
            }
        }
    }
    return next({
        ...args,
        request: {
            ...request,
            body: updatedBody,
            headers: updatedHeaders,
        },
    });
};
const compressionMiddlewareOptions = {
    name: "compressionMiddleware",
    step: "build",
    tags: ["REQUEST_BODY_COMPRESSION", "GZIP"],
    override: true,
    priority: "high",
};

const getCompressionPlugin = (config, middlewareConfig) => ({
    applyToStack: (clientStack) => {
        clientStack.add(compressionMiddleware(config, middlewareConfig), compressionMiddlewareOptions);
    },
});

const resolveCompressionConfig = (input) => {
    const { disableRequestCompression, requestMinCompressionSizeBytes: _requestMinCompressionSizeBytes } = input;
    return Object.assign(input, {
        disableRequestCompression: normalizeProvider(disableRequestCompression),
        requestMinCompressionSizeBytes: async () => {
            const requestMinCompressionSizeBytes = await normalizeProvider(_requestMinCompressionSizeBytes)();
            if (requestMinCompressionSizeBytes < 0 || requestMinCompressionSizeBytes > 10485760) {
                throw new RangeError("The value for requestMinCompressionSizeBytes must be between 0 and 10485760 inclusive. " +
                    `The provided value ${requestMinCompressionSizeBytes} is outside this range."`);
            }
            return requestMinCompressionSizeBytes;
        },
    });
};

exports.DEFAULT_DISABLE_REQUEST_COMPRESSION = DEFAULT_DISABLE_REQUEST_COMPRESSION;
exports.DEFAULT_NODE_REQUEST_MIN_COMPRESSION_SIZE_BYTES = DEFAULT_NODE_REQUEST_MIN_COMPRESSION_SIZE_BYTES;
exports.NODE_DISABLE_REQUEST_COMPRESSION_CONFIG_OPTIONS = NODE_DISABLE_REQUEST_COMPRESSION_CONFIG_OPTIONS;
exports.NODE_DISABLE_REQUEST_COMPRESSION_ENV_NAME = NODE_DISABLE_REQUEST_COMPRESSION_ENV_NAME;
exports.NODE_DISABLE_REQUEST_COMPRESSION_INI_NAME = NODE_DISABLE_REQUEST_COMPRESSION_INI_NAME;
exports.NODE_REQUEST_MIN_COMPRESSION_SIZE_BYTES_CONFIG_OPTIONS = NODE_REQUEST_MIN_COMPRESSION_SIZE_BYTES_CONFIG_OPTIONS;
exports.NODE_REQUEST_MIN_COMPRESSION_SIZE_BYTES_ENV_NAME = NODE_REQUEST_MIN_COMPRESSION_SIZE_BYTES_ENV_NAME;
exports.NODE_REQUEST_MIN_COMPRESSION_SIZE_BYTES_INI_NAME = NODE_REQUEST_MIN_COMPRESSION_SIZE_BYTES_INI_NAME;
exports.compressionMiddleware = compressionMiddleware;
exports.compressionMiddlewareOptions = compressionMiddlewareOptions;
exports.getCompressionPlugin = getCompressionPlugin;
exports.resolveCompressionConfig = resolveCompressionConfig;


/***/ })

};
