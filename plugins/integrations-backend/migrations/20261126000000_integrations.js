// @ts-check

/**
 * Integrations and their per-environment configurations.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('integrations', table => {
    table.comment('One row per external service the company talks to');
    table.string('name', 100).primary().comment('Unique, URL-safe name');
    table.string('display_name', 200).notNullable();
    table.string('provider', 100).notNullable().comment('Provider catalog id');
    table.string('category', 50).notNullable();
    table.string('owner', 255).notNullable().comment('Owning group entity ref');
    table.text('description').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('created_by', 255).notNullable();
  });

  await knex.schema.createTable('integration_configs', table => {
    table.comment('One row per integration and environment');
    table
      .string('integration_name', 100)
      .notNullable()
      .references('name')
      .inTable('integrations')
      .onDelete('CASCADE');
    table.string('environment', 20).notNullable();
    table.boolean('enabled').notNullable();
    table.text('connection_config').notNullable().comment('JSON');
    table.text('auth_config').notNullable().comment('JSON, never secrets');
    table.integer('version').notNullable();
    table.text('notes').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.string('updated_by', 255).notNullable();
    table.primary(['integration_name', 'environment']);
    table.index(['environment'], 'integration_configs_environment_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('integration_configs');
  await knex.schema.dropTable('integrations');
};
