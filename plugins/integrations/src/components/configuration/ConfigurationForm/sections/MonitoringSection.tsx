import { ALERT_KINDS } from '@internal/plugin-integrations-common';
import { FIELD_LABELS } from '../../../../configurationFields';
import { Cell, Section } from '../FormLayout';
import {
  CheckboxGroupSetting,
  ListSetting,
  NumberSetting,
  TextSetting,
} from '../SettingFields';
import { ConfigurationDraft } from '../useConfigurationDraft';

const ALERT_LABELS: Record<(typeof ALERT_KINDS)[number], string> = {
  error_rate: 'Error rate',
  response_time: 'Response time',
  uptime: 'Uptime',
  credential_expiry: 'Credential expiry',
  rate_limit: 'Rate limit',
};

const ALERT_OPTIONS = ALERT_KINDS.map(kind => ({
  value: kind,
  label: ALERT_LABELS[kind],
}));

export function MonitoringSection(props: { bind: ConfigurationDraft['bind'] }) {
  const { bind } = props;
  const number = (path: string) => (
    <Cell>
      <NumberSetting label={FIELD_LABELS[path]} {...bind<number>(path)} />
    </Cell>
  );
  return (
    <Section title="Monitoring">
      {number('monitoringConfig.healthCheckInterval')}
      {number('monitoringConfig.alertThresholds.errorRate')}
      {number('monitoringConfig.alertThresholds.responseTime')}
      {number('monitoringConfig.alertThresholds.uptime')}
      <Cell wide>
        <CheckboxGroupSetting
          label={FIELD_LABELS['monitoringConfig.enabledAlerts']}
          options={ALERT_OPTIONS}
          {...bind<string[]>('monitoringConfig.enabledAlerts')}
        />
      </Cell>
      <Cell wide>
        <ListSetting
          label={FIELD_LABELS['monitoringConfig.notificationChannels']}
          helperText="e.g. email:payments@acme.example, group:default/payments-team; separate with commas"
          {...bind<string[]>('monitoringConfig.notificationChannels')}
        />
      </Cell>
      <Cell wide>
        <TextSetting
          label={FIELD_LABELS['monitoringConfig.runbookUrl']}
          helperText="The team's runbook, linked from this integration's errors"
          {...bind<string | undefined>('monitoringConfig.runbookUrl')}
        />
      </Cell>
    </Section>
  );
}
