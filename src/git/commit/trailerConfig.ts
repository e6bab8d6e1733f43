/**
 * Which trailer presets apply: git config `aiProvenance.trailers` (this clone's choice) wins over the project's
 * committed `.ai-provenance.json` (`{ "trailers": ["kernel", "summary"] }`), which wins over the default
 * (kernel + summary). A setting we cannot read means NO trailers: an opt-out written with a typo must not turn
 * into trailers the project forbids.
 */
import { DEFAULT_TRAILER_PRESETS, parseTrailerPresets, type TrailerPreset } from '../../core/commit/trailers';
import type { BlobReader } from './blobs';
import type { HookContext } from './hookContext';

const PROJECT_CONFIG_FILE = '.ai-provenance.json';
const MAX_PROJECT_CONFIG_BYTES = 256 * 1024;

export type PresetChoice =
  | { readonly presets: TrailerPreset[]; readonly from: 'git-config' | 'project' | 'default' }
  | { readonly invalid: string };

function presetsFromProjectConfig(text: string): TrailerPreset[] | undefined {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TypeError(`${PROJECT_CONFIG_FILE} must hold a JSON object`);
  const trailers = (value as Record<string, unknown>).trailers;
  return trailers === undefined ? undefined : parseTrailerPresets(trailers);
}

export async function choosePresets(
  ctx: HookContext,
  blobs: BlobReader,
  head: string | undefined,
): Promise<PresetChoice> {
  const { trailers } = await ctx.config();
  if (trailers !== undefined) {
    try {
      return { presets: parseTrailerPresets(trailers), from: 'git-config' };
    } catch (err) {
      return { invalid: `git config aiProvenance.trailers: ${(err as Error).message}` };
    }
  }
  const text = await blobs.raw(
    head ? `${head}:${PROJECT_CONFIG_FILE}` : `:${PROJECT_CONFIG_FILE}`,
    MAX_PROJECT_CONFIG_BYTES,
  );
  if (text !== undefined) {
    try {
      const presets = presetsFromProjectConfig(text);
      if (presets) return { presets, from: 'project' };
    } catch (err) {
      return { invalid: `${PROJECT_CONFIG_FILE}: ${(err as Error).message}` };
    }
  }
  return { presets: [...DEFAULT_TRAILER_PRESETS], from: 'default' };
}
