import { RootConfigService } from '@backstage/backend-plugin-api';
import {
  ENVIRONMENTS,
  Environment,
} from '@internal/plugin-integrations-common';

interface ClientGrant {
  /** Integration names, or everything with `*`. */
  integrations: Set<string>;
  environment: Environment;
}

/**
 * Which backend plugins may call which integrations through the client,
 * from `integrations.clients.<pluginId>` in the app config. A plugin not
 * listed may call none.
 */
export class ClientAccessPolicy {
  private constructor(private readonly grants: Map<string, ClientGrant>) {}

  static fromConfig(config: RootConfigService): ClientAccessPolicy {
    const clients = config.getOptionalConfig('integrations.clients');
    const grants = new Map<string, ClientGrant>();
    for (const pluginId of clients?.keys() ?? []) {
      const client = clients!.getConfig(pluginId);
      const environment =
        client.getOptionalString('environment') ?? 'production';
      if (!(ENVIRONMENTS as readonly string[]).includes(environment)) {
        throw new Error(
          `integrations.clients.${pluginId}.environment must be one of ${ENVIRONMENTS.join(
            ', ',
          )}, not ${environment}`,
        );
      }
      grants.set(pluginId, {
        integrations: new Set(client.getStringArray('integrations')),
        environment: environment as Environment,
      });
    }
    return new ClientAccessPolicy(grants);
  }

  static of(
    grants: Record<
      string,
      { integrations: string[]; environment?: Environment }
    >,
  ): ClientAccessPolicy {
    return new ClientAccessPolicy(
      new Map(
        Object.entries(grants).map(([pluginId, grant]) => [
          pluginId,
          {
            integrations: new Set(grant.integrations),
            environment: grant.environment ?? 'production',
          },
        ]),
      ),
    );
  }

  allows(pluginId: string, integration: string): boolean {
    const grant = this.grants.get(pluginId);
    return Boolean(
      grant &&
        (grant.integrations.has('*') || grant.integrations.has(integration)),
    );
  }

  /** The environment a plugin calls when it names none. */
  environmentOf(pluginId: string): Environment {
    return this.grants.get(pluginId)?.environment ?? 'production';
  }
}
