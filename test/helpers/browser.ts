/**
 * Headless Debian chromium for the browser tests (playwright-core never downloads a browser here):
 * where it is, why a test cannot run without it, and the flags this machine needs (no sandbox as root,
 * no background networking on a closed network).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CORDON_CHROMIUM ?? '/usr/bin/chromium';

/** `false`, or why the browser tests cannot run (scripts/prepare-machine.sh installs chromium). */
export const chromiumSkip: false | string = existsSync(CHROMIUM) ? false : `chromium not found at ${CHROMIUM} (scripts/prepare-machine.sh installs it)`;

/** Starts headless chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
