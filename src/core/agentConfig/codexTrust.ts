/**
 * Whether Codex will run our hooks: Codex skips a hook silently until the user trusts it in `/hooks`, and skips it
 * again once its definition changes. Read from Codex's own trust store, never written (checked against openai/codex
 * `codex-rs/hooks/src/engine/discovery.rs`, `codex-rs/config/src/hook_config.rs` and `fingerprint.rs`):
 *
 * - the store is the user config `$CODEX_HOME/config.toml`: one `[hooks.state."<key>"]` table per hook with
 *   `trusted_hash = "sha256:<hex>"` and optionally `enabled = false`;
 * - `<key>` is `<absolute path of the file defining the hook>:<event label>:<group index>:<handler index>`, the event
 *   label in snake_case (`pre_tool_use`), both indexes counting from 0 within that file and event;
 * - the hash is sha256 over compact JSON with keys sorted at every level of
 *   `{event_name, matcher, hooks: [{type: "command", command, timeout, async}]}` (absent optional fields omitted);
 * - project hooks (`<repo>/.codex/config.toml`) load only when `[projects."<repo>"] trust_level = "trusted"`.
 *
 * Pure: the caller reads the files and hashes `identity` (core has no crypto).
 */
import { outlineToml, tomlStringValue } from './tomlOutline';
import { isOurHookCommand } from './types';

const EVENT_LABELS = { PreToolUse: 'pre_tool_use', PostToolUse: 'post_tool_use' } as const;

export interface CodexHookEntry {
  /** The trust-store key of this hook. */
  readonly key: string;
  /** What Codex hashes for it; `sha256:` + hex sha256 of this text is the hash `/hooks` stores when trusting it. */
  readonly identity: string;
}

/** Our hooks in a Codex config file at `sourcePath` (absolute), with their trust keys and identities. */
export function codexHookEntries(configText: string, sourcePath: string, label = 'config.toml'): CodexHookEntry[] {
  const outline = outlineToml(configText, label);
  /** The one-part keys right under header `index`. */
  const keysOf = (index: number): Map<string, string> => {
    const start = outline.headers[index].start;
    const end = outline.headers[index + 1]?.start ?? Number.POSITIVE_INFINITY;
    return new Map(
      outline.keys
        .filter((k) => k.start > start && k.start < end && k.key.length === 1)
        .map((k) => [k.key[0], k.value]),
    );
  };
  const entries: CodexHookEntry[] = [];
  for (const event of Object.keys(EVENT_LABELS) as Array<keyof typeof EVENT_LABELS>) {
    let group = -1;
    let handler = -1;
    let matcher: string | undefined;
    outline.headers.forEach((header, index) => {
      const p = header.path;
      if (header.kind !== 'array' || p[0] !== 'hooks' || p[1] !== event) return;
      if (p.length === 2) {
        group++;
        handler = -1;
        const raw = keysOf(index).get('matcher');
        matcher = raw === undefined ? undefined : tomlStringValue(raw);
        return;
      }
      if (p.length !== 3 || p[2] !== 'hooks' || group < 0) return;
      handler++;
      const keys = keysOf(index);
      const command = tomlStringValue(keys.get('command') ?? '');
      if (command === undefined || !isOurHookCommand(command)) return;
      const timeout = Number(keys.get('timeout') ?? '600');
      entries.push({
        key: `${sourcePath}:${EVENT_LABELS[event]}:${group}:${handler}`,
        identity: codexHookIdentity(
          EVENT_LABELS[event],
          matcher,
          command,
          Number.isInteger(timeout) ? Math.max(1, timeout) : 600,
        ),
      });
    });
  }
  return entries;
}

/** The canonical text Codex hashes for one command hook. */
export function codexHookIdentity(
  eventLabel: string,
  matcher: string | undefined,
  command: string,
  timeout: number,
): string {
  const hook = { async: false, command, timeout, type: 'command' };
  return JSON.stringify(
    matcher === undefined
      ? { event_name: eventLabel, hooks: [hook] }
      : { event_name: eventLabel, hooks: [hook], matcher },
  );
}

export interface CodexHookState {
  readonly trustedHash?: string;
  readonly enabled?: boolean;
}

/** The `[hooks.state."<key>"]` tables of a Codex user config. */
export function codexHookStates(
  userConfigText: string | undefined,
  label = 'config.toml',
): Map<string, CodexHookState> {
  const states = new Map<string, CodexHookState>();
  if (userConfigText === undefined) return states;
  const outline = outlineToml(userConfigText, label);
  for (const key of outline.keys) {
    const t = key.table;
    const inTable = t.length === 3 && t[0] === 'hooks' && t[1] === 'state' && key.key.length === 1;
    if (!inTable) continue;
    const state = { ...(states.get(t[2]) ?? {}) } as { trustedHash?: string; enabled?: boolean };
    if (key.key[0] === 'trusted_hash') state.trustedHash = tomlStringValue(key.value);
    if (key.key[0] === 'enabled')
      state.enabled = key.value === 'true' ? true : key.value === 'false' ? false : undefined;
    states.set(t[2], state);
  }
  return states;
}

/** Whether the user config marks `root` as a trusted project (`[projects."<root>"] trust_level = "trusted"`). */
export function codexProjectTrusted(userConfigText: string | undefined, root: string, label = 'config.toml'): boolean {
  if (userConfigText === undefined) return false;
  const outline = outlineToml(userConfigText, label);
  return outline.keys.some(
    (k) =>
      k.table.length === 2 &&
      k.table[0] === 'projects' &&
      k.table[1] === root &&
      k.key.length === 1 &&
      k.key[0] === 'trust_level' &&
      tomlStringValue(k.value) === 'trusted',
  );
}

export type CodexTrust = 'trusted' | 'untrusted' | 'modified' | 'disabled';

/**
 * Codex's verdict on our hooks, given each entry's hash: `disabled` when one is switched off, `untrusted` when one has
 * no trusted hash, `modified` when one was trusted with other content (an older command, or a Codex version hashing
 * differently: `/hooks` shows which), else `trusted`.
 */
export function codexTrust(
  entries: readonly CodexHookEntry[],
  hashOf: (identity: string) => string,
  states: ReadonlyMap<string, CodexHookState>,
): CodexTrust {
  let verdict: CodexTrust = 'trusted';
  for (const entry of entries) {
    const state = states.get(entry.key);
    if (state?.enabled === false) return 'disabled';
    if (state?.trustedHash === undefined) verdict = 'untrusted';
    else if (state.trustedHash !== hashOf(entry.identity) && verdict === 'trusted') verdict = 'modified';
  }
  return verdict;
}
