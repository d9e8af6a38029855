import { ProviderDefinition } from './types';
import {
  credentialsObject,
  oauth2CredentialFields,
  oneOf,
  settingsObject,
  text,
} from './fields';

export const twitterProvider: ProviderDefinition = {
  id: 'twitter',
  displayName: 'Twitter / X',
  category: 'social_media',
  authType: 'oauth2',
  description:
    'Posts, mentions and direct messages of the company account through the X API v2.',
  docsUrl: 'https://docs.x.com/x-api/getting-started/about-x-api',
  defaultBaseUrl: 'https://api.x.com/2',
  apiVersion: '2',
  defaultScopes: ['tweet.read', 'tweet.write', 'users.read', 'offline.access'],
  features: [
    {
      id: 'posts',
      label: 'Posts',
      description: 'Publish posts, replies and threads.',
    },
    {
      id: 'mentions',
      label: 'Mentions',
      description: 'Read posts that mention the account.',
    },
    {
      id: 'user_lookup',
      label: 'User lookup',
      description: 'Look up accounts by ID or username.',
    },
    {
      id: 'direct_messages',
      label: 'Direct messages',
      description: 'Read and send direct messages (dm.read, dm.write).',
    },
    {
      id: 'media_upload',
      label: 'Media upload',
      description: 'Attach images and video to posts (media.write).',
    },
  ],
  defaultFeatures: ['posts', 'user_lookup'],
  settingsSchema: settingsObject({
    accountHandle: text({
      title: 'Account handle',
      description: 'Username of the company account, without the @.',
    })
      .regex(
        /^[A-Za-z0-9_]{1,15}$/,
        'Account handle must be 1 to 15 letters, digits or underscores, without the @',
      )
      .optional(),
    replySettings: oneOf(
      {
        title: 'Who can reply',
        description: 'Default reply setting of new posts.',
      },
      ['everyone', 'following', 'mentionedUsers'],
    ),
  }),
  defaultSettings: {
    replySettings: 'everyone',
  },
  credentialsSchema: credentialsObject(oauth2CredentialFields()),
  defaultMonitoring: {
    healthCheckInterval: 300,
    alertThresholds: { errorRate: 5, responseTime: 3000, uptime: 99 },
  },
  probes: {
    auth: { scheme: 'oauth2' },
    authCheck: {
      operation: 'Read the authenticated user',
      method: 'GET',
      path: '/users/me',
      expect: { path: 'data.id', truthy: true },
    },
    functional: {
      operation: 'Read the project’s post usage',
      method: 'GET',
      path: '/usage/tweets',
      expect: { path: 'data', truthy: true },
    },
    scopes: { from: 'token_response' },
    rateLimit: {
      limit: 'x-rate-limit-limit',
      remaining: 'x-rate-limit-remaining',
      reset: 'x-rate-limit-reset',
      resetUnit: 'epoch_seconds',
    },
    errorFormat: {
      code: ['errors.0.code', 'title', 'type'],
      message: ['detail', 'errors.0.message', 'title'],
    },
    knownErrors: [
      {
        failure: 'auth_invalid',
        explanation:
          'X refused the access token: it expired (after two hours) or the user revoked the app.',
        repairSteps: [
          'Check that the refresh token is stored (it needs the offline.access scope).',
          'If the refresh fails too, have the account owner authorize the app again and store the new refresh token.',
        ],
      },
      {
        failure: 'auth_expired',
        explanation:
          'The refresh token was already used or revoked: X issues a new one with every refresh and accepts each only once.',
        repairSteps: [
          'Have the account owner authorize the app again in the X developer portal flow.',
          'Store the new refresh token and run the test again.',
        ],
      },
      {
        failure: 'rate_limited',
        explanation:
          'The app’s 15-minute request window is used up, or the monthly post cap is reached.',
        repairSteps: [
          'Wait until the time in x-rate-limit-reset.',
          'Check the project’s usage in the X developer portal; upgrade the access tier if the monthly cap is the limit.',
        ],
      },
    ],
  },
  oauth: {
    tokenUrl: '/oauth2/token',
    grant: 'refresh_token',
    clientAuthentication: 'basic',
    rotatesRefreshToken: true,
  },
};
