import { ProviderDefinition } from '@internal/plugin-integrations-common';
import { FIELD_LABELS } from '../../../../configurationFields';
import { Cell, Section } from '../FormLayout';
import { NumberSetting, TextSetting } from '../SettingFields';
import { ConfigurationDraft } from '../useConfigurationDraft';

export function ConnectionSection(props: {
  bind: ConfigurationDraft['bind'];
  provider?: ProviderDefinition;
  /** Why the base URL may not be changed though other settings may, if so. */
  baseUrlLockedReason?: string;
}) {
  const { bind, provider, baseUrlLockedReason } = props;
  const baseUrl = bind<string>('connectionConfig.baseUrl');
  const defaultHint = provider
    ? `Default: ${provider.defaultBaseUrl}`
    : undefined;
  return (
    <Section title="Connection">
      <Cell wide>
        <TextSetting
          label={FIELD_LABELS['connectionConfig.baseUrl']}
          {...baseUrl}
          disabled={baseUrl.disabled || Boolean(baseUrlLockedReason)}
          helperText={baseUrlLockedReason ?? defaultHint}
        />
      </Cell>
      <Cell>
        <TextSetting
          label={FIELD_LABELS['connectionConfig.apiVersion']}
          {...bind<string | undefined>('connectionConfig.apiVersion')}
        />
      </Cell>
      <Cell>
        <NumberSetting
          label={FIELD_LABELS['connectionConfig.timeout']}
          {...bind<number>('connectionConfig.timeout')}
        />
      </Cell>
      <Cell>
        <NumberSetting
          label={FIELD_LABELS['connectionConfig.retryAttempts']}
          {...bind<number>('connectionConfig.retryAttempts')}
        />
      </Cell>
      <Cell>
        <NumberSetting
          label={FIELD_LABELS['connectionConfig.rateLimitBuffer']}
          helperText="Share of the provider's rate limit kept in reserve, 0 to 0.9"
          {...bind<number>('connectionConfig.rateLimitBuffer')}
        />
      </Cell>
    </Section>
  );
}
