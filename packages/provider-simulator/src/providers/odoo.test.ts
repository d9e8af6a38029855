import { jsonPost, useSimulator } from '../testUtils';

describe('odoo', () => {
  const simulator = useSimulator();

  const rpc = async (service: string, method: string, args: unknown[]) => {
    const response = await simulator.request(
      '/odoo/jsonrpc',
      jsonPost({
        jsonrpc: '2.0',
        method: 'call',
        params: { service, method, args },
        id: 9,
      }),
    );
    expect(response.status).toBe(200);
    return response.json();
  };

  it('answers the server version', async () => {
    expect(await rpc('common', 'version', [])).toEqual({
      jsonrpc: '2.0',
      id: 9,
      result: {
        server_version: '17.0',
        server_version_info: [17, 0, 0, 'final', 0, ''],
        server_serie: '17.0',
        protocol_version: 1,
      },
    });
  });

  it('authenticates to a uid, or to false', async () => {
    const login = ['acme', 'ops@acme-shop.example', 'odoo-api-key', {}];
    expect((await rpc('common', 'authenticate', login)).result).toBe(2);
    expect(
      (
        await rpc('common', 'authenticate', [
          'acme',
          'ops@acme-shop.example',
          '',
          {},
        ])
      ).result,
    ).toBe(false);

    simulator.control.set('odoo', { rejectCredentials: true });
    expect((await rpc('common', 'authenticate', login)).result).toBe(false);
  });

  it('runs model methods, and refuses bad credentials with AccessDenied', async () => {
    const count = [
      'acme',
      2,
      'odoo-api-key',
      'res.partner',
      'search_count',
      [[]],
    ];
    expect((await rpc('object', 'execute_kw', count)).result).toBe(42);

    simulator.control.set('odoo', { rejectCredentials: true });
    expect(await rpc('object', 'execute_kw', count)).toEqual({
      jsonrpc: '2.0',
      id: 9,
      error: {
        code: 200,
        message: 'Odoo Server Error',
        data: {
          name: 'odoo.exceptions.AccessDenied',
          message: 'Access Denied',
          debug: '',
        },
      },
    });
  });

  it('answers a malformed call with -32600', async () => {
    for (const body of [
      'not json',
      JSON.stringify({ jsonrpc: '2.0', params: {} }),
    ]) {
      const response = await simulator.request('/odoo/jsonrpc', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });

      expect(response.status).toBe(200);
      expect((await response.json()).error.code).toBe(-32600);
    }
  });

  it('answers a forced failure with an HTTP status, as its web server would', async () => {
    simulator.control.set('odoo', { status: 502 });

    const response = await simulator.request('/odoo/jsonrpc', jsonPost({}));

    expect(response.status).toBe(502);
    expect(await response.text()).toContain('Bad Gateway');
  });
});
