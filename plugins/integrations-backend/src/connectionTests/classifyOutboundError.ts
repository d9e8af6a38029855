import {
  FailureClass,
  ProviderDefinition,
  TestFailure,
} from '@internal/plugin-integrations-common';
import { OutboundFailureCode, OutboundRequestError } from '../network';
import { describeFailure } from './classifyFailure';

const CLASS_OF_CODE: Record<OutboundFailureCode, FailureClass> = {
  invalid_url: 'bad_response',
  blocked_by_policy: 'blocked_by_policy',
  dns_failure: 'dns_failure',
  connection_refused: 'connection_refused',
  connection_closed: 'connection_closed',
  not_http: 'not_http',
  request_invalid: 'request_invalid',
  timeout: 'timeout',
  tls_error: 'tls_error',
  response_too_large: 'bad_response',
  network_error: 'connection_refused',
};

/**
 * Classifies a call that got no usable answer. The client's message names
 * only the origin, so it is safe to show.
 */
export function classifyOutboundError(
  error: OutboundRequestError,
  provider: ProviderDefinition | undefined,
): TestFailure {
  return describeFailure(CLASS_OF_CODE[error.code], provider, {
    providerMessage: error.message,
  });
}
