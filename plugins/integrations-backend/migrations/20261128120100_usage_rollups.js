// @ts-check

/**
 * Usage rollups per minute, hour and day for each configuration, endpoint
 * and method, with latency histograms that merge (so percentiles of any
 * period are read from counts, never averaged). Minutes that received
 * events are queued in usage_rollup_pending, in the same transaction as the
 * events, so a late event re-rolls its minute and nothing is missed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('usage_rollups', table => {
    table.comment('Usage per minute, hour and day, rolled up from events');
    table.string('granularity', 10).notNullable();
    table.timestamp('bucket_start', { useTz: true }).notNullable();
    table.string('integration_name', 100).notNullable();
    table.string('environment', 20).notNullable();
    table.string('endpoint', 300).notNullable();
    table.string('method', 10).notNullable();
    // The catalog Component the calls were made for; empty when unknown.
    table.string('component', 255).notNullable();
    table.integer('calls').notNullable();
    table.integer('failed').notNullable();
    table.text('errors').notNullable();
    table.double('duration_sum').notNullable();
    table.double('duration_max').notNullable();
    table.text('latency').notNullable();
    table.bigInteger('request_bytes').notNullable();
    table.bigInteger('response_bytes').notNullable();
    table.bigInteger('units').notNullable();
    table.bigInteger('largest_transfer').notNullable();
    table.timestamp('largest_transfer_at', { useTz: true }).nullable();
    // Days only: calls in each hour of the day (UTC), so a month's heat map
    // reads 30 rows per endpoint rather than 720.
    table.text('calls_by_hour').nullable();
    table.primary([
      'granularity',
      'integration_name',
      'environment',
      'bucket_start',
      'endpoint',
      'method',
      'component',
    ]);
    table.index(['granularity', 'bucket_start'], 'usage_rollups_by_time');
  });
  await knex.schema.createTable('usage_rollup_pending', table => {
    table.comment('Minutes whose rollups must be computed again');
    table.string('integration_name', 100).notNullable();
    table.string('environment', 20).notNullable();
    table.timestamp('minute_start', { useTz: true }).notNullable();
    // Counted up by every insert: a minute marked again while it was being
    // rolled up stays queued.
    table.integer('generation').notNullable();
    table.primary(['integration_name', 'environment', 'minute_start']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('usage_rollup_pending');
  await knex.schema.dropTable('usage_rollups');
};
