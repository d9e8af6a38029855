// @ts-check

/**
 * Rate limits as providers reported them: the latest reading of each limit
 * window of each configuration, and every time a limit was hit (a refusal,
 * or a window reaching zero) with the delay the caller was told to wait.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('rate_limit_readings', table => {
    table.comment('The latest reading of each rate-limit window');
    table.string('integration_name', 100).notNullable();
    table.string('environment', 20).notNullable();
    table
      .string('limit_key', 300)
      .notNullable()
      .comment('Endpoint, provider resource, named window or quota');
    table.bigInteger('limit').nullable();
    table.bigInteger('remaining').nullable();
    table.bigInteger('used').nullable();
    table.timestamp('reset_at', { useTz: true }).nullable();
    table.integer('window_seconds').nullable();
    table.string('policy', 100).nullable();
    table.string('source', 20).notNullable();
    table.string('field', 100).notNullable();
    table.string('read_by', 20).notNullable();
    table.timestamp('read_at', { useTz: true }).notNullable();
    table.primary(['integration_name', 'environment', 'limit_key']);
  });
  await knex.schema.createTable('rate_limit_hits', table => {
    table.comment('Calls refused for a rate limit, and windows that ran out');
    table
      .string('id', 160)
      .primary()
      .comment('The usage event id for reported hits, so a retry counts once');
    table.string('integration_name', 100).notNullable();
    table.string('environment', 20).notNullable();
    table.string('endpoint', 300).notNullable();
    table.integer('status').nullable();
    table.double('delay_seconds').nullable();
    table.string('reason', 200).nullable();
    table.string('source', 20).notNullable();
    table.string('field', 100).notNullable();
    table.string('read_by', 20).notNullable();
    table.timestamp('hit_at', { useTz: true }).notNullable();
    table.index(
      ['integration_name', 'environment', 'hit_at'],
      'rate_limit_hits_by_configuration',
    );
    table.index(['hit_at'], 'rate_limit_hits_by_time');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('rate_limit_hits');
  await knex.schema.dropTable('rate_limit_readings');
};
