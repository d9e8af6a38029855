// @ts-check

/**
 * Alerts get a life: acknowledged, resolved once their condition has cleared
 * for a number of checks, reminders while nobody acknowledges them, held back
 * while a dependency fails. Every notification sent about an alert is kept.
 *
 * One alert per condition at a time: a condition (its dedupe key) goes
 * through episodes. While an episode is open or acknowledged the condition
 * refreshes it; once that episode is resolved, the condition returning opens
 * the next one, a new alert with a new id. `(dedupe_key, episode)` is unique,
 * so when two backends raise the same condition at once, both computing the
 * same next episode, the database lets exactly one insert win. A partial
 * unique index ("one unresolved row per key") would say the same, but knex
 * cannot name one as an ON CONFLICT target on both SQLite and PostgreSQL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('alerts', table => {
    table.dropUnique(['dedupe_key']);
  });
  await knex.schema.alterTable('alerts', table => {
    table
      .integer('episode')
      .notNullable()
      .defaultTo(1)
      .comment('Which time this condition fired; a new alert each time');
    table
      .string('rule', 300)
      .nullable()
      .comment('The rule that fired, as people read it');
    table
      .string('value', 100)
      .nullable()
      .comment('What was measured when it last fired');
    table.string('acknowledged_by', 255).nullable();
    table.timestamp('acknowledged_at', { useTz: true }).nullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table
      .integer('clear_count')
      .notNullable()
      .defaultTo(0)
      .comment('Consecutive evaluations that found the condition clear');
    table
      .boolean('notified')
      .notNullable()
      .defaultTo(false)
      .comment(
        'Its owners were told at least once, so they hear when it resolves',
      );
    table.integer('notify_count').notNullable().defaultTo(0);
    table.timestamp('last_notified_at', { useTz: true }).nullable();
    table
      .integer('escalation_level')
      .notNullable()
      .defaultTo(0)
      .comment('Reminders sent because nobody acknowledged it');
    table
      .string('suppressed_by', 100)
      .nullable()
      .comment('The failing dependency that holds its notifications back');
    table.timestamp('updated_at', { useTz: true }).nullable();
    table.unique(['dedupe_key', 'episode'], {
      indexName: 'alerts_dedupe_episode_unique',
    });
    table.index(['status'], 'alerts_status_idx');
  });
  await knex('alerts').update({ updated_at: knex.ref('created_at') });

  await knex.schema.createTable('alert_notifications', table => {
    table.comment('Every notification sent about an alert');
    table
      .uuid('alert_id')
      .notNullable()
      .references('id')
      .inTable('alerts')
      .onDelete('CASCADE');
    table
      .integer('sequence')
      .notNullable()
      .comment('1 for the first; a backend sends one only if it wrote its row');
    table
      .string('kind', 20)
      .notNullable()
      .comment('raised, reminder or resolved');
    table.integer('escalation_level').notNullable();
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.primary(['alert_id', 'sequence']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('alert_notifications');
  // Before, every alert was open until removed; at most one episode of a
  // condition is unresolved, so the rest fits the unique dedupe key again.
  await knex('alerts').where('status', 'resolved').delete();
  await knex('alerts').update({ status: 'open' });
  await knex.schema.alterTable('alerts', table => {
    table.dropUnique(['dedupe_key', 'episode'], 'alerts_dedupe_episode_unique');
    table.dropIndex(['status'], 'alerts_status_idx');
  });
  await knex.schema.alterTable('alerts', table => {
    table.dropColumns(
      'episode',
      'rule',
      'value',
      'acknowledged_by',
      'acknowledged_at',
      'resolved_at',
      'clear_count',
      'notified',
      'notify_count',
      'last_notified_at',
      'escalation_level',
      'suppressed_by',
      'updated_at',
    );
    table.unique(['dedupe_key']);
  });
};
