import { base64Url } from '../util/ids.js';
import { decodeBase64 } from './decode-base64.js';
import { ResidentIdCryptoError } from './resident-id-crypto-error.js';
import { normalizeResidentId } from './validate-resident-id.js';

/** One configured key: an id that never contains ':' and a secret of 32 random bytes in base64 (`openssl rand -base64 32`). */
export type ResidentIdKey = { id: string; secret: string };

export type ResidentIdVaultOptions = {
  /** Every key that may still be named by a stored value, old ones included until everything is re-encrypted. */
  keys: readonly ResidentIdKey[];
  /** The key new values are encrypted and indexed with. */
  currentKeyId: string;
};

export type ResidentIdVault = {
  /** `v1:<kid>:<iv>:<ciphertext>`; `context` (e.g. the application id) is bound in, so a value only opens where it was written. */
  encrypt(id: string, context?: string): Promise<string>;
  /** Decrypts with whichever configured key the value names; throws ResidentIdCryptoError, never returns garbage. */
  decrypt(stored: string, context?: string): Promise<string>;
  /** Whether a stored value was written with an older key (a rotation job re-encrypts these). */
  needsReencryption(stored: string): boolean;
  /** `<kid>:<hmac>` of the normalised number under the current key: store it beside the ciphertext. */
  blindIndex(id: string): Promise<string>;
  /** The index under every configured key: look up `WHERE id_index IN (…)` to find a number written before a rotation. */
  blindIndexes(id: string): Promise<string[]>;
};

const FORMAT = 'v1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const IV_BYTES = 12;
const encoder = new TextEncoder();

type DerivedKeys = { encryption: CryptoKey; index: CryptoKey };

/**
 * Encryption at rest for 身份证号, the same on Node and Workers (Web Crypto only).
 *
 * Keys: each secret must be 32 random bytes (base64); passphrases are refused, because HKDF does not stretch a weak
 * password and a slow password KDF would cost the Workers CPU budget on every read. From each secret HKDF-SHA256
 * derives two independent keys: AES-256-GCM for the ciphertext and HMAC-SHA256 for the blind index, so neither use
 * can weaken the other.
 *
 * Stored form `v1:<kid>:<iv>:<ciphertext+tag>` (base64url): a fresh 96-bit random IV per value; the prefix `v1:<kid>`
 * (and the optional context) is the GCM additional data, so changing the key id, the IV, the ciphertext or moving a
 * value to another record fails authentication. Rotation: add the new key, make it current, keep the old one until a
 * job has re-encrypted every value for which `needsReencryption` is true.
 *
 * Blind index: the same number always gives the same HMAC under one key, so a duplicate application (the same child
 * applied for twice, by two guardians or at two schools of one district) is found with an indexed equality lookup,
 * without decrypting every row, and without storing anything a database leak could reverse without the key.
 */
export async function createResidentIdVault(options: ResidentIdVaultOptions): Promise<ResidentIdVault> {
  const keys = new Map<string, DerivedKeys>();
  for (const key of options.keys) {
    if (!KEY_ID.test(key.id))
      throw new ResidentIdCryptoError('invalid_key', `Key id "${key.id}" must match ${KEY_ID}.`);
    if (keys.has(key.id))
      throw new ResidentIdCryptoError('invalid_key', `Key id "${key.id}" is configured twice.`);
    const secret = decodeBase64(key.secret);
    if (secret?.length !== 32)
      throw new ResidentIdCryptoError(
        'invalid_key',
        `The secret of key "${key.id}" must be 32 random bytes in base64.`,
      );
    keys.set(key.id, await deriveKeys(secret));
  }
  const current = keys.get(options.currentKeyId);
  if (!current)
    throw new ResidentIdCryptoError(
      'invalid_key',
      `The current key "${options.currentKeyId}" is not configured.`,
    );
  const currentKeyId = options.currentKeyId;

  const additionalData = (keyId: string, context: string | undefined) =>
    encoder.encode(context === undefined ? `${FORMAT}:${keyId}` : `${FORMAT}:${keyId}:${context}`);

  const indexWith = async (keyId: string, derived: DerivedKeys, id: string) => {
    const mac = await crypto.subtle.sign('HMAC', derived.index, encoder.encode(normalizeResidentId(id)));
    return `${keyId}:${base64Url(new Uint8Array(mac))}`;
  };

  const parse = (stored: string) => {
    const parts = stored.split(':');
    if (parts.length !== 4 || parts[0] !== FORMAT)
      throw new ResidentIdCryptoError('malformed', 'The stored value is not a v1 encrypted ID.');
    const [, keyId, ivText, cipherText] = parts as [string, string, string, string];
    const iv = decodeBase64(ivText);
    const ciphertext = decodeBase64(cipherText);
    if (!iv || iv.length !== IV_BYTES || !ciphertext || ciphertext.length < 16)
      throw new ResidentIdCryptoError('malformed', 'The stored value has a bad IV or ciphertext.');
    return { keyId, iv, ciphertext };
  };

  return {
    async encrypt(id, context) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const ciphertext = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: additionalData(currentKeyId, context) },
        current.encryption,
        encoder.encode(id),
      );
      return `${FORMAT}:${currentKeyId}:${base64Url(iv)}:${base64Url(new Uint8Array(ciphertext))}`;
    },
    async decrypt(stored, context) {
      const { keyId, iv, ciphertext } = parse(stored);
      const key = keys.get(keyId);
      if (!key) throw new ResidentIdCryptoError('unknown_key_id', `No key "${keyId}" is configured.`);
      let plain: ArrayBuffer;
      try {
        plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv, additionalData: additionalData(keyId, context) },
          key.encryption,
          ciphertext,
        );
      } catch {
        throw new ResidentIdCryptoError('tampered', 'The encrypted ID failed authentication.');
      }
      return new TextDecoder().decode(plain);
    },
    needsReencryption(stored) {
      return parse(stored).keyId !== currentKeyId;
    },
    blindIndex(id) {
      return indexWith(currentKeyId, current, id);
    },
    blindIndexes(id) {
      return Promise.all([...keys].map(([keyId, derived]) => indexWith(keyId, derived, id)));
    },
  };
}

async function deriveKeys(secret: Uint8Array<ArrayBuffer>): Promise<DerivedKeys> {
  const master = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  const derive = (info: string, algorithm: AesKeyAlgorithm | HmacImportParams, usages: KeyUsage[]) =>
    crypto.subtle.deriveKey(
      {
        name: 'HKDF',
        hash: 'SHA-256',
        salt: encoder.encode('mingbai resident-id'),
        info: encoder.encode(info),
      },
      master,
      algorithm,
      false,
      usages,
    );
  return {
    encryption: await derive('aes-256-gcm v1', { name: 'AES-GCM', length: 256 }, ['encrypt', 'decrypt']),
    index: await derive('blind-index hmac-sha256 v1', { name: 'HMAC', hash: 'SHA-256', length: 256 }, [
      'sign',
    ]),
  };
}
