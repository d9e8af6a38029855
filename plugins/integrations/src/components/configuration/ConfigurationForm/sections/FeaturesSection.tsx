import {
  ConfigurationTemplate,
  IntegrationConfig,
  ProviderDefinition,
} from '@internal/plugin-integrations-common';
import Typography from '@material-ui/core/Typography';
import { useCallback, useMemo } from 'react';
import { FIELD_LABELS } from '../../../../configurationFields';
import { ProviderSettingsForm } from '../../ProviderSettingsForm';
import { Cell, Section } from '../FormLayout';
import { CheckboxGroupSetting, JsonObjectSetting } from '../SettingFields';
import {
  ConfigurationDraft,
  FEATURE_SETTINGS_PATH,
} from '../useConfigurationDraft';

export function FeaturesSection(props: {
  config: IntegrationConfig;
  draft: ConfigurationDraft;
  template?: ConfigurationTemplate;
  provider?: ProviderDefinition;
  readOnly: boolean;
}) {
  const { config, draft, template, provider, readOnly } = props;
  const { bind, change, setCustomSettingsError } = draft;
  const featureOptions = useMemo(
    () =>
      (template?.features ?? provider?.features ?? []).map(feature => ({
        value: feature.id,
        label: feature.label,
        description: feature.description,
      })),
    [template, provider],
  );
  const changeFeatureSettings = useCallback(
    (value: Record<string, unknown>) => change(FEATURE_SETTINGS_PATH, value),
    [change],
  );

  return (
    <Section title="Features">
      <Cell wide>
        <CheckboxGroupSetting
          label={FIELD_LABELS['featureConfig.enabledFeatures']}
          options={featureOptions}
          {...bind<string[]>('featureConfig.enabledFeatures')}
        />
      </Cell>
      <Cell wide>
        <Typography variant="subtitle1" component="h4">
          {template?.displayName ?? config.provider} settings
        </Typography>
        {template ? (
          <ProviderSettingsForm
            schema={template.settingsSchema}
            value={draft.draft.featureConfig.featureSettings}
            onChange={changeFeatureSettings}
            issues={draft.featureSettingsIssues}
            disabled={readOnly}
          />
        ) : (
          <Typography variant="body2" color="textSecondary">
            There is no template for the provider "{config.provider}", so its
            settings cannot be edited here.
          </Typography>
        )}
      </Cell>
      <Cell wide>
        <JsonObjectSetting
          label={FIELD_LABELS['featureConfig.customSettings']}
          helperText="The company's own settings, as a JSON object"
          onParseError={setCustomSettingsError}
          {...bind<Record<string, unknown>>('featureConfig.customSettings')}
        />
      </Cell>
    </Section>
  );
}
