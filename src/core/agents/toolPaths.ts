/**
 * Which files a tool call may write, and which search/replace pairs it reported, read from a tool input of any of the
 * supported agents. Field spellings differ per agent (Claude/Gemini/Cursor `file_path`, Copilot `filePath`, Claude
 * `notebook_path`, Codex and Copilot `apply_patch` patch text), so one reader accepts them all.
 */
import { HOOK_LIMITS, type ReportedEdit } from './types';
import { asObject, own, pathField, PathSet, type JsonObject } from './payloadFields';

const SINGLE_PATH_KEYS = [
  'file_path',
  'filePath',
  'notebook_path',
  'notebookPath',
  'target_file',
  'targetFile',
  'absolute_path',
  'path',
];
const PATH_LIST_KEYS = ['files', 'paths', 'file_paths', 'filePaths'];
const EDIT_LIST_KEYS = ['edits', 'replacements'];
const PATCH_TEXT_KEYS = ['input', 'patch', 'patchText', 'command'];

/** Every path a tool input names for writing. `pathKeys` narrows the single-path keys (e.g. excludes `path`). */
export function collectToolPaths(
  input: JsonObject | undefined,
  into: PathSet,
  pathKeys: readonly string[] = SINGLE_PATH_KEYS,
): void {
  if (input === undefined) return;
  for (const key of pathKeys) into.add(own(input, key));
  for (const key of PATH_LIST_KEYS) {
    const list = own(input, key);
    if (!Array.isArray(list)) continue;
    for (const item of list.slice(0, HOOK_LIMITS.maxFiles)) {
      into.add(typeof item === 'string' ? item : pathField(asObject(item), ...pathKeys));
    }
  }
  for (const key of EDIT_LIST_KEYS) {
    const list = own(input, key);
    if (!Array.isArray(list)) continue;
    for (const item of list.slice(0, HOOK_LIMITS.maxFiles))
      into.add(pathField(asObject(item), 'file_path', 'filePath'));
  }
  for (const key of PATCH_TEXT_KEYS) {
    const text = own(input, key);
    if (typeof text === 'string') collectPatchPaths(text, into);
  }
}

// The "*** Begin Patch" envelope used by Codex `apply_patch` and Copilot's `apply_patch` tool.
const PATCH_HEADER = /^\*\*\* (?:Add File|Update File|Delete File|Move to): *(.+?)\r?$/gm;

/** Paths named by the file headers of an `apply_patch` envelope; nothing when the text is not such a patch. */
export function collectPatchPaths(text: string, into: PathSet): void {
  if (!text.includes('*** Begin Patch')) return;
  let count = 0;
  for (const match of text.matchAll(PATCH_HEADER)) {
    into.add(match[1]);
    if (++count >= HOOK_LIMITS.maxFiles) break;
  }
}

/**
 * Search/replace pairs in a tool input (or a Cursor `afterFileEdit` payload, which has the same shape at top level).
 * Undefined when there are none, when one is malformed, or when they exceed the size bounds: a partial list would
 * rebuild a wrong "before" text, which is worse than none.
 */
export function collectEdits(input: JsonObject | undefined): ReportedEdit[] | undefined {
  if (input === undefined) return undefined;
  const parentPath = pathField(input, 'file_path', 'filePath', 'path');
  const candidates: JsonObject[] = [];
  if (hasPair(input)) candidates.push(input);
  for (const key of EDIT_LIST_KEYS) {
    const list = own(input, key);
    if (!Array.isArray(list)) continue;
    if (list.length > HOOK_LIMITS.maxEdits) return undefined;
    for (const item of list) {
      const obj = asObject(item);
      if (obj === undefined || !hasPair(obj)) return undefined;
      candidates.push(obj);
    }
  }
  if (candidates.length === 0 || candidates.length > HOOK_LIMITS.maxEdits) return undefined;
  const edits: ReportedEdit[] = [];
  let chars = 0;
  for (const obj of candidates) {
    const oldString = own(obj, 'old_string') ?? own(obj, 'oldString') ?? own(obj, 'old_str') ?? own(obj, 'old_text');
    const newString = own(obj, 'new_string') ?? own(obj, 'newString') ?? own(obj, 'new_str') ?? own(obj, 'new_text');
    const filePath = pathField(obj, 'file_path', 'filePath') ?? parentPath;
    if (typeof oldString !== 'string' || typeof newString !== 'string' || filePath === undefined) return undefined;
    chars += oldString.length + newString.length;
    if (chars > HOOK_LIMITS.maxEditChars) return undefined;
    edits.push({ filePath, oldString, newString });
  }
  return edits;
}

function hasPair(obj: JsonObject): boolean {
  return (
    (own(obj, 'old_string') !== undefined ||
      own(obj, 'oldString') !== undefined ||
      own(obj, 'old_str') !== undefined ||
      own(obj, 'old_text') !== undefined) &&
    (own(obj, 'new_string') !== undefined ||
      own(obj, 'newString') !== undefined ||
      own(obj, 'new_str') !== undefined ||
      own(obj, 'new_text') !== undefined)
  );
}
