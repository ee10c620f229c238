/**
 * Turns one SQS message body into CloudTrail events. Accepted bodies (optionally wrapped in an SNS
 * notification): an EventBridge envelope of a CloudTrail record (`detail-type: "AWS API Call via
 * CloudTrail"`...), an S3 event notification of new log objects (`Records[].s3`), EventBridge's
 * S3 `Object Created` event, or CloudTrail's own SNS delivery notice (`{s3Bucket, s3ObjectKey:[]}`);
 * for the last three the named objects are fetched and parsed.
 */
import type { CloudTrailEvent } from '../../model/cloudtrail.js';
import { isCloudTrailEnvelope, normalizeRecord } from '../normalize.js';
import { withOrigin } from '../origin.js';
import { describeJsonError, MAX_JSON_DEPTH, tooDeepAt } from '../../collect/files/read-json.js';
import { parseCloudTrailBytes, type ReadIssue } from './parse-bytes.js';

/** Fetches one object's bytes (the S3 adapter's `getObject`). */
export type ObjectFetcher = (bucket: string, key: string) => Promise<Buffer>;

/** Events of one message; `issues` lists what was skipped (the message is still consumed). */
export interface MessageEvents {
  events: CloudTrailEvent[];
  issues: ReadIssue[];
  /** Objects fetched (`s3://bucket/key`). */
  objects: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** S3 event-notification keys are URL-encoded with `+` for spaces. */
export function decodeS3EventKey(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

/** The objects a body asks to fetch, or `undefined` when it is not an S3 notice. */
export function s3ObjectsOf(body: Record<string, unknown>): { bucket: string; key: string }[] | undefined {
  if (Array.isArray(body.Records) && body.Records.some((r) => isObject(r) && isObject(r.s3))) {
    return body.Records.flatMap((r) => {
      if (!isObject(r) || !isObject(r.s3) || (typeof r.eventName === 'string' && !r.eventName.startsWith('ObjectCreated'))) return [];
      const bucket = isObject(r.s3.bucket) ? r.s3.bucket.name : undefined;
      const key = isObject(r.s3.object) ? r.s3.object.key : undefined;
      return typeof bucket === 'string' && typeof key === 'string' ? [{ bucket, key: decodeS3EventKey(key) }] : [];
    });
  }
  if (body['detail-type'] === 'Object Created' && isObject(body.detail)) {
    const d = body.detail;
    const bucket = isObject(d.bucket) ? d.bucket.name : undefined;
    const key = isObject(d.object) ? d.object.key : undefined;
    return typeof bucket === 'string' && typeof key === 'string' ? [{ bucket, key }] : [];
  }
  if (typeof body.s3Bucket === 'string' && Array.isArray(body.s3ObjectKey)) {
    return body.s3ObjectKey.filter((k): k is string => typeof k === 'string').map((key) => ({ bucket: body.s3Bucket as string, key }));
  }
  if (body.Event === 's3:TestEvent') return [];
  return undefined;
}

/** Parses one message body; `name` (e.g. `sqs://queue/messageId`) labels origins and issues. */
export async function eventsFromMessage(bodyText: string, name: string, fetch: ObjectFetcher): Promise<MessageEvents> {
  const out: MessageEvents = { events: [], issues: [], objects: [] };
  let body: unknown;
  let text = bodyText;
  try {
    // Depth bounded before parsing: a deeply nested message would overflow the recursive code after it.
    if (tooDeepAt(text) >= 0) throw new Error(`nested more than ${MAX_JSON_DEPTH} levels deep`);
    body = JSON.parse(text);
    // SNS → SQS delivers the published text in `Message`.
    if (isObject(body) && body.Type === 'Notification' && typeof body.Message === 'string') {
      text = body.Message;
      if (tooDeepAt(text) >= 0) throw new Error(`nested more than ${MAX_JSON_DEPTH} levels deep`);
      body = JSON.parse(text);
    }
  } catch (err) {
    // Position only: V8's message would quote the message body.
    const reason = (err as Error).message.startsWith('nested') ? (err as Error).message : (({ reason, line, column }) => `${reason} at line ${line}, column ${column}`)(describeJsonError(err, text));
    out.issues.push({ file: name, reason: `message is not JSON: ${reason}` });
    return out;
  }
  if (!isObject(body)) {
    out.issues.push({ file: name, reason: 'message is not a JSON object' });
    return out;
  }
  if (isCloudTrailEnvelope(body)) {
    const envelopeId = (body as { id?: unknown }).id;
    const event = normalizeRecord(body.detail, typeof envelopeId === 'string' ? envelopeId : name);
    if (event) out.events.push(withOrigin(event, { file: name, index: 0 }));
    return out;
  }
  const objects = s3ObjectsOf(body);
  if (!objects) {
    out.issues.push({ file: name, reason: 'neither a CloudTrail EventBridge envelope nor an S3 notification of log files' });
    return out;
  }
  for (const { bucket, key } of objects) {
    const uri = `s3://${bucket}/${key}`;
    out.objects.push(uri);
    // A failed fetch throws: the message must stay in the queue and be retried, not be deleted.
    const parsed = await parseCloudTrailBytes(await fetch(bucket, key), uri);
    if (parsed.issue) out.issues.push(parsed.issue);
    out.events.push(...parsed.events);
  }
  return out;
}
