import { LOGGING_LEVELS } from '@internal/plugin-integrations-common';
import { FIELD_LABELS } from '../../../../configurationFields';
import { Cell, Section } from '../FormLayout';
import { NumberSetting, SelectSetting, SwitchSetting } from '../SettingFields';
import { ConfigurationDraft } from '../useConfigurationDraft';

const LOGGING_LEVEL_OPTIONS = LOGGING_LEVELS.map(level => ({
  value: level,
  label: level,
}));

export function ComplianceSection(props: { bind: ConfigurationDraft['bind'] }) {
  const { bind } = props;
  return (
    <Section title="Compliance">
      <Cell>
        <NumberSetting
          label={FIELD_LABELS['complianceConfig.dataRetentionDays']}
          {...bind<number>('complianceConfig.dataRetentionDays')}
        />
      </Cell>
      <Cell>
        <SelectSetting
          label={FIELD_LABELS['complianceConfig.loggingLevel']}
          options={LOGGING_LEVEL_OPTIONS}
          {...bind<(typeof LOGGING_LEVELS)[number]>(
            'complianceConfig.loggingLevel',
          )}
        />
      </Cell>
      <Cell>
        <SwitchSetting
          label={FIELD_LABELS['complianceConfig.auditEnabled']}
          {...bind<boolean>('complianceConfig.auditEnabled')}
        />
      </Cell>
      <Cell>
        <SwitchSetting
          label={FIELD_LABELS['complianceConfig.encryptionRequired']}
          {...bind<boolean>('complianceConfig.encryptionRequired')}
        />
      </Cell>
    </Section>
  );
}
