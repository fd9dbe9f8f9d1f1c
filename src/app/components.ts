import type { ComponentFactory } from './app';

/** Every adapter and background service, in mount order (one line each). */
export const componentFactories: ComponentFactory[] = [];
