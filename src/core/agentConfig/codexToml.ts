/**
 * Our hooks in a Codex `config.toml` (developers.openai.com/codex/hooks): `[[hooks.PreToolUse]]` /
 * `[[hooks.PostToolUse]]` matcher groups with `[[hooks.<Event>.hooks]]` command handlers. Hooks are on by default
 * since Codex 0.124, so no feature flag is written; the `hooks = true # added by ai-provenance` line earlier versions
 * put into an existing `[features]` table is removed on the next install or uninstall. The file is edited as text so
 * comments and formatting survive: everything we add sits between two marker comments at the end of the file.
 * Codex runs these entries only once the user trusts them in `/hooks` (see codexTrust.ts).
 */
import { outlineToml, tomlString, tomlStringValue, type TomlOutline } from './tomlOutline';
import { AgentConfigError, isOurHookCommand, type ConfigEdit, type HookCommands, type HookInspection } from './types';

const CODEX_BLOCK_BEGIN =
  '# >>> ai-provenance hooks (managed by `ai-provenance agents install`; `agents uninstall` removes them) >>>';
const CODEX_BLOCK_END = '# <<< ai-provenance hooks <<<';
const FEATURE_LINE = /^[ \t]*hooks[ \t]*=[ \t]*true[ \t]*# added by ai-provenance[ \t]*$/;

/** Tool names the hook runs for (a regex, like Claude's matchers): patch edits and the shell tools. */
const CODEX_MATCHER = 'apply_patch|Bash|shell|exec_command|unified_exec';
const CODEX_TIMEOUT_SECONDS = 30;
const EVENTS = { pre: 'PreToolUse', post: 'PostToolUse' } as const;

type FeatureState = { readonly state: 'enabled' | 'absent' } | { readonly state: 'disabled'; readonly key: string };

export function installCodexHooks(text: string | undefined, commands: HookCommands, label: string): ConfigEdit {
  const source = text ?? '';
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const body = withoutOurLines(source, label);
  const outline = outlineToml(body, label);
  assertMergeable(outline, label);
  const warnings: string[] = [];
  const feature = featureState(outline);
  if (feature.state === 'disabled')
    warnings.push(`${label} sets features.${feature.key} = false, so Codex will not run hooks; it was left as is`);
  const lines = [CODEX_BLOCK_BEGIN];
  for (const phase of ['pre', 'post'] as const) {
    lines.push(
      `[[hooks.${EVENTS[phase]}]]`,
      `matcher = ${tomlString(CODEX_MATCHER)}`,
      '',
      `[[hooks.${EVENTS[phase]}.hooks]]`,
      'type = "command"',
      `command = ${tomlString(commands[phase])}`,
      `timeout = ${CODEX_TIMEOUT_SECONDS}`,
      '',
    );
  }
  lines[lines.length - 1] = CODEX_BLOCK_END;
  const separator = body === '' ? '' : /\n$/.test(body) ? eol : eol + eol;
  const next = body + separator + lines.join(eol) + eol;
  return { text: next, changed: next !== source, warnings };
}

/** Removes our marked block and the feature line earlier versions added. Hooks of ours written elsewhere by hand are reported by inspect. */
export function uninstallCodexHooks(text: string, label: string): ConfigEdit {
  const next = withoutOurLines(text, label);
  return { text: next, changed: next !== text, warnings: [] };
}

export function inspectCodexHooks(text: string | undefined, label: string): HookInspection {
  const outline = outlineToml(text ?? '', label);
  const commands: string[] = [];
  const found = { pre: false, post: false };
  for (const key of outline.keys) {
    if (
      key.key.length !== 1 ||
      key.key[0] !== 'command' ||
      key.table.length !== 3 ||
      key.table[0] !== 'hooks' ||
      key.table[2] !== 'hooks'
    )
      continue;
    const command = tomlStringValue(key.value);
    if (command === undefined || !isOurHookCommand(command)) continue;
    if (key.table[1] === EVENTS.pre) found.pre = true;
    else if (key.table[1] === EVENTS.post) found.post = true;
    else continue;
    commands.push(command);
  }
  const warnings: string[] = [];
  const feature = featureState(outline);
  if (feature.state === 'disabled') warnings.push(`features.${feature.key} = false: Codex does not run hooks`);
  return { ...found, commands: [...new Set(commands)], warnings };
}

/** Hooks defined in a form an appended `[[hooks.<Event>]]` would clash with. */
function assertMergeable(outline: TomlOutline, label: string): void {
  const events: readonly string[] = [EVENTS.pre, EVENTS.post];
  for (const key of outline.keys) {
    if (
      (key.table.length === 0 && key.key[0] === 'hooks') ||
      (key.table.length === 1 && key.table[0] === 'hooks' && events.includes(key.key[0]))
    ) {
      throw new AgentConfigError(
        `${label} defines hooks with inline keys (${[...key.table, ...key.key].join('.')} = …); ` +
          'move them into [[hooks.PreToolUse]] / [[hooks.PostToolUse]] tables or add ours by hand. The file was left unchanged',
      );
    }
  }
  for (const header of outline.headers) {
    const p = header.path;
    if (
      (p.length === 1 && p[0] === 'hooks' && header.kind === 'array') ||
      (p.length === 2 && p[0] === 'hooks' && events.includes(p[1]) && header.kind === 'table')
    ) {
      throw new AgentConfigError(
        `${label} declares [${p.join('.')}] as a ${header.kind === 'array' ? 'table array' : 'single table'}; ` +
          'Codex expects [[hooks.<Event>]] arrays. The file was left unchanged',
      );
    }
  }
}

function featureState(outline: TomlOutline): FeatureState {
  const isFeatureKey = (k: readonly string[]): boolean =>
    k.length === 1 && (k[0] === 'hooks' || k[0] === 'codex_hooks');
  for (const key of outline.keys) {
    const inTable = key.table.length === 1 && key.table[0] === 'features' && isFeatureKey(key.key);
    const dotted =
      key.table.length === 0 && key.key.length === 2 && key.key[0] === 'features' && isFeatureKey(key.key.slice(1));
    if (!inTable && !dotted) continue;
    const name = key.key[key.key.length - 1];
    if (key.value === 'true') return { state: 'enabled' };
    if (key.value === 'false') return { state: 'disabled', key: name };
  }
  return { state: 'absent' };
}

/** `text` without our marked block (and the blank line before it) and without our feature line. */
function withoutOurLines(text: string, label: string): string {
  const lines = text.match(/[^\r\n]*(?:\r\n|\n|\r|$)/g)?.filter((l, i, all) => l !== '' || i < all.length - 1) ?? [];
  const begin = lines.findIndex((l) => l.trimEnd() === CODEX_BLOCK_BEGIN);
  const end = lines.findIndex((l, i) => i > begin && l.trimEnd() === CODEX_BLOCK_END);
  const strayEnd = lines.findIndex((l) => l.trimEnd() === CODEX_BLOCK_END);
  if ((begin === -1) !== (strayEnd === -1) || (begin !== -1 && end === -1)) {
    throw new AgentConfigError(
      `${label} has a damaged ai-provenance block (one of its marker comments is missing); ` +
        'fix or remove it by hand. The file was left unchanged',
    );
  }
  let kept = lines;
  if (begin !== -1) {
    const from = begin > 0 && lines[begin - 1].trim() === '' ? begin - 1 : begin;
    kept = [...lines.slice(0, from), ...lines.slice(end + 1)];
  }
  return kept.filter((l) => !FEATURE_LINE.test(l.replace(/[\r\n]+$/, ''))).join('');
}
