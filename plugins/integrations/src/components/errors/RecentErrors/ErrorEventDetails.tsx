import { Progress } from '@backstage/core-components';
import {
  IntegrationError,
  errorSensitiveDataPermission,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useErrorEvent } from '../../../hooks/useErrorPattern';
import { absoluteTime, shortRef } from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { Fact, FactList } from '../../shared/FactList';
import { InlineAlert } from '../../shared/InlineAlert';
import { ERROR_SOURCE_LABELS, errorTypeLabel } from '../errorLabels';
import { webUrl } from '../webUrl';

const useStyles = makeStyles(theme => ({
  json: {
    margin: theme.spacing(0.5, 0, 2),
    padding: theme.spacing(1, 1.5),
    maxHeight: 320,
    overflow: 'auto',
    background: theme.palette.background.default,
    borderRadius: theme.shape.borderRadius,
    fontSize: '0.8rem',
  },
}));

function Payload(props: { title: string; value: unknown }) {
  const classes = useStyles();
  return (
    <Box component="section" aria-label={props.title}>
      <Typography variant="subtitle2" component="h5">
        {props.title}
      </Typography>
      <pre className={classes.json}>{JSON.stringify(props.value, null, 2)}</pre>
    </Box>
  );
}

function factsOf(event: IntegrationError): Fact[] {
  const { errorDetails: details, context } = event;
  const documentation = webUrl(details.documentationUrl);
  const facts: Array<Fact | false | undefined> = [
    ['Message', details.message],
    ['Time', absoluteTime(context.timestamp)],
    ['Type', errorTypeLabel(event.errorType)],
    ['From', ERROR_SOURCE_LABELS[context.source] ?? context.source],
    details.operation !== undefined && ['Operation', details.operation],
    details.endpoint !== undefined && [
      'Endpoint',
      <code key="endpoint">{details.endpoint}</code>,
    ],
    details.httpStatus !== undefined && ['HTTP status', details.httpStatus],
    details.providerCode !== undefined && [
      'Provider code',
      <code key="code">{details.providerCode}</code>,
    ],
    context.requestId !== undefined && [
      'Request id',
      <code key="request">{context.requestId}</code>,
    ],
    context.component !== undefined && [
      'Component',
      shortRef(context.component),
    ],
    context.userId !== undefined && ['User', shortRef(context.userId)],
    documentation !== undefined && [
      'Provider documentation',
      <Link
        key="docs"
        href={documentation}
        target="_blank"
        rel="noopener noreferrer"
      >
        {documentation}
      </Link>,
    ],
  ];
  return facts.filter((fact): fact is Fact => Boolean(fact));
}

/**
 * One error event in full. Its request and response are read with the event
 * and shown only when the backend sent them: they need the sensitive-data
 * permission, and they come redacted.
 */
export function ErrorEventDetails(props: { event: IntegrationError }) {
  const full = useErrorEvent(props.event.id);
  const event = full.value ?? props.event;
  const { requestData, responseData } = event.errorDetails;
  return (
    <Box>
      <FactList facts={factsOf(event)} aria-label="Event details" />
      <Box mt={2}>
        {full.loading && <Progress />}
        {full.error && (
          <InlineAlert
            severity="warning"
            title="The request and response could not be loaded"
          >
            {errorMessage(full.error)}
          </InlineAlert>
        )}
        {full.value && event.sensitiveDataHidden && (
          <Typography variant="body2" color="textSecondary">
            Request and response hidden: you lack{' '}
            {errorSensitiveDataPermission.name}
          </Typography>
        )}
        {full.value && requestData !== undefined && (
          <Payload title="Request (redacted)" value={requestData} />
        )}
        {full.value && responseData !== undefined && (
          <Payload title="Response (redacted)" value={responseData} />
        )}
      </Box>
    </Box>
  );
}
