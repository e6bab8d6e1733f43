/**
 * Adding and removing our hook entries in the JSON hook configs: Claude Code and Gemini CLI settings (event → matcher
 * groups → handlers), VS Code `.github/hooks/*.json` (event → handlers) and Cursor `.cursor/hooks.json` (version 1,
 * event → handlers). Other people's hooks are never touched; ours are recognised by their command (`… hook <agent>`).
 */
import type { HookPhase } from '../agents/types';
import {
  cloneJson,
  isPlainObject,
  jsonStyleOf,
  parseJsonConfig,
  sameJson,
  serializeJsonConfig,
  type JsonObject,
} from './jsonText';
import { AgentConfigError, isOurHookCommand, type ConfigEdit, type HookCommands, type HookInspection } from './types';

export interface JsonHookLayout {
  /** The agent's event names that run our `pre` and `post` hook. */
  readonly events: Readonly<Record<HookPhase, readonly string[]>>;
  /** Matcher-grouped (`[{matcher, hooks: [handler]}]`, Claude/Gemini) or a flat handler list (VS Code, Cursor). */
  readonly matcher?: string;
  /** One handler; `powershell` is the Windows entry for agents that run hooks through PowerShell there. */
  readonly handler: (command: string, powershell?: string, matcher?: string) => JsonObject;
  /**
   * Flat lists whose handlers carry their own single-pattern matcher (Amazon Q's globs): one handler per pattern,
   * built by `handler(command, undefined, pattern)`.
   */
  readonly perMatcher?: readonly string[];
  /** Keys a file we create starts with (Amazon Q: a whole agent definition around the hooks). */
  readonly created?: JsonObject;
  /** Events earlier versions of AI Provenance used: our handlers there are removed on install and uninstall. */
  readonly legacyEvents?: readonly string[];
  /** Settings under which the agent runs none of our hooks (reported as "disabled" by status). */
  readonly disabled?: (root: JsonObject) => boolean;
  /** Top-level keys the file must have, first in key order (Cursor's `version: 1`). */
  readonly required?: JsonObject;
  /** Settings that switch hooks off, reported by `inspect`. */
  readonly warnings?: (root: JsonObject) => string[];
}

export function installJsonHooks(
  layout: JsonHookLayout,
  text: string | undefined,
  commands: HookCommands,
  label: string,
): ConfigEdit {
  const original = parseJsonConfig(text, label);
  let root: JsonObject = cloneJson(original);
  for (const [key, value] of Object.entries(layout.required ?? {})) {
    if (key in root && !sameJson(root[key], value)) {
      throw new AgentConfigError(
        `${label} has ${key} ${JSON.stringify(root[key])}; only ${JSON.stringify(value)} is supported, so it was left unchanged`,
      );
    }
  }
  if (layout.required !== undefined) root = { ...layout.required, ...root };
  if (layout.created !== undefined && (text === undefined || text.trim() === '')) root = { ...layout.created, ...root };
  const hooks = hooksObject(root, label) ?? {};
  for (const phase of ['pre', 'post'] as const) {
    for (const event of layout.events[phase]) {
      const list = eventList(hooks, event, label) ?? [];
      const handlers =
        layout.perMatcher === undefined
          ? [layout.handler(commands[phase], commands.powershell?.[phase])]
          : layout.perMatcher.map((pattern) => layout.handler(commands[phase], undefined, pattern));
      const wanted = handlers.map((h) => (layout.matcher === undefined ? h : { matcher: layout.matcher, hooks: [h] }));
      const keep = new Set<number>();
      const missing = wanted.filter((w) => {
        const at = list.findIndex((entry, i) => !keep.has(i) && sameJson(entry, w));
        if (at !== -1) keep.add(at);
        return at === -1;
      });
      const next = withoutOurs(list, layout.matcher !== undefined, keep);
      next.push(...missing);
      hooks[event] = next;
    }
  }
  removeOurs(hooks, layout.legacyEvents ?? [], layout.matcher !== undefined, label);
  root.hooks = hooks;
  if (sameJson(root, original)) return { text: text ?? '', changed: false, warnings: layout.warnings?.(root) ?? [] };
  return { text: serializeJsonConfig(root, jsonStyleOf(text)), changed: true, warnings: layout.warnings?.(root) ?? [] };
}

