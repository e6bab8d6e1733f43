/**
 * Doc comments and the declarations they sit on, read from the tree: which parameters a function's JSDoc, Python
 * docstring (Google, NumPy, Sphinx) or rustdoc `# Arguments` names, which it really has, and the name a Go doc
 * comment opens with. The rule (rules/comment-drift.ts) compares them on the lines a change touched.
 */
import type { Grammar, SyntaxNode } from './tree';

export interface FunctionDoc {
  readonly name: string;
  /** 1-based lines: the declaration's first line, the line its body opens on, its last line. */
  readonly start: number;
  readonly bodyStart: number;
  readonly end: number;
  /** Parameter names at the head; null when some cannot be named (destructuring) or a catch-all takes any name. */
  readonly params: readonly string[] | null;
  /** Parameter names the doc gives, each with its 1-based line. */
  readonly documented: readonly { readonly name: string; readonly line: number }[];
  /** Go: the doc comment's first word (by convention the function's name) and its line. */
  readonly lead?: { readonly word: string; readonly line: number };
}

const FUNCTIONS: Partial<Record<Grammar, readonly string[]>> = {
  python: ['function_definition'],
  typescript: ['function_declaration', 'method_definition', 'arrow_function', 'function_expression'],
  tsx: ['function_declaration', 'method_definition', 'arrow_function', 'function_expression'],
  javascript: ['function_declaration', 'method_definition', 'arrow_function', 'function_expression'],
  rust: ['function_item'],
  go: ['function_declaration', 'method_declaration'],
};
/** Wrappers a doc comment sits above instead of the function itself. */
const WRAPPERS = new Set([
  'export_statement',
  'variable_declarator',
  'lexical_declaration',
  'variable_declaration',
  'decorated_definition',
  'public_field_definition',
]);
const MAX_FUNCTIONS = 5000;

export function functionDocs(grammar: Grammar, root: SyntaxNode): FunctionDoc[] {
  const types = FUNCTIONS[grammar];
  if (!types) return [];
  const out: FunctionDoc[] = [];
  for (const fn of root.descendantsOfType([...types]).slice(0, MAX_FUNCTIONS)) {
    if (!fn) continue;
    const doc = grammar === 'python' ? docstringOf(fn) : commentsAbove(fn);
    if (!doc) continue;
    const documented = documentedParams(grammar, doc.text, doc.start);
    const lead = grammar === 'go' ? /^\/\/\s*([A-Za-z_]\w*)\b/.exec(doc.text) : null;
    if (documented.length === 0 && !lead) continue;
    const body = fn.childForFieldName('body');
    out.push({
      name: fn.childForFieldName('name')?.text ?? '',
      start: fn.startPosition.row + 1,
      bodyStart: (body ?? fn).startPosition.row + 1,
      end: fn.endPosition.row + 1,
      params: paramNames(fn),
      documented,
      ...(lead ? { lead: { word: lead[1], line: doc.start } } : {}),
    });
  }
  return out;
}

/** A Python function's docstring: the string that opens its body. */
function docstringOf(fn: SyntaxNode): { text: string; start: number } | undefined {
  const first = fn.childForFieldName('body')?.namedChildren[0];
  const str = first?.type === 'expression_statement' ? first.namedChildren[0] : null;
  return str && str.type === 'string' ? { text: str.text, start: str.startPosition.row + 1 } : undefined;
}

/** The comments right above a declaration (or the export/variable/decorator wrapping it), attributes skipped. */
function commentsAbove(fn: SyntaxNode): { text: string; start: number } | undefined {
  let node = fn;
  while (node.parent && WRAPPERS.has(node.parent.type)) node = node.parent;
  let next = node.startPosition.row;
  let prev = node.previousNamedSibling;
  while (prev && prev.type === 'attribute_item') {
    next = prev.startPosition.row;
    prev = prev.previousNamedSibling;
  }
  const parts: SyntaxNode[] = [];
  for (; prev && /comment/.test(prev.type); prev = prev.previousNamedSibling) {
    // Adjacent only: a blank line ends the doc (a comment above it belongs to something else).
    const end = prev.endPosition.row - (prev.text.endsWith('\n') ? 1 : 0);
    if (end !== next - 1 && end !== next) break;
    parts.unshift(prev);
    next = prev.startPosition.row;
  }
  if (parts.length === 0) return undefined;
  return { text: parts.map((p) => p.text.replace(/\n$/, '')).join('\n'), start: parts[0].startPosition.row + 1 };
}

