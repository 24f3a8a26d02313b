import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorNotice } from '../ui/ErrorNotice';

interface LoadBoundaryProps {
  children: ReactNode;
  /** Loads the pane again; a code part that failed to arrive (offline, or replaced by a newer version) comes anew. */
  reload?: () => void;
}

/**
 * Around the views the pane loads on demand: a part that cannot be fetched (or fails while drawing) leaves a message
 * and a way out instead of an empty pane.
 */
export class LoadBoundary extends Component<LoadBoundaryProps, { error: unknown }> {
  override state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    // Where it broke, for whoever looks at the console; no person's data is in a component stack.
    console.error('PeerMentor365: a part of the pane failed', error, info.componentStack);
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <ErrorNotice
        error={this.state.error}
        title="Part of PeerMentor365 could not be shown"
        onRetry={this.props.reload ?? (() => window.location.reload())}
      />
    );
  }
}
