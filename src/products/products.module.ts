import type { ActionHandler } from '../conversation/action-registry';
import { say } from '../conversation/reply';
import type { ConsultationAnswer } from '../db/models/consultation.model';
import { canManageProducts } from '../domain/permissions';
import type { FeatureModule, ModuleContext } from '../module';
import type { ReportFormat } from '../render/render-report';
import { productCommands } from './product-commands';
import { createProductsService, type ProductsService } from './products.service';

const ANSWERS: Record<string, ConsultationAnswer> = { 'consult.agree': 'agree', 'consult.agree-comments': 'agree-comments', 'consult.object': 'object' };

/**
 * Products and consultations: `products`, `product …`, `consult …`, `comment …`; the buttons of a
 * consultation request (agree, agree with comments, object, comment) and of its digest (export);
 * the consultation job; the WBBSi page's products loaded on first start.
 */
export function productsModule(ctx: ModuleContext): FeatureModule<ProductsService> {
  const service = createProductsService(ctx);
  const answer = (a: ConsultationAnswer): ActionHandler => async (actor, value) => say(await service.answer(actor, value, a));
  return {
    id: 'products',
    api: service,
    commands: productCommands({ service, store: ctx.store, clock: ctx.clock, timezone: ctx.config.timezone }),
    actions: {
      ...Object.fromEntries(Object.entries(ANSWERS).map(([id, a]) => [id, answer(a)])),
      'consult.comment': async (actor, value) => say(await service.commentHelp(actor, value)),
      // value: `${roundId}|${format}`
      'consult.export': async (actor, value) => {
        if (!canManageProducts(actor)) return say('Sorry, the consultation digest is for the IISG Secretariat.');
        const [roundId = '', format = 'xlsx'] = value.split('|');
        const fmt: ReportFormat = format === 'csv' || format === 'md' ? format : 'xlsx';
        return { messages: [{ text: `Consultation ${roundId}, as ${fmt}.` }], files: await service.exportRound(actor, roundId, fmt) };
      },
    },
    jobs: [{ name: 'consultations', every: 'quarter-hour', run: (at) => service.runConsultationJobs(at) }],
    async onStart() {
      const loaded = await service.seed();
      if (loaded) ctx.logger.info({ products: loaded }, 'initial product list loaded (first start)');
    },
  };
}
