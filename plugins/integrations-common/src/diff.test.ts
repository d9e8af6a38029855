import { diffFields } from './diff';

describe('diffFields', () => {
  it('reads a key named like an Object method as any other key', () => {
    expect(
      diffFields(
        { customSettings: {} },
        { customSettings: { constructor: 'x', valueOf: 1 } },
      ),
    ).toEqual([
      { path: 'customSettings.constructor', kind: 'added', after: 'x' },
      { path: 'customSettings.valueOf', kind: 'added', after: 1 },
    ]);
    expect(diffFields({ toString: 'a' }, {})).toEqual([
      { path: 'toString', kind: 'removed', before: 'a' },
    ]);
  });
});
