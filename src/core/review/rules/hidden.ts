/**
 * Hidden characters (bidi overrides as in Trojan Source CVE-2021-42574, zero-width and tag characters, mixed-script
 * identifiers) and edits to agent configuration, which steers every later AI edit in the repository.
 */
import type { Change, ChangeFile } from '../model/change';
import { instructionGrants } from './agent-instructions';
import { describeUse, isPromptPath, mayBePrompt, promptUses } from './agent-prompts';
import { FindingSink, RuleFamily, RuleMeta, spanOf } from './rule';

const HIDDEN: RuleMeta = {
  id: 'hidden-characters',
  claims: { languages: 'any', kinds: ['source', 'agent-config'] },
  category: 'hidden-characters',
  title: 'Invisible or look-alike characters',
  whatToDo:
    'Remove the characters (or escape them visibly); what the reviewer sees is not what the compiler or the model reads.',
};
const AGENT: RuleMeta = {
  id: 'agent-config-changed',
  claims: { languages: 'any', kinds: ['agent-config'], everyChange: true },
  category: 'agent-config',
  title: 'Agent instructions or tool configuration changed',
  whatToDo:
    'Read the whole instruction change: it steers every future AI edit and may grant tools or permissions (MCP servers, auto-approve).',
};

const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
const TAGS = /\uDB40[\uDC00-\uDC7F]/;
const ZERO_WIDTH = /[\u200B-\u200D\u2060-\u2064\uFEFF\u00AD\u180E]/;
const MIXED_SCRIPT = /[A-Za-z][\u0370-\u03FF\u0400-\u04FF]|[\u0370-\u03FF\u0400-\u04FF][A-Za-z]/;
const CHEAP = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\uDB40\u0370-\u04FF]/;

export const hiddenRules: RuleFamily = {
  name: 'hidden',
  rules: [HIDDEN, AGENT],
  run(change: Change, sink: FindingSink): void {
    for (const file of change.files) {
      if (file.diff.binary) continue;
      for (const l of file.added) {
        if (!CHEAP.test(l.text)) continue;
        const at = (re: RegExp): string => {
          const i = l.text.search(re);
          return `U+${l.text.codePointAt(i)!.toString(16).toUpperCase().padStart(4, '0')} at column ${i + 1}`;
        };
        if (BIDI.test(l.text))
          sink.line(
            HIDDEN,
            file,
            l,
            'new',
            'high',
            `bidirectional control ${at(BIDI)}: the line displays differently from how it runs`,
          );
        else if (TAGS.test(l.text))
          sink.line(
            HIDDEN,
            file,
            l,
            'new',
            'high',
            `invisible Unicode tag characters ${at(TAGS)}: can carry hidden instructions for a model`,
          );
        else if (ZERO_WIDTH.test(l.text.replace(/^\uFEFF/, '')))
          sink.line(
            HIDDEN,
            file,
            l,
            'new',
            file.cls.agentConfig ? 'high' : 'medium',
            `zero-width character ${at(ZERO_WIDTH)}`,
          );
        else if (file.cls.source && MIXED_SCRIPT.test(l.code.replace(/(["'`])(?:(?!\1).)*\1/g, '')))
          sink.line(
            HIDDEN,
            file,
            l,
            'new',
            'medium',
            `Latin mixed with Greek/Cyrillic look-alikes in code ${at(/[\u0370-\u04FF]/)}`,
          );
      }
      agentInstructions(change, file, sink);
    }
  },
};

/**
 * Agent instructions (AGENTS.md, rules, skills, an agent's prompt file) and agent settings. A prompt that a workflow
 * hands an agent reading untrusted text beside a write credential weighs like that agent step (high). Markdown
 * instructions report what they add beyond wording (agent-instructions.ts) and say nothing when the edit is wording
 * only: a peer reads them like documentation (tier.ts). Settings files (MCP servers, permissions, hooks as
 * JSON/TOML/YAML) are configuration whatever they say.
 */
function agentInstructions(change: Change, file: ChangeFile, sink: FindingSink): void {
  const uses = file.cls.agentConfig || mayBePrompt(file.path) ? promptUses(file.path, change.context.workflows) : [];
  if (!file.cls.agentConfig && !isPromptPath(file.path) && uses.length === 0) return;
  const size = `(+${file.diff.additions}/-${file.diff.deletions})`;
  const exposed = uses.find((u) => u.input !== undefined && u.power.length > 0);
  if (exposed) {
    sink.add(AGENT, file, spanOf(file), 'high', `${file.diff.status} agent prompt ${size}: ${describeUse(exposed)}`);
    return;
  }
  const markdown = /\.(?:md|mdc|txt|j2|jinja2?|prompt)$|(?:^|\/)\.(?:cursorrules|windsurfrules|clinerules)$/i.test(
    file.path,
  );
  if (!markdown) {
    // A schema or settings file a workflow passes to its agent is not instructions; agent settings by name are.
    if (file.cls.agentConfig)
      sink.add(AGENT, file, spanOf(file), 'medium', `${file.diff.status} agent configuration ${size}`);
    return;
  }
  const grants = instructionGrants(file);
  if (grants === null) return;
  const used = uses.length > 0 ? ` (${describeUse(uses[0])})` : '';
  sink.add(AGENT, file, spanOf(file), 'medium', `${file.diff.status} agent instructions ${size}: ${grants}${used}`);
}
