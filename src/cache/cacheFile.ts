/**
 * The cache file's bytes: a clear header, then the payload sealed with AES-256-GCM.
 *
 *   offset  0  "CBCC"                     magic
 *           4  format version             uint16, big-endian
 *           6  account id                 16 bytes (the 32 hex characters of accountId())
 *          22  IV                         12 random bytes, new for every write
 *          34  ciphertext
 *    end - 16  GCM authentication tag
 *
 * The whole header is GCM additional data: a file copied under another account's name, or with its
 * version or account id edited, fails authentication instead of decrypting.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const CACHE_FORMAT_VERSION = 1;

const MAGIC = Buffer.from('CBCC', 'latin1');
const VERSION_OFFSET = 4;
const ACCOUNT_OFFSET = 6;
const ACCOUNT_BYTES = 16;
const IV_OFFSET = ACCOUNT_OFFSET + ACCOUNT_BYTES;
const IV_BYTES = 12;
const HEADER_BYTES = IV_OFFSET + IV_BYTES;
const TAG_BYTES = 16;

/** Bytes a file has beyond its payload. */
export const FILE_OVERHEAD_BYTES = HEADER_BYTES + TAG_BYTES;

export function sealCacheFile(key: Buffer, account: string, plaintext: Buffer): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt16BE(CACHE_FORMAT_VERSION, VERSION_OFFSET);
  header.write(account, ACCOUNT_OFFSET, ACCOUNT_BYTES, 'hex');
  randomBytes(IV_BYTES).copy(header, IV_OFFSET);
  const cipher = createCipheriv('aes-256-gcm', key, header.subarray(IV_OFFSET, HEADER_BYTES));
  cipher.setAAD(header);
  const ciphertext = cipher.update(plaintext);
  const final = cipher.final();
  return Buffer.concat([header, ciphertext, final, cipher.getAuthTag()]);
}

/** The payload, or why the bytes are not a readable cache file of this account (for the log). */
export function openCacheFile(key: Buffer, account: string, bytes: Buffer): { plaintext: Buffer } | { problem: string } {
  if (bytes.length < FILE_OVERHEAD_BYTES) return { problem: 'the file is truncated' };
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) return { problem: 'the file is not a contacts cache' };
  const version = bytes.readUInt16BE(VERSION_OFFSET);
  if (version !== CACHE_FORMAT_VERSION) {
    return { problem: `the file has format version ${version}, this version reads ${CACHE_FORMAT_VERSION}` };
  }
  if (bytes.toString('hex', ACCOUNT_OFFSET, IV_OFFSET) !== account) return { problem: 'the file belongs to another account or key' };
  const header = bytes.subarray(0, HEADER_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, header.subarray(IV_OFFSET));
    decipher.setAAD(header);
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const plaintext = decipher.update(bytes.subarray(HEADER_BYTES, bytes.length - TAG_BYTES));
    // final() is where GCM checks the tag: nothing is used before it passes.
    return { plaintext: Buffer.concat([plaintext, decipher.final()]) };
  } catch {
    return { problem: 'the file does not decrypt (damaged, truncated or written with another key)' };
  }
}
