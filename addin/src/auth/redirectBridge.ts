import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';

// The sign-in window lands here (auth-redirect.html): hand Microsoft's answer back to the pane that opened it.
void broadcastResponseToMainFrame().catch(() => {
  const message = document.getElementById('message');
  if (message) message.textContent = 'Sign-in could not finish. Close this window and press "Sign in" in PeerMentor365 again.';
});
