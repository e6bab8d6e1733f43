/**
 * Reading and writing JSON config files as their owners wrote them: the indentation, line endings and final newline
 * of an existing file are kept when we have to rewrite it (key order is kept by JSON itself).
 */
import { AgentConfigError } from './types';

export type JsonObject = Record<string, unknown>;

export interface JsonStyle {
  readonly indent: string | number;
  readonly eol: '\n' | '\r\n';
  readonly finalNewline: boolean;
}

const DEFAULT_STYLE: JsonStyle = { indent: 2, eol: '\n', finalNewline: true };

/** The top-level object of a JSON config; `{}` for a missing or blank file. Throws AgentConfigError otherwise. */
export function parseJsonConfig(text: string | undefined, label: string): JsonObject {
  if (text === undefined || text.trim() === '') return {};
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    const hint = /(^|\s)\/\/|\/\*/.test(body) ? ' (comments are not valid JSON)' : '';
    throw new AgentConfigError(`${label} is not valid JSON${hint}: ${(err as Error).message}; it was left unchanged`);
  }
  if (!isPlainObject(value)) {
    throw new AgentConfigError(`${label} must hold a JSON object at the top level; it was left unchanged`);
  }
  return value;
}

/** How an existing file is formatted, so a rewrite changes only what it must. */
export function jsonStyleOf(text: string | undefined): JsonStyle {
  if (text === undefined || text.trim() === '') return DEFAULT_STYLE;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const finalNewline = /\n$/.test(text);
  const indented = /\n([ \t]+)"/.exec(text);
  let indent: string | number = DEFAULT_STYLE.indent;
  if (indented !== null) {
    const ws = indented[1];
    indent = ws.startsWith('\t') ? '\t' : Math.min(Math.max(ws.length, 1), 8);
  } else if (!text.trim().includes('\n')) {
    // A one-line file stays compact.
    indent = 0;
  }
  return { indent, eol, finalNewline };
}

export function serializeJsonConfig(value: JsonObject, style: JsonStyle): string {
  let text = style.indent === 0 ? JSON.stringify(value) : JSON.stringify(value, null, style.indent);
  if (style.eol === '\r\n') text = text.replace(/\n/g, '\r\n');
  return style.finalNewline ? text + style.eol : text;
}

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of two JSON values (key order matters: it is what the file shows). */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
