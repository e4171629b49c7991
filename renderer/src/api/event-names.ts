import type { EventName } from '../../../shared/api';

/**
 * The contract's event names, for the EventSource listeners. `shared/api.ts` also exports them,
 * but that module loads zod at run time, which the renderer must not bundle; the checks below fail
 * to compile if this list and the contract's `Events` ever differ.
 */
export const EVENT_NAMES = ['run/progress', 'run/finished', 'run/log'] as const satisfies readonly EventName[];

type Missing = Exclude<EventName, (typeof EVENT_NAMES)[number]>;
const everyEventListed: [Missing] extends [never] ? true : Missing = true;
void everyEventListed;
