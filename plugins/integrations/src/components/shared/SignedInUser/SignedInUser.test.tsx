import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { SignedInUser } from './SignedInUser';

const identity = mockApis.identity({
  userEntityRef: 'user:default/max.member',
  displayName: 'Max Member',
});

describe('SignedInUser', () => {
  afterEach(() => window.localStorage.clear());

  it('names the signed-in user and the persona chosen with ?as= in development', async () => {
    window.localStorage.setItem('integrations.devPersona', 'member');
    await renderInTestApp(<SignedInUser />, {
      apis: [identity],
      config: { app: { devSignIn: { personas: ['member'] } } },
    });

    expect(
      await screen.findByText(
        'Signed in as Max Member (max.member) · persona member',
      ),
    ).toBeInTheDocument();
  });

  it('shows nothing outside development', async () => {
    await renderInTestApp(<SignedInUser />, {
      apis: [identity],
    });

    expect(screen.queryByText(/Signed in as/)).not.toBeInTheDocument();
  });
});
