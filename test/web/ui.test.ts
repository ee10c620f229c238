/**
 * The web UI in Debian's chromium (playwright-core): sign in with a token, list ACTIVE
 * findings, archive one and see it leave the ACTIVE filter, open the escalation finding and see
 * its path drawn by cytoscape (3 steps → 4 principals), check the containment confirmation.
 * Screenshots go to test-artifacts/web/.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { chromiumSkip, launchChromium } from '../helpers/browser.js';
import { ALERT, ESCALATION, EXTERNAL, RISKY } from '../server/helpers/fixtures.js';
import { serverPortsForTest, type TestPorts } from '../server/helpers/ports-for-test.js';
import { startTestServer, type TestServer } from '../server/helpers/test-server.js';

/** The browser globals the page callbacks touch (tsconfig has no DOM lib: the project is Node code). */
interface Elem {
  dataset: Record<string, string | undefined>;
  textContent: string | null;
}
interface BrowserGlobals {
  document: { querySelector(selector: string): Elem | null; querySelectorAll(selector: string): { length: number } };
  location: { hash: string };
  cy?: { nodes(): Array<{ data(key: string): string }> & { length: number }; edges(): Array<{ data(key: string): string }> };
}

const ARTIFACTS = 'test-artifacts/web';
const skip = chromiumSkip;

let t: TestServer;
let made: TestPorts;
let browser: Browser;
let page: Page;

before(async () => {
  if (skip) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  made = await serverPortsForTest({ withActions: true });
  t = await startTestServer(made.ports);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  page.setDefaultTimeout(10_000);
  // No external network: any request off this origin fails the test.
  const offOrigin: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(t.server.url) && !r.url().startsWith('data:')) offOrigin.push(r.url());
  });
  after(() => assert.deepEqual(offOrigin, []));
});

after(async () => {
  if (skip) return;
  await browser?.close();
  await t?.server.close();
  await made?.close();
});

async function findingIds(): Promise<string[]> {
  await page.waitForSelector('#findings-count:not(:empty)');
  return page.$$eval('#findings-table tbody tr', (rows) => rows.map((r) => (r as unknown as Elem).dataset.id ?? ''));
}

