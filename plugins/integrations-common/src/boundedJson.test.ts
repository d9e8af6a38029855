import { boundedJsonObject, JSON_VALUE_LIMITS } from './boundedJson';
import { defaultSettingsFor } from './settings';
import { providerCatalog } from './providers';
import { validateIntegrationSettings } from './validation';
import { updateCredentialsRequestSchema } from './schemas';

/** `{ level: { level: … } }`, `depth` objects in all. */
function nestedObject(depth: number): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let node = root;
  for (let level = 1; level < depth; level++) {
    const child = {};
    node.level = child;
    node = child;
  }
  return root;
}

function issuesOf(value: unknown) {
  const result = boundedJsonObject().safeParse(value);
  return result.success
    ? []
    : result.error.issues.map(issue => ({
        path: issue.path.join('.'),
        message: issue.message,
      }));
}

describe('a free-form JSON object', () => {
  it('is accepted up to the bounds', () => {
    expect(issuesOf(nestedObject(JSON_VALUE_LIMITS.maxDepth))).toEqual([]);
    expect(
      issuesOf(Object.fromEntries([...Array(200).keys()].map(k => [k, k]))),
    ).toEqual([]);
    expect(issuesOf({ text: 'x'.repeat(65_536 - 11) })).toEqual([]);
    expect(issuesOf({ list: [[[1]]], nothing: null })).toEqual([]);
  });

  it('refuses one level too deep, and 20,000 levels without overflowing the stack', () => {
    for (const depth of [33, 20_000]) {
      expect(issuesOf(nestedObject(depth))).toEqual([
        { path: '', message: 'Nested more than 32 levels deep' },
      ]);
    }
    let deepArray: unknown = [];
    for (let level = 1; level < 20_000; level++) {
      deepArray = [deepArray];
    }
    expect(issuesOf({ deepArray })).toEqual([
      { path: '', message: 'Nested more than 32 levels deep' },
    ]);
  });

  it('refuses more than 64 KB, counted in UTF-8 bytes of its JSON', () => {
    expect(issuesOf({ text: 'x'.repeat(65 * 1024) })).toEqual([
      {
        path: '',
        message: 'At most 64 KB (65536 bytes) as JSON, not 66571 bytes',
      },
    ]);
    // 22,000 characters, 66,000 bytes
    expect(issuesOf({ text: '€'.repeat(22_000) })[0].message).toContain(
      'not 66011 bytes',
    );
  });

  it('refuses an object with more than 200 keys, naming where it is', () => {
    const wide = Object.fromEntries([...Array(201).keys()].map(k => [k, k]));
    expect(issuesOf({ outer: { wide } })).toEqual([
      {
        path: 'outer.wide',
        message: 'At most 200 keys in one object, not 201',
      },
    ]);
  });

  it('refuses a __proto__ key, which would not survive a round trip', () => {
    expect(issuesOf(JSON.parse('{"a":{"__proto__":{"x":1}}}'))).toEqual([
      { path: 'a', message: 'A key may not be named __proto__' },
    ]);
    expect(issuesOf(JSON.parse('{"__proto__":{"x":1}}'))).toEqual([
      { path: '', message: 'A key may not be named __proto__' },
    ]);
  });

  it('must be an object', () => {
    for (const value of [[], 'text', 1, null]) {
      expect(issuesOf(value)).toEqual([
        { path: '', message: 'Must be a JSON object' },
      ]);
    }
  });
});

describe('the bounds in the form and the API', () => {
  it('name the custom or provider settings that break them', () => {
    const provider = providerCatalog[0];
    const settings = defaultSettingsFor(provider, 'staging', {
      owner: 'group:default/payments-team',
    });
    settings.featureConfig.customSettings = nestedObject(20_000);

    expect(
      validateIntegrationSettings(settings, {
        name: provider.id,
        environment: 'staging',
        provider,
        dependencyGraph: new Map(),
      }),
    ).toEqual([
      {
        path: 'featureConfig.customSettings',
        message: 'Nested more than 32 levels deep',
      },
    ]);
  });

  it('limit the credential fields changed at once', () => {
    const result = updateCredentialsRequestSchema.safeParse({
      credentials: Object.fromEntries(
        [...Array(201).keys()].map(k => [`field${k}`, 'value']),
      ),
    });
    expect(
      result.error?.issues.map(i => [i.path.join('.'), i.message]),
    ).toEqual([['credentials', 'At most 200 fields']]);
  });
});
