/**
 * Inputs bound to a field path of the form model. Every input has a label (visible in the
 * project block, visually hidden in the tables whose headers already say it) and carries its
 * path in `data-path`, so issues can focus it and refreshes can find it.
 */
import { h, hiddenLabel } from './dom.js';
import type { FormModel } from './form-model.js';
import { inputIdFor } from './form-paths.js';
import { fmtAmount, parseNumberText } from './format.js';

export type FieldKind = 'text' | 'number' | 'select' | 'narrative';

export interface FieldOptions {
  label: string;
  /** Hide the label visually (table cells); it is still read by screen readers. */
  hideLabel?: boolean;
  multiline?: boolean;
  placeholder?: string;
  /** id of a <datalist> with suggestions. */
  list?: string;
  className?: string;
  /** For selects: value → shown text. */
  options?: [string, string][];
  /** Numbers: allow decimals (default) or integers only (年度). */
  integer?: boolean;
}

/** A labelled input bound to `path`; returns the wrapper and the input. */
export function boundField(
  model: FormModel,
  path: string,
  kind: Exclude<FieldKind, 'narrative'>,
  options: FieldOptions,
): { wrap: HTMLElement; input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement } {
  const id = inputIdFor(path);
  let input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
  if (kind === 'select') {
    input = h(
      'select',
      { attrs: { id } },
      (options.options ?? []).map(([value, text]) => h('option', { attrs: { value }, text })),
    );
  } else if (options.multiline) {
    input = h('textarea', { attrs: { id, rows: 3, placeholder: options.placeholder } });
  } else {
    input = h('input', {
      attrs: {
        id,
        type: 'text',
        inputmode: kind === 'number' ? (options.integer ? 'numeric' : 'decimal') : undefined,
        placeholder: options.placeholder,
        list: options.list,
        autocomplete: 'off',
      },
    });
  }
  input.dataset.path = path;
  input.dataset.kind = kind;
  if (options.className) input.classList.add(...options.className.split(' '));
  input.addEventListener(kind === 'select' ? 'change' : 'input', () => writeField(model, input));
  const label = options.hideLabel
    ? hiddenLabel(id, options.label)
    : h('label', { attrs: { for: id }, text: options.label });
  const wrap = h('div', { class: `field field-${kind}` }, label, input);
  setFieldValue(model, input);
  return { wrap, input };
}

/** Writes what an input holds into the model. */
export function writeField(model: FormModel, input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement): void {
  const path = input.dataset.path!;
  const kind = input.dataset.kind as FieldKind;
  if (kind === 'number') {
    const value = parseNumberText(input.value);
    if (value === undefined) model.set(path, null, input.value);
    else model.set(path, value);
  } else if (kind === 'select') {
    model.set(path, input.value === '' ? null : input.value);
  } else {
    model.set(path, input.value);
  }
}

/** Puts the model's value into an input, leaving alone an input whose text already means that value. */
export function setFieldValue(
  model: FormModel,
  input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement,
): void {
  const path = input.dataset.path!;
  const kind = input.dataset.kind as FieldKind;
  const value = model.get(path);
  if (kind === 'number') {
    const unreadable = model.unreadable.get(path);
    if (unreadable !== undefined) {
      if (input.value !== unreadable) input.value = unreadable;
      return;
    }
    const typed = parseNumberText(input.value);
    if (typed === value || (typed === null && (value === null || value === undefined))) return;
    input.value = fmtAmount(value);
    return;
  }
  const text = value === null || value === undefined ? '' : String(value);
  if (input.value !== text) input.value = text;
}

/** Refreshes every bound input under `root` from the model. */
export function refreshFields(model: FormModel, root: ParentNode): void {
  root
    .querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('[data-path][data-kind]')
    .forEach((input) => {
      if (input.dataset.kind === 'narrative') return; // narrative cells refresh themselves
      setFieldValue(model, input);
    });
}

/**
 * Marks inputs with problems: `aria-invalid` and a class for errors, a class for warnings.
 * Only inputs whose state changes are touched.
 */
export function markFieldIssues(root: ParentNode, severities: ReadonlyMap<string, 'error' | 'warning' | 'info'>): void {
  root.querySelectorAll<HTMLElement>('[data-path][data-kind]').forEach((input) => {
    const severity = severities.get(input.dataset.path!);
    const wantError = severity === 'error';
    const wantWarning = severity === 'warning';
    if (input.classList.contains('has-error') !== wantError) {
      input.classList.toggle('has-error', wantError);
      if (wantError) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
    if (input.classList.contains('has-warning') !== wantWarning) input.classList.toggle('has-warning', wantWarning);
  });
}

/** Moves the cursor to the input of a path (or the nearest enclosing field); true when found. */
export function focusPath(path: string, root: ParentNode = document): boolean {
  let candidate = path;
  for (;;) {
    const el = root.querySelector<HTMLElement>(`[data-kind][data-path="${CSS.escape(candidate)}"]`);
    if (el) {
      const details = el.closest('details');
      if (details) details.open = true;
      el.scrollIntoView({ block: 'center' });
      el.focus({ preventScroll: true });
      el.classList.add('flash');
      setTimeout(() => el.classList.remove('flash'), 1200);
      return true;
    }
    // A row-level issue (`indicators.3`) or a funding row goes to its first input.
    const first = root.querySelector<HTMLElement>(`[data-kind][data-path^="${CSS.escape(candidate)}."]`);
    if (first) {
      candidate = first.dataset.path!;
      continue;
    }
    const dot = candidate.lastIndexOf('.');
    if (dot < 0) return false;
    candidate = candidate.slice(0, dot);
  }
}
