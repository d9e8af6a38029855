import { providerCatalog } from '@internal/plugin-integrations-common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const template = readFileSync(
  join(__dirname, '../../../examples/templates/new-integration/template.yaml'),
  'utf8',
);

/** The items of the first block list under `key:` in the template. */
function blockList(key: string): string[] {
  const lines = template.split('\n');
  const start = lines.findIndex(line => line.trim() === `${key}:`);
  if (start === -1) {
    throw new Error(`template.yaml has no ${key}`);
  }
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = line.match(/^\s+- (.*)$/);
    if (!item) {
      break;
    }
    items.push(item[1]);
  }
  return items;
}

describe('the New integration template', () => {
  it('offers every provider of the catalog, by the name people know it by', () => {
    expect(blockList('enum')).toEqual(providerCatalog.map(p => p.id));
    expect(blockList('enumNames')).toEqual(
      providerCatalog.map(p => p.displayName),
    );
  });
});