/** Removes every handler of ours from the layout's events; empty lists and an empty `hooks` we emptied go too. */
export function uninstallJsonHooks(layout: JsonHookLayout, text: string, label: string): ConfigEdit {
  const original = parseJsonConfig(text, label);
  const root: JsonObject = cloneJson(original);
  const hooks = hooksObject(root, label);
  if (hooks === undefined) return { text, changed: false, warnings: [] };
  const hadEvents = Object.keys(hooks).length > 0;
  removeOurs(
    hooks,
    [...layout.events.pre, ...layout.events.post, ...(layout.legacyEvents ?? [])],
    layout.matcher !== undefined,
    label,
  );
  if (hadEvents && Object.keys(hooks).length === 0) delete root.hooks;
  if (sameJson(root, original)) return { text, changed: false, warnings: [] };
  return { text: serializeJsonConfig(root, jsonStyleOf(text)), changed: true, warnings: [] };
}

export function inspectJsonHooks(layout: JsonHookLayout, text: string | undefined, label: string): HookInspection {
  const root = parseJsonConfig(text, label);
  const hooks = hooksObject(root, label);
  const commands: string[] = [];
  const covered = (phase: HookPhase): boolean =>
    layout.events[phase].every((event) => {
      const found = ourCommands(
        hooks === undefined ? undefined : eventList(hooks, event, label),
        layout.matcher !== undefined,
      );
      commands.push(...found);
      return found.length > 0;
    });
  const pre = covered('pre');
  const post = covered('post');
  const disabled = layout.disabled?.(root) === true;
  return {
    pre,
    post,
    commands: [...new Set(commands)],
    warnings: layout.warnings?.(root) ?? [],
    ...(disabled ? { disabled } : {}),
  };
}

/** Our handlers out of `events`; lists left empty go. */
function removeOurs(hooks: JsonObject, events: readonly string[], grouped: boolean, label: string): void {
  for (const event of events) {
    const list = eventList(hooks, event, label);
    if (list === undefined) continue;
    const next = withoutOurs(list, grouped, new Set());
    if (sameJson(next, list)) continue;
    if (next.length === 0) delete hooks[event];
    else hooks[event] = next;
  }
}

function hooksObject(root: JsonObject, label: string): JsonObject | undefined {
  const hooks = root.hooks;
  if (hooks === undefined) return undefined;
  if (!isPlainObject(hooks))
    throw new AgentConfigError(`${label}: "hooks" is not an object; the file was left unchanged`);
  return hooks;
}

function eventList(hooks: JsonObject, event: string, label: string): unknown[] | undefined {
  const list = hooks[event];
  if (list === undefined) return undefined;
  if (!Array.isArray(list))
    throw new AgentConfigError(`${label}: "hooks.${event}" is not an array; the file was left unchanged`);
  return list;
}

function isOurHandler(value: unknown): boolean {
  return (
    isPlainObject(value) &&
    (isOurHookCommand(value.command) || isOurHookCommand(value.bash) || isOurHookCommand(value.powershell))
  );
}

/** `list` without our handlers (except the entries in `keep`); a matcher group left with no handler is dropped. */
function withoutOurs(list: readonly unknown[], grouped: boolean, keep: ReadonlySet<number>): unknown[] {
  const out: unknown[] = [];
  list.forEach((entry, i) => {
    if (keep.has(i)) {
      out.push(entry);
    } else if (!grouped) {
      if (!isOurHandler(entry)) out.push(entry);
    } else if (isPlainObject(entry) && Array.isArray(entry.hooks) && entry.hooks.some(isOurHandler)) {
      const rest = entry.hooks.filter((h) => !isOurHandler(h));
      if (rest.length > 0) out.push({ ...entry, hooks: rest });
    } else {
      out.push(entry);
    }
  });
  return out;
}

function ourCommands(list: readonly unknown[] | undefined, grouped: boolean): string[] {
  const handlers = grouped
    ? (list ?? []).flatMap((g) => (isPlainObject(g) && Array.isArray(g.hooks) ? g.hooks : []))
    : (list ?? []);
  return handlers.filter(isOurHandler).map((h) => ((h as JsonObject).bash ?? (h as JsonObject).command) as string);
}
