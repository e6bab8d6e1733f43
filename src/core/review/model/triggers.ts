/**
 * One pass per line for every rule family: an Aho-Corasick automaton over the families' trigger words (ASCII,
 * case-insensitive) gives each line a bitmask of the families that could match it. Most changed lines hold no
 * trigger at all, so families skip them without running a single regex.
 */

export class TriggerIndex {
  /** Bit per group name; groups without words have no bit (their lines are never skipped). */
  readonly bits: ReadonlyMap<string, number>;
  private readonly alphabet = new Uint8Array(128);
  private readonly width: number;
  private readonly delta: Uint32Array;
  private readonly out: Int32Array;

  constructor(groups: ReadonlyMap<string, readonly string[]>) {
    // Only groups with words take a bit of the 31 an Int32 mask holds.
    const worded = [...groups.values()].filter((list) => list.length > 0).length;
    if (worded > 31) throw new RangeError(`at most 31 trigger groups with words, got ${worded}`);
    const bits = new Map<string, number>();
    const words: [string, number][] = [];
    let g = 0;
    for (const [name, list] of groups) {
      if (list.length === 0) continue;
      const bit = 1 << g++;
      bits.set(name, bit);
      for (const w of list) {
        if (w === '' || /[^\t\x20-\x7e]/.test(w))
          throw new RangeError(`trigger "${w}" of ${name} must be printable ASCII`);
        words.push([w.toLowerCase(), bit]);
      }
    }
    this.bits = bits;
    // Symbol 0 stands for every character no trigger uses.
    let symbols = 1;
    for (const [w] of words)
      for (const ch of w) if (this.alphabet[ch.charCodeAt(0)] === 0) this.alphabet[ch.charCodeAt(0)] = symbols++;
    for (let c = 65; c <= 90; c++) this.alphabet[c] = this.alphabet[c + 32];
    this.width = symbols;

    const goto: number[][] = [new Array<number>(symbols).fill(-1)];
    const out: number[] = [0];
    for (const [w, bit] of words) {
      let s = 0;
      for (const ch of w) {
        const a = this.alphabet[ch.charCodeAt(0)];
        if (goto[s][a] < 0) {
          goto[s][a] = goto.length;
          goto.push(new Array<number>(symbols).fill(-1));
          out.push(0);
        }
        s = goto[s][a];
      }
      out[s] |= bit;
    }
    const states = goto.length;
    const delta = new Uint32Array(states * symbols);
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (let a = 0; a < symbols; a++) {
      const t = goto[0][a];
      if (t > 0) {
        fail[t] = 0;
        delta[a] = t;
        queue.push(t);
      } else delta[a] = 0;
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi];
      out[s] |= out[fail[s]];
      for (let a = 0; a < symbols; a++) {
        const t = goto[s][a];
        if (t > 0) {
          fail[t] = delta[fail[s] * symbols + a];
          delta[s * symbols + a] = t;
          queue.push(t);
        } else {
          delta[s * symbols + a] = delta[fail[s] * symbols + a];
        }
      }
    }
    this.delta = delta;
    this.out = Int32Array.from(out);
  }

  /** Bitmask of the groups with a trigger word somewhere in `text`. */
  scan(text: string): number {
    const { alphabet, delta, out, width } = this;
    let s = 0;
    let mask = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      s = delta[s * width + (c < 128 ? alphabet[c] : 0)];
      mask |= out[s];
    }
    return mask;
  }
}
