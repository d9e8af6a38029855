import { Environment } from '@internal/plugin-integrations-common';
import Button from '@material-ui/core/Button';
import Box from '@material-ui/core/Box';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import { ENVIRONMENT_LABELS } from '../../../labels';

/** The environments an integration is configured in; nothing when it is in one only. */
export function EnvironmentSwitch(props: {
  environments: Environment[];
  value?: Environment;
  onChange(environment: Environment): void;
}) {
  const { environments, value, onChange } = props;
  if (environments.length < 2) {
    return null;
  }
  return (
    <Box mb={2}>
      <ButtonGroup size="small" color="primary" aria-label="Environment">
        {environments.map(environment => (
          <Button
            key={environment}
            variant={value === environment ? 'contained' : 'outlined'}
            aria-pressed={value === environment}
            onClick={() => onChange(environment)}
          >
            {ENVIRONMENT_LABELS[environment]}
          </Button>
        ))}
      </ButtonGroup>
    </Box>
  );
}
