import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ImpactedEntity,
  IntegrationImpact,
} from '@internal/plugin-integrations-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { shortRef } from '../../../labels';

const useStyles = makeStyles(theme => ({
  teams: { listStyle: 'none', margin: 0, padding: 0 },
  team: { marginTop: theme.spacing(1.5) },
  entities: { margin: theme.spacing(0.5, 0, 0), paddingLeft: theme.spacing(3) },
  entity: { overflowWrap: 'anywhere' },
}));

interface Team {
  /** Undefined for the entities nobody owns in the catalog. */
  owner?: string;
  entities: ImpactedEntity[];
}

/** The affected entities by owning team, the impact's owners order first. */
function byTeam(impact: IntegrationImpact): Team[] {
  const affected = [...impact.components, ...impact.systems, ...impact.others];
  const owners = [
    ...new Set([
      ...impact.owners,
      ...affected.flatMap(entity => (entity.owner ? [entity.owner] : [])),
    ]),
  ];
  const teams: Team[] = owners.map(owner => ({
    owner,
    entities: affected.filter(entity => entity.owner === owner),
  }));
  teams.push({ entities: affected.filter(entity => !entity.owner) });
  return teams.filter(team => team.entities.length > 0);
}

/** "directly", or "through checkout-service → billing-portal". */
function pathOf(entity: ImpactedEntity): string {
  return entity.direct
    ? 'directly'
    : `through ${entity.via.map(shortRef).join(' → ')}`;
}

/**
 * The Components, Systems and other entities that depend on the
 * integration, under the team that owns them, each a link to its catalog
 * page with how it depends: directly, or through the entities between.
 */
export function AffectedByOwner(props: { impact: IntegrationImpact }) {
  const classes = useStyles();
  return (
    <ul className={classes.teams} aria-label="Affected, by owner">
      {byTeam(props.impact).map(team => (
        <li
          key={team.owner ?? ''}
          className={classes.team}
          aria-label={team.owner ? shortRef(team.owner) : 'No owner'}
        >
          <Typography variant="subtitle2" component="p">
            {team.owner ? (
              <EntityRefLink entityRef={team.owner}>
                {shortRef(team.owner)}
              </EntityRefLink>
            ) : (
              'No owner in the catalog'
            )}
          </Typography>
          <ul className={classes.entities}>
            {team.entities.map(entity => (
              <li key={entity.entityRef} className={classes.entity}>
                <EntityRefLink entityRef={entity.entityRef}>
                  {entity.title ?? entity.name}
                </EntityRefLink>{' '}
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="span"
                >
                  {entity.kind}, {pathOf(entity)}
                </Typography>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
