// Test helper: opens an HTML file in headless Chromium (Debian's `chromium`) via playwright-core and records what happened.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { tempDir } from '../helpers/temp-dir.js';

/** Debian's package path; CHROMIUM_PATH overrides it for other systems. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags for a closed network, running as root: without the background-networking ones Chromium
 * tries to reach Google's services at start-up and those connections are refused here.
 */
export const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface PageVisit {
  /** Console messages of type 'error' (CSP violations and failed loads show up here too). */
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  /** Every request the page made, the document itself included. */
  readonly requests: string[];
}

/** Throws an error saying how to install Chromium when it is missing: the report test must not skip silently. */
export function requireChromium(): string {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: the HTML report is tested in headless Chromium. ` +
        `Install Debian's package (\`apt-get install chromium\`, as .ci/run does) or set CHROMIUM_PATH.`,
    );
  }
  return CHROMIUM_PATH;
}

/** Opens `file` in a fresh headless Chromium profile, runs `inspect` on the loaded page, and closes everything. */
export async function visit<T>(file: string, inspect: (page: Page) => Promise<T>): Promise<{ visit: PageVisit; result: T }> {
  const executablePath = requireChromium();
  using profile = tempDir('report-chromium');
  const context = await chromium.launchPersistentContext(profile.path, { executablePath, headless: true, args: ARGS });
  try {
    const page = await context.newPage();
    const seen: PageVisit = { consoleErrors: [], pageErrors: [], requests: [] };
    page.on('console', (message) => {
      if (message.type() === 'error') seen.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => seen.pageErrors.push(String(error)));
    page.on('request', (request) => seen.requests.push(request.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const result = await inspect(page);
    return { visit: seen, result };
  } finally {
    await context.close();
  }
}
