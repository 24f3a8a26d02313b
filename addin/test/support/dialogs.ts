import { screen } from '@testing-library/react';

/**
 * The open confirmation dialog with this title. Found by its title text rather than by role and accessible name:
 * under load, `findByRole('alertdialog', { name, hidden: true })` missed a dialog that was open in the DOM (seen
 * with Fluent's Dialog in jsdom, where its modalizer marks the rest of the page), failing one run in a few.
 */
export async function findDialog(title: string): Promise<HTMLElement> {
  const heading = await screen.findByText(title, { selector: 'h2' });
  const dialog = heading.closest<HTMLElement>('[role="alertdialog"]');
  if (dialog === null) throw new Error(`"${title}" is not the title of an alert dialog`);
  return dialog;
}
