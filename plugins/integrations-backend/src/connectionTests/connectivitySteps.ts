import { describeFailure } from './classifyFailure';
import { StepDefinition, StepFailure } from './steps';
import { SuiteState } from './suiteState';

/** A certificate this close to expiry makes the run degraded. */
const CERTIFICATE_WARNING_DAYS = 14;

/** DNS, TCP and TLS: can the provider be reached at all. */
export function connectivitySteps(
  suite: SuiteState,
): Record<'dns_resolve' | 'tcp_connect' | 'tls_certificate', StepDefinition> {
  return {
    dns_resolve: {
      name: 'DNS resolution',
      category: 'connectivity',
      applies: () => true,
      run: async () => {
        try {
          const resolved = await suite.http.resolve(suite.baseUrl);
          suite.outcome.connectivity.dnsResolution = {
            passed: true,
            addresses: resolved.addresses,
            durationMs: Math.round(resolved.durationMs),
          };
          return {
            message: `${
              resolved.hostname
            } resolves to ${resolved.addresses.join(', ')}`,
          };
        } catch (error) {
          suite.outcome.connectivity.dnsResolution = {
            passed: false,
            addresses: [],
            durationMs: 0,
          };
          throw error;
        }
      },
    },
    tcp_connect: {
      name: 'TCP connection',
      category: 'connectivity',
      applies: () => true,
      run: async () => {
        try {
          const connected = await suite.http.connect(suite.baseUrl, {
            timeoutMs: suite.timeoutMs,
          });
          suite.outcome.connectivity.tcpConnection = {
            passed: true,
            address: connected.address,
            durationMs: Math.round(connected.durationMs),
          };
          return {
            message: `Connected to ${connected.address} in ${Math.round(
              connected.durationMs,
            )} ms`,
          };
        } catch (error) {
          suite.outcome.connectivity.tcpConnection = {
            passed: false,
            durationMs: 0,
          };
          throw error;
        }
      },
    },
    tls_certificate: {
      name: 'TLS certificate',
      category: 'connectivity',
      applies: () => suite.baseUrl.startsWith('https://'),
      run: async () => {
        const started = performance.now();
        const tls = await suite.http.inspectTls(suite.baseUrl, {
          timeoutMs: suite.timeoutMs,
        });
        suite.outcome.connectivity.tlsCertificate = {
          passed: tls.authorized,
          validTo: tls.validTo,
          daysUntilExpiry: tls.daysUntilExpiry,
          issuer: tls.issuer,
          durationMs: Math.round(performance.now() - started),
        };
        if (!tls.authorized) {
          throw new StepFailure(
            describeFailure('tls_error', suite.provider, {
              providerMessage: `The certificate is not trusted: ${tls.authorizationError}`,
            }),
          );
        }
        const days = Math.floor(tls.daysUntilExpiry);
        return {
          message: `Valid, issued by ${tls.issuer}, expires in ${days} days`,
          warning: days < CERTIFICATE_WARNING_DAYS,
        };
      },
    },
  };
}
