export { KeyRing } from './KeyRing';
export type { KeyRingOptions, KeyRingSecret } from './KeyRing';
export { CredentialVault } from './CredentialVault';
export type { CredentialBinding, SealedCredential } from './CredentialVault';
