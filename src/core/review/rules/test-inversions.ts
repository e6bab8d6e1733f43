/** Assertions turned around: how a changed expectation is recognised as inverted rather than merely edited. */

const INVERSIONS: readonly [RegExp, string][] = [
  [/\bassertTrue\b/g, 'assertFalse'],
  [/\bassertFalse\b/g, 'assertTrue'],
  [/\bassert\.True\b/g, 'assert.False'],
  [/\bassert\.False\b/g, 'assert.True'],
  [/\bis_some\(\)/g, 'is_none()'],
  [/\bis_none\(\)/g, 'is_some()'],
  [/\bis_ok\(\)/g, 'is_err()'],
  [/\bis_err\(\)/g, 'is_ok()'],
  [/\bassert_eq!/g, 'assert_ne!'],
  [/\bassert_ne!/g, 'assert_eq!'],
  [/\bassertEqual\b/g, 'assertNotEqual'],
  [/\bassertNotEqual\b/g, 'assertEqual'],
  [/\bassert\.Equal\b/g, 'assert.NotEqual'],
  [/\bassert\.NotEqual\b/g, 'assert.Equal'],
  [/\bis not None\b/g, 'is None'],
  [/\bis None\b/g, 'is not None'],
  [/\)\.toBe\(/g, ').not.toBe('],
  [/\.not\.toBe\(/g, '.toBe('],
  [/\btrue\b/g, 'false'],
  [/\bfalse\b/g, 'true'],
  [/\bTrue\b/g, 'False'],
  [/\bFalse\b/g, 'True'],
];

/** The assertion with its expectation turned around, whitespace normalised; '' when nothing in it can invert. */
export function invert(code: string): string {
  const t = code.trim().replace(/\s+/g, ' ');
  for (const [re, to] of INVERSIONS) {
    re.lastIndex = 0;
    if (re.test(t)) {
      re.lastIndex = 0;
      return t.replace(re, to);
    }
  }
  const bang = /^(\s*assert!?\s*\(\s*)(!?)/.exec(t);
  if (bang) return t.slice(0, bang[1].length) + (bang[2] ? '' : '!') + t.slice(bang[0].length);
  const py = /^assert (not )?/.exec(t);
  if (py) return 'assert ' + (py[1] ? '' : 'not ') + t.slice(py[0].length);
  return '';
}
