/** The contract's event names (shared/events.ts has no zod, so the renderer imports it directly). */
export { EVENT_NAMES } from '../../../shared/events';
