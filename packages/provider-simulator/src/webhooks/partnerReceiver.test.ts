import { useSimulator } from '../testUtils';

describe('the partner receiver', () => {
  const simulator = useSimulator();

  it('records what a partner receives, with its headers, and answers as asked', async () => {
    const url = `${simulator.url}/_partners/billing`;
    const sent = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1' },
      body: '{"type":"alert.raised"}',
    });
    expect(sent.status).toBe(204);
    const failing = await fetch(`${url}?status=503`, {
      method: 'POST',
      body: '{}',
    });
    expect(failing.status).toBe(503);

    const log = await (await fetch(url)).json();
    expect(log.items).toHaveLength(2);
    expect(log.items[0]).toMatchObject({
      headers: { 'webhook-id': 'msg_1' },
      body: '{"type":"alert.raised"}',
    });
    expect(
      (await (await fetch(`${simulator.url}/_partners/other`)).json()).items,
    ).toEqual([]);
  });
});
