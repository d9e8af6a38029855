// @ts-check

/**
 * One row per run of the key rotation, for the encryption status.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('key_rotations', table => {
    table.comment('Runs of the re-wrap of data keys under the primary key');
    table.bigIncrements('id').primary();
    table.string('primary_key_id', 64).notNullable();
    table
      .string('trigger', 255)
      .notNullable()
      .comment('schedule or a user ref');
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.integer('rewrapped').notNullable();
    table.integer('remaining').nullable();
    table.text('error').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('key_rotations');
};
