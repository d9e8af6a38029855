// @ts-check

/**
 * Who is refreshing an integration's OAuth token right now, so that backend
 * replicas never spend one single-use refresh token twice.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('token_refresh_leases', table => {
    table.comment('One OAuth token refresh at a time per configuration');
    table.string('integration_name', 100).notNullable();
    table.string('environment', 20).notNullable();
    table.string('holder', 64).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.primary(['integration_name', 'environment']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('token_refresh_leases');
};
