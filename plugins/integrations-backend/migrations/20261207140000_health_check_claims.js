// @ts-check

/**
 * Which replica is checking a configuration now: every replica ticks the
 * health-check task and claims due configurations here, so the checks are
 * shared among replicas and none is checked twice at once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('health_check_claims', table => {
    table.comment('Leases on the scheduled health check of a configuration');
    table.string('integration_name', 255).notNullable();
    table.string('environment', 32).notNullable();
    table
      .timestamp('claimed_until', { useTz: true })
      .notNullable()
      .comment('Until when the claiming replica may check; free after it');
    table
      .string('claimed_by', 64)
      .notNullable()
      .comment('The replica that claimed the check, to release it');
    table.primary(['integration_name', 'environment']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('health_check_claims');
};
