/** Checks that rendered markdown cannot act on hostile text: no markup, links, mentions or broken tables outside code spans. */
import * as assert from 'node:assert/strict';

/** Removes CommonMark code spans (a backtick run closed by a run of the same length) from one line. */
function outsideCode(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    if (line[i] !== '`') {
      out += line[i++];
      continue;
    }
    let n = 0;
    while (line[i + n] === '`') n++;
    const fence = '`'.repeat(n);
    let j = i + n;
    let close = -1;
    while ((j = line.indexOf(fence, j)) !== -1) {
      if (line[j + n] !== '`' && line[j - 1] !== '`') {
        close = j;
        break;
      }
      while (line[j] === '`') j++;
    }
    if (close === -1) {
      out += fence;
      i += n;
    } else {
      out += '⟨code⟩';
      i = close + n;
    }
  }
  return out;
}

const OUR_TAGS = /<\/?(?:details|summary|sub)>/g;

export function assertInert(md: string): void {
  assert.doesNotMatch(
    md,
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/,
    'control or bidi character in output',
  );
  const lines = md.split('\n');
  let columns = 0;
  lines.forEach((line, i) => {
    const text = outsideCode(line).replace(OUR_TAGS, '');
    assert.doesNotMatch(text, /[<>]/, `raw angle bracket outside code: ${line}`);
    assert.doesNotMatch(text, /\]\(|https?:|www\.|@\w|&#|&lt;/, `link, mention or entity outside code: ${line}`);
    // A table is a header row, a separator row, then rows: every row must have the separator's cell count.
    const cells = outsideCode(line).replace(/\\\|/g, '').split('|').length;
    if (/^\|( --- \|)+$/.test(lines[i + 1] ?? '')) columns = cells;
    else if (!line.startsWith('|')) columns = 0;
    if (columns > 0) assert.equal(cells, columns, `table row with extra cells: ${line}`);
  });
}
