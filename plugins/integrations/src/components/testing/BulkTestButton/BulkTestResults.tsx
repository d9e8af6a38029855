import { BulkTestResponse } from '@internal/plugin-integrations-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { failureLabel, formatDuration } from '../../../healthLabels';
import { TestRunStatusLabel } from '../../shared/StatusLabel';

type BulkItem = BulkTestResponse['results'][number];

function ItemOutcome(props: { item: BulkItem }) {
  const { item } = props;
  if ('error' in item) {
    return (
      <Typography variant="body2" color="error" component="span">
        Not tested: {item.error}
      </Typography>
    );
  }
  const { result } = item;
  return (
    <Typography variant="body2" component="span">
      <TestRunStatusLabel status={result.status} />
      {formatDuration(result.durationMs)}
      {result.failure &&
        ` · ${failureLabel(result.failure.class)} (${result.failure.class})`}
    </Typography>
  );
}

/** One line per tested integration: its outcome, or why it was not tested. */
export function BulkTestResults(props: {
  response: BulkTestResponse;
  displayNames: Map<string, string>;
}) {
  const { response, displayNames } = props;
  const failed = response.results.filter(
    item => 'error' in item || item.result.status === 'failed',
  ).length;
  return (
    <>
      <Typography paragraph>
        {response.results.length - failed} of {response.results.length} passed.
      </Typography>
      <List dense aria-label="Test results">
        {response.results.map(item => (
          <ListItem key={`${item.integration}:${item.environment}`} divider>
            <ListItemText
              primary={displayNames.get(item.integration) ?? item.integration}
              secondary={<ItemOutcome item={item} />}
              secondaryTypographyProps={{ component: 'div' }}
            />
          </ListItem>
        ))}
      </List>
    </>
  );
}
