export { RotateSecretDialog } from './RotateSecretDialog';
export { ReplayDialog, RetryFailedDialog } from './RedeliveryDialogs';
export { SigningSecretDialog } from './SigningSecretDialog';
export { TestSendDialog } from './TestSendDialog';
