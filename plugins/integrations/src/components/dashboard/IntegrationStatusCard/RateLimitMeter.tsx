import { RateLimitReading } from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { useId } from 'react';
import { relativeTime } from '../../../labels';

/** How much of the provider's rate limit is left, when the provider says. */
export function RateLimitMeter(props: { reading: RateLimitReading }) {
  const { limit, remaining, resetAt } = props.reading;
  const labelId = useId();
  if (limit === undefined || remaining === undefined || limit <= 0) {
    return null;
  }
  const share = Math.max(0, Math.min(100, (remaining / limit) * 100));
  return (
    <Box mt={1}>
      <Typography id={labelId} variant="body2" color="textSecondary">
        Rate limit: {remaining.toLocaleString()} of {limit.toLocaleString()}{' '}
        requests left
        {resetAt &&
          (Date.parse(resetAt) > Date.now()
            ? ` · resets ${relativeTime(resetAt)}`
            : ` · as of the last check; the window has reset since`)}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={share}
        color={share < 20 ? 'secondary' : 'primary'}
        aria-labelledby={labelId}
      />
    </Box>
  );
}
