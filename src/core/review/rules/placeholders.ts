/** Placeholder code: TODO/FIXME, "in a real implementation", not-implemented stubs, constant-return function bodies. */
import type { Change, ChangeFile, ChangeLine } from '../model/change';
import { linesAfter } from '../model/change';
import { FindingSink, LinePattern, RuleFamily, RuleMeta, newRange, quote, scanLines } from './rule';

const PLACEHOLDER: RuleMeta = {
  id: 'placeholder',
  claims: { languages: ['js', 'py', 'go', 'rust', 'java', 'cs'] },
  category: 'placeholders',
  title: 'Placeholder or unfinished code',
  whatToDo: 'Finish the code or track the gap in an issue; placeholders that pass review ship as real behaviour.',
};
const STUB: RuleMeta = {
  id: 'stub-body',
  claims: { languages: ['js', 'py', 'go', 'rust', 'java', 'cs'] },
  category: 'placeholders',
  title: 'New function returns a constant',
  whatToDo:
    'Check the function is meant to be constant; a stub that returns true/null/0 makes callers and tests pass without logic.',
};

/** A condition on a feature still to come: "when/once X is implemented (supported, added, available)". */
const FOR_A_LATER_FEATURE =
  /\b(?:when|once)\s+(?:[\w.-]+\s+){1,4}(?:is|are|gets?|has\s+been|have\s+been)\s+(?:implemented|supported|added|available|introduced)\b/i;

