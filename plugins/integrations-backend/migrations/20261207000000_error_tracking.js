// @ts-check

/**
 * Error tracking: every failure as an event, events grouped by fingerprint
 * into groups people triage, and each group's history.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('error_groups', table => {
    table.comment('Failures with one cause, triaged together');
    table.string('id', 36).primary();
    table
      .string('fingerprint', 64)
      .notNullable()
      .unique()
      .comment('Hash of what makes failures the same, per grouping scheme');
    table
      .integer('grouping_version')
      .notNullable()
      .comment('The scheme that made the fingerprint; never regrouped');
    table.string('integration_name', 100).notNullable();
    table.string('environment', 20).notNullable();
    table.string('error_type', 64).notNullable();
    table.integer('http_status').nullable();
    table.string('provider_code', 300).nullable();
    table.string('endpoint', 300).nullable();
    table.string('normalized_message', 500).notNullable();
    table.string('title', 300).notNullable();
    table.text('last_message').notNullable();
    table.string('documentation_url', 500).nullable();
    table.string('status', 20).notNullable();
    table.string('severity', 10).notNullable();
    table.string('severity_reason', 500).notNullable();
    table.string('severity_override', 10).nullable();
    table.string('resolution_status', 20).notNullable();
    table.string('resolved_by', 200).nullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table.text('resolution_text').nullable();
    table.text('prevention_measures').nullable().comment('JSON list');
    table.boolean('regressed').notNullable().defaultTo(false);
    table.timestamp('snooze_until', { useTz: true }).nullable();
    table
      .bigInteger('snooze_until_occurrences')
      .nullable()
      .comment('Wake when occurrences reach this count');
    table.integer('snooze_rate_per_hour').nullable();
    table.string('snoozed_by', 200).nullable();
    table.timestamp('snoozed_at', { useTz: true }).nullable();
    table
      .string('merged_into', 36)
      .nullable()
      .comment('The group this one was merged into; its events show there');
    table
      .boolean('automated_fix_enabled')
      .notNullable()
      .defaultTo(false)
      .comment('An admin turned the suggested fix on for this group');
    table.timestamp('automated_fix_last_run_at', { useTz: true }).nullable();
    table.bigInteger('occurrences').notNullable();
    table.timestamp('first_seen', { useTz: true }).notNullable();
    table.timestamp('last_seen', { useTz: true }).notNullable();
    table
      .text('components')
      .notNullable()
      .comment('JSON list of catalog Components whose calls failed so');
    table.index(['environment', 'last_seen'], 'error_groups_by_time');
    table.index(
      ['integration_name', 'environment', 'status'],
      'error_groups_by_configuration',
    );
    table.index(['merged_into'], 'error_groups_by_merge');
  });
  await knex.schema.createTable('error_events', table => {
    table.comment('Every captured failure, redacted of secrets');
    table
      .string('id', 200)
      .primary()
      .comment("Derived from the source's own id, so a retry is stored once");
    table.string('group_id', 36).notNullable();
    table.string('integration_name', 100).notNullable();
    table.string('environment', 20).notNullable();
    table.string('source', 30).notNullable();
    table.string('error_type', 64).notNullable();
    table.integer('http_status').nullable();
    table.string('provider_code', 300).nullable();
    table.string('endpoint', 300).nullable();
    table.string('operation', 300).nullable();
    table.text('message').notNullable();
    table.text('request_data').nullable().comment('Redacted JSON');
    table.text('response_data').nullable().comment('Redacted JSON');
    table.string('request_id', 200).nullable();
    table.string('component', 300).nullable();
    table.string('user_ref', 300).nullable();
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.index(['group_id', 'occurred_at'], 'error_events_by_group');
    // Newest first, as the Errors page and its pages read them: the first
    // page is the head of this index, not a sort of every visible event.
    table.index([knex.raw('occurred_at desc'), 'id'], 'error_events_by_time');
    table.index(['received_at'], 'error_events_by_age');
  });
  await knex.schema.createTable('error_group_hours', table => {
    table.comment(
      'Events per group and hour: trends, rates and snoozes read these, not the events',
    );
    table.string('group_id', 36).notNullable();
    table.timestamp('hour_start', { useTz: true }).notNullable();
    table.bigInteger('events').notNullable();
    table.primary(['group_id', 'hour_start']);
    table.index(['hour_start'], 'error_group_hours_by_time');
  });
  await knex.schema.createTable('error_group_history', table => {
    table.comment('What happened to a group: triage, merges, regressions');
    table.bigIncrements('id').primary();
    table.string('group_id', 36).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.string('actor', 300).notNullable();
    table.string('action', 30).notNullable();
    table.string('details', 2000).notNullable();
    table.index(['group_id', 'at'], 'error_group_history_by_group');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('error_group_history');
  await knex.schema.dropTable('error_group_hours');
  await knex.schema.dropTable('error_events');
  await knex.schema.dropTable('error_groups');
};
