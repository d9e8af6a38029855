// @ts-check

/**
 * Outbound webhooks: endpoints, the events the manager publishes (the
 * outbox) and one delivery per event and endpoint with its attempts.
 *
 * An event and its deliveries are inserted in the transaction of the change
 * that caused them, so a committed change always has its deliveries and a
 * rolled-back one never does. Dispatchers claim due deliveries by setting a
 * lease (`leased_until`); a dispatcher that dies leaves the lease to expire
 * and another claims the delivery again (at least once). `seq` orders an
 * endpoint's deliveries for endpoints that deliver one at a time per
 * ordering key.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('webhook_endpoints', table => {
    table.comment('Where the events of an integration are sent');
    table.string('id', 36).primary();
    table.string('integration_name', 100).notNullable();
    table.string('name', 200).notNullable();
    table.string('url', 2048).notNullable();
    table.text('events').notNullable().comment('JSON array of event types');
    table.text('environments').notNullable().comment('JSON array');
    table
      .string('status', 20)
      .notNullable()
      .comment('active, paused (by a person) or disabled (by the dispatcher)');
    table.string('disabled_reason', 500).nullable();
    table
      .text('secret')
      .notNullable()
      .comment('JSON: the signing secret sealed by the credential vault');
    table.text('previous_secret').nullable();
    table.timestamp('previous_secret_expires_at', { useTz: true }).nullable();
    table.integer('secret_generation').notNullable().defaultTo(1);
    table.text('ip_allow_list').nullable().comment('JSON array of CIDRs');
    table.text('delivery_settings').notNullable().comment('JSON');
    table
      .boolean('ordered')
      .notNullable()
      .defaultTo(false)
      .comment(
        'One delivery in flight per ordering key (copied from the settings for claiming)',
      );
    table.text('notes').nullable();
    table
      .timestamp('failing_since', { useTz: true })
      .nullable()
      .comment('The first failed attempt since the last success');
    table.string('created_by', 300).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['integration_name'], 'webhook_endpoints_by_integration');
  });

  await knex.schema.createTable('webhook_events', table => {
    table.comment('Events published to webhook endpoints (the outbox)');
    table.string('id', 40).primary().comment('msg_…: the webhook-id header');
    table.string('type', 200).notNullable();
    table.string('integration_name', 100).notNullable();
    table.string('environment', 20).notNullable();
    table
      .text('payload')
      .notNullable()
      .comment('JSON: the message body as sent');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['integration_name', 'created_at'], 'webhook_events_by_time');
  });

  await knex.schema.createTable('webhook_deliveries', table => {
    table.comment('One event to one endpoint, until delivered or given up');
    table.bigIncrements('seq').primary();
    table.string('id', 36).notNullable().unique();
    table
      .string('endpoint_id', 36)
      .notNullable()
      .references('id')
      .inTable('webhook_endpoints')
      .onDelete('CASCADE');
    table
      .string('event_id', 40)
      .notNullable()
      .references('id')
      .inTable('webhook_events')
      .onDelete('CASCADE');
    table.string('integration_name', 100).notNullable();
    table.string('environment', 20).notNullable();
    table.string('event_type', 200).notNullable();
    table.string('ordering_key', 200).notNullable();
    table.string('status', 20).notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.integer('max_attempts').notNullable();
    table.timestamp('next_attempt_at', { useTz: true }).nullable();
    table.timestamp('leased_until', { useTz: true }).nullable();
    table.string('leased_by', 100).nullable();
    table.integer('last_status').nullable();
    table.string('last_error', 1000).nullable();
    table.integer('last_duration_ms').nullable();
    table.timestamp('last_attempt_at', { useTz: true }).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('completed_at', { useTz: true }).nullable();
    table.index(['status', 'next_attempt_at'], 'webhook_deliveries_due');
    table.index(
      ['endpoint_id', 'created_at'],
      'webhook_deliveries_by_endpoint',
    );
    table.index(
      ['endpoint_id', 'ordering_key', 'status', 'seq'],
      'webhook_deliveries_ordered',
    );
    table.index(
      ['integration_name', 'created_at'],
      'webhook_deliveries_by_integration',
    );
  });

  await knex.schema.createTable('webhook_attempts', table => {
    table.comment('Every attempt to deliver, with what was sent and answered');
    table.bigIncrements('id').primary();
    table
      .bigInteger('delivery_seq')
      .notNullable()
      .references('seq')
      .inTable('webhook_deliveries')
      .onDelete('CASCADE');
    table.integer('attempt_number').notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.integer('duration_ms').notNullable();
    table.boolean('success').notNullable();
    table.integer('response_status').nullable();
    table.text('request_headers').notNullable().comment('JSON');
    table.text('response_headers').nullable().comment('JSON, bounded');
    table.text('response_body').nullable().comment('The first 4 KB');
    table.string('error', 1000).nullable();
    table.index(
      ['delivery_seq', 'attempt_number'],
      'webhook_attempts_by_delivery',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('webhook_attempts');
  await knex.schema.dropTable('webhook_deliveries');
  await knex.schema.dropTable('webhook_events');
  await knex.schema.dropTable('webhook_endpoints');
};
