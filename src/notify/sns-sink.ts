/** SNS sink: publishes the alert JSON to a topic (through the `src/aws/` adapter). */
import type { AwsTarget } from '../aws/client-config.js';
import { snsPublisher, type SnsPublisher } from '../aws/sns-publisher.js';
import { ruleIds } from './alert-text.js';
import { SinkError, type AlertSink } from './sink.js';

/** An SNS topic sink; `publisher` is injectable for tests. */
export function snsSink(topicArn: string, target: AwsTarget = {}, publisher: SnsPublisher = snsPublisher(topicArn, target)): AlertSink {
  return {
    id: `sns:${topicArn}`,
    label: `sns ${topicArn}`,
    async send(alert) {
      try {
        await publisher.publish({
          subject: `[Cordon ${alert.severity}] ${ruleIds(alert)}`.slice(0, 100),
          body: JSON.stringify(alert),
          attributes: { severity: alert.severity, ruleId: alert.ruleId, ruleIds: ruleIds(alert), alertId: alert.id },
        });
      } catch (err) {
        throw new SinkError((err as Error).message);
      }
    },
  };
}
