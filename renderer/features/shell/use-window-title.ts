import { useEffect } from 'react';
import { windowTitle } from '../../../shared/domain/window-title';
import { usePendingCount } from '../../stores/requests-store';

/**
 * Keeps the document title "(3) Taskdeck" while three requests wait for the signed-in user; the
 * desktop shell mirrors the title and takes its badge from it. Signing out puts the bare name back.
 */
export function useWindowTitle(): void {
  const waiting = usePendingCount();
  useEffect(() => {
    document.title = windowTitle(waiting);
  }, [waiting]);
  useEffect(
    () => () => {
      document.title = windowTitle(null);
    },
    [],
  );
}
