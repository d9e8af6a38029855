// @ts-check

/**
 * Connection tests and health checks: every run with its full result, a
 * compact sample per check, hourly rollups for uptime and response-time
 * history, the current status of each configuration and its changes.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('test_runs', table => {
    table.comment('Connection tests and health checks, with their results');
    table.uuid('id').primary();
    table.string('integration_name', 100).notNullable();
    table.string('environment', 20).notNullable();
    table.string('suite', 20).notNullable();
    table.string('status', 20).notNullable();
    table.string('trigger', 20).notNullable();
    table.string('triggered_by', 255).notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.integer('duration_ms').notNullable();
    table.string('failure_class', 40).nullable();
    table.text('result').notNullable().comment('The TestRunResult as JSON');
    table.index(
      ['integration_name', 'environment', 'started_at'],
      'test_runs_integration_idx',
    );
    table.index(['started_at'], 'test_runs_started_idx');
  });

  await knex.schema.createTable('health_rollups', table => {
    table.comment(
      'Checks per configuration and hour, kept for 30 days and more',
    );
    table.string('integration_name', 100).notNullable();
    table.string('environment', 20).notNullable();
    table.timestamp('bucket_start', { useTz: true }).notNullable();
    table.integer('checks').notNullable();
    table.integer('failures').notNullable();
    table.bigInteger('response_ms_sum').notNullable();
    table.integer('response_ms_count').notNullable();
    table.integer('response_ms_max').nullable();
    table.primary(['integration_name', 'environment', 'bucket_start']);
    table.index(['environment', 'bucket_start'], 'health_rollups_time_idx');
  });

  await knex.schema.createTable('health_states', table => {
    table.comment('The current health of each configuration');
    table.string('integration_name', 100).notNullable();
    table.string('environment', 20).notNullable();
    table.string('status', 20).notNullable();
    table.text('reasons').notNullable();
    table.text('recent').notNullable().comment('Latest checks, newest first');
    table.timestamp('last_checked_at', { useTz: true }).nullable();
    table.timestamp('last_success_at', { useTz: true }).nullable();
    table.timestamp('status_changed_at', { useTz: true }).nullable();
    table.string('last_run_id', 36).nullable();
    table.text('failure').nullable();
    table.integer('response_time_ms').nullable();
    table.text('rate_limit').nullable();
    table.primary(['integration_name', 'environment']);
  });

  await knex.schema.createTable('health_events', table => {
    table.comment('Changes of health status, for the activity feed');
    table.uuid('id').primary();
    table.string('integration_name', 100).notNullable();
    table.string('environment', 20).notNullable();
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table.string('previous_status', 20).notNullable();
    table.string('status', 20).notNullable();
    table.text('summary').notNullable();
    table.index(['environment', 'occurred_at'], 'health_events_time_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('health_events');
  await knex.schema.dropTable('health_states');
  await knex.schema.dropTable('health_rollups');
  await knex.schema.dropTable('test_runs');
};
