/**
 * What the editor's buttons do to a narrative cell (draft, revise by chat, history, undo) and to an
 * indicator row (insert, remove with undo, move), with the keyboard focus kept where the user is.
 */
import type { DraftController } from './draft-panel.js';
import { focusPath } from './fields.js';
import type { FormModel } from './form-model.js';
import { pathLabel } from './format.js';
import type { RowActions } from './indicator-table.js';
import type { NarrativeActions } from './narrative-cell.js';
import { toast } from './toast.js';
import { rowLabel } from '../core/schema/row-number.js';
import { indicatorCellPath } from '../core/narratives/paths.js';

/** The actions of a narrative cell's buttons. */
export function narrativeActions(model: FormModel, drafts: DraftController): NarrativeActions {
  return {
    draft: (path) => void drafts.draftOne(path),
    // The chat and the history (with their diff views) load when first opened
    chat: (path) => void import('./chat-panel.js').then(({ openChat }) => openChat(model, path)),
    history: (path) =>
      void import('./history-panel.js').then(({ openCellHistory }) =>
        openCellHistory(model, path, (text, origin, stale) => {
          model.setNarrative(path, text, origin, stale ? null : undefined);
          toast(`已恢复${pathLabel(path)}的旧文本，保存后生效。`);
          focusPath(path);
        }),
      ),
    undo: (path) => drafts.undoDraft(path),
  };
}

/** Focuses a row's button for `action` (or its first field when that button is disabled). */
function focusRowControl(main: HTMLElement, index: number, action: string): void {
  const row = main.querySelector<HTMLElement>(`tr.row[data-row="${index}"]`);
  const button = row?.querySelector<HTMLButtonElement>(`[data-action="${action}"]:not([disabled])`);
  (button ?? row?.querySelector<HTMLElement>('[data-kind]'))?.focus();
}

/** The actions of an indicator row's buttons; `main` is the editor's main area, once it exists. */
export function rowActions(model: FormModel, drafts: DraftController, main: () => HTMLElement): RowActions {
  return {
    insertBelow: (index) => {
      drafts.clearUndo();
      model.addRow(index + 1);
      focusPath(indicatorCellPath(index + 1, 'name'));
    },
    remove: (index) => {
      drafts.clearUndo();
      const name = model.form.indicators[index]?.name || rowLabel(index);
      const removed = model.removeRow(index);
      if (!removed) return;
      toast(`已删除指标“${name}”`, { action: { label: '撤销', run: () => model.restoreRow(index, removed) } });
      if (model.form.indicators.length === 0) main().querySelector<HTMLElement>('[data-action="add-row"]')?.focus();
      else focusRowControl(main(), Math.min(index, model.form.indicators.length - 1), 'remove');
    },
    move: (index, delta) => {
      drafts.clearUndo();
      if (model.moveRow(index, delta)) focusRowControl(main(), index + delta, delta < 0 ? 'up' : 'down');
    },
  };
}
