// @ts-check

/**
 * Audit volume: scheduled credential uses become one counted row per
 * configuration, purpose and hour, and old rows can be removed by retention.
 *
 * The log stays append-only for everything else. The database allows exactly
 * two changes besides INSERT:
 * - an UPDATE of a counted row (`count_key` set) that only raises `use_count`;
 * - a DELETE of a row older than the cutoff of a retention grant, a row the
 *   retention path inserts and removes inside its own transaction (so no
 *   other transaction ever sees it), whose cutoff is itself at least
 *   MINIMUM_RETENTION_DAYS in the past.
 */

const MINIMUM_RETENTION_DAYS = 30;

/** Every column a counted UPDATE must leave as it is. */
const FIXED_COLUMNS = [
  'id',
  'event_id',
  'occurred_at',
  'user_id',
  'integration',
  'environment',
  'action',
  'category',
  'details',
  'context',
  'outcome',
  'error',
  'count_key',
];

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('audit_log', table => {
    table
      .integer('use_count')
      .notNullable()
      .defaultTo(1)
      .comment('Uses this row stands for: above 1 only on counted rows');
    table
      .string('count_key', 64)
      .nullable()
      .comment(
        'Set on counted rows: hash of hour, configuration, actor, purpose and fields',
      );
    table.unique(['count_key'], { indexName: 'audit_log_count_key_idx' });
  });
  await knex.schema.createTable('audit_log_retention_grants', table => {
    table.comment(
      'Written and removed by the audit retention path inside its transaction; never committed',
    );
    table.timestamp('cutoff', { useTz: true }).notNullable();
  });

  if (knex.client.config.client === 'pg') {
    const unchanged = FIXED_COLUMNS.map(
      column => `NEW.${column} IS NOT DISTINCT FROM OLD.${column}`,
    ).join(' AND ');
    await knex.raw(`
      CREATE OR REPLACE FUNCTION integrations_audit_log_append_only() RETURNS trigger AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.count_key IS NOT NULL
           AND NEW.use_count > OLD.use_count AND ${unchanged} THEN
          RETURN NEW;
        END IF;
        IF TG_OP = 'DELETE' AND EXISTS (
          SELECT 1 FROM audit_log_retention_grants grant_row
          WHERE OLD.occurred_at < grant_row.cutoff
            AND grant_row.cutoff <= now() - interval '${MINIMUM_RETENTION_DAYS} days'
        ) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
      END;
      $$ LANGUAGE plpgsql`);
    return;
  }
  // SQLite stores these timestamps as milliseconds since the epoch.
  const unchanged = FIXED_COLUMNS.map(
    column => `NEW.${column} IS OLD.${column}`,
  ).join(' AND ');
  await knex.raw('DROP TRIGGER audit_log_no_update');
  await knex.raw('DROP TRIGGER audit_log_no_delete');
  await knex.raw(`
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    WHEN NOT (OLD.count_key IS NOT NULL AND NEW.use_count > OLD.use_count AND ${unchanged})
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE is not allowed'); END`);
  await knex.raw(`
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    WHEN NOT EXISTS (
      SELECT 1 FROM audit_log_retention_grants grant_row
      WHERE OLD.occurred_at < grant_row.cutoff
        AND grant_row.cutoff <= (CAST(strftime('%s', 'now') AS INTEGER) - ${
          MINIMUM_RETENTION_DAYS * 86400
        }) * 1000
    )
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE is not allowed'); END`);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client === 'pg') {
    await knex.raw(`
      CREATE OR REPLACE FUNCTION integrations_audit_log_append_only() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
      END;
      $$ LANGUAGE plpgsql`);
  } else {
    await knex.raw('DROP TRIGGER audit_log_no_update');
    await knex.raw('DROP TRIGGER audit_log_no_delete');
    await knex.raw(`
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE is not allowed'); END`);
    await knex.raw(`
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE is not allowed'); END`);
  }
  await knex.schema.dropTable('audit_log_retention_grants');
  // Plain statements: knex would rebuild the SQLite table, and its triggers with it.
  if (knex.client.config.client !== 'pg') {
    await knex.raw('DROP INDEX audit_log_count_key_idx');
  }
  await knex.raw('ALTER TABLE audit_log DROP COLUMN count_key');
  await knex.raw('ALTER TABLE audit_log DROP COLUMN use_count');
};
