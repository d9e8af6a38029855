// @ts-check

/**
 * Envelope-encrypted credential fields, one row per integration, environment
 * and field. Nothing here is readable without the key ring.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('credentials', table => {
    table.comment('Encrypted credential fields; plaintext never stored');
    table
      .string('integration_name', 100)
      .notNullable()
      .references('name')
      .inTable('integrations')
      .onDelete('CASCADE');
    table.string('environment', 20).notNullable();
    table.string('field', 100).notNullable();
    table.string('algorithm', 30).notNullable();
    table
      .string('key_id', 64)
      .notNullable()
      .comment('Key that wraps the data key');
    table
      .text('wrapped_key')
      .notNullable()
      .comment('base64 nonce|tag|encrypted data key');
    table.string('nonce', 32).notNullable();
    table.string('tag', 32).notNullable();
    table.text('ciphertext').notNullable();
    table
      .string('fingerprint', 128)
      .notNullable()
      .comment('Keyed HMAC, not reversible');
    table.string('last4', 8).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.string('updated_by', 255).notNullable();
    table.timestamp('expires_at', { useTz: true }).nullable();
    table.primary(['integration_name', 'environment', 'field']);
    table.index(['key_id'], 'credentials_key_id_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('credentials');
};
