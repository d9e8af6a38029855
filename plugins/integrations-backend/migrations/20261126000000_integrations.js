// @ts-check

/**
 * Integrations, their per-environment configurations, the immutable version
 * history of each configuration, and the append-only audit log.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('integrations', table => {
    table.comment('One row per external service the company talks to');
    table.string('name', 100).primary().comment('Unique, URL-safe name');
    table.string('provider', 100).notNullable().comment('Provider catalog id');
    table.string('category', 50).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('created_by', 255).notNullable();
    table
      .timestamp('deleted_at', { useTz: true })
      .nullable()
      .comment('Set by a soft delete; cleared by a restore');
    table.string('deleted_by', 255).nullable();
  });

  await knex.schema.createTable('integration_configs', table => {
    table.comment(
      'The current configuration of an integration in one environment',
    );
    table
      .string('integration_name', 100)
      .notNullable()
      .references('name')
      .inTable('integrations')
      .onDelete('CASCADE');
    table.string('environment', 20).notNullable();
    table.string('display_name', 200).notNullable();
    table.text('description').nullable();
    table.boolean('enabled').notNullable();
    table.string('owner', 255).notNullable().comment('Owning group entity ref');
    table.text('dependencies').notNullable().comment('JSON array of names');
    table.text('connection_config').notNullable().comment('JSON');
    table.text('auth_config').notNullable().comment('JSON, never secrets');
    table.text('feature_config').notNullable().comment('JSON');
    table.text('monitoring_config').notNullable().comment('JSON');
    table.text('compliance_config').notNullable().comment('JSON');
    table.integer('version').notNullable();
    table.text('notes').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.string('updated_by', 255).notNullable();
    table.primary(['integration_name', 'environment']);
    table.index(['environment'], 'integration_configs_environment_idx');
    table.index(['owner'], 'integration_configs_owner_idx');
  });

  await knex.schema.createTable('config_versions', table => {
    table.comment('Every saved state of a configuration; never changed');
    table.bigIncrements('id').primary();
    table.string('integration_name', 100).notNullable();
    table.string('environment', 20).notNullable();
    table.integer('version').notNullable();
    table.string('change_type', 20).notNullable();
    table.text('snapshot').notNullable().comment('JSON IntegrationConfig');
    table.text('changed_fields').notNullable().comment('JSON array of paths');
    table.string('author', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.text('notes').nullable();
    table.unique(['integration_name', 'environment', 'version'], {
      indexName: 'config_versions_unique_idx',
    });
  });

  await knex.schema.createTable('audit_log', table => {
    table.comment(
      'Append-only record of every change; the database refuses UPDATE and DELETE',
    );
    table.bigIncrements('id').primary();
    table.string('event_id', 36).notNullable().unique();
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table.string('user_id', 255).notNullable();
    table.string('integration', 100).notNullable();
    table.string('environment', 20).nullable();
    table.string('action', 30).notNullable();
    table.string('category', 30).notNullable();
    table.text('details').notNullable().comment('JSON, secrets masked');
    table.text('context').notNullable().comment('JSON: time, ip, userAgent');
    table.string('outcome', 10).notNullable();
    table.text('error').nullable();
    table.index(['integration', 'occurred_at'], 'audit_log_integration_idx');
    table.index(['occurred_at'], 'audit_log_occurred_at_idx');
  });

  if (knex.client.config.client === 'pg') {
    await knex.raw(`
      CREATE FUNCTION integrations_audit_log_append_only() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
      END;
      $$ LANGUAGE plpgsql`);
    await knex.raw(`
      CREATE TRIGGER audit_log_append_only
      BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION integrations_audit_log_append_only()`);
    await knex.raw(`
      CREATE TRIGGER audit_log_no_truncate
      BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION integrations_audit_log_append_only()`);
  } else {
    await knex.raw(`
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE is not allowed'); END`);
    await knex.raw(`
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE is not allowed'); END`);
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('audit_log');
  if (knex.client.config.client === 'pg') {
    await knex.raw('DROP FUNCTION integrations_audit_log_append_only()');
  }
  await knex.schema.dropTable('config_versions');
  await knex.schema.dropTable('integration_configs');
  await knex.schema.dropTable('integrations');
};
