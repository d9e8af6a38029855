import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ListConfigsQuery,
  ListConfigsResponse,
} from '@internal/plugin-integrations-common';
import { IntegrationsApi } from './IntegrationsApi';

/** Talks to the integrations backend with the signed-in user's token. @public */
export class IntegrationsClient implements IntegrationsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listConfigs(
    query: ListConfigsQuery = {},
  ): Promise<ListConfigsResponse> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) {
        params.set(key, String(value));
      }
    }
    const search = params.size ? `?${params}` : '';
    return this.request<ListConfigsResponse>(`/configs${search}`);
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('integrations');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
