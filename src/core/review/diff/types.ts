/** The shape of a parsed unified diff (`git diff` output): files -> hunks -> lines with old/new line numbers. */

export type DiffLineKind = 'context' | 'add' | 'del';

export interface DiffLine {
  readonly kind: DiffLineKind;
  /** The line without its leading marker and without a trailing "\r". */
  readonly text: string;
  /** 1-based line number on the old side; absent for added lines. */
  readonly oldLine?: number;
  /** 1-based line number on the new side; absent for removed lines. */
  readonly newLine?: number;
  /** Set when a "\ No newline at end of file" marker followed this line. */
  readonly noNewlineAtEof?: boolean;
}

export interface DiffHunk {
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  /** Text after the closing "@@" (git's function context), trimmed. */
  readonly section: string;
  readonly lines: readonly DiffLine[];
}

export type DiffFileStatus = 'added' | 'deleted' | 'modified' | 'renamed' | 'copied';

export interface DiffFile {
  /** Path before the change; null for an added file. */
  readonly oldPath: string | null;
  /** Path after the change; null for a deleted file. */
  readonly newPath: string | null;
  /** The path to show: the new path, or the old one for a deletion. */
  readonly path: string;
  readonly status: DiffFileStatus;
  readonly oldMode?: string;
  readonly newMode?: string;
  /** Rename/copy similarity in percent, when git reported it. */
  readonly similarity?: number;
  readonly binary: boolean;
  readonly hunks: readonly DiffHunk[];
  readonly additions: number;
  readonly deletions: number;
}

export interface DiffWarning {
  /** 1-based line of the diff text the warning is about. */
  readonly line: number;
  readonly message: string;
}

export interface ParsedDiff {
  readonly files: readonly DiffFile[];
  /** Things the parser tolerated (malformed hunks, unknown headers); never fatal. */
  readonly warnings: readonly DiffWarning[];
  /** True when a size limit stopped parsing early; `warnings` says which. */
  readonly truncated: boolean;
}

export interface DiffParseLimits {
  /** Characters of input read at most; the rest is dropped with a warning. Default 64 MiB. */
  readonly maxChars?: number;
  /** Files kept at most. Default 20,000. */
  readonly maxFiles?: number;
  /** Hunk lines kept at most over the whole diff. Default 2,000,000. */
  readonly maxLines?: number;
  /** Throw a DiffParseError on the first warning instead of tolerating it. */
  readonly strict?: boolean;
}

/** Thrown for input that is not a diff at all (not a string) or, in strict mode, for the first malformed line. */
export class DiffParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(line > 0 ? `diff line ${line}: ${message}` : message);
    this.name = 'DiffParseError';
  }
}
