// @ts-check

/**
 * How many of each group's events are still stored: the error list counts
 * the events it pages through from these, a row per group, instead of
 * counting every visible event on each request.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('error_groups', table => {
    table
      .bigInteger('stored_events')
      .notNullable()
      .defaultTo(0)
      .comment(
        'Events of the group still stored: added on capture, taken off by retention',
      );
  });
  await knex('error_groups').update({
    stored_events: knex('error_events')
      .count('*')
      .where('error_events.group_id', knex.ref('error_groups.id')),
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('error_groups', table => {
    table.dropColumn('stored_events');
  });
};
