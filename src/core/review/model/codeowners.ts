/** CODEOWNERS: who must sign off on a path. The last matching rule wins, as on GitHub and GitLab. */
import { globToRegExp } from './glob';

export interface CodeownersRule {
  readonly pattern: string;
  readonly owners: readonly string[];
  /** 1-based line in the CODEOWNERS text. */
  readonly line: number;
}

export function parseCodeowners(text: string): CodeownersRule[] {
  const rules: CodeownersRule[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length && rules.length < 10_000; i++) {
    const line = lines[i].trim();
    // Blank lines, comments and GitLab section headers carry no rule.
    if (line === '' || line.startsWith('#') || line.startsWith('[') || line.startsWith('^[')) continue;
    // "\ " escapes a space inside a pattern: split on unescaped whitespace only.
    const parts = line.match(/(?:\\.|\S)+/g)!.map((p) => p.replace(/\\ /g, ' '));
    const pattern = parts[0];
    const hash = parts.findIndex((p, k) => k > 0 && p.startsWith('#'));
    rules.push({ pattern, owners: parts.slice(1, hash > 0 ? hash : parts.length), line: i + 1 });
  }
  return rules;
}

/** Owners of `path` (no leading slash), or an empty list when no rule matches or the matching rule lists none. */
export function ownersOf(rules: readonly CodeownersRule[], path: string): readonly string[] {
  for (let i = rules.length - 1; i >= 0; i--) {
    if (globToRegExp(rules[i].pattern).test(path)) return rules[i].owners;
  }
  return [];
}
