/**
 * Every console page in Debian's chromium (playwright-core) at 1280 and 800 px: the overview's
 * counts add up, findings sort/search/group, the principal page, the per-hop escalation graph,
 * alerts, containment, the error state of a failed route, and the sign-in page without "Sign
 * out", and the principal page over the real engine when the last scan read snapshot files. Each page is checked for horizontal overflow and saved to test-artifacts/web/.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { chromiumSkip, launchChromium } from '../helpers/browser.js';
import { ALERT, ESCALATION, EXTERNAL, RISKY } from '../server/helpers/fixtures.js';
import { loadSnapshotFiles } from '../../src/collect/files/load.js';
import { engineSimulatePort } from '../../src/server/simulate-port.js';
import { serverPortsForTest, type TestPorts } from '../server/helpers/ports-for-test.js';
import { startTestServer, type TestServer } from '../server/helpers/test-server.js';

/** The browser globals the page callbacks touch (tsconfig has no DOM lib: the project is Node code). */
interface BrowserGlobals {
  document: { documentElement: { scrollWidth: number } };
  innerWidth: number;
}

const ARTIFACTS = 'test-artifacts/web';
const skip = chromiumSkip;
const WIDTHS = [1280, 800] as const;
const DEV = String(ESCALATION.principal);
const CI = ESCALATION.path![0]!.to;

let t: TestServer;
let made: TestPorts;
let browser: Browser;

before(async () => {
  if (skip) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  made = await serverPortsForTest({ withActions: true });
  t = await startTestServer(made.ports);
  browser = await launchChromium();
});

after(async () => {
  if (skip) return;
  await browser?.close();
  await t?.server.close();
  await made?.close();
});

/** A signed-in page at `width` (the token is put in sessionStorage before the app starts). */
async function signedIn(width: number, token = t.tokens.responder): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.setDefaultTimeout(10_000);
  await page.addInitScript((tok) => (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem('cordon.token', tok), token);
  return page;
}

async function noOverflow(page: Page, name: string): Promise<void> {
  const { scroll, inner } = await page.evaluate(() => {
    const g = globalThis as unknown as BrowserGlobals;
    return { scroll: g.document.documentElement.scrollWidth, inner: g.innerWidth };
  });
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
  assert.ok(scroll <= inner, `${name}: page is ${scroll}px wide in a ${inner}px window`);
  // Every visible control has a name a screen reader can say (label, aria-label or its text).
  const unnamed = (await page.evaluate(`[...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
    .filter((el) => !el.closest('[hidden]') && !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby') && !(el.tagName === 'BUTTON' && el.textContent.trim()))
    .map((el) => el.outerHTML.slice(0, 80))`)) as string[];
  assert.deepEqual(unnamed, [], `${name}: controls without a label`);
}

const text = (page: Page, selector: string) => page.locator(selector).innerText();

