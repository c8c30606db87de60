/** Small helpers shared by the browser tests: API calls, and reading the editor's state. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Calls the API and returns its JSON (throws with the body on an HTTP error). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function api(base: string, method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** The final score shown for row `index`. */
export async function rowFinal(page: Page, index: number): Promise<string | null> {
  return page.locator(`tr.row[data-row="${index}"] .final`).textContent();
}

/** Waits until the status says version `version` is saved. */
export async function waitForSaved(page: Page, version: number): Promise<void> {
  await expect
    .poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 })
    .toBe(`第${version}版 · 已保存`);
}
