import { credentialsObject, oauth2CredentialFields, text } from './fields';

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
