// What the demo and its test share: the demo repository, the Demo AI extension's folder, and the tour.
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT } from '../lib/paths.mjs';
import { createDemoRepo } from './story.mjs';

export const DEMO_AI_EXTENSION = path.join(ROOT, 'scripts', 'demo', 'demo-ai');

export const TOUR = [
  'The AI Review of feature/exchange-rates is open: AI hunks, and a checklist of what to verify in this change.',
  'src/rates.ts is annotated by AI Blame: hover a marked line for its tool, model and commit.',
  'Open src/math.ts, type "export function median" on a new last line, and press Tab on the Demo AI suggestion: the accepted text is tinted as AI.',
  'Commit it from the Source Control view: the message gets AI trailers, and a note records the AI lines.',
  'Refresh the AI Review: your commit is a new AI hunk; "git log -1" and "git notes --ref=ai-provenance show" in a terminal show the record.',
];

/** Builds the demo repository under `runDir/sample-repo` (the extension and CLI must be built). */
export async function buildDemoWorkspace(runDir) {
  const inlineSession = path.join(runDir, 'inline-session.cjs');
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'scripts', 'demo', 'inlineSession.ts')],
    outfile: inlineSession,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  return createDemoRepo(path.join(runDir, 'sample-repo'), { cli: path.join(ROOT, 'dist', 'cli.js'), inlineSession });
}
