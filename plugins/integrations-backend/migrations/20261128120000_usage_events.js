// @ts-check

/**
 * Raw usage events: one row per call the company's product made to an
 * integration, whichever door it came in by. The id is the caller's, so a
 * retried batch is stored once. Kept for a retention period; rollups keep
 * the long view.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('usage_events', table => {
    table.comment('Calls made to integrations, as reported by their callers');
    table.string('id', 128).primary();
    table.string('integration_name', 100).notNullable();
    table.string('environment', 20).notNullable();
    table.string('endpoint', 300).notNullable();
    table.string('method', 10).notNullable();
    table.integer('status').nullable();
    table.double('duration_ms').notNullable();
    table.bigInteger('request_bytes').nullable();
    table.bigInteger('response_bytes').nullable();
    table.bigInteger('units').nullable();
    table.string('error_type', 40).nullable();
    table.string('caller', 100).nullable();
    table.string('component', 255).nullable();
    table.string('source', 20).notNullable();
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.index(
      ['integration_name', 'environment', 'occurred_at'],
      'usage_events_by_configuration',
    );
    table.index(['occurred_at'], 'usage_events_by_time');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('usage_events');
};