for (const width of WIDTHS) {
  test(`sign-in page at ${width}px: no Sign out, no navigation, labelled token field`, { skip }, async () => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${t.server.url}/`);
    await page.getByLabel('API token').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Sign out' }).isVisible(), false);
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).isVisible(), false);
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    const res = await page.request.get(`${t.server.url}${icon}`);
    assert.equal(res.status(), 200);
    assert.match(res.headers()['content-type'] ?? '', /svg/);
    // Keyboard only: the token field has focus, typing and Enter sign in and land on the overview.
    assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id), 'token');
    await page.keyboard.type(t.tokens.viewer);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#ov-total');
    assert.equal(await page.getByRole('button', { name: 'Sign out' }).isVisible(), true);
    await page.goto(`${t.server.url}/`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API token').waitFor();
    await noOverflow(page, `signin-${width}`);
    await page.close();
  });

  test(`overview at ${width}px: every breakdown sums to the ACTIVE total`, { skip }, async () => {
    const page = await signedIn(width);
    await page.goto(`${t.server.url}/`);
    await page.waitForSelector('#ov-total');
    const total = Number(await page.locator('#ov-total').getAttribute('data-count'));
    assert.equal(total, 3);
    for (const id of ['ov-severity', 'ov-type', 'ov-account', 'ov-cloud']) {
      const counts = await page.locator(`#${id} li`).evaluateAll((lis) => lis.map((li) => [(li as unknown as { dataset: Record<string, string> }).dataset.key, Number((li as unknown as { dataset: Record<string, string> }).dataset.count)] as const));
      const rows = counts.filter(([k]) => k !== 'total');
      assert.equal(rows.reduce((n, [, c]) => n + c, 0), total, `${id} adds up`);
      assert.deepEqual(counts.find(([k]) => k === 'total'), ['total', total]);
    }
    assert.deepEqual(await page.locator('#ov-severity li').allInnerTexts(), ['CRITICAL\n1', 'HIGH\n1', 'MEDIUM\n1', 'Total\n3']);
    assert.match(await text(page, '#ov-cloud'), /aws\s+3/);
    assert.match(await text(page, '#ov-changes'), /New \(created or reopened\)\s+3/);
    assert.match(await text(page, '#ov-changes'), /Resolved\s+0/);
    assert.match(await text(page, '#ov-alerts'), /CreateAccessKey/);
    assert.match(await text(page, '#ov-contain'), /mallory/);
    assert.equal(await page.locator('[data-nav="overview"]').getAttribute('aria-current'), 'page');
    await noOverflow(page, `overview-${width}`);
    // A severity row links to the findings page with that filter.
    await page.locator('#ov-severity a', { hasText: 'HIGH' }).click();
    await page.waitForSelector('#findings-table');
    assert.deepEqual(await page.locator('#findings-table tbody tr').evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: Record<string, string> }).dataset.id)), [EXTERNAL.id]);
    // Keyboard, from a fresh load: the skip link comes first, then the brand, then the nav links.
    await page.goto(`${t.server.url}/#/overview`);
    await page.reload();
    await page.waitForSelector('#ov-total');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate('document.activeElement.textContent'), 'Skip to content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate('document.activeElement.textContent'), 'Overview');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#findings-table');
    await page.close();
  });

  test(`findings at ${width}px: severity order, search, grouping`, { skip }, async () => {
    const page = await signedIn(width);
    const ids = async () => page.locator('table.grid tbody tr').evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: Record<string, string> }).dataset.id));
    await page.goto(`${t.server.url}/#/findings`);
    await page.waitForSelector('#findings-table');
    assert.deepEqual(await ids(), [ESCALATION.id, EXTERNAL.id, RISKY.id]);
    // The table fits its box too (no inner scrolling hiding the Archive buttons).
    const box = await page.locator('.table-wrap').first().evaluate((el) => ({ scroll: (el as unknown as { scrollWidth: number }).scrollWidth, client: (el as unknown as { clientWidth: number }).clientWidth }));
    assert.ok(box.scroll <= box.client, `findings table is ${box.scroll}px in a ${box.client}px box`);
    await noOverflow(page, `findings-${width}`);

    await page.getByLabel('Search').fill('audit_crossaccount');
    await page.getByLabel('Search').press('Enter');
    await page.waitForFunction(() => (globalThis as unknown as { location: { hash: string } }).location.hash.includes('q=audit'));
    await page.waitForSelector('#findings-table');
    assert.deepEqual(await ids(), [EXTERNAL.id]);
    // By id and by principal (an exposure finding's outside principal) too.
    await page.goto(`${t.server.url}/#/findings?status=ACTIVE&q=${RISKY.id}`);
    await page.waitForFunction((id) => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll(`tr[data-id="${id}"]`).length === 1, RISKY.id);
    assert.deepEqual(await ids(), [RISKY.id]);
    await page.goto(`${t.server.url}/#/findings?status=ACTIVE&q=999988887777`);
    await page.waitForSelector(`tr[data-id="${EXTERNAL.id}"]`);
    assert.deepEqual(await ids(), [EXTERNAL.id]);
    await page.goto(`${t.server.url}/#/findings?status=ACTIVE&q=nothing-matches-this`);
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector('#findings-count')?.textContent.startsWith('No findings'));

    await page.goto(`${t.server.url}/#/findings?status=ACTIVE`);
    await page.waitForSelector('#findings-table');
    await page.getByLabel('Group by').selectOption('resource');
    await page.waitForSelector('section.group');
    assert.deepEqual(await page.locator('section.group').evaluateAll((s) => s.map((g) => (g as unknown as { dataset: Record<string, string> }).dataset.group)), [ESCALATION.resource, EXTERNAL.resource, RISKY.resource]);
    await page.getByLabel('Group by').selectOption('principal');
    await page.waitForSelector(`section.group[data-group="${DEV}"]`);
    assert.equal(await page.locator('section.group').count(), 3);
    assert.equal(await page.locator(`section.group[data-group="(none)"] tr[data-id="${RISKY.id}"]`).count(), 1);
    await noOverflow(page, `findings-grouped-${width}`);
    await page.close();
  });

  test(`finding and escalation graph at ${width}px: one edge per hop, copy button clear of the commands`, { skip }, async () => {
    const page = await signedIn(width);
    await page.goto(`${t.server.url}/#/findings/${ESCALATION.id}`);
    await page.waitForSelector('#path-graph[data-node-count="4"]');
    assert.equal(await page.locator('#path-graph').getAttribute('data-edge-count'), '3');
    await page.getByRole('button', { name: 'Plan remediation (dry run)' }).click();
    await page.waitForSelector('#fix-cli');
    const copy = await page.getByRole('button', { name: 'Copy commands' }).boundingBox();
    const pre = await page.locator('#fix-cli').boundingBox();
    assert.ok(copy && pre && copy.y + copy.height <= pre.y, 'the copy button sits above the commands, not over them');
    await page.waitForTimeout(300); // let cytoscape finish drawing before the screenshot
    await noOverflow(page, `finding-${width}`);
    await page.locator('#principal-link').click();
    await page.waitForSelector('#principal-arn');
    assert.equal(await text(page, '#principal-arn'), DEV);
    await page.close();
  });

  test(`principal pages at ${width}px: paths, who can reach it, findings, activity`, { skip }, async () => {
    const page = await signedIn(width);
    await page.goto(`${t.server.url}/#/principals/${encodeURIComponent(DEV)}`);
    await page.waitForSelector('#principal-paths');
    assert.match(await text(page, '#principal-paths'), /dev → ci → deploy → admin/);
    assert.match(await text(page, '#principal-reach'), /No escalation path reaches it/);
    assert.match(await text(page, '#principal-findings'), new RegExp(ESCALATION.title));
    assert.match(await text(page, '#principal-actions'), /sts:AssumeRole/);
    assert.match(await text(page, '#engine-note'), /no IAM snapshot/);
    await noOverflow(page, `principal-${width}`);

    await page.goto(`${t.server.url}/#/principals/${encodeURIComponent(CI)}`);
    await page.waitForSelector('#principal-reach li');
    assert.match(await text(page, '#principal-reach'), new RegExp(ESCALATION.title));
    assert.match(await text(page, '#principal-actions'), /iam:PassRole/);

    await page.goto(`${t.server.url}/#/principals/${encodeURIComponent(ALERT.actor)}`);
    await page.waitForSelector('#principal-activity li');
    assert.match(await text(page, '#principal-activity'), /CreateAccessKey/);
    await page.close();
  });

  test(`alerts and containment at ${width}px`, { skip }, async () => {
    const page = await signedIn(width);
    await page.goto(`${t.server.url}/#/alerts`);
    await page.waitForSelector('#alerts-feed li.alert');
    await noOverflow(page, `alerts-${width}`);
    await page.goto(`${t.server.url}/#/contain`);
    await page.waitForSelector('#reports-table');
    await noOverflow(page, `contain-${width}`);
    await page.close();
  });

  test(`a failed route at ${width}px replaces the page with an error state`, { skip }, async () => {
    const page = await signedIn(width);
    await page.goto(`${t.server.url}/#/findings`);
    await page.waitForSelector('#findings-table');
    await page.goto(`${t.server.url}/#/findings/doesnotexist`);
    await page.waitForSelector('#error-state');
    assert.equal(await page.locator('#findings-table').count(), 0, 'the previous page is gone');
    assert.match(await text(page, '#error-state'), /not_found/);
    await page.goto(`${t.server.url}/#/no-such-page`);
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector('#error-state')?.textContent.includes('no-such-page'));
    await noOverflow(page, `error-${width}`);
    await page.close();
  });
}