function documentedParams(grammar: Grammar, text: string, start: number): { name: string; line: number }[] {
  const lines = text.split('\n');
  const out: { name: string; line: number }[] = [];
  const push = (name: string, i: number): void => {
    if (!out.some((o) => o.name === name)) out.push({ name, line: start + i });
  };
  if (grammar === 'python') return pythonDocParams(lines, start);
  let inArgs = false;
  lines.forEach((l, i) => {
    if (grammar === 'rust') {
      const header = /^\s*\/\/[/!]\s*#+\s*(\w+)/.exec(l);
      if (header) inArgs = /^(?:arguments|parameters|params)$/i.test(header[1]);
      else if (inArgs) {
        const m = /^\s*\/\/[/!]\s*[*-]\s+`(\w+)`/.exec(l);
        if (m) push(m[1], i);
      }
    } else if (grammar !== 'go') {
      for (const m of l.matchAll(/@param\s+(?:\{[^}]*\}\s*)?\[?([A-Za-z_$][\w$]*)/g)) push(m[1], i);
    }
  });
  return out;
}

/** Google (`Args:` then `name (type): ...`), NumPy (`Parameters` / `----------` then `name : type`) and Sphinx. */
function pythonDocParams(lines: readonly string[], start: number): { name: string; line: number }[] {
  const out: { name: string; line: number }[] = [];
  const push = (name: string, i: number): void => {
    const n = name.replace(/^\*+/, '');
    if (!out.some((o) => o.name === n)) out.push({ name: n, line: start + i });
  };
  let section: { indent: number; entry: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    for (const m of l.matchAll(/:param\s+(?:[\w.[\], |]+\s+)?(\*{0,2}[A-Za-z_]\w*)\s*:/g)) push(m[1], i);
    const indent = /^\s*/.exec(l)![0].length;
    if (/^\s*(?:Args|Arguments|Parameters|Params)\s*:\s*$/.test(l)) {
      section = { indent, entry: -1 };
      continue;
    }
    if (/^\s*Parameters\s*$/.test(l) && /^\s*-{3,}\s*$/.test(lines[i + 1] ?? '')) {
      section = { indent: indent - 1, entry: indent };
      i++;
      continue;
    }
    if (!section) continue;
    if (l.trim() === '') continue;
    if (indent <= section.indent) {
      section = null;
      continue;
    }
    if (section.entry === -1) section.entry = indent;
    if (indent !== section.entry) continue;
    const m = /^\s*(\*{0,2}[A-Za-z_]\w*)\s*(?:\([^)]*\))?\s*:/.exec(l);
    if (m) push(m[1], i);
    else section = null;
  }
  return out;
}

/** Parameter names, or null when one is destructured or a catch-all (`**kwargs`) takes names the doc may list. */
function paramNames(fn: SyntaxNode): string[] | null {
  const list = fn.childForFieldName('parameters');
  if (!list) {
    // An arrow function with one bare parameter: `x => ...`.
    const single = fn.childForFieldName('parameter');
    return single ? [single.text] : [];
  }
  const names: string[] = [];
  for (const p of list.namedChildren) {
    if (!p || /comment/.test(p.type)) continue;
    const name = paramName(p);
    if (name === null) return null;
    names.push(...name);
  }
  return names;
}

function paramName(p: SyntaxNode): string[] | null {
  switch (p.type) {
    case 'identifier':
      return [p.text];
    case 'self_parameter':
      return ['self'];
    case 'dictionary_splat_pattern':
      return null;
    case 'list_splat_pattern':
    case 'rest_pattern':
      return [p.text.replace(/^[*.]+/, '')];
    case 'keyword_separator':
    case 'positional_separator':
      return [];
    case 'parameter_declaration':
    case 'variadic_parameter_declaration':
      return p.namedChildren.filter((c): c is SyntaxNode => c?.type === 'identifier').map((c) => c.text);
    default: {
      const inner =
        p.childForFieldName('pattern') ??
        p.childForFieldName('name') ??
        p.childForFieldName('left') ??
        p.namedChildren.find((c) => c !== null && c.type === 'identifier') ??
        p.namedChildren[0];
      if (!inner) return null;
      if (inner.type === 'identifier' || inner.type === 'shorthand_property_identifier_pattern') return [inner.text];
      if (inner.type === 'rest_pattern' || inner.type === 'list_splat_pattern')
        return [inner.text.replace(/^[*.]+/, '')];
      if (inner.type === 'dictionary_splat_pattern') return null;
      return null;
    }
  }
}
