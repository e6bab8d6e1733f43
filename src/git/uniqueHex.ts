/**
 * Hex digits that tell apart files and locks made at the same moment (temp file names, lock nonces, session ids),
 * always next to the pid and a time. They are not secrets and are never compared across machines, so Math.random is
 * enough: node's crypto module costs about a quarter of a bare node start to load, which every hook would pay.
 */
export function uniqueHex(bytes: number): string {
  let out = '';
  for (let i = 0; i < bytes; i++)
    out += Math.floor(Math.random() * 256)
      .toString(16)
      .padStart(2, '0');
  return out;
}
