export { SignedInUser } from './SignedInUser';
