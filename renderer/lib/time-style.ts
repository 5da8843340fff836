import { createContext, useContext } from 'react';
import { resolveZone, type TimeStyle } from './time-format';

/** How times are shown, provided once at the root from the user's preferences (components read it, never the store). */
export const TimeStyleContext = createContext<TimeStyle>({ timeZone: resolveZone('local'), hour12: false, language: 'en' });

export function useTimeStyle(): TimeStyle {
  return useContext(TimeStyleContext);
}
