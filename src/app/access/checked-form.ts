/**
 * The form record of a form route (issue #9): with accounts on, the access check has already read
 * the form to check the caller's rights on its unit and left it in the context; the handler takes
 * that record instead of reading the store a second time. Without accounts the check reads
 * nothing, and the handler reads the record itself: one store read per request either way.
 */
import type { Context } from 'hono';
import type { FormRecord, FormRepository } from '../../store/repository.js';
import type { AppEnv } from '../app-env.js';

/** The current record of form `id`: the one the access check read for this request, else the store's. */
export function checkedForm(c: Context<AppEnv>, store: FormRepository, id: string): Promise<FormRecord> {
  const checked = c.get('formRecord');
  return checked !== undefined && checked.id === id ? Promise.resolve(checked) : store.get(id);
}
