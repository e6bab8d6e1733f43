/**
 * Content hashes for re-finding text (working-state records, Agent Trace `content_hash`). Not a security boundary:
 * a fast, stable 64-bit FNV-1a over UTF-16 code units, so core needs no node crypto.
 */
export function contentHash(text: string): string {
  // Two 32-bit halves of a 64-bit FNV-1a, folded with Math.imul to stay in integer arithmetic.
  let h1 = 0x811c9dc5;
  let h2 = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ (c & 0xff), 0x01000193);
    h1 = Math.imul(h1 ^ (c >>> 8), 0x01000193);
    h2 = Math.imul(h2 ^ h1 ^ c, 0x0100019d) ^ (h2 >>> 15);
  }
  return 'fnv64:' + hex8(h2) + hex8(h1);
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
