import {
  HEALTH_RANGES,
  HealthRange,
} from '@internal/plugin-integrations-common';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import { HEALTH_RANGE_LABELS } from '../../../healthLabels';

/** Last 24 hours, 7 days or 30 days. */
export function RangeToggle(props: {
  value: HealthRange;
  onChange(range: HealthRange): void;
}) {
  return (
    <ButtonGroup size="small" color="primary" aria-label="Time range">
      {HEALTH_RANGES.map(range => (
        <Button
          key={range}
          variant={props.value === range ? 'contained' : 'outlined'}
          aria-pressed={props.value === range}
          onClick={() => props.onChange(range)}
        >
          {HEALTH_RANGE_LABELS[range]}
        </Button>
      ))}
    </ButtonGroup>
  );
}
