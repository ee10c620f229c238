/**
 * SQS adapter for `cordon watch`: long-poll receive and delete. A message is deleted only by the
 * caller, after the alerts it produced are stored (at-least-once).
 */
import { DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { AwsCallError } from '../model/errors.js';
import type { AwsTarget } from './client-config.js';
import { sdkClientConfig } from './client-config.js';

/** One received message. */
export interface QueueMessage {
  id: string;
  receiptHandle: string;
  body: string;
}

/** What `watch` needs from a queue. */
export interface AlertQueue {
  receive(options: { max?: number; waitSeconds?: number; visibilitySeconds?: number }): Promise<QueueMessage[]>;
  delete(message: QueueMessage): Promise<void>;
  /** Messages visible or in flight (received, not yet deleted): 0 means fully drained. */
  inFlight(): Promise<number>;
}

/** A queue by URL through the SDK. */
export function sqsQueue(queueUrl: string, target: AwsTarget = {}): AlertQueue {
  const client = new SQSClient(sdkClientConfig(target));
  return {
    async receive({ max = 10, waitSeconds = 20, visibilitySeconds }) {
      try {
        const out = await client.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: Math.min(10, max), WaitTimeSeconds: waitSeconds, VisibilityTimeout: visibilitySeconds }),
        );
        return (out.Messages ?? []).filter((m) => m.ReceiptHandle).map((m) => ({ id: m.MessageId ?? '', receiptHandle: m.ReceiptHandle!, body: m.Body ?? '' }));
      } catch (err) {
        throw new AwsCallError('sqs:ReceiveMessage', (err as Error).message, { cause: err });
      }
    },
    async delete(message) {
      try {
        await client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.receiptHandle }));
      } catch (err) {
        throw new AwsCallError('sqs:DeleteMessage', (err as Error).message, { cause: err });
      }
    },
    async inFlight() {
      try {
        const out = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
        const a = out.Attributes ?? {};
        return Number(a.ApproximateNumberOfMessages ?? 0) + Number(a.ApproximateNumberOfMessagesNotVisible ?? 0);
      } catch (err) {
        throw new AwsCallError('sqs:GetQueueAttributes', (err as Error).message, { cause: err });
      }
    },
  };
}
