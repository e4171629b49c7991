/** Event names of the contract, in a module without zod so the renderer may import it at run time. */
export const EVENT_NAMES = ['run/progress', 'run/finished', 'run/log', 'task/progress'] as const;
