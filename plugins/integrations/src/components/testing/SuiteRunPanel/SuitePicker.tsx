import { TestSuite } from '@internal/plugin-integrations-common';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';
import { TEST_SUITE_LABELS } from '../../../healthLabels';
import { SUITE_DESCRIPTIONS } from './suites';

/** Picks the suite to run, each with one line on what it checks. */
export function SuitePicker(props: {
  value: TestSuite;
  disabled?: boolean;
  onChange(suite: TestSuite): void;
}) {
  return (
    <FormControl component="fieldset" disabled={props.disabled}>
      <FormLabel component="legend">Test suite</FormLabel>
      <RadioGroup
        value={props.value}
        onChange={event => props.onChange(event.target.value as TestSuite)}
      >
        {SUITE_DESCRIPTIONS.map(({ suite, description }) => (
          <FormControlLabel
            key={suite}
            value={suite}
            control={<Radio size="small" />}
            label={
              <>
                <Typography variant="body2" component="span">
                  <strong>{TEST_SUITE_LABELS[suite]}</strong>
                </Typography>
                <Typography
                  variant="body2"
                  color="textSecondary"
                  component="span"
                >
                  {' — '}
                  {description}
                </Typography>
              </>
            }
          />
        ))}
      </RadioGroup>
    </FormControl>
  );
}
