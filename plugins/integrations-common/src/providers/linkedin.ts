import { ProviderDefinition } from './types';
import {
  credentialsObject,
  oauth2CredentialFields,
  oneOf,
  settingsObject,
  text,
} from './fields';

export const linkedinProvider: ProviderDefinition = {
  id: 'linkedin',
  displayName: 'LinkedIn',
  category: 'social_media',
  authType: 'oauth2',
  description:
    'Sign in with LinkedIn and posts on behalf of members and the company page.',
  docsUrl: 'https://learn.microsoft.com/en-us/linkedin/',
  defaultBaseUrl: 'https://api.linkedin.com/v2',
  apiVersion: 'v2',
  defaultScopes: ['openid', 'profile', 'email', 'w_member_social'],
  features: [
    {
      id: 'sign_in',
      label: 'Sign In with LinkedIn',
      description: 'Authenticate members with OpenID Connect.',
    },
    {
      id: 'member_posts',
      label: 'Member posts',
      description: 'Share posts on behalf of a member (w_member_social).',
    },
    {
      id: 'organization_posts',
      label: 'Company page posts',
      description:
        'Post as the company page; needs the Community Management API and w_organization_social.',
    },
    {
      id: 'profile',
      label: 'Profile',
      description: 'Read the name, photo and email of the signed-in member.',
    },
  ],
  defaultFeatures: ['sign_in', 'member_posts'],
  settingsSchema: settingsObject({
    postAs: oneOf(
      {
        title: 'Post as',
        description:
          'Whether posts are authored by the member or the company page.',
      },
      ['member', 'organization'],
    ),
    organizationUrn: text({
      title: 'Organization URN',
      description: 'The company page, e.g. urn:li:organization:2414183.',
    })
      .regex(
        /^urn:li:organization:\d+$/,
        'Organization URN must look like urn:li:organization:2414183',
      )
      .optional(),
    postVisibility: oneOf(
      {
        title: 'Post visibility',
        description: 'Who can see new posts.',
      },
      ['PUBLIC', 'CONNECTIONS'],
    ),
  }).refine(
    settings =>
      settings.postAs !== 'organization' ||
      settings.organizationUrn !== undefined,
    {
      path: ['organizationUrn'],
      message: 'Organization URN is required to post as the company page',
    },
  ),
  defaultSettings: {
    postAs: 'member',
    postVisibility: 'PUBLIC',
  },
  credentialsSchema: credentialsObject(oauth2CredentialFields()),
  defaultMonitoring: {
    healthCheckInterval: 300,
    alertThresholds: { errorRate: 5, responseTime: 3000, uptime: 99 },
  },
  probes: {
    auth: { scheme: 'oauth2' },
    authCheck: {
      operation: 'Read the signed-in member (OpenID userinfo)',
      method: 'GET',
      path: '/userinfo',
      expect: { path: 'sub', truthy: true },
    },
    functional: {
      operation: 'Read the member profile',
      method: 'GET',
      path: '/me',
      expect: { path: 'id', truthy: true },
    },
    scopes: { from: 'token_response' },
    errorFormat: {
      code: ['serviceErrorCode', 'code'],
      message: ['message'],
      requestIdHeader: 'x-li-uuid',
    },
    knownErrors: [
      {
        failure: 'auth_invalid',
        explanation:
          'LinkedIn refused the access token: it expired (they last 60 days) or the member revoked the app.',
        repairSteps: [
          'Check that the refresh token is still valid (they last one year).',
          'Ask the account owner to sign in to the app again to grant access, then store the new refresh token.',
          'Run the test again.',
        ],
      },
      {
        failure: 'auth_expired',
        explanation:
          'The refresh token is expired or revoked, so no new access token can be issued.',
        repairSteps: [
          'Ask the account owner to go through the LinkedIn consent screen again.',
          'Store the new refresh token in the Credentials section and run the test again.',
        ],
      },
      {
        failure: 'permission_missing',
        explanation:
          'The LinkedIn app lacks a product or scope (for example w_member_social needs the “Share on LinkedIn” product).',
        repairSteps: [
          'In the LinkedIn developer portal → your app → Products, request the product that grants the missing scope.',
          'Have the account owner grant access again so the new scope is in the token.',
        ],
      },
    ],
  },
  oauth: {
    tokenUrl: 'https://www.linkedin.com/oauth/v2/accessToken',
    grant: 'refresh_token',
    clientAuthentication: 'body',
  },
  // LinkedIn sends no rate-limit headers; its limits are per day, per
  // application and per member, and show in the developer portal's Analytics
  // tab. These are the documented defaults of the Share and Profile APIs.
  rateLimits: [
    {
      key: 'application-day',
      limit: 100_000,
      windowSeconds: 86_400,
      resets: 'utc_day',
      description:
        'Application daily limit: calls by the app for all members together, reset at 00:00 UTC',
    },
    {
      key: 'member-day',
      limit: 500,
      windowSeconds: 86_400,
      resets: 'utc_day',
      description:
        'Member daily limit: calls on behalf of one member, reset at 00:00 UTC',
    },
  ],
};
