/**
 * Shared fixtures of the replay tests: a CloudTrail-shaped IAM event in the shape real trails
 * record (policy documents URL-encoded JSON strings, actor in `userIdentity.arn`).
 */
import type { CloudTrailEvent } from '../../src/model/cloudtrail.js';
import { ACCOUNT } from '../helpers/snapshot-builder.js';

export const ACTOR = `arn:aws:iam::${ACCOUNT}:user/ci-bot`;

/** One IAM management event recorded in ACCOUNT by `ci-bot`. */
export function iamEvent(id: string, time: string, eventName: string, requestParameters: Record<string, unknown>, extra: Partial<CloudTrailEvent> = {}): CloudTrailEvent {
  return {
    eventVersion: '1.08', eventID: id, eventTime: time, eventSource: 'iam.amazonaws.com', eventName, awsRegion: 'us-east-1', sourceIPAddress: '203.0.113.9',
    userIdentity: { type: 'IAMUser', arn: ACTOR, accountId: ACCOUNT, userName: 'ci-bot', principalId: 'AIDAEXAMPLE' },
    requestParameters, responseElements: null, recipientAccountId: ACCOUNT, eventType: 'AwsApiCall', managementEvent: true, readOnly: false, ...extra,
  };
}

/** A policy document as IAM's CloudTrail records it: URL-encoded JSON. */
export const urlEncoded = (document: unknown): string => encodeURIComponent(JSON.stringify(document));
