/**
 * The EventBridge envelope a CloudTrail record arrives in ("AWS API Call via CloudTrail"), so rules
 * written for EventBridge (`source`, `detail-type`, `detail.*`) match records read from files.
 */
import type { CloudTrailEvent } from '../../model/cloudtrail.js';

/** The envelope fields EventBridge sets for a CloudTrail record. */
export interface CloudTrailEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: CloudTrailEvent;
}

/** `detail-type` by CloudTrail `eventType`/eventName, as EventBridge assigns it. */
export function detailTypeOf(event: CloudTrailEvent): string {
  if (event.eventType === 'AwsConsoleSignIn') return 'AWS Console Sign In via CloudTrail';
  if (event.eventType === 'AwsServiceEvent') return 'AWS Service Event via CloudTrail';
  if (event.eventType === 'AwsConsoleAction') return 'AWS Console Action via CloudTrail';
  return 'AWS API Call via CloudTrail';
}

/** Wraps a record: `source` is `aws.` + the first label of `eventSource` (iam.amazonaws.com → aws.iam). */
export function cloudTrailEnvelope(event: CloudTrailEvent): CloudTrailEnvelope {
  const dot = event.eventSource.indexOf('.');
  return {
    version: '0',
    id: event.eventID,
    'detail-type': detailTypeOf(event),
    source: `aws.${dot > 0 ? event.eventSource.slice(0, dot) : event.eventSource}`,
    account: event.recipientAccountId ?? event.userIdentity?.accountId ?? '',
    time: event.eventTime,
    region: event.awsRegion ?? '',
    resources: [],
    detail: event,
  };
}
