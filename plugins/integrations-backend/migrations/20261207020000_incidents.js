// @ts-check

/**
 * Incidents: error groups that started together with one likely cause (a
 * provider, a shared dependency, a configuration or credential change), and
 * what happened in each.
 *
 * While an incident is open its `open_key` (environment and cause) is set and
 * unique, so two runs of the correlation that find the same cause at once
 * make one incident; once resolved the key is cleared and the cause may open
 * a new one. A group is a member once per incident; `joined_at` says when
 * its current episode was correlated, so a group that regresses is taken in
 * again while the same group's old episode is not.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('incidents', table => {
    table.comment(
      'Error groups that started together, with their likely cause',
    );
    table.string('id', 36).primary();
    table.string('environment', 20).notNullable();
    table.string('status', 20).notNullable();
    table.string('cause_kind', 30).notNullable();
    table
      .string('cause_key', 300)
      .notNullable()
      .comment(
        'What makes two findings the same cause, e.g. configuration:stripe:7',
      );
    table
      .string('open_key', 330)
      .nullable()
      .unique({ indexName: 'incidents_open_key_unique' })
      .comment('environment and cause_key while open; null once resolved');
    table.text('cause').notNullable().comment('JSON: the likely cause');
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table.string('resolved_by', 300).nullable();
    table.index(['status', 'environment', 'started_at'], 'incidents_by_status');
  });
  await knex.schema.createTable('incident_groups', table => {
    table.comment('The error groups of each incident');
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.string('group_id', 36).notNullable();
    table.string('integration_name', 100).notNullable();
    table.string('environment', 20).notNullable();
    table
      .timestamp('started_at', { useTz: true })
      .notNullable()
      .comment('When the episode of the group that was correlated started');
    table.timestamp('joined_at', { useTz: true }).notNullable();
    table.primary(['incident_id', 'group_id']);
    table.index(['group_id', 'joined_at'], 'incident_groups_by_group');
  });
  await knex.schema.createTable('incident_timeline', table => {
    table.comment('What happened in each incident');
    table.bigIncrements('id').primary();
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.timestamp('at', { useTz: true }).notNullable();
    table.string('kind', 30).notNullable();
    table.string('description', 2000).notNullable();
    table.string('integration_name', 100).nullable();
    table.string('group_id', 36).nullable();
    table.string('actor', 300).nullable();
    table.index(['incident_id', 'at'], 'incident_timeline_by_incident');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('incident_timeline');
  await knex.schema.dropTable('incident_groups');
  await knex.schema.dropTable('incidents');
};
