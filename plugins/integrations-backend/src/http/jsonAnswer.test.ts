import express from 'express';
import request from 'supertest';
import { jsonAnswerOf, sendJsonAnswer } from './jsonAnswer';

describe('sendJsonAnswer', () => {
  const answered = jsonAnswerOf({ items: ['stripe'], totalCount: 1 });
  const app = express();
  app.get('/answer', async (req, res) => {
    sendJsonAnswer(req, res, await answered);
  });

  it('sends the answer gzipped once to a caller who takes gzip', async () => {
    const res = await request(app)
      .get('/answer')
      .set('Accept-Encoding', 'gzip, deflate')
      .buffer(true)
      .parse((stream, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => done(null, Buffer.concat(chunks)));
      });

    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/);
    // The client takes the gzip off again.
    expect(res.body.toString()).toBe('{"items":["stripe"],"totalCount":1}');
  });

  it('sends the text to a caller who does not', async () => {
    const res = await request(app)
      .get('/answer')
      .set('Accept-Encoding', 'identity');

    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.text).toBe('{"items":["stripe"],"totalCount":1}');
  });
});
