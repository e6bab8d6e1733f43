/**
 * Just enough of TOML to edit a Codex `config.toml` by text without losing a byte of what its owner wrote: the table
 * headers and top-level keys of each table, with their offsets. Values are skipped, not interpreted, but skipped
 * correctly (multi-line strings and arrays can hold lines that look like headers). Anything it cannot follow is an
 * AgentConfigError, so a file we do not understand is never edited.
 */
import { AgentConfigError } from './types';

export interface TomlHeader {
  readonly kind: 'table' | 'array';
  readonly path: readonly string[];
  readonly start: number;
  /** Offset just after the header line, its line ending included. */
  readonly lineEnd: number;
}

export interface TomlKey {
  /** Path of the enclosing header; `[]` before the first header. */
  readonly table: readonly string[];
  readonly key: readonly string[];
  readonly start: number;
  /** The value's raw text. */
  readonly value: string;
  readonly lineEnd: number;
}

export interface TomlOutline {
  readonly headers: readonly TomlHeader[];
  readonly keys: readonly TomlKey[];
}

const BARE_KEY = /[A-Za-z0-9_-]/;

export function outlineToml(text: string, label = 'config.toml'): TomlOutline {
  return new Scanner(text, label).run();
}

/** The string a TOML string value denotes, or undefined when `raw` is not a one-line basic or literal string. */
export function tomlStringValue(raw: string): string | undefined {
  if (raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'") && !raw.startsWith("'''")) return raw.slice(1, -1);
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') && !raw.startsWith('"""')) {
    try {
      return JSON.parse(
        raw.replace(/\\U([0-9A-Fa-f]{8})/g, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16))),
      ) as string;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** A TOML basic string holding `value`. */
export function tomlString(value: string): string {
  return (
    '"' +
    // eslint-disable-next-line no-control-regex -- control characters must be escaped in TOML strings
    value.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => {
      const named: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r' };
      return named[c] ?? '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
    }) +
    '"'
  );
}

class Scanner {
  private pos = 0;
  private readonly headers: TomlHeader[] = [];
  private readonly keys: TomlKey[] = [];
  private table: readonly string[] = [];

  constructor(
    private readonly text: string,
    private readonly label: string,
  ) {}

  run(): TomlOutline {
    const t = this.text;
    if (t.charCodeAt(0) === 0xfeff) this.pos = 1;
    while (this.pos < t.length) {
      this.skipSpaces();
      const c = t[this.pos];
      if (c === undefined) break;
      if (c === '\n' || c === '\r') {
        this.endOfLine();
      } else if (c === '#') {
        this.skipComment();
      } else if (c === '[') {
        this.header();
      } else {
        this.keyValue();
      }
    }
    return { headers: this.headers, keys: this.keys };
  }

  private header(): void {
    const start = this.pos;
    const kind = this.text[this.pos + 1] === '[' ? 'array' : 'table';
    this.pos += kind === 'array' ? 2 : 1;
    const path = this.keyPath();
    const close = kind === 'array' ? ']]' : ']';
    if (!this.text.startsWith(close, this.pos)) this.fail(`expected ${close} to close a table header`);
    this.pos += close.length;
    this.restOfLine();
    this.headers.push({ kind, path, start, lineEnd: this.pos });
    this.table = path;
  }

  private keyValue(): void {
    const start = this.pos;
    const key = this.keyPath();
    if (this.text[this.pos] !== '=') this.fail('expected = after a key');
    this.pos++;
    this.skipSpaces();
    const valueStart = this.pos;
    this.value();
    const value = this.text.slice(valueStart, this.pos);
    this.restOfLine();
    this.keys.push({ table: this.table, key, start, value, lineEnd: this.pos });
  }

  /** Dotted key of bare and quoted parts; leaves pos after trailing spaces. */
  private keyPath(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skipSpaces();
      const c = this.text[this.pos];
      if (c === '"' || c === "'") {
        const from = this.pos;
        this.singleLineString(c);
        const part = tomlStringValue(this.text.slice(from, this.pos));
        if (part === undefined) this.fail('unreadable quoted key');
        parts.push(part);
      } else {
        const from = this.pos;
        while (this.pos < this.text.length && BARE_KEY.test(this.text[this.pos])) this.pos++;
        if (this.pos === from) this.fail('expected a key');
        parts.push(this.text.slice(from, this.pos));
      }
      this.skipSpaces();
      if (this.text[this.pos] !== '.') return parts;
      this.pos++;
    }
  }

  private value(): void {
    const t = this.text;
    const c = t[this.pos];
    if (t.startsWith('"""', this.pos) || t.startsWith("'''", this.pos)) {
      this.multiLineString(t.slice(this.pos, this.pos + 3));
    } else if (c === '"' || c === "'") {
      this.singleLineString(c);
    } else if (c === '[') {
      this.container(']', false);
    } else if (c === '{') {
      this.container('}', true);
    } else {
      const from = this.pos;
      while (this.pos < t.length && !/[\s#,\]}]/.test(t[this.pos])) this.pos++;
      if (this.pos === from) this.fail('expected a value');
      // A local date-time may separate date and time with a space: `1979-05-27 07:32:00`.
      if (/^\d{4}-\d{2}-\d{2}$/.test(t.slice(from, this.pos)) && /^ \d{2}:/.test(t.slice(this.pos, this.pos + 4))) {
        this.pos++;
        while (this.pos < t.length && !/[\s#,\]}]/.test(t[this.pos])) this.pos++;
      }
    }
  }

  /** An array (`inline` false) or inline table, possibly spanning lines (comments allowed between items). */
  private container(close: string, inline: boolean): void {
    this.pos++;
    for (;;) {
      this.skipBlank();
      if (this.text[this.pos] === close) {
        this.pos++;
        return;
      }
      if (inline) {
        this.keyPath();
        if (this.text[this.pos] !== '=') this.fail('expected = in an inline table');
        this.pos++;
        this.skipSpaces();
      }
      this.value();
      this.skipBlank();
      const c = this.text[this.pos];
      if (c === ',') this.pos++;
      else if (c !== close) this.fail(`expected , or ${close}`);
    }
  }

  private singleLineString(quote: string): void {
    const t = this.text;
    this.pos++;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === '\n' || c === '\r') break;
      if (c === '\\' && quote === '"') {
        this.pos += 2;
        continue;
      }
      this.pos++;
      if (c === quote) return;
    }
    this.fail('unterminated string');
  }

  private multiLineString(delimiter: string): void {
    const t = this.text;
    this.pos += 3;
    while (this.pos < t.length) {
      if (t[this.pos] === '\\' && delimiter === '"""') {
        this.pos += 2;
        continue;
      }
      if (t.startsWith(delimiter, this.pos)) {
        this.pos += 3;
        // Up to two quotes right before the closing delimiter belong to the string: `""""` ends with one in it.
        for (let extra = 0; extra < 2 && t[this.pos] === delimiter[0]; extra++) this.pos++;
        return;
      }
      this.pos++;
    }
    this.fail('unterminated multi-line string');
  }

  /** After a header or value: spaces, an optional comment, then a line ending or the end of the text. */
  private restOfLine(): void {
    this.skipSpaces();
    if (this.text[this.pos] === '#') this.skipComment();
    if (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c !== '\n' && c !== '\r') this.fail('unexpected text after a value');
      this.endOfLine();
    }
  }

  private endOfLine(): void {
    if (this.text[this.pos] === '\r' && this.text[this.pos + 1] === '\n') this.pos += 2;
    else this.pos++;
  }

  private skipComment(): void {
    while (this.pos < this.text.length && this.text[this.pos] !== '\n' && this.text[this.pos] !== '\r') this.pos++;
  }

  private skipSpaces(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
  }

  /** Spaces, line endings and comments (inside arrays and inline tables). */
  private skipBlank(): void {
    for (;;) {
      this.skipSpaces();
      const c = this.text[this.pos];
      if (c === '\n' || c === '\r') this.endOfLine();
      else if (c === '#') this.skipComment();
      else return;
    }
  }

  private fail(problem: string): never {
    const line = this.text.slice(0, this.pos).split('\n').length;
    throw new AgentConfigError(`${this.label} could not be read (line ${line}: ${problem}); it was left unchanged`);
  }
}
