/**
 * Kiro CLI v3 hook files (kiro.dev/docs/cli/v3/hooks): `.kiro/hooks/<name>.json` holding `{"version": "v1", "hooks":
 * [{name, trigger, matcher, action: {type: "command", command}, timeout (seconds), enabled}]}`, applied to every agent
 * of the workspace. The matcher is a regular expression on the tool name. We keep our two entries (named
 * `ai-provenance-pre` / `-post`) in our own file; other entries there are kept as they are.
 */
import type { HookPhase } from '../agents/types';
import { cloneJson, isPlainObject, jsonStyleOf, parseJsonConfig, sameJson, serializeJsonConfig } from './jsonText';
import { AgentConfigError, isOurHookCommand, type ConfigEdit, type HookCommands, type HookInspection } from './types';

/** Kiro's write and shell tools under their v3 names and the older ones (anchored: the matcher is a regex). */
const KIRO_MATCHER = '^(write|shell|fs_write|execute_bash|execute_cmd|str_replace)$';
const TRIGGERS: Readonly<Record<HookPhase, string>> = { pre: 'PreToolUse', post: 'PostToolUse' };

function entry(phase: HookPhase, command: string): Record<string, unknown> {
  return {
    name: `ai-provenance-${phase}`,
    trigger: TRIGGERS[phase],
    matcher: KIRO_MATCHER,
    action: { type: 'command', command },
    timeout: 30,
    enabled: true,
  };
}

function hookList(root: Record<string, unknown>, label: string): unknown[] {
  if (root.version !== undefined && root.version !== 'v1')
    throw new AgentConfigError(
      `${label} has version ${JSON.stringify(root.version)}; only "v1" is supported, so it was left unchanged`,
    );
  if (root.hooks === undefined) return [];
  if (!Array.isArray(root.hooks))
    throw new AgentConfigError(`${label}: "hooks" is not an array; the file was left unchanged`);
  return root.hooks;
}

function commandOf(value: unknown): string | undefined {
  if (!isPlainObject(value) || !isPlainObject(value.action)) return undefined;
  return isOurHookCommand(value.action.command) ? (value.action.command as string) : undefined;
}

export function installKiroHookFile(text: string | undefined, commands: HookCommands, label: string): ConfigEdit {
  const original = parseJsonConfig(text, label);
  const list = hookList(original, label).filter((h) => commandOf(h) === undefined);
  const root = {
    version: 'v1',
    ...cloneJson(original),
    hooks: [...list, entry('pre', commands.pre), entry('post', commands.post)],
  };
  if (sameJson(root, original)) return { text: text ?? '', changed: false, warnings: [] };
  return { text: serializeJsonConfig(root, jsonStyleOf(text)), changed: true, warnings: [] };
}

export function uninstallKiroHookFile(text: string, label: string): ConfigEdit {
  const original = parseJsonConfig(text, label);
  const list = hookList(original, label);
  const rest = list.filter((h) => commandOf(h) === undefined);
  if (rest.length === list.length) return { text, changed: false, warnings: [] };
  return { text: serializeJsonConfig({ ...original, hooks: rest }, jsonStyleOf(text)), changed: true, warnings: [] };
}

export function inspectKiroHookFile(text: string | undefined, label: string): HookInspection {
  const ours = hookList(parseJsonConfig(text, label), label).filter((h) => commandOf(h) !== undefined);
  const has = (phase: HookPhase) => ours.some((h) => isPlainObject(h) && h.trigger === TRIGGERS[phase]);
  const disabled = ours.some((h) => isPlainObject(h) && h.enabled === false);
  return {
    pre: has('pre'),
    post: has('post'),
    commands: [...new Set(ours.map((h) => commandOf(h)!))],
    warnings: disabled ? ['an ai-provenance entry has "enabled": false: Kiro skips it'] : [],
    ...(disabled ? { disabled } : {}),
  };
}
