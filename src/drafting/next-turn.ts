/**
 * Resolves on a later turn of the event loop (a timer, on Node and Workers alike), after pending
 * I/O has run. Awaited after a stream's first visible text: an answer that arrived in one burst is
 * otherwise processed to its end (every delta, the checks) before the first words leave the
 * server, since Node's HTTP response only writes its corked socket once the microtasks drain.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
