import {
  AUTH_TYPE_LABELS,
  ProviderDefinition,
  TokenRefreshSettings,
} from '@internal/plugin-integrations-common';
import Typography from '@material-ui/core/Typography';
import { FIELD_LABELS } from '../../../../configurationFields';
import { Cell, Section } from '../FormLayout';
import { ListSetting, NumberSetting, SwitchSetting } from '../SettingFields';
import { ConfigurationDraft } from '../useConfigurationDraft';

export function AuthenticationSection(props: {
  draft: ConfigurationDraft;
  provider?: ProviderDefinition;
}) {
  const { draft, provider } = props;
  const { bind } = draft;
  const { authConfig } = draft.draft;
  const tokenRefresh: TokenRefreshSettings =
    authConfig.tokenRefreshSettings ?? {
      enabled: false,
      refreshBeforeExpirySeconds: 300,
    };
  const setTokenRefresh = (next: Partial<TokenRefreshSettings>) =>
    draft.change('authConfig.tokenRefreshSettings', {
      ...tokenRefresh,
      ...next,
    });

  return (
    <Section title="Authentication">
      <Cell wide>
        <Typography variant="body2">
          {AUTH_TYPE_LABELS[authConfig.type]}
          {provider && `, as ${provider.displayName} requires`}. Credentials are
          kept in the credential vault, not in this configuration.
        </Typography>
      </Cell>
      <Cell wide>
        <ListSetting
          label={FIELD_LABELS['authConfig.scopes']}
          {...bind<string[]>('authConfig.scopes')}
        />
      </Cell>
      {authConfig.type === 'oauth2' && (
        <>
          <Cell>
            <SwitchSetting
              label={FIELD_LABELS['authConfig.tokenRefreshSettings.enabled']}
              {...bind<boolean>('authConfig.tokenRefreshSettings.enabled')}
              value={tokenRefresh.enabled}
              onChange={enabled => setTokenRefresh({ enabled })}
            />
          </Cell>
          <Cell>
            <NumberSetting
              label={
                FIELD_LABELS[
                  'authConfig.tokenRefreshSettings.refreshBeforeExpirySeconds'
                ]
              }
              {...bind<number>(
                'authConfig.tokenRefreshSettings.refreshBeforeExpirySeconds',
              )}
              value={tokenRefresh.refreshBeforeExpirySeconds}
              onChange={refreshBeforeExpirySeconds =>
                setTokenRefresh({ refreshBeforeExpirySeconds })
              }
            />
          </Cell>
        </>
      )}
    </Section>
  );
}
