/** Abort signals of model calls: the caller's, linked to our own, and the overall deadline of a job. */
import { ZipingError } from '../core/errors.js';
import { seconds } from './model-errors.js';

/** A controller that aborts when `signal` does; `release` unlinks it once the call is over. */
export function linked(signal: AbortSignal | undefined): { controller: AbortController; release: () => void } {
  const controller = new AbortController();
  const abort = () => controller.abort(signal?.reason);
  if (signal?.aborted) controller.abort(signal.reason);
  signal?.addEventListener('abort', abort, { once: true });
  return { controller, release: () => signal?.removeEventListener('abort', abort) };
}

/** A signal that aborts when `signal` does or when `ms` have passed, with a model_timeout reason. */
export function withDeadline(signal: AbortSignal | undefined, ms: number): { signal: AbortSignal; done: () => void } {
  const { controller, release } = linked(signal);
  const timer = setTimeout(() => {
    controller.abort(
      new ZipingError('model_timeout', `模型在${seconds(ms)}内没有写完（含重试与修复），已中止；未保存任何部分文本`, {
        details: { drafter: 'model', deadlineMs: ms },
      }),
    );
  }, ms);
  return {
    signal: controller.signal,
    done: () => {
      clearTimeout(timer);
      release();
    },
  };
}
