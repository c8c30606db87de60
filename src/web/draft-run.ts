/**
 * One run of drafts from the page (one cell, or a batch): the text streamed so far into each
 * cell, the cells already settled and the ones that failed. The controller (draft-panel.ts) starts
 * runs, shows their progress and accepts finished drafts.
 */
import type { NarrativeSnapshot } from '../core/narratives/snapshot.js';
import type { BatchItem, DraftDone, StreamHandlers } from './api-client.js';
import { pathLabel } from './format.js';
import type { NarrativeCell } from './narrative-cell.js';

/** What a run needs from its controller. */
export interface DraftRunHost {
  cell(path: string): NarrativeCell | undefined;
  snapshotOf(path: string): NarrativeSnapshot | null;
  /** A finished draft becomes the cell's text (`snapshot`: the cell's inputs when the run started). */
  accept(path: string, done: DraftDone, snapshot: NarrativeSnapshot | null): void;
  /** `done` of the run's cells are finished; `current` is being written. */
  progress(done: number, current: string | undefined): void;
}

/** The state of one run; its `handlers` receive the stream. */
export class DraftRun {
  readonly settled = new Set<string>();
  /** One line per failed cell: its name and why. */
  readonly failed: string[] = [];
  private readonly snapshots: Map<string, NarrativeSnapshot | null>;
  private readonly streamed = new Map<string, string>();
  private current: string | undefined;

  constructor(
    readonly paths: string[],
    private readonly host: DraftRunHost,
  ) {
    this.snapshots = new Map(paths.map((p) => [p, host.snapshotOf(p)]));
    this.current = paths[0];
  }

  /** The handlers that stream text into the cells and settle each finished one. */
  handlers(): StreamHandlers {
    return {
      onDelta: (text, path) => this.delta(path ?? this.paths[0], text),
      onReset: (path) => {
        const target = path ?? this.paths[0];
        if (target) this.streamed.set(target, '');
      },
      onProgress: ({ done, item }) => {
        if (item) this.settle(item);
        this.progress(done);
      },
    };
  }

  /** Shows that `done` cells are finished. */
  progress(done: number): void {
    this.host.progress(done, this.current);
  }

  /** Ends a cell's streaming: a success becomes its text, a failure is noted (once per cell). */
  settle(item: BatchItem): void {
    if (this.settled.has(item.path)) return;
    this.settled.add(item.path);
    const cell = this.host.cell(item.path);
    cell?.setStreaming(false);
    if (item.ok && item.result) this.host.accept(item.path, item.result, this.snapshots.get(item.path) ?? null);
    else {
      this.failed.push(`${pathLabel(item.path)}：${item.error?.message ?? '起草失败'}`);
      cell?.refresh(true);
    }
  }

  private delta(target: string | undefined, text: string): void {
    if (!target || this.settled.has(target)) return;
    this.current = target;
    const sofar = (this.streamed.get(target) ?? '') + text;
    this.streamed.set(target, sofar);
    this.host.cell(target)?.showStreamedText(sofar);
  }
}
