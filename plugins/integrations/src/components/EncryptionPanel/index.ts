export { EncryptionPanel } from './EncryptionPanel';