test('sign in, archive a finding, see it leave the ACTIVE filter', { skip }, async () => {
  await page.goto(`${t.server.url}/`);
  await page.getByLabel('API token').fill('cdn_wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForSelector('#status[data-kind="error"]');

  await page.getByLabel('API token').fill(t.tokens.responder);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForSelector('#ov-total');
  await page.goto(`${t.server.url}/#/findings`);
  await page.waitForSelector('#findings-table');
  assert.deepEqual((await findingIds()).sort(), [ESCALATION.id, EXTERNAL.id, RISKY.id].sort());
  assert.equal(await page.getByLabel('Status').inputValue(), 'ACTIVE');
  await page.screenshot({ path: `${ARTIFACTS}/findings.png`, fullPage: true });

  await page.getByRole('button', { name: `Archive finding ${EXTERNAL.title}` }).click();
  await page.waitForFunction((id) => !(globalThis as unknown as BrowserGlobals).document.querySelector(`#findings-table tbody tr[data-id="${id}"]`), EXTERNAL.id);
  assert.deepEqual((await findingIds()).sort(), [ESCALATION.id, RISKY.id].sort());
  assert.equal((await made.store.findings.get(EXTERNAL.id))?.status, 'ARCHIVED');

  await page.getByLabel('Status').selectOption('ARCHIVED');
  await page.waitForFunction(() => (globalThis as unknown as BrowserGlobals).location.hash.includes('status=ARCHIVED'));
  await page.waitForSelector(`#findings-table tbody tr[data-id="${EXTERNAL.id}"]`);
  assert.deepEqual(await findingIds(), [EXTERNAL.id]);

  // The token survives a reload (sessionStorage): no second sign-in.
  await page.reload();
  await page.waitForSelector('#findings-table');
  assert.equal(await page.getByLabel('API token').count(), 0);
});

test('the escalation finding shows its path as a cytoscape graph', { skip }, async () => {
  await page.goto(`${t.server.url}/#/findings?status=ACTIVE`);
  await page.getByRole('link', { name: ESCALATION.title }).click();
  await page.waitForSelector('#path-graph[data-node-count]');
  await page.waitForFunction(() => (globalThis as unknown as BrowserGlobals).cy?.nodes().length === 4);
  const graph = await page.evaluate(() => {
    const { cy, document } = globalThis as unknown as Required<BrowserGlobals>;
    return {
      nodes: cy.nodes().map((n) => n.data('arn')).sort(),
      edges: cy.edges().map((e) => e.data('label')),
      canvases: document.querySelectorAll('#path-graph canvas').length,
      nodeCount: document.querySelector('#path-graph')?.dataset.nodeCount,
    };
  });
  assert.deepEqual(graph.nodes, [...new Set(ESCALATION.path!.flatMap((s) => [s.from, s.to]))].sort());
  assert.deepEqual(graph.edges, ESCALATION.path!.map((s, i) => `${i + 1}. ${s.method}`));
  assert.ok(graph.canvases > 0, 'cytoscape drew on a canvas');
  assert.equal(graph.nodeCount, '4');
  assert.equal(await page.locator('#path-steps li').count(), 3);
  assert.match(await page.locator('#finding-history').innerText(), /ACTIVE \(created\) by scan/);
  await page.getByRole('button', { name: 'Plan remediation (dry run)' }).click();
  await page.waitForSelector('#fix-cli');
  assert.match(await page.locator('#fix-cli').innerText(), /aws iam/);
  await page.waitForTimeout(300); // let the layout animation settle before the screenshot
  await page.screenshot({ path: `${ARTIFACTS}/escalation-path.png`, fullPage: true });
});

test('alerts feed: one row per event with its rules, severity then time, filters by rule/actor/account, links to the finding', { skip }, async () => {
  const ci = 'arn:aws:iam::111122223333:user/ci-bot';
  const base = { ...structuredClone(ALERT), eventSource: 'iam.amazonaws.com', region: 'us-east-1' };
  const low = { ...base, id: 'alertlow1', eventId: 'e-low', eventTime: '2026-01-02T09:00:00Z', eventName: 'TagUser', accountId: '444455556666', ruleId: 'iam-change', severity: 'LOW' as const, summary: 'IAM change: TagUser', rules: [{ id: 'iam-change', severity: 'LOW' as const, summary: 'IAM change: TagUser' }] };
  const path = {
    ...base, id: 'alertpath1', eventId: 'e-path', eventTime: '2025-12-31T08:00:00Z', eventName: 'PutRolePolicy', actor: ci, ruleId: 'new-escalation-path', severity: 'CRITICAL' as const, summary: 'New privilege-escalation path',
    rules: [{ id: 'new-escalation-path', severity: 'CRITICAL' as const, summary: 'New privilege-escalation path: PutRolePolicy by ci-bot' }, { id: 'iam-change', severity: 'LOW' as const, summary: 'IAM change: PutRolePolicy' }],
    findings: [{ id: ESCALATION.id, type: ESCALATION.type, title: ESCALATION.title, resource: ESCALATION.resource, ruleId: 'new-escalation-path' }],
  };
  await made.store.alerts.insert([low, path], { now: '2026-01-03T00:00:00.000Z' });
  const rows = () => page.$$eval('#alerts-feed li.alert', (els) => els.map((e) => (e as unknown as Elem).dataset.id ?? ''));
  await page.goto(`${t.server.url}/#/alerts`);
  await page.waitForSelector('#alerts-feed li.alert[data-id="alertpath1"]');
  // CRITICAL (oldest) first, then HIGH, then LOW (newest): severity before time.
  assert.deepEqual(await rows(), ['alertpath1', ALERT.id, 'alertlow1']);
  const pathRow = page.locator('#alerts-feed li.alert[data-id="alertpath1"]');
  assert.deepEqual(await pathRow.locator('.alert-rules li').evaluateAll((els) => els.map((e) => (e as unknown as Elem).dataset.rule)), ['new-escalation-path', 'iam-change']);
  await page.screenshot({ path: `${ARTIFACTS}/alerts-feed.png`, fullPage: true });

  // Rule filter: any of an alert's rules (iam-change is the second rule of the path alert).
  await page.getByLabel('Rule', { exact: true }).fill('iam-change');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForFunction(() => (globalThis as unknown as BrowserGlobals).location.hash.includes('ruleId=iam-change'));
  await page.waitForFunction(() => (globalThis as unknown as BrowserGlobals).document.querySelectorAll('#alerts-feed li.alert').length === 2);
  assert.deepEqual(await rows(), ['alertpath1', 'alertlow1']);
  // Actor filter by clicking the actor of a row; account filter through the form.
  await pathRow.locator('.alert-who a').first().click();
  await page.waitForFunction(() => (globalThis as unknown as BrowserGlobals).document.querySelectorAll('#alerts-feed li.alert').length === 1);
  assert.deepEqual(await rows(), ['alertpath1']);
  await page.goto(`${t.server.url}/#/alerts?accountId=444455556666`);
  await page.waitForFunction(() => (globalThis as unknown as BrowserGlobals).document.querySelectorAll('#alerts-feed li.alert').length === 1);
  assert.deepEqual(await rows(), ['alertlow1']);

  // The attack-path alert links to the finding it created.
  await page.goto(`${t.server.url}/#/alerts?ruleId=new-escalation-path`);
  await page.waitForSelector('#alerts-feed li.alert[data-id="alertpath1"]');
  await page.locator('.alert-findings a').click();
  await page.waitForFunction((id) => (globalThis as unknown as BrowserGlobals).location.hash === `#/findings/${id}`, ESCALATION.id);
  await page.waitForSelector('#path-steps li');
});

test('alerts feed and containment confirmation', { skip }, async () => {
  await page.goto(`${t.server.url}/#/alerts`);
  await page.waitForSelector('#alerts-feed li.alert');
  assert.match(await page.locator('#alerts-feed').innerText(), /CreateAccessKey/);

  await page.goto(`${t.server.url}/#/contain`);
  await page.getByLabel('Name', { exact: true }).fill('mallory');
  await page.getByRole('button', { name: 'Show plan' }).click();
  await page.waitForSelector('#contain-result pre');
  const apply = page.getByRole('button', { name: 'Contain now' });
  assert.equal(await apply.isDisabled(), true);
  await page.getByLabel('Type the name to confirm').fill('mallor');
  assert.equal(await apply.isDisabled(), true, 'a near-miss does not confirm');
  await page.getByLabel('Type the name to confirm').fill('mallory');
  assert.equal(await apply.isDisabled(), false);
  await apply.click();
  await page.waitForFunction(() => (globalThis as unknown as BrowserGlobals).document.querySelector('#contain-result')?.textContent?.includes('"dryRun": false'));

  // Release from the reports table: plan first, then the typed confirmation again.
  await page.getByRole('button', { name: 'Release mallory' }).click();
  await page.waitForSelector('#release-confirm');
  const release = page.getByRole('button', { name: 'Release now' });
  assert.equal(await release.isDisabled(), true);
  assert.match(await page.locator('#contain-result').innerText(), /delete the deny policy/);
  await page.locator('#release-confirm').fill('mallory');
  await release.click();
  await page.waitForFunction(() => (globalThis as unknown as BrowserGlobals).document.querySelector('#contain-result')?.textContent?.includes('delete the deny policy (done)'));
  assert.match(await page.locator('#contain-result').innerText(), /login profile password/);
  await page.screenshot({ path: `${ARTIFACTS}/containment.png`, fullPage: true });
});

test('a viewer sees findings without archive buttons', { skip }, async () => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('API token').fill(t.tokens.viewer);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.goto(`${t.server.url}/#/findings?status=`);
  assert.equal((await findingIds()).length, 3);
  assert.equal(await page.getByRole('button', { name: /^Archive|^Unarchive/ }).count(), 0);
});
