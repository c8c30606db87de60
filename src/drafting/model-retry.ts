/**
 * The retry policy of model calls. The SDK itself retries 408/409/429/5xx and connection failures
 * before an answer starts (maxRetries); a stream that breaks or falls silent mid-way is retried
 * here as often, the sink told `reset` so the text shown so far is dropped. Whatever still fails
 * becomes a ZipingError (model-errors.ts).
 */
import type { ModelCaller } from './model-client.js';
import { completeOnce, streamOnce, type CallInput } from './model-call.js';
import { modelError, StreamBroken } from './model-errors.js';
import type { DraftSink } from './types.js';

/** The whole answer, streamed to `sink` if given; throws ZipingError (or the caller's abort reason). */
export async function complete(caller: ModelCaller, input: CallInput & { sink?: DraftSink }): Promise<string> {
  const { sink, signal } = input;
  if (!sink) {
    try {
      return await completeOnce(caller, input);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw modelError(error, 0, caller);
    }
  }
  let emitted = false;
  const onEmit = () => {
    emitted = true;
  };
  for (let attempt = 0; ; attempt++) {
    try {
      return await streamOnce(caller, { ...input, sink, onEmit });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (error instanceof StreamBroken && attempt < caller.maxRetries) {
        if (emitted) sink({ type: 'reset', reason: 'retry' });
        emitted = false;
        continue;
      }
      if (emitted) sink({ type: 'reset', reason: 'failed' });
      throw modelError(error, attempt, caller);
    }
  }
}
