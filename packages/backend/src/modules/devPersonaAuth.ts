import { createBackendModule } from '@backstage/backend-plugin-api';
import { AuthenticationError, NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/** The header that names who a development sign-in acts as. */
export const DEV_PERSONA_HEADER = 'x-dev-persona';

interface PersonaContext {
  personas: Map<string, string>;
  enabled: boolean;
}

interface PersonaResult {
  persona: string;
  userEntityRef: string;
}

/**
 * Signs in as one of the example org's personas, chosen by a header, so a
 * person or a test can see the portal as an admin, an owner or a viewer without
 * an identity provider. Like the guest provider it refuses to work outside
 * development, and it is enabled only where `auth.providers.dev-persona` is
 * configured (the development config).
 */
const devPersonaAuthenticator = createProxyAuthenticator<
  PersonaContext,
  PersonaResult,
  undefined
>({
  defaultProfileTransform: async result => ({
    profile: { displayName: result.persona },
  }),
  initialize({ config }) {
    const personas = new Map<string, string>();
    const personaConfig = config.getOptionalConfig('personas');
    for (const key of personaConfig?.keys() ?? []) {
      personas.set(key, personaConfig!.getString(key));
    }
    // Like the guest provider: a local demonstration of the production build
    // (./run cluster) may opt in, nothing else outside development.
    const enabled =
      process.env.NODE_ENV === 'development' ||
      config.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') === true;
    return { personas, enabled };
  },
  async authenticate({ req }, { personas, enabled }) {
    if (!enabled) {
      throw new NotAllowedError(
        'The dev-persona provider works only in development',
      );
    }
    const persona = req.header(DEV_PERSONA_HEADER);
    const userEntityRef = persona ? personas.get(persona) : undefined;
    if (!persona || !userEntityRef) {
      throw new AuthenticationError(
        `Send the ${DEV_PERSONA_HEADER} header with one of: ${[
          ...personas.keys(),
        ].join(', ')}`,
      );
    }
    return { result: { persona, userEntityRef } };
  },
});

export const authModuleDevPersonaProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'dev-persona-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'dev-persona',
          factory: createProxyAuthProviderFactory({
            authenticator: devPersonaAuthenticator,
            // Signing in through the catalog gives the persona its real group memberships.
            signInResolver: async ({ result }, ctx) =>
              ctx.signInWithCatalogUser({ entityRef: result.userEntityRef }),
          }),
        });
      },
    });
  },
});
