/** 身份证号 (issue 11): validation, masking, encryption at rest and a blind index, the same on Node and Workers. */
export { residentIdCheckDigit } from './check-digit.js';
export { maskResidentId } from './mask-resident-id.js';
export { ResidentIdCryptoError, type ResidentIdCryptoErrorCode } from './resident-id-crypto-error.js';
export {
  createResidentIdVault,
  type ResidentIdKey,
  type ResidentIdVault,
  type ResidentIdVaultOptions,
} from './resident-id-vault.js';
export {
  normalizeResidentId,
  type ResidentIdProblem,
  type ResidentIdResult,
  type ValidResidentId,
  validateResidentId,
} from './validate-resident-id.js';