test('graph elements: a self-step lands on its target, a gap in the path gets its own node', { skip }, async () => {
  const page = await signedIn(1280);
  await page.goto(`${t.server.url}/#/overview`);
  await page.waitForSelector('#ov-total');
  // A string, not a function: the test runner's transpiler would add helpers the page lacks.
  const out = (await page.evaluate(`(async () => {
    const mod = await import('/assets/graph.js');
    const step = (from, to, target) => ({ from, to, method: 'm', actions: [], evidence: [], description: '', ...(target ? { target } : {}) });
    const shape = (g) => ({ nodes: g.nodes.map((n) => n.data.arn), edges: g.edges.map((e) => e.data.source + '>' + e.data.target) });
    return { self: shape(mod.pathElements([step('a', 'a', 'p'), step('a', 'b')])), gap: shape(mod.pathElements([step('a', 'b'), step('c', 'admin'), step('admin', 'a')])) };
  })()`)) as { self: unknown; gap: unknown };
  // Self-step a→a on policy p: drawn a → p, then the next actor `a` is a new node (it is not p).
  assert.deepEqual(out.self, { nodes: ['a', 'p', 'a', 'b'], edges: ['n0>n1', 'n2>n3'] });
  // Three steps, each its own edge; a path returning to `a` draws a new node, not a loop.
  assert.deepEqual(out.gap, { nodes: ['a', 'b', 'c', 'admin', 'a'], edges: ['n0>n1', 'n2>n3', 'n3>n4'] });
  await page.close();
});

