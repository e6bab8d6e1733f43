/**
 * `linguist-generated` in a repository's root `.gitattributes`: the files a project declares generated (GitHub folds
 * their diffs). Patterns follow gitignore's rules as gitattributes uses them (no negation; the last matching line that
 * sets or unsets the attribute wins). Nested `.gitattributes` files are not read.
 */
import { globToRegExp } from './glob';

interface GeneratedRule {
  readonly pattern: RegExp;
  readonly generated: boolean;
}

function parse(text: string): GeneratedRule[] {
  const rules: GeneratedRule[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const [pattern, ...attrs] = line.split(/\s+/);
    for (const a of attrs) {
      const set = /^linguist-generated(?:=(true|false))?$/.exec(a);
      const unset = a === '-linguist-generated' || a === '!linguist-generated';
      if (set || unset) rules.push({ pattern: globToRegExp(pattern), generated: !!set && set[1] !== 'false' });
    }
  }
  return rules;
}

/** The paths among `paths` that `.gitattributes` marks `linguist-generated`. */
export function markedGenerated(gitattributes: string | undefined, paths: readonly string[]): Set<string> {
  const out = new Set<string>();
  if (!gitattributes) return out;
  const rules = parse(gitattributes);
  if (rules.length === 0) return out;
  for (const p of paths) {
    let generated = false;
    for (const r of rules) if (r.pattern.test(p)) generated = r.generated;
    if (generated) out.add(p);
  }
  return out;
}
