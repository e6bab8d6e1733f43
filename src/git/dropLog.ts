/**
 * The single place a dropped-attribution log line is written from (see src/core/state/dropLine.ts for the wording).
 * `sink` is whatever log the caller has: a hook context's, the state store's, or `log(gitDir, …)` bound.
 */
import { dropLine } from '../core/state/dropLine';

export type LogSink = ((message: string) => Promise<void> | void) | { log(message: string): Promise<void> | void };

export async function logDrop(sink: LogSink, where: string, what: string, why: string): Promise<void> {
  const message = dropLine(where, what, why);
  await (typeof sink === 'function' ? sink(message) : sink.log(message));
}