const PATTERNS: readonly LinePattern[] = [
  {
    // "placeholder" and "stub" are ordinary words too (an input's placeholder text, a placeholder turn, what a test
    // stubs out): only the code calling itself one counts.
    re: /\bsimplified\s*[:(,-]|\bin a real (?:implementation|app(?:lication)?|system|world|scenario|environment)\b|\b(?:for now|simplified (?:implementation|version|logic|approach|for)|(?:is|as|just|temporary|temp) (?:a |an )?(?:placeholder|stub)|placeholder (?:implementation|code|logic|value|data|for now|until)|stub(?:bed)? (?:implementation|out|for now|until)|mock implementation|not (?:yet )?implemented|implement (?:me|later)|(?<=(?:^|[/#*:;!(-]|\b(?:to|todo|fixme|xxx))\s*)implement this\b(?!\s+(?:interface|method|trait|protocol|class|type|function|contract|behaviou?r|api)\b)|your (?:code|logic) here|replace (?:this )?with (?:the )?(?:real|actual)|dummy (?:implementation|value|data))\b/i,
    part: 'comment',
    severity: 'medium',
    label: 'says the code is not the real thing',
  },
  {
    // A marker scoped to a release (`TODO(v3): remove …`, `TODO(2.0)`) is a planned deprecation step, and one naming
    // its issue (`TODO(#123)`, `FIXME: https://…/issues/9`) is already tracked, which is what this rule asks for.
    re: /\b(?:TODO|FIXME|XXX|HACK)\b(?!\s*\(\s*(?:v\d|\d+\.\d|#\d)|:?\s*\(?(?:#\d+|https?:\/\/\S*\/issues\/\d+))/,
    part: 'comment',
    severity: 'low',
    label: 'unfinished work marked',
    // A note for a feature that does not exist yet (`TODO: defensive, for when revision is implemented`) plans the
    // next step; the code here is finished for what it does today.
    accept: (comment) => !FOR_A_LATER_FEATURE.test(comment),
  },
  { re: /\braise\s+NotImplementedError\b/, langs: ['py'], severity: 'medium', label: 'not implemented' },
  { re: /\b(?:todo|unimplemented)!\s*\(/, langs: ['rust'], severity: 'medium', label: 'not implemented' },
  {
    re: /\bthrow\s+new\s+(?:NotImplementedException|NotImplementedError)\b|\bthrow\s+new\s+(?:Error|UnsupportedOperationException|RuntimeException|Exception)\s*\(\s*['"][^'"]*(?:not\s+(?:yet\s+)?implemented|todo|implement me)[^'"]*['"]/i,
    severity: 'medium',
    label: 'not implemented',
  },
  {
    re: /\bpanic\s*\(\s*"[^"]*(?:not\s+implemented|todo|unimplemented)[^"]*"/i,
    langs: ['go'],
    severity: 'medium',
    label: 'not implemented',
  },
  {
    re: /['"](?:lorem ipsum[^'"]*|TODO|FIXME|changeme|CHANGEME|placeholder|REPLACE_ME|your[-_ ]?api[-_ ]?key[^'"]*)['"]/i,
    severity: 'low',
    label: 'placeholder literal',
  },
];

const FUNC_HEADER: Partial<Record<string, RegExp>> = {
  js: /^\s*(?:export\s+)?(?:async\s+)?(?:function\s*\*?\s*\w+\s*\([^)]*\)|(?:(?:public|private|protected|static|async|get)\s+)*(?!(?:if|for|while|switch|catch|with|return)\b)\w+\s*\([^)]*\))\s*(?::\s*[^={]+)?\{\s*$/,
  go: /^\s*func\b.*\{\s*$/,
  java: /^\s*(?:(?:public|private|protected|static|final|synchronized|abstract)\s+)+[\w<>[\],.? ]+\s+\w+\s*\([^)]*\)\s*(?:throws\s+[\w., ]+)?\{\s*$/,
  cs: /^\s*(?:(?:public|private|protected|internal|static|override|virtual|async|sealed)\s+)+[\w<>[\],.? ]+\s+\w+\s*\([^)]*\)\s*\{\s*$/,
  rust: /^\s*(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?fn\s+\w+.*\{\s*$/,
  py: /^\s*(?:async\s+)?def\s+\w+\s*\(.*\)\s*(?:->\s*[^:]+)?:\s*$/,
};
const CONSTANT_RETURN =
  /^\s*return\s+(?:true|false|True|False|null|nil|None|undefined|0|1|-1|""|''|\[\]|\{\}|Ok\(\(\)\)|new\s+\w+(?:<[^>]*>)?\(\s*\))\s*;?\s*$/;

/** Rust returns its last expression without `return`: a body that is only a constant. */
const RUST_CONSTANT_TAIL =
  /^\s*(?:true|false|None|0|1|-1|Ok\(\(\)\)|Vec::new\(\)|String::new\(\)|Default::default\(\))\s*$/;

/**
 * In tests, `raise NotImplementedError` is a fake's unused method, not unfinished work, and a quoted `"TODO"` or
 * `"placeholder"` is test data (the query a search tool is given, the value a form shows), not a value left unset.
 */
const TEST_PATTERNS = PATTERNS.filter(
  (p) =>
    p.label !== 'not implemented' &&
    p.label !== 'placeholder literal' &&
    // Tests are made of stand-ins: a comment saying what a fake stubs out, or that a value is a dummy, is the design.
    p.label !== 'says the code is not the real thing',
);

export const placeholderRules: RuleFamily = {
  name: 'placeholders',
  rules: [PLACEHOLDER, STUB],
  triggers: [
    'todo',
    'fixme',
    'xxx',
    'hack',
    'real',
    'for now',
    'implement',
    'simplif',
    'placeholder',
    'stub',
    'mock',
    'here',
    'replace',
    'dummy',
    'lorem',
    'change',
    'api',
  ],
  run(change: Change, sink: FindingSink): void {
    const thrown = gapsThrown(change);
    for (const file of change.files) {
      if (!file.cls.source && !file.cls.test) continue;
      const head = change.context.headText?.get(file.path)?.split('\n');
      scanLines(
        sink,
        PLACEHOLDER,
        file,
        file.added.filter(
          (l) => !abstractStub(file, l, head) && !sentenceGoesOn(file, l, head) && !namesThrownGap(l, thrown),
        ),
        'new',
        file.cls.test ? TEST_PATTERNS : PATTERNS,
        /TODO|FIXME|XXX|HACK|real|for now|implement|simplif|placeholder|stub|mock|here|replace|dummy|todo|lorem|change|REPLACE|api/i,
      );
      if (file.cls.source) stubBodies(sink, file);
    }
  },
};

/** A new function whose only statement returns a constant. Finds the (rare, anchored) return first, then looks up. */
function stubBodies(sink: FindingSink, file: ChangeFile): void {
  const header = FUNC_HEADER[file.cls.language];
  if (!header) return;
  const added = file.added;
  for (let i = 1; i < added.length; i++) {
    const ret = added[i];
    const head = added[i - 1];
    const constant =
      CONSTANT_RETURN.test(ret.text) || (file.cls.language === 'rust' && RUST_CONSTANT_TAIL.test(ret.text));
    if (head.line !== ret.line - 1 || !constant || !header.test(head.code)) continue;
    if (closesRightAfter(file, head, ret)) {
      sink.add(
        STUB,
        file,
        newRange(head.line, ret.line),
        'low',
        `new function ${quote(head.text.trim(), 40)} only does ${quote(ret.text.trim(), 30)}`,
      );
    }
  }
}

function closesRightAfter(file: ChangeFile, head: ChangeLine, ret: ChangeLine): boolean {
  const next = linesAfter(file, ret, 1);
  if (file.cls.language === 'py') {
    const indent = (s: string): number => /^\s*/.exec(s)![0].length;
    return next.length === 0 || next[0].trim() === '' || indent(next[0]) <= indent(head.text);
  }
  return next.length === 1 && /^\s*\}/.test(next[0]);
}

/** The new-side lines above `l` (the file at the head when known, else its hunk), nearest last. */
function above(file: ChangeFile, l: ChangeLine, head: readonly string[] | undefined, n: number): string[] {
  if (head) return head.slice(Math.max(0, l.line - 1 - n), l.line - 1);
  return file.diff.hunks[l.hunk].lines
    .slice(0, l.index)
    .filter((x) => x.kind !== 'del')
    .map((x) => x.text)
    .slice(-n);
}

/**
 * `raise NotImplementedError` in an abstract method is Python's way of declaring one (`@abstractmethod`, a class
 * deriving from ABC or Protocol, or named Abstract…/Base…): the subclasses implement it; it is not unfinished work.
 */
function abstractStub(file: ChangeFile, l: ChangeLine, head: readonly string[] | undefined): boolean {
  if (file.cls.language !== 'py' || !/\braise\s+NotImplementedError\b/.test(l.code)) return false;
  const lines = above(file, l, head, l.line);
  const indent = (t: string): number => /^\s*/.exec(t)![0].length;
  let level = indent(l.text);
  let def = false;
  for (let i = lines.length - 1; i >= 0; i--) {
    const t = lines[i];
    if (t.trim() === '' || indent(t) >= level) continue;
    // The closing line of a signature written over several lines (`) -> T:`): its `def` is further up.
    if (!def && /^\s*\)/.test(t)) continue;
    if (!def && /^\s*(?:async\s+)?def\s/.test(t)) {
      def = true;
      level = indent(t);
      for (let k = i - 1; k >= 0 && /^\s*@/.test(lines[k]); k--)
        if (/@(?:abc\.)?abstract\w*/.test(lines[k])) return true;
      continue;
    }
    if (def && /^\s*class\s/.test(t))
      return /^\s*class\s+(?:Abstract|Base)\w*|\b(?:ABC|Protocol)\b|metaclass\s*=\s*(?:abc\.)?ABCMeta/.test(t);
    if (!def) return false;
    level = indent(t);
  }
  return false;
}

/**
 * "implement this" opening a line in the middle of a sentence (`Only providers that support it\n implement this; the
 * default raises`): prose naming who implements a method, not a note to implement it.
 */
function sentenceGoesOn(file: ChangeFile, l: ChangeLine, head: readonly string[] | undefined): boolean {
  if (!/^\s*(?:#\s*|\/\/\s*|\*\s*)?implement this\b/i.test(l.text)) return false;
  const prev = above(file, l, head, 1)[0];
  return prev !== undefined && /[A-Za-z0-9,)]\s*$/.test(prev) && !/^\s*(?:def|class|fn|func|function)\b/.test(prev);
}

/** `"<subject> is not yet implemented"` inside a string, and the same said in a comment's sentence. */
const GAP_MESSAGE = /['"`]([^'"`]*?)\s+(?:is|are)\s+not\s+(?:yet\s+)?implemented\b/i;
const COMMENT_GAP = /([^.;:!?]*?)\s+(?:is|are)\s+not\s+(?:yet\s+)?implemented\b/i;

/** The gap a message names: the last two words before "is not implemented", in lower case. */
function gapSubject(m: RegExpExecArray | null): string | undefined {
  const words = m?.[1].match(/[\w.-]+/g);
  return words ? words.slice(-2).join(' ').toLowerCase() : undefined;
}

/**
 * The gaps that production code of this change throws on as not implemented (`throw new Error('PATCH action is not
 * yet implemented')`), by their subject in lower case. That throw is reported; a comment elsewhere in the change
 * saying the same subject "is not yet implemented" (a validator explaining why it lets the action through) is the
 * same gap told twice.
 */
function gapsThrown(change: Change): Set<string> {
  const out = new Set<string>();
  const throws = PATTERNS.filter((p) => p.label === 'not implemented');
  for (const file of change.files) {
    if (!file.cls.source) continue;
    for (const l of file.added) {
      if (
        !/implemented/i.test(l.code) ||
        !throws.some((p) => (!p.langs || p.langs.includes(file.cls.language)) && p.re.test(l.code))
      )
        continue;
      const subject = gapSubject(GAP_MESSAGE.exec(l.code));
      if (subject) out.add(subject);
    }
  }
  return out;
}

/** A comment line whose only placeholder wording names a gap a throw of the change already reports. */
function namesThrownGap(l: ChangeLine, thrown: ReadonlySet<string>): boolean {
  if (thrown.size === 0 || /\b(?:TODO|FIXME|XXX|HACK)\b/.test(l.comment)) return false;
  const subject = gapSubject(COMMENT_GAP.exec(l.comment));
  return subject !== undefined && thrown.has(subject);
}
