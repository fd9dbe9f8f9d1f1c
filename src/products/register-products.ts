import type { Conversation } from '../conversation/conversation';
import { say } from '../conversation/reply';
import type { ConsultationAnswer } from '../db/models/consultation.model';
import { canManageProducts } from '../domain/permissions';
import type { ReportFormat } from '../reports/render/render-report';
import { registerProductCommands } from './product-commands';
import { createProductsService, type ProductsServiceDeps } from './products.service';

/** The buttons of consultation messages; `value` is the round id (export: `${roundId}|${format}`). */
export const CONSULTATION_ACTIONS = ['consult.agree', 'consult.agree-comments', 'consult.object', 'consult.comment', 'consult.export'] as const;

/**
 * Products and consultations, wired into the conversation (commands and buttons). Called once from
 * createCore; returns the service the scheduler calls (`runConsultationJobs`) and the products
 * component seeds with.
 */
export function registerProducts(deps: ProductsServiceDeps, conversation: Pick<Conversation, 'commands' | 'actions'>) {
  const service = createProductsService(deps);
  registerProductCommands(conversation.commands, { service, store: deps.store, clock: deps.clock, timezone: deps.config.timezone });

  const answers: Record<string, ConsultationAnswer> = { 'consult.agree': 'agree', 'consult.agree-comments': 'agree-comments', 'consult.object': 'object' };
  for (const [action, answer] of Object.entries(answers)) {
    conversation.actions.register(action, async (actor, value) => say(await service.answer(actor, value, answer)));
  }
  conversation.actions.register('consult.comment', async (actor, value) => say(await service.commentHelp(actor, value)));
  conversation.actions.register('consult.export', async (actor, value) => {
    if (!canManageProducts(actor)) return say('Sorry, the consultation digest is for the IISG Secretariat.');
    const [roundId = '', format = 'xlsx'] = value.split('|');
    const fmt: ReportFormat = format === 'csv' || format === 'md' ? format : 'xlsx';
    return { messages: [{ text: `Consultation ${roundId}, as ${fmt}.` }], files: await service.exportRound(actor, roundId, fmt) };
  });
  return service;
}
