import { ProviderDefinition } from './types';
import {
  credentialsObject,
  oneOf,
  settingsObject,
  text,
  wholeNumber,
} from './fields';

export const scooppProvider: ProviderDefinition = {
  id: 'scoopp',
  displayName: 'Scoopp',
  category: 'storage',
  authType: 'jwt',
  description:
    'Storage and delivery of the images, video and documents the company publishes.',
  docsUrl: 'https://docs.scoopp.com',
  defaultBaseUrl: 'https://api.scoopp.com',
  defaultScopes: ['media:read', 'media:write'],
  features: [
    {
      id: 'uploads',
      label: 'Uploads',
      description: 'Upload files, in parts when they are large.',
    },
    {
      id: 'signed_urls',
      label: 'Signed URLs',
      description: 'Hand out time-limited links to private files.',
    },
    {
      id: 'renditions',
      label: 'Renditions',
      description: 'Resized and converted versions of images and video.',
    },
  ],
  defaultFeatures: ['uploads', 'signed_urls'],
  settingsSchema: settingsObject({
    bucket: text({
      title: 'Bucket',
      description: 'Bucket new files go to.',
    })
      .regex(
        /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/,
        'Bucket must be 3 to 63 lower-case letters, digits or hyphens, starting and ending with a letter or digit',
      )
      .optional(),
    defaultVisibility: oneOf(
      {
        title: 'Default visibility',
        description:
          'Whether new files are public or only reachable by signed URL.',
      },
      ['private', 'public'],
    ),
    signedUrlTtlSeconds: wholeNumber(
      {
        title: 'Signed URL lifetime (seconds)',
        description: 'How long a signed link to a private file stays valid.',
      },
      60,
      604800,
    ),
    signingAlgorithm: oneOf(
      {
        title: 'JWT signing algorithm',
        description: 'Must match the type of the private key.',
      },
      ['RS256', 'ES256'],
    ),
    tokenLifetimeSeconds: wholeNumber(
      {
        title: 'JWT lifetime (seconds)',
        description: 'Lifetime of each signed request token.',
      },
      60,
      3600,
    ),
  }),
  defaultSettings: {
    defaultVisibility: 'private',
    signedUrlTtlSeconds: 3600,
    signingAlgorithm: 'RS256',
    tokenLifetimeSeconds: 300,
  },
  credentialsSchema: credentialsObject({
    keyId: text({
      title: 'Key ID',
      description:
        'ID of the public key registered in Scoopp; sent as the JWT kid.',
      secret: false,
    }),
    privateKey: text({
      title: 'Private key',
      description: 'PEM private key that signs the JWTs.',
      secret: true,
      multiline: true,
    }).regex(
      /^-----BEGIN (RSA |EC )?PRIVATE KEY-----[\s\S]+-----END (RSA |EC )?PRIVATE KEY-----\s*$/,
      'Private key must be a PEM private key (-----BEGIN PRIVATE KEY----- … -----END PRIVATE KEY-----)',
    ),
  }),
  defaultMonitoring: {
    healthCheckInterval: 120,
    alertThresholds: { errorRate: 2, responseTime: 5000, uptime: 99.5 },
  },
  probes: {
    auth: {
      scheme: 'jwt',
      keyIdCredential: 'keyId',
      privateKeyCredential: 'privateKey',
      algorithmSetting: 'signingAlgorithm',
      lifetimeSetting: 'tokenLifetimeSeconds',
    },
    authCheck: {
      operation: 'Read the account behind the signing key',
      method: 'GET',
      path: '/v1/me',
      expect: { path: 'account', truthy: true },
    },
    functional: {
      operation: 'Read the configured bucket',
      method: 'GET',
      path: '/v1/buckets/{settings.bucket}',
      expect: { path: 'name', truthy: true },
    },
    knownErrors: [
      {
        failure: 'auth_invalid',
        explanation:
          'Scoopp refused the signed token: the key id is not registered, or the private key does not match its public key.',
        repairSteps: [
          'In Scoopp → API keys, check that the key id exists and is active.',
          'Check that the signing algorithm setting matches the key type (RS256 for RSA, ES256 for EC).',
          'Replace the private key in the Credentials section and run the test again.',
        ],
      },
    ],
  },
};
