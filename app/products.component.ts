import type { ComponentFactory } from '../adapters/component';

/**
 * Loads the Support Group's products from the WBBSi page on first start (nothing happens when any
 * product exists, and two instances starting together insert each product once).
 */
export const productsComponent: ComponentFactory = ({ core, logger }) => ({
  name: 'products',
  async start() {
    const loaded = await core.products.seed();
    if (loaded) logger.info({ products: loaded }, 'initial product list loaded (first start)');
  },
  async stop() {},
});
