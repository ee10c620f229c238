/**
 * A CloudTrail record as delivered in log files, EventBridge `detail`, or CloudTrail Lake. Only
 * the fields Cordon reads are typed; everything else is kept (records are passed on untouched).
 * Values are not trusted: fuzzed regions, malformed IPs and missing fields must be tolerated.
 */
export interface CloudTrailUserIdentity {
  type?: string;
  principalId?: string;
  arn?: string;
  accountId?: string;
  accessKeyId?: string;
  userName?: string;
  invokedBy?: string;
  sessionContext?: {
    sessionIssuer?: { type?: string; principalId?: string; arn?: string; accountId?: string; userName?: string };
    attributes?: { creationDate?: string; mfaAuthenticated?: string };
    webIdFederationData?: Record<string, unknown>;
  };
  [key: string]: unknown;
}

export interface CloudTrailEvent {
  eventVersion?: string;
  eventID: string;
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion?: string;
  sourceIPAddress?: string;
  userAgent?: string;
  userIdentity?: CloudTrailUserIdentity;
  requestParameters?: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
  errorCode?: string;
  errorMessage?: string;
  readOnly?: boolean;
  eventType?: string;
  managementEvent?: boolean;
  recipientAccountId?: string;
  resources?: { ARN?: string; accountId?: string; type?: string }[];
  [key: string]: unknown;
}
