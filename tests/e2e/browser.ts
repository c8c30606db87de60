/**
 * Launching Debian's Chromium for the end-to-end tests through playwright-core (which never
 * downloads a browser). The flags are the ones this machine needs: no sandbox as root, no GPU,
 * and none of Chromium's background connections, which the closed network refuses.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Whether to run the browser tests. A missing Chromium fails them (with the install command in
 * the message) rather than skipping them quietly; set ZIPING_SKIP_BROWSER=1 to skip on purpose.
 */
export function browserTestsEnabled(): boolean {
  return process.env.ZIPING_SKIP_BROWSER !== '1';
}

export interface LaunchedBrowser {
  browser: Browser;
  /** A fresh context (own storage) at 1280×800 with Chinese locale. */
  newContext(options?: {
    viewport?: { width: number; height: number };
    deviceScaleFactor?: number;
  }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * Starts headless Chromium. playwright gives every launch a fresh, empty user-data dir of its
 * own (it refuses a `--user-data-dir` flag with `launch`), so nothing leaks between runs.
 */
export async function launchChromium(): Promise<LaunchedBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH; ZIPING_SKIP_BROWSER=1 skips the browser tests)`,
    );
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  return {
    browser,
    newContext: (options = {}) =>
      browser.newContext({
        viewport: options.viewport ?? { width: 1280, height: 800 },
        deviceScaleFactor: options.deviceScaleFactor ?? 1,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      }),
    close: () => browser.close(),
  };
}

/** Collects page errors and CSP violations, so a test can assert there were none. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}
