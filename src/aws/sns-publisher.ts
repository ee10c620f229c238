/** SNS adapter for the SNS alert sink: publish one message to a topic. */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { AwsCallError } from '../model/errors.js';
import type { AwsTarget } from './client-config.js';
import { sdkClientConfig } from './client-config.js';

/** Publishes to one topic. */
export interface SnsPublisher {
  publish(message: { subject: string; body: string; attributes?: Record<string, string> }): Promise<void>;
}

/** An SNS topic by ARN; the region comes from the ARN unless `--region` says otherwise. */
export function snsPublisher(topicArn: string, target: AwsTarget = {}): SnsPublisher {
  const region = target.region ?? topicArn.split(':')[3] ?? undefined;
  const client = new SNSClient(sdkClientConfig({ ...target, region: region || undefined }));
  return {
    async publish({ subject, body, attributes = {} }) {
      try {
        await client.send(
          new PublishCommand({
            TopicArn: topicArn,
            // SNS subjects: ASCII, at most 100 characters.
            Subject: subject.replace(/[^\x20-\x7e]/g, '?').slice(0, 100),
            Message: body,
            MessageAttributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }])),
          }),
        );
      } catch (err) {
        throw new AwsCallError('sns:Publish', (err as Error).message, { cause: err });
      }
    },
  };
}
