import { IntegrationUsageAnalytics } from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { useMemo } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ENVIRONMENT_LABELS, shortRef } from '../../../labels';
import { InlineAlert } from '../../shared/InlineAlert';
import { formatCount, formatMoney, topSeries } from '../analyticsData';
import { ChartFigure, NothingToChart } from '../ChartFigure';
import { BudgetBurn } from './BudgetBurn';

/** Operations listed in the table of the costliest. */
const TOP_OPERATIONS = 10;

const useStyles = makeStyles(theme => ({
  subtitle: { marginTop: theme.spacing(1) },
  hint: { marginBottom: theme.spacing(2) },
  section: { marginTop: theme.spacing(3) },
}));

/** Cost per name as bars, the costliest first, the rest added up. */
function CostBars(props: {
  title: string;
  costs: Map<string, number>;
  currency: string;
}) {
  const { title, costs, currency } = props;
  const theme = useTheme();
  const classes = useStyles();
  const bars = useMemo(
    () =>
      topSeries(costs).map(s => ({
        label: s.label,
        cost: s.members.reduce((sum, name) => sum + (costs.get(name) ?? 0), 0),
      })),
    [costs],
  );
  const money = (value: number) => formatMoney(value, currency);
  return (
    <Box role="group" aria-label={title}>
      <Typography
        variant="subtitle2"
        component="h4"
        className={classes.subtitle}
      >
        {title}
      </Typography>
      {bars.length === 0 ? (
        <NothingToChart>No cost in this period.</NothingToChart>
      ) : (
        <ResponsiveContainer
          width="100%"
          height={Math.max(90, bars.length * 28 + 40)}
        >
          <BarChart
            data={bars}
            layout="vertical"
            margin={{ top: 4, right: 24, left: 8, bottom: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" tickFormatter={money} />
            <YAxis type="category" dataKey="label" width={150} />
            <Tooltip
              wrapperStyle={{ zIndex: 2 }}
              formatter={value => money(Number(value))}
            />
            <Bar
              dataKey="cost"
              name="Cost"
              maxBarSize={20}
              fill={theme.palette.primary.main}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      )}
    </Box>
  );
}

function changeText(current: number, previous: number, currency: string) {
  if (previous === 0) {
    return current === 0
      ? 'nothing in the previous period either'
      : 'nothing in the previous period';
  }
  const change = Math.round(((current - previous) / previous) * 100);
  return `${change > 0 ? '+' : ''}${change} % vs ${formatMoney(
    previous,
    currency,
  )} in the previous period`;
}

/** Which integrations have no price list, said with where prices are set. */
function UnpricedHint(props: { unpriced: string[]; total: number }) {
  const { unpriced, total } = props;
  const classes = useStyles();
  if (unpriced.length === 0) {
    return null;
  }
  const where = (
    <>
      Prices per integration or provider are set under{' '}
      <code>integrations.usage.pricing</code>; the <strong>Usage</strong>{' '}
      section of the Integration Manager README shows how.
    </>
  );
  if (unpriced.length === total) {
    return (
      <Box className={classes.hint}>
        <InlineAlert severity="info" title="No prices configured">
          Cost shows once a price list names an integration or its provider.{' '}
          {where}
        </InlineAlert>
      </Box>
    );
  }
  const named = unpriced.slice(0, 5).join(', ');
  return (
    <Typography variant="body2" color="textSecondary" className={classes.hint}>
      Not priced, so counted as nothing: {named}
      {unpriced.length > 5 ? ` and ${unpriced.length - 5} more` : ''}. {where}
    </Typography>
  );
}

/**
 * What the period cost under the configured prices, against the period
 * before, broken down by integration, team, environment, Component and
 * operation; and how each monthly budget is burning.
 */
export function CostAndBudgets(props: {
  analytics: IntegrationUsageAnalytics;
}) {
  const { costAnalysis, costSummary } = props.analytics;
  const classes = useStyles();
  const { currency } = costSummary;
  const costs = useMemo(() => Object.values(costAnalysis), [costAnalysis]);
  const priced = costs.filter(c => c.priced);
  const unpriced = costs
    .filter(c => !c.priced)
    .map(c => c.integration)
    .sort();
  const breakdowns = useMemo(
    () => ({
      integration: new Map(
        costs.filter(c => c.priced).map(c => [c.integration, c.totalCost]),
      ),
      team: new Map(
        Object.entries(costSummary.byTeam).map(([team, cost]) => [
          shortRef(team),
          cost,
        ]),
      ),
      environment: new Map(
        Object.entries(costSummary.byEnvironment).map(([env, cost]) => [
          ENVIRONMENT_LABELS[env as keyof typeof ENVIRONMENT_LABELS] ?? env,
          cost,
        ]),
      ),
      component: new Map(
        costSummary.byComponent.map(c => [
          c.component ? shortRef(c.component) : 'Not named',
          c.cost,
        ]),
      ),
    }),
    [costs, costSummary],
  );
  const operations = useMemo(
    () =>
      costs
        .flatMap(c =>
          c.byOperation.map(op => ({ ...op, integration: c.integration })),
        )
        .filter(op => op.cost > 0)
        .sort((a, b) => b.cost - a.cost)
        .slice(0, TOP_OPERATIONS),
    [costs],
  );

  return (
    <Grid container spacing={2}>
      <Grid item xs={12} lg={8}>
        <ChartFigure
          title="Cost"
          caption={
            priced.length > 0
              ? `${formatMoney(
                  costSummary.totalCost,
                  currency,
                )} over the period, ${changeText(
                  costSummary.totalCost,
                  costSummary.previousPeriodCost,
                  currency,
                )}. Usage at the configured prices plus the period's share of monthly fees.`
              : undefined
          }
        >
          <UnpricedHint unpriced={unpriced} total={costs.length} />
          {priced.length > 0 && (
            <>
              <Grid container spacing={2}>
                <Grid item xs={12} md={6}>
                  <CostBars
                    title="Per integration"
                    costs={breakdowns.integration}
                    currency={currency}
                  />
                </Grid>
                <Grid item xs={12} md={6}>
                  <CostBars
                    title="Per team"
                    costs={breakdowns.team}
                    currency={currency}
                  />
                </Grid>
                <Grid item xs={12} md={6}>
                  <CostBars
                    title="Per environment"
                    costs={breakdowns.environment}
                    currency={currency}
                  />
                </Grid>
                <Grid item xs={12} md={6}>
                  <CostBars
                    title="Per Component"
                    costs={breakdowns.component}
                    currency={currency}
                  />
                </Grid>
              </Grid>
              <Typography
                variant="subtitle2"
                component="h4"
                className={classes.section}
              >
                Costliest operations
              </Typography>
              {operations.length === 0 ? (
                <NothingToChart>
                  No operation cost anything in this period.
                </NothingToChart>
              ) : (
                <Table size="small" aria-label="Costliest operations">
                  <TableHead>
                    <TableRow>
                      <TableCell>Integration</TableCell>
                      <TableCell>Operation</TableCell>
                      <TableCell align="right">Calls</TableCell>
                      <TableCell align="right">Units</TableCell>
                      <TableCell align="right">Cost</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {operations.map(op => (
                      <TableRow key={`${op.integration} ${op.operation}`}>
                        <TableCell>{op.integration}</TableCell>
                        <TableCell>{op.operation}</TableCell>
                        <TableCell align="right">
                          {formatCount(op.calls)}
                        </TableCell>
                        <TableCell align="right">
                          {formatCount(op.units)}
                        </TableCell>
                        <TableCell align="right">
                          {formatMoney(op.cost, currency)}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </>
          )}
        </ChartFigure>
      </Grid>
      <Grid item xs={12} lg={4}>
        <ChartFigure
          title="Budgets"
          caption="This calendar month (UTC), every environment."
        >
          <BudgetBurn budgets={costSummary.budgets} />
        </ChartFigure>
      </Grid>
    </Grid>
  );
}
