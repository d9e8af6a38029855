import { UsageRecommendation } from '@internal/plugin-integrations-common';
import Button from '@material-ui/core/Button';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ErrorIcon from '@material-ui/icons/Error';
import InfoIcon from '@material-ui/icons/Info';
import WarningIcon from '@material-ui/icons/Warning';
import { useState } from 'react';
import { ChartFigure, NothingToChart } from '../ChartFigure';

/** Recommendations listed before "show all". */
const FIRST = 8;

const SEVERITY_RANK: Record<UsageRecommendation['severity'], number> = {
  critical: 0,
  warning: 1,
  info: 2,
};

const KIND_LABELS: Record<UsageRecommendation['kind'], string> = {
  errors: 'errors',
  latency: 'latency',
  budget: 'budget',
  peak: 'peak hours',
  rate_limit: 'rate limit',
};

const useStyles = makeStyles(theme => ({
  critical: { color: theme.palette.error.main },
  warning: { color: theme.palette.warning.main },
  info: { color: theme.palette.info.main },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    display: 'flex',
    gap: theme.spacing(1.5),
    alignItems: 'flex-start',
    padding: theme.spacing(1, 0),
  },
  icon: { paddingTop: 2 },
}));

function SeverityIcon(props: { severity: UsageRecommendation['severity'] }) {
  const classes = useStyles();
  const { severity } = props;
  const label = { critical: 'Critical', warning: 'Warning', info: 'Info' }[
    severity
  ];
  const Icon = { critical: ErrorIcon, warning: WarningIcon, info: InfoIcon }[
    severity
  ];
  return (
    <Icon className={classes[severity]} titleAccess={label} fontSize="small" />
  );
}

/** What an admin can do about how integrations are used, the most pressing first. */
export function Recommendations(props: {
  recommendations: UsageRecommendation[];
}) {
  const classes = useStyles();
  const [showAll, setShowAll] = useState(false);
  const sorted = [...props.recommendations].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      a.integration.localeCompare(b.integration),
  );
  const shown = showAll ? sorted : sorted.slice(0, FIRST);
  return (
    <ChartFigure title="Recommendations">
      {sorted.length === 0 ? (
        <NothingToChart>
          Nothing to recommend: no integration fails often, runs slow, strains
          its budget or bunches its calls into one hour.
        </NothingToChart>
      ) : (
        <>
          <Box
            component="ul"
            className={classes.list}
            aria-label="Recommendations"
          >
            {shown.map((r, index) => (
              <li
                key={`${r.integration}-${r.kind}-${index}`}
                className={classes.item}
              >
                <span className={classes.icon}>
                  <SeverityIcon severity={r.severity} />
                </span>
                <span>
                  <Typography variant="body2">{r.message}</Typography>
                  <Typography variant="caption" color="textSecondary">
                    {r.integration} · {KIND_LABELS[r.kind]}
                  </Typography>
                </span>
              </li>
            ))}
          </Box>
          {sorted.length > FIRST && (
            <Button size="small" onClick={() => setShowAll(!showAll)}>
              {showAll
                ? `Show the first ${FIRST}`
                : `Show all ${sorted.length}`}
            </Button>
          )}
        </>
      )}
    </ChartFigure>
  );
}
