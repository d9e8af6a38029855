import { ErrorPattern } from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { snoozeConditions } from '../errorLabels';

/** Regressed, snoozed and merged: what sets a group apart from a plain open one. */
export function PatternMarkers(props: { pattern: ErrorPattern }) {
  const { pattern } = props;
  const merged = pattern.mergedPatterns.length;
  if (!pattern.regressed && !pattern.snooze && merged === 0) {
    return null;
  }
  return (
    <Box display="flex" flexWrap="wrap" gridGap={4} mt={0.5}>
      {pattern.regressed && (
        <Tooltip title="It was resolved and happened again">
          <Chip size="small" color="secondary" label="Regressed" />
        </Tooltip>
      )}
      {pattern.snooze && (
        <Tooltip title={`Quiet ${snoozeConditions(pattern.snooze)}`}>
          <Chip size="small" variant="outlined" label="Snoozed" />
        </Tooltip>
      )}
      {merged > 0 && (
        <Tooltip
          title={`Merged in: ${pattern.mergedPatterns
            .map(group => group.name)
            .join(', ')}`}
        >
          <Chip size="small" variant="outlined" label={`${merged} merged`} />
        </Tooltip>
      )}
    </Box>
  );
}
