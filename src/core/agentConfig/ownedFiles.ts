/**
 * Hook files that are ours as a whole, for agents that run a file rather than a command listed in a settings file:
 * Cline's per-event scripts (`.clinerules/hooks/PreToolUse`, one per event and folder), Kiro IDE's `.kiro.hook` files
 * (one trigger each) and OpenCode's plugin module. Install writes the file when it is absent or already ours; a file
 * of the same name that is not ours is never replaced. Uninstall removes the file (`remove`). The commands inside are
 * the same clone-safe commands as everywhere else (`projectHookCommandsFor` / `userHookCommandsFor`).
 */
import { OPENCODE_WRITE_TOOLS } from '../agents/opencode';
import type { AgentId, HookPhase } from '../agents/types';
import { isPlainObject } from './jsonText';
import { AgentConfigError, ourHookAgent, type ConfigEdit, type HookCommands, type HookInspection } from './types';

export type OwnedFormat =
  'cline-pre' | 'cline-post' | 'cline-pre-ps1' | 'cline-post-ps1' | 'kiro-ide-pre' | 'kiro-ide-post' | 'opencode';

interface Found {
  readonly commands: ReadonlyArray<readonly [HookPhase, string]>;
  readonly disabled?: boolean;
}

interface OwnedFileKind {
  readonly agent: AgentId;
  render(commands: HookCommands): string;
  /** Our commands in `text`, or undefined when the file is not ours. */
  read(text: string): Found | undefined;
  /** Why an existing file that is not ours stays as it is. */
  readonly conflict: string;
}

const HEADER =
  'AI Provenance: records the characters this agent writes (`ai-provenance agents install` wrote this file;' +
  ' `agents uninstall` removes it). Where AI Provenance is not installed it does nothing.';

/** Cline runs the executable file named after the event, through a shell that honours its shebang. */
function clineScript(phase: HookPhase): OwnedFileKind {
  return {
    agent: 'cline',
    render: (commands) => `#!/bin/sh\n# ${HEADER}\n${commands[phase]}\n`,
    read: (text) => {
      const line = text.split('\n').find((l) => !l.startsWith('#') && ourHookAgent(l) === 'cline');
      return line === undefined ? undefined : { commands: [[phase, line]] };
    },
    conflict: `Cline runs one ${phase === 'pre' ? 'PreToolUse' : 'PostToolUse'} script per folder and this one is not ours`,
  };
}

/**
 * Cline on Windows runs `<event>.ps1` with `powershell -NoProfile -NonInteractive -ExecutionPolicy Bypass -File`
 * (cline `HookProcess.ts`, `hooks/utils.ts`): the PowerShell form of the same command, CRLF line endings.
 */
function clinePowerShell(phase: HookPhase): OwnedFileKind {
  return {
    agent: 'cline',
    render: (commands) => `# ${HEADER}\r\n${commands.powershell?.[phase] ?? ''}\r\n`,
    read: (text) => {
      const line = text.split(/\r?\n/).find((l) => !l.startsWith('#') && ourHookAgent(l) === 'cline');
      return line === undefined ? undefined : { commands: [[phase, line]] };
    },
    conflict: `Cline runs one ${phase === 'pre' ? 'PreToolUse' : 'PostToolUse'}.ps1 script per folder on Windows and this one is not ours`,
  };
}

/** Kiro IDE: one `.kiro.hook` per trigger, run for its write and shell tools (`toolTypes`, kiro.dev/docs/hooks/types). */
function kiroIdeHook(phase: HookPhase): OwnedFileKind {
  const trigger = phase === 'pre' ? 'preToolUse' : 'postToolUse';
  return {
    agent: 'kiro',
    render: (commands) =>
      JSON.stringify(
        {
          enabled: true,
          name: `AI Provenance (${phase === 'pre' ? 'before' : 'after'} a tool)`,
          description: HEADER,
          version: '1',
          when: { type: trigger, toolTypes: ['write', 'shell'] },
          then: { type: 'runCommand', command: commands[phase], timeout: 30 },
        },
        null,
        2,
      ) + '\n',
    read: (text) => {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return undefined;
      }
      if (!isPlainObject(value) || !isPlainObject(value.then) || ourHookAgent(value.then.command) !== 'kiro')
        return undefined;
      return { commands: [[phase, value.then.command as string]], disabled: value.enabled === false };
    },
    conflict: 'a Kiro hook of that name exists and is not ours',
  };
}

