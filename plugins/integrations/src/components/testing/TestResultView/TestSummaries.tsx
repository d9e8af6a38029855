import { TestRunResult } from '@internal/plugin-integrations-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useId } from 'react';
import { Fact, FactList } from '../../shared/FactList';
import {
  authenticationRows,
  connectivityRows,
  functionalityRows,
  performanceRows,
  rateLimitRows,
} from './summaries';

function SummaryBlock(props: { title: string; rows: Fact[] }) {
  const titleId = useId();
  if (props.rows.length === 0) {
    return null;
  }
  return (
    <Grid item xs={12} md={6}>
      <section aria-labelledby={titleId}>
        <Typography id={titleId} variant="subtitle2" component="h4">
          {props.title}
        </Typography>
        <FactList facts={props.rows} />
      </section>
    </Grid>
  );
}

/** What the connectivity, authentication, functionality and performance checks found. */
export function TestSummaries(props: { result: TestRunResult }) {
  const { connectivity, authentication, functionality, performance } =
    props.result;
  const { rateLimit } = props.result;
  return (
    <Grid container spacing={2}>
      <SummaryBlock
        title="Connectivity"
        rows={connectivityRows(connectivity)}
      />
      {authentication && (
        <SummaryBlock
          title="Authentication"
          rows={authenticationRows(authentication)}
        />
      )}
      {functionality && (
        <SummaryBlock
          title="Functionality"
          rows={functionalityRows(functionality)}
        />
      )}
      {performance && (
        <SummaryBlock title="Performance" rows={performanceRows(performance)} />
      )}
      {rateLimit && (
        <SummaryBlock title="Rate limit" rows={rateLimitRows(rateLimit)} />
      )}
    </Grid>
  );
}
