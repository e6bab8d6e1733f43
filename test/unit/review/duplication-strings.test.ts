/**
 * duplicated-block and multi-line strings, read from the head's tree: the same option lines inside two template
 * literals of a file the change creates are data (silent), the same lines added into two strings of an existing file
 * are one text pasted twice (reported), and without a parser nothing changes (reported).
 */
import * as assert from 'node:assert/strict';
import { GRAMMARS, type SyntaxParser } from '../../../src/core/review/syntax/tree';
import { loadSyntaxParser } from '../../../src/syntax/wasmParser';
import { edit, newFile } from './corpus/types';
import { baseTextOf, diffOf, headTextOf, review, type FileSpec } from './helpers';

const OPTIONS = [
  '  --root DIR          work inside DIR instead of the current folder, resolving every relative path from it',
  '  --config FILE       read settings from FILE; values given on the command line still take precedence over it',
  '  --offline           never reach the network: use only the packages already present in the local cache folder',
  '  --jobs N            run at most N tasks at once; the default is the number of processors the machine reports',
  '  --quiet             print nothing but errors; combine with --json to read the results from a script instead',
  '  --json              print one JSON object per result line, in the same order as the packages were given to it',
];
const BOTH = [
  'export const BUILD_HELP = `Usage: tool build',
  ...OPTIONS,
  '`;',
  '',
  'export const TEST_HELP = `Usage: tool test',
  ...OPTIONS,
  '`;',
];

describe('review/rules duplicated blocks inside multi-line strings', () => {
  let syntax: SyntaxParser;
  before(async () => {
    const p = await loadSyntaxParser(GRAMMARS);
    assert.ok(p);
    syntax = p;
  });

  const duplicated = (file: FileSpec, withTree = true): number =>
    review(diffOf(file), undefined, {
      headText: headTextOf(file),
      baseText: baseTextOf(file),
      ...(withTree ? { syntax } : {}),
    }).findings.filter((f) => f.ruleId === 'duplicated-block').length;

  it('a new file whose template literals share lines is silent', () => {
    assert.equal(duplicated(newFile('src/cli/help.ts', BOTH)), 0);
  });

  it('the same lines added into two strings of an existing file are reported', () => {
    assert.equal(duplicated(edit('src/cli/help.ts', ['// Help texts of the commands.'], [], BOTH, [''], 1)), 1);
  });

  it('without a parser the new file is reported as before', () => {
    assert.equal(duplicated(newFile('src/cli/help.ts', BOTH), false), 1);
  });
});
