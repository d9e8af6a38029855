// @ts-check

/**
 * The catalog System a configuration's integration belongs to, which its
 * Resource in the software catalog names; empty for most integrations.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('integration_configs', table => {
    table
      .string('catalog_system', 255)
      .nullable()
      .comment('Catalog System of the integration, e.g. web-shop');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('integration_configs', table => {
    table.dropColumn('catalog_system');
  });
};
