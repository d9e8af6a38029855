// @ts-check

/**
 * Alerts raised by the backend's checks, kept until the alerting work
 * delivers, acknowledges and resolves them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('alerts', table => {
    table.comment('Alerts about integrations');
    table.uuid('id').primary();
    table.string('integration_name', 100).notNullable();
    table.string('environment', 20).notNullable();
    table.string('type', 50).notNullable();
    table.string('severity', 20).notNullable();
    table.string('title', 300).notNullable();
    table.text('message').notNullable();
    table.string('status', 20).notNullable();
    table
      .string('dedupe_key', 400)
      .notNullable()
      .unique()
      .comment('The same condition raises one alert');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['integration_name', 'environment'], 'alerts_integration_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('alerts');
};
