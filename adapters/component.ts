import type { Express } from 'express';
import type { Config } from '../src/config';
import type { Core } from '../src/core';
import type { Component } from '../src/component';
import type { Logger } from '../src/support/logger';

export type { Component };

/** What the composition root hands each adapter: the core, the one HTTP server, the configuration. */
export interface ComponentContext {
  core: Core;
  http: Express;
  config: Config;
  logger: Logger;
}
export type ComponentFactory = (ctx: ComponentContext) => Promise<Component | null> | Component | null;
