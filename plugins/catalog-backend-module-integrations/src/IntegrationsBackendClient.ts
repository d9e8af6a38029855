import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import {
  CatalogIntegration,
  CatalogIntegrationsResponse,
} from '@internal/plugin-integrations-common';

/** Where the provider reads integrations from. */
export interface IntegrationSource {
  /** Every integration that is not deleted. */
  listIntegrations(): Promise<CatalogIntegration[]>;
  /** The named integration; undefined when it is deleted or never existed. */
  getIntegration(name: string): Promise<CatalogIntegration | undefined>;
}

/** A read that hangs must not hold the refresh task until its timeout. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Reads integrations from the integrations backend's
 * `GET /catalog/integrations`, with a token the catalog plugin issues on its
 * own behalf. Any answer other than 200 with a list is an error, never an
 * empty catalog: a backend that is down or still starting removes nothing.
 */
export class IntegrationsBackendClient implements IntegrationSource {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
    },
  ) {}

  listIntegrations(): Promise<CatalogIntegration[]> {
    return this.read(new URLSearchParams());
  }

  async getIntegration(name: string): Promise<CatalogIntegration | undefined> {
    const items = await this.read(new URLSearchParams({ name }));
    return items.find(item => item.name === name);
  }

  private async read(query: URLSearchParams): Promise<CatalogIntegration[]> {
    const { discovery, auth } = this.options;
    const baseUrl = await discovery.getBaseUrl('integrations');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'integrations',
    });
    const search = query.size > 0 ? `?${query}` : '';
    const response = await fetch(`${baseUrl}/catalog/integrations${search}`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!response.ok) {
      throw new Error(
        `The integrations backend answered ${response.status} ${response.statusText} to GET /catalog/integrations`,
      );
    }
    const body =
      (await response.json()) as Partial<CatalogIntegrationsResponse>;
    if (!Array.isArray(body.items)) {
      throw new Error(
        'The integrations backend answered GET /catalog/integrations without a list of items',
      );
    }
    return body.items;
  }
}
