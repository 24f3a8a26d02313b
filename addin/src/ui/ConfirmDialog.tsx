import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';
import type React from 'react';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: React.ReactNode;
  /** The button that does it: says what happens ("Cancel the session"). */
  confirmLabel: string;
  /** The button that changes nothing ("Keep it"). */
  keepLabel: string;
  onConfirm: () => void;
  onKeep: () => void;
}

/**
 * Asks before something that cannot be taken back (a cancelled session, an ended series) or that is probably a slip (a
 * due date already past). An alert dialog: Escape and the keep button change nothing.
 */
export const ConfirmDialog: React.FC<ConfirmDialogProps> = ({ open, title, children, confirmLabel, keepLabel, onConfirm, onKeep }) => (
  <Dialog modalType="alert" open={open} onOpenChange={(_e, data) => (data.open ? undefined : onKeep())}>
    <DialogSurface>
      <DialogBody>
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>{children}</DialogContent>
        <DialogActions fluid>
          <Button appearance="primary" onClick={onConfirm}>
            {confirmLabel}
          </Button>
          <Button appearance="secondary" onClick={onKeep}>
            {keepLabel}
          </Button>
        </DialogActions>
      </DialogBody>
    </DialogSurface>
  </Dialog>
);
