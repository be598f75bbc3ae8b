import { Buffer } from 'node:buffer';

/** Page objects in a PDF as Chromium writes it (no object streams): `/Type /Page`, not `/Pages`. */
export function countPdfPages(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}
