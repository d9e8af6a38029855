import { credentialsObject, oauth2CredentialFields, text } from './fields';
import { KnownError } from './probes';

/** OAuth 2.0 credentials of a Google Cloud "Web application" client. */
export const googleOAuthCredentials = credentialsObject(
  oauth2CredentialFields({
    clientId: text({
      title: 'Client ID',
      description: 'From Google Cloud Console → APIs & Services → Credentials.',
      secret: false,
    }).regex(
      /^[\w-]+\.apps\.googleusercontent\.com$/,
      'Client ID must end with .apps.googleusercontent.com',
    ),
  }),
);

/** What Google's OAuth and API errors mean, shared by every Google provider. */
export const googleKnownErrors: KnownError[] = [
  {
    failure: 'auth_expired',
    explanation:
      'Google says the refresh token has expired or been revoked: the user removed access, changed their password, or the app is in testing mode (tokens last 7 days there).',
    repairSteps: [
      'If the Google Cloud OAuth consent screen is in Testing, publish it to Production so tokens stop expiring after 7 days.',
      'Have the account owner grant access again and store the new refresh token.',
      'Run the test again.',
    ],
  },
  {
    failure: 'auth_invalid',
    explanation:
      'Google refused the client or the token: the OAuth client was deleted or its secret reset.',
    repairSteps: [
      'Open Google Cloud Console → APIs & Services → Credentials and check the OAuth client still exists.',
      'Replace the client secret in the Credentials section, then run the test again.',
    ],
  },
  {
    failure: 'permission_missing',
    explanation:
      'The token lacks a scope, or the API is not enabled in the Google Cloud project.',
    repairSteps: [
      'Enable the API in Google Cloud Console → APIs & Services → Library.',
      'Have the account owner grant access again with the required scopes.',
    ],
  },
];
