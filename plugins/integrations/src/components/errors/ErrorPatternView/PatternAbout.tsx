import { AUTOMATED_FIX_LABELS } from '../AutomatedFixSection';
import { ErrorPattern } from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { absoluteTime, shortRef } from '../../../labels';
import { Fact, FactList } from '../../shared/FactList';
import { errorTypeLabel } from '../errorLabels';
import { webUrl } from '../webUrl';

function ExternalLink(props: { href: string; children: string }) {
  return (
    <Link href={props.href} target="_blank" rel="noopener noreferrer">
      {props.children}
    </Link>
  );
}

function criteriaOf(criteria: ErrorPattern['matchingCriteria']): Fact[] {
  const facts: Array<Fact | false> = [
    criteria.errorType !== undefined && [
      'Error type',
      errorTypeLabel(criteria.errorType),
    ],
    criteria.httpStatus !== undefined && ['HTTP status', criteria.httpStatus],
    criteria.providerCode !== undefined && [
      'Provider code',
      <code key="code">{criteria.providerCode}</code>,
    ],
    criteria.endpoint !== undefined && [
      'Endpoint',
      <code key="endpoint">{criteria.endpoint}</code>,
    ],
    criteria.errorMessage !== undefined && ['Message', criteria.errorMessage],
  ];
  return facts.filter((fact): fact is Fact => Boolean(fact));
}

/**
 * What the group is: its description, the events it takes in, the numbers,
 * the components that hit it, where to read more and what the backend does
 * about it by itself.
 */
export function PatternAbout(props: { pattern: ErrorPattern }) {
  const { pattern } = props;
  const documentation = webUrl(pattern.documentationUrl);
  const runbook = webUrl(pattern.runbookUrl);
  const criteria = criteriaOf(pattern.matchingCriteria);
  const automated = pattern.automatedResponse;
  return (
    <Box>
      <Typography variant="body1" paragraph>
        {pattern.description}
      </Typography>
      <FactList
        aria-label="About this group"
        facts={[
          ['Events', pattern.occurrences.toLocaleString('en-US')],
          ['First seen', absoluteTime(pattern.firstSeen)],
          ['Last seen', absoluteTime(pattern.lastSeen)],
          [
            'Affected components',
            pattern.affectedComponents.length
              ? pattern.affectedComponents.map(shortRef).join(', ')
              : 'none reported',
          ],
          [
            'Automated response',
            automated.enabled && automated.actions[0]
              ? `${AUTOMATED_FIX_LABELS[automated.actions[0]]}, with new events`
              : 'off',
          ],
          ...(documentation || runbook
            ? [
                [
                  'Read more',
                  <Box key="links" display="flex" gridGap={16}>
                    {documentation && (
                      <ExternalLink href={documentation}>
                        Provider documentation
                      </ExternalLink>
                    )}
                    {runbook && (
                      <ExternalLink href={runbook}>Runbook</ExternalLink>
                    )}
                  </Box>,
                ] as Fact,
              ]
            : []),
        ]}
      />
      <Typography variant="subtitle2" component="h4" style={{ marginTop: 16 }}>
        Matching criteria
      </Typography>
      {criteria.length ? (
        <FactList aria-label="Matching criteria" facts={criteria} />
      ) : (
        <Typography variant="body2" color="textSecondary">
          None recorded.
        </Typography>
      )}
    </Box>
  );
}
