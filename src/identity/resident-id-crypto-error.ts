export type ResidentIdCryptoErrorCode =
  | 'invalid_key' // a configured secret is not base64 of 32 bytes, or the key ids are wrong
  | 'unknown_key_id' // the stored value names a key that is not configured (removed too early?)
  | 'malformed' // the stored value is not `v1:<kid>:<iv>:<ciphertext>`
  | 'tampered'; // authentication failed: changed ciphertext, wrong key material, or another record's value

/** Thrown by the resident-ID vault; `code` is stable, the message never contains the number. */
export class ResidentIdCryptoError extends Error {
  override readonly name = 'ResidentIdCryptoError';
  constructor(
    readonly code: ResidentIdCryptoErrorCode,
    message: string,
  ) {
    super(message);
  }
}
