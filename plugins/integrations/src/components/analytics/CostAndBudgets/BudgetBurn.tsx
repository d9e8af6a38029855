import { BudgetStatus } from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { shortRef } from '../../../labels';
import { formatMoney } from '../analyticsData';

const STATUS_RANK: Record<BudgetStatus['status'], number> = {
  critical: 0,
  warning: 1,
  ok: 2,
};

const useStyles = makeStyles(theme => ({
  budget: { marginBottom: theme.spacing(2) },
  heading: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
  },
  track: {
    position: 'relative',
    height: 10,
    borderRadius: 5,
    overflow: 'hidden',
    margin: theme.spacing(0.5, 0),
    backgroundColor: theme.palette.action.hover,
  },
  fill: { position: 'absolute', top: 0, bottom: 0, left: 0 },
  projected: { opacity: 0.35 },
  ok: { backgroundColor: theme.palette.success.main },
  warning: { backgroundColor: theme.palette.warning.main },
  critical: { backgroundColor: theme.palette.error.main },
  okChip: {},
  warningChip: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  criticalChip: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
}));

const STATUS_LABELS: Record<BudgetStatus['status'], string> = {
  ok: 'On budget',
  warning: 'Warning',
  critical: 'Critical',
};

/**
 * Each monthly budget, the ones in trouble first: spent so far as the bar,
 * where the month ends at this rate as the lighter bar behind it.
 */
export function BudgetBurn(props: { budgets: BudgetStatus[] }) {
  const classes = useStyles();
  const budgets = [...props.budgets].sort(
    (a, b) =>
      STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
      b.percentUsed - a.percentUsed,
  );
  if (budgets.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No budgets configured. Budgets per integration or team are set under{' '}
        <code>integrations.usage.budgets</code> (README, section Usage).
      </Typography>
    );
  }
  return (
    <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {budgets.map(budget => {
        const label = `${budget.scope === 'team' ? 'Team' : 'Integration'} ${
          budget.scope === 'team' ? shortRef(budget.name) : budget.name
        }`;
        const projectedPercent =
          budget.monthly > 0 ? (budget.projected / budget.monthly) * 100 : 0;
        return (
          <Box
            component="li"
            key={`${budget.scope}:${budget.name}`}
            className={classes.budget}
            aria-label={`Budget of ${label}`}
          >
            <Box className={classes.heading}>
              <Typography variant="body2" title={budget.name}>
                <strong>{label}</strong>
              </Typography>
              <Chip
                size="small"
                label={STATUS_LABELS[budget.status]}
                className={classes[`${budget.status}Chip` as const]}
              />
            </Box>
            <Box
              className={classes.track}
              role="meter"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(budget.percentUsed)}
              aria-label={`${label}: ${Math.round(budget.percentUsed)} % spent`}
              title={`Spent ${Math.round(
                budget.percentUsed,
              )} %, projected ${Math.round(projectedPercent)} %`}
            >
              <Box
                className={`${classes.fill} ${classes.projected} ${
                  classes[budget.status]
                }`}
                style={{ width: `${Math.min(100, projectedPercent)}%` }}
              />
              <Box
                className={`${classes.fill} ${classes[budget.status]}`}
                style={{ width: `${Math.min(100, budget.percentUsed)}%` }}
              />
            </Box>
            <Typography variant="body2">
              {formatMoney(budget.spent, budget.currency)} of{' '}
              {formatMoney(budget.monthly, budget.currency)} spent this month (
              {Math.round(budget.percentUsed)} %), projected{' '}
              {formatMoney(budget.projected, budget.currency)} by the month's
              end
            </Typography>
            <Typography variant="caption" color="textSecondary">
              Warning at {budget.warningPercent} %, critical at{' '}
              {budget.criticalPercent} %
              {budget.scope === 'team' && budget.integrations.length > 0
                ? ` · ${budget.integrations
                    .slice(0, 3)
                    .map(
                      i => `${i.name} ${formatMoney(i.spent, budget.currency)}`,
                    )
                    .join(', ')}${
                    budget.integrations.length > 3
                      ? ` and ${budget.integrations.length - 3} more`
                      : ''
                  }`
                : ''}
            </Typography>
          </Box>
        );
      })}
    </Box>
  );
}
