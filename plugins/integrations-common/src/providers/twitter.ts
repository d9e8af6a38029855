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
};
