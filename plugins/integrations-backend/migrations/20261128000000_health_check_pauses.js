// @ts-check

/**
 * Configurations whose scheduled health checks an admin paused, e.g. during a
 * provider's maintenance window, and who did it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('health_check_pauses', table => {
    table.comment('Paused scheduled health checks per configuration');
    table.string('integration_name', 100).notNullable();
    table.string('environment', 20).notNullable();
    table.string('paused_by', 255).notNullable();
    table.timestamp('paused_at', { useTz: true }).notNullable();
    table.primary(['integration_name', 'environment']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('health_check_pauses');
};
