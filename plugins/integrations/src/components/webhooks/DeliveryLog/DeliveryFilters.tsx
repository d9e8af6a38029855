import {
  WEBHOOK_DELIVERY_STATUSES,
  WebhookDeliveryStatus,
  WebhookEndpoint,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import { makeStyles } from '@material-ui/core/styles';
import { FilterSelect } from '../../shared/FilterSelect';
import { DELIVERY_STATUS_LABELS } from '../webhookLabels';
import { LabelledTextField } from '../../shared/LabelledTextField';

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  select: { minWidth: 200 },
}));

/** The delivery log's filters; times as the `datetime-local` inputs hold them. */
export interface DeliveryFilterValues {
  endpoint: string;
  event: string;
  status: WebhookDeliveryStatus | '';
  from: string;
  to: string;
}

export const NO_DELIVERY_FILTERS: DeliveryFilterValues = {
  endpoint: '',
  event: '',
  status: '',
  from: '',
  to: '',
};

export function DeliveryFilters(props: {
  values: DeliveryFilterValues;
  endpoints: WebhookEndpoint[];
  eventTypes: string[];
  onChange(values: DeliveryFilterValues): void;
}) {
  const { values, endpoints, eventTypes, onChange } = props;
  const classes = useStyles();
  const set = (patch: Partial<DeliveryFilterValues>) =>
    onChange({ ...values, ...patch });
  return (
    <Box className={classes.filters}>
      <LabelledTextField
        select
        label="Endpoint"
        className={classes.select}
        value={values.endpoint}
        onChange={event => set({ endpoint: event.target.value })}
      >
        <MenuItem value="">All</MenuItem>
        {endpoints.map(endpoint => (
          <MenuItem key={endpoint.id} value={endpoint.id}>
            {endpoint.name} ({endpoint.integration})
          </MenuItem>
        ))}
      </LabelledTextField>
      <LabelledTextField
        select
        label="Event type"
        className={classes.select}
        value={values.event}
        onChange={event => set({ event: event.target.value })}
      >
        <MenuItem value="">All</MenuItem>
        {eventTypes.map(type => (
          <MenuItem key={type} value={type}>
            {type}
          </MenuItem>
        ))}
      </LabelledTextField>
      <FilterSelect
        label="Status"
        value={values.status}
        options={WEBHOOK_DELIVERY_STATUSES}
        labels={DELIVERY_STATUS_LABELS}
        onChange={status => set({ status })}
      />
      <LabelledTextField
        label="From"
        type="datetime-local"
        value={values.from}
        InputLabelProps={{ shrink: true }}
        onChange={event => set({ from: event.target.value })}
      />
      <LabelledTextField
        label="To"
        type="datetime-local"
        value={values.to}
        InputLabelProps={{ shrink: true }}
        onChange={event => set({ to: event.target.value })}
      />
    </Box>
  );
}
