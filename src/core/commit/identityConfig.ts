/**
 * Project-specific AI identities from `.ai-provenance.json` (key `aiIdentities`), added to the built-in list: an
 * in-house agent's bot account, a new tool's co-author address, a trailer an agent writes. They only ever extend the
 * list (a project cannot make a known AI account count as human). Parsed strictly: a wrong entry is an error that
 * names it, never a silently ignored identity.
 */

const IDENTITIES_KEY = 'aiIdentities';
const MAX_ENTRIES = 200;

export interface ExtraIdentity {
  /** Display name of the tool, e.g. "Acme Agent". */
  readonly tool: string;
  /** Author, committer or co-author email; `*` matches any run of characters other than `@`. */
  readonly email?: string;
  /** Author, committer or co-author name, exact (case-insensitive), e.g. "acme-agent[bot]". */
  readonly name?: string;
  /** A trailer key whose presence (with a value) marks the commit, e.g. "Acme-Session". */
  readonly trailer?: string;
}

export interface ExtraIdentities {
  readonly entries: readonly ExtraIdentity[];
  /** Stable text of the entries, for caches keyed by the list in force. */
  readonly key: string;
}

class IdentityConfigError extends Error {
  constructor(where: string, problem: string) {
    super(`.ai-provenance.json: ${where}: ${problem}`);
    this.name = 'IdentityConfigError';
  }
}

const TRAILER_KEY = /^[A-Za-z0-9][A-Za-z0-9-]{0,79}$/;

/** The project's extra identities from the config file's text; undefined when the file has none. Throws on a bad entry. */
export function parseIdentityConfig(text: string): ExtraIdentities | undefined {
  let top: unknown;
  try {
    top = JSON.parse(text);
  } catch (err) {
    throw new IdentityConfigError('$', `not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (typeof top !== 'object' || top === null || Array.isArray(top))
    throw new IdentityConfigError('$', 'expected an object');
  const value = (top as Record<string, unknown>)[IDENTITIES_KEY];
  if (value === undefined) return undefined;
  return extraIdentities(value);
}

/** Validates a list of extra identities (the value of `aiIdentities`). */
function extraIdentities(value: unknown): ExtraIdentities {
  if (!Array.isArray(value))
    throw new IdentityConfigError(IDENTITIES_KEY, 'expected an array of { tool, email | name | trailer }');
  if (value.length > MAX_ENTRIES) throw new IdentityConfigError(IDENTITIES_KEY, `more than ${MAX_ENTRIES} entries`);
  const entries = value.map((item, i): ExtraIdentity => {
    const where = `${IDENTITIES_KEY}[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw new IdentityConfigError(where, 'expected an object');
    const o = item as Record<string, unknown>;
    for (const key of Object.keys(o))
      if (!['tool', 'email', 'name', 'trailer'].includes(key))
        throw new IdentityConfigError(`${where}.${key}`, 'unknown key; allowed: tool, email, name, trailer');
    const text = (key: string, max: number): string | undefined => {
      const v = o[key];
      if (v === undefined) return undefined;
      if (typeof v !== 'string' || v.trim() === '' || v.length > max)
        throw new IdentityConfigError(`${where}.${key}`, `expected a non-empty string of at most ${max} characters`);
      return v.trim();
    };
    const tool = text('tool', 80);
    if (!tool) throw new IdentityConfigError(`${where}.tool`, 'missing: name the tool, e.g. "tool": "Acme Agent"');
    const email = text('email', 254);
    const name = text('name', 200);
    const trailer = text('trailer', 80);
    if ([email, name, trailer].filter((x) => x !== undefined).length !== 1)
      throw new IdentityConfigError(where, 'give exactly one of email, name or trailer');
    if (email !== undefined && !/^[^\s<>@]+@[^\s<>@]+$/.test(email))
      throw new IdentityConfigError(`${where}.email`, `not an email address: ${JSON.stringify(email)}`);
    if (trailer !== undefined && !TRAILER_KEY.test(trailer))
      throw new IdentityConfigError(`${where}.trailer`, `not a trailer key: ${JSON.stringify(trailer)}`);
    return { tool, ...(email ? { email } : {}), ...(name ? { name } : {}), ...(trailer ? { trailer } : {}) };
  });
  return { entries, key: JSON.stringify(entries) };
}

const compiled = new WeakMap<ExtraIdentities, RegExp[]>();

function emailPatterns(extra: ExtraIdentities): RegExp[] {
  let list = compiled.get(extra);
  if (!list) {
    list = extra.entries.map((e) =>
      e.email
        ? new RegExp(
            `^${e.email
              .split('*')
              .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
              .join('[^@]*')}$`,
            'i',
          )
        : /(?!)/,
    );
    compiled.set(extra, list);
  }
  return list;
}

/** The tool an email belongs to by the project's list. */
export function extraToolForEmail(extra: ExtraIdentities | undefined, email: string): string | undefined {
  if (!extra) return undefined;
  const patterns = emailPatterns(extra);
  const i = extra.entries.findIndex((e, j) => e.email !== undefined && patterns[j].test(email.trim()));
  return i >= 0 ? extra.entries[i].tool : undefined;
}

export function extraToolForName(extra: ExtraIdentities | undefined, name: string): string | undefined {
  const n = name.trim().toLowerCase();
  return extra?.entries.find((e) => e.name !== undefined && e.name.toLowerCase() === n)?.tool;
}

export function extraToolForTrailer(extra: ExtraIdentities | undefined, key: string): string | undefined {
  const k = key.toLowerCase();
  return extra?.entries.find((e) => e.trailer !== undefined && e.trailer.toLowerCase() === k)?.tool;
}
