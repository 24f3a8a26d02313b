import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { lazy, Suspense } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { LoadBoundary } from '../src/app/LoadBoundary';

describe('a view loaded on demand that cannot be fetched', () => {
  it('leaves a message and a way to load the pane again, not an empty pane', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const reload = vi.fn();
    // What the browser's import() gives when a chunk is gone (a newer version replaced it) or the network failed.
    const Missing = lazy(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module: /api/pane/assets/PeersView-1.js')));
    render(
      <FluentProvider theme={webLightTheme}>
        <LoadBoundary reload={reload}>
          <Suspense fallback={<p>Loading…</p>}>
            <Missing />
          </Suspense>
        </LoadBoundary>
      </FluentProvider>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Part of PeerMentor365 could not be shown');
    expect(alert).toHaveTextContent('Reload the pane and try again.');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));
    expect(reload).toHaveBeenCalledOnce();
  });
});
