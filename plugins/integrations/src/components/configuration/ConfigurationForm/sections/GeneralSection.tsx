import { useCallback } from 'react';
import { FIELD_LABELS } from '../../../../configurationFields';
import { Cell, Section } from '../FormLayout';
import {
  MultiSelectSetting,
  SwitchSetting,
  TextSetting,
} from '../SettingFields';
import { ConfigurationDraft } from '../useConfigurationDraft';

export function GeneralSection(props: {
  bind: ConfigurationDraft['bind'];
  dependencyOptions: string[];
  environmentLabel: string;
}) {
  const { bind, dependencyOptions, environmentLabel } = props;
  const system = bind<string | undefined>('system');
  const changeSystem = system.onChange;
  // An emptied field takes the integration out of its System rather than
  // naming an empty one.
  const onSystemChange = useCallback(
    (value: string | undefined) => changeSystem(value || undefined),
    [changeSystem],
  );
  return (
    <Section title="General">
      <Cell>
        <TextSetting
          label={FIELD_LABELS.displayName}
          required
          {...bind<string>('displayName')}
        />
      </Cell>
      <Cell>
        <TextSetting
          label={FIELD_LABELS.owner}
          helperText="Catalog group ref, e.g. group:default/payments-team"
          {...bind<string>('owner')}
        />
      </Cell>
      <Cell wide>
        <TextSetting
          label={FIELD_LABELS.description}
          multiline
          {...bind<string | undefined>('description')}
        />
      </Cell>
      <Cell>
        <SwitchSetting
          label={FIELD_LABELS.enabled}
          helperText="A disabled integration is neither called nor checked"
          {...bind<boolean>('enabled')}
        />
      </Cell>
      <Cell>
        <TextSetting
          label={FIELD_LABELS.system}
          helperText="The catalog System it belongs to, e.g. web-shop; shown on its catalog entity"
          {...system}
          onChange={onSystemChange}
        />
      </Cell>
      <Cell>
        <MultiSelectSetting
          label={FIELD_LABELS.dependencies}
          options={dependencyOptions}
          helperText={`Integrations configured in ${environmentLabel.toLowerCase()} that this one needs`}
          {...bind<string[]>('dependencies')}
        />
      </Cell>
    </Section>
  );
}
