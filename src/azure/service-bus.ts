/**
 * Azure Service Bus receiver for the remediation worker: `@azure/service-bus` in peekLock mode
 * with the Azure credential chain, adapted to `PeekLockReceiver`. `<namespace>/<queue>`, where
 * namespace is a bare name (`contoso-alerts` → `contoso-alerts.servicebus.windows.net`) or a host.
 */
import { ServiceBusClient, type ServiceBusReceivedMessage } from '@azure/service-bus';
import { UsageError } from '../model/errors.js';
import type { LockedMessage, PeekLockReceiver } from '../actions/azure/queue-worker.js';
import { credentialOf, type AzureConnection } from './clients.js';

type Msg = LockedMessage & { raw: ServiceBusReceivedMessage };

/** Parses `<namespace>/<queue>`. */
export function parseServiceBusTarget(target: string): { host: string; queue: string } {
  const slash = target.indexOf('/');
  if (slash <= 0 || slash === target.length - 1) throw new UsageError(`--from-servicebus must be <namespace>/<queue>, got \`${target}\``);
  const ns = target.slice(0, slash);
  return { host: ns.includes('.') ? ns : `${ns}.servicebus.windows.net`, queue: target.slice(slash + 1) };
}

/** Opens a peek-lock receiver; `close` ends the AMQP connection. */
export function serviceBusReceiver(target: string, c: AzureConnection = {}): PeekLockReceiver<Msg> & { close(): Promise<void> } {
  const { host, queue } = parseServiceBusTarget(target);
  const client = new ServiceBusClient(host, credentialOf(c));
  const receiver = client.createReceiver(queue, { receiveMode: 'peekLock' });
  return {
    async receive(max, waitMs) {
      const got = await receiver.receiveMessages(max, { maxWaitTimeInMs: waitMs });
      return got.map((raw) => ({ raw, body: raw.body as unknown, deliveryCount: raw.deliveryCount ?? 1, messageId: raw.messageId === undefined ? undefined : String(raw.messageId) }));
    },
    complete: (m) => receiver.completeMessage(m.raw),
    abandon: (m) => receiver.abandonMessage(m.raw),
    deadLetter: (m, reason, description) => receiver.deadLetterMessage(m.raw, { deadLetterReason: reason, deadLetterErrorDescription: description }),
    async close() {
      await receiver.close();
      await client.close();
    },
  };
}
