/** SMTP sink through nodemailer against a minimal SMTP server on 127.0.0.1 (RFC 5321 happy path only). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { smtpSink } from '../../src/notify/smtp-sink.js';
import { buildAlert } from '../../src/detect/rule-set.js';
import { BUILTIN_RULES } from '../../src/detect/rules/index.js';
import { groupMatches } from '../../src/detect/group-matches.js';

function fakeSmtp(messages: { rcpt: string[]; data: string }[]) {
  return createServer((socket: Socket) => {
    let buffer = '';
    let inData = false;
    let current = { rcpt: [] as string[], data: '' };
    socket.write('220 localhost ESMTP test\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          messages.push(current);
          current = { rcpt: [], data: '' };
          socket.write('250 queued\r\n');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250-localhost\r\n250 OK\r\n');
        else if (verb === 'RCPT') current.rcpt.push(line);
        if (verb === 'MAIL' || verb === 'RCPT' || verb === 'RSET' || verb === 'NOOP') socket.write('250 OK\r\n');
        else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
      }
    });
  });
}

test('one mail per alert, to every recipient, with the alert id header', async () => {
  const messages: { rcpt: string[]; data: string }[] = [];
  const server = fakeSmtp(messages);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const sink = smtpSink({ url: `smtp://user:pw@127.0.0.1:${port}`, to: ['secops@example.com', 'oncall@example.com'], from: 'cordon@example.com' });
  assert.ok(!sink.label.includes('pw'));
  const rule = BUILTIN_RULES.find((r) => r.id === 'cloudtrail-stopped')!;
  // One event that two rules matched: the mail lists both, the CRITICAL one first.
  const event = { eventID: 'e1', eventTime: '2024-01-01T00:00:00Z', eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging' };
  const low = { id: 'my-trail-rule', title: 'Trail touched', severity: 'LOW' as const, pattern: { eventbridge: { source: ['aws.cloudtrail'] } }, rationale: 'test', references: [] };
  const alert = groupMatches([buildAlert(low, event), buildAlert(rule, event)])!;
  try {
    await sink.send(alert);
  } finally {
    server.close();
  }
  assert.equal(messages.length, 1);
  assert.equal(messages[0]!.rcpt.length, 2);
  assert.match(messages[0]!.data, /Subject: \[Cordon CRITICAL\] CloudTrail logging stopped/);
  assert.match(messages[0]!.data, new RegExp(`X-Cordon-Alert-Id: ${alert.id}`, 'i'));
  // Quoted-printable soft line breaks (`=` CRLF) undone before reading the body.
  assert.match(messages[0]!.data.replaceAll('=\r\n', ''), /rules:\r?\n  CRITICAL cloudtrail-stopped: CloudTrail logging stopped[^\n]*\r?\n  LOW      my-trail-rule: Trail touched/);
});
