/**
 * Loads ./reviewEngine on first use. The bundle build emits it as dist/reviewEngine.js beside dist/extension.js, and
 * tsc emits reviewEngine.js beside this file, so the same relative path serves both. A computed path keeps esbuild from
 * inlining it into the activation bundle.
 */
import * as path from 'node:path';
import type * as ReviewEngine from './reviewEngine';

let engine: typeof ReviewEngine | undefined;

export function reviewEngine(): typeof ReviewEngine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime require is the point: a lazy bundle
  engine ??= require(path.join(__dirname, 'reviewEngine.js')) as typeof ReviewEngine;
  return engine;
}
