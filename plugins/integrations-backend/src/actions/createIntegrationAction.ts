import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  ENVIRONMENTS,
  createIntegrationRequestSchema,
  getProvider,
  providerCatalog,
  requiredCredentialFields,
} from '@internal/plugin-integrations-common';
import { ConfigurationService } from '../configuration/ConfigurationService';
import { createIntegration } from '../configuration/createIntegration';
import { parseInput } from '../http/validation';
import { RequestGuard } from '../permissions/RequestGuard';
import { PortalLinks, environmentOutput } from './actionInputs';

export const CREATE_INTEGRATION = 'create-integration';

const PROVIDER_IDS = providerCatalog.map(provider => provider.id) as [
  string,
  ...string[],
];

/**
 * `create-integration`: what New integration on the Configuration page does,
 * from a provider template, with the same permission and the same audit. It
 * takes no credentials: those are entered in the portal afterwards, by
 * someone allowed to.
 */
export function registerCreateIntegrationAction(
  registry: ActionsRegistryService,
  options: {
    guard: RequestGuard;
    configurations: ConfigurationService;
    links: PortalLinks;
  },
) {
  const { guard, links } = options;
  registry.register({
    name: CREATE_INTEGRATION,
    title: 'Create an integration from a provider template',
    description: `Creates the configuration of a new integration (an external service the company's product talks to) from its provider's template, in the environments named (all three when left out): the template's default settings, the owner group, a display name and description. Production and staging start disabled, development enabled. It never takes credentials: they are entered afterwards on the integration's Configuration page in the portal, whose address the answer gives, by someone allowed to. Providers: ${PROVIDER_IDS.join(
      ', ',
    )}. Needs the permission to create integrations; recorded in the audit log.`,
    attributes: { readOnly: false, idempotent: false, destructive: false },
    schema: {
      input: z =>
        z.object({
          template: z
            .enum(PROVIDER_IDS)
            .describe('The provider template to start from, e.g. stripe'),
          name: z
            .string()
            .describe(
              'The integration’s name: lowercase letters, digits and single dashes, at most 63 characters, e.g. stripe-eu',
            ),
          displayName: z
            .string()
            .optional()
            .describe('The name people see; the provider’s when left out'),
          description: z.string().optional(),
          owner: z
            .string()
            .describe(
              'The owning team, a catalog group ref such as group:default/payments-team',
            ),
          environments: z
            .array(z.enum(ENVIRONMENTS))
            .optional()
            .describe('The environments to configure; all three when left out'),
          notes: z
            .string()
            .optional()
            .describe('Why it is created, kept with its first version'),
        }),
      output: z =>
        z.object({
          name: z.string(),
          displayName: z.string(),
          provider: z.string(),
          owner: z.string(),
          environments: z.array(
            z.object({
              environment: environmentOutput(z),
              enabled: z.boolean(),
              version: z.number(),
            }),
          ),
          credentialFields: z
            .array(z.string())
            .describe(
              'The credentials it needs before it works, to be entered in the portal',
            ),
          configurationUrl: z
            .string()
            .describe('Its Configuration page, where credentials are entered'),
        }),
    },
    action: async ({ input, credentials }) => {
      const user = guard.userOf(credentials);
      const request = parseInput(
        createIntegrationRequestSchema,
        input,
        'input',
      );
      const created = await createIntegration(
        options,
        { actionName: CREATE_INTEGRATION, credentials: user },
        user,
        request,
      );
      const [first] = created;
      const provider = getProvider(first.provider);
      // Production's credentials are the ones that matter most.
      const shown =
        created.find(config => config.environment === 'production') ?? first;
      return {
        output: {
          name: first.name,
          displayName: first.displayName,
          provider: first.provider,
          owner: first.owner,
          environments: created.map(config => ({
            environment: config.environment,
            enabled: config.enabled,
            version: config.metadata.version,
          })),
          credentialFields: provider ? requiredCredentialFields(provider) : [],
          configurationUrl: links.configuration(
            shown.name,
            shown.environment,
            'credentials',
          ),
        },
      };
    },
  });
}