test('principal page over the engine: the latest scan read snapshot files, so each probed action shows its decision and granting statements', { skip }, async () => {
  // Its own server: recording a second scan changes the overview counts the tests above check.
  const ports = await serverPortsForTest({ withActions: true });
  const gaad = resolve('test/fixtures/escalation/iam-vulnerable/fn1-privesc3-multiple-policies.json');
  await ports.store.scans.record({ scope: 'account:123456789012', inputs: { snapshot: [gaad] }, findings: [ESCALATION, EXTERNAL, RISKY], now: '2026-01-02T00:00:00.000Z', actor: 'test' });
  const engine = engineSimulatePort(async (paths) => (await loadSnapshotFiles(paths)).snapshot);
  const server = await startTestServer({ ...ports.ports, simulate: engine });
  const user = 'arn:aws:iam::123456789012:user/fn1-privesc3-partial-user';
  try {
    for (const width of WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      page.setDefaultTimeout(15_000);
      await page.addInitScript((tok) => (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem('cordon.token', tok), server.tokens.viewer);
      await page.goto(`${server.server.url}/#/principals/${encodeURIComponent(user)}`);
      await page.waitForSelector('#principal-engine[data-done]');
      const decision = (action: string) => page.locator(`#principal-engine tr[data-action="${action}"]`).getAttribute('data-decision');
      assert.equal(await decision('iam:PassRole'), 'Allowed');
      assert.equal(await decision('ec2:RunInstances'), 'Allowed');
      assert.equal(await decision('kms:Decrypt'), 'ImplicitlyDenied');
      assert.match(await text(page, '#principal-engine tr[data-action="iam:PassRole"]'), /policy\/fn1-passrole-star #0/);
      assert.match(await text(page, '#engine-note'), /snapshot of scan/);
      assert.match(await text(page, '#engine-progress'), /^2 of 12 actions allowed\.$/);
      await noOverflow(page, `principal-engine-${width}`);
      await page.close();
    }
  } finally {
    await server.server.close();
    await ports.close();
  }
});
