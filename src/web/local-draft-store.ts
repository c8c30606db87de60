/**
 * Unsaved changes kept in localStorage, so a reload or a crashed tab loses no typing. Each tab
 * writes under its own key: two tabs on the same form must not restore each other's typing
 * silently. A tab's id lives in sessionStorage, which survives a reload of that tab only.
 */
import type { FormInput } from '../core/index.js';
import type { NarrativeOrigin } from '../core/narratives/index.js';

const PREFIX = 'ziping:unsaved:';
const TAB_KEY = 'ziping:tab';
/** Copies older than this are dropped when the page starts. */
const MAX_AGE_MS = 30 * 24 * 3600 * 1000;

/** One unsaved copy of a form. */
export interface UnsavedCopy {
  formId: string;
  /** The version the copy was based on. */
  baseVersion: number;
  form: FormInput;
  origins: Record<string, NarrativeOrigin>;
  /** When it was written (ISO). */
  at: string;
  tab: string;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: the page still works, without this safety net
  }
}

/** This tab's id (stable across reloads of the tab). */
export function tabId(): string {
  try {
    let id = sessionStorage.getItem(TAB_KEY);
    if (!id) {
      id = Math.random().toString(36).slice(2, 10);
      sessionStorage.setItem(TAB_KEY, id);
    }
    return id;
  } catch {
    return 'tab';
  }
}

const keyOf = (formId: string, tab: string): string => `${PREFIX}${formId}:${tab}`;

/** Writes this tab's unsaved copy of a form. */
export function saveUnsaved(copy: Omit<UnsavedCopy, 'tab' | 'at'>): void {
  const tab = tabId();
  const full: UnsavedCopy = { ...copy, tab, at: new Date().toISOString() };
  try {
    storage()?.setItem(keyOf(copy.formId, tab), JSON.stringify(full));
  } catch {
    // quota exceeded: keep going; the form is still in memory
  }
}

/** Forgets this tab's copy (after a save, or when the user discards it). */
export function clearUnsaved(formId: string, tab = tabId()): void {
  storage()?.removeItem(keyOf(formId, tab));
}

/** Every unsaved copy of a form, newest first. */
export function unsavedCopies(formId: string): UnsavedCopy[] {
  const store = storage();
  if (!store) return [];
  const copies: UnsavedCopy[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (!key?.startsWith(`${PREFIX}${formId}:`)) continue;
    try {
      copies.push(JSON.parse(store.getItem(key) ?? '') as UnsavedCopy);
    } catch {
      store.removeItem(key);
    }
  }
  return copies.sort((a, b) => b.at.localeCompare(a.at));
}

/** This tab's copy of a form, if any. */
export function ownCopy(formId: string): UnsavedCopy | undefined {
  const tab = tabId();
  return unsavedCopies(formId).find((c) => c.tab === tab);
}

/** Ids of forms with unsaved copies (the list marks them). */
export function formsWithUnsaved(): Set<string> {
  const store = storage();
  const ids = new Set<string>();
  if (!store) return ids;
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(PREFIX)) ids.add(key.slice(PREFIX.length).split(':')[0]!);
  }
  return ids;
}

/** Drops copies older than a month. */
export function pruneUnsaved(now = Date.now()): void {
  const store = storage();
  if (!store) return;
  const old: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    try {
      const copy = JSON.parse(store.getItem(key) ?? '') as UnsavedCopy;
      if (now - Date.parse(copy.at) > MAX_AGE_MS) old.push(key);
    } catch {
      old.push(key);
    }
  }
  for (const key of old) store.removeItem(key);
}