/** OpenCode: a plugin module (ESM, loaded by Bun) that hands each write or shell tool call to our command. */
const OPENCODE: OwnedFileKind = {
  agent: 'opencode',
  render: (commands) =>
    [
      `// ${HEADER}`,
      "import { spawn } from 'node:child_process';",
      '',
      `const PRE = ${JSON.stringify(commands.pre)};`,
      `const POST = ${JSON.stringify(commands.post)};`,
      `const TOOLS = new Set(${JSON.stringify(OPENCODE_WRITE_TOOLS)});`,
      '',
      '// The command reads the call as JSON on stdin; it never fails and never blocks the tool (no sh: nothing runs).',
      'function run(command, payload, cwd) {',
      '  return new Promise((resolve) => {',
      '    let child;',
      '    try {',
      "      child = spawn('/bin/sh', ['-c', command], { cwd, stdio: ['pipe', 'ignore', 'ignore'] });",
      '    } catch {',
      '      resolve();',
      '      return;',
      '    }',
      "    child.on('error', () => resolve());",
      "    child.on('close', () => resolve());",
      "    child.stdin.on('error', () => {});",
      '    child.stdin.end(JSON.stringify(payload));',
      '  });',
      '}',
      '',
      'function call(event, input, args, cwd) {',
      '  return {',
      '    hook_event_name: event,',
      '    session_id: input.sessionID,',
      '    tool_use_id: input.callID,',
      '    tool_name: input.tool,',
      '    tool_input: args ?? {},',
      '    cwd,',
      '  };',
      '}',
      '',
      'export const AiProvenance = async ({ directory, worktree }) => {',
      '  const cwd = directory || worktree || process.cwd();',
      '  return {',
      "    'tool.execute.before': async (input, output) => {",
      "      if (TOOLS.has(input.tool)) await run(PRE, call('tool.execute.before', input, output?.args, cwd), cwd);",
      '    },',
      "    'tool.execute.after': async (input) => {",
      "      if (TOOLS.has(input.tool)) await run(POST, call('tool.execute.after', input, input.args, cwd), cwd);",
      '    },',
      '  };',
      '};',
      '',
    ].join('\n'),
  read: (text) => {
    const found: Array<readonly [HookPhase, string]> = [];
    for (const match of text.matchAll(/^const (PRE|POST) = (".*");$/gm)) {
      let command: unknown;
      try {
        command = JSON.parse(match[2]);
      } catch {
        continue;
      }
      if (ourHookAgent(command) === 'opencode') found.push([match[1] === 'PRE' ? 'pre' : 'post', command as string]);
    }
    return found.length === 0 ? undefined : { commands: found };
  },
  conflict: 'an OpenCode plugin of that name exists and is not ours',
};

const KINDS: Readonly<Record<OwnedFormat, OwnedFileKind>> = {
  'cline-pre': clineScript('pre'),
  'cline-post': clineScript('post'),
  'cline-pre-ps1': clinePowerShell('pre'),
  'cline-post-ps1': clinePowerShell('post'),
  'kiro-ide-pre': kiroIdeHook('pre'),
  'kiro-ide-post': kiroIdeHook('post'),
  opencode: OPENCODE,
};

export function isOwnedFormat(format: string): format is OwnedFormat {
  return Object.prototype.hasOwnProperty.call(KINDS, format);
}

export function installOwnedFile(
  format: OwnedFormat,
  text: string | undefined,
  commands: HookCommands,
  label: string,
): ConfigEdit {
  const kind = KINDS[format];
  const wanted = kind.render(commands);
  if (text === wanted) return { text, changed: false, warnings: [] };
  if (text !== undefined && kind.read(text) === undefined) {
    const phase = /-pre(?:-ps1)?$/.test(format) ? 'pre' : /-post(?:-ps1)?$/.test(format) ? 'post' : undefined;
    const line =
      phase === undefined ? undefined : format.endsWith('-ps1') ? commands.powershell?.[phase] : commands[phase];
    const hint = line === undefined ? '' : ` (run this line from it yourself: ${line})`;
    throw new AgentConfigError(`${label} exists: ${kind.conflict}; it was left unchanged${hint}`);
  }
  return { text: wanted, changed: true, warnings: [] };
}

export function uninstallOwnedFile(format: OwnedFormat, text: string): ConfigEdit {
  return KINDS[format].read(text) === undefined
    ? { text, changed: false, warnings: [] }
    : { text: '', changed: true, warnings: [], remove: true };
}

export function inspectOwnedFile(format: OwnedFormat, text: string | undefined): HookInspection {
  const found = text === undefined ? undefined : KINDS[format].read(text);
  const commands = found?.commands ?? [];
  const disabled = found?.disabled === true;
  return {
    pre: commands.some(([phase]) => phase === 'pre'),
    post: commands.some(([phase]) => phase === 'post'),
    commands: commands.map(([, command]) => command),
    warnings: disabled ? ['"enabled" is false: Kiro skips it'] : [],
    ...(disabled ? { disabled } : {}),
  };
}
