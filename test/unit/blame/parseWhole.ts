import { BlamePorcelainParser, type BlamePorcelain } from '../../../src/core/blame';

/** A whole `git blame --porcelain` output through the incremental parser the product streams into, in one write. */
export function parseBlamePorcelain(output: string): BlamePorcelain {
  const parser = new BlamePorcelainParser();
  parser.write(new TextEncoder().encode(output));
  return parser.end();
}
