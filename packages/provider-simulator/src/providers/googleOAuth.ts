import { RequestHandler, Router } from 'express';
import { ProviderContext, ProviderErrors, SimulatedProvider } from './types';
import { bodyField, formBody, OPAQUE_TOKEN } from './http';
import { oauthClient, randomToken, refreshTokenGrant } from './oauth';
import { googleApiRateLimit } from './googleApiErrors';
import { Reply, sendReply } from '../server/reply';

const ACCESS_TOKEN_SECONDS = 3599;
const CLIENT_ID = /^[\w-]+\.apps\.googleusercontent\.com$/;
const REFRESH_TOKEN = /^1\/\/[\w-]+$/;

function oauthError(status: number, error: string, description: string): Reply {
  return { status, body: { error, error_description: description } };
}

const errors: ProviderErrors = {
  unauthorized: () =>
    oauthError(401, 'invalid_client', 'The OAuth client was not found.'),
  rateLimited: () =>
    oauthError(429, 'rate_limit_exceeded', 'Rate Limit Exceeded'),
  failure: status =>
    status >= 500
      ? oauthError(status, 'internal_failure', 'Backend Error')
      : oauthError(status, 'invalid_request', 'Bad Request'),
  // accounts.google.com answers unknown paths with its HTML error page.
  notFound: () => ({
    status: 404,
    body: '<!DOCTYPE html><html lang=en><title>Error 404 (Not Found)!!1</title><p><b>404.</b> That’s an error.<p>The requested URL was not found on this server. That’s all we know.</html>',
  }),
};

function routes(context: ProviderContext): Router {
  const router = Router();

  router.post('/token', formBody, (req, res) => {
    const client = oauthClient(req);
    if (!client || !CLIENT_ID.test(client.id)) {
      sendReply(res, errors.unauthorized(req));
      return;
    }
    const grant = refreshTokenGrant(req, context, {
      tokenFormat: REFRESH_TOKEN,
      refused: oauthError(
        400,
        'invalid_grant',
        'Token has been expired or revoked.',
      ),
    });
    if ('reply' in grant) {
      sendReply(res, grant.reply);
      return;
    }
    const scopes = context.behaviour().scopes ?? [];
    const accessToken = `ya29.a0${randomToken(120)}`;
    context.tokens.issue(accessToken, {
      expiresInSeconds: ACCESS_TOKEN_SECONDS,
      scopes,
      clientId: client.id,
    });
    res.json({
      access_token: accessToken,
      expires_in: ACCESS_TOKEN_SECONDS,
      scope: scopes.join(' '),
      token_type: 'Bearer',
    });
  });

  const tokenInfo: RequestHandler = (req, res) => {
    const { access_token: query } = req.query;
    const token =
      (typeof query === 'string' ? query : bodyField(req, 'access_token')) ??
      '';
    if (
      context.behaviour().rejectCredentials ||
      !OPAQUE_TOKEN.test(token) ||
      context.tokens.isExpired(token)
    ) {
      sendReply(res, oauthError(400, 'invalid_token', 'Invalid Value'));
      return;
    }
    // A token from elsewhere is described with the scopes the control API gives it.
    const issued = context.tokens.get(token);
    const expiresAt =
      issued?.expiresAt ?? context.now() + ACCESS_TOKEN_SECONDS * 1000;
    const clientId = issued?.clientId ?? 'simulator.apps.googleusercontent.com';
    // Google sends the times as strings.
    res.json({
      azp: clientId,
      aud: clientId,
      scope: (issued?.scopes ?? context.behaviour().scopes ?? []).join(' '),
      exp: String(Math.floor(expiresAt / 1000)),
      expires_in: String(Math.floor((expiresAt - context.now()) / 1000)),
      access_type: 'offline',
    });
  };

  // Google takes the token in the query or, to keep it out of logs, in a form.
  router.get('/tokeninfo', tokenInfo);
  router.post('/tokeninfo', formBody, tokenInfo);

  return router;
}

export const googleOAuthProvider: SimulatedProvider = {
  id: 'google-oauth',
  defaultScopes: [
    'https://www.googleapis.com/auth/analytics.readonly',
    'https://www.googleapis.com/auth/calendar',
  ],
  rateLimit: googleApiRateLimit,
  errors,
  routes,
};
