// @ts-check

/**
 * Webhooks the providers send in: every request is recorded, whether it was
 * verified, a duplicate of one already received, or rejected and why.
 *
 * `dedupe_key` is the provider's event id on verified rows only, unique per
 * configuration, so two replicas receiving the same event at once record one
 * verified row; the other, and any later resend, is recorded as a duplicate
 * with the key left null (several nulls never conflict).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('inbound_deliveries', table => {
    table.comment('Webhooks received from providers');
    table.string('id', 36).primary();
    table.string('integration_name', 100).notNullable();
    table.string('environment', 20).notNullable();
    table.string('scheme', 30).notNullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table
      .string('verification', 20)
      .notNullable()
      .comment('verified, duplicate or rejected');
    table.string('reason', 500).nullable().comment('Why it was rejected');
    table.string('provider_event_id', 200).nullable();
    table
      .string('dedupe_key', 200)
      .nullable()
      .comment('provider_event_id, on verified rows only');
    table.string('event_type', 200).nullable();
    table.integer('response_status').notNullable();
    table.string('topic', 200).nullable();
    table.integer('size').notNullable().comment('Bytes received');
    table
      .text('body')
      .nullable()
      .comment('JSON text of a verified body, when small enough to keep');
    table.unique(['integration_name', 'environment', 'dedupe_key'], {
      indexName: 'inbound_deliveries_dedupe',
    });
    table.index(['received_at'], 'inbound_deliveries_by_time');
    table.index(
      ['integration_name', 'environment', 'received_at'],
      'inbound_deliveries_by_configuration',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('inbound_deliveries');
};
