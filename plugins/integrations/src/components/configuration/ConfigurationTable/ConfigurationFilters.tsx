import {
  ENVIRONMENTS,
  Environment,
  INTEGRATION_CATEGORIES,
  INTEGRATION_CATEGORY_LABELS,
  IntegrationCategory,
  ListConfigsQuery,
} from '@internal/plugin-integrations-common';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import { useId, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { ENVIRONMENT_LABELS } from '../../../labels';
import { FilterSelect } from '../../shared/FilterSelect';

const PAGE_LIMIT = 500;

/** The table's filters and the query they make; the search text is sent once typing pauses. */
export function useConfigurationFilters() {
  const [environment, setEnvironment] = useState<Environment | ''>('');
  const [category, setCategory] = useState<IntegrationCategory | ''>('');
  const [enabled, setEnabled] = useState<'true' | 'false' | ''>('');
  const [text, setText] = useState('');
  const [includeDeleted, setIncludeDeleted] = useState(false);
  const [debouncedText, setDebouncedText] = useState('');
  useDebounce(() => setDebouncedText(text.trim()), 300, [text]);

  const query: ListConfigsQuery = {
    environment: environment || undefined,
    category: category || undefined,
    enabled: enabled === '' ? undefined : enabled === 'true',
    text: debouncedText || undefined,
    includeDeleted: includeDeleted || undefined,
    limit: PAGE_LIMIT,
  };
  return {
    query,
    values: { environment, category, enabled, text, includeDeleted },
    set: {
      environment: setEnvironment,
      category: setCategory,
      enabled: setEnabled,
      text: setText,
      includeDeleted: setIncludeDeleted,
    },
  };
}

export type ConfigurationFilterState = ReturnType<
  typeof useConfigurationFilters
>;

/** Search, environment, category, state and whether deleted ones are listed. */
export function ConfigurationFilters(props: {
  filters: ConfigurationFilterState;
}) {
  const { values, set } = props.filters;
  const searchId = useId();
  return (
    <>
      <TextField
        id={searchId}
        label="Search"
        placeholder="Name, display name or description"
        value={values.text}
        onChange={event => set.text(event.target.value)}
        size="small"
      />
      <FilterSelect<Environment>
        label="Environment"
        value={values.environment}
        options={ENVIRONMENTS}
        labels={ENVIRONMENT_LABELS}
        onChange={set.environment}
      />
      <FilterSelect<IntegrationCategory>
        label="Category"
        value={values.category}
        options={INTEGRATION_CATEGORIES}
        labels={INTEGRATION_CATEGORY_LABELS}
        onChange={set.category}
      />
      <FilterSelect<'true' | 'false'>
        label="State"
        value={values.enabled}
        options={['true', 'false']}
        labels={{ true: 'Enabled', false: 'Disabled' }}
        onChange={set.enabled}
      />
      <FormControlLabel
        control={
          <Switch
            checked={values.includeDeleted}
            onChange={event => set.includeDeleted(event.target.checked)}
            size="small"
          />
        }
        label="Show deleted"
      />
    </>
  );
}
