import type { ByteHash } from "../core/report/canonical";

/**
 * SHA-256 by Node's OpenSSL: the digest the pure-JavaScript one (@noble/hashes, which the pane and
 * the browser page use) gives, several times faster — the seal of a 100,000-row package hashes
 * ~23 MB.
 */
// node:crypto is loaded on first use: commands that hash nothing do not pay for it at start-up.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const createHash = (alg: string) => (require("node:crypto") as typeof import("node:crypto")).createHash(alg);

export function nodeSha256(): ByteHash {
  const h = createHash("sha256");
  return {
    update: (b) => void h.update(b),
    hex: () => h.digest("hex"),
  };
}

/** SHA-256 of bytes, lowercase hex. */
export function nodeSha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
