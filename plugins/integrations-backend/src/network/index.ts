export {
  classifyAddress,
  isAddressAllowed,
  parseCidrList,
} from './addressPolicy';
export type { AddressClass, AddressDecision, Cidr } from './addressPolicy';
export { OutboundRequestError } from './OutboundRequestError';
export type { OutboundFailureCode } from './OutboundRequestError';
export { SafeHttpClient } from './SafeHttpClient';
export type {
  HostResolver,
  SafeHttpClientOptions,
  SafeHttpRequest,
  SafeHttpResponse,
  TlsInspection,
} from './SafeHttpClient';
